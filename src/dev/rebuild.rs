//! Rendering again and again for `serve`: pages whose inputs did not change are reused, and
//! PDFs are made after the pages, in the background, so a page shows its edit without
//! waiting for the typesetter.
//!
//! A render makes no download: it lists every PDF and Circle Kit archive as pending (with
//! the last known sizes). A [`PdfWork`] (run on another thread) then typesets the ones
//! whose inputs changed; the session keeps them in the [`PdfStore`] when it takes the
//! result ([`Rebuilder::keep`]), and [`Rebuilder::refresh`] renders the same site again
//! with every download in place. Once settled, the files equal a fresh `build`.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex, MutexGuard};
use std::time::{Duration, Instant};

use crate::build::{self, BuildOptions, Outcome, Prepared};
use crate::check::CheckMemo;
use crate::content::SourceMemo;
use crate::content::boundary::Boundary;
use crate::diagnostic::{Diagnostic, Diagnostics};
use crate::output::{self, SharedBytes};
use crate::render::downloads::{self, MANIFEST};
use crate::render::memo::CacheStats;
use crate::render::{MemorySink, PageCache, Pdfs, RenderOptions, Sink};
use crate::report;
use crate::site::Site;

use super::dev_site::Files;

/// A finished render of the whole site into memory.
#[derive(Debug)]
pub struct Rendered {
    /// The files (without the pending downloads), shared with the page memo, which hands
    /// out unchanged pages from them to the next render.
    pub files: Arc<Files>,
    /// Pages, languages, warnings and time.
    pub outcome: Outcome,
    /// How many pages were reused from the previous build.
    pub stats: CacheStats,
    /// Files left out because they are symlinks to something outside the site.
    pub outside: Vec<String>,
    /// Downloads (PDFs, archives) not made yet: all of them after [`Rebuilder::render`],
    /// none after [`Rebuilder::refresh`].
    pub pending: Vec<String>,
}

/// Every PDF and archive made so far: output path → the hash of its inputs and the bytes.
/// Renders take unchanged ones from here, as `build` takes them from the previous output.
#[derive(Debug, Default)]
pub struct PdfStore {
    entries: Mutex<BTreeMap<String, (String, SharedBytes)>>,
}

impl PdfStore {
    fn lock(&self) -> MutexGuard<'_, BTreeMap<String, (String, SharedBytes)>> {
        self.entries.lock().unwrap_or_else(|e| e.into_inner())
    }

    /// Takes in the downloads of `files` that its manifest describes.
    pub fn absorb(&self, files: &Files) {
        let Some(manifest) = files.get(MANIFEST) else {
            return;
        };
        let keys: BTreeMap<String, String> =
            serde_json::from_slice(&manifest.bytes()).unwrap_or_default();
        let mut entries = self.lock();
        for (path, key) in keys {
            let known = entries.get(&path).is_some_and(|(k, _)| *k == key);
            if let (false, Some(bytes)) = (known, files.get(&path)) {
                entries.insert(path, (key, bytes.clone()));
            }
        }
    }

    /// A file as the previous output would hold it; the manifest lists every entry.
    fn previous(&self, path: &str) -> Option<Vec<u8>> {
        let entries = self.lock();
        if path == MANIFEST {
            let keys: BTreeMap<&str, &str> = entries
                .iter()
                .map(|(p, (k, _))| (p.as_str(), k.as_str()))
                .collect();
            return serde_json::to_vec(&keys).ok();
        }
        entries
            .get(path)
            .map(|(_, bytes)| bytes.bytes().into_owned())
    }
}

/// A memory sink that refuses to copy a file whose real path is outside the site (and the
/// folders it allows), so a link in assets/ or content/ cannot make the dev server hand out
/// other files, even one made after the site was loaded.
#[derive(Debug)]
struct GuardedSink<'a> {
    inner: MemorySink,
    boundary: Boundary,
    outside: Mutex<Vec<String>>,
    store: &'a PdfStore,
}

impl<'a> GuardedSink<'a> {
    fn new(site: &Site, store: &'a PdfStore) -> GuardedSink<'a> {
        GuardedSink {
            inner: MemorySink::default(),
            boundary: Boundary::new(&site.root, &site.config.build.allow_symlinks_to),
            outside: Mutex::new(Vec::new()),
            store,
        }
    }
}

impl Sink for GuardedSink<'_> {
    fn write(&self, path: &str, bytes: Vec<u8>) -> anyhow::Result<()> {
        if packs(path, &bytes) {
            self.inner.write_shared(path, &SharedBytes::packed(&bytes))
        } else {
            self.inner.write(path, bytes)
        }
    }

