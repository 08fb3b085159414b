//! The work of typesetting a render's pending PDFs and archives, and what it made.

use std::sync::Arc;
use std::time::{Duration, Instant};

use super::dev_site::Files;
use super::store::{GuardedSink, PdfStore};
use crate::build::{self, Prepared};
use crate::diagnostic::Diagnostics;
use crate::render::downloads;

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
        crate::free::give_back_freed_memory();
        PdfDone {
            generation: self.generation,
            result,
            elapsed,
            files,
        }
    }
}
