//! `cv`: grouped k-fold cross-validation. Rows sharing a group value (by default the `doc`
//! column, one article) are never split between training and test. With at least as many folds
//! as groups, every group is its own fold (leave-one-group-out).
//!
//! Fold assignment, deterministic for a seed: the distinct groups are shuffled (SplitMix64 and
//! Fisher-Yates, seeded), then, largest first (ties in shuffled order), each group goes to the
//! fold holding the fewest rows so far (ties: the lower fold), as scikit-learn's `GroupKFold`.

use std::collections::BTreeMap;
use std::fmt::Write as _;

use rand::{RngCore, SeedableRng};
use rand_xoshiro::SplitMix64;
use rayon::prelude::*;

use super::metrics::{bootstrap, Intervals, Report, BOOTSTRAP_RESAMPLES};
use super::train::train_path;
use crate::data::LabeledSet;
use crate::model::{StanceModel, ValidTrainParams};
use crate::{Error, Result};

/// One fold: row indices held out for testing; the rest train.
#[derive(Debug, Clone, PartialEq)]
pub struct Fold {
    pub test: Vec<usize>,
    pub train: Vec<usize>,
    /// The groups held out, in first-seen order.
    pub groups: Vec<String>,
}

/// A uniform index in `0..n` (`n > 0`) from the seeded generator of folds and bootstrap
/// resamples (rand_xoshiro's SplitMix64); the tiny modulo bias does not matter for shuffling
/// folds or resampling, and keeps the draws of every seed as they always were.
pub(crate) fn below(rng: &mut SplitMix64, n: usize) -> usize {
    (rng.next_u64() % n as u64) as usize
}

impl LabeledSet {
    /// The rows' grouped folds (see [`grouped_folds`]), grouped by each row's group value.
    pub fn folds(&self, k: usize, seed: u64) -> Result<Vec<Fold>> {
        let groups: Vec<String> = self.rows.iter().map(|r| r.group.clone()).collect();
        grouped_folds(&groups, k, seed)
    }
}

/// Splits rows with the given group keys into `k` grouped folds (`k >= 2`; at least two
/// groups). When `k` is at least the number of groups, each group is one fold, in first-seen
/// order.
pub fn grouped_folds(groups: &[String], k: usize, seed: u64) -> Result<Vec<Fold>> {
    if k < 2 {
        return Err(Error::InvalidParam {
            name: "folds",
            value: k.to_string(),
            expected: "must be at least 2".into(),
        });
    }
    let mut order: Vec<&str> = Vec::new();
    let mut members: BTreeMap<&str, Vec<usize>> = BTreeMap::new();
    for (i, g) in groups.iter().enumerate() {
        let entry = members.entry(g.as_str()).or_default();
        if entry.is_empty() {
            order.push(g.as_str());
        }
        entry.push(i);
    }
    if order.len() < 2 {
        return Err(Error::BadTrainingData {
            what: format!(
                "cross-validation needs at least 2 groups, the data has {} (group column values: {})",
                order.len(),
                order.join(", ")
            ),
        });
    }
    let assignment: Vec<Vec<&str>> = if k >= order.len() {
        order.iter().map(|g| vec![*g]).collect()
    } else {
        let mut rng = SplitMix64::seed_from_u64(seed);
        let mut shuffled = order.clone();
        for i in (1..shuffled.len()).rev() {
            let j = below(&mut rng, i + 1);
            shuffled.swap(i, j);
        }
        shuffled.sort_by_key(|g| std::cmp::Reverse(members[g].len())); // stable
        let mut folds: Vec<Vec<&str>> = vec![Vec::new(); k];
        let mut sizes = vec![0usize; k];
        for g in shuffled {
            let f = (0..k).min_by_key(|&f| (sizes[f], f)).expect("k >= 2");
            sizes[f] += members[g].len();
            folds[f].push(g);
        }
        folds
    };
    Ok(assignment
        .into_iter()
        .map(|gs| {
            let mut test: Vec<usize> = gs.iter().flat_map(|g| members[g].iter().copied()).collect();
            test.sort_unstable();
            let mut held = vec![false; groups.len()];
            test.iter().for_each(|&i| held[i] = true);
            let train = (0..groups.len()).filter(|&i| !held[i]).collect();
            let mut gs: Vec<String> = gs.iter().map(|g| g.to_string()).collect();
            gs.sort_by_key(|g| order.iter().position(|o| o == g));
            Fold {
                test,
                train,
                groups: gs,
            }
        })
        .collect())
}

