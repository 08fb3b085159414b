//! A sink that passes every file on and keeps a fingerprint of its bytes, so the offline
//! cache can be named after the output's content once everything else is written.

use std::collections::BTreeMap;
use std::hash::Hasher;
use std::path::Path;
use std::sync::Mutex;

use anyhow::Result;
use siphasher::sip128::{Hasher128, SipHasher13};

use crate::diagnostic::IoContext;
use crate::output::{SharedBytes, Sink};
use crate::stable_hash;

/// Passes files on to `inner`, remembering each path with a hash and the size of its bytes.
pub struct Recorder<'a> {
    inner: &'a dyn Sink,
    files: Mutex<BTreeMap<String, Recorded>>,
}

/// What the recorder keeps of a file.
#[derive(Debug, Clone, Copy)]
pub struct Recorded {
    /// A 128-bit hash of the bytes (XXH3: the same on every machine).
    pub hash: u128,
    /// The size in bytes.
    pub size: u64,
}

impl<'a> Recorder<'a> {
    /// Wraps `inner`.
    pub fn new(inner: &'a dyn Sink) -> Recorder<'a> {
        Recorder {
            inner,
            files: Mutex::new(BTreeMap::new()),
        }
    }

    /// Wraps `inner`, as if `files` had been written through it already.
    pub fn seeded(inner: &'a dyn Sink, files: BTreeMap<String, Recorded>) -> Recorder<'a> {
        Recorder {
            inner,
            files: Mutex::new(files),
        }
    }

    /// The sink files go to; what is written there directly is not recorded.
    pub fn inner(&self) -> &'a dyn Sink {
        self.inner
    }

    /// Every file written so far, by path.
    pub fn files(&self) -> BTreeMap<String, Recorded> {
        self.files.lock().unwrap_or_else(|e| e.into_inner()).clone()
    }

    fn record(&self, path: &str, bytes: &[u8]) {
        self.record_hashed(path, stable_hash::bytes128(bytes), bytes.len());
    }

    fn record_hashed(&self, path: &str, hash: u128, size: usize) {
        let size = size as u64;
        self.files
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .insert(path.to_string(), Recorded { hash, size });
    }
}

/// A short name for the content of `files` (paths and bytes): 16 hex digits. The files come
/// in path order, so the same output gives the same name whatever order it was written in.
pub fn version(files: &BTreeMap<String, Recorded>) -> String {
    let mut h = SipHasher13::new();
    for (path, file) in files {
        h.write(path.as_bytes());
        h.write_u8(0);
        h.write(&file.hash.to_le_bytes());
    }
    format!("{:016x}", h.finish128().h1)
}

impl Sink for Recorder<'_> {
    fn write(&self, path: &str, bytes: Vec<u8>) -> Result<()> {
        self.record(path, &bytes);
        self.inner.write(path, bytes)
    }

    fn write_shared(&self, path: &str, bytes: &SharedBytes) -> Result<()> {
        // Shared bytes keep their hash: a page reused by `serve` is not hashed again.
        self.record_hashed(path, bytes.hash128(), bytes.len());
        self.inner.write_shared(path, bytes)
    }

    fn copy(&self, path: &str, from: &Path) -> Result<()> {
        // Read once: the bytes that are hashed are the bytes that are written.
        let bytes = std::fs::read(from).io("read", from)?;
        self.record(path, &bytes);
        self.inner.write(path, bytes)
    }

    fn previous(&self, path: &str) -> Option<Vec<u8>> {
        self.inner.previous(path)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::output::MemorySink;

    #[test]
    fn the_version_follows_the_bytes_not_the_order_of_writing() {
        let (a, b) = (MemorySink::default(), MemorySink::default());
        let (ra, rb) = (Recorder::new(&a), Recorder::new(&b));
        ra.write("x.html", b"one".to_vec()).expect("write");
        ra.write("y.css", b"two".to_vec()).expect("write");
        rb.write("y.css", b"two".to_vec()).expect("write");
        rb.write("x.html", b"one".to_vec()).expect("write");
        assert_eq!(version(&ra.files()), version(&rb.files()));
        assert_eq!(version(&ra.files()).len(), 16);
        rb.write("x.html", b"One".to_vec()).expect("write");
        assert_ne!(version(&ra.files()), version(&rb.files()));
        assert_eq!(a.into_files()["x.html"], b"one");
    }
}
