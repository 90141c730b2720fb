//! `stance`: label every sentence of a news article as assertion, denial or background toward
//! the claim the article disputes.
//!
//! The pipeline flows one way:
//! [`text`] (sentences, tokens) -> [`features`] (vocabulary, TF-IDF) -> [`model`] (logistic
//! regression, saved form) -> [`tasks`] (train, classify, evaluate). [`io`] is the floor under
//! all of them: bytes in and out. The command line in `main.rs` only parses arguments and calls
//! [`tasks`].

pub mod data;
pub mod error;
pub mod features;
pub mod invariants;
pub mod io;
pub mod model;
pub mod tasks;
pub mod text;

pub use error::{Error, Location, Result};
