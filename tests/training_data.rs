//! What `train` trains on, through the real binary: the order of `--data` never changes the
//! model, and the summary counts sentences.

mod common;

use std::path::Path;

use common::*;

/// A small dispute of the user's: two articles, weights and a claim, in two files.
const MINE_A: &str = "doc,sentence,label,text,claim,weight
bridge_1.txt,0,assertion,\"The Old Mill Bridge will close to cars on May 4, the mayor announced.\",The bridge closes to cars,2
bridge_1.txt,1,background,The bridge opened in 1931 and carries 9000 cars a day.,The bridge closes to cars,
bridge_1.txt,2,denial,\"The council said no decision to close the bridge has been taken.\",The bridge closes to cars,
bridge_1.txt,10,background,Traffic was light on Sunday.,The bridge closes to cars,
";
const MINE_B: &str = "doc,sentence,label,text,claim
bridge_2.txt,0,denial,\"There is no plan to shut the bridge, a council spokesman told reporters.\",The bridge closes to cars
bridge_2.txt,1,assertion,City engineers confirmed the closure will begin in May.,The bridge closes to cars
bridge_2.txt,2,background,The river rose two meters last spring.,The bridge closes to cars
bridge_2.txt,3,assertion,\"The mayor repeated that cars will be barred from the bridge.\",The bridge closes to cars
";

fn write(dir: &Path, name: &str, text: &str) {
    std::fs::write(dir.join(name), text).unwrap();
}

fn train(dir: &Path, args: &[&str]) -> Run {
    stance(dir, &[&["train"][..], args].concat()).ok()
}

#[test]
fn the_order_of_data_never_changes_the_model() {
    let d = tempfile::tempdir().unwrap();
    write(d.path(), "a.csv", MINE_A);
    write(d.path(), "b.csv", MINE_B);
    // The same rows in one file, in another order (the column order differs too).
    let mut lines: Vec<&str> = MINE_B.lines().skip(1).collect();
    lines.reverse();
    let mut both = String::from("doc,sentence,label,text,claim,weight\n");
    for l in lines {
        both.push_str(&format!("{l},\n"));
    }
    let mut a_lines: Vec<&str> = MINE_A.lines().skip(1).collect();
    a_lines.rotate_left(2);
    for l in a_lines {
        both.push_str(&format!("{l}\n"));
    }
    write(d.path(), "both.csv", &both);
    train(d.path(), &["--data", "a.csv", "--data", "b.csv", "--model", "ab.model"]);
    train(d.path(), &["--data", "b.csv", "--data", "a.csv", "--model", "ba.model"]);
    train(d.path(), &["--data", "both.csv", "--model", "both.model"]);
    let ab = std::fs::read(d.path().join("ab.model")).unwrap();
    assert!(
        ab == std::fs::read(d.path().join("ba.model")).unwrap(),
        "--data order changed the model"
    );
    assert!(
        ab == std::fs::read(d.path().join("both.model")).unwrap(),
        "row order changed the model"
    );
    // Cross-validation and tuning too.
    let cv = |first: &str, second: &str| {
        let args = [
            "cv", "--format", "json", "--folds", "2", "--data", first, "--data", second,
        ];
        stance(d.path(), &args).ok().stdout
    };
    assert_eq!(cv("a.csv", "b.csv"), cv("b.csv", "a.csv"));
    let tune = |first: &str, second: &str, model: &str| {
        let args = [
            "--tune", "--folds", "2", "--data", first, "--data", second, "--model", model,
        ];
        train(d.path(), &args);
        std::fs::read(d.path().join(model)).unwrap()
    };
    assert!(tune("a.csv", "b.csv", "t1.model") == tune("b.csv", "a.csv", "t2.model"));
}

/// Counts are of sentences: a row of weight 2 is one sentence, in the summary and in the
/// model file's `rows_per_label`.
#[test]
fn the_summary_counts_sentences() {
    let d = tempfile::tempdir().unwrap();
    write(d.path(), "mine.csv", MINE_A);
    let run = train(d.path(), &["--data", "mine.csv", "--model", "m.model"]);
    assert!(
        run.stderr
            .contains("trained on 4 sentences from 1 files: assertion 1, background 2, denial 1\n"),
        "the weight-2 row is one sentence: {}",
        run.stderr
    );
    assert!(run
        .stderr
        .contains("1 sentences counted as many times as their weight column says"));
    let model: serde_json::Value =
        serde_json::from_slice(&std::fs::read(d.path().join("m.model")).unwrap()).unwrap();
    assert_eq!(model["training"]["rows_per_label"], serde_json::json!([1, 2, 1]));
}
