//! Where `classify` gets its articles, one at a time and in order: text files, folders of them
//! (walked lazily, each folder's entries in name order), standard input, and streams of articles
//! kept one per JSON line or one per CSV row. Nothing here holds more than one folder listing
//! or one record at a time.

use std::io::{BufRead, BufReader, Read};
use std::path::{Path, PathBuf};

use serde::Deserialize;

use crate::data::{article_text, csv_error, read_article, read_article_from};
use crate::{Error, Result};

/// How articles are laid out in the inputs.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum InputFormat {
    /// Each file (or standard input) is one plain-text article.
    Text,
    /// One JSON object per line: `{"id": ..., "text": ...}`; `id` is optional.
    Jsonl,
    /// A CSV table with a header row, one article per row.
    Csv,
}

impl InputFormat {
    /// The file ending searched for in folders when none is given.
    pub fn default_extension(self) -> &'static str {
        match self {
            InputFormat::Text => "txt",
            InputFormat::Jsonl => "jsonl",
            InputFormat::Csv => "csv",
        }
    }
}

/// How to read the inputs.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct InputOptions {
    pub format: InputFormat,
    /// File endings (without the dot, any case) taken from folders. Default: the format's
    /// ([`InputFormat::default_extension`]). Files named on the command line are always read.
    pub extensions: Vec<String>,
    /// CSV column holding the article text. Default: `text`.
    pub text_column: String,
    /// CSV column naming the article. Default: none (articles are named `FILE:LINE`).
    pub id_column: Option<String>,
}

impl InputOptions {
    /// The defaults for `format`.
    pub fn new(format: InputFormat) -> Self {
        InputOptions {
            format,
            extensions: vec![format.default_extension().to_string()],
            text_column: "text".to_string(),
            id_column: None,
        }
    }
}

/// One unit of work: an article, or the error that stands in its place.
#[derive(Debug)]
pub enum Job {
    /// A plain-text article file, read by whichever thread classifies it.
    File(PathBuf),
    /// An article already read (standard input, or a record of a stream).
    Article { doc: String, text: String },
    /// An input that could not be read.
    Failed(Error),
}

impl Job {
    /// The document name and text (reading the file if needed).
    pub fn load(self) -> Result<(String, String)> {
        match self {
            Job::File(path) => read_article(&path).map(|text| (file_name(&path), text)),
            Job::Article { doc, text } => Ok((doc, text)),
            Job::Failed(e) => Err(e),
        }
    }

    /// Rough size in bytes, to bound how much a batch holds.
    pub fn weight(&self) -> usize {
        match self {
            Job::File(_) | Job::Failed(_) => 4096,
            Job::Article { doc, text } => doc.len() + text.len(),
        }
    }
}

/// The file name used as a document name (the whole path when it has none).
pub fn file_name(path: &Path) -> String {
    path.file_name()
        .map_or_else(|| path.display().to_string(), |n| n.to_string_lossy().into_owned())
}

/// The jobs that command-line inputs stand for, produced lazily and in order: `-` is standard
/// input; a folder stands for its files with a chosen ending (recursively, each folder's entries
/// in name order, which is path order); anything else is a file. A folder with no such file is
/// an error for that folder.
pub struct Jobs {
    args: std::vec::IntoIter<PathBuf>,
    options: InputOptions,
    walker: Option<Walker>,
    records: Option<Records>,
}

impl Jobs {
    pub fn new(args: Vec<PathBuf>, options: InputOptions) -> Self {
        Jobs {
            args: args.into_iter(),
            options,
            walker: None,
            records: None,
        }
    }

    /// Counts the articles ahead when that is cheap (plain-text files: a walk of the folders
    /// without reading anything); `None` for streams.
    pub fn count(args: &[PathBuf], options: &InputOptions) -> Option<usize> {
        if options.format != InputFormat::Text {
            return None;
        }
        let mut n = 0;
        for arg in args {
            if arg.is_dir() {
                let mut walker = Walker::new(arg.clone());
                while let Some(item) = walker.next(&options.extensions) {
                    n += usize::from(item.is_ok());
                }
            } else {
                n += 1;
            }
        }
        Some(n)
    }

