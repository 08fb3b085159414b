//! The HTTP/1.1 server under `serve`: a trimmed copy of tiny_http 0.12 (MIT OR Apache-2.0,
//! © the tiny-http contributors) kept inside this crate, so its limits ship with it.
//!
//! Kept from tiny_http: a listener thread that accepts connections and hands each to a
//! pool of reused threads (`task_pool`), and a [`Request`] answered by writing raw on its
//! connection. Changed: every request head is read within [`Limits`] of size, header
//! count and time; a request that declares a body is refused without reading it (tiny_http
//! read a declared body into memory, so `Content-Length: 99999999999` aborted the process);
//! the number of open connections is bounded; and each connection carries one request and
//! is closed after its answer (every answer says `Connection: close`). Requests with a
//! body, other methods and HTTPS are gone, as is tiny_http's `Response` type.

mod client;
mod request;
mod task_pool;

pub use client::{Head, Limits, Refusal, parse_head};
pub use request::{Connection, Header, Method, Request};

use std::io::{self, Write as _};
use std::net::{SocketAddr, TcpListener, TcpStream};
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::thread::JoinHandle;
use std::time::Instant;

use client::Failure;
use request::Slot;
use task_pool::TaskPool;

/// What answers a request; called on the connection's own thread.
pub type Handler = dyn Fn(Request) + Send + Sync + 'static;

/// A listening server; [`Server::stop`] ends it.
pub struct Server {
    close: Arc<AtomicBool>,
    addr: SocketAddr,
    accept: Option<JoinHandle<()>>,
}

impl std::fmt::Debug for Server {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Server").field("addr", &self.addr).finish()
    }
}

impl Server {
    /// Starts accepting connections on `listener`, reading each request within `limits`
    /// and passing it to `handler`.
    pub fn from_listener(
        listener: TcpListener,
        limits: Limits,
        handler: Arc<Handler>,
    ) -> io::Result<Server> {
        let addr = listener.local_addr()?;
        let close = Arc::new(AtomicBool::new(false));
        let inside_close = close.clone();
        let accept = std::thread::Builder::new()
            .name("circlekit-accept".into())
            .spawn(move || accept_loop(&listener, &limits, &handler, &inside_close))?;
        Ok(Server {
            close,
            addr,
            accept: Some(accept),
        })
    }

    /// Stops accepting connections (those being answered finish on their own).
    pub fn stop(mut self) {
        self.close.store(true, Ordering::Release);
        // Connect briefly to ourselves to unblock the accept thread, as tiny_http does.
        let _ = TcpStream::connect(self.addr);
        if let Some(t) = self.accept.take() {
            let _ = t.join();
        }
    }
}

fn accept_loop(
    listener: &TcpListener,
    limits: &Limits,
    handler: &Arc<Handler>,
    close: &AtomicBool,
) {
    let pool = TaskPool::new();
    let open = Arc::new(AtomicUsize::new(0));
    while !close.load(Ordering::Acquire) {
        let stream = match listener.accept() {
            Ok((stream, _)) => stream,
            // Out of file descriptors and the like: wait a little rather than spin.
            Err(_) => {
                std::thread::sleep(std::time::Duration::from_millis(10));
                continue;
            }
        };
        if close.load(Ordering::Acquire) {
            break;
        }
        let start = Instant::now();
        let _ = stream.set_nodelay(true);
        let _ = stream.set_write_timeout(Some(limits.write));
        if open.fetch_add(1, Ordering::AcqRel) >= limits.max_connections {
            open.fetch_sub(1, Ordering::AcqRel);
            refuse(stream, client::BUSY, false);
            continue;
        }
        let slot = Slot(open.clone());
        let (limits, handler) = (*limits, handler.clone());
        pool.spawn(Box::new(move || {
            serve(stream, slot, &limits, &*handler, start)
        }));
    }
}

/// Reads one request on `stream` and answers it (or refuses it), then closes.
fn serve(mut stream: TcpStream, slot: Slot, limits: &Limits, handler: &Handler, start: Instant) {
    match client::read_head(&mut stream, limits, start) {
        Ok((head, extra)) => {
            let conn = Connection {
                stream,
                slot: Some(slot),
                linger: extra,
            };
            handler(Request {
                method: head.method,
                url: head.url,
                headers: head.headers,
                conn,
            });
        }
        Err(Failure::Refuse(r)) => refuse(stream, r, true),
        Err(Failure::Silent) => {}
    }
}

/// Answers `refusal` and closes; with `linger`, reads (and drops) a little of what the
/// client still sends first, so the answer is not lost to a reset.
fn refuse(stream: TcpStream, refusal: Refusal, linger: bool) {
    let allow = if refusal.status == 405 {
        "Allow: GET, HEAD\r\n"
    } else {
        ""
    };
    let answer = format!(
        "HTTP/1.1 {} {}\r\nContent-Type: text/plain; charset=utf-8\r\nContent-Length: {}\r\n{allow}Connection: close\r\n\r\n{}",
        refusal.status,
        refusal.reason,
        refusal.text.len(),
        refusal.text
    );
    let mut conn = Connection {
        stream,
        slot: None,
        linger,
    };
    let _ = conn.write_all(answer.as_bytes());
}
