//! `classify`: articles -> one record per sentence, written as a table, CSV or JSON lines.

use std::io::Write;
use std::path::{Path, PathBuf};

use crate::data::{read_article, read_article_from};
use crate::model::StanceModel;
use crate::text::split_sentences;
use crate::{Error, Result};

/// One input article.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Input {
    File(PathBuf),
    Stdin,
}

impl Input {
    /// The document name used in records: the file name, or `-` for standard input.
    pub fn doc_name(&self) -> String {
        match self {
            Input::File(p) => p
                .file_name()
                .map_or_else(|| p.display().to_string(), |n| n.to_string_lossy().into_owned()),
            Input::Stdin => "-".to_string(),
        }
    }

    /// Reads the article's text.
    pub fn read(&self) -> Result<String> {
        match self {
            Input::File(p) => read_article(p),
            Input::Stdin => read_article_from(std::io::stdin().lock(), Path::new("<stdin>")),
        }
    }
}

/// Expands command-line inputs: `-` is standard input, a folder stands for its `.txt` files
/// (recursively, in path order), anything else is a file. A folder with no article in it is an
/// error for that folder.
pub fn expand_inputs(args: &[PathBuf]) -> Vec<Result<Input>> {
    let mut out = Vec::new();
    for arg in args {
        if arg.as_os_str() == "-" {
            out.push(Ok(Input::Stdin));
        } else if arg.is_dir() {
            let mut files = Vec::new();
            if let Err(e) = collect_txt(arg, &mut files) {
                out.push(Err(e));
                continue;
            }
            if files.is_empty() {
                out.push(Err(Error::Empty {
                    path: arg.clone(),
                    what: "folder holds no .txt articles".into(),
                }));
            }
            files.sort();
            out.extend(files.into_iter().map(|f| Ok(Input::File(f))));
        } else {
            out.push(Ok(Input::File(arg.clone())));
        }
    }
    out
}

fn collect_txt(dir: &Path, out: &mut Vec<PathBuf>) -> Result<()> {
    for entry in std::fs::read_dir(dir).map_err(|e| Error::io(dir, e))? {
        let path = entry.map_err(|e| Error::io(dir, e))?.path();
        if path.is_dir() {
            collect_txt(&path, out)?;
        } else if path.extension().is_some_and(|e| e.eq_ignore_ascii_case("txt")) {
            out.push(path);
        }
    }
    Ok(())
}

/// The verdict on one sentence of one article.
#[derive(Debug, Clone, PartialEq)]
pub struct SentenceRecord {
    pub doc: String,
    pub sentence: usize,
    /// Index into the model's labels.
    pub label: usize,
    pub probabilities: Vec<f64>,
    /// No word of the sentence is in the vocabulary.
    pub unknown: bool,
    pub text: String,
}

/// Splits `text` into sentences and labels each.
pub fn classify_text(model: &StanceModel, doc: &str, text: &str) -> Vec<SentenceRecord> {
    split_sentences(text)
        .into_iter()
        .map(|s| {
            let p = model.predict(s.text);
            SentenceRecord {
                doc: doc.to_string(),
                sentence: s.index,
                label: p.label,
                probabilities: p.probabilities,
                unknown: p.unknown,
                text: s.text.to_string(),
            }
        })
        .collect()
}

/// Output layouts.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum OutputFormat {
    /// Aligned columns for people.
    Table,
    /// CSV with a header row.
    Csv,
    /// One JSON object per line.
    Jsonl,
}

/// Writes sentence records in one format; the header (table, CSV) comes before the first one.
pub struct RecordWriter<W: Write> {
    out: W,
    format: OutputFormat,
    labels: Vec<String>,
    header_done: bool,
}

impl<W: Write> RecordWriter<W> {
    pub fn new(out: W, format: OutputFormat, labels: &[String]) -> Self {
        RecordWriter {
            out,
            format,
            labels: labels.to_vec(),
            header_done: false,
        }
    }

