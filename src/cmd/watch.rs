//! `circlekit watch`, and the flags it shares with `serve`.

use std::path::PathBuf;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::mpsc::{Receiver, Sender, channel};

use anyhow::{Context as _, Result};
use clap::Args;

use super::exit::Exit;
use crate::cli::GlobalArgs;
use circlekit::build::BuildOptions;
use circlekit::dev::session::{self, WatchOptions};
use circlekit::dev::watch::Signal;
use circlekit::site::SiteOptions;

/// Flags of the rebuild loop, the same for `serve` and `watch`.
#[derive(Debug, Args)]
pub struct LoopArgs {
    /// Poll the files for changes (for file systems without change events, such as some network or container mounts).
    #[arg(long)]
    pub poll: bool,
    /// Include pages marked `draft: true`.
    #[arg(long)]
    pub drafts: bool,
    /// Fail on warnings too.
    #[arg(long)]
    pub strict: bool,
    /// Skip PDFs and Circle Kit archives to rebuild faster.
    #[arg(long)]
    pub no_pdf: bool,
    /// Replace the output folder even if circlekit did not make it (everything in it is lost).
    #[arg(long)]
    pub force: bool,
    /// The PDF cache folder.
    #[command(flatten)]
    pub cache: super::cache::CacheArgs,
}

impl LoopArgs {
    /// The build options these flags ask for, writing to `output` when given.
    pub fn build_options(&self, output: Option<PathBuf>) -> Result<BuildOptions> {
        Ok(BuildOptions {
            site: SiteOptions {
                memo: None,
                base_url: None,
                drafts: self.drafts,
            },
            output,
            force: self.force,
            strict: self.strict,
            pdf: cfg!(feature = "pdf") && !self.no_pdf,
            cache: self.cache.options()?,
            checks: None,
        })
    }
}

/// Options of `watch`.
#[derive(Debug, Args)]
pub struct WatchArgs {
    /// Write the site here instead of `[output] dir` (relative to the current folder).
    #[arg(long, short, value_name = "DIR")]
    pub output: Option<PathBuf>,
    /// Flags shared with `serve`.
    #[command(flatten)]
    pub common: LoopArgs,
}

/// A channel for the loop, with Ctrl-C sending `Stop` into it (a second Ctrl-C exits at once).
pub fn stop_on_ctrl_c() -> Result<(Sender<Signal>, Receiver<Signal>)> {
    let (tx, rx) = channel();
    let stop = tx.clone();
    let presses = AtomicUsize::new(0);
    ctrlc::set_handler(move || {
        if presses.fetch_add(1, Ordering::SeqCst) > 0 {
            std::process::exit(130);
        }
        let _ = stop.send(Signal::Stop);
    })
    .context("cannot handle Ctrl-C")?;
    Ok((tx, rx))
}

impl WatchArgs {
    /// Builds, then rebuilds the output folder on every change until Ctrl-C.
    pub fn run(self, global: &GlobalArgs) -> Result<Exit> {
        let root = global.site_root()?;
        let opts = WatchOptions {
            build: self.common.build_options(self.output)?,
            poll: self.common.poll,
            verbosity: global.verbosity(),
        };
        let (tx, rx) = stop_on_ctrl_c()?;
        session::watch(&root, &opts, tx, rx)?;
        Ok(Exit::Ok)
    }
}
