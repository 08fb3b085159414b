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
use crate::content::source_file::only_changed_while_building;
use crate::diagnostic::Diagnostics;
use crate::report::{self, Verbosity};

use super::dev_site::{DevSite, Files};
use super::pdf_work::PdfDone;
use super::rebuild::{Rebuilder, Rendered};
use super::server;
use super::typesetter::Typesetter;
use super::watch::{Signal, Watcher};
use crate::render::Later;

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
///
/// Pages are published as soon as they are rendered; PDFs and archives whose inputs
/// changed are typeset afterwards on a thread of their own, and shown (with their sizes on
/// the pages) without reloading any page. A request for one of them waits for it.
pub fn serve(
    root: &Path,
    opts: &ServeOptions,
    tx: Sender<Signal>,
    rx: Receiver<Signal>,
    ready: impl FnOnce(&str),
) -> Result<()> {
    let v = opts.verbosity;
    let (mut watcher, hint) = Watcher::start(root, opts.poll, tx.clone())?;
    let rebuilder = Rebuilder::new(root, opts.build.clone());
    let typesetter = Typesetter::start(tx)?;
    let first = rebuilder.render();
    let site = match &first {
        Ok(r) => DevSite::new(r.files.clone(), None, r.outcome.diagnostics.clone()),
        Err(d) => DevSite::new(Files::new(), Some(d.clone()), Diagnostics::new()),
    };
    let site = Arc::new(site);
    if let Ok(r) = &first {
        settle_or_queue(&rebuilder, &site, &typesetter, opts, r);
    }
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
    // A template that ran out of time: the last good build is served until it is fixed.
    let mut degraded = first
        .as_ref()
        .err()
        .is_some_and(|d| d.iter().any(crate::render::templates::is_runaway));
    // The first render's files are the site's until the first edit; kept to the end, they
    // would be a second copy of every page that edit renders again (and of the search
    // index: 24 MB at 10,000 pages).
    drop(first);
    while let Some(mut batch) = next_batch(&rx, &mut watcher) {
        for done in &batch.pdfs {
            rebuilder.keep(done);
        }
        // Downloads of the last good render are shown first, so a rebuild in the same
        // batch is told to the pages as what it changes beyond them. Downloads of an
        // older render went into the store too, and the next render shows their sizes: they
        // are shown now as well (when they were made), or that render would seem to change
        // pages (a reload where a stylesheet swap was due).
        let generation = rebuilder.generation();
        let current = batch.pdfs.iter().rposition(|d| d.generation == generation);
        let older = || batch.pdfs.iter().rposition(|d| d.result.is_ok());
        if let Some(i) = current.or_else(older) {
            pdfs_done(&rebuilder, &site, opts, batch.pdfs.swap_remove(i));
        }
        if batch.changed.is_empty() {
            continue;
        }
        rebuilds += 1;
        let start = Instant::now();
        match rebuilder.render() {
            Ok(mut r) => {
                // The pages are shown first; a request for what the render left to write
                // (the search index) waits for it.
                let later = r.later.take();
                let waiting = later.iter().flat_map(Later::paths);
                site.set_pending(&r.pending.iter().cloned().chain(waiting).collect::<Vec<_>>());
                report::outside_links(&r.outside);
                site.publish(
                    r.files.clone(),
                    r.outcome.diagnostics.clone(),
                    &batch.changed,
                );
                // The PDFs are typeset (at the lowest priority) while the index is written.
                let queued = queue(&rebuilder, &typesetter, &r);
                let complete = later.is_none_or(|l| complete(&rebuilder, &site, &mut r, l, v));
                site.set_pending(&r.pending);
                if complete && !queued {
                    write_output(&rebuilder, opts, &r.files, v);
                }
                report::diagnostics(&r.outcome.diagnostics, v);
                report::rebuilt(&r.outcome, &batch.changed, r.stats.reused, v);
                if std::mem::take(&mut degraded) {
                    report::recovered(v);
                }
            }
            // A file changed while it was built: its change is on the way.
            Err(d) if only_changed_while_building(&d) => {}
            Err(d) => {
                site.publish_errors(d.clone());
                report::diagnostics(&d, v);
                degraded = d.iter().any(crate::render::templates::is_runaway);
                report::rebuild_failed(
                    &d,
                    start.elapsed(),
                    &batch.changed,
                    if degraded {
                        "degraded: still serving the last good build until the template is fixed"
                    } else {
                        "still serving the last good build"
                    },
                );
            }
        }
    }
    running.stop();
    drop(typesetter);
    drop(watcher);
    report::stopped("serving", rebuilds, v);
    Ok(())
}

