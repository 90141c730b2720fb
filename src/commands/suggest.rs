//! `suggest`: which sentences to label next. Candidates are every sentence of the articles whose
//! text is not already labeled; they are ordered by the strategy (the model's uncertainty after a
//! random warm-up, plain uncertainty, uncertainty weighted by information density, or a seeded
//! shuffle) and taken in that order, skipping near-duplicates of a sentence already taken
//! (the same wire copy in several articles counts once). Everything is deterministic: the same
//! articles, model, labeled texts and settings give the same suggestions.

use std::collections::HashSet;
use std::io::Write;
use std::path::PathBuf;

use rand::seq::SliceRandom;
use rand::SeedableRng;
use unicode_segmentation::UnicodeSegmentation;

use super::sentences::{articles_of, Article};
use super::{finish, Outcome};
use crate::labeled::LabeledSet;
use crate::model::StanceModel;

/// How candidates are ordered.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum Strategy {
    /// Default. Smallest margin first (see [`Strategy::Margin`]), after a warm-up against the
    /// cold start of a model that has not seen the dispute yet: while fewer than
    /// [`SuggestOptions::warm_up`] sentences of the articles are labeled (m of them), a share
    /// `1 - m / warm_up` of the suggestions comes from the shuffle of [`Strategy::Random`] with
    /// the same seed, interleaved with the margin order (m = 0: all shuffled; m = warm_up / 2: every other one).
    #[value(
        help = "Default. Smallest margin between the two most likely labels first, after a warm-up: while m < 40 sentences of the inputs are labeled (in --data), a share 1 - m/40 of the suggestions are random's (same --seed), interleaved"
    )]
    Uncertain,
    /// Plain uncertainty sampling: smallest margin first, the difference between the two highest
    /// label probabilities (ties: article order, then sentence order).
    #[value(help = "Smallest margin first, no warm-up")]
    Margin,
    /// Information density (Settles & Craven 2008): highest `(1 - margin) x density` first,
    /// density being the sentence's mean TF-IDF cosine similarity to the other candidates, on
    /// the candidates' own words (see [`density`]); an uncertain sentence typical of the
    /// articles comes before an equally uncertain outlier (same tie order).
    #[value(help = "Margin weighted by information density (mean TF-IDF similarity to the other sentences)")]
    Density,
    /// Highest entropy of the label probabilities first (same tie order).
    #[value(help = "Highest entropy of the label probabilities first")]
    Entropy,
    /// A shuffle seeded by `--seed` (Xoshiro256++, reproducible across platforms).
    #[value(help = "A shuffle seeded by --seed (the baseline)")]
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
    /// Warm-up of [`Strategy::Uncertain`]: how many labeled sentences of the articles it takes
    /// to stop mixing in shuffled suggestions (0: no warm-up, plain margin). Default: 40.
    pub warm_up: usize,
}

