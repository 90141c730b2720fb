//! Precision, recall and F1 computed from confusion counts (linfa 0.8.1's `ConfusionMatrix`
//! swaps precision and recall, so it is not used), and a report laid out like scikit-learn's
//! `classification_report`.

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
}
