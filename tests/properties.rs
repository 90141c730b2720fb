//! Property tests of the input-facing stages (the same invariants as the fuzz targets in
//! `fuzz/`, see `stance::invariants`). Each property runs proptest's default 256 cases, a few
//! seconds in all; for a long run set `PROPTEST_CASES`:
//!
//! ```sh
//! PROPTEST_CASES=100000 cargo test --release --test properties
//! ```

use std::path::Path;
use std::sync::OnceLock;

use proptest::prelude::*;
use stance::invariants;
use stance::labeled::LabeledSet;
use stance::model::train::train;
use stance::model::{StanceModel, TrainParams};

/// Text made of the characters the splitter and tokenizer treat specially, mixed with any.
fn newsy_text() -> impl Strategy<Value = String> {
    prop_oneof![
        "[A-Za-z0-9 .!?…\"'“”‘’«»()\\[\\]\n\r\t\u{a0}\u{2028}-]{0,120}",
        "([A-Z][a-z]{0,6}|U\\.S\\.|Mr\\.|F\\.|3\\.5|n't|'s|“|”|\\.\\.\\.|[ \n\r\t]+|[.!?]|İ|ß|ﬁ){0,40}",
        any::<String>(),
    ]
}

/// CSV-like bytes: a header (sometimes with a byte-order mark) and rows built from the
/// characters that matter to CSV, or any bytes.
fn csv_bytes() -> impl Strategy<Value = Vec<u8>> {
    let row = "[a-zA-Z ,\"\r\n\t\u{feff}é]{0,40}";
    prop_oneof![
        (
            any::<bool>(),
            prop_oneof![
                Just("doc,sentence,label,text"),
                Just("label,text"),
                Just("text"),
                Just("\"label\",\"text\",note")
            ],
            proptest::collection::vec(row, 0..8),
        )
            .prop_map(|(bom, header, rows)| {
                let mut s = if bom { "\u{feff}".to_string() } else { String::new() };
                s.push_str(header);
                for r in rows {
                    s.push('\n');
                    s.push_str(&r);
                }
                s.into_bytes()
            }),
        proptest::collection::vec(any::<u8>(), 0..200),
    ]
}

/// A small model's file, trained once.
fn model_bytes() -> &'static [u8] {
    static BYTES: OnceLock<Vec<u8>> = OnceLock::new();
    BYTES.get_or_init(|| {
        let csv = "label,text\ndenial,No deal was made.\nassertion,The DEA announced Project Portero.\n\
                   background,The DEA has worked in Mexico for years.\n";
        let mut set = LabeledSet::default();
        set.add_csv(csv.as_bytes(), Path::new("tiny.csv"), None).unwrap();
        let params = TrainParams::default().validate().unwrap();
        let (model, _) = train(&set, &params).unwrap();
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("tiny.model");
        model.save(&path).unwrap();
        StanceModel::load(&path).unwrap();
        std::fs::read(&path).unwrap()
    })
}

/// Ways to damage a model file.
#[derive(Debug, Clone)]
enum Damage {
    Truncate(usize),
    SetByte(usize, u8),
    Splice(usize, String),
    /// Replace the n-th number by a value.
    Number(usize, f64),
}

fn damage() -> impl Strategy<Value = Damage> {
    prop_oneof![
        any::<usize>().prop_map(Damage::Truncate),
        (any::<usize>(), any::<u8>()).prop_map(|(i, b)| Damage::SetByte(i, b)),
        (
            any::<usize>(),
            "[\\[\\]{}\",:0-9eE.+-]{1,4}|null|true|\"format_version\":2|-1e400|1e308"
        )
            .prop_map(|(i, s)| Damage::Splice(i, s)),
        (
            any::<usize>(),
            prop_oneof![
                any::<f64>(),
                Just(1e300),
                Just(-1e300),
                Just(1e12),
                Just(0.0),
                Just(-0.0)
            ]
        )
            .prop_map(|(i, x)| Damage::Number(i, x)),
    ]
}

fn apply(bytes: &[u8], d: &Damage) -> Vec<u8> {
    let mut b = bytes.to_vec();
    match d {
        Damage::Truncate(i) => b.truncate(i % (b.len() + 1)),
        Damage::SetByte(i, x) => {
            let n = b.len();
            if n > 0 {
                b[i % n] = *x;
            }
        }
        Damage::Splice(i, s) => {
            let at = i % (b.len() + 1);
            b.splice(at..at, s.bytes());
        }
        Damage::Number(i, x) => {
            // The n-th run of digits (a JSON number or part of one) becomes `x`.
            let Ok(text) = String::from_utf8(b.clone()) else {
                return b;
            };
            let runs: Vec<(usize, usize)> = number_runs(&text);
            if runs.is_empty() {
                return b;
            }
            let (s, e) = runs[i % runs.len()];
            let x = if x.is_finite() {
                format!("{x:e}")
            } else {
                "1e999".into()
            };
            return format!("{}{x}{}", &text[..s], &text[e..]).into_bytes();
        }
    }
    b
}

/// Byte spans of JSON-number-looking runs in `text`.
fn number_runs(text: &str) -> Vec<(usize, usize)> {
    let bytes = text.as_bytes();
    let mut runs = Vec::new();
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'-' || bytes[i].is_ascii_digit() {
            let start = i;
            i += 1;
            while i < bytes.len() && matches!(bytes[i], b'0'..=b'9' | b'.' | b'e' | b'E' | b'+' | b'-') {
                i += 1;
            }
            runs.push((start, i));
        } else {
            i += 1;
        }
    }
    runs
}

proptest! {
    #[test]
    fn sentence_spans_cover_the_text(text in newsy_text()) {
        invariants::sentences(&text);
    }

    #[test]
    fn tokens_are_never_empty(text in newsy_text()) {
        invariants::tokens(&text);
    }

    #[test]
    fn csv_rows_are_well_formed_or_the_file_is_named(bytes in csv_bytes()) {
        invariants::csv_file(&bytes);
    }

    #[test]
    fn a_damaged_model_classifies_or_is_refused(damages in proptest::collection::vec(damage(), 1..4)) {
        let mut bytes = model_bytes().to_vec();
        for d in &damages {
            bytes = apply(&bytes, d);
        }
        invariants::model_file(&bytes);
    }
}

#[test]
fn the_undamaged_model_classifies() {
    invariants::model_file(model_bytes());
}

/// Every fuzz seed, including each input that once broke an invariant (`regression-*`), is
/// replayed here so that CI checks them without `cargo fuzz`.
#[test]
fn fuzz_seeds_hold_the_invariants() {
    let seeds = Path::new(env!("CARGO_MANIFEST_DIR")).join("fuzz/seeds");
    let mut n = 0;
    for (target, check) in [
        (
            "splitter",
            (|b: &[u8]| invariants::sentences(std::str::from_utf8(b).unwrap())) as fn(&[u8]),
        ),
        ("tokenizer", |b| invariants::tokens(std::str::from_utf8(b).unwrap())),
        ("csv_loader", invariants::csv_file),
        ("model_loader", invariants::model_file),
    ] {
        for entry in std::fs::read_dir(seeds.join(target)).unwrap() {
            check(&std::fs::read(entry.unwrap().path()).unwrap());
            n += 1;
        }
    }
    assert!(n >= 10, "{n} seeds");
}
