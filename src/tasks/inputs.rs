//! Where `classify` gets its articles, one at a time and in order: text files, folders of them
//! (walked lazily, each folder's entries in name order), standard input, and streams of articles
//! kept one per JSON line or one per CSV row. Nothing here holds more than one folder listing
//! or one record at a time, and a CSV record is refused once it grows past
//! [`MAX_ARTICLE_BYTES`] (plus [`CSV_RECORD_SLACK`]).

use std::io::{self, BufRead, BufReader, Read};
use std::path::{Path, PathBuf};

use serde::Deserialize;

use crate::data::{article_text, csv_error_on, ends_line, read_article, read_article_from, MAX_ARTICLE_BYTES};
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
        reader: Box<CsvReader>,
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
                let mut reader = csv_reader(reader);
                let headers = match reader.byte_headers() {
                    Ok(h) => h.clone(),
                    Err(e) => return Err(csv_failure(&path, &reader, &e)),
                };
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
            } => {
                let at = reader.position().byte();
                reader.get_mut().start_record(at);
                match reader.read_byte_record(record) {
                    Ok(false) => None,
                    Ok(true) => {
                        let line = reader.get_ref().record_line();
                        let at = with_line(path, line);
                        let bytes = &record[*text];
                        let article = if bytes.len() as u64 > MAX_ARTICLE_BYTES {
                            Err(Error::TooLarge {
                                path: at,
                                what: "article",
                                size: Some(bytes.len() as u64),
                                max: MAX_ARTICLE_BYTES,
                            })
                        } else {
                            article_text(bytes, &at).map(str::to_owned)
                        };
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
                        let failed = Job::Failed(csv_failure(path, &**reader, &e));
                        if matches!(e.kind(), csv::ErrorKind::Io(_)) {
                            // The stream is broken (or holds a record too long to read): nothing
                            // more is read from it.
                            *reader = csv_reader(Box::new(io::empty()));
                            *record = csv::ByteRecord::new();
                        }
                        Some(failed)
                    }
                }
            }
        }
    }
}

/// Capacity of the `csv` reader's buffer for article streams: 64 KiB.
const CSV_BUFFER: usize = 1 << 16;

/// How far past [`MAX_ARTICLE_BYTES`] a raw CSV record may grow while it is read, for its other
/// columns, its quotes (doubled inside quoted fields) and the reader's look-ahead: 1 MiB. The
/// text column itself is held to [`MAX_ARTICLE_BYTES`] once read.
pub const CSV_RECORD_SLACK: u64 = 1 << 20;

/// A streaming CSV reader over `reader`, records on their true lines and bounded in length.
fn csv_reader(reader: Box<dyn Read + Send>) -> Box<CsvReader> {
    Box::new(csv_reader_limited(reader, MAX_ARTICLE_BYTES + CSV_RECORD_SLACK))
}

type CsvReader = csv::Reader<LineCounter<Box<dyn Read + Send>>>;

/// [`csv_reader`] refusing records of more than `limit` bytes.
fn csv_reader_limited<R: Read>(reader: R, limit: u64) -> csv::Reader<LineCounter<R>> {
    csv::ReaderBuilder::new()
        .flexible(false)
        .buffer_capacity(CSV_BUFFER)
        .from_reader(LineCounter::new(reader, limit))
}

/// The error for a failed read of a CSV stream, on the line of the record being read.
fn csv_failure<R: Read>(path: &Path, reader: &csv::Reader<LineCounter<R>>, e: &csv::Error) -> Error {
    let line = reader.get_ref().record_line();
    if let csv::ErrorKind::Io(io) = e.kind() {
        if io.get_ref().is_some_and(|inner| inner.is::<RecordTooLong>()) {
            return Error::TooLarge {
                path: with_line(path, line),
                what: "CSV record",
                size: None,
                max: MAX_ARTICLE_BYTES,
            };
        }
    }
    csv_error_on(path, line, e)
}

