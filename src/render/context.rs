//! The typed views templates receive: `site` and `nav` shared by all pages of a language, `page` per page.

use serde::Serialize;

use crate::content::{Library, Page, PageKind, faq};

pub use super::toc::{TocEntry, toc};
use crate::render::strings::StringTable;
use crate::site::Site;

/// `site`: the program, the same for every page of a language.
#[derive(Debug, Serialize)]
pub struct SiteView<'a> {
    /// The program's title in this language.
    pub title: &'a str,
    /// Its description in this language.
    pub description: &'a str,
    /// The language code of the pages.
    pub language: &'a str,
    /// `[book] base-url` ("" when unset), ending in `/`.
    pub base_url: &'a str,
    /// `[book] license`.
    pub license: &'a str,
    /// `[book] authors`.
    pub authors: &'a [String],
    /// `[circle] weeks`.
    pub weeks: u32,
    /// `[circle] meeting-minutes`.
    pub meeting_minutes: u32,
    /// Every language of the site, the default first.
    pub languages: &'a [LanguageView],
    /// `[book] translate-url`.
    pub translate_url: &'a str,
}

/// A language of the site.
#[derive(Debug, Clone, Serialize)]
pub struct LanguageView {
    /// Its code, e.g. "de".
    pub code: String,
    /// Its name in itself, e.g. "Deutsch".
    pub name: String,
    /// Its URL prefix: "" for the default language, "de/" for others.
    pub prefix: String,
}

/// A link in a menu; `url` is site-relative, so templates write `{{ page.root }}{{ item.url }}`.
#[derive(Debug, Clone, Serialize)]
pub struct NavItem {
    /// The label.
    pub title: String,
    /// Site-relative URL (a folder ending in `/`).
    pub url: String,
}

/// A week in the navigation and the program overview.
#[derive(Debug, Clone, Serialize)]
pub struct WeekItem {
    /// The week's number.
    pub number: u32,
    /// The week's title.
    pub title: String,
    /// Site-relative URL.
    pub url: String,
    /// The week's summary.
    pub summary: String,
    /// The meeting's length.
    pub minutes: u32,
    /// What members take away.
    pub outcomes: Vec<String>,
}

/// `nav`: the menus of a language, computed once and shared by all its pages.
#[derive(Debug, Serialize)]
pub struct NavView {
    /// The main menu: program, FAQ, kits, then top-level pages by weight.
    pub menu: Vec<NavItem>,
    /// Every week in order.
    pub weeks: Vec<WeekItem>,
}

/// One timed agenda item.
#[derive(Debug, Serialize)]
pub struct AgendaView<'a> {
    /// What happens.
    pub title: &'a str,
    /// How long.
    pub minutes: u32,
    /// Minutes from the start of the meeting.
    pub start: u32,
    /// The anchor of the part of the page it times, if it matches one.
    pub section: Option<String>,
}

/// `page.week`: a week guide's structure.
#[derive(Debug, Serialize)]
pub struct WeekView<'a> {
    /// The week's number.
    pub number: u32,
    /// Its summary.
    pub summary: &'a str,
    /// The meeting length.
    pub minutes: u32,
    /// The timed agenda.
    pub agenda: Vec<AgendaView<'a>>,
    /// The sum of the agenda's minutes.
    pub agenda_total: u32,
    /// What members take away.
    pub outcomes: &'a [String],
    /// The week before, if any.
    pub prev: Option<&'a WeekItem>,
    /// The week after, if any.
    pub next: Option<&'a WeekItem>,
}

/// An entry in a listing (kits).
#[derive(Debug, Serialize)]
pub struct ListItem<'a> {
    /// Title.
    pub title: &'a str,
    /// Description.
    pub description: &'a str,
    /// Site-relative URL.
    pub url: String,
    /// Its own downloads (a kit's PDF), shown on its card.
    pub downloads: Vec<DownloadView>,
}

/// A file to download or print, listed on week and kits pages.
#[derive(Debug, Clone, Serialize, Hash)]
pub struct DownloadView {
    /// What it is, e.g. "Member guide (PDF)".
    pub title: String,
    /// Site-relative URL, so templates write `{{ page.root }}{{ d.url }}`.
    pub url: String,
    /// "pdf", "zip" or "print" (a printable page).
    pub kind: &'static str,
    /// The file's size for people, e.g. "84 KB"; none for printable pages.
    pub size_human: Option<String>,
}

/// `page`: what a template renders.
#[derive(Debug, Serialize)]
pub struct PageView<'a> {
    /// Which template and layout: home, week, faq, kit, page, …
    pub kind: &'static str,
    /// The page's title.
    pub title: &'a str,
    /// Its description.
    pub description: &'a str,
    /// Its site-relative URL ("" for the home page).
    pub url: &'a str,
    /// Its URL within its language (`url` without the language prefix): the same page in
    /// another language is at `root` + that language's prefix + `path`.
    pub path: &'a str,
    /// The language it is shown in.
    pub lang: &'a str,
    /// "rtl" for right-to-left languages, else "ltr".
    pub dir: &'static str,
    /// original, current, outdated or fallback (see the README's translation section).
    pub translation: &'static str,
    /// The languages this page exists in (translated or not), for the language switcher
    /// and `hreflang` links: the same page is at `root` + `prefix` + `path`.
    pub alternates: Vec<&'a LanguageView>,
    /// The relative way up to the site root, e.g. "../../" (or the base URL on the 404 page).
    pub root: String,
    /// The language's URL prefix: "" or "de/".
    pub lang_prefix: &'a str,
    /// `root` + `lang_prefix`: the language's home.
    pub lang_root: String,
    /// The absolute URL, when `base-url` is set.
    pub canonical: Option<String>,
    /// The body as HTML.
    pub content: String,
    /// Whether `content` holds a worksheet (a page that needs the worksheets script).
    /// Set by `render_view` from `content`.
    pub worksheets: bool,
    /// "On this page": the body's `##` headings, exercises and worksheets, in order.
    pub toc: Vec<TocEntry<'a>>,
    /// For week guides.
    pub week: Option<WeekView<'a>>,
    /// For a week's meeting timer.
    pub meeting: Option<super::meeting::MeetingView>,
    /// For the FAQ.
    pub faq: Option<&'a [faq::Category<'a>]>,
    /// For listings (the kits page).
    pub listing: Option<Vec<ListItem<'a>>>,
    /// Structured data (schema.org JSON-LD) to embed, already safe inside `<script>`.
    pub json_ld: Option<String>,
    /// Files to download or print for this page; only those that exist in this build.
    pub downloads: Vec<DownloadView>,
    /// The theme's stylesheet, for pages that carry it inline (the 404 page, which hosts
    /// serve at any address); safe inside `<style>`.
    pub inline_style: Option<String>,
}

