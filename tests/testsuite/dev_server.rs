//! Helpers for dev-server tests: a `circlekit serve` (or `watch`) process on 127.0.0.1 whose
//! output is collected, HTTP through ureq and raw sockets, and an event-stream reader.
//! Every wait is bounded; the process is killed when the helper is dropped.

use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpStream;
use std::path::Path;
use std::process::{Child, Command, Stdio};
use std::sync::mpsc::{Receiver, channel};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use crate::support::{BIN, TestSite, run_in, snapshot};

/// How long any single wait in these tests may take.
pub const PATIENCE: Duration = Duration::from_secs(15);

/// A running `circlekit` process, killed on drop.
pub struct DevServer {
    child: Mutex<Child>,
    lines: Arc<Mutex<Vec<String>>>,
    /// `http://127.0.0.1:PORT` (no trailing slash).
    pub base: String,
}

impl DevServer {
    /// Starts `circlekit serve --port 0 ARGS` in `root` and waits for its URL.
    pub fn start(root: &Path, args: &[&str]) -> DevServer {
        let mut all = vec!["serve", "--port", "0"];
        all.extend_from_slice(args);
        let mut s = DevServer::spawn(root, &all);

        let line = s.wait_for_line("serving http://");
        let url = line
            .split_whitespace()
            .find(|w| w.starts_with("http://"))
            .unwrap_or_else(|| panic!("no URL in {line:?}"));
        s.base = url.trim_end_matches('/').to_string();
        assert!(
            s.base.starts_with("http://127.0.0.1:"),
            "tests talk to 127.0.0.1 only: {}",
            s.base
        );
        s
    }

    /// Starts `circlekit ARGS` in `root` without waiting for anything.
    pub fn spawn(root: &Path, args: &[&str]) -> DevServer {
        let mut child = Command::new(BIN)
            .args(args)
            .current_dir(root)
            .env(crate::support::CACHE_ENV, crate::support::test_cache_dir())
            .stdin(Stdio::null())
            .stdout(Stdio::null())
            .stderr(Stdio::piped())
            .spawn()
            .expect("start circlekit");
        let lines = Arc::new(Mutex::new(Vec::new()));
        let stderr = child.stderr.take().expect("piped stderr");
        let sink = lines.clone();
        std::thread::spawn(move || {
            for line in BufReader::new(stderr).lines().map_while(Result::ok) {
                sink.lock().expect("lines").push(line);
            }
        });
        DevServer {
            child: Mutex::new(child),
            lines,
            base: String::new(),
        }
    }

    /// The process id (to send it signals).
    pub fn pid(&self) -> u32 {
        self.child.lock().expect("child").id()
    }

    /// The exit code once the process has ended by itself (waits up to [`PATIENCE`]).
    pub fn exit_code(&self) -> Option<i32> {
        let start = Instant::now();
        while start.elapsed() < PATIENCE {
            if let Ok(Some(status)) = self.child.lock().expect("child").try_wait() {
                return status.code();
            }
            std::thread::sleep(Duration::from_millis(20));
        }
        None
    }

    /// Everything the process printed so far.
    pub fn output(&self) -> String {
        self.lines.lock().expect("lines").join("\n")
    }

    /// How many printed lines start with `prefix`.
    pub fn count_lines(&self, prefix: &str) -> usize {
        let lines = self.lines.lock().expect("lines");
        lines.iter().filter(|l| l.starts_with(prefix)).count()
    }

    /// Waits until a line containing `text` is printed and returns it.
    pub fn wait_for_line(&self, text: &str) -> String {
        let start = Instant::now();
        loop {
            if let Some(l) = self
                .lines
                .lock()
                .expect("lines")
                .iter()
                .find(|l| l.contains(text))
            {
                return l.clone();
            }
            if let Ok(Some(status)) = self.child.lock().expect("child").try_wait() {
                panic!(
                    "circlekit exited ({status}) before printing {text:?}:\n{}",
                    self.output()
                );
            }
            assert!(
                start.elapsed() < PATIENCE,
                "no line with {text:?} in time:\n{}",
                self.output()
            );
            std::thread::sleep(Duration::from_millis(20));
        }
    }

