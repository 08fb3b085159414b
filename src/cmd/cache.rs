//! The cache flags that every command which makes PDFs shares (`build`, `serve`, `watch`).

use std::path::PathBuf;

use clap::Args;

use super::exit::UsageError;
use circlekit::cache::CacheOptions;

/// Where typeset PDFs are kept between builds.
#[derive(Debug, Args)]
pub struct CacheArgs {
    /// Keep typeset PDFs in DIR (relative to the current folder) between builds, so a build
    /// into a new output folder takes them from there [default: $CIRCLEKIT_CACHE_DIR, else
    /// the platform's cache folder, e.g. ~/.cache/circlekit/pdf]. Besides its output, a
    /// build writes only there.
    #[arg(long, value_name = "DIR")]
    pub cache_dir: Option<PathBuf>,
    /// Neither read nor write the PDF cache folder: the build writes nothing outside its
    /// output folder.
    #[arg(long, conflicts_with = "cache_dir")]
    pub no_cache: bool,
}

impl CacheArgs {
    /// The cache these flags (and `CIRCLEKIT_CACHE_DIR`, `CIRCLEKIT_CACHE_MAX_MB`) ask
    /// for; a cap that is not a number is a usage error.
    pub fn options(&self) -> Result<Option<CacheOptions>, UsageError> {
        CacheOptions::from_flags(self.cache_dir.clone(), self.no_cache).map_err(UsageError)
    }
}
