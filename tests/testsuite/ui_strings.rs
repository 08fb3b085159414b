//! Built-in UI strings in many languages: translated buttons and labels, right-to-left
//! pages, language codes that find their strings by region or script, and counts that
//! follow each language's plural rules in Rust and in the browser.

use serde_json::{Value, json};

use crate::browser::Browser;
use crate::support::{TestSite, Tool, attrs, html, skip_unless, text_of};

fn built() -> TestSite {
    let site = TestSite::new("ui_strings");
    let run = site.run(&["build", "--no-pdf"]);
    run.code(0);
    assert!(
        !run.stderr.contains("no UI strings") && !run.stderr.contains("is missing for"),
        "every language has complete built-in strings:\n{}",
        run.stderr
    );
    site
}

#[test]
fn pages_in_new_languages_show_their_own_buttons_and_arabic_reads_right_to_left() {
    let site = built();
    let cases = [
        ("ja", "ltr", "本文へ移動", "検索"),
        ("ar", "rtl", "انتقل إلى المحتوى", "بحث"),
        ("pl", "ltr", "Przejdź do treści", "Szukaj"),
        ("ru", "ltr", "Перейти к содержанию", "Поиск"),
        ("zh-TW", "ltr", "跳至主要內容", "搜尋"),
    ];
    for (lang, dir, skip, search) in cases {
        let home = html(&site.path(&format!("public/{lang}/index.html")));
        assert_eq!(attrs(&home, "html", "lang"), [lang]);
        assert_eq!(attrs(&home, "html", "dir"), [dir], "{lang}");
        assert_eq!(text_of(&home, "a.skip"), skip, "{lang}");
        assert_eq!(
            attrs(&home, "form.search", "aria-label")[0],
            search,
            "{lang}"
        );
    }
    let en = html(&site.path("public/index.html"));
    assert_eq!(attrs(&en, "html", "dir"), ["ltr"]);
}

#[test]
fn exercise_minutes_follow_each_languages_plural_rules() {
    let site = built();
    let cases = [
        ("", "5 minutes"),
        ("pl/", "5 minut"),
        ("ru/", "5 минут"),
        ("ar/", "5 دقائق"),
        ("ja/", "5 分"),
    ];
    for (prefix, badge) in cases {
        let week = html(&site.path(&format!("public/{prefix}weeks/01-arriving/index.html")));
        assert_eq!(text_of(&week, ".minutes-badge"), badge, "{prefix}");
    }
    // The meeting's length in templates, through the `count` filter.
    for (prefix, chip) in [
        ("", "7 minutes"),
        ("pl/", "7 minut"),
        ("ru/", "7 минут"),
        ("ar/", "7 دقائق"),
    ] {
        let week = html(&site.path(&format!("public/{prefix}weeks/01-arriving/index.html")));
        assert_eq!(text_of(&week, ".chip"), chip, "{prefix}");
        let weeks = html(&site.path(&format!("public/{prefix}weeks/index.html")));
        assert_eq!(text_of(&weeks, ".meta"), chip, "{prefix}");
    }
}

#[test]
fn the_week_kicker_follows_each_languages_word_order() {
    let site = built();
    for (prefix, kicker) in [
        ("", "Week 1 of 1"),
        ("ja/", "第 1 週（全 1 週）"),
        ("ar/", "الأسبوع 1 من 1"),
        ("pl/", "Tydzień 1 z 1"),
    ] {
        let week = html(&site.path(&format!("public/{prefix}weeks/01-arriving/index.html")));
        assert_eq!(text_of(&week, ".eyebrow"), kicker, "{prefix}");
        let print = html(&site.path(&format!(
            "public/{prefix}print/weeks/01-arriving/index.html"
        )));
        assert_eq!(text_of(&print, ".kicker"), kicker, "{prefix} print");
    }
}

#[test]
fn the_faq_filter_gets_every_plural_form_of_its_language() {
    let site = built();
    let forms = |lang: &str| -> Value {
        let faq = html(&site.path(&format!("public/{lang}faq/index.html")));
        let json = attrs(&faq, "[data-faq-status]", "data-forms").remove(0);
        serde_json::from_str(&json).expect("the forms are JSON")
    };
    assert_eq!(
        forms(""),
        json!({"one": "{n} question matches", "other": "{n} questions match"})
    );
    let pl = forms("pl/");
    assert_eq!(pl["few"], "Pasują {n} pytania");
    assert_eq!(pl["many"], "Pasuje {n} pytań");
    let ar = forms("ar/");
    let mut cats: Vec<_> = ar.as_object().expect("an object").keys().cloned().collect();
    cats.sort();
    assert_eq!(cats, ["few", "many", "one", "other", "two", "zero"]);
    assert_eq!(forms("ja/"), json!({"other": "{n} 件の質問が一致"}));
}

#[test]
fn the_polish_faq_filter_counts_one_few_and_many_matches() {
    skip_unless!(Tool::Chromium);
    let site = built();
    let browser = Browser::start();
    browser.open_file(&site.path("public/pl/faq/index.html"));
    assert!(browser.wait_for("!document.querySelector('[data-faq-filter]').hidden"));
    let status = |word: &str| -> Value {
        browser.eval(&format!(
            "const el = document.querySelector('#faq-filter-input'); el.value = {word:?};
             el.dispatchEvent(new Event('input', {{bubbles: true}}));
             return [document.querySelectorAll('[data-faq-question]:not([hidden])').length,
                     document.querySelector('[data-faq-status]').textContent];"
        ))
    };
    assert_eq!(status("kawiarni"), json!([1, "Pasuje 1 pytanie"]));
    assert_eq!(status("moderator"), json!([2, "Pasują 2 pytania"]));
    assert_eq!(status("kr"), json!([5, "Pasuje 5 pytań"]));
}

/// The text of a PDF as `pdftotext` reads it, whitespace collapsed.
#[cfg(feature = "pdf")]
#[test]
fn pdf_labels_and_counts_come_from_the_languages_strings() {
    skip_unless!(Tool::Poppler);
    let site = TestSite::new("ui_strings");
    for lang in ["ja", "ar", "zh-TW"] {
        std::fs::remove_dir_all(site.path(&format!("content/{lang}"))).expect("remove");
    }
    site.write(
        "book.toml",
        "[book]\ntitle = \"Circles\"\n\n[circle]\nweeks = 1\nmeeting-minutes = 7\n\n\
         [languages.pl]\ntitle = \"Kręgi\"\n\n[languages.ru]\ntitle = \"Круги\"\n",
    );
    site.run(&["build"]).code(0);
    let cases = [
        (
            "pl",
            [
                "Tydzień 1 z 1",
                "Wydanie dla uczestników",
                "Plan spotkania · 7 minut",
                "5 minut",
            ],
        ),
        (
            "ru",
            [
                "Неделя 1 из 1",
                "Издание для участников",
                "План встречи · 7 минут",
                "5 минут",
            ],
        ),
    ];
    for (lang, words) in cases {
        let text = crate::pdf::pdf_text(
            &site.path(&format!("public/downloads/{lang}/week-01-member.pdf")),
        );
        for w in words {
            assert!(text.contains(w), "{lang}: {w:?} in {text}");
        }
        assert!(!text.contains("Week 1"), "{lang}: {text}");
    }
}
