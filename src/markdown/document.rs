//! A page body parsed once: every step of the walk (Markdown events, directive blocks,
//! worksheets, rounds) in document order, kept with the text its events point into.
//!
//! One [`Document`] feeds every backend of a page: the outline ([`super::outline_of`]), the
//! HTML of each edition ([`super::render`]), the PDF writer and the search text
//! ([`super::search_sections`]). Each walks [`Document::steps`]; none parses again.

use std::ops::Range;

use pulldown_cmark::{Event, Tag};
use self_cell::self_cell;

use super::outline::Problem;
use super::walk::{Step, Tree};

type Steps<'a> = Vec<Step<'a>>;

self_cell!(
    struct Parsed {
        owner: Tree,
        #[covariant]
        dependent: Steps,
    }
    impl {Debug}
);

/// A body parsed once, in document order.
#[derive(Debug)]
pub struct Document {
    parsed: Parsed,
}

impl Document {
    /// Parses a page body (or any piece of Markdown) once.
    pub fn parse(body: &str) -> Document {
        Document {
            parsed: Parsed::new(Tree::new(body), |tree| tree.steps()),
        }
    }

    /// Every step of the page, in document order.
    pub fn steps(&self) -> &[Step<'_>] {
        self.parsed.borrow_dependent()
    }

    /// The steps of the part of the body in `range` (body offsets): everything that starts
    /// in it, and of what starts before it (a block around the part), only its insides.
    /// Each step that opens something comes with the one that closes it, so the part
    /// renders like a body of its own, but with the whole page's link references (a part
    /// parsed alone lost those). The footnotes it refers to that are defined elsewhere
    /// follow it.
    pub fn steps_in(&self, range: &Range<usize>) -> Vec<&Step<'_>> {
        let mut out = self.starting_in(range);
        let cited: Vec<&str> = out
            .iter()
            .filter_map(|step| match step {
                Step::Event(Event::FootnoteReference(label), _) => Some(label.as_ref()),
                _ => None,
            })
            .collect();
        if cited.is_empty() {
            return out;
        }
        // Each definition outside the part that it cites, whole.
        let mut depth = 0usize;
        for step in self.steps() {
            match step {
                Step::Event(Event::Start(Tag::FootnoteDefinition(label)), r)
                    if depth == 0
                        && !range.contains(&r.start)
                        && cited.contains(&label.as_ref()) =>
                {
                    depth = 1;
                    out.push(step);
                }
                Step::Event(Event::Start(_), _) | Step::Open(..) if depth > 0 => {
                    depth += 1;
                    out.push(step);
                }
                Step::Event(Event::End(_), _) | Step::Close(_) if depth > 0 => {
                    depth -= 1;
                    out.push(step);
                }
                _ if depth > 0 => out.push(step),
                _ => {}
            }
        }
        out
    }

    /// The steps that start in `range`, with the ends of those that open something.
    fn starting_in(&self, range: &Range<usize>) -> Vec<&Step<'_>> {
        let mut out = Vec::new();
        // For each open element: whether it is in the part.
        let mut open: Vec<bool> = Vec::new();
        for step in self.steps() {
            let start = match step {
                Step::Event(Event::End(_), _) | Step::Close(_) => {
                    if open.pop() == Some(true) {
                        out.push(step);
                    }
                    continue;
                }
                Step::Event(_, r) | Step::Round(_, r) => r.start,
                Step::Open(block, _) => block.range.start,
                Step::Worksheet(sheet) => sheet.range.start,
            };
            let inside = range.contains(&start);
            if matches!(step, Step::Event(Event::Start(_), _) | Step::Open(..)) {
                open.push(inside);
            }
            if inside {
                out.push(step);
            }
        }
        out
    }

    /// Problems with directive fences and nesting met while splitting the body.
    pub(crate) fn problems(&self) -> &[Problem] {
        &self.parsed.borrow_owner().problems
    }
}
