//! `train --tune`: chooses settings by grouped cross-validation on the training data alone,
//! with a procedure made for tiny data, then trains on all of it and records the choice in the
//! model file.
//!
//! Forward selection with the one-standard-error rule (the same rule `benches/choose_defaults.py`
//! applies across several corpora to choose the shipped defaults):
//! 1. start from the simplest setting, [`simplest`] (scikit-learn's plain TF-IDF + logistic
//!    regression: unigrams, no stemming, no extra tokens, raw tf, `C` 1, no class weight);
//! 2. score every candidate change of [`CHANGES`] (one setting flipped from the current choice)
//!    fold by fold against the current choice (paired macro-F1 differences);
//! 3. accept a change only if its mean difference exceeds one standard error of those
//!    differences (when in doubt, the simpler setting stays);
//! 4. the accepted change with the largest mean gain becomes the current choice; repeat until no
//!    change is accepted.
//!
//! Settings outside [`CHANGES`] (minimum document frequency, feature cap, stop words, smallest
//! n-gram, iterations, tolerance) stay as given.

use rayon::prelude::*;

use super::cv::cross_validate;
use crate::labeled::{Fold, LabeledSet};
use crate::model::train::{train, TrainReport};
use crate::model::{ClassWeight, StanceModel, TrainParams, TuningRecord, TuningStep, ValidTrainParams};
use crate::Result;

/// A candidate change: its name and how it sets one setting.
pub struct Change {
    pub name: &'static str,
    pub apply: fn(&mut TrainParams),
}

/// The candidate changes, in the order they are reported (ties in gain: the earlier).
pub const CHANGES: &[Change] = &[
    Change {
        name: "balanced classes",
        apply: |p| p.classifier.class_weight = ClassWeight::Balanced,
    },
    Change {
        name: "sublinear tf",
        apply: |p| p.features.sublinear_tf = true,
    },
    Change {
        name: "stemming",
        apply: |p| p.tokenizer.stem = true,
    },
    Change {
        name: "negation scope",
        apply: |p| p.tokenizer.negation_scope = true,
    },
    Change {
        name: "punctuation tokens",
        apply: |p| p.tokenizer.punctuation = true,
    },
    Change {
        name: "cue words",
        apply: |p| p.tokenizer.cue_words = true,
    },
    Change {
        name: "extended cue lexicon",
        apply: |p| p.tokenizer.extended_cues = true,
    },
    Change {
        name: "attribution",
        apply: |p| p.tokenizer.attribution = true,
    },
    Change {
        name: "word 1-2-grams",
        apply: |p| p.features.ngram_max = p.features.ngram_max.max(2),
    },
    Change {
        name: "C 10",
        apply: |p| p.classifier.c = 10.0,
    },
    Change {
        name: "C 0.1",
        apply: |p| p.classifier.c = 0.1,
    },
];

/// How to cross-validate while tuning.
#[derive(Debug, Clone)]
pub struct TuneSettings {
    pub group_by: String,
    pub folds: usize,
    pub seed: u64,
}

/// The simplest setting, where selection starts: `base` with unigrams (or its smallest n-gram),
/// no stemming, no negation scope, punctuation or cue tokens, raw term frequency, `C` 1 and no
/// class weight.
pub fn simplest(base: &TrainParams) -> TrainParams {
    let mut p = base.clone();
    p.tokenizer.stem = false;
    p.tokenizer.negation_scope = false;
    p.tokenizer.punctuation = false;
    p.tokenizer.cue_words = false;
    p.tokenizer.extended_cues = false;
    p.tokenizer.attribution = false;
    p.features.ngram_max = p.features.ngram_min;
    p.features.sublinear_tf = false;
    p.classifier.c = 1.0;
    p.classifier.class_weight = ClassWeight::None;
    p
}

fn mean(v: &[f64]) -> f64 {
    v.iter().sum::<f64>() / v.len().max(1) as f64
}

/// Standard error of the mean (sample standard deviation over `sqrt(n)`); infinite below 2
/// values, so that one fold never accepts a change.
pub fn standard_error(v: &[f64]) -> f64 {
    if v.len() < 2 {
        return f64::INFINITY;
    }
    let m = mean(v);
    (v.iter().map(|x| (x - m).powi(2)).sum::<f64>() / (v.len() - 1) as f64 / v.len() as f64).sqrt()
}

