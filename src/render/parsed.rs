//! A page's body parsed once: what every file made from the page reads.

use std::sync::Arc;

use crate::content::Page;
use crate::diagnostic::Diagnostic;
use crate::markdown::Document;

/// A page's parsed body: the one load kept ([`Page::body`]), or its text read again (the
/// build let it go after loading) and parsed.
#[derive(Debug)]
pub(crate) struct Parsed {
    /// The body, parsed.
    pub doc: Arc<Document>,
}

impl Parsed {
    /// `page`'s body: kept from load, else read and parsed now (and the page's outline
    /// made from that parse, when it is not made yet: see [`Page::outline`]).
    pub(crate) fn of(page: &Page) -> Result<Parsed, Diagnostic> {
        if let Some(doc) = &page.body {
            return Ok(Parsed {
                doc: Arc::clone(doc),
            });
        }
        let text = page.text()?;
        let doc = Arc::new(Document::parse(text.body()));
        page.outline.fill_from(&doc, text.body());
        Ok(Parsed { doc })
    }
}
