//! Live reload: Server-Sent Events to every open page, the script that listens (and hides a
//! dismissed warnings overlay), and the injection of both into served pages.
//!
//! The script and overlay are added to HTML responses of `serve` only, never to templates
//! or to `build` output. Each build has an id; a page knows the id it was served from and
//! reloads when the server announces another one (also after the server restarts).

use std::io::Write;
use std::sync::Mutex;

use super::overlay;
use crate::diagnostic::Diagnostics;

/// The path of the event stream.
pub const EVENTS_PATH: &str = "/__circlekit/events";

/// What changed between two builds, as far as an open page is concerned.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Change {
    /// Nothing a page would show.
    Nothing,
    /// Only stylesheets: pages swap them without reloading.
    Styles,
    /// Anything else: pages reload (keeping their scroll position).
    Pages,
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

/// The response head of an event stream. tiny_http buffers its own responses, so the stream
/// is written by hand on the raw connection.
const HEAD: &str = "HTTP/1.1 200 OK\r\nContent-Type: text/event-stream\r\nCache-Control: no-cache\r\nConnection: close\r\nX-Accel-Buffering: no\r\n\r\nretry: 1000\n\n";

impl Broadcaster {
    /// Starts an event stream on `writer`, greeting it with the current build id; `current`
    /// is read under the same lock as [`Broadcaster::announce`] so no build is missed.
    pub fn subscribe(&self, mut writer: Box<dyn Write + Send>, current: impl FnOnce() -> String) {
        let mut clients = self.lock();
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
        let event = match change {
            Change::Nothing => return,
            Change::Styles => "css",
            Change::Pages => "reload",
        };
        send(&mut clients, &format!("event: {event}\ndata: {id}\n\n"));
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

/// The script every served page gets. `__ID__` is replaced by the page's build id.
const SCRIPT: &str = r#"<script id="circlekit-livereload">(function () {
  var id = "__ID__";
  var key = "circlekit:scroll:" + location.pathname;
  try {
    var saved = sessionStorage.getItem(key);
    if (saved) {
      sessionStorage.removeItem(key);
      var xy = JSON.parse(saved);
      var restore = function () { window.scrollTo(xy[0], xy[1]); };
      restore();
      window.addEventListener("load", restore);
    }
  } catch (e) {}
  function reload() {
    try { sessionStorage.setItem(key, JSON.stringify([window.scrollX, window.scrollY])); } catch (e) {}
    location.reload();
  }
  function swapStyles(next) {
    var links = document.querySelectorAll('link[rel~="stylesheet"]');
    for (var i = 0; i < links.length; i++) {
      var url = new URL(links[i].href);
      url.searchParams.set("circlekit", next);
      links[i].href = url.href;
    }
    id = next;
  }
  var source;
  function connect() {
    source = new EventSource("/__circlekit/events");
    source.addEventListener("hello", function (e) { if (e.data !== id) reload(); });
    source.addEventListener("reload", function (e) { if (e.data !== id) reload(); });
    source.addEventListener("css", function (e) { if (e.data !== id) swapStyles(e.data); });
    source.onerror = function () {
      if (source.readyState === 2) { source.close(); setTimeout(connect, 1000); }
    };
  }
  connect();
  var box = document.getElementById("circlekit-overlay");
  var set = box && box.getAttribute("data-dismiss");
  if (set) {
    var hide = function () { box.parentNode.removeChild(box); };
    try { if (sessionStorage.getItem("circlekit:dismissed") === set) hide(); } catch (e) {}
    box.querySelector("[data-dismiss-button]").addEventListener("click", function () {
      try { sessionStorage.setItem("circlekit:dismissed", set); } catch (e) {}
      hide();
    });
  }
})();</script>"#;

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
    let mut extra = overlay::overlay(errors, warnings, built);
    extra.push_str(&SCRIPT.replace("__ID__", &js_string(build_id)));
    let at = find_last_body_close(html).unwrap_or(html.len());
    let mut out = Vec::with_capacity(html.len() + extra.len());
    out.extend_from_slice(&html[..at]);
    out.extend_from_slice(extra.as_bytes());
    out.extend_from_slice(&html[at..]);
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
}
