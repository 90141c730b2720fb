//! Model loader: a model file either loads and classifies (finite probabilities summing to 1)
//! or is refused with an error naming the file.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    stance::invariants::model_file(data);
});
