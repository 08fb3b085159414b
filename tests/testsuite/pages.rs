//! Page kinds: home, program overview, week, meeting, FAQ, kit list, kit, page and 404 each
//! render with their own template and data.

use std::path::Path;

use crate::support::{TestSite, attrs, html, select, text_of};

/// The `kind-…` class the default theme puts on `<body>`.
fn body_kind(out: &Path, page: &str) -> String {
    let doc = html(&out.join(page));
    attrs(&doc, "body", "class").join(" ")
}

/// The whitespace-collapsed text of every element matching `css`.
fn texts(doc: &scraper::Html, css: &str) -> Vec<String> {
    select(doc, css)
        .into_iter()
        .map(|e| {
            let text = e.text().collect::<Vec<_>>().join(" ");
            text.split_whitespace().collect::<Vec<_>>().join(" ")
        })
        .collect()
}

#[test]
fn renders_every_page_kind() {
    let site = TestSite::new("renders_every_page_kind");
    site.run(&["build", "--strict"]).code(0);
    let out = site.path("public");
    for (page, kind) in [
        ("index.html", "kind-home"),
        ("weeks/index.html", "kind-weeks"),
        ("weeks/01-arrive/index.html", "kind-week"),
        ("weeks/01-arrive/meeting/index.html", "kind-meeting"),
        ("faq/index.html", "kind-faq"),
        ("kits/index.html", "kind-kits"),
        ("kits/agreement/index.html", "kind-kit"),
        ("about/index.html", "kind-page"),
        ("guides/moderating/index.html", "kind-page"),
        ("404.html", "kind-not-found"),
    ] {
        assert_eq!(body_kind(&out, page), kind, "{page}");
    }

    // Every page shares the header menu: program, FAQ, kits, then top-level pages.
    let about = html(&out.join("about/index.html"));
    assert_eq!(
        texts(&about, "header nav a"),
        ["The program", "FAQ", "Printables", "About"]
    );
    assert_eq!(
        attrs(&about, "header nav a[aria-current=page]", "href"),
        ["../about/"]
    );
    assert_eq!(text_of(&about, "footer"), "Every kind · CC BY 4.0");

    let home = html(&out.join("index.html"));
    assert_eq!(text_of(&home, "title"), "Every kind");
    assert_eq!(
        attrs(&home, "meta[name=description]", "content"),
        ["A circle program with one page of every kind."]
    );
    assert_eq!(
        texts(&home, ".week-list a"),
        ["Week 1 Arrive", "Week 2 Connect"]
    );

    let overview = html(&out.join("weeks/index.html"));
    assert_eq!(text_of(&overview, "h1"), "The program");
    assert_eq!(text_of(&overview, "main article > p"), "Two short weeks.");
    assert_eq!(
        texts(&overview, ".week-card"),
        [
            "Week 1 Arrive Meet your circle. You know everyone's name. 30 minutes",
            "Week 2 Connect Draw your network. 30 minutes"
        ]
    );

    let week = html(&out.join("weeks/01-arrive/index.html"));
    assert_eq!(text_of(&week, "title"), "Week 1: Arrive · Every kind");
    assert_eq!(text_of(&week, ".eyebrow"), "Week 1 of 2");
    assert_eq!(text_of(&week, ".summary"), "Meet your circle.");
    assert_eq!(
        texts(&week, ".agenda tbody tr"),
        ["0′ Check-in 10", "10′ Introductions 20"]
    );
    assert_eq!(text_of(&week, ".agenda tfoot"), "Total 30");
    assert_eq!(texts(&week, ".outcomes li"), ["You know everyone's name."]);
    assert_eq!(
        attrs(&week, "h2#before-you-start", "id"),
        ["before-you-start"]
    );
    assert_eq!(
        attrs(&week, ".prev-next a[rel=next]", "href"),
        ["../../weeks/02-connect/"]
    );
    assert!(
        attrs(&week, "a[rel=prev]", "href").is_empty(),
        "week 1 has no previous week"
    );
    let week2 = html(&out.join("weeks/02-connect/index.html"));
    assert_eq!(
        attrs(&week2, ".prev-next a[rel=prev]", "href"),
        ["../../weeks/01-arrive/"]
    );
    assert!(
        attrs(&week2, "a[rel=next]", "href").is_empty(),
        "week 2 is the last"
    );

    let meeting = html(&out.join("weeks/01-arrive/meeting/index.html"));
    assert_eq!(text_of(&meeting, "h1"), "Meeting timer");
    assert_eq!(texts(&meeting, ".meeting-agenda li").len(), 2);

    let faq = html(&out.join("faq/index.html"));
    assert_eq!(text_of(&faq, "h1"), "Frequently asked questions");
    let questions = attrs(&faq, "nav.toc li a", "href");
    assert_eq!(questions, ["#how-long-does-it-take", "#who-can-join"]);
    for q in questions {
        let id = q.trim_start_matches('#');
        assert_eq!(
            select(&faq, &format!("main [id={id}]")).len(),
            1,
            "{id} is on the page"
        );
    }

    let data: Vec<String> = select(&faq, "script[type='application/ld+json']")
        .iter()
        .map(|s| s.inner_html())
        .collect();
    assert_eq!(data.len(), 1, "FAQPage structured data");
    let data: serde_json::Value = serde_json::from_str(&data[0]).expect("JSON-LD");
    assert_eq!(data["@type"], "FAQPage");
    assert_eq!(data["mainEntity"][0]["name"], "How long does it take?");
    assert_eq!(
        data["mainEntity"][0]["acceptedAnswer"]["text"],
        "Two weeks."
    );
    assert_eq!(data["mainEntity"][1]["acceptedAnswer"]["text"], "Anyone.");

    let kits = html(&out.join("kits/index.html"));
    assert_eq!(text_of(&kits, "h1"), "Printables");
    // Kits are listed by weight, then title.
    assert_eq!(texts(&kits, ".kit-card h2"), ["Checklist", "Agreement"]);
    assert_eq!(
        texts(&kits, ".kit-card > p:not(.download)"),
        ["Tick it off.", "Sign it together."]
    );
    let kit = html(&out.join("kits/agreement/index.html"));
    assert_eq!(text_of(&kit, "h1"), "Agreement");
    assert_eq!(text_of(&kit, ".summary"), "Sign it together.");
    assert_eq!(attrs(&kit, ".eyebrow a", "href"), ["../../kits/"]);

    let nested = html(&out.join("guides/moderating/index.html"));
    assert_eq!(text_of(&nested, "main h1"), "Moderating");
    assert_eq!(text_of(&nested, "main p"), "Keep time.");

    let not_found = html(&out.join("404.html"));
    assert_eq!(text_of(&not_found, "h1"), "Page not found");
}

