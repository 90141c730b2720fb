pub struct Tokenizer;
pub struct TokenizerConfig;
