//! Native PDFs and the Circle Kit archive: read back with poppler's `pdftotext`/`pdfinfo`/
//! `pdffonts` and with `lopdf`, as a reader's software would.

use std::path::Path;
use std::process::Command;

use crate::support::{TestSite, Tool, attrs, html, read, select, skip_unless};

/// Runs a poppler tool and returns its stdout.
pub(crate) fn poppler(tool: &str, args: &[&str], pdf: &Path) -> String {
    let out = Command::new(tool)
        .args(args)
        .arg(pdf)
        .args(if tool == "pdftotext" {
            &["-"][..]
        } else {
            &[][..]
        })
        .output()
        .unwrap_or_else(|e| panic!("run {tool} (install poppler-utils): {e}"));
    assert!(out.status.success(), "{tool} {}: {:?}", pdf.display(), out);
    String::from_utf8_lossy(&out.stdout).into_owned()
}

/// The text of a PDF, whitespace collapsed.
pub(crate) fn pdf_text(pdf: &Path) -> String {
    poppler("pdftotext", &["-enc", "UTF-8"], pdf)
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
}

/// The page count `pdfinfo` reports.
fn pages(pdf: &Path) -> u32 {
    poppler("pdfinfo", &[], pdf)
        .lines()
        .find_map(|l| l.strip_prefix("Pages:"))
        .and_then(|n| n.trim().parse().ok())
        .unwrap_or_else(|| panic!("no page count for {}", pdf.display()))
}

#[test]
fn pdf_guides_round_trip_through_pdftotext() {
    skip_unless!(Tool::Poppler);
    let site = TestSite::new("pdf_guides_round_trip_through_pdftotext");
    site.run(&["build"]).code(0).stderr_has(", 7 PDFs");
    let text = pdf_text(&site.path("public/downloads/en/week-01-member.pdf"));
    for words in [
        "HARBOUR CIRCLES",
        "Week 1 of 2",
        "Member edition",
        "Casting off",
        "Meet your crew and pick a course.",
        "Agenda · 45 minutes",
        "Welcome aboard",
        "Charting goals",
        "What you take away",
        "You know the names of your crew.",
        "Bring a notebook and a pencil.",
        // Author text that looks like Typst markup stays text.
        "#set page(width: 1cm), $x^2$, stars, 1 < 2 > 0, @ref, [brackets] and a \\backslash.",
        "Learn knots",
        // A web link prints its address; a link to another page stays plain text.
        "tide tables (https://example.org/tides) and week 2.",
        "Write your goal on a card.",
        // The footer: program, version, date, licence and the page number.
        "Harbour Circles · Edition 3 · updated ",
        "CC BY-SA 4.0",
        "Page 1 / 1",
    ] {
        assert!(text.contains(words), "{words:?} is missing from\n{text}");
    }
    let moderator = pdf_text(&site.path("public/downloads/en/week-01-moderator.pdf"));
    assert!(moderator.contains("Moderator edition"), "{moderator}");
    let kit = pdf_text(&site.path("public/downloads/en/kit-crew-list.pdf"));
    assert!(kit.contains("Crew list") && kit.contains("Phone"), "{kit}");
    let faq = pdf_text(&site.path("public/downloads/en/faq.pdf"));
    assert!(faq.contains("Who can join a harbour circle?"), "{faq}");
    let program = pdf_text(&site.path("public/downloads/en/program.pdf"));
    for words in ["Casting off", "Knots and networks", "List five people"] {
        assert!(
            program.contains(words),
            "{words:?} is missing from\n{program}"
        );
    }
}

#[test]
fn pdf_metadata_bookmarks_and_fonts() {
    skip_unless!(Tool::Poppler);
    let site = TestSite::new("pdf_metadata_bookmarks_and_fonts");
    site.run(&["build"]).code(0);
    let pdf = site.path("public/downloads/en/week-01-moderator.pdf");
    let info = poppler("pdfinfo", &[], &pdf);
    assert!(
        info.contains("Title:           Week 1: Casting off · Harbour Circles (Moderator edition)"),
        "{info}"
    );
    assert!(info.contains("Author:          Harbour Authors"), "{info}");
    assert!(info.contains("(A4)"), "{info}");
    // Every font is embedded (subset), so the PDF prints the same everywhere.
    let fonts = poppler("pdffonts", &[], &pdf);
    let rows: Vec<&str> = fonts.lines().skip(2).collect();
    assert!(!rows.is_empty(), "{fonts}");
    for row in rows {
        let cols: Vec<&str> = row.split_whitespace().collect();
        assert!(
            cols.iter().rev().nth(4) == Some(&"yes"),
            "not embedded: {row}\n{fonts}"
        );
    }

    let doc = lopdf::Document::load(&pdf).expect("lopdf reads the PDF");
    let catalog = doc.catalog().expect("catalog");
    let lang = catalog
        .get(b"Lang")
        .and_then(|l| l.as_str())
        .expect("/Lang");
    assert_eq!(lang, b"en");
    let titles = bookmarks(&doc);
    assert_eq!(
        titles,
        [
            "Agenda · 45 minutes",
            "What you take away",
            "Welcome aboard",
            "Charting goals",
            "Before the next meeting",
            "Close"
        ]
    );
}

