//! The dev server's answer to a request target, from an in-memory site.
#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| circlekit::fuzzing::request_path(data));
