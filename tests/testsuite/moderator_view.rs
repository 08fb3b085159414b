//! The moderator view in a real browser: each note opens where it applies, the page says
//! how many there are with a link to the first, "On this page" lists them, and the page
//! stays free of axe violations with the view on, light and dark.

use serde_json::json;

use crate::accessibility::axe;
use crate::browser::Browser;
use crate::support::{TestSite, Tool, axe_js, bundled_site, skip_unless};

const TOGGLE: &str = "document.querySelector('[data-moderator-toggle]')";
const TOC: &str = "return [...document.querySelectorAll('.page-toc li')]
    .filter(li => !li.hidden).map(li => li.textContent);";

#[test]
fn the_moderator_view_shows_each_note_in_place_and_lists_them_on_this_page() {
    skip_unless!(Tool::Chromium);
    let site = TestSite::new("moderator_view");
    site.run(&["build", "--no-pdf"]).code(0);
    let browser = Browser::start();
    browser.open_file(&site.path("public/weeks/01-arriving/index.html"));
    assert!(browser.wait_for(&format!("!{TOGGLE}.hidden")));
    assert_eq!(
        browser.eval(TOC),
        json!([
            "Agenda",
            "Check-in",
            "Goals",
            "Close",
            "Before the next meeting"
        ]),
        "with the view off, On this page lists the headings only"
    );
    assert_eq!(
        browser.eval("return document.querySelector('.moderator-summary').hidden;"),
        json!(true)
    );

    browser.eval(&format!("{TOGGLE}.click(); return true;"));
    assert_eq!(
        browser
            .eval("return [...document.querySelectorAll('details.moderator')].map(d => d.open);"),
        json!([true, true, true])
    );
    // In place: each note sits under the heading it is about, before the next one.
    let under = browser.eval(
        "return [...document.querySelectorAll('details.moderator')].map(function (d) {
           var h = [...document.querySelectorAll('main h2')].filter(h =>
             h.compareDocumentPosition(d) & Node.DOCUMENT_POSITION_FOLLOWING);
           return h[h.length - 1].textContent;
         });",
    );
    assert_eq!(under, json!(["Check-in", "Close", "Close"]));
    assert_eq!(
        browser.eval(
            "var s = document.querySelector('.moderator-summary');
             return [s.hidden, s.textContent, s.querySelector('a').getAttribute('href'),
                     document.querySelector(s.querySelector('a').getAttribute('href')) ===
                       document.querySelector('details.moderator')];"
        ),
        json!([
            false,
            "Moderator notes on this page: 3 · Go to the first",
            "#moderator-note-1",
            true
        ]),
        "the count, and a link to the first note"
    );
    assert_eq!(
        browser.eval(TOC),
        json!([
            "Agenda",
            "Check-in",
            "Moderator notes",
            "Goals",
            "Close",
            "Before you leave",
            "Moderator notes",
            "Before the next meeting"
        ]),
        "each note is listed after the part it is about"
    );
    let targets = browser.eval(
        "return [...document.querySelectorAll('.page-toc .toc-note a')]
           .map(a => document.querySelector(a.getAttribute('href')).tagName);",
    );
    assert_eq!(targets, json!(["DETAILS", "DETAILS", "DETAILS"]));

    // Remembered across a reload; off again, the list and the count go.
    browser.eval("location.reload(); return true;");
    assert!(browser.wait_for(&format!(
        "document.readyState === 'complete' && {TOGGLE}.getAttribute('aria-pressed') === 'true'"
    )));
    assert_eq!(browser.eval(TOC).as_array().map(Vec::len), Some(8));
    browser.eval(&format!("{TOGGLE}.click(); return true;"));
    assert_eq!(
        browser.eval(TOC),
        json!([
            "Agenda",
            "Check-in",
            "Goals",
            "Close",
            "Before the next meeting"
        ])
    );
    assert_eq!(
        browser.eval("return document.querySelector('.moderator-summary').hidden;"),
        json!(true)
    );
}

#[test]
fn week_and_meeting_pages_have_no_axe_violations_with_the_moderator_view_on() {
    skip_unless!(Tool::Chromium, Tool::Axe);
    let axe_js = axe_js().expect("axe-core is here");
    let out = bundled_site(&[]);
    let browser = Browser::start();
    let mut found = Vec::new();
    for page in [
        "weeks/01-getting-started/index.html",
        "de/weeks/05-deepening-relationships/index.html",
        "weeks/01-getting-started/meeting/index.html",
        "es/weeks/02-your-network/meeting/index.html",
    ] {
        browser.open_file(&out.join(page));
        assert!(browser.wait_for("document.readyState === 'complete'"));
        browser.eval(
            "var t = document.querySelector('[data-moderator-toggle]');
             if (t && t.getAttribute('aria-pressed') !== 'true') t.click();
             return true;",
        );
        for theme in ["light", "dark"] {
            browser.eval(&format!(
                "document.documentElement.setAttribute('data-theme', '{theme}'); return true;"
            ));
            for v in axe(&browser, &axe_js, "{resultTypes: ['violations']}") {
                found.push(format!("{page} ({theme}): {v}"));
            }
        }
    }
    assert!(found.is_empty(), "axe violations:\n{}", found.join("\n"));
}
