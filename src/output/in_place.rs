//! Updating an output folder that cannot be renamed (a mount point, such as a container
//! volume) in place, from a finished staging folder.
//!
//! A file `.circlekit-updating` in the output says an update is under way. A build that
//! finds it knows the folder may hold a mix of two builds: it takes nothing from it (no PDF
//! is reused) and its own update, which makes every file equal to the staging folder's,
//! repairs it.

use crate::diagnostic::IoContext;
use std::collections::BTreeSet;
use std::ffi::OsString;
use std::io::ErrorKind;
use std::path::Path;

use anyhow::Result;

use super::same_bytes::same_bytes;

/// The file that marks an output folder whose update in place has not finished.
pub const UPDATING: &str = ".circlekit-updating";
const UPDATING_TEXT: &str = "circlekit was updating this folder in place and stopped before it finished; the next build completes it.\n";

/// Whether a failed rename means "this folder cannot be moved" (a mount point, another
/// device) rather than a real problem.
pub fn cannot_rename(e: &std::io::Error) -> bool {
    matches!(
        e.kind(),
        ErrorKind::ResourceBusy | ErrorKind::CrossesDevices
    )
}

/// Whether `out` holds an update in place that did not finish.
pub fn is_unfinished(out: &Path) -> bool {
    out.join(UPDATING).is_file()
}

/// Makes `out` hold exactly what `staging` holds: changed files are written beside their
/// place and renamed over it (so no file is ever half-written), unchanged ones keep their
/// timestamp, files no longer built are removed.
pub fn update(staging: &Path, out: &Path) -> Result<()> {
    let updating = out.join(UPDATING);
    std::fs::write(&updating, UPDATING_TEXT).io("write", &updating)?;
    sync_dir(staging, out, true)?;
    std::fs::remove_file(&updating).io("remove", &updating)
}

fn sync_dir(from: &Path, to: &Path, top: bool) -> Result<()> {
    let wanted = names(from)?;
    for name in &wanted {
        let (src, dst) = (from.join(name), to.join(name));
        let is_dir = std::fs::symlink_metadata(&src).io("read", &src)?.is_dir();
        let there = std::fs::symlink_metadata(&dst).ok().map(|m| m.is_dir());
        if is_dir {
            if there == Some(false) {
                remove(&dst, false)?;
            }
            if there != Some(true) {
                std::fs::create_dir(&dst).io("create", &dst)?;
            }
            sync_dir(&src, &dst, false)?;
        } else {
            if there == Some(true) {
                remove(&dst, true)?;
            }
            sync_file(&src, &dst)?;
        }
    }
    for name in names(to)? {
        let keep = wanted.contains(&name) || (top && name == UPDATING);
        if !keep {
            let path = to.join(&name);
            let is_dir = std::fs::symlink_metadata(&path).is_ok_and(|m| m.is_dir());
            remove(&path, is_dir)?;
        }
    }
    Ok(())
}

/// Writes `src` over `dst` unless it already holds the same bytes.
fn sync_file(src: &Path, dst: &Path) -> Result<()> {
    let bytes = std::fs::read(src).io("read", src)?;
    if same_bytes(dst, &bytes) {
        return Ok(());
    }
    let name = dst.file_name().and_then(|n| n.to_str()).unwrap_or("file");
    let tmp = dst.with_file_name(format!(".{name}.circlekit-tmp"));
    std::fs::write(&tmp, &bytes).io("write", &tmp)?;
    std::fs::rename(&tmp, dst).io("replace", dst)
}

fn names(dir: &Path) -> Result<BTreeSet<OsString>> {
    std::fs::read_dir(dir)
        .and_then(|entries| entries.map(|e| e.map(|e| e.file_name())).collect())
        .io("read", dir)
}

fn remove(path: &Path, is_dir: bool) -> Result<()> {
    let done = if is_dir {
        std::fs::remove_dir_all(path)
    } else {
        std::fs::remove_file(path)
    };
    done.io("remove", path)
}
