//! The command line's arguments. Each command's arguments are defined once, in a file of their
//! own (their doc comments are the `--help` text), and turned there into the checked request
//! its command in [`stance::commands`] runs; [`options`] holds the argument groups several
//! commands share. `main.rs` parses, dispatches and reports errors.
//!
//! A request is checked before anything is read: flag conflicts, values, the model loaded (and
//! a claim given to a model trained without claims warned about); then the command reads its
//! inputs.

mod classify;
mod cv;
mod eval;
mod explain;
mod label;
mod options;
mod report;
mod sentences;
mod suggest;
mod train;

use clap::{Parser, Subcommand};

/// Label every sentence of a news article as assertion, denial or background toward the claim
/// the article disputes.
#[derive(Parser)]
#[command(
    version,
    about,
    long_about = "Label every sentence of a news article as assertion, denial or background toward the claim the article disputes.\n\nGive the claim: `stance classify --claim \"the chips have backdoors\" ARTICLES...` labels toward it with a claim-aware classifier (on disputes left out of training, mean macro-F1 0.684 with the claim, 0.654 without).\n\nThe shipped model (models/stance.model) is trained on the 2,061 hand-labeled sentences of labeled/: 63 of two articles about the dispute it was built for (the U.S. DEA announced a joint initiative with Mexico, Project Portero, and Mexico's government said there was no such agreement), and 1,998 of 121 articles written for the project about 31 other disputes, so that it learns how asserting and denying are worded rather than one dispute's words. To teach it your own dispute: `stance label --output mine.csv --claim TEXT --data labeled ARTICLES...`, then `stance train --data mine.csv --model mine.model` (your rows plus the reference rows of labeled/, built into stance).",
    after_help = "Exit codes: 0 success; 1 failure (a write failed, the optimizer failed); 2 bad usage or bad input (a missing or malformed file, an invalid value). In a batch, bad inputs are reported and skipped, and the exit code is 2 at the end."
)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Command,
}

#[derive(Subcommand)]
pub enum Command {
    /// Train a model on labeled CSV files and save it.
    Train(train::TrainArgs),
    /// Label every sentence of articles (.txt files, folders of them, - for stdin, JSON lines, CSV).
    Classify(classify::ClassifyArgs),
    /// Score a model on labeled CSV files (each row's text is one sentence).
    Eval(eval::EvalArgs),
    /// Grouped k-fold cross-validation of the training settings on labeled CSV files.
    Cv(cv::CvArgs),
    /// The features with the largest weights for each label.
    Explain(explain::ExplainArgs),
    /// Every sentence of articles as CSV ready to label (doc,sentence,label,text,note).
    Sentences(sentences::SentencesArgs),
    /// The sentences most worth labeling next, as CSV (doc,sentence,label,text + probabilities).
    Suggest(suggest::SuggestArgs),
    /// Label sentences of articles in the terminal; each answer is appended to a CSV file.
    Label(label::LabelArgs),
    /// Write one self-contained HTML page of a batch of articles (same inputs as classify):
    /// sortable, filterable, every sentence highlighted by its label.
    Report(report::ReportArgs),
}
