//! Save → new text on screen in Chromium: the page stamps the first frame that shows an
//! edit, once patching in place (as pages do now) and once reloading (as they did before).

use std::path::Path;
use std::time::{Duration, Instant};

use super::browser::Browser;
use super::{PATIENCE, Server, stats};

/// Runs in every page of the benchmark's browser: in "reload" mode it makes pages reload
/// on every build, as they did before patching in place; and it stamps the first frame
/// that shows the text in sessionStorage "ck-probe" ("ck-seen" = "TEXT|milliseconds").
const PROBE: &str = r#"(function () {
  if (sessionStorage.getItem("ck-mode") === "reload") {
    var add = EventSource.prototype.addEventListener;
    EventSource.prototype.addEventListener = function (type, fn, o) {
      var f = type === "reload" ? function (e) { fn({ data: e.data.split(" ")[0] }); } : fn;
      return add.call(this, type, f, o);
    };
  }
  function check() {
    var m = sessionStorage.getItem("ck-probe");
    if (!m || window.ckSeen === m || !document.body || document.body.textContent.indexOf(m) < 0) return;
    window.ckSeen = m;
    requestAnimationFrame(function () { sessionStorage.setItem("ck-seen", m + "|" + Date.now()); });
  }
  new MutationObserver(check).observe(document, { subtree: true, childList: true, characterData: true });
})();"#;

/// Save → new text on screen in Chromium, patching and reloading, for `rounds` edits of
/// the week at `file` each; with the server's rebuild times of those edits.
pub fn measure(root: &Path, file: &str, rounds: usize) {
    let Ok(browser) = Browser::try_start() else {
        println!("in Chromium: skipped (needs Debian's chromium and chromium-driver)");
        return;
    };
    let server = Server::start(root);
    let url = format!("http://{}/weeks/01-getting-started/", server.addr);
    browser.cdp(
        "Page.addScriptToEvaluateOnNewDocument",
        serde_json::json!({ "source": PROBE }),
    );
    browser.goto(&url);
    let original = std::fs::read_to_string(root.join(file)).expect("read the week");
    println!("week 1 of the bundled site in Chromium, save → new text on screen:");
    for mode in ["patch", "reload"] {
        let _ = browser.try_eval(&format!(
            "sessionStorage.setItem('ck-mode', '{mode}'); location.reload(); return 1;"
        ));
        std::thread::sleep(Duration::from_millis(500));
        let first = server.rebuild_times().len();
        let mut times = Vec::new();
        for i in 0..rounds {
            let marker = format!("Latency probe {mode} {i}.");
            let text = format!("{original}\n\n{marker}\n");
            times.push(seen(&browser, &root.join(file), &text, &marker));
            std::thread::sleep(Duration::from_millis(300));
        }
        let rebuilds = server.rebuild_times()[first..].to_vec();
        let label = match mode {
            "patch" => "patch in place:     ",
            _ => "full reload (before):",
        };
        let mut rebuilt: Vec<Duration> = rebuilds
            .iter()
            .map(|&ms| Duration::from_millis(ms))
            .collect();
        // The rest of each edit's time (the watcher's wait, the event, the browser's work),
        // when every edit was one rebuild: steadier than either figure on a busy machine.
        let mut rest: Vec<Duration> = if rebuilt.len() == times.len() {
            times
                .iter()
                .zip(&rebuilt)
                .map(|(t, r)| t.saturating_sub(*r))
                .collect()
        } else {
            Vec::new()
        };
        println!("  {label} {}", stats(&mut times));
        println!("    server's rebuild time: {}", stats(&mut rebuilt));
        if !rest.is_empty() {
            println!("    the rest (on screen − rebuild): {}", stats(&mut rest));
        }
    }
}

/// Writes `text` to `path` and waits until the page stamps the frame showing `marker`.
fn seen(browser: &Browser, path: &Path, text: &str, marker: &str) -> Duration {
    let epoch_ms = || {
        std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map_or(0, |d| d.as_millis() as u64)
    };
    let start = Instant::now();
    while browser
        .try_eval(&format!(
            "sessionStorage.setItem('ck-probe', {marker:?}); return 1;"
        ))
        .is_err()
    {
        assert!(start.elapsed() < PATIENCE, "the page does not answer");
        std::thread::sleep(Duration::from_millis(20));
    }
    let saved_at = epoch_ms();
    std::fs::write(path, text).expect("write the edit");
    loop {
        let stamp = browser
            .try_eval("return sessionStorage.getItem('ck-seen');")
            .ok()
            .and_then(|v| v.as_str().map(str::to_string));
        if let Some(at) = stamp.as_deref().and_then(|s| s.strip_prefix(marker)) {
            let at: u64 = at.trim_start_matches('|').parse().expect("a time");
            return Duration::from_millis(at.saturating_sub(saved_at));
        }
        assert!(start.elapsed() < PATIENCE, "{marker} never showed");
        std::thread::sleep(Duration::from_millis(10));
    }
}
