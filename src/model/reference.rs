//! The reference rows built into the program: every CSV file of `labeled/` as it was when the
//! program was built (the seed articles and `labeled/disputes/`, all `reference=yes`), so that
//! `stance train --data mine.csv` learns how asserting and denying are worded from any folder,
//! as `--data labeled --data mine.csv` does inside the repository.
//!
//! The files are embedded by `build.rs` and read by the same reader as files on disk, so the
//! rows, their groups and their errors are those that reading `labeled/` gives; messages name
//! them `<built-in>/labeled/PATH`.

use std::path::PathBuf;

use crate::labeled::LabeledSet;
use crate::{Error, Result};

mod files {
    include!(concat!(env!("OUT_DIR"), "/reference_files.rs"));
}

/// How messages name the folder of built-in reference files.
pub const BUILT_IN_LABELED: &str = "<built-in>/labeled";

/// The built-in reference rows, read as `LabeledSet::read` reads the folder `labeled/`:
/// `group_by` names the column grouping rows (default `doc`), each file is named
/// `<built-in>/labeled/PATH`.
pub fn reference_rows(group_by: Option<&str>) -> Result<LabeledSet> {
    let mut set = LabeledSet::default();
    for (name, bytes) in files::FILES {
        let path = PathBuf::from(format!("{BUILT_IN_LABELED}/{name}"));
        set.add_named_csv(bytes, &path, name, group_by)?;
    }
    Ok(set)
}

/// Adds the built-in reference rows to `data` unless it holds reference rows already (then
/// they were given, e.g. `--data labeled`, and are never counted twice); returns how many rows
/// were added. `group_by` as for [`reference_rows`].
pub fn add_reference_rows(data: &mut LabeledSet, group_by: Option<&str>) -> Result<usize> {
    if data.holds_reference() {
        return Ok(0);
    }
    let reference = reference_rows(group_by).map_err(|e| match e {
        Error::MissingColumn { column, .. } => Error::Usage(format!(
            "the reference rows built into stance have no column `{column}` to group by: \
             group by doc or claim, or give --no-reference to train on your rows alone"
        )),
        e => e,
    })?;
    data.append(&reference);
    Ok(reference.rows.len())
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The built-in rows are those of `labeled/` (as the build saw it), every one a reference
    /// row, each with the group reading the folder gives.
    #[test]
    fn built_in_rows_are_the_rows_of_labeled() {
        let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
        let on_disk = LabeledSet::read(&[root.join("labeled")], None).unwrap();
        let built_in = reference_rows(None).unwrap();
        assert!(!built_in.rows.is_empty());
        assert!(
            built_in.rows.iter().all(|r| r.reference),
            "every row of labeled/ is a reference row"
        );
        assert_eq!(built_in.files.len(), on_disk.files.len());
        assert!(built_in.files[0].starts_with(BUILT_IN_LABELED));
        assert_eq!(built_in.sha256(), on_disk.sha256());
        let key = |s: &LabeledSet| {
            let s = s.canonical().into_owned();
            s.rows.into_iter().map(|r| (r.group, r.text)).collect::<Vec<_>>()
        };
        assert_eq!(key(&built_in), key(&on_disk));
        let by_claim = reference_rows(Some("claim")).unwrap();
        assert!(by_claim.rows.iter().all(|r| r.group == r.claim));
    }

    #[test]
    fn reference_rows_are_added_only_when_none_were_given() {
        let mut mine = LabeledSet::default();
        mine.add_csv(
            b"doc,label,text\nm.txt,denial,No.\n",
            std::path::Path::new("mine.csv"),
            None,
        )
        .unwrap();
        let added = add_reference_rows(&mut mine, None).unwrap();
        assert_eq!(added, reference_rows(None).unwrap().rows.len());
        assert_eq!(mine.rows.len(), added + 1);
        assert_eq!(add_reference_rows(&mut mine, None).unwrap(), 0, "never twice");
        assert_eq!(mine.rows.len(), added + 1);
        let mut topic = LabeledSet::default();
        topic
            .add_csv(
                b"topic,label,text\nx,denial,No.\n",
                std::path::Path::new("t.csv"),
                Some("topic"),
            )
            .unwrap();
        let err = add_reference_rows(&mut topic, Some("topic")).unwrap_err();
        assert!(err.to_string().contains("no column `topic`"), "{err}");
        assert!(err.to_string().contains("--no-reference"), "{err}");
        assert_eq!(topic.rows.len(), 1);
    }
}
