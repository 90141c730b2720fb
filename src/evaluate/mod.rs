//! How well a model or a training setting labels sentences, measured on labeled rows: the
//! scores ([`metrics`]: precision, recall, F1, bootstrap intervals, calibration error), a model
//! against labeled rows ([`eval`]), grouped cross-validation of a setting ([`cv`]), the settings
//! chosen by it ([`tune`], `train --tune`), whether rows of other disputes help ([`combine`],
//! `train --base`), and the figures drawn from them ([`plot`]).
//!
//! A room of its own so that measuring never mixes with what a user runs or how records look:
//! it builds on the model and the labeled rows below it and is used by the commands above it.

pub mod combine;
pub mod cv;
pub mod eval;
pub mod metrics;
pub mod plot;
pub mod tune;