/// The titles of a PDF's bookmarks, depth first.
fn bookmarks(doc: &lopdf::Document) -> Vec<String> {
    fn walk(doc: &lopdf::Document, first: Option<lopdf::ObjectId>, titles: &mut Vec<String>) {
        let mut next = first;
        while let Some(id) = next {
            let item = doc.get_dictionary(id).expect("bookmark");
            let title = item.get(b"Title").and_then(|t| t.as_str()).expect("title");
            titles.push(decode_text(title));
            walk(
                doc,
                item.get(b"First").and_then(|f| f.as_reference()).ok(),
                titles,
            );
            next = item.get(b"Next").and_then(|n| n.as_reference()).ok();
        }
    }
    let catalog = doc.catalog().expect("catalog");
    let outlines = catalog
        .get(b"Outlines")
        .and_then(|o| o.as_reference())
        .and_then(|r| doc.get_dictionary(r))
        .expect("the PDF has bookmarks");
    let mut titles = Vec::new();
    walk(
        doc,
        outlines.get(b"First").and_then(|f| f.as_reference()).ok(),
        &mut titles,
    );
    titles
}

/// A PDF text string: UTF-16BE with a byte-order mark, or PDFDocEncoding (ASCII here).
fn decode_text(bytes: &[u8]) -> String {
    match bytes.strip_prefix(&[0xFE, 0xFF]) {
        Some(rest) => {
            let units: Vec<u16> = rest
                .chunks(2)
                .map(|c| u16::from_be_bytes([c[0], *c.get(1).unwrap_or(&0)]))
                .collect();
            String::from_utf16_lossy(&units)
        }
        None => String::from_utf8_lossy(bytes).into_owned(),
    }
}

#[test]
fn every_week_guide_of_every_language_fits_on_four_a4_pages() {
    skip_unless!(Tool::Poppler);
    let out = crate::support::bundled_site(&[]);
    // Every language's guides, German (the longest) included, in both editions.
    let mut weeks = 0;
    for lang in ["en", "de", "es"] {
        let dir = out.join("downloads").join(lang);
        for name in crate::support::names_in(&dir) {
            if name.starts_with("week-") {
                weeks += 1;
                let n = pages(&dir.join(&name));
                assert!((1..=4).contains(&n), "{lang}/{name} has {n} pages");
            }
        }
    }
    assert_eq!(weeks, 3 * 12 * 2, "both editions of every week");
}

#[test]
fn circle_kit_zip_holds_every_pdf_and_a_readme() {
    let site = TestSite::new("circle_kit_zip_holds_every_pdf_and_a_readme");
    site.run(&["build"]).code(0);
    let file = std::fs::File::open(site.path("public/downloads/en/circle-kit.zip")).expect("zip");
    let mut zip = zip::ZipArchive::new(file).expect("a valid ZIP");
    let names: Vec<String> = (0..zip.len())
        .map(|i| {
            zip.by_index(i)
                .expect("entry")
                .name()
                .expect("UTF-8 name")
                .to_string()
        })
        .collect();
    assert_eq!(
        names,
        [
            "README.txt",
            "week-01-member.pdf",
            "week-01-moderator.pdf",
            "week-02-member.pdf",
            "week-02-moderator.pdf",
            "kit-crew-list.pdf",
            "faq.pdf",
            "program.pdf"
        ]
    );
    let mut readme = String::new();
    std::io::Read::read_to_string(&mut zip.by_name("README.txt").expect("README"), &mut readme)
        .expect("README is text");
    assert!(readme.starts_with("Harbour Circles\r\n==="), "{readme}");
    assert!(readme.contains("week-02-moderator.pdf"), "{readme}");
    assert!(readme.contains("Licence: CC BY-SA 4.0"), "{readme}");
    let mut inside = Vec::new();
    std::io::Read::read_to_end(&mut zip.by_name("faq.pdf").expect("faq"), &mut inside)
        .expect("read");
    assert_eq!(
        inside,
        std::fs::read(site.path("public/downloads/en/faq.pdf")).expect("faq")
    );
}

