//! What the first pass over a body learns: headings with their ids, links, directive
//! blocks, worksheets and problems (built by [`super::outline`]).

use std::ops::Range;

use super::anchors::AnchorSet;
use super::directives::Directive;
use super::rounds::Round;
use super::tasks::Task;
use super::worksheet::Worksheet;
use crate::diagnostic::Severity;

/// A heading found in the first pass.
#[derive(Debug, Clone, serde::Serialize, Hash)]
pub struct Heading {
    /// 1 for `#`, 2 for `##`, … (an exercise title is 3, a before-next heading 2).
    pub level: u8,
    /// The heading's plain text.
    pub text: String,
    /// Its anchor (GitHub rules, or the author's `{#id}`).
    pub id: String,
    /// Byte range in the body.
    #[serde(skip)]
    pub range: Range<usize>,
}

/// A link or image destination found in the first pass.
#[derive(Debug, Clone, Hash)]
pub struct Link {
    /// The destination as written.
    pub dest: String,
    /// Byte range of the whole link in the body.
    pub range: Range<usize>,
    /// True for `![…](…)`.
    pub image: bool,
}

/// A problem in a body's Markdown extensions (fences, attributes, worksheet YAML), with a
/// byte range of the body; `check` turns it into a `Diagnostic` for the page's file.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct Problem {
    /// Error or warning.
    pub severity: Severity,
    /// What is wrong.
    pub message: String,
    /// Where, in the body.
    pub range: Range<usize>,
    /// What to do.
    pub help: String,
}

/// What the first pass learns about a body, everything in document order (the content of
/// directive blocks included, ids unique across the page).
#[derive(Debug, Clone, Default, Hash)]
pub struct Outline {
    /// Every heading, including exercise titles and before-next headings.
    pub headings: Vec<Heading>,
    /// Every link and image.
    pub links: Vec<Link>,
    /// Ids written twice with `{#id}` or `{id=…}` (the second one's range).
    pub duplicate_ids: Vec<(String, Range<usize>)>,
    /// Every directive block, outer before inner.
    pub directives: Vec<Directive>,
    /// Every worksheet.
    pub worksheets: Vec<Worksheet>,
    /// Every round (`{each=…}`) that could be read.
    pub rounds: Vec<Round>,
    /// Every task of a before-next checklist.
    pub tasks: Vec<Task>,
    /// Problems with directives and worksheets.
    pub problems: Vec<Problem>,
    /// Where a `*` between two letters opens emphasis (`Lehrer*innen`), as body offsets.
    pub stars: Vec<usize>,
}

impl Outline {
    /// Every anchor a link may target on this page: headings, blocks with an id, worksheets.
    pub fn anchors(&self) -> AnchorSet {
        self.anchor_ids().map(str::to_string).collect()
    }

    /// The ids of [`Outline::anchors`], in document order by kind (headings, blocks,
    /// worksheets), without building a set.
    pub fn anchor_ids(&self) -> impl Iterator<Item = &str> {
        let headings = self.headings.iter().map(|h| h.id.as_str());
        let blocks = self.directives.iter().filter_map(|d| d.id.as_deref());
        headings
            .chain(blocks)
            .chain(self.worksheets.iter().map(|w| w.id.as_str()))
    }

    /// Whether a link may target `id` on this page (a page has few anchors: a look at
    /// each is cheaper than a set built on every load).
    pub fn has_anchor(&self, id: &str) -> bool {
        self.anchor_ids().any(|a| a == id)
    }

    /// The first `#` heading's text, if any.
    pub fn first_title(&self) -> Option<&str> {
        self.headings
            .iter()
            .find(|h| h.level == 1)
            .map(|h| h.text.as_str())
    }
}
