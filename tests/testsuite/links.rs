//! Links: Markdown links between sources become relative URLs that work under any sub-path,
//! and a link to something that does not exist is an error.

use std::collections::BTreeMap;
use std::path::Path;

use crate::support::{TestSite, attrs, html, read, select};

const BASE: &str = "https://example.org/sub/path/";

#[test]
fn relative_links_resolve_under_a_sub_path() {
    let site = TestSite::new("relative_links_resolve_under_a_sub_path");
    site.run(&["build", "--base-url", BASE]).code(0);
    let out = site.path("public");
    let pages: Vec<String> = walk(&out)
        .into_iter()
        .filter(|p| p.ends_with(".html"))
        .collect();
    for expected in [
        "index.html",
        "weeks/index.html",
        "weeks/01-start/index.html",
        "faq/index.html",
        "kits/agenda-card/index.html",
        "guides/deep/nested/index.html",
        "de/index.html",
        "de/ueber-uns/index.html",
        "404.html",
    ] {
        assert!(
            pages.iter().any(|p| p == expected),
            "{expected} is built: {pages:?}"
        );
    }

    let mut docs = BTreeMap::new();
    let mut checked = 0;
    let mut problems = Vec::new();
    for page in &pages {
        let doc = html(&out.join(page));
        let dir = page.rsplit_once('/').map_or("", |(d, _)| d);
        for el in select(&doc, "[href], [src]") {
            for attr in ["href", "src"] {
                let Some(link) = el.value().attr(attr) else {
                    continue;
                };
                match resolve(dir, page, link) {
                    Resolved::External => {}
                    Resolved::Broken(why) => {
                        problems.push(format!("{page}: {attr}={link:?}: {why}"))
                    }
                    Resolved::Local { file, fragment } => {
                        checked += 1;
                        if let Err(why) = check_target(&out, &file, fragment.as_deref(), &mut docs)
                        {
                            problems.push(format!("{page}: {attr}={link:?}: {why}"));
                        }
                    }
                }
            }
        }
    }
    assert!(
        problems.is_empty(),
        "broken links:\n{}",
        problems.join("\n")
    );
    // Enough links were followed for the test to mean something: menus, bodies, images, anchors.
    assert!(checked > 100, "only {checked} links checked");

    // The links are relative: the nested guide climbs three folders to reach the FAQ.
    let nested = html(&out.join("guides/deep/nested/index.html"));
    let links = attrs(&nested, "main a", "href");
    assert!(
        links.contains(&"../../../faq/#who-moderates".to_string()),
        "{links:?}"
    );
    // Canonical links and the sitemap use the base URL, and point at pages that exist.
    assert_eq!(
        attrs(&nested, "link[rel=canonical]", "href"),
        [format!("{BASE}guides/deep/nested/")]
    );
    // One sitemap per language; untranslated copies are left out of them.
    let sitemap = read(&out.join("sitemap.xml")) + &read(&out.join("de/sitemap.xml"));
    let locs: Vec<&str> = sitemap
        .split("<loc>")
        .skip(1)
        .filter_map(|s| s.split_once("</loc>").map(|(l, _)| l))
        .collect();
    assert!(locs.len() >= 8, "{sitemap}");
    assert!(
        locs.iter().any(|l| l.starts_with(&format!("{BASE}de/"))),
        "{sitemap}"
    );
    for loc in locs {
        let rel = loc
            .strip_prefix(BASE)
            .unwrap_or_else(|| panic!("{loc} is under {BASE}"));
        assert!(
            out.join(rel).join("index.html").is_file(),
            "sitemap entry {loc} exists"
        );
    }
}

/// What a link in the output points at.
enum Resolved {
    /// Another site, a `mailto:`, …
    External,
    /// A file of the output (relative to it) and an optional `#fragment`.
    Local {
        file: String,
        fragment: Option<String>,
    },
    /// Cannot work at every sub-path.
    Broken(String),
}

/// Resolves `link`, found in the output file `page` (in folder `dir`), as a browser would
/// when the site is served under [`BASE`].
fn resolve(dir: &str, page: &str, link: &str) -> Resolved {
    let (path, fragment) = match link.split_once('#') {
        Some((p, f)) => (p, Some(percent_decode(f))),
        None => (link, None),
    };
    let path = path.split('?').next().unwrap_or(path);
    let (base, path) = if let Some(rest) = path.strip_prefix(BASE) {
        // Absolute links to the site itself (canonical, 404 page) resolve from the root.
        ("", rest)
    } else if path.starts_with("//") || has_scheme(path) {
        return Resolved::External;
    } else if path.starts_with('/') {
        return Resolved::Broken("a root-relative link breaks under a sub-path".into());
    } else if path.is_empty() {
        // "" and "#x" are this very page.
        return Resolved::Local {
            file: page.to_string(),
            fragment,
        };
    } else {
        (dir, path)
    };
    let mut parts: Vec<String> = base
        .split('/')
        .filter(|p| !p.is_empty())
        .map(str::to_string)
        .collect();
    for seg in path.split('/') {
        match seg {
            "" | "." => {}
            ".." => {
                if parts.pop().is_none() {
                    return Resolved::Broken("climbs above the site's folder".into());
                }
            }
            s => parts.push(percent_decode(s)),
        }
    }
    // A folder URL (`x/`, `..`, or the base URL itself) means the folder's index.html.
    let last = path.rsplit('/').next().unwrap_or("");
    if matches!(last, "" | "." | "..") {
        parts.push("index.html".into());
    }
    Resolved::Local {
        file: parts.join("/"),
        fragment,
    }
}

