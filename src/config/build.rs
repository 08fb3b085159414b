//! `[build]`: how a build treats the files it reads.

use std::path::PathBuf;

use serde::Deserialize;

/// `[build]`.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(default, deny_unknown_fields, rename_all = "kebab-case")]
pub struct BuildConfig {
    /// Folders outside the site (relative to the site root, e.g. "../shared") that links
    /// under `content/`, `assets/` and `themes/` may point into. Any other link that leads
    /// out of the site is an error, so a build never publishes the machine's own files.
    /// Default: none.
    pub allow_symlinks_to: Vec<PathBuf>,
}
