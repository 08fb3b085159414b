//! What a newcomer meets in the browser: a 404 page that works at any address, a site
//! opened from disk that goes from page to page, the FAQ filter's own examples, and the
//! warnings `serve` shows over the pages (in Debian's headless Chromium).

use std::path::Path;

use serde_json::json;

use crate::browser::Browser;
use crate::dev_server::{DevServer, edit};
use crate::support::{
    SUB_PATH, SubPathHost, TestSite, Tool, attrs, bundled_site, html, read, skip_unless, text_of,
};

/// Saves a screenshot to `target/screenshots/NAME.png`, for people to look at.
fn screenshot(browser: &Browser, name: &str) {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("target/screenshots");
    std::fs::create_dir_all(&dir).expect("create target/screenshots");
    browser.screenshot(&dir.join(format!("{name}.png")));
}

#[test]
fn the_404_page_three_folders_deep_under_a_sub_path_is_styled_and_its_links_work() {
    skip_unless!(Tool::Chromium);
    let site = TestSite::new(
        "the_404_page_three_folders_deep_under_a_sub_path_is_styled_and_its_links_work",
    );
    site.run(&["build"]).code(0);
    let out = site.path("public");
    // Without JavaScript, a plain link to the domain's root (right in `serve` and at a
    // domain's root) remains.
    assert_eq!(
        attrs(&html(&out.join("404.html")), "main a", "href")[0],
        "/"
    );

    let host = SubPathHost::start(&out);
    let browser = Browser::start();
    browser.goto(&format!("{}no/such/page/", host.base));
    assert!(browser.wait_for("document.querySelector('h1').textContent === 'Page not found'"));
    assert_eq!(
        browser.eval("return getComputedStyle(document.querySelector('.skip')).position;"),
        json!("absolute"),
        "the theme's style applies"
    );
    let home = &host.base;
    assert!(
        browser.wait_for(&format!(
            "document.querySelector('main a').href === '{home}' && [...document.querySelectorAll('.main-menu a')].some(a => a.href === '{home}faq/')"
        )),
        "links lead into the site: {}",
        browser.eval("return [...document.querySelectorAll('a')].map(a => a.href).join(' ');")
    );
    assert_eq!(
        browser.eval("return document.querySelector('main [data-search]').dataset.index;"),
        json!(format!("{SUB_PATH}search-index.js")),
        "the search box finds its index"
    );
    assert!(
        browser.wait_for(&format!(
            "[...document.scripts].some(s => s.src === '{home}theme/site.js')"
        )),
        "the theme's script loads from the site's root"
    );
    screenshot(&browser, "404-under-a-sub-path");
    browser.eval("document.querySelector('main a').click(); return true;");
    assert!(browser.wait_for("document.body.innerText.includes('A small circle program.')"));
}

#[test]
fn a_site_opened_from_disk_goes_from_page_to_page_through_menu_and_body_links() {
    skip_unless!(Tool::Chromium);
    let site =
        TestSite::new("a_site_opened_from_disk_goes_from_page_to_page_through_menu_and_body_links");
    site.run(&["build"]).code(0);
    let browser = Browser::start();
    browser.open_file(&site.path("public/index.html"));
    assert!(browser.wait_for("document.body.innerText.includes('A small circle program.')"));
    // A link in the page's text.
    browser.eval("document.querySelector('main a[href*=\"01-arriving\"]').click(); return true;");
    assert!(
        browser.wait_for(
            "location.href.endsWith('/weeks/01-arriving/index.html') && document.body.innerText.includes('Say hello.')"
        ),
        "the body link opens the week: {}",
        browser.eval("return location.href;")
    );
    // A link of the menu, from a page one folder further down.
    browser.eval("document.querySelector('.main-menu a[href*=\"faq\"]').click(); return true;");
    assert!(
        browser.wait_for(
            "location.href.endsWith('/faq/index.html') && document.body.innerText.includes('Anyone in the circle.')"
        ),
        "the menu link opens the FAQ: {}",
        browser.eval("return location.href;")
    );
    browser.eval("document.querySelector('.brand').click(); return true;");
    assert!(browser.wait_for(
        "location.href.endsWith('/public/index.html') && document.body.innerText.includes('A small circle program.')"
    ));
}

/// The examples in a filter placeholder such as "e.g. moderator, privacy": the last word
/// of each comma-separated part.
fn examples(placeholder: &str) -> Vec<String> {
    placeholder
        .split(',')
        .filter_map(|part| part.split_whitespace().last())
        .map(str::to_string)
        .collect()
}

