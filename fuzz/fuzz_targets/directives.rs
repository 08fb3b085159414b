//! Directive blocks and worksheets: a body's first pass and its HTML in every edition.
#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| circlekit::fuzzing::directives(data));
