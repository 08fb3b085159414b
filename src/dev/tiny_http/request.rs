//! A request whose head has been read and checked, and the connection it came on.
//!
//! Trimmed from tiny_http 0.12's `Request`: no body reader (requests with a body never get
//! this far) and no `Response` type; the answer is written raw on [`Connection`], which
//! closes the connection when dropped.

use std::io::{self, Read, Write};
use std::net::{Shutdown, TcpStream};
use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::{Duration, Instant};

/// The request methods the server lets through; every other one is answered 405.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Method {
    /// `GET`
    Get,
    /// `HEAD`
    Head,
}

/// One header of a request, as sent (the name's case kept).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Header {
    /// The field name.
    pub field: String,
    /// The value, without surrounding blanks.
    pub value: String,
}

/// A GET or HEAD without a body, ready to be answered once through [`Request::into_writer`]
/// or [`Request::into_stream`].
pub struct Request {
    pub(super) method: Method,
    pub(super) url: String,
    pub(super) headers: Vec<Header>,
    pub(super) conn: Connection,
}

impl std::fmt::Debug for Request {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Request")
            .field("method", &self.method)
            .field("url", &self.url)
            .finish()
    }
}

impl Request {
    /// `GET` or `HEAD`.
    pub fn method(&self) -> Method {
        self.method
    }

    /// The request target as sent (`/path?query`).
    pub fn url(&self) -> &str {
        &self.url
    }

    /// The request's headers.
    pub fn headers(&self) -> &[Header] {
        &self.headers
    }

    /// The connection, to write one whole answer on; it is closed when dropped.
    pub fn into_writer(self) -> Connection {
        self.conn
    }

    /// The connection, for a long-lived stream (server-sent events): it stops counting
    /// against the connection limit (the caller keeps a cap of its own) and a write that
    /// cannot go out within `write_timeout` fails, so a reader that stalls is dropped.
    pub fn into_stream(mut self, write_timeout: Duration) -> Connection {
        self.conn.slot = None;
        let _ = self.conn.stream.set_write_timeout(Some(write_timeout));
        self.conn
    }
}

/// One place among the connections the server holds at once; freed when dropped.
#[derive(Debug)]
pub(super) struct Slot(pub(super) Arc<AtomicUsize>);

impl Drop for Slot {
    fn drop(&mut self) {
        self.0.fetch_sub(1, Ordering::AcqRel);
    }
}

/// How much a closing connection reads and throws away at most (what the client sent
/// beyond the request head), so that closing does not reset the connection before the
/// client has read the answer.
const LINGER_BYTES: usize = 64 * 1024;

/// How long a closing connection waits for those bytes at most.
const LINGER_TIME: Duration = Duration::from_millis(500);

/// A client connection: written to directly, closed when dropped.
#[derive(Debug)]
pub struct Connection {
    pub(super) stream: TcpStream,
    pub(super) slot: Option<Slot>,
    /// The client sent (or announced) more than the request head.
    pub(super) linger: bool,
}

impl Write for Connection {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        self.stream.write(buf)
    }

    fn flush(&mut self) -> io::Result<()> {
        self.stream.flush()
    }
}

impl Drop for Connection {
    fn drop(&mut self) {
        let _ = self.stream.shutdown(Shutdown::Write);
        if self.linger {
            drain(&mut self.stream);
        }
    }
}

/// Reads and discards what the client still sends, up to [`LINGER_BYTES`] or
/// [`LINGER_TIME`], into a small fixed buffer.
fn drain(stream: &mut TcpStream) {
    let until = Instant::now() + LINGER_TIME;
    let mut buf = [0u8; 4096];
    let mut total = 0;
    while total < LINGER_BYTES {
        let left = until.saturating_duration_since(Instant::now());
        if left.is_zero() || stream.set_read_timeout(Some(left)).is_err() {
            return;
        }
        match stream.read(&mut buf) {
            Ok(0) | Err(_) => return,
            Ok(n) => total += n,
        }
    }
}
