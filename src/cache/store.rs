//! Reading and writing entries of the cache folder. An entry is `<key>.<ext>` (32 hex
//! digits and `pdf` or `zip`): the file's bytes, then a trailer with their length and
//! hash, so a truncated or damaged entry is found out and counts as a miss. Entries are
//! written to a temporary file in the folder and renamed into place, so a reader (another
//! build at the same time) never sees half of one. A folder that cannot be created or
//! written is a warning, and the build goes on without the cache.

use std::hash::Hasher;
use std::io::Write as _;
use std::path::{Path, PathBuf};
use std::sync::Mutex;
use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};
use std::time::SystemTime;

use super::options::{CacheOptions, ENV};
use super::{evict, tag};
use crate::diagnostic::Diagnostic;
use crate::stable_hash;

/// The last 8 bytes of every entry.
const MAGIC: &[u8; 8] = b"ckcache1";

/// Length, hash and magic after the bytes.
const TRAILER: usize = 24;

/// Temporary files start with this; [`evict::trim`] removes those a crash left behind.
pub const TEMP_PREFIX: &str = ".tmp-";

/// Whether `name` is an entry of the cache: 32 lowercase hex digits, a dot, `pdf` or `zip`.
pub fn is_entry(name: &str) -> bool {
    let Some((key, ext)) = name.split_once('.') else {
        return false;
    };
    is_key(key) && matches!(ext, "pdf" | "zip")
}

fn is_key(key: &str) -> bool {
    key.len() == 32
        && key
            .bytes()
            .all(|b| b.is_ascii_digit() || (b'a'..=b'f').contains(&b))
}

/// An open cache folder, shared by the threads of one build.
#[derive(Debug)]
pub struct DiskCache {
    dir: PathBuf,
    max_bytes: u64,
    /// Off after the first failed write: the rest of the build goes on without writing.
    writable: AtomicBool,
    /// The first write that failed, for the warning.
    problem: Mutex<Option<String>>,
    /// Makes temporary file names unique within the process.
    counter: AtomicU64,
}

impl DiskCache {
    /// Opens (and, if need be, creates and tags) the cache folder. When it cannot be used,
    /// returns the warning that says why instead.
    pub fn open(opts: &CacheOptions) -> Result<DiskCache, Diagnostic> {
        let dir = &opts.dir;
        let refused = |why: String| {
            Diagnostic::warning(dir, format!("the PDF cache is off for this build: {why}"))
                .help(format!(
                    "pass --cache-dir DIR (or set {}) with a folder circlekit may write, or --no-cache",
                    ENV
                ))
        };
        std::fs::create_dir_all(dir)
            .map_err(|e| refused(format!("cannot create {}: {e}", dir.display())))?;
        if let Some(why) = tag::refusal(dir) {
            return Err(refused(why));
        }
        if !tag::is_ours(dir) {
            tag::write(dir)
                .map_err(|e| refused(format!("cannot write into {}: {e}", dir.display())))?;
        }
        Ok(DiskCache {
            dir: dir.clone(),
            max_bytes: opts.max_bytes,
            writable: AtomicBool::new(true),
            problem: Mutex::new(None),
            counter: AtomicU64::new(0),
        })
    }

    /// The cache folder.
    pub fn dir(&self) -> &Path {
        &self.dir
    }

    fn path(&self, key: &str, ext: &str) -> PathBuf {
        self.dir.join(format!("{key}.{ext}"))
    }

    /// The entry `key` of kind `ext` (`pdf`, `zip`), marked as used just now. A missing,
    /// unreadable, truncated or damaged entry is `None`, never an error.
    pub fn get(&self, key: &str, ext: &str) -> Option<Vec<u8>> {
        if !is_key(key) {
            return None;
        }
        let path = self.path(key, ext);
        let bytes = decode(std::fs::read(&path).ok()?)?;
        touch(&path);
        Some(bytes)
    }

    /// Stores `bytes` as entry `key` of kind `ext`, replacing a damaged one. A failure
    /// turns writing off for the rest of the build and becomes a warning ([`Self::warning`]).
    pub fn put(&self, key: &str, ext: &str, bytes: &[u8]) {
        if !is_key(key) || !self.writable.load(Ordering::Relaxed) {
            return;
        }
        let path = self.path(key, ext);
        if let Err(e) = self.write_entry(&path, bytes) {
            // Another build may hold the entry open (Windows): then it is there already.
            if !path.is_file() {
                self.fail(format!("cannot write {}: {e}", path.display()));
            }
        }
    }

    /// Makes sure the cache holds entry `key` with `bytes` (a file this build took from its
    /// previous output): marks it as used when it is there whole, else stores it.
    pub fn keep(&self, key: &str, ext: &str, bytes: &[u8]) {
        let path = self.path(key, ext);
        let whole = std::fs::metadata(&path)
            .is_ok_and(|m| m.is_file() && m.len() == (bytes.len() + TRAILER) as u64);
        if !(whole && touch(&path)) {
            self.put(key, ext, bytes);
        }
    }

    fn write_entry(&self, path: &Path, bytes: &[u8]) -> std::io::Result<()> {
        let n = self.counter.fetch_add(1, Ordering::Relaxed);
        let name = path.file_name().unwrap_or_default().to_string_lossy();
        let temp = self
            .dir
            .join(format!("{TEMP_PREFIX}{}-{n}-{name}", std::process::id()));
        let written = std::fs::File::options()
            .write(true)
            .create_new(true)
            .open(&temp)
            .and_then(|mut f| {
                f.write_all(bytes)?;
                f.write_all(&trailer(bytes))
            })
            .and_then(|()| std::fs::rename(&temp, path));
        if written.is_err() {
            let _ = std::fs::remove_file(&temp);
        }
        written
    }