/// The one-standard-error rule on paired differences (candidate minus current, per fold): the
/// mean gain and its standard error, and whether the change is accepted (gain > 1 SE).
pub fn one_se_rule(differences: &[f64]) -> (f64, f64, bool) {
    let (gain, se) = (mean(differences), standard_error(differences));
    (gain, se, gain > se)
}

/// Per-fold macro-F1 and the pooled accuracy and macro-F1 of one setting.
struct Scored {
    folds: Vec<f64>,
    accuracy: f64,
    macro_f1: f64,
}

fn score(data: &LabeledSet, folds: &[Fold], p: &TrainParams) -> Result<Scored> {
    let report = cross_validate(data, folds, &p.clone().validate()?)?;
    Ok(Scored {
        folds: report.folds.iter().map(|f| f.macro_f1).collect(),
        accuracy: report.accuracy().0,
        macro_f1: report.macro_f1().0,
    })
}

/// Runs the selection, trains on all of `data` with the chosen settings, and returns the model
/// (its training record holding the tuning record) and the training report.
pub fn tune(
    data: &LabeledSet,
    base: &ValidTrainParams,
    folds: &[Fold],
    settings: &TuneSettings,
) -> Result<(StanceModel, TrainReport, TuningRecord)> {
    let mut current = simplest(base.get());
    let mut scored = score(data, folds, &current)?;
    let mut steps = Vec::new();
    for round in 1.. {
        // Candidates run in parallel (rayon); results keep CHANGES order.
        let candidates: Vec<(usize, TrainParams)> = CHANGES
            .iter()
            .enumerate()
            .filter_map(|(i, c)| {
                let mut p = current.clone();
                (c.apply)(&mut p);
                (p != current).then_some((i, p))
            })
            .collect();
        let results = candidates
            .par_iter()
            .map(|(_, p)| score(data, folds, p))
            .collect::<Result<Vec<_>>>()?;
        let mut best: Option<(f64, usize)> = None;
        for (k, ((i, _), s)) in candidates.iter().zip(&results).enumerate() {
            let diffs: Vec<f64> = s.folds.iter().zip(&scored.folds).map(|(b, a)| b - a).collect();
            let (gain, se, accepted) = one_se_rule(&diffs);
            steps.push(TuningStep {
                round,
                change: CHANGES[*i].name.to_string(),
                cv_accuracy: s.accuracy,
                cv_macro_f1: s.macro_f1,
                gain,
                standard_error: se,
                accepted,
            });
            if accepted && best.is_none_or(|(g, _)| gain > g) {
                best = Some((gain, k));
            }
        }
        let Some((_, k)) = best else { break };
        let chosen_name = CHANGES[candidates[k].0].name;
        for s in steps.iter_mut().filter(|s| s.round == round) {
            s.accepted = s.change == chosen_name;
        }
        current = candidates[k].1.clone();
        scored = results.into_iter().nth(k).expect("index of a result");
    }
    let (mut model, report) = train(data, &current.validate()?)?;
    let record = TuningRecord {
        group_by: settings.group_by.clone(),
        folds: folds.len(),
        seed: settings.seed,
        grid: Vec::new(),
        chosen: None,
        rule: "forward selection from the simplest setting; a change is kept when its mean paired macro-F1 gain over folds exceeds one standard error".into(),
        steps,
        cv_accuracy: scored.accuracy,
        cv_macro_f1: scored.macro_f1,
    };
    model.training_mut().tuning = Some(record.clone());
    Ok((model, report, record))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn one_se_rule_table() {
        // (differences, accepted)
        let cases: &[(&[f64], bool)] = &[
            (&[0.10, 0.12, 0.08, 0.11], true),    // steady gain
            (&[0.30, -0.25, 0.02, -0.01], false), // noisy: mean 0.015, SE about 0.12
            (&[0.0, 0.0, 0.0], false),            // no change stays out
            (&[0.5], false),                      // one fold is no evidence
            (&[-0.05, -0.04, -0.06], false),      // a loss
        ];
        for (d, want) in cases {
            assert_eq!(one_se_rule(d).2, *want, "{d:?}");
        }
    }

    #[test]
    fn simplest_is_plain_and_every_change_changes_it() {
        let s = simplest(&TrainParams::default());
        assert!(!s.tokenizer.stem && !s.tokenizer.cue_words && !s.features.sublinear_tf);
        assert_eq!(s.classifier.class_weight, ClassWeight::None);
        for c in CHANGES {
            let mut q = s.clone();
            (c.apply)(&mut q);
            assert_ne!(q, s, "{}", c.name);
        }
    }
}