#[test]
fn unchanged_pdfs_are_reused_on_the_next_build() {
    skip_unless!(Tool::Poppler);
    use std::os::unix::fs::MetadataExt;
    let site = TestSite::new("unchanged_pdfs_are_reused_on_the_next_build");
    site.run(&["build"]).code(0).stderr_has(", 7 PDFs");
    let ino = |rel: &str| std::fs::metadata(site.path(rel)).expect("file").ino();
    let week1 = ino("public/downloads/en/week-01-member.pdf");
    let week2 = ino("public/downloads/en/week-02-member.pdf");
    let again = site.run(&["build"]);
    again.code(0).stderr_has(", 7 PDFs (7 unchanged)");
    assert_eq!(
        ino("public/downloads/en/week-01-member.pdf"),
        week1,
        "the same file, not rewritten"
    );

    // Editing week 2 makes its two editions and the whole program again, nothing else.
    let path = "content/en/weeks/02-knots.md";
    site.write(
        path,
        read(&site.path(path)).replace("five people", "six people"),
    );
    site.run(&["build"])
        .code(0)
        .stderr_has(", 7 PDFs (4 unchanged)");
    assert_eq!(ino("public/downloads/en/week-01-member.pdf"), week1);
    assert_ne!(ino("public/downloads/en/week-02-member.pdf"), week2);
    let text = pdf_text(&site.path("public/downloads/en/week-02-member.pdf"));
    assert!(text.contains("six people"), "{text}");
}

#[test]
fn week_and_kits_pages_list_downloads_with_sizes() {
    let site = TestSite::new("week_and_kits_pages_list_downloads_with_sizes");
    site.run(&["build"]).code(0);
    let week = html(&site.path("public/weeks/01-casting-off/index.html"));
    assert_eq!(
        attrs(&week, ".downloads a", "href"),
        [
            "../../print/weeks/01-casting-off/",
            "../../print/weeks/01-casting-off/moderator/",
            "../../downloads/en/week-01-member.pdf",
            "../../downloads/en/week-01-moderator.pdf"
        ]
    );
    let size = select(&week, ".download-pdf .size")
        .first()
        .map(|e| e.text().collect::<String>())
        .expect("a size");
    assert!(size.starts_with('(') && size.ends_with(" KB)"), "{size}");
    let kits = html(&site.path("public/kits/index.html"));
    assert_eq!(
        attrs(&kits, ".downloads a", "href"),
        [
            "../downloads/en/circle-kit.zip",
            "../downloads/en/program.pdf",
            "../print/program/",
            "../downloads/en/faq.pdf"
        ]
    );
    // Each kit's PDF is on its card.
    assert_eq!(
        attrs(&kits, ".kit-card a[download]", "href"),
        ["../downloads/en/kit-crew-list.pdf"]
    );
    for href in attrs(&kits, ".downloads a, .kit-card a[download]", "href") {
        let target = site.path("public/kits").join(&href);
        assert!(target.exists(), "{href} exists");
    }
}

#[test]
fn reports_characters_that_no_font_covers() {
    // Without the fonts of the machine, as on a machine that has none for Japanese.
    let site = TestSite::new("reports_characters_that_no_font_covers");
    let run = |args: &[&str]| {
        let mut c = site.command(args);
        c.env("CIRCLEKIT_SYSTEM_FONTS", "0");
        crate::support::Run::of(c)
    };
    run(&["build"]).code(1).diagnostic(
        "error",
        "content/en/weeks/01-arriving.md:10:1",
        &[
            "今 (U+4ECA)",
            "empty boxes",
            "fonts-noto-cjk",
            "themes/default/fonts/",
            "--no-pdf",
        ],
    );
    assert!(!site.path("public").exists(), "nothing is written");
    run(&["build", "--no-pdf"]).code(0);
    // `check` finds it too, without typesetting anything.
    run(&["check"]).code(1).diagnostic(
        "error",
        "content/en/weeks/01-arriving.md:10:1",
        &["今 (U+4ECA)", "themes/default/fonts/"],
    );
    site.run(&["check", "--no-pdf"]).code(0);
}

#[test]
fn qr_code_links_the_first_page_to_the_web_page() {
    skip_unless!(Tool::Poppler);
    let site = TestSite::new("qr_code_links_the_first_page_to_the_web_page");
    site.run(&["build"]).code(0);
    let pdf = site.path("public/downloads/en/week-01-member.pdf");
    let text = pdf_text(&pdf);
    assert!(text.contains("Scan to read online"), "{text}");
    let without = TestSite::new("qr_code_links_the_first_page_to_the_web_page");
    without.run(&["build", "--base-url", ""]).code(0);
    let plain = pdf_text(&without.path("public/downloads/en/week-01-member.pdf"));
    assert!(!plain.contains("Scan to read online"), "{plain}");
}

