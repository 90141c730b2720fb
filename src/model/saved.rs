//! The model file: one JSON object holding everything needed to classify, its format name and
//! version written first. Loading checks the header before the body, then every shape.

use std::path::Path;

use serde::{Deserialize, Serialize};

use super::params::TrainParams;
use crate::io::read::{read_bounded, MAX_MODEL_BYTES};
use crate::io::write::write_atomic;
use crate::labeled::normalize_label;
use crate::{Error, Result};

/// Written in every model file; a file without it is not a stance model.
pub const FORMAT: &str = "stance-model";
/// Bumped whenever the saved form changes meaning; other versions are refused.
/// Version 2 added the tokenizer's `negation_scope`, `punctuation` and `cue_words` settings and
/// the optional training record `tuning`.
pub const FORMAT_VERSION: u64 = 2;

/// How a model was trained; kept for the record and for reproducing it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct TrainingRecord {
    /// All training settings (tokenizer, features, classifier).
    pub params: TrainParams,
    /// Training sentences per label, in label order: each labeled row once, whatever it counts
    /// in the fit (its `weight` column, `--own-weight`); what every count shown to users
    /// (train's summary, the labeler, the report, warnings) is made of. Files written by
    /// earlier versions may hold weighted counts (a row as many times as it counted).
    pub rows_per_label: Vec<usize>,
    /// SHA-256 of the training rows (doc, sentence, label, text of each, in the canonical order:
    /// see `LabeledSet::sha256`).
    pub data_sha256: String,
    /// How `train --tune` chose the settings (absent when they were given).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub tuning: Option<TuningRecord>,
    /// The temperature the scores were divided by (temperature scaling, fitted by grouped
    /// cross-validation; absent when not calibrated). Already applied to the weights.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub temperature: Option<f64>,
    /// The claims the training rows were labeled toward (their `claim` column, distinct, in
    /// order of first appearance); absent when no row had one.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub claims: Vec<String>,
}

/// The outcome of `train --tune`: every candidate change scored by grouped cross-validation
/// on the training data, round by round, and the chosen settings' scores (the settings
/// themselves are in `params`). Files written before forward selection hold the old grid
/// search (`grid`, `chosen`) instead of `steps`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct TuningRecord {
    /// The column that grouped rows into folds.
    pub group_by: String,
    /// Folds used (leave-one-group-out when there were no more groups than this).
    pub folds: usize,
    pub seed: u64,
    /// The old grid search's points (absent in new files).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub grid: Vec<GridScore>,
    /// The old grid search's chosen point (absent in new files).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub chosen: Option<GridScore>,
    /// The selection rule, in words.
    #[serde(default)]
    pub rule: String,
    /// Every candidate change tried, round by round.
    #[serde(default)]
    pub steps: Vec<TuningStep>,
    /// Mean over folds of the chosen settings' accuracy and macro-F1.
    #[serde(default)]
    pub cv_accuracy: f64,
    #[serde(default)]
    pub cv_macro_f1: f64,
}

/// One candidate change of one round of `train --tune`'s forward selection.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct TuningStep {
    pub round: usize,
    /// The change tried, e.g. `sublinear tf`.
    pub change: String,
    /// Mean over folds of accuracy and macro-F1 with the change.
    pub cv_accuracy: f64,
    pub cv_macro_f1: f64,
    /// Mean paired macro-F1 difference over folds against the round's current setting, and its
    /// standard error.
    pub gain: f64,
    pub standard_error: f64,
    /// Whether the change was kept (at most one per round).
    pub accepted: bool,
}

/// One point of the old tuning grid and its cross-validation means.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct GridScore {
    pub ngram_max: usize,
    /// Negation scope, punctuation and cue-word tokens all on (else all off).
    pub extra_features: bool,
    pub c: f64,
    pub cv_accuracy: f64,
    pub cv_macro_f1: f64,
}

/// The saved form of a model, field for field as written.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct SavedModel {
    pub format: String,
    pub format_version: u64,
    /// The language of the text the model reads: an English name, lower-case, that `whatlang`
    /// knows. Default (files written before the field existed): `english`
    /// ([`crate::text::language::DEFAULT_LANGUAGE`]).
    #[serde(default = "default_language")]
    pub language: String,
    /// Labels in score order.
    pub labels: Vec<String>,
    /// Vocabulary terms (n-grams of stemmed tokens joined by a space), sorted.
    pub vocabulary: Vec<String>,
    /// Inverse document frequency of each vocabulary term.
    pub idf: Vec<f64>,
    /// Row-major `vocabulary.len() x labels.len()` weights.
    pub weights: Vec<f64>,
    /// One intercept per label.
    pub intercepts: Vec<f64>,
    /// The claim-aware classifier, used when a sentence is classified toward a claim (absent in
    /// models trained without claims, or with claim features off).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub claim_head: Option<ClaimHead>,
    pub training: TrainingRecord,
}

