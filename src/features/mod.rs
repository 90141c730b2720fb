//! Features stage: tokens become a sparse, L2-normalized TF-IDF row over a vocabulary of word
//! n-grams learned from the training sentences; with a claim, [`claim`] features that relate
//! the sentence to it follow.

pub mod claim;
mod tfidf;
mod vocabulary;

pub use claim::{claim_tokenizer, Claim, Claims, CLAIM_FEATURES, N_CLAIM_FEATURES};
pub use tfidf::{normalize_l2, term_frequency, FeatureConfig, SparseRow, Tfidf};
pub use vocabulary::Vocabulary;

/// Calls `emit` with every n-gram of `tokens` for n in `min..=max`, n-grams joined by one space,
/// shorter n-grams first.
pub fn for_each_ngram(tokens: &[String], min: usize, max: usize, mut emit: impl FnMut(&str)) {
    let mut buf = String::new();
    for n in min..=max {
        if n == 1 {
            tokens.iter().for_each(|t| emit(t));
            continue;
        }
        for window in tokens.windows(n) {
            buf.clear();
            for (i, t) in window.iter().enumerate() {
                if i > 0 {
                    buf.push(' ');
                }
                buf.push_str(t);
            }
            emit(&buf);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ngrams_in_order() {
        let toks: Vec<String> = ["no", "new", "deal"].iter().map(|s| s.to_string()).collect();
        let cases: &[(usize, usize, &[&str])] = &[
            (1, 1, &["no", "new", "deal"]),
            (1, 2, &["no", "new", "deal", "no new", "new deal"]),
            (2, 3, &["no new", "new deal", "no new deal"]),
            (4, 4, &[]),
        ];
        for (min, max, expected) in cases {
            let mut got = Vec::new();
            for_each_ngram(&toks, *min, *max, |t| got.push(t.to_string()));
            assert_eq!(got, *expected, "{min}..={max}");
        }
    }
}
