//! A page's outline, made when it is first needed.
//!
//! Loading a page does not need its outline when its front matter names it and no other
//! stage reads its body: a build then makes the outline from the one parse of the body that
//! renders it, and checks the page afterwards. Whatever asks for the outline before that
//! (a link to one of the page's anchors, `check`, `serve`) reads the page's text again and
//! outlines it then. Either way, the outline is made once and shared by every copy of the
//! page (a fallback page in another language, the memo of `serve`).

use std::sync::{Arc, OnceLock};

use super::model::PageText;
use crate::markdown::{self, Document, Outline};

/// How a page's outline was made (for tests and measurements).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Made {
    /// At load, with the page.
    AtLoad,
    /// From the body parsed to render it: no parse of its own.
    FromRender,
    /// Asked for before the page was rendered: its text read and outlined on its own.
    OnItsOwn,
}

/// A page's outline: made at load, or later, once.
#[derive(Debug, Clone, Default)]
pub struct OutlineSlot(Arc<OnceLock<(Arc<Outline>, Made)>>);

impl OutlineSlot {
    /// An outline made at load.
    pub fn made(outline: Arc<Outline>) -> OutlineSlot {
        OutlineSlot(Arc::new(OnceLock::from((outline, Made::AtLoad))))
    }

    /// An outline to be made when needed.
    pub fn later() -> OutlineSlot {
        OutlineSlot::default()
    }

    /// The outline, made now from `text()` (the page's text, read again) if it is not yet.
    pub(super) fn get_or_read(&self, text: impl FnOnce() -> Option<PageText>) -> &Arc<Outline> {
        let (outline, _) = self.0.get_or_init(|| {
            // A page whose text cannot be read again has no outline; its render reports
            // why it cannot be read.
            let outline = text()
                .map(|t| markdown::outline(t.body()))
                .unwrap_or_default();
            (Arc::new(outline), Made::OnItsOwn)
        });
        outline
    }

    /// The outline, made now from `body` (the page's, at load) if it is not yet.
    pub(super) fn at_load(&self, body: &str) -> &Arc<Outline> {
        let made = self
            .0
            .get_or_init(|| (Arc::new(markdown::outline(body)), Made::AtLoad));
        &made.0
    }

    /// Makes the outline from `doc`, the parse of `body`, unless it is made already.
    pub fn fill_from(&self, doc: &Document, body: &str) {
        self.0
            .get_or_init(|| (Arc::new(markdown::outline_of(doc, body)), Made::FromRender));
    }

    /// How the outline was made; `None` while it is not.
    pub fn made_how(&self) -> Option<Made> {
        self.0.get().map(|(_, how)| *how)
    }
}
