//! What `circlekit init` writes: a small program of your own ([`blank`]), or the bundled
//! sample program, embedded at compile time (`init --example`).

pub mod blank;
mod ui_strings;
pub mod words;

use crate::diagnostic::IoContext;
use std::path::Path;

use anyhow::Result;

pub use blank::Blank;
pub use ui_strings::{has_ui_strings, ui_strings_to_translate};

include!(concat!(env!("OUT_DIR"), "/starter.rs"));

/// Writes the bundled sample program into `dir`, which must be new or empty. Never
/// overwrites a file. Returns how many files were written.
pub fn write_example(dir: &Path) -> Result<usize> {
    let files = STARTER
        .iter()
        .map(|(rel, bytes)| (rel.to_string(), &bytes[..]));
    let mut n = crate::output::write_into_empty(dir, files)?;
    n += write_new(dir, ".gitignore", blank::GITIGNORE.as_bytes())?;
    Ok(n)
}

/// Writes a new program into `dir`, which must be new or empty. Never overwrites a file.
/// Returns how many files were written.
pub fn write_blank(dir: &Path, blank: &Blank) -> Result<usize> {
    let files = blank::files(blank);
    crate::output::write_into_empty(
        dir,
        files
            .iter()
            .map(|(rel, text)| (rel.clone(), text.as_bytes())),
    )
}

fn write_new(dir: &Path, rel: &str, bytes: &[u8]) -> Result<usize> {
    let path = dir.join(rel);
    let mut f = std::fs::OpenOptions::new()
        .write(true)
        .create_new(true)
        .open(&path)
        .io("create", &path)?;
    std::io::Write::write_all(&mut f, bytes).io("write", &path)?;
    Ok(1)
}
