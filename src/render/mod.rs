//! Rendering: every page of every language to HTML, plus the sitemap and copied files, into a `Sink`.

#[cfg(feature = "pdf")]
pub mod bundle;
pub mod context;
pub mod downloads;
pub mod faq;
mod files;
pub mod memo;
mod page;
#[cfg(feature = "pdf")]
pub mod pdf;
pub mod plural;
pub mod print;
pub mod search;
mod sink;
pub mod strings;
pub mod templates;
pub mod theme;
pub mod toc;
mod view;
pub mod workbook;

use std::path::Path;
use std::sync::atomic::{AtomicUsize, Ordering};

use rayon::prelude::*;
use tera::Value;

use crate::content::{Library, PageKind, Translation};
use crate::diagnostic::{Diagnostic, Diagnostics};
use crate::markdown;
use crate::site::Site;

use context::NavView;
use downloads::Downloads;
pub use memo::PageCache;
use page::{Layout, render_page, render_view};
pub use sink::{MemorySink, Sink};
pub use templates::Templates;
use view::blank_view;

/// What rendering produced.
#[derive(Debug, Default, Clone)]
pub struct RenderSummary {
    /// HTML pages written.
    pub pages: usize,
    /// All files written or copied (pages included).
    pub files: usize,
    /// PDFs in the output.
    pub pdfs: usize,
    /// Of those, PDFs taken unchanged from the previous output.
    pub pdfs_reused: usize,
    /// Downloads left to be made later (with [`Pdfs::Later`]), by output path.
    pub pending: Vec<String>,
    /// Warnings found while rendering (a shallow clone's PDF dates).
    pub warnings: Vec<Diagnostic>,
}

/// Whether and when the PDFs and Circle Kit archives are made.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Pdfs {
    /// Not at all (`--no-pdf`, or built without the `pdf` feature).
    Off,
    /// During the render (`build`, `watch`).
    Now,
    /// None is made: all are listed as pending, with the previous output's sizes, for the
    /// caller to make afterwards (`serve`, which shows pages without waiting for them).
    Later,
    /// None is made, but their fonts are checked to cover their text (`check`).
    Check,
}

/// How to render.
#[derive(Debug, Clone, Copy)]
pub struct RenderOptions {
    /// When PDFs and the Circle Kit archives are made. Default: now when built with the
    /// `pdf` feature, else not at all.
    pub pdf: Pdfs,
    /// Build the search index of every language. Default: true (`check` has no use for it).
    pub search_index: bool,
}

#[allow(
    clippy::derivable_impls,
    reason = "the default follows the `pdf` feature, which is off in some builds"
)]
impl Default for RenderOptions {
    fn default() -> Self {
        RenderOptions {
            pdf: if cfg!(feature = "pdf") {
                Pdfs::Now
            } else {
                Pdfs::Off
            },
            search_index: true,
        }
    }
}

/// The language-wide values every page of a language shares (serialised once).
struct Shared<'a> {
    site: &'a Site,
    lib: &'a Library,
    templates: &'a Templates,
    languages: &'a [context::LanguageView],
    labels: markdown::labels::Labels,
    site_value: Value,
    nav_value: Value,
    strings_value: Value,
    nav: NavView,
    prefix: String,
    downloads: &'a Downloads,
    strings: &'a strings::StringTable,
}

/// Renders the whole site into `sink`. Template errors come back as diagnostics.
pub fn render_site(
    site: &Site,
    templates: &Templates,
    sink: &dyn Sink,
) -> Result<RenderSummary, Diagnostics> {
    render_site_cached(site, templates, sink, None, RenderOptions::default())
}

