//! Translations: which pages of a language are current, outdated or missing, fallback pages
//! for the missing ones, and stamping a translation with its source's revision.

use std::path::{Path, PathBuf};

use anyhow::{Context as _, Result, bail};
use serde::Serialize;

use super::{Library, Page, Translation};

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
    for page in &mut lib.pages {
        page.translation = match default.by_rel(&page.source.rel) {
            None => Translation::Original,
            Some(src)
                if page.source_rev.as_deref() == Some(revision(&src.source.text).as_str()) =>
            {
                Translation::Current
            }
            Some(_) => Translation::Outdated,
        };
    }
    let missing: Vec<Page> = default
        .pages
        .iter()
        .filter(|p| lib.by_rel(&p.source.rel).is_none())
        .map(|p| Page {
            lang: lib.lang.clone(),
            translation: Translation::Fallback,
            ..p.clone()
        })
        .collect();
    lib.pages.extend(missing);
    lib.pages.sort_by(|a, b| a.source.rel.cmp(&b.source.rel));
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
    for src in &default.pages {
        let status = match lib.by_rel(&src.source.rel).map(|p| p.translation) {
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
    let text =
        std::fs::read_to_string(&abs).with_context(|| format!("cannot read {}", abs.display()))?;
    std::fs::write(&abs, with_source_rev(&text, &rev))
        .with_context(|| format!("cannot write {}", abs.display()))?;
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
