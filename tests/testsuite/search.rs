//! Search: the per-language index stays small, and the search box finds words in Chromium
//! with the site opened from disk (`file://`), accents and all, and in languages without spaces.

use std::path::{Path, PathBuf};

use serde_json::Value;

use crate::browser::Browser;
use crate::support::{TestSite, Tool, bundled_site, html_files, skip_unless};

/// Puts `words` into the header's search box and returns the results once there are some:
/// `[{href, where, snippet, marks}]`.
fn search(browser: &Browser, words: &str) -> Vec<Value> {
    browser.eval(&format!(
        "var i = document.querySelector('.site-header [data-search] input');
         i.focus(); i.value = {}; i.dispatchEvent(new Event('input'));",
        Value::from(words)
    ));
    assert!(
        browser.wait_for("document.querySelectorAll('.site-header .search-list a').length > 0"),
        "no results for {words:?}: {}",
        browser.eval("return document.querySelector('.site-header .search-panel').textContent")
    );
    let results = browser.eval(
        "return Array.from(document.querySelectorAll('.site-header .search-list a')).map(function (a) {
           return { href: a.getAttribute('href'), where: a.querySelector('.where').textContent,
                    snippet: a.querySelector('.snippet').textContent,
                    marks: Array.from(a.querySelectorAll('mark')).map(function (m) { return m.textContent; }) };
         });",
    );
    results.as_array().cloned().unwrap_or_default()
}

fn marks(result: &Value) -> Vec<String> {
    result["marks"]
        .as_array()
        .map(|a| {
            a.iter()
                .filter_map(|m| m.as_str().map(String::from))
                .collect()
        })
        .unwrap_or_default()
}

#[test]
fn search_finds_a_known_word_on_a_site_opened_from_disk() {
    skip_unless!(Tool::Chromium);
    let out = bundled_site(&[]);
    let browser = Browser::start();
    browser.open_file(&out.join("index.html"));
    let results = search(&browser, "relationship list");
    assert!(
        results.iter().any(|r| r["href"]
            .as_str()
            .is_some_and(|h| h.starts_with("weeks/02-your-network/index.html#"))
            && r["where"]
                .as_str()
                .is_some_and(|w| w.contains("Your network"))),
        "week 2 is found, named by its page and section: {results:#?}"
    );
    for r in &results {
        let where_and_marks = format!("{} {}", r["where"], marks(r).join(" ")).to_lowercase();
        assert!(
            where_and_marks.contains("relationship") || where_and_marks.contains("list"),
            "each result shows where the words are: {r}"
        );
    }
    assert!(
        results.iter().any(|r| marks(r)
            .iter()
            .any(|m| m.eq_ignore_ascii_case("relationship"))),
        "snippets mark the word: {results:#?}"
    );
    // The keyboard takes the reader there: ↓ to the first result, Enter to open it.
    let first = results[0]["href"].as_str().expect("a link").to_string();
    let path = first.split('#').next().unwrap_or("").to_string();
    browser.send_keys("\u{E015}");
    assert!(browser.wait_for("document.activeElement.closest('.search-list')"));
    browser.send_keys("\u{E007}");
    assert!(
        browser.wait_for(&format!("location.pathname.endsWith('/{path}')")),
        "Enter opens {first}"
    );
}

#[test]
fn search_finds_words_whatever_their_accents() {
    skip_unless!(Tool::Chromium);
    let out = bundled_site(&[]);
    let browser = Browser::start();
    browser.open_file(&out.join("de/index.html"));
    let results = search(&browser, "ubung");
    assert!(
        marks(&results[0]).iter().any(|m| m == "Übung"),
        "\"ubung\" finds Übung: {results:#?}"
    );
    browser.open_file(&out.join("es/index.html"));
    let results = search(&browser, "REUNION");
    assert!(
        results
            .iter()
            .any(|r| marks(r).iter().any(|m| m.to_lowercase() == "reunión")),
        "\"REUNION\" finds reunión: {results:#?}"
    );
    let results = search(&browser, "reunión");
    assert!(!results.is_empty(), "the accented spelling finds it too");
}

