//! The content model's types: pages and their front matter, weeks, translations, and the
//! library of one language.

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use std::collections::HashMap;
use std::sync::Arc;

use super::outline_slot::OutlineSlot;
use super::source::StaticFile;
use super::source_file::SourceFile;
use crate::diagnostic::Diagnostic;
use crate::markdown::{Document, Outline};

/// What kind of page a source file is, decided by where it lives.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum PageKind {
    /// `_index.md` at the language root.
    Home,
    /// `weeks/_index.md`: the introduction of the program overview.
    WeeksIndex,
    /// `weeks/*.md`: a week guide.
    Week,
    /// `faq.md`.
    Faq,
    /// `kits/_index.md`: the introduction of the kits page.
    KitsIndex,
    /// `kits/*.md`: a Circle Kit worksheet or handout.
    Kit,
    /// Anything else.
    Page,
}

impl PageKind {
    /// Whether pages of this kind list the site's downloads (their own PDF, the kits'):
    /// week guides, kits, the FAQ and the kits page.
    pub fn lists_downloads(self) -> bool {
        matches!(
            self,
            PageKind::Week | PageKind::Kit | PageKind::Faq | PageKind::KitsIndex
        )
    }

    /// Whether several stages of a build read a page of this kind: the pages that list
    /// downloads, which every page with a PDF does. Such a page waits for the downloads, so
    /// the search index reads it while the PDFs are typeset and its HTML after them (and a
    /// week's, the whole program too). Its body, parsed at load for the outline, is kept
    /// for them ([`Page::body`]) instead of being parsed again by each; such pages are
    /// few. Other pages are parsed again where they are rendered, so memory does not grow
    /// with the site.
    pub fn read_by_many(self) -> bool {
        self.lists_downloads()
    }
}

/// A week guide's front matter.
#[derive(Debug, Clone, Deserialize, Serialize, JsonSchema, Hash)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct WeekMeta {
    /// The week's number, 1…`[circle] weeks`, unique per language.
    pub week: u32,
    /// The week's title, shown on its page, in the menus and on the program overview.
    pub title: String,
    /// One or two sentences for the program overview. Default: "".
    #[serde(default)]
    pub summary: String,
    /// The meeting's length. Default: `[circle] meeting-minutes`.
    #[serde(default)]
    pub minutes: Option<u32>,
    /// The meeting plan, item by item. Default: none.
    #[serde(default)]
    pub agenda: Vec<AgendaItem>,
    /// What members take away from the week. Default: none.
    #[serde(default)]
    pub outcomes: Vec<String>,
    /// A draft is left out of the build unless `--drafts`. Default: false.
    #[serde(default)]
    pub draft: bool,
    /// In a translation: the revision of the source it was made from (`circlekit i18n stamp`).
    #[serde(default)]
    pub source_rev: Option<String>,
}

/// Valid week front-matter keys, for help messages.
pub const WEEK_KEYS: &[&str] = &[
    "week",
    "title",
    "summary",
    "minutes",
    "agenda",
    "outcomes",
    "draft",
    "source-rev",
];

/// One item of a meeting's agenda.
#[derive(Debug, Clone, Deserialize, Serialize, JsonSchema, Hash)]
#[serde(deny_unknown_fields)]
pub struct AgendaItem {
    /// What happens, e.g. "Check-in": the heading or exercise of this title is the part
    /// of the week the item times.
    pub title: String,
    /// How many minutes it takes; a week's items should add up to its meeting's minutes.
    pub minutes: u32,
    /// The anchor of the part of the week this item times (a heading's or exercise's
    /// id), when its title is not the same as that part's. Default: the part whose
    /// title is the item's title.
    #[serde(default)]
    pub section: Option<String>,
}

