//! Precision, recall and F1 computed from confusion counts (linfa 0.8.1's `ConfusionMatrix`
//! swaps precision and recall, so it is not used), and a report laid out like scikit-learn's
//! `classification_report`; bootstrap 95% intervals of accuracy and macro-F1 ([`bootstrap`]) and
//! the expected calibration error ([`calibration`]).

use std::fmt::Write as _;

use serde::Serialize;

/// Scores of one label.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ClassScores {
    pub precision: f64,
    pub recall: f64,
    pub f1: f64,
    pub support: usize,
}

/// A classification report. `confusion[t][p]` counts rows of true label `t` predicted as `p`.
#[derive(Debug, Clone, PartialEq)]
pub struct Report {
    pub labels: Vec<String>,
    pub confusion: Vec<Vec<usize>>,
    pub per_class: Vec<ClassScores>,
    pub accuracy: f64,
    /// Unweighted mean of the per-label F1.
    pub macro_f1: f64,
    pub n: usize,
}

/// `a / b`, or 0 when `b` is 0 (scikit-learn's `zero_division=0`).
fn ratio(a: f64, b: f64) -> f64 {
    if b == 0.0 {
        0.0
    } else {
        a / b
    }
}

impl Report {
    /// Builds the report from a square confusion matrix (rows truth, columns predicted).
    pub fn from_confusion(labels: Vec<String>, confusion: Vec<Vec<usize>>) -> Self {
        let k = labels.len();
        let n: usize = confusion.iter().flatten().sum();
        let correct: usize = (0..k).map(|i| confusion[i][i]).sum();
        let per_class: Vec<ClassScores> = (0..k)
            .map(|i| {
                let tp = confusion[i][i] as f64;
                let support: usize = confusion[i].iter().sum();
                let predicted: usize = confusion.iter().map(|row| row[i]).sum();
                let precision = ratio(tp, predicted as f64);
                let recall = ratio(tp, support as f64);
                ClassScores {
                    precision,
                    recall,
                    f1: ratio(2.0 * precision * recall, precision + recall),
                    support,
                }
            })
            .collect();
        let macro_f1 = ratio(per_class.iter().map(|c| c.f1).sum(), k as f64);
        Report {
            labels,
            confusion,
            per_class,
            accuracy: ratio(correct as f64, n as f64),
            macro_f1,
            n,
        }
    }

    /// Builds the report from paired true and predicted label indices.
    pub fn from_pairs(labels: Vec<String>, pairs: impl IntoIterator<Item = (usize, usize)>) -> Self {
        let k = labels.len();
        let mut confusion = vec![vec![0; k]; k];
        for (t, p) in pairs {
            confusion[t][p] += 1;
        }
        Self::from_confusion(labels, confusion)
    }

