//! `cv`: grouped k-fold cross-validation of a training setting: each fold
//! ([`crate::labeled::folds`]) is held out in turn, predicted by a model trained on the others,
//! and scored beside the majority-class baseline; the folds' scores and the pooled held-out rows
//! make the report.

use std::fmt::Write as _;

use rayon::prelude::*;

use super::metrics::{bootstrap, Intervals, Report, BOOTSTRAP_RESAMPLES};
use crate::labeled::{Fold, LabeledSet};
use crate::model::fit::train_path;
use crate::model::{StanceModel, ValidTrainParams};
use crate::Result;

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

    #[test]
    fn mean_and_sd() {
        let (m, sd) = mean_sd([1.0, 3.0]);
        assert_eq!((m, sd), (2.0, 1.0));
    }
}
