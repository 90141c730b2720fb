//! Labeled rows, the data every other room learns from or is measured on: a [`LabeledSet`]
//! holds the rows of labeled CSV files (`doc,sentence,label,text[,note,...]`, with optional
//! `claim`, `weight` and `reference` columns) in one canonical order, and splits them into
//! grouped [`folds`]. Every error names the file, and the line.
//!
//! Labels are normalized on reading: surrounding white space is trimmed and they are
//! lower-cased, so `Denial`, ` denial ` and `denial` are one label.
//!
//! Files are read through [`crate::io`]: bounded in size, decoded as UTF-8 text, CSV records on
//! their true lines, folders walked recursively for `*.csv` files.

pub mod folds;

use std::path::{Path, PathBuf};

use sha2::{Digest, Sha256};

use crate::error::Location;
use crate::io::csv::CsvReader;
use crate::io::read::{decode_text, read_bounded, MAX_CSV_BYTES};
use crate::io::walk::{given_name, Walker};
use crate::{Error, Result};

pub use folds::{grouped_folds, Fold};

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
    /// A reference row (the optional `reference` column: `yes` or `no`, empty = `no`): one of
    /// the rows shipped in `labeled/` that teach stance wording across disputes. When the data
    /// mixes reference rows and others, the others count `own_weight` times
    /// ([`LabeledSet::weighted`]).
    pub reference: bool,
}

impl LabeledRow {
    /// How many times the row counts in training: its weight, times `own_weight` when it is
    /// not a reference row and the set it is in `mixed` reference rows and others.
    fn count(&self, own_weight: u32, mixed: bool) -> usize {
        let own = if mixed && !self.reference { own_weight } else { 1 };
        (self.weight * own) as usize
    }

    /// The canonical order of rows, by content alone (never by file or line): reference rows
    /// first, then by doc, sentence (as a number when it is one: 2 before 10; numbers before
    /// other values), claim, text, label, weight and group. Rows equal on all of these are the
    /// same to training. (By doc first, so the claims of `labeled/` keep the order of its
    /// files: the seed articles' first.)
    pub fn canonical_cmp(&self, other: &Self) -> std::cmp::Ordering {
        let sentence = |r: &LabeledRow| match r.sentence.trim().parse::<u64>() {
            Ok(n) => (0, n),
            Err(_) => (1, 0),
        };
        (!self.reference)
            .cmp(&!other.reference)
            .then_with(|| self.doc.cmp(&other.doc))
            .then_with(|| sentence(self).cmp(&sentence(other)))
            .then_with(|| self.sentence.cmp(&other.sentence))
            .then_with(|| self.claim.cmp(&other.claim))
            .then_with(|| self.text.cmp(&other.text))
            .then_with(|| self.label.cmp(&other.label))
            .then_with(|| self.weight.cmp(&other.weight))
            .then_with(|| self.group.cmp(&other.group))
    }
}

