//! A newcomer's usual mistakes: each gives one true error, first, with what to do; and
//! what `--strict`, `[check] links` and the gender star mean for what `check` says.

use crate::support::{TestSite, bundled_site, html_files, read};

/// The `error:`/`warning:` blocks of a run's stderr.
fn blocks(stderr: &str) -> Vec<&str> {
    stderr
        .split("\n\n")
        .filter(|b| b.starts_with("error: ") || b.starts_with("warning: "))
        .collect()
}

#[test]
fn one_front_matter_mistake_gives_one_error() {
    let site = TestSite::new("one_front_matter_mistake_gives_one_error");
    let run = site.run(&["check"]);
    run.code(1)
        .diagnostic(
            "error",
            "content/en/weeks/02-your-network.md:7:22",
            &[
                "front matter: mapping values are not allowed in this context",
                "7 |   - title: Exercise 1: Your relationship list",
                "help: a value that contains `: ` must be in quotes: `- title: \"Exercise 1: Your relationship list\"`",
            ],
        )
        .summary_starts_with("checked 4 pages: 1 error, 0 warnings in ");
    assert_eq!(blocks(&run.stderr).len(), 1, "only the true error\n{run}");
}

#[test]
fn an_unknown_key_in_an_agenda_item_lists_the_items_keys() {
    let site = TestSite::new("an_unknown_key_in_an_agenda_item_lists_the_items_keys");
    site.run(&["check"])
        .code(1)
        .diagnostic(
            "error",
            "content/en/weeks/01-arriving.md:8:5",
            &[
                "unknown key `minute` in agenda item 2",
                "8 |     minute: 40",
                "^^^^^^",
                "help: agenda item 2 takes these keys: title, minutes",
            ],
        )
        .summary_starts_with("checked 2 pages: 1 error, 0 warnings in ");
}

#[test]
fn an_unknown_key_in_a_worksheet_field_lists_the_fields_keys() {
    let site = TestSite::new("an_unknown_key_in_a_worksheet_field_lists_the_fields_keys");
    site.run(&["check"])
        .code(1)
        .diagnostic(
            "error",
            "content/en/_index.md:5:10",
            &[
                "worksheet: unknown key `linse` in a `text` field (its keys are `text`, `lines`)",
                "5 |   linse: 2",
            ],
        )
        .summary_starts_with("checked 1 page: 1 error, 0 warnings in ");
}

#[test]
fn a_tab_in_front_matter_says_to_indent_with_spaces() {
    let site = TestSite::new("a_tab_in_front_matter_says_to_indent_with_spaces");
    let run = site.run(&["check"]);
    run.code(1)
        .diagnostic(
            "error",
            "content/en/about.md:3:1",
            &["help: YAML does not allow tabs: indent with spaces"],
        )
        .summary_starts_with("checked 2 pages: 1 error, 0 warnings in ");
    assert_eq!(blocks(&run.stderr).len(), 1, "{run}");
}

#[test]
fn a_front_matter_without_its_closing_line_says_where_the_markdown_starts() {
    let site =
        TestSite::new("a_front_matter_without_its_closing_line_says_where_the_markdown_starts");
    let run = site.run(&["check"]);
    run.code(1)
        .diagnostic(
            "error",
            "content/en/about.md:1:1",
            &[
                "front matter is not closed",
                "help: end the front matter with a line `---` before the Markdown starts (line 4 is empty: the Markdown probably starts after it)",
            ],
        )
        .summary_starts_with("checked 2 pages: 1 error, 0 warnings in ");
    // The link to the page's heading resolves: the page's body is read from line 5 on.
    assert_eq!(blocks(&run.stderr).len(), 1, "{run}");
}

#[test]
fn a_quoted_number_in_book_toml_says_to_write_it_without_quotes() {
    let site = TestSite::new("a_quoted_number_in_book_toml_says_to_write_it_without_quotes");
    site.run(&["check"])
        .code(1)
        .diagnostic(
            "error",
            "book.toml:5:9",
            &[
                "`weeks` must be a whole number, not the text \"12\"",
                "5 | weeks = \"12\"",
                "^^^^",
                "help: write the number without quotes: `weeks = 12`",
            ],
        )
        .summary_starts_with("checked 0 pages: 1 error, 0 warnings in ");
}

