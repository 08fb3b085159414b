//! How to render (PDFs now, later or not at all; the search index or not) and what a
//! render produced.

use std::collections::BTreeMap;

use super::later::Later;
use crate::diagnostic::Diagnostic;

/// What rendering produced.
#[derive(Debug, Default)]
pub struct RenderSummary {
    /// HTML pages written.
    pub pages: usize,
    /// All files written or copied (pages included).
    pub files: usize,
    /// PDFs in the output.
    pub pdfs: usize,
    /// Of those, PDFs taken unchanged from the previous output.
    pub pdfs_reused: usize,
    /// Of those, PDFs taken from the cache folder (see [`crate::cache`]).
    pub pdfs_cached: usize,
    /// Downloads left to be made later (with [`Pdfs::Later`]), by output path.
    pub pending: Vec<String>,
    /// Warnings found while rendering (a shallow clone's PDF dates).
    pub warnings: Vec<Diagnostic>,
    /// The files left to write (with [`RenderOptions::index_later`]).
    pub later: Option<Later>,
    /// Every download the pages list, with the size they show of it (none when unknown).
    pub listed: BTreeMap<String, Option<u64>>,
}

/// Whether and when the PDFs and Circle Kit archives are made.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Pdfs {
    /// Not at all (`--no-pdf`, or built without the `pdf` feature).
    Off,
    /// During the render (`build`, `watch`).
    Now,
    /// None is made: all are listed as pending, with the previous output's sizes, for the
    /// caller to make afterwards (`serve`, which shows pages without waiting for them).
    Later,
    /// None is made, but their fonts are checked to cover their text (`check`).
    Check,
}

/// How to render.
#[derive(Debug, Clone)]
pub struct RenderOptions {
    /// When PDFs and the Circle Kit archives are made. Default: now when built with the
    /// `pdf` feature, else not at all.
    pub pdf: Pdfs,
    /// Build the search index of every language. Default: true (`check` has no use for it).
    pub search_index: bool,
    /// The cache folder that PDFs are taken from and kept in. Default: none.
    pub pdf_cache: Option<crate::cache::CacheOptions>,
    /// Leave the search index, the offline lists and the service worker to the caller,
    /// in [`RenderSummary::later`] (`serve`, which shows an edit's pages first). Default:
    /// false.
    pub index_later: bool,
}

#[allow(
    clippy::derivable_impls,
    reason = "the default follows the `pdf` feature, which is off in some builds"
)]
impl Default for RenderOptions {
    fn default() -> Self {
        RenderOptions {
            pdf: if cfg!(feature = "pdf") {
                Pdfs::Now
            } else {
                Pdfs::Off
            },
            search_index: true,
            pdf_cache: None,
            index_later: false,
        }
    }
}
