//! Reading inputs: labeled CSV files (`doc,sentence,label,text[,note,...]`) and plain-text
//! articles. Every error names the file, and the line for CSV.
//!
//! Labels are normalized on reading: surrounding white space is trimmed and they are
//! lower-cased, so `Denial`, ` denial ` and `denial` are one label.
//!
//! Inputs are bounded so that memory stays bounded whatever the user feeds: an article may hold
//! at most [`MAX_ARTICLE_BYTES`], a labeled CSV file [`MAX_CSV_BYTES`], a model file
//! [`MAX_MODEL_BYTES`]. The size is checked from the file's metadata before reading, and reading
//! stops one byte past the limit (for pipes and special files whose size is unknown).
//!
//! Text must be UTF-8 without NUL bytes; a leading byte-order mark is dropped, and CRLF line ends
//! work like LF.

use std::io::Read;
use std::path::{Path, PathBuf};

use sha2::{Digest, Sha256};

use crate::{Error, Result};

/// One labeled sentence.
#[derive(Debug, Clone, PartialEq)]
pub struct LabeledRow {
    /// Index into [`LabeledSet::files`].
    pub file: usize,
    /// 1-based line of the record in its file.
    pub line: u64,
    /// Source document (the `doc` column; empty when absent).
    pub doc: String,
    /// Sentence index as written (the `sentence` column; empty when absent).
    pub sentence: String,
    /// Normalized label.
    pub label: String,
    pub text: String,
    /// Grouping key for cross-validation: the value of the group column.
    pub group: String,
    /// The claim the label is toward (the optional `claim` column; empty when absent).
    pub claim: String,
    /// How many times the row counts in training (the optional `weight` column: a whole number
    /// from 1 to [`MAX_WEIGHT`]; 1 when the column is absent or the cell empty).
    pub weight: u32,
}

/// Largest row weight: 100.
pub const MAX_WEIGHT: u32 = 100;

/// Labeled rows read from one or more CSV files.
#[derive(Debug, Clone, Default)]
pub struct LabeledSet {
    pub files: Vec<PathBuf>,
    pub rows: Vec<LabeledRow>,
}

/// Largest article `classify` reads: 16 MiB (a long news article is well under 1 MiB).
pub const MAX_ARTICLE_BYTES: u64 = 16 << 20;
/// Largest labeled CSV file: 128 MiB. A larger labeled set can be split into several files of
/// one folder (`--data FOLDER` reads every `*.csv` in it).
pub const MAX_CSV_BYTES: u64 = 128 << 20;
/// Largest model file: 256 MiB.
pub const MAX_MODEL_BYTES: u64 = 256 << 20;

/// Normalizes a label: trimmed, lower-case.
pub fn normalize_label(label: &str) -> String {
    label.trim().to_lowercase()
}

impl LabeledSet {
    /// Reads every path: a CSV file, or a folder whose `*.csv` files are read in name order.
    /// `group_by` names the column that groups rows (default `doc`; when that default column is
    /// absent the file name is the group).
    pub fn read(paths: &[PathBuf], group_by: Option<&str>) -> Result<Self> {
        let mut set = LabeledSet::default();
        for path in paths {
            for file in csv_files(path)? {
                set.read_file(&file, group_by)?;
            }
        }
        Ok(set)
    }

    fn read_file(&mut self, path: &Path, group_by: Option<&str>) -> Result<()> {
        let bytes = read_bounded(path, MAX_CSV_BYTES, "CSV file")?;
        self.add_csv(&bytes, path, group_by)
    }

    /// Adds the rows of one CSV file given as bytes; `path` names it in messages and in
    /// [`LabeledSet::files`]. On error the set is left as it was.
    pub fn add_csv(&mut self, bytes: &[u8], path: &Path, group_by: Option<&str>) -> Result<()> {
        let (files, rows) = (self.files.len(), self.rows.len());
        let result = self.parse_csv(bytes, path, group_by);
        if result.is_err() {
            self.files.truncate(files);
            self.rows.truncate(rows);
        }
        result
    }

