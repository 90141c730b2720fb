//! `stance eval`'s arguments -> [`EvalRequest`]: the plot's file name checked, the model
//! loaded.

use std::path::PathBuf;

use clap::Args;
use stance::commands::eval::EvalRequest;
use stance::commands::ReportFormat;
use stance::evaluate::plot;

use super::options::ModelArg;

#[derive(Args)]
pub struct EvalArgs {
    #[command(flatten)]
    model: ModelArg,
    /// Labeled CSV file or folder of CSV files (repeatable).
    #[arg(long = "data", value_name = "PATH", required = true)]
    data: Vec<PathBuf>,
    /// Report layout.
    #[arg(long, value_enum, default_value_t = ReportFormat::Text)]
    format: ReportFormat,
    /// Also draw the confusion matrix as an SVG heat map into this file, and the reliability
    /// diagram (accuracy against top probability, 10 bins) into FILE.reliability.svg.
    #[arg(long, value_name = "FILE.svg")]
    plot: Option<PathBuf>,
}

impl EvalArgs {
    pub fn resolve(self) -> Result<EvalRequest, stance::Error> {
        if let Some(path) = &self.plot {
            plot::check_path(path)?;
        }
        let model = self.model.load()?;
        Ok(EvalRequest {
            model,
            model_name: self.model.name(),
            data: self.data,
            format: self.format,
            plot: self.plot,
        })
    }
}
