//! The fit: labeled rows -> one [`StanceModel`] per value of `C` (a warm-started
//! regularization path over one featurization), with the claim-aware classifier fitted beside
//! the plain one when the rows carry claims. Training ([`super::train`]), its temperature
//! ([`super::calibrate`]) and cross-validation all fit here.

use crate::features::{claim_tokenizer, Claim, Claims, SparseRow, Tfidf, N_CLAIM_FEATURES};
use crate::labeled::LabeledSet;
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

/// Fits one model per value of `C` in `cs` (the other settings from `params`) on one
/// featurization of `data` (its rows in canonical order), each fit warm-started from the
/// previous one. The report is about the last model.
pub fn train_path(data: &LabeledSet, params: &ValidTrainParams, cs: &[f64]) -> Result<(Vec<StanceModel>, TrainReport)> {
    train_heads(data, params, cs, true)
}

/// [`train_path`]; with `plain` false and a claim-aware classifier to fit, the plain classifier
/// is left unfitted (all zeros): for models that only score rows toward their claims, as the
/// calibration folds of data whose every row has a claim.
pub fn train_heads(
    data: &LabeledSet,
    params: &ValidTrainParams,
    cs: &[f64],
    plain: bool,
) -> Result<(Vec<StanceModel>, TrainReport)> {
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
    let n_terms = tfidf.vocabulary().len();
    // The claim-aware classifier is fitted beside the plain one, on the same rows with the
    // claim features of each row's claim (none for a row without a claim).
    let claim_rows = (p.features.claim_features && data.rows.iter().any(|r| Claim::new(&r.claim).is_some()))
        .then(|| claim_rows(data, &rows, &tokens, &tfidf));
    let (linears, claim_linears) = std::thread::scope(|s| {
        let claim = claim_rows.as_ref().map(|claim_rows| {
            s.spawn(|| {
                LinearModel::fit_path(
                    claim_rows,
                    &targets,
                    n_terms + N_CLAIM_FEATURES,
                    labels.len(),
                    &p.classifier,
                    cs,
                )
            })
        });
        let plain = match (plain, &claim) {
            (false, Some(_)) => Ok(cs
                .iter()
                .map(|_| {
                    let k = labels.len();
                    LinearModel::from_parts(n_terms, vec![0.0; n_terms * k], vec![0.0; k]).expect("shape")
                })
                .collect()),
            _ => LinearModel::fit_path(&rows, &targets, n_terms, labels.len(), &p.classifier, cs),
        };
        (plain, claim.map(|h| h.join().expect("claim fit panicked")))
    });
    let linears = linears?;
    let mut claim_linears = match claim_linears {
        Some(fitted) => fitted?.into_iter().map(Some).collect(),
        None => vec![None; linears.len()],
    };
    let vocabulary_size = tfidf.vocabulary().len();
    let models: Vec<StanceModel> = linears
        .into_iter()
        .zip(cs)
        .zip(claim_linears.drain(..))
        .map(|((linear, &c), claim_linear)| {
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
            let model = StanceModel::new(
                labels.clone(),
                Tokenizer::new(p.tokenizer.clone()),
                tfidf.clone(),
                linear,
                training,
            );
            match claim_linear {
                Some(l) => model.with_claim_head(l),
                None => model,
            }
        })
        .collect();
    let last = models.last().expect("at least one C");
    let correct = claim_rows
        .as_ref()
        .unwrap_or(&rows)
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

/// Each row's TF-IDF row (without the claim's words, with `claim_mask`) followed by the claim
/// features of its claim (only the TF-IDF row for a row without a claim). Claims are prepared
/// once each.
fn claim_rows(data: &LabeledSet, rows: &[SparseRow], tokens: &[Vec<String>], tfidf: &Tfidf) -> Vec<SparseRow> {
    let tokenizer = claim_tokenizer();
    let config = tfidf.config();
    let n_terms = tfidf.vocabulary().len() as u32;
    let mut claims = Claims::default();
    data.rows
        .iter()
        .zip(rows.iter().zip(tokens))
        .map(|(r, (row, tokens))| {
            let Some(claim) = claims.get(&r.claim) else {
                return row.clone();
            };
            let mut row = if config.claim_mask {
                let kept: Vec<String> = tokens
                    .iter()
                    .filter(|t| !claim.is_claim_word(&tokenizer, t))
                    .cloned()
                    .collect();
                tfidf.transform(&kept)
            } else {
                row.clone()
            };
            claim.extend_row(&mut row, n_terms, &tokenizer, &r.text, config.claim_scale);
            row
        })
        .collect()
}
