//! What the open pages must do to show a new snapshot of the served site: nothing, swap
//! their stylesheets, patch themselves in place, or reload.

use std::sync::Arc;

use crate::diagnostic::Diagnostics;

use super::livereload::Change;
use crate::output::MemoryFiles as Files;

/// What a page must do to go from `old` (files, errors, warnings) to the new state:
/// nothing, swap stylesheets, patch itself (pages changed and `content` says the sources
/// were page text only), or reload (also when the overlay changes: other errors, other
/// warnings).
pub(super) fn classify(
    old: (&Files, Option<&Diagnostics>, &Diagnostics),
    good: Option<&(Arc<Files>, Diagnostics)>,
    errors: Option<&Diagnostics>,
    content: bool,
) -> Change {
    let (old_files, old_errors, old_warnings) = old;
    let shown = |e: Option<&Diagnostics>| e.map(Diagnostics::render);
    if shown(old_errors) != shown(errors) {
        return Change::Pages;
    }
    let Some((new, warnings)) = good else {
        return Change::Nothing;
    };
    if old_warnings.render() != warnings.render() {
        return Change::Pages;
    }
    let pages = if content {
        Pages::Content
    } else {
        Pages::Changed
    };
    files_change(old_files, new, pages)
}

/// What a page is to make of pages that differ between two sets of files.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Pages {
    /// They changed: reload.
    Changed,
    /// Their text changed (the sources were page text only): patch in place.
    Content,
    /// They differ only in what they say of downloads made meanwhile: nothing to do.
    FromDownloads,
}

/// What changed between the files `old` and `new`: only stylesheets, pages (see
/// [`Pages`]), or nothing.
pub(super) fn files_change(old: &Files, new: &Files, pages: Pages) -> Change {
    let mut styles = false;
    // Downloads are no pages: they come and go while `serve` typesets in the background,
    // and a page that lists one changes with it.
    let changed = old
        .iter()
        // A reused page is the same allocation: equal without comparing its bytes.
        .filter(|(k, v)| new.get(*k) != Some(v))
        .map(|(k, _)| k)
        .chain(new.keys().filter(|k| !old.contains_key(*k)))
        .filter(|k| !k.starts_with("downloads/"))
        // The offline cache's name follows every other file, and the search index follows
        // the pages: neither is a change of its own.
        .filter(|k| !crate::render::offline::follows_the_output(k))
        .filter(|k| k.rsplit('/').next() != Some(crate::render::search::SCRIPT_NAME));
    for path in changed {
        if path.ends_with(".css") {
            styles = true;
        } else if pages == Pages::FromDownloads && path.ends_with(".html") {
            continue;
        } else if pages == Pages::Content {
            return Change::Content;
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
