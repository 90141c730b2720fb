//! `sentences`: the articles of a batch, split into sentences, as a CSV ready to label
//! (`doc,sentence,label,text,note`), optionally with a model's guess pre-filled. The
//! [`Article`]s it reads ([`read_articles`]) also feed [`super::suggest`] and
//! the `label` screen.

use std::io::Write;
use std::path::PathBuf;

use super::{chain, exit_code, finish, Outcome};
use crate::io::inputs::{InputFormat, InputOptions, Job, Jobs};
use crate::model::StanceModel;
use crate::Error;

/// The columns of a labeled CSV file, as `sentences` writes them and `train` reads them.
pub const LABELED_COLUMNS: [&str; 5] = ["doc", "sentence", "label", "text", "note"];

/// One article: its document name (as `classify` names it), its sentences in order, and the
/// claim its record names (a CSV `claim` column or a JSON `claim` field), if any.
#[derive(Debug, Clone, PartialEq)]
pub struct Article {
    pub doc: String,
    pub sentences: Vec<String>,
    pub claim: Option<String>,
}

impl Article {
    /// Splits `text` into sentences (see [`crate::text::split_sentences`]).
    pub fn new(doc: String, text: &str) -> Self {
        let sentences = crate::text::split_sentences(text)
            .into_iter()
            .map(|s| s.text.to_string())
            .collect();
        Article {
            doc,
            sentences,
            claim: None,
        }
    }

    /// The claim of the article's sentences: its own, else `default` (`--claim`).
    pub fn claim_or<'a>(&'a self, default: Option<&'a str>) -> Option<&'a str> {
        self.claim.as_deref().or(default)
    }
}

/// Reads every job in order into articles. An input that cannot be read is passed to
/// `on_error` and skipped.
pub fn read_articles(jobs: impl Iterator<Item = Job>, on_error: &mut dyn FnMut(Error)) -> Vec<Article> {
    let mut articles = Vec::new();
    for job in jobs {
        match job.load() {
            Ok(a) => articles.push(Article {
                claim: a.claim,
                ..Article::new(a.doc, &a.text)
            }),
            Err(e) => on_error(e),
        }
    }
    articles
}

/// Writes one CSV record per sentence: `doc,sentence,label,text,note`, the label empty. When
/// some article has a claim, a `claim` column follows with each sentence's claim, so the rows
/// carry it into training. With a model, the label is its guess (toward the claim) and a last
/// column `probability` holds the guess's probability (six decimals); `train` ignores that
/// column.
pub fn write_sentences(articles: &[Article], model: Option<&StanceModel>, out: &mut dyn Write) -> std::io::Result<()> {
    let mut w = csv::Writer::from_writer(out);
    let mut header = LABELED_COLUMNS.to_vec();
    let with_claim = articles.iter().any(|a| a.claim.is_some());
    if with_claim {
        header.push("claim");
    }
    if model.is_some() {
        header.push("probability");
    }
    w.write_record(&header)?;
    for article in articles {
        let claim = article.claim.as_deref().and_then(crate::features::Claim::new);
        for (i, text) in article.sentences.iter().enumerate() {
            let index = i.to_string();
            let mut record = vec![article.doc.as_str(), &index, "", text, ""];
            if with_claim {
                record.push(article.claim.as_deref().unwrap_or(""));
            }
            let probability;
            if let Some(m) = model {
                let p = m.predict_with(text, claim.as_ref());
                probability = format!("{:.6}", p.probabilities[p.label]);
                record[2] = &m.labels()[p.label];
                record.push(&probability);
            }
            w.write_record(&record)?;
        }
    }
    w.flush()
}

/// Reads the articles of `sentences`, `suggest` and `label` (plain-text inputs); a bad input is
/// reported and skipped, and raises `worst` to its exit code (see [`super::finish`]).
/// Each article keeps the claim its record names, else gets `claim` (`--claim`).
pub(super) fn articles_of(inputs: &[PathBuf], claim: Option<&str>, worst: &mut u8) -> Vec<Article> {
    let jobs = Jobs::new(inputs.to_vec(), InputOptions::new(InputFormat::Text));
    let mut articles = read_articles(jobs, &mut |e| {
        eprintln!("stance: error: {}", chain(&e));
        *worst = (*worst).max(exit_code(&e));
    });
    for a in &mut articles {
        if a.claim.is_none() {
            a.claim = claim.map(str::to_string);
        }
    }
    articles
}

/// What `sentences` is asked to do: the model, if any, loaded.
#[derive(Debug)]
pub struct SentencesRequest {
    /// Pre-fills each label with this model's guess.
    pub model: Option<StanceModel>,
    /// The claim of articles whose record names none (`--claim`).
    pub claim: Option<String>,
    /// Files, folders, or `-` for standard input.
    pub inputs: Vec<PathBuf>,
}

pub fn run(request: SentencesRequest) -> Outcome {
    let mut worst = 0;
    let articles = articles_of(&request.inputs, request.claim.as_deref(), &mut worst);
    let mut out = std::io::BufWriter::new(std::io::stdout().lock());
    write_sentences(&articles, request.model.as_ref(), &mut out)?;
    out.flush()?;
    finish(worst)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn articles_are_split_and_written_with_empty_labels() {
        let a = Article::new("a.txt".into(), "Headline\nOne, \"two\". Three.");
        assert_eq!(a.sentences, ["Headline", "One, \"two\".", "Three."]);
        let mut out = Vec::new();
        write_sentences(&[a], None, &mut out).unwrap();
        assert_eq!(
            String::from_utf8(out).unwrap(),
            "doc,sentence,label,text,note\na.txt,0,,Headline,\na.txt,1,,\"One, \"\"two\"\".\",\na.txt,2,,Three.,\n"
        );
    }

    #[test]
    fn bad_inputs_are_reported_and_skipped() {
        let jobs = vec![
            Job::Failed(Error::Empty {
                at: crate::error::Location::file("x"),
                what: "bad".into(),
            }),
            Job::Article {
                doc: "b".into(),
                text: "One.".into(),
                claim: None,
            },
        ];
        let mut errors = 0;
        let articles = read_articles(jobs.into_iter(), &mut |_| errors += 1);
        assert_eq!(errors, 1);
        assert_eq!(articles.len(), 1);
        assert_eq!(articles[0].doc, "b");
    }
}
