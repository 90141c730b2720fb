//! `suggest`: which sentences to label next. Candidates are every sentence of the articles whose
//! text is not already labeled; they are ordered by the strategy (the model's uncertainty, or a
//! seeded shuffle) and taken in that order, skipping near-duplicates of a sentence already taken
//! (the same wire copy in several articles counts once). Everything is deterministic: the same
//! articles, model, labeled texts and settings give the same suggestions.

use std::collections::HashSet;

use rand::seq::SliceRandom;
use rand::SeedableRng;
use unicode_segmentation::UnicodeSegmentation;

use crate::model::StanceModel;
use crate::tasks::sentences::Article;

/// How candidates are ordered.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum Strategy {
    /// Smallest margin first: the difference between the two highest label probabilities
    /// (ties: article order, then sentence order). Default.
    Uncertain,
    /// Highest entropy of the label probabilities first (same tie order).
    Entropy,
    /// A shuffle seeded by `--seed` (Xoshiro256++, reproducible across platforms).
    Random,
}

/// Settings of [`suggest`].
#[derive(Debug, Clone, PartialEq)]
pub struct SuggestOptions {
    /// Most suggestions returned. Default: 20.
    pub count: usize,
    /// Ordering of candidates. Default: [`Strategy::Uncertain`].
    pub strategy: Strategy,
    /// Seed of [`Strategy::Random`]. Default: 0.
    pub seed: u64,
    /// Two sentences whose word-bigram sets have at least this Jaccard similarity are
    /// near-duplicates; only the first is suggested. Default: 0.8.
    pub duplicate_jaccard: f64,
}

impl Default for SuggestOptions {
    fn default() -> Self {
        SuggestOptions {
            count: 20,
            strategy: Strategy::Uncertain,
            seed: 0,
            duplicate_jaccard: 0.8,
        }
    }
}

/// One suggested sentence.
#[derive(Debug, Clone, PartialEq)]
pub struct Suggestion {
    /// Index into the articles.
    pub article: usize,
    /// Sentence index in its article.
    pub sentence: usize,
    /// The model's label probabilities, in label order.
    pub probabilities: Vec<f64>,
    /// Highest probability minus the second highest.
    pub margin: f64,
}

impl Suggestion {
    /// The model's guess: the label index with the highest probability.
    pub fn guess(&self) -> usize {
        crate::model::argmax(&self.probabilities)
    }
}

/// The key under which labeled texts are compared: words, lower-cased, joined by one space.
pub fn text_key(text: &str) -> String {
    words(text).join(" ")
}

fn words(text: &str) -> Vec<String> {
    text.unicode_words().map(str::to_lowercase).collect()
}

/// Word bigrams (the words themselves for a one-word sentence), hashed.
fn shingles(text: &str) -> HashSet<u64> {
    use std::hash::{Hash, Hasher};
    let w = words(text);
    let hash = |parts: &[String]| {
        let mut h = rustc_hash::FxHasher::default();
        parts.hash(&mut h);
        h.finish()
    };
    if w.len() < 2 {
        return w.chunks(1).map(hash).collect();
    }
    w.windows(2).map(hash).collect()
}

fn jaccard(a: &HashSet<u64>, b: &HashSet<u64>) -> f64 {
    if a.is_empty() && b.is_empty() {
        return 1.0;
    }
    let common = a.intersection(b).count();
    common as f64 / (a.len() + b.len() - common) as f64
}

/// Highest minus second-highest probability.
pub fn margin(probabilities: &[f64]) -> f64 {
    let (mut first, mut second) = (f64::NEG_INFINITY, f64::NEG_INFINITY);
    for &p in probabilities {
        if p > first {
            second = first;
            first = p;
        } else if p > second {
            second = p;
        }
    }
    if second.is_finite() {
        first - second
    } else {
        1.0
    }
}

/// Shannon entropy of the probabilities (nats).
pub fn entropy(probabilities: &[f64]) -> f64 {
    -probabilities
        .iter()
        .filter(|&&p| p > 0.0)
        .map(|p| p * p.ln())
        .sum::<f64>()
}