#[test]
fn every_example_in_the_faq_filters_placeholder_finds_questions_in_every_language() {
    skip_unless!(Tool::Chromium);
    let out = bundled_site(&[]);
    let i18n = Path::new(env!("CARGO_MANIFEST_DIR")).join("themes/default/i18n");
    let browser = Browser::start();
    for (lang, prefix) in [("en", ""), ("de", "de/"), ("es", "es/")] {
        let strings: toml::Table =
            toml::from_str(&read(&i18n.join(format!("{lang}.toml")))).expect("UI strings");
        let placeholder = strings["filter_placeholder"]
            .as_str()
            .expect("a placeholder");
        let words = examples(placeholder);
        assert!(words.len() >= 2, "{lang}: {placeholder:?}");
        browser.open_file(&out.join(format!("{prefix}faq/index.html")));
        for word in words {
            browser.eval(
                "var i = document.getElementById('faq-filter-input'); i.value = ''; i.dispatchEvent(new Event('input')); i.focus(); return true;",
            );
            browser.send_keys(&word);
            let shown = browser.eval(
                "return [...document.querySelectorAll('[data-faq-question]')].filter(q => q.checkVisibility()).length;",
            );
            assert!(
                shown.as_u64().is_some_and(|n| n >= 1),
                "{lang}: {word:?} (from {placeholder:?}) finds no question"
            );
            // The contents list shows a category's heading exactly when the category shows.
            let wrong = browser.eval(
                "return [...document.querySelectorAll('[data-faq-category]')].filter(c => { var id = c.querySelector('[id]').id; var h = document.querySelector('.toc a[href=\"#' + id + '\"]').parentNode; return h.checkVisibility() !== c.checkVisibility(); }).map(c => c.querySelector('[id]').id);",
            );
            assert_eq!(
                wrong,
                json!([]),
                "{lang}: {word:?}: headings in the contents"
            );
        }
    }
}

#[test]
fn a_week_whose_agenda_does_not_add_up_says_so_on_its_page() {
    let site = TestSite::new("a_week_whose_agenda_does_not_add_up_says_so_on_its_page");
    site.run(&["build"]).code(0);
    let week = html(&site.path("public/weeks/01-arriving/index.html"));
    assert_eq!(
        text_of(&week, "#agenda-heading"),
        "Agenda · 50 of 45 minutes"
    );
}

/// Whether the page shows the overlay, as a JavaScript expression.
const OVERLAY: &str = "document.getElementById('circlekit-overlay')";

#[test]
fn the_overlay_shows_warnings_until_dismissed_and_again_when_they_change() {
    skip_unless!(Tool::Chromium);
    let site =
        TestSite::new("the_overlay_shows_warnings_until_dismissed_and_again_when_they_change");
    let server = DevServer::start(&site.root, &[]);
    let browser = Browser::start();
    browser.goto(&format!("{}/weeks/01-arriving/", server.base));
    assert!(
        browser.wait_for(&format!(
            "{OVERLAY}.innerText.includes('the agenda adds up to 50 minutes')"
        )),
        "the warning shows: {}",
        server.output()
    );
    screenshot(&browser, "serve-warnings");
    browser.eval(&format!(
        "{OVERLAY}.querySelector('button').click(); return true;"
    ));
    assert!(browser.wait_for(&format!("!{OVERLAY}")));
    // It stays hidden after a reload, and on other pages.
    browser.eval("window.before = 1; location.reload(); return true;");
    assert!(browser.wait_for(
        "window.before === undefined && document.readyState === 'complete' && document.getElementById('circlekit-livereload')"
    ));
    assert_eq!(browser.eval(&format!("return !!{OVERLAY};")), json!(false));
    browser.goto(&format!("{}/", server.base));
    assert!(browser.wait_for("document.getElementById('circlekit-livereload')"));
    assert_eq!(browser.eval(&format!("return !!{OVERLAY};")), json!(false));
    // Other warnings show again, on the open page, which reloads by itself.
    edit(
        &site,
        "content/en/weeks/01-arriving.md",
        "minutes: 30",
        "minutes: 35",
    );
    assert!(
        browser.wait_for(&format!(
            "{OVERLAY}.innerText.includes('the agenda adds up to 55 minutes')"
        )),
        "the changed warning shows: {}",
        server.output()
    );
    // Errors keep the overlay open: there is nothing to close it with.
    edit(
        &site,
        "content/en/weeks/01-arriving.md",
        "title: Arriving",
        "titel: Arriving",
    );
    assert!(browser.wait_for(&format!("{OVERLAY}.getAttribute('role') === 'alert'")));
    assert_eq!(
        browser.eval(&format!(
            "return {OVERLAY}.querySelectorAll('button').length;"
        )),
        json!(0)
    );
    screenshot(&browser, "serve-errors");
}
