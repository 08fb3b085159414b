//! `serve` patches an open page in place after a Markdown edit, keeping what the reader
//! did (scroll, focus and caret, open notes, typed answers), and still reloads it after a
//! template edit: in Debian's headless Chromium, and on the event stream itself.

use std::path::Path;

use serde_json::{Value, json};

use crate::browser::Browser;
use crate::dev_server::{DevServer, edit};
use crate::support::{TestSite, Tool, read, skip_unless};

const WEEK: &str = "content/en/weeks/01-arriving.md";

/// The reader's side of the page, as JSON: what a patch must keep.
const STATE: &str = "var t = document.getElementById('worksheet-1-f1');
return {
  marker: window.__marker === 1,
  y: Math.round(window.scrollY),
  open: document.querySelector('details.moderator').open,
  value: t.value,
  focused: document.activeElement === t,
  caret: [t.selectionStart, t.selectionEnd],
  saved: localStorage.getItem('circlekit:/weeks/01-arriving/#worksheet-1/worksheet-1-f1'),
  actions: !document.querySelector('.ws-actions').hidden,
  summaries: document.querySelectorAll('.moderator-summary').length
};";

/// Opens the week and does what a reader does: opens the moderator note, scrolls down to
/// the worksheet, types an answer and puts the caret inside it. Returns the page's state.
fn read_and_fill_in(browser: &Browser, server: &DevServer) -> Value {
    browser.goto(&format!("{}/weeks/01-arriving/", server.base));
    assert!(browser.wait_for(
        "document.readyState === 'complete' && document.querySelector('.moderator-summary')"
    ));
    browser.eval(
        "window.__marker = 1;
         document.querySelector('details.moderator').open = true;
         var t = document.getElementById('worksheet-1-f1');
         t.scrollIntoView();
         t.focus();
         return true;",
    );
    browser.send_keys("Learn to knit");
    browser.eval("document.getElementById('worksheet-1-f1').setSelectionRange(6, 8); return true;");
    browser.eval(STATE)
}

#[test]
fn a_week_edit_patches_the_open_page_in_place() {
    skip_unless!(Tool::Chromium);
    let site = TestSite::new("live_patch");
    let server = DevServer::start(&site.root, &[]);
    let browser = Browser::start();
    let before = read_and_fill_in(&browser, &server);
    assert!(before["y"].as_i64().is_some_and(|y| y > 0), "{before}");
    assert_eq!(
        (&before["value"], &before["saved"], &before["focused"]),
        (
            &json!("Learn to knit"),
            &json!("Learn to knit"),
            &json!(true)
        ),
        "{before}"
    );

    edit(
        &site,
        WEEK,
        "Thank everyone.",
        "Thank everyone, and name one thing you learned.",
    );
    assert!(
        browser.wait_for(
            "document.querySelector('main').innerText.includes('name one thing you learned')"
        ),
        "the edit did not show:\n{}",
        server.output()
    );
    assert_eq!(
        browser.eval(STATE),
        before,
        "the page was not patched in place"
    );

    // A title changes the page's <title> and heading; a new paragraph above the worksheet
    // moves it down, but the reader's place, note and answer stay.
    let text = read(&site.path(WEEK))
        .replace("title: Arriving", "title: Arriving together")
        .replace(
            "Write down one goal.",
            "Write down one goal.\n\nKeep it short.",
        );
    site.write(WEEK, text);
    assert!(
        browser.wait_for(
            "document.title.startsWith('Week 1: Arriving together') && document.body.innerText.includes('Keep it short.')"
        ),
        "the second edit did not show: {}\n{}",
        browser.eval("return document.title;"),
        server.output()
    );
    assert_eq!(
        browser.eval("return document.querySelector('h1').textContent;"),
        json!("Arriving together")
    );
    assert_eq!(
        browser.eval(STATE),
        before,
        "the second patch lost something"
    );

    // The page's scripts still work on the patched page: typing on is saved, and the
    // moderator view closes the note.
    browser.send_keys(" and purl");
    browser.eval("document.querySelector('[data-moderator-toggle]').click(); document.querySelector('[data-moderator-toggle]').click(); return true;");
    let after = browser.eval(STATE);
    assert_eq!(after["saved"], json!("Learn  and purl knit"), "{after}");
    assert_eq!(after["open"], json!(false), "{after}");
}

