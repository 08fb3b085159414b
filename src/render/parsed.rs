//! A page's body parsed once: what every file made from the page reads.

use std::collections::HashMap;
use std::path::PathBuf;
use std::sync::OnceLock;

use crate::content::{Page, PageKind};
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

/// The week guides of one render, each parsed once by whichever backend reads it first:
/// its page and printable guides, the search index, the whole program (HTML and PDF) and
/// its own PDFs all read the same [`Document`]. Weeks are few (`[circle] weeks` per
/// language), so keeping them costs little. Every other page is read by its own files and
/// the search index only, parsed once where it is rendered and let go after.
#[derive(Debug, Default)]
pub struct Weeks {
    /// By source path (an untranslated copy of a week is the same text, parsed once).
    by_source: HashMap<PathBuf, Slot>,
}

impl Weeks {
    /// A slot for every week guide of `site`, parsed when first asked for.
    pub fn of(site: &Site) -> Weeks {
        let weeks = site.libraries.iter().flat_map(|lib| &lib.pages);
        let weeks = weeks.filter(|p| p.kind == PageKind::Week);
        Weeks {
            by_source: weeks
                .map(|p| (p.source.path.clone(), Slot::new()))
                .collect(),
        }
    }

    /// `page` parsed: the render's one parse when it is a week, else `Parsed::of` into
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

    /// A week's parsed body (parsed now when no backend has asked yet); `Parsed::of` for
    /// a page that is no week.
    pub(crate) fn get_or_parse(&self, page: &Page) -> Result<WeekDoc<'_>, Diagnostic> {
        match self.by_source.get(&page.source.path) {
            Some(slot) => {
                let parsed = slot.get_or_init(|| Parsed::of(page));
                parsed.as_ref().map(WeekDoc::Kept).map_err(Clone::clone)
            }
            None => Parsed::of(page).map(WeekDoc::Own),
        }
    }
}

/// A parsed body: kept by [`Weeks`] or parsed for the caller alone.
pub(crate) enum WeekDoc<'a> {
    Kept(&'a Parsed),
    Own(Parsed),
}

impl std::ops::Deref for WeekDoc<'_> {
    type Target = Parsed;
    fn deref(&self) -> &Parsed {
        match self {
            WeekDoc::Kept(p) => p,
            WeekDoc::Own(p) => p,
        }
    }
}
