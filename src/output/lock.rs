//! The output folder's lock: one build at a time writes into an output folder. It is an
//! advisory lock (`File::lock`) on a file beside the folder, so a build that crashes
//! releases it with its process.

use std::fs::{File, TryLockError};
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

/// The environment variable that sets how many seconds a build waits for another build
/// into the same output folder before it gives up (exit code 4). Default: 600.
pub const WAIT_VAR: &str = "CIRCLEKIT_LOCK_WAIT";

/// How long a build waits for the lock when [`WAIT_VAR`] does not say: ten minutes, more
/// than a build of a large site with every PDF takes.
const DEFAULT_WAIT: Duration = Duration::from_secs(600);

/// How often a waiting build tries again.
const POLL: Duration = Duration::from_millis(100);

/// The lock of one output folder, held until dropped. Dropping it removes the lock file
/// (while still holding the lock), so no stray file stays beside the output.
#[derive(Debug)]
pub struct OutputLock {
    file: Option<File>,
    path: PathBuf,
}

impl Drop for OutputLock {
    fn drop(&mut self) {
        if self.file.is_some() {
            let _ = std::fs::remove_file(&self.path);
        }
    }
}

/// Why the lock was not taken.
#[derive(Debug)]
pub enum LockError {
    /// Another build held it for the whole wait.
    Busy {
        /// How long this build waited.
        waited: Duration,
        /// The lock file.
        path: PathBuf,
    },
    /// The lock file cannot be opened.
    Io(std::io::Error, PathBuf),
}

/// The lock file of the output folder `out`: `.<name>.circlekit-lock` beside it.
pub fn lock_path(out: &Path) -> PathBuf {
    let name = out.file_name().and_then(|n| n.to_str()).unwrap_or("public");
    out.with_file_name(format!(".{name}.circlekit-lock"))
}

/// How long to wait for another build: [`WAIT_VAR`] seconds, else ten minutes.
pub fn wait_limit() -> Duration {
    std::env::var(WAIT_VAR)
        .ok()
        .and_then(|s| s.trim().parse::<f64>().ok())
        .filter(|s| s.is_finite() && *s >= 0.0)
        .map(Duration::from_secs_f64)
        .unwrap_or(DEFAULT_WAIT)
}

/// Takes the lock of the output folder `out`, waiting up to `limit` while another build
/// holds it; `waiting` is called once, when the wait begins. On a file system without
/// locks the build goes ahead unlocked.
pub fn acquire(
    out: &Path,
    limit: Duration,
    waiting: &dyn Fn(&Path),
) -> Result<OutputLock, LockError> {
    let path = lock_path(out);
    let open = || {
        File::options()
            .read(true)
            .write(true)
            .create(true)
            .truncate(false)
            .open(&path)
            .map_err(|e| LockError::Io(e, path.clone()))
    };
    let mut file = open()?;
    let start = Instant::now();
    let mut said = false;
    loop {
        match file.try_lock() {
            // The holder before removed the file as it let go: lock the one there now.
            Ok(()) if !still_linked(&file, &path) => file = open()?,
            Ok(()) => {
                return Ok(OutputLock {
                    file: Some(file),
                    path,
                });
            }
            Err(TryLockError::Error(e)) if e.kind() == std::io::ErrorKind::Unsupported => {
                return Ok(OutputLock { file: None, path });
            }
            Err(TryLockError::Error(e)) => return Err(LockError::Io(e, path)),
            Err(TryLockError::WouldBlock) => {}
        }
        let waited = start.elapsed();
        if waited >= limit {
            return Err(LockError::Busy { waited, path });
        }
        if !said {
            waiting(out);
            said = true;
        }
        std::thread::sleep(POLL.min(limit - waited));
    }
}

/// Whether `path` still names the file `file` has open.
fn still_linked(file: &File, path: &Path) -> bool {
    #[cfg(unix)]
    {
        use std::os::unix::fs::MetadataExt;
        match (file.metadata(), std::fs::metadata(path)) {
            (Ok(a), Ok(b)) => a.dev() == b.dev() && a.ino() == b.ino(),
            _ => false,
        }
    }
    #[cfg(not(unix))]
    {
        let _ = (file, path);
        true
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::cell::Cell;

    #[test]
    fn a_second_lock_waits_says_so_once_and_gives_up_at_the_limit() {
        let tmp = tempfile::tempdir().expect("temp dir");
        let out = tmp.path().join("public");
        let first = acquire(&out, Duration::ZERO, &|_| panic!("free")).expect("first lock");
        let said = Cell::new(0);
        let second = acquire(&out, Duration::from_millis(300), &|_| {
            said.set(said.get() + 1)
        });
        assert!(matches!(second, Err(LockError::Busy { .. })), "{second:?}");
        assert_eq!(said.get(), 1);
        assert!(tmp.path().join(".public.circlekit-lock").is_file());
        drop(first);
        assert!(
            !tmp.path().join(".public.circlekit-lock").exists(),
            "removed on release"
        );
        let again = acquire(&out, Duration::ZERO, &|_| panic!("free again"));
        assert!(again.is_ok(), "{again:?}");
    }
}
