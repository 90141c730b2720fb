//! Tasks: what a user asks for, built on the stages: [`train`], [`classify`], [`eval`], with
//! the [`metrics`] they report.

pub mod classify;
pub mod eval;
pub mod inputs;
pub mod metrics;
pub mod records;
pub mod train;