#[test]
fn a_template_edit_still_reloads_the_open_page() {
    skip_unless!(Tool::Chromium);
    let site = TestSite::new("live_patch");
    let server = DevServer::start(&site.root, &[]);
    let browser = Browser::start();
    let before = read_and_fill_in(&browser, &server);
    assert_eq!(before["marker"], json!(true));
    site.write("themes/default/templates/base.html", probed_base_template());
    assert!(
        browser.wait_for("document.querySelector('.template-probe')"),
        "the template edit did not show:\n{}",
        server.output()
    );
    let after = browser.eval(STATE);
    assert_eq!(after["marker"], json!(false), "not reloaded: {after}");
    assert_eq!(
        after["value"],
        json!("Learn to knit"),
        "the answer comes back from this browser's storage"
    );
}

/// Compares the page's `<main>` with the one served now, leaving out what the reader and
/// the page's scripts own (open, hidden, pressed; what the moderator view adds) and the
/// sizes of the downloads: PDFs typeset in the background after an edit change the sizes
/// served, and open pages show them when next loaded (as the manual says). Calls back
/// with `"same"` or both versions.
const COMPARE: &str = "var done = arguments[arguments.length - 1];
function plain(main) {
  main.querySelectorAll('[data-added], .download .size').forEach(function (e) { e.remove(); });
  main.querySelectorAll('*').forEach(function (e) {
    ['open', 'hidden', 'aria-pressed', 'aria-expanded'].forEach(function (a) { e.removeAttribute(a); });
    if (/^moderator-note-/.test(e.id)) e.removeAttribute('id');
  });
  return main.outerHTML;
}
fetch(location.href, { cache: 'no-store' }).then(function (r) { return r.text(); }).then(function (t) {
  var served = plain(new DOMParser().parseFromString(t, 'text/html').querySelector('main'));
  var shown = plain(document.querySelector('main').cloneNode(true));
  done(served === shown ? 'same' : [served, shown]);
});";

#[test]
fn after_edits_that_move_add_and_remove_blocks_main_is_what_is_served() {
    skip_unless!(Tool::Chromium);
    let site = TestSite::new("live_patch");
    let server = DevServer::start(&site.root, &[]);
    let browser = Browser::start();
    let before = read_and_fill_in(&browser, &server);
    let text = "document.querySelector('main').textContent";
    let steps: [(&str, &str, &str); 7] = [
        (
            "Say hello.",
            "Say hello.\n\n> [!TIP]\n> Use first names.",
            "Use first names.",
        ),
        (
            "## Check-in",
            "## Arrival and check-in",
            "Arrival and check-in",
        ),
        (
            "Paragraph 3 of",
            "- Paragraph 3, as a list item, of",
            "as a list item",
        ),
        (
            "Write down one goal.",
            "Write down *one* goal, then\n\n1. read it\n2. say it",
            "say it",
        ),
        (
            "- text: Who could help\n  lines: 2\n",
            "- checklist: Ready\n  items: [Pen, Card]\n",
            "Card",
        ),
        (
            "::: moderator Before the meeting",
            "Late arrivals sit by the door.\n\n::: moderator Before the meeting",
            "by the door",
        ),
        ("## Close\n\nThank everyone.\n", "", ""),
    ];
    for (from, to, shows) in steps {
        edit(&site, WEEK, from, to);
        let shown = match shows {
            "" => format!("!{text}.includes('Thank everyone')"),
            _ => format!("{text}.includes({shows:?})"),
        };
        assert!(
            browser.wait_for(&shown),
            "{to:?} did not show:\n{}",
            server.output()
        );
        assert_eq!(browser.eval_async(COMPARE), json!("same"), "after {to:?}");
    }
    let after = browser.eval(STATE);
    for key in ["marker", "open", "value", "focused", "caret", "summaries"] {
        assert_eq!(after[key], before[key], "{key}: {after}");
    }
}

