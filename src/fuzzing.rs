//! Entry points for the fuzz targets in `fuzz/` and for the test that replays their corpus,
//! so both run exactly the same code. Not a stable API.
//!
//! Each function takes any bytes, runs them through the code a build or `serve` runs on
//! an author's file or a request, and panics only when that code panics or one of the
//! invariants checked here breaks.

use std::path::Path;
use std::sync::OnceLock;

use crate::config::Config;
use crate::content::outline_slot::OutlineSlot;
use crate::content::{
    self, Library, Page, PageKind, PageMeta, SourceFile, Translation, WeekMeta, front_matter,
};
use crate::dev::{http, livereload};
use crate::diagnostic::{Diagnostic, Diagnostics};
use crate::markdown::{self, Edition, Outline, RenderOptions, links::relative_url};
use crate::site::{Site, SiteOptions};

const EDITIONS: [Edition; 3] = [Edition::Web, Edition::Member, Edition::Moderator];

/// Fuzz input as a source file's text: invalid UTF-8 replaced, a byte-order mark removed
/// (as the content reader does).
fn text(data: &[u8]) -> String {
    let text = String::from_utf8_lossy(data);
    text.strip_prefix('\u{feff}').unwrap_or(&text).to_string()
}

fn source(lang: &str, rel: &str, text: String) -> SourceFile {
    SourceFile::new(
        format!("content/{lang}/{rel}").into(),
        rel.to_string(),
        lang.to_string(),
        text,
    )
}

/// Renders a diagnostic as `check` prints it, and checks that it points into `text`.
fn show(d: &Diagnostic, text: &str) {
    let shown = d.render();
    assert!(shown.contains(&d.message), "{shown}");
    if d.line > 0 {
        assert!(
            d.line <= text.split('\n').count(),
            "line {} is past the end of the file",
            d.line
        );
    }
}

/// Front matter: splitting it off a page and parsing it as a week guide's and as another
/// page's, with the diagnostics `check` would print.
pub fn front_matter(data: &[u8]) {
    let text = text(data);
    for rel in ["weeks/01-fuzz.md", "fuzz.md"] {
        let path = std::path::PathBuf::from(format!("content/en/{rel}"));
        let problem = match front_matter::split(&path, &text) {
            Ok(split) => {
                assert_eq!(text.get(split.body_offset..), Some(split.body));
                read_alike::<WeekMeta>(split.yaml);
                read_alike::<PageMeta>(split.yaml);
                if content::kind_of(rel) == PageKind::Week {
                    front_matter::parse::<WeekMeta>(&path, &split, content::WEEK_KEYS).err()
                } else {
                    front_matter::parse::<PageMeta>(&path, &split, content::PAGE_KEYS).err()
                }
            }
            Err(d) => Some(d),
        };
        if let Some(d) = problem {
            show(&d, &text);
        }
    }
    for key in content::WEEK_KEYS {
        if let Some(off) = front_matter::find_key(&text, key) {
            assert!(text[off..].starts_with(key));
        }
    }
}

/// Asserts that the fast path for plain front matter reads `yaml` as the YAML parser
/// does, wherever it reads it at all.
fn read_alike<T: serde::de::DeserializeOwned + serde::Serialize>(yaml: &str) {
    if let Some(fast) = front_matter::flat::read::<T>(yaml) {
        let parsed = serde_yaml::from_str::<T>(yaml).ok();
        let json = |v: &T| serde_json::to_string(v).ok();
        assert_eq!(Some(json(&fast)), parsed.as_ref().map(json), "{yaml:?}");
    }
}

/// Asserts that every byte range of an outline lies inside `body` on character boundaries.
fn check_ranges(body: &str, outline: &Outline) {
    let ranges = (outline.headings.iter().map(|h| &h.range))
        .chain(outline.links.iter().map(|l| &l.range))
        .chain(outline.problems.iter().map(|p| &p.range))
        .chain(outline.duplicate_ids.iter().map(|(_, r)| r))
        .chain(outline.directives.iter().flat_map(|d| [&d.range, &d.open]));
    for r in ranges {
        assert!(
            body.get(r.clone()).is_some(),
            "range {r:?} is not in the body"
        );
    }
}

/// Directive blocks and worksheets: a body's first pass (with its problems as diagnostics)
/// and its HTML in every edition.
pub fn directives(data: &[u8]) {
    let body = text(data);
    let doc = markdown::Document::parse(&body);
    let outline = markdown::outline_of(&doc, &body);
    check_ranges(&body, &outline);
    for p in &outline.problems {
        let d = Diagnostic::error("content/en/fuzz.md", &p.message).at_span(&body, p.range.clone());
        show(&d, &body);
    }
    let keep = |_: &str| None;
    for edition in EDITIONS {
        markdown::render(&doc, &outline, &RenderOptions::new(edition, &keep));
    }
}

/// Loads a site for [`markdown`] (the bundled program: its pages and files are what the
/// fuzzed page's links resolve to).
///
/// # Panics
/// When the site does not load: the fuzz targets cannot run without it.
pub fn site(root: &Path) -> Site {
    match Site::load(root, &SiteOptions::default()) {
        Ok((site, _)) => site,
        Err(diags) => panic!(
            "the site at {} does not load:\n{}",
            root.display(),
            diags.render()
        ),
    }
}

