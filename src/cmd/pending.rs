//! Commands declared now whose work lands later: `serve` and `watch`.

use anyhow::Result;
use clap::Args;

use super::Exit;

/// Options of `serve`.
#[derive(Debug, Args)]
pub struct ServeArgs {
    /// The port to listen on (the next free one if taken).
    #[arg(long, default_value_t = 3000)]
    pub port: u16,
    /// The address to listen on.
    #[arg(long, default_value = "127.0.0.1")]
    pub bind: String,
    /// Open the site in a browser.
    #[arg(long)]
    pub open: bool,
}

/// Options of `watch`.
#[derive(Debug, Args)]
pub struct WatchArgs {
    /// Poll for changes instead of using file-system events.
    #[arg(long)]
    pub poll: bool,
}

fn not_yet(command: &str) -> Result<Exit> {
    Err(super::UsageError(format!(
        "`circlekit {command}` is not yet available in this version\n  = help: use `circlekit build` and open public/index.html for now"
    ))
    .into())
}

impl ServeArgs {
    /// Not yet available.
    pub fn run(self) -> Result<Exit> {
        not_yet("serve")
    }
}

impl WatchArgs {
    /// Not yet available.
    pub fn run(self) -> Result<Exit> {
        not_yet("watch")
    }
}