/// Scores of one fold.
#[derive(Debug, Clone, PartialEq)]
pub struct FoldScore {
    /// The groups held out.
    pub groups: Vec<String>,
    pub train_rows: usize,
    pub test_rows: usize,
    pub accuracy: f64,
    pub macro_f1: f64,
    pub baseline_accuracy: f64,
    pub baseline_macro_f1: f64,
}

/// A cross-validation run for one setting.
#[derive(Debug, Clone, PartialEq)]
pub struct CvReport {
    pub folds: Vec<FoldScore>,
    /// Every held-out row, scored by the model of its fold.
    pub pooled: Report,
    /// The same rows, each predicted as its fold's most frequent training label.
    pub baseline: Report,
    /// The pooled rows' `(truth, predicted)` label indices and groups, in fold order (for
    /// [`CvReport::intervals`]).
    pub pooled_pairs: Vec<(usize, usize)>,
    pub pooled_groups: Vec<String>,
}

/// Predictions of one fold's models (one per `C`) and of its majority-class baseline, as
/// `(truth, predicted)` label indices over all labels of the data.
struct FoldPredictions {
    per_c: Vec<Vec<(usize, usize)>>,
    baseline: Vec<(usize, usize)>,
}

fn predict_fold(
    data: &LabeledSet,
    labels: &[String],
    fold: &Fold,
    params: &ValidTrainParams,
    cs: &[f64],
) -> Result<FoldPredictions> {
    let (models, _) = train_path(&data.subset(&fold.train), params, cs)?;
    let global = |m: &StanceModel, i: usize| labels.binary_search(&m.labels()[i]).expect("label of the data");
    let truth = |i: usize| labels.binary_search(&data.rows[i].label).expect("label of the data");
    let majority = majority_label(&models[0]);
    let baseline = fold
        .test
        .iter()
        .map(|&i| (truth(i), global(&models[0], majority)))
        .collect();
    // Every model of the path shares one featurizer: featurize the test rows once.
    let mut claims = crate::features::Claims::default();
    let rows: Vec<_> = fold
        .test
        .iter()
        .map(|&i| models[0].featurize_with(&data.rows[i].text, claims.get(&data.rows[i].claim)))
        .collect();
    let per_c = models
        .iter()
        .map(|m| {
            fold.test
                .iter()
                .zip(&rows)
                .map(|(&i, row)| (truth(i), global(m, m.predict_row(row).label)))
                .collect()
        })
        .collect();
    Ok(FoldPredictions { per_c, baseline })
}

/// The model's most frequent training label (the first on ties).
pub fn majority_label(model: &StanceModel) -> usize {
    let counts = &model.training().rows_per_label;
    let mut best = 0;
    for (i, &c) in counts.iter().enumerate() {
        if c > counts[best] {
            best = i;
        }
    }
    best
}

/// Cross-validates the settings `params` with each `C` of `cs` (one featurization and one
/// warm-started regularization path per fold); one report per `C`.
pub fn cross_validate_path(
    data: &LabeledSet,
    folds: &[Fold],
    params: &ValidTrainParams,
    cs: &[f64],
) -> Result<Vec<CvReport>> {
    let labels = data.labels();
    // Folds are fitted in parallel (rayon); results keep fold order, so output is deterministic.
    let fold_preds = folds
        .par_iter()
        .map(|f| predict_fold(data, &labels, f, params, cs))
        .collect::<Result<Vec<_>>>()?;
    let report = |pairs: &[(usize, usize)]| Report::from_pairs(labels.clone(), pairs.iter().copied());
    Ok((0..cs.len())
        .map(|c| {
            let mut scores = Vec::new();
            let (mut all, mut all_base, mut all_groups) = (Vec::new(), Vec::new(), Vec::new());
            for (fold, preds) in folds.iter().zip(&fold_preds) {
                let (m, b) = (report(&preds.per_c[c]), report(&preds.baseline));
                scores.push(FoldScore {
                    groups: fold.groups.clone(),
                    train_rows: fold.train.len(),
                    test_rows: fold.test.len(),
                    accuracy: m.accuracy,
                    macro_f1: m.macro_f1,
                    baseline_accuracy: b.accuracy,
                    baseline_macro_f1: b.macro_f1,
                });
                all.extend_from_slice(&preds.per_c[c]);
                all_base.extend_from_slice(&preds.baseline);
                all_groups.extend(fold.test.iter().map(|&i| data.rows[i].group.clone()));
            }
            CvReport {
                folds: scores,
                pooled: report(&all),
                baseline: report(&all_base),
                pooled_pairs: all,
                pooled_groups: all_groups,
            }
        })
        .collect())
}