    fn parse_csv(&mut self, bytes: &[u8], path: &Path, group_by: Option<&str>) -> Result<()> {
        let text = decode_text(bytes, path)?;
        if text.trim().is_empty() {
            return Err(Error::Empty {
                path: path.to_owned(),
                what: "empty CSV file (expected a header `doc,sentence,label,text`)".into(),
            });
        }
        let lines = LineIndex::new(text.as_bytes());
        if let Some(byte) = unterminated_quote(text) {
            return Err(Error::Csv {
                path: path.to_owned(),
                line: lines.line(byte),
                message: "unterminated quoted field: the `\"` opened on this line is never closed".into(),
            });
        }
        let mut reader = csv::ReaderBuilder::new().flexible(false).from_reader(text.as_bytes());
        let headers = reader.headers().map_err(|e| csv_error_at(path, &lines, &e))?.clone();
        let column = |name: &str| headers.iter().position(|h| h.trim() == name);
        let missing = |name: &str| Error::MissingColumn {
            path: path.to_owned(),
            column: name.to_owned(),
            found: headers.iter().collect::<Vec<_>>().join(","),
        };
        let text_col = column("text").ok_or_else(|| missing("text"))?;
        let label_col = column("label").ok_or_else(|| missing("label"))?;
        let doc_col = column("doc");
        let sentence_col = column("sentence");
        let claim_col = column("claim");
        let weight_col = column("weight");
        let group_col = match group_by {
            Some(name) => Some(column(name).ok_or_else(|| missing(name))?),
            None => doc_col,
        };
        let file_index = self.files.len();
        let file_name = path
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default();
        self.files.push(path.to_owned());
        let before = self.rows.len();
        for record in reader.records() {
            let record = record.map_err(|e| csv_error_at(path, &lines, &e))?;
            let line = record.position().map_or(0, |p| lines.record_line(p.byte() as usize));
            let get = |c: Option<usize>| c.and_then(|c| record.get(c)).unwrap_or("").to_owned();
            let label = normalize_label(&get(Some(label_col)));
            let text = get(Some(text_col));
            if label.is_empty() {
                return Err(Error::Csv {
                    path: path.to_owned(),
                    line,
                    message: "empty label".into(),
                });
            }
            if text.trim().is_empty() {
                return Err(Error::Csv {
                    path: path.to_owned(),
                    line,
                    message: "empty text".into(),
                });
            }
            let weight = match get(weight_col).trim() {
                "" => 1,
                w => w
                    .parse::<u32>()
                    .ok()
                    .filter(|w| (1..=MAX_WEIGHT).contains(w))
                    .ok_or_else(|| Error::Csv {
                        path: path.to_owned(),
                        line,
                        message: format!("weight `{w}` is not a whole number from 1 to {MAX_WEIGHT}"),
                    })?,
            };
            self.rows.push(LabeledRow {
                file: file_index,
                line,
                doc: get(doc_col),
                sentence: get(sentence_col),
                label,
                text,
                group: group_col.map_or_else(|| file_name.clone(), |c| get(Some(c))),
                claim: get(claim_col).trim().to_string(),
                weight,
            });
        }
        if self.rows.len() == before {
            return Err(Error::Empty {
                path: path.to_owned(),
                what: "CSV file has a header but no rows".into(),
            });
        }
        Ok(())
    }

    /// Checks that the rows can train a model: at least one row and at least two distinct
    /// labels. The error names the files.
    pub fn check_trainable(&self) -> Result<()> {
        let labels = self.labels();
        let what = match labels.as_slice() {
            [] => "no training rows".to_string(),
            [only] => format!(
                "training data has only the label `{only}` (labels are trimmed and lower-cased); need at least two labels"
            ),
            _ => return Ok(()),
        };
        Err(Error::BadTrainingData {
            what: format!("{}: {what}", self.describe_files()),
        })
    }

    /// The files read, for messages: their paths joined by `, ` (the first three, then how
    /// many more), or `no files`.
    pub fn describe_files(&self) -> String {
        if self.files.is_empty() {
            return "no files".into();
        }
        let mut s: Vec<String> = self.files.iter().take(3).map(|p| p.display().to_string()).collect();
        if self.files.len() > 3 {
            s.push(format!("and {} more files", self.files.len() - 3));
        }
        s.join(", ")
    }

