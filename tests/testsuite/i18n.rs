//! Translations: fallback pages, translation status, UI strings, right-to-left languages and
//! the language switcher.

use std::path::Path;

use crate::browser::Browser;
use crate::dev_server::DevServer;
use crate::support::{TestSite, Tool, attrs, html, read, skip_unless, text_of};

fn site() -> TestSite {
    TestSite::new("translations")
}

#[test]
fn an_untranslated_page_falls_back_with_a_notice_in_the_readers_language() {
    let site = site();
    site.run(&["build"]).code(0);
    let faq = html(&site.path("public/de/faq/index.html"));
    assert_eq!(attrs(&faq, "html", "lang"), ["de"]);
    assert_eq!(
        attrs(&faq, "main", "lang"),
        ["en"],
        "the content is marked as English"
    );
    let notice = text_of(&faq, ".translation-notice");
    assert!(notice.contains("noch nicht übersetzt"), "{notice}");
    assert_eq!(
        attrs(&faq, ".translation-notice a", "href"),
        ["https://example.org/translate"]
    );
    assert!(text_of(&faq, "main").contains("How long is a meeting?"));
    // Its links stay in German: the fallback week lives under de/ too.
    let week = html(&site.path("public/de/weeks/01-arriving/index.html"));
    assert!(text_of(&week, ".translation-notice").contains("noch nicht übersetzt"));
    assert_eq!(attrs(&week, ".prev-next a", "href").len(), 0);
    let home = html(&site.path("public/de/index.html"));
    assert!(
        !text_of(&home, ".translation-notice").contains("noch nicht übersetzt"),
        "the home page is translated (not yet stamped, so it counts as outdated)"
    );
    assert!(
        attrs(&home, "main a", "href")
            .iter()
            .any(|h| h == "weeks/01-arriving/#say-hello"),
        "{:?}",
        attrs(&home, "main a", "href")
    );
}

#[test]
fn an_outdated_translation_says_so_and_links_to_the_original() {
    let site = site();
    site.run(&["build"]).code(0);
    let about = html(&site.path("public/de/about/index.html"));
    let notice = text_of(&about, ".translation-notice");
    assert!(notice.contains("seit der Übersetzung geändert"), "{notice}");
    assert_eq!(
        attrs(&about, ".translation-notice a", "href"),
        ["../../about/"]
    );
    assert!(text_of(&about, "main").contains("Wir treffen uns"));
}

#[test]
fn i18n_status_tells_translated_outdated_and_missing_pages_apart() {
    let site = site();
    site.run(&["i18n", "stamp", "content/de/_index.md"])
        .code(0)
        .stderr_has("stamped content/de/_index.md as translated from content/en/_index.md");
    let stamped = read(&site.path("content/de/_index.md"));
    assert!(stamped.contains("\nsource-rev: "), "{stamped}");
    let run = site.run(&["i18n", "status"]);
    run.code(0);
    assert_eq!(
        run.stdout,
        "ar: 0 translated, 1 outdated, 3 missing (of 4)\n\
         \x20 outdated   _index.md\n\
         \x20 missing    about.md\n\
         \x20 missing    faq.md\n\
         \x20 missing    weeks/01-arriving.md\n\
         de: 1 translated, 1 outdated, 2 missing (of 4)\n\
         \x20 translated _index.md\n\
         \x20 outdated   about.md\n\
         \x20 missing    faq.md\n\
         \x20 missing    weeks/01-arriving.md\n"
    );
    let json = site.run(&["i18n", "status", "--format", "json"]);
    let parsed: serde_json::Value = serde_json::from_str(&json.stdout).expect("JSON");
    assert_eq!(parsed[1]["language"], "de");
    assert_eq!(parsed[1]["translated"], 1);
    assert_eq!(parsed[1]["pages"][1]["status"], "outdated");

    // Editing the source makes the stamped translation outdated again.
    site.write(
        "content/en/_index.md",
        read(&site.path("content/en/_index.md")) + "\nMore.\n",
    );
    let run = site.run(&["i18n", "status"]);
    assert!(
        run.stdout
            .contains("  outdated   _index.md\n  outdated   about.md"),
        "{}",
        run.stdout
    );
}

