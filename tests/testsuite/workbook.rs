//! "My workbook": a page per language that gathers the worksheet answers and before-next
//! ticks kept in this browser, in the program's order, and exports, clears and imports
//! them (in Debian's headless Chromium, the site served under a sub-path).

use std::path::Path;

use serde_json::{Value, json};

use crate::browser::Browser;
use crate::support::{SUB_PATH, SubPathHost, TestSite, Tool, html, select, skip_unless};

fn built() -> TestSite {
    let site = TestSite::new("workbook");
    site.run(&["build", "--no-pdf"]).code(0);
    site
}

/// The workbook's embedded data.
fn data(site: &TestSite) -> Value {
    let doc = html(&site.path("public/workbook/index.html"));
    let script = select(&doc, "script#workbook-data");
    let text: String = script
        .first()
        .expect("the workbook's data")
        .text()
        .collect();
    serde_json::from_str(&text).expect("JSON")
}

#[test]
fn the_workbook_page_carries_every_worksheet_and_checklist_in_the_programs_order() {
    let site = built();
    let d = data(&site);
    let urls: Vec<&str> = d["pages"]
        .as_array()
        .expect("pages")
        .iter()
        .map(|p| p["u"].as_str().unwrap_or(""))
        .collect();
    // Weeks in order, then kits.
    assert_eq!(
        urls,
        [
            "weeks/01-week/",
            "weeks/02-week/",
            "weeks/03-week/",
            "kits/plan/"
        ]
    );
    let week2 = &d["pages"][1];
    assert_eq!(week2["t"], "Week 2: Week 2 title");
    assert_eq!(
        week2["s"],
        json!([
            {"g": "worksheet-1", "t": "Exercise: Map your people", "f": [["t", "Five names"]]},
            {"g": "promise", "t": "Together", "f": [["t", "What I will do"]]},
            {"g": "before-the-next-meeting", "t": "Before the next meeting", "b": ["Call one person."]}
        ])
    );
    // Linked from the pages with something to fill in.
    let week = html(&site.path("public/weeks/02-week/index.html"));
    let links: Vec<String> = select(&week, "a[href$='workbook/']")
        .into_iter()
        .filter_map(|a| a.value().attr("href").map(str::to_string))
        .collect();
    assert_eq!(links, ["../../workbook/"]);
    let workbook = html(&site.path("public/workbook/index.html"));
    assert_eq!(
        select(&workbook, "script[src$='workbook.js']").len(),
        1,
        "the workbook loads its script"
    );
    let faq = std::fs::read_to_string(site.path("public/faq/index.html")).expect("the FAQ");
    assert!(
        !faq.contains("workbook.js"),
        "only the workbook loads workbook.js"
    );
}

/// Types `text` into the control `css` of the open page, as a reader would.
fn type_into(browser: &Browser, css: &str, text: &str) {
    browser.eval(&format!("document.querySelector({}).focus();", json!(css)));
    browser.send_keys(text);
}

