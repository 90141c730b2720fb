//! The claim as an input: every command that labels sentences takes `--claim`, tables and JSON
//! lines may name each article's own claim, and the report shows it. Driven through the binary
//! with the shipped model (trained with claims).

mod common;

use common::{parse_csv, repo, stance, stance_stdin, trained_workspace};

const SEED: &str = "labeled/articles/000_d9e5b95a3f51618a.txt";
const CLAIM: &str = "Mexico and the DEA have agreed on a joint initiative (Project Portero)";

/// The `p_*` columns of CSV records, as numbers.
fn probabilities(csv: &str) -> Vec<Vec<f64>> {
    let (header, rows) = parse_csv(csv);
    let cols: Vec<usize> = (0..header.len()).filter(|&i| header[i].starts_with("p_")).collect();
    rows.iter()
        .map(|r| cols.iter().map(|&i| r[i].parse().unwrap()).collect())
        .collect()
}

#[test]
fn classify_with_a_claim_uses_the_claim_aware_classifier() {
    let dir = trained_workspace();
    let plain = stance(dir.path(), &["classify", "--format", "csv", SEED]).ok();
    let toward = stance(dir.path(), &["classify", "--format", "csv", "--claim", CLAIM, SEED]).ok();
    let (p, t) = (probabilities(&plain.stdout), probabilities(&toward.stdout));
    assert_eq!(p.len(), t.len());
    assert!(p != t, "the claim changed no probability");
    // The same claim from a table's claim column, or a JSON line's claim field: same records
    // (but the article's name).
    let text = std::fs::read_to_string(repo(SEED)).unwrap();
    let mut w = csv::Writer::from_path(dir.path().join("in.csv")).unwrap();
    w.write_record(["id", "text", "claim"]).unwrap();
    w.write_record(["a", &text, CLAIM]).unwrap();
    w.flush().unwrap();
    let table = stance(
        dir.path(),
        &[
            "classify",
            "--format",
            "csv",
            "--input-format",
            "csv",
            "--id-column",
            "id",
            "in.csv",
        ],
    )
    .ok();
    assert_eq!(probabilities(&table.stdout), t);
    let line = serde_json::json!({"id": "a", "text": text, "claim": CLAIM}).to_string();
    let jsonl = stance_stdin(
        dir.path(),
        &["classify", "--format", "csv", "--input-format", "jsonl", "-"],
        Some(line.as_bytes()),
    )
    .ok();
    assert_eq!(probabilities(&jsonl.stdout), t);
    // A record's own claim wins over --claim.
    let other = stance(
        dir.path(),
        &[
            "classify",
            "--format",
            "csv",
            "--input-format",
            "csv",
            "--claim",
            "Rain fell in Madrid",
            "in.csv",
        ],
    )
    .ok();
    assert_eq!(probabilities(&other.stdout), t);
}

#[test]
fn a_claim_with_no_content_word_is_refused_on_every_command() {
    let dir = trained_workspace();
    for command in ["classify", "report", "sentences", "suggest", "label"] {
        let mut args = vec![command, "--claim", "it is what they said"];
        if matches!(command, "report" | "label") {
            args.extend(["--output", "out"]);
        }
        args.push(SEED);
        let run = stance(dir.path(), &args);
        run.fails(2, "holds no content word");
    }
}

#[test]
fn sentences_and_suggest_carry_the_claim() {
    let dir = trained_workspace();
    let run = stance(dir.path(), &["sentences", "--claim", CLAIM, SEED]).ok();
    let (header, rows) = parse_csv(&run.stdout);
    let c = header.iter().position(|h| h == "claim").expect("a claim column");
    assert!(rows.iter().all(|r| r[c] == CLAIM));
    // Guesses toward the claim differ from plain guesses somewhere.
    let guess = |extra: &[&str]| {
        let mut args = vec!["sentences", "--model", "models/stance.model"];
        args.extend(extra);
        args.push(SEED);
        let (h, rows) = parse_csv(&stance(dir.path(), &args).ok().stdout);
        let p = h.iter().position(|x| x == "probability").unwrap();
        rows.iter().map(|r| r[p].clone()).collect::<Vec<_>>()
    };
    assert_ne!(guess(&[]), guess(&["--claim", CLAIM]));
    let suggest = |extra: &[&str]| {
        let mut args = vec!["suggest", "--count", "5", "--strategy", "margin"];
        args.extend(extra);
        args.push(SEED);
        stance(dir.path(), &args).ok().stdout
    };
    assert_ne!(suggest(&[]), suggest(&["--claim", CLAIM]));
}

