//! An exact reduction of the L2-regularized linear fit to the row space of the design matrix.
//!
//! linfa-logistic fits on a dense `rows x features` matrix, so its cost grows with the
//! vocabulary. But with an L2 penalty the optimal weights lie in the span of the training rows
//! (the representer theorem), and the loss only sees `X W`. So, with `K = X X^T` factored by a
//! pivoted Cholesky decomposition as `K = Z Z^T` (`Z`: `rows x r`, `r` the rank of `X`), there is
//! an orthonormal `Q` (`features x r`) with `X = Z Q^T`: fitting `B` on `Z` with the same penalty
//! and setting `W = Q B` gives exactly the weights of the fit on `X` (`X W = Z B`,
//! `||W|| = ||B||`). `Q` is never formed: with `T` the (lower-triangular) pivot rows of `Z`,
//! `Q = X_p^T T^-T`, so `W = X_p^T C` where `T^T C = B`.
//!
//! On Emergent's 2,071 headlines this turns a 2,071 x 16,000 dense problem into a 2,071 x ~2,000
//! one. When there are no more features than rows, the reduction cannot shrink anything and `Z`
//! is simply the dense `X` (so memory never exceeds the direct fit's).

use ndarray::{Array2, ArrayView2};

use crate::features::SparseRow;

/// Below this residual (rows are L2-normalized, so diagonals are at most 1 for TF-IDF rows) a
/// row is taken to lie in the span of the pivot rows already chosen.
const RANK_TOLERANCE: f64 = 1e-10;

/// The factor `Z` of `X X^T` and the pivot rows that define `Q`.
#[derive(Debug, Clone)]
pub struct RowSpace {
    /// `rows x r`.
    pub z: Array2<f64>,
    /// Row indices of the pivots, in pivot order; `z` restricted to them is lower triangular.
    /// `None` when `z` is `X` itself.
    pivots: Option<Vec<usize>>,
}

impl RowSpace {
    /// Factors the Gram matrix of `rows`.
    pub fn new(rows: &[SparseRow], n_features: usize) -> Self {
        let n = rows.len();
        if n_features <= n {
            let mut z = Array2::<f64>::zeros((n, n_features));
            for (i, row) in rows.iter().enumerate() {
                for &(f, v) in row {
                    z[[i, f as usize]] = v;
                }
            }
            return RowSpace { z, pivots: None };
        }
        let gram = gram(rows, n_features);
        // Pivoted (outer-product) Cholesky; `l` is row-major `n x n`, column m filled at step m.
        let mut l = vec![0.0; n * n];
        let mut residual: Vec<f64> = (0..n).map(|i| gram[i * n + i]).collect();
        let mut chosen = vec![false; n];
        let mut pivots = Vec::new();
        let scale = residual.iter().copied().fold(0.0, f64::max).max(f64::MIN_POSITIVE);
        for m in 0..n {
            let Some(p) = (0..n)
                .filter(|&i| !chosen[i])
                .max_by(|&a, &b| residual[a].total_cmp(&residual[b]).then(b.cmp(&a)))
            else {
                break;
            };
            if residual[p] <= RANK_TOLERANCE * scale {
                break;
            }
            chosen[p] = true;
            pivots.push(p);
            let s = residual[p].sqrt();
            let lp: Vec<f64> = l[p * n..p * n + m].to_vec();
            l[p * n + m] = s;
            for j in 0..n {
                if chosen[j] {
                    continue;
                }
                let lj = &l[j * n..j * n + m];
                let v = (gram[j * n + p] - dot(lj, &lp)) / s;
                l[j * n + m] = v;
                residual[j] -= v * v;
            }
        }
        let r = pivots.len();
        let z = Array2::from_shape_fn((n, r), |(i, j)| l[i * n + j]);
        RowSpace {
            z,
            pivots: Some(pivots),
        }
    }

    /// Columns of `z`: the rank found, or the number of features when `z` is `X`.
    pub fn rank(&self) -> usize {
        self.z.ncols()
    }