impl Default for SuggestOptions {
    fn default() -> Self {
        SuggestOptions {
            count: 20,
            strategy: Strategy::Uncertain,
            seed: 0,
            duplicate_jaccard: 0.8,
            warm_up: 40,
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

/// The [`text_key`]s of every row of labeled CSV files or folders.
pub fn labeled_keys(paths: &[PathBuf]) -> crate::Result<HashSet<String>> {
    if paths.is_empty() {
        return Ok(HashSet::new());
    }
    let set = LabeledSet::read(paths, None)?;
    Ok(set.rows.iter().map(|r| text_key(&r.text)).collect())
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

/// Information density of each text: its mean cosine similarity to the other texts, on
/// L2-normalized TF-IDF vectors of lower-cased words (tf = count, idf = ln(n / df) + 1, both
/// computed on `texts` themselves, so the words of a dispute the model never saw count). The
/// mean over all the others is exact and linear in the words: it is the dot product with the sum
/// of all the vectors, minus the text's own (1 for a text with words), divided by n - 1. A text
/// with no word, or a lone text, has density 0.
pub fn density(texts: &[&str]) -> Vec<f64> {
    let vectors = tfidf_vectors(texts);
    let n = texts.len();
    let mut sum = vec![0.0; vectors.iter().flatten().map(|&(w, _)| w + 1).max().unwrap_or(0)];
    for &(w, x) in vectors.iter().flatten() {
        sum[w] += x;
    }
    vectors
        .iter()
        .map(|v| {
            if n < 2 || v.is_empty() {
                return 0.0;
            }
            let dot: f64 = v.iter().map(|&(w, x)| x * sum[w]).sum();
            ((dot - 1.0) / (n - 1) as f64).max(0.0)
        })
        .collect()
}

/// L2-normalized TF-IDF vectors of lower-cased words (tf = count, idf = ln(n / df) + 1 on
/// `texts` themselves), sparse, sorted by word id (ids in order of first appearance).
pub fn tfidf_vectors(texts: &[&str]) -> Vec<Vec<(usize, f64)>> {
    use std::collections::HashMap;
    let mut ids: HashMap<String, usize> = HashMap::new();
    let docs: Vec<Vec<(usize, f64)>> = texts
        .iter()
        .map(|t| {
            let mut tf: Vec<(usize, f64)> = Vec::new();
            for w in words(t) {
                let next = ids.len();
                let id = *ids.entry(w).or_insert(next);
                match tf.iter_mut().find(|(i, _)| *i == id) {
                    Some((_, c)) => *c += 1.0,
                    None => tf.push((id, 1.0)),
                }
            }
            tf.sort_by_key(|&(i, _)| i);
            tf
        })
        .collect();
    let mut df = vec![0.0; ids.len()];
    for &(w, _) in docs.iter().flatten() {
        df[w] += 1.0;
    }
    let n = texts.len() as f64;
    docs.into_iter()
        .map(|mut v| {
            v.iter_mut().for_each(|(w, x)| *x *= (n / df[*w]).ln() + 1.0);
            let norm = v.iter().map(|(_, x)| x * x).sum::<f64>().sqrt();
            v.iter_mut().for_each(|(_, x)| *x /= norm);
            v
        })
        .collect()
}

/// The information-density score of [`Strategy::Density`]: `(1 - margin) x density`.
pub fn density_score(margin: f64, density: f64) -> f64 {
    (1.0 - margin) * density
}

/// `items` in the order of `order` (a permutation of their indices).
fn reorder<T>(items: Vec<T>, order: Vec<usize>) -> Vec<T> {
    let mut slots: Vec<Option<T>> = items.into_iter().map(Some).collect();
    order.into_iter().filter_map(|i| slots[i].take()).collect()
}

/// Both orders of the same indices merged: position i (from 0) comes from `second` when
/// `floor((i + 1) x share) > floor(i x share)`, else from `first`; an index already taken is
/// skipped.
fn interleave(first: &[usize], second: &[usize], share: f64) -> Vec<usize> {
    let mut used = vec![false; first.len()];
    let (mut a, mut b) = (first.iter(), second.iter());
    let mut out = Vec::with_capacity(first.len());
    while out.len() < first.len() {
        let i = out.len() as f64;
        let from_second = ((i + 1.0) * share).floor() > (i * share).floor();
        let source = if from_second { &mut b } else { &mut a };
        if let Some(&k) = source.by_ref().find(|&&k| !used[k]) {
            used[k] = true;
            out.push(k);
        } else {
            break;
        }
    }
    out.extend(first.iter().filter(|&&k| !used[k]));
    out
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
    // Sentences of the articles already labeled (counted once per text).
    let mut already = 0usize;
    for (a, article) in articles.iter().enumerate() {
        let claim = article.claim.as_deref().and_then(crate::features::Claim::new);
        for (s, text) in article.sentences.iter().enumerate() {
            let key = text_key(text);
            if key.is_empty() || !seen_keys.insert(key.clone()) {
                continue;
            }
            if labeled.contains(&key) {
                already += 1;
                continue;
            }
            let probabilities = model.predict_with(text, claim.as_ref()).probabilities;
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
        Strategy::Uncertain => {
            let mut by_margin: Vec<usize> = (0..candidates.len()).collect();
            by_margin.sort_by(|&i, &j| candidates[i].margin.total_cmp(&candidates[j].margin));
            if already < options.warm_up {
                // The shuffle of `Strategy::Random` with the same seed.
                let share = 1.0 - already as f64 / options.warm_up as f64;
                let mut shuffled: Vec<usize> = (0..candidates.len()).collect();
                let mut rng = rand_xoshiro::Xoshiro256PlusPlus::seed_from_u64(options.seed);
                shuffled.shuffle(&mut rng);
                by_margin = interleave(&by_margin, &shuffled, share);
            }
            candidates = reorder(candidates, by_margin);
        }
        Strategy::Margin => candidates.sort_by(|x, y| x.margin.total_cmp(&y.margin)),
        Strategy::Density => {
            let texts: Vec<&str> = candidates
                .iter()
                .map(|c| articles[c.article].sentences[c.sentence].as_str())
                .collect();
            let score: Vec<f64> = density(&texts)
                .into_iter()
                .zip(&candidates)
                .map(|(d, c)| density_score(c.margin, d))
                .collect();
            let mut order: Vec<usize> = (0..candidates.len()).collect();
            order.sort_by(|&i, &j| score[j].total_cmp(&score[i]));
            candidates = reorder(candidates, order);
        }
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

/// What `suggest` is asked to do: the model loaded.
#[derive(Debug)]
pub struct SuggestRequest {
    /// The model whose uncertainty chooses the sentences.
    pub model: StanceModel,
    /// Labeled CSV files or folders: a sentence whose text is in one is never suggested.
    pub data: Vec<PathBuf>,
    pub options: SuggestOptions,
    /// The claim of articles whose record names none (`--claim`).
    pub claim: Option<String>,
    /// Files, folders, or `-` for standard input.
    pub inputs: Vec<PathBuf>,
}

pub fn run(request: SuggestRequest) -> Outcome {
    let SuggestRequest {
        model,
        data,
        options,
        claim,
        inputs,
    } = request;
    let labeled = labeled_keys(&data)?;
    let mut worst = 0;
    let articles = articles_of(&inputs, claim.as_deref(), &mut worst);
    let picked = suggest(&model, &articles, &labeled, &options);
    if picked.len() < options.count && !articles.is_empty() {
        eprintln!(
            "stance: {} of {} asked: every other sentence of the inputs is labeled already (in --data)",
            picked.len(),
            options.count
        );
    }
    let mut out = std::io::BufWriter::new(std::io::stdout().lock());
    write_suggestions(&model, &articles, &picked, &mut out)?;
    out.flush()?;
    finish(worst)
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
    fn a_representative_uncertain_sentence_beats_an_outlier_of_the_same_margin() {
        let texts = [
            "Officials deny the report about the bank breach",
            "The bank denies the breach report, officials say",
            "Officials said the report about the bank breach is false",
            "Zebras graze quietly near Lake Nakuru at dawn",
        ];
        let d = density(&texts);
        assert!(d[0] > 0.3 && d[3] < 1e-9, "{d:?}");
        assert!(d.iter().all(|&x| (0.0..=1.0).contains(&x)));
        assert!(density_score(0.1, d[0]) > density_score(0.1, d[3]));
        // Uncertainty still counts: a representative but confident sentence loses.
        assert!(density_score(0.1, d[0]) > density_score(0.9, d[0]));
        assert_eq!(density(&["only one"]), vec![0.0]);
    }

    #[test]
    fn warm_up_interleaves_the_shuffle_by_its_share() {
        let first = [0, 1, 2, 3, 4, 5];
        let second = [5, 4, 3, 2, 1, 0];
        assert_eq!(interleave(&first, &second, 0.0), first);
        assert_eq!(interleave(&first, &second, 1.0), second);
        assert_eq!(interleave(&first, &second, 0.5), [0, 5, 1, 4, 2, 3]);
        assert_eq!(interleave(&first, &second, 0.25), [0, 1, 2, 5, 3, 4]);
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
