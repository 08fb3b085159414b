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

use std::path::{Path, PathBuf};

use anyhow::{Result, bail};

use crate::cli::GlobalArgs;
use circlekit::report::Verbosity;
use circlekit::site::Site;

/// How a command ended, mapped to the process's exit code.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Exit {
    /// 0: all good (warnings allowed).
    Ok,
    /// 1: the content or configuration has errors.
    ContentErrors,
    /// 3: the machine failed: a full disk, a folder one may not write (the file and the
    /// operating system's reason are printed).
    IoFailure,
    /// 4: another build kept the output folder busy for longer than this one would wait.
    Busy,
}

/// A mistake in how circlekit was called (a wrong `--root`, a command not available yet):
/// exit code 2, like clap's own usage errors.
#[derive(Debug)]
pub struct UsageError(pub String);

impl std::fmt::Display for UsageError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

impl std::error::Error for UsageError {}

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

/// Reads book.toml for commands that need only the configuration; its problems are
/// printed and become exit code 1.
pub fn load_config(root: &Path) -> std::result::Result<circlekit::config::Config, Exit> {
    circlekit::config::Config::load(root).map_err(|problems| {
        for d in problems {
            eprint!("{}", d.render());
        }
        Exit::ContentErrors
    })
}
