//! `train`: labeled rows -> fitted [`StanceModel`].

use crate::data::LabeledSet;
use crate::features::{SparseRow, Tfidf};
use crate::model::{LinearModel, StanceModel, TrainingRecord, ValidTrainParams};
use crate::text::Tokenizer;
use crate::{Error, Result};

/// What training saw and achieved, for the summary line.
#[derive(Debug, Clone, PartialEq)]
pub struct TrainReport {
    pub labels: Vec<String>,
    /// Training sentences per label (each row once, whatever it counts in the fit).
    pub rows_per_label: Vec<usize>,
    pub vocabulary_size: usize,
    /// Accuracy of the fitted model on its own training rows.
    pub training_accuracy: f64,
}

/// Fits a model on every row of `data`, then, with temperature scaling on and at least two
/// groups, divides its scores by the temperature fitted by grouped cross-validation
/// ([`super::calibrate`], its folds fitted in threads beside the main fit). The rows are taken
/// in their canonical order ([`LabeledSet::canonical`]): the order they came in never matters.
pub fn train(data: &LabeledSet, params: &ValidTrainParams) -> Result<(StanceModel, TrainReport)> {
    let data = &*data.canonical();
    let c = params.get().classifier.c;
    // The calibration folds run beside the main fit (same results as one after the other).
    let (fitted, scored) = std::thread::scope(|s| {
        let calibration = s.spawn(|| match params.get().classifier.temperature_scaling {
            true => super::calibrate::held_out_scores(data, params),
            false => Ok(None),
        });
        let fitted = train_path(data, params, &[c]);
        (fitted, calibration.join().expect("calibration panicked"))
    });
    let (mut models, report) = fitted?;
    let mut model = models.remove(0);
    if let Some(scored) = scored? {
        model.set_temperature(super::calibrate::fit_temperature(&scored));
    }
    Ok((model, report))
}

/// Fits one model per value of `C` in `cs` (the other settings from `params`) on one
/// featurization of `data` (its rows in canonical order), each fit warm-started from the
/// previous one. The report is about the last model.
pub fn train_path(data: &LabeledSet, params: &ValidTrainParams, cs: &[f64]) -> Result<(Vec<StanceModel>, TrainReport)> {
    let p = params.get();
    let data = &*data.canonical();
    let claims = data.claims();
    let data_sha256 = data.sha256();
    let rows_per_label = data.sentences_per_label();
    let data = &*data.weighted(p.classifier.own_weight);
    data.check_trainable()?;
    let labels = data.labels();
    let targets: Vec<usize> = data
        .rows
        .iter()
        .map(|r| labels.binary_search(&r.label).expect("label from the set"))
        .collect();
    let tokenizer = Tokenizer::new(p.tokenizer.clone());
    let tokens: Vec<Vec<String>> = data.rows.iter().map(|r| tokenizer.tokens(&r.text)).collect();
    let tfidf = Tfidf::fit(p.features.clone(), &tokens);
    if tfidf.vocabulary().is_empty() {
        return Err(Error::BadTrainingData {
            what: format!(
                "{}: no term occurs in at least min_df = {} training rows",
                data.describe_files(),
                p.features.min_df
            ),
        });
    }
    let rows: Vec<SparseRow> = tokens.iter().map(|t| tfidf.transform(t)).collect();
    let linears = LinearModel::fit_path(
        &rows,
        &targets,
        tfidf.vocabulary().len(),
        labels.len(),
        &p.classifier,
        cs,
    )?;
    let vocabulary_size = tfidf.vocabulary().len();
    let models: Vec<StanceModel> = linears
        .into_iter()
        .zip(cs)
        .map(|(linear, &c)| {
            let mut params = p.clone();
            params.classifier.c = c;
            let training = TrainingRecord {
                params,
                rows_per_label: rows_per_label.clone(),
                data_sha256: data_sha256.clone(),
                tuning: None,
                temperature: None,
                claims: claims.clone(),
            };
            StanceModel::new(
                labels.clone(),
                Tokenizer::new(p.tokenizer.clone()),
                tfidf.clone(),
                linear,
                training,
            )
        })
        .collect();
    let last = models.last().expect("at least one C");
    let correct = rows
        .iter()
        .zip(&targets)
        .filter(|(r, &t)| last.predict_row(r).label == t)
        .count();
    let report = TrainReport {
        labels,
        rows_per_label,
        vocabulary_size,
        training_accuracy: correct as f64 / targets.len() as f64,
    };
    Ok((models, report))
}
