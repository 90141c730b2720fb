//! False alarms of the language check on English text, at several letter thresholds.
//!
//! ```sh
//! cargo bench --bench language -- --shared ../shared
//! ```
//!
//! Every text here is English, so every verdict of another language is a false alarm. Texts:
//! the seed articles in `labeled/articles/` whole, each of their lines (titles and paragraphs)
//! and each labeled sentence alone; with `SHARED/datasets/emergent/` (train and test), every
//! headline alone, every headline followed by its claim, and every two headlines of one claim
//! joined. For each minimum letter count it prints how many texts were judged and how many of
//! those were called another language (and which). When SHARED is missing it says so and
//! reports the rest. Nothing is timed.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use stance::labeled::LabeledSet;
use stance::text::LanguageCheck;

const THRESHOLDS: &[usize] = &[0, 50, 100, 150, 200];

fn main() {
    let mut shared = PathBuf::from("../shared");
    let mut args = std::env::args().skip(1);
    while let Some(a) = args.next() {
        if a == "--shared" {
            shared = args.next().map(PathBuf::from).expect("--shared PATH");
        }
    }
    let repo = Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut sets: Vec<(String, Vec<String>)> = Vec::new();
    let mut articles = Vec::new();
    let mut lines = Vec::new();
    let mut entries: Vec<PathBuf> = std::fs::read_dir(repo.join("labeled/articles"))
        .expect("labeled/articles")
        .map(|e| e.unwrap().path())
        .collect();
    entries.sort();
    for p in entries {
        let text = std::fs::read_to_string(&p).unwrap();
        lines.extend(text.lines().filter(|l| !l.trim().is_empty()).map(str::to_owned));
        articles.push(text);
    }
    let labeled = LabeledSet::read(&[repo.join("labeled")], None).expect("labeled/");
    sets.push(("seed articles".into(), articles));
    sets.push(("seed lines".into(), lines));
    sets.push((
        "labeled sentences".into(),
        labeled.rows.iter().map(|r| r.text.clone()).collect(),
    ));
    let emergent = shared.join("datasets/emergent");
    if emergent.is_dir() {
        let mut headlines = Vec::new();
        let mut with_claim = Vec::new();
        let mut by_claim: BTreeMap<String, Vec<String>> = BTreeMap::new();
        for f in ["train.csv", "test.csv"] {
            let mut reader = csv::Reader::from_path(emergent.join(f)).expect("emergent csv");
            for r in reader.records() {
                let r = r.unwrap();
                let (text, claim) = (r[3].to_string(), r[4].to_string());
                with_claim.push(format!("{text}. {claim}."));
                by_claim.entry(claim).or_default().push(text.clone());
                headlines.push(text);
            }
        }
        let pairs = by_claim
            .values()
            .flat_map(|h| {
                h.chunks(2)
                    .filter(|c| c.len() == 2)
                    .map(|c| format!("{}. {}.", c[0], c[1]))
            })
            .collect();
        sets.push(("Emergent headlines".into(), headlines));
        sets.push(("Emergent headline + claim".into(), with_claim));
        sets.push(("Emergent two headlines".into(), pairs));
    } else {
        println!("{}: missing; Emergent texts skipped", emergent.display());
    }
    let english = LanguageCheck::new("english").unwrap();
    println!(
        "| texts | n | {} |",
        THRESHOLDS
            .iter()
            .map(|t| format!("min {t} letters: judged / false alarms"))
            .collect::<Vec<_>>()
            .join(" | ")
    );
    println!("|---|---:|{}", "---:|".repeat(THRESHOLDS.len()));
    for (name, texts) in &sets {
        let mut cells = Vec::new();
        for &t in THRESHOLDS {
            let check = english.with_min_letters(t);
            let judged = texts
                .iter()
                .filter(|s| s.chars().filter(|c| c.is_alphabetic()).count() >= t)
                .count();
            let mut found: BTreeMap<&str, usize> = BTreeMap::new();
            for s in texts {
                if let Some(l) = check.other_language(s) {
                    *found.entry(l).or_default() += 1;
                }
            }
            let alarms: usize = found.values().sum();
            let which = found
                .iter()
                .map(|(l, n)| format!("{l} {n}"))
                .collect::<Vec<_>>()
                .join(", ");
            cells.push(if which.is_empty() {
                format!("{judged} / 0")
            } else {
                format!("{judged} / {alarms} ({which})")
            });
        }
        println!("| {name} | {} | {} |", texts.len(), cells.join(" | "));
    }
}
