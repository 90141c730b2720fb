//! `train --tune`: chooses settings by grouped cross-validation on the training data alone,
//! then trains on all of it and records the choice in the model file.
//!
//! The grid is small on purpose (twelve points): the largest word n-gram, [`NGRAM_MAX_GRID`],
//! times the extra token features (off, or negation scope + punctuation + cue words all on),
//! times the regularization strength `C`, [`C_GRID`]. Every other setting is the one given. The
//! criterion is the mean macro-F1 over folds (as in the scikit-learn reference); ties go to the
//! earlier grid point. For each n-gram setting and fold, the `C` values are fitted as one
//! warm-started path on one featurization.

use rayon::prelude::*;

use super::cv::{cross_validate_path, Fold};
use super::train::{train, TrainReport};
use crate::data::LabeledSet;
use crate::model::{GridScore, StanceModel, TrainParams, TuningRecord, ValidTrainParams};
use crate::{Error, Result};

/// Largest word n-gram tried (the smallest stays as given).
pub const NGRAM_MAX_GRID: &[usize] = &[1, 2];
/// Extra token features tried: all off, all on (negation scope, punctuation, cue words).
pub const EXTRA_FEATURES_GRID: &[bool] = &[false, true];
/// Regularization strengths tried, weakest penalty last (the warm-start path runs upward).
pub const C_GRID: &[f64] = &[1.0, 10.0, 100.0];

/// How to cross-validate while tuning.
#[derive(Debug, Clone)]
pub struct TuneSettings {
    pub group_by: String,
    pub folds: usize,
    pub seed: u64,
}

/// Scores every grid point, trains on all of `data` with the best, and returns the model (its
/// training record holding the tuning record) and the training report.
pub fn tune(
    data: &LabeledSet,
    base: &ValidTrainParams,
    folds: &[Fold],
    settings: &TuneSettings,
) -> Result<(StanceModel, TrainReport, TuningRecord)> {
    let mut points: Vec<(usize, bool)> = Vec::new();
    for &ngram_max in NGRAM_MAX_GRID {
        for &extra_features in EXTRA_FEATURES_GRID {
            let point = (ngram_max.max(base.get().features.ngram_min), extra_features);
            if !points.contains(&point) {
                points.push(point);
            }
        }
    }
    // Featurizations run in parallel (rayon); results keep grid order.
    let scored = points
        .par_iter()
        .map(|&(ngram_max, extra_features)| {
            let valid = grid_params(base, ngram_max, extra_features).validate()?;
            let reports = cross_validate_path(data, folds, &valid, C_GRID)?;
            Ok(reports
                .iter()
                .zip(C_GRID)
                .map(|(report, &c)| GridScore {
                    ngram_max,
                    extra_features,
                    c,
                    cv_accuracy: report.accuracy().0,
                    cv_macro_f1: report.macro_f1().0,
                })
                .collect::<Vec<_>>())
        })
        .collect::<Result<Vec<_>>>()?;
    let grid: Vec<GridScore> = scored.into_iter().flatten().collect();
    let mut best = grid.first().cloned().ok_or_else(|| Error::BadTrainingData {
        what: "empty tuning grid".into(),
    })?;
    for g in &grid {
        if g.cv_macro_f1 > best.cv_macro_f1 {
            best = g.clone();
        }
    }
    let mut p = grid_params(base, best.ngram_max, best.extra_features);
    p.classifier.c = best.c;
    let (mut model, report) = train(data, &p.validate()?)?;
    let record = TuningRecord {
        group_by: settings.group_by.clone(),
        folds: folds.len(),
        seed: settings.seed,
        grid,
        chosen: best,
    };
    model.training_mut().tuning = Some(record.clone());
    Ok((model, report, record))
}

/// The given settings with one grid point's n-gram range and extra features.
fn grid_params(base: &ValidTrainParams, ngram_max: usize, extra_features: bool) -> TrainParams {
    let mut p = base.get().clone();
    p.features.ngram_max = ngram_max.max(p.features.ngram_min);
    p.tokenizer.negation_scope = extra_features;
    p.tokenizer.punctuation = extra_features;
    p.tokenizer.cue_words = extra_features;
    p
}
