//! How the PDFs' text is aligned: on one side by default, as on the web pages (easier to
//! read, WCAG 1.4.8), or on both margins with `[print] justify = true`. Read back with
//! poppler's `pdftotext -bbox-layout`, which gives every line's box.

use std::path::Path;

use crate::pdf::poppler;
use crate::support::{TestSite, Tool, skip_unless};

/// A paragraph long enough for a dozen lines, of words of every length.
const PARAGRAPH: &str = "Bring the notebook you started in the first week and read back \
    what you wrote about the people who helped you. Then choose one person you have not \
    thanked yet, and write three sentences you could send them this week: what they did, \
    what changed because of it, and what you would like to do together next. Compare \
    your sentences with the person beside you; notice which words feel natural, which \
    ones feel borrowed, and what an acknowledgement costs when it is specific. \
    Responsibilities, appreciation, extraordinarily thoughtful encouragement and \
    unconditional companionship are the long words of this exercise; short ones do the \
    rest. Finish by agreeing on a day to report back, and keep the notebook for the \
    meeting after next.";

/// The right edges (`xMax`) of the lines of the first page's longest block of text.
fn longest_block_line_ends(pdf: &Path) -> Vec<f64> {
    let xml = poppler("pdftotext", &["-bbox-layout", "-f", "1", "-l", "1"], pdf);
    let x_max = |tag: &str| -> Option<f64> {
        let start = tag.find("xMax=\"")? + 6;
        let end = start + tag[start..].find('"')?;
        tag[start..end].parse().ok()
    };
    xml.split("<block ")
        .skip(1)
        .map(|block| {
            block
                .split("<line ")
                .skip(1)
                .filter_map(x_max)
                .collect::<Vec<f64>>()
        })
        .max_by_key(Vec::len)
        .unwrap_or_default()
}

/// How far apart the ends of a paragraph's lines lie, its last line left out.
fn spread(ends: &[f64]) -> f64 {
    let inner = &ends[..ends.len().saturating_sub(1)];
    let max = inner.iter().copied().fold(f64::MIN, f64::max);
    let min = inner.iter().copied().fold(f64::MAX, f64::min);
    max - min
}

/// The minimal site with one long paragraph in its week.
fn site_with_a_long_paragraph(justify: Option<bool>) -> TestSite {
    let site = TestSite::minimal();
    site.write(
        "content/en/weeks/01-arriving.md",
        format!("---\nweek: 1\ntitle: Arriving\n---\n\n## Thanks\n\n{PARAGRAPH}\n"),
    );
    if let Some(on) = justify {
        let mut toml = site.read("book.toml");
        toml.push_str(&format!("\n[print]\njustify = {on}\n"));
        site.write("book.toml", toml);
    }
    site.run(&["build"]).code(0);
    site
}

#[test]
fn pdf_text_is_aligned_on_one_side_unless_the_book_asks_for_justified_text() {
    skip_unless!(Tool::Poppler);
    let pdf = "public/downloads/en/week-01-member.pdf";

    let ragged = longest_block_line_ends(&site_with_a_long_paragraph(None).path(pdf));
    assert!(ragged.len() >= 6, "a paragraph of many lines: {ragged:?}");
    assert!(
        spread(&ragged) > 8.0,
        "by default lines end where their words do: {ragged:?}"
    );

    let justified = longest_block_line_ends(&site_with_a_long_paragraph(Some(true)).path(pdf));
    assert!(
        justified.len() >= 6,
        "a paragraph of many lines: {justified:?}"
    );
    // Within 2.5 pt: hyphens and punctuation at a line's end hang a little into the margin.
    assert!(
        spread(&justified) < 2.5,
        "with [print] justify = true every line but the last ends at the margin: {justified:?}"
    );

    // Saying false is the default, byte for byte.
    let off = site_with_a_long_paragraph(Some(false));
    let default = site_with_a_long_paragraph(None);
    assert_eq!(
        std::fs::read(off.path(pdf)).expect("read the PDF"),
        std::fs::read(default.path(pdf)).expect("read the PDF"),
    );
}

#[test]
fn a_theme_template_without_the_justify_parameter_is_one_error_at_its_guide_function() {
    // This theme's guide.typ predates `justify`: it sets justified text itself.
    let site = TestSite::new("a_theme_replaces_the_pdf_template");
    let template = site.read("themes/default/typst/guide.typ");
    let line = 1 + template
        .lines()
        .position(|l| l.starts_with("#let guide("))
        .expect("the template defines guide");
    let location = format!("themes/default/typst/guide.typ:{line}:2");
    let words = ["[print] justify = true", "justify: false,", "init --theme"];

    // Without the setting, it builds as it always did.
    site.run(&["build", "--no-pdf"]).code(0);
    let mut toml = site.read("book.toml");
    toml.push_str("\n[print]\njustify = true\n");
    site.write("book.toml", toml);

    // One error, not one per PDF, from `build` and from `check` alike.
    for args in [&["build"][..], &["check"][..]] {
        let run = site.run(args);
        run.code(1).diagnostic("error", &location, &words);
        assert_eq!(run.stderr.matches("error: ").count(), 1, "{run}");
    }
    // The failed build left the last output as it was.
    assert!(site.path("public/index.html").is_file());
}
