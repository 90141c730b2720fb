//! `stance cv`: grouped k-fold cross-validation of the training settings on labeled rows
//! ([`crate::evaluate::cv`]), as text or JSON on standard output, and optionally the pooled
//! confusion matrix as SVG.

use std::io::Write;
use std::path::PathBuf;

use super::{Outcome, ReportFormat};
use crate::evaluate::{cv, plot};
use crate::labeled::LabeledSet;
use crate::model::ValidTrainParams;

/// What `cv` is asked to do, checked: the settings validated, the plot's file name checked.
#[derive(Debug, Clone)]
pub struct CvRequest {
    /// Labeled CSV files or folders.
    pub data: Vec<PathBuf>,
    /// The column grouping rows into folds (default: `doc`).
    pub group_by: Option<String>,
    pub folds: usize,
    pub seed: u64,
    pub params: ValidTrainParams,
    pub format: ReportFormat,
    /// Where to draw the pooled confusion matrix.
    pub plot: Option<PathBuf>,
}

pub fn run(request: CvRequest) -> Outcome {
    let CvRequest {
        data,
        group_by,
        folds,
        seed,
        params,
        format,
        plot,
    } = request;
    let data = LabeledSet::read(&data, group_by.as_deref())?.into_canonical();
    let folds = data.folds(folds, seed)?;
    let report = cv::cross_validate(&data, &folds, &params)?;
    let mut out = std::io::stdout().lock();
    match format {
        ReportFormat::Text => write!(out, "{}", report.to_text())?,
        ReportFormat::Json => writeln!(out, "{}", report.to_json())?,
    }
    if let Some(path) = plot.as_deref() {
        let (m, sd) = report.accuracy();
        let title = format!("{}-fold grouped CV: accuracy {m:.3} ± {sd:.3}", folds.len());
        plot::confusion_svg(&report.pooled, &title, path)?;
    }
    Ok(())
}