    /// A GET of `path` (starting with `/`): status, content type, body.
    pub fn get(&self, path: &str) -> (u16, String, Vec<u8>) {
        request(&format!("{}{path}", self.base), "GET")
    }

    /// A GET's body as text, with the live-reload script (and overlay) taken out.
    pub fn page(&self, path: &str) -> String {
        strip_dev_additions(&String::from_utf8_lossy(&self.get(path).2))
    }

    /// Sends `raw` as the whole request on a fresh connection and returns the whole answer.
    pub fn raw(&self, raw: &[u8]) -> String {
        let addr = self.base.trim_start_matches("http://");
        let mut s = TcpStream::connect(addr).expect("connect");
        s.set_read_timeout(Some(PATIENCE)).expect("timeout");
        s.write_all(raw).expect("send");
        let mut out = Vec::new();
        let _ = s.read_to_end(&mut out);
        String::from_utf8_lossy(&out).into_owned()
    }

    /// Opens the live-reload event stream.
    pub fn events(&self) -> Events {
        let addr = self.base.trim_start_matches("http://");
        let mut s = TcpStream::connect(addr).expect("connect");
        s.write_all(
            b"GET /__circlekit/events HTTP/1.1\r\nHost: x\r\nAccept: text/event-stream\r\n\r\n",
        )
        .expect("send");
        let (tx, rx) = channel();
        std::thread::spawn(move || {
            let mut event = String::new();
            for line in BufReader::new(s).lines().map_while(Result::ok) {
                if let Some(name) = line.strip_prefix("event: ") {
                    event = name.to_string();
                } else if let Some(data) = line.strip_prefix("data: ")
                    && tx.send((event.clone(), data.to_string())).is_err()
                {
                    break;
                }
            }
        });
        let events = Events { rx };
        events.next("hello");
        events
    }

    /// Polls `check` until it returns true (or fails the test after [`PATIENCE`]).
    pub fn wait_until(&self, what: &str, mut check: impl FnMut() -> bool) {
        let start = Instant::now();
        while !check() {
            assert!(
                start.elapsed() < PATIENCE,
                "{what} did not happen in time:\n{}",
                self.output()
            );
            std::thread::sleep(Duration::from_millis(25));
        }
    }
}

impl Drop for DevServer {
    fn drop(&mut self) {
        let child = self.child.get_mut().expect("child");
        let _ = child.kill();
        let _ = child.wait();
    }
}

/// An open event stream: (event name, data) pairs as they arrive.
pub struct Events {
    rx: Receiver<(String, String)>,
}

impl Events {
    /// Waits for the next event named `name` (skipping others) and returns its data.
    pub fn next(&self, name: &str) -> String {
        let start = Instant::now();
        let mut others = Vec::new();
        loop {
            let left = PATIENCE.saturating_sub(start.elapsed());
            match self.rx.recv_timeout(left) {
                Ok((n, data)) if n == name => return data,
                Ok(other) => others.push(other),
                Err(e) => panic!("no `{name}` event in time ({e}); others: {others:?}"),
            }
        }
    }

    /// The next event of any name, if one comes within `wait`.
    pub fn within(&self, wait: Duration) -> Option<(String, String)> {
        self.rx.recv_timeout(wait).ok()
    }
}

