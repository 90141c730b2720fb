//! `stance eval`: a model's scores on labeled rows ([`crate::evaluate::eval`]), as text or JSON
//! on standard output, and optionally its confusion matrix and reliability diagram as SVG.

use std::io::Write;
use std::path::PathBuf;

use super::{Outcome, ReportFormat};
use crate::evaluate::{eval::EvalReport, plot};
use crate::labeled::LabeledSet;
use crate::model::StanceModel;

/// What `eval` is asked to do, checked: the model loaded, the plot's file name checked.
#[derive(Debug)]
pub struct EvalRequest {
    pub model: StanceModel,
    /// How the plots' titles name the model.
    pub model_name: String,
    /// Labeled CSV files or folders.
    pub data: Vec<PathBuf>,
    pub format: ReportFormat,
    /// Where to draw the confusion matrix (and, beside it, the reliability diagram).
    pub plot: Option<PathBuf>,
}

pub fn run(request: EvalRequest) -> Outcome {
    let EvalRequest {
        model,
        model_name,
        data,
        format,
        plot,
    } = request;
    let data = LabeledSet::read(&data, None)?;
    let report = EvalReport::new(&model, &data)?;
    let mut out = std::io::stdout().lock();
    match format {
        ReportFormat::Text => write!(out, "{}", report.to_text())?,
        ReportFormat::Json => writeln!(out, "{}", report.to_json())?,
    }
    if let Some(path) = plot.as_deref() {
        let title = format!(
            "{} on {} rows: accuracy {:.3}",
            model_name, report.report.n, report.report.accuracy
        );
        plot::confusion_svg(&report.report, &title, path)?;
        let title = format!(
            "{} on {} rows: expected calibration error {:.3}",
            model_name, report.report.n, report.calibration.ece
        );
        plot::reliability_svg(&report.calibration, &title, &plot::reliability_path(path))?;
    }
    Ok(())
}
