//! Save → page-updated latency of `circlekit serve`: `cargo bench --bench serve_latency`.
//!
//! For each site, a copy is served on 127.0.0.1; each round rewrites one Markdown file
//! (the clock starts just before the write) and stops once the live-reload event has
//! arrived AND the page is served with the new text. Two kinds of edit: a page's body
//! (the usual case; unchanged pages are reused) and a template (every page rendered).
//!
//! In Chromium (Debian's `chromium` and `chromedriver`, when installed), each round edits
//! week 1 of the bundled site and takes the time from just before the write to the first
//! frame that shows the new text (stamped by the page itself): once as pages do now (patch
//! in place), once as they did before (a full reload), with the server's own rebuild time
//! for the same edits.
//!
//! Sites: the bundled one (this repository) and the 1,000- and 10,000-page corpora from
//! `python3 ../shared/bench/gen_corpus.py --pages N --engines circlekit --out /tmp/corpus-N`
//! (made on the fly when the script is there; `CORPUS_1K=DIR` and `CORPUS_10K=DIR` point
//! at other copies).
//! `ROUNDS=N` sets the edits per measurement (default 25).

use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpStream;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::sync::mpsc::{Receiver, channel};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

// The browser tests' WebDriver client; the benchmark uses part of it.
#[path = "../tests/testsuite/browser.rs"]
#[allow(dead_code)]
mod browser;

/// What the browser client needs of the test support code.
mod support {
    pub fn on_path(name: &str) -> Option<std::path::PathBuf> {
        std::env::split_paths(&std::env::var_os("PATH")?)
            .map(|d| d.join(name))
            .find(|p| p.is_file())
    }
}
#[path = "serve_latency/on_screen.rs"]
mod on_screen;

const PATIENCE: Duration = Duration::from_secs(30);

fn main() {
    let rounds: usize = std::env::var("ROUNDS")
        .ok()
        .and_then(|r| r.parse().ok())
        .unwrap_or(25);
    let repo = Path::new(env!("CARGO_MANIFEST_DIR"));
    println!("save → page-updated latency, {rounds} edits each (release build)");
    let bundled = copy_site(repo, "bundled");
    measure(
        "bundled site",
        &bundled.1,
        "content/en/faq.md",
        "/faq/",
        rounds,
    );
    let week = copy_site(repo, "bundled-week");
    on_screen::measure(&week.1, "content/en/weeks/01-getting-started.md", rounds);
    for (pages, label, env) in [
        (1_000, "1,000-page corpus", "CORPUS_1K"),
        (10_000, "10,000-page corpus", "CORPUS_10K"),
    ] {
        match corpus(repo, pages, env) {
            Some(dir) => {
                let copy = copy_site(&dir, &format!("corpus-{pages}"));
                measure(
                    label,
                    &copy.1,
                    "content/en/weeks/week-01.md",
                    "/weeks/week-01/",
                    rounds,
                );
            }
            None => println!("{label}: skipped (no gen_corpus.py and no {env})"),
        }
    }
}

/// The corpus of `pages` pages: the folder in the environment variable `env`, or
/// /tmp/corpus-<pages>/circlekit, generated with the shared generator if missing.
fn corpus(repo: &Path, pages: usize, env: &str) -> Option<PathBuf> {
    if let Some(dir) = std::env::var_os(env) {
        return Some(PathBuf::from(dir));
    }
    let out = format!("/tmp/corpus-{pages}");
    let dir = Path::new(&out).join("circlekit");
    if dir.join("book.toml").is_file() {
        return Some(dir);
    }
    let script = repo.join("../shared/bench/gen_corpus.py");
    let script = if script.is_file() {
        script
    } else {
        PathBuf::from("/work/shared/bench/gen_corpus.py")
    };
    let ok = Command::new("python3")
        .arg(&script)
        .args([
            "--pages",
            &pages.to_string(),
            "--engines",
            "circlekit",
            "--out",
            &out,
        ])
        .stdout(Stdio::null())
        .status()
        .is_ok_and(|s| s.success());
    (ok && dir.join("book.toml").is_file()).then_some(dir)
}

