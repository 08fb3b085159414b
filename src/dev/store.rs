//! Where `serve`'s renders go: a memory sink that keeps to the site's folders, and the
//! store of every PDF and archive made so far.

use std::collections::BTreeMap;
use std::path::Path;
use std::sync::{Mutex, MutexGuard};

use crate::content::boundary::Boundary;
use crate::output::SharedBytes;
use crate::render::downloads::MANIFEST;
use crate::render::{MemorySink, Sink};
use crate::site::Site;

use super::dev_site::Files;

/// Every PDF and archive made so far: output path → the hash of its inputs and the bytes.
/// Renders take unchanged ones from here, as `build` takes them from the previous output.
#[derive(Debug, Default)]
pub struct PdfStore {
    entries: Mutex<BTreeMap<String, (String, SharedBytes)>>,
}

impl PdfStore {
    fn lock(&self) -> MutexGuard<'_, BTreeMap<String, (String, SharedBytes)>> {
        self.entries.lock().unwrap_or_else(|e| e.into_inner())
    }

    /// Takes in the downloads of `files` that its manifest describes.
    pub fn absorb(&self, files: &Files) {
        let Some(manifest) = files.get(MANIFEST) else {
            return;
        };
        let keys: BTreeMap<String, String> =
            serde_json::from_slice(&manifest.bytes()).unwrap_or_default();
        let mut entries = self.lock();
        for (path, key) in keys {
            let known = entries.get(&path).is_some_and(|(k, _)| *k == key);
            if let (false, Some(bytes)) = (known, files.get(&path)) {
                entries.insert(path, (key, bytes.clone()));
            }
        }
    }

    /// A file as the previous output would hold it; the manifest lists every entry.
    fn previous(&self, path: &str) -> Option<Vec<u8>> {
        let entries = self.lock();
        if path == MANIFEST {
            let keys: BTreeMap<&str, &str> = entries
                .iter()
                .map(|(p, (k, _))| (p.as_str(), k.as_str()))
                .collect();
            return serde_json::to_vec(&keys).ok();
        }
        entries
            .get(path)
            .map(|(_, bytes)| bytes.bytes().into_owned())
    }
}

/// A memory sink that refuses to copy a file whose real path is outside the site (and the
/// folders it allows), so a link in assets/ or content/ cannot make the dev server hand out
/// other files, even one made after the site was loaded.
#[derive(Debug)]
pub(super) struct GuardedSink<'a> {
    pub(super) inner: MemorySink,
    boundary: Boundary,
    pub(super) outside: Mutex<Vec<String>>,
    store: &'a PdfStore,
}

impl<'a> GuardedSink<'a> {
    pub(super) fn new(site: &Site, store: &'a PdfStore) -> GuardedSink<'a> {
        GuardedSink {
            inner: MemorySink::default(),
            boundary: Boundary::new(&site.root, &site.config.build.allow_symlinks_to),
            outside: Mutex::new(Vec::new()),
            store,
        }
    }
}

impl Sink for GuardedSink<'_> {
    fn write(&self, path: &str, bytes: Vec<u8>) -> anyhow::Result<()> {
        if packs(path, &bytes) {
            self.inner.write_shared(path, &SharedBytes::packed(&bytes))
        } else {
            self.inner.write(path, bytes)
        }
    }

    fn write_shared(&self, path: &str, bytes: &SharedBytes) -> anyhow::Result<()> {
        self.inner.write_shared(path, bytes)
    }

    fn copy(&self, path: &str, from: &Path) -> anyhow::Result<()> {
        match std::fs::canonicalize(from) {
            Ok(_) if self.boundary.contains(from) => self.inner.copy(path, from),
            Ok(_) => {
                let mut outside = self.outside.lock().unwrap_or_else(|e| e.into_inner());
                outside.push(path.to_string());
                Ok(())
            }
            Err(e) => Err(anyhow::anyhow!("cannot read {}: {e}", from.display())),
        }
    }

    fn previous(&self, path: &str) -> Option<Vec<u8>> {
        self.store.previous(path)
    }
}

/// Whether `serve` keeps the file packed: pages (most of what it holds; an edit makes a few
/// again), not the search index, which every edit makes again whole and which packing
/// would make later (24 MB at 10,000 pages: 60 ms).
fn packs(path: &str, bytes: &[u8]) -> bool {
    path.ends_with(".html") && bytes.len() >= 1024
}
