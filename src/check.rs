//! Checks across the site: weeks present once each, agendas that add up, links that resolve,
//! directive blocks and worksheets that are well formed.

pub mod agenda;
mod blocks;
mod emphasis;
mod memo;
mod missing_weeks;
mod text;

pub use memo::CheckMemo;
use text::LazyText;

use std::collections::BTreeMap;

use rustc_hash::FxHashMap;

use rayon::prelude::*;

use crate::config::LinkLevel;
use crate::content::outline_slot::Made;
use crate::content::{Library, Page, PageKind, SkipReason, Translation, front_matter, kind_of};
use crate::diagnostic::{Diagnostic, Diagnostics, LineIndex, Severity};
use crate::site::{LinkProblem, Site};

/// Runs every check on a loaded site and adds what it finds to `diags`.
pub fn check_site(site: &Site, diags: &mut Diagnostics) {
    check_site_part(site, diags, None, Part::All);
}

/// Which checks run: a build checks most pages after rendering them, when the one parse
/// that renders each page has outlined it too (see [`Page::outline`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Part {
    /// Every check.
    All,
    /// The site as a whole, and the pages outlined at load: weeks, kits, the FAQ (what
    /// PDFs are made of), and pages titled by their first heading.
    BeforeRender,
    /// The other pages.
    AfterRender,
}

impl Part {
    fn takes(self, page: &Page) -> bool {
        let at_load = page.outline.made_how() == Some(Made::AtLoad);
        match self {
            Part::All => true,
            Part::BeforeRender => at_load,
            Part::AfterRender => !at_load,
        }
    }
}

/// The checks of `part`, taking the findings on pages that did not change (nor did the
/// configuration or any link target) from `memo` (for `serve`).
pub fn check_site_part(site: &Site, diags: &mut Diagnostics, memo: Option<&CheckMemo>, part: Part) {
    let site_key = memo.map(|_| memo::site_key(site));
    for lib in &site.libraries {
        if part != Part::AfterRender {
            check_weeks(site, lib, diags);
            check_urls(site, lib, diags);
        }
        // Each page on its own, on every core; their findings in page order.
        let found: Vec<Diagnostics> = lib
            .pages
            .par_iter()
            .filter(|page| part.takes(page))
            .map(|page| {
                let check = || {
                    let mut found = Diagnostics::new();
                    check_page(site, page, &mut found);
                    found
                };
                match memo.zip(site_key) {
                    Some((memo, key)) => memo.check(key, page, check),
                    None => check(),
                }
            })
            .collect();
        for page in found {
            diags.extend(page);
        }
    }
    if let Some(memo) = memo.filter(|_| part != Part::BeforeRender) {
        memo.finish();
    }
}

/// The checks of one page: its links, blocks, agenda, emphasis and ids.
fn check_page(site: &Site, page: &Page, diags: &mut Diagnostics) {
    if page.translation == Translation::Fallback {
        // Checked where it is written, in the default language, except for links
        // that only this language's pages break.
        check_fallback_links(site, page, diags);
        return;
    }
    let text = LazyText::new(page);
    check_links(site, page, &text, diags);
    blocks::check_blocks(page, &text, diags);
    if let Some(meta) = page.week.as_ref().filter(|m| !m.agenda.is_empty()) {
        let largest = site.config.circle.group_size[1];
        agenda::check_agenda(page, meta, largest, &text, diags);
    }
    emphasis::check_stars(page, &text, diags);
    let lines = std::cell::OnceCell::new();
    for (id, range) in &page.outline().duplicate_ids {
        let lines = lines.get_or_init(|| LineIndex::new(text.full()));
        diags.push(
            Diagnostic::error(
                &page.source.path,
                format!("the anchor `{id}` is used twice on this page"),
            )
            .at_span_in(lines, shift(range, page.body_offset))
            .help("give each heading, block and worksheet its own id"),
        );
    }
    text.finish(diags);
}

/// How many pages a check looks at: the Markdown pages of every language (those whose
/// front matter has errors too; not the fallback copies of untranslated pages).
pub fn pages_looked_at(site: &Site) -> usize {
    site.libraries
        .iter()
        .flat_map(|l| &l.pages)
        .filter(|p| p.translation != Translation::Fallback)
        .count()
}

