//! `circlekit man`: the manual page in roff, from the same clap definition as the command
//! line itself.

use std::path::PathBuf;

use anyhow::{Context as _, Result};
use clap::{Args, CommandFactory};

use super::exit::Exit;
use crate::cli::Cli;

/// Options of `man`.
#[derive(Debug, Args)]
pub struct ManArgs {
    /// Write circlekit.1 and a page per command (circlekit-build.1, …) into this folder
    /// instead of printing circlekit.1.
    #[arg(long, value_name = "DIR")]
    pub out: Option<PathBuf>,
}

impl ManArgs {
    /// Prints the page, or writes all pages into `--out`.
    pub fn run(self) -> Result<Exit> {
        let cmd = Cli::command();
        match self.out {
            Some(dir) => {
                std::fs::create_dir_all(&dir)
                    .with_context(|| format!("cannot create {}", dir.display()))?;
                clap_mangen::generate_to(cmd, &dir).with_context(|| {
                    format!("cannot write the manual pages into {}", dir.display())
                })?;
                eprintln!("wrote the manual pages into {}", dir.display());
            }
            None => clap_mangen::Man::new(cmd)
                .render(&mut std::io::stdout())
                .context("cannot write the manual page")?,
        }
        Ok(Exit::Ok)
    }
}
