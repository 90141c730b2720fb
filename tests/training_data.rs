//! What `train` trains on, through the real binary: the order of `--data` never changes the
//! model, the reference rows built into stance join the user's rows from any folder (never
//! twice; `--no-reference` leaves them out), and the summary counts sentences.

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

/// `train` on the rows given alone, without the built-in reference rows.
fn train_alone(dir: &Path, args: &[&str]) -> Run {
    train(dir, &[&["--no-reference"][..], args].concat())
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
    train_alone(d.path(), &["--data", "a.csv", "--data", "b.csv", "--model", "ab.model"]);
    train_alone(d.path(), &["--data", "b.csv", "--data", "a.csv", "--model", "ba.model"]);
    train_alone(d.path(), &["--data", "both.csv", "--model", "both.model"]);
    let ab = std::fs::read(d.path().join("ab.model")).unwrap();
    assert!(
        ab == std::fs::read(d.path().join("ba.model")).unwrap(),
        "--data order changed the model"
    );
    assert!(
        ab == std::fs::read(d.path().join("both.model")).unwrap(),
        "row order changed the model"
    );
    // Cross-validation and tuning too (with the reference rows: see the next test, where they
    // come after the user's rows in one run and before them in the other).
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
        train_alone(d.path(), &args);
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
    let run = train_alone(d.path(), &["--data", "mine.csv", "--model", "m.model"]);
    assert!(
        run.stderr
            .contains("trained on 4 sentences from 1 files: assertion 1, background 2, denial 1\n"),
        "the weight-2 row is one sentence: {}",
        run.stderr
    );
    assert!(run
        .stderr
        .contains("1 sentences counted as many times as their weight column says"));
    assert!(!run.stderr.contains("reference"), "{}", run.stderr);
    let model: serde_json::Value = serde_json::from_slice(&std::fs::read(d.path().join("m.model")).unwrap()).unwrap();
    assert_eq!(model["training"]["rows_per_label"], serde_json::json!([1, 2, 1]));
}

/// From an empty folder, `train --data mine.csv` trains on the built-in reference rows and
/// the user's, and gives the model `--data <repo>/labeled --data mine.csv` gives.
#[test]
fn reference_rows_travel_with_the_program() {
    let empty = tempfile::tempdir().unwrap();
    write(empty.path(), "mine.csv", MINE_A);
    let built_in = train(empty.path(), &["--data", "mine.csv", "--model", "m.model"]);
    let labeled = repo("labeled");
    let labeled = labeled.to_str().unwrap();
    let given = train(
        empty.path(),
        &["--data", labeled, "--data", "mine.csv", "--model", "given.model"],
    );
    let facts = labeled_facts();
    let total = facts.rows + 4;
    for run in [&built_in, &given] {
        assert!(
            run.stderr
                .contains(&format!("trained on {total} sentences from {} files", facts.files + 1)),
            "{}",
            run.stderr
        );
        assert!(
            run.stderr.contains(&format!(
                "your 4 sentences counted 5 times each beside {} reference sentences",
                facts.rows
            )),
            "reference rows are never counted twice: {}",
            run.stderr
        );
    }
    assert!(
        built_in.stderr.contains(&format!(
            "of which {} are the reference sentences built into stance",
            facts.rows
        )),
        "{}",
        built_in.stderr
    );
    assert!(!given.stderr.contains("built into stance"), "{}", given.stderr);
    let m = std::fs::read(empty.path().join("m.model")).unwrap();
    assert!(
        m == std::fs::read(empty.path().join("given.model")).unwrap(),
        "models differ"
    );
    let articles = repo("labeled/articles");
    let classify = |model: &str| {
        let args = [
            "classify",
            "--format",
            "csv",
            "--model",
            model,
            articles.to_str().unwrap(),
        ];
        stance(empty.path(), &args).ok().stdout
    };
    assert_eq!(classify("m.model"), classify("given.model"));
    // With --base the user chooses the other rows: none are built in on top.
    let base = train(
        empty.path(),
        &["--data", "mine.csv", "--base", labeled, "--model", "base.model"],
    );
    assert!(!base.stderr.contains("built into stance"), "{}", base.stderr);
}

#[test]
fn train_help_says_what_is_trained_on() {
    let d = tempfile::tempdir().unwrap();
    let help = stance(d.path(), &["train", "--help"]).ok().stdout;
    for needle in [
        "--no-reference",
        "Train on your rows alone",
        "reference rows built into stance",
        "never counted twice",
        "order of the files and rows never changes the model",
    ] {
        assert!(help.contains(needle), "{needle:?} missing in {help}");
    }
}
