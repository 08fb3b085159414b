//! Anchors: GitHub's heading ids in every script, ids that survive translation, raw HTML
//! links resolved like Markdown ones, and a bundled site without a single broken link.

use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

use circlekit::markdown::{github_id, outline};

use crate::browser::Browser;
use crate::dev_server::DevServer;
use crate::support::{
    TestSite, Tool, attrs, bundled_site, fixtures, html, read, select, skip_unless,
};

/// Reads a JSON string cell of the slug table.
fn cell(s: &str) -> String {
    serde_json::from_str(s).unwrap_or_else(|e| panic!("{s:?} is a JSON string: {e}"))
}

#[test]
fn heading_ids_match_githubs_slugger_in_every_script() {
    let table = std::fs::read_to_string(fixtures().join("github_slugs/slugs.tsv"))
        .expect("the slug table (scripts/gen-slug-table.mjs)");
    let mut rows = 0;
    let mut wrong = Vec::new();
    for line in table.lines().filter(|l| !l.starts_with('#')) {
        let (heading, id) = line.split_once('\t').expect("two cells");
        let (heading, id) = (cell(heading), cell(id));
        rows += 1;
        let ours = github_id(&heading);
        if ours != id {
            wrong.push(format!("{heading:?}: GitHub {id:?}, ours {ours:?}"));
        }
    }
    assert!(rows >= 60, "only {rows} headings in the table");
    assert!(
        wrong.is_empty(),
        "ids differ from GitHub's:\n{}",
        wrong.join("\n")
    );
}

#[test]
fn repeated_headings_get_githubs_numbered_ids() {
    let text = std::fs::read_to_string(fixtures().join("github_slugs/repeats.json"))
        .expect("the repeats table");
    let pages: Vec<serde_json::Value> = serde_json::from_str(&text).expect("JSON");
    assert!(pages.len() >= 3);
    for page in pages {
        let headings: Vec<String> =
            serde_json::from_value(page["headings"].clone()).expect("headings");
        let ids: Vec<String> = serde_json::from_value(page["ids"].clone()).expect("ids");
        let body: String = headings
            .iter()
            .map(|h| format!("## {h}\n\ntext\n\n"))
            .collect();
        let ours: Vec<String> = outline(&body).headings.into_iter().map(|h| h.id).collect();
        assert_eq!(ours, ids, "{headings:?}");
    }
}

/// Every `.html` file under `dir`, relative to it with `/` separators, sorted.
fn html_files(dir: &Path) -> Vec<String> {
    let mut out = Vec::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(d) = stack.pop() {
        for entry in std::fs::read_dir(&d).expect("read output folder").flatten() {
            let p = entry.path();
            if p.is_dir() {
                stack.push(p);
            } else if p.extension().is_some_and(|e| e == "html")
                && let Ok(rel) = p.strip_prefix(dir)
            {
                out.push(rel.to_string_lossy().replace('\\', "/"));
            }
        }
    }
    out.sort();
    out
}

/// Decodes `%XX` escapes of a URL.
fn decode(s: &str) -> String {
    let bytes = s.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        let hex = bytes
            .get(i + 1..i + 3)
            .and_then(|h| std::str::from_utf8(h).ok());
        match hex.and_then(|h| u8::from_str_radix(h, 16).ok()) {
            Some(v) if bytes[i] == b'%' => {
                out.push(v);
                i += 3;
            }
            _ => {
                out.push(bytes[i]);
                i += 1;
            }
        }
    }
    String::from_utf8_lossy(&out).into_owned()
}

/// A link of the output resolved against its page: the output file and the fragment, or
/// `None` for other sites and schemes.
fn resolve_href(page: &str, link: &str) -> Option<(String, Option<String>)> {
    let (path, fragment) = match link.split_once('#') {
        Some((p, f)) => (p, Some(decode(f)).filter(|f| !f.is_empty())),
        None => (link, None),
    };
    let path = path.split('?').next().unwrap_or(path);
    let scheme = path.split_once(':').is_some_and(|(s, _)| !s.contains('/'));
    if path.starts_with("//") || scheme {
        return None;
    }
    if path.is_empty() {
        return Some((page.to_string(), fragment));
    }
    let mut parts: Vec<String> = page.split('/').map(str::to_string).collect();
    parts.pop();
    if path.starts_with('/') {
        parts.clear();
    }
    for seg in path.split('/') {
        match seg {
            "" | "." => {}
            ".." => {
                parts.pop();
            }
            s => parts.push(decode(s)),
        }
    }
    if path.ends_with('/') || path.ends_with("/.") || path.ends_with("..") || path == "." {
        parts.push("index.html".into());
    }
    Some((parts.join("/"), fragment))
}

