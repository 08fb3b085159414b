//! The PDF cache: a PDF whose inputs did not change is taken from the previous output.
//!
//! `build` writes nothing outside the output folder, so the cache lives inside it: the
//! manifest `downloads/.pdf-manifest.json` records, for every PDF, a hash of everything
//! that went into it (its Typst source, the embedded files, its date, the template, the
//! fonts, the circlekit version). The next build computes the same hash first; when it matches and the
//! previous output still holds the file, that file is reused (the staging folder hard-links
//! it, like every unchanged file) instead of typesetting it again. A failed build keeps the
//! previous output, so the cache survives it; deleting the output folder empties it.

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

/// Hashes what every PDF of a build shares: circlekit's version, the template, the fonts.
pub fn common_key(template: &str, fonts: &super::fonts::ThemeFonts) -> u64 {
    let mut h = stable_hash::hasher();
    env!("CARGO_PKG_VERSION").hash(&mut h);
    template.hash(&mut h);
    fonts.fingerprint(&mut h);
    h.finish()
}

/// The hash of one PDF's inputs (its source, files and date, in seconds since 1970), as 32
/// hex digits (two 64-bit hashes of the same input).
pub fn key(common: u64, source: &str, files: &[(String, Vec<u8>)], date: Option<i64>) -> String {
    let mut out = String::with_capacity(32);
    for salt in [0u8, 1] {
        let mut h = stable_hash::hasher();
        salt.hash(&mut h);
        common.hash(&mut h);
        source.hash(&mut h);
        files.hash(&mut h);
        date.hash(&mut h);
        out.push_str(&format!("{:016x}", h.finish()));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn manifest_round_trips_and_ignores_garbage() {
        let mut m = Manifest::default();
        m.insert("downloads/en/faq.pdf", key(1, "src", &[], None));
        assert_eq!(Manifest::parse(&m.to_json()), m);
        assert_eq!(Manifest::parse(b"not json"), Manifest::default());
    }

    #[test]
    fn key_changes_with_any_input() {
        let k = key(1, "a", &[], None);
        assert_eq!(k.len(), 32);
        assert_ne!(k, key(2, "a", &[], None));
        assert_ne!(k, key(1, "b", &[], None));
        assert_ne!(k, key(1, "a", &[("/x".into(), vec![1])], None));
        assert_ne!(k, key(1, "a", &[], Some(0)));
        assert_ne!(key(1, "a", &[], Some(1)), key(1, "a", &[], Some(2)));
    }
}
