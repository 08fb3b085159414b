//! One module per command; each has an `…Args` struct and a `run()`.

pub mod build;
pub mod cache;
pub mod check;
pub mod clean;
pub mod completions;
pub mod i18n;
pub mod init;
pub mod man;
pub mod new;
pub mod schema;
pub mod serve;
pub mod watch;

mod config;
mod exit;

use std::path::{Path, PathBuf};

use anyhow::{Result, bail};

use crate::cli::GlobalArgs;
use circlekit::report::Verbosity;
use circlekit::site::Site;

pub use exit::{Exit, UsageError};

impl GlobalArgs {
    /// The verbosity the flags ask for.
    pub fn verbosity(&self) -> Verbosity {
        if self.quiet {
            Verbosity::Quiet
        } else if self.verbose {
            Verbosity::Verbose
        } else {
            Verbosity::Normal
        }
    }

    /// The site root: `--root`, or the nearest folder upwards with a book.toml.
    pub fn site_root(&self) -> Result<PathBuf> {
        if let Some(root) = &self.root {
            if !root.join(circlekit::config::CONFIG_FILE).is_file() {
                return Err(UsageError(format!(
                    "{} has no book.toml\n  = help: pass the folder that holds book.toml, or run `circlekit init {}`",
                    root.display(),
                    root.display()
                ))
                .into());
            }
            return Ok(root.clone());
        }
        let here = std::env::current_dir()?;
        match Site::find_root(&here) {
            Some(root) => Ok(root),
            None => bail!(
                "no book.toml in {} or any folder above it\n  = help: run this inside a site, pass --root DIR, or create one with `circlekit init DIR`",
                display(&here)
            ),
        }
    }
}

fn display(p: &Path) -> String {
    p.display().to_string()
}
