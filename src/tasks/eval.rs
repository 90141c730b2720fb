//! `eval`: a model against labeled rows, each row's `text` classified as one sentence.

use super::metrics::{bootstrap, calibration, Calibration, Intervals, Report, BOOTSTRAP_RESAMPLES};
use crate::data::LabeledSet;
use crate::model::StanceModel;
use crate::{Error, Result};

/// Seed of the bootstrap behind [`Evaluation::intervals`]. Default `0`.
pub const BOOTSTRAP_SEED: u64 = 0;

/// Everything `eval` reports about a model on labeled rows.
#[derive(Debug, Clone)]
pub struct Evaluation {
    pub report: Report,
    /// 95% intervals of accuracy and macro-F1: bootstrap over the rows' groups (the `doc`
    /// column, one article) when there are enough, over rows otherwise.
    pub intervals: Intervals,
    /// Reliability of the top probability (expected calibration error over 10 bins).
    pub calibration: Calibration,
}

/// Classifies every row and compares with its label. A label the model does not know is an
/// error naming the file, line and the known labels.
pub fn evaluate(model: &StanceModel, data: &LabeledSet) -> Result<Report> {
    Ok(evaluate_detailed(model, data)?.report)
}

/// [`evaluate`], with intervals and calibration.
pub fn evaluate_detailed(model: &StanceModel, data: &LabeledSet) -> Result<Evaluation> {
    let mut confidence = Vec::with_capacity(data.rows.len());
    let pairs = score_pairs(model, data, |text| {
        let p = model.predict(text);
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
    Ok(Evaluation {
        report: Report::from_pairs(model.labels().to_vec(), pairs),
        intervals,
        calibration: calibration(&right),
    })
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
    mut predict: impl FnMut(&str) -> usize,
) -> Result<Vec<(usize, usize)>> {
    let labels = model.labels();
    let mut pairs = Vec::with_capacity(data.rows.len());
    for row in &data.rows {
        let truth = labels
            .iter()
            .position(|l| *l == row.label)
            .ok_or_else(|| Error::UnknownLabel {
                path: data.path_of(row).to_owned(),
                line: row.line,
                label: row.label.clone(),
                known: labels.join(", "),
            })?;
        pairs.push((truth, predict(&row.text)));
    }
    Ok(pairs)
}
