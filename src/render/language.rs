//! What a language has besides its sources' pages: the program and Circle Kit index pages
//! it lacks, its printable program, its 404 page, its workbook, its offline list, its
//! static files and its sitemap.

use std::path::Path;

use super::page::{self, render_view};
use super::shared::Shared;
use super::view::blank_view;
use super::written::{Written, single, write_or_keep};
use super::{context, files, memo, offline, print, workbook};
use crate::content::PageKind;
use crate::diagnostic::{Diagnostic, Diagnostics};
use crate::output::Sink;
use memo::PageCache;

/// What rendering one source gave: its URL for the sitemap, if any, or its problem.
pub(super) type PageResult = Result<Option<String>, Diagnostic>;

/// Renders one language: its pages, the index pages it lacks, the printable program, its
/// 404 page, its static files and (when all went well) its sitemap. Problems with pages
/// are collected in `diags`; failures to write end the render.
pub(super) fn render_language(
    shared: &Shared<'_>,
    memo: Option<(&PageCache, u64)>,
    results: Vec<(usize, PageResult)>,
    sink: &dyn Sink,
    written: &Written,
    diags: &mut Diagnostics,
) -> Result<(), Diagnostics> {
    let mut sitemap = Vec::new();
    for (_, r) in results {
        match r {
            Ok(Some(url)) => sitemap.push(url),
            Ok(None) => {}
            Err(d) => diags.push(d),
        }
    }
    render_missing_indexes(shared, sink, written, &mut sitemap, diags)?;
    if let Some(program) = render_program(shared, memo) {
        let path = print::program_path(shared);
        if write_or_keep(sink, &path, program, diags)? {
            written.page();
        }
    }
    let not_found = format!("{}404.html", shared.prefix);
    let html = page::render_not_found(shared).map(String::into_bytes);
    write_or_keep(sink, &not_found, html, diags)?;
    if workbook::needed(shared) {
        let html = workbook::render_workbook(shared).map(String::into_bytes);
        if write_or_keep(sink, &workbook::output_path(shared), html, diags)? {
            written.page();
        }
    }
    match offline::write_language(shared, sink) {
        Ok(n) => written.files(n),
        Err(d) => diags.push(d),
    }
    for s in &shared.lib.statics {
        sink.copy(&format!("{}{}", shared.prefix, s.rel), &s.abs)
            .map_err(|e| single(Diagnostic::from_failure(&e, &s.abs)))?;
        written.files(1);
    }
    if diags.is_empty() {
        files::write_sitemap(
            shared.site,
            shared.templates,
            &shared.prefix,
            &sitemap,
            sink,
        )
        .map_err(single)?;
    }
    Ok(())
}

/// Writes the program and Circle Kit index pages a language needs but has no page for.
fn render_missing_indexes(
    shared: &Shared<'_>,
    sink: &dyn Sink,
    written: &Written,
    sitemap: &mut Vec<String>,
    diags: &mut Diagnostics,
) -> Result<(), Diagnostics> {
    let (lib, t) = (shared.lib, shared.strings);
    let indexes = [
        (
            PageKind::WeeksIndex,
            "weeks/",
            context::text(t, "the_program"),
            !shared.nav.weeks.is_empty(),
        ),
        (
            PageKind::KitsIndex,
            "kits/",
            context::text(t, "circle_kit"),
            !lib.of_kind(PageKind::Kit).is_empty(),
        ),
    ];
    for (kind, url, title, needed) in indexes {
        if !needed || lib.single(kind).is_some() {
            continue;
        }
        let full = format!("{}{url}", shared.prefix);
        let view = blank_view(shared, kind, title, &full);
        let html = render_view(shared, view, context::template_for(kind), Path::new(""))
            .map(String::into_bytes);
        if write_or_keep(sink, &format!("{full}index.html"), html, diags)? {
            written.page();
            sitemap.push(full);
        }
    }
    Ok(())
}

/// The printable whole program of a language that has weeks (none without).
fn render_program(
    shared: &Shared<'_>,
    memo: Option<(&PageCache, u64)>,
) -> Option<Result<memo::PageBytes, Diagnostic>> {
    let weeks = shared.lib.weeks();
    if weeks.is_empty() {
        return None;
    }
    let render = || print::render_program(shared).map(String::into_bytes);
    Some(match memo {
        Some((c, language)) => {
            let path = print::program_path(shared);
            c.get_or_render(&path, memo::pages_key(language, &weeks), render)
        }
        None => render().map(memo::PageBytes::Made),
    })
}