/// With `--strict`, what would be a warning is an error: labelled, counted and failing as one.
pub fn warnings_as_errors(diags: Diagnostics) -> Diagnostics {
    let mut out = Diagnostics::new();
    out.extend(diags.into_iter().map(|mut d| {
        d.severity = Severity::Error;
        d
    }));
    out
}

fn shift(range: &std::ops::Range<usize>, by: usize) -> std::ops::Range<usize> {
    range.start + by..range.end + by
}

fn at_key(page: &Page, key: &str, d: Diagnostic) -> Diagnostic {
    let Ok(text) = page.text() else { return d };
    match front_matter::find_key(text.full(), key) {
        Some(off) => d.at_offset(text.full(), off).width(key.len()),
        None => d,
    }
}

fn check_weeks(site: &Site, lib: &Library, diags: &mut Diagnostics) {
    let max = site.config.circle.weeks;
    let weeks = lib.weeks();
    let mut seen: BTreeMap<u32, &Page> = BTreeMap::new();
    for page in &weeks {
        let Some(meta) = &page.week else { continue };
        if meta.week == 0 || meta.week > max {
            diags.push(at_key(
                page,
                "week",
                Diagnostic::error(
                    &page.source.path,
                    format!("week {} is outside the program: book.toml says `weeks = {max}`", meta.week),
                )
                .help(if max == 0 {
                    "this site has no weeks; raise `[circle] weeks` in book.toml or move the file out of weeks/".to_string()
                } else {
                    format!("number weeks from 1 to {max}, or raise `[circle] weeks` in book.toml")
                }),
            ));
        } else if let Some(first) = seen.get(&meta.week) {
            diags.push(at_key(
                page,
                "week",
                Diagnostic::error(
                    &page.source.path,
                    format!(
                        "week {} is already {}",
                        meta.week,
                        first.source.path.display()
                    ),
                )
                .help("give each guide its own week number"),
            ));
        } else {
            seen.insert(meta.week, page);
        }
        if !meta.agenda.is_empty() {
            // In u64: minutes near u32::MAX are a typo to report, not an overflow.
            let total: u64 = meta.agenda.iter().map(|a| u64::from(a.minutes)).sum();
            let length = u64::from(meta.minutes);
            if total != length {
                diags.push(at_key(
                    page,
                    "agenda",
                    Diagnostic::warning(
                        &page.source.path,
                        format!(
                            "the agenda adds up to {total} minutes, but the meeting lasts {length}"
                        ),
                    )
                    .help(if total > length {
                        format!(
                            "shorten items by {} minutes, or set `minutes: {total}`",
                            total - length
                        )
                    } else {
                        format!(
                            "plan {} more minutes, or set `minutes: {total}`",
                            length - total
                        )
                    }),
                ));
            }
        }
    }
    let is_default = lib.lang == site.config.book.language;
    // A week file with a broken front matter is reported on its own; don't add "missing".
    let broken_week = lib
        .skipped
        .iter()
        .any(|s| s.reason == SkipReason::Broken && kind_of(&s.rel) == PageKind::Week);
    if (is_default || !weeks.is_empty()) && !broken_week {
        let mut missing = Vec::new();
        for n in 1..=max {
            let draft = lib
                .skipped
                .iter()
                .find(|s| s.reason == SkipReason::Draft(Some(n)));
            if let Some(draft) = draft {
                diags.push(
                    Diagnostic::warning(
                        format!("content/{}/{}", lib.lang, draft.rel),
                        format!("week {n} is a draft, so the program is published without it"),
                    )
                    .help("remove `draft: true` when it is ready, or build with --drafts to preview it"),
                );
            } else if !seen.contains_key(&n) {
                missing.push(n);
            }
        }
        diags.extend(missing_weeks::missing_weeks(&lib.lang, &missing, max));
    }
}

