//! The bundled program's own bars: an FAQ of at least 40 questions in at least 5
//! categories in every language, credit on an acknowledgements page, and the pages a
//! Spanish circle needs to start without English.

use crate::support::{bundled_site, html, select};

#[test]
fn every_language_has_an_faq_of_forty_questions_in_five_categories() {
    let out = bundled_site(&["--no-pdf"]);
    for lang in ["", "de/", "es/"] {
        let doc = html(&out.join(format!("{lang}faq/index.html")));
        let categories = select(&doc, "main h2:not(.toc-category)").len();
        let questions = select(&doc, "main h3").len();
        assert!(categories >= 5, "{lang}faq: {categories} categories");
        assert!(questions >= 40, "{lang}faq: {questions} questions");
        assert!(
            select(&doc, "main p.translation-notice").is_empty(),
            "{lang}faq is translated"
        );
    }
}

#[test]
fn the_acknowledgements_credit_working_out_loud_and_lean_in_circles_in_every_language() {
    let out = bundled_site(&["--no-pdf"]);
    for lang in ["", "de/", "es/"] {
        let page = out.join(format!("{lang}acknowledgements/index.html"));
        let doc = html(&page);
        let links: Vec<String> = select(&doc, "main a[href^='https://']")
            .iter()
            .filter_map(|a| a.value().attr("href").map(str::to_string))
            .collect();
        for host in ["workingoutloud.com", "leanin.org"] {
            assert!(
                links.iter().any(|l| l.contains(host)),
                "{} links to {host}: {links:?}",
                page.display()
            );
        }
        assert!(select(&doc, "main p.translation-notice").is_empty());
        // Every home page leads to it.
        let home = std::fs::read_to_string(out.join(format!("{lang}index.html")))
            .expect("read the home page");
        assert!(
            home.contains("acknowledgements/"),
            "{lang}index.html links to it"
        );
    }
}

#[test]
fn a_spanish_circle_can_start_without_english() {
    let out = bundled_site(&["--no-pdf"]);
    for page in [
        "es/index.html",
        "es/faq/index.html",
        "es/how-circles-work/index.html",
        "es/moderator-guide/index.html",
        "es/kits/circle-agreement/index.html",
        "es/kits/before-the-first-meeting/index.html",
        "es/weeks/01-getting-started/index.html",
        "es/weeks/04-making-work-visible/index.html",
        "es/weeks/05-deepening-relationships/index.html",
        "es/weeks/06-being-findable/index.html",
    ] {
        let doc = html(&out.join(page));
        assert!(
            select(&doc, "main p.translation-notice").is_empty(),
            "{page} is in Spanish, not the English fallback"
        );
    }
    // The first week's links stay in Spanish.
    let week1 = html(&out.join("es/weeks/01-getting-started/index.html"));
    for a in select(&week1, "main a[href]") {
        let href = a.value().attr("href").unwrap_or_default();
        for english_only in ["moderator-guide", "circle-agreement", "how-circles-work"] {
            if href.contains(english_only) {
                let target = out
                    .join("es/weeks/01-getting-started")
                    .join(href.split('#').next().unwrap_or_default())
                    .join("index.html");
                let target = std::fs::canonicalize(&target)
                    .unwrap_or_else(|e| panic!("{href} leads to a page: {e}"));
                assert!(
                    target.starts_with(out.join("es").canonicalize().expect("es folder")),
                    "{href} stays in the Spanish site"
                );
            }
        }
    }
}
