//! Keeping the cache folder small: after a build, the least recently used entries go first
//! until it is under its cap; `circlekit clean --cache` removes them all. Only entries
//! ([`store::is_entry`]) and temporary files of circlekit are ever removed, and only in a
//! folder that carries circlekit's `CACHEDIR.TAG`.

use std::path::{Path, PathBuf};
use std::time::{Duration, SystemTime};

use super::{store, tag};

/// A temporary file older than this was left by a build that crashed.
const STALE_TEMP: Duration = Duration::from_secs(3600);

/// One entry of the cache folder.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Entry {
    /// Its path.
    pub path: PathBuf,
    /// Its size in bytes.
    pub size: u64,
    /// When it was last written or used.
    pub used: SystemTime,
}

/// The entries to remove so the rest fits in `max_bytes`: the least recently used first
/// (ties by path, so the choice is the same every time).
pub fn oldest_first(mut entries: Vec<Entry>, max_bytes: u64) -> Vec<PathBuf> {
    let mut total: u64 = entries.iter().map(|e| e.size).sum();
    entries.sort_by(|a, b| a.used.cmp(&b.used).then_with(|| a.path.cmp(&b.path)));
    let mut out = Vec::new();
    for e in entries {
        if total <= max_bytes {
            break;
        }
        total -= e.size;
        out.push(e.path);
    }
    out
}

/// The entries of `dir` and the temporary files a crashed build left there.
fn list(dir: &Path) -> (Vec<Entry>, Vec<PathBuf>) {
    let mut entries = Vec::new();
    let mut stale = Vec::new();
    let Ok(read) = std::fs::read_dir(dir) else {
        return (entries, stale);
    };
    let now = SystemTime::now();
    for item in read.flatten() {
        let name = item.file_name().to_string_lossy().into_owned();
        let Ok(meta) = item.metadata() else { continue };
        if !meta.is_file() {
            continue;
        }
        let used = meta.modified().unwrap_or(SystemTime::UNIX_EPOCH);
        if store::is_entry(&name) {
            entries.push(Entry {
                path: item.path(),
                size: meta.len(),
                used,
            });
        } else if name.starts_with(store::TEMP_PREFIX)
            && now.duration_since(used).is_ok_and(|age| age > STALE_TEMP)
        {
            stale.push(item.path());
        }
    }
    (entries, stale)
}

/// Removes the least recently used entries of `dir` until it is under `max_bytes`, and
/// temporary files left by crashed builds. Returns how many entries went. Anything that
/// cannot be removed (another build holds it) is left alone.
pub fn trim(dir: &Path, max_bytes: u64) -> usize {
    if !tag::is_ours(dir) {
        return 0;
    }
    let (entries, stale) = list(dir);
    for p in stale {
        let _ = std::fs::remove_file(p);
    }
    oldest_first(entries, max_bytes)
        .into_iter()
        .filter(|p| std::fs::remove_file(p).is_ok())
        .count()
}

/// What [`empty`] removed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Emptied {
    /// Entries removed.
    pub entries: usize,
    /// Their bytes.
    pub bytes: u64,
}

/// Removes every entry of the cache folder `dir` (`circlekit clean --cache`), keeping its
/// tag. A folder that does not exist is already empty; one without circlekit's tag is
/// refused, and nothing in it is touched.
pub fn empty(dir: &Path) -> Result<Emptied, String> {
    if !dir.exists() {
        return Ok(Emptied::default());
    }
    if !tag::is_ours(dir) {
        return Err(format!(
            "{} has no {} written by circlekit, so it is not circlekit's cache folder; nothing was removed",
            dir.display(),
            tag::NAME
        ));
    }
    let (entries, _) = list(dir);
    let mut done = Emptied::default();
    for e in entries {
        std::fs::remove_file(&e.path)
            .map_err(|err| format!("cannot remove {}: {err}", e.path.display()))?;
        done.entries += 1;
        done.bytes += e.size;
    }
    let temps = std::fs::read_dir(dir).into_iter().flatten().flatten();
    for t in temps.filter(|t| {
        t.file_name()
            .to_string_lossy()
            .starts_with(store::TEMP_PREFIX)
    }) {
        let _ = std::fs::remove_file(t.path());
    }
    Ok(done)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn entry(name: &str, size: u64, secs: u64) -> Entry {
        Entry {
            path: PathBuf::from(name),
            size,
            used: SystemTime::UNIX_EPOCH + Duration::from_secs(secs),
        }
    }

    #[test]
    fn the_least_recently_used_entries_go_first_until_the_rest_fits() {
        let entries = vec![
            entry("new", 40, 300),
            entry("old", 30, 100),
            entry("middle", 20, 200),
            entry("oldest", 10, 50),
        ];
        // 100 bytes in all: nothing goes under a cap of 100, the two oldest under 65.
        assert!(oldest_first(entries.clone(), 100).is_empty());
        assert_eq!(
            oldest_first(entries.clone(), 65),
            vec![PathBuf::from("oldest"), PathBuf::from("old")]
        );
        assert_eq!(oldest_first(entries.clone(), 0).len(), 4);
        assert_eq!(
            oldest_first(entries, 45),
            vec![
                PathBuf::from("oldest"),
                PathBuf::from("old"),
                PathBuf::from("middle")
            ]
        );
    }

    #[test]
    fn trimming_removes_entries_only_in_a_tagged_folder_and_never_other_files() {
        let tmp = tempfile::tempdir().expect("temp");
        let dir = tmp.path();
        let key = |n: u8| format!("{:032x}.pdf", n);
        for n in 0..4u8 {
            std::fs::write(dir.join(key(n)), [0u8; 100]).expect("write");
            let f = std::fs::File::options()
                .write(true)
                .open(dir.join(key(n)))
                .expect("open");
            f.set_modified(SystemTime::UNIX_EPOCH + Duration::from_secs(1000 + u64::from(n)))
                .expect("mtime");
        }
        std::fs::write(dir.join("notes.txt"), [0u8; 1000]).expect("write");
        assert_eq!(trim(dir, 0), 0, "untagged: nothing removed");
        tag::write(dir).expect("tag");
        assert_eq!(trim(dir, 250), 2);
        assert!(!dir.join(key(0)).exists() && !dir.join(key(1)).exists());
        assert!(dir.join(key(2)).exists() && dir.join(key(3)).exists());
        assert!(dir.join("notes.txt").exists(), "not an entry: kept");
        assert_eq!(
            empty(dir),
            Ok(Emptied {
                entries: 2,
                bytes: 200
            })
        );
        assert!(dir.join("notes.txt").exists() && tag::is_ours(dir));
    }
}