/// Checks that `file` exists in the output (a folder only as `folder/`), and that the
/// fragment is the `id` of an element in it.
fn check_target(
    out: &Path,
    file: &str,
    fragment: Option<&str>,
    docs: &mut BTreeMap<String, scraper::Html>,
) -> Result<(), String> {
    let target = out.join(file);
    if target.is_dir() {
        return Err(format!("{file} is a folder; a folder URL must end in `/`"));
    }
    if !target.is_file() {
        return Err(format!("{file} does not exist"));
    }
    let Some(fragment) = fragment.filter(|f| !f.is_empty()) else {
        return Ok(());
    };
    if !file.ends_with(".html") {
        return Err(format!("#{fragment} on {file}, which is not a page"));
    }
    let doc = docs
        .entry(file.to_string())
        .or_insert_with(|| html(&target));
    if select(doc, "[id]")
        .iter()
        .any(|e| e.value().attr("id") == Some(fragment))
    {
        Ok(())
    } else {
        Err(format!("{file} has no element with id {fragment:?}"))
    }
}

fn has_scheme(link: &str) -> bool {
    link.split_once(':').is_some_and(|(scheme, _)| {
        !scheme.is_empty()
            && scheme
                .chars()
                .all(|c| c.is_ascii_alphanumeric() || matches!(c, '+' | '-' | '.'))
    })
}

fn percent_decode(s: &str) -> String {
    let bytes = s.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        let hex = bytes
            .get(i + 1..i + 3)
            .and_then(|h| std::str::from_utf8(h).ok())
            .and_then(|h| u8::from_str_radix(h, 16).ok());
        match (bytes[i], hex) {
            (b'%', Some(v)) => {
                out.push(v);
                i += 3;
            }
            (b, _) => {
                out.push(b);
                i += 1;
            }
        }
    }
    String::from_utf8(out).expect("links decode to UTF-8")
}

/// Every file under `dir`, relative and `/`-separated.
fn walk(dir: &Path) -> Vec<String> {
    crate::support::snapshot(dir).into_keys().collect()
}

#[test]
fn rewrites_markdown_links_to_page_urls() {
    let site = TestSite::new("rewrites_markdown_links_to_page_urls");
    site.run(&["build"]).code(0);
    let week = html(&site.path("public/weeks/01-arriving/index.html"));
    // The body's links, after those of the "On this page" list that comes first.
    let toc = attrs(&week, ".page-toc a", "href").len();
    let links: Vec<String> = attrs(&week, "main li a", "href")
        .into_iter()
        .skip(toc)
        .collect();
    assert_eq!(
        links,
        [
            "../02-network/#the-list",
            "../../faq/#how-long-does-it-take",
            "../",
            "../../",
            "#check-in",
            "https://example.org/guide.md",
            "mailto:circle@example.org",
        ]
    );
    assert_eq!(
        attrs(&week, "main li img", "src"),
        ["../../assets/logo.svg"]
    );
}

#[test]
fn rejects_a_link_to_a_missing_page() {
    let site = TestSite::new("rejects_a_link_to_a_missing_page");
    site.run(&["build"])
        .code(1)
        .diagnostic(
            "error",
            "content/en/_index.md:6:15",
            &[
                "link to `weeks/02-network.md`, which does not exist",
                "^^^^^^^^^^^^^^^^^^^^^^^^^^^^^",
                "help: link to another page with its relative path",
            ],
        )
        .summary_starts_with("build failed: 1 error, 0 warnings in ");
}

#[test]
fn rejects_a_link_to_a_missing_anchor() {
    let site = TestSite::new("rejects_a_link_to_a_missing_anchor");
    site.run(&["build"])
        .code(1)
        .diagnostic(
            "error",
            "content/en/_index.md:5:62",
            &[
                "there is no heading with the anchor `#introductions` in content/en/weeks/01-arriving.md",
                "help: anchors are heading texts in lowercase",
            ],
        )
        // The link to `#check-in` on the same line is fine.
        .summary_starts_with("build failed: 1 error, 0 warnings in ");
}

#[test]
fn rejects_an_image_that_does_not_exist() {
    let site = TestSite::new("rejects_an_image_that_does_not_exist");
    site.run(&["build"])
        .code(1)
        .diagnostic(
            "error",
            "content/en/weeks/01-arriving.md:8:1",
            &[
                "`chairs.jpg`, which does not exist",
                "help: put images and files in assets/ or beside the page",
            ],
        )
        .summary_starts_with("build failed: 1 error, 0 warnings in ");
}

#[test]
fn rejects_a_link_that_leaves_the_site() {
    let site = TestSite::new("rejects_a_link_that_leaves_the_site");
    site.run(&["build"])
        .code(1)
        .diagnostic(
            "error",
            "content/en/_index.md:5:5",
            &[
                "link to `../../../LICENSE.md` points outside the site",
                "help: link only to files inside content/ or assets/",
            ],
        )
        .summary_starts_with("build failed: 1 error, 0 warnings in ");
}
