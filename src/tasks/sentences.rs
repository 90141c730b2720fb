//! `sentences`: the articles of a batch, split into sentences, as a CSV ready to label
//! (`doc,sentence,label,text,note`), optionally with a model's guess pre-filled. The same
//! [`Article`] list feeds [`super::suggest`] and the `label` screen.

use std::io::Write;

use crate::model::StanceModel;
use crate::tasks::inputs::Job;
use crate::Error;

/// The columns of a labeled CSV file, as `sentences` writes them and `train` reads them.
pub const LABELED_COLUMNS: [&str; 5] = ["doc", "sentence", "label", "text", "note"];

/// One article: its document name (as `classify` names it) and its sentences in order.
#[derive(Debug, Clone, PartialEq)]
pub struct Article {
    pub doc: String,
    pub sentences: Vec<String>,
}

impl Article {
    /// Splits `text` into sentences (see [`crate::text::split_sentences`]).
    pub fn new(doc: String, text: &str) -> Self {
        let sentences = crate::text::split_sentences(text)
            .into_iter()
            .map(|s| s.text.to_string())
            .collect();
        Article { doc, sentences }
    }
}

/// Reads every job in order into articles. An input that cannot be read is passed to
/// `on_error` and skipped.
pub fn read_articles(jobs: impl Iterator<Item = Job>, on_error: &mut dyn FnMut(Error)) -> Vec<Article> {
    let mut articles = Vec::new();
    for job in jobs {
        match job.load() {
            Ok((doc, text)) => articles.push(Article::new(doc, &text)),
            Err(e) => on_error(e),
        }
    }
    articles
}

/// Writes one CSV record per sentence: `doc,sentence,label,text,note`, the label empty. With a
/// model, the label is its guess and a sixth column `probability` holds the guess's probability
/// (six decimals); `train` ignores that column.
pub fn write_sentences(articles: &[Article], model: Option<&StanceModel>, out: &mut dyn Write) -> std::io::Result<()> {
    let mut w = csv::Writer::from_writer(out);
    let mut header = LABELED_COLUMNS.to_vec();
    if model.is_some() {
        header.push("probability");
    }
    w.write_record(&header)?;
    for article in articles {
        for (i, text) in article.sentences.iter().enumerate() {
            let index = i.to_string();
            match model {
                None => w.write_record([article.doc.as_str(), &index, "", text, ""])?,
                Some(m) => {
                    let p = m.predict(text);
                    let probability = format!("{:.6}", p.probabilities[p.label]);
                    w.write_record([
                        article.doc.as_str(),
                        &index,
                        &m.labels()[p.label],
                        text,
                        "",
                        &probability,
                    ])?
                }
            }
        }
    }
    w.flush()
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
            },
        ];
        let mut errors = 0;
        let articles = read_articles(jobs.into_iter(), &mut |_| errors += 1);
        assert_eq!(errors, 1);
        assert_eq!(articles.len(), 1);
        assert_eq!(articles[0].doc, "b");
    }
}
