//! `circlekit init DIR`.

use std::path::PathBuf;

use anyhow::Result;
use clap::Args;

use super::Exit;
use crate::cli::GlobalArgs;
use circlekit::report::Verbosity;

/// Options of `init`.
#[derive(Debug, Args)]
pub struct InitArgs {
    /// The new site's folder (must be new or empty).
    pub dir: PathBuf,
}

impl InitArgs {
    /// Writes the bundled program into DIR.
    pub fn run(self, global: &GlobalArgs) -> Result<Exit> {
        let start = std::time::Instant::now();
        let n = circlekit::starter::write_starter(&self.dir)?;
        if global.verbosity() > Verbosity::Quiet {
            eprintln!(
                "created a circle site in {} ({n} files) in {}; next: cd {} && circlekit build",
                self.dir.display(),
                circlekit::report::duration(start.elapsed()),
                self.dir.display()
            );
        }
        Ok(Exit::Ok)
    }
}
