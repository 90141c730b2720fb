//! The labeled data and the splitter agree: every article in `labeled/articles/` is cut by the
//! splitter into exactly the rows of its CSV (same indices, same texts), and every label is one
//! of the three.

mod common;

use std::collections::BTreeMap;

use common::repo;
use stance::data::LabeledSet;
use stance::text::split_sentences;

#[test]
fn splitter_reproduces_every_labeled_row() {
    let set = LabeledSet::read(&[repo("labeled")], None).unwrap();
    let mut by_doc: BTreeMap<&str, Vec<(usize, &str)>> = BTreeMap::new();
    for r in &set.rows {
        assert!(
            ["assertion", "denial", "background"].contains(&r.label.as_str()),
            "{}:{} label {}",
            r.doc,
            r.line,
            r.label
        );
        by_doc
            .entry(&r.doc)
            .or_default()
            .push((r.sentence.parse().unwrap(), r.text.as_str()));
    }
    let articles: Vec<String> = std::fs::read_dir(repo("labeled/articles"))
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    assert_eq!(by_doc.len(), articles.len(), "one CSV per article");
    for (doc, rows) in by_doc {
        let text = std::fs::read_to_string(repo("labeled/articles").join(doc)).unwrap();
        let sentences: Vec<(usize, &str)> = split_sentences(&text).iter().map(|s| (s.index, s.text)).collect();
        assert_eq!(rows, sentences, "{doc}: labeled rows and splitter disagree");
    }
}
