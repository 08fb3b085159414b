//! A page's text for placing findings at their line: read (again, when the build let it
//! go after loading) at the first finding that needs it, and only then.

use std::cell::{Cell, OnceCell};

use crate::content::{Page, PageText};
use crate::diagnostic::{Diagnostic, Diagnostics};

/// The text of one page, fetched on first use.
pub(super) struct LazyText<'p> {
    page: &'p Page,
    text: OnceCell<PageText>,
    failed: Cell<Option<Diagnostic>>,
}

impl<'p> LazyText<'p> {
    pub(super) fn new(page: &'p Page) -> LazyText<'p> {
        LazyText {
            page,
            text: OnceCell::new(),
            failed: Cell::new(None),
        }
    }

    fn get(&self) -> &PageText {
        self.text.get_or_init(|| {
            self.page.text().unwrap_or_else(|d| {
                self.failed.set(Some(d));
                PageText::default()
            })
        })
    }

    /// The whole file (what findings' offsets count in).
    pub(super) fn full(&self) -> &str {
        self.get().full()
    }

    /// The Markdown body.
    pub(super) fn body(&self) -> &str {
        self.get().body()
    }

    /// Adds why the text could not be read again, if it could not.
    pub(super) fn finish(&self, diags: &mut Diagnostics) {
        if let Some(d) = self.failed.take() {
            diags.push(d);
        }
    }
}
