//! Reading offline: the service worker keeps a language's pages after the first visit, under
//! a sub-path, in Debian's headless Chromium against a plain static host on 127.0.0.1 that is
//! stopped to go offline; a new version replaces the old; `serve` and pages opened from disk
//! register nothing; each language's list of kept files, and the cache's name, from the build.

mod host;

use std::path::Path;
use std::time::Duration;

use serde_json::{Value, json};

use crate::browser::Browser;
use crate::dev_server::{DevServer, edit};
use crate::support::{TestSite, Tool, bundled_site, html_files, read, skip_unless};
use host::{SUB, StaticHost, free_port};

/// Waits until the offline page at `offline` is kept in caches of the given version
/// (`VERSION` in sw.js) only; returns the names of the caches that hold it.
fn wait_until_kept(browser: &Browser, offline: &str, version: &str) -> Vec<String> {
    let script = format!(
        "var done = arguments[arguments.length - 1];
         caches.keys().then(function (names) {{
           return Promise.all(names.map(function (n) {{
             return caches.open(n).then(function (c) {{ return c.match({offline}); }});
           }})).then(function (hits) {{ done(names.filter(function (n, i) {{ return hits[i]; }})); }});
         }}).catch(function () {{ done([]); }});",
        offline = json!(offline)
    );
    let mut names = Vec::new();
    for _ in 0..200 {
        let found = browser.eval_async(&script);
        names = found
            .as_array()
            .map(|a| {
                a.iter()
                    .filter_map(|n| n.as_str().map(String::from))
                    .collect()
            })
            .unwrap_or_default();
        if !names.is_empty()
            && names
                .iter()
                .all(|n: &String| n.ends_with(&format!("|{version}")))
        {
            return names;
        }
        std::thread::sleep(Duration::from_millis(100));
    }
    panic!("{offline} was not kept in version {version} only; caches holding it: {names:?}");
}

/// The cache version a build wrote into sw.js.
fn version(out: &Path) -> String {
    let sw = read(&out.join("sw.js"));
    let start = sw.find("VERSION = \"").expect("a VERSION in sw.js") + 11;
    sw[start..start + 16].to_string()
}

fn search(browser: &Browser, words: &str) {
    browser.eval(&format!(
        "var i = document.querySelector('.site-header [data-search] input');
         i.focus(); i.value = {}; i.dispatchEvent(new Event('input'));",
        Value::from(words)
    ));
}

#[test]
fn a_week_the_faq_and_search_open_offline_and_a_new_version_replaces_the_old() {
    skip_unless!(Tool::Chromium);
    let site =
        TestSite::new("a_week_the_faq_and_search_open_offline_and_a_new_version_replaces_the_old");
    let port = free_port();
    let base = format!("http://127.0.0.1:{port}{SUB}");
    site.run(&["build", "--base-url", &base]).code(0);
    let out = site.path("public");
    let first = version(&out);
    let host = StaticHost::start(&out, port);
    let browser = Browser::start();
    browser.goto(&format!("{base}weeks/01-arriving/"));
    let offline = format!("{base}offline.html");
    wait_until_kept(&browser, &offline, &first);

    drop(host);
    browser.goto(&format!("{base}weeks/02-goals/"));
    assert!(
        browser.wait_for("document.body.innerText.includes('Write it down.')"),
        "week 2 opens offline: {}",
        browser.eval("return document.body.innerText;")
    );
    browser.goto(&format!("{base}faq/"));
    assert!(browser.wait_for("document.body.innerText.includes('Anyone in the circle.')"));
    search(&browser, "hello");
    assert!(
        browser.wait_for(
            "[...document.querySelectorAll('.site-header .search-list a')].some(a => a.href.endsWith('/weeks/01-arriving/#check-in'))"
        ),
        "search finds week 1 offline: {}",
        browser.eval("return document.querySelector('.site-header .search-panel').textContent;")
    );
    browser.goto(&format!("{base}no/such/page/"));
    assert!(
        browser.wait_for("document.querySelector('h1').textContent === 'You are offline'"),
        "a page never kept shows the offline page: {}",
        browser.eval("return document.body.innerText;")
    );
    assert_eq!(
        browser.eval("return [location.href, document.querySelector('main a').href, getComputedStyle(document.querySelector('.skip')).position];"),
        json!([format!("{base}no/such/page/"), base, "absolute"]),
        "the address stays; links and style work from it"
    );

    // A new version: online, its pages come first; then it is kept in place of the old.
    edit(
        &site,
        "content/en/weeks/02-goals.md",
        "Write it down.",
        "Write it down and read it aloud.",
    );
    site.run(&["build", "--base-url", &base]).code(0);
    let second = version(&out);
    assert_ne!(first, second, "new content, new cache");
    let host = StaticHost::start(&out, port);
    browser.goto(&format!("{base}weeks/02-goals/"));
    assert!(
        browser.wait_for("document.body.innerText.includes('read it aloud')"),
        "the new page comes from the network"
    );
    // Kept anew, and the old version dropped.
    wait_until_kept(&browser, &offline, &second);
    drop(host);
    browser.goto(&format!("{base}weeks/02-goals/"));
    assert!(
        browser.wait_for("document.body.innerText.includes('read it aloud')"),
        "offline, the new version of the page"
    );
}

