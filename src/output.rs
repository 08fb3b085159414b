//! Writing a build safely: stage beside the output, then swap into place; never touch what we did not make.

use std::io::Write;
use std::path::{Component, Path, PathBuf};

use anyhow::{Context as _, Result};

use crate::diagnostic::Diagnostic;
use crate::render::Sink;

/// The file that proves a folder is a circlekit output folder.
pub const MARKER: &str = ".circlekit-output";
const MARKER_TEXT: &str =
    "This folder is written by circlekit; `circlekit build` replaces it whole.\n";

/// An output folder being written: files go to a staging folder beside it until `commit`.
#[derive(Debug)]
pub struct Staging {
    out: PathBuf,
    staging: PathBuf,
    previous: Option<PathBuf>,
}

/// Checks that `out` may be replaced by a build of the site at `root`, and prepares a
/// staging folder beside it. Refusals are diagnostics that say why and what to do.
pub fn stage(root: &Path, out: &Path, force: bool) -> Result<Staging, Diagnostic> {
    let out = resolve(out);
    let root = resolve(root);
    refuse_dangerous(&root, &out)?;
    let previous = if out.exists() {
        if !out.is_dir() {
            return Err(
                Diagnostic::error(&out, "the output path is a file, not a folder")
                    .help("choose another output folder with --output"),
            );
        }
        let empty = std::fs::read_dir(&out)
            .map(|mut d| d.next().is_none())
            .unwrap_or(false);
        if !empty && !out.join(MARKER).is_file() && !force {
            return Err(Diagnostic::error(
                &out,
                "this folder exists and was not made by circlekit, so the build will not replace it",
            )
            .help("choose an empty or new folder with --output, or pass --force to replace this folder and everything in it"));
        }
        Some(out.clone())
    } else {
        None
    };
    let parent = out.parent().unwrap_or(Path::new("/")).to_path_buf();
    let name = out
        .file_name()
        .and_then(|n| n.to_str())
        .unwrap_or("public")
        .to_string();
    std::fs::create_dir_all(&parent).map_err(|e| {
        Diagnostic::error(
            &parent,
            format!("cannot create the output's parent folder: {e}"),
        )
    })?;
    remove_stale_staging(&parent, &name);
    let staging = parent.join(format!(".{name}.circlekit-staging-{}", std::process::id()));
    if staging.exists() {
        let _ = std::fs::remove_dir_all(&staging);
    }
    std::fs::create_dir(&staging)
        .and_then(|()| write_marker(&staging, previous.as_deref()))
        .map_err(|e| {
            Diagnostic::error(&staging, format!("cannot create the staging folder: {e}"))
        })?;
    Ok(Staging {
        out,
        staging,
        previous,
    })
}

/// An absolute, lexically normalised path, with symlinks of its existing part resolved.
fn resolve(p: &Path) -> PathBuf {
    let abs = std::path::absolute(p).unwrap_or_else(|_| p.to_path_buf());
    let mut norm = PathBuf::new();
    for c in abs.components() {
        match c {
            Component::ParentDir => {
                norm.pop();
            }
            Component::CurDir => {}
            other => norm.push(other),
        }
    }
    // Canonicalise the longest existing prefix, so a symlink cannot hide the site root.
    let mut existing = norm.clone();
    let mut rest = Vec::new();
    while !existing.exists() {
        match existing.file_name() {
            Some(n) => rest.push(n.to_os_string()),
            None => break,
        }
        if !existing.pop() {
            break;
        }
    }
    let mut real = std::fs::canonicalize(&existing).unwrap_or(existing);
    for n in rest.into_iter().rev() {
        real.push(n);
    }
    real
}