#[test]
fn the_report_shows_the_claim_escaped() {
    let dir = trained_workspace();
    let claim = "The <script>alert(1)</script> chips have backdoors & more";
    stance(dir.path(), &["report", "--output", "r.html", "--claim", claim, SEED]).ok();
    let html = std::fs::read_to_string(dir.path().join("r.html")).unwrap();
    assert!(html.contains("The &lt;script&gt;alert(1)&lt;/script&gt; chips have backdoors &amp; more"));
    assert!(!html.contains("<script>alert(1)"));
    stance(dir.path(), &["report", "--output", "plain.html", SEED]).ok();
    let html = std::fs::read_to_string(dir.path().join("plain.html")).unwrap();
    assert!(html.contains("No claim given"));
}

#[test]
fn eval_uses_each_rows_claim() {
    let dir = trained_workspace();
    // The seed rows with their claim column, and the same rows without it.
    let with = repo("labeled/000_d9e5b95a3f51618a.csv");
    let mut r = csv::Reader::from_path(&with).unwrap();
    let header = r.headers().unwrap().clone();
    let keep: Vec<usize> = (0..header.len()).filter(|&i| &header[i] != "claim").collect();
    let mut w = csv::Writer::from_path(dir.path().join("noclaim.csv")).unwrap();
    w.write_record(keep.iter().map(|&i| &header[i])).unwrap();
    for rec in r.records() {
        let rec = rec.unwrap();
        w.write_record(keep.iter().map(|&i| &rec[i])).unwrap();
    }
    w.flush().unwrap();
    let json = |data: &str| -> serde_json::Value {
        let run = stance(dir.path(), &["eval", "--format", "json", "--data", data]).ok();
        serde_json::from_str(&run.stdout).unwrap()
    };
    let a = json(with.to_str().unwrap());
    let b = json("noclaim.csv");
    assert_ne!(a["calibration"], b["calibration"], "the claim column changed nothing");
}

#[test]
fn a_model_trained_without_claim_features_says_the_claim_is_unused() {
    let dir = trained_workspace();
    let mut args = vec!["train", "--model", "plain.model", "--claim-features", "false"];
    args.extend(common::SEED_DATA);
    stance(dir.path(), &args).ok();
    let saved: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(dir.path().join("plain.model")).unwrap()).unwrap();
    assert!(saved.get("claim_head").is_none());
    let run = stance(
        dir.path(),
        &["classify", "--model", "plain.model", "--claim", CLAIM, SEED],
    )
    .ok();
    assert!(
        run.warnings().iter().any(|w| w.contains("trained without claims")),
        "{}",
        run.stderr
    );
    let mut args = vec!["train", "--model", "claim.model"];
    args.extend(common::SEED_DATA);
    stance(dir.path(), &args).ok();
    let saved: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(dir.path().join("claim.model")).unwrap()).unwrap();
    assert!(saved["claim_head"]["weights"].is_array());
}

#[test]
fn table_and_json_files_are_never_read_as_prose() {
    let dir = trained_workspace();
    std::fs::write(dir.path().join("a.csv"), "text\nMexico denied the agreement.\n").unwrap();
    let run = stance(dir.path(), &["classify", "--format", "csv", "a.csv"]).ok();
    let (_, rows) = parse_csv(&run.stdout);
    assert_eq!(rows.len(), 1, "the header line is no sentence: {}", run.stdout);
    assert_eq!(rows[0].last().unwrap(), "Mexico denied the agreement.");
    std::fs::write(dir.path().join("a.jsonl"), "{\"text\": \"Mexico denied it.\"}\n").unwrap();
    let run = stance(dir.path(), &["classify", "--format", "csv", "a.jsonl"]).ok();
    assert_eq!(parse_csv(&run.stdout).1.len(), 1);
    std::fs::write(dir.path().join("a.json"), "{\"text\": \"Mexico denied it.\"}\n").unwrap();
    stance(dir.path(), &["classify", "a.json"]).fails(2, "a.json");
    let run = stance(dir.path(), &["classify", "a.json"]);
    assert!(run.stderr.contains("--input-format"), "{}", run.stderr);
    assert!(run.stdout.is_empty());
}
