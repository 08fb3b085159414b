//! Finding one's way: "On this page" lists exercises and worksheets, agenda rows link to
//! the parts they time, each week links the weeks before and after at its top and bottom,
//! the menu marks where the reader is, the home page's first phone screen says what a
//! circle is and how to start one, and the kits page shows each kit as a card.

use std::collections::BTreeSet;
use std::path::Path;

use crate::browser::Browser;
use crate::support::{
    TestSite, Tool, attrs, bundled_site, html, html_files, select, skip_unless, text_of,
};

/// The texts of the elements matching `css`, whitespace collapsed.
fn texts(doc: &scraper::Html, css: &str) -> Vec<String> {
    select(doc, css)
        .into_iter()
        .map(|e| e.text().collect::<Vec<_>>().join(" "))
        .map(|t| t.split_whitespace().collect::<Vec<_>>().join(" "))
        .collect()
}

fn built() -> TestSite {
    let site = TestSite::new("wayfinding");
    site.run(&["build", "--no-pdf"]).code(0);
    site
}

#[test]
fn on_this_page_lists_sections_exercises_and_worksheets_in_order() {
    let site = built();
    let week = html(&site.path("public/weeks/02-week/index.html"));
    assert_eq!(
        texts(&week, ".page-toc li"),
        [
            "Agenda",
            "Check-in",
            "Exercise: Map your people",
            "Worksheet",
            "Together",
            "Worksheet",
            "Before the next meeting"
        ]
    );
    assert_eq!(
        attrs(&week, ".page-toc li a", "href"),
        [
            "#agenda-heading",
            "#check-in",
            "#exercise-map-your-people",
            "#worksheet-1",
            "#together",
            "#promise",
            "#before-the-next-meeting"
        ]
    );
    assert_eq!(
        attrs(&week, ".page-toc li[class]", "class"),
        ["toc-exercise", "toc-worksheet", "toc-worksheet"]
    );
    // Every entry leads to an element of the page.
    for href in attrs(&week, ".page-toc a", "href") {
        let id = href.trim_start_matches('#');
        assert_eq!(select(&week, &format!("[id=\"{id}\"]")).len(), 1, "{href}");
    }
}

#[test]
fn agenda_rows_link_to_their_parts_by_title_or_section_key() {
    let site = built();
    let week = html(&site.path("public/weeks/02-week/index.html"));
    assert_eq!(
        attrs(&week, ".agenda tbody a", "href"),
        ["#check-in", "#exercise-map-your-people", "#together"]
    );
    // An item that matches nothing stays plain text.
    assert_eq!(
        texts(&week, ".agenda tbody td:nth-child(2)")[3],
        "Something not on the page"
    );
}

/// The ids of a page.
fn ids(doc: &scraper::Html) -> BTreeSet<String> {
    attrs(doc, "[id]", "id").into_iter().collect()
}

#[test]
fn every_agenda_link_of_the_bundled_program_leads_to_its_part() {
    let out = bundled_site(&[]);
    let mut links = 0;
    for page in html_files(&out) {
        let rel = page
            .strip_prefix(&out)
            .unwrap_or(&page)
            .display()
            .to_string();
        if !rel.contains("weeks/") || rel.contains("meeting") {
            continue;
        }
        let doc = html(&page);
        let present = ids(&doc);
        for href in attrs(&doc, ".agenda a", "href") {
            let id = href
                .strip_prefix('#')
                .unwrap_or_else(|| panic!("{rel}: {href}"));
            assert!(
                present.contains(id),
                "{rel}: the agenda links to #{id}, which is not on the page"
            );
            links += 1;
        }
    }
    // 3 languages × 12 weeks, most items tied to their parts.
    assert!(links > 150, "only {links} agenda links");
}

