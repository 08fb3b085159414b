//! Live reload: Server-Sent Events to every open page, the script that listens (and hides a
//! dismissed warnings overlay), and the injection of both into served pages.
//!
//! The script and overlay are added to HTML responses of `serve` only, never to templates
//! or to `build` output. Each build has an id; a page knows the id it was served from and
//! reloads when the server announces another one (also after the server restarts). When
//! only Markdown under `content/` changed, the announcement says `patch`: the page then
//! fetches itself and patches its `<main>` (and header, footer, title) in place, keeping
//! scroll, focus, open `<details>` and typed answers (see `livereload.js`).

use std::io::Write;
use std::path::{Component, PathBuf};
use std::sync::{Mutex, OnceLock};

use super::overlay;
use crate::diagnostic::Diagnostics;

/// The path of the event stream.
pub const EVENTS_PATH: &str = "/__circlekit/events";

/// The most event streams open at once (a page each). They are exempt from the server's
/// idle limit and connection count, so they have this cap of their own; beyond it a new
/// one is answered 503 and its page retries a second later.
pub const MAX_STREAMS: usize = 64;

/// What changed between two builds, as far as an open page is concerned.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Change {
    /// Nothing a page would show.
    Nothing,
    /// Only stylesheets: pages swap them without reloading.
    Styles,
    /// Pages, from Markdown under `content/` alone: pages patch themselves in place.
    Content,
    /// Anything else: pages reload (keeping their scroll position).
    Pages,
}

/// Whether the changed sources (paths relative to the site root, as the watcher gives
/// them) are all Markdown under `content/`: what an open page can take in by patching
/// its text. A template, script, stylesheet, asset, `book.toml` or a rescan (`.`) is not.
pub fn content_only(changed: &[PathBuf]) -> bool {
    !changed.is_empty()
        && changed.iter().all(|p| {
            let mut parts = p.components();
            parts.next() == Some(Component::Normal("content".as_ref()))
                && parts.next().is_some()
                && p.extension().is_some_and(|x| x == "md")
        })
}

/// The open event streams, written to on every build.
#[derive(Default)]
pub struct Broadcaster {
    clients: Mutex<Vec<Box<dyn Write + Send>>>,
}

impl std::fmt::Debug for Broadcaster {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Broadcaster")
            .field("clients", &self.count())
            .finish()
    }
}

/// The response head of an event stream, written by hand on the raw connection.
const HEAD: &str = "HTTP/1.1 200 OK\r\nContent-Type: text/event-stream\r\nCache-Control: no-cache\r\nConnection: close\r\nX-Accel-Buffering: no\r\n\r\nretry: 1000\n\n";

/// The answer to one event stream too many.
fn full() -> String {
    let text = "503 Service Unavailable: too many live-reload streams open\n";
    format!(
        "HTTP/1.1 503 Service Unavailable\r\nContent-Type: text/plain; charset=utf-8\r\nContent-Length: {}\r\nRetry-After: 1\r\nConnection: close\r\n\r\n{text}",
        text.len()
    )
}

impl Broadcaster {
    /// Starts an event stream on `writer`, greeting it with the current build id; `current`
    /// is read under the same lock as [`Broadcaster::announce`] so no build is missed.
    /// When [`MAX_STREAMS`] are open (after dropping closed ones), answers 503 instead.
    pub fn subscribe(&self, mut writer: Box<dyn Write + Send>, current: impl FnOnce() -> String) {
        let mut clients = self.lock();
        if clients.len() >= MAX_STREAMS {
            send(&mut clients, ": ping\n\n");
        }
        if clients.len() >= MAX_STREAMS {
            let _ = writer.write_all(full().as_bytes());
            return;
        }
        let hello = format!("{HEAD}event: hello\ndata: {}\n\n", current());
        if writer.write_all(hello.as_bytes()).is_ok() && writer.flush().is_ok() {
            clients.push(writer);
        }
    }

