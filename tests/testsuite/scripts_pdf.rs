//! PDFs in every script: fonts of the machine for twelve languages in eleven scripts and emoji,
//! right-to-left pages typeset right-to-left, and what happens when no font is there.

use std::path::Path;
use std::process::Command;

use crate::pdf::pdf_text;
use crate::support::{Run, TestSite, Tool, skip_unless};

/// The text of a PDF as `pdftotext` reads it, whitespace collapsed.
/// The right edge (`xMax`) of every word of the first page, and the page's width.
fn word_right_edges(pdf: &Path) -> (f64, Vec<f64>) {
    let out = Command::new("pdftotext")
        .args(["-bbox", "-f", "1", "-l", "1"])
        .arg(pdf)
        .arg("-")
        .output()
        .expect("run pdftotext -bbox");
    let html = String::from_utf8_lossy(&out.stdout).into_owned();
    let attr = |line: &str, name: &str| -> Option<f64> {
        let start = line.find(&format!("{name}=\""))? + name.len() + 2;
        let end = start + line[start..].find('"')?;
        line[start..end].parse().ok()
    };
    let width = html
        .lines()
        .find_map(|l| attr(l, "width"))
        .expect("a page width");
    let edges = html
        .lines()
        .filter(|l| l.contains("<word"))
        .filter_map(|l| attr(l, "xMax"))
        .collect();
    (width, edges)
}

/// `circlekit` with the fonts of the machine turned off.
fn without_system_fonts(site: &TestSite, args: &[&str]) -> Run {
    let mut c = site.command(args);
    c.env("CIRCLEKIT_SYSTEM_FONTS", "0");
    Run::of(c)
}

#[test]
fn pdfs_in_every_script_hold_their_text() {
    skip_unless!(Tool::NotoFonts, Tool::Poppler);
    let site = TestSite::new("pdfs_in_every_script");
    site.run(&["build"]).code(0);
    // Twelve languages in eleven scripts, each week's own words.
    for (lang, text) in [
        ("ja", "今週の目標を書きます。"),
        ("ko", "이번 주의 목표를 적습니다."),
        ("zh", "向小组的每个人问好，写下本周的目标。"),
        ("ar", "قل مرحبا لأعضاء الحلقة"),
        ("fa", "به اعضای حلقه سلام کنید"),
        ("he", "אמרו שלום לחברי המעגל"),
        ("hi", "मंडल से मिलें।"),
        ("bn", "দলের সঙ্গে পরিচয়।"),
        ("ta", "அறிமுகம்"),
        ("ru", "Поздоровайтесь со всеми в круге"),
        ("el", "Πείτε γεια σε όλους στον κύκλο"),
        ("en", "Say hello to the circle"),
    ] {
        let pdf = site.path(&format!("public/downloads/{lang}/week-01-member.pdf"));
        let got = pdf_text(&pdf);
        assert!(got.contains(text), "{lang}: {text} not in {got}");
    }
    let kit = pdf_text(&site.path("public/downloads/hi/kit-contacts.pdf"));
    assert!(kit.contains("संपर्क"), "the Hindi kit: {kit}");
    let en = pdf_text(&site.path("public/downloads/en/week-01-member.pdf"));
    assert!(
        !en.contains("[U+1F604]"),
        "an emoji font is installed: {en}"
    );
}

/// Asserts that the first page of a language's week starts at the right margin and that
/// several of its lines end there.
fn assert_right_to_left(site: &TestSite, lang: &str) {
    let (width, edges) =
        word_right_edges(&site.path(&format!("public/downloads/{lang}/week-01-member.pdf")));
    let right_margin = width - 1.9 / 2.54 * 72.0;
    let near = |x: &f64| (x - right_margin).abs() < 3.0;
    assert!(
        edges.first().is_some_and(near),
        "{lang}: the title ends at the right margin ({right_margin}): {edges:?}"
    );
    let at_right = edges.iter().filter(|x| near(x)).count();
    assert!(
        at_right >= 4,
        "{lang}: lines end at the right margin ({right_margin}): {edges:?}"
    );
}