    /// The sorted distinct labels.
    pub fn labels(&self) -> Vec<String> {
        let mut labels: Vec<String> = self.rows.iter().map(|r| r.label.clone()).collect();
        labels.sort_unstable();
        labels.dedup();
        labels
    }

    /// SHA-256 (hex) of the rows: doc, sentence, label and text of each, in order, and the
    /// weight of a row whose weight is not 1.
    pub fn sha256(&self) -> String {
        let mut h = Sha256::new();
        for r in &self.rows {
            for field in [&r.doc, &r.sentence, &r.label, &r.text] {
                h.update(field.as_bytes());
                h.update([0x1f]);
            }
            if r.weight != 1 {
                h.update(r.weight.to_le_bytes());
            }
            h.update([0x1e]);
        }
        h.finalize().iter().map(|b| format!("{b:02x}")).collect()
    }

    /// The distinct claims of the rows (the `claim` column), in order of first appearance.
    pub fn claims(&self) -> Vec<String> {
        let mut seen = std::collections::HashSet::new();
        self.rows
            .iter()
            .filter(|r| !r.claim.is_empty() && seen.insert(r.claim.as_str()))
            .map(|r| r.claim.clone())
            .collect()
    }

    /// The rows as training sees them: each row repeated `weight` times (in place, in order).
    /// Borrowed as is when every weight is 1.
    pub fn weighted(&self) -> std::borrow::Cow<'_, LabeledSet> {
        if self.rows.iter().all(|r| r.weight == 1) {
            return std::borrow::Cow::Borrowed(self);
        }
        let rows = self
            .rows
            .iter()
            .flat_map(|r| std::iter::repeat_n(r, r.weight as usize))
            .map(|r| LabeledRow { weight: 1, ..r.clone() })
            .collect();
        std::borrow::Cow::Owned(LabeledSet {
            files: self.files.clone(),
            rows,
        })
    }

    /// A subset of rows (for cross-validation folds).
    pub fn subset(&self, indices: &[usize]) -> LabeledSet {
        LabeledSet {
            files: self.files.clone(),
            rows: indices.iter().map(|&i| self.rows[i].clone()).collect(),
        }
    }

    /// The file a row came from.
    pub fn path_of(&self, row: &LabeledRow) -> &Path {
        &self.files[row.file]
    }
}

/// The CSV files a path stands for: itself, or a folder's `*.csv` files in name order.
fn csv_files(path: &Path) -> Result<Vec<PathBuf>> {
    let meta = std::fs::metadata(path).map_err(|e| Error::io(path, e))?;
    if !meta.is_dir() {
        return Ok(vec![path.to_owned()]);
    }
    let mut files: Vec<PathBuf> = std::fs::read_dir(path)
        .map_err(|e| Error::io(path, e))?
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.is_file() && p.extension().is_some_and(|e| e.eq_ignore_ascii_case("csv")))
        .collect();
    files.sort();
    if files.is_empty() {
        return Err(Error::Empty {
            path: path.to_owned(),
            what: "folder holds no .csv files".into(),
        });
    }
    Ok(files)
}

fn csv_error_at(path: &Path, lines: &LineIndex, e: &csv::Error) -> Error {
    csv_error_on(
        path,
        e.position().map_or(0, |p| lines.record_line(p.byte() as usize)),
        e,
    )
}

/// A CSV error on `line` (the caller's: the `csv` crate's own line is off, see
/// [`LineIndex::record_line`]).
pub(crate) fn csv_error_on(path: &Path, line: u64, e: &csv::Error) -> Error {
    let message = match e.kind() {
        csv::ErrorKind::UnequalLengths { expected_len, len, .. } => {
            format!("row has {len} fields, the header has {expected_len}")
        }
        _ => e.to_string(),
    };
    Error::Csv {
        path: path.to_owned(),
        line,
        message,
    }
}

