//! Loading one language: every Markdown file read and parsed into a page in parallel,
//! drafts set aside, and pages whose front matter has errors kept for link checks.

use std::path::Path;
use std::sync::Arc;

use super::layout::{kind_of, url_of};
use super::memo::SourceMemo;
use super::model::{
    Library, PAGE_KEYS, Page, PageKind, PageMeta, SkipReason, Skipped, Translation, WEEK_KEYS,
    Week, WeekMeta,
};
use super::outline_slot::OutlineSlot;
use super::source::Walked;
use super::source_file::SourceFile;
use super::{front_matter, source};
use crate::diagnostic::Diagnostic;
use crate::markdown::{self, Document, Outline};

/// Options that change what is loaded.
#[derive(Debug, Clone, Copy)]
pub struct LoadOptions<'a> {
    /// Include pages marked `draft: true`. Default: false.
    pub drafts: bool,
    /// The largest Markdown file read, in bytes (`[build] max-file-size`). Default: 16 MB.
    pub max_file_size: u64,
    /// A week's meeting length when its front matter gives none (`[circle]
    /// meeting-minutes`). Default: 60.
    pub meeting_minutes: u32,
    /// What the last load made of each source (`serve`); `None` parses every source.
    /// Default: none.
    pub memo: Option<&'a SourceMemo>,
}

impl Default for LoadOptions<'_> {
    fn default() -> Self {
        LoadOptions {
            memo: None,
            drafts: false,
            max_file_size: crate::config::Build::default().max_file_size.0,
            meeting_minutes: crate::config::CircleConfig::default().meeting_minutes,
        }
    }
}

/// Reads and parses `content/<lang>/` (files in parallel). Problems become diagnostics.
/// A page whose front matter has an error still joins the library (with its body, so links
/// to it and its anchors resolve) and is also listed as skipped: the error stops the build.
pub fn load_library(root: &Path, lang: &str, opts: LoadOptions<'_>) -> (Library, Vec<Diagnostic>) {
    load_walked(source::walk_language(root, lang, |_| true), opts)
}

/// [`load_library`] for a language folder already walked.
pub fn load_walked(walked: Walked, opts: LoadOptions<'_>) -> (Library, Vec<Diagnostic>) {
    let texts = opts.memo.map(|m| &m.texts);
    let load = |f: SourceFile, abs: &Path| {
        let rel = f.rel.clone();
        (rel, load_page(f, abs, opts))
    };
    let lang = walked.lang.clone();
    let (files, mut problems) = source::read_language(walked, opts.max_file_size, texts, load);
    let results = files.markdown;
    let mut pages = Vec::with_capacity(results.len());
    let mut skipped = Vec::new();
    for (rel, loaded) in results {
        match loaded {
            Loaded::Page(p) => pages.push(p),
            Loaded::Draft(week) => skipped.push(Skipped {
                rel,
                reason: SkipReason::Draft(week),
            }),
            Loaded::Broken(p, d) => {
                pages.push(p);
                problems.push(d);
                skipped.push(Skipped {
                    rel,
                    reason: SkipReason::Broken,
                });
            }
        }
    }
    (
        Library {
            lang,
            pages,
            statics: files.statics,
            skipped,
        },
        problems,
    )
}

/// What loading one file gave.
#[derive(Debug, Clone)]
pub(super) enum Loaded {
    Page(Arc<Page>),
    Draft(Option<u32>),
    /// The front matter has an error: the page, from its body alone, and the error.
    Broken(Arc<Page>, Diagnostic),
}

/// The outline of a body, and the body parsed, when pages of `kind` keep it
/// ([`PageKind::read_by_many`]); other bodies are outlined when first needed (see
/// [`OutlineSlot`]), from the parse that renders them in a build.
fn outline_and_body(body: &str, kind: PageKind) -> (OutlineSlot, Option<Arc<Document>>) {
    if kind.read_by_many() {
        let doc = Document::parse(body);
        let outline = Arc::new(markdown::outline_of(&doc, body));
        (OutlineSlot::made(outline), Some(Arc::new(doc)))
    } else {
        (OutlineSlot::later(), None)
    }
}

/// Loads a source (at `abs` on disk): from the memo of the last load when there is one.
/// The text is let go once the page is made: it is read again when rendered, so memory
/// does not grow with the site (and the memo keeps no text either).
fn load_page(source: SourceFile, abs: &Path, opts: LoadOptions<'_>) -> Loaded {
    let fresh = |source| {
        let mut loaded = load_fresh(source, opts);
        loaded.let_go(abs, opts.max_file_size);
        loaded
    };
    let mut loaded = match opts.memo {
        Some(memo) => memo.load(source, opts, fresh),
        None => fresh(source),
    };
    loaded.let_go(abs, opts.max_file_size);
    loaded
}

