//! Labeled CSV loader: rows are well-formed, or the error names the file.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    stance::invariants::csv_file(data);
});
