//! Where a batch's articles come from (`classify`, `report`, and the plain-text inputs of
//! `sentences`, `suggest` and `label`), one at a time and in order: text files, folders of them
//! (walked lazily by [`crate::io::walk`]), standard input, and streams of articles kept one per
//! JSON line or one per CSV row (read by [`crate::io::csv`]). Nothing here holds more than one
//! folder listing or one record at a time.
//!
//! Every article is named (`doc`) by the path it was found under: a file named directly by its
//! path as given, a file found in a folder by its path relative to that folder
//! (`wire/may/story.txt`), a record of a stream by `NAME:LINE` (or its id column).

use std::io::{BufRead, BufReader, Read};
use std::path::{Path, PathBuf};

use serde::Deserialize;

use crate::error::Location;
use crate::io::csv::CsvReader;
use crate::io::read::{article_text, open, read_article, read_article_from, Markup, MAX_ARTICLE_BYTES};
use crate::io::walk::{given_name, Walker};
use crate::{Error, Result};

/// How articles are laid out in the inputs.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum InputFormat {
    /// Each file (or standard input) is one article: plain text, or an HTML page (a file named
    /// `.html`/`.htm`, or text that starts like one) read for its main text.
    Text,
    /// Each file (or standard input) is one HTML page, read for its main text.
    Html,
    /// One JSON object per line: `{"id": ..., "text": ...}`; `id` is optional.
    Jsonl,
    /// A CSV table with a header row, one article per row.
    Csv,
}

impl InputFormat {
    /// The file endings searched for in folders when none is given.
    pub fn default_extensions(self) -> &'static [&'static str] {
        match self {
            InputFormat::Text => &["txt", "html", "htm"],
            InputFormat::Html => &["html", "htm"],
            InputFormat::Jsonl => &["jsonl"],
            InputFormat::Csv => &["csv"],
        }
    }

    /// How files of this format are read as articles.
    fn markup(self) -> Markup {
        match self {
            InputFormat::Html => Markup::Html,
            _ => Markup::Detect,
        }
    }
}

/// How to read the inputs.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct InputOptions {
    pub format: InputFormat,
    /// File endings (without the dot, any case) taken from folders. Default: the format's
    /// ([`InputFormat::default_extensions`]). Files named on the command line are always read.
    pub extensions: Vec<String>,
    /// CSV column holding the article text. Default: `text`.
    pub text_column: String,
    /// CSV column naming the article. Default: none (articles are named `FILE:LINE`).
    pub id_column: Option<String>,
    /// CSV column holding each article's claim, used when the table has it. Default: `claim`.
    /// (JSON lines: the `claim` field.) A record's claim wins over `--claim`.
    pub claim_column: String,
}

impl InputOptions {
    /// The defaults for `format`.
    pub fn new(format: InputFormat) -> Self {
        InputOptions {
            format,
            extensions: format.default_extensions().iter().map(|e| e.to_string()).collect(),
            text_column: "text".to_string(),
            id_column: None,
            claim_column: "claim".to_string(),
        }
    }
}

/// One unit of work: an article, or the error that stands in its place.
#[derive(Debug)]
pub enum Job {
    /// An article file, read by whichever thread classifies it, its name and how to read it.
    File { path: PathBuf, doc: String, markup: Markup },
    /// An article already read (standard input, or a record of a stream), with the claim its
    /// record names, if any.
    Article {
        doc: String,
        text: String,
        claim: Option<String>,
    },
    /// An input that could not be read.
    Failed(Error),
}

/// An article read: its name, text, and the claim its record names (`None` for files and for
/// records without one).
#[derive(Debug, Clone, PartialEq)]
pub struct Article {
    pub doc: String,
    pub text: String,
    pub claim: Option<String>,
}

impl Job {
    /// The article (reading the file if needed).
    pub fn load(self) -> Result<Article> {
        match self {
            Job::File { path, doc, markup } => {
                read_article(&path, markup).map(|text| Article { doc, text, claim: None })
            }
            Job::Article { doc, text, claim } => Ok(Article { doc, text, claim }),
            Job::Failed(e) => Err(e),
        }
    }

