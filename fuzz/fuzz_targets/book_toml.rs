//! book.toml: parsed, validated, and read per language.
#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| circlekit::fuzzing::book_toml(data));
