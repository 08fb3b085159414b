//! Fonts of the PDFs: the ones built in (Libertinus Serif, New Computer Modern, DejaVu Sans
//! Mono) plus a theme's `fonts/` folder, and the check that they cover every character.

use std::hash::{Hash, Hasher};
use std::path::{Path, PathBuf};

use typst::foundations::Bytes;
use typst::text::Font;

use crate::diagnostic::Diagnostic;

/// Font files a theme adds: `themes/<name>/fonts/*.{ttf,otf,ttc,otc}`.
#[derive(Debug, Default)]
pub struct ThemeFonts {
    /// (path relative to the site root, bytes), sorted by path.
    pub files: Vec<(PathBuf, Vec<u8>)>,
}

impl ThemeFonts {
    /// Reads the font files of the site's theme folder (none when it has no `fonts/`).
    pub fn read(root: &Path, theme: &str) -> Result<ThemeFonts, Diagnostic> {
        let dir = root.join("themes").join(theme).join("fonts");
        let mut files = Vec::new();
        for rel in crate::site::list_files(&dir) {
            let lower = rel.to_ascii_lowercase();
            if ![".ttf", ".otf", ".ttc", ".otc"]
                .iter()
                .any(|e| lower.ends_with(e))
            {
                continue;
            }
            let path = dir.join(&rel);
            let bytes = std::fs::read(&path).map_err(|e| {
                Diagnostic::error(&path, format!("cannot read the font: {e}"))
                    .help("fonts in themes/<name>/fonts/ must be readable .ttf or .otf files")
            })?;
            let shown = path.strip_prefix(root).unwrap_or(&path).to_path_buf();
            files.push((shown, bytes));
        }
        Ok(ThemeFonts { files })
    }

    /// A cheap fingerprint of every font a PDF may use, for the cache key: the built-in
    /// fonts by their sizes and the version of the crate that ships them, the theme's by content.
    pub fn fingerprint(&self, h: &mut impl Hasher) {
        "typst-assets 0.15".hash(h);
        for f in typst_assets::fonts() {
            f.len().hash(h);
        }
        for (path, bytes) in &self.files {
            path.hash(h);
            bytes.hash(h);
        }
    }

    /// Parses the built-in fonts and the theme's. A file that holds no usable font is an error.
    pub fn load(&self) -> Result<Vec<Font>, Diagnostic> {
        let mut fonts: Vec<Font> = typst_assets::fonts()
            .flat_map(|data| Font::iter(Bytes::new(data)))
            .collect();
        for (path, bytes) in &self.files {
            let before = fonts.len();
            fonts.extend(Font::iter(Bytes::new(bytes.clone())));
            if fonts.len() == before {
                return Err(
                    Diagnostic::error(path, "this file holds no font that can be read")
                        .help("use TrueType (.ttf) or OpenType (.otf) fonts, or remove the file"),
                );
            }
        }
        Ok(fonts)
    }
}

/// Characters that are never drawn, so no font needs them.
fn invisible(c: char) -> bool {
    c.is_whitespace()
        || c.is_control()
        || matches!(c, '\u{00AD}' | '\u{200B}'..='\u{200F}' | '\u{2060}'..='\u{2064}' | '\u{FE00}'..='\u{FE0F}' | '\u{FEFF}')
}

/// The characters of `text` that no font covers, in order of first appearance: emoji
/// (see `system_fonts::is_emoji`) when `emoji` is true, the others when it is false.
pub fn missing_of(text: &str, fonts: &[Font], emoji: bool) -> Vec<char> {
    let mut seen = std::collections::HashSet::new();
    let mut out = Vec::new();
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        if c.is_ascii() || invisible(c) {
            continue;
        }
        let is_emoji = super::system_fonts::is_emoji(c, chars.peek().copied());
        if is_emoji != emoji || !seen.insert(c) {
            continue;
        }
        if !fonts
            .iter()
            .any(|f| f.info().coverage.contains(u32::from(c)))
        {
            out.push(c);
        }
    }
    out
}

/// The characters of `text` other than emoji that no font covers (an error when printing).
pub fn missing(text: &str, fonts: &[Font]) -> Vec<char> {
    missing_of(text, fonts, false)
}

/// Typst rules that print each emoji as a stand-in such as `[U+1F604]`.
pub fn stand_ins(emoji: &[char]) -> String {
    emoji
        .iter()
        .map(|c| format!("#show \"{c}\": \"[U+{:04X}]\"\n", u32::from(*c)))
        .collect()
}

/// The diagnostic for characters no font covers: where the first one is written in `text`
/// (the file at `path`), which ones they are, and what to do, instead of empty boxes on paper.
pub fn missing_diagnostic(
    path: &std::path::Path,
    text: &str,
    chars: &[char],
    theme: &str,
) -> Diagnostic {
    let shown: Vec<String> = chars
        .iter()
        .take(8)
        .map(|c| format!("{c} (U+{:04X})", u32::from(*c)))
        .collect();
    let more = if chars.len() > 8 {
        format!(" and {} more", chars.len() - 8)
    } else {
        String::new()
    };
    let mut d = Diagnostic::error(
        path,
        format!(
            "no font for the PDF covers {}{more}, so they would print as empty boxes",
            shown.join(", ")
        ),
    )
    .help(format!(
        "{}; or put a font that covers them (as .ttf or .otf) into themes/{theme}/fonts/, or build with --no-pdf",
        chars.first().map_or_else(String::new, |c| super::system_fonts::install_help(*c))
    ));
    // The first of them in the file, which is not always the first one typeset (a
    // translated label such as "第 1 週" comes before the text).
    if let Some(off) = chars.iter().filter_map(|c| text.find(*c)).min() {
        d = d.at_offset(text, off);
    }
    d
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn built_in_fonts_cover_latin_but_not_cjk() {
        let fonts = ThemeFonts::default().load().expect("built-in fonts load");
        assert!(missing("Grüße, café — “naïve” …", &fonts).is_empty());
        assert_eq!(missing("週 a 週 b 末 😄", &fonts), ['週', '末']);
        assert_eq!(missing_of("週 😄 a 😄", &fonts, true), ['😄']);
        assert_eq!(stand_ins(&['😄']), "#show \"😄\": \"[U+1F604]\"\n");
    }
}
