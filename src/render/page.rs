//! One page of a language: a source rendered as its web page or its meeting timer, and
//! any page view through its template.

use std::cell::RefCell;
use std::path::Path;

use rustc_hash::FxHashMap;

use tera::Context;

use super::context::{self, PageView, WeekView};
use super::faq::{json_ld as faq_json_ld, section_starts as faq_sections};
use super::meeting;
use super::parsed::Parsed;
use super::shared::Shared;
use super::view::blank_view;
use crate::content::{Page, PageKind, Translation, faq};
use crate::diagnostic::Diagnostic;
use crate::markdown::{self, links::relative_url};
use crate::site::Site;

/// Which page to make of a source: the page itself, or a week's meeting timer.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Layout {
    Page,
    Meeting,
}

pub(super) fn render_page(
    shared: &Shared<'_>,
    page: &Page,
    parsed: &Parsed,
    layout: Layout,
) -> Result<String, Diagnostic> {
    let site = shared.site;
    let url = match layout {
        Layout::Page => format!("{}{}", shared.prefix, page.url),
        Layout::Meeting => format!("{}{}meeting/", shared.prefix, page.url),
    };
    let links = Links::new(site, page, &url);
    let rewrite = |dest: &str| links.get(dest).0;
    let mut view = blank_view(shared, page.kind, &page.title, &url);
    view.description = &page.description;
    view.alternates = shared
        .languages
        .iter()
        .filter(|l| site.has_page(&l.code, &page.source.rel))
        .collect();
    view.translation = match page.translation {
        Translation::Original => "original",
        Translation::Current => "current",
        Translation::Outdated => "outdated",
        Translation::Fallback => "fallback",
    };
    let source_ids = site.source_ids_of(page);
    let unlink = |dest: &str| links.get(dest).1;
    let categories = match page.kind {
        PageKind::Faq => faq::categories(page.outline(), page.body_len()),
        _ => Vec::new(),
    };
    // An FAQ's categories and questions are sections (for its filter), under the page's title.
    let starts = faq_sections(&categories);
    let options = markdown::RenderOptions::new(markdown::Edition::Web, &rewrite)
        .with_labels(&shared.labels)
        .with_source_ids(&source_ids)
        .with_unlink(&unlink)
        .with_sections(&starts, u8::from(page.kind == PageKind::Faq));
    match layout {
        Layout::Page => view.content = markdown::render(&parsed.doc, page.outline(), &options),
        Layout::Meeting => {
            let largest = site.config.circle.group_size[1];
            view.meeting = Some(meeting::meeting_view(page, &parsed.doc, largest, &options));
        }
    }
    view.toc = context::toc(page.outline());
    // The kits page has its downloads already: the kits' own on their cards.
    if page.kind != PageKind::KitsIndex {
        view.downloads = shared
            .downloads
            .for_page(site, shared.lib, page, shared.strings);
    }
    match page.kind {
        PageKind::Week => view.week = Some(week_view(shared, page)),
        PageKind::Faq => {
            view.faq = Some(&categories);
            view.json_ld = Some(faq_json_ld(&categories, &parsed.doc));
        }
        _ => {}
    }
    let template = match layout {
        Layout::Page => context::template_for(page.kind),
        Layout::Meeting => {
            view.kind = "meeting";
            "meeting.html"
        }
    };
    render_view(shared, view, template, &page.source.path)
}

/// The links of a page, each destination resolved once: the render asks of every link
/// whether it leads anywhere, then where.
struct Links<'a> {
    site: &'a Site,
    page: &'a Page,
    url: &'a str,
    /// Destination → (what it is rewritten to, whether it is shown as plain text).
    known: RefCell<FxHashMap<String, (Option<String>, bool)>>,
}

