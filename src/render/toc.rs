//! "On this page": a page's `##` sections, exercises and worksheets, in order.

use serde::Serialize;

use crate::markdown::{DirectiveKind, Heading, Outline, Worksheet};

/// An entry of "On this page": a `##` section, an exercise or a worksheet.
#[derive(Debug, Serialize)]
pub struct TocEntry<'a> {
    /// "section", "exercise" or "worksheet".
    pub kind: &'static str,
    /// The heading's text; for a worksheet the title of the part it is in, or "" when
    /// that is the entry just above it.
    pub text: &'a str,
    /// The anchor.
    pub id: &'a str,
}

/// "On this page" of a body: its `##` headings, its exercises and its worksheets, each
/// worksheet titled by the heading it follows.
pub fn toc(outline: &Outline) -> Vec<TocEntry<'_>> {
    let mut entries: Vec<(usize, TocEntry<'_>)> = Vec::new();
    for h in &outline.headings {
        let exercise = outline
            .directives
            .iter()
            .any(|d| d.kind == Some(DirectiveKind::Exercise) && d.open == h.range);
        let kind = match (h.level, exercise) {
            (_, true) => "exercise",
            (2, false) => "section",
            _ => continue,
        };
        entries.push((
            h.range.start,
            TocEntry {
                kind,
                text: &h.text,
                id: &h.id,
            },
        ));
    }
    for ws in &outline.worksheets {
        let text = worksheet_heading(outline, ws).map_or("", |h| h.text.as_str());
        entries.push((
            ws.range.start,
            TocEntry {
                kind: "worksheet",
                text,
                id: &ws.id,
            },
        ));
    }
    entries.sort_by_key(|(at, _)| *at);
    let mut out: Vec<TocEntry<'_>> = Vec::with_capacity(entries.len());
    for (_, mut e) in entries {
        if e.kind == "worksheet" && out.last().is_some_and(|p| p.text == e.text) {
            e.text = "";
        }
        out.push(e);
    }
    out
}

/// The heading a worksheet comes under: the last heading (`##` or deeper) before it.
pub fn worksheet_heading<'a>(outline: &'a Outline, ws: &Worksheet) -> Option<&'a Heading> {
    outline
        .headings
        .iter()
        .filter(|h| h.level >= 2 && h.range.start < ws.range.start)
        .max_by_key(|h| h.range.start)
}
