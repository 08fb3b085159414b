//! Translations: which pages of a language are current, outdated or missing, fallback pages
//! for the missing ones, the source's anchors a translation answers to, and stamping a
//! translation with its source's revision.

use crate::diagnostic::IoContext;
use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use anyhow::{Context as _, Result, bail};
use serde::Serialize;

use super::model::{Library, Page, Translation};
use crate::markdown::Outline;

/// The revision of a source text: a short hash of its text (line endings normalised), so
/// a translation can record which version of the original it was made from.
pub fn revision(text: &str) -> String {
    // FNV-1a, 64 bits: stable across platforms and versions, which is all this needs.
    let mut hash: u64 = 0xcbf2_9ce4_8422_2325;
    for b in text.bytes().filter(|b| *b != b'\r') {
        hash ^= u64::from(b);
        hash = hash.wrapping_mul(0x0000_0100_0000_01b3);
    }
    format!("{:012x}", hash >> 16)
}

/// Marks each page of a translation as current or outdated against the default language,
/// and adds a fallback copy of every default-language page the translation lacks.
pub fn complete_translation(lib: &mut Library, default: &Library) {
    // One lookup per page: a search of the list for each would take time growing with
    // the square of the pages.
    let sources = default.pages_by_rel();
    for page in &mut lib.pages {
        let translation = match sources.get(page.source.rel.as_str()) {
            None => Translation::Original,
            Some(src)
                if page.source_rev.as_ref().is_some_and(|rev| {
                    src.source.text().is_ok_and(|text| *rev == revision(&text))
                }) =>
            {
                Translation::Current
            }
            Some(_) => Translation::Outdated,
        };
        // A page is shared with `serve`'s memo: it is copied only when it changes.
        if page.translation != translation {
            Arc::make_mut(page).translation = translation;
        }
    }
    let translated = lib.pages_by_rel();
    let missing: Vec<Arc<Page>> = default
        .pages
        .iter()
        .filter(|p| !translated.contains_key(p.source.rel.as_str()))
        .map(|p| {
            Arc::new(Page {
                lang: lib.lang.clone(),
                translation: Translation::Fallback,
                ..Page::clone(p)
            })
        })
        .collect();
    lib.pages.extend(missing);
    lib.pages.sort_by(|a, b| a.source.rel.cmp(&b.source.rel));
}

/// What kind of element carries an id, for matching a translation's to its source's.
#[derive(Debug, Clone, PartialEq, Eq)]
enum IdKind {
    /// A heading of this level.
    Heading(u8),
    /// A directive block of this name (`exercise`, `note`, …).
    Block(String),
    /// A worksheet.
    Worksheet,
}

/// The id-carrying elements of a page in document order: headings, directive blocks with an
/// id (a block's own heading counted once, as the block), worksheets.
fn id_elements(outline: &Outline) -> Vec<(IdKind, &str)> {
    let mut items: Vec<(usize, IdKind, &str)> = Vec::new();
    for d in &outline.directives {
        if let Some(id) = &d.id {
            items.push((d.open.start, IdKind::Block(d.name.clone()), id));
        }
    }
    for h in &outline.headings {
        if !items.iter().any(|(_, _, id)| *id == h.id) {
            items.push((h.range.start, IdKind::Heading(h.level), &h.id));
        }
    }
    for w in &outline.worksheets {
        items.push((w.range.start, IdKind::Worksheet, &w.id));
    }
    items.sort_by_key(|(at, _, _)| *at);
    items.into_iter().map(|(_, k, id)| (k, id)).collect()
}

/// The ids of the source page that a translation answers to, each with the translation's
/// own id: when the id-carrying elements of both (headings by level, directive blocks by
/// name, worksheets) come in the same sequence, the n-th of the source maps to the n-th of
/// the translation. An id the translation has itself (an explicit `{#source-id}`) always
/// stays its own, wherever it is. Empty when the sequences differ.
pub fn source_ids(translation: &Outline, source: &Outline) -> HashMap<String, String> {
    let theirs = id_elements(source);
    let ours = id_elements(translation);
    let same_shape =
        theirs.len() == ours.len() && theirs.iter().zip(&ours).all(|((a, _), (b, _))| a == b);
    if !same_shape {
        return HashMap::new();
    }
    let own: std::collections::HashSet<&str> = ours.iter().map(|(_, id)| *id).collect();
    let source: std::collections::HashSet<&str> = theirs.iter().map(|(_, id)| *id).collect();
    // Neither a source id the translation has itself, nor an element the translation
    // declared to be another of the source's (a moved `{#id}`), is matched by position.
    theirs
        .iter()
        .zip(&ours)
        .filter(|((_, src), (_, tr))| src != tr && !own.contains(src) && !source.contains(tr))
        .map(|((_, src), (_, tr))| (src.to_string(), tr.to_string()))
        .collect()
}

/// One row of `circlekit i18n status`.
#[derive(Debug, Clone, Serialize)]
pub struct StatusRow {
    /// The page's path relative to the language folder.
    pub page: String,
    /// translated, outdated or missing.
    pub status: &'static str,
}

/// The translation status of one language.
#[derive(Debug, Clone, Serialize)]
pub struct LanguageStatus {
    /// The language code.
    pub language: String,
    /// Pages translated from the current source.
    pub translated: usize,
    /// Pages whose source changed since.
    pub outdated: usize,
    /// Pages not translated.
    pub missing: usize,
    /// Every page of the default language, in order.
    pub pages: Vec<StatusRow>,
}

