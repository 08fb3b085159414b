//! Where rendered files go: a staging folder on disk for `build`, memory for `serve` and tests.

use std::collections::BTreeMap;
use std::path::Path;
use std::sync::{Arc, Mutex, OnceLock};

use anyhow::Result;

use crate::diagnostic::IoContext;
use crate::stable_hash;

/// A file's bytes shared between renders: a page `serve` reuses is the same allocation in
/// the last render's files and the next one's, never a copy, and its content hash
/// ([`stable_hash::bytes128`]) is taken once for all the renders that share it.
#[derive(Clone)]
pub struct SharedBytes(Arc<Shared>);

struct Shared {
    bytes: Vec<u8>,
    hash: OnceLock<u128>,
}

impl SharedBytes {
    /// Shares `bytes`.
    pub fn new(bytes: Vec<u8>) -> SharedBytes {
        SharedBytes(Arc::new(Shared {
            bytes,
            hash: OnceLock::new(),
        }))
    }

    /// The bytes' [`stable_hash::bytes128`], taken at the first call.
    pub fn hash128(&self) -> u128 {
        *self
            .0
            .hash
            .get_or_init(|| stable_hash::bytes128(&self.0.bytes))
    }

    /// Whether both are the same allocation (then they are equal without a look).
    pub fn same(a: &SharedBytes, b: &SharedBytes) -> bool {
        Arc::ptr_eq(&a.0, &b.0)
    }

    /// The bytes, copied only when they are shared.
    pub fn into_vec(self) -> Vec<u8> {
        Arc::try_unwrap(self.0).map_or_else(|shared| shared.bytes.clone(), |own| own.bytes)
    }
}

impl From<Vec<u8>> for SharedBytes {
    fn from(bytes: Vec<u8>) -> Self {
        SharedBytes::new(bytes)
    }
}

impl std::ops::Deref for SharedBytes {
    type Target = [u8];
    fn deref(&self) -> &[u8] {
        &self.0.bytes
    }
}

impl PartialEq for SharedBytes {
    fn eq(&self, other: &Self) -> bool {
        SharedBytes::same(self, other) || self.0.bytes == other.0.bytes
    }
}

impl Eq for SharedBytes {}

impl std::fmt::Debug for SharedBytes {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{:?}", String::from_utf8_lossy(&self.0.bytes))
    }
}

/// A site held in memory: output path → bytes.
pub type MemoryFiles = BTreeMap<String, SharedBytes>;

/// Where rendered files go: a staging folder on disk for `build`, memory for `serve` and tests.
pub trait Sink: Sync {
    /// Stores a generated file at a site-relative path (`/`-separated).
    fn write(&self, path: &str, bytes: Vec<u8>) -> Result<()>;
    /// Stores a file made by an earlier render (a page `serve` reuses). Default: a copy of
    /// the bytes through [`Sink::write`]; a sink in memory keeps the shared bytes.
    fn write_shared(&self, path: &str, bytes: &SharedBytes) -> Result<()> {
        self.write(path, bytes.to_vec())
    }
    /// Stores a copy of a file from disk at a site-relative path.
    fn copy(&self, path: &str, from: &Path) -> Result<()>;
    /// The file at `path` in the previous output, if the sink knows one (for caches such as
    /// the PDF cache). Default: none.
    fn previous(&self, _path: &str) -> Option<Vec<u8>> {
        None
    }
}

/// A site held in memory: path → bytes.
#[derive(Debug, Default)]
pub struct MemorySink {
    files: Mutex<MemoryFiles>,
}

impl MemorySink {
    /// The files written so far.
    pub fn into_files(self) -> BTreeMap<String, Vec<u8>> {
        self.into_shared()
            .into_iter()
            .map(|(path, bytes)| (path, bytes.into_vec()))
            .collect()
    }

    /// The files written so far, as shared bytes (what was written shared stays shared).
    pub fn into_shared(self) -> MemoryFiles {
        self.files.into_inner().unwrap_or_else(|e| e.into_inner())
    }

    fn insert(&self, path: &str, bytes: SharedBytes) {
        self.files
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .insert(path.to_string(), bytes);
    }
}

impl Sink for MemorySink {
    fn write(&self, path: &str, bytes: Vec<u8>) -> Result<()> {
        self.insert(path, SharedBytes::new(bytes));
        Ok(())
    }

    fn write_shared(&self, path: &str, bytes: &SharedBytes) -> Result<()> {
        self.insert(path, bytes.clone());
        Ok(())
    }

    fn copy(&self, path: &str, from: &Path) -> Result<()> {
        let bytes = std::fs::read(from).io("read", from)?;
        self.write(path, bytes)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn shared_bytes_stay_shared_in_memory() {
        let sink = MemorySink::default();
        let page = SharedBytes::new(b"<p>same</p>".to_vec());
        sink.write_shared("a.html", &page).expect("write");
        sink.write("b.html", b"new".to_vec()).expect("write");
        let files = sink.into_shared();
        assert!(
            SharedBytes::same(&files["a.html"], &page),
            "no copy of a reused page"
        );
        assert_eq!(&*files["b.html"], b"new");
        assert_eq!(page.hash128(), stable_hash::bytes128(b"<p>same</p>"));
    }
}
