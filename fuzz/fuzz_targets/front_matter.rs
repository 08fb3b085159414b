//! YAML front matter: split off a page, parsed as a week guide's and a page's.
#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| circlekit::fuzzing::front_matter(data));
