//! Rendering: every page of every language to HTML, plus the sitemap and copied files, into a `Sink`.

// Functions here stay short enough to read at once (threshold in clippy.toml).
#![warn(clippy::too_many_lines)]

#[cfg(feature = "pdf")]
pub mod bundle;
pub mod context;
pub mod downloads;
pub mod faq;
mod files;
mod language;
mod later;
mod meanwhile;
mod meeting;
pub mod memo;
pub mod offline;
mod options;
mod page;
mod parsed;
#[cfg(feature = "pdf")]
pub mod pdf;
pub mod plural;
pub mod print;
pub mod search;
mod shared;
pub mod strings;
pub mod templates;
pub mod theme;
pub mod toc;
mod view;
pub mod workbook;
mod written;

use std::cell::OnceCell;

use rayon::prelude::*;

use crate::content::{Page, PageKind, Translation};
use crate::diagnostic::{Diagnostic, Diagnostics};
use crate::site::Site;

pub use crate::output::{MemorySink, Sink};
use downloads::Downloads;
use language::{PageResult, render_language};
pub use later::Later;
pub use memo::PageCache;
pub use options::{Pdfs, RenderOptions, RenderSummary};
use page::{Layout, render_page};
use parsed::Parsed;
use shared::Shared;
pub use templates::Templates;
use written::Written;

/// Renders the whole site into `sink`. Template errors come back as diagnostics.
pub fn render_site(
    site: &Site,
    templates: &Templates,
    sink: &dyn Sink,
) -> Result<RenderSummary, Diagnostics> {
    render_site_cached(site, templates, sink, None, RenderOptions::default())
}

/// Like [`render_site`], reusing pages of `cache` whose inputs did not change (for `serve`).
/// The PDFs and archives are made while the pages that list none are rendered; the pages
/// that list them (with their sizes) come after. PDFs whose inputs did not change are
/// taken from the sink's previous output.
pub fn render_site_cached(
    site: &Site,
    templates: &Templates,
    sink: &dyn Sink,
    cache: Option<&PageCache>,
    opts: RenderOptions,
) -> Result<RenderSummary, Diagnostics> {
    render_site_then(site, templates, sink, cache, opts, &|| ())
}

/// [`render_site_cached`], running `meanwhile` once every page is rendered without a
/// problem, while the files that come last (the search index, the theme, the offline
/// list) are written.
pub fn render_site_then(
    site: &Site,
    templates: &Templates,
    sink: &dyn Sink,
    cache: Option<&PageCache>,
    opts: RenderOptions,
    meanwhile: &(dyn Fn() + Sync),
) -> Result<RenderSummary, Diagnostics> {
    // Every file passes the recorder, so the offline cache is named after all of them.
    let recorder = offline::Recorder::new(sink);
    let sink: &dyn Sink = &recorder;
    let written = Written::default();
    let memo = cache.map(PageCache::search);
    let indexing = opts.search_index.then(|| search::Indexing::new(site, memo));
    let names = context::languages(site, &|code| language_name(site, templates, code));
    let empty = strings::StringTable::new();
    let none = Downloads::default();
    let languages: Vec<Shared<'_>> = site
        .libraries
        .iter()
        .map(|lib| {
            let t = templates.strings.get(&lib.lang).unwrap_or(&empty);
            Shared::new(site, lib, templates, &names, &none, t)
        })
        .collect();
    let memos = memo_keys(site, templates, cache, &languages);
    // The pages of a language that `skip` leaves, added to `index`.
    let pages = |i: usize, shared: &Shared<'_>, index, skip: &(dyn Fn(&Page) -> bool + Sync)| {
        render_pages(shared, memos[i], index, sink, &written, skip)
    };
    let listing = |p: &Page| downloads::listed_on(p.kind);
    // A build writes its index while its PDFs are typeset. `serve` (with a page cache)
    // writes it last, as it always did: its memo makes the index quick there.
    let index_early = cache.is_none();
    // `written_early`: the problems of an index written while the PDFs were typeset.
    let (downloads, (early, written_early)) = match opts.pdf {
        Pdfs::Off => (Downloads::default(), Default::default()),
        Pdfs::Now => meanwhile::downloads_meanwhile(
            || downloads::make(site, templates, sink, opts.pdf_cache.as_ref()),
            || {
                let ix = indexing.as_ref();
                let early = languages.iter().enumerate();
                let early: Vec<_> = early.map(|(i, l)| pages(i, l, ix, &listing)).collect();
                // The pages that wait for the downloads are indexed now, and the index is
                // written while the PDFs are typeset instead of after them.
                let now =
                    |ix| meanwhile::index_now(&languages, &memos, ix, &listing, sink, &written);
                (early, ix.filter(|_| index_early).map(now))
            },
        )?,
        Pdfs::Later => (downloads::pending(site, sink), Default::default()),
        Pdfs::Check => (downloads::check_fonts(site, templates)?, Default::default()),
    };
    let indexed = written_early.is_some();
    let mut diags = written_early.unwrap_or_default();
    let mut early = early.into_iter();
    for (i, shared) in languages.into_iter().enumerate() {
        let shared = shared.with_downloads(&downloads);
        // The pages not rendered while the downloads were made.
        let done = early.next();
        let waited = done.is_some();
        let memo = memos[i];
        let index = indexing.as_ref().filter(|_| !indexed);
        let mut results = pages(i, &shared, index, &|p| waited && !listing(p));
        results.extend(done.into_iter().flatten());
        results.sort_by_key(|(i, _)| *i);
        render_language(&shared, memo, results, sink, &written, &mut diags)?;
    }
    if !diags.is_empty() {
        diags.sort();
        return Err(diags);
    }
    let index = indexing.as_ref().filter(|_| !indexed);
    let last = later::last_files(
        site,
        &recorder,
        index,
        opts.index_later,
        &written,
        meanwhile,
    );
    last.map(|later| {
        let pages = written.pages.into_inner();
        RenderSummary {
            pages,
            files: pages + written.files.into_inner() + downloads.files() + 2,
            pdfs: downloads.pdfs,
            pdfs_reused: downloads.pdfs_reused,
            pdfs_cached: downloads.pdfs_cached,
            listed: downloads.listed().clone(),
            pending: downloads.pending,
            warnings: downloads.warnings,
            later,
        }
    })
}

