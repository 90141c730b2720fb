//! `stance report`: one self-contained HTML page (inline CSS and JavaScript, no network) for
//! people who read articles, not CSV.
//!
//! The batch goes through the classify pipeline ([`crate::commands::report`]) with the report
//! layout ([`Layout::report`](super::records::Layout::report): the [`ArticleSummary`] of
//! `classify --summary` and, per sentence, the probabilities and the contributions of
//! `classify --explain`; see [`super::article_record`]), whose records [`Records`] reads back
//! into [`ArticleReport`]s. The page ([`render`]) holds every article's summary in its table
//! and each article's sentences as one compact JSON block, parsed by the page's script only
//! when the article is opened, so large batches stay usable.

mod page;

use std::io::Write;

use super::article_record::ArticleRecord;
use super::records::{ArticleSummary, NEUTRAL_LABEL};
use crate::evaluate::eval::EvalReport;
use crate::model::StanceModel;

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

/// Reads the report layout's records back as they are written, one line each: the sink the
/// classify pipeline writes a report's records to.
#[derive(Default)]
pub struct Records {
    partial: Vec<u8>,
    articles: Vec<ArticleReport>,
}

impl Records {
    /// The articles read so far, in the order written.
    pub fn into_articles(self) -> Vec<ArticleReport> {
        self.articles
    }

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
    use std::path::Path;

    fn model() -> StanceModel {
        StanceModel::load(&Path::new(env!("CARGO_MANIFEST_DIR")).join("models/stance.model")).unwrap()
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