/// Largest row weight: 100.
pub const MAX_WEIGHT: u32 = 100;

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
    /// Reads every path: a CSV file, or a folder whose `*.csv` files are read (recursively, in
    /// path order). `group_by` names the column that groups rows (default `doc`; when that
    /// default column is absent the file's name is the group: its path relative to the folder
    /// it was found under, or as given for a file named directly).
    pub fn read(paths: &[PathBuf], group_by: Option<&str>) -> Result<Self> {
        let mut set = LabeledSet::default();
        let csv = ["csv".to_string()];
        for path in paths {
            let meta = std::fs::metadata(path).map_err(|e| Error::io(path, e))?;
            if meta.is_dir() {
                for found in Walker::new(path.clone(), &csv) {
                    let found = found?;
                    set.read_file(&found.path, &found.doc, group_by)?;
                }
            } else {
                set.read_file(path, &given_name(path), group_by)?;
            }
        }
        Ok(set)
    }

    fn read_file(&mut self, path: &Path, name: &str, group_by: Option<&str>) -> Result<()> {
        let bytes = read_bounded(path, MAX_CSV_BYTES, "CSV file")?;
        self.add_named_csv(&bytes, path, name, group_by)
    }

    /// Adds the rows of one CSV file given as bytes; `path` names it in messages and in
    /// [`LabeledSet::files`] (and, without a group column, groups its rows). On error the set
    /// is left as it was.
    pub fn add_csv(&mut self, bytes: &[u8], path: &Path, group_by: Option<&str>) -> Result<()> {
        self.add_named_csv(bytes, path, &given_name(path), group_by)
    }

    pub(crate) fn add_named_csv(
        &mut self,
        bytes: &[u8],
        path: &Path,
        name: &str,
        group_by: Option<&str>,
    ) -> Result<()> {
        let (files, rows) = (self.files.len(), self.rows.len());
        let result = self.parse_csv(bytes, path, name, group_by);
        if result.is_err() {
            self.files.truncate(files);
            self.rows.truncate(rows);
        }
        result
    }

    fn parse_csv(&mut self, bytes: &[u8], path: &Path, name: &str, group_by: Option<&str>) -> Result<()> {
        let text = decode_text(bytes, &Location::file(path))?;
        if text.trim().is_empty() {
            return Err(Error::Empty {
                at: Location::file(path),
                what: "empty CSV file (expected a header `doc,sentence,label,text`)".into(),
            });
        }
        let mut reader = CsvReader::new(text.as_bytes(), path, MAX_CSV_BYTES)?;
        let text_col = reader.column("text")?;
        let label_col = reader.column("label")?;
        let doc_col = reader.column("doc").ok();
        let sentence_col = reader.column("sentence").ok();
        let claim_col = reader.column("claim").ok();
        let weight_col = reader.column("weight").ok();
        let reference_col = reader.column("reference").ok();
        let group_col = match group_by {
            Some(name) => Some(reader.column(name)?),
            None => doc_col,
        };
        let file_index = self.files.len();
        self.files.push(path.to_owned());
        let before = self.rows.len();
        while let Some(record) = reader.next() {
            let record = record?;
            let line = record.line;
            // The text was checked as UTF-8 whole, and fields end at ASCII bytes.
            let get = |c: Option<usize>| {
                c.and_then(|c| record.fields.get(c))
                    .map_or_else(String::new, |f| String::from_utf8_lossy(f).into_owned())
            };
            let label = normalize_label(&get(Some(label_col)));
            let text = get(Some(text_col));
            let bad = |message: &str| Error::Csv {
                at: Location::line(path, line),
                message: message.into(),
            };
            if label.is_empty() {
                return Err(bad("empty label"));
            }
            if text.trim().is_empty() {
                return Err(bad("empty text"));
            }
            let weight = match get(weight_col).trim() {
                "" => 1,
                w => w
                    .parse::<u32>()
                    .ok()
                    .filter(|w| (1..=MAX_WEIGHT).contains(w))
                    .ok_or_else(|| bad(&format!("weight `{w}` is not a whole number from 1 to {MAX_WEIGHT}")))?,
            };
            let reference = match get(reference_col).trim().to_ascii_lowercase().as_str() {
                "" | "no" => false,
                "yes" => true,
                other => return Err(bad(&format!("reference `{other}` is not `yes` or `no`"))),
            };
            self.rows.push(LabeledRow {
                file: file_index,
                line,
                doc: get(doc_col),
                sentence: get(sentence_col),
                label,
                text,
                group: group_col.map_or_else(|| name.to_owned(), |c| get(Some(c))),
                claim: get(claim_col).trim().to_string(),
                weight,
                reference,
            });
        }
        if self.rows.len() == before {
            return Err(Error::Empty {
                at: Location::file(path),
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

    /// SHA-256 (hex) of the rows: doc, sentence, label and text of each, in the canonical
    /// order ([`LabeledSet::canonical`], so the order the files were given in does not change
    /// it), the weight of a row whose weight is not 1, and a mark on reference rows.
    pub fn sha256(&self) -> String {
        let mut h = Sha256::new();
        for r in &self.canonical().rows {
            for field in [&r.doc, &r.sentence, &r.label, &r.text] {
                h.update(field.as_bytes());
                h.update([0x1f]);
            }
            if r.weight != 1 {
                h.update(r.weight.to_le_bytes());
            }
            if r.reference {
                h.update([0x1d]);
            }
            h.update([0x1e]);
        }
        h.finalize().iter().map(|b| format!("{b:02x}")).collect()
    }

    /// The distinct claims of the rows (the `claim` column): those of the user's own rows
    /// first, then those of reference rows, each in order of first appearance.
    pub fn claims(&self) -> Vec<String> {
        let mut seen = std::collections::HashSet::new();
        let own = self.rows.iter().filter(|r| !r.reference);
        own.chain(self.rows.iter().filter(|r| r.reference))
            .filter(|r| !r.claim.is_empty() && seen.insert(r.claim.as_str()))
            .map(|r| r.claim.clone())
            .collect()
    }

    /// Sentences per label, in [`LabeledSet::labels`] order: each row once, whatever its
    /// weight.
    pub fn sentences_per_label(&self) -> Vec<usize> {
        let labels = self.labels();
        let mut counts = vec![0; labels.len()];
        for r in &self.rows {
            counts[labels.binary_search(&r.label).expect("label of the set")] += 1;
        }
        counts
    }

    /// Whether the set mixes reference rows and others.
    pub fn mixes_reference(&self) -> bool {
        self.rows.iter().any(|r| r.reference) && self.rows.iter().any(|r| !r.reference)
    }

    /// The rows as training sees them: each row repeated as many times as it counts (its
    /// `weight`, times `own_weight` for a row that is not a reference row when the set holds
    /// both kinds), in place, in order. Borrowed as is when every row counts once.
    pub fn weighted(&self, own_weight: u32) -> std::borrow::Cow<'_, LabeledSet> {
        let mixed = self.mixes_reference();
        if self.rows.iter().all(|r| r.count(own_weight, mixed) == 1) {
            return std::borrow::Cow::Borrowed(self);
        }
        let rows = self
            .rows
            .iter()
            .flat_map(|r| std::iter::repeat_n(r, r.count(own_weight, mixed)))
            .map(|r| LabeledRow { weight: 1, ..r.clone() })
            .collect();
        std::borrow::Cow::Owned(LabeledSet {
            files: self.files.clone(),
            rows,
        })
    }

    /// Whether every row is in the canonical order ([`LabeledRow::canonical_cmp`]).
    pub fn is_canonical(&self) -> bool {
        self.rows.windows(2).all(|w| w[0].canonical_cmp(&w[1]).is_le())
    }

    /// The set with its rows in the canonical order ([`LabeledRow::canonical_cmp`], a stable
    /// sort), so that the order of the files, and of rows within them, never changes what is
    /// trained; borrowed as is when the rows are in that order already. Training,
    /// cross-validation and tuning work on this order.
    pub fn canonical(&self) -> std::borrow::Cow<'_, LabeledSet> {
        if self.is_canonical() {
            return std::borrow::Cow::Borrowed(self);
        }
        std::borrow::Cow::Owned(self.clone().into_canonical())
    }

    /// This set with its rows in the canonical order (see [`LabeledSet::canonical`]).
    pub fn into_canonical(mut self) -> LabeledSet {
        if !self.is_canonical() {
            self.rows.sort_by(LabeledRow::canonical_cmp);
        }
        self
    }

    /// Adds the files and rows of `other` after this set's.
    pub fn append(&mut self, other: &LabeledSet) {
        let offset = self.files.len();
        self.files.extend(other.files.iter().cloned());
        self.rows.extend(other.rows.iter().map(|r| LabeledRow {
            file: r.file + offset,
            ..r.clone()
        }));
    }

    /// Whether any row is a reference row.
    pub fn holds_reference(&self) -> bool {
        self.rows.iter().any(|r| r.reference)
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

#[cfg(test)]
mod tests {
    use super::*;

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
        let w = s.weighted(1);
        let texts: Vec<&str> = w.rows.iter().map(|r| r.text.as_str()).collect();
        assert_eq!(
            texts,
            ["It rained.", "It rained.", "It rained.", "It did not.", "Clouds."]
        );
        let mut unweighted = LabeledSet::default();
        unweighted
            .add_csv(b"doc,sentence,label,text\na,0,x,t\n", Path::new("u.csv"), None)
            .unwrap();
        assert!(matches!(unweighted.weighted(5), std::borrow::Cow::Borrowed(_)));
        assert_ne!(s.sha256(), {
            let mut t = s.clone();
            t.rows[0].weight = 1;
            t.sha256()
        });
    }

    #[test]
    fn own_rows_count_more_only_beside_reference_rows() {
        let csv = "label,text,reference,weight\na,ref one,yes,\nb,ref two,Yes,\na,mine,,2\nb,mine too,no,\n";
        let mut s = LabeledSet::default();
        s.add_csv(csv.as_bytes(), Path::new("r.csv"), None).unwrap();
        assert_eq!(
            s.rows.iter().map(|r| r.reference).collect::<Vec<_>>(),
            [true, true, false, false]
        );
        let counts = |set: &LabeledSet, k| {
            let w = set.weighted(k);
            set.rows
                .iter()
                .map(|r| w.rows.iter().filter(|x| x.text == r.text).count())
                .collect::<Vec<_>>()
        };
        assert_eq!(counts(&s, 5), [1, 1, 10, 5], "own rows x5, times their own weight");
        assert_eq!(counts(&s, 1), [1, 1, 2, 1]);
        // All reference rows, or none: own_weight changes nothing.
        let only_mine = s.subset(&[2, 3]);
        assert_eq!(counts(&only_mine, 5), [2, 1]);
        let only_ref = s.subset(&[0, 1]);
        assert!(matches!(only_ref.weighted(5), std::borrow::Cow::Borrowed(_)));
        let err = LabeledSet::default()
            .add_csv(b"label,text,reference\na,x,maybe\n", Path::new("r.csv"), None)
            .unwrap_err();
        assert!(err.to_string().starts_with("r.csv:2: reference `maybe`"), "{err}");
    }

    #[test]
    fn the_canonical_order_is_by_content_whatever_the_order_read() {
        let header = "doc,sentence,label,text,claim,weight,reference\n";
        let rows = [
            "r.txt,0,denial,Ref.,C,,yes",
            "a.txt,2,assertion,Two.,,,",
            "a.txt,10,denial,Ten.,,,",
            "a.txt,x,background,Ex.,,,",
            "b.txt,0,background,Same.,,2,",
            "b.txt,0,background,Same.,,,",
            "a.txt,1,background,One.,B,,",
        ];
        let read = |order: &[usize], files: usize| {
            let mut set = LabeledSet::default();
            for (f, part) in order.chunks(order.len().div_ceil(files)).enumerate() {
                let csv: String = part.iter().map(|&i| format!("{}\n", rows[i])).collect();
                let name = format!("{f}.csv");
                set.add_csv(format!("{header}{csv}").as_bytes(), Path::new(&name), None)
                    .unwrap();
            }
            set
        };
        let texts = |set: &LabeledSet| {
            let set = set.canonical();
            let texts: Vec<String> = set.rows.iter().map(|r| format!("{}{}", r.text, r.weight)).collect();
            texts
        };
        let want = ["Ref.1", "One.1", "Two.1", "Ten.1", "Ex.1", "Same.1", "Same.2"];
        let first = read(&[0, 1, 2, 3, 4, 5, 6], 1);
        assert_eq!(
            texts(&first),
            want,
            "reference rows first, then doc, sentence as a number"
        );
        for (order, files) in [
            (vec![6, 5, 4, 3, 2, 1, 0], 1),
            (vec![3, 0, 5, 1, 6, 2, 4], 3),
            (vec![4, 6, 0, 2, 1, 5, 3], 2),
        ] {
            let set = read(&order, files);
            assert_eq!(texts(&set), want, "{order:?} in {files} files");
            assert_eq!(set.sha256(), first.sha256());
            assert!(set.clone().into_canonical().is_canonical());
        }
        assert!(matches!(first.canonical().canonical(), std::borrow::Cow::Borrowed(_)));
        assert_eq!(
            first.sentences_per_label(),
            [1, 4, 2],
            "each row once, whatever its weight"
        );
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
