//! Page weight: every page of the bundled site, with the stylesheets and scripts it loads,
//! stays under 60 KB before compression; scripts never block rendering; nothing comes from
//! another host.

use std::path::Path;

use crate::support::{bundled_site, html_files};

/// 60 KB (of 1,024 bytes): HTML plus its CSS and JS, images and the search index excluded.
const BUDGET: u64 = 60 * 1024;

/// The values of `attr="…"` in `html`.
fn values<'a>(html: &'a str, attr: &str) -> Vec<&'a str> {
    let needle = format!("{attr}=\"");
    html.match_indices(&needle)
        .filter_map(|(i, _)| {
            let rest = &html[i + needle.len()..];
            rest.find('"').map(|end| &rest[..end])
        })
        .collect()
}

/// The page's bytes plus those of every stylesheet and script it loads with it. The search
/// machinery (`theme/search.js` and the index) loads only when someone starts a search, so,
/// like the index, it is not part of the page's weight; it is reported beside it.
fn weight(page: &Path, html: &str) -> u64 {
    let dir = page.parent().expect("a page is in a folder");
    let files: Vec<std::path::PathBuf> = values(html, "href")
        .into_iter()
        .chain(values(html, "src"))
        .filter(|u| u.ends_with(".css") || u.ends_with(".js"))
        .map(|u| dir.join(u))
        .collect();
    html.len() as u64
        + files
            .iter()
            .map(|f| {
                std::fs::metadata(f)
                    .unwrap_or_else(|e| panic!("{} loads {}: {e}", page.display(), f.display()))
                    .len()
            })
            .sum::<u64>()
}

#[test]
fn every_page_weighs_less_than_60_kb_with_its_css_and_js() {
    let out = bundled_site(&[]);
    let mut weights: Vec<(u64, String)> = html_files(&out)
        .iter()
        .map(|page| {
            let html = std::fs::read_to_string(page).expect("read a page");
            let name = page
                .strip_prefix(&out)
                .unwrap_or(page)
                .display()
                .to_string();
            (weight(page, &html), name)
        })
        .collect();
    weights.sort();
    let (min, median, max) = (
        &weights[0],
        &weights[weights.len() / 2],
        &weights[weights.len() - 1],
    );
    let search_js = std::fs::metadata(out.join("theme/search.js")).map_or(0, |m| m.len());
    eprintln!("theme/search.js, loaded on the first search: {search_js} B");
    eprintln!(
        "page weights over {} pages: min {} B ({}), median {} B ({}), max {} B ({})",
        weights.len(),
        min.0,
        min.1,
        median.0,
        median.1,
        max.0,
        max.1
    );
    let heavy: Vec<String> = weights
        .iter()
        .filter(|(w, _)| *w >= BUDGET)
        .map(|(w, n)| format!("{n}: {w} bytes"))
        .collect();
    assert!(
        heavy.is_empty(),
        "pages over {BUDGET} bytes:\n{}",
        heavy.join("\n")
    );
}

#[test]
fn scripts_never_block_rendering_and_nothing_comes_from_another_host() {
    let base = "https://circles.example.org/";
    let out = bundled_site(&["--base-url", base]);
    for page in html_files(&out) {
        let html = std::fs::read_to_string(&page).expect("read a page");
        let name = page
            .strip_prefix(&out)
            .unwrap_or(&page)
            .display()
            .to_string();
        for tag in html.split("<script").skip(1) {
            let open = &tag[..tag.find('>').unwrap_or(tag.len())];
            if open.contains("src=") {
                assert!(
                    open.contains(" defer") || open.contains(" async"),
                    "{name}: <script{open}> blocks rendering"
                );
            }
        }
        // The 404 page links to the site by its address, since hosts serve it anywhere.
        let here = |url: &str| !url.contains("//") || url.starts_with(base);
        for url in values(&html, "src") {
            assert!(here(url), "{name} loads {url} from another host");
        }
        for tag in html.split("<link").skip(1) {
            let open = &tag[..tag.find('>').unwrap_or(tag.len())];
            if open.contains("stylesheet") || open.contains("preload") || open.contains("icon") {
                let href = values(open, "href").into_iter().next().unwrap_or("");
                assert!(here(href), "{name}: <link{open}> asks another host");
            }
        }
    }
}