fn load_fresh(source: SourceFile, opts: LoadOptions<'_>) -> Loaded {
    let kind = kind_of(&source.rel);
    let text = match source.text() {
        Ok(text) => text,
        Err(d) => return broken(source, kind, 0, "", d),
    };
    let split = match front_matter::split(&source.path, &text) {
        Ok(split) => split,
        Err(d) => {
            let (body_offset, _) = front_matter::unclosed_body(&text);
            return broken(source, kind, body_offset, &text[body_offset..], d);
        }
    };
    let body_offset = split.body_offset;
    let (outline, body) = outline_and_body(split.body, kind);
    let url = url_of(&source.rel, kind);
    if kind == PageKind::Week {
        let meta: WeekMeta = match front_matter::parse(&source.path, &split, WEEK_KEYS) {
            Ok(meta) => meta,
            Err(d) => return broken(source, kind, body_offset, split.body, d),
        };
        if meta.draft && !opts.drafts {
            return Loaded::Draft(Some(meta.week));
        }
        return Loaded::Page(Arc::new(Page {
            lang: source.lang.clone(),
            translation: Translation::Original,
            source_rev: meta.source_rev.clone(),
            kind,
            title: meta.title.clone(),
            description: meta.summary.clone(),
            weight: i64::from(meta.week),
            url,
            body_offset,
            outline,
            body,
            week: Some(Week::new(meta, opts.meeting_minutes)),
            source,
        }));
    }
    let meta: PageMeta = match front_matter::parse(&source.path, &split, PAGE_KEYS) {
        Ok(meta) => meta,
        Err(d) => return broken(source, kind, body_offset, split.body, d),
    };
    if meta.draft && !opts.drafts {
        return Loaded::Draft(None);
    }
    // A page without a title is named by its first heading: its outline is made now.
    let title = (meta.title)
        .unwrap_or_else(|| title_from_body(outline.at_load(split.body), &source.rel, kind));
    Loaded::Page(Arc::new(Page {
        lang: source.lang.clone(),
        translation: Translation::Original,
        source_rev: meta.source_rev,
        kind,
        title,
        description: meta.description,
        weight: meta.weight,
        url,
        body_offset,
        outline,
        body,
        week: None,
        source,
    }))
}

impl Loaded {
    /// Lets go of the page's text: it is read from `abs` again when asked for.
    /// A page the memo shares is left as it is when its text is let go already.
    fn let_go(&mut self, abs: &Path, max_bytes: u64) {
        if let Loaded::Page(p) | Loaded::Broken(p, _) = self
            && !p.source.is_let_go_to(abs, max_bytes)
        {
            Arc::make_mut(p).source.let_go(abs.to_path_buf(), max_bytes);
        }
    }

    /// The same result with `source` (the same text, just read) as its page's source: the
    /// very page (shared, not copied) when it names the same file with the same text.
    pub(super) fn with_source(mut self, source: SourceFile) -> Loaded {
        if let Loaded::Page(p) | Loaded::Broken(p, _) = &mut self
            && !p.source.same_file(&source)
        {
            Arc::make_mut(p).source = source;
        }
        self
    }
}

/// A page whose front matter has an error, made from its body alone, so that it still
/// takes part in link and anchor checks (and the one error is the only one reported).
fn broken(
    source: SourceFile,
    kind: PageKind,
    body_offset: usize,
    body: &str,
    d: Diagnostic,
) -> Loaded {
    let outline = OutlineSlot::later();
    Loaded::Broken(
        Arc::new(Page {
            lang: source.lang.clone(),
            translation: Translation::Original,
            source_rev: None,
            kind,
            title: title_from_body(outline.at_load(body), &source.rel, kind),
            description: String::new(),
            weight: 0,
            url: url_of(&source.rel, kind),
            body_offset,
            outline,
            body: None,
            week: None,
            source,
        }),
        d,
    )
}

/// The first `#` heading (not in the FAQ, where it is a category), else a name from the path.
fn title_from_body(outline: &Outline, rel: &str, kind: PageKind) -> String {
    outline
        .first_title()
        .filter(|_| kind != PageKind::Faq)
        .map_or_else(|| default_title(rel, kind), str::to_string)
}

