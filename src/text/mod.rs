//! Text stage: an article becomes sentences ([`sentences`]), a sentence becomes tokens
//! ([`tokens`]). Nothing here knows about features or labels.

pub mod sentences;
pub mod tokens;

pub use sentences::{split_sentences, Sentence};
pub use tokens::{Tokenizer, TokenizerConfig};