/// The reader under a streaming CSV reader. It passes the bytes through, counting line ends as
/// they go (`\n`, `\r\n` or a lone `\r`), so that each record gets its true line: the `csv`
/// crate's position of a record points at the end of the previous record's terminator (the
/// `\n` of a CRLF) or at the blank lines skipped before the record, and its line count knows
/// only `\n`. It also fails the read, with [`RecordTooLong`], once the current record has grown
/// past `limit` bytes, so one huge record cannot take all memory.
///
/// It keeps only the last bytes read (at most `4 * CSV_BUFFER`): the `csv` reader consumes its
/// buffer (of [`CSV_BUFFER`] bytes) before reading more, so the position where the next record
/// starts is never further back than that.
struct LineCounter<R> {
    inner: R,
    /// Bytes `start..start + window.len()` of the stream: the last ones read.
    window: Vec<u8>,
    start: u64,
    /// Line ends are counted in bytes `..counted` (`start <= counted <= ` the end of `window`).
    counted: u64,
    /// The number of line ends before `counted`.
    lines: u64,
    record: RecordStart,
    limit: u64,
}

/// Where the record being read starts.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum RecordStart {
    /// At the first byte at or after this one that is not a line break (not read yet).
    Seek(u64),
    /// At this byte, on this 1-based line.
    Found { byte: u64, line: u64 },
}

/// A CSV record grew too long to read (see [`LineCounter`]).
#[derive(Debug)]
struct RecordTooLong;

impl std::fmt::Display for RecordTooLong {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(
            f,
            "CSV record longer than {} bytes",
            MAX_ARTICLE_BYTES + CSV_RECORD_SLACK
        )
    }
}

impl std::error::Error for RecordTooLong {}

impl<R> LineCounter<R> {
    /// Bytes kept after each read.
    const KEEP: usize = 2 * CSV_BUFFER;

    fn new(inner: R, limit: u64) -> Self {
        LineCounter {
            inner,
            window: Vec::new(),
            start: 0,
            counted: 0,
            lines: 0,
            record: RecordStart::Seek(0),
            limit,
        }
    }

    /// The next record starts at byte `at` of the stream (the `csv` reader's position, before
    /// any blank lines).
    fn start_record(&mut self, at: u64) {
        debug_assert!(
            at >= self.start,
            "record at byte {at}, but bytes before {} are gone",
            self.start
        );
        self.record = RecordStart::Seek(at);
        self.find_record();
    }

    /// The 1-based line of the record being read (once its first byte is read; before that, the
    /// line of the next byte).
    fn record_line(&self) -> u64 {
        match self.record {
            RecordStart::Found { line, .. } => line,
            RecordStart::Seek(_) => {
                let from = (self.counted - self.start) as usize;
                let ends = (from..self.window.len())
                    .filter(|&i| ends_line(&self.window, i))
                    .count();
                1 + self.lines + ends as u64
            }
        }
    }

    fn end(&self) -> u64 {
        self.start + self.window.len() as u64
    }

    /// Counts the line ends before byte `to`, which must be in the window (so a `\r` just before
    /// it is known to be a CRLF or not).
    fn count_to(&mut self, to: u64) {
        let (from, to_i) = ((self.counted - self.start) as usize, (to - self.start) as usize);
        self.lines += (from..to_i).filter(|&i| ends_line(&self.window, i)).count() as u64;
        self.counted = to;
    }

    /// Looks for the first byte of the record being read among the bytes read.
    fn find_record(&mut self) {
        let RecordStart::Seek(at) = self.record else {
            return;
        };
        let from = at.clamp(self.start, self.end());
        let rest = &self.window[(from - self.start) as usize..];
        match rest.iter().position(|b| !matches!(b, b'\r' | b'\n')) {
            Some(i) => {
                let byte = from + i as u64;
                debug_assert!(
                    byte >= self.counted,
                    "record at byte {byte}, lines counted to {}",
                    self.counted
                );
                if byte > self.counted {
                    self.count_to(byte);
                }
                let line = 1 + self.lines;
                self.record = RecordStart::Found { byte, line };
            }
            None => self.record = RecordStart::Seek(self.end()),
        }
    }
}