fn default_title(rel: &str, kind: PageKind) -> String {
    match kind {
        PageKind::Home => "Home".into(),
        PageKind::Faq => "Frequently asked questions".into(),
        PageKind::WeeksIndex => "The program".into(),
        PageKind::KitsIndex => "Circle Kit".into(),
        _ => {
            let stem = rel
                .rsplit('/')
                .next()
                .unwrap_or(rel)
                .trim_end_matches(".md");
            let words = stem.replace(['-', '_'], " ");
            let mut chars = words.trim().chars();
            chars
                .next()
                .map(|c| c.to_uppercase().collect::<String>() + chars.as_str())
                .unwrap_or_default()
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn site_with(files: &[(&str, &str)]) -> tempfile::TempDir {
        let tmp = tempfile::tempdir().expect("temp");
        for (rel, text) in files {
            let path = tmp.path().join("content/en").join(rel);
            std::fs::create_dir_all(path.parent().expect("parent")).expect("mkdir");
            std::fs::write(path, text).expect("write");
        }
        tmp
    }

    #[test]
    fn pages_read_by_many_stages_keep_their_parsed_body_and_others_let_it_go() {
        let week = "---\nweek: 1\ntitle: Start\n---\n## Check-in\n\nHello.\n";
        let tmp = site_with(&[
            ("weeks/01-start.md", week),
            ("kits/card.md", "---\ntitle: Card\n---\nA card.\n"),
            ("about.md", "---\ntitle: About\n---\nAbout us.\n"),
        ]);
        let (lib, problems) = load_library(tmp.path(), "en", LoadOptions::default());
        assert!(problems.is_empty(), "{problems:?}");
        let kept: Vec<(&str, bool)> = lib
            .pages
            .iter()
            .map(|p| (p.source.rel.as_str(), p.body.is_some()))
            .collect();
        assert_eq!(
            kept,
            [
                ("about.md", false),
                ("kits/card.md", true),
                ("weeks/01-start.md", true)
            ]
        );
        // The kept body is the one the outline was made from.
        let week = &lib.pages[2];
        let doc = week.body.as_ref().expect("kept");
        let ids = |o: &Outline| o.headings.iter().map(|h| h.id.clone()).collect::<Vec<_>>();
        let again = markdown::outline_of(doc, "## Check-in\n\nHello.\n");
        assert_eq!(ids(&again), ids(week.outline()));
        assert_eq!(ids(&again), ["check-in"]);
    }

    #[test]
    fn a_build_lets_go_of_each_text_and_reads_it_again_when_asked() {
        let tmp = site_with(&[("guide.md", "---\ntitle: Guide\n---\n# Hello\n")]);
        let (lib, problems) = load_library(tmp.path(), "en", LoadOptions::default());
        assert!(problems.is_empty(), "{problems:?}");
        let page = &lib.pages[0];
        assert!(page.source.kept_text().is_none(), "a build keeps no text");
        assert_eq!(page.outline().headings[0].text, "Hello");
        let text = page.text().expect("read again");
        assert_eq!(text.body(), "# Hello\n");
        assert_eq!(page.body_len(), text.body().len());
    }

    #[test]
    fn serve_loads_a_changed_file_again_and_keeps_no_text_either() {
        let tmp = site_with(&[("a.md", "# A\n"), ("b.md", "# B\n")]);
        let memo = SourceMemo::default();
        let opts = LoadOptions {
            memo: Some(&memo),
            ..LoadOptions::default()
        };
        let (first, _) = load_library(tmp.path(), "en", opts);
        memo.finish();
        assert!(first.pages.iter().all(|p| p.source.kept_text().is_none()));
        std::thread::sleep(std::time::Duration::from_millis(20));
        std::fs::write(tmp.path().join("content/en/b.md"), "# Bee\n").expect("write");
        let (lib, problems) = load_library(tmp.path(), "en", opts);
        memo.finish();
        assert!(problems.is_empty(), "{problems:?}");
        assert_eq!(lib.pages[0].outline().headings[0].text, "A");
        assert_eq!(lib.pages[1].outline().headings[0].text, "Bee");
        assert!(
            Arc::ptr_eq(&first.pages[0], &lib.pages[0]),
            "the unchanged page is the last load's, shared, not a copy"
        );
        assert!(!Arc::ptr_eq(&first.pages[1], &lib.pages[1]));
        // Another largest size changes where the text is read again from: a page of its own.
        let other = LoadOptions {
            max_file_size: opts.max_file_size - 1,
            ..opts
        };
        let (smaller, _) = load_library(tmp.path(), "en", other);
        assert!(!Arc::ptr_eq(&lib.pages[0], &smaller.pages[0]));
        assert_eq!(smaller.pages[0].outline().headings[0].text, "A");
        assert_eq!(
            lib.pages[0].text().expect("read when asked").body(),
            "# A\n"
        );
    }

    #[test]
    fn a_file_changed_or_gone_after_loading_is_an_error_not_other_content() {
        let tmp = site_with(&[("guide.md", "# Hello\n")]);
        let (lib, _) = load_library(tmp.path(), "en", LoadOptions::default());
        let page = &lib.pages[0];
        let path = tmp.path().join("content/en/guide.md");
        std::fs::write(&path, "# Changed\n").expect("write");
        let d = page.text().expect_err("changed since it was loaded");
        assert!(
            d.message.contains("changed while the site was being built"),
            "{d:?}"
        );
        assert_eq!(d.path, std::path::Path::new("content/en/guide.md"));
        // The same text again (a save that changed nothing) is fine.
        std::fs::write(&path, "# Hello\n").expect("write");
        assert_eq!(page.text().expect("same text").body(), "# Hello\n");
        std::fs::remove_file(&path).expect("remove");
        let d = page.text().expect_err("gone");
        assert!(d.message.contains("cannot read"), "{d:?}");
    }
}
