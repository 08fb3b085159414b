//! A plain static host for the offline tests: a built site under `/sub/` on 127.0.0.1,
//! one request per connection, so that once it stops nothing more is answered.

use std::io::{Read, Write};
use std::net::{TcpListener, TcpStream};
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::Duration;

/// A static host serving a built site under `/sub/`, one request per connection (each
/// answer closes it), so that once stopped nothing more is answered: the reader is offline.
pub struct StaticHost {
    port: u16,
    stopped: Arc<AtomicBool>,
    thread: Option<std::thread::JoinHandle<()>>,
}

/// Where the site is served: a sub-path, as on GitHub Pages for a project site.
pub const SUB: &str = "/sub/";

impl StaticHost {
    /// Serves `out` under `/sub/` on `port` of 127.0.0.1 until dropped.
    pub fn start(out: &Path, port: u16) -> StaticHost {
        let listener = TcpListener::bind(("127.0.0.1", port)).expect("bind the host's port");
        let stopped = Arc::new(AtomicBool::new(false));
        let (flag, out) = (stopped.clone(), out.to_path_buf());
        let thread = std::thread::spawn(move || {
            for conn in listener.incoming() {
                if flag.load(Ordering::SeqCst) {
                    break;
                }
                if let Ok(conn) = conn {
                    let (flag, out) = (flag.clone(), out.clone());
                    std::thread::spawn(move || answer(conn, &out, &flag));
                }
            }
        });
        StaticHost {
            port,
            stopped,
            thread: Some(thread),
        }
    }
}

impl Drop for StaticHost {
    fn drop(&mut self) {
        self.stopped.store(true, Ordering::SeqCst);
        let _ = TcpStream::connect(("127.0.0.1", self.port));
        if let Some(t) = self.thread.take() {
            let _ = t.join();
        }
    }
}

/// Reads one request head and answers it from `out`; a connection opened before the host
/// stopped gets no answer at all.
fn answer(mut conn: TcpStream, out: &Path, stopped: &AtomicBool) {
    let _ = conn.set_read_timeout(Some(Duration::from_secs(5)));
    let (mut head, mut buf) = (Vec::new(), [0u8; 4096]);
    while !head.windows(4).any(|w| w == b"\r\n\r\n") && head.len() < 16_384 {
        match conn.read(&mut buf) {
            Ok(0) | Err(_) => return,
            Ok(n) => head.extend_from_slice(&buf[..n]),
        }
    }
    if stopped.load(Ordering::SeqCst) {
        return;
    }
    let head = String::from_utf8_lossy(&head);
    let mut words = head.split_whitespace();
    let (method, target) = (words.next().unwrap_or(""), words.next().unwrap_or("/"));
    let (status, file) = match find(out, target) {
        Some(file) => ("200 OK", file),
        None => ("404 Not Found", out.join("404.html")),
    };
    let body = std::fs::read(&file).unwrap_or_default();
    let kind = match file.extension().and_then(|e| e.to_str()).unwrap_or("") {
        "css" => "text/css",
        "js" => "text/javascript",
        "json" => "application/json",
        "webmanifest" => "application/manifest+json",
        "svg" => "image/svg+xml",
        "pdf" => "application/pdf",
        "zip" => "application/zip",
        _ => "text/html; charset=utf-8",
    };
    let head = format!(
        "HTTP/1.1 {status}\r\nContent-Type: {kind}\r\nContent-Length: {}\r\nConnection: close\r\n\r\n",
        body.len()
    );
    let _ = conn.write_all(head.as_bytes());
    if method != "HEAD" {
        let _ = conn.write_all(&body);
    }
}

/// The file of the site for a request target under `/sub/`.
fn find(out: &Path, target: &str) -> Option<PathBuf> {
    let path = target.split(['?', '#']).next()?.strip_prefix(SUB)?;
    if path.split('/').any(|s| s == "..") {
        return None;
    }
    let file = out.join(path);
    let file = if file.is_dir() {
        file.join("index.html")
    } else {
        file
    };
    file.is_file().then_some(file)
}

/// A port of 127.0.0.1 free right now, for a host that starts, stops and starts again on it.
pub fn free_port() -> u16 {
    TcpListener::bind("127.0.0.1:0")
        .and_then(|l| l.local_addr())
        .expect("a free port")
        .port()
}