/// Copies book.toml, content/, themes/ and assets/ of `from` into a temporary folder.
fn copy_site(from: &Path, name: &str) -> (tempfile::TempDir, PathBuf) {
    let tmp = tempfile::tempdir().expect("temporary folder");
    let root = tmp.path().join(name);
    std::fs::create_dir_all(&root).expect("create site folder");
    std::fs::copy(from.join("book.toml"), root.join("book.toml")).expect("copy book.toml");
    for dir in ["content", "themes", "assets"] {
        if from.join(dir).is_dir() {
            copy_dir(&from.join(dir), &root.join(dir));
        }
    }
    (tmp, root)
}

fn copy_dir(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).expect("create folder");
    for e in std::fs::read_dir(from).expect("read folder").flatten() {
        let dest = to.join(e.file_name());
        if e.file_type().is_ok_and(|t| t.is_dir()) {
            copy_dir(&e.path(), &dest);
        } else {
            std::fs::copy(e.path(), &dest).expect("copy file");
        }
    }
}

fn measure(label: &str, root: &Path, file: &str, url: &str, rounds: usize) {
    let server = Server::start(root);
    let events = server.events();
    let original = std::fs::read_to_string(root.join(file)).expect("read the page");
    let mut page_edits = Vec::new();
    for i in 0..rounds {
        let marker = format!("Latency probe {i}.");
        let text = format!("{original}\n\n{marker}\n");
        page_edits.push(round(&server, &events, root, file, &text, url, &marker));
    }
    let after_pages = server.rebuild_times().len();
    // The PDFs of the last edit are typeset in the background: let them finish.
    std::thread::sleep(Duration::from_secs(2));
    let peak_pages = server.peak_mib();
    let base = root.join("themes/default/templates/base.html");
    if !base.is_file() {
        // The built-in template, as a site override: same output, but editable.
        let builtin =
            Path::new(env!("CARGO_MANIFEST_DIR")).join("themes/default/templates/base.html");
        std::fs::create_dir_all(base.parent().expect("has a parent")).expect("create templates/");
        std::fs::copy(builtin, &base).expect("copy base.html");
        std::thread::sleep(Duration::from_millis(500));
    }
    let before_templates = server.rebuild_times().len();
    let template_edits = if base.is_file() {
        let original = std::fs::read_to_string(&base).expect("read base.html");
        let mut times = Vec::new();
        for i in 0..rounds {
            let marker = format!("template probe {i}");
            let text = original.replace("</body>", &format!("<!-- {marker} --></body>"));
            times.push(round(
                &server,
                &events,
                root,
                "themes/default/templates/base.html",
                &text,
                url,
                &marker,
            ));
        }
        Some(times)
    } else {
        None
    };
    std::thread::sleep(Duration::from_secs(2));
    let peak_all = server.peak_mib();
    println!("{label}: {}", server.first_line());
    println!("  page edit:     {}", stats(&mut page_edits));
    if let Some(mut t) = template_edits {
        println!(
            "  template edit: {}  (every page rendered again)",
            stats(&mut t)
        );
    }
    if let (Some(pages), Some(all)) = (peak_pages, peak_all) {
        println!(
            "  server's peak memory (VmHWM): {pages} MiB after the page edits (their PDFs \
             typeset after each), {all} MiB after the template edits"
        );
    }
    let rebuilds = server.rebuild_times();
    if !rebuilds.is_empty() {
        let page = &rebuilds[..after_pages];
        let tpl = &rebuilds[before_templates.min(rebuilds.len())..];
        println!(
            "  server's rebuild time: page edit median {} ms, template edit median {} ms",
            median(page),
            median(tpl)
        );
    }
}

/// One edit: write, then wait for the reload event and for the new text to be served.
fn round(
    server: &Server,
    events: &Receiver<String>,
    root: &Path,
    file: &str,
    text: &str,
    url: &str,
    marker: &str,
) -> Duration {
    while events.try_recv().is_ok() {}
    let start = Instant::now();
    std::fs::write(root.join(file), text).expect("write the edit");
    events.recv_timeout(PATIENCE).expect("a reload event");
    while !server.get(url).contains(marker) {
        assert!(start.elapsed() < PATIENCE, "the edit was never served");
        std::thread::sleep(Duration::from_millis(1));
    }
    let took = start.elapsed();
    std::thread::sleep(Duration::from_millis(150));
    took
}

