//! `stance cv`'s arguments -> [`CvRequest`]: the training settings validated, the plot's file
//! name checked.

use std::path::PathBuf;

use clap::Args;
use stance::commands::cv::CvRequest;
use stance::commands::ReportFormat;
use stance::evaluate::plot;

use super::options::{GroupingArgs, TrainOptions};

#[derive(Args)]
pub struct CvArgs {
    /// Labeled CSV file or folder of CSV files (repeatable).
    #[arg(long = "data", value_name = "PATH", default_value = "labeled")]
    data: Vec<PathBuf>,
    #[command(flatten)]
    grouping: GroupingArgs,
    /// Report layout.
    #[arg(long, value_enum, default_value_t = ReportFormat::Text)]
    format: ReportFormat,
    /// Also draw the pooled confusion matrix as an SVG heat map into this file.
    #[arg(long, value_name = "FILE.svg")]
    plot: Option<PathBuf>,
    #[command(flatten)]
    options: TrainOptions,
}

impl CvArgs {
    pub fn resolve(self) -> Result<CvRequest, stance::Error> {
        let params = self.options.params().validate()?;
        if let Some(path) = &self.plot {
            plot::check_path(path)?;
        }
        Ok(CvRequest {
            data: self.data,
            group_by: self.grouping.group_by,
            folds: self.grouping.folds,
            seed: self.grouping.seed,
            params,
            format: self.format,
            plot: self.plot,
        })
    }
}
