//! What `serve` keeps of each file between loads: a file whose length, times and inode are
//! what they were is not read again; its text's hash and length are taken over (the text
//! itself is read again only if a page made from it has to be rendered again).
//!
//! The change time is in the stamp on Unix: writing a file always moves it, and no tool
//! can set it back, so a file rewritten with the same size and an old modification time
//! is still read again.

use std::fs::Metadata;
use std::path::{Path, PathBuf};
use std::sync::Mutex;
use std::time::SystemTime;

use rustc_hash::FxHashMap;

/// When and how a file was last written, as far as its metadata tells.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Stamp {
    len: u64,
    modified: Option<SystemTime>,
    /// Change time (seconds, nanoseconds), device and inode, where the platform has them.
    changed: (i64, i64, u64, u64),
}

impl Stamp {
    fn of(meta: &Metadata) -> Stamp {
        #[cfg(unix)]
        let changed = {
            use std::os::unix::fs::MetadataExt as _;
            (meta.ctime(), meta.ctime_nsec(), meta.dev(), meta.ino())
        };
        #[cfg(not(unix))]
        let changed = (0, 0, 0, 0);
        Stamp {
            len: meta.len(),
            modified: meta.modified().ok(),
            changed,
        }
    }
}

/// A text read before: the stamp of its file then, its hash and its length.
#[derive(Debug, Clone)]
struct Known {
    path: PathBuf,
    stamp: Stamp,
    hash: u128,
    len: usize,
}

/// The texts of the last load and of this one so far, by a hash of the absolute path
/// (hashing a path's bytes once is much cheaper than hashing its components).
#[derive(Debug, Default)]
pub struct TextMemo {
    previous: Mutex<FxHashMap<u64, Known>>,
    next: Mutex<FxHashMap<u64, Known>>,
}

fn key(abs: &Path) -> u64 {
    xxhash_rust::xxh3::xxh3_64(abs.as_os_str().as_encoded_bytes())
}

fn lock<T>(m: &Mutex<T>) -> std::sync::MutexGuard<'_, T> {
    m.lock().unwrap_or_else(|e| e.into_inner())
}

impl TextMemo {
    /// The hash and length of the text the file at `abs` had when last read, if its
    /// metadata is what it was then.
    pub fn get(&self, abs: &Path, meta: &Metadata) -> Option<(u128, usize)> {
        let (stamp, key) = (Stamp::of(meta), key(abs));
        // Each file is read once per load: its entry moves to this load's, uncopied.
        let known = lock(&self.previous)
            .remove(&key)
            .filter(|k| k.stamp == stamp && k.path == abs)?;
        let found = (known.hash, known.len);
        lock(&self.next).insert(key, known);
        Some(found)
    }

    /// Remembers the hash and length of the text just read from `abs` (with `meta`, its
    /// metadata before reading).
    pub fn keep(&self, abs: &Path, meta: &Metadata, hash: u128, len: usize) {
        let known = Known {
            path: abs.to_path_buf(),
            stamp: Stamp::of(meta),
            hash,
            len,
        };
        lock(&self.next).insert(key(abs), known);
    }

    /// Ends a load: the texts it used are those the next load may take over.
    pub fn finish(&self) {
        let next = std::mem::take(&mut *lock(&self.next));
        lock(&self.next).reserve(next.len());
        *lock(&self.previous) = next;
    }

    /// Ends a load that failed: the last good load's texts stay.
    pub fn abandon(&self) {
        lock(&self.next).clear();
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    #[cfg(unix)]
    fn an_unchanged_file_is_taken_over_and_a_rewritten_one_is_not() {
        let dir = std::env::temp_dir().join(format!("circlekit-stamp-{}", std::process::id()));
        std::fs::create_dir_all(&dir).expect("temp dir");
        let file = dir.join("a.md");
        std::fs::write(&file, "one").expect("write");
        let memo = TextMemo::default();
        let meta = std::fs::metadata(&file).expect("meta");
        assert!(memo.get(&file, &meta).is_none(), "nothing known yet");
        memo.keep(&file, &meta, 1, 3);
        memo.finish();
        assert_eq!(memo.get(&file, &meta), Some((1, 3)), "unchanged");
        memo.finish();
        // Same length, and the modification time set back: the change time still moves.
        let before = std::fs::File::open(&file).and_then(|f| f.metadata()?.modified());
        std::thread::sleep(std::time::Duration::from_millis(20));
        std::fs::write(&file, "two").expect("rewrite");
        if let Ok(t) = before {
            let f = std::fs::File::options()
                .write(true)
                .open(&file)
                .expect("open");
            f.set_modified(t).expect("set mtime");
        }
        let meta = std::fs::metadata(&file).expect("meta");
        assert!(memo.get(&file, &meta).is_none(), "rewritten: read again");
        memo.finish();
        assert!(
            memo.get(&file, &meta).is_none(),
            "a text no load used is forgotten"
        );
        let _ = std::fs::remove_dir_all(&dir);
    }
}
