//! Printable pages: each week guide per edition (`print/weeks/<slug>/` for members,
//! `print/weeks/<slug>/moderator/`) and the whole program (`print/program/`), rendered with
//! the theme's `print.html` and its print stylesheet: no navigation, page breaks that keep
//! headings with their text, link addresses printed after the links.

use std::path::Path;

use serde::Serialize;
use tera::Context;

use super::context::{AgendaView, agenda_view, text};
use super::parsed::Parsed;
use super::shared::Shared;
use super::view::blank_view;
use crate::content::{Page, PageKind};
use crate::diagnostic::Diagnostic;
use crate::markdown::{self, links::relative_url};

/// One week in a printable page.
#[derive(Debug, Serialize)]
pub struct PrintSection<'a> {
    /// The week's number.
    pub number: u32,
    /// Its title.
    pub title: &'a str,
    /// Its summary.
    pub summary: &'a str,
    /// The meeting's length.
    pub minutes: u32,
    /// The timed agenda.
    pub agenda: Vec<AgendaView<'a>>,
    /// The agenda's total.
    pub agenda_total: u32,
    /// What members take away.
    pub outcomes: &'a [String],
    /// The body as HTML, in this edition.
    pub content: String,
}

/// `print`: what `print.html` renders besides `page`.
#[derive(Debug, Serialize)]
pub struct PrintView<'a> {
    /// CSS paper size: "A4" or "letter".
    pub paper: &'static str,
    /// "member" or "moderator".
    pub edition: &'static str,
    /// The edition's name in the page's language.
    pub edition_label: &'a str,
    /// The weeks on the page (one, or all for the whole program).
    pub sections: Vec<PrintSection<'a>>,
}

fn section<'a>(
    shared: &'a Shared<'a>,
    page: &'a Page,
    doc: &markdown::Document,
    url: &str,
    edition: markdown::Edition,
) -> PrintSection<'a> {
    let site = shared.site;
    let unlink = |dest: &str| site.leads_nowhere(page, dest);
    let rewrite = |dest: &str| -> Option<String> {
        match site.resolve_link(page, dest) {
            Ok(Some(target)) => Some(relative_url(url, &target)),
            Ok(None) => None,
            // A fragment a translation cannot answer to: the top of the page (`check` warns).
            Err(problem) => problem.fallback_url().map(|u| relative_url(url, u)),
        }
    };
    let meta = page.week.as_ref();
    let (agenda, agenda_total) = agenda_view(page);
    PrintSection {
        number: meta.map_or(0, |w| w.week),
        title: &page.title,
        summary: meta.map_or("", |w| w.summary.as_str()),
        minutes: meta.map_or(site.config.circle.meeting_minutes, |w| w.minutes),
        agenda,
        agenda_total,
        outcomes: meta.map_or(&[], |w| w.outcomes.as_slice()),
        content: markdown::render(
            doc,
            page.outline(),
            &markdown::RenderOptions::new(edition, &rewrite)
                .with_labels(&shared.labels)
                .with_unlink(&unlink),
        ),
    }
}

fn render(
    shared: &Shared<'_>,
    title: &str,
    url: &str,
    print: PrintView<'_>,
    source: &Path,
) -> Result<String, Diagnostic> {
    let mut view = blank_view(shared, PageKind::Page, title, url);
    view.kind = "print";
    view.canonical = None;
    let mut ctx = Context::new();
    ctx.insert_value("site", shared.site_value.clone());
    ctx.insert_value("nav", shared.nav_value.clone());
    ctx.insert_value("t", shared.strings_value.clone());
    ctx.insert("page", &view);
    ctx.insert("print", &print);
    shared.templates.render("print.html", ctx).map_err(|d| {
        let help = d.help.clone().unwrap_or_default();
        let of = if source.as_os_str().is_empty() {
            "the whole program".to_string()
        } else {
            source.display().to_string()
        };
        d.help(format!(
            "{help} (met while rendering the printable page of {of})"
        ))
    })
}

/// Where a week's printable page goes: `print/<week url>` for members, `…moderator/`.
pub(super) fn week_path(shared: &Shared<'_>, page: &Page, moderator: bool) -> String {
    let base = format!("{}print/{}", shared.prefix, page.url);
    if moderator {
        format!("{base}moderator/index.html")
    } else {
        format!("{base}index.html")
    }
}

/// A week's printable page, for members or for moderators.
pub(super) fn render_week(
    shared: &Shared<'_>,
    page: &Page,
    doc: &markdown::Document,
    moderator: bool,
) -> Result<String, Diagnostic> {
    let t = shared.strings;
    let base = format!("{}print/{}", shared.prefix, page.url);
    let (edition, url, key, which) = if moderator {
        (
            "moderator",
            format!("{base}moderator/"),
            "moderator_edition",
            markdown::Edition::Moderator,
        )
    } else {
        ("member", base, "member_edition", markdown::Edition::Member)
    };
    let print = PrintView {
        paper: shared.site.config.print.paper.css(),
        edition,
        edition_label: text(t, key),
        sections: vec![section(shared, page, doc, &url, which)],
    };
    render(shared, &page.title, &url, print, &page.source.path)
}

/// Where the printable whole program goes.
pub(super) fn program_path(shared: &Shared<'_>) -> String {
    format!("{}print/program/index.html", shared.prefix)
}

/// The printable whole program (member edition); call it only when the language has weeks.
pub(super) fn render_program(shared: &Shared<'_>) -> Result<String, Diagnostic> {
    let weeks = shared.lib.weeks();
    let t = shared.strings;
    let url = format!("{}print/program/", shared.prefix);
    let print = PrintView {
        paper: shared.site.config.print.paper.css(),
        edition: "member",
        edition_label: text(t, "member_edition"),
        sections: weeks
            .iter()
            .map(|p| {
                let parsed = Parsed::of(p)?;
                let mut s = section(shared, p, &parsed.doc, &url, markdown::Edition::Member);
                // All weeks share one page here: keep each week's anchors apart.
                s.content = namespaced(&s.content, &format!("week-{:02}-", s.number));
                Ok(s)
            })
            .collect::<Result<_, Diagnostic>>()?,
    };
    let title = text(t, "the_program");
    render(shared, title, &url, print, Path::new(""))
}

/// Prefixes every id of `html`, and every reference to one (`href="#…"`,
/// `aria-labelledby`, `for`), with `prefix`, so several pages' bodies can share one page.
fn namespaced(html: &str, prefix: &str) -> String {
    html.replace(" id=\"", &format!(" id=\"{prefix}"))
        .replace(" href=\"#", &format!(" href=\"#{prefix}"))
        .replace(
            " aria-labelledby=\"",
            &format!(" aria-labelledby=\"{prefix}"),
        )
        .replace(" for=\"", &format!(" for=\"{prefix}"))
}

#[cfg(test)]
mod namespace_tests {
    use super::namespaced;

    #[test]
    fn ids_and_references_get_the_prefix() {
        let html = r##"<h2 id="close">Close</h2><a href="#close">x</a><a href="https://e.org/#a">y</a><section aria-labelledby="close">"##;
        assert_eq!(
            namespaced(html, "week-01-"),
            r##"<h2 id="week-01-close">Close</h2><a href="#week-01-close">x</a><a href="https://e.org/#a">y</a><section aria-labelledby="week-01-close">"##
        );
    }
}
