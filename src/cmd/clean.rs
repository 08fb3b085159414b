//! `circlekit clean`: removes the output folder, but only one that circlekit made (it
//! carries the `.circlekit-output` marker); with `--cache`, empties the PDF cache folder
//! instead, but only one that carries circlekit's `CACHEDIR.TAG`.

use circlekit::diagnostic::IoContext;
use std::path::{Path, PathBuf};

use anyhow::{Result, bail};
use clap::Args;

use super::exit::Exit;
use crate::cli::GlobalArgs;
use circlekit::output::MARKER;
use circlekit::report::{self, Verbosity};

/// Options of `clean`.
#[derive(Debug, Args)]
pub struct CleanArgs {
    /// Remove this folder instead of `[output] dir` (relative to the current folder).
    #[arg(long, short, value_name = "DIR")]
    pub output: Option<PathBuf>,
    /// Empty the PDF cache folder instead (only entries circlekit wrote, in a folder with
    /// its CACHEDIR.TAG); the output folder is left alone.
    #[arg(long, conflicts_with = "output")]
    pub cache: bool,
    /// The cache folder to empty [default: $CIRCLEKIT_CACHE_DIR, else the platform's cache
    /// folder, e.g. ~/.cache/circlekit/pdf].
    #[arg(long, value_name = "DIR", requires = "cache")]
    pub cache_dir: Option<PathBuf>,
}

impl CleanArgs {
    /// Removes the output folder when it carries circlekit's marker; refuses otherwise.
    pub fn run(self, global: &GlobalArgs) -> Result<Exit> {
        let start = std::time::Instant::now();
        if self.cache {
            return empty_cache(self.cache_dir, global.verbosity());
        }
        let (out, root) = match self.output {
            Some(out) => (out, global.site_root().ok()),
            None => {
                let root = global.site_root()?;
                let config = match super::config::load_config(&root) {
                    Ok(c) => c,
                    Err(exit) => return Ok(exit),
                };
                (root.join(config.output.dir), Some(root))
            }
        };
        let talk = global.verbosity() > Verbosity::Quiet;
        let Ok(meta) = std::fs::symlink_metadata(&out) else {
            if talk {
                eprintln!("nothing to clean: {} does not exist", out.display());
            }
            return Ok(Exit::Ok);
        };
        refuse(&out, &meta, root.as_deref())?;
        std::fs::remove_dir_all(&out).io("remove", &out)?;
        let stale = remove_staging(&out);
        if talk {
            let also = match stale {
                0 => String::new(),
                n => format!(" and {n} unfinished build folder(s) beside it"),
            };
            eprintln!(
                "removed {}{also} in {}",
                out.display(),
                report::duration(start.elapsed())
            );
        }
        Ok(Exit::Ok)
    }
}

/// Empties the cache folder (`--cache-dir`, else `CIRCLEKIT_CACHE_DIR`, else the
/// platform's); refuses a folder without circlekit's tag.
fn empty_cache(flag: Option<PathBuf>, v: Verbosity) -> Result<Exit> {
    let start = std::time::Instant::now();
    let chosen =
        circlekit::cache::CacheOptions::from_flags(flag, false).map_err(super::exit::UsageError)?;
    let Some(opts) = chosen else {
        bail!(
            "this system has no cache folder\n  = help: name the cache with --cache-dir DIR or {}",
            circlekit::cache::ENV
        );
    };
    let done = circlekit::cache::evict::empty(&opts.dir).map_err(|why| {
        anyhow::anyhow!("{why}\n  = help: pass the folder that `build --cache-dir` used")
    })?;
    report::cache_emptied(&opts.dir, done.entries, done.bytes, start.elapsed(), v);
    Ok(Exit::Ok)
}

/// Fails, saying why, unless `out` is a real folder with circlekit's marker that holds
/// neither the site nor the current folder.
fn refuse(out: &Path, meta: &std::fs::Metadata, root: Option<&Path>) -> Result<()> {
    let shown = out.display();
    if meta.file_type().is_symlink() {
        bail!(
            "{shown} is a link, so circlekit will not remove it\n  = help: remove the link yourself"
        );
    }
    if !meta.is_dir() {
        bail!("{shown} is a file, not an output folder; nothing was removed");
    }
    if !out.join(MARKER).is_file() {
        bail!(
            "{shown} has no {MARKER} marker, so circlekit did not make it and will not remove it; nothing was removed\n  = help: circlekit only removes the output folders it wrote; delete this one yourself if you are sure"
        );
    }
    let out_abs = out.canonicalize().unwrap_or_else(|_| out.to_path_buf());
    let inside = |p: &Path| p.canonicalize().is_ok_and(|p| p.starts_with(&out_abs));
    let here = std::env::current_dir().ok();
    if root.is_some_and(inside) || here.as_deref().is_some_and(inside) {
        bail!(
            "{shown} holds the site or the current folder, so circlekit will not remove it; nothing was removed"
        );
    }
    Ok(())
}

/// Removes the folders that interrupted builds left beside `out` (`.NAME.circlekit-…`,
/// marked like the output). Returns how many.
fn remove_staging(out: &Path) -> usize {
    let (Some(parent), Some(name)) = (out.parent(), out.file_name()) else {
        return 0;
    };
    let parent = if parent.as_os_str().is_empty() {
        Path::new(".")
    } else {
        parent
    };
    let prefix = format!(".{}.circlekit-", name.to_string_lossy());
    let Ok(entries) = std::fs::read_dir(parent) else {
        return 0;
    };
    entries
        .flatten()
        .filter(|e| e.file_name().to_string_lossy().starts_with(&prefix))
        .filter(|e| e.path().join(MARKER).is_file())
        .filter(|e| std::fs::remove_dir_all(e.path()).is_ok())
        .count()
}