/// One HTTP request to 127.0.0.1 without following redirects: status, content type, body.
pub fn request(url: &str, method: &str) -> (u16, String, Vec<u8>) {
    assert!(url.starts_with("http://127.0.0.1:"), "{url}");
    let agent: ureq::Agent = ureq::Agent::config_builder()
        .http_status_as_error(false)
        .max_redirects(0)
        .proxy(None)
        .timeout_global(Some(PATIENCE))
        .build()
        .into();
    let result = match method {
        "GET" => agent.get(url).call(),
        "HEAD" => agent.head(url).call(),
        "POST" => agent.post(url).send(""),
        "PUT" => agent.put(url).send("x"),
        "DELETE" => agent.delete(url).call(),
        other => panic!("no such method in these tests: {other}"),
    };
    let mut resp = result.unwrap_or_else(|e| panic!("{method} {url}: {e}"));
    let status = resp.status().as_u16();
    let ctype = resp
        .headers()
        .get("content-type")
        .and_then(|v| v.to_str().ok())
        .unwrap_or("")
        .to_string();
    let body = resp.body_mut().read_to_vec().unwrap_or_default();
    (status, ctype, body)
}

/// A served page without what `serve` adds (the overlay and the live-reload script), so it
/// can be compared with `build` output.
pub fn strip_dev_additions(html: &str) -> String {
    let mut s = html.to_string();
    for (open, close) in [
        (r#"<div id="circlekit-overlay""#, "</div>"),
        (r#"<script id="circlekit-livereload">"#, "</script>"),
    ] {
        if let Some(start) = s.find(open)
            && let Some(len) = s[start..].find(close)
        {
            s.replace_range(start..start + len + close.len(), "");
        }
    }
    s
}

/// Replaces `from` by `to` in a file of the site, in place.
pub fn edit(site: &TestSite, rel: &str, from: &str, to: &str) {
    let text = site.read(rel);
    assert!(text.contains(from), "{rel} has no {from:?}");
    site.write(rel, text.replace(from, to));
}

/// Saves the way many editors do: write a temporary file beside it, then rename it over.
pub fn atomic_save(site: &TestSite, rel: &str, text: &str) {
    let tmp = site.path(&format!("{rel}.tmp"));
    std::fs::write(&tmp, text).expect("write temporary file");
    std::fs::rename(&tmp, site.path(rel)).expect("rename over the original");
}

/// Builds the site with `circlekit build` into a folder beside it and returns every file.
/// Without the cache folder, so PDFs that `serve` typeset are made again and compared.
pub fn fresh_build(site: &TestSite) -> std::collections::BTreeMap<String, Vec<u8>> {
    fresh_build_with(site, &[])
}

/// [`fresh_build`] with more arguments to `build` (`--no-pdf`, say).
pub fn fresh_build_with(
    site: &TestSite,
    args: &[&str],
) -> std::collections::BTreeMap<String, Vec<u8>> {
    let out = site.tmp().join("fresh");
    let _ = std::fs::remove_dir_all(&out);
    let mut all = vec![
        "build",
        "--no-cache",
        "--output",
        out.to_str().expect("utf-8 path"),
    ];
    all.extend_from_slice(args);
    run_in(&site.root, &all).code(0);
    let mut files = snapshot(&out);
    files.remove(circlekit::output::MARKER);
    files
}

/// Asserts that every file of a fresh build is served with the same bytes (pages without
/// what `serve` adds). Downloads are asked for first: a request for one still being
/// typeset waits for it, and pages list the sizes of the ones made.
pub fn assert_serves_a_fresh_build(server: &DevServer, site: &TestSite) {
    let fresh = fresh_build(site);
    assert!(fresh.len() > 5, "{fresh:?}");
    let (downloads, rest): (Vec<_>, Vec<_>) =
        fresh.iter().partition(|(p, _)| p.starts_with("downloads/"));
    for (path, bytes) in downloads.into_iter().chain(rest) {
        let (status, _, body) = server.get(&format!("/{path}"));
        assert_eq!(status, 200, "/{path}");
        if path.ends_with(".html") {
            let served = strip_dev_additions(&String::from_utf8_lossy(&body));
            assert_eq!(served, String::from_utf8_lossy(bytes), "/{path} differs");
        } else {
            assert_eq!(&body, bytes, "/{path} differs");
        }
    }
}
