//! The bundled site against the Nu HTML Checker (npm `vnu-jar`) and axe-core (npm `axe-core`
//! in Debian's Chromium): every page, zero errors, zero violations, in light and dark; and the
//! right-to-left and CJK pages of a site in every script.
//!
//! The checkers come from npm, not from crates.io: `npm install --prefix .ci/node vnu-jar@26
//! axe-core@4` (`.ci/run` keeps them in its cache folder); `CIRCLEKIT_VNU_JAR` and
//! `CIRCLEKIT_AXE_JS` point elsewhere if you keep them somewhere else. Without them (or
//! Java, or Chromium) these tests say what to install and return (see `support/tools.rs`).

use std::path::{Path, PathBuf};
use std::process::Command;

use serde_json::Value;

use crate::browser::Browser;
use crate::support::{TestSite, Tool, axe_js, bundled_site, html_files, skip_unless, vnu_jar};

#[test]
fn bundled_site_passes_the_nu_html_checker() {
    skip_unless!(Tool::NuHtmlChecker);
    let jar = vnu_jar().expect("the Nu HTML Checker is here");
    let out = bundled_site(&["--base-url", "https://circles.example.org/"]);
    let pages = html_files(&out);
    assert!(pages.len() > 100, "the bundled site has its pages");
    let (ok, report) = nu_html_checker(&jar, std::slice::from_ref(&out));
    let report = report.replace(&format!("file:{}", out.display()), "");
    let errors: Vec<&str> = report.lines().filter(|l| l.starts_with("Error")).collect();
    assert!(
        ok && errors.is_empty(),
        "{} HTML errors in {} pages:\n{report}",
        errors.len(),
        pages.len()
    );
}

/// Runs the Nu HTML Checker over `folders`: whether it passed, and its report.
fn nu_html_checker(jar: &Path, folders: &[PathBuf]) -> (bool, String) {
    let run = Command::new("java")
        .args(["-jar", jar.to_str().expect("UTF-8 path")])
        .args(["--errors-only", "--skip-non-html", "--format", "text"])
        .args(folders)
        .output()
        .expect("run java (the Nu HTML Checker needs Java 17 or newer)");
    (
        run.status.success(),
        String::from_utf8_lossy(&run.stderr).into_owned(),
    )
}

/// Loads axe-core into the open page and runs it; returns "rule: target …" per violation.
pub(crate) fn axe(browser: &Browser, axe_js: &Path, options: &str) -> Vec<String> {
    browser.eval(&format!(
        "if (!window.axe) {{ var s = document.createElement('script'); s.src = {}; document.head.appendChild(s); }}",
        Value::from(format!("file://{}", axe_js.display()))
    ));
    assert!(browser.wait_for("window.axe"), "axe-core did not load");
    let answer = browser.eval_async(&format!(
        "var done = arguments[arguments.length - 1];
         axe.run(document, {options}).then(function (r) {{
           done(r.violations.map(function (v) {{
             return v.id + ' (' + v.impact + '): ' + v.nodes.map(function (n) {{ return n.target.join(' '); }}).join(', ');
           }}));
         }}, function (e) {{ done(['axe failed: ' + e]); }});"
    ));
    answer
        .as_array()
        .map(|a| {
            a.iter()
                .map(|v| v.as_str().unwrap_or("").to_string())
                .collect()
        })
        .unwrap_or_default()
}

#[test]
fn axe_reports_a_page_with_a_known_violation() {
    skip_unless!(Tool::Chromium, Tool::Axe);
    let axe_js = axe_js().expect("axe-core is here");
    let tmp = tempfile::tempdir().expect("temporary folder");
    let page = tmp.path().join("bad.html");
    std::fs::write(
        &page,
        "<!doctype html><html lang=en><title>t</title><main><img src=x.png></main></html>",
    )
    .expect("write the page");
    let browser = Browser::start();
    browser.open_file(&page);
    let found = axe(&browser, &axe_js, "{resultTypes: ['violations']}");
    assert!(
        found.iter().any(|v| v.starts_with("image-alt")),
        "axe finds the image without alt text: {found:?}"
    );
}

#[test]
fn bundled_site_has_no_axe_violations() {
    skip_unless!(Tool::Chromium, Tool::Axe);
    let axe_js = axe_js().expect("axe-core is here");
    let out = bundled_site(&[]);
    let pages = html_files(&out);
    // Two browsers share the pages, to halve the time on a two-core machine.
    let halves: Vec<Vec<PathBuf>> = vec![
        pages.iter().step_by(2).cloned().collect(),
        pages.iter().skip(1).step_by(2).cloned().collect(),
    ];
    let found: Vec<String> = std::thread::scope(|s| {
        let runs: Vec<_> = halves
            .iter()
            .map(|half| {
                let axe_js = &axe_js;
                let out = &out;
                s.spawn(move || {
                    let browser = Browser::start();
                    let mut found = Vec::new();
                    for page in half {
                        let name = page.strip_prefix(out).unwrap_or(page).display().to_string();
                        browser.open_file(page);
                        for v in axe(&browser, axe_js, "{resultTypes: ['violations']}") {
                            found.push(format!("{name} (light): {v}"));
                        }
                        // Dark colours, with every moderator note open, for contrast.
                        browser.eval(
                            "document.documentElement.setAttribute('data-theme', 'dark');
                             document.querySelectorAll('details').forEach(function (d) { d.open = true; });",
                        );
                        for v in axe(&browser, axe_js, "{runOnly: ['color-contrast']}") {
                            found.push(format!("{name} (dark): {v}"));
                        }
                    }
                    found
                })
            })
            .collect();
        runs.into_iter()
            .flat_map(|r| r.join().expect("an axe run"))
            .collect()
    });
    assert!(
        found.is_empty(),
        "{} axe violations in {} pages:\n{}",
        found.len(),
        pages.len(),
        found.join("\n")
    );
}

#[test]
fn right_to_left_and_cjk_pages_pass_the_nu_html_checker_and_axe() {
    skip_unless!(Tool::NuHtmlChecker, Tool::Chromium, Tool::Axe);
    let jar = vnu_jar().expect("the Nu HTML Checker is here");
    let axe_js = axe_js().expect("axe-core is here");
    let site = TestSite::new("pdfs_in_every_script");
    site.run(&["build", "--no-pdf"]).code(0);
    let folders: Vec<PathBuf> = ["ar", "fa", "he", "ja", "zh"]
        .iter()
        .map(|lang| site.path(&format!("public/{lang}")))
        .collect();
    let pages: Vec<PathBuf> = folders.iter().flat_map(|f| html_files(f)).collect();
    assert!(pages.len() >= 35, "every language has its pages: {pages:?}");
    let (ok, report) = nu_html_checker(&jar, &folders);
    let errors: Vec<&str> = report.lines().filter(|l| l.starts_with("Error")).collect();
    assert!(
        ok && errors.is_empty(),
        "{} HTML errors in {} pages:\n{report}",
        errors.len(),
        pages.len()
    );
    let browser = Browser::start();
    let public = site.path("public");
    let mut found = Vec::new();
    for page in &pages {
        browser.open_file(page);
        let name = page.strip_prefix(&public).unwrap_or(page).display();
        for v in axe(&browser, &axe_js, "{resultTypes: ['violations']}") {
            found.push(format!("{name}: {v}"));
        }
    }
    assert!(
        found.is_empty(),
        "{} axe violations in {} pages:\n{}",
        found.len(),
        pages.len(),
        found.join("\n")
    );
}
