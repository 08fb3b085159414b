//! Where rendered files go: a staging folder on disk for `build`, memory for `serve` and tests.

use std::borrow::Cow;
use std::collections::BTreeMap;
use std::path::Path;
use std::sync::{Arc, Mutex, OnceLock};

use anyhow::Result;

use crate::diagnostic::IoContext;
use crate::stable_hash;

/// A file's bytes shared between renders: a page `serve` reuses is the same allocation in
/// the last render's files and the next one's, never a copy, and its content hash
/// ([`stable_hash::bytes128`]) is taken once for all the renders that share it.
///
/// `serve` keeps its pages packed ([`SharedBytes::packed`]): LZ4 holds 10,000 pages'
/// 108 MiB of HTML in 61 MiB, packed at about 400 MB/s and unpacked when served.
#[derive(Clone)]
pub struct SharedBytes(Arc<Shared>);

struct Shared {
    /// The bytes, or with `packed` set, their LZ4 block.
    data: Vec<u8>,
    /// The length of the bytes when `data` is packed.
    packed: Option<usize>,
    hash: OnceLock<u128>,
}

impl SharedBytes {
    /// Shares `bytes`.
    pub fn new(bytes: Vec<u8>) -> SharedBytes {
        SharedBytes(Arc::new(Shared {
            data: bytes,
            packed: None,
            hash: OnceLock::new(),
        }))
    }

    /// Shares `bytes` packed: a third to a half smaller in memory, unpacked at each read
    /// ([`SharedBytes::bytes`]). Their hash is taken now.
    pub fn packed(bytes: &[u8]) -> SharedBytes {
        SharedBytes(Arc::new(Shared {
            data: lz4_flex::block::compress(bytes),
            packed: Some(bytes.len()),
            hash: OnceLock::from(stable_hash::bytes128(bytes)),
        }))
    }

    /// The bytes: borrowed, or unpacked.
    pub fn bytes(&self) -> Cow<'_, [u8]> {
        match self.0.packed {
            None => Cow::Borrowed(&self.0.data),
            // Packed by `packed` from `len` bytes: unpacking cannot fail but by a bug.
            Some(len) => Cow::Owned(
                lz4_flex::block::decompress(&self.0.data, len).unwrap_or_else(|e| {
                    debug_assert!(false, "a packed file does not unpack: {e}");
                    Vec::new()
                }),
            ),
        }
    }

    /// Whether they are kept packed.
    pub fn is_packed(&self) -> bool {
        self.0.packed.is_some()
    }

    /// How many bytes (unpacked).
    pub fn len(&self) -> usize {
        self.0.packed.unwrap_or(self.0.data.len())
    }

    /// True when there are none.
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// The bytes' [`stable_hash::bytes128`], taken at the first call.
    pub fn hash128(&self) -> u128 {
        *self
            .0
            .hash
            .get_or_init(|| stable_hash::bytes128(&self.bytes()))
    }

    /// Whether both are the same allocation (then they are equal without a look).
    pub fn same(a: &SharedBytes, b: &SharedBytes) -> bool {
        Arc::ptr_eq(&a.0, &b.0)
    }

    /// The bytes, copied only when they are shared or packed.
    pub fn into_vec(self) -> Vec<u8> {
        if self.is_packed() {
            return self.bytes().into_owned();
        }
        Arc::try_unwrap(self.0).map_or_else(|shared| shared.data.clone(), |own| own.data)
    }
}

impl From<Vec<u8>> for SharedBytes {
    fn from(bytes: Vec<u8>) -> Self {
        SharedBytes::new(bytes)
    }
}

impl PartialEq for SharedBytes {
    fn eq(&self, other: &Self) -> bool {
        if SharedBytes::same(self, other) {
            return true;
        }
        match (self.0.packed, other.0.packed) {
            (None, None) => self.0.data == other.0.data,
            // A packed file's hash is known: compare hashes (128 bits), not unpacked bytes.
            _ => self.len() == other.len() && self.hash128() == other.hash128(),
        }
    }
}

impl Eq for SharedBytes {}

impl std::fmt::Debug for SharedBytes {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{:?}", String::from_utf8_lossy(&self.bytes()))
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
        self.write(path, bytes.bytes().into_owned())
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
        assert_eq!(&*files["b.html"].bytes(), b"new");
        assert_eq!(page.hash128(), stable_hash::bytes128(b"<p>same</p>"));
    }

    #[test]
    fn packed_bytes_read_back_whole_and_equal_the_same_bytes_unpacked() {
        let page: Vec<u8> = (0..200)
            .flat_map(|i| format!("<p>Paragraph {i} of the week's guide.</p>\n").into_bytes())
            .collect();
        let packed = SharedBytes::packed(&page);
        assert!(packed.is_packed());
        assert!(
            packed.0.data.len() < page.len() / 2,
            "repeated markup packs small"
        );
        assert_eq!(&*packed.bytes(), &page[..]);
        assert_eq!(packed.len(), page.len());
        assert_eq!(packed.hash128(), stable_hash::bytes128(&page));
        let plain = SharedBytes::new(page.clone());
        assert_eq!(packed, plain);
        assert_eq!(plain, packed);
        let mut other = page.clone();
        other[10] = b'X';
        assert_ne!(packed, SharedBytes::packed(&other));
        assert_ne!(packed, SharedBytes::new(other));
        assert_ne!(packed, SharedBytes::new(page[1..].to_vec()));
        assert_eq!(packed.clone().into_vec(), page);
        assert_eq!(SharedBytes::packed(b"").bytes().len(), 0);
    }
}

/// A sink that throws everything away: `check` renders without writing.
#[derive(Debug, Clone, Copy, Default)]
pub struct NullSink;

impl Sink for NullSink {
    fn write(&self, _: &str, _: Vec<u8>) -> Result<()> {
        Ok(())
    }
    fn copy(&self, _: &str, _: &Path) -> Result<()> {
        Ok(())
    }
}
