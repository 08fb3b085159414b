//! The authoring loop: rebuild on every change, served from memory (`serve`) or written to
//! the output folder (`watch`).
//!
//! `serve` keeps the last good site as one immutable [`Snapshot`] behind a single pointer
//! and swaps in the next one; a failed build keeps the files and adds its diagnostics,
//! which every page then shows as an overlay.

pub mod http;
pub mod livereload;
pub mod server;
pub mod session;
pub mod watch;

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, Mutex};
use std::time::Instant;

use crate::build::{self, BuildOptions, Outcome};
use crate::diagnostic::{Diagnostic, Diagnostics};
use crate::output;
use crate::render::memo::CacheStats;
use crate::render::{MemorySink, PageCache, Sink};

use livereload::{Broadcaster, Change};

/// A rendered site: output path → bytes.
pub type Files = BTreeMap<String, Vec<u8>>;

/// What the server shows: the last good files, and the errors of the last build if it failed.
#[derive(Debug)]
pub struct Snapshot {
    /// The last good site (empty when no build has worked yet).
    pub files: Arc<Files>,
    /// The diagnostics of the last build when it failed; `None` after a good build.
    pub errors: Option<Diagnostics>,
    /// This build's id, which pages compare to know whether to reload.
    pub id: String,
}

/// The site being served: the current snapshot and the pages listening for the next one.
#[derive(Debug)]
pub struct DevSite {
    current: Mutex<Arc<Snapshot>>,
    events: Broadcaster,
    instance: String,
    generation: AtomicU64,
}

impl DevSite {
    /// A site showing `files`, or nothing and `errors` when the first build failed.
    pub fn new(files: Files, errors: Option<Diagnostics>) -> DevSite {
        // Differs between runs, so pages reload after the server restarts.
        let seed = std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map_or(0, |d| d.as_nanos() as u64)
            ^ u64::from(std::process::id());
        let instance = format!("{:x}", seed & 0xffff_ffff);
        let id = format!("{instance}-0");
        DevSite {
            current: Mutex::new(Arc::new(Snapshot {
                files: Arc::new(files),
                errors,
                id,
            })),
            events: Broadcaster::default(),
            instance,
            generation: AtomicU64::new(0),
        }
    }

    /// The snapshot to answer a request from.
    pub fn current(&self) -> Arc<Snapshot> {
        self.lock().clone()
    }

    /// The open event streams.
    pub fn events(&self) -> &Broadcaster {
        &self.events
    }

    /// Shows a good build, clearing any overlay, and tells the pages what changed.
    pub fn publish(&self, files: Files) -> Change {
        self.swap(Some(files), None)
    }

    /// Keeps the last good files and shows `errors` over them on every page.
    pub fn publish_errors(&self, errors: Diagnostics) -> Change {
        self.swap(None, Some(errors))
    }

    fn swap(&self, files: Option<Files>, errors: Option<Diagnostics>) -> Change {
        let mut result = Change::Nothing;
        self.events.announce(|| {
            let mut current = self.lock();
            let change = classify(&current, files.as_ref(), errors.as_ref());
            if change != Change::Nothing {
                let n = self.generation.fetch_add(1, Ordering::Relaxed) + 1;
                let files = files.map_or_else(|| current.files.clone(), Arc::new);
                *current = Arc::new(Snapshot {
                    files,
                    errors,
                    id: format!("{}-{n}", self.instance),
                });
            }
            result = change;
            (change, current.id.clone())
        });
        result
    }

    fn lock(&self) -> std::sync::MutexGuard<'_, Arc<Snapshot>> {
        self.current.lock().unwrap_or_else(|e| e.into_inner())
    }
}

/// What a page must do to show the new state: nothing, swap stylesheets, or reload.
fn classify(old: &Snapshot, files: Option<&Files>, errors: Option<&Diagnostics>) -> Change {
    let shown = |e: Option<&Diagnostics>| e.map(Diagnostics::render);
    if shown(old.errors.as_ref()) != shown(errors) {
        return Change::Pages;
    }
    let Some(new) = files else {
        return Change::Nothing;
    };
    let old = &old.files;
    let mut styles = false;
    let changed = old
        .iter()
        .filter(|(k, v)| new.get(*k) != Some(v))
        .map(|(k, _)| k)
        .chain(new.keys().filter(|k| !old.contains_key(*k)));
    for path in changed {
        if path.ends_with(".css") {
            styles = true;
        } else {
            return Change::Pages;
        }
    }
    if styles {
        Change::Styles
    } else {
        Change::Nothing
    }
}

/// A finished render of the whole site into memory.
#[derive(Debug)]
pub struct Rendered {
    /// The files.
    pub files: Files,
    /// Pages, languages, warnings and time.
    pub outcome: Outcome,
    /// How many pages were reused from the previous build.
    pub stats: CacheStats,
    /// Files left out because they are symlinks to something outside the site.
    pub outside: Vec<String>,
}

/// A memory sink that refuses to copy a file whose real path is outside the site, so a
/// symlink in assets/ or content/ cannot make the dev server hand out other files.
#[derive(Debug)]
struct GuardedSink<'a> {
    inner: MemorySink,
    root: PathBuf,
    outside: Mutex<Vec<String>>,
    /// The last good build's downloads, so unchanged PDFs are not typeset again.
    previous: &'a Files,
}