/// A page loaded from `text` as the content reader loads it (a week guide when its front
/// matter is one), or `None` when its front matter is broken (after showing the diagnostic).
fn page(lang: &str, text: String) -> Option<Page> {
    let week = source(lang, "weeks/01-fuzz.md", text.clone());
    let split = front_matter::split(&week.path, &text).ok()?;
    let (body_offset, outline) = (split.body_offset, markdown::outline(split.body));
    check_ranges(split.body, &outline);
    let meta = front_matter::parse::<WeekMeta>(&week.path, &split, content::WEEK_KEYS);
    let (source, kind, meta) = match meta {
        Ok(meta) => (week, PageKind::Week, Ok(meta)),
        Err(_) => {
            let other = source(lang, "guides/fuzz.md", text.clone());
            match front_matter::parse::<PageMeta>(&other.path, &split, content::PAGE_KEYS) {
                Ok(meta) => (other, PageKind::Page, Err(meta)),
                Err(d) => {
                    show(&d, &text);
                    return None;
                }
            }
        }
    };
    let url = content::url_of(&source.rel, kind);
    let (title, description, weight, week) = match meta {
        Ok(w) => (
            w.title.clone(),
            w.summary.clone(),
            i64::from(w.week),
            Some(crate::content::Week::new(
                w,
                crate::config::CircleConfig::default().meeting_minutes,
            )),
        ),
        Err(p) => {
            let title = p
                .title
                .or_else(|| outline.first_title().map(str::to_string));
            (title.unwrap_or_default(), p.description, p.weight, None)
        }
    };
    Some(Page {
        lang: lang.to_string(),
        translation: Translation::Original,
        source_rev: None,
        kind,
        title,
        description,
        weight,
        url,
        body_offset,
        outline: OutlineSlot::made(outline.into()),
        body: None,
        week,
        source,
    })
}

/// Markdown → HTML with link rewriting: `data` as a page of `site`'s default language,
/// checked as `check` checks it and rendered in every edition with its links rewritten to
/// the site's pages and files (and a week's agenda), as a build renders it.
pub fn markdown(site: &mut Site, data: &[u8]) {
    let lang = site.config.book.language.clone();
    let Some(page) = page(&lang, text(data)) else {
        return;
    };
    let library = Library {
        lang,
        pages: vec![std::sync::Arc::new(page)],
        statics: Vec::new(),
        skipped: Vec::new(),
    };
    let saved = std::mem::replace(&mut site.libraries, vec![library]);
    let mut diags = Diagnostics::new();
    crate::check::check_site(site, &mut diags);
    let page = &site.libraries[0].pages[0];
    let Ok(text) = page.text() else {
        unreachable!("a fuzzed page's text is kept in memory")
    };
    for d in diags.iter() {
        show(d, text.full());
    }
    let url = site.page_url(page);
    let rewrite = |dest: &str| match site.resolve_link(page, dest) {
        Ok(Some(target)) => Some(relative_url(&url, &target)),
        _ => None,
    };
    let doc = markdown::Document::parse(text.body());
    for edition in EDITIONS {
        markdown::render(&doc, page.outline(), &RenderOptions::new(edition, &rewrite));
    }
    // A week's agenda as its page and printed guide show it.
    crate::render::context::agenda_view(page);
    site.libraries = saved;
}

/// `book.toml`: parsing, validation and the per-language values the build reads.
pub fn book_toml(data: &[u8]) {
    let text = text(data);
    match Config::parse(&text) {
        Ok(config) => {
            for d in config.validate(&text) {
                show(&d, &text);
            }
            for code in config.language_codes() {
                config.title_in(&code);
                config.description_in(&code);
            }
        }
        Err(diags) => {
            for d in diags {
                show(&d, &text);
            }
        }
    }
}

/// The dev server's answer to a request target: the reply from the in-memory site (with
/// the live-reload script for HTML), never a file outside it, never a redirect to
/// another host.
pub fn request_path(data: &[u8]) {
    static FILES: OnceLock<crate::output::MemoryFiles> = OnceLock::new();
    let files = FILES.get_or_init(|| {
        [
            "index.html",
            "404.html",
            "de/404.html",
            "de/index.html",
            "weeks/index.html",
            "weeks/01-start/index.html",
            "kits/circle-kit.zip",
            "theme/style.css",
            "a b/index.html",
            "search-index.js",
        ]
        .into_iter()
        .map(|p| {
            (
                p.to_string(),
                format!("<html><body>{p}</body></html>").into_bytes().into(),
            )
        })
        .collect()
    });
    let raw = String::from_utf8_lossy(data);
    if let Ok((path, _)) = http::normalise(&raw) {
        assert!(
            !path.starts_with('/') && !path.contains(['\\', '\0']),
            "{path:?}"
        );
        assert!(
            path.is_empty() || path.split('/').all(|s| !matches!(s, "" | "." | "..")),
            "{path:?}"
        );
    }
    let reply = http::lookup(files, &raw);
    match reply.status {
        200 => assert!(files.values().any(|b| *b.bytes() == reply.body)),
        301 => {
            let location = reply.location.as_deref().unwrap_or("");
            // Browsers drop tabs and line breaks from a URL and read `\` as `/`.
            let seen: String = location
                .chars()
                .filter(|c| !matches!(c, '\t' | '\n' | '\r'))
                .map(|c| if c == '\\' { '/' } else { c })
                .collect();
            assert!(
                seen.starts_with('/') && !seen.starts_with("//"),
                "redirect to {location:?} leaves the site"
            );
        }
        400..=499 => {}
        s => panic!("unexpected status {s}"),
    }
    if reply.is_html() {
        livereload::inject(&reply.body, "fuzz-1", None, &Default::default(), true);
    }
}