/// Front matter of every page that is not a week guide.
#[derive(Debug, Clone, Default, Deserialize, Serialize, JsonSchema)]
#[serde(default, deny_unknown_fields)]
pub struct PageMeta {
    /// The page's title. Default: the first `#` heading, else the file name.
    pub title: Option<String>,
    /// A sentence for menus and the meta description. Default: "".
    pub description: String,
    /// Order in menus and lists, smaller first. Default: 0.
    pub weight: i64,
    /// A draft is left out of the build unless `--drafts`. Default: false.
    pub draft: bool,
    /// In a translation: the revision of the source it was made from (`circlekit i18n stamp`).
    #[serde(rename = "source-rev")]
    pub source_rev: Option<String>,
}

/// Valid page front-matter keys, for help messages.
pub const PAGE_KEYS: &[&str] = &["title", "description", "weight", "draft", "source-rev"];

/// How a page of a language relates to the default language's page of the same path.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Translation {
    /// A page of the default language, or one with no counterpart there.
    Original,
    /// A translation made from the current source.
    Current,
    /// A translation whose source changed since (or that records no `source-rev`).
    Outdated,
    /// No translation: the default language's page, published in this language.
    Fallback,
}

/// One page of a language, parsed and ready to check and render.
#[derive(Debug, Clone)]
pub struct Page {
    /// Where it came from.
    pub source: SourceFile,
    /// The language it is published in (differs from `source.lang` for fallback pages).
    pub lang: String,
    /// Its state as a translation.
    pub translation: Translation,
    /// The `source-rev` its front matter records, if any.
    pub source_rev: Option<String>,
    /// What it is.
    pub kind: PageKind,
    /// Its title.
    pub title: String,
    /// Its description or summary.
    pub description: String,
    /// Menu order.
    pub weight: i64,
    /// Site-relative URL within the language, a folder: "" (home), "weeks/01-start/", …
    pub url: String,
    /// Byte offset where the Markdown body starts in `source.text`.
    pub body_offset: usize,
    /// Headings and links of the body, made at load or when first needed (see
    /// [`Page::outline`]).
    pub(crate) outline: OutlineSlot,
    /// The body as parsed at load, kept when [`PageKind::read_by_many`] (and its front
    /// matter is valid); `None` for other pages.
    pub body: Option<Arc<Document>>,
    /// The week, for week guides: its front matter, with what it leaves to the site's
    /// defaults resolved.
    pub week: Option<Week>,
}

/// A page hashes every field but its outline and parsed body: both are made from the
/// source's text alone, which `source` hashes already (and hashing every heading and link of
/// every page was a tenth of a `serve` rebuild). Every field is named, so a new one does
/// not compile until it is placed.
impl std::hash::Hash for Page {
    fn hash<H: std::hash::Hasher>(&self, state: &mut H) {
        let Page {
            source,
            lang,
            translation,
            source_rev,
            kind,
            title,
            description,
            weight,
            url,
            body_offset,
            outline: _,
            body: _,
            week,
        } = self;
        (source, lang, translation, source_rev, kind).hash(state);
        (title, description, weight, url, body_offset, week).hash(state);
    }
}

/// A page's source text, held while a stage works on it.
#[derive(Debug, Clone, Default)]
pub struct PageText {
    text: Arc<String>,
    body_offset: usize,
}

impl PageText {
    /// The whole file (front matter included): what diagnostics' offsets count in.
    pub fn full(&self) -> &str {
        &self.text
    }

    /// The Markdown body.
    pub fn body(&self) -> &str {
        self.text.get(self.body_offset..).unwrap_or_default()
    }
}

/// A week guide's model: its front matter (through `Deref`) and its meeting's length,
/// resolved once from `minutes:` or `[circle] meeting-minutes`.
#[derive(Debug, Clone, Hash)]
pub struct Week {
    /// The front matter as written.
    pub meta: WeekMeta,
    /// The meeting's length in minutes.
    pub minutes: u32,
}

