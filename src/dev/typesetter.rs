//! The thread that typesets `serve`'s PDFs in the background, at the lowest priority, and
//! the work it does.

use std::sync::Arc;
use std::sync::mpsc::Sender;
use std::time::{Duration, Instant};

use anyhow::Result;

use super::dev_site::Files;
use super::rebuild::give_back_freed_memory;
use super::store::{GuardedSink, PdfStore};
use super::watch::Signal;
use crate::build::{self, Prepared};
use crate::diagnostic::Diagnostics;
use crate::render::downloads;

/// The thread that typesets PDFs for `serve`, newest work first: work queued while it is
/// busy replaces older work not yet started. Results go back as [`Signal::Pdfs`]. Dropping
/// it ends the thread once its current work is done; nothing of that work is written to
/// disk, so the process need not wait for it.
pub(super) struct Typesetter {
    queue: Sender<PdfWork>,
}

impl Typesetter {
    pub(super) fn start(tx: Sender<Signal>) -> Result<Typesetter> {
        let (queue, work) = std::sync::mpsc::channel::<PdfWork>();
        std::thread::Builder::new()
            .name("circlekit-typesetter".into())
            .spawn(move || {
                lowest_priority();
                while let Ok(mut next) = work.recv() {
                    while let Ok(newer) = work.try_recv() {
                        next = newer;
                    }
                    let done = next.run();
                    if tx.send(Signal::Pdfs(Box::new(done))).is_err() {
                        break;
                    }
                }
            })?;
        Ok(Typesetter { queue })
    }

    pub(super) fn queue(&self, work: PdfWork) {
        let _ = self.queue.send(work);
    }
}

/// Gives the calling thread (and the threads it starts, which inherit it) the lowest CPU
/// priority, so typesetting in the background never slows the rebuild of an edit. Linux
/// keeps the nice value per thread; elsewhere the thread keeps its priority.
fn lowest_priority() {
    #[cfg(target_os = "linux")]
    {
        // SAFETY: gettid and setpriority only read their integer arguments; setpriority
        // on this thread's id changes nothing but this thread's nice value.
        let done = unsafe {
            let tid = libc::gettid();
            libc::setpriority(libc::PRIO_PROCESS, tid as libc::id_t, 19)
        };
        // Failing leaves the normal priority: slower reloads while typesetting, no harm.
        let _ = done;
    }
}

/// Typesetting a render's pending PDFs and archives, for the store.
#[derive(Debug)]
pub struct PdfWork {
    pub(super) prepared: Arc<Prepared>,
    pub(super) generation: u64,
    pub(super) store: Arc<PdfStore>,
    pub(super) cache: Option<crate::cache::CacheOptions>,
}

/// What a [`PdfWork`] did.
#[derive(Debug)]
pub struct PdfDone {
    /// The render it was for (see [`Rebuilder::generation`](super::Rebuilder::generation)).
    pub generation: u64,
    /// How many PDFs were typeset, or why they could not be.
    pub result: Result<usize, Diagnostics>,
    /// How long it took.
    pub elapsed: Duration,
    /// The downloads, for the store (see [`Rebuilder::keep`](super::Rebuilder::keep)).
    pub(super) files: Files,
}

impl PdfWork {
    /// Typesets what changed (the store supplies the rest). The results go into the store
    /// only when the session keeps them ([`Rebuilder::keep`](super::Rebuilder::keep)).
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