/// Like [`render_site`], reusing pages of `cache` whose inputs did not change (for `serve`).
/// PDFs and archives come first (pages list them with their sizes); PDFs whose inputs did
/// not change are taken from the sink's previous output.
pub fn render_site_cached(
    site: &Site,
    templates: &Templates,
    sink: &dyn Sink,
    cache: Option<&PageCache>,
    opts: RenderOptions,
) -> Result<RenderSummary, Diagnostics> {
    let downloads = match opts.pdf {
        Pdfs::Off => Downloads::default(),
        Pdfs::Now => downloads::make(site, templates, sink)?,
        Pdfs::Later => downloads::pending(site, sink),
        Pdfs::Check => downloads::check_fonts(site, templates)?,
    };
    let pages = AtomicUsize::new(0);
    let files = AtomicUsize::new(0);
    let mut diags = Diagnostics::new();
    let indexing = opts.search_index.then(|| search::Indexing::new(sink, site));
    let sink: &dyn Sink = match &indexing {
        Some(i) => i,
        None => sink,
    };
    let names = |code: &str| -> String {
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
    };
    let languages = context::languages(site, &names);
    for lib in &site.libraries {
        let empty = strings::StringTable::new();
        let t = templates.strings.get(&lib.lang).unwrap_or(&empty);
        let nav = context::nav_view(site, lib, t);
        let shared = Shared {
            site,
            lib,
            templates,
            site_value: Value::from_serializable(&context::site_view(site, &lib.lang, &languages)),
            languages: &languages,
            labels: markdown::labels::Labels::from_strings(&lib.lang, &|k| t.get(k).cloned()),
            nav_value: Value::from_serializable(&nav),
            strings_value: Value::from_serializable(t),
            nav,
            prefix: site.lang_prefix(&lib.lang),
            downloads: &downloads,
            strings: t,
        };
        let memo = cache.map(|c| (c, memo::language_key(site, lib, &shared.nav, templates)));
        let mut sitemap = Vec::new();
        let results: Vec<Result<Option<String>, Diagnostic>> = lib
            .pages
            .par_iter()
            .map(|page| {
                let url = format!("{}{}", shared.prefix, page.url);
                let write = |path: String, html: Vec<u8>| {
                    sink.write(&path, html).map_err(|e| {
                        Diagnostic::error(&page.source.path, format!("cannot write {path}: {e:#}"))
                    })?;
                    pages.fetch_add(1, Ordering::Relaxed);
                    Ok::<(), Diagnostic>(())
                };
                let listed = match memo {
                    Some(_) => shared.downloads.for_page(site, lib, page, t),
                    None => Vec::new(),
                };
                let render = |layout: Layout, path: &str| {
                    memo::reuse_or(memo, path, page, layout as u8, &listed, || {
                        render_page(&shared, page, layout).map(String::into_bytes)
                    })
                };
                let path = format!("{url}index.html");
                write(path.clone(), render(Layout::Page, &path)?)?;
                if page.kind == PageKind::Week {
                    let path = format!("{url}meeting/index.html");
                    write(path.clone(), render(Layout::Meeting, &path)?)?;
                    for moderator in [false, true] {
                        let path = print::week_path(&shared, page, moderator);
                        // Memo layouts after `Layout`'s own: 2 members, 3 moderators.
                        let layout = 2 + u8::from(moderator);
                        let html = memo::reuse_or(memo, &path, page, layout, &[], || {
                            print::render_week(&shared, page, moderator).map(String::into_bytes)
                        })?;
                        write(path, html)?;
                    }
                }
                // Untranslated copies stay out of the sitemap: search engines get the original.
                Ok((page.translation != Translation::Fallback).then_some(url))
            })
            .collect();
        for r in results {
            match r {
                Ok(Some(url)) => sitemap.push(url),
                Ok(None) => {}
                Err(d) => diags.push(d),
            }
        }
        for (kind, url, title) in [
            (
                PageKind::WeeksIndex,
                "weeks/",
                context::text(t, "the_program"),
            ),
            (PageKind::KitsIndex, "kits/", context::text(t, "circle_kit")),
        ] {
            let needed = match kind {
                PageKind::WeeksIndex => !shared.nav.weeks.is_empty(),
                _ => !lib.of_kind(PageKind::Kit).is_empty(),
            };
            if needed && lib.single(kind).is_none() {
                let full = format!("{}{url}", shared.prefix);
                let view = blank_view(&shared, kind, title, &full);
                match render_view(&shared, view, context::template_for(kind), Path::new("")) {
                    Ok(html) => {
                        sink.write(&format!("{full}index.html"), html.into_bytes())
                            .map_err(|e| {
                                single(Diagnostic::error("", format!("cannot write {full}: {e:#}")))
                            })?;
                        pages.fetch_add(1, Ordering::Relaxed);
                        sitemap.push(full);
                    }
                    Err(d) => diags.push(d),
                }
            }
        }
        let weeks = lib.weeks();
        if !weeks.is_empty() {
            let path = print::program_path(&shared);
            let render = || print::render_program(&shared).map(String::into_bytes);
            let html = match memo {
                Some((c, language)) => {
                    c.get_or_render(&path, memo::pages_key(language, &weeks), render)
                }
                None => render(),
            };
            // Collected with the pages' problems: a template error met on every page is
            // then reported once, at the first page that met it.
            match html {
                Ok(html) => {
                    sink.write(&path, html).map_err(|e| {
                        single(Diagnostic::error("", format!("cannot write {path}: {e:#}")))
                    })?;
                    pages.fetch_add(1, Ordering::Relaxed);
                }
                Err(d) => diags.push(d),
            }
        }
        if workbook::needed(&shared) {
            let path = workbook::output_path(&shared);
            match workbook::render_workbook(&shared) {
                Ok(html) => {
                    sink.write(&path, html.into_bytes()).map_err(|e| {
                        single(Diagnostic::error("", format!("cannot write {path}: {e:#}")))
                    })?;
                    pages.fetch_add(1, Ordering::Relaxed);
                }
                Err(d) => diags.push(d),
            }
        }
        let not_found = format!("{}404.html", shared.prefix);
        match page::render_not_found(&shared) {
            Ok(html) => sink.write(&not_found, html.into_bytes()).map_err(|e| {
                single(Diagnostic::error(
                    "",
                    format!("cannot write {not_found}: {e:#}"),
                ))
            })?,
            Err(d) => diags.push(d),
        }
        for s in &lib.statics {
            sink.copy(&format!("{}{}", shared.prefix, s.rel), &s.abs)
                .map_err(|e| single(Diagnostic::error(&s.abs, format!("{e:#}"))))?;
            files.fetch_add(1, Ordering::Relaxed);
        }
        if diags.is_empty() {
            files::write_sitemap(site, templates, &shared.prefix, &sitemap, sink)
                .map_err(single)?;
        }
    }
    if !diags.is_empty() {
        diags.sort();
        return Err(diags);
    }
    if let Some(indexing) = &indexing {
        let indexes = indexing
            .finish()
            .map_err(|e| single(Diagnostic::error("", format!("{e:#}"))))?;
        files.fetch_add(indexes.len(), Ordering::Relaxed);
    }
    files.fetch_add(
        files::copy_theme_and_assets(site, sink).map_err(single)?,
        Ordering::Relaxed,
    );
    let pages = pages.into_inner();
    Ok(RenderSummary {
        pages,
        files: pages + files.into_inner() + downloads.files() + 2,
        pdfs: downloads.pdfs,
        pdfs_reused: downloads.pdfs_reused,
        pending: downloads.pending,
        warnings: downloads.warnings,
    })
}

fn single(d: Diagnostic) -> Diagnostics {
    let mut ds = Diagnostics::new();
    ds.push(d);
    ds
}
