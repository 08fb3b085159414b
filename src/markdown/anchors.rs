//! Heading anchors by GitHub's rules, so an anchor written while previewing on GitHub keeps working.

use std::collections::{HashMap, HashSet};

/// The anchors of one page.
pub type AnchorSet = HashSet<String>;

/// GitHub's heading id: lowercase, letters/marks/numbers of every script kept, `-` and `_`
/// kept, each space becomes `-`, all other characters dropped.
pub fn github_id(text: &str) -> String {
    text.trim()
        .chars()
        .flat_map(char::to_lowercase)
        .filter_map(|c| match c {
            ' ' => Some('-'),
            '-' | '_' => Some(c),
            c if c.is_alphanumeric() => Some(c),
            c if is_mark(c) => Some(c),
            _ => None,
        })
        .collect()
}

/// Combining marks (accents written as separate characters, vowel signs of Indic scripts).
fn is_mark(c: char) -> bool {
    matches!(c as u32,
        0x0300..=0x036F | 0x0483..=0x0489 | 0x0591..=0x05BD | 0x0610..=0x061A | 0x064B..=0x065F
        | 0x0900..=0x0903 | 0x093A..=0x094F | 0x0E31 | 0x0E34..=0x0E3A | 0x1AB0..=0x1AFF
        | 0x1DC0..=0x1DFF | 0x20D0..=0x20FF | 0xFE20..=0xFE2F)
}

/// Hands out unique ids within one page: `x`, `x-1`, `x-2`, … like GitHub.
#[derive(Debug, Default)]
pub struct IdAllocator {
    used: HashSet<String>,
    counts: HashMap<String, usize>,
}

impl IdAllocator {
    /// Returns `base` if unused, else the next free `base-N`.
    pub fn unique(&mut self, base: &str) -> String {
        let base = if base.is_empty() { "section" } else { base };
        let mut id = base.to_string();
        while self.used.contains(&id) {
            let n = self.counts.entry(base.to_string()).or_insert(0);
            *n += 1;
            id = format!("{base}-{n}");
        }
        self.used.insert(id.clone());
        id
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
    }
}