    /// A file (or standard input) of the chosen format, as jobs.
    fn open(&mut self, path: Option<PathBuf>) -> Option<Job> {
        if self.options.format == InputFormat::Text {
            return Some(match path {
                Some(p) => Job::File(p),
                None => read_stdin(),
            });
        }
        match Records::open(path, &self.options) {
            Ok(records) => {
                self.records = Some(records);
                self.next()
            }
            Err(e) => Some(Job::Failed(e)),
        }
    }
}

impl Iterator for Jobs {
    type Item = Job;

    fn next(&mut self) -> Option<Job> {
        loop {
            if let Some(records) = &mut self.records {
                match records.next() {
                    Some(job) => return Some(job),
                    None => self.records = None,
                }
            }
            if let Some(walker) = &mut self.walker {
                match walker.next(&self.options.extensions) {
                    Some(Ok(file)) => match self.open(Some(file)) {
                        Some(job) => return Some(job),
                        None => continue,
                    },
                    Some(Err(e)) => return Some(Job::Failed(e)),
                    None => self.walker = None,
                }
            }
            let arg = self.args.next()?;
            if arg.as_os_str() == "-" {
                match self.open(None) {
                    Some(job) => return Some(job),
                    None => continue,
                }
            } else if arg.is_dir() {
                self.walker = Some(Walker::new(arg));
            } else if let Some(job) = self.open(Some(arg)) {
                return Some(job);
            }
        }
    }
}

fn read_stdin() -> Job {
    match read_article_from(std::io::stdin().lock(), Path::new("<stdin>")) {
        Ok(text) => Job::Article {
            doc: "-".to_string(),
            text,
        },
        Err(e) => Job::Failed(e),
    }
}

/// A depth-first walk of one folder, entries of each folder in name order.
struct Walker {
    root: PathBuf,
    stack: Vec<std::vec::IntoIter<(PathBuf, bool)>>,
    started: bool,
    found: bool,
}

impl Walker {
    fn new(root: PathBuf) -> Self {
        Walker {
            root,
            stack: Vec::new(),
            started: false,
            found: false,
        }
    }

    fn next(&mut self, extensions: &[String]) -> Option<Result<PathBuf>> {
        if !self.started {
            self.started = true;
            match list_dir(&self.root) {
                Ok(entries) => self.stack.push(entries),
                Err(e) => {
                    self.found = true; // reported; no "empty folder" error on top
                    return Some(Err(e));
                }
            }
        }
        loop {
            let Some(top) = self.stack.last_mut() else {
                if !self.found {
                    self.found = true;
                    let endings: Vec<String> = extensions.iter().map(|e| format!(".{e}")).collect();
                    return Some(Err(Error::Empty {
                        path: self.root.clone(),
                        what: format!("folder holds no {} files", endings.join(" or ")),
                    }));
                }
                return None;
            };
            match top.next() {
                None => {
                    self.stack.pop();
                }
                Some((path, true)) => match list_dir(&path) {
                    Ok(entries) => self.stack.push(entries),
                    Err(e) => return Some(Err(e)),
                },
                Some((path, false)) if has_extension(&path, extensions) => {
                    self.found = true;
                    return Some(Ok(path));
                }
                Some(_) => {}
            }
        }
    }
}

/// A folder's entries in name order, each with whether it is a folder (from the listing itself
/// where the file system says so, saving a `stat` per file; symbolic links are followed).
fn list_dir(dir: &Path) -> Result<std::vec::IntoIter<(PathBuf, bool)>> {
    let mut entries = Vec::new();
    for entry in std::fs::read_dir(dir).map_err(|e| Error::io(dir, e))? {
        let entry = entry.map_err(|e| Error::io(dir, e))?;
        let path = entry.path();
        let is_dir = match entry.file_type() {
            Ok(t) if !t.is_symlink() => t.is_dir(),
            _ => path.is_dir(),
        };
        entries.push((path, is_dir));
    }
    entries.sort();
    Ok(entries.into_iter())
}

fn has_extension(path: &Path, extensions: &[String]) -> bool {
    path.extension()
        .is_some_and(|e| extensions.iter().any(|x| e.eq_ignore_ascii_case(x.as_str())))
}

