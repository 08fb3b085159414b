//! The site's boundary: links under `content/`, `assets/` and `themes/` must stay inside
//! the site (or inside a folder `[build] allow-symlinks-to` names), so a build never
//! publishes the machine's own files.

use std::path::{Path, PathBuf};

use walkdir::WalkDir;

use crate::diagnostic::Diagnostic;

use super::source::{is_ignored_name, rel_to};

/// The folders of a site whose links are checked.
pub const CHECKED_FOLDERS: [&str; 3] = ["content", "assets", "themes"];

/// Where the files of a site may really live: its root and the folders it allows.
#[derive(Debug, Clone)]
pub struct Boundary {
    /// The site root as given, for showing paths relative to it.
    root: PathBuf,
    /// The site root and every allowed folder, with links resolved.
    inside: Vec<PathBuf>,
}

impl Boundary {
    /// The boundary of the site at `root`, widened by `allowed` (folders relative to the
    /// root, as `[build] allow-symlinks-to` lists them; one that does not exist allows nothing).
    pub fn new(root: &Path, allowed: &[PathBuf]) -> Boundary {
        let real = |p: &Path| std::fs::canonicalize(p).ok();
        let mut inside: Vec<PathBuf> = real(root).into_iter().collect();
        inside.extend(allowed.iter().filter_map(|a| real(&root.join(a))));
        Boundary {
            root: root.to_path_buf(),
            inside,
        }
    }

    /// Whether `path`, with every link in it resolved, lies inside the boundary. A path
    /// that cannot be resolved (missing, a loop) is not inside.
    pub fn contains(&self, path: &Path) -> bool {
        std::fs::canonicalize(path).is_ok_and(|real| self.holds(&real))
    }

    fn holds(&self, real: &Path) -> bool {
        self.inside.iter().any(|i| real.starts_with(i))
    }

    /// Every file or folder under `content/`, `assets/` and `themes/` that resolves to a
    /// place outside the boundary, as errors naming it. Nothing is read; a folder outside
    /// is not walked; a loop of links is left to the readers, which report it.
    pub fn outside_links(&self) -> Vec<Diagnostic> {
        CHECKED_FOLDERS
            .iter()
            .flat_map(|dir| self.outside_links_in(&self.root.join(dir)))
            .collect()
    }

    fn outside_links_in(&self, dir: &Path) -> Vec<Diagnostic> {
        let mut found = Vec::new();
        if std::fs::symlink_metadata(dir).is_err() {
            return found;
        }
        let mut walk = WalkDir::new(dir)
            .follow_links(true)
            .sort_by_file_name()
            .into_iter();
        while let Some(next) = walk.next() {
            let entry = match next {
                Ok(entry) => entry,
                // A link to a folder above this one (`/`, say) is a loop to walkdir.
                Err(e) => {
                    if let Some(path) = e.path().filter(|_| e.loop_ancestor().is_some())
                        && let Ok(real) = std::fs::canonicalize(path)
                        && !self.holds(&real)
                    {
                        found.push(outside_link(&rel_to(&self.root, path), &real));
                    }
                    continue;
                }
            };
            let is_dir = entry.file_type().is_dir();
            let ignored =
                entry.depth() > 0 && entry.file_name().to_str().is_some_and(is_ignored_name);
            if ignored {
                if is_dir {
                    walk.skip_current_dir();
                }
                continue;
            }
            if entry.depth() > 0 && !entry.path_is_symlink() {
                continue;
            }
            match std::fs::canonicalize(entry.path()) {
                Ok(real) if !self.holds(&real) => {
                    found.push(outside_link(&rel_to(&self.root, entry.path()), &real));
                    if is_dir {
                        walk.skip_current_dir();
                    }
                }
                _ => {}
            }
        }
        found
    }
}

/// The error for a link out of the site.
fn outside_link(path: &Path, real: &Path) -> Diagnostic {
    Diagnostic::error(
        path,
        format!(
            "this is a link to {}, outside the site, so circlekit will not read or publish it",
            real.display()
        ),
    )
    .help(
        "copy the file into the site instead of linking to it, or allow the folder it lives in \
         with `[build] allow-symlinks-to = [\"../shared\"]` in book.toml (paths relative to the site root)",
    )
}

/// The error for a link that leads back into a folder holding it: walking it would never end.
pub fn loop_link(path: &Path) -> Diagnostic {
    Diagnostic::error(
        path,
        "this link leads back into a folder that holds it (a loop), so it is not followed",
    )
    .help("remove the link, or point it at a folder that does not contain it")
}

#[cfg(all(test, unix))]
mod tests {
    use super::*;
    use std::os::unix::fs::symlink;

    #[test]
    fn finds_links_out_of_the_site_and_accepts_allowed_ones() {
        let tmp = tempfile::tempdir().expect("temp dir");
        let base = tmp.path().canonicalize().expect("canonical");
        let root = base.join("site");
        for d in ["content/en", "assets", "themes/t", "notes", "../shared"] {
            std::fs::create_dir_all(root.join(d)).expect("mkdir");
        }
        std::fs::write(base.join("secret"), "s").expect("write");
        std::fs::write(base.join("shared/a.txt"), "a").expect("write");
        std::fs::write(root.join("notes/n.md"), "n").expect("write");
        symlink(base.join("secret"), root.join("content/en/leak.md")).expect("link");
        symlink(&base, root.join("themes/t/up")).expect("link");
        symlink(root.join("notes"), root.join("content/en/notes")).expect("link");
        symlink(base.join("shared/a.txt"), root.join("assets/a.txt")).expect("link");

        let strict = Boundary::new(&root, &[]);
        let paths: Vec<PathBuf> = strict.outside_links().into_iter().map(|d| d.path).collect();
        assert_eq!(
            paths,
            [
                PathBuf::from("content/en/leak.md"),
                PathBuf::from("assets/a.txt"),
                PathBuf::from("themes/t/up"),
            ]
        );
        let allowing = Boundary::new(&root, &[PathBuf::from("../shared")]);
        assert_eq!(allowing.outside_links().len(), 2);
        assert!(allowing.contains(&root.join("assets/a.txt")));
        assert!(!allowing.contains(&root.join("content/en/leak.md")));
    }
}
