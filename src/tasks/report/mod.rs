//! `stance report`: one self-contained HTML page (inline CSS and JavaScript, no network) for
//! people who read articles, not CSV.
//!
//! The batch is classified as `classify` does it ([`FastScorer`] probabilities, the
//! [`ArticleSummary`] of `classify --summary`, the contributions of `classify --explain`); the
//! page ([`page`]) holds every article's summary in its table and each article's sentences as
//! one compact JSON block, parsed by the page's script only when the article is opened, so
//! large batches stay usable.
//!
//! Sentence detail JSON, one block per article: an array of sentences, each
//! `[index, label, [p per label], unknown (0/1), text, [[term, contribution], ...]]`, with
//! probabilities and contributions rounded to 3 decimals.

mod page;

use std::io::Write;

use rayon::prelude::*;

use super::explain::contributions;
use super::inputs::Job;
use super::metrics::Report;
use super::records::{ArticleSummary, NEUTRAL_LABEL};
use crate::model::{FastScorer, StanceModel, TokenCache};
use crate::text::split_sentences;
use crate::Error;

pub use page::render;

/// Features listed per sentence (as `classify --explain`).
pub const TOP_FEATURES: usize = 5;

/// Articles classified in parallel at a time.
const BATCH_ARTICLES: usize = 256;

/// What the model is and what it was trained on.
#[derive(Debug, Clone)]
pub struct ModelInfo {
    /// Where the model was read from, as given.
    pub path: String,
    pub labels: Vec<String>,
    /// Training rows per label, in label order.
    pub rows_per_label: Vec<usize>,
    pub vocabulary: usize,
    pub data_sha256: String,
    /// Every training setting as `(name, value)`, e.g. `("tokenizer.stem", "true")`.
    pub settings: Vec<(String, String)>,
}

impl ModelInfo {
    pub fn new(model: &StanceModel, path: &str) -> Self {
        let training = model.training();
        let mut settings = Vec::new();
        if let Ok(value) = serde_json::to_value(&training.params) {
            flatten("", &value, &mut settings);
        }
        ModelInfo {
            path: path.to_string(),
            labels: model.labels().to_vec(),
            rows_per_label: training.rows_per_label.clone(),
            vocabulary: model.tfidf().vocabulary().terms().len(),
            data_sha256: training.data_sha256.clone(),
            settings,
        }
    }
}

/// `{"a": {"b": 1}}` -> `[("a.b", "1")]`.
fn flatten(prefix: &str, value: &serde_json::Value, out: &mut Vec<(String, String)>) {
    match value {
        serde_json::Value::Object(map) => {
            for (k, v) in map {
                let name = if prefix.is_empty() {
                    k.clone()
                } else {
                    format!("{prefix}.{k}")
                };
                flatten(&name, v, out);
            }
        }
        serde_json::Value::Null => out.push((prefix.to_string(), "none".into())),
        serde_json::Value::String(s) => out.push((prefix.to_string(), s.clone())),
        v => out.push((prefix.to_string(), v.to_string())),
    }
}

/// An evaluation shown in the header (`--eval`).
#[derive(Debug, Clone)]
pub struct EvalInfo {
    /// The labeled files, as given.
    pub source: String,
    pub report: Report,
    /// A confidence interval of the macro-F1, when the evaluation has one.
    pub macro_f1_interval: Option<(f64, f64)>,
}

/// One classified article: its summary (all sentences counted) and its sentence detail.
#[derive(Debug, Clone)]
pub struct ArticleReport {
    pub doc: String,
    pub summary: ArticleSummary,
    /// The sentence detail JSON (see the module notes), safe inside a `<script>` element (every
    /// `<` written as `\u003c`).
    pub detail_json: String,
}

/// Everything the page shows.
#[derive(Debug, Clone)]
pub struct ReportData {
    pub model: ModelInfo,
    pub articles: Vec<ArticleReport>,
    /// Inputs that could not be read, as their error messages.
    pub failed: Vec<String>,
    pub eval: Option<EvalInfo>,
}

impl ReportData {
    /// Sentences of all articles.
    pub fn sentences(&self) -> usize {
        self.articles.iter().map(|a| a.summary.sentences).sum()
    }

    /// Sentences per label over all articles.
    pub fn counts(&self) -> Vec<usize> {
        let mut c = vec![0; self.model.labels.len()];
        for a in &self.articles {
            c.iter_mut().zip(&a.summary.counts).for_each(|(c, n)| *c += n);
        }
        c
    }

    /// Index of the label shown as neutral (grey), if the model has it.
    pub fn neutral(&self) -> Option<usize> {
        self.model.labels.iter().position(|l| l == NEUTRAL_LABEL)
    }

    /// Writes the page.
    pub fn write_html(&self, out: &mut dyn Write) -> std::io::Result<()> {
        out.write_all(render(self).as_bytes())
    }
}