/// Articles kept one per record in one file or in standard input.
enum Records {
    Jsonl {
        path: PathBuf,
        name: String,
        reader: Box<dyn BufRead + Send>,
        line: u64,
        buf: Vec<u8>,
    },
    Csv {
        path: PathBuf,
        name: String,
        reader: csv::Reader<Box<dyn Read + Send>>,
        text: usize,
        id: Option<usize>,
        record: csv::ByteRecord,
    },
}

#[derive(Deserialize)]
struct JsonArticle {
    #[serde(default)]
    id: serde_json::Value,
    text: Option<String>,
}

impl Records {
    /// Opens `path` (or standard input when `None`) and, for CSV, reads the header.
    fn open(path: Option<PathBuf>, options: &InputOptions) -> Result<Self> {
        let (path, name, reader): (PathBuf, String, Box<dyn Read + Send>) = match path {
            Some(p) => {
                let file = std::fs::File::open(&p).map_err(|e| Error::io(&p, e))?;
                let name = file_name(&p);
                (p, name, Box::new(file))
            }
            None => ("<stdin>".into(), "-".into(), Box::new(std::io::stdin())),
        };
        match options.format {
            InputFormat::Jsonl | InputFormat::Text => Ok(Records::Jsonl {
                path,
                name,
                reader: Box::new(BufReader::with_capacity(1 << 16, reader)),
                line: 0,
                buf: Vec::new(),
            }),
            InputFormat::Csv => {
                let mut reader = csv::ReaderBuilder::new().flexible(false).from_reader(reader);
                let headers = reader.byte_headers().map_err(|e| csv_error(&path, &e))?.clone();
                let column = |wanted: &str| {
                    headers
                        .iter()
                        .position(|h| String::from_utf8_lossy(h).trim() == wanted)
                        .ok_or_else(|| Error::MissingColumn {
                            path: path.clone(),
                            column: wanted.to_string(),
                            found: headers
                                .iter()
                                .map(|h| String::from_utf8_lossy(h).into_owned())
                                .collect::<Vec<_>>()
                                .join(","),
                        })
                };
                let text = column(&options.text_column)?;
                let id = options.id_column.as_deref().map(column).transpose()?;
                Ok(Records::Csv {
                    path,
                    name,
                    reader,
                    text,
                    id,
                    record: csv::ByteRecord::new(),
                })
            }
        }
    }

    fn next(&mut self) -> Option<Job> {
        match self {
            Records::Jsonl {
                path,
                name,
                reader,
                line,
                buf,
            } => loop {
                buf.clear();
                *line += 1;
                match reader.read_until(b'\n', buf) {
                    Ok(0) => return None,
                    Ok(_) => {}
                    Err(e) => return Some(Job::Failed(Error::io(path.clone(), e))),
                }
                if buf.iter().all(u8::is_ascii_whitespace) {
                    continue;
                }
                return Some(json_article(path, name, *line, buf));
            },
            Records::Csv {
                path,
                name,
                reader,
                text,
                id,
                record,
            } => match reader.read_byte_record(record) {
                Ok(false) => None,
                Ok(true) => {
                    let line = record.position().map_or(0, |p| p.line());
                    let at = with_line(path, line);
                    let article = article_text(&record[*text], &at).map(str::to_owned);
                    Some(match article {
                        Ok(text) => Job::Article {
                            doc: match id {
                                Some(i) => String::from_utf8_lossy(&record[*i]).into_owned(),
                                None => format!("{name}:{line}"),
                            },
                            text,
                        },
                        Err(e) => Job::Failed(e),
                    })
                }
                Err(e) => {
                    let failed = Job::Failed(csv_error(path, &e));
                    if matches!(e.kind(), csv::ErrorKind::Io(_)) {
                        // The stream is broken: nothing more can be read from it.
                        *reader = csv::Reader::from_reader(Box::new(std::io::empty()));
                    }
                    Some(failed)
                }
            },
        }
    }
}

/// `FILE:LINE` as a path, so the data checks name the record in their messages.
fn with_line(path: &Path, line: u64) -> PathBuf {
    PathBuf::from(format!("{}:{line}", path.display()))
}