    /// The text report: per-label table, accuracy, macro and weighted averages (as
    /// scikit-learn's `classification_report`), then the confusion matrix.
    pub fn to_text(&self) -> String {
        let width = self
            .labels
            .iter()
            .map(String::len)
            .max()
            .unwrap_or(0)
            .max("weighted avg".len());
        let mut s = String::new();
        let _ = writeln!(
            s,
            "{:>width$} {:>9} {:>9} {:>9} {:>9}\n",
            "", "precision", "recall", "f1-score", "support"
        );
        for (label, c) in self.labels.iter().zip(&self.per_class) {
            let _ = writeln!(
                s,
                "{label:>width$} {:>9.2} {:>9.2} {:>9.2} {:>9}",
                c.precision, c.recall, c.f1, c.support
            );
        }
        let _ = writeln!(s);
        let _ = writeln!(
            s,
            "{:>width$} {:>9} {:>9} {:>9.2} {:>9}",
            "accuracy", "", "", self.accuracy, self.n
        );
        let k = self.per_class.len().max(1) as f64;
        let mean = |f: fn(&ClassScores) -> f64| self.per_class.iter().map(f).sum::<f64>() / k;
        let weighted = |f: fn(&ClassScores) -> f64| {
            ratio(
                self.per_class.iter().map(|c| f(c) * c.support as f64).sum(),
                self.n as f64,
            )
        };
        let _ = writeln!(
            s,
            "{:>width$} {:>9.2} {:>9.2} {:>9.2} {:>9}",
            "macro avg",
            mean(|c| c.precision),
            mean(|c| c.recall),
            self.macro_f1,
            self.n
        );
        let _ = writeln!(
            s,
            "{:>width$} {:>9.2} {:>9.2} {:>9.2} {:>9}",
            "weighted avg",
            weighted(|c| c.precision),
            weighted(|c| c.recall),
            weighted(|c| c.f1),
            self.n
        );
        let _ = writeln!(s, "\nconfusion matrix (rows: true label, columns: predicted)");
        let cell = self.labels.iter().map(String::len).max().unwrap_or(0).max(6);
        let _ = write!(s, "{:>cell$}", "");
        for l in &self.labels {
            let _ = write!(s, " {l:>cell$}");
        }
        let _ = writeln!(s);
        for (l, row) in self.labels.iter().zip(&self.confusion) {
            let _ = write!(s, "{l:>cell$}");
            for v in row {
                let _ = write!(s, " {v:>cell$}");
            }
            let _ = writeln!(s);
        }
        s
    }

    /// The JSON report: `accuracy`, `macro_f1`, `per_class` (label -> precision, recall, f1,
    /// support), `confusion` (`labels`, `matrix`), `n`.
    pub fn to_json(&self) -> serde_json::Value {
        let per_class: serde_json::Map<String, serde_json::Value> = self
            .labels
            .iter()
            .zip(&self.per_class)
            .map(|(l, c)| (l.clone(), serde_json::to_value(c).expect("plain numbers")))
            .collect();
        serde_json::json!({
            "accuracy": self.accuracy,
            "macro_f1": self.macro_f1,
            "per_class": per_class,
            "confusion": {"labels": self.labels, "matrix": self.confusion},
            "n": self.n,
        })
    }
}

/// A 95% interval `[low, high]`.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct Interval {
    pub low: f64,
    pub high: f64,
}

/// What a bootstrap resampled: whole groups (articles, claims) or single rows.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Resampled {
    Groups,
    Rows,
}

/// Percentile-bootstrap 95% intervals of accuracy and macro-F1.
#[derive(Debug, Clone, PartialEq)]
pub struct Intervals {
    pub accuracy: Interval,
    pub macro_f1: Interval,
    pub resampled: Resampled,
    /// How many units (groups or rows) were resampled.
    pub units: usize,
    pub resamples: usize,
}

/// Bootstrap resamples drawn by [`bootstrap`]'s callers. Default `2000`.
pub const BOOTSTRAP_RESAMPLES: usize = 2000;

/// Fewest groups that are resampled as groups; with fewer, rows are resampled (two groups give
/// only three distinct resamples, which is no interval). Default `5`.
pub const MIN_BOOTSTRAP_GROUPS: usize = 5;

impl Intervals {
    /// The method in words, e.g. `percentile bootstrap over 11 groups (whole articles, or
    /// --group-by values, drawn with replacement), 2000 resamples`.
    pub fn method(&self) -> String {
        match self.resampled {
            Resampled::Groups => format!(
                "percentile bootstrap over {} groups (whole articles, or --group-by values, drawn with replacement), {} resamples",
                self.units, self.resamples
            ),
            Resampled::Rows => format!(
                "percentile bootstrap over {} rows (fewer than {MIN_BOOTSTRAP_GROUPS} groups: rows of one group are not independent, so the interval is too narrow), {} resamples",
                self.units, self.resamples
            ),
        }
    }

    /// Two lines for text reports: the intervals and the method.
    pub fn to_text(&self) -> String {
        format!(
            "95% intervals: accuracy [{:.3}, {:.3}], macro-F1 [{:.3}, {:.3}]\n({})\n",
            self.accuracy.low,
            self.accuracy.high,
            self.macro_f1.low,
            self.macro_f1.high,
            self.method()
        )
    }