#[test]
fn each_week_links_the_weeks_before_and_after_at_top_and_bottom() {
    let site = built();
    let cases = [
        ("01-week", None, Some("../../weeks/02-week/")),
        (
            "02-week",
            Some("../../weeks/01-week/"),
            Some("../../weeks/03-week/"),
        ),
        ("03-week", Some("../../weeks/02-week/"), None),
    ];
    for (week, prev, next) in cases {
        let doc = html(&site.path(&format!("public/weeks/{week}/index.html")));
        for place in [".week-steps", ".prev-next"] {
            let found = |rel: &str| attrs(&doc, &format!("{place} a[rel={rel}]"), "href");
            assert_eq!(
                found("prev"),
                prev.into_iter().collect::<Vec<_>>(),
                "{week} {place}"
            );
            assert_eq!(
                found("next"),
                next.into_iter().collect::<Vec<_>>(),
                "{week} {place}"
            );
        }
    }
    let middle = html(&site.path("public/weeks/02-week/index.html"));
    assert_eq!(text_of(&middle, ".week-steps a[rel=prev]"), "← Week 1");
    assert_eq!(text_of(&middle, ".week-steps a[rel=next]"), "Week 3 →");
}

#[test]
fn the_menu_marks_the_current_page_and_the_section_a_page_belongs_to() {
    let site = built();
    let current = |rel: &str| {
        let doc = html(&site.path(rel));
        let marked: Vec<(String, String)> = select(&doc, ".main-menu a[aria-current]")
            .into_iter()
            .map(|a| {
                let text = a.text().collect::<String>();
                (
                    text,
                    a.value().attr("aria-current").unwrap_or("").to_string(),
                )
            })
            .collect();
        marked
    };
    let one = |text: &str, value: &str| vec![(text.to_string(), value.to_string())];
    assert_eq!(current("public/faq/index.html"), one("FAQ", "page"));
    assert_eq!(current("public/weeks/index.html"), one("Program", "page"));
    assert_eq!(
        current("public/weeks/02-week/index.html"),
        one("Program", "true")
    );
    assert_eq!(
        current("public/kits/plan/index.html"),
        one("Circle Kit", "true")
    );
    assert_eq!(current("public/index.html"), vec![]);
}

#[test]
fn the_kits_page_shows_each_kit_as_a_card() {
    let site = built();
    let kits = html(&site.path("public/kits/index.html"));
    assert_eq!(texts(&kits, ".kit-card h2"), ["Plan"]);
    assert_eq!(texts(&kits, ".kit-card p"), ["Plan the twelve dates."]);
    assert_eq!(attrs(&kits, ".kit-card h2 a", "href"), ["../kits/plan/"]);
}

#[test]
fn the_first_phone_screen_of_the_home_page_says_what_a_circle_is_and_how_to_start() {
    skip_unless!(Tool::Chromium);
    let out = bundled_site(&[]);
    let browser = Browser::start();
    browser.resize(390, 844);
    browser.open_file(&out.join("index.html"));
    assert!(browser.wait_for(
        "document.readyState === 'complete' && window.innerWidth === 390 && document.querySelector('.lead .button').offsetHeight > 0"
    ));
    // The window's inner height (less than 844 px, the browser's frame taking some) is
    // what the reader sees first.
    let fits = browser.eval(
        "var lead = document.querySelector('p.lead'), start = document.querySelector('.lead .button');
         var h = window.innerHeight;
         return [lead.textContent, start.textContent, start.getBoundingClientRect().bottom <= h,
                 lead.getBoundingClientRect().top >= 0, start.href, h, window.innerWidth,
                 start.getBoundingClientRect().bottom, document.querySelector('.site-header').offsetHeight];",
    );
    assert!(
        fits[0].as_str().unwrap_or("").contains("circles that meet"),
        "{fits}"
    );
    assert_eq!(fits[1], "Start a circle");
    assert_eq!(
        fits[2], true,
        "the start button is below the first screen: {fits}"
    );
    assert_eq!(fits[3], true);
    // Opened from disk, links name the folder's index.html.
    let href = fits[4].as_str().unwrap_or("");
    assert!(href.contains("/weeks/01-getting-started/"), "{href}");
    let week_one = Path::new(
        href.trim_start_matches("file://")
            .trim_end_matches("index.html"),
    );
    assert!(
        week_one.join("index.html").is_file(),
        "{href} leads to week 1"
    );
    eprintln!("home at 390×844: {fits}");
}
