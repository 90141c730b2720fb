//! The labeled data and the splitter agree: every article in an `articles/` folder of
//! `labeled/` (the seed articles, and each dispute's under `labeled/disputes/NAME/`) is cut by
//! the splitter into exactly the rows of the CSV beside that folder (same indices, same texts),
//! every label is one of the three, and every row names its claim.

mod common;

use std::collections::BTreeMap;

use common::repo;
use stance::labeled::LabeledSet;
use stance::text::split_sentences;

#[test]
fn splitter_reproduces_every_labeled_row() {
    let set = LabeledSet::read(&[repo("labeled")], None).unwrap();
    let mut by_doc: BTreeMap<std::path::PathBuf, Vec<(usize, &str)>> = BTreeMap::new();
    for r in &set.rows {
        assert!(!r.claim.is_empty(), "{}:{} has no claim", r.doc, r.line);
        assert!(
            ["assertion", "denial", "background"].contains(&r.label.as_str()),
            "{}:{} label {}",
            r.doc,
            r.line,
            r.label
        );
        let articles = set.files[r.file].parent().unwrap().join("articles");
        by_doc
            .entry(articles.join(&r.doc))
            .or_default()
            .push((r.sentence.parse().unwrap(), r.text.as_str()));
    }
    let mut articles = Vec::new();
    for folder in [repo("labeled")].into_iter().chain(
        std::fs::read_dir(repo("labeled/disputes"))
            .unwrap()
            .map(|e| e.unwrap().path()),
    ) {
        for e in std::fs::read_dir(folder.join("articles")).unwrap() {
            articles.push(e.unwrap().path());
        }
    }
    articles.sort();
    assert_eq!(
        by_doc.keys().cloned().collect::<Vec<_>>(),
        articles,
        "every article labeled, every row's article there"
    );
    assert_eq!(
        set.claims().len(),
        1 + std::fs::read_dir(repo("labeled/disputes")).unwrap().count()
    );
    for (doc, rows) in by_doc {
        let text = std::fs::read_to_string(&doc).unwrap();
        let doc = doc.display();
        let sentences: Vec<(usize, &str)> = split_sentences(&text).iter().map(|s| (s.index, s.text)).collect();
        assert_eq!(rows, sentences, "{doc}: labeled rows and splitter disagree");
    }
}
