//! The meeting timer on a phone, in a real browser: its state survives a reload, the screen
//! stays awake while it runs, sound has a visible switch, and the controls fit one row at
//! 390 px.

use serde_json::{Value, json};

use crate::browser::Browser;
use crate::support::{TestSite, Tool, bundled_site, skip_unless};

pub(crate) const MEETING: &str = "public/weeks/01-arriving/meeting/index.html";
const REMAINING: &str = "document.querySelector('[data-remaining]').textContent";

/// The fixture site built, and a browser on its meeting page with the timer ready.
pub(crate) fn open() -> (TestSite, Browser) {
    let site = TestSite::new("meeting_phone");
    site.run(&["build", "--no-pdf"]).code(0);
    let browser = Browser::start();
    browser.open_file(&site.path(MEETING));
    ready(&browser);
    (site, browser)
}

/// Waits until the timer's script has run.
pub(crate) fn ready(browser: &Browser) {
    assert!(
        browser.wait_for(
            "document.readyState === 'complete' && window.circlekitMeeting && !document.querySelector('[data-controls]').hidden"
        ),
        "the timer is ready"
    );
}

/// Clicks the timer's button for `action` (toggle, next, prev, sound, turn, reset).
pub(crate) fn click(browser: &Browser, action: &str) {
    browser.eval(&format!(
        "document.querySelector('[data-action={action}]').click(); return true;"
    ));
}

/// Reloads the page and waits for the timer.
pub(crate) fn reload(browser: &Browser) {
    browser.eval("location.reload(); return true;");
    ready(browser);
}

/// The remaining time of the item (ms) and the clock (ms since 1970), read together.
fn remaining_at(browser: &Browser) -> (f64, f64) {
    let v = browser.eval("return [window.circlekitMeeting.remaining(), Date.now()];");
    (
        v[0].as_f64().unwrap_or(f64::NAN),
        v[1].as_f64().unwrap_or(f64::NAN),
    )
}

#[test]
fn a_running_timer_survives_a_reload_with_the_right_time_left() {
    skip_unless!(Tool::Chromium);
    let (_site, browser) = open();
    click(&browser, "next");
    click(&browser, "toggle");
    assert!(
        browser.wait_for("window.circlekitMeeting.remaining() <= 15 * 60000 - 2000"),
        "the countdown runs"
    );
    let (left, then) = remaining_at(&browser);
    reload(&browser);
    let (after, now) = remaining_at(&browser);
    let expected = left - (now - then);
    assert!(
        (after - expected).abs() <= 1000.0,
        "after a reload {after} ms are left, expected {expected} ms"
    );
    let shown = browser.eval(&format!(
        "return [document.querySelector('[data-current-title]').textContent,
                 document.querySelector('[data-action=toggle]').getAttribute('aria-pressed'),
                 {REMAINING}];"
    ));
    assert_eq!(shown[0], json!("Exercise: Write it down"), "the same item");
    assert_eq!(shown[1], json!("true"), "still running");
    assert!(
        shown[2].as_str().is_some_and(|t| t.starts_with("14:5")),
        "the clock shows the time left: {shown}"
    );

    // Paused, the time left stays what it was, reload or not.
    click(&browser, "toggle");
    let (paused, _) = remaining_at(&browser);
    reload(&browser);
    let (kept, _) = remaining_at(&browser);
    assert_eq!(
        kept, paused,
        "a paused timer keeps its time across a reload"
    );
    assert_eq!(
        browser.eval(
            "return document.querySelector('[data-action=toggle]').getAttribute('aria-pressed');"
        ),
        json!("false")
    );
}

