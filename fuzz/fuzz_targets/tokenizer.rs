//! Tokenizer: tokens are non-empty and hold no white space, with every setting.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    if let Ok(text) = std::str::from_utf8(data) {
        stance::invariants::tokens(text);
    }
});