    /// Runs `swap` (which publishes a new build) and tells every page about it, atomically
    /// with respect to new subscribers.
    pub fn announce(&self, swap: impl FnOnce() -> (Change, String)) {
        let mut clients = self.lock();
        let (change, id) = swap();
        // `reload` is every build that changed pages; ` patch` after the id says the page
        // may patch itself in place instead of reloading.
        let (event, how) = match change {
            Change::Nothing => return,
            Change::Styles => ("css", ""),
            Change::Content => ("reload", " patch"),
            Change::Pages => ("reload", ""),
        };
        send(
            &mut clients,
            &format!("event: {event}\ndata: {id}{how}\n\n"),
        );
    }

    /// Sends a comment to every stream and forgets the ones that are gone.
    pub fn ping(&self) {
        send(&mut self.lock(), ": ping\n\n");
    }

    /// How many pages listen.
    pub fn count(&self) -> usize {
        self.lock().len()
    }

    /// Closes every stream (at shutdown).
    pub fn close_all(&self) {
        self.lock().clear();
    }

    fn lock(&self) -> std::sync::MutexGuard<'_, Vec<Box<dyn Write + Send>>> {
        self.clients.lock().unwrap_or_else(|e| e.into_inner())
    }
}

fn send(clients: &mut Vec<Box<dyn Write + Send>>, message: &str) {
    clients.retain_mut(|w| w.write_all(message.as_bytes()).is_ok() && w.flush().is_ok());
}

/// The script every served page gets, in a `<script id="circlekit-livereload">` element.
/// `__ID__` is replaced by the page's build id.
const SCRIPT: &str = include_str!("livereload.js");

/// Adds the overlay (the errors of the last build when it failed, else the warnings of the
/// last good one) and the live-reload script before the page's last `</body>`, or at its
/// end when it has none. `built` says whether any build has worked yet (what the overlay
/// covers).
pub fn inject(
    html: &[u8],
    build_id: &str,
    errors: Option<&Diagnostics>,
    warnings: &Diagnostics,
    built: bool,
) -> Vec<u8> {
    static ELEMENT: OnceLock<String> = OnceLock::new();
    let script = ELEMENT.get_or_init(|| {
        let js = compact(SCRIPT);
        format!(
            r#"<script id="circlekit-livereload">{}</script>"#,
            js.trim_end()
        )
    });
    let mut extra = overlay::overlay(errors, warnings, built);
    extra.push_str(&script.replace("__ID__", &js_string(build_id)));
    let at = find_last_body_close(html).unwrap_or(html.len());
    let mut out = Vec::with_capacity(html.len() + extra.len());
    out.extend_from_slice(&html[..at]);
    out.extend_from_slice(extra.as_bytes());
    out.extend_from_slice(&html[at..]);
    out
}

/// The script without its indentation and its comments (whole lines from `/*` to `*/`),
/// as it goes into every served page.
fn compact(js: &str) -> String {
    let mut out = String::with_capacity(js.len());
    let mut comment = false;
    for line in js.lines().map(str::trim) {
        comment |= line.starts_with("/*");
        if !comment && !line.is_empty() {
            out.push_str(line);
            out.push('\n');
        }
        comment &= !line.ends_with("*/");
    }
    out
}

fn find_last_body_close(html: &[u8]) -> Option<usize> {
    const TAG: &[u8] = b"</body";
    html.windows(TAG.len())
        .rposition(|w| w.eq_ignore_ascii_case(TAG))
}