/// A stand-in for the Screen Wake Lock API and the page's visibility, which headless
/// Chromium does not give: it records each request and release.
const WAKE_LOCK_STUB: &str = "
    window.lockCalls = []; window.lockReleases = 0;
    Object.defineProperty(navigator, 'wakeLock', { configurable: true, value: {
      request: function (type) {
        window.lockCalls.push(type);
        var sentinel = new EventTarget();
        sentinel.release = function () {
          window.lockReleases++;
          sentinel.dispatchEvent(new Event('release'));
          return Promise.resolve();
        };
        return Promise.resolve(sentinel);
      } } });
    var hidden = false;
    Object.defineProperty(document, 'visibilityState', { configurable: true,
      get: function () { return hidden ? 'hidden' : 'visible'; } });
    window.setHidden = function (h) { hidden = h; document.dispatchEvent(new Event('visibilitychange')); };";

#[test]
fn the_screen_stays_awake_while_the_timer_runs_and_again_when_the_page_comes_back() {
    skip_unless!(Tool::Chromium);
    let (_site, browser) = open();
    browser.cdp(
        "Page.addScriptToEvaluateOnNewDocument",
        json!({ "source": WAKE_LOCK_STUB }),
    );
    reload(&browser);
    assert_eq!(browser.eval("return window.lockCalls;"), json!([]));
    click(&browser, "toggle");
    assert!(
        browser.wait_for("window.lockCalls.length === 1"),
        "a wake lock is asked for when the timer starts"
    );
    assert_eq!(browser.eval("return window.lockCalls;"), json!(["screen"]));

    // The browser lets the lock go while the page is hidden; back in view, it is asked again.
    browser.eval("window.setHidden(true); return true;");
    assert_eq!(browser.eval("return window.lockCalls.length;"), json!(1));
    browser.eval("window.setHidden(false); return true;");
    assert!(
        browser.wait_for("window.lockCalls.length === 2"),
        "the lock is asked for again when the page is visible again"
    );

    // A reload of a running timer (a discarded tab coming back) asks again.
    reload(&browser);
    assert!(
        browser.wait_for("window.lockCalls.length === 1"),
        "the lock is asked for again after a reload"
    );

    // Paused: the lock is released, and coming back into view asks for nothing.
    click(&browser, "toggle");
    assert!(
        browser.wait_for("window.lockReleases === 1"),
        "pausing releases the lock"
    );
    browser.eval("window.setHidden(true); window.setHidden(false); return true;");
    assert!(browser.wait_for("document.visibilityState === 'visible'"));
    assert_eq!(browser.eval("return window.lockCalls.length;"), json!(1));
}

#[test]
fn the_sound_button_shows_its_state_and_keeps_it_across_a_reload() {
    skip_unless!(Tool::Chromium);
    let (_site, browser) = open();
    let pressed =
        "return document.querySelector('[data-action=sound]').getAttribute('aria-pressed');";
    assert_eq!(browser.eval(pressed), json!("true"), "sound is on at first");
    assert_eq!(
        browser.eval("return document.querySelector('[data-action=sound]').textContent;"),
        json!("Sound"),
        "the button has a name"
    );
    click(&browser, "sound");
    assert_eq!(browser.eval(pressed), json!("false"));
    reload(&browser);
    assert_eq!(
        browser.eval(pressed),
        json!("false"),
        "still off after a reload"
    );
    click(&browser, "sound");
    assert_eq!(browser.eval(pressed), json!("true"));
    reload(&browser);
    assert_eq!(browser.eval(pressed), json!("true"));
}

/// Tops and heights of the three controls, the sound button's size, the header's height,
/// how far the page overflows the screen, and how many controls cut their label short.
const LAYOUT: &str = "
    var r = [...document.querySelectorAll('.meeting-controls button')].map(b => b.getBoundingClientRect());
    var sound = document.querySelector('[data-action=sound]').getBoundingClientRect();
    return [r.map(x => Math.round(x.top)), r.map(x => x.height), sound.height, sound.width,
            document.querySelector('.site-header').getBoundingClientRect().height,
            document.documentElement.scrollWidth - document.documentElement.clientWidth,
            [...document.querySelectorAll('.meeting-controls button')].filter(b => b.scrollWidth > b.clientWidth).length];";