/// How many FAQ questions show, as a JavaScript expression.
const SHOWN: &str =
    "[...document.querySelectorAll('[data-faq-question]')].filter(q => !q.hidden).length";

#[test]
fn the_faq_filter_still_typed_in_applies_to_a_question_an_edit_adds() {
    skip_unless!(Tool::Chromium);
    let site = TestSite::new("live_patch");
    let server = DevServer::start(&site.root, &[]);
    let browser = Browser::start();
    browser.goto(&format!("{}/faq/", server.base));
    assert!(browser.wait_for("!document.querySelector('[data-faq-filter]').hidden"));
    browser.eval(
        "window.__marker = 1; document.getElementById('faq-filter-input').focus(); return true;",
    );
    browser.send_keys("listen");
    assert!(browser.wait_for(&format!("{SHOWN} === 1")));
    edit(
        &site,
        "content/en/faq.md",
        "# Moderating",
        "## May we bring knitting to the check-in?\n\nOf course.\n\n# Moderating",
    );
    assert!(
        browser.wait_for(
            "document.querySelector('main').textContent.includes('May we bring knitting')"
        ),
        "the new question did not show:\n{}",
        server.output()
    );
    assert_eq!(
        browser.eval(&format!(
            "var i = document.getElementById('faq-filter-input');
             return [window.__marker, i.value, document.activeElement === i, {SHOWN}, document.querySelectorAll('[data-faq-question]').length];"
        )),
        json!([1, "listen", true, 1, 4]),
        "the filter, still typed in, applies to the new question too"
    );
}

#[test]
fn an_open_page_whose_source_is_deleted_reloads_to_say_it_is_gone() {
    skip_unless!(Tool::Chromium);
    let site = TestSite::new("live_patch");
    let server = DevServer::start(&site.root, &[]);
    let browser = Browser::start();
    browser.goto(&format!("{}/about/", server.base));
    assert!(browser.wait_for("document.body.innerText.includes('exists to try live patching')"));
    browser.eval("window.__marker = 1; return true;");
    std::fs::remove_file(site.path("content/en/about.md")).expect("delete the page");
    assert!(
        browser.wait_for(
            "window.__marker === undefined && document.querySelector('h1').textContent === 'Page not found'"
        ),
        "the page did not reload to the not-found page:\n{}",
        server.output()
    );
}

/// The built-in base template with a marker in its footer.
fn probed_base_template() -> String {
    let builtin = Path::new(env!("CARGO_MANIFEST_DIR")).join("themes/default/templates/base.html");
    let base = read(&builtin);
    assert!(base.contains("</footer>"));
    base.replace(
        "</footer>",
        "<p class=\"template-probe\">probe</p></footer>",
    )
}

#[test]
fn the_event_stream_says_patch_for_markdown_and_reload_for_a_template() {
    let site = TestSite::new("live_patch");
    let server = DevServer::start(&site.root, &[]);
    let events = server.events();
    edit(&site, WEEK, "Say hello.", "Say your name.");
    // The reload that says the PDFs made in the background are ready (a full one) may
    // come first; the edit's must be a patch (a full reload instead never ends this wait).
    let patch = loop {
        let reload = events.next("reload");
        if reload.ends_with(" patch") {
            break reload;
        }
    };
    site.write("themes/default/templates/base.html", probed_base_template());
    let reload = events.next("reload");
    assert!(
        !reload.contains(' ') && reload != patch.trim_end_matches(" patch"),
        "{reload:?} after {patch:?}"
    );
}
