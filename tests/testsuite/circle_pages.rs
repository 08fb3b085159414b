//! The circle pages in a real browser: worksheets kept across reloads and cleared, the
//! moderator view toggle, the meeting timer, and the FAQ filter.

use serde_json::json;

use crate::browser::Browser;
use crate::dev_server::DevServer;
use crate::support::{TestSite, Tool, skip_unless};

fn open(path: &str) -> (TestSite, DevServer, Browser) {
    let site = TestSite::new("circle_pages");
    let server = DevServer::start(&site.root, &[]);
    let browser = Browser::start();
    browser.goto(&format!("{}{path}", server.base));
    assert!(browser.wait_for("document.readyState === 'complete'"));
    (site, server, browser)
}

/// Sets a form control's value the way typing does (with an `input` event).
const TYPE: &str = "function type(sel, v) { const el = document.querySelector(sel); el.value = v; \
                    el.dispatchEvent(new Event('input', {bubbles: true})); el.dispatchEvent(new Event('change', {bubbles: true})); }";

#[test]
fn worksheet_answers_survive_a_reload_and_the_clear_button_forgets_them() {
    skip_unless!(Tool::Chromium);
    let (_site, _server, browser) = open("/weeks/01-arriving/");
    assert!(browser.wait_for("!document.querySelector('#goal .ws-actions').hidden"));
    browser.eval(&format!(
        "{TYPE}
         type('textarea[name=goal-f1]', 'Start a mentoring pilot');
         type('input[name=goal-f2-r1-c1]', 'Ruth');
         document.querySelector('#goal-f3-i2').click();
         document.querySelector('#goal-f4-v4').click();
         type('input[name=goal-f5]', '2026-11-26');
         document.querySelector('.before-next input[type=checkbox]').click();
         return true;"
    ));
    browser.eval("location.reload(); return true;");
    assert!(
        browser.wait_for(
            "document.querySelector('textarea[name=goal-f1]').value === 'Start a mentoring pilot'"
        ),
        "the text answer came back after a reload"
    );
    let kept = browser.eval(
        "return [document.querySelector('input[name=goal-f2-r1-c1]').value,
                 document.querySelector('#goal-f3-i1').checked,
                 document.querySelector('#goal-f3-i2').checked,
                 document.querySelector('#goal-f4-v4').checked,
                 document.querySelector('input[name=goal-f5]').value,
                 document.querySelector('.before-next input[type=checkbox]').checked];",
    );
    assert_eq!(kept, json!(["Ruth", false, true, true, "2026-11-26", true]));
    let stored =
        browser.eval("return Object.keys(localStorage).filter(k => k.includes('#goal/')).length;");
    assert!(
        stored.as_u64().unwrap_or(0) >= 4,
        "answers are in localStorage: {stored}"
    );

    browser.eval("document.querySelector('#goal [data-ws-clear]').click(); return true;");
    assert!(browser.wait_for("document.querySelector('textarea[name=goal-f1]').value === ''"));
    browser.eval("location.reload(); return true;");
    assert!(browser.wait_for("document.readyState === 'complete'"));
    let cleared = browser.eval(
        "return [document.querySelector('textarea[name=goal-f1]').value,
                 document.querySelector('#goal-f3-i2').checked,
                 Object.keys(localStorage).filter(k => k.includes('#goal/')).length];",
    );
    assert_eq!(
        cleared,
        json!(["", false, 0]),
        "cleared answers stay cleared"
    );
}

#[test]
fn the_moderator_view_opens_every_note_and_is_remembered() {
    skip_unless!(Tool::Chromium);
    let (_site, _server, browser) = open("/weeks/01-arriving/");
    assert!(browser.wait_for("!document.querySelector('[data-moderator-toggle]').hidden"));
    let closed = browser
        .eval("return [...document.querySelectorAll('details.moderator')].map(d => d.open);");
    assert_eq!(closed, json!([false, false]), "notes start closed");
    browser.eval("document.querySelector('[data-moderator-toggle]').click(); return true;");
    let opened = browser.eval(
        "return [[...document.querySelectorAll('details.moderator')].map(d => d.open),
                 document.querySelector('[data-moderator-toggle]').getAttribute('aria-pressed')];",
    );
    assert_eq!(opened, json!([[true, true], "true"]));
    browser.eval("location.reload(); return true;");
    assert!(
        browser.wait_for("[...document.querySelectorAll('details.moderator')].every(d => d.open)"),
        "the moderator view is remembered across a reload"
    );
    browser.eval("document.querySelector('[data-moderator-toggle]').click(); return true;");
    assert!(
        browser.wait_for("[...document.querySelectorAll('details.moderator')].every(d => !d.open)")
    );
}

