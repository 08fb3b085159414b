//! Markdown → HTML with link rewriting: a page of the bundled program, checked and rendered.
#![no_main]

use std::path::Path;
use std::sync::{LazyLock, Mutex};

use circlekit::Site;

/// The bundled program (the repository's own site), loaded once.
static SITE: LazyLock<Mutex<Site>> = LazyLock::new(|| {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("..");
    Mutex::new(circlekit::fuzzing::site(&root))
});

libfuzzer_sys::fuzz_target!(|data: &[u8]| {
    let mut site = SITE.lock().unwrap_or_else(|e| e.into_inner());
    circlekit::fuzzing::markdown(&mut site, data);
});