    fn write_shared(&self, path: &str, bytes: &SharedBytes) -> anyhow::Result<()> {
        self.inner.write_shared(path, bytes)
    }

    fn copy(&self, path: &str, from: &Path) -> anyhow::Result<()> {
        match std::fs::canonicalize(from) {
            Ok(_) if self.boundary.contains(from) => self.inner.copy(path, from),
            Ok(_) => {
                let mut outside = self.outside.lock().unwrap_or_else(|e| e.into_inner());
                outside.push(path.to_string());
                Ok(())
            }
            Err(e) => Err(anyhow::anyhow!("cannot read {}: {e}", from.display())),
        }
    }

    fn previous(&self, path: &str) -> Option<Vec<u8>> {
        self.store.previous(path)
    }
}

/// Whether `serve` keeps the file packed: pages (most of what it holds; an edit makes a few
/// again), not the search index, which every edit makes again whole and which packing
/// would make later (24 MB at 10,000 pages: 60 ms).
fn packs(path: &str, bytes: &[u8]) -> bool {
    path.ends_with(".html") && bytes.len() >= 1024
}

/// Returns the memory freed since the last call to the system where the allocator keeps
/// it (glibc keeps freed pages of its arenas mapped; after each rebuild, that is the last
/// site and the last render's working memory, a few hundred MB at 10,000 pages).
fn give_back_freed_memory() {
    #[cfg(all(target_os = "linux", target_env = "gnu"))]
    {
        // SAFETY: malloc_trim only walks the allocator's own free lists, under its locks.
        let _ = unsafe { libc::malloc_trim(0) };
    }
}

/// The last good render's site, and which render it was.
#[derive(Debug, Default)]
struct Last {
    prepared: Option<Arc<Prepared>>,
    generation: u64,
}

/// Renders the site again and again, reusing pages whose inputs did not change.
#[derive(Debug)]
pub struct Rebuilder {
    root: PathBuf,
    opts: BuildOptions,
    cache: PageCache,
    store: Arc<PdfStore>,
    last: Mutex<Last>,
}

impl Rebuilder {
    /// A rebuilder for the site at `root`. Sources that did not change between two
    /// renders are not parsed again (see [`SourceMemo`]).
    pub fn new(root: &Path, mut opts: BuildOptions) -> Rebuilder {
        opts.site.memo = Some(Arc::new(SourceMemo::default()));
        opts.checks = Some(Arc::new(CheckMemo::default()));
        Rebuilder {
            root: root.to_path_buf(),
            opts,
            cache: PageCache::new(),
            store: Arc::new(PdfStore::default()),
            last: Mutex::new(Last::default()),
        }
    }

