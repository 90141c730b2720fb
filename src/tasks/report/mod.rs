//! `stance report`: one self-contained HTML page (inline CSS and JavaScript, no network) for
//! people who read articles, not CSV.
//!
//! The batch goes through the classify pipeline with the report layout
//! ([`Layout::report`]: the [`ArticleSummary`] of `classify --summary` and, per sentence, the
//! probabilities and the contributions of `classify --explain`; see
//! [`super::article_record`]). The page ([`page`]) holds every article's summary in its table
//! and each article's sentences as one compact JSON block, parsed by the page's script only
//! when the article is opened, so large batches stay usable.

mod page;

use std::io::Write;

use super::article_record::ArticleRecord;
use super::classify::{classify_batch, BatchSummary, ClassifyOptions, Event, Job, Layout};
use super::eval::EvalReport;
use super::records::{ArticleSummary, EXPLAINED_FEATURES, NEUTRAL_LABEL};
use crate::model::{FastScorer, StanceModel};
use crate::text::LanguageCheck;
use crate::Error;

pub use page::render;

/// What the model is and what it was trained on.
#[derive(Debug, Clone)]
pub struct ModelInfo {
    /// Where the model was read from, as given.
    pub path: String,
    pub labels: Vec<String>,
    /// Training sentences per label, in label order (each row once, whatever its weight).
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
    /// The model's scores (with their 95% intervals) and the majority-class baseline's.
    pub eval: EvalReport,
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
    /// The claim the batch was labeled toward (`--claim`), shown at the top.
    pub claim: Option<String>,
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

/// Classifies every job through the classify pipeline with the report layout
/// ([`Layout::report`]), on whatever rayon pool the caller installs. A bad input goes to
/// `on_error` and is skipped; with `fail_fast` the batch stops there (`stopped` is then true).
pub fn classify_for_report(
    scorer: &FastScorer,
    jobs: &mut (dyn Iterator<Item = Job> + Send),
    fail_fast: bool,
    language: Option<LanguageCheck>,
    claim: Option<crate::features::Claim>,
    on_error: &mut (dyn FnMut(Error) + Send),
) -> std::io::Result<(Vec<ArticleReport>, BatchSummary)> {
    let mut options = ClassifyOptions::new(Layout::report(scorer.labels(), EXPLAINED_FEATURES));
    options.fail_fast = fail_fast;
    options.language = language;
    options.claim = claim;
    let mut sink = Records::default();
    let summary = classify_batch(scorer, jobs, &options, &mut sink, &mut |event| {
        if let Event::Failed(e) = event {
            on_error(e)
        }
    })?;
    Ok((sink.articles, summary))
}

/// Reads the report layout's records back as they are written, one line each.
#[derive(Default)]
struct Records {
    partial: Vec<u8>,
    articles: Vec<ArticleReport>,
}

impl Records {
    fn line(&mut self, line: &[u8]) -> std::io::Result<()> {
        let mut r = ArticleRecord::parse(line).map_err(|e| std::io::Error::new(std::io::ErrorKind::InvalidData, e))?;
        self.articles.push(ArticleReport {
            summary: r.summary(),
            detail_json: script_safe(r.detail.get()),
            doc: r.doc,
        });
        Ok(())
    }
}

impl Write for Records {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        let mut rest = buf;
        while let Some(nl) = memchr::memchr(b'\n', rest) {
            if self.partial.is_empty() {
                self.line(&rest[..nl])?;
            } else {
                let mut line = std::mem::take(&mut self.partial);
                line.extend_from_slice(&rest[..nl]);
                self.line(&line)?;
            }
            rest = &rest[nl + 1..];
        }
        self.partial.extend_from_slice(rest);
        Ok(buf.len())
    }

    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

/// JSON text that cannot end a `<script>` element or open a comment in it: every `<` (which
/// JSON only holds inside strings) becomes `\u003c`.
fn script_safe(json: &str) -> String {
    json.replace('<', "\\u003c")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::TokenCache;
    use crate::text::split_sentences;
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
        let jobs = vec![
            Job::Article {
                doc: "d".into(),
                text: text.into(),
                claim: None,
            },
            Job::Failed(Error::Usage("bad".into())),
        ];
        let mut errors = 0;
        let (articles, summary) =
            classify_for_report(&scorer, &mut jobs.into_iter(), false, None, None, &mut |_| errors += 1).unwrap();
        assert_eq!((articles.len(), errors, summary.failed), (1, 1, 1));
        let a = &articles[0];
        assert!(!a.detail_json.contains('<'));
        let v: serde_json::Value = serde_json::from_str(&a.detail_json).unwrap();
        let rows = v.as_array().unwrap();
        assert_eq!(rows.len(), a.summary.sentences);
        assert!(rows[1][4].as_str().unwrap().contains("</script>"));
        let label = rows[0][1].as_u64().unwrap() as usize;
        assert_eq!(m.labels()[label], "denial");
        assert_eq!(a.summary.top[label].as_ref().unwrap().sentence, 0);
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