/// Runs the page's theme/site.js again with `navigator.serviceWorker.register` watched:
/// whether it asks for a service worker.
fn registers(browser: &Browser) -> Value {
    browser.eval_async(
        "var done = arguments[arguments.length - 1], called = false, sw = navigator.serviceWorker;
         if (sw) sw.register = function () { called = true; return new Promise(function () {}); };
         var s = document.createElement('script');
         s.src = document.querySelector('script[src$=\"theme/site.js\"]').src;
         s.onload = function () { done(called); };
         s.onerror = function () { done('site.js did not load'); };
         document.head.appendChild(s);",
    )
}

#[test]
fn no_service_worker_is_registered_under_serve_or_from_disk() {
    skip_unless!(Tool::Chromium);
    let site = TestSite::new("no_service_worker_is_registered_under_serve_or_from_disk");
    let browser = Browser::start();
    let complete = "document.readyState === 'complete'";
    // The same pages from a static host do ask for one (what the check below relies on).
    site.run(&["build"]).code(0);
    let port = free_port();
    let host = StaticHost::start(&site.path("public"), port);
    browser.goto(&format!("http://127.0.0.1:{port}{SUB}weeks/01-arriving/"));
    assert!(browser.wait_for(complete));
    assert_eq!(registers(&browser), json!(true));
    drop(host);

    let server = DevServer::start(&site.root, &[]);
    browser.goto(&format!("{}/weeks/01-arriving/", server.base));
    assert!(browser.wait_for(&format!(
        "{complete} && document.getElementById('circlekit-livereload')"
    )));
    assert_eq!(registers(&browser), json!(false), "serve");
    let count = browser.eval_async(
        "var done = arguments[arguments.length - 1];
         navigator.serviceWorker.getRegistrations().then(function (r) { done(r.length); });",
    );
    assert_eq!(count, json!(0), "serve");

    browser.open_file(&site.path("public/weeks/01-arriving/index.html"));
    assert!(browser.wait_for(complete));
    assert_eq!(registers(&browser), json!(false), "from disk");
}

