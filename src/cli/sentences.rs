//! `stance sentences`' arguments -> [`SentencesRequest`]: the model, if any, loaded.

use std::path::PathBuf;

use clap::Args;
use stance::commands::sentences::SentencesRequest;
use stance::model::StanceModel;

use super::options::ClaimArg;

#[derive(Args)]
pub struct SentencesArgs {
    /// Pre-fill each label with this model's guess, and add its probability as a sixth column
    /// `probability` (train ignores it) [default: no model, labels left empty].
    #[arg(long, value_name = "PATH")]
    model: Option<PathBuf>,
    #[command(flatten)]
    claim: ClaimArg,
    /// Articles: .txt files, folders (searched recursively for .txt), or - for standard input.
    #[arg(required = true, value_name = "INPUT")]
    inputs: Vec<PathBuf>,
}

impl SentencesArgs {
    pub fn resolve(self) -> Result<SentencesRequest, stance::Error> {
        Ok(SentencesRequest {
            model: self.model.as_deref().map(StanceModel::load).transpose()?,
            claim: self.claim.claim,
            inputs: self.inputs,
        })
    }
}
