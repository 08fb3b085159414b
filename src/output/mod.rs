//! Writing a build safely: stage beside the output, then swap into place; never touch what we did not make.

use std::io::Write;
use std::path::{Component, Path, PathBuf};

use anyhow::{Context as _, Result};

use crate::diagnostic::{Diagnostic, IoContext};

mod in_place;
pub mod lock;
mod marker;
mod refuse;
mod remove;
mod same_bytes;
mod sink;

pub use marker::MARKER;
pub use sink::{MemoryFiles, MemorySink, NullSink, SharedBytes, Sink};

use lock::{LockError, OutputLock};
use marker::MARKER_TEXT;
use refuse::{previous_output, refuse_dangerous, resolve};
pub(crate) use same_bytes::same_bytes;

/// An output folder being written: files go to a staging folder beside it until `commit`.
/// It holds the output folder's lock until it is committed or aborted.
#[derive(Debug)]
pub struct Staging {
    out: PathBuf,
    staging: PathBuf,
    previous: Option<PathBuf>,
    /// Whether files of the previous output may be taken as they are (not after an
    /// update in place that did not finish).
    reuse: bool,
    _lock: OutputLock,
}

/// Why a build may not write its output folder.
#[derive(Debug)]
pub enum StageError {
    /// The folder is not one a build may replace, or cannot be prepared: what and why.
    Refused(Diagnostic),
    /// Another build kept the folder's lock for the whole wait (see [`lock::WAIT_VAR`]).
    Busy(Diagnostic),
}

impl StageError {
    /// The diagnostic that says what happened and what to do.
    pub fn into_diagnostic(self) -> Diagnostic {
        match self {
            StageError::Refused(d) | StageError::Busy(d) => d,
        }
    }
}

/// Checks that `out` may be replaced by a build of the site at `root`, takes its lock
/// (waiting for another build into it, after calling `waiting` once) and prepares a
/// staging folder beside it. Refusals are diagnostics that say why and what to do.
pub fn stage(
    root: &Path,
    out: &Path,
    force: bool,
    waiting: &dyn Fn(&Path),
) -> Result<Staging, StageError> {
    let out = resolve(out);
    let root = resolve(root);
    refuse_dangerous(&root, &out).map_err(StageError::Refused)?;
    let parent = out.parent().unwrap_or(Path::new("/")).to_path_buf();
    std::fs::create_dir_all(&parent).map_err(|e| {
        StageError::Refused(Diagnostic::io_at(
            &parent,
            format!("cannot create the output's parent folder: {e}"),
            &e,
        ))
    })?;
    let lock = take_lock(&out, waiting)?;
    let previous = previous_output(&out, force).map_err(StageError::Refused)?;
    let name = out
        .file_name()
        .and_then(|n| n.to_str())
        .unwrap_or("public")
        .to_string();
    // Holding the lock, no other build writes beside this folder: what a crashed build
    // left behind can go.
    remove_stale_staging(&parent, &name);
    let staging = parent.join(format!(".{name}.circlekit-staging-{}", std::process::id()));
    if staging.exists() {
        let _ = std::fs::remove_dir_all(&staging);
    }
    std::fs::create_dir(&staging)
        .and_then(|()| write_marker(&staging, previous.as_deref()))
        .map_err(|e| {
            StageError::Refused(Diagnostic::io_at(
                &staging,
                format!("cannot create the staging folder: {e}"),
                &e,
            ))
        })?;
    let reuse = !previous.as_deref().is_some_and(in_place::is_unfinished);
    Ok(Staging {
        out,
        staging,
        previous,
        reuse,
        _lock: lock,
    })
}

fn take_lock(out: &Path, waiting: &dyn Fn(&Path)) -> Result<OutputLock, StageError> {
    let limit = lock::wait_limit();
    lock::acquire(out, limit, waiting).map_err(|e| match e {
        LockError::Busy { waited, path } => StageError::Busy(
            Diagnostic::error(
                out,
                format!(
                    "another build kept writing into this folder for {} s, so this one gave up waiting",
                    waited.as_secs()
                ),
            )
            .help(format!(
                "let the other build (or `watch`, or `serve --output`) finish, or stop it; \
                 to wait longer set {}=SECONDS (the lock is {})",
                lock::WAIT_VAR,
                path.display()
            )),
        ),
        LockError::Io(e, path) => StageError::Refused(Diagnostic::io_at(
            &path,
            format!("cannot open the output folder's lock file: {e}"),
            &e,
        )),
    })
}

/// Writes the marker into `dir`. Like every unchanged file, it keeps the previous output's
/// timestamp when its bytes are the same.
fn write_marker(dir: &Path, previous: Option<&Path>) -> std::io::Result<()> {
    let marker = dir.join(MARKER);
    std::fs::write(&marker, MARKER_TEXT)?;
    let prev = previous.map(|p| p.join(MARKER));
    if let Some(prev) = prev.filter(|p| same_bytes(p, MARKER_TEXT.as_bytes()))
        && let Ok(modified) = std::fs::metadata(&prev).and_then(|m| m.modified())
    {
        std::fs::File::options()
            .write(true)
            .open(&marker)?
            .set_modified(modified)?;
    }
    Ok(())
}

