//! `stance suggest`'s arguments -> [`SuggestRequest`]: the model loaded.

use std::path::PathBuf;

use clap::Args;
use stance::commands::suggest::{Strategy, SuggestOptions, SuggestRequest};

use super::options::{ClaimArg, ModelArg};

#[derive(Args)]
pub struct SuggestArgs {
    /// Model whose uncertainty chooses the sentences.
    #[command(flatten)]
    model: ModelArg,
    /// Number of sentences to suggest.
    #[arg(long, default_value_t = SuggestOptions::default().count)]
    count: usize,
    /// Labeled CSV files or folders (repeatable): a sentence whose text is in one is never
    /// suggested [default: none].
    #[arg(long = "data", value_name = "PATH")]
    data: Vec<PathBuf>,
    /// How to order the sentences.
    #[arg(long, value_enum, default_value_t = SuggestOptions::default().strategy)]
    strategy: Strategy,
    /// Seed of --strategy random and of uncertain's warm-up.
    #[arg(long, default_value_t = SuggestOptions::default().seed)]
    seed: u64,
    #[command(flatten)]
    claim: ClaimArg,
    /// Articles: .txt files, folders (searched recursively for .txt), or - for standard input.
    #[arg(required = true, value_name = "INPUT")]
    inputs: Vec<PathBuf>,
}

impl SuggestArgs {
    pub fn resolve(self) -> Result<SuggestRequest, stance::Error> {
        Ok(SuggestRequest {
            model: self.model.load()?,
            data: self.data,
            options: SuggestOptions {
                count: self.count,
                strategy: self.strategy,
                seed: self.seed,
                ..SuggestOptions::default()
            },
            claim: self.claim.claim,
            inputs: self.inputs,
        })
    }
}