fn json_article(path: &Path, name: &str, line: u64, bytes: &[u8]) -> Job {
    let bad = |message: String| {
        Job::Failed(Error::Record {
            path: path.to_owned(),
            line,
            message,
        })
    };
    let article: JsonArticle = match serde_json::from_slice(bytes) {
        Ok(a) => a,
        Err(e) => return bad(format!("not a JSON object with a \"text\" string: {e}")),
    };
    let Some(text) = article.text else {
        return bad("no \"text\" string".into());
    };
    if let Err(e) = article_text(text.as_bytes(), &with_line(path, line)) {
        return Job::Failed(e);
    }
    let doc = match article.id {
        serde_json::Value::Null => format!("{name}:{line}"),
        serde_json::Value::String(s) => s,
        other => other.to_string(),
    };
    Job::Article { doc, text }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn docs(jobs: Jobs) -> Vec<String> {
        jobs.map(|j| match j.load() {
            Ok((doc, _)) => doc,
            Err(e) => format!("error: {e}"),
        })
        .collect()
    }

    #[test]
    fn folders_are_walked_in_path_order_with_chosen_endings() {
        let dir = tempfile::tempdir().unwrap();
        let d = dir.path();
        std::fs::create_dir_all(d.join("b/sub")).unwrap();
        std::fs::create_dir_all(d.join("empty")).unwrap();
        for (f, t) in [
            ("c.txt", "C."),
            ("a.TXT", "A."),
            ("b/sub/z.txt", "Z."),
            ("b/y.md", "Y."),
            ("b/x.txt", "X."),
        ] {
            std::fs::write(d.join(f), t).unwrap();
        }
        let jobs = Jobs::new(vec![d.to_owned()], InputOptions::new(InputFormat::Text));
        assert_eq!(docs(jobs), ["a.TXT", "z.txt", "x.txt", "c.txt"]); // b/sub/z.txt < b/x.txt
        let mut md = InputOptions::new(InputFormat::Text);
        md.extensions = vec!["md".into(), "txt".into()];
        assert_eq!(
            docs(Jobs::new(vec![d.join("b")], md.clone())),
            ["z.txt", "x.txt", "y.md"]
        );
        assert_eq!(Jobs::count(&[d.join("b"), d.join("c.txt")], &md), Some(4));
        let empty = docs(Jobs::new(vec![d.join("empty")], InputOptions::new(InputFormat::Text)));
        assert_eq!(empty.len(), 1);
        assert!(empty[0].contains("holds no .txt files"), "{empty:?}");
    }

    #[test]
    fn jsonl_records_name_their_line() {
        let dir = tempfile::tempdir().unwrap();
        let p = dir.path().join("a.jsonl");
        let lines = [
            r#"{"id": "x1", "text": "One. Two."}"#,
            "",
            r#"{"id": 7, "text": "Three."}"#,
            r#"{"text": "Four."}"#,
            r#"{"id": "bad"}"#,
            "not json",
            r#"{"id": "e", "text": "   "}"#,
        ];
        std::fs::write(&p, lines.join("\n")).unwrap();
        let got = docs(Jobs::new(vec![p], InputOptions::new(InputFormat::Jsonl)));
        assert_eq!(got[..3], ["x1", "7", "a.jsonl:4"]);
        assert!(got[3].contains("a.jsonl:5") && got[3].contains("text"), "{}", got[3]);
        assert!(got[4].contains("a.jsonl:6"), "{}", got[4]);
        assert!(got[5].contains("a.jsonl:7") && got[5].contains("no text"), "{}", got[5]);
    }

    #[test]
    fn csv_records_use_the_chosen_columns() {
        let dir = tempfile::tempdir().unwrap();
        let p = dir.path().join("t.csv");
        std::fs::write(&p, "key,body\nk1,\"One, two. Three.\"\nk2,\nk3,Four.\n").unwrap();
        let mut o = InputOptions::new(InputFormat::Csv);
        o.text_column = "body".into();
        o.id_column = Some("key".into());
        let got = docs(Jobs::new(vec![p.clone()], o.clone()));
        assert_eq!(got[0], "k1");
        assert!(got[1].contains("t.csv:3"), "{}", got[1]);
        assert_eq!(got[2], "k3");
        o.id_column = None;
        assert_eq!(docs(Jobs::new(vec![p.clone()], o.clone()))[0], "t.csv:2");
        o.text_column = "text".into();
        let missing = docs(Jobs::new(vec![p], o));
        assert_eq!(missing.len(), 1);
        assert!(missing[0].contains("`text`"), "{missing:?}");
    }
}
