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

/// A language folder walked (nothing read yet): its Markdown files and its other files,
/// sorted by path, and what could not be walked.
#[derive(Debug)]
pub struct Walked {
    /// The language code.
    pub lang: String,
    /// Each Markdown file: its absolute path, its path from the site root, its path in
    /// the language folder.
    markdown: Vec<(PathBuf, PathBuf, String)>,
    statics: Vec<StaticFile>,
    problems: Vec<Diagnostic>,
}

/// Lists every file of `content/<lang>/` under `root`, reading none. A folder link whose
/// target is not `inside` the site is not walked (the boundary's own check reports it, see
/// [`super::boundary`]). Non-UTF-8 names are diagnostics.
pub fn walk_language(root: &Path, lang: &str, inside: impl Fn(&Path) -> bool) -> Walked {
    let dir = root.join("content").join(lang);
    let mut walked = Walked {
        lang: lang.to_string(),
        markdown: Vec::new(),
        statics: Vec::new(),
        problems: Vec::new(),
    };
    let leads_out =
        |e: &walkdir::DirEntry| e.path_is_symlink() && e.file_type().is_dir() && !inside(e.path());
    let walker = WalkDir::new(&dir)
        .follow_links(true)
        .sort_by_file_name()
        .into_iter()
        .filter_entry(|e| {
            e.depth() == 0 || !(e.file_name().to_str().is_some_and(is_ignored_name) || leads_out(e))
        });
    for entry in walker {
        let entry = match entry {
            Ok(e) => e,
            Err(e) => {
                let path = e
                    .path()
                    .map(Path::to_path_buf)
                    .unwrap_or_else(|| dir.clone());
                let shown = rel_to(root, &path);
                walked.problems.push(if e.loop_ancestor().is_some() {
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
            walked.problems.push(
                Diagnostic::error(site_rel, "this file name is not valid UTF-8").help(
                    "rename the file using UTF-8 characters (web addresses are made from names)",
                ),
            );
            continue;
        };
        if !rel.ends_with(".md") {
            walked.statics.push(StaticFile {
                abs: abs.to_path_buf(),
                rel,
            });
            continue;
        }
        walked.markdown.push((abs.to_path_buf(), site_rel, rel));
    }
    walked
}

/// Reads the Markdown files of a walked language folder and hands each, with its absolute
/// path, to `each` as soon as it is read (in parallel: a file's text need not outlive what
/// `each` makes of it). Non-UTF-8 texts, and files larger than `max_bytes`, are
/// diagnostics. With `texts`, a file whose metadata did not change since the last load is
/// not read again.
pub fn read_language<T: Send>(
    walked: Walked,
    max_bytes: u64,
    texts: Option<&TextMemo>,
    each: impl Fn(SourceFile, &Path) -> T + Sync,
) -> (LanguageFiles<T>, Vec<Diagnostic>) {
    let Walked {
        lang,
        markdown,
        statics,
        mut problems,
    } = walked;
    let read: Vec<Result<T, Diagnostic>> = markdown
        .into_par_iter()
        .map(|(abs, site_rel, rel)| {
            read_or_reuse(&abs, site_rel, rel, &lang, max_bytes, texts).map(|f| each(f, &abs))
        })
        .collect();
    let mut files = LanguageFiles {
        markdown: Vec::with_capacity(read.len()),
        statics,
    };
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

#[cfg(all(test, unix))]
mod tests {
    use super::*;

    #[test]
    fn the_walk_does_not_follow_a_folder_link_out_of_the_site() {
        let tmp = tempfile::tempdir().expect("temp");
        let (site, outside) = (tmp.path().join("site"), tmp.path().join("outside"));
        let en = site.join("content/en");
        std::fs::create_dir_all(&en).expect("content");
        std::fs::create_dir_all(outside.join("deep")).expect("outside");
        std::fs::write(en.join("a.md"), "# A\n").expect("write");
        std::fs::write(outside.join("deep/x.md"), "# X\n").expect("write");
        std::os::unix::fs::symlink(&outside, en.join("elsewhere")).expect("link");
        let names = |walked: Walked| -> Vec<String> {
            walked.markdown.into_iter().map(|(_, _, rel)| rel).collect()
        };
        use crate::content::boundary::Boundary;
        let boundary = Boundary::new(&site, &[]);
        let inside = |p: &Path| boundary.contains(p);
        assert_eq!(names(walk_language(&site, "en", inside)), ["a.md"]);
        // A folder the site allows is walked, as is any folder when all are inside.
        let allowed = Boundary::new(&site, &[PathBuf::from("../outside")]);
        let both = ["a.md", "elsewhere/deep/x.md"];
        let inside = |p: &Path| allowed.contains(p);
        assert_eq!(names(walk_language(&site, "en", inside)), both);
        assert_eq!(names(walk_language(&site, "en", |_| true)), both);
    }
}