#[cfg(feature = "pdf")]
#[test]
fn a_pdf_kept_from_the_kits_page_opens_offline() {
    skip_unless!(Tool::Chromium);
    let site = TestSite::new("a_pdf_kept_from_the_kits_page_opens_offline");
    site.run(&["build"]).code(0);
    let out = site.path("public");
    let port = free_port();
    let base = format!("http://127.0.0.1:{port}{SUB}");
    let host = StaticHost::start(&out, port);
    let browser = Browser::start();
    browser.goto(&format!("{base}kits/"));
    wait_until_kept(&browser, &format!("{base}offline.html"), &version(&out));
    let button = "document.querySelector('[data-keep-offline]')";
    assert!(browser.wait_for(&format!("!{button}.parentNode.hidden")));
    browser.eval(&format!("{button}.click(); return true;"));
    assert!(
        browser.wait_for(&format!(
            "{button}.getAttribute('aria-disabled') === 'true' && {button}.textContent === 'These PDFs are kept on this device'"
        )),
        "the button says the PDFs are kept: {}",
        browser.eval(&format!("return {button}.textContent;"))
    );
    drop(host);
    let pdfs = browser.eval_async(
        "var done = arguments[arguments.length - 1];
         Promise.all([...document.querySelectorAll('main a[href$=\".pdf\"]')].map(function (a) {
           return fetch(a.href).then(function (r) { return r.text(); }).then(function (t) { return t.slice(0, 5); });
         })).then(done, function (e) { done(String(e)); });",
    );
    let pdfs = pdfs.as_array().cloned().unwrap_or_default();
    assert!(
        pdfs.len() >= 3 && pdfs.iter().all(|p| p == "%PDF-"),
        "every PDF of the page comes from the device: {pdfs:?}"
    );
    // The page, kept too, says so when it opens again offline.
    browser.goto(&format!("{base}kits/"));
    assert!(browser.wait_for(&format!(
        "!{button}.parentNode.hidden && {button}.getAttribute('aria-disabled') === 'true'"
    )));
}

#[test]
fn the_cache_version_changes_with_the_content_and_only_then() {
    let site = TestSite::new("the_cache_version_changes_with_the_content_and_only_then");
    site.run(&["build"]).code(0);
    let out = site.path("public");
    let first = version(&out);
    site.run(&["build"]).code(0);
    assert_eq!(version(&out), first, "the same content, the same version");
    let list: Value = serde_json::from_str(&read(&out.join("offline.json"))).expect("JSON");
    assert_eq!(list["version"], json!(first));
    edit(&site, "content/en/faq.md", "Anyone", "Anyone at all");
    site.run(&["build"]).code(0);
    assert_ne!(version(&out), first, "a changed answer, a new version");
}

#[test]
fn each_language_keeps_its_own_pages_the_theme_and_its_search_index() {
    let out = bundled_site(&[]);
    let languages = ["", "de/", "es/"];
    for prefix in languages {
        let list: Value = serde_json::from_str(&read(&out.join(format!("{prefix}offline.json"))))
            .expect("offline.json is JSON");
        let files: Vec<&str> = list["files"]
            .as_array()
            .expect("a list of files")
            .iter()
            .filter_map(Value::as_str)
            .collect();
        let bytes: u64 = files
            .iter()
            .map(|f| {
                let file = if f.is_empty() || f.ends_with('/') {
                    out.join(f).join("index.html")
                } else {
                    out.join(f)
                };
                std::fs::metadata(&file)
                    .unwrap_or_else(|e| panic!("{prefix}offline.json lists {f}: {e}"))
                    .len()
            })
            .sum();
        eprintln!(
            "kept offline for {:?}: {} files, {bytes} B",
            prefix,
            files.len()
        );
        for page in html_files(&out) {
            let rel = page.strip_prefix(&out).expect("in the output");
            let rel = rel.to_string_lossy();
            let Some(folder) = rel.strip_suffix("index.html") else {
                continue;
            };
            let mine = folder.starts_with(prefix)
                && !languages
                    .iter()
                    .any(|l| l.len() > prefix.len() && folder.starts_with(l));
            assert_eq!(
                files.contains(&folder),
                mine,
                "{prefix}offline.json and {folder}"
            );
        }
        for f in [
            "theme/style.css",
            "theme/site.js",
            "theme/search.js",
            "theme/icon.svg",
        ] {
            assert!(files.contains(&f), "{prefix}: {f}");
        }
        for f in ["search-index.js", "offline.html", "manifest.webmanifest"] {
            assert!(
                files.contains(&format!("{prefix}{f}").as_str()),
                "{prefix}{f}"
            );
        }
        let manifest: Value =
            serde_json::from_str(&read(&out.join(format!("{prefix}manifest.webmanifest"))))
                .expect("the manifest is JSON");
        assert_eq!(
            [&manifest["start_url"], &manifest["scope"]],
            [&json!("./"), &json!("./")]
        );
        assert!(manifest["name"].as_str().is_some_and(|n| !n.is_empty()));
    }
}