#[test]
fn strict_labels_and_counts_warnings_as_errors() {
    let site = TestSite::new("strict_labels_and_counts_warnings_as_errors");
    let location = "content/en/weeks/01-arriving.md:4:1";
    let words = ["the agenda adds up to 70 minutes, but the meeting lasts 60"];
    site.run(&["check"])
        .code(0)
        .diagnostic("warning", location, &words)
        .summary_starts_with("checked 2 pages: 0 errors, 1 warning in ");
    site.run(&["check", "--strict"])
        .code(1)
        .diagnostic("error", location, &words)
        .summary_starts_with("checked 2 pages: 1 error, 0 warnings in ");
    site.run(&["build", "--strict"])
        .code(1)
        .diagnostic("error", location, &words)
        .summary_starts_with("build failed: 1 error, 0 warnings in ");
    let json = site.run(&["check", "--strict", "--format", "json"]);
    json.code(1);
    assert!(json.stdout.contains("\"severity\": \"error\""), "{json}");
    assert!(!json.stdout.contains("\"severity\": \"warning\""), "{json}");
}

#[test]
fn warns_about_a_gender_star_that_opens_emphasis() {
    let site = TestSite::new("warns_about_a_gender_star_that_opens_emphasis");
    let run = site.run(&["check"]);
    run.code(0)
        .diagnostic(
            "warning",
            "content/de/_index.md:3:26",
            &[
                "the `*` in `Lehrer*innen` starts emphasis: the text up to the next `*` comes out in italics",
                "^",
                "help: write `\\*` to show a star: `Lehrer\\*innen`",
            ],
        )
        .summary_starts_with("checked 1 page: 0 errors, 1 warning in ");
    // The escaped star and a lone star that opens nothing are fine.
    assert_eq!(blocks(&run.stderr).len(), 1, "{run}");
}

#[test]
fn broken_links_are_warnings_when_book_toml_says_so() {
    let site = TestSite::new("broken_links_are_warnings_when_book_toml_says_so");
    let page = "content/en/_index.md";
    site.run(&["check"])
        .code(0)
        .diagnostic(
            "warning",
            &format!("{page}:3:10"),
            &["link to `faq.md`, which does not exist (content/en/faq.md)"],
        )
        .diagnostic(
            "warning",
            &format!("{page}:3:28"),
            &["link to `#getting-started`: there is no heading with the anchor `#getting-started` in content/en/_index.md"],
        )
        .summary_starts_with("checked 1 page: 0 errors, 2 warnings in ");
    site.run(&["build"]).code(0).summary_starts_with("built ");
    assert!(site.path("public/index.html").is_file());
    site.run(&["check", "--strict"])
        .code(1)
        .diagnostic("error", &format!("{page}:3:10"), &["link to `faq.md`"])
        .summary_starts_with("checked 1 page: 2 errors, 0 warnings in ");
}

#[test]
fn the_bundled_german_text_shows_gender_stars_not_italics() {
    let out = bundled_site(&[]);
    let mut stars = 0;
    for file in html_files(&out.join("de")) {
        let text = read(&file);
        stars += text.matches("Lehrer*innen").count() + text.matches("Moderator*in").count();
        for (i, _) in text.match_indices("<em>") {
            let before = text[..i].chars().next_back();
            assert!(
                !before.is_some_and(char::is_alphabetic),
                "a star between letters became emphasis in {}: …{}",
                file.display(),
                &text[i.saturating_sub(40)..(i + 40).min(text.len())]
            );
        }
    }
    assert!(stars > 0, "the German pages show their gender stars");
}

#[test]
fn the_code_and_the_content_carry_their_licences() {
    let repo = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
    let mit = read(&repo.join("LICENSE-MIT"));
    assert!(mit.contains("Copyright (c) The circlekit authors"), "{mit}");
    assert!(mit.contains("Permission is hereby granted, free of charge"));
    let apache = read(&repo.join("LICENSE-APACHE"));
    assert!(apache.contains("Apache License") && apache.contains("Version 2.0, January 2004"));
    let content = read(&repo.join("content/LICENSE"));
    assert!(content.contains("https://creativecommons.org/licenses/by/4.0/"));
    assert!(content.contains("Creative Commons Attribution 4.0 International Public License"));
    let readme = read(&repo.join("README.md"));
    for name in ["LICENSE-MIT", "LICENSE-APACHE", "content/LICENSE"] {
        assert!(readme.contains(name), "README.md names {name}");
    }
}