/// Compares a completed translation library with the default language.
pub fn status(lib: &Library, default: &Library) -> LanguageStatus {
    let mut rows = Vec::new();
    let translated = lib.pages_by_rel();
    for src in &default.pages {
        let status = match translated
            .get(src.source.rel.as_str())
            .map(|p| p.translation)
        {
            Some(Translation::Current) => "translated",
            Some(Translation::Outdated) => "outdated",
            _ => "missing",
        };
        rows.push(StatusRow {
            page: src.source.rel.clone(),
            status,
        });
    }
    let count = |s: &str| rows.iter().filter(|r| r.status == s).count();
    LanguageStatus {
        language: lib.lang.clone(),
        translated: count("translated"),
        outdated: count("outdated"),
        missing: count("missing"),
        pages: rows,
    }
}

/// Records in the translation at `path` (under `content/<lang>/`) the revision of its
/// source in the default language. Returns the source's path and the revision.
pub fn stamp(root: &Path, default_lang: &str, path: &Path) -> Result<(PathBuf, String)> {
    let abs = std::path::absolute(path).unwrap_or_else(|_| path.to_path_buf());
    let root = std::path::absolute(root).unwrap_or_else(|_| root.to_path_buf());
    let rel = abs.strip_prefix(root.join("content")).with_context(|| {
        format!(
            "{} is not inside the site's content/ folder",
            path.display()
        )
    })?;
    let mut parts = rel.components();
    let lang = parts
        .next()
        .and_then(|c| c.as_os_str().to_str())
        .context("the path names no language folder")?;
    if lang == default_lang {
        bail!(
            "{} is in the default language; stamp its translations instead",
            path.display()
        );
    }
    let source_path = root
        .join("content")
        .join(default_lang)
        .join(parts.as_path());
    let source = std::fs::read_to_string(&source_path).with_context(|| {
        format!(
            "no source to compare with: cannot read {}",
            source_path.display()
        )
    })?;
    let rev = revision(&source);
    let text = std::fs::read_to_string(&abs).io("read", &abs)?;
    std::fs::write(&abs, with_source_rev(&text, &rev)).io("write", &abs)?;
    Ok((
        source_path
            .strip_prefix(&root)
            .unwrap_or(&source_path)
            .to_path_buf(),
        rev,
    ))
}

/// Sets `source-rev: REV` in a file's front matter, replacing an old value or adding one.
fn with_source_rev(text: &str, rev: &str) -> String {
    let line = format!("source-rev: {rev}");
    let nl = if text.contains("\r\n") { "\r\n" } else { "\n" };
    if !text.starts_with("---") {
        return format!("---{nl}{line}{nl}---{nl}{text}");
    }
    let mut out = String::with_capacity(text.len() + 32);
    let mut done = false;
    for (i, l) in text.split_inclusive('\n').enumerate() {
        let bare = l.trim_end();
        if !done && i > 0 && bare.starts_with("source-rev:") {
            out.push_str(&line);
            out.push_str(nl);
            done = true;
        } else if !done && i > 0 && (bare == "---" || bare == "...") {
            out.push_str(&line);
            out.push_str(nl);
            out.push_str(l);
            done = true;
        } else {
            out.push_str(l);
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::markdown::outline;

    #[test]
    fn a_translation_answers_to_its_sources_ids_when_the_shapes_match() {
        let source = outline(
            "# Week\n\n## Opening\n\n:::exercise Your list\n\n```worksheet\n- a: text\n```\n\n:::\n\n## Close {#close}\n",
        );
        let translation = outline(
            "# Woche\n\n## Eröffnung\n\n:::exercise Deine Liste\n\n```worksheet\n- a: text\n```\n\n:::\n\n## Abschluss {#close}\n",
        );
        let ids = source_ids(&translation, &source);
        assert_eq!(ids.get("week").map(String::as_str), Some("woche"));
        assert_eq!(ids.get("opening").map(String::as_str), Some("eröffnung"));
        assert_eq!(
            ids.get("your-list").map(String::as_str),
            Some("deine-liste"),
            "{ids:?}"
        );
        assert!(
            !ids.contains_key("close"),
            "an id kept by the translation is its own"
        );
        assert!(!ids.contains_key("worksheet-1"));
        let moved = outline("## Schluss {#b}\n\n## Anfang\n");
        let ids = source_ids(&moved, &outline("## A\n\n## B\n"));
        assert!(ids.is_empty(), "{ids:?}");
        let reordered = outline("## Eröffnung\n\n# Woche\n");
        assert!(source_ids(&reordered, &outline("# Week\n\n## Opening\n")).is_empty());
    }

    #[test]
    fn revision_ignores_line_endings_and_changes_with_text() {
        assert_eq!(revision("a\r\nb\r\n"), revision("a\nb\n"));
        assert_ne!(revision("a\nb\n"), revision("a\nc\n"));
        assert_eq!(revision("x").len(), 12);
    }

    #[test]
    fn stamping_replaces_or_adds_the_line() {
        assert_eq!(
            with_source_rev("---\ntitle: x\n---\nbody\n", "abc"),
            "---\ntitle: x\nsource-rev: abc\n---\nbody\n"
        );
        assert_eq!(
            with_source_rev("---\nsource-rev: old\ntitle: x\n---\n", "new"),
            "---\nsource-rev: new\ntitle: x\n---\n"
        );
        assert_eq!(
            with_source_rev("body\n", "r"),
            "---\nsource-rev: r\n---\nbody\n"
        );
    }
}