#[test]
fn at_390_px_previous_start_and_next_sit_in_one_row_of_touch_sized_buttons() {
    skip_unless!(Tool::Chromium);
    let out = bundled_site(&[]);
    let browser = Browser::start();
    browser.resize(390, 844);
    for page in [
        "weeks/01-getting-started/meeting/index.html",
        "de/weeks/07-asking-and-receiving/meeting/index.html",
        "es/weeks/12-closing-and-what-comes-next/meeting/index.html",
    ] {
        browser.open_file(&out.join(page));
        ready(&browser);
        assert!(
            browser
                .eval("return document.documentElement.clientWidth;")
                .as_u64()
                .is_some_and(|w| w <= 390),
            "the window is a phone's width"
        );
        let v = browser.eval(LAYOUT);
        let tops = v[0].as_array().cloned().unwrap_or_default();
        assert_eq!(tops.len(), 3, "{page}: three controls");
        assert!(
            tops.iter().all(|t| t == &tops[0]),
            "{page}: the controls share one row: {v}"
        );
        let at_least_44 = |x: &Value| x.as_f64().is_some_and(|h| h >= 44.0);
        assert!(
            v[1].as_array().is_some_and(|hs| hs.iter().all(at_least_44)),
            "{page}: controls are at least 44 px high: {v}"
        );
        assert!(
            at_least_44(&v[2]) && at_least_44(&v[3]),
            "{page}: the sound button is at least 44 px: {v}"
        );
        assert!(
            v[4].as_f64().is_some_and(|h| h < 70.0),
            "{page}: the header is compact on a phone: {v}"
        );
        assert_eq!(v[5], json!(0), "{page}: nothing sticks out sideways");
        assert_eq!(v[6], json!(0), "{page}: no label is cut short: {v}");
        // The longest label of the middle button: Resume.
        click(&browser, "toggle");
        click(&browser, "toggle");
        let v = browser.eval(LAYOUT);
        assert_eq!(
            v[6],
            json!(0),
            "{page}: no label is cut short when paused: {v}"
        );
    }
}

#[test]
fn the_keyboard_hint_is_left_out_on_touch_screens() {
    skip_unless!(Tool::Chromium);
    let (_site, browser) = open();
    let hint = "return getComputedStyle(document.querySelector('.meeting-keys')).display;";
    assert_eq!(
        browser.eval(hint),
        json!("block"),
        "without a touch screen, the hint shows"
    );
    browser.cdp(
        "Emulation.setTouchEmulationEnabled",
        json!({"enabled": true, "maxTouchPoints": 5}),
    );
    reload(&browser);
    assert_eq!(
        browser.eval(
            "return [matchMedia('(hover: none)').matches, matchMedia('(pointer: coarse)').matches];"
        ),
        json!([true, true]),
        "the browser is a touch screen now"
    );
    assert_eq!(
        browser.eval(hint),
        json!("none"),
        "on a touch screen it does not"
    );
}

#[test]
fn start_over_sets_a_paused_timer_back_to_the_first_item() {
    skip_unless!(Tool::Chromium);
    let (_site, browser) = open();
    let reset_hidden = "return document.querySelector('[data-action=reset]').hidden;";
    assert_eq!(
        browser.eval(reset_hidden),
        json!(true),
        "nothing to start over"
    );
    click(&browser, "toggle");
    click(&browser, "next");
    assert_eq!(
        browser.eval(reset_hidden),
        json!(true),
        "not while the timer runs"
    );
    click(&browser, "toggle");
    assert_eq!(browser.eval(reset_hidden), json!(false));
    click(&browser, "reset");
    reload(&browser);
    assert_eq!(
        browser.eval(&format!(
            "return [document.querySelector('[data-current-title]').textContent, {REMAINING},
                     document.querySelector('[data-elapsed]').textContent,
                     document.querySelector('[data-action=toggle]').textContent];"
        )),
        json!(["Check-in", "10:00", "0:00", "Start"])
    );
}