fn refuse_dangerous(root: &Path, out: &Path) -> Result<(), Diagnostic> {
    let refuse = |why: &str| {
        Err(Diagnostic::error(out, format!("refusing to write the site into {}: {why}", out.display()))
            .help("set `[output] dir` in book.toml (or --output) to a folder of its own, such as \"public\""))
    };
    if out.parent().is_none() {
        return refuse("it is the file system's root");
    }
    if let Some(home) = std::env::var_os("HOME")
        .map(PathBuf::from)
        .map(|h| resolve(&h))
        && out == home
    {
        return refuse("it is your home folder");
    }
    if root.starts_with(out) {
        return refuse("it holds the site itself");
    }
    for dir in ["content", "themes", "assets"] {
        if out.starts_with(root.join(dir)) {
            return refuse(&format!("it is inside the site's {dir}/ folder"));
        }
    }
    if out.join(crate::config::CONFIG_FILE).exists() {
        return refuse("it holds a book.toml, so it looks like a site");
    }
    Ok(())
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

    /// Moves the staged site into place; the previous output is removed only after that worked.
    pub fn commit(self) -> Result<()> {
        let old = self.out.with_file_name(format!(
            ".{}.circlekit-old-{}",
            self.out
                .file_name()
                .and_then(|n| n.to_str())
                .unwrap_or("public"),
            std::process::id()
        ));
        if self.previous.is_some() {
            std::fs::rename(&self.out, &old).with_context(|| {
                format!(
                    "cannot move the previous output {} aside",
                    self.out.display()
                )
            })?;
            if let Err(e) = std::fs::rename(&self.staging, &self.out) {
                let _ = std::fs::rename(&old, &self.out);
                return Err(e).with_context(|| {
                    format!("cannot move the new output into {}", self.out.display())
                });
            }
            // Mark it as ours so a later cleanup of stale folders may remove it if this fails.
            let _ = std::fs::write(old.join(MARKER), MARKER_TEXT);
            std::fs::remove_dir_all(&old)
                .with_context(|| format!("cannot remove {}", old.display()))?;
        } else {
            std::fs::rename(&self.staging, &self.out).with_context(|| {
                format!("cannot move the new output into {}", self.out.display())
            })?;
        }
        Ok(())
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
            std::fs::create_dir_all(parent)
                .with_context(|| format!("cannot create {}", parent.display()))?;
        }
        // An unchanged file keeps its inode and timestamp: deploys with rsync stay small.
        if let Some(prev) = self.previous_file(path)
            && same_bytes(&prev, &bytes)
            && std::fs::hard_link(&prev, &dest).is_ok()
        {
            return Ok(());
        }
        let mut f = std::fs::File::create(&dest)
            .with_context(|| format!("cannot write {}", dest.display()))?;
        f.write_all(&bytes)
            .with_context(|| format!("cannot write {}", dest.display()))?;
        Ok(())
    }

    fn copy(&self, path: &str, from: &Path) -> Result<()> {
        let bytes =
            std::fs::read(from).with_context(|| format!("cannot read {}", from.display()))?;
        self.write(path, bytes)
    }

    fn previous(&self, path: &str) -> Option<Vec<u8>> {
        let rel = safe_rel(path).ok()?;
        std::fs::read(self.previous.as_ref()?.join(rel)).ok()
    }
}

/// Whether the file at `path` holds exactly `bytes`, read in chunks so a large file (a
/// search index, a PDF) is not held in memory twice.
fn same_bytes(path: &Path, bytes: &[u8]) -> bool {
    use std::io::Read;
    let Ok(meta) = std::fs::metadata(path) else {
        return false;
    };
    if !meta.is_file() || meta.len() != bytes.len() as u64 {
        return false;
    }
    let Ok(mut file) = std::fs::File::open(path) else {
        return false;
    };
    let mut buf = [0u8; 64 * 1024];
    let mut rest = bytes;
    loop {
        match file.read(&mut buf) {
            Ok(0) => return rest.is_empty(),
            Ok(n) if n <= rest.len() && buf[..n] == rest[..n] => rest = &rest[n..],
            Ok(_) => return false,
            Err(e) if e.kind() == std::io::ErrorKind::Interrupted => {}
            Err(_) => return false,
        }
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
        let mut entries =
            std::fs::read_dir(dir).with_context(|| format!("cannot read {}", dir.display()))?;
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
            std::fs::create_dir_all(parent)
                .with_context(|| format!("cannot create {}", parent.display()))?;
        }
        let mut f = std::fs::OpenOptions::new()
            .write(true)
            .create_new(true)
            .open(&dest)
            .with_context(|| format!("cannot create {}", dest.display()))?;
        std::io::Write::write_all(&mut f, bytes)
            .with_context(|| format!("cannot write {}", dest.display()))?;
        count += 1;
    }
    Ok(count)
}