    /// Where the article comes from, for messages about it (the language check): its file,
    /// `<stdin>`, or the record's name. A failed job's own error names it; it gets an empty path.
    pub fn location(&self) -> Location {
        match self {
            Job::File { path, .. } => Location::file(path),
            Job::Article { doc, .. } if doc == "-" => Location::file("<stdin>"),
            Job::Article { doc, .. } => Location::file(doc),
            Job::Failed(_) => Location::file(""),
        }
    }

    /// Rough size in bytes, to bound how much a batch holds.
    pub fn weight(&self) -> usize {
        match self {
            Job::File { .. } | Job::Failed(_) => 4096,
            Job::Article { doc, text, claim } => doc.len() + text.len() + claim.as_ref().map_or(0, String::len),
        }
    }
}

/// Whether an input is a live stream, whose articles may arrive one by one: `-` when standard
/// input is not a regular file (a pipe, a terminal), or a FIFO, socket or character device.
pub fn is_stream(path: &Path) -> bool {
    let path = if path.as_os_str() == "-" {
        Path::new("/dev/stdin")
    } else {
        path
    };
    match std::fs::metadata(path) {
        Ok(m) => {
            #[cfg(unix)]
            {
                use std::os::unix::fs::FileTypeExt;
                let t = m.file_type();
                t.is_fifo() || t.is_socket() || t.is_char_device()
            }
            #[cfg(not(unix))]
            {
                !m.is_file() && !m.is_dir()
            }
        }
        // Standard input without /dev/stdin (not Linux): treat it as a stream.
        Err(_) => path == Path::new("/dev/stdin"),
    }
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
        if !matches!(options.format, InputFormat::Text | InputFormat::Html) {
            return None;
        }
        let mut n = 0;
        for arg in args {
            if arg.is_dir() {
                n += Walker::new(arg.clone(), &options.extensions)
                    .filter(Result::is_ok)
                    .count();
            } else {
                n += 1;
            }
        }
        Some(n)
    }

    /// A file (or standard input, when `path` is `None`) of the chosen format named `doc`, as
    /// jobs.
    fn open(&mut self, path: Option<PathBuf>, doc: String) -> Option<Job> {
        let mut format = self.options.format;
        if format == InputFormat::Text {
            // A table or JSON file named as an article is read by its ending, never as prose.
            match path.as_deref().map(table_format) {
                Some(Ok(Some(f))) => format = f,
                Some(Err(e)) => return Some(Job::Failed(e)),
                _ => {}
            }
        }
        if matches!(format, InputFormat::Text | InputFormat::Html) {
            let markup = format.markup();
            return Some(match path {
                Some(path) => Job::File { path, doc, markup },
                None => read_stdin(markup),
            });
        }
        match Records::open(path, doc, &self.options, format) {
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
                match walker.next() {
                    Some(Ok(found)) => match self.open(Some(found.path), found.doc) {
                        Some(job) => return Some(job),
                        None => continue,
                    },
                    // The walker's only `Empty` is a folder without the chosen endings.
                    Some(Err(Error::Empty { at, what })) => {
                        return Some(Job::Failed(Error::Empty {
                            at,
                            what: format!("{what} (--ext chooses the endings read, e.g. --ext md)"),
                        }))
                    }
                    Some(Err(e)) => return Some(Job::Failed(e)),
                    None => self.walker = None,
                }
            }
            let arg = self.args.next()?;
            if arg.as_os_str() == "-" {
                match self.open(None, "-".into()) {
                    Some(job) => return Some(job),
                    None => continue,
                }
            } else if arg.is_dir() {
                self.walker = Some(Walker::new(arg, &self.options.extensions));
            } else {
                let doc = given_name(&arg);
                if let Some(job) = self.open(Some(arg), doc) {
                    return Some(job);
                }
            }
        }
    }
}