#[test]
fn a_missing_ui_string_is_a_warning_naming_the_key() {
    // Swahili has no built-in strings: the site's file gives only some of them.
    let site = site();
    let config = site.read("book.toml");
    site.write(
        "book.toml",
        format!("{config}\n[languages.sw]\ntitle = \"Duara\"\n"),
    );
    site.write(
        "content/sw/_index.md",
        "---\ntitle: Nyumbani\n---\n\nKaribu.\n",
    );
    site.write(
        "themes/default/i18n/sw.toml",
        "language_name = \"Kiswahili\"\nhome = \"Nyumbani\"\n",
    );
    site.run(&["check"]).code(0).diagnostic(
        "warning",
        "themes/default/i18n/sw.toml",
        &[
            "the UI string `agenda` is missing for `sw`",
            "help: add `agenda = \"…\"` to themes/default/i18n/sw.toml",
        ],
    );
    site.run(&["check", "--strict"]).code(1);
    // The English text stands in for it.
    site.run(&["build"]).code(0);
    let home = html(&site.path("public/sw/index.html"));
    assert_eq!(text_of(&home, ".skip"), "Skip to content");
    assert!(text_of(&home, ".language-switcher").contains("Kiswahili"));
}

#[test]
fn a_right_to_left_language_gets_dir_rtl() {
    let site = site();
    site.run(&["build"]).code(0);
    let ar = html(&site.path("public/ar/index.html"));
    assert_eq!(attrs(&ar, "html", "dir"), ["rtl"]);
    assert_eq!(attrs(&ar, "html", "lang"), ["ar"]);
    let de = html(&site.path("public/de/index.html"));
    assert_eq!(attrs(&de, "html", "dir"), ["ltr"]);
}

/// Every switcher link and hreflang alternate of every page lands on the same page in the
/// language it names.
#[test]
fn the_language_switcher_lands_on_the_same_page_in_the_other_language() {
    let site = site();
    site.run(&["build"]).code(0);
    let out = site.path("public");
    let mut checked = 0;
    for entry in walkdir::WalkDir::new(&out).into_iter().flatten() {
        let path = entry.path();
        // Printable pages have no navigation at all.
        if path.file_name().is_none_or(|n| n != "index.html")
            || crate::support::is_printable(&out, path)
        {
            continue;
        }
        let doc = html(path);
        let here = path.parent().unwrap_or(Path::new("")).to_path_buf();
        let hrefs = attrs(&doc, ".language-switcher a", "href");
        let langs = attrs(&doc, ".language-switcher a", "hreflang");
        assert_eq!(hrefs.len(), 3, "{}", path.display());
        for (href, lang) in hrefs.iter().zip(&langs) {
            let target = normalize(&here.join(href)).join("index.html");
            assert!(target.is_file(), "{} → {href}", path.display());
            let other = html(&target);
            assert_eq!(
                &attrs(&other, "html", "lang")[0],
                lang,
                "{}",
                target.display()
            );
            let rel = |p: &Path| {
                let r = p
                    .strip_prefix(&out)
                    .unwrap_or(p)
                    .to_string_lossy()
                    .into_owned();
                ["de/", "ar/"].iter().fold(r, |r, pre| {
                    r.strip_prefix(pre).map(str::to_string).unwrap_or(r)
                })
            };
            assert_eq!(rel(&target), rel(path), "same page");
            checked += 1;
        }
        assert_eq!(
            attrs(&doc, "link[rel=alternate]", "hreflang"),
            ["en", "ar", "de"],
            "{}",
            path.display()
        );
    }
    assert!(checked >= 30, "{checked} links checked");
}

fn normalize(p: &Path) -> std::path::PathBuf {
    let mut out = std::path::PathBuf::new();
    for c in p.components() {
        match c {
            std::path::Component::ParentDir => {
                out.pop();
            }
            std::path::Component::CurDir => {}
            c => out.push(c),
        }
    }
    out
}

#[test]
fn clicking_a_language_in_the_browser_opens_the_same_page_in_that_language() {
    skip_unless!(Tool::Chromium);
    let site = site();
    let server = DevServer::start(&site.root, &[]);
    let browser = Browser::start();
    browser.goto(&format!("{}/weeks/01-arriving/", server.base));
    assert!(browser.wait_for("document.documentElement.lang === 'en'"));
    browser
        .eval("document.querySelector('.language-switcher a[hreflang=de]').click(); return true;");
    assert!(
        browser.wait_for(
            "location.pathname === '/de/weeks/01-arriving/' && document.documentElement.lang === 'de'"
        ),
        "landed on the German week page"
    );
    assert_eq!(
        browser.eval(
            "return document.querySelector('.language-switcher [aria-current]').textContent;"
        ),
        serde_json::json!("Deutsch")
    );
}