impl Week {
    /// The week of `meta`, with `default_minutes` when it gives none.
    pub fn new(meta: WeekMeta, default_minutes: u32) -> Week {
        let minutes = meta.minutes.unwrap_or(default_minutes);
        Week { meta, minutes }
    }
}

impl std::ops::Deref for Week {
    type Target = WeekMeta;
    fn deref(&self) -> &WeekMeta {
        &self.meta
    }
}

impl Page {
    /// The page's text (from memory, or read again: see [`SourceFile::text`]).
    pub fn text(&self) -> Result<PageText, Diagnostic> {
        Ok(PageText {
            text: self.source.text()?,
            body_offset: self.body_offset,
        })
    }

    /// Headings, links, blocks and worksheets of the body: made at load, or from the parse
    /// that renders the page, or else now, from its text read again.
    pub fn outline(&self) -> &Arc<Outline> {
        self.outline.get_or_read(|| self.text().ok())
    }

    /// The Markdown body's length in bytes.
    pub fn body_len(&self) -> usize {
        self.source.len.saturating_sub(self.body_offset)
    }

    /// The folder of the page's source file, with `/` separators: where its relative
    /// links and images start from.
    pub fn source_dir(&self) -> std::borrow::Cow<'_, str> {
        // The walk made the path from the folders' names, so its folder is what comes
        // before its last separator (parsing it as a `Path` was half the cost of a link).
        // Borrowed unless the separators are Windows' (each link asks for it).
        let path = self.source.path.to_str().unwrap_or("");
        let end = path.rfind(['/', std::path::MAIN_SEPARATOR]).unwrap_or(0);
        let dir = &path[..end];
        if dir.contains('\\') {
            dir.replace('\\', "/").into()
        } else {
            dir.into()
        }
    }
}

/// All pages of one language.
#[derive(Debug, Clone)]
pub struct Library {
    /// The language code.
    pub lang: String,
    /// Every page, sorted by source path.
    pub pages: Vec<Arc<Page>>,
    /// Non-Markdown files under `content/<lang>/`.
    pub statics: Vec<StaticFile>,
    /// Files left out of the build: drafts, and files whose front matter has errors (these
    /// are in `pages` too, made from their body, for link checks).
    pub skipped: Vec<Skipped>,
}

/// A Markdown file that is not in the library, and why.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Skipped {
    /// Path relative to the language folder.
    pub rel: String,
    /// Why it was left out.
    pub reason: SkipReason,
}

/// Why a file was left out.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SkipReason {
    /// `draft: true` (with the week number, for week guides).
    Draft(Option<u32>),
    /// Its front matter has an error (reported on its own).
    Broken,
}

impl Library {
    /// Week guides in week order.
    pub fn weeks(&self) -> Vec<&Page> {
        let mut weeks: Vec<&Page> = self
            .pages
            .iter()
            .map(Arc::as_ref)
            .filter(|p| p.kind == PageKind::Week)
            .collect();
        weeks.sort_by_key(|p| (p.week.as_ref().map_or(0, |w| w.week), p.source.rel.clone()));
        weeks
    }

    /// Pages of one kind, by weight then title.
    pub fn of_kind(&self, kind: PageKind) -> Vec<&Page> {
        let mut pages: Vec<&Page> = self
            .pages
            .iter()
            .map(Arc::as_ref)
            .filter(|p| p.kind == kind)
            .collect();
        pages.sort_by(|a, b| (a.weight, &a.title).cmp(&(b.weight, &b.title)));
        pages
    }

    /// The first page of a kind (home, FAQ, …).
    pub fn single(&self, kind: PageKind) -> Option<&Page> {
        self.pages.iter().map(Arc::as_ref).find(|p| p.kind == kind)
    }

    /// Every page by its source path relative to the language folder.
    pub fn pages_by_rel(&self) -> HashMap<&str, &Page> {
        self.pages
            .iter()
            .map(|p| (p.source.rel.as_str(), p.as_ref()))
            .collect()
    }
}