    fn last(&self) -> MutexGuard<'_, Last> {
        self.last.lock().unwrap_or_else(|e| e.into_inner())
    }

    /// Loads, checks and renders the whole site into memory. Pages are reused only when
    /// every input hashes the same; PDFs and archives are left out and listed in
    /// [`Rendered::pending`] (see [`Rebuilder::pdf_work`]). A symlink to a file outside the
    /// site is left out on purpose.
    pub fn render(&self) -> Result<Rendered, Diagnostics> {
        let start = Instant::now();
        let prepared = match build::prepare_checked(&self.root, &self.opts) {
            Ok(p) => Arc::new(p),
            Err(d) => {
                self.cache.abandon();
                return Err(d);
            }
        };
        let rendered = self.render_prepared(&prepared, start, Pdfs::Later)?;
        let mut last = self.last();
        let old = last.prepared.replace(prepared);
        last.generation += 1;
        drop(last);
        // Freeing the last site (every page, outline and link) takes milliseconds the
        // next edit need not wait for; then what was freed goes back to the system.
        std::thread::spawn(move || {
            drop(old);
            give_back_freed_memory();
        });
        Ok(rendered)
    }

    /// Renders the last good site again, as it was loaded, with every download: those the
    /// store holds for the same inputs are taken from it, any other is typeset now (none,
    /// right after its [`PdfWork`] ran). `None` before the first good render.
    pub fn refresh(&self) -> Option<Result<Rendered, Diagnostics>> {
        let prepared = self.last().prepared.clone()?;
        let pdf = if self.opts.pdf { Pdfs::Now } else { Pdfs::Off };
        Some(self.render_prepared(&prepared, Instant::now(), pdf))
    }

    /// Takes the downloads `done` made into the store, for the renders from now on. The
    /// session does it between renders, as it shows them: a render that met them in the
    /// store before would show their sizes on pages the open ones were not told of.
    pub fn keep(&self, done: &PdfDone) {
        self.store.absorb(&done.files);
    }

    /// Which good render the last one was (counting from 1), to match [`PdfDone`]s to it.
    pub fn generation(&self) -> u64 {
        self.last().generation
    }

    /// The work of making the last good render's pending downloads, to run anywhere.
    /// `None` before the first good render or when PDFs are off.
    pub fn pdf_work(&self) -> Option<PdfWork> {
        let last = self.last();
        Some(PdfWork {
            prepared: last.prepared.clone().filter(|_| self.opts.pdf)?,
            generation: last.generation,
            store: self.store.clone(),
            cache: self.opts.cache.clone(),
        })
    }

    /// Makes every pending download now and renders again: what a fresh `build` gives.
    pub fn settle(&self) -> Result<Rendered, Diagnostics> {
        if let Some(work) = self.pdf_work() {
            let done = work.run();
            self.keep(&done);
            done.result?;
        }
        self.refresh().unwrap_or_else(|| self.render())
    }

    fn render_prepared(
        &self,
        prepared: &Prepared,
        start: Instant,
        pdf: Pdfs,
    ) -> Result<Rendered, Diagnostics> {
        let sink = GuardedSink::new(&prepared.site, &self.store);
        let render_opts = RenderOptions {
            pdf: if self.opts.pdf { pdf } else { Pdfs::Off },
            search_index: true,
            pdf_cache: self.opts.cache.clone(),
        };
        match build::render_prepared(prepared, &sink, Some(&self.cache), render_opts) {
            Ok(mut outcome) => {
                let files = Arc::new(sink.inner.into_shared());
                let stats = self.cache.finish(&files);
                outcome.elapsed = start.elapsed();
                let mut outside = sink.outside.into_inner().unwrap_or_else(|e| e.into_inner());
                outside.sort();
                self.store.absorb(&files);
                Ok(Rendered {
                    pending: outcome.summary.pending.clone(),
                    files,
                    outcome,
                    stats,
                    outside,
                })
            }
            Err(diags) => {
                self.cache.abandon();
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
        let staging = output::stage(
            &self.root,
            out,
            self.opts.force,
            &report::waiting_for_output,
        )
        .map_err(|e| one(e.into_diagnostic()))?;
        for (path, bytes) in files {
            if let Err(e) = staging.write_shared(path, bytes) {
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

/// Typesetting a render's pending PDFs and archives, for the store.
#[derive(Debug)]
pub struct PdfWork {
    prepared: Arc<Prepared>,
    generation: u64,
    store: Arc<PdfStore>,
    cache: Option<crate::cache::CacheOptions>,
}

/// What a [`PdfWork`] did.
#[derive(Debug)]
pub struct PdfDone {
    /// The render it was for (see [`Rebuilder::generation`]).
    pub generation: u64,
    /// How many PDFs were typeset, or why they could not be.
    pub result: Result<usize, Diagnostics>,
    /// How long it took.
    pub elapsed: Duration,
    /// The downloads, for the store (see [`Rebuilder::keep`]).
    files: Files,
}

impl PdfWork {
    /// Typesets what changed (the store supplies the rest). The results go into the store
    /// only when the session keeps them ([`Rebuilder::keep`]).
    pub fn run(self) -> PdfDone {
        let start = Instant::now();
        let site = &self.prepared.site;
        let sink = GuardedSink::new(site, &self.store);
        let made = downloads::make(site, &self.prepared.templates, &sink, self.cache.as_ref());
        let (result, files) = match made {
            Ok(d) => (
                Ok(d.pdfs - d.pdfs_reused - d.pdfs_cached),
                sink.inner.into_shared(),
            ),
            Err(mut diags) => {
                build::finish(&mut diags, &site.root);
                (Err(diags), Files::new())
            }
        };
        let elapsed = start.elapsed();
        // The typesetter's working memory (fonts, pages, streams) goes back to the system
        // too; what Typst remembers of its layouts stays for the next edit.
        give_back_freed_memory();
        PdfDone {
            generation: self.generation,
            result,
            elapsed,
            files,
        }
    }
}