#[test]
fn moderator_notes_appear_only_in_the_moderator_edition() {
    skip_unless!(Tool::Poppler);
    let site = TestSite::new("moderator_notes_appear_only_in_the_moderator_edition");
    site.run(&["build"]).code(0);
    let secret = "Secret facilitation tip: watch the clock and start on time.";
    let member = pdf_text(&site.path("public/downloads/en/week-01-member.pdf"));
    let moderator = pdf_text(&site.path("public/downloads/en/week-01-moderator.pdf"));
    assert!(!member.contains("Secret facilitation"), "{member}");
    assert!(moderator.contains(secret), "{moderator}");
    assert!(moderator.contains("MODERATOR NOTES"), "{moderator}");
    // Exercises, examples, worksheets and the before-next checklist are in both editions.
    for text in [&member, &moderator] {
        for words in [
            "Charting goals",
            "30 minutes",
            "Write a goal, then fill in the sheet.",
            "My goal",
            "People",
            "Name How we met",
            "Ready to start",
            "Pen",
            "How sure are you?",
            "Not at all 1 2 3 4 5 Completely",
            "Next meeting",
            "Example: Dana",
            "Dana wants to learn knots.",
            "Before the next meeting",
            "Write your goal on a card.",
        ] {
            assert!(text.contains(words), "{words:?} is missing from\n{text}");
        }
    }
    let print_member = read(&site.path("public/print/weeks/01-casting-off/index.html"));
    let print_moderator =
        read(&site.path("public/print/weeks/01-casting-off/moderator/index.html"));
    assert!(
        !print_member.contains("Secret facilitation"),
        "{print_member}"
    );
    assert!(print_moderator.contains(secret), "{print_moderator}");

    // Exercise and before-next titles are headings, so they are bookmarks too.
    let doc = lopdf::Document::load(site.path("public/downloads/en/week-01-moderator.pdf"))
        .expect("lopdf reads the PDF");
    assert_eq!(
        bookmarks(&doc),
        [
            "Agenda · 30 minutes",
            "Opening",
            "Charting goals",
            "Before the next meeting"
        ]
    );
}

#[test]
fn a_theme_replaces_the_pdf_template() {
    skip_unless!(Tool::Poppler);
    let site = TestSite::new("a_theme_replaces_the_pdf_template");
    site.run(&["build"]).code(0);
    let text = pdf_text(&site.path("public/downloads/en/week-01-member.pdf"));
    assert!(text.contains("Printed by the harbour press"), "{text}");

    // A mistake in the template names the template's file, line and column.
    site.write(
        "themes/default/typst/guide.typ",
        "#let guide(..args, body) = {\n  body + unknown-thing\n}\n",
    );
    site.run(&["build"]).code(1).diagnostic(
        "error",
        "themes/default/typst/guide.typ:2:10",
        &["PDF template error", "unknown variable: unknown-thing"],
    );
}

#[test]
fn serve_shows_pages_first_and_typesets_pdfs_in_the_background() {
    skip_unless!(Tool::Poppler);
    use crate::dev_server::{DevServer, edit};
    let site = crate::serve::site();
    let server = DevServer::start(&site.root, &[]);
    // A PDF asked for while it is being typeset is answered once it is made.
    let (status, ctype, body) = server.get("/downloads/en/week-01-member.pdf");
    assert_eq!((status, ctype.as_str()), (200, "application/pdf"));
    let saved = site.tmp().join("served.pdf");
    std::fs::write(&saved, &body).expect("save the PDF");
    assert!(pdf_text(&saved).contains("Say hello."));
    // Once made, the pages list it with its size, without any page being told to reload.
    let week = server.page("/weeks/01-arriving/");
    let size = circlekit::render::downloads::human_size(body.len() as u64);
    assert!(week.contains(&format!("({size})")), "{size} in {week}");
    server.wait_for_line("made ");

    let events = server.events();
    edit(
        &site,
        "content/en/weeks/01-arriving.md",
        "Say hello.",
        "Say your name.",
    );
    events.next("reload");
    assert!(
        server
            .page("/weeks/01-arriving/")
            .contains("Say your name.")
    );
    let (status, _, body) = server.get("/downloads/en/week-01-member.pdf");
    assert_eq!(status, 200);
    std::fs::write(&saved, &body).expect("save the PDF");
    assert!(pdf_text(&saved).contains("Say your name."));
    // Only the changed week's two editions and the whole program were typeset again.
    server.wait_until("the PDFs of the edit are reported", || {
        server.output().contains("made 3 PDFs in")
    });
    assert!(
        events
            .within(std::time::Duration::from_millis(300))
            .is_none(),
        "PDFs made in the background reload no page"
    );
}