impl Sink for GuardedSink<'_> {
    fn write(&self, path: &str, bytes: Vec<u8>) -> anyhow::Result<()> {
        self.inner.write(path, bytes)
    }

    fn copy(&self, path: &str, from: &Path) -> anyhow::Result<()> {
        match std::fs::canonicalize(from) {
            Ok(real) if real.starts_with(&self.root) => self.inner.copy(path, from),
            Ok(_) => {
                let mut outside = self.outside.lock().unwrap_or_else(|e| e.into_inner());
                outside.push(path.to_string());
                Ok(())
            }
            Err(e) => Err(anyhow::anyhow!("cannot read {}: {e}", from.display())),
        }
    }

    fn previous(&self, path: &str) -> Option<Vec<u8>> {
        self.previous.get(path).cloned()
    }
}

/// Renders the site again and again, reusing pages whose inputs did not change.
#[derive(Debug)]
pub struct Rebuilder {
    root: PathBuf,
    opts: BuildOptions,
    cache: PageCache,
    /// The PDFs (and their manifest) of the last good build.
    downloads: Mutex<Files>,
}

impl Rebuilder {
    /// A rebuilder for the site at `root`.
    pub fn new(root: &Path, opts: BuildOptions) -> Rebuilder {
        Rebuilder {
            root: root.to_path_buf(),
            opts,
            cache: PageCache::new(),
            downloads: Mutex::new(Files::new()),
        }
    }

    /// Loads, checks and renders the whole site into memory. The result equals a fresh
    /// `build`: only pages whose every input hashes the same are reused. The one
    /// difference on purpose: a symlink to a file outside the site is left out.
    pub fn render(&self) -> Result<Rendered, Diagnostics> {
        let start = Instant::now();
        let previous =
            std::mem::take(&mut *self.downloads.lock().unwrap_or_else(|e| e.into_inner()));
        let sink = GuardedSink {
            inner: MemorySink::default(),
            root: std::fs::canonicalize(&self.root).unwrap_or_else(|_| self.root.clone()),
            outside: Mutex::new(Vec::new()),
            previous: &previous,
        };
        match build::render_into_cached(&self.root, &self.opts, &sink, Some(&self.cache)) {
            Ok(mut outcome) => {
                let stats = self.cache.finish();
                outcome.elapsed = start.elapsed();
                let mut outside = sink.outside.into_inner().unwrap_or_else(|e| e.into_inner());
                outside.sort();
                let files = sink.inner.into_files();
                *self.downloads.lock().unwrap_or_else(|e| e.into_inner()) = files
                    .iter()
                    .filter(|(path, _)| path.starts_with("downloads/"))
                    .map(|(p, b)| (p.clone(), b.clone()))
                    .collect();
                Ok(Rendered {
                    files,
                    outcome,
                    stats,
                    outside,
                })
            }
            Err(diags) => {
                self.cache.abandon();
                *self.downloads.lock().unwrap_or_else(|e| e.into_inner()) = previous;
                Err(diags)
            }
        }
    }

    /// Writes rendered files to `out` through the safe output path (staging, then swap).
    pub fn write(&self, files: &Files, out: &Path) -> Result<PathBuf, Diagnostics> {
        let one = |d: Diagnostic| {
            let mut ds = Diagnostics::new();
            ds.push(d);
            ds
        };
        let staging = output::stage(&self.root, out, self.opts.force).map_err(one)?;
        for (path, bytes) in files {
            if let Err(e) = staging.write(path, bytes.clone()) {
                let d = Diagnostic::error(staging.out(), format!("{e:#}"));
                staging.abort();
                return Err(one(d));
            }
        }
        let out = staging.out().to_path_buf();
        staging
            .commit()
            .map_err(|e| one(Diagnostic::error(&out, format!("{e:#}"))))?;
        Ok(out)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn files(pairs: &[(&str, &str)]) -> Files {
        pairs
            .iter()
            .map(|(k, v)| (k.to_string(), v.as_bytes().to_vec()))
            .collect()
    }

    #[test]
    fn tells_pages_to_swap_styles_reload_or_do_nothing() {
        let site = DevSite::new(files(&[("index.html", "a"), ("s.css", "x")]), None);
        let id0 = site.current().id.clone();
        assert_eq!(
            site.publish(files(&[("index.html", "a"), ("s.css", "x")])),
            Change::Nothing
        );
        assert_eq!(site.current().id, id0);
        assert_eq!(
            site.publish(files(&[("index.html", "a"), ("s.css", "y")])),
            Change::Styles
        );
        assert_eq!(
            site.publish(files(&[("index.html", "b"), ("s.css", "y")])),
            Change::Pages
        );
        assert_eq!(site.publish(files(&[("index.html", "b")])), Change::Styles);
        assert_eq!(site.publish(files(&[])), Change::Pages);
        assert_ne!(site.current().id, id0);
    }

    #[test]
    fn a_failed_build_keeps_the_files_and_the_next_good_one_clears_the_errors() {
        let site = DevSite::new(files(&[("index.html", "a")]), None);
        let mut ds = Diagnostics::new();
        ds.push(Diagnostic::error("content/en/faq.md", "broken"));
        assert_eq!(site.publish_errors(ds.clone()), Change::Pages);
        assert_eq!(site.publish_errors(ds), Change::Nothing);
        let now = site.current();
        assert!(now.errors.is_some());
        assert_eq!(now.files.get("index.html"), Some(&b"a".to_vec()));
        assert_eq!(site.publish(files(&[("index.html", "a")])), Change::Pages);
        assert!(site.current().errors.is_none());
    }
}
