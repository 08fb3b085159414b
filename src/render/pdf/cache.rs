//! The PDF cache keys, and the manifest of the output folder.
//!
//! Every PDF and Circle Kit archive has a key: a stable hash of everything that shapes its
//! bytes (its output path, Typst source, embedded files such as images, its date in
//! seconds since 1970, the template, the fonts it may use — the built-in ones by version
//! and size, the theme's by content, the machine's by path, size and modification time —
//! and circlekit's version). Two places keep files by that key:
//!
//! - the manifest `downloads/.pdf-manifest.json` in the output records the key of every
//!   file; when the next build computes the same key and the previous output still holds
//!   the file, it is reused (the staging folder hard-links it, like every unchanged file);
//! - the cache folder ([`crate::cache`], outside the output) holds them by key, so a build
//!   into a brand-new output folder takes them from there instead of typesetting them again.

use std::collections::BTreeMap;
use std::hash::{Hash, Hasher};

use crate::stable_hash;

pub use crate::render::downloads::MANIFEST;

/// Output path of each PDF → the hash of its inputs.
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub struct Manifest {
    entries: BTreeMap<String, String>,
}

impl Manifest {
    /// Reads a manifest; anything unreadable is an empty cache, never an error.
    pub fn parse(bytes: &[u8]) -> Manifest {
        let entries = serde_json::from_slice::<BTreeMap<String, String>>(bytes).unwrap_or_default();
        Manifest { entries }
    }

    /// The manifest as JSON, one PDF per line, sorted.
    pub fn to_json(&self) -> Vec<u8> {
        let mut out = serde_json::to_string_pretty(&self.entries).unwrap_or_else(|_| "{}".into());
        out.push('\n');
        out.into_bytes()
    }

    /// The recorded hash of a PDF.
    pub fn get(&self, path: &str) -> Option<&str> {
        self.entries.get(path).map(String::as_str)
    }

    /// Records the hash of a PDF.
    pub fn insert(&mut self, path: &str, key: String) {
        self.entries.insert(path.to_string(), key);
    }
}

/// What makes the bytes besides the inputs: circlekit's version, and the versions of the
/// typesetter and of the archive writer. Change it when the same inputs would give other
/// bytes (new options for Typst's PDF writer, a new layout of the Circle Kit archive).
const PIPELINE: &str = concat!(
    "circlekit ",
    env!("CARGO_PKG_VERSION"),
    "; typst 0.15; typst-pdf 0.15; zip 9; keys 2"
);

/// Hashes what every PDF of a build shares: the template and the fonts.
pub fn common_key(template: &str, fonts: &super::fonts::ThemeFonts) -> u64 {
    let mut h = stable_hash::hasher();
    template.hash(&mut h);
    fonts.fingerprint(&mut h);
    h.finish()
}

/// The hash of one file's inputs (the shared `common` key, its output path, which PDFs
/// carry as their identifier, its source, files and date in seconds since 1970) as 32 hex
/// digits (two 64-bit hashes of the same input).
pub fn key(
    common: u64,
    path: &str,
    source: &str,
    files: &[(String, Vec<u8>)],
    date: Option<i64>,
) -> String {
    let mut out = String::with_capacity(32);
    for salt in [0u8, 1] {
        let mut h = stable_hash::hasher();
        salt.hash(&mut h);
        PIPELINE.hash(&mut h);
        common.hash(&mut h);
        path.hash(&mut h);
        source.hash(&mut h);
        files.hash(&mut h);
        date.hash(&mut h);
        out.push_str(&format!("{:016x}", h.finish()));
    }
    out
}

/// Where a PDF that was not typeset came from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Origin {
    /// The previous output, whose manifest records the same key.
    Previous,
    /// The cache folder.
    Cache,
}

/// The file (`ext`: `pdf`, `zip`) at `path` with inputs `key`, from the previous output
/// or else the cache folder.
pub fn find(
    previous: &Manifest,
    sink: &dyn crate::output::Sink,
    disk: Option<&crate::cache::DiskCache>,
    path: &str,
    key: &str,
    ext: &str,
) -> Option<(Vec<u8>, Origin)> {
    let earlier = (previous.get(path) == Some(key))
        .then(|| sink.previous(path))
        .flatten();
    match earlier {
        Some(bytes) => Some((bytes, Origin::Previous)),
        None => Some((disk?.get(key, ext)?, Origin::Cache)),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn manifest_round_trips_and_ignores_garbage() {
        let mut m = Manifest::default();
        m.insert("downloads/en/faq.pdf", key(1, "a.pdf", "src", &[], None));
        assert_eq!(Manifest::parse(&m.to_json()), m);
        assert_eq!(Manifest::parse(b"not json"), Manifest::default());
    }

    #[test]
    fn key_changes_with_any_input() {
        let k = key(1, "a.pdf", "a", &[], None);
        assert_eq!(k.len(), 32);
        assert_eq!(k, key(1, "a.pdf", "a", &[], None));
        assert_ne!(k, key(2, "a.pdf", "a", &[], None));
        assert_ne!(k, key(1, "b.pdf", "a", &[], None));
        assert_ne!(k, key(1, "a.pdf", "b", &[], None));
        assert_ne!(k, key(1, "a.pdf", "a", &[("/x".into(), vec![1])], None));
        assert_ne!(
            key(1, "a.pdf", "a", &[("/x".into(), vec![1])], None),
            key(1, "a.pdf", "a", &[("/x".into(), vec![2])], None)
        );
        assert_ne!(k, key(1, "a.pdf", "a", &[], Some(0)));
        assert_ne!(
            key(1, "a.pdf", "a", &[], Some(1)),
            key(1, "a.pdf", "a", &[], Some(2))
        );
    }
}
