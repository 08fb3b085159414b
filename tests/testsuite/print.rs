//! Printable pages: one per week and edition and one for the whole program, and what pages
//! offer when PDFs are skipped.

use crate::support::{TestSite, attrs, html, read, select, text_of};

#[test]
fn print_pages_use_the_paper_size_and_have_no_navigation() {
    let site = TestSite::new("print_pages_use_the_paper_size_and_have_no_navigation");
    site.run(&["build", "--no-pdf"]).code(0);
    let member = site.path("public/print/weeks/01-casting-off/index.html");
    let raw = read(&member);
    assert!(raw.contains("@page { size: letter; }"), "{raw}");
    let doc = html(&member);
    assert!(select(&doc, "nav").is_empty(), "no navigation in print");
    assert!(
        select(&doc, ".site-header").is_empty(),
        "no site header in print"
    );
    assert_eq!(
        attrs(&doc, "link[rel=stylesheet]", "href"),
        ["../../../theme/print.css"]
    );
    assert_eq!(attrs(&doc, "body", "class"), ["print edition-member"]);
    assert_eq!(text_of(&doc, "h1"), "Casting off");
    assert_eq!(text_of(&doc, ".agenda tfoot"), "Total 45");
    assert_eq!(
        attrs(&doc, ".content a", "href"),
        ["https://example.org/tides", "../../../weeks/02-knots/"],
        "links are relative to the printable page"
    );
    let moderator = html(&site.path("public/print/weeks/01-casting-off/moderator/index.html"));
    assert_eq!(
        attrs(&moderator, "body", "class"),
        ["print edition-moderator"]
    );
    assert_eq!(text_of(&moderator, ".edition"), "Moderator edition");

    let program = html(&site.path("public/print/program/index.html"));
    let titles: Vec<String> = select(&program, "h1")
        .iter()
        .map(|h| h.text().collect())
        .collect();
    assert_eq!(titles, ["Casting off", "Knots and networks"]);

    let css = read(&site.path("public/theme/print.css"));
    for rule in [
        "break-after: avoid",
        "a[href^=\"http\"]::after",
        "break-inside: avoid",
    ] {
        assert!(css.contains(rule), "print.css has {rule}");
    }
    #[cfg(feature = "pdf")]
    {
        crate::support::skip_unless!(crate::support::Tool::Poppler);
        site.run(&["build"]).code(0);
        let pdf = site.path("public/downloads/en/week-01-member.pdf");
        let out = std::process::Command::new("pdfinfo")
            .arg(&pdf)
            .output()
            .expect("pdfinfo");
        let info = String::from_utf8_lossy(&out.stdout);
        assert!(info.contains("612 x 792 pts (letter)"), "{info}");
    }
}

#[test]
fn no_pdf_skips_pdfs_and_lists_only_printable_pages() {
    let site = TestSite::new("no_pdf_skips_pdfs_and_lists_only_printable_pages");
    let run = site.run(&["build", "--no-pdf"]);
    run.code(0);
    assert!(!run.stderr.contains("PDF"), "{run}");
    assert!(
        !site.path("public/downloads").exists(),
        "no downloads are made"
    );
    let week = html(&site.path("public/weeks/01-casting-off/index.html"));
    assert_eq!(
        attrs(&week, ".downloads a", "href"),
        [
            "../../print/weeks/01-casting-off/",
            "../../print/weeks/01-casting-off/moderator/"
        ]
    );
    let kits = html(&site.path("public/kits/index.html"));
    assert_eq!(attrs(&kits, ".downloads a", "href"), ["../print/program/"]);
}
