//! Explaining labels from the model's weights: the features with the largest weight for each
//! label (`stance explain`, laid out by [`crate::commands::explain`]) and the contributions
//! behind `classify --explain` and the report (per sentence, the features that pushed it most
//! toward its label; see [`crate::output::records::Layout::explain`]).
//!
//! A sentence's score for label `k` is the intercept plus `sum_f x_f w_fk` over its features
//! (TF-IDF value `x_f`, weight `w_fk`); the contribution of feature `f` is `x_f w_fk`. With the
//! L2 penalty every feature's weights sum to zero over the labels (adding a constant to them
//! changes no probability but increases the penalty), so a positive weight or contribution
//! pushes toward the label and away from the others. Features are vocabulary terms: word n-grams
//! of lower-cased (and, with stemming on, stemmed) tokens, joined by a space; toward a claim,
//! the claim features follow ([`CLAIM_FEATURES`], weighed by the claim-aware classifier).

use std::collections::HashMap;

use crate::features::CLAIM_FEATURES;
use crate::model::StanceModel;
use crate::text::{Tokenizer, TokenizerConfig};

/// One feature and its weight or contribution.
#[derive(Debug, Clone, PartialEq)]
pub struct Weighted {
    pub term: String,
    pub value: f64,
}

/// For each label (in the model's order), the `top` features with the largest weights, largest
/// first (ties: vocabulary order).
pub fn top_features(model: &StanceModel, top: usize) -> Vec<(String, Vec<Weighted>)> {
    let k = model.labels().len();
    let terms = model.tfidf().vocabulary().terms();
    let w = model.linear().weights();
    model
        .labels()
        .iter()
        .enumerate()
        .map(|(label, name)| {
            let mut idx: Vec<usize> = (0..terms.len()).collect();
            idx.sort_by(|&a, &b| w[b * k + label].total_cmp(&w[a * k + label]).then(a.cmp(&b)));
            let list = idx
                .into_iter()
                .take(top)
                .map(|f| Weighted {
                    term: terms[f].clone(),
                    value: w[f * k + label],
                })
                .collect();
            (name.clone(), list)
        })
        .collect()
}

/// For each vocabulary term seen in `texts`, the words it most often stands for there: the same
/// n-gram of unstemmed tokens (lower-cased, contractions split; ties: alphabetical).
pub fn surface_forms<'a>(model: &StanceModel, texts: impl IntoIterator<Item = &'a str>) -> HashMap<String, String> {
    let config = model.tokenizer().config();
    let unstemmed = Tokenizer::new(TokenizerConfig {
        stem: false,
        ..config.clone()
    });
    let features = model.tfidf().config();
    let mut counts: HashMap<String, HashMap<String, usize>> = HashMap::new();
    for text in texts {
        // Stemming maps token to token, so the two sequences align.
        let (stems, words) = (model.tokenizer().tokens(text), unstemmed.tokens(text));
        if stems.len() != words.len() {
            continue;
        }
        for n in features.ngram_min..=features.ngram_max {
            for i in 0..stems.len().saturating_sub(n - 1) {
                let term = stems[i..i + n].join(" ");
                if model.tfidf().vocabulary().get(&term).is_some() {
                    *counts
                        .entry(term)
                        .or_default()
                        .entry(words[i..i + n].join(" "))
                        .or_insert(0) += 1;
                }
            }
        }
    }
    counts
        .into_iter()
        .map(|(term, forms)| {
            let best = forms
                .into_iter()
                .max_by(|a, b| a.1.cmp(&b.1).then_with(|| b.0.cmp(&a.0)))
                .map(|(w, _)| w)
                .unwrap_or_default();
            (term, best)
        })
        .collect()
}

/// The `top` features of a sentence's feature row (see [`StanceModel::featurize`], or the batch
/// scorer's [`crate::model::TokenCache::row`]) with the
/// largest positive contribution to the score of `label`, largest first (ties: vocabulary order).
pub fn contributions(model: &StanceModel, row: &[(u32, f64)], label: usize, top: usize) -> Vec<Weighted> {
    let k = model.labels().len();
    let w = model.head_of(row).weights();
    let mut c: Vec<(u32, f64)> = row
        .iter()
        .map(|&(f, x)| (f, x * w[f as usize * k + label]))
        .filter(|(_, v)| *v > 0.0)
        .collect();
    c.sort_by(|a, b| b.1.total_cmp(&a.1).then(a.0.cmp(&b.0)));
    c.into_iter()
        .take(top)
        .map(|(f, value)| Weighted {
            term: feature_name(model, f as usize).to_string(),
            value,
        })
        .collect()
}

/// The name of feature `f`: its vocabulary term, or after the vocabulary, its claim feature's
/// name ([`CLAIM_FEATURES`]).
pub fn feature_name(model: &StanceModel, f: usize) -> &str {
    let terms = model.tfidf().vocabulary().terms();
    match terms.get(f) {
        Some(t) => t,
        None => CLAIM_FEATURES[f - terms.len()],
    }
}

/// What the claim-aware classifier learned from claims: each claim feature's weight for each
/// label, in [`CLAIM_FEATURES`] order; `None` when the model was trained without claims.
pub fn claim_weights(model: &StanceModel) -> Option<Vec<(&'static str, Vec<f64>)>> {
    let head = model.claim_linear()?;
    let (k, n) = (model.labels().len(), model.n_terms());
    let w = head.weights();
    Some(
        CLAIM_FEATURES
            .iter()
            .enumerate()
            .map(|(j, name)| (*name, w[(n + j) * k..(n + j + 1) * k].to_vec()))
            .collect(),
    )
}