    fn columns(&self) -> Vec<String> {
        let mut c = vec!["doc".to_string(), "sentence".into(), "label".into()];
        c.extend(self.labels.iter().map(|l| format!("p_{l}")));
        c.push("unknown".into());
        c.push("text".into());
        c
    }

    /// Writes the header if not yet written.
    pub fn header(&mut self) -> std::io::Result<()> {
        if self.header_done {
            return Ok(());
        }
        self.header_done = true;
        match self.format {
            OutputFormat::Csv => {
                let columns = self.columns();
                csv_line(&mut self.out, &columns)
            }
            OutputFormat::Table => {
                let mut line = format!("{:<24} {:>4}  {:<12}", "doc", "#", "label");
                for l in &self.labels {
                    line.push_str(&format!(" {:>12}", format!("p_{l}")));
                }
                writeln!(self.out, "{line}  text")
            }
            OutputFormat::Jsonl => Ok(()),
        }
    }

    pub fn write(&mut self, r: &SentenceRecord) -> std::io::Result<()> {
        self.header()?;
        let label = &self.labels[r.label];
        match self.format {
            OutputFormat::Csv => {
                let mut fields = vec![r.doc.clone(), r.sentence.to_string(), label.clone()];
                fields.extend(r.probabilities.iter().map(|p| format!("{p:.6}")));
                fields.push(u8::from(r.unknown).to_string());
                fields.push(r.text.clone());
                csv_line(&mut self.out, &fields)
            }
            OutputFormat::Table => {
                let mut line = format!("{:<24} {:>4}  {:<12}", r.doc, r.sentence, label);
                for p in &r.probabilities {
                    line.push_str(&format!(" {p:>12.3}"));
                }
                let mark = if r.unknown { " (no known word)" } else { "" };
                writeln!(self.out, "{line}  {}{mark}", r.text)
            }
            OutputFormat::Jsonl => {
                let mut obj = serde_json::Map::new();
                obj.insert("doc".into(), r.doc.clone().into());
                obj.insert("sentence".into(), r.sentence.into());
                obj.insert("label".into(), label.clone().into());
                for (l, p) in self.labels.iter().zip(&r.probabilities) {
                    obj.insert(format!("p_{l}"), (*p).into());
                }
                obj.insert("unknown".into(), r.unknown.into());
                obj.insert("text".into(), r.text.clone().into());
                serde_json::to_writer(&mut self.out, &obj)?;
                writeln!(self.out)
            }
        }
    }

    pub fn flush(&mut self) -> std::io::Result<()> {
        self.out.flush()
    }

    pub fn into_inner(self) -> W {
        self.out
    }
}

fn csv_line(out: &mut impl Write, fields: &[String]) -> std::io::Result<()> {
    let mut w = csv::WriterBuilder::new().from_writer(Vec::new());
    w.write_record(fields).map_err(std::io::Error::other)?;
    let bytes = w.into_inner().map_err(|e| std::io::Error::other(e.to_string()))?;
    out.write_all(&bytes)
}

/// Outcome of a batch.
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub struct BatchSummary {
    pub articles: usize,
    pub sentences: usize,
    pub failed: usize,
}

/// Classifies each input in order, writing records as each article is done. A bad input is
/// passed to `on_error` and skipped; the others are still classified.
pub fn classify_batch<W: Write>(
    model: &StanceModel,
    inputs: Vec<Result<Input>>,
    writer: &mut RecordWriter<W>,
    on_error: &mut dyn FnMut(Error),
) -> std::io::Result<BatchSummary> {
    let mut summary = BatchSummary::default();
    writer.header()?;
    for input in inputs {
        let text = input.and_then(|i| i.read().map(|t| (i.doc_name(), t)));
        match text {
            Ok((doc, text)) => {
                for r in classify_text(model, &doc, &text) {
                    writer.write(&r)?;
                    summary.sentences += 1;
                }
                summary.articles += 1;
            }
            Err(e) => {
                summary.failed += 1;
                on_error(e);
            }
        }
    }
    writer.flush()?;
    Ok(summary)
}