/// Up to `options.count` sentences of `articles` to label next, in the order to label them.
/// A sentence whose [`text_key`] is in `labeled` is never suggested, nor one with no word.
pub fn suggest(
    model: &StanceModel,
    articles: &[Article],
    labeled: &HashSet<String>,
    options: &SuggestOptions,
) -> Vec<Suggestion> {
    let mut seen_keys = HashSet::new();
    let mut candidates: Vec<Suggestion> = Vec::new();
    for (a, article) in articles.iter().enumerate() {
        for (s, text) in article.sentences.iter().enumerate() {
            let key = text_key(text);
            if key.is_empty() || labeled.contains(&key) || !seen_keys.insert(key) {
                continue;
            }
            let probabilities = model.predict(text).probabilities;
            candidates.push(Suggestion {
                article: a,
                sentence: s,
                margin: margin(&probabilities),
                probabilities,
            });
        }
    }
    match options.strategy {
        // Stable sorts keep article then sentence order among ties.
        Strategy::Uncertain => candidates.sort_by(|x, y| x.margin.total_cmp(&y.margin)),
        Strategy::Entropy => candidates.sort_by(|x, y| entropy(&y.probabilities).total_cmp(&entropy(&x.probabilities))),
        Strategy::Random => {
            let mut rng = rand_xoshiro::Xoshiro256PlusPlus::seed_from_u64(options.seed);
            candidates.shuffle(&mut rng);
        }
    }
    let mut taken: Vec<HashSet<u64>> = Vec::new();
    let mut out = Vec::new();
    for c in candidates {
        if out.len() == options.count {
            break;
        }
        let sh = shingles(&articles[c.article].sentences[c.sentence]);
        if taken.iter().any(|t| jaccard(t, &sh) >= options.duplicate_jaccard) {
            continue;
        }
        taken.push(sh);
        out.push(c);
    }
    out
}

/// Writes suggestions as CSV: `doc,sentence,label,text` (the label is the model's guess, to be
/// corrected), then `p_<label>` for each label and `margin`, which `train` ignores.
pub fn write_suggestions(
    model: &StanceModel,
    articles: &[Article],
    suggestions: &[Suggestion],
    out: &mut dyn std::io::Write,
) -> std::io::Result<()> {
    let mut w = csv::Writer::from_writer(out);
    let mut header: Vec<String> = ["doc", "sentence", "label", "text"].map(String::from).to_vec();
    header.extend(model.labels().iter().map(|l| format!("p_{l}")));
    header.push("margin".into());
    w.write_record(&header)?;
    for s in suggestions {
        let article = &articles[s.article];
        let mut record = vec![
            article.doc.clone(),
            s.sentence.to_string(),
            model.labels()[s.guess()].clone(),
            article.sentences[s.sentence].clone(),
        ];
        record.extend(s.probabilities.iter().map(|p| format!("{p:.6}")));
        record.push(format!("{:.6}", s.margin));
        w.write_record(&record)?;
    }
    w.flush()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn margin_and_entropy() {
        assert!((margin(&[0.5, 0.3, 0.2]) - 0.2).abs() < 1e-12);
        assert!((margin(&[0.4, 0.4, 0.2])).abs() < 1e-12);
        assert!(entropy(&[1.0, 0.0]) == 0.0);
        assert!(entropy(&[0.5, 0.5]) > entropy(&[0.9, 0.1]));
    }

    #[test]
    fn near_duplicates_are_similar_and_others_not() {
        let a = shingles("Mexico denies any deal with the DEA, officials said.");
        let b = shingles("Mexico denies any deal with the DEA, officials said on Monday.");
        let c = shingles("The DEA announced Project Portero on Monday.");
        assert!(jaccard(&a, &b) >= 0.8, "{}", jaccard(&a, &b));
        assert!(jaccard(&a, &c) < 0.2);
        assert_eq!(text_key("  Mexico,  DENIES it. "), "mexico denies it");
    }
}
