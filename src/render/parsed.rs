//! A page's text and its body parsed once: what every file made from the page reads.

use crate::content::{Page, PageText};
use crate::diagnostic::Diagnostic;
use crate::markdown::Document;

/// A page's text (read again when the build let it go after loading) and its parsed body.
#[derive(Debug)]
pub(crate) struct Parsed {
    /// The text it was parsed from.
    pub text: PageText,
    /// The body, parsed.
    pub doc: Document,
}

impl Parsed {
    /// Reads `page`'s text and parses its body.
    pub(crate) fn of(page: &Page) -> Result<Parsed, Diagnostic> {
        let text = page.text()?;
        let doc = Document::parse(text.body());
        Ok(Parsed { text, doc })
    }
}
