//! `stance`: label every sentence of a news article as assertion, denial or background toward
//! the claim the article disputes.
//!
//! One room per concern; dependencies point down the list, and no room imports one above it:
//!
//! ```text
//! main.rs, cli/  (the binary) each command's arguments -> one checked request; main.rs dispatches
//! commands/      what a user runs: train, classify, eval, cv, explain, sentences, suggest,
//!                label, report
//! output/        record layouts (per sentence, per article, explained) and the HTML report
//! evaluate/      metrics, cross-validation, tuning, the --base choice, plots
//! model/         fit (train, temperature), logistic regression, batch scorer, saved form,
//!                explanations, reference rows built in
//! features/      vocabulary, TF-IDF, and the claim features
//! text/          sentences, tokens, language
//! labeled        LabeledSet: labeled rows, claims, weights, grouped folds
//! io/            bytes in and out: bounded reads, CSV, folder walks, atomic writes, inputs
//! ```
//!
//! [`commands`] use [`output`] and [`evaluate`]; those use [`model`], which uses [`features`],
//! [`text`] and [`labeled`]; [`io`] is the floor under all of them. [`error`] is shared by all.
//! The command line (`src/main.rs` and `src/cli/`, in the binary) turns arguments into the
//! requests of [`commands`] and reports errors once, at the top.

pub mod commands;
pub mod error;
pub mod evaluate;
pub mod features;
pub mod invariants;
pub mod io;
pub mod labeled;
pub mod model;
pub mod output;
pub mod text;

pub use error::{Error, Location, Result};
