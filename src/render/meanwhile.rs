//! What a build does while its PDFs are typeset: the typesetting itself on a thread of its
//! own, and the search index of the pages that wait for the PDFs.

use std::cell::OnceCell;
use std::path::Path;

use rayon::prelude::*;

use super::downloads::Downloads;
use super::memo::{self, PageCache};
use super::parsed::Parsed;
use super::search;
use super::shared::Shared;
use super::written::{Written, single};
use crate::content::Page;
use crate::diagnostic::{Diagnostic, Diagnostics};
use crate::output::Sink;

/// Adds the pages `only` picks, of every language, to the search index without rendering
/// them, then writes the index. Problems met here are met again when the same pages are
/// rendered (and folded into one then).
pub(super) fn index_now(
    languages: &[Shared<'_>],
    memos: &[Option<(&PageCache, u64)>],
    index: &search::Indexing,
    only: &(dyn Fn(&Page) -> bool + Sync),
    sink: &dyn Sink,
    written: &Written,
) -> Diagnostics {
    let mut diags = Diagnostics::new();
    for (shared, &memo) in languages.iter().zip(memos) {
        let failed: Vec<Diagnostic> = shared
            .lib
            .pages
            .par_iter()
            .filter(|page| only(page))
            .filter_map(|page| {
                let url = format!("{}{}", shared.prefix, page.url);
                let own = memo.map_or(0, |_| memo::page_hash(page));
                let parsed = OnceCell::new();
                let doc = || {
                    let p = parsed.get_or_init(|| Parsed::of(page));
                    p.as_ref().map(|p| &*p.doc).map_err(Clone::clone)
                };
                index.add_page(url, page, own, doc).err()
            })
            .collect();
        diags.extend(failed);
    }
    match index.finish(sink) {
        Ok(stats) => written.files(stats.len()),
        Err(e) => diags.push(Diagnostic::from_failure(&e, Path::new(""))),
    }
    diags
}

/// Makes the downloads on a thread of their own while `pages` renders the pages that list
/// none, so the typesetter and the pages share the cores instead of taking turns.
pub(super) fn downloads_meanwhile<T>(
    make: impl FnOnce() -> Result<Downloads, Diagnostics> + Send,
    pages: impl FnOnce() -> T,
) -> Result<(Downloads, T), Diagnostics> {
    std::thread::scope(|s| {
        let making = std::thread::Builder::new()
            .name("circlekit-downloads".into())
            .spawn_scoped(s, make)
            .map_err(|e| {
                let why = format!("cannot start the thread that makes the PDFs: {e}");
                single(Diagnostic::error("downloads", why))
            })?;
        let early = pages();
        let made = making
            .join()
            .unwrap_or_else(|p| std::panic::resume_unwind(p))?;
        Ok((made, early))
    })
}