#[test]
fn the_meeting_timer_counts_down_advances_and_cues_the_end_of_an_item() {
    skip_unless!(Tool::Chromium);
    let (_site, _server, browser) = open("/weeks/01-arriving/meeting/");
    assert!(browser.wait_for("!document.querySelector('[data-controls]').hidden"));
    let title = "document.querySelector('[data-current-title]').textContent";
    let remaining = "document.querySelector('[data-remaining]').textContent";
    assert_eq!(browser.eval(&format!("return {title};")), json!("Check-in"));
    assert_eq!(browser.eval(&format!("return {remaining};")), json!("1:00"));

    browser.eval("document.querySelector('[data-action=toggle]').click(); return true;");
    assert!(
        browser.wait_for(&format!("{remaining} === '0:58'")),
        "the countdown runs"
    );
    assert!(browser.wait_for("document.querySelector('[data-elapsed]').textContent !== '0:00'"));

    // Pause: the clock stands still.
    browser.eval("document.querySelector('[data-action=toggle]').click(); return true;");
    let paused = browser.eval(&format!("return {remaining};"));
    std::thread::sleep(std::time::Duration::from_millis(1300));
    assert_eq!(browser.eval(&format!("return {remaining};")), paused);

    // Next with the button, then with the keyboard.
    browser.eval("document.querySelector('[data-action=next]').click(); return true;");
    assert_eq!(
        browser.eval(&format!("return [{title}, {remaining}];")),
        json!(["Exercise: Write it down", "1:00"])
    );
    browser.eval(
        "document.body.dispatchEvent(new KeyboardEvent('keydown', {key: 'ArrowRight', bubbles: true})); return true;",
    );
    assert_eq!(browser.eval(&format!("return {title};")), json!("Close"));
    assert_eq!(
        browser.eval("return document.querySelector('li.current .meeting-title').textContent;"),
        json!("Close")
    );

    // Run past the end of the item: a visual cue, and the clock shows the overtime.
    browser.eval(
        "localStorage.setItem('circlekit:meeting-sound', 'off');
         const real = Date.now; const start = real();
         document.body.dispatchEvent(new KeyboardEvent('keydown', {key: ' ', bubbles: true}));
         Date.now = () => real() + 61000 + (real() - start);
         return true;",
    );
    assert!(
        browser.wait_for("document.querySelector('[data-meeting]').classList.contains('cue')"),
        "a cue at the end of the item"
    );
    assert!(browser.wait_for(&format!("{remaining}.startsWith('−')")));
}

#[test]
fn the_faq_filter_narrows_questions_ignoring_case_and_accents() {
    skip_unless!(Tool::Chromium);
    let (_site, _server, browser) = open("/faq/");
    assert!(browser.wait_for("!document.querySelector('[data-faq-filter]').hidden"));
    let visible = "[...document.querySelectorAll('[data-faq-question]')].filter(q => !q.hidden).map(q => q.querySelector('[id]').id)";
    assert_eq!(
        browser
            .eval(&format!("return {visible};"))
            .as_array()
            .map(Vec::len),
        Some(3)
    );
    browser.eval(&format!(
        "{TYPE} type('#faq-filter-input', 'CAFE'); return true;"
    ));
    assert_eq!(
        browser.eval(&format!("return {visible};")),
        json!(["can-we-meet-in-a-café"])
    );
    assert_eq!(
        browser.eval("return document.querySelector('[data-faq-status]').textContent;"),
        json!("1 question matches")
    );
    assert_eq!(
        browser.eval(
            "return [...document.querySelectorAll('[data-faq-category]')].map(c => c.hidden);"
        ),
        json!([false, true]),
        "a category without matches is hidden"
    );
    browser.eval(&format!(
        "{TYPE} type('#faq-filter-input', 'private circle'); return true;"
    ));
    assert_eq!(
        browser.eval(&format!("return {visible};")),
        json!(["what-stays-in-the-circle"])
    );
    browser.eval(&format!(
        "{TYPE} type('#faq-filter-input', ''); return true;"
    ));
    assert_eq!(
        browser
            .eval(&format!("return {visible};"))
            .as_array()
            .map(Vec::len),
        Some(3)
    );
}
