//! `circlekit build` on small, valid sites: what lands in the output folder.

use crate::support::{TestSite, attrs, html, names_in, read, snapshot, text_of};

#[test]
fn builds_a_minimal_site_and_reports_what_it_built() {
    let site = TestSite::new("builds_a_minimal_site_and_reports_what_it_built");
    let run = site.run(&["build"]);
    run.code(0);
    let out = site.path("public");
    // The summary names the page count, the languages and the output folder.
    run.summary_starts_with("built ")
        .stderr_has(&format!("pages (en) into {} in ", out.display()));
    assert_eq!(run.stdout, "", "build prints nothing on stdout");
    for page in [
        "index.html",
        "weeks/index.html",
        "weeks/01-arriving/index.html",
        "404.html",
    ] {
        assert!(out.join(page).is_file(), "{page} is built\n{run}");
    }
    assert!(
        out.join("theme/style.css").is_file(),
        "the theme's stylesheet is copied"
    );
    let sitemap = read(&out.join("sitemap.xml"));
    assert!(
        sitemap.contains("<loc>weeks/01-arriving/</loc>"),
        "{sitemap}"
    );
    let marker = read(&out.join(".circlekit-output"));
    assert!(
        marker.contains("circlekit"),
        "the marker says who wrote the folder: {marker:?}"
    );
    let home = html(&out.join("index.html"));
    assert_eq!(text_of(&home, "h1"), "Welcome");
    assert_eq!(text_of(&home, "title"), "Test circle");
}

#[test]
fn writes_to_the_output_dir_named_in_book_toml() {
    let site = TestSite::new("writes_to_the_output_dir_named_in_book_toml");
    site.run(&["build"]).code(0);
    assert!(site.path("www/index.html").is_file());
    assert!(site.path("www/.circlekit-output").is_file());
    assert!(
        !site.path("public").exists(),
        "nothing is written to the default folder"
    );
}

#[test]
fn skips_draft_pages_unless_asked() {
    let site = TestSite::new("skips_draft_pages_unless_asked");
    site.run(&["build"]).code(0);
    assert!(site.path("public/index.html").is_file());
    assert!(
        !site.path("public/unfinished").exists(),
        "a draft is not built"
    );
    let sitemap = site.read("public/sitemap.xml");
    assert!(
        !sitemap.contains("unfinished"),
        "a draft is not in the sitemap: {sitemap}"
    );
    let menu = attrs(
        &html(&site.path("public/index.html")),
        "header nav a",
        "href",
    );
    assert!(!menu.iter().any(|h| h.contains("unfinished")), "{menu:?}");

    site.run(&["build", "--drafts"]).code(0);
    let draft = html(&site.path("public/unfinished/index.html"));
    assert_eq!(text_of(&draft, "h1"), "Unfinished");
    assert!(
        site.read("public/sitemap.xml")
            .contains("<loc>unfinished/</loc>")
    );
}

#[test]
fn copies_a_static_image_beside_its_page() {
    let site = TestSite::new("copies_a_static_image_beside_its_page");
    site.run(&["build"]).code(0);
    let source = std::fs::read(site.path("content/en/guides/room.png")).expect("fixture image");
    let copied = std::fs::read(site.path("public/guides/room.png")).expect("the image is copied");
    assert_eq!(copied, source, "the image is copied byte for byte");
    // The page moved one folder down (guides/setup/), so its image link climbs one up.
    let page = html(&site.path("public/guides/setup/index.html"));
    assert_eq!(attrs(&page, "main img", "src"), ["../room.png"]);
}

#[test]
fn copies_site_assets_byte_for_byte() {
    let site = TestSite::new("copies_site_assets_byte_for_byte");
    // Files an editor or the system leaves behind are not part of the site.
    site.write("assets/.DS_Store", "junk");
    site.write("assets/logo.svg~", "backup");
    site.run(&["build"]).code(0);
    let assets = snapshot(&site.path("assets"));
    let copied = snapshot(&site.path("public/assets"));
    let expected: Vec<&String> = assets
        .keys()
        .filter(|k| !k.ends_with(".DS_Store") && !k.ends_with('~'))
        .collect();
    assert_eq!(copied.keys().collect::<Vec<_>>(), expected);
    for (name, bytes) in &copied {
        assert_eq!(bytes, &assets[name], "assets/{name} is copied unchanged");
    }
}

#[test]
fn builds_a_site_without_weeks() {
    let site = TestSite::new("builds_a_site_without_weeks");
    let run = site.run(&["build", "--strict"]);
    run.code(0).summary_starts_with("built ");
    let out = site.path("public");
    assert!(out.join("index.html").is_file());
    assert!(out.join("about/index.html").is_file());
    assert!(
        !out.join("weeks").exists(),
        "no program page without weeks: {:?}",
        names_in(&out)
    );
    let home = html(&out.join("index.html"));
    let links = attrs(&home, "a", "href");
    assert!(
        !links.iter().any(|h| h.contains("weeks")),
        "no link to a program: {links:?}"
    );
    assert!(links.contains(&"about/".to_string()), "{links:?}");
}