fn check_urls(site: &Site, lib: &Library, diags: &mut Diagnostics) {
    let mut urls: FxHashMap<String, &Page> = FxHashMap::default();
    urls.reserve(lib.pages.len());
    let reserved = [
        ("weeks/", PageKind::WeeksIndex),
        ("kits/", PageKind::KitsIndex),
    ];
    for page in &lib.pages {
        let url = site.page_url(page);
        if let Some((_, kind)) = reserved.iter().find(|(u, _)| page.url == *u)
            && page.kind != *kind
        {
            diags.push(
                Diagnostic::error(
                    &page.source.path,
                    format!("this page's address `{url}` is taken by a built-in page"),
                )
                .help("rename the file"),
            );
            continue;
        }
        if let Some(other) = urls.insert(url.clone(), page) {
            diags.push(
                Diagnostic::error(
                    &page.source.path,
                    format!(
                        "this page and {} both become `{url}`",
                        other.source.path.display()
                    ),
                )
                .help("rename one of the files"),
            );
        }
    }
}

fn check_links(site: &Site, page: &Page, text: &LazyText<'_>, diags: &mut Diagnostics) {
    // Found once per page with a problem, so that many broken links cost linear time.
    let lines = std::cell::OnceCell::new();
    for link in &page.outline().links {
        if let Err(problem) = site.resolve_link(page, &link.dest) {
            link_problem(site, page, link, problem, (text, &lines), diags);
        }
    }
}

/// The links of an untranslated page shown in another language that resolve in the
/// default language but not in this one (an anchor the translated target lacks).
fn check_fallback_links(site: &Site, page: &Page, diags: &mut Diagnostics) {
    let text = LazyText::new(page);
    let lines = std::cell::OnceCell::new();
    for link in &page.outline().links {
        if let Err(problem) = site.resolve_link(page, &link.dest)
            && site
                .resolve_link_in(page, &page.source.lang, &link.dest)
                .is_ok()
        {
            link_problem(site, page, link, problem, (&text, &lines), diags);
        }
    }
    text.finish(diags);
}

fn link_problem<'t>(
    site: &Site,
    page: &Page,
    link: &crate::markdown::Link,
    problem: LinkProblem,
    (text, lines): (&'t LazyText<'_>, &std::cell::OnceCell<LineIndex<'t>>),
    diags: &mut Diagnostics,
) {
    let what = if link.image { "image" } else { "link" };
    let problem_at = |message: String| match site.config.check.links {
        LinkLevel::Error => Diagnostic::error(&page.source.path, message),
        LinkLevel::Warn => Diagnostic::warning(&page.source.path, message),
    };
    let d = match problem {
        LinkProblem::Missing(target) => problem_at(
            format!("{what} to `{}`, which does not exist ({target})", link.dest),
        )
        .help(if link.dest.ends_with(".md") || link.dest.contains(".md#") {
            "link to another page with its relative path, e.g. `../faq.md` or `02-next-week.md`"
        } else {
            "put images and files in assets/ or beside the page in content/, and link with a relative path"
        }),
        LinkProblem::MissingAnchor { page: target, anchor } => problem_at(
            format!("{what} to `{}`: there is no heading with the anchor `#{anchor}` in {target}", link.dest),
        )
        .help("anchors are heading texts in lowercase with spaces as hyphens and punctuation dropped, e.g. `## How long?` is `#how-long`"),
        LinkProblem::UnmappedAnchor { page: target, anchor, .. } => Diagnostic::warning(
            &page.source.path,
            format!("{what} to `{}` in the `{}` pages: the translation {target} has no anchor for `#{anchor}`, so the link goes to the top of that page", link.dest, page.lang),
        )
        .help(format!("give the matching heading, block or worksheet of {target} the id `{{#{anchor}}}`, or give it the same headings, blocks and worksheets in the same order as the original")),
        LinkProblem::OutsideSite => problem_at(
            format!("{what} to `{}` points outside the site", link.dest),
        )
        .help("link only to files inside content/ or assets/"),
    };
    let lines = lines.get_or_init(|| LineIndex::new(text.full()));
    diags.push(d.at_span_in(lines, shift(&link.range, page.body_offset)));
}

#[cfg(test)]
mod tests;
