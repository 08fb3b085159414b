//! A static host for browser tests: a built site under a sub-path of 127.0.0.1, as GitHub
//! Pages serves a project site.

use std::path::{Path, PathBuf};
use std::sync::Arc;

/// A static host that serves a built site under a sub-path, and its 404 page (with status
/// 404) at every missing address, as GitHub Pages does for a project site.
pub struct SubPathHost {
    server: Arc<tiny_http::Server>,
    thread: Option<std::thread::JoinHandle<()>>,
    /// `http://127.0.0.1:PORT/sub/path/`
    pub base: String,
}

/// Where the site is served.
pub const SUB_PATH: &str = "/sub/path/";

impl SubPathHost {
    /// Serves `out` until dropped.
    pub fn start(out: &Path) -> SubPathHost {
        let server = Arc::new(tiny_http::Server::http("127.0.0.1:0").expect("a free port"));
        let port = server.server_addr().to_ip().map_or(0, |a| a.port());
        let (served, out) = (server.clone(), out.to_path_buf());
        let thread = std::thread::spawn(move || {
            for rq in served.incoming_requests() {
                let (status, file) = find(&out, rq.url());
                let bytes = std::fs::read(&file).unwrap_or_default();
                let ctype = match file.extension().and_then(|e| e.to_str()) {
                    Some("css") => "text/css",
                    Some("js") => "text/javascript",
                    _ => "text/html; charset=utf-8",
                };
                let header =
                    tiny_http::Header::from_bytes("Content-Type", ctype).expect("a header");
                let reply = tiny_http::Response::from_data(bytes)
                    .with_status_code(status)
                    .with_header(header);
                let _ = rq.respond(reply);
            }
        });
        SubPathHost {
            server,
            thread: Some(thread),
            base: format!("http://127.0.0.1:{port}{SUB_PATH}"),
        }
    }
}

/// The file for a request path, or the 404 page.
fn find(out: &Path, url: &str) -> (u16, PathBuf) {
    let path = url.split(['?', '#']).next().unwrap_or("");
    if let Some(rel) = path.strip_prefix(SUB_PATH)
        && !rel.split('/').any(|s| s == "..")
    {
        let file = out.join(rel);
        let file = if file.is_dir() {
            file.join("index.html")
        } else {
            file
        };
        if file.is_file() {
            return (200, file);
        }
    }
    (404, out.join("404.html"))
}

impl Drop for SubPathHost {
    fn drop(&mut self) {
        self.server.unblock();
        if let Some(t) = self.thread.take() {
            let _ = t.join();
        }
    }
}
