//! Commands declared now whose work lands later: `new`.

use anyhow::{Result, bail};
use clap::Args;

use super::Exit;

/// Options of `new`.
#[derive(Debug, Args)]
pub struct NewArgs {
    /// What to create, e.g. `week`.
    pub what: String,
}

fn not_yet(command: &str) -> Result<Exit> {
    bail!(
        "`circlekit {command}` is not yet available in this version\n  = help: use `circlekit build` and open public/index.html for now"
    )
}

impl NewArgs {
    /// Not yet available.
    pub fn run(self) -> Result<Exit> {
        not_yet("new")
    }
}