    /// Maps coefficients `b` (`r x k`) fitted on `z` back to feature weights, row-major
    /// `n_features x k`.
    pub fn lift(&self, rows: &[SparseRow], n_features: usize, b: ArrayView2<f64>) -> Vec<f64> {
        let (r, k) = b.dim();
        let Some(pivots) = &self.pivots else {
            return b.iter().copied().collect();
        };
        // Back substitution for T^T C = B, T[m][q] = z[pivots[m]][q] (lower triangular).
        let mut c = Array2::<f64>::zeros((r, k));
        for m in (0..r).rev() {
            for col in 0..k {
                let mut v = b[[m, col]];
                for q in m + 1..r {
                    v -= self.z[[pivots[q], m]] * c[[q, col]];
                }
                c[[m, col]] = v / self.z[[pivots[m], m]];
            }
        }
        let mut w = vec![0.0; n_features * k];
        for (m, &p) in pivots.iter().enumerate() {
            for &(f, x) in &rows[p] {
                for col in 0..k {
                    w[f as usize * k + col] += x * c[[m, col]];
                }
            }
        }
        w
    }
}

/// Dense `n x n` Gram matrix of sparse rows, through an inverted index.
fn gram(rows: &[SparseRow], n_features: usize) -> Vec<f64> {
    let n = rows.len();
    let mut postings: Vec<Vec<(u32, f64)>> = vec![Vec::new(); n_features];
    for (i, row) in rows.iter().enumerate() {
        for &(f, v) in row {
            postings[f as usize].push((i as u32, v));
        }
    }
    let mut k = vec![0.0; n * n];
    for (i, row) in rows.iter().enumerate() {
        for &(f, v) in row {
            for &(j, u) in &postings[f as usize] {
                if j as usize > i {
                    break;
                }
                k[i * n + j as usize] += v * u;
            }
        }
    }
    for i in 0..n {
        for j in 0..i {
            k[j * n + i] = k[i * n + j];
        }
    }
    k
}

/// Dot product with four accumulators (lets the compiler vectorize).
fn dot(a: &[f64], b: &[f64]) -> f64 {
    let mut acc = [0.0; 4];
    let (ca, cb) = (a.chunks_exact(4), b.chunks_exact(4));
    let tail: f64 = ca.remainder().iter().zip(cb.remainder()).map(|(x, y)| x * y).sum();
    for (x, y) in ca.zip(cb) {
        for i in 0..4 {
            acc[i] += x[i] * y[i];
        }
    }
    acc.iter().sum::<f64>() + tail
}

#[cfg(test)]
mod tests {
    use super::*;

    fn rows() -> Vec<SparseRow> {
        vec![
            vec![(0, 0.6), (3, 0.8)],
            vec![(1, 1.0)],
            vec![(0, 0.6), (3, 0.8)], // duplicate: rank drops
            vec![(2, 0.5), (3, 0.5), (4, 0.7)],
            vec![],
        ]
    }

    #[test]
    fn factor_reproduces_the_gram_matrix() {
        let rows = rows();
        let rs = RowSpace::new(&rows, 6);
        assert_eq!(rs.rank(), 3);
        let k = gram(&rows, 5);
        let zz = rs.z.dot(&rs.z.t());
        for i in 0..5 {
            for j in 0..5 {
                assert!((zz[[i, j]] - k[i * 5 + j]).abs() < 1e-12, "{i},{j}");
            }
        }
    }

    #[test]
    fn lifted_weights_give_the_same_scores_and_norm() {
        let rows = rows();
        for n_features in [6, 5] {
            check_lift(&rows, n_features);
        }
    }

    /// With 6 features the rows are reduced (rank 3); with 5 (no more than the rows) `z` is `X`.
    fn check_lift(rows: &[SparseRow], n_features: usize) {
        let rs = RowSpace::new(rows, n_features);
        assert_eq!(rs.pivots.is_some(), n_features > rows.len());
        let b = Array2::from_shape_fn((rs.rank(), 2), |(i, j)| {
            (i as f64 + 1.0) * if j == 0 { 1.0 } else { -0.5 }
        });
        let w = rs.lift(rows, n_features, b.view());
        let zb = rs.z.dot(&b);
        for (i, row) in rows.iter().enumerate() {
            for col in 0..2 {
                let xw: f64 = row.iter().map(|&(f, v)| v * w[f as usize * 2 + col]).sum();
                assert!((xw - zb[[i, col]]).abs() < 1e-9, "row {i}");
            }
        }
        let norm_w: f64 = w.iter().map(|v| v * v).sum();
        let norm_b: f64 = b.iter().map(|v| v * v).sum();
        assert!((norm_w - norm_b).abs() < 1e-9);
    }
}
