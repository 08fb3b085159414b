//! One PDF to make: where it goes, its Typst document and the pages it is made of.

use super::document::Source;
use crate::content::Page;

/// One PDF to make.
#[derive(Debug)]
pub struct Job<'a> {
    /// Output path, e.g. `downloads/en/week-01-member.pdf`.
    pub path: String,
    /// The Typst document.
    pub source: Source,
    /// The pages it is made of (for diagnostics).
    pub pages: Vec<&'a Page>,
}
