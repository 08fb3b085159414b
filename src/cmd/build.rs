//! `circlekit build`.

use std::path::PathBuf;

use anyhow::Result;
use clap::Args;

use super::exit::Exit;
use crate::cli::GlobalArgs;
use circlekit::build::{self, BuildError, BuildOptions};
use circlekit::report;
use circlekit::site::SiteOptions;

/// Options of `build`.
#[derive(Debug, Args)]
pub struct BuildArgs {
    /// Write the site here instead of `[output] dir` (relative to the current folder).
    #[arg(long, short, value_name = "DIR")]
    pub output: Option<PathBuf>,
    /// The site's public address, e.g. https://example.org/circles/ (overrides book.toml).
    #[arg(long, value_name = "URL")]
    pub base_url: Option<String>,
    /// Replace the output folder even if circlekit did not make it (everything in it is lost).
    #[arg(long)]
    pub force: bool,
    /// Fail on warnings too.
    #[arg(long)]
    pub strict: bool,
    /// Include pages marked `draft: true`.
    #[arg(long)]
    pub drafts: bool,
    /// Skip PDFs and Circle Kit archives, for a fast preview (pages then list only the
    /// printable pages).
    #[arg(long)]
    pub no_pdf: bool,
    /// The PDF cache folder.
    #[command(flatten)]
    pub cache: super::cache::CacheArgs,
}

impl BuildArgs {
    /// Builds the site.
    pub fn run(self, global: &GlobalArgs) -> Result<Exit> {
        let root = global.site_root()?;
        let v = global.verbosity();
        report::progress(v, &format!("building {}", root.display()));
        let opts = BuildOptions {
            site: SiteOptions {
                memo: None,
                base_url: self.base_url,
                drafts: self.drafts,
            },
            output: self.output,
            force: self.force,
            strict: self.strict,
            pdf: cfg!(feature = "pdf") && !self.no_pdf,
            cache: self.cache.options()?,
            checks: None,
        };
        let start = std::time::Instant::now();
        match build::build(&root, &opts, &report::waiting_for_output) {
            Ok(outcome) => {
                report::diagnostics(&outcome.diagnostics, v);
                report::built(&outcome, v);
                Ok(Exit::Ok)
            }
            Err(e) => {
                report::diagnostics(e.diagnostics(), v);
                report::failed("build", e.diagnostics(), start.elapsed());
                Ok(match e {
                    BuildError::Busy(_) => Exit::Busy,
                    BuildError::Failed(_) => Exit::ContentErrors,
                    BuildError::Io(_) => Exit::IoFailure,
                })
            }
        }
    }
}
