//! What rendering writes: counts of the files written, and the writing of pages a language
//! has once, shared by the threads that render.

use std::path::Path;
use std::sync::atomic::{AtomicUsize, Ordering};

use super::memo;
use crate::diagnostic::{Diagnostic, Diagnostics};
use crate::output::Sink;

/// Counts of what was written, shared by the threads that write.
#[derive(Default)]
pub(crate) struct Written {
    pub(crate) pages: AtomicUsize,
    pub(crate) files: AtomicUsize,
}

impl Written {
    pub(crate) fn page(&self) {
        self.pages.fetch_add(1, Ordering::Relaxed);
    }

    pub(crate) fn files(&self, n: usize) {
        self.files.fetch_add(n, Ordering::Relaxed);
    }
}

/// Writes a page a language has once (not made from a source of its own). A problem
/// rendering it joins `diags` (where a template error met on every page is reported once,
/// at the first page that met it); a failure to write ends the render. Whether it was
/// written.
pub(crate) fn write_or_keep(
    sink: &dyn Sink,
    path: &str,
    html: Result<impl Into<memo::PageBytes>, Diagnostic>,
    diags: &mut Diagnostics,
) -> Result<bool, Diagnostics> {
    match html {
        Ok(html) => {
            html.into().write_to(sink, path).map_err(|e| failed(&e))?;
            Ok(true)
        }
        Err(d) => {
            diags.push(d);
            Ok(false)
        }
    }
}

/// A failure to write the output (not about any one source file).
pub(crate) fn failed(e: &anyhow::Error) -> Diagnostics {
    single(Diagnostic::from_failure(e, Path::new("")))
}

pub(crate) fn single(d: Diagnostic) -> Diagnostics {
    let mut ds = Diagnostics::new();
    ds.push(d);
    ds
}
