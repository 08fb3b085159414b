//! Sharing: a title and description per page, Open Graph tags, canonical addresses with a
//! base URL, a sitemap, and a 404 page that offers the search.

use crate::support::{attrs, bundled_site, html, text_of};

#[test]
fn pages_carry_titles_descriptions_and_open_graph_tags() {
    let base = "https://circles.example.org/";
    let out = bundled_site(&["--base-url", base]);
    let week = html(&out.join("de/weeks/02-your-network/index.html"));
    assert_eq!(
        text_of(&week, "title"),
        "Woche 2: Dein Netzwerk · Open Work Circles"
    );
    let description = attrs(&week, "meta[name=description]", "content");
    assert_eq!(description.len(), 1);
    assert!(
        description[0].starts_with("Leg eine Beziehungsliste"),
        "a week is described by its summary: {description:?}"
    );
    assert_eq!(
        attrs(&week, "meta[property='og:description']", "content"),
        description
    );
    assert_eq!(
        attrs(&week, "meta[property='og:title']", "content"),
        ["Dein Netzwerk"]
    );
    assert_eq!(
        attrs(&week, "meta[property='og:type']", "content"),
        ["article"]
    );
    assert_eq!(
        attrs(&week, "meta[property='og:locale']", "content"),
        ["de"]
    );
    let url = format!("{base}de/weeks/02-your-network/");
    assert_eq!(attrs(&week, "link[rel=canonical]", "href"), [url.as_str()]);
    assert_eq!(
        attrs(&week, "meta[property='og:url']", "content"),
        [url.as_str()]
    );

    let home = html(&out.join("index.html"));
    assert_eq!(
        attrs(&home, "meta[property='og:type']", "content"),
        ["website"]
    );
    assert_eq!(attrs(&home, "meta[name=description]", "content").len(), 1);

    let sitemap = std::fs::read_to_string(out.join("sitemap.xml")).expect("a sitemap");
    assert!(sitemap.contains(&format!("<loc>{base}weeks/02-your-network/</loc>")));
    let sitemap_de = std::fs::read_to_string(out.join("de/sitemap.xml")).expect("a sitemap");
    assert!(sitemap_de.contains(&format!("<loc>{base}de/faq/</loc>")));
}

#[test]
fn pages_without_a_base_url_have_no_canonical_or_og_url() {
    let out = bundled_site(&[]);
    let faq = html(&out.join("faq/index.html"));
    assert!(attrs(&faq, "link[rel=canonical]", "href").is_empty());
    assert!(attrs(&faq, "meta[property='og:url']", "content").is_empty());
    assert_eq!(
        attrs(&faq, "meta[property='og:title']", "content"),
        ["Frequently asked questions"]
    );
}

#[test]
fn the_404_page_offers_the_search_and_stays_out_of_search_engines() {
    let base = "https://circles.example.org/";
    let out = bundled_site(&["--base-url", base]);
    let page = html(&out.join("es/404.html"));
    assert_eq!(text_of(&page, "h1"), "Página no encontrada");
    assert_eq!(
        attrs(&page, "main [data-search]", "data-index"),
        [format!("{base}es/search-index.js")],
        "the search box in the page loads the Spanish index from the site's address"
    );
    assert!(
        attrs(&page, "header [data-search]", "data-index").is_empty(),
        "one search box on the page"
    );
    assert_eq!(attrs(&page, "meta[name=robots]", "content"), ["noindex"]);
    assert_eq!(attrs(&page, "main a", "href")[0], format!("{base}es/"));
}
