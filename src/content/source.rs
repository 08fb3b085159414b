//! Source files: reading `content/<lang>/` into memory, with every file remembering where it came from.

use std::path::{Path, PathBuf};

use rayon::prelude::*;
use walkdir::WalkDir;

use super::source_file::{SourceFile, read_or_reuse};
use super::stamp::TextMemo;
use crate::diagnostic::Diagnostic;

/// A file under `content/<lang>/` that is not Markdown (an image beside a guide, a PDF…),
/// copied to the output at the same relative place.
#[derive(Debug, Clone)]
pub struct StaticFile {
    /// Absolute path on disk.
    pub abs: PathBuf,
    /// Path relative to the language folder with `/` separators.
    pub rel: String,
}

/// What `read_language` found in one language folder.
#[derive(Debug)]
pub struct LanguageFiles<T> {
    /// What was made of each Markdown file, sorted by path.
    pub markdown: Vec<T>,
    /// Everything else, sorted by path.
    pub statics: Vec<StaticFile>,
}

/// True for names an editor or the system leaves behind: dotfiles, swap and backup files.
pub fn is_ignored_name(name: &str) -> bool {
    name.starts_with('.')
        || name.starts_with('#')
        || name.ends_with('~')
        || name.ends_with(".swp")
        || name.ends_with(".swx")
        || name.ends_with(".tmp")
        || name == "4913"
}

/// Reads every file of `content/<lang>/` under `root` and hands each Markdown file, with
/// its absolute path, to `each` as soon as it is read (in parallel: a file's text need not
/// outlive what `each` makes of it). Non-UTF-8 names and texts, and Markdown files larger
/// than `max_bytes`, are diagnostics.
/// With `texts`, a file whose metadata did not change since the last load is not read again.
pub fn read_language<T: Send>(
    root: &Path,
    lang: &str,
    max_bytes: u64,
    texts: Option<&TextMemo>,
    each: impl Fn(SourceFile, &Path) -> T + Sync,
) -> (LanguageFiles<T>, Vec<Diagnostic>) {
    let dir = root.join("content").join(lang);
    let mut files = LanguageFiles {
        markdown: Vec::new(),
        statics: Vec::new(),
    };
    let mut problems = Vec::new();
    let mut to_read = Vec::new();
    let walker = WalkDir::new(&dir)
        .follow_links(true)
        .sort_by_file_name()
        .into_iter()
        .filter_entry(|e| e.depth() == 0 || !e.file_name().to_str().is_some_and(is_ignored_name));
    for entry in walker {
        let entry = match entry {
            Ok(e) => e,
            Err(e) => {
                let path = e
                    .path()
                    .map(Path::to_path_buf)
                    .unwrap_or_else(|| dir.clone());
                let shown = rel_to(root, &path);
                problems.push(if e.loop_ancestor().is_some() {
                    super::boundary::loop_link(&shown)
                } else {
                    Diagnostic::error(shown, format!("cannot read: {e}"))
                });
                continue;
            }
        };
        if !entry.file_type().is_file() {
            continue;
        }
        let abs = entry.path();
        let site_rel = rel_to(root, abs);
        let Some(rel) = abs
            .strip_prefix(&dir)
            .ok()
            .and_then(|p| p.to_str())
            .map(|s| s.replace('\\', "/"))
        else {
            problems.push(
                Diagnostic::error(site_rel, "this file name is not valid UTF-8").help(
                    "rename the file using UTF-8 characters (web addresses are made from names)",
                ),
            );
            continue;
        };
        if !rel.ends_with(".md") {
            files.statics.push(StaticFile {
                abs: abs.to_path_buf(),
                rel,
            });
            continue;
        }
        to_read.push((abs.to_path_buf(), site_rel, rel));
    }
    // The walk is sequential (it is sorted); reading and decoding the files is not.
    let read: Vec<Result<T, Diagnostic>> = to_read
        .into_par_iter()
        .map(|(abs, site_rel, rel)| {
            read_or_reuse(&abs, site_rel, rel, lang, max_bytes, texts).map(|f| each(f, &abs))
        })
        .collect();
    for r in read {
        match r {
            Ok(file) => files.markdown.push(file),
            Err(d) => problems.push(d),
        }
    }
    (files, problems)
}

/// `path` relative to `root` when it is inside it, else as it is.
pub fn rel_to(root: &Path, path: &Path) -> PathBuf {
    path.strip_prefix(root).unwrap_or(path).to_path_buf()
}
