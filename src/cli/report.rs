//! `stance report`'s arguments -> [`ReportRequest`]: the model loaded, the input options
//! checked.

use std::path::PathBuf;

use clap::Args;
use stance::commands::report::ReportRequest;
use stance::commands::warn_unused_claim;

use super::options::{InputArgs, ModelArg};

#[derive(Args)]
pub struct ReportArgs {
    /// The HTML file to write (atomically: a temporary file renamed into place at the end).
    #[arg(long, short, value_name = "FILE.html")]
    output: PathBuf,
    #[command(flatten)]
    model: ModelArg,
    /// Labeled CSV file or folder to evaluate the model on, shown in the page's header
    /// (repeatable) [default: no evaluation].
    #[arg(long = "eval", value_name = "PATH")]
    eval: Vec<PathBuf>,
    /// Threads classifying articles in parallel [default: all cores].
    #[arg(long, short, value_name = "N")]
    jobs: Option<std::num::NonZeroUsize>,
    /// Stop at the first input that cannot be read (exit 2, no report written).
    #[arg(long)]
    fail_fast: bool,
    /// Always end with one line on stderr: articles, sentences, failures, the page's size
    /// [default: only when stderr is a terminal].
    #[arg(long, short)]
    verbose: bool,
    #[command(flatten)]
    input: InputArgs,
}

impl ReportArgs {
    pub fn resolve(self) -> Result<ReportRequest, stance::Error> {
        let model = self.model.load()?;
        warn_unused_claim(&model, self.input.claim.claim.as_deref(), &self.model.name());
        let input = self.input.options()?;
        let language = self.input.language_check(&model);
        Ok(ReportRequest {
            model,
            model_name: self.model.name(),
            input,
            inputs: self.input.inputs,
            language,
            claim: self.input.claim.claim,
            eval: self.eval,
            jobs: self.jobs,
            fail_fast: self.fail_fast,
            verbose: self.verbose,
            output: self.output,
        })
    }
}
