//! `stance explain`'s arguments -> [`ExplainRequest`]: the model loaded.

use std::path::PathBuf;

use clap::Args;
use stance::commands::explain::ExplainRequest;

use super::options::{parse_at_least_one, ModelArg};

#[derive(Args)]
pub struct ExplainArgs {
    #[command(flatten)]
    model: ModelArg,
    /// Labeled CSV files or folders (repeatable): show beside each term the words it most
    /// often stands for there (terms are stemmed).
    #[arg(long = "data", value_name = "PATH")]
    data: Vec<PathBuf>,
    /// Features shown per label (at least 1).
    #[arg(long, default_value_t = 20, value_parser = parse_at_least_one)]
    top: usize,
}

impl ExplainArgs {
    pub fn resolve(self) -> Result<ExplainRequest, stance::Error> {
        Ok(ExplainRequest {
            model: self.model.load()?,
            data: self.data,
            top: self.top,
        })
    }
}
