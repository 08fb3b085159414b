//! Rendering again and again for `serve`: pages whose inputs did not change are reused, and
//! PDFs are made after the pages, in the background, so a page shows its edit without
//! waiting for the typesetter.
//!
//! A render makes no download: it lists every PDF and Circle Kit archive as pending (with
//! the last known sizes). A [`PdfWork`] (run on another thread) then typesets the ones
//! whose inputs changed; the session keeps them in the `PdfStore` when it takes the
//! result ([`Rebuilder::keep`]), and [`Rebuilder::refresh`] renders the same site again
//! with every download in place. Once settled, the files equal a fresh `build`.
//!
//! An edit's render also leaves the search index and the offline lists to be written
//! once its pages are shown ([`Rebuilder::complete`]): at 10,000 pages the index is a
//! third of a rebuild, and no page waits for it.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex, MutexGuard};
use std::time::Instant;

use crate::build::{self, BuildOptions, Outcome, Prepared};
use crate::check::CheckMemo;
use crate::content::SourceMemo;
use crate::diagnostic::{Diagnostic, Diagnostics};
use crate::output::{self, SharedBytes};
use crate::render::downloads;
use crate::render::memo::CacheStats;
use crate::render::{Later, MemorySink, PageCache, Pdfs, RenderOptions, Sink};
use crate::report;

use super::dev_site::Files;
use super::pdf_work::{PdfDone, PdfWork};
use super::store::{GuardedSink, PdfStore};

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
    /// The files left to write once the pages are shown (the search index, the offline
    /// lists): see [`Rebuilder::complete`]. Until then, `files` holds the last render's.
    pub later: Option<Later>,
}

/// Index scripts: output path and bytes.
type Scripts = Vec<(String, SharedBytes)>;

/// Whether a render leaves the search index and the offline lists for later.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Leave {
    /// When there are the last render's to stand in (an edit's render).
    ForLater,
    /// Never (a render of the same site again, with its downloads).
    Never,
}

/// A diagnostic for a file a render could not keep.
fn failure(e: &anyhow::Error) -> Diagnostics {
    let mut ds = Diagnostics::new();
    ds.push(Diagnostic::from_failure(e, Path::new("")));
    ds
}