    /// `accuracy_ci`, `macro_f1_ci` (`[low, high]`) and `ci_method` fields.
    pub fn to_json(&self) -> serde_json::Value {
        serde_json::json!({
            "accuracy_ci": [self.accuracy.low, self.accuracy.high],
            "macro_f1_ci": [self.macro_f1.low, self.macro_f1.high],
            "ci_method": {"resampled": self.resampled, "units": self.units, "resamples": self.resamples,
                          "text": self.method()},
        })
    }
}

/// The `q` quantile of sorted values (linear interpolation, as numpy's default).
fn quantile(sorted: &[f64], q: f64) -> f64 {
    let pos = q * (sorted.len() - 1) as f64;
    let (lo, hi) = (pos.floor() as usize, pos.ceil() as usize);
    sorted[lo] + (sorted[hi] - sorted[lo]) * (pos - lo as f64)
}

/// Percentile-bootstrap 95% intervals of accuracy and macro-F1 of `(truth, predicted)` pairs.
/// With `groups` (one key per pair) holding at least [`MIN_BOOTSTRAP_GROUPS`] distinct keys,
/// whole groups are drawn with replacement (rows of one article are not independent);
/// otherwise rows are. Deterministic for a `seed`. `pairs` must not be empty.
pub fn bootstrap(
    labels: &[String],
    pairs: &[(usize, usize)],
    groups: Option<&[String]>,
    resamples: usize,
    seed: u64,
) -> Intervals {
    let mut units: Vec<Vec<usize>> = Vec::new();
    if let Some(groups) = groups {
        let mut index: std::collections::HashMap<&str, usize> = std::collections::HashMap::new();
        for (i, g) in groups.iter().enumerate() {
            let u = *index.entry(g.as_str()).or_insert_with(|| {
                units.push(Vec::new());
                units.len() - 1
            });
            units[u].push(i);
        }
    }
    let resampled = if units.len() >= MIN_BOOTSTRAP_GROUPS {
        Resampled::Groups
    } else {
        units = (0..pairs.len()).map(|i| vec![i]).collect();
        Resampled::Rows
    };
    let k = labels.len();
    let mut rng = <rand_xoshiro::SplitMix64 as rand::SeedableRng>::seed_from_u64(seed);
    let (mut acc, mut f1) = (Vec::with_capacity(resamples), Vec::with_capacity(resamples));
    let mut confusion = vec![vec![0usize; k]; k];
    for _ in 0..resamples.max(1) {
        confusion.iter_mut().for_each(|r| r.fill(0));
        for _ in 0..units.len() {
            for &i in &units[crate::labeled::folds::below(&mut rng, units.len())] {
                let (t, p) = pairs[i];
                confusion[t][p] += 1;
            }
        }
        let r = Report::from_confusion(labels.to_vec(), confusion.clone());
        acc.push(r.accuracy);
        f1.push(r.macro_f1);
    }
    let interval = |v: &mut Vec<f64>| {
        v.sort_by(f64::total_cmp);
        Interval {
            low: quantile(v, 0.025),
            high: quantile(v, 0.975),
        }
    };
    Intervals {
        accuracy: interval(&mut acc),
        macro_f1: interval(&mut f1),
        resampled,
        units: units.len(),
        resamples: resamples.max(1),
    }
}

/// Bins of [`calibration`].
pub const CALIBRATION_BINS: usize = 10;

/// One confidence bin: predictions whose top probability falls in `[low, high)` (the last bin
/// includes 1).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct CalibrationBin {
    pub low: f64,
    pub high: f64,
    pub count: usize,
    /// Mean top probability of the bin's predictions (0 when empty).
    pub confidence: f64,
    /// Share of the bin's predictions that are right (0 when empty).
    pub accuracy: f64,
}

/// Reliability of the top probability: [`CALIBRATION_BINS`] equal-width bins and the expected
/// calibration error, `sum over bins of (count / n) * |accuracy - confidence|`.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Calibration {
    pub bins: Vec<CalibrationBin>,
    pub ece: f64,
    pub n: usize,
}