impl<R: Read> Read for LineCounter<R> {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        let cap = buf.len().min(CSV_BUFFER);
        let n = self.inner.read(&mut buf[..cap])?;
        self.window.extend_from_slice(&buf[..n]);
        self.find_record();
        if let RecordStart::Found { byte, .. } = self.record {
            if self.end() - byte > self.limit {
                return Err(io::Error::new(io::ErrorKind::InvalidData, RecordTooLong));
            }
        }
        if self.window.len() > 2 * Self::KEEP {
            let cut = self.window.len() - Self::KEEP;
            let new_start = self.start + cut as u64;
            if self.counted < new_start {
                self.count_to(new_start);
            }
            self.window.drain(..cut);
            self.start = new_start;
        }
        Ok(n)
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

    /// What the jobs of a CSV file (`text` column, no id column) come to: the document name, or
    /// the error message.
    fn csv_docs(dir: &Path, bytes: &[u8]) -> Vec<String> {
        let p = dir.join("t.csv");
        std::fs::write(&p, bytes).unwrap();
        docs(Jobs::new(vec![p], InputOptions::new(InputFormat::Csv)))
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
                &["t.csv:3", "t.csv:4:1: not valid UTF-8", "t.csv:5"],
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
        assert!(bytes.len() > 8 * CSV_BUFFER);
        let dir = tempfile::tempdir().unwrap();
        assert_eq!(csv_docs(dir.path(), &bytes), want);
        // The counter keeps only the last bytes read.
        let mut reader = csv_reader_limited(&bytes[..], MAX_ARTICLE_BYTES);
        reader.byte_headers().unwrap();
        let mut record = csv::ByteRecord::new();
        let mut lines = Vec::new();
        loop {
            let at = reader.position().byte();
            reader.get_mut().start_record(at);
            if !reader.read_byte_record(&mut record).unwrap() {
                break;
            }
            assert!(reader.get_ref().window.len() <= 4 * CSV_BUFFER);
            lines.push(format!("t.csv:{}", reader.get_ref().record_line()));
        }
        assert_eq!(lines, want);
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

    /// A record longer than the limit fails the read, naming the record's line; the records
    /// before it are read.
    #[test]
    fn csv_records_past_the_limit_are_refused_on_their_line() {
        for end in ["\n", "\r\n", "\r"] {
            let text = "x".repeat(5 * CSV_BUFFER);
            let csv = format!("id,text{end}a,Short.{end}{end}{end}b,\"{text}\"{end}c,Short.{end}");
            let mut reader = csv_reader_limited(csv.as_bytes(), 2 * CSV_BUFFER as u64);
            let mut record = csv::ByteRecord::new();
            reader.byte_headers().unwrap();
            let mut read = |reader: &mut csv::Reader<LineCounter<&[u8]>>| {
                let at = reader.position().byte();
                reader.get_mut().start_record(at);
                reader
                    .read_byte_record(&mut record)
                    .map(|_| (reader.get_ref().record_line(), record[0].to_vec()))
            };
            assert_eq!(read(&mut reader).unwrap(), (2, b"a".to_vec()), "{end:?}");
            let e = read(&mut reader).unwrap_err();
            let err = csv_failure(Path::new("t.csv"), &reader, &e).to_string();
            assert!(
                err.starts_with("t.csv:5: CSV record too large")
                    && err.contains(&format!("the limit is {MAX_ARTICLE_BYTES} bytes")),
                "{end:?}: {err}"
            );
        }
        // A header too long is refused on its line too.
        let csv = format!("\n\nid,{}\n", "x".repeat(3 * CSV_BUFFER));
        let mut reader = csv_reader_limited(csv.as_bytes(), CSV_BUFFER as u64);
        let e = reader.byte_headers().unwrap_err();
        let err = csv_failure(Path::new("t.csv"), &reader, &e).to_string();
        assert!(err.starts_with("t.csv:3: CSV record too large"), "{err}");
    }
}
