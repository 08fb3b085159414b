//! Where rendered files go: a staging folder on disk for `build`, memory for `serve` and tests.

use std::collections::BTreeMap;
use std::path::Path;
use std::sync::Mutex;

use anyhow::Result;

use crate::diagnostic::IoContext;

/// Where rendered files go: a staging folder on disk for `build`, memory for `serve` and tests.
pub trait Sink: Sync {
    /// Stores a generated file at a site-relative path (`/`-separated).
    fn write(&self, path: &str, bytes: Vec<u8>) -> Result<()>;
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
    files: Mutex<BTreeMap<String, Vec<u8>>>,
}

impl MemorySink {
    /// The files written so far.
    pub fn into_files(self) -> BTreeMap<String, Vec<u8>> {
        self.files.into_inner().unwrap_or_else(|e| e.into_inner())
    }
}

impl Sink for MemorySink {
    fn write(&self, path: &str, bytes: Vec<u8>) -> Result<()> {
        self.files
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .insert(path.to_string(), bytes);
        Ok(())
    }

    fn copy(&self, path: &str, from: &Path) -> Result<()> {
        let bytes = std::fs::read(from).io("read", from)?;
        self.write(path, bytes)
    }
}