#[test]
fn the_workbook_shows_answers_from_two_pages_and_exports_clears_and_imports_them() {
    skip_unless!(Tool::Chromium);
    let site = built();
    let host = SubPathHost::start(&site.path("public"));
    let browser = Browser::start();
    browser.goto(&format!("{}weeks/02-week/", host.base));
    assert!(browser.wait_for("document.querySelector('.ws-actions:not([hidden])')"));
    type_into(&browser, "#worksheet-1-f1", "Ana, Ben");
    browser.eval("document.querySelector('#before-the-next-meeting-i1').click();");
    browser.goto(&format!("{}kits/plan/", host.base));
    assert!(browser.wait_for("document.querySelector('.ws-actions:not([hidden])')"));
    type_into(&browser, "#first-date-f1", "3 March");

    let workbook = format!("{}workbook/", host.base);
    browser.goto(&workbook);
    let shown = "Array.from(document.querySelectorAll('.wb-page')).map(function (s) { return s.innerText; }).join('\\n---\\n')";
    assert!(browser.wait_for("document.querySelectorAll('.wb-page').length === 2"));
    let text = browser.eval(&format!("return {shown};"));
    let text = text.as_str().unwrap_or("");
    for part in [
        "Week 2: Week 2 title",
        "Exercise: Map your people",
        "Five names",
        "Ana, Ben",
        "☑ Call one person.",
        "Plan",
        "First date",
        "3 March",
    ] {
        assert!(text.contains(part), "the workbook shows {part:?}:\n{text}");
    }
    assert!(
        text.find("Ana, Ben") < text.find("3 March"),
        "weeks before kits:\n{text}"
    );
    // For people to look at.
    let shots = Path::new(env!("CARGO_MANIFEST_DIR")).join("target/screenshots");
    std::fs::create_dir_all(&shots).expect("create target/screenshots");
    browser.screenshot(&shots.join("workbook.png"));

    let exported = browser.eval("return window.circlekitWorkbook.exportJson();");
    let backup: Value = serde_json::from_str(exported.as_str().unwrap_or("")).expect("JSON");
    assert_eq!(backup["format"], "circlekit-workbook");
    assert_eq!(backup["version"], 1);
    let answer = &backup["answers"]["weeks/02-week/#worksheet-1"];
    assert_eq!(answer["values"]["worksheet-1-f1"], "Ana, Ben");
    assert!(answer["saved"].as_f64().unwrap_or(0.0) > 0.0, "{answer}");
    assert_eq!(
        backup["answers"]["weeks/02-week/#before-the-next-meeting"]["values"]["before-the-next-meeting-i1"],
        "1"
    );
    assert_eq!(
        backup["answers"]["kits/plan/#first-date"]["values"]["first-date-f1"],
        "3 March"
    );
    let markdown = browser.eval("return window.circlekitWorkbook.exportMarkdown();");
    let markdown = markdown.as_str().unwrap_or("");
    for part in [
        "## Week 2: Week 2 title",
        "### Exercise: Map your people",
        "**Five names**",
        "Ana, Ben",
        "- [x] Call one person.",
        "## Plan",
    ] {
        assert!(
            markdown.contains(part),
            "the Markdown has {part:?}:\n{markdown}"
        );
    }

    // Clearing asks first: a "no" keeps everything, a "yes" clears.
    browser.eval("window.confirm = function () { return false; }; document.querySelector('[data-wb-clear]').click();");
    assert_eq!(
        browser.eval("return document.querySelectorAll('.wb-page').length;"),
        2
    );
    browser.eval("window.confirm = function () { return true; }; document.querySelector('[data-wb-clear]').click();");
    assert_eq!(
        browser.eval("return document.querySelectorAll('.wb-page').length;"),
        0
    );
    assert_eq!(
        browser.eval("return document.querySelector('[data-wb-empty]').hidden;"),
        false
    );
    let left = browser.eval("return Object.keys(localStorage).filter(function (k) { return k.indexOf('#') > 0; }).length;");
    assert_eq!(left, 0, "nothing is left in the browser");

    browser.goto(&workbook);
    assert!(browser.wait_for("document.querySelector('.wb-actions:not([hidden])')"));
    assert_eq!(
        browser.eval("return document.querySelectorAll('.wb-page').length;"),
        0
    );
    let taken = browser.eval(&format!(
        "return window.circlekitWorkbook.importText({});",
        json!(exported.as_str().unwrap_or(""))
    ));
    assert_eq!(taken, 3);
    assert_eq!(
        browser.eval("return document.querySelectorAll('.wb-page').length;"),
        2
    );
    // The answers are back on their pages too.
    browser.goto(&format!("{}weeks/02-week/", host.base));
    assert!(browser.wait_for("document.querySelector('#worksheet-1-f1').value === 'Ana, Ben'"));
    assert_eq!(
        browser.eval("return document.querySelector('#before-the-next-meeting-i1').checked;"),
        true
    );
}

