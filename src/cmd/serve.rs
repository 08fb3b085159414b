//! `circlekit serve`.

use std::net::IpAddr;
use std::path::PathBuf;

use anyhow::{Result, bail};
use clap::Args;

use super::exit::Exit;
use super::watch::{LoopArgs, stop_on_ctrl_c};
use crate::cli::GlobalArgs;
use circlekit::dev::session::{self, ServeOptions};
use circlekit::report;

/// Options of `serve`.
#[derive(Debug, Args)]
pub struct ServeArgs {
    /// The port to listen on (the next free one if it is taken; 0 lets the system choose).
    #[arg(long, short, default_value_t = 3000)]
    pub port: u16,
    /// The address to listen on; anything but 127.0.0.1 or ::1 lets other machines read the site.
    #[arg(long, default_value = "127.0.0.1", value_name = "ADDRESS")]
    pub bind: String,
    /// Open the site in a browser.
    #[arg(long)]
    pub open: bool,
    /// Also write every good build here (through the same safe swap as `build`). Default: write nothing.
    #[arg(long, short, value_name = "DIR")]
    pub output: Option<PathBuf>,
    /// Flags shared with `watch`.
    #[command(flatten)]
    pub common: LoopArgs,
}

impl ServeArgs {
    /// Serves the site from memory with live reload until Ctrl-C.
    pub fn run(self, global: &GlobalArgs) -> Result<Exit> {
        let root = global.site_root()?;
        let bind: IpAddr = match self.bind.parse() {
            Ok(ip) => ip,
            Err(_) if self.bind == "localhost" => IpAddr::from([127, 0, 0, 1]),
            Err(_) => bail!(
                "`{}` is not an IP address\n  = help: pass --bind 127.0.0.1 (this machine only) or --bind 0.0.0.0 (every network)",
                self.bind
            ),
        };
        let opts = ServeOptions {
            build: self.common.build_options(self.output)?,
            bind,
            port: self.port,
            poll: self.common.poll,
            verbosity: global.verbosity(),
        };
        let (tx, rx) = stop_on_ctrl_c()?;
        let open = self.open;
        session::serve(&root, &opts, tx, rx, |url| {
            if open {
                open_browser(url);
            }
        })?;
        Ok(Exit::Ok)
    }
}

/// Asks the desktop to open `url`; says so when it cannot.
fn open_browser(url: &str) {
    let mut cmd = if cfg!(target_os = "macos") {
        std::process::Command::new("open")
    } else if cfg!(windows) {
        let mut c = std::process::Command::new("cmd");
        c.args(["/C", "start", ""]);
        c
    } else {
        std::process::Command::new("xdg-open")
    };
    let spawned = cmd
        .arg(url)
        .stdin(std::process::Stdio::null())
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::null())
        .spawn();
    if spawned.is_err() {
        report::trouble(&format!("cannot open a browser; open {url} yourself"));
    }
}
