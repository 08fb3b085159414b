//! Heading anchors by GitHub's rules, so an anchor written while previewing on GitHub keeps working.

use std::collections::HashSet;

use rustc_hash::{FxHashMap, FxHashSet};

/// The anchors of one page.
pub type AnchorSet = HashSet<String>;

/// GitHub's heading id: the text in lowercase, letters, marks, decimal and letter numbers
/// and connector punctuation of every script kept (Unicode general categories L, M, Nd, Nl
/// and Pc), `-` kept, each space (U+0020) becoming `-`, every other character dropped
/// (other numbers such as `½` and `²` too) — exactly as GitHub's slugger.
pub fn github_id(text: &str) -> String {
    let text = text.trim();
    if text.is_ascii() {
        // What `to_lowercase` and `kept` make of ASCII, a byte at a time (a character at a
        // time was 900 instructions a heading).
        let mut id = Vec::with_capacity(text.len());
        id.extend(text.bytes().filter_map(|b| match b.to_ascii_lowercase() {
            b' ' => Some(b'-'),
            b @ (b'-' | b'_') => Some(b),
            b if b.is_ascii_alphanumeric() => Some(b),
            _ => None,
        }));
        return String::from_utf8(id).unwrap_or_default();
    }
    // Room for every character at once: collecting them grew the id a character at a time.
    let mut id = String::with_capacity(text.len());
    id.extend(text.to_lowercase().chars().filter_map(kept));
    id
}

/// What a lowercase character of a heading becomes in its id: a space a hyphen, a hyphen
/// and what [`is_kept`] keeps itself, anything else nothing.
fn kept(c: char) -> Option<char> {
    match c {
        ' ' => Some('-'),
        '-' => Some(c),
        c if is_kept(c) => Some(c),
        _ => None,
    }
}

/// Letters, marks (accents, viramas, nuktas, vowel signs, variation selectors), decimal and
/// letter numbers, connector punctuation (`_`, `‿`).
fn is_kept(c: char) -> bool {
    use unicode_properties::{GeneralCategory as G, GeneralCategoryGroup, UnicodeGeneralCategory};
    // Most headings are mostly ASCII: answer those without searching the Unicode tables
    // (a search per character was 2% of a 10,000-page build).
    if c.is_ascii() {
        return c.is_ascii_alphanumeric() || c == '_';
    }
    match c.general_category_group() {
        GeneralCategoryGroup::Letter | GeneralCategoryGroup::Mark => true,
        _ => matches!(
            c.general_category(),
            G::DecimalNumber | G::LetterNumber | G::ConnectorPunctuation
        ),
    }
}

/// Hands out unique ids within one page: `x`, `x-1`, `x-2`, … like GitHub.
#[derive(Debug, Default)]
pub struct IdAllocator {
    used: FxHashSet<String>,
    counts: FxHashMap<String, usize>,
}

impl IdAllocator {
    /// Returns `base` if unused, else the next free `base-N`.
    pub fn unique(&mut self, base: String) -> String {
        let base = if base.is_empty() {
            "section".to_string()
        } else {
            base
        };
        if self.used.insert(base.clone()) {
            return base;
        }
        loop {
            let n = self.counts.entry(base.clone()).or_insert(0);
            *n += 1;
            let id = format!("{base}-{n}");
            if self.used.insert(id.clone()) {
                return id;
            }
        }
    }

    /// Claims an explicit id; false if it was already taken.
    pub fn claim(&mut self, id: &str) -> bool {
        self.used.insert(id.to_string())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn follows_github_rules() {
        assert_eq!(
            github_id("How long does a circle last?"),
            "how-long-does-a-circle-last"
        );
        assert_eq!(github_id("Week 3: Your network"), "week-3-your-network");
        assert_eq!(github_id("Über uns & mehr"), "über-uns--mehr");
        assert_eq!(github_id("日本語 テスト"), "日本語-テスト");
        assert_eq!(github_id("snake_case-ok"), "snake_case-ok");
        assert_eq!(github_id("பயிற்சி 1"), "பயிற்சி-1");
        assert_eq!(github_id("Party 🎉️ time"), "party-\u{fe0f}-time");
    }

    /// The shortcut for ASCII keeps exactly what the Unicode categories keep.
    #[test]
    fn ascii_is_kept_as_its_unicode_category_says() {
        use unicode_properties::{GeneralCategory as G, UnicodeGeneralCategory};
        for c in (0u8..=127).map(char::from) {
            let by_category = matches!(
                c.general_category(),
                G::UppercaseLetter
                    | G::LowercaseLetter
                    | G::TitlecaseLetter
                    | G::ModifierLetter
                    | G::OtherLetter
                    | G::NonspacingMark
                    | G::SpacingMark
                    | G::EnclosingMark
                    | G::DecimalNumber
                    | G::LetterNumber
                    | G::ConnectorPunctuation
            );
            assert_eq!(is_kept(c), by_category, "{c:?}");
        }
    }
}