#[test]
fn on_import_the_newer_answer_wins_and_answers_without_a_time_count_as_oldest() {
    skip_unless!(Tool::Chromium);
    let site = built();
    let host = SubPathHost::start(&site.path("public"));
    let browser = Browser::start();
    browser.goto(&format!("{}workbook/", host.base));
    assert!(browser.wait_for("window.circlekitWorkbook"));
    let key =
        |page: &str, group: &str, name: &str| format!("circlekit:{SUB_PATH}{page}#{group}/{name}");
    let set = |k: String, v: &str| {
        browser.eval(&format!(
            "localStorage.setItem({}, {});",
            json!(k),
            json!(v)
        ))
    };
    // Newer here than in the backup: stays.
    set(
        key("weeks/02-week/", "worksheet-1", "worksheet-1-f1"),
        "mine, newer",
    );
    set(key("weeks/02-week/", "worksheet-1", "@saved"), "2000");
    // Kept before answers had times: the backup's wins.
    set(
        key("weeks/02-week/", "promise", "promise-f1"),
        "mine, from before",
    );
    let backup = json!({
        "format": "circlekit-workbook", "version": 1,
        "answers": {
            "weeks/02-week/#worksheet-1": {"saved": 1000, "values": {"worksheet-1-f1": "theirs, older"}},
            "weeks/02-week/#promise": {"saved": 5, "values": {"promise-f1": "theirs"}},
            "kits/plan/#first-date": {"saved": 7, "values": {"first-date-f1": "theirs only"}}
        }
    });
    let taken = browser.eval(&format!(
        "return window.circlekitWorkbook.importText({});",
        json!(backup.to_string())
    ));
    assert_eq!(taken, 2);
    let get = |k: String| browser.eval(&format!("return localStorage.getItem({});", json!(k)));
    assert_eq!(
        get(key("weeks/02-week/", "worksheet-1", "worksheet-1-f1")),
        "mine, newer"
    );
    assert_eq!(
        get(key("weeks/02-week/", "promise", "promise-f1")),
        "theirs"
    );
    assert_eq!(get(key("weeks/02-week/", "promise", "@saved")), "5");
    assert_eq!(
        get(key("kits/plan/", "first-date", "first-date-f1")),
        "theirs only"
    );
    // A file that is no backup is refused and changes nothing.
    let refused = browser.eval("try { window.circlekitWorkbook.importText('{\"answers\": {}}'); return false; } catch (e) { return true; }");
    assert_eq!(refused, true);
    assert_eq!(
        get(key("kits/plan/", "first-date", "first-date-f1")),
        "theirs only"
    );
}

#[test]
fn a_workbook_opened_from_disk_shows_its_answers_and_passes_axe_in_light_and_dark() {
    skip_unless!(Tool::Chromium, Tool::Axe);
    let axe_js = crate::support::axe_js().expect("axe-core is here");
    let site = built();
    let browser = Browser::start();
    browser.open_file(&site.path("public/weeks/02-week/index.html"));
    assert!(browser.wait_for("document.querySelector('.ws-actions:not([hidden])')"));
    type_into(&browser, "#promise-f1", "Call Ana on Monday");
    browser.open_file(&site.path("public/workbook/index.html"));
    assert!(browser.wait_for("document.querySelectorAll('.wb-page').length === 1"));
    let text = browser.eval("return document.querySelector('.wb-page').innerText;");
    assert!(
        text.as_str().unwrap_or("").contains("Call Ana on Monday"),
        "{text}"
    );
    let mut found = crate::accessibility::axe(&browser, &axe_js, "{resultTypes: ['violations']}");
    browser.eval("document.documentElement.setAttribute('data-theme', 'dark');");
    found.extend(crate::accessibility::axe(
        &browser,
        &axe_js,
        "{runOnly: ['color-contrast']}",
    ));
    assert!(found.is_empty(), "{found:#?}");
}
