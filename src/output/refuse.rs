//! Which folders a build may write into: never the site itself, the home folder or `/`,
//! and a folder that exists only when circlekit made it (or `--force` says so).

use std::path::{Component, Path, PathBuf};

use crate::diagnostic::Diagnostic;

use super::in_place;
use super::marker::MARKER;

/// An absolute, lexically normalised path, with symlinks of its existing part resolved.
pub(super) fn resolve(p: &Path) -> PathBuf {
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

pub(super) fn refuse_dangerous(root: &Path, out: &Path) -> Result<(), Diagnostic> {
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

/// The output folder as it is now, when there is one to replace: only a folder that is
/// empty, carries the marker (or an unfinished update of ours), or `force` allows.
pub(super) fn previous_output(out: &Path, force: bool) -> Result<Option<PathBuf>, Diagnostic> {
    if !out.exists() {
        return Ok(None);
    }
    if !out.is_dir() {
        return Err(
            Diagnostic::error(out, "the output path is a file, not a folder")
                .help("choose another output folder with --output"),
        );
    }
    let empty = std::fs::read_dir(out)
        .map(|mut d| d.next().is_none())
        .unwrap_or(false);
    let ours = out.join(MARKER).is_file() || in_place::is_unfinished(out);
    if !empty && !ours && !force {
        return Err(Diagnostic::error(
            out,
            "this folder exists and was not made by circlekit, so the build will not replace it",
        )
        .help("choose an empty or new folder with --output, or pass --force to replace this folder and everything in it"));
    }
    Ok(Some(out.to_path_buf()))
}