impl<'a> Links<'a> {
    fn new(site: &'a Site, page: &'a Page, url: &'a str) -> Links<'a> {
        Links {
            site,
            page,
            url,
            known: RefCell::default(),
        }
    }

    fn get(&self, dest: &str) -> (Option<String>, bool) {
        if let Some(known) = self.known.borrow().get(dest) {
            return known.clone();
        }
        let resolved = self.site.resolve_link(self.page, dest);
        let nowhere = matches!(&resolved, Err(p) if p.leads_nowhere());
        let rewritten = match resolved {
            Ok(Some(target)) => Some(relative_url(self.url, &target)),
            Ok(None) => None,
            // A fragment a translation cannot answer to: the top of the page (`check` warns).
            Err(problem) => problem.fallback_url().map(|u| relative_url(self.url, u)),
        };
        let known = (rewritten, nowhere);
        self.known
            .borrow_mut()
            .insert(dest.to_string(), known.clone());
        known
    }
}

/// What a week page shows of its week: number, summary, minutes, agenda, outcomes and its
/// neighbours in the program.
fn week_view<'a>(shared: &'a Shared<'_>, page: &'a Page) -> WeekView<'a> {
    let site = shared.site;
    let (agenda, agenda_total) = context::agenda_view(page);
    let meta = page.week.as_ref();
    let number = meta.map_or(0, |w| w.week);
    let pos = shared.nav.weeks.iter().position(|w| w.number == number);
    WeekView {
        number,
        summary: meta.map_or("", |w| w.summary.as_str()),
        minutes: meta.map_or(site.config.circle.meeting_minutes, |w| w.minutes),
        agenda,
        agenda_total,
        outcomes: meta.map_or(&[], |w| w.outcomes.as_slice()),
        prev: pos
            .and_then(|i| i.checked_sub(1))
            .and_then(|i| shared.nav.weeks.get(i)),
        next: pos.and_then(|i| shared.nav.weeks.get(i + 1)),
    }
}

pub(super) fn render_view(
    shared: &Shared<'_>,
    mut view: PageView<'_>,
    template: &str,
    source: &Path,
) -> Result<String, Diagnostic> {
    // A search of the HTML in Rust, not in the template: Tera's `in` on a whole page was
    // half a percent of a build.
    view.worksheets = memchr::memmem::find(view.content.as_bytes(), b"data-worksheet").is_some();
    let mut ctx = Context::new();
    ctx.insert_value("site", shared.site_value.clone());
    ctx.insert_value("nav", shared.nav_value.clone());
    ctx.insert_value("t", shared.strings_value.clone());
    ctx.insert("page", &view);
    shared.templates.render(template, ctx).map_err(|d| {
        if source.as_os_str().is_empty() {
            d
        } else {
            let help = d.help.clone().unwrap_or_default();
            d.help(format!("{help} (met while rendering {})", source.display()))
        }
    })
}

/// The 404 page of a language. Hosts serve it at any missing address, so it carries its
/// stylesheet inline and its links start from the site's root: absolute with `base-url`,
/// else root-relative (`/…`, right in `serve` and at a domain's root), which a small
/// script in the page moves under whatever sub-path the site turns out to be served from.
pub(super) fn render_not_found(shared: &Shared<'_>) -> Result<String, Diagnostic> {
    let title = context::text(shared.strings, "not_found_title");
    let mut view = blank_view(shared, PageKind::Page, title, &shared.prefix);
    let base = &shared.site.config.book.base_url;
    view.root = if base.is_empty() {
        "/".to_string()
    } else {
        base.clone()
    };
    view.lang_root = format!("{}{}", view.root, shared.prefix);
    view.kind = "not-found";
    view.inline_style = Some(stylesheet(shared.site)?);
    render_view(shared, view, "404.html", Path::new(""))
}

/// The theme's `style.css` (the site theme's own, else the built-in one), made safe to
/// put inside a `<style>` element.
pub(super) fn stylesheet(site: &crate::site::Site) -> Result<String, Diagnostic> {
    let own = site
        .root
        .join("themes")
        .join(&site.config.theme.name)
        .join("static/style.css");
    let css = if own.is_file() {
        std::fs::read_to_string(&own)
            .map_err(|e| Diagnostic::error(&own, format!("cannot read the stylesheet: {e}")))?
    } else {
        let builtin = super::theme::STATIC
            .iter()
            .find(|(name, _)| *name == "style.css")
            .map_or(&[][..], |(_, bytes)| *bytes);
        String::from_utf8_lossy(builtin).into_owned()
    };
    Ok(css.replace("</", "<\\/"))
}