/// Each language's page cache and the key of what its pages share (made once per render).
fn memo_keys<'c>(
    site: &Site,
    templates: &Templates,
    cache: Option<&'c PageCache>,
    languages: &[Shared<'_>],
) -> Vec<Option<(&'c PageCache, u64)>> {
    let Some(cache) = cache else {
        return vec![None; languages.len()];
    };
    let shared = memo::site_key(site, templates);
    let key = |l: &Shared<'_>| memo::language_key(shared, site, l.lib, &l.nav);
    languages.iter().map(|l| Some((cache, key(l)))).collect()
}

/// A language's name for the language switcher: `[languages.X] name`, else the theme's
/// `language_name` string, else its code.
fn language_name(site: &Site, templates: &Templates, code: &str) -> String {
    let configured = site.config.languages.get(code).and_then(|l| l.name.clone());
    configured
        .or_else(|| {
            templates
                .strings
                .get(code)
                .and_then(|t| t.get("language_name"))
                .cloned()
        })
        .unwrap_or_else(|| code.to_string())
}

/// Renders the sources of a language that `skip` does not pick, in parallel; each result
/// with the source's place in its library.
fn render_pages(
    shared: &Shared<'_>,
    memo: Option<(&PageCache, u64)>,
    index: Option<&search::Indexing>,
    sink: &dyn Sink,
    written: &Written,
    skip: &(dyn Fn(&Page) -> bool + Sync),
) -> Vec<(usize, PageResult)> {
    shared
        .lib
        .pages
        .par_iter()
        .enumerate()
        .filter(|(_, page)| !skip(page))
        .map(|(i, page)| (i, render_source(shared, memo, index, page, sink, written)))
        .collect()
}

/// What a memo layout number stands for, after [`Layout`]'s own: the printable week for
/// members and for moderators.
const PRINT_MEMBERS: u8 = 2;
const PRINT_MODERATORS: u8 = 3;

/// Renders the files one source makes: its page and, for a week, its meeting view and its
/// two printable guides, and adds it to the search index. The source is parsed once (and
/// only when something is rendered from it). Returns its URL for the sitemap (none for an
/// untranslated copy: search engines get the original).
fn render_source(
    shared: &Shared<'_>,
    memo: Option<(&PageCache, u64)>,
    index: Option<&search::Indexing>,
    page: &Page,
    sink: &dyn Sink,
    written: &Written,
) -> Result<Option<String>, Diagnostic> {
    let url = format!("{}{}", shared.prefix, page.url);
    let write = |path: String, html: memo::PageBytes| {
        html.write_to(sink, &path)
            .map_err(|e| Diagnostic::from_failure(&e, &page.source.path))?;
        written.page();
        Ok::<(), Diagnostic>(())
    };
    let listed = match memo {
        Some(_) => shared
            .downloads
            .for_page(shared.site, shared.lib, page, shared.strings),
        None => Vec::new(),
    };
    // The body is parsed once for everything made from it, and only when something is (a
    // page with downloads was parsed at load and kept: see `PageKind::read_by_many`).
    let source = OnceCell::new();
    let parsed = || {
        source
            .get_or_init(|| Parsed::of(page))
            .as_ref()
            .map_err(Clone::clone)
    };
    // The page's own hash, once for all it makes (and the search index).
    let own = memo.map_or(0, |_| memo::page_hash(page));
    let render = |layout: Layout, path: &str| {
        memo::reuse_or(memo, path, own, layout as u8, &listed, || {
            render_page(shared, page, parsed()?, layout).map(String::into_bytes)
        })
    };
    let path = format!("{url}index.html");
    write(path.clone(), render(Layout::Page, &path)?)?;
    if page.kind == PageKind::Week {
        let path = format!("{url}meeting/index.html");
        write(path.clone(), render(Layout::Meeting, &path)?)?;
        for moderator in [false, true] {
            let path = print::week_path(shared, page, moderator);
            let layout = if moderator {
                PRINT_MODERATORS
            } else {
                PRINT_MEMBERS
            };
            let html = memo::reuse_or(memo, &path, own, layout, &[], || {
                print::render_week(shared, page, &parsed()?.doc, moderator).map(String::into_bytes)
            })?;
            write(path, html)?;
        }
    }
    if let Some(index) = index {
        index.add_page(url.clone(), page, own, || parsed().map(|p| &*p.doc))?;
    }
    Ok((page.translation != Translation::Fallback).then_some(url))
}