/// Every problem with the links of the output in `out`: links to `.md` files, links to
/// files that do not exist, fragments that no element of the target page has. Also
/// returns how many links were followed.
fn broken_links(out: &Path) -> (Vec<String>, usize) {
    let pages = html_files(out);
    let mut ids: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
    let mut problems = Vec::new();
    let mut followed = 0;
    for page in &pages {
        let doc = html(&out.join(page));
        for el in select(&doc, "[href], [src]") {
            for attr in ["href", "src"] {
                let Some(link) = el.value().attr(attr) else {
                    continue;
                };
                let Some((file, fragment)) = resolve_href(page, link) else {
                    continue;
                };
                followed += 1;
                if file.ends_with(".md") {
                    problems.push(format!("{page}: {attr}={link:?} links to a Markdown file"));
                    continue;
                }
                if !out.join(&file).is_file() {
                    problems.push(format!("{page}: {attr}={link:?}: {file} does not exist"));
                    continue;
                }
                let Some(fragment) = fragment else { continue };
                let known = ids.entry(file.clone()).or_insert_with(|| {
                    let doc = html(&out.join(&file));
                    select(&doc, "[id]")
                        .iter()
                        .filter_map(|e| e.value().attr("id").map(str::to_string))
                        .collect()
                });
                if !known.contains(&fragment) {
                    problems.push(format!("{page}: {attr}={link:?}: no #{fragment} in {file}"));
                }
            }
        }
    }
    (problems, followed)
}

#[test]
fn the_bundled_site_has_no_markdown_or_broken_links_in_any_language() {
    let out = bundled_site(&["--no-pdf"]);
    let (problems, followed) = broken_links(&out);
    assert!(
        problems.is_empty(),
        "{} broken links:\n{}",
        problems.len(),
        problems.join("\n")
    );
    for lang in ["", "de/", "es/"] {
        assert!(
            out.join(lang)
                .join("weeks/04-making-work-visible/index.html")
                .is_file()
        );
    }
    assert!(followed > 1000, "only {followed} links followed");
}

/// The links of a page's paragraphs, without the lists of printable editions.
fn body_links(doc: &scraper::Html) -> Vec<String> {
    attrs(
        doc,
        "main p:not(.translation-notice, .week-steps, .week-actions, .lead) a",
        "href",
    )
    .into_iter()
    .filter(|h| !h.contains("print/"))
    .collect()
}

#[test]
fn translated_pages_answer_to_their_sources_anchors() {
    let site = TestSite::new("translated_pages_answer_to_their_sources_anchors");
    // The Spanish FAQ has one question more than the English one, so `#who-moderates`
    // cannot be matched: a warning at the link, which goes to the top of the page.
    site.run(&["check"]).code(0).diagnostic(
        "warning",
        "content/en/weeks/01-start.md:9:48",
        &[
            "`es`",
            "content/es/faq.md",
            "#who-moderates",
            "top of that page",
        ],
    );
    site.run(&["build", "--no-pdf"]).code(0);
    let out = site.path("public");
    // An untranslated week shown in Spanish links to the exercise of the translated week.
    let fallback = html(&out.join("es/weeks/01-start/index.html"));
    assert_eq!(
        body_links(&fallback),
        [
            "../02-network/#ejercicio-1-tu-lista",
            "../../faq/#closing",
            "../../faq/"
        ]
    );
    // A translator who kept the English anchor reaches the Spanish one; an explicit
    // `{#closing}` in the translation is used as it is.
    let home = html(&out.join("es/index.html"));
    assert_eq!(
        body_links(&home),
        ["weeks/02-network/#ejercicio-1-tu-lista", "faq/#closing"]
    );
    // Within the translated page itself too.
    let week = html(&out.join("es/weeks/02-network/index.html"));
    assert_eq!(body_links(&week), ["#ejercicio-1-tu-lista"]);
    // The English site is untouched.
    let english = html(&out.join("weeks/01-start/index.html"));
    assert_eq!(
        body_links(&english),
        [
            "../02-network/#exercise-1-your-list",
            "../../faq/#closing",
            "../../faq/#who-moderates"
        ]
    );
    let (problems, _) = broken_links(&out);
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}