/// The template name for a page kind.
pub fn template_for(kind: PageKind) -> &'static str {
    match kind {
        PageKind::Home => "home.html",
        PageKind::WeeksIndex => "weeks.html",
        PageKind::Week => "week.html",
        PageKind::Faq => "faq.html",
        PageKind::KitsIndex => "kits.html",
        PageKind::Kit => "kit.html",
        PageKind::Page => "page.html",
    }
}

/// The name templates see in `page.kind`.
pub fn kind_name(kind: PageKind) -> &'static str {
    match kind {
        PageKind::Home => "home",
        PageKind::WeeksIndex => "weeks",
        PageKind::Week => "week",
        PageKind::Faq => "faq",
        PageKind::KitsIndex => "kits",
        PageKind::Kit => "kit",
        PageKind::Page => "page",
    }
}

/// Every language of the site, the default first, each named in itself.
pub fn languages(site: &Site, names: &dyn Fn(&str) -> String) -> Vec<LanguageView> {
    site.libraries
        .iter()
        .map(|l| LanguageView {
            code: l.lang.clone(),
            name: names(&l.lang),
            prefix: site.lang_prefix(&l.lang),
        })
        .collect()
}

/// Builds the shared `site` view of a language.
pub fn site_view<'a>(site: &'a Site, lang: &'a str, languages: &'a [LanguageView]) -> SiteView<'a> {
    let c = &site.config;
    SiteView {
        title: c.title_in(lang),
        description: c.description_in(lang),
        language: lang,
        base_url: &c.book.base_url,
        license: &c.book.license,
        authors: &c.book.authors,
        weeks: c.circle.weeks,
        meeting_minutes: c.circle.meeting_minutes,
        languages,
        translate_url: &c.book.translate_url,
    }
}

/// Builds the shared `nav` view of a language (once, not per page).
pub fn nav_view(site: &Site, lib: &Library, strings: &StringTable) -> NavView {
    let prefix = site.lang_prefix(&lib.lang);
    let weeks: Vec<WeekItem> = lib
        .weeks()
        .into_iter()
        .filter_map(|p| {
            let w = p.week.as_ref()?;
            Some(WeekItem {
                number: w.week,
                title: p.title.clone(),
                url: format!("{prefix}{}", p.url),
                summary: w.summary.clone(),
                minutes: w.minutes,
                outcomes: w.outcomes.clone(),
            })
        })
        .collect();
    let mut menu = Vec::new();
    if !weeks.is_empty() {
        let title = lib
            .single(PageKind::WeeksIndex)
            .map_or(text(strings, "program"), |p| p.title.as_str());
        menu.push(NavItem {
            title: title.to_string(),
            url: format!("{prefix}weeks/"),
        });
    }
    if lib.single(PageKind::Faq).is_some() {
        menu.push(NavItem {
            title: text(strings, "faq").to_string(),
            url: format!("{prefix}faq/"),
        });
    }
    if !lib.of_kind(PageKind::Kit).is_empty() {
        let title = lib
            .single(PageKind::KitsIndex)
            .map_or(text(strings, "circle_kit"), |p| p.title.as_str());
        menu.push(NavItem {
            title: title.to_string(),
            url: format!("{prefix}kits/"),
        });
    }
    for p in lib.of_kind(PageKind::Page) {
        if in_main_menu(&p.source.rel) {
            menu.push(NavItem {
                title: p.title.clone(),
                url: format!("{prefix}{}", p.url),
            });
        }
    }
    NavView { menu, weeks }
}

/// A page of the main menu: a top-level page, or the index page of a top-level folder
/// (`commands/_index.md`), which stands for the pages in it.
fn in_main_menu(rel: &str) -> bool {
    match rel.split_once('/') {
        None => true,
        Some((_, file)) => file == "_index.md" || file == "index.md",
    }
}

/// A UI string of a language, or its key when even the default language lacks it.
pub fn text<'a>(strings: &'a StringTable, key: &'a str) -> &'a str {
    strings.get(key).map_or(key, String::as_str)
}

/// The timed agenda of a week: each item's start offset from the meeting's start and the
/// anchor of the part it times.
pub fn agenda_view(page: &Page) -> (Vec<AgendaView<'_>>, u32) {
    let mut start = 0;
    let mut items = Vec::new();
    let agenda = page.week.as_ref().map_or(&[][..], |w| w.agenda.as_slice());
    let sections = crate::check::agenda::sections(page.outline(), page.body_len(), agenda);
    for (a, section) in agenda.iter().zip(sections) {
        items.push(AgendaView {
            title: &a.title,
            minutes: a.minutes,
            start,
            section: section.map(|s| s.id),
        });
        start = start.saturating_add(a.minutes);
    }
    (items, start)
}
