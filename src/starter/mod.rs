//! What `circlekit init` writes: a small program of your own ([`blank`]), or the bundled
//! sample program, embedded at compile time (`init --example`).

pub mod blank;
pub mod words;

use crate::diagnostic::IoContext;
use std::path::Path;

use anyhow::Result;

pub use blank::Blank;

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

/// Whether the built-in theme has UI strings (menus, buttons) in `lang`.
pub fn has_ui_strings(lang: &str) -> bool {
    crate::render::strings::builtin_for(lang).is_some()
}

/// The English UI strings as a file for `lang`, to translate: what a new program in a
/// language without built-in strings gets, so its pages have every string from the start.
pub fn ui_strings_to_translate(lang: &str) -> String {
    let english = crate::render::strings::BUILTIN
        .iter()
        .find(|(code, _)| *code == "en")
        .map_or("", |(_, text)| *text);
    let mut out = format!(
        "# UI strings for `{lang}`, copied from English by `circlekit init`: translate the values.\n"
    );
    let categories = crate::plural::categories(lang);
    for line in english.lines().filter(|l| !l.starts_with('#')) {
        let counted = crate::plural::COUNTED
            .iter()
            .find(|c| line.starts_with(&format!("{c}.")));
        if line.starts_with("language_name") {
            out.push_str(&format!("language_name = \"{lang}\"\n"));
        } else if let Some(c) = counted {
            // One line per plural category of the language, from the English `other`.
            if let Some(text) = line.strip_prefix(&format!("{c}.other = ")) {
                for cat in &categories {
                    out.push_str(&format!("{c}.{cat} = {text}\n"));
                }
            }
        } else {
            out.push_str(line);
            out.push('\n');
        }
    }
    out
}
