//! Agenda items tied to the parts of the week they time, and rounds (`{each=…}`) checked
//! against them with the largest circle.

use crate::support::{TestSite, html, select};

const BOOK: &str = "[book]\ntitle = \"Rounds\"\n\n[circle]\nweeks = 1\nmeeting-minutes = 30\ngroup-size = [4, 5]\n";

/// A one-week site whose week guide has `agenda` (YAML list lines) and `body`.
fn site_with_week(agenda: &str, body: &str) -> TestSite {
    let site = TestSite::minimal();
    site.write("book.toml", BOOK);
    site.write(
        "content/en/weeks/01-arriving.md",
        format!("---\nweek: 1\ntitle: Arriving\nagenda:\n{agenda}---\n{body}"),
    );
    site
}

const BEFORE_NEXT: &str = "\n::: before-next\n- [ ] Bring your notes.\n:::\n";

#[test]
fn warns_when_an_agenda_item_matches_no_part_of_the_week() {
    let site = site_with_week(
        "  - title: Check-in\n    minutes: 10\n  - title: Introductions\n    minutes: 20\n",
        &format!(
            "\n## Check-in\n\nSay hello.\n\n## Getting to know each other\n\nTalk.\n{BEFORE_NEXT}"
        ),
    );
    site.run(&["check"])
        .code(0)
        .diagnostic(
            "warning",
            "content/en/weeks/01-arriving.md:7:3",
            &[
                "the agenda item “Introductions” matches no heading or exercise of this week",
                "add `section: <id>`",
                "“Getting to know each other” (`getting-to-know-each-other`)",
            ],
        )
        .stderr_has("0 errors, 1 warning");
}

#[test]
fn an_agenda_item_finds_its_part_by_section_id() {
    let site = site_with_week(
        "  - title: Check-in\n    minutes: 10\n  - title: Introductions\n    minutes: 20\n    section: getting-to-know-each-other\n",
        &format!(
            "\n## Check-in\n\nSay hello.\n\n## Getting to know each other\n\nTalk.\n{BEFORE_NEXT}"
        ),
    );
    site.run(&["check", "--strict"])
        .code(0)
        .stderr_has("0 errors, 0 warnings");

    site.write(
        "content/en/weeks/01-arriving.md",
        format!(
            "---\nweek: 1\ntitle: Arriving\nagenda:\n  - title: Check-in\n    minutes: 10\n  - title: Introductions\n    minutes: 20\n    section: no-such-part\n---\n\n## Check-in\n\nHi.\n{BEFORE_NEXT}"
        ),
    );
    site.run(&["check"]).code(0).diagnostic(
        "warning",
        "content/en/weeks/01-arriving.md:7:3",
        &["names `section: no-such-part`, which is no heading or exercise"],
    );
}

#[test]
fn warns_when_a_round_overruns_its_agenda_item_with_the_largest_circle() {
    let agenda =
        "  - title: Check-in\n    minutes: 6\n  - title: \"Exercise 1: Lists\"\n    minutes: 24\n";
    let exercise = "\n::: exercise Exercise 1: Lists {minutes=24}\n1. Write your list.\n2. Round {each=2m}: read it out.\n3. Round {each=1m}: name one person.\n:::\n";
    // 90 s × 5 = 7 min 30 s in a 6-minute check-in; the exercise's rounds (3 min × 5 = 15
    // min) fit its 24 minutes and must not count against the check-in before it.
    let site = site_with_week(
        agenda,
        &format!(
            "\n## Check-in\n\nRound, about 90 seconds each {{each=90s}}: one good thing.\n{exercise}{BEFORE_NEXT}"
        ),
    );
    site.run(&["check"])
        .code(0)
        .diagnostic(
            "warning",
            "content/en/weeks/01-arriving.md:13:30",
            &[
                "the rounds of “Check-in” take 7 min 30 s with 5 people (1 min 30 s each), more than its 6 minutes",
                "`{each=90s/60s}`",
            ],
        )
        .stderr_has("0 errors, 1 warning");

    // A shorter turn for the largest circle fits.
    site.write(
        "content/en/weeks/01-arriving.md",
        format!(
            "---\nweek: 1\ntitle: Arriving\nagenda:\n{agenda}---\n\n## Check-in\n\nRound {{each=90s/70s}}: one good thing.\n{exercise}{BEFORE_NEXT}"
        ),
    );
    site.run(&["check", "--strict"])
        .code(0)
        .stderr_has("0 errors, 0 warnings");
}

#[test]
fn rejects_a_round_marker_that_is_not_a_time() {
    let site = site_with_week(
        "  - title: Check-in\n    minutes: 30\n",
        &format!("\n## Check-in\n\nRound {{each=ninety}}: one good thing.\n{BEFORE_NEXT}"),
    );
    site.run(&["check"]).code(1).diagnostic(
        "error",
        "content/en/weeks/01-arriving.md:11:7",
        &["`ninety` is not a time per person", "`{each=90s/75s}`"],
    );
}

#[test]
fn round_markers_leave_the_text_and_stay_on_the_web_page_as_data() {
    let site = site_with_week(
        "  - title: Check-in\n    minutes: 30\n",
        &format!(
            "\n## Check-in\n\nRound, 90 seconds each (with five: 75) {{each=90s/75s}}: one good thing.\n\n```\nliteral {{each=5s}}\n```\n{BEFORE_NEXT}"
        ),
    );
    site.run(&["build", "--no-pdf"]).code(0);
    let page = site.read("public/weeks/01-arriving/index.html");
    let doc = html(&site.path("public/weeks/01-arriving/index.html"));
    let rounds = select(&doc, "main span.round");
    assert_eq!(rounds.len(), 1, "one round on the page:\n{page}");
    assert_eq!(rounds[0].value().attr("data-each"), Some("90"));
    assert_eq!(rounds[0].value().attr("data-each-largest"), Some("75"));
    assert!(
        page.contains("(with five: 75)<span class=\"round\" data-each=\"90\" data-each-largest=\"75\"></span>: one good thing"),
        "the marker is replaced where it stood:\n{page}"
    );
    assert!(
        page.contains("literal {each=5s}"),
        "code keeps the marker as written"
    );
    let print = site.read("public/print/weeks/01-arriving/index.html");
    assert!(
        !print.contains("{each=90s/75s}"),
        "print pages drop the marker"
    );
    assert!(
        print.contains("(with five: 75): one good thing"),
        "print keeps the text around it"
    );
    assert!(
        !print.contains("class=\"round\""),
        "print pages need no data"
    );
}