fn lock<T>(m: &Mutex<T>) -> MutexGuard<'_, T> {
    m.lock().unwrap_or_else(|e| e.into_inner())
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
    /// The index scripts of the last completed render, and which render it was.
    index: Mutex<Option<(u64, Scripts)>>,
    /// The downloads the last good render's pages list, with the sizes they show.
    listed: Mutex<BTreeMap<String, Option<u64>>>,
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
            index: Mutex::new(None),
            listed: Mutex::new(BTreeMap::new()),
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
        let rendered = self.render_prepared(&prepared, start, Pdfs::Later, Leave::ForLater)?;
        let mut last = self.last();
        let old = last.prepared.replace(prepared);
        last.generation += 1;
        *lock(&self.listed) = rendered.outcome.summary.listed.clone();
        drop(last);
        // Freeing the last site (every page, outline and link) takes milliseconds the
        // next edit need not wait for; then what was freed goes back to the system.
        std::thread::spawn(move || {
            drop(old);
            crate::free::give_back_freed_memory();
        });
        Ok(rendered)
    }

    /// Renders the last good site again, as it was loaded, with every download: those the
    /// store holds for the same inputs are taken from it, any other is typeset now (none,
    /// right after its [`PdfWork`] ran). `None` before the first good render.
    pub fn refresh(&self) -> Option<Result<Rendered, Diagnostics>> {
        let prepared = self.last().prepared.clone()?;
        let pdf = if self.opts.pdf { Pdfs::Now } else { Pdfs::Off };
        Some(self.render_prepared(&prepared, Instant::now(), pdf, Leave::Never))
    }

    /// `files` (the last good render's, complete) with the downloads `done` made for that
    /// render, when its pages would not change with them: each download they list has the
    /// size they show. That is what [`Rebuilder::refresh`] gives, without rendering the
    /// site again; `None` when a page would change, or `done` is of an older render.
    pub fn with_downloads(&self, files: &Files, done: &PdfDone) -> Option<Arc<Files>> {
        let last = self.last();
        let prepared = last.prepared.as_ref()?;
        if last.generation != done.generation || done.result.is_err() {
            return None;
        }
        let shown = |size: Option<u64>| size.map(downloads::human_size);
        let made = |path: &str| done.files.get(path).map(|b| b.len() as u64);
        let same = lock(&self.listed)
            .iter()
            .all(|(path, size)| shown(*size) == shown(made(path)));
        if !same {
            return None;
        }
        let site = &prepared.site;
        let prefixes: Vec<String> = site.lang_prefixes();
        let mut all = files.clone();
        all.extend(done.files.iter().map(|(p, b)| (p.clone(), b.clone())));
        let offline = crate::render::offline::files_for(&prefixes, &all).ok()?;
        all.extend(offline);
        Some(Arc::new(all))
    }

    /// `files` of the last render with what it left to write (`later`) written: the files
    /// a fresh `build` gives, but for the downloads still pending.
    pub fn complete(&self, files: &Files, later: Later) -> Result<Arc<Files>, Diagnostics> {
        let sink = MemorySink::default();
        let scripts = later.index_paths();
        later.write(&sink, None)?;
        let written = sink.into_shared();
        let scripts = scripts
            .into_iter()
            .filter_map(|p| written.get(&p).map(|bytes| (p, bytes.clone())))
            .collect();
        *lock(&self.index) = Some((self.generation(), scripts));
        let mut all = files.clone();
        all.extend(written);
        let all = Arc::new(all);
        self.cache.completed(&all);
        Ok(all)
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
        let mut r = self.refresh().unwrap_or_else(|| self.render())?;
        if let Some(later) = r.later.take() {
            r.files = self.complete(&r.files, later)?;
        }
        Ok(r)
    }

    fn render_prepared(
        &self,
        prepared: &Prepared,
        start: Instant,
        pdf: Pdfs,
        leave: Leave,
    ) -> Result<Rendered, Diagnostics> {
        let sink = GuardedSink::new(&prepared.site, &self.store);
        let render_opts = RenderOptions {
            pdf: if self.opts.pdf { pdf } else { Pdfs::Off },
            search_index: true,
            pdf_cache: self.opts.cache.clone(),
            index_later: true,
        };
        let rendered = build::render_prepared(prepared, &sink, Some(&self.cache), render_opts)
            .and_then(|mut outcome| {
                let later = outcome.summary.later.take();
                let later = self.leave_or_write(later, &sink, leave)?;
                Ok((outcome, later))
            });
        match rendered {
            Ok((mut outcome, later)) => {
                let files = Arc::new(sink.inner.into_shared());
                let stats = self.cache.finish(&files);
                outcome.elapsed = start.elapsed();
                let mut outside = sink.outside.into_inner().unwrap_or_else(|e| e.into_inner());
                outside.sort();
                self.store.absorb(&files);
                Ok(Rendered {
                    pending: outcome.summary.pending.clone(),
                    later,
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

    /// What a render left to write later (`ForLater`), with the last render's copies of its
    /// files in `sink` meanwhile; or nothing, when it is written now: when asked
    /// (`Never`), or when the last render has no copies to stand in (this is the first).
    /// Written now for the same site as the last completed render, it takes that render's
    /// search index instead of writing the same again.
    fn leave_or_write(
        &self,
        later: Option<Later>,
        sink: &GuardedSink<'_>,
        leave: Leave,
    ) -> Result<Option<Later>, Diagnostics> {
        let Some(later) = later else {
            return Ok(None);
        };
        let last: Option<Vec<(String, SharedBytes)>> = later
            .paths()
            .into_iter()
            .map(|p| self.cache.last_file(&p).map(|bytes| (p, bytes)))
            .collect();
        match last {
            Some(last) if leave == Leave::ForLater => {
                for (path, bytes) in last {
                    sink.inner
                        .write_shared(&path, &bytes)
                        .map_err(|e| failure(&e))?;
                }
                Ok(Some(later))
            }
            _ => {
                let generation = self.generation();
                let index = lock(&self.index);
                let same = index.as_ref().filter(|(g, _)| *g == generation);
                later.write(sink, same.map(|(_, scripts)| scripts.as_slice()))?;
                Ok(None)
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