/// Classifies every job, in order, in parallel batches (on whatever rayon pool the caller
/// installs). A bad input goes to `on_error` and is skipped; with `fail_fast` the batch stops
/// there. Returns the articles.
pub fn classify_for_report(
    scorer: &FastScorer,
    jobs: &mut (dyn Iterator<Item = Job> + Send),
    fail_fast: bool,
    on_error: &mut dyn FnMut(Error),
) -> Vec<ArticleReport> {
    let mut articles = Vec::new();
    loop {
        let batch: Vec<Job> = (&mut *jobs).take(BATCH_ARTICLES).collect();
        if batch.is_empty() {
            break;
        }
        let done: Vec<_> = batch
            .into_par_iter()
            .map_init(TokenCache::new, |cache, job| {
                job.load()
                    .map(|(doc, text): (String, String)| article_report(scorer, doc, &text, cache))
            })
            .collect();
        for d in done {
            match d {
                Ok(a) => articles.push(a),
                Err(e) => {
                    on_error(e);
                    if fail_fast {
                        return articles;
                    }
                }
            }
        }
    }
    articles
}

/// Classifies one article's sentences into its summary and detail.
pub fn article_report(scorer: &FastScorer, doc: String, text: &str, cache: &mut TokenCache) -> ArticleReport {
    let model = scorer.model();
    let n_labels = model.labels().len();
    let mut probabilities = vec![0.0; n_labels];
    let mut summary = ArticleSummary::new(n_labels);
    let mut json = Vec::with_capacity(text.len() * 2);
    json.push(b'[');
    for (i, s) in split_sentences(text).iter().enumerate() {
        let (label, unknown) = scorer.score_into(s.text, cache, &mut probabilities);
        summary.add(s.index, label, &probabilities, unknown, s.text);
        let features: Vec<(String, f64)> = contributions(model, cache.row(), label, TOP_FEATURES)
            .into_iter()
            .map(|w| (w.term, round3(w.value)))
            .collect();
        let p: Vec<f64> = probabilities.iter().map(|&p| round3(p)).collect();
        if i > 0 {
            json.push(b',');
        }
        serde_json::to_writer(&mut json, &(s.index, label, p, u8::from(unknown), s.text, features))
            .expect("writing JSON to memory");
    }
    json.push(b']');
    ArticleReport {
        doc,
        summary,
        detail_json: script_safe(json),
    }
}

fn round3(v: f64) -> f64 {
    (v * 1000.0).round() / 1000.0
}

/// JSON text that cannot end a `<script>` element or open a comment in it: every `<` (which
/// JSON only holds inside strings) becomes `\u003c`.
fn script_safe(json: Vec<u8>) -> String {
    let s = String::from_utf8(json).expect("serde_json writes UTF-8");
    if s.contains('<') {
        s.replace('<', "\\u003c")
    } else {
        s
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::path::Path;

    fn model() -> StanceModel {
        StanceModel::load(&Path::new(env!("CARGO_MANIFEST_DIR")).join("models/stance.model")).unwrap()
    }

    #[test]
    fn detail_json_parses_back_and_hides_script_tags() {
        let m = model();
        let scorer = FastScorer::new(&m);
        let text =
            "Sheinbaum denied any agreement with the DEA.\n</script><script>alert(1)</script>\nThe DEA announced it.";
        let a = article_report(&scorer, "d".into(), text, &mut TokenCache::new());
        assert!(!a.detail_json.contains('<'));
        let v: serde_json::Value = serde_json::from_str(&a.detail_json).unwrap();
        let rows = v.as_array().unwrap();
        assert_eq!(rows.len(), a.summary.sentences);
        assert!(rows[1][4].as_str().unwrap().contains("</script>"));
        let label = rows[0][1].as_u64().unwrap() as usize;
        assert_eq!(m.labels()[label], "denial");
        let p: f64 = rows[0][2].as_array().unwrap().iter().map(|x| x.as_f64().unwrap()).sum();
        assert!((p - 1.0).abs() < 0.01);
        assert!(!rows[0][5].as_array().unwrap().is_empty(), "denial has features");
    }

    #[test]
    fn the_scorers_row_is_the_models() {
        let m = model();
        let scorer = FastScorer::new(&m);
        let mut cache = TokenCache::new();
        let mut p = vec![0.0; 3];
        let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("labeled/articles");
        let mut n = 0;
        for f in std::fs::read_dir(dir).unwrap() {
            let text = std::fs::read_to_string(f.unwrap().path()).unwrap();
            for s in split_sentences(&text) {
                scorer.score_into(s.text, &mut cache, &mut p);
                assert_eq!(cache.row(), &m.featurize(s.text)[..], "{}", s.text);
                n += 1;
            }
        }
        assert_eq!(n, 63);
    }

    #[test]
    fn settings_are_flattened() {
        let info = ModelInfo::new(&model(), "m");
        assert!(info.settings.iter().any(|(k, _)| k == "tokenizer.stem"));
        assert!(info
            .settings
            .iter()
            .any(|(k, v)| k == "features.max_features" && v == "none"));
    }
}
