//! The bundled site, embedded at compile time: what `circlekit init` writes out.

use std::path::Path;

use anyhow::Result;

include!(concat!(env!("OUT_DIR"), "/starter.rs"));

/// Writes the bundled site into `dir`, which must be new or empty. Never overwrites a file.
pub fn write_starter(dir: &Path) -> Result<usize> {
    let files = STARTER
        .iter()
        .map(|(rel, bytes)| (rel.to_string(), &bytes[..]));
    crate::output::write_into_empty(dir, files)
}
