//! The default theme in Chromium: no sideways scrolling from 320 px to wide screens (with
//! screenshots to look at in `target/screenshots/`), the light/dark toggle, and every control
//! reachable and usable with the keyboard.

use std::path::{Path, PathBuf};

use serde_json::Value;

use crate::browser::Browser;
use crate::support::{Tool, bundled_site, html_files, skip_unless};

/// Where the screenshots go: `target/screenshots/`, beside the build, for people to look at.
fn screenshots() -> PathBuf {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("target/screenshots");
    std::fs::create_dir_all(&dir).expect("create target/screenshots");
    dir
}

/// How far the page reaches past the right edge of the window, in CSS pixels.
const OVERFLOW: &str =
    "return document.documentElement.scrollWidth - document.documentElement.clientWidth;";

#[test]
fn pages_never_scroll_sideways_from_320_px_to_wide_screens() {
    skip_unless!(Tool::Chromium);
    let out = bundled_site(&[]);
    let pages = html_files(&out);
    let browser = Browser::start();
    let shots = screenshots();
    let mut wide = Vec::new();
    for width in [320, 390, 1280] {
        browser.resize(width, 900);
        let inner = browser.eval("return window.innerWidth;");
        assert!(
            inner
                .as_u64()
                .is_some_and(|w| w.abs_diff(u64::from(width)) <= 16),
            "the window is {width} px wide: {inner}"
        );
        for page in &pages {
            browser.open_file(page);
            let over = browser.eval(OVERFLOW);
            if over.as_i64().unwrap_or(0) > 0 {
                let name = page
                    .strip_prefix(&out)
                    .unwrap_or(page)
                    .display()
                    .to_string();
                wide.push(format!("{name} at {width} px: {over} px too wide"));
            }
        }
        for (name, page) in [
            ("home", "index.html"),
            ("program", "weeks/index.html"),
            ("week", "de/weeks/02-your-network/index.html"),
            ("meeting", "weeks/02-your-network/meeting/index.html"),
            ("faq", "faq/index.html"),
        ] {
            browser.open_file(&out.join(page));
            browser.screenshot(&shots.join(format!("{name}-{width}.png")));
        }
        // The search results fit the screen too.
        browser.open_file(&out.join("weeks/02-your-network/index.html"));
        browser.eval(
            "var i = document.querySelector('.site-header [data-search] input');
             i.focus(); i.value = 'goal'; i.dispatchEvent(new Event('input'));",
        );
        assert!(browser.wait_for("document.querySelectorAll('.search-list a').length > 0"));
        let panel = browser.eval(
            "var r = document.querySelector('.site-header .search-panel').getBoundingClientRect();
             return [r.left, r.right, document.documentElement.clientWidth];",
        );
        let edges: Vec<f64> = panel
            .as_array()
            .map(|a| a.iter().filter_map(Value::as_f64).collect())
            .unwrap_or_default();
        assert!(
            edges.len() == 3 && edges[0] >= 0.0 && edges[1] <= edges[2],
            "the results panel stays on screen at {width} px: {panel}"
        );
        browser.screenshot(&shots.join(format!("search-{width}.png")));
    }
    assert!(
        wide.is_empty(),
        "pages wider than the window:\n{}",
        wide.join("\n")
    );
}

