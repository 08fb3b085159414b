//! Directive blocks: `::: name Title {key=value}` … `:::`, their names, attributes and HTML.

pub(crate) mod fence;
pub(crate) mod html;
pub(crate) mod scan;

pub use scan::Block;

use std::ops::Range;

use serde::Serialize;

/// The directive names circlekit knows.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum DirectiveKind {
    /// `::: exercise Title {minutes=15}`: a timed exercise with a heading and a minutes badge.
    Exercise,
    /// `::: moderator`: notes for the moderator; behind a toggle on the web, left out of
    /// the member edition.
    Moderator,
    /// `::: before-next`: the "before the next meeting" checklist of a week.
    BeforeNext,
    /// `::: example Title`: a worked example.
    Example,
    /// `::: note Title`: a side note.
    Note,
}

impl DirectiveKind {
    /// Every kind, in the order help messages list them.
    pub const ALL: [DirectiveKind; 5] = [
        DirectiveKind::Exercise,
        DirectiveKind::Moderator,
        DirectiveKind::BeforeNext,
        DirectiveKind::Example,
        DirectiveKind::Note,
    ];

    /// The kind for a name as written after the colons.
    pub fn from_name(name: &str) -> Option<DirectiveKind> {
        DirectiveKind::ALL.into_iter().find(|k| k.name() == name)
    }

    /// The name authors write.
    pub fn name(self) -> &'static str {
        match self {
            DirectiveKind::Exercise => "exercise",
            DirectiveKind::Moderator => "moderator",
            DirectiveKind::BeforeNext => "before-next",
            DirectiveKind::Example => "example",
            DirectiveKind::Note => "note",
        }
    }

    /// The attribute keys this kind accepts. Every kind takes `id` (its anchor).
    pub fn keys(self) -> &'static [&'static str] {
        match self {
            DirectiveKind::Exercise => &["minutes", "id"],
            _ => &["id"],
        }
    }

    /// The heading level this kind renders its title with, when it has a heading at all
    /// (exercise: 3, before-next: 2). Such headings are part of the outline.
    pub fn heading_level(self) -> Option<u8> {
        match self {
            DirectiveKind::Exercise => Some(3),
            DirectiveKind::BeforeNext => Some(2),
            _ => None,
        }
    }
}

/// A directive block found on a page, for checks and templates.
#[derive(Debug, Clone, Serialize, Hash)]
pub struct Directive {
    /// The name as written.
    pub name: String,
    /// The kind, when the name is known.
    pub kind: Option<DirectiveKind>,
    /// The title written after the name, if any.
    pub title: Option<String>,
    /// Every `key=value` attribute, as written.
    pub attrs: Vec<(String, String)>,
    /// `minutes` of an exercise, when it is a valid positive number.
    pub minutes: Option<u32>,
    /// The block's anchor: its heading's id (exercise, before-next) or its `id` attribute.
    pub id: Option<String>,
    /// Byte range of the whole block in the body, from the opening fence to the closing one.
    #[serde(skip)]
    pub range: Range<usize>,
    /// Byte range of the opening fence line in the body.
    #[serde(skip)]
    pub open: Range<usize>,
    /// True when there is nothing but blank lines between the fences.
    pub empty: bool,
    /// False when the block has no closing fence.
    pub closed: bool,
    /// 0 for a block at the top of the page, 1 inside another block, …
    pub depth: usize,
}

/// The known name nearest to an unknown one, when it is close enough to be a typo.
pub(crate) fn suggest(name: &str) -> Option<&'static str> {
    let lower = name.to_lowercase();
    DirectiveKind::ALL
        .into_iter()
        .map(|k| (distance(&lower, k.name()), k.name()))
        .filter(|(d, n)| *d <= 2.max(n.len() / 4))
        .min_by_key(|(d, _)| *d)
        .map(|(_, n)| n)
}

/// Levenshtein distance, by characters.
fn distance(a: &str, b: &str) -> usize {
    let b: Vec<char> = b.chars().collect();
    let mut row: Vec<usize> = (0..=b.len()).collect();
    for (i, ca) in a.chars().enumerate() {
        let mut prev = row[0];
        row[0] = i + 1;
        for (j, cb) in b.iter().enumerate() {
            let cur = row[j + 1];
            row[j + 1] = (prev + usize::from(ca != *cb)).min(row[j] + 1).min(cur + 1);
            prev = cur;
        }
    }
    row[b.len()]
}

#[cfg(test)]
mod tests;
