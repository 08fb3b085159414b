//! Under the meeting timer's countdown: the part of the week the current item times (its
//! steps and moderator notes), and for a round, each person's turn for the people present.

use serde_json::json;

use crate::meeting_phone::{MEETING, click, open, reload};
use crate::support::{TestSite, Tool, attrs, html, skip_unless, text_of};

#[test]
fn the_meeting_page_carries_each_items_part_with_the_weeks_anchors_and_rounds() {
    let site = TestSite::new("meeting_phone");
    site.run(&["build", "--no-pdf"]).code(0);
    let page = html(&site.path(MEETING));
    assert_eq!(
        attrs(&page, "[data-section]", "data-section"),
        ["0", "1", "2"]
    );
    assert_eq!(attrs(&page, "[data-section]", "data-each"), ["60"]);
    assert_eq!(attrs(&page, "[data-section]", "data-each-largest"), ["45"]);
    assert_eq!(
        attrs(&page, "[data-section] h2, [data-section] h3", "id"),
        ["check-in", "exercise-write-it-down", "close"],
        "the parts keep the anchors of the week page"
    );
    assert_eq!(
        text_of(&page, "[data-section=\"0\"] aside.moderator p:last-child"),
        "Go first, and keep your own turn short.",
        "the moderator's note about the item is in its part"
    );
    assert!(
        !text_of(&page, ".meeting-sections").contains("Some words before"),
        "what comes before the first item's part is left out"
    );
    assert_eq!(attrs(&page, "[data-people]", "value"), ["5"]);
}

/// The text of the step list that is visible now.
const VISIBLE_STEPS: &str = "return [...document.querySelectorAll('[data-section]')]
    .filter(s => s.offsetParent !== null).map(s => s.querySelector('li').textContent);";

#[test]
fn the_current_items_steps_show_under_the_countdown() {
    skip_unless!(Tool::Chromium);
    let (_site, browser) = open();
    assert_eq!(
        browser.eval(VISIBLE_STEPS),
        json!(["The moderator welcomes everyone."])
    );
    assert!(
        browser
            .eval("return document.querySelector('[data-section=\"0\"]').textContent;")
            .as_str()
            .is_some_and(|t| t.contains("keep your own turn short")),
        "the moderator's note about the item is there too"
    );
    click(&browser, "next");
    assert_eq!(
        browser.eval(VISIBLE_STEPS),
        json!(["Write your goal in one sentence."])
    );
    click(&browser, "next");
    assert_eq!(
        browser.eval(VISIBLE_STEPS),
        json!(["Thank everyone by name."])
    );
}

#[test]
fn a_round_counts_each_persons_turn_for_the_people_present() {
    skip_unless!(Tool::Chromium);
    let (_site, browser) = open();
    let round = "return [document.querySelector('[data-round]').hidden,
                         document.querySelector('[data-people]').value,
                         document.querySelector('[data-turn]').textContent,
                         document.querySelector('[data-turn-left]').textContent];";
    // With the largest circle (five), each person has 45 seconds.
    assert_eq!(
        browser.eval(round),
        json!([false, "5", "Turn 1 of 5", "0:45"])
    );
    browser.eval(
        "var p = document.querySelector('[data-people]'); p.value = '3';
         p.dispatchEvent(new Event('input', {bubbles: true})); return true;",
    );
    assert_eq!(
        browser.eval(round),
        json!([false, "3", "Turn 1 of 3", "1:00"])
    );

    // Starting the round starts the clock; each person's minute counts down.
    click(&browser, "turn");
    assert_eq!(
        browser.eval(
            "return document.querySelector('[data-action=toggle]').getAttribute('aria-pressed');"
        ),
        json!("true")
    );
    assert!(
        browser.wait_for("document.querySelector('[data-turn-left]').textContent === '0:59'"),
        "the turn counts down"
    );
    click(&browser, "turn");
    assert_eq!(browser.eval(round)[2], json!("Turn 2 of 3"));
    reload(&browser);
    let kept = browser.eval(round);
    assert_eq!(
        [&kept[1], &kept[2]],
        [&json!("3"), &json!("Turn 2 of 3")],
        "the people present and the turn survive a reload"
    );
    click(&browser, "turn");
    click(&browser, "turn");
    assert_eq!(
        browser.eval(
            "return [document.querySelector('[data-turn]').textContent,
                     document.querySelector('[data-action=turn]').hidden];"
        ),
        json!(["Everyone has had a turn.", true])
    );

    // An item without a round shows no turns.
    click(&browser, "next");
    assert_eq!(browser.eval(round)[0], json!(true));
}