/// Writes what the render `r` left to write once its pages were shown (the search index,
/// the offline lists) and shows the site with them: no change the open pages need to see.
/// False when they could not be written (the errors are shown).
fn complete(
    rebuilder: &Rebuilder,
    site: &DevSite,
    r: &mut Rendered,
    later: Later,
    v: Verbosity,
) -> bool {
    match rebuilder.complete(&r.files, later) {
        Ok(files) => {
            site.refresh(files.clone());
            r.files = files;
            true
        }
        Err(d) => {
            site.publish_errors(d.clone());
            report::diagnostics(&d, v);
            false
        }
    }
}

/// After the first good render: marks its pending downloads and hands them to the
/// typesetter, or, with nothing pending, writes the output folder (when asked to).
fn settle_or_queue(
    rebuilder: &Rebuilder,
    site: &DevSite,
    typesetter: &Typesetter,
    opts: &ServeOptions,
    r: &Rendered,
) {
    site.set_pending(&r.pending);
    if !queue(rebuilder, typesetter, r) {
        write_output(rebuilder, opts, &r.files, opts.verbosity);
    }
}

/// Hands the pending downloads of the render `r` to the typesetter; false when there are none.
fn queue(rebuilder: &Rebuilder, typesetter: &Typesetter, r: &Rendered) -> bool {
    match rebuilder.pdf_work() {
        Some(work) if !r.pending.is_empty() => {
            typesetter.queue(work);
            true
        }
        _ => false,
    }
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

/// Shows the downloads made in the background: the same site rendered again with them.
fn pdfs_done(rebuilder: &Rebuilder, site: &DevSite, opts: &ServeOptions, done: PdfDone) {
    let v = opts.verbosity;
    // Mostly the pages show the sizes they will have: the files are taken in as they are.
    if let Ok(made) = done.result
        && let Some(files) = rebuilder.with_downloads(&site.current().files, &done)
    {
        site.refresh(files.clone());
        site.set_pending(&[]);
        write_output(rebuilder, opts, &files, v);
        report::pdfs_made(made, done.elapsed, v);
        return;
    }
    let refreshed = match done.result {
        Ok(made) => rebuilder.refresh().map(|r| r.map(|r| (r, made))),
        Err(d) => Some(Err(d)),
    };
    match refreshed {
        Some(Ok((r, made))) => {
            site.refresh(r.files.clone());
            site.set_pending(&r.pending);
            write_output(rebuilder, opts, &r.files, v);
            report::pdfs_made(made, done.elapsed, v);
        }
        // A page changed since the site these PDFs are of: newer work is on the way.
        Some(Err(d)) if only_changed_while_building(&d) => {}
        Some(Err(d)) => {
            site.set_pending(&[]);
            site.publish_errors(d.clone());
            report::diagnostics(&d, v);
            report::pdfs_failed(&d, done.elapsed);
        }
        None => {}
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
    match build::build(root, &opts.build, &report::waiting_for_output) {
        Ok(o) => {
            report::diagnostics(&o.diagnostics, v);
            report::watching(root, Ok(&o), v);
        }
        Err(e) => {
            report::diagnostics(e.diagnostics(), v);
            report::watching(root, Err(e.diagnostics()), v);
        }
    }
    let mut rebuilds = 0;
    while let Some(Batch { changed, .. }) = next_batch(&rx, &mut watcher) {
        if changed.is_empty() {
            continue;
        }
        rebuilds += 1;
        let start = Instant::now();
        match build::build(root, &opts.build, &report::waiting_for_output) {
            Ok(o) => {
                report::diagnostics(&o.diagnostics, v);
                report::rebuilt(&o, &changed, 0, v);
            }
            // A file changed while it was built: its change is on the way.
            Err(e) if only_changed_while_building(e.diagnostics()) => {}
            Err(e) => {
                let d = e.diagnostics();
                report::diagnostics(d, v);
                report::rebuild_failed(
                    d,
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

/// What arrived while the last build ran: changed sources, downloads made.
#[derive(Debug, Default)]
struct Batch {
    changed: Vec<PathBuf>,
    pdfs: Vec<PdfDone>,
}

/// Waits for the next change (or downloads made) and takes everything else already
/// waiting with it. `None` once asked to stop.
fn next_batch(rx: &Receiver<Signal>, watcher: &mut Watcher) -> Option<Batch> {
    loop {
        let mut batch = Batch::default();
        let mut stop = false;
        let mut take = |s: Signal| match s {
            Signal::Changed(paths) => {
                for p in paths {
                    if !batch.changed.contains(&p) {
                        batch.changed.push(p);
                    }
                }
            }
            Signal::Pdfs(done) => batch.pdfs.push(*done),
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
        if !batch.changed.is_empty() || !batch.pdfs.is_empty() {
            return Some(batch);
        }
    }
}
