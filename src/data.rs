//! Reading inputs: labeled CSV files (`doc,sentence,label,text[,note,...]`) and plain-text
//! articles. Every error names the file, and the line for CSV.
//!
//! Labels are normalized on reading: surrounding white space is trimmed and they are
//! lower-cased, so `Denial`, ` denial ` and `denial` are one label.

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
}

/// Labeled rows read from one or more CSV files.
#[derive(Debug, Clone, Default)]
pub struct LabeledSet {
    pub files: Vec<PathBuf>,
    pub rows: Vec<LabeledRow>,
}

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
        let bytes = std::fs::read(path).map_err(|e| Error::io(path, e))?;
        let text = decode_text(&bytes, path)?;
        if text.trim().is_empty() {
            return Err(Error::Empty {
                path: path.to_owned(),
                what: "empty CSV file (expected a header `doc,sentence,label,text`)".into(),
            });
        }
        let mut reader = csv::ReaderBuilder::new().flexible(false).from_reader(text.as_bytes());
        let headers = reader.headers().map_err(|e| csv_error(path, &e))?.clone();
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
            let record = record.map_err(|e| csv_error(path, &e))?;
            let line = record.position().map_or(0, |p| p.line());
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
            self.rows.push(LabeledRow {
                file: file_index,
                line,
                doc: get(doc_col),
                sentence: get(sentence_col),
                label,
                text,
                group: group_col.map_or_else(|| file_name.clone(), |c| get(Some(c))),
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

    /// The sorted distinct labels.
    pub fn labels(&self) -> Vec<String> {
        let mut labels: Vec<String> = self.rows.iter().map(|r| r.label.clone()).collect();
        labels.sort_unstable();
        labels.dedup();
        labels
    }

    /// SHA-256 (hex) of the rows: doc, sentence, label and text of each, in order.
    pub fn sha256(&self) -> String {
        let mut h = Sha256::new();
        for r in &self.rows {
            for field in [&r.doc, &r.sentence, &r.label, &r.text] {
                h.update(field.as_bytes());
                h.update([0x1f]);
            }
            h.update([0x1e]);
        }
        h.finalize().iter().map(|b| format!("{b:02x}")).collect()
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

pub(crate) fn csv_error(path: &Path, e: &csv::Error) -> Error {
    let line = e.position().map_or(0, |p| p.line());
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

/// Checks that `bytes` is UTF-8 text (no NUL byte) and strips a byte-order mark.
pub fn decode_text<'a>(bytes: &'a [u8], path: &Path) -> Result<&'a str> {
    if let Some(pos) = bytes.iter().position(|&b| b == 0) {
        return Err(Error::Binary {
            path: path.to_owned(),
            byte: pos as u64,
        });
    }
    let text = std::str::from_utf8(bytes).map_err(|e| {
        let at = e.valid_up_to();
        Error::NotUtf8 {
            path: path.to_owned(),
            line: Some(1 + bytes[..at].iter().filter(|&&b| b == b'\n').count() as u64),
            byte: at as u64,
        }
    })?;
    Ok(text.strip_prefix('\u{feff}').unwrap_or(text))
}

/// Reads a plain-text article; an empty or white-space-only file is an error.
pub fn read_article(path: &Path) -> Result<String> {
    let bytes = std::fs::read(path).map_err(|e| Error::io(path, e))?;
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
