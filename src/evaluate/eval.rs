//! A model against labeled rows, each row's `text` classified as one sentence: what `stance
//! eval` prints and what the report's header shows (`report --eval`).

use super::metrics::{bootstrap, calibration, Calibration, Intervals, Report, BOOTSTRAP_RESAMPLES};
use crate::labeled::LabeledSet;
use crate::model::StanceModel;
use crate::{Error, Result};

/// Seed of the bootstrap behind [`EvalReport::intervals`]. Default `0`.
pub const BOOTSTRAP_SEED: u64 = 0;

/// What `eval` reports: the model's scores, their 95% intervals, its calibration, and the
/// majority-class baseline's scores on the same rows.
#[derive(Debug, Clone)]
pub struct EvalReport {
    pub report: Report,
    /// 95% intervals of accuracy and macro-F1: bootstrap over the rows' groups (the `doc`
    /// column, one article) when there are enough, over rows otherwise.
    pub intervals: Intervals,
    /// Reliability of the top probability (expected calibration error over 10 bins).
    pub calibration: Calibration,
    pub baseline: Report,
    /// The label the baseline predicts for every row.
    pub majority: String,
}

impl EvalReport {
    /// Scores `model` and its majority-class baseline on `data`.
    pub fn new(model: &StanceModel, data: &LabeledSet) -> Result<Self> {
        let (report, intervals, calibration) = evaluate_detailed(model, data)?;
        Ok(EvalReport {
            report,
            intervals,
            calibration,
            baseline: baseline(model, data)?,
            majority: model.labels()[super::cv::majority_label(model)].clone(),
        })
    }

    /// The report laid out like scikit-learn's `classification_report`, the intervals, the
    /// expected calibration error, then the baseline.
    pub fn to_text(&self) -> String {
        format!(
            "{}\n{}expected calibration error (10 bins of the top probability): {:.3}\n\nmajority-class baseline (always `{}`): accuracy {:.3}, macro-F1 {:.3}\n",
            self.report.to_text(),
            self.intervals.to_text(),
            self.calibration.ece,
            self.majority,
            self.baseline.accuracy,
            self.baseline.macro_f1
        )
    }

    /// The report as one JSON object, with `accuracy_ci`, `macro_f1_ci`, `ci_method`,
    /// `calibration` (`ece`, `bins`, `n`) and the baseline under `baseline`.
    pub fn to_json(&self) -> serde_json::Value {
        let mut json = self.report.to_json();
        if let serde_json::Value::Object(ci) = self.intervals.to_json() {
            json.as_object_mut().expect("an object").extend(ci);
        }
        json["calibration"] = serde_json::to_value(&self.calibration).expect("plain numbers");
        json["baseline"] = serde_json::json!({
            "label": self.majority, "accuracy": self.baseline.accuracy, "macro_f1": self.baseline.macro_f1,
        });
        json
    }
}

/// Classifies every row and compares with its label. A label the model does not know is an
/// error naming the file, line and the known labels.
pub fn evaluate(model: &StanceModel, data: &LabeledSet) -> Result<Report> {
    Ok(evaluate_detailed(model, data)?.0)
}

/// [`evaluate`], with intervals and calibration.
fn evaluate_detailed(model: &StanceModel, data: &LabeledSet) -> Result<(Report, Intervals, Calibration)> {
    let mut confidence = Vec::with_capacity(data.rows.len());
    let mut claims = crate::features::Claims::default();
    let pairs = score_pairs(model, data, |row| {
        let p = model.predict_with(&row.text, claims.get(&row.claim));
        confidence.push(p.probabilities[p.label]);
        p.label
    })?;
    let groups: Vec<String> = data.rows.iter().map(|r| r.group.clone()).collect();
    let intervals = bootstrap(
        model.labels(),
        &pairs,
        Some(&groups),
        BOOTSTRAP_RESAMPLES,
        BOOTSTRAP_SEED,
    );
    let right: Vec<(f64, bool)> = confidence.iter().zip(&pairs).map(|(&p, &(t, q))| (p, t == q)).collect();
    Ok((
        Report::from_pairs(model.labels().to_vec(), pairs),
        intervals,
        calibration(&right),
    ))
}

/// The majority-class baseline: every row predicted as the model's most frequent training
/// label. Same checks as [`evaluate`].
pub fn baseline(model: &StanceModel, data: &LabeledSet) -> Result<Report> {
    let majority = super::cv::majority_label(model);
    let pairs = score_pairs(model, data, |_| majority)?;
    Ok(Report::from_pairs(model.labels().to_vec(), pairs))
}

/// `(truth, predicted)` label indices of every row, in row order, `predict` giving the
/// predicted index of a row's text.
fn score_pairs(
    model: &StanceModel,
    data: &LabeledSet,
    mut predict: impl FnMut(&crate::labeled::LabeledRow) -> usize,
) -> Result<Vec<(usize, usize)>> {
    let labels = model.labels();
    let mut pairs = Vec::with_capacity(data.rows.len());
    for row in &data.rows {
        let truth = labels
            .iter()
            .position(|l| *l == row.label)
            .ok_or_else(|| Error::UnknownLabel {
                at: crate::Location::line(data.path_of(row), row.line),
                label: row.label.clone(),
                known: labels.join(", "),
            })?;
        pairs.push((truth, predict(row)));
    }
    Ok(pairs)
}