/// The classifier used with a claim: weights over the vocabulary followed by the claim
/// features ([`crate::features::CLAIM_FEATURES`]), row-major `(vocabulary.len() +
/// CLAIM_FEATURES.len()) x labels.len()`, and one intercept per label.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ClaimHead {
    pub weights: Vec<f64>,
    pub intercepts: Vec<f64>,
}

/// Largest magnitude of a saved number (idf, weight, intercept). Trained values are many orders
/// of magnitude smaller; the bound guarantees that scores stay finite, so a loaded model always
/// gives finite probabilities.
pub const MAX_ABS_VALUE: f64 = 1e12;

#[derive(Deserialize)]
struct Header {
    format: Option<String>,
    format_version: Option<u64>,
}

fn default_language() -> String {
    crate::text::language::DEFAULT_LANGUAGE.to_string()
}

impl SavedModel {
    /// Writes the model atomically (see [`crate::io::write`]): a failure, or a kill, never
    /// leaves a half-written or clobbered model: `path` holds either the previous file or the
    /// complete new one. Missing folders on the way are created.
    pub fn write(&self, path: &Path) -> Result<()> {
        let mut bytes = serde_json::to_vec(self).map_err(|e| Error::Model {
            path: path.to_owned(),
            message: e.to_string(),
        })?;
        bytes.push(b'\n');
        write_atomic(path, &bytes, true)
    }

    /// Reads and checks a model file.
    pub fn read(path: &Path) -> Result<Self> {
        let bytes = read_bounded(path, MAX_MODEL_BYTES, "model file")?;
        Self::from_bytes(&bytes, path)
    }

    /// Parses a model from bytes; `path` is only used in messages.
    pub fn from_bytes(bytes: &[u8], path: &Path) -> Result<Self> {
        let damaged = |message: String| Error::Model {
            path: path.to_owned(),
            message,
        };
        if bytes.iter().all(u8::is_ascii_whitespace) {
            return Err(damaged("empty model file".into()));
        }
        let header: Header = serde_json::from_slice(bytes)
            .map_err(|e| damaged(format!("not a stance model file (damaged or another format: {e})")))?;
        if header.format.as_deref() != Some(FORMAT) {
            return Err(damaged(
                "not a stance model file (no \"format\": \"stance-model\")".into(),
            ));
        }
        match header.format_version {
            Some(FORMAT_VERSION) => {}
            Some(found) => {
                return Err(Error::ModelVersion {
                    path: path.to_owned(),
                    found,
                    expected: FORMAT_VERSION,
                })
            }
            None => return Err(damaged("model file has no format_version".into())),
        }
        let model: SavedModel =
            serde_json::from_slice(bytes).map_err(|e| damaged(format!("damaged model file: {e}")))?;
        model.check().map_err(|m| damaged(format!("damaged model file: {m}")))?;
        Ok(model)
    }

    /// Checks that the parts fit together.
    fn check(&self) -> std::result::Result<(), String> {
        let (v, k) = (self.vocabulary.len(), self.labels.len());
        if crate::text::LanguageCheck::new(&self.language).is_none() {
            return Err(format!("unknown language `{}`", self.language));
        }
        if k < 2 {
            return Err(format!("{k} labels, need at least 2"));
        }
        if self.idf.len() != v {
            return Err(format!("{} idf values for {v} terms", self.idf.len()));
        }
        if self.weights.len() != v * k {
            return Err(format!("{} weights for {v} terms x {k} labels", self.weights.len()));
        }
        if self.intercepts.len() != k {
            return Err(format!("{} intercepts for {k} labels", self.intercepts.len()));
        }
        if let Some(head) = &self.claim_head {
            let n = (v + crate::features::N_CLAIM_FEATURES) * k;
            if head.weights.len() != n || head.intercepts.len() != k {
                return Err(format!(
                    "claim head has {} weights and {} intercepts for {v} terms, {} claim features, {k} labels",
                    head.weights.len(),
                    head.intercepts.len(),
                    crate::features::N_CLAIM_FEATURES
                ));
            }
        }
        if let Some(i) = (0..k).find(|&i| {
            let l = &self.labels[i];
            l.is_empty() || normalize_label(l) != *l || (i > 0 && self.labels[i - 1] >= *l)
        }) {
            return Err(format!(
                "label {:?} is empty, not normalized, or out of order",
                self.labels[i]
            ));
        }
        if self.training.rows_per_label.len() != k {
            return Err(format!(
                "{} row counts for {k} labels",
                self.training.rows_per_label.len()
            ));
        }
        if !self
            .idf
            .iter()
            .chain(&self.weights)
            .chain(&self.intercepts)
            .chain(
                self.claim_head
                    .iter()
                    .flat_map(|h| h.weights.iter().chain(&h.intercepts)),
            )
            .all(|x| x.is_finite() && x.abs() <= MAX_ABS_VALUE)
        {
            return Err(format!("a number is not finite or larger than {MAX_ABS_VALUE:e}"));
        }
        if self.training.params.clone().validate().is_err() {
            return Err("invalid training settings".into());
        }
        Ok(())
    }
}