fn remove_stale_staging(parent: &Path, name: &str) {
    let prefix = format!(".{name}.circlekit-");
    let Ok(entries) = std::fs::read_dir(parent) else {
        return;
    };
    for e in entries.flatten() {
        let file_name = e.file_name();
        let Some(n) = file_name.to_str() else {
            continue;
        };
        if n.starts_with(&prefix) && e.path().join(MARKER).is_file() {
            let _ = std::fs::remove_dir_all(e.path());
        }
    }
}

impl Staging {
    /// The output folder this will replace.
    pub fn out(&self) -> &Path {
        &self.out
    }

    /// Moves the staged site into place; the previous output is removed only after that
    /// worked. An output folder that cannot be moved (a mount point) is updated in place.
    pub fn commit(self) -> Result<()> {
        self.commit_with(&|from, to| std::fs::rename(from, to))
    }

    /// [`Staging::commit`] with the rename of the previous output given, so tests can
    /// make it fail as it does for a mount point.
    fn commit_with(self, rename: &dyn Fn(&Path, &Path) -> std::io::Result<()>) -> Result<()> {
        if self.previous.is_none() {
            return std::fs::rename(&self.staging, &self.out)
                .io("move the new site into", &self.out);
        }
        let old = self.out.with_file_name(format!(
            ".{}.circlekit-old-{}",
            self.out
                .file_name()
                .and_then(|n| n.to_str())
                .unwrap_or("public"),
            std::process::id()
        ));
        match rename(&self.out, &old) {
            Ok(()) => {}
            Err(e) if in_place::cannot_rename(&e) => return self.update_in_place(&e),
            Err(e) => {
                return Err(e).io("move the previous site aside from", &self.out);
            }
        }
        if let Err(e) = std::fs::rename(&self.staging, &self.out) {
            let _ = std::fs::rename(&old, &self.out);
            return Err(e).io("move the new site into", &self.out);
        }
        // Mark it as ours so a later cleanup of stale folders may remove it if this fails.
        let _ = std::fs::write(old.join(MARKER), MARKER_TEXT);
        remove::remove_tree(&old).io("remove", &old)
    }

    fn update_in_place(&self, why: &std::io::Error) -> Result<()> {
        let done = in_place::update(&self.staging, &self.out).with_context(|| {
            format!(
                "cannot finish updating {} in place (it cannot be moved: {why}); the next build completes the update",
                self.out.display()
            )
        });
        let _ = std::fs::remove_dir_all(&self.staging);
        done
    }

    /// Throws the staged files away, leaving the previous output as it was.
    pub fn abort(self) {
        let _ = std::fs::remove_dir_all(&self.staging);
    }

    fn previous_file(&self, path: &str) -> Option<PathBuf> {
        self.previous.as_ref().map(|p| p.join(path))
    }
}

impl Sink for Staging {
    fn write(&self, path: &str, bytes: Vec<u8>) -> Result<()> {
        let rel = safe_rel(path)?;
        let dest = self.staging.join(rel);
        if let Some(parent) = dest.parent() {
            std::fs::create_dir_all(parent).io("create", parent)?;
        }
        // An unchanged file keeps its inode and timestamp: deploys with rsync stay small.
        if let Some(prev) = self.previous_file(path)
            && same_bytes(&prev, &bytes)
            && std::fs::hard_link(&prev, &dest).is_ok()
        {
            return Ok(());
        }
        let mut f = std::fs::File::create(&dest).io("write", &dest)?;
        f.write_all(&bytes).io("write", &dest)?;
        Ok(())
    }

    fn copy(&self, path: &str, from: &Path) -> Result<()> {
        let bytes = std::fs::read(from).io("read", from)?;
        self.write(path, bytes)
    }

    fn previous(&self, path: &str) -> Option<Vec<u8>> {
        if !self.reuse {
            return None;
        }
        let rel = safe_rel(path).ok()?;
        std::fs::read(self.previous.as_ref()?.join(rel)).ok()
    }
}

/// A site-relative output path that cannot climb out of the output folder.
fn safe_rel(path: &str) -> Result<PathBuf> {
    let p = Path::new(path);
    if p.components().all(|c| matches!(c, Component::Normal(_))) {
        Ok(p.to_path_buf())
    } else {
        anyhow::bail!("refusing to write outside the output folder: {path}")
    }
}

/// Writes `files` (relative path → bytes) into `dir`, which must be new or empty: `init`
/// and `init --theme` never overwrite anything. Returns how many files were written.
pub fn write_into_empty<'a>(
    dir: &Path,
    files: impl IntoIterator<Item = (String, &'a [u8])>,
) -> anyhow::Result<usize> {
    use anyhow::bail;
    if dir.exists() {
        if !dir.is_dir() {
            bail!("{} exists and is not a folder", dir.display());
        }
        let mut entries = std::fs::read_dir(dir).io("read", dir)?;
        if entries.next().is_some() {
            bail!(
                "{} already exists and is not empty; nothing was written: circlekit only writes into a new or empty folder (choose another name or remove it)",
                dir.display()
            );
        }
    }
    let mut count = 0;
    for (rel, bytes) in files {
        let dest = dir.join(&rel);
        if let Some(parent) = dest.parent() {
            std::fs::create_dir_all(parent).io("create", parent)?;
        }
        let mut f = std::fs::OpenOptions::new()
            .write(true)
            .create_new(true)
            .open(&dest)
            .io("create", &dest)?;
        std::io::Write::write_all(&mut f, bytes).io("write", &dest)?;
        count += 1;
    }
    Ok(count)
}

#[cfg(all(test, unix))]
mod tests;
