//! The cache flags that every command which makes PDFs shares (`build`, `serve`, `watch`).

use std::path::PathBuf;

use clap::Args;

use circlekit::cache::CacheOptions;

/// Where typeset PDFs are kept between builds.
#[derive(Debug, Args)]
pub struct CacheArgs {
    /// Keep typeset PDFs in DIR between builds, so a build into a new output folder takes
    /// them from there [default: $CIRCLEKIT_CACHE_DIR, else the platform's cache folder,
    /// e.g. ~/.cache/circlekit/pdf]. Besides its output, a build writes only there.
    #[arg(long, value_name = "DIR")]
    pub cache_dir: Option<PathBuf>,
    /// Neither read nor write the PDF cache folder: the build writes nothing outside its
    /// output folder.
    #[arg(long, conflicts_with = "cache_dir")]
    pub no_cache: bool,
}

impl CacheArgs {
    /// The cache these flags (and `CIRCLEKIT_CACHE_DIR`) ask for.
    pub fn options(&self) -> Option<CacheOptions> {
        CacheOptions::from_flags(self.cache_dir.clone(), self.no_cache)
    }
}