    fn fail(&self, why: String) {
        self.writable.store(false, Ordering::Relaxed);
        let mut problem = self.problem.lock().unwrap_or_else(|e| e.into_inner());
        problem.get_or_insert(why);
    }

    /// Removes the oldest entries while the folder is over its cap (see [`evict::trim`]).
    pub fn trim(&self) {
        if self.writable.load(Ordering::Relaxed) {
            evict::trim(&self.dir, self.max_bytes);
        }
    }

    /// The warning for the first write that failed, if one did.
    pub fn warning(&self) -> Option<Diagnostic> {
        let problem = self.problem.lock().unwrap_or_else(|e| e.into_inner());
        problem.as_ref().map(|why| {
            Diagnostic::warning(&self.dir, format!("the PDF cache could not be written: {why}"))
                .help("the build went on without it; free some space, pass --cache-dir DIR with a folder circlekit may write, or --no-cache")
        })
    }
}

/// Marks a file as used now, so it is evicted last. False when that fails.
fn touch(path: &Path) -> bool {
    std::fs::File::options()
        .write(true)
        .open(path)
        .and_then(|f| f.set_modified(SystemTime::now()))
        .is_ok()
}

fn checksum(bytes: &[u8]) -> u64 {
    let mut h = stable_hash::hasher();
    h.write(bytes);
    h.finish()
}

/// Length, hash and [`MAGIC`] of `bytes`, written after them.
fn trailer(bytes: &[u8]) -> [u8; TRAILER] {
    let mut t = [0u8; TRAILER];
    t[..8].copy_from_slice(&(bytes.len() as u64).to_le_bytes());
    t[8..16].copy_from_slice(&checksum(bytes).to_le_bytes());
    t[16..].copy_from_slice(MAGIC);
    t
}

/// The bytes of an entry, if its trailer matches them.
fn decode(mut entry: Vec<u8>) -> Option<Vec<u8>> {
    let len = entry.len().checked_sub(TRAILER)?;
    let t: [u8; TRAILER] = entry[len..].try_into().ok()?;
    entry.truncate(len);
    (t == trailer(&entry)).then_some(entry)
}

#[cfg(test)]
mod tests {
    use super::*;

    const KEY: &str = "0123456789abcdef0123456789abcdef";

    fn open(dir: &Path) -> DiskCache {
        DiskCache::open(&CacheOptions::new(dir)).expect("open")
    }

    #[test]
    fn an_entry_comes_back_as_it_was_stored() {
        let tmp = tempfile::tempdir().expect("temp");
        let cache = open(&tmp.path().join("new/cache"));
        assert!(tag::is_ours(cache.dir()), "a new folder is tagged");
        assert_eq!(cache.get(KEY, "pdf"), None);
        cache.put(KEY, "pdf", b"%PDF-1.7 body");
        assert_eq!(
            cache.get(KEY, "pdf").as_deref(),
            Some(&b"%PDF-1.7 body"[..])
        );
        assert_eq!(cache.get(KEY, "zip"), None, "kinds are apart");
        assert!(cache.warning().is_none());
    }

    #[test]
    fn a_truncated_or_damaged_entry_is_a_miss_and_is_written_again() {
        let tmp = tempfile::tempdir().expect("temp");
        let cache = open(tmp.path());
        cache.put(KEY, "pdf", b"a whole PDF");
        let path = cache.path(KEY, "pdf");
        let whole = std::fs::read(&path).expect("entry");
        for broken in [&whole[..whole.len() - 3], &whole[..5], &[][..]] {
            std::fs::write(&path, broken).expect("damage");
            assert_eq!(cache.get(KEY, "pdf"), None);
        }
        let mut flipped = whole.clone();
        flipped[0] ^= 1;
        std::fs::write(&path, flipped).expect("damage");
        assert_eq!(cache.get(KEY, "pdf"), None);
        cache.put(KEY, "pdf", b"a whole PDF");
        assert_eq!(cache.get(KEY, "pdf").as_deref(), Some(&b"a whole PDF"[..]));
    }

    #[test]
    fn a_folder_of_someone_else_is_refused_with_a_warning() {
        let tmp = tempfile::tempdir().expect("temp");
        std::fs::write(tmp.path().join("thesis.tex"), "mine").expect("write");
        let w = DiskCache::open(&CacheOptions::new(tmp.path())).expect_err("refused");
        assert!(!w.is_error());
        assert!(
            w.message.contains("not circlekit's cache folder"),
            "{}",
            w.message
        );
        assert!(!tmp.path().join(tag::NAME).exists(), "no tag written");
    }

    #[test]
    fn only_hex_keys_with_known_kinds_are_entries() {
        assert!(is_entry(&format!("{KEY}.pdf")));
        assert!(is_entry(&format!("{KEY}.zip")));
        assert!(!is_entry(&format!("{KEY}.txt")));
        assert!(!is_entry("CACHEDIR.TAG"));
        assert!(!is_entry(&format!("{}.pdf", KEY.to_uppercase())));
        assert!(!is_entry("notes.pdf"));
    }
}
