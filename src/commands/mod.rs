//! What a user runs: one module per command. Each takes the checked request the command line
//! builds (`src/cli/`, in the binary) and does the work: it reads the inputs, calls the model,
//! the evaluation and the output rooms, and tells the user on standard error what happened.
//!
//! Errors go up to `main`, which reports each once, with its exit code ([`Failure`]); the one
//! exception is a batch, which reports a bad input as it meets it and goes on, then ends with
//! [`Failure::Reported`].

pub mod classify;
pub mod cv;
pub mod eval;
pub mod explain;
pub mod label;
mod progress;
pub mod report;
pub mod sentences;
pub mod suggest;
pub mod train;

use std::num::NonZeroUsize;

use crate::model::StanceModel;

/// How a command that did not succeed ends; `main` turns it into the exit code.
#[derive(Debug)]
pub enum Failure {
    /// Already reported on standard error (bad inputs of a batch); exit with this code.
    Reported(u8),
    /// An error for `main` to report.
    Error(Box<dyn std::error::Error>),
}

impl<E: std::error::Error + 'static> From<E> for Failure {
    fn from(e: E) -> Self {
        Failure::Error(Box::new(e))
    }
}

/// What a command returns.
pub type Outcome = std::result::Result<(), Failure>;

/// The layout of `eval`'s and `cv`'s reports.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum ReportFormat {
    Text,
    Json,
}

/// The error and its causes, joined on one line.
pub fn chain(err: &dyn std::error::Error) -> String {
    let mut s = err.to_string();
    let mut source = err.source();
    while let Some(e) = source {
        s.push_str(": ");
        s.push_str(&e.to_string());
        source = e.source();
    }
    s
}

/// The exit code of an error: 2 for bad usage or bad input, 1 for other failures.
pub fn exit_code(err: &(dyn std::error::Error + 'static)) -> u8 {
    match err.downcast_ref::<crate::Error>() {
        Some(e) if e.is_input_error() => 2,
        _ => 1,
    }
}

/// A warning when a claim is given to a model trained without claims.
pub fn warn_unused_claim(model: &StanceModel, claim: Option<&str>, name: &str) {
    if claim.is_some() && model.claim_linear().is_none() {
        eprintln!(
            "stance: warning: {name} was trained without claims, so --claim changes nothing \
             (train it on rows with a `claim` column, with --claim-features true)"
        );
    }
}

/// A rayon pool of `jobs` threads [default: all cores].
fn thread_pool(jobs: Option<NonZeroUsize>) -> Result<rayon::ThreadPool, rayon::ThreadPoolBuildError> {
    let mut pool = rayon::ThreadPoolBuilder::new();
    if let Some(n) = jobs {
        pool = pool.num_threads(n.get());
    }
    pool.build()
}

/// The end of a command whose bad inputs were reported as they came: exit code `worst` (0 when
/// none failed).
fn finish(worst: u8) -> Outcome {
    if worst > 0 {
        return Err(Failure::Reported(worst));
    }
    Ok(())
}
