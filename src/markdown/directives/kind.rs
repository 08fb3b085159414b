//! The directive names circlekit knows, and the known name nearest to a mistyped one.

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
