//! `stance explain`: what a model learned, as text: the claims it was trained toward, what its
//! claim-aware classifier learned from claims, and the features with the largest weights for
//! each label (computed by [`crate::model::explain`]).

use std::collections::HashMap;
use std::io::Write;
use std::path::PathBuf;

use super::Outcome;
use crate::labeled::LabeledSet;
use crate::model::explain::{claim_weights, surface_forms, top_features};
use crate::model::StanceModel;

/// What `explain` is asked to do: the model loaded.
#[derive(Debug)]
pub struct ExplainRequest {
    pub model: StanceModel,
    /// Labeled CSV files or folders whose words show what each stemmed term stands for.
    pub data: Vec<PathBuf>,
    /// Features shown per label.
    pub top: usize,
}

pub fn run(request: ExplainRequest) -> Outcome {
    let ExplainRequest { model, data, top } = request;
    let surface = if data.is_empty() {
        Default::default()
    } else {
        let data = LabeledSet::read(&data, None)?;
        surface_forms(&model, data.rows.iter().map(|r| r.text.as_str()))
    };
    let mut out = std::io::stdout().lock();
    write!(out, "{}", claims_text(&model))?;
    write!(out, "{}", claim_weights_text(&model))?;
    write!(out, "{}", top_features_text(&model, top, &surface))?;
    Ok(())
}

/// The text layout of [`top_features`]: one block per label, one line per feature: rank,
/// weight, term, and, when `surface` knows the term, its most frequent surface form in brackets.
pub fn top_features_text(model: &StanceModel, top: usize, surface: &HashMap<String, String>) -> String {
    let mut s = String::new();
    for (label, list) in top_features(model, top) {
        s.push_str(&format!("{label}\n"));
        for (i, f) in list.iter().enumerate() {
            s.push_str(&format!("{:>4}. {:+9.4}  {}", i + 1, f.value, f.term));
            match surface.get(&f.term) {
                Some(words) if *words != f.term => s.push_str(&format!("  ({words})")),
                _ => {}
            }
            s.push('\n');
        }
        s.push('\n');
    }
    s
}

/// Most claims [`claims_text`] lists before saying how many more there are.
pub const CLAIMS_SHOWN: usize = 10;

/// The claims the model's training rows were labeled toward (see `TrainingRecord::claims`),
/// one per line under a heading, the first [`CLAIMS_SHOWN`] then how many more; empty when the
/// training data had no `claim` column.
pub fn claims_text(model: &StanceModel) -> String {
    let claims = &model.training().claims;
    if claims.is_empty() {
        return String::new();
    }
    let mut s = format!(
        "trained toward {} claim{}:\n",
        claims.len(),
        if claims.len() == 1 { "" } else { "s" }
    );
    for c in claims.iter().take(CLAIMS_SHOWN) {
        s.push_str(&format!("  {c}\n"));
    }
    if claims.len() > CLAIMS_SHOWN {
        s.push_str(&format!("  ... and {} more\n", claims.len() - CLAIMS_SHOWN));
    }
    s.push('\n');
    s
}

/// The text layout of [`claim_weights`]: a table, one row per claim feature, one column per
/// label; empty for a model trained without claims.
pub fn claim_weights_text(model: &StanceModel) -> String {
    let Some(rows) = claim_weights(model) else {
        return String::new();
    };
    let mut s = String::from(
        "what the claim-aware classifier learned from claims (weight of each claim feature per label;\n\
         used when a claim is given):\n",
    );
    s.push_str(&format!("{:<20}", ""));
    for l in model.labels() {
        s.push_str(&format!("{l:>12}"));
    }
    s.push('\n');
    for (name, w) in rows {
        s.push_str(&format!("{name:<20}"));
        for v in w {
            s.push_str(&format!("{v:>+12.3}"));
        }
        s.push('\n');
    }
    s.push('\n');
    s
}