/// Cross-validates one setting.
pub fn cross_validate(data: &LabeledSet, folds: &[Fold], params: &ValidTrainParams) -> Result<CvReport> {
    let c = params.get().classifier.c;
    Ok(cross_validate_path(data, folds, params, &[c])?.remove(0))
}

/// Mean and population standard deviation.
pub fn mean_sd(values: impl IntoIterator<Item = f64>) -> (f64, f64) {
    let v: Vec<f64> = values.into_iter().collect();
    if v.is_empty() {
        return (0.0, 0.0);
    }
    let mean = v.iter().sum::<f64>() / v.len() as f64;
    let var = v.iter().map(|x| (x - mean).powi(2)).sum::<f64>() / v.len() as f64;
    (mean, var.sqrt())
}

impl CvReport {
    /// Mean and standard deviation over folds of accuracy and of macro-F1.
    pub fn accuracy(&self) -> (f64, f64) {
        mean_sd(self.folds.iter().map(|f| f.accuracy))
    }

    pub fn macro_f1(&self) -> (f64, f64) {
        mean_sd(self.folds.iter().map(|f| f.macro_f1))
    }

    /// 95% bootstrap intervals of the pooled accuracy and macro-F1: over groups when the
    /// held-out rows hold enough of them, over rows otherwise (seed 0).
    pub fn intervals(&self) -> Intervals {
        bootstrap(
            &self.pooled.labels,
            &self.pooled_pairs,
            Some(&self.pooled_groups),
            BOOTSTRAP_RESAMPLES,
            0,
        )
    }

    pub fn baseline_accuracy(&self) -> (f64, f64) {
        mean_sd(self.folds.iter().map(|f| f.baseline_accuracy))
    }

    pub fn baseline_macro_f1(&self) -> (f64, f64) {
        mean_sd(self.folds.iter().map(|f| f.baseline_macro_f1))
    }

    /// Per-fold table, means ± standard deviations beside the majority-class baseline, then
    /// the pooled report in `eval`'s layout.
    pub fn to_text(&self) -> String {
        let mut s = String::new();
        let _ = writeln!(
            s,
            "{:>4} {:>6} {:>6} {:>6} {:>9} {:>9} {:>13} {:>12}",
            "fold", "groups", "train", "test", "accuracy", "macro-F1", "baseline-acc", "baseline-F1"
        );
        for (i, f) in self.folds.iter().enumerate() {
            let _ = writeln!(
                s,
                "{:>4} {:>6} {:>6} {:>6} {:>9.3} {:>9.3} {:>13.3} {:>12.3}",
                i + 1,
                f.groups.len(),
                f.train_rows,
                f.test_rows,
                f.accuracy,
                f.macro_f1,
                f.baseline_accuracy,
                f.baseline_macro_f1
            );
        }
        let (a, asd) = self.accuracy();
        let (m, msd) = self.macro_f1();
        let (ba, basd) = self.baseline_accuracy();
        let (bm, bmsd) = self.baseline_macro_f1();
        let _ = writeln!(
            s,
            "\n{:<24} {:>15} {:>15}",
            "mean ± sd over folds", "accuracy", "macro-F1"
        );
        let _ = writeln!(s, "{:<24} {:>7.3} ± {:<5.3} {:>7.3} ± {:<5.3}", "model", a, asd, m, msd);
        let _ = writeln!(
            s,
            "{:<24} {:>7.3} ± {:<5.3} {:>7.3} ± {:<5.3}",
            "majority-class baseline", ba, basd, bm, bmsd
        );
        let _ = writeln!(s, "\npooled over the {} held-out rows:\n", self.pooled.n);
        s.push_str(&self.pooled.to_text());
        let _ = write!(s, "\n{}", self.intervals().to_text());
        let _ = writeln!(
            s,
            "\nmajority-class baseline (pooled): accuracy {:.3}, macro-F1 {:.3}",
            self.baseline.accuracy, self.baseline.macro_f1
        );
        s
    }

