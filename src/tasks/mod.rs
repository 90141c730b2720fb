//! Tasks: what a user asks for, built on the stages: [`train`], [`classify`], [`eval`], with
//! the [`metrics`] they report.

pub mod article_record;
pub mod calibrate;
pub mod classify;
pub mod combine;
pub mod cv;
pub mod eval;
pub mod explain;
pub mod inputs;
pub mod label;
pub mod label_screen;
pub mod metrics;
pub mod plot;
pub mod records;
pub mod report;
pub mod sentences;
pub mod suggest;
pub mod train;
pub mod tune;