#[test]
fn raw_html_links_and_images_are_rewritten() {
    let site = TestSite::new("raw_html_links_and_images_are_rewritten");
    site.run(&["build", "--no-pdf"]).code(0);
    let out = site.path("public");
    let week = html(&out.join("weeks/01-start/index.html"));
    assert_eq!(attrs(&week, "main a.more", "href"), ["../../faq/#closing"]);
    // Files beside a page are copied beside its folder, as for Markdown images.
    assert_eq!(attrs(&week, "figure img", "src"), ["../circle.png"]);
    assert_eq!(
        attrs(&week, "figcaption a", "href"),
        ["https://example.org/x.md"]
    );
    assert!(out.join("weeks/circle.png").is_file());
    let home = html(&out.join("index.html"));
    assert_eq!(
        attrs(&home, "main article > p:not(.lead) a", "href"),
        ["weeks/01-start/#hello"]
    );
    let (problems, _) = broken_links(&out);
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}

#[test]
fn rejects_a_raw_html_image_that_does_not_exist() {
    let site = TestSite::new("rejects_a_raw_html_image_that_does_not_exist");
    site.run(&["check"])
        .code(1)
        .diagnostic(
            "error",
            "content/en/weeks/01-start.md:11:36",
            &["image to `circle.png`, which does not exist"],
        )
        .diagnostic(
            "error",
            "content/en/weeks/01-start.md:8:28",
            &["link to `../faq.md#closed`", "#closed"],
        );
}

#[test]
fn the_language_switcher_keeps_the_readers_place() {
    skip_unless!(Tool::Chromium);
    let site = TestSite::new("translated_pages_answer_to_their_sources_anchors");
    site.run(&["build", "--no-pdf"]).code(0);
    let out = site.path("public");
    let spanish = html(&out.join("es/weeks/02-network/index.html"));
    assert_eq!(
        attrs(&spanish, "[data-source-id]", "data-source-id"),
        ["opening", "exercise-1-your-list", "wrapping-up"]
    );
    let server = DevServer::start(&site.root, &[]);
    let browser = Browser::start();
    browser.goto(&format!(
        "{}/weeks/02-network/#exercise-1-your-list",
        server.base
    ));
    assert!(browser.wait_for("document.readyState === 'complete'"));
    browser
        .eval("document.querySelector('.language-switcher a[hreflang=es]').click(); return true;");
    assert!(
        browser.wait_for(
            "location.pathname === '/es/weeks/02-network/' \
             && location.hash === '#ejercicio-1-tu-lista'"
        ),
        "Spanish page at the exercise: {}",
        browser.eval("return location.href;")
    );
    browser
        .eval("document.querySelector('.language-switcher a[hreflang=en]').click(); return true;");
    assert!(
        browser.wait_for(
            "!location.pathname.includes('/es/') && location.hash === '#exercise-1-your-list'"
        ),
        "English page at the exercise: {}",
        browser.eval("return location.href;")
    );
}

#[test]
fn links_that_lead_nowhere_are_plain_text() {
    let site = TestSite::new("links_that_lead_nowhere_are_plain_text");
    let run = site.run(&["build", "--no-pdf"]);
    run.code(0).diagnostic(
        "warning",
        "content/en/_index.md:4:22",
        &["link to `guide.md`, which does not exist"],
    );
    let page = read(&site.path("public/index.html"));
    let doc = html(&site.path("public/index.html"));
    assert!(!page.contains(".md"), "{page}");
    assert!(!page.contains("map.png"), "{page}");
    assert_eq!(
        attrs(&doc, "main p a", "href"),
        ["mailto:team@example.org", "#home"]
    );
    assert_eq!(
        select(&doc, "main p a.raw").len(),
        1,
        "the raw link stays, without href"
    );
    let text = crate::support::text_of(&doc, "main p");
    for words in ["Read the FAQ, the start, a map and", "the guide"] {
        assert!(text.contains(words), "{text}");
    }
}