#[test]
fn theme_toggle_switches_to_dark_and_back_and_is_remembered() {
    skip_unless!(Tool::Chromium);
    let out = bundled_site(&[]);
    let browser = Browser::start();
    let page = out.join("weeks/02-your-network/index.html");
    browser.open_file(&page);
    let background = "return getComputedStyle(document.documentElement).backgroundColor;";
    let pressed =
        "return document.querySelector('[data-theme-toggle]').getAttribute('aria-pressed');";
    let light = browser.eval(background);
    assert_eq!(
        browser.eval(pressed),
        "false",
        "light by default (Chromium's system setting)"
    );
    // With the keyboard: focus the toggle, press Enter.
    browser.eval("document.querySelector('[data-theme-toggle]').focus();");
    browser.send_keys("\u{E007}");
    assert_eq!(browser.eval(pressed), "true");
    assert_eq!(
        browser.eval("return document.documentElement.getAttribute('data-theme');"),
        "dark"
    );
    let dark = browser.eval(background);
    assert_ne!(light, dark, "the colours change");
    // Remembered on the next page, before it paints (set by the inline script in <head>).
    browser.open_file(&out.join("faq/index.html"));
    assert_eq!(
        browser.eval("return document.documentElement.getAttribute('data-theme');"),
        "dark"
    );
    assert_eq!(browser.eval(background), dark);
    assert_eq!(browser.eval(pressed), "true");
    // Space switches back.
    browser.eval("document.querySelector('[data-theme-toggle]').focus();");
    browser.send_keys(" ");
    assert_eq!(browser.eval(background), light);
    browser.eval("localStorage.removeItem('circlekit:theme');");
}

/// Tabs through the page and returns the controls that were never reached.
fn unreached_by_tab(browser: &Browser) -> Vec<String> {
    let count = browser.eval(
        "window.ckAll = Array.from(document.querySelectorAll(
           'a[href], button, input, textarea, select, summary, [tabindex]:not([tabindex=\"-1\"])'))
           .filter(function (e) { return !e.disabled
             && e.checkVisibility({ visibilityProperty: true, contentVisibilityAuto: true }); });
         window.ckSeen = new Set();
         document.addEventListener('focusin', function (e) { window.ckSeen.add(e.target); });
         document.activeElement && document.activeElement.blur();
         return window.ckAll.length;",
    );
    // Room for extra stops: Chromium also stops at scrollable boxes (wide tables).
    let tabs = count.as_u64().unwrap_or(0) as usize * 2 + 10;
    browser.send_keys(&"\u{E004}".repeat(tabs));
    // A group of radio buttons is one stop (arrow keys choose within it).
    let missed = browser.eval(
        "var groups = new Set(Array.from(window.ckSeen).filter(function (e) { return e.type === 'radio'; })
           .map(function (e) { return e.name; }));
         return window.ckAll.filter(function (e) { return !window.ckSeen.has(e)
             && !(e.type === 'radio' && groups.has(e.name)); })
           .map(function (e) { return e.outerHTML.slice(0, 120); });",
    );
    missed
        .as_array()
        .map(|a| {
            a.iter()
                .filter_map(|v| v.as_str().map(String::from))
                .collect()
        })
        .unwrap_or_default()
}

#[test]
fn keyboard_reaches_every_control() {
    skip_unless!(Tool::Chromium);
    let out = bundled_site(&[]);
    let browser = Browser::start();
    for page in [
        "index.html",
        "weeks/index.html",
        "de/weeks/02-your-network/index.html",
        "weeks/02-your-network/meeting/index.html",
        "faq/index.html",
        "kits/circle-agreement/index.html",
        "404.html",
    ] {
        browser.open_file(&out.join(page));
        let missed = unreached_by_tab(&browser);
        assert!(missed.is_empty(), "{page}: Tab never reaches {missed:#?}");
    }
    // The first Tab reaches the skip link, and it leads into the main content.
    browser.open_file(&out.join("weeks/02-your-network/index.html"));
    browser.send_keys("\u{E004}");
    assert_eq!(
        browser.eval("return document.activeElement.className;"),
        "skip"
    );
    browser.send_keys("\u{E007}");
    assert!(browser.wait_for("location.hash === '#main'"));
    // The moderator view opens every moderator note from the keyboard.
    browser.eval("document.querySelector('[data-moderator-toggle]').focus();");
    browser.send_keys(" ");
    assert_eq!(
        browser.eval(
            "return Array.from(document.querySelectorAll('details.moderator')).every(function (d) { return d.open; });"
        ),
        true
    );
}