/// The byte offset of the `"` that opened a quoted field still open at the end of `text`, if
/// any. Follows the `csv` crate's rules: a `"` opens a quoted field only at the start of a
/// field, `""` inside one is a literal quote, and `\r`, `\n` end records.
fn unterminated_quote(text: &str) -> Option<usize> {
    let bytes = text.as_bytes();
    let mut opened = None;
    let mut field_start = true;
    let mut i = 0;
    while i < bytes.len() {
        let b = bytes[i];
        if opened.is_some() {
            if b == b'"' {
                if bytes.get(i + 1) == Some(&b'"') {
                    i += 1;
                } else {
                    opened = None;
                    field_start = false;
                }
            }
        } else {
            field_start = match b {
                b'"' if field_start => {
                    opened = Some(i);
                    false
                }
                b',' | b'\n' | b'\r' => true,
                _ => false,
            };
        }
        i += 1;
    }
    opened
}

/// Line numbers of byte offsets. A line ends at `\n`, `\r\n` or a lone `\r` (old Mac files;
/// the `csv` crate ends records there too), so every CSV record has its own line.
struct LineIndex<'a> {
    bytes: &'a [u8],
    /// Byte offset where each line after the first starts.
    starts: Vec<usize>,
}

impl<'a> LineIndex<'a> {
    fn new(bytes: &'a [u8]) -> Self {
        let starts = (0..bytes.len())
            .filter(|&i| ends_line(bytes, i))
            .map(|i| i + 1)
            .collect();
        LineIndex { bytes, starts }
    }

    /// The line of a CSV record whose position the `csv` crate gives as `at`: it points at the
    /// end of the previous record's terminator (the `\n` of a CRLF) or at blank lines skipped
    /// before the record, so line breaks are skipped first.
    fn record_line(&self, at: usize) -> u64 {
        let skipped = self.bytes[at.min(self.bytes.len())..]
            .iter()
            .take_while(|&&b| b == b'\r' || b == b'\n')
            .count();
        self.line(at + skipped)
    }

    /// The 1-based line holding byte `at`.
    fn line(&self, at: usize) -> u64 {
        1 + self.starts.partition_point(|&s| s <= at) as u64
    }
}

/// Whether byte `i` of `bytes` ends a line: a `\n`, or a `\r` not followed by `\n` (the
/// `\r` of a CRLF does not, its `\n` does). A `\r` as the last byte counts as a line end.
pub(crate) fn ends_line(bytes: &[u8], i: usize) -> bool {
    bytes[i] == b'\n' || (bytes[i] == b'\r' && bytes.get(i + 1) != Some(&b'\n'))
}

/// The 1-based line holding byte `at` (see [`LineIndex`]).
fn line_of(bytes: &[u8], at: usize) -> u64 {
    LineIndex::new(&bytes[..bytes.len().min(at + 1)]).line(at)
}

/// Checks that `bytes` is UTF-8 text (no NUL byte) and strips a byte-order mark.
pub fn decode_text<'a>(bytes: &'a [u8], path: &Path) -> Result<&'a str> {
    if let Some(pos) = memchr::memchr(0, bytes) {
        return Err(Error::Binary {
            path: path.to_owned(),
            line: line_of(bytes, pos),
            byte: pos as u64,
        });
    }
    let text = std::str::from_utf8(bytes).map_err(|e| {
        let at = e.valid_up_to();
        Error::NotUtf8 {
            path: path.to_owned(),
            line: Some(line_of(bytes, at)),
            byte: at as u64,
        }
    })?;
    Ok(text.strip_prefix('\u{feff}').unwrap_or(text))
}

/// Reads a whole file of at most `max` bytes. The size is checked from the metadata before
/// reading, and reading stops one byte past `max` whatever the metadata said (pipes, devices),
/// so memory stays bounded. `what` names the kind of file in the error ("article").
pub fn read_bounded(path: &Path, max: u64, what: &'static str) -> Result<Vec<u8>> {
    let file = std::fs::File::open(path).map_err(|e| Error::io(path, e))?;
    let meta = file.metadata().map_err(|e| Error::io(path, e))?;
    if meta.is_dir() {
        return Err(Error::io(path, std::io::ErrorKind::IsADirectory.into()));
    }
    if meta.len() > max {
        return Err(Error::TooLarge {
            path: path.to_owned(),
            what,
            size: Some(meta.len()),
            max,
        });
    }
    read_limited(file, path, max, what)
}

