//! Invariants of the input-facing stages, checked on arbitrary input by the property tests
//! (`tests/properties.rs`) and the fuzz targets (`fuzz/`). Each function panics, naming the
//! broken invariant, when one does not hold; it never panics otherwise.

use std::path::Path;

use crate::labeled::{normalize_label, LabeledSet};
use crate::model::{FastScorer, SavedModel, StanceModel, TokenCache};
use crate::text::{split_sentences, Tokenizer, TokenizerConfig};

/// Sentence spans: indices count from 0; each span is the trimmed, non-empty text
/// `&text[start..end]`; spans increase without overlap; only white space lies between them and
/// around them.
pub fn sentences(text: &str) {
    let mut prev_end = 0;
    for (i, s) in split_sentences(text).iter().enumerate() {
        assert_eq!(s.index, i, "index");
        assert!(
            s.start >= prev_end && s.start < s.end,
            "span {}..{} after {prev_end}",
            s.start,
            s.end
        );
        assert_eq!(&text[s.start..s.end], s.text, "span text");
        assert_eq!(s.text.trim(), s.text, "sentence not trimmed: {:?}", s.text);
        let gap = &text[prev_end..s.start];
        assert!(
            gap.trim().is_empty(),
            "non-space text {gap:?} skipped before sentence {i}"
        );
        prev_end = s.end;
    }
    let tail = &text[prev_end..];
    assert!(tail.trim().is_empty(), "non-space text {tail:?} skipped at the end");
}

/// Tokens, with the default settings, all off, all on, and all on but stemming: none is empty
/// or holds white space.
pub fn tokens(text: &str) {
    let all = |on: bool| TokenizerConfig {
        stem: on,
        stop_words: on,
        negation_scope: on,
        punctuation: on,
        cue_words: on,
        extended_cues: on,
        attribution: on,
    };
    let configs = [
        TokenizerConfig::default(),
        all(false),
        all(true),
        TokenizerConfig {
            stem: false,
            ..all(true)
        },
    ];
    for config in configs {
        let tokenizer = Tokenizer::new(config.clone());
        for t in tokenizer.tokens(text) {
            assert!(!t.is_empty(), "empty token from {text:?} ({config:?})");
            assert!(!t.contains(char::is_whitespace), "token {t:?} holds white space");
        }
    }
}

/// A labeled CSV file: either every row has a normalized non-empty label, a text that is not
/// blank and a line after the header, lines increasing; or the error names the file, and the
/// set is left unchanged.
pub fn csv_file(bytes: &[u8]) {
    let path = Path::new("fuzz.csv");
    let mut set = LabeledSet::default();
    match set.add_csv(bytes, path, None) {
        Ok(()) => {
            assert_eq!(set.files.len(), 1);
            assert!(!set.rows.is_empty(), "accepted a file without rows");
            let mut prev_line = 1;
            for r in &set.rows {
                assert!(
                    !r.label.is_empty() && normalize_label(&r.label) == r.label,
                    "label {:?}",
                    r.label
                );
                assert!(!r.text.trim().is_empty(), "blank text at line {}", r.line);
                assert!(r.line > prev_line, "line {} after {prev_line}", r.line);
                prev_line = r.line;
            }
        }
        Err(e) => {
            assert!(e.to_string().contains("fuzz.csv"), "error does not name the file: {e}");
            assert!(
                set.files.is_empty() && set.rows.is_empty(),
                "failed read left rows behind"
            );
        }
    }
}

/// A model file: either it loads, and then classifies any sentence with one finite probability
/// per label summing to 1, the same as its compiled [`FastScorer`] (which `classify` uses), and
/// saves back to the same form; or the error names the file.
pub fn model_file(bytes: &[u8]) {
    let path = Path::new("fuzz.model");
    let loaded = SavedModel::from_bytes(bytes, path).and_then(|saved| {
        let again = saved.clone();
        StanceModel::from_saved(saved, path).map(|m| (m, again))
    });
    match loaded {
        Ok((model, saved)) => {
            assert_eq!(model.to_saved(), saved, "the model does not save back to what was read");
            let known = saved.vocabulary.first().cloned().unwrap_or_default();
            let fast = FastScorer::new(&model);
            let mut cache = TokenCache::new();
            for sentence in ["", "No agreement was reached.", "The DEA announced it.", known.as_str()] {
                let p = model.predict(sentence);
                assert_eq!(
                    fast.predict(sentence, &mut cache),
                    p,
                    "the fast scorer disagrees on {sentence:?}"
                );
                assert_eq!(p.probabilities.len(), model.labels().len());
                assert!(p.label < model.labels().len());
                assert!(
                    p.probabilities.iter().all(|x| x.is_finite() && *x >= 0.0),
                    "{:?}",
                    p.probabilities
                );
                let sum: f64 = p.probabilities.iter().sum();
                assert!((sum - 1.0).abs() < 1e-9, "probabilities sum to {sum}");
            }
        }
        Err(e) => assert!(
            e.to_string().contains("fuzz.model"),
            "error does not name the file: {e}"
        ),
    }
}