/// Calibration of `(top probability, right?)` pairs over [`CALIBRATION_BINS`] bins.
pub fn calibration(predictions: &[(f64, bool)]) -> Calibration {
    let b = CALIBRATION_BINS;
    let mut sums = vec![(0usize, 0.0f64, 0usize); b];
    for &(p, right) in predictions {
        let i = ((p * b as f64).floor() as usize).min(b - 1);
        sums[i].0 += 1;
        sums[i].1 += p;
        sums[i].2 += right as usize;
    }
    let n = predictions.len();
    let bins: Vec<CalibrationBin> = sums
        .iter()
        .enumerate()
        .map(|(i, &(count, conf, right))| CalibrationBin {
            low: i as f64 / b as f64,
            high: (i + 1) as f64 / b as f64,
            count,
            confidence: ratio(conf, count as f64),
            accuracy: ratio(right as f64, count as f64),
        })
        .collect();
    let ece = bins
        .iter()
        .map(|bin| ratio(bin.count as f64, n as f64) * (bin.accuracy - bin.confidence).abs())
        .sum();
    Calibration { bins, ece, n }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn labels() -> Vec<String> {
        ["a", "b", "c"].iter().map(|s| s.to_string()).collect()
    }

    /// Hand-computed: confusion (rows truth)
    ///   a: [5, 1, 0]   b: [2, 3, 1]   c: [0, 0, 4]
    /// precision a = 5/7, b = 3/4, c = 4/5; recall a = 5/6, b = 3/6, c = 4/4.
    #[test]
    fn scores_match_hand_computed_values() {
        let r = Report::from_confusion(labels(), vec![vec![5, 1, 0], vec![2, 3, 1], vec![0, 0, 4]]);
        let f1 = |p: f64, r: f64| 2.0 * p * r / (p + r);
        let want = [
            (5.0 / 7.0, 5.0 / 6.0, 6usize),
            (3.0 / 4.0, 3.0 / 6.0, 6),
            (4.0 / 5.0, 1.0, 4),
        ];
        for (got, (p, rc, sup)) in r.per_class.iter().zip(want) {
            assert!((got.precision - p).abs() < 1e-12, "precision {got:?}");
            assert!((got.recall - rc).abs() < 1e-12, "recall {got:?}");
            assert!((got.f1 - f1(p, rc)).abs() < 1e-12);
            assert_eq!(got.support, sup);
        }
        assert_eq!(r.n, 16);
        assert!((r.accuracy - 12.0 / 16.0).abs() < 1e-12);
        let macro_f1 = (f1(5.0 / 7.0, 5.0 / 6.0) + f1(0.75, 0.5) + f1(0.8, 1.0)) / 3.0;
        assert!((r.macro_f1 - macro_f1).abs() < 1e-12);
    }

    #[test]
    fn never_predicted_label_scores_zero_not_nan() {
        let r = Report::from_pairs(labels(), [(0, 0), (1, 0), (2, 0)]);
        assert_eq!(r.per_class[1].precision, 0.0);
        assert_eq!(r.per_class[1].f1, 0.0);
        assert!(r.macro_f1.is_finite());
    }

    #[test]
    fn text_and_json_layouts() {
        let r = Report::from_pairs(labels(), [(0, 0), (1, 1), (2, 0)]);
        let text = r.to_text();
        assert!(text.contains("precision    recall  f1-score   support"), "{text}");
        assert!(text.contains("macro avg") && text.contains("weighted avg") && text.contains("accuracy"));
        let json = r.to_json();
        for key in ["accuracy", "macro_f1", "per_class", "confusion", "n"] {
            assert!(json.get(key).is_some(), "{key}");
        }
        assert_eq!(json["confusion"]["matrix"][2][0], 1);
        assert_eq!(json["per_class"]["a"]["support"], 1);
    }
    /// Table-driven: on constructed cases of 5, 20 and 80 groups of 10 rows (groups 60% or 80%
    /// right),
    /// the interval holds the point estimate, and it shrinks as groups and rows grow.
    #[test]
    fn bootstrap_interval_holds_the_estimate_and_shrinks_with_more_data() {
        let mut widths = Vec::new();
        for (n_groups, per_group) in [(5, 10), (20, 10), (80, 10)] {
            let mut pairs = Vec::new();
            let mut groups = Vec::new();
            for g in 0..n_groups {
                for i in 0..per_group {
                    let truth = (g + i) % 3;
                    // groups differ: some 60% right, some 80%
                    let right = (i * 10) < per_group * if g % 2 == 0 { 6 } else { 8 };
                    pairs.push((truth, if right { truth } else { (truth + 1) % 3 }));
                    groups.push(format!("g{g}"));
                }
            }
            let point = Report::from_pairs(labels(), pairs.iter().copied());
            let ci = bootstrap(&labels(), &pairs, Some(&groups), 1000, 7);
            assert_eq!(ci.resampled, Resampled::Groups);
            assert_eq!(ci.units, n_groups);
            assert!(
                ci.accuracy.low <= point.accuracy && point.accuracy <= ci.accuracy.high,
                "{ci:?}"
            );
            assert!(
                ci.macro_f1.low <= point.macro_f1 && point.macro_f1 <= ci.macro_f1.high,
                "{ci:?}"
            );
            assert!(ci.accuracy.high - ci.accuracy.low > 0.0);
            widths.push(ci.macro_f1.high - ci.macro_f1.low);
            // deterministic for a seed
            assert_eq!(ci, bootstrap(&labels(), &pairs, Some(&groups), 1000, 7));
        }
        assert!(widths[0] > widths[1] && widths[1] > widths[2], "{widths:?}");
    }

    #[test]
    fn bootstrap_falls_back_to_rows_with_few_groups() {
        let pairs = [(0, 0), (1, 1), (2, 0), (0, 0), (1, 2), (2, 2)];
        let groups: Vec<String> = ["a", "a", "a", "b", "b", "b"].iter().map(|s| s.to_string()).collect();
        let ci = bootstrap(&labels(), &pairs, Some(&groups), 200, 0);
        assert_eq!((ci.resampled, ci.units), (Resampled::Rows, 6));
        assert!(ci.method().contains("over 6 rows"));
        let json = ci.to_json();
        assert_eq!(json["accuracy_ci"].as_array().unwrap().len(), 2);
        assert!(json["macro_f1_ci"][0].as_f64().unwrap() <= json["macro_f1_ci"][1].as_f64().unwrap());
    }

    #[test]
    fn calibration_error_table() {
        // (predictions, expected ECE)
        let cases: Vec<(Vec<(f64, bool)>, f64)> = vec![
            // perfectly calibrated: in the 0.75 bin 3 of 4 right, in the 0.55 bin 11 of 20 right
            (
                std::iter::repeat_n((0.75, true), 3)
                    .chain([(0.75, false)])
                    .chain(std::iter::repeat_n((0.55, true), 11))
                    .chain(std::iter::repeat_n((0.55, false), 9))
                    .collect(),
                0.0,
            ),
            // hand-computed: bin 0.9 holds 0.95, 0.95 (1 right) -> |0.5 - 0.95| = 0.45, weight 2/4;
            // bin 0.6 holds 0.6, 0.6 (2 right) -> |1 - 0.6| = 0.4, weight 2/4; ECE = 0.425
            (vec![(0.95, true), (0.95, false), (0.6, true), (0.6, true)], 0.425),
            // a top probability of exactly 1 lands in the last bin
            (vec![(1.0, true)], 0.0),
        ];
        for (preds, want) in cases {
            let c = calibration(&preds);
            assert!((c.ece - want).abs() < 1e-12, "ECE {} want {want}", c.ece);
            assert_eq!(c.bins.len(), CALIBRATION_BINS);
            assert_eq!(c.bins.iter().map(|b| b.count).sum::<usize>(), preds.len());
        }
    }
}