/// Only letters, digits and `-` survive, so the id is safe inside a JS string.
fn js_string(s: &str) -> String {
    s.chars()
        .filter(|c| c.is_ascii_alphanumeric() || *c == '-')
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::diagnostic::Diagnostic;

    #[test]
    fn injects_before_the_last_body_close() {
        let out = inject(
            b"<html><body><p>x</p></BODY></html>",
            "1-2",
            None,
            &Diagnostics::new(),
            true,
        );
        let s = String::from_utf8_lossy(&out);
        let script = s.find("circlekit-livereload").unwrap_or(usize::MAX);
        assert!(script < s.find("</BODY>").unwrap_or(0), "{s}");
        assert!(s.contains(r#"var id = "1-2";"#), "{s}");
        let bare = inject(b"plain", "1", None, &Diagnostics::new(), true);
        assert!(bare.starts_with(b"plain<script"));
        assert!(!s.contains("/*") && !s.contains("\n  "), "compacted: {s}");
        assert!(s.len() < SCRIPT.len(), "{} of {}", s.len(), SCRIPT.len());
    }

    #[test]
    fn overlay_escapes_the_diagnostics() {
        let mut ds = Diagnostics::new();
        ds.push(Diagnostic::error(
            "content/en/<x>.md",
            "bad <script>alert(1)</script>",
        ));
        let html = String::from_utf8_lossy(&inject(
            b"<body></body>",
            "1",
            Some(&ds),
            &Diagnostics::new(),
            true,
        ))
        .to_string();
        assert!(html.contains("circlekit-overlay"));
        assert!(
            html.contains("&lt;script&gt;alert(1)&lt;/script&gt;"),
            "{html}"
        );
        assert!(!html.contains("<script>alert"), "{html}");
        assert!(html.contains("content/en/&lt;x&gt;.md"), "{html}");
    }

    #[test]
    fn build_ids_cannot_break_out_of_the_script() {
        assert_eq!(js_string("a\"</script>-1"), "ascript-1");
    }

    #[test]
    fn only_markdown_under_content_counts_as_page_content() {
        let paths = |ps: &[&str]| ps.iter().map(PathBuf::from).collect::<Vec<_>>();
        assert!(content_only(&paths(&["content/en/faq.md"])));
        assert!(content_only(&paths(&[
            "content/de/weeks/01-arriving.md",
            "content/en/kits/agreement.md"
        ])));
        for other in [
            "book.toml",
            ".",
            "themes/default/templates/week.html",
            "themes/default/static/site.js",
            "themes/default/static/style.css",
            "assets/logo.svg",
            "content/en/photo.png",
            "content/faq.md.bak",
            "content.md",
        ] {
            assert!(!content_only(&paths(&[other])), "{other}");
            assert!(
                !content_only(&paths(&["content/en/faq.md", other])),
                "{other} with a page"
            );
        }
        assert!(!content_only(&[]), "no change is no content change");
    }

    #[test]
    fn a_content_change_is_announced_as_a_patch_and_others_as_a_reload() {
        let (broadcaster, stream) = (Broadcaster::default(), Stream::default());
        broadcaster.subscribe(Box::new(stream.clone()), || "a-0".into());
        broadcaster.announce(|| (Change::Content, "a-1".into()));
        broadcaster.announce(|| (Change::Pages, "a-2".into()));
        broadcaster.announce(|| (Change::Styles, "a-3".into()));
        broadcaster.announce(|| (Change::Nothing, "a-3".into()));
        let text = stream.text();
        let events = &text[text.find("event: hello").unwrap_or(0)..];
        assert_eq!(
            events,
            "event: hello\ndata: a-0\n\nevent: reload\ndata: a-1 patch\n\nevent: reload\ndata: a-2\n\nevent: css\ndata: a-3\n\n"
        );
    }

    /// An event stream that keeps what is written to it.
    #[derive(Clone, Default)]
    struct Stream(std::sync::Arc<Mutex<Vec<u8>>>);

    impl Stream {
        fn text(&self) -> String {
            String::from_utf8_lossy(&self.0.lock().unwrap_or_else(|e| e.into_inner())).into_owned()
        }
    }

    impl Write for Stream {
        fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
            self.0
                .lock()
                .unwrap_or_else(|e| e.into_inner())
                .extend_from_slice(buf);
            Ok(buf.len())
        }

        fn flush(&mut self) -> std::io::Result<()> {
            Ok(())
        }
    }
}
