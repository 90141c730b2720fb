//! `eval`: a model against labeled rows, each row's `text` classified as one sentence.

use super::metrics::Report;
use crate::data::LabeledSet;
use crate::model::StanceModel;
use crate::{Error, Result};

/// Classifies every row and compares with its label. A label the model does not know is an
/// error naming the file, line and the known labels.
pub fn evaluate(model: &StanceModel, data: &LabeledSet) -> Result<Report> {
    let labels = model.labels();
    let mut pairs = Vec::with_capacity(data.rows.len());
    for row in &data.rows {
        let truth = labels
            .iter()
            .position(|l| *l == row.label)
            .ok_or_else(|| unknown_label(model, data, row))?;
        pairs.push((truth, model.predict(&row.text).label));
    }
    Ok(Report::from_pairs(labels.to_vec(), pairs))
}

/// The majority-class baseline: every row predicted as the model's most frequent training
/// label. Same checks as [`evaluate`].
pub fn baseline(model: &StanceModel, data: &LabeledSet) -> Result<Report> {
    let labels = model.labels();
    let majority = super::cv::majority_label(model);
    let mut pairs = Vec::with_capacity(data.rows.len());
    for row in &data.rows {
        let truth = labels
            .iter()
            .position(|l| *l == row.label)
            .ok_or_else(|| unknown_label(model, data, row))?;
        pairs.push((truth, majority));
    }
    Ok(Report::from_pairs(labels.to_vec(), pairs))
}

fn unknown_label(model: &StanceModel, data: &LabeledSet, row: &crate::data::LabeledRow) -> Error {
    Error::UnknownLabel {
        path: data.path_of(row).to_owned(),
        line: row.line,
        label: row.label.clone(),
        known: model.labels().join(", "),
    }
}
