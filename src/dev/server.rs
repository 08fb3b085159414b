//! The HTTP side of `serve`: binding (next free port), the limits every connection is held
//! to, GET and HEAD only.
//!
//! Requests are answered from the in-memory site only; nothing on disk is ever read or
//! written here. Event streams are handed to the [`Broadcaster`](super::livereload::Broadcaster)
//! so they do not hold a thread.

use std::io::Write as _;
use std::net::{IpAddr, SocketAddr, TcpListener};
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::thread::JoinHandle;
use std::time::Duration;

use anyhow::{Context as _, Result, bail};

use super::dev_site::DevSite;
use super::http::{self, Reply};
use super::livereload::{self, EVENTS_PATH};
use super::tiny_http::{Limits, Method, Request, Server};

/// How many ports after the asked one are tried when it is taken.
pub const PORT_TRIES: u16 = 20;

/// How often open event streams get a `: ping` (which also finds closed ones).
pub const PING_EVERY: Duration = Duration::from_secs(15);

/// How long a request for a PDF that is still being typeset waits for it.
pub const PDF_WAIT: Duration = Duration::from_secs(120);

/// Where the server listens, and whether that was the port asked for.
#[derive(Debug, Clone, Copy)]
pub struct Bound {
    /// The address and port in use.
    pub addr: SocketAddr,
    /// The port that was asked for, when it was taken and another one is used.
    pub taken: Option<u16>,
}

/// Binds `ip:port`, or the next free port when that one is taken (port 0 lets the system choose).
pub fn bind(ip: IpAddr, port: u16) -> Result<(TcpListener, Bound)> {
    let mut last = None;
    for offset in 0..=PORT_TRIES {
        let Some(p) = port.checked_add(offset) else {
            break;
        };
        match TcpListener::bind((ip, p)) {
            Ok(l) => {
                let addr = l.local_addr().context("cannot read the bound address")?;
                let taken = (offset > 0).then_some(port);
                return Ok((l, Bound { addr, taken }));
            }
            Err(e) if e.kind() == std::io::ErrorKind::AddrInUse && port != 0 => last = Some(e),
            Err(e) => {
                return Err(e).with_context(|| format!("cannot listen on {ip}:{p}"));
            }
        }
    }
    match last {
        Some(e) => bail!(
            "ports {port} to {} are all taken ({e})\n  = help: pass another one with --port",
            port.saturating_add(PORT_TRIES)
        ),
        None => bail!("no port to listen on\n  = help: pass another one with --port"),
    }
}

/// The limits every connection is held to (see [`Limits`]). Generous for a browser, which
/// sends a head of a few hundred bytes at once; the connection limit leaves room for two
/// load generators of 50 connections each.
pub const LIMITS: Limits = Limits {
    max_head: 16 * 1024,
    max_headers: 100,
    idle: Duration::from_secs(5),
    head: Duration::from_secs(10),
    write: Duration::from_secs(10),
    max_connections: 256,
};

/// How long a write to a page's event stream may block before the page is dropped.
pub const STREAM_WRITE: Duration = Duration::from_secs(5);

/// A running server: the listener and the pinger, stopped by [`Running::stop`].
pub struct Running {
    server: Server,
    stop: Arc<AtomicBool>,
    pinger: JoinHandle<()>,
    site: Arc<DevSite>,
}

impl std::fmt::Debug for Running {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Running")
            .field("server", &self.server)
            .finish()
    }
}

/// Starts answering requests on `listener` from `site`.
pub fn start(listener: TcpListener, site: Arc<DevSite>) -> Result<Running> {
    let handler_site = site.clone();
    let server = Server::from_listener(
        listener,
        LIMITS,
        Arc::new(move |rq: Request| handle(rq, &handler_site)),
    )
    .context("cannot start the server")?;
    let stop = Arc::new(AtomicBool::new(false));
    let (pinger_stop, pinger_site) = (stop.clone(), site.clone());
    let pinger = std::thread::Builder::new()
        .name("circlekit-ping".into())
        .spawn(move || {
            let step = Duration::from_millis(100);
            let mut waited = Duration::ZERO;
            while !pinger_stop.load(Ordering::Acquire) {
                std::thread::sleep(step);
                waited += step;
                if waited >= PING_EVERY {
                    waited = Duration::ZERO;
                    pinger_site.events().ping();
                }
            }
        })
        .context("cannot start the ping thread")?;
    Ok(Running {
        server,
        stop,
        pinger,
        site,
    })
}

impl Running {
    /// Stops accepting requests and closes the event streams.
    pub fn stop(self) {
        self.stop.store(true, Ordering::Release);
        self.server.stop();
        self.site.events().close_all();
        let _ = self.pinger.join();
    }
}

/// Answers one GET or HEAD (the server refuses every other request before this).
fn handle(rq: Request, site: &DevSite) {
    let path_only = rq.url().split(['?', '#']).next().unwrap_or("");
    if path_only == EVENTS_PATH {
        if rq.method() == Method::Head {
            send(rq, 200, &[("Content-Type", "text/event-stream")], b"");
        } else {
            let stream = rq.into_stream(STREAM_WRITE);
            site.events()
                .subscribe(Box::new(stream), || site.current().id.clone());
        }
        return;
    }
    let url = rq.url().to_string();
    if let Ok((path, _)) = http::normalise(&url) {
        site.wait_for(&path, PDF_WAIT);
    }
    let snapshot = site.current();
    // `lookup` is pure and does not panic; this is a last guard so no request can take a
    // thread down with it.
    let reply = std::panic::catch_unwind(|| {
        let mut reply = http::lookup(&snapshot.files, &url);
        if reply.is_html() {
            let built = !snapshot.files.is_empty();
            reply.body = livereload::inject(
                &reply.body,
                &snapshot.id,
                snapshot.errors.as_ref(),
                &snapshot.warnings,
                built,
            );
        }
        reply
    })
    .unwrap_or_else(|_| Reply::text(500, "500 Internal Server Error"));
    let mut headers = vec![
        ("Content-Type", reply.content_type),
        ("Cache-Control", "no-store"),
        ("X-Content-Type-Options", "nosniff"),
    ];
    if let Some(loc) = &reply.location {
        headers.push(("Location", loc));
    }
    send(rq, reply.status, &headers, &reply.body);
}

/// Writes a whole answer on the connection, which closes when it is dropped: one request
/// per connection keeps no idle keep-alive connection holding a thread.
/// Header values with control characters are left out (none can come from a request line).
fn send(rq: Request, status: u16, headers: &[(&str, &str)], body: &[u8]) {
    let head_only = rq.method() == Method::Head;
    let mut head = format!("HTTP/1.1 {status} {}\r\n", reason(status));
    for (name, value) in headers {
        if !value.chars().any(char::is_control) {
            head.push_str(&format!("{name}: {value}\r\n"));
        }
    }
    head.push_str(&format!(
        "Content-Length: {}\r\nConnection: close\r\n\r\n",
        body.len()
    ));
    let mut w = rq.into_writer();
    let _ = w
        .write_all(head.as_bytes())
        .and_then(|()| if head_only { Ok(()) } else { w.write_all(body) })
        .and_then(|()| w.flush());
}

fn reason(status: u16) -> &'static str {
    match status {
        200 => "OK",
        301 => "Moved Permanently",
        400 => "Bad Request",
        404 => "Not Found",
        _ => "Internal Server Error",
    }
}