fn stats(times: &mut [Duration]) -> String {
    times.sort();
    let ms = |d: Duration| d.as_secs_f64() * 1000.0;
    let p95 = times[((times.len() * 95).div_ceil(100)).saturating_sub(1)];
    format!(
        "median {:.0} ms, p95 {:.0} ms, min {:.0} ms, max {:.0} ms (n = {})",
        ms(times[times.len() / 2]),
        ms(p95),
        ms(times[0]),
        ms(times[times.len() - 1]),
        times.len()
    )
}

fn median(v: &[u64]) -> u64 {
    let mut v = v.to_vec();
    v.sort_unstable();
    v.get(v.len() / 2).copied().unwrap_or(0)
}

struct Server {
    child: Child,
    lines: Arc<Mutex<Vec<String>>>,
    addr: String,
}

impl Server {
    fn start(root: &Path) -> Server {
        let mut child = Command::new(env!("CARGO_BIN_EXE_circlekit"))
            .args(["serve", "--port", "0", "--no-cache"])
            .current_dir(root)
            .stdin(Stdio::null())
            .stdout(Stdio::null())
            .stderr(Stdio::piped())
            .spawn()
            .expect("start circlekit serve");
        let lines = Arc::new(Mutex::new(Vec::new()));
        let sink = lines.clone();
        let stderr = child.stderr.take().expect("stderr");
        std::thread::spawn(move || {
            for l in BufReader::new(stderr).lines().map_while(Result::ok) {
                sink.lock().expect("lines").push(l);
            }
        });
        let start = Instant::now();
        let addr = loop {
            let found = lines.lock().expect("lines").iter().find_map(|l| {
                l.strip_prefix("serving http://")
                    .and_then(|r| r.split('/').next())
                    .map(str::to_string)
            });
            if let Some(a) = found {
                break a;
            }
            assert!(start.elapsed() < PATIENCE, "serve did not start");
            std::thread::sleep(Duration::from_millis(10));
        };
        assert!(addr.starts_with("127.0.0.1:"), "{addr}");
        Server { child, lines, addr }
    }

    /// The server's peak resident memory so far (`VmHWM`), in MiB; `None` where there is
    /// no `/proc`.
    fn peak_mib(&self) -> Option<u64> {
        let status = std::fs::read_to_string(format!("/proc/{}/status", self.child.id())).ok()?;
        let kb = status.lines().find_map(|l| l.strip_prefix("VmHWM:"))?;
        kb.trim()
            .trim_end_matches("kB")
            .trim()
            .parse::<u64>()
            .ok()
            .map(|kb| kb / 1024)
    }

    fn first_line(&self) -> String {
        self.lines
            .lock()
            .expect("lines")
            .iter()
            .find(|l| l.starts_with("serving"))
            .cloned()
            .unwrap_or_default()
    }

    /// Milliseconds of each "rebuilt N pages in X ms" (or "in X.Y s") line.
    fn rebuild_times(&self) -> Vec<u64> {
        let lines = self.lines.lock().expect("lines");
        lines
            .iter()
            .filter_map(|l| l.strip_prefix("rebuilt "))
            .filter_map(|l| {
                let mut words = l.split(" in ").nth(1)?.split(' ');
                let value: f64 = words.next()?.parse().ok()?;
                let unit = words.next()?.trim_end_matches(',');
                let ms = match unit {
                    "ms" => value,
                    "s" => value * 1000.0,
                    _ => return None,
                };
                Some(ms.round() as u64)
            })
            .collect()
    }

    fn get(&self, path: &str) -> String {
        let mut s = TcpStream::connect(&self.addr).expect("connect");
        s.set_read_timeout(Some(PATIENCE)).expect("timeout");
        write!(
            s,
            "GET {path} HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n"
        )
        .expect("send");
        let mut out = String::new();
        let _ = s.read_to_string(&mut out);
        out
    }

    /// The data of every `reload` event, as it arrives.
    fn events(&self) -> Receiver<String> {
        let mut s = TcpStream::connect(&self.addr).expect("connect");
        s.write_all(b"GET /__circlekit/events HTTP/1.1\r\nHost: x\r\n\r\n")
            .expect("send");
        let (tx, rx) = channel();
        std::thread::spawn(move || {
            let mut name = String::new();
            for line in BufReader::new(s).lines().map_while(Result::ok) {
                if let Some(n) = line.strip_prefix("event: ") {
                    name = n.to_string();
                } else if let Some(d) = line.strip_prefix("data: ")
                    && name == "reload"
                    && tx.send(d.to_string()).is_err()
                {
                    break;
                }
            }
        });
        rx
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}
