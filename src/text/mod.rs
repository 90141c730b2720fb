//! Text stage: an article becomes sentences ([`sentences`]), a sentence becomes tokens
//! ([`tokens`]); [`language`] tells whether an article is in the model's language. Nothing
//! here knows about features or labels.

pub mod language;
pub mod sentences;
pub mod tokens;

pub use language::LanguageCheck;
pub use sentences::{split_sentences, Sentence};
pub use tokens::{Tokenizer, TokenizerConfig};