/// The format a file named as an article is read in by its ending: `.csv` a table, `.jsonl` JSON
/// lines; `.json` is refused (one JSON document is not a stream of articles), naming
/// `--input-format`. `None` for any other ending.
fn table_format(path: &Path) -> Result<Option<InputFormat>> {
    let ext = path.extension().and_then(|e| e.to_str()).map(str::to_ascii_lowercase);
    match ext.as_deref() {
        Some("csv") => Ok(Some(InputFormat::Csv)),
        Some("jsonl") | Some("ndjson") => Ok(Some(InputFormat::Jsonl)),
        Some("json") => Err(Error::Record {
            at: Location::file(path),
            message: "a .json file is not an article: give one JSON object per line in a .jsonl file \
                      (or say --input-format jsonl), or --input-format text to read it as prose"
                .into(),
        }),
        _ => Ok(None),
    }
}

fn read_stdin(markup: Markup) -> Job {
    match read_article_from(std::io::stdin().lock(), Path::new("<stdin>"), markup) {
        Ok(text) => Job::Article {
            doc: "-".to_string(),
            text,
            claim: None,
        },
        Err(e) => Job::Failed(e),
    }
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
        name: String,
        reader: Box<CsvReader<Box<dyn Read + Send>>>,
        text: usize,
        id: Option<usize>,
        claim: Option<usize>,
    },
}

#[derive(Deserialize)]
struct JsonArticle {
    #[serde(default)]
    id: serde_json::Value,
    text: Option<String>,
    #[serde(default)]
    claim: Option<String>,
}