/// Reads `reader` to its end, refusing more than `max` bytes (see [`read_bounded`]).
pub fn read_limited(reader: impl Read, path: &Path, max: u64, what: &'static str) -> Result<Vec<u8>> {
    let mut bytes = Vec::new();
    reader
        .take(max.saturating_add(1))
        .read_to_end(&mut bytes)
        .map_err(|e| Error::io(path, e))?;
    if bytes.len() as u64 > max {
        return Err(Error::TooLarge {
            path: path.to_owned(),
            what,
            size: None,
            max,
        });
    }
    Ok(bytes)
}

/// Reads a plain-text article of at most [`MAX_ARTICLE_BYTES`]; an empty or white-space-only
/// file is an error.
pub fn read_article(path: &Path) -> Result<String> {
    let bytes = read_bounded(path, MAX_ARTICLE_BYTES, "article")?;
    article_text(&bytes, path).map(str::to_owned)
}

/// Reads an article from a stream (standard input), at most [`MAX_ARTICLE_BYTES`]; `path`
/// names it in messages (`<stdin>`).
pub fn read_article_from(reader: impl Read, path: &Path) -> Result<String> {
    let bytes = read_limited(reader, path, MAX_ARTICLE_BYTES, "article")?;
    article_text(&bytes, path).map(str::to_owned)
}

/// Checks an article's bytes (see [`decode_text`]) and that it holds some text.
pub fn article_text<'a>(bytes: &'a [u8], path: &Path) -> Result<&'a str> {
    let text = decode_text(bytes, path)?;
    if text.trim().is_empty() {
        return Err(Error::Empty {
            path: path.to_owned(),
            what: "article has no text".into(),
        });
    }
    Ok(text)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn decode_text_table() {
        let p = Path::new("x.txt");
        assert_eq!(decode_text(b"\xef\xbb\xbfhello", p).unwrap(), "hello");
        assert!(matches!(
            decode_text(b"a\nb\n\xff", p),
            Err(Error::NotUtf8 {
                line: Some(3),
                byte: 4,
                ..
            })
        ));
        assert!(matches!(decode_text(b"ab\0c", p), Err(Error::Binary { byte: 2, .. })));
        assert!(matches!(article_text(b"  \n\t", p), Err(Error::Empty { .. })));
    }

    #[test]
    fn line_numbers_count_lf_crlf_and_lone_cr() {
        let text = "a\nb\r\nc\rd\n\ne";
        let index = LineIndex::new(text.as_bytes());
        for (at, line) in [(0, 1), (1, 1), (2, 2), (4, 2), (5, 3), (7, 4), (9, 5), (10, 6)] {
            assert_eq!(index.line(at), line, "byte {at}");
            assert_eq!(line_of(text.as_bytes(), at), line, "byte {at}");
        }
    }

    #[test]
    fn unterminated_quotes_table() {
        let cases: &[(&str, Option<usize>)] = &[
            ("a,b\n1,2\n", None),
            ("a,b\n1,\"x\n", Some(6)),
            ("a,b\n1,\"x,\"\"y\"\"\n\"\n", None), // quoted field with a line break and ""
            ("a,b\n1,x\"y\n", None),              // a quote inside a field is literal
            ("a,b\n1,\"x\"\"\n", Some(6)),        // "" is a quote, still open
            ("a,b\r\"x\n", Some(4)),
            ("\"", Some(0)),
        ];
        for (text, want) in cases {
            assert_eq!(unterminated_quote(text), *want, "{text:?}");
        }
    }

    /// Found by fuzzing (csv_loader): the `csv` crate puts a record after CRLF or after blank
    /// lines on an earlier line, and with lone `\r` line ends, two records were both said to be
    /// on line 2.
    #[test]
    fn csv_errors_name_the_line_after_crlf_and_blank_lines() {
        for (csv, line) in [
            (&b"doc,sentence,label,text\r\na,0,denial,No.\r\na,1,denial\r\n"[..], 3),
            (b"doc,sentence,label,text\na,0,denial,No.\n\n\n\na,1,denial\n", 6),
            (b"doc,sentence,label,text\r\n\r\n\na,1,denial\r\n", 4),
        ] {
            let err = LabeledSet::default()
                .add_csv(csv, Path::new("x.csv"), None)
                .unwrap_err();
            assert_eq!(
                err.to_string(),
                format!("x.csv:{line}: row has 3 fields, the header has 4")
            );
        }
        let mut set = LabeledSet::default();
        let csv = b"label,text\r\n\r\ndenial,No.\r\nassertion,Yes.\r\n";
        set.add_csv(csv, Path::new("x.csv"), None).unwrap();
        assert_eq!(set.rows.iter().map(|r| r.line).collect::<Vec<_>>(), [3, 4]);
    }

    #[test]
    fn lone_cr_line_ends_give_each_record_its_line() {
        let csv = b"doc,sentence,label,text\ra,0,denial,\".\"\ra,1,Assertion ,The DEA.\ra,2,\n";
        let mut set = LabeledSet::default();
        let err = set.add_csv(csv, Path::new("mac.csv"), None).unwrap_err();
        assert_eq!(err.to_string(), "mac.csv:4: row has 3 fields, the header has 4");
        let mut set = LabeledSet::default();
        set.add_csv(&csv[..csv.len() - 6], Path::new("mac.csv"), None).unwrap();
        let lines: Vec<u64> = set.rows.iter().map(|r| r.line).collect();
        assert_eq!(lines, [2, 3]);
        assert!(set
            .rows
            .iter()
            .all(|r| !r.text.contains('\r') && !r.label.contains('\r')));
    }

    #[test]
    fn labels_are_normalized() {
        for (raw, want) in [
            (" Denial ", "denial"),
            ("ASSERTION", "assertion"),
            ("background", "background"),
        ] {
            assert_eq!(normalize_label(raw), want);
        }
    }
}