#[test]
fn arabic_pdfs_are_typeset_right_to_left() {
    skip_unless!(Tool::NotoFonts, Tool::Poppler);
    let site = TestSite::new("pdfs_in_every_script");
    site.run(&["build"]).code(0);
    assert_right_to_left(&site, "ar");
    let (width, en) = word_right_edges(&site.path("public/downloads/en/week-01-member.pdf"));
    let first = en.first().copied().unwrap_or_default();
    assert!(first < width / 2.0, "English starts at the left: {en:?}");
}

#[test]
fn hebrew_and_persian_pdfs_are_typeset_right_to_left() {
    skip_unless!(Tool::NotoFonts, Tool::Poppler);
    let site = TestSite::new("pdfs_in_every_script");
    site.run(&["build"]).code(0);
    assert_right_to_left(&site, "he");
    assert_right_to_left(&site, "fa");
}

#[test]
fn without_system_fonts_cjk_is_an_error_that_names_the_packages() {
    let site = TestSite::new("pdfs_in_every_script");
    without_system_fonts(&site, &["build"]).code(1).diagnostic(
        "error",
        "content/ja/weeks/01-arriving.md:3:8",
        &[
            "U+",
            "fonts-noto-cjk",
            "brew install",
            "Windows",
            "themes/default/fonts/",
        ],
    );
    assert!(!site.path("public").exists(), "nothing is written");
}

#[test]
fn emoji_without_an_emoji_font_print_as_stand_ins() {
    skip_unless!(Tool::Poppler);
    let site = TestSite::new("emoji_without_an_emoji_font_print_as_stand_ins");
    without_system_fonts(&site, &["build"]).code(0).diagnostic(
        "warning",
        "content/en/weeks/01-arriving.md:8:11",
        &["[U+1F604]", "[U+1F44B]", "fonts-noto-color-emoji"],
    );
    let text = pdf_text(&site.path("public/downloads/en/week-01-member.pdf"));
    assert!(text.contains("Say hello [U+1F604] and smile"), "{text}");
    assert!(text.contains("[U+1F44B]"), "{text}");
    // `check` says so too, and passes.
    without_system_fonts(&site, &["check"]).code(0).diagnostic(
        "warning",
        "content/en/weeks/01-arriving.md:8:11",
        &["[U+1F604]"],
    );
}

#[test]
fn the_fonts_of_the_machine_are_part_of_the_pdf_cache_key() {
    skip_unless!(Tool::NotoFonts, Tool::Poppler);
    let site = TestSite::new("emoji_without_an_emoji_font_print_as_stand_ins");
    site.run(&["build"]).code(0);
    site.run(&["build"])
        .code(0)
        .summary_starts_with("built")
        .stderr_has("(3 unchanged)");
    without_system_fonts(&site, &["build"]).code(0);
    let text = pdf_text(&site.path("public/downloads/en/week-01-member.pdf"));
    assert!(
        text.contains("[U+1F604]"),
        "made again without the emoji font: {text}"
    );
}

/// The fonts `pdffonts` lists in a PDF.
fn pdf_fonts(pdf: &Path) -> String {
    let out = Command::new("pdffonts")
        .arg(pdf)
        .output()
        .expect("run pdffonts (install poppler-utils)");
    String::from_utf8_lossy(&out.stdout).into_owned()
}

#[test]
fn each_language_gets_its_own_cjk_variant_and_print_fonts_come_first() {
    skip_unless!(Tool::NotoFonts, Tool::Poppler);
    let site = TestSite::new("pdfs_in_every_script");
    site.run(&["build"]).code(0);
    let ja = pdf_fonts(&site.path("public/downloads/ja/week-01-member.pdf"));
    let ko = pdf_fonts(&site.path("public/downloads/ko/week-01-member.pdf"));
    assert!(ja.contains("CJKjp") && !ja.contains("CJKkr"), "{ja}");
    assert!(ko.contains("CJKkr") && !ko.contains("CJKjp"), "{ko}");
    let config = site.read("book.toml");
    site.write(
        "book.toml",
        format!("{config}\n[print]\nfonts = [\"Noto Sans CJK JP\"]\n"),
    );
    site.run(&["build"]).code(0);
    let ja = pdf_fonts(&site.path("public/downloads/ja/week-01-member.pdf"));
    assert!(ja.contains("NotoSansCJKjp"), "[print] fonts first: {ja}");
}
