//! A page's body parsed once: what every file made from the page reads.

use std::collections::HashMap;
use std::path::PathBuf;
use std::sync::OnceLock;

use super::downloads::listed_on;
use crate::content::Page;
use crate::diagnostic::Diagnostic;
use crate::markdown::Document;
use crate::site::Site;

/// A page's parsed body (its text read again when the build let it go after loading, and
/// let go once parsed: the document keeps what it needs).
#[derive(Debug)]
pub(crate) struct Parsed {
    /// The body, parsed.
    pub doc: Document,
}

impl Parsed {
    /// Reads `page`'s text and parses its body.
    pub(crate) fn of(page: &Page) -> Result<Parsed, Diagnostic> {
        let text = page.text()?;
        let doc = Document::parse(text.body());
        Ok(Parsed { doc })
    }
}

/// A page's parsed body, or why its text could not be read.
type Slot = OnceLock<Result<Parsed, Diagnostic>>;

/// The pages with downloads (week guides, kits, the FAQ and the kits page), each parsed
/// once per render by whichever backend reads it first: its HTML, its PDFs, the search
/// index (made while the PDFs are typeset), and for a week the whole program in HTML and
/// PDF all read the same [`Document`]. They are few, so keeping them costs little. Every
/// other page is read by its own files and the search index only, parsed once where it is
/// rendered and let go after.
#[derive(Debug, Default)]
pub struct Bodies {
    /// By source path (an untranslated copy of a page is the same text, parsed once).
    by_source: HashMap<PathBuf, Slot>,
}

impl Bodies {
    /// A slot for every page of `site` with downloads, parsed when first asked for.
    pub fn of(site: &Site) -> Bodies {
        let pages = site.libraries.iter().flat_map(|lib| &lib.pages);
        let kept = pages.filter(|p| listed_on(p.kind));
        Bodies {
            by_source: kept.map(|p| (p.source.path.clone(), Slot::new())).collect(),
        }
    }

    /// `page` parsed: the render's one parse when it is kept here, else `Parsed::of` into
    /// `own` (the caller's cell, so the page is parsed once for all the caller makes).
    pub(crate) fn parsed<'a>(
        &'a self,
        page: &Page,
        own: &'a std::cell::OnceCell<Result<Parsed, Diagnostic>>,
    ) -> Result<&'a Parsed, Diagnostic> {
        let parsed = match self.by_source.get(&page.source.path) {
            Some(slot) => slot.get_or_init(|| Parsed::of(page)),
            None => own.get_or_init(|| Parsed::of(page)),
        };
        parsed.as_ref().map_err(Clone::clone)
    }

    /// `page` parsed: the render's one parse when it is kept here (parsed now when no
    /// backend has asked yet), else parsed for the caller alone.
    pub(crate) fn get_or_parse(&self, page: &Page) -> Result<Body<'_>, Diagnostic> {
        match self.by_source.get(&page.source.path) {
            Some(slot) => {
                let parsed = slot.get_or_init(|| Parsed::of(page));
                parsed.as_ref().map(Body::Kept).map_err(Clone::clone)
            }
            None => Parsed::of(page).map(Body::Own),
        }
    }
}

/// A parsed body: kept by [`Bodies`] or parsed for the caller alone.
pub(crate) enum Body<'a> {
    Kept(&'a Parsed),
    Own(Parsed),
}

impl std::ops::Deref for Body<'_> {
    type Target = Parsed;
    fn deref(&self) -> &Parsed {
        match self {
            Body::Kept(p) => p,
            Body::Own(p) => p,
        }
    }
}