#[cfg(test)]
mod weight_and_claim_tests {
    use super::*;

    #[test]
    fn weights_replicate_rows_and_claims_are_listed_once() {
        let mut s = LabeledSet::default();
        let csv = "doc,sentence,label,text,claim,weight\na,0,assertion,It rained.,Rain fell,3\na,1,denial,It did not.,Rain fell,\nb,0,background,Clouds.,Other,1\n";
        s.add_csv(csv.as_bytes(), Path::new("w.csv"), None).unwrap();
        assert_eq!(s.rows.iter().map(|r| r.weight).collect::<Vec<_>>(), [3, 1, 1]);
        assert_eq!(s.claims(), ["Rain fell", "Other"]);
        let w = s.weighted();
        let texts: Vec<&str> = w.rows.iter().map(|r| r.text.as_str()).collect();
        assert_eq!(
            texts,
            ["It rained.", "It rained.", "It rained.", "It did not.", "Clouds."]
        );
        let mut unweighted = LabeledSet::default();
        unweighted
            .add_csv(b"doc,sentence,label,text\na,0,x,t\n", Path::new("u.csv"), None)
            .unwrap();
        assert!(matches!(unweighted.weighted(), std::borrow::Cow::Borrowed(_)));
        assert_ne!(s.sha256(), {
            let mut t = s.clone();
            t.rows[0].weight = 1;
            t.sha256()
        });
    }

    #[test]
    fn a_bad_weight_names_its_line() {
        for bad in ["0", "-1", "1.5", "101", "x"] {
            let csv = format!("label,text,weight\na,one,1\nb,two,{bad}\n");
            let err = LabeledSet::default()
                .add_csv(csv.as_bytes(), Path::new("w.csv"), None)
                .unwrap_err();
            assert!(err.to_string().starts_with("w.csv:3: weight"), "{err}");
        }
    }
}