#[test]
fn search_pairs_the_characters_of_languages_without_spaces() {
    skip_unless!(Tool::Chromium);
    let site = TestSite::new("search_pairs_the_characters_of_languages_without_spaces");
    site.run(&["build"]).code(0);
    let index = site.read("public/search-index.js");
    assert!(
        index.contains("互相帮助"),
        "the text is in the index: {index}"
    );
    let browser = Browser::start();
    browser.open_file(&site.path("public/about/index.html"));
    let results = search(&browser, "帮助");
    assert!(
        results[0]["href"]
            .as_str()
            .is_some_and(|h| h.contains("index.html#关于小组") || h.contains("#%E5")),
        "the section of the home page that has the word: {results:#?}"
    );
    assert!(
        marks(&results[0]).iter().any(|m| m.contains("帮助")),
        "{results:#?}"
    );
    // Two characters that never stand side by side in the text find nothing.
    browser.eval(
        "var i = document.querySelector('.site-header [data-search] input');
         i.value = '帮工'; i.dispatchEvent(new Event('input'));",
    );
    assert!(
        browser.wait_for("document.querySelectorAll('.site-header .search-list a').length === 0")
    );
}

/// Bytes of the `.html` files of one language (`prefix` "" is the default language).
fn html_bytes(out: &Path, prefix: &str, others: &[&str]) -> u64 {
    html_files(out)
        .iter()
        .filter(|p| {
            let rel = p
                .strip_prefix(out)
                .unwrap_or(p)
                .to_string_lossy()
                .into_owned();
            if prefix.is_empty() {
                !others.iter().any(|o| rel.starts_with(o))
            } else {
                rel.starts_with(prefix)
            }
        })
        .map(|p| std::fs::metadata(p).map(|m| m.len()).unwrap_or(0))
        .sum()
}

#[test]
fn search_index_of_each_language_stays_under_30_percent_of_its_html() {
    let out = bundled_site(&[]);
    let others = ["de/", "es/"];
    for prefix in ["", "de/", "es/"] {
        let index = std::fs::metadata(out.join(format!("{prefix}search-index.js")))
            .expect("an index per language")
            .len();
        let html = html_bytes(&out, prefix, &others);
        let share = index as f64 / html as f64;
        eprintln!(
            "search index {prefix}search-index.js: {index} bytes, {:.1}% of {html} bytes of HTML",
            share * 100.0
        );
        assert!(
            share < 0.30,
            "{prefix}search-index.js is {index} bytes for {html} bytes of HTML"
        );
    }
}

/// A build with PDFs writes its search index while they are typeset, before the pages that
/// list them are rendered: the index must be the one a build without PDFs writes.
#[test]
fn a_build_with_pdfs_writes_the_search_index_a_build_without_writes() {
    let with = bundled_site(&[]);
    let without = bundled_site(&["--no-pdf"]);
    let indexes: Vec<PathBuf> = walkdir::WalkDir::new(&without)
        .into_iter()
        .filter_map(Result::ok)
        .filter(|e| e.file_name() == "search-index.js")
        .map(|e| {
            e.path()
                .strip_prefix(&without)
                .expect("inside")
                .to_path_buf()
        })
        .collect();
    assert!(indexes.len() >= 3, "one index per language: {indexes:?}");
    for rel in &indexes {
        let a = std::fs::read(with.join(rel)).expect("the index of the build with PDFs");
        let b = std::fs::read(without.join(rel)).expect("the index of the build without");
        assert!(a == b, "{} differs between the two builds", rel.display());
    }
    let week = std::fs::read_to_string(with.join("search-index.js")).expect("the index");
    assert!(
        week.contains("weeks/02-your-network/"),
        "the week pages (which list PDFs) are in it"
    );
}