    /// `folds` (one object per fold), `mean` and `sd` of accuracy and macro-F1, `baseline`
    /// (same, for the majority class), and `pooled` (the `eval --format json` object).
    pub fn to_json(&self) -> serde_json::Value {
        let folds: Vec<serde_json::Value> = self
            .folds
            .iter()
            .map(|f| {
                serde_json::json!({
                    "groups": f.groups.len(), "test_groups": f.groups, "train": f.train_rows, "test": f.test_rows,
                    "accuracy": f.accuracy, "macro_f1": f.macro_f1,
                    "baseline_accuracy": f.baseline_accuracy, "baseline_macro_f1": f.baseline_macro_f1,
                })
            })
            .collect();
        let (a, asd) = self.accuracy();
        let (m, msd) = self.macro_f1();
        let (ba, basd) = self.baseline_accuracy();
        let (bm, bmsd) = self.baseline_macro_f1();
        let mut json = serde_json::json!({
            "folds": folds,
            "mean": {"accuracy": a, "macro_f1": m},
            "sd": {"accuracy": asd, "macro_f1": msd},
            "baseline": {
                "mean": {"accuracy": ba, "macro_f1": bm},
                "sd": {"accuracy": basd, "macro_f1": bmsd},
                "pooled": {"accuracy": self.baseline.accuracy, "macro_f1": self.baseline.macro_f1},
            },
            "pooled": self.pooled.to_json(),
        });
        if let serde_json::Value::Object(ci) = self.intervals().to_json() {
            json.as_object_mut().expect("an object").extend(ci);
        }
        json
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn groups(spec: &[(&str, usize)]) -> Vec<String> {
        spec.iter()
            .flat_map(|(g, n)| std::iter::repeat_n(g.to_string(), *n))
            .collect()
    }

    #[test]
    fn folds_partition_rows_and_never_share_a_group() {
        let g = groups(&[("a", 5), ("b", 3), ("c", 4), ("d", 1), ("e", 2), ("f", 6), ("g", 2)]);
        for (k, seed) in [(2, 0), (3, 1), (5, 7), (7, 0), (10, 3)] {
            let folds = grouped_folds(&g, k, seed).unwrap();
            assert_eq!(folds.len(), k.min(7), "k {k}");
            let mut seen = vec![0; g.len()];
            for f in &folds {
                f.test.iter().for_each(|&i| seen[i] += 1);
                assert_eq!(f.test.len() + f.train.len(), g.len());
                for &i in &f.train {
                    assert!(!f.groups.contains(&g[i]), "group {} on both sides", g[i]);
                }
                for &i in &f.test {
                    assert!(f.groups.contains(&g[i]));
                }
            }
            assert!(seen.iter().all(|&c| c == 1), "every row tested once");
        }
    }

    #[test]
    fn deterministic_for_a_seed_and_leave_one_group_out_when_k_is_large() {
        let g = groups(&[("x", 3), ("y", 3), ("z", 3), ("w", 3), ("v", 3)]);
        assert_eq!(grouped_folds(&g, 2, 42).unwrap(), grouped_folds(&g, 2, 42).unwrap());
        let logo = grouped_folds(&g, 5, 0).unwrap();
        let names: Vec<&str> = logo.iter().map(|f| f.groups[0].as_str()).collect();
        assert_eq!(names, ["x", "y", "z", "w", "v"]);
        assert!(grouped_folds(&g, 1, 0).is_err());
        assert!(grouped_folds(&groups(&[("only", 4)]), 2, 0).is_err());
    }

    /// The generator this module wrote by hand before it used rand_xoshiro's: the reference
    /// that keeps every fold assignment (and so every model trained with temperature scaling)
    /// as it was.
    struct HandWrittenSplitMix64(u64);

    impl HandWrittenSplitMix64 {
        fn next(&mut self) -> u64 {
            self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
            let mut z = self.0;
            z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
            z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
            z ^ (z >> 31)
        }
    }

    #[test]
    fn rand_xoshiro_splitmix64_draws_what_the_hand_written_one_did() {
        for seed in [0, 1, 7, 42, 0x9E37_79B9_7F4A_7C15, u64::MAX] {
            let (mut ours, mut theirs) = (HandWrittenSplitMix64(seed), SplitMix64::seed_from_u64(seed));
            for i in 0..1000 {
                assert_eq!(ours.next(), theirs.next_u64(), "seed {seed}, draw {i}");
            }
        }
    }

    #[test]
    fn mean_and_sd() {
        let (m, sd) = mean_sd([1.0, 3.0]);
        assert_eq!((m, sd), (2.0, 1.0));
    }
}
