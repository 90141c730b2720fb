//! Model stage: the classifier ([`logistic`]), its settings ([`params`]) and its file
//! ([`saved`]), put together in [`StanceModel`], which takes a sentence to label probabilities.

pub mod fast;
pub mod logistic;
pub mod params;
pub mod reference;
pub mod rowspace;
pub mod saved;

use std::path::Path;

pub use fast::{FastScorer, TokenCache};
pub use logistic::{softmax, LinearModel};
pub use params::{ClassWeight, ClassifierConfig, TrainParams, ValidTrainParams};
pub use saved::{GridScore, SavedModel, TrainingRecord, TuningRecord, TuningStep, FORMAT, FORMAT_VERSION};

use crate::features::{SparseRow, Tfidf, Vocabulary};
use crate::text::Tokenizer;
use crate::{Error, Result};

/// A trained model, ready to classify.
#[derive(Debug)]
pub struct StanceModel {
    labels: Vec<String>,
    tokenizer: Tokenizer,
    tfidf: Tfidf,
    linear: LinearModel,
    training: TrainingRecord,
    /// See [`SavedModel::language`]; [`StanceModel::new`] sets the default, English.
    language: String,
}

/// A model's verdict on one sentence.
#[derive(Debug, Clone, PartialEq)]
pub struct Prediction {
    /// Index into [`StanceModel::labels`] of the most probable label.
    pub label: usize,
    /// One probability per label; they sum to 1.
    pub probabilities: Vec<f64>,
    /// Whether no word of the sentence is in the vocabulary (the probabilities then come from
    /// the intercepts alone).
    pub unknown: bool,
}

impl StanceModel {
    /// Assembles a model from fitted parts.
    pub fn new(
        labels: Vec<String>,
        tokenizer: Tokenizer,
        tfidf: Tfidf,
        linear: LinearModel,
        training: TrainingRecord,
    ) -> Self {
        StanceModel {
            labels,
            tokenizer,
            tfidf,
            linear,
            training,
            language: crate::text::language::DEFAULT_LANGUAGE.to_string(),
        }
    }

    /// The language of the text the model reads (`english`).
    pub fn language(&self) -> &str {
        &self.language
    }

    pub fn labels(&self) -> &[String] {
        &self.labels
    }

    pub fn tokenizer(&self) -> &Tokenizer {
        &self.tokenizer
    }

    pub fn tfidf(&self) -> &Tfidf {
        &self.tfidf
    }

    pub fn linear(&self) -> &LinearModel {
        &self.linear
    }

    pub fn training(&self) -> &TrainingRecord {
        &self.training
    }

    /// The training record, to add to it (as `train --tune` does).
    pub fn training_mut(&mut self) -> &mut TrainingRecord {
        &mut self.training
    }

    /// Divides every score by `temperature` (temperature scaling: weights and intercepts are
    /// divided, so every scorer gives the scaled probabilities; labels are unchanged) and
    /// records it in the training record.
    pub fn set_temperature(&mut self, temperature: f64) {
        self.linear = self.linear.scaled(1.0 / temperature);
        self.training.temperature = Some(temperature);
    }

    /// The feature row of one sentence.
    pub fn featurize(&self, sentence: &str) -> SparseRow {
        self.tfidf.transform(&self.tokenizer.tokens(sentence))
    }

    /// Labels one sentence.
    pub fn predict(&self, sentence: &str) -> Prediction {
        self.predict_row(&self.featurize(sentence))
    }

    /// Labels one feature row.
    pub fn predict_row(&self, row: &SparseRow) -> Prediction {
        let probabilities = self.linear.probabilities(row);
        let label = argmax(&probabilities);
        Prediction {
            label,
            probabilities,
            unknown: row.is_empty(),
        }
    }

    /// The saved form.
    pub fn to_saved(&self) -> SavedModel {
        SavedModel {
            format: FORMAT.to_string(),
            format_version: FORMAT_VERSION,
            language: self.language.clone(),
            labels: self.labels.clone(),
            vocabulary: self.tfidf.vocabulary().terms().to_vec(),
            idf: self.tfidf.idf().to_vec(),
            weights: self.linear.weights().to_vec(),
            intercepts: self.linear.intercepts().to_vec(),
            training: self.training.clone(),
        }
    }

    /// Rebuilds a model from its saved form; `path` is only used in messages.
    pub fn from_saved(saved: SavedModel, path: &Path) -> Result<Self> {
        let damaged = |m: &str| Error::Model {
            path: path.to_owned(),
            message: format!("damaged model file: {m}"),
        };
        let n_features = saved.vocabulary.len();
        let vocabulary =
            Vocabulary::from_sorted(saved.vocabulary).ok_or_else(|| damaged("vocabulary not sorted and unique"))?;
        let params = saved.training.params.clone();
        let tfidf =
            Tfidf::from_parts(params.features.clone(), vocabulary, saved.idf).ok_or_else(|| damaged("idf length"))?;
        let linear = LinearModel::from_parts(n_features, saved.weights, saved.intercepts)
            .ok_or_else(|| damaged("weight shape"))?;
        let mut model = StanceModel::new(
            saved.labels,
            Tokenizer::new(params.tokenizer),
            tfidf,
            linear,
            saved.training,
        );
        model.language = saved.language;
        Ok(model)
    }

    /// The model built into the program (see [`BUILT_IN_MODEL`]), checked like any model file.
    pub fn built_in() -> Result<Self> {
        let name = Path::new(BUILT_IN_NAME);
        Self::from_saved(SavedModel::from_bytes(BUILT_IN_MODEL, name)?, name)
    }

    /// Loads and checks a model file.
    pub fn load(path: &Path) -> Result<Self> {
        Self::from_saved(SavedModel::read(path)?, path)
    }

    /// Saves atomically (temporary file, then rename).
    pub fn save(&self, path: &Path) -> Result<()> {
        self.to_saved().write(path)
    }
}

/// The model shipped with the program: `models/stance.model` as it was when the program was
/// built (trained on `labeled/`), so that an installed `stance` works from any folder.
pub const BUILT_IN_MODEL: &[u8] = include_bytes!("../../models/stance.model");

/// How messages name the built-in model.
pub const BUILT_IN_NAME: &str = "<built-in model>";

/// Index of the largest value (the first one on ties).
pub fn argmax(values: &[f64]) -> usize {
    let mut best = 0;
    for (i, v) in values.iter().enumerate() {
        if *v > values[best] {
            best = i;
        }
    }
    best
}