#[test]
fn makes_the_program_and_kit_lists_without_index_files() {
    let site = TestSite::new("makes_the_program_and_kit_lists_without_index_files");
    site.run(&["build"]).code(0);
    let out = site.path("public");
    let overview = html(&out.join("weeks/index.html"));
    assert_eq!(text_of(&overview, "h1"), "The program");
    assert_eq!(
        attrs(&overview, ".week-card a", "href"),
        ["../weeks/01-arrive/"]
    );
    let kits = html(&out.join("kits/index.html"));
    assert_eq!(text_of(&kits, "h1"), "Circle Kit");
    assert_eq!(texts(&kits, ".kit-card h2"), ["Name cards"]);
    assert_eq!(
        texts(&kits, ".kit-card > p:not(.download)"),
        ["Fold and write."]
    );
    assert_eq!(
        attrs(&kits, ".kit-card h2 a", "href"),
        ["../kits/name-cards/"]
    );
    // A home page without front matter still gets a title.
    let home = html(&out.join("index.html"));
    assert_eq!(text_of(&home, "h1"), "Home");
    assert_eq!(text_of(&home, "title"), "Untitled circle program");
}

#[test]
fn gives_headings_github_style_anchors() {
    let site = TestSite::new("gives_headings_github_style_anchors");
    // The home page links to `#café--croissants`; the link check passes only if that id exists.
    site.run(&["build", "--strict"]).code(0);
    let notes = html(&site.path("public/notes/index.html"));
    assert_eq!(
        attrs(&notes, "main h2", "id"),
        [
            "how-long-does-it-take",
            "how-long-does-it-take-1",
            "café--croissants",
            "week-3-your-network",
            "mine",
            "日本語-テスト",
        ]
    );
}

#[test]
fn names_the_faq_by_default_not_after_its_first_category() {
    let site = TestSite::new("names_the_faq_by_default_not_after_its_first_category");
    site.run(&["build"]).code(0);
    let faq = html(&site.path("public/faq/index.html"));
    assert_eq!(text_of(&faq, "h1"), "Frequently asked questions");
    let home = html(&site.path("public/index.html"));
    assert_eq!(texts(&home, "header nav a"), ["FAQ"]);
}

#[test]
fn a_week_without_minutes_lasts_the_programs_meeting_length_everywhere() {
    let site = TestSite::minimal();
    site.write(
        "book.toml",
        "[book]\ntitle = \"Test circle\"\n\n[circle]\nweeks = 1\nmeeting-minutes = 90\n",
    );
    site.run(&["build", "--no-pdf"]).code(0);
    let out = site.path("public");
    let week = html(&out.join("weeks/01-arriving/index.html"));
    assert_eq!(text_of(&week, ".week-actions .chip"), "90 minutes");
    let overview = html(&out.join("weeks/index.html"));
    assert!(
        overview.html().contains("90 minutes"),
        "the program overview says so too"
    );
}
