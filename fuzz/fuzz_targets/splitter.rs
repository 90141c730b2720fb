//! Sentence splitter: spans are trimmed, non-empty, in order without overlap, and only white
//! space lies between and around them.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    if let Ok(text) = std::str::from_utf8(data) {
        stance::invariants::sentences(text);
    }
});
