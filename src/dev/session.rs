//! The two loops: `serve` (memory, HTTP, live reload) and `watch` (the output folder).
//!
//! Both start watching before the first build, so an edit made while it runs is not lost,
//! then take every change that arrived while a build ran as one batch: a burst of saves
//! costs one or two rebuilds, never one per file.

use std::net::{IpAddr, SocketAddr};
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::sync::mpsc::{Receiver, Sender};
use std::time::Instant;

use anyhow::Result;

use crate::build::{self, BuildOptions};
use crate::report::{self, Verbosity};

use super::watch::{Signal, Watcher};
use super::{DevSite, Files, Rebuilder, server};

/// Options of `serve`.
#[derive(Debug, Clone)]
pub struct ServeOptions {
    /// How to build; `output` set means "also write every good build there".
    pub build: BuildOptions,
    /// The address to listen on. Default: 127.0.0.1.
    pub bind: IpAddr,
    /// The port to try first (the next free one is used when it is taken; 0 lets the
    /// system choose). Default: 3000.
    pub port: u16,
    /// Poll for changes instead of using file-system events.
    pub poll: bool,
    /// How much to print.
    pub verbosity: Verbosity,
}

/// Options of `watch`.
#[derive(Debug, Clone)]
pub struct WatchOptions {
    /// How to build (output folder, force, drafts, strict).
    pub build: BuildOptions,
    /// Poll for changes instead of using file-system events.
    pub poll: bool,
    /// How much to print.
    pub verbosity: Verbosity,
}

/// The address to show people: a wildcard bind is reached through the loopback address.
pub fn url_for(addr: SocketAddr) -> String {
    let ip = match addr.ip() {
        IpAddr::V4(ip) if ip.is_unspecified() => IpAddr::V4(std::net::Ipv4Addr::LOCALHOST),
        IpAddr::V6(ip) if ip.is_unspecified() => IpAddr::V6(std::net::Ipv6Addr::LOCALHOST),
        ip => ip,
    };
    format!("http://{}/", SocketAddr::new(ip, addr.port()))
}

/// Serves the site at `root` until `rx` says [`Signal::Stop`]. `tx` is given to the
/// watcher; `ready` gets the site's URL once it answers requests.
pub fn serve(
    root: &Path,
    opts: &ServeOptions,
    tx: Sender<Signal>,
    rx: Receiver<Signal>,
    ready: impl FnOnce(&str),
) -> Result<()> {
    let v = opts.verbosity;
    let (mut watcher, hint) = Watcher::start(root, opts.poll, tx)?;
    let rebuilder = Rebuilder::new(root, opts.build.clone());
    let first = rebuilder.render();
    let site = match &first {
        Ok(r) => {
            write_output(&rebuilder, opts, &r.files, v);
            DevSite::new(r.files.clone(), None)
        }
        Err(d) => DevSite::new(Files::new(), Some(d.clone())),
    };
    let site = Arc::new(site);
    let (listener, bound) = server::bind(opts.bind, opts.port)?;
    if let Some(asked) = bound.taken {
        report::port_taken(asked, bound.addr.port());
    }
    if !opts.bind.is_loopback() {
        report::listening_beyond_loopback(&bound.addr.to_string());
    }
    let running = server::start(listener, site.clone())?;
    if let Some(h) = hint {
        report::trouble(&h);
    }
    let url = url_for(bound.addr);
    match &first {
        Ok(r) => {
            report::outside_links(&r.outside);
            report::diagnostics(&r.outcome.diagnostics, v);
            report::serving(&url, Ok(&r.outcome), v);
        }
        Err(d) => {
            report::diagnostics(d, v);
            report::serving(&url, Err(d), v);
        }
    }
    ready(&url);
    let mut rebuilds = 0;
    while let Some(changed) = next_batch(&rx, &mut watcher) {
        rebuilds += 1;
        let start = Instant::now();
        match rebuilder.render() {
            Ok(r) => {
                write_output(&rebuilder, opts, &r.files, v);
                report::outside_links(&r.outside);
                site.publish(r.files);
                report::diagnostics(&r.outcome.diagnostics, v);
                report::rebuilt(&r.outcome, &changed, r.stats.reused, v);
            }
            Err(d) => {
                site.publish_errors(d.clone());
                report::diagnostics(&d, v);
                report::rebuild_failed(
                    &d,
                    start.elapsed(),
                    &changed,
                    "still serving the last good build",
                );
            }
        }
    }
    running.stop();
    drop(watcher);
    report::stopped("serving", rebuilds, v);
    Ok(())
}

fn write_output(rebuilder: &Rebuilder, opts: &ServeOptions, files: &Files, v: Verbosity) {
    if let Some(out) = &opts.build.output
        && let Err(d) = rebuilder.write(files, out)
    {
        report::diagnostics(&d, v);
        report::trouble(&format!(
            "could not write {}; still serving from memory",
            out.display()
        ));
    }
}

/// Rebuilds the output folder of the site at `root` on every change until `rx` says
/// [`Signal::Stop`]. Every build goes through `build`'s staging, so a failed one leaves
/// the previous output as it was.
pub fn watch(
    root: &Path,
    opts: &WatchOptions,
    tx: Sender<Signal>,
    rx: Receiver<Signal>,
) -> Result<()> {
    let v = opts.verbosity;
    let (mut watcher, hint) = Watcher::start(root, opts.poll, tx)?;
    if let Some(h) = hint {
        report::trouble(&h);
    }
    match build::build(root, &opts.build) {
        Ok(o) => {
            report::diagnostics(&o.diagnostics, v);
            report::watching(root, Ok(&o), v);
        }
        Err(d) => {
            report::diagnostics(&d, v);
            report::watching(root, Err(&d), v);
        }
    }
    let mut rebuilds = 0;
    while let Some(changed) = next_batch(&rx, &mut watcher) {
        rebuilds += 1;
        let start = Instant::now();
        match build::build(root, &opts.build) {
            Ok(o) => {
                report::diagnostics(&o.diagnostics, v);
                report::rebuilt(&o, &changed, 0, v);
            }
            Err(d) => {
                report::diagnostics(&d, v);
                report::rebuild_failed(
                    &d,
                    start.elapsed(),
                    &changed,
                    "the output folder keeps the last good build",
                );
            }
        }
    }
    drop(watcher);
    report::stopped("watching", rebuilds, v);
    Ok(())
}

/// Waits for the next change and takes everything else already waiting with it.
/// `None` once asked to stop.
fn next_batch(rx: &Receiver<Signal>, watcher: &mut Watcher) -> Option<Vec<PathBuf>> {
    loop {
        let mut changed: Vec<PathBuf> = Vec::new();
        let mut stop = false;
        let mut take = |s: Signal| match s {
            Signal::Changed(paths) => {
                for p in paths {
                    if !changed.contains(&p) {
                        changed.push(p);
                    }
                }
            }
            Signal::Problem(m) => report::trouble(&m),
            Signal::Stop => stop = true,
        };
        take(rx.recv().ok()?);
        while let Ok(s) = rx.try_recv() {
            take(s);
        }
        if stop {
            return None;
        }
        if let Some(problem) = watcher.refresh() {
            report::trouble(&problem);
        }
        if !changed.is_empty() {
            return Some(changed);
        }
    }
}