impl Records {
    /// Opens `path` (or standard input when `None`) named `name` and, for CSV, reads the header.
    fn open(path: Option<PathBuf>, name: String, options: &InputOptions, format: InputFormat) -> Result<Self> {
        let (path, reader): (PathBuf, Box<dyn Read + Send>) = match path {
            Some(p) => {
                let file = open(&p)?;
                (p, Box::new(file))
            }
            None => ("<stdin>".into(), Box::new(std::io::stdin())),
        };
        match format {
            InputFormat::Jsonl | InputFormat::Text | InputFormat::Html => Ok(Records::Jsonl {
                path,
                name,
                reader: Box::new(BufReader::with_capacity(1 << 16, reader)),
                line: 0,
                buf: Vec::new(),
            }),
            InputFormat::Csv => {
                let reader = CsvReader::new(reader, &path, MAX_ARTICLE_BYTES)?;
                let text = reader.column(&options.text_column)?;
                let id = options.id_column.as_deref().map(|c| reader.column(c)).transpose()?;
                let claim = reader.column(&options.claim_column).ok();
                Ok(Records::Csv {
                    name,
                    reader: Box::new(reader),
                    text,
                    id,
                    claim,
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
                name,
                reader,
                text,
                id,
                claim,
            } => {
                let path = reader.path().to_owned();
                let record = match reader.next()? {
                    Ok(r) => r,
                    Err(e) => return Some(Job::Failed(e)),
                };
                let at = Location::line(path, record.line);
                Some(match article_text(&record.fields[*text], &at) {
                    Ok(text) => Job::Article {
                        doc: match id {
                            Some(i) => String::from_utf8_lossy(&record.fields[*i]).into_owned(),
                            None => format!("{name}:{}", record.line),
                        },
                        text: text.to_owned(),
                        claim: claim
                            .map(|c| String::from_utf8_lossy(&record.fields[c]).trim().to_string())
                            .filter(|c| !c.is_empty()),
                    },
                    Err(e) => Job::Failed(e),
                })
            }
        }
    }
}

fn json_article(path: &Path, name: &str, line: u64, bytes: &[u8]) -> Job {
    let at = Location::line(path, line);
    let bad = |message: String| {
        Job::Failed(Error::Record {
            at: at.clone(),
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
    if let Err(e) = article_text(text.as_bytes(), &at) {
        return Job::Failed(e);
    }
    let doc = match article.id {
        serde_json::Value::Null => format!("{name}:{line}"),
        serde_json::Value::String(s) => s,
        other => other.to_string(),
    };
    let claim = article.claim.map(|c| c.trim().to_string()).filter(|c| !c.is_empty());
    Job::Article { doc, text, claim }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[cfg(unix)]
    #[test]
    fn streams_are_fifos_and_devices_not_files_or_folders() {
        let dir = tempfile::tempdir().unwrap();
        let file = dir.path().join("a.txt");
        std::fs::write(&file, "text").unwrap();
        let fifo = dir.path().join("feed");
        assert!(std::process::Command::new("mkfifo")
            .arg(&fifo)
            .status()
            .unwrap()
            .success());
        assert!(!is_stream(&file));
        assert!(!is_stream(dir.path()));
        assert!(!is_stream(&dir.path().join("missing")));
        assert!(is_stream(&fifo));
        assert!(is_stream(Path::new("/dev/null")));
    }

    fn docs(jobs: Jobs) -> Vec<String> {
        jobs.map(|j| match j.load() {
            Ok(a) => a.doc,
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
        assert_eq!(docs(jobs), ["a.TXT", "b/sub/z.txt", "b/x.txt", "c.txt"]); // b/sub/z.txt < b/x.txt
        let mut md = InputOptions::new(InputFormat::Text);
        md.extensions = vec!["md".into(), "txt".into()];
        assert_eq!(
            docs(Jobs::new(vec![d.join("b")], md.clone())),
            ["sub/z.txt", "x.txt", "y.md"]
        );
        assert_eq!(Jobs::count(&[d.join("b"), d.join("c.txt")], &md), Some(4));
        let empty = docs(Jobs::new(vec![d.join("empty")], InputOptions::new(InputFormat::Text)));
        assert_eq!(empty.len(), 1);
        assert!(empty[0].contains("holds no .txt or .html or .htm files"), "{empty:?}");
        assert!(empty[0].contains("--ext"), "{empty:?}");
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
        let got = docs(Jobs::new(
            vec![dir.path().to_owned()],
            InputOptions::new(InputFormat::Jsonl),
        ));
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
        let p = dir.path().to_owned();
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

    /// What the jobs of a CSV file (`text` column, no id column) come to: the document name, or
    /// the error message.
    fn csv_docs(dir: &Path, bytes: &[u8]) -> Vec<String> {
        let p = dir.join("t.csv");
        std::fs::write(&p, bytes).unwrap();
        docs(Jobs::new(vec![dir.to_owned()], InputOptions::new(InputFormat::Csv)))
    }

    /// Each record is named, or its error placed, on the line where it starts, whatever the line
    /// ends, blank lines and quoted line breaks before it.
    #[test]
    fn csv_records_and_errors_are_on_their_true_line() {
        let dir = tempfile::tempdir().unwrap();
        let cases: &[(&str, &[u8], &[&str])] = &[
            (
                "LF",
                b"id,text\na,x\nb,\nc,x,y\nd,Four.\n",
                &[
                    "t.csv:2",
                    "t.csv:3: article has no text",
                    "t.csv:4: row has 3 fields",
                    "t.csv:5",
                ],
            ),
            (
                "CRLF",
                b"id,text\r\na,x\r\nb,\r\nc,x,y\r\nd,Four.\r\n",
                &[
                    "t.csv:2",
                    "t.csv:3: article has no text",
                    "t.csv:4: row has 3 fields",
                    "t.csv:5",
                ],
            ),
            (
                "lone CR",
                b"id,text\ra,x\rb,\rc,x,y\rd,Four.",
                &[
                    "t.csv:2",
                    "t.csv:3: article has no text",
                    "t.csv:4: row has 3 fields",
                    "t.csv:5",
                ],
            ),
            (
                "blank lines before records",
                b"id,text\n\n\na,x\n\nb,\nc,x,y\n",
                &["t.csv:4", "t.csv:6: article has no text", "t.csv:7: row has 3 fields"],
            ),
            (
                "blank CRLF and lone-CR lines",
                b"\r\nid,text\r\n\r\n\r\na,x\r\r\rb,\r\n\rc,x,y\n\r\n",
                &["t.csv:5", "t.csv:8: article has no text", "t.csv:10: row has 3 fields"],
            ),
            (
                "quoted field with line breaks",
                b"id,text\na,\"x\ny\r\nz\rw\"\nb,\n\"c\n\",\"\n\"\nd,x,y\n",
                &[
                    "t.csv:2",
                    "t.csv:6: article has no text",
                    "t.csv:7: article has no text",
                    "t.csv:10: row has 3 fields",
                ],
            ),
            (
                "invalid UTF-8",
                b"id,text\r\n\r\na,x\r\nb,caf\xe9\r\nc,Ok.",
                &[
                    "t.csv:3",
                    "t.csv:4: not valid UTF-8 text (byte 3 of the text)",
                    "t.csv:5",
                ],
            ),
            ("header after blank lines", b"\n\r\n\rid,text\nx,y\n", &["t.csv:5"]),
        ];
        for (name, bytes, want) in cases {
            let got = csv_docs(dir.path(), bytes);
            assert_eq!(got.len(), want.len(), "{name}: {got:?}");
            for (g, w) in got.iter().zip(*want) {
                // Errors name the whole path, documents the file name.
                let ok = match g.strip_prefix("error: ") {
                    Some(e) => w.contains(": ") && e.contains(&format!("{}{w}", std::path::MAIN_SEPARATOR)),
                    None => g == w,
                };
                assert!(ok, "{name}: {g:?} is not {w:?}");
            }
        }
    }

    /// Many records of every kind of line end, far more bytes than the counter keeps: every
    /// record on its line.
    #[test]
    fn csv_lines_stay_right_across_a_long_stream() {
        let mut bytes = b"id,text\n".to_vec();
        let mut line = 2;
        let mut want = Vec::new();
        for i in 0..20_000 {
            let end: &[u8] = [&b"\n"[..], b"\r\n", b"\r"][i % 3];
            if i % 7 == 0 {
                // (`\r\n`, as a `\n` after a record ended by `\r` would make one CRLF.)
                bytes.extend_from_slice(b"\r\n");
                line += 1;
            }
            want.push(format!("t.csv:{line}"));
            bytes.extend_from_slice(format!("{i},").as_bytes());
            if i % 5 == 0 {
                // A quoted text with a line break of each kind: three more lines.
                bytes.extend_from_slice(b"\"Some text\nmore\r\nand\rmore.\"");
                line += 3;
            } else {
                bytes.extend_from_slice(b"Some text of a record long enough to fill the buffers.");
            }
            bytes.extend_from_slice(end);
            line += 1;
        }
        assert!(bytes.len() > 8 * crate::io::csv::CSV_BUFFER);
        let dir = tempfile::tempdir().unwrap();
        assert_eq!(csv_docs(dir.path(), &bytes), want);
    }

    /// A text past [`MAX_ARTICLE_BYTES`] but within the slack is read, then refused like a
    /// file that size; the stream goes on.
    #[test]
    fn csv_texts_past_the_article_limit_are_refused() {
        let n = MAX_ARTICLE_BYTES as usize + 1;
        let mut bytes = b"id,text\r\na,".to_vec();
        bytes.resize(bytes.len() + n, b'x');
        bytes.extend_from_slice(b"\r\nb,Fine.\r\n");
        let dir = tempfile::tempdir().unwrap();
        let got = csv_docs(dir.path(), &bytes);
        assert_eq!(got.len(), 2, "{got:?}");
        let want = format!("t.csv:2: article too large ({n} bytes; the limit is {MAX_ARTICLE_BYTES} bytes)");
        assert!(got[0].ends_with(&want), "{}", got[0]);
        assert_eq!(got[1], "t.csv:3");
    }

    /// A quote never closed: the records before it are read, the error names the line where it
    /// opened, and the rows after it are not classified as part of the article.
    #[test]
    fn csv_quote_left_open_is_reported_on_its_line() {
        let dir = tempfile::tempdir().unwrap();
        let got = csv_docs(dir.path(), b"id,text\na,One.\nb,\"Two.\nc,Three.\nd,Four.\n");
        assert_eq!(got.len(), 2, "{got:?}");
        assert_eq!(got[0], "t.csv:2");
        assert!(
            got[1].ends_with("t.csv:3: unterminated quoted field: the `\"` opened on this line is never closed"),
            "{}",
            got[1]
        );
    }
}
