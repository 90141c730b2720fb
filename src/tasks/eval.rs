//! `eval`: a model against labeled rows, each row's `text` classified as one sentence.

use super::metrics::Report;
use crate::data::LabeledSet;
use crate::model::StanceModel;
use crate::{Error, Result};

/// What `eval` reports: the model's scores and the majority-class baseline's on the same rows.
#[derive(Debug, Clone)]
pub struct EvalReport {
    pub report: Report,
    pub baseline: Report,
    /// The label the baseline predicts for every row.
    pub majority: String,
}

impl EvalReport {
    /// Scores `model` and its majority-class baseline on `data`.
    pub fn new(model: &StanceModel, data: &LabeledSet) -> Result<Self> {
        Ok(EvalReport {
            report: evaluate(model, data)?,
            baseline: baseline(model, data)?,
            majority: model.labels()[super::cv::majority_label(model)].clone(),
        })
    }

    /// The report laid out like scikit-learn's `classification_report`, then the baseline.
    pub fn to_text(&self) -> String {
        format!(
            "{}\nmajority-class baseline (always `{}`): accuracy {:.3}, macro-F1 {:.3}\n",
            self.report.to_text(),
            self.majority,
            self.baseline.accuracy,
            self.baseline.macro_f1
        )
    }

    /// The report as one JSON object, with the baseline under `baseline`.
    pub fn to_json(&self) -> serde_json::Value {
        let mut json = self.report.to_json();
        json["baseline"] = serde_json::json!({
            "label": self.majority, "accuracy": self.baseline.accuracy, "macro_f1": self.baseline.macro_f1,
        });
        json
    }
}

/// Classifies every row and compares with its label. A label the model does not know is an
/// error naming the file, line and the known labels.
pub fn evaluate(model: &StanceModel, data: &LabeledSet) -> Result<Report> {
    score(model, data, |text| model.predict(text).label)
}

/// The majority-class baseline: every row predicted as the model's most frequent training
/// label. Same checks as [`evaluate`].
pub fn baseline(model: &StanceModel, data: &LabeledSet) -> Result<Report> {
    let majority = super::cv::majority_label(model);
    score(model, data, |_| majority)
}

/// Compares `predict`'s label index for each row's text with the row's label.
fn score(model: &StanceModel, data: &LabeledSet, predict: impl Fn(&str) -> usize) -> Result<Report> {
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
        pairs.push((truth, predict(&row.text)));
    }
    Ok(Report::from_pairs(labels.to_vec(), pairs))
}
