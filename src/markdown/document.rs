//! A page body parsed once: every step of the walk (Markdown events, directive blocks,
//! worksheets, rounds) in document order, kept with the text its events point into.
//!
//! One [`Document`] feeds every backend of a page: the outline ([`super::outline_of`]), the
//! HTML of each edition ([`super::render`]), the PDF writer and the search text
//! ([`super::search_sections`]). Each walks [`Document::steps`]; none parses again.

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

    /// Problems with directive fences and nesting met while splitting the body.
    pub(crate) fn problems(&self) -> &[Problem] {
        &self.parsed.borrow_owner().problems
    }
}
