//! Bad input: each problem gets a diagnostic at `path:line:col` that says what to do, and exit 1.

use crate::support::TestSite;

#[test]
fn rejects_malformed_front_matter() {
    let site = TestSite::new("rejects_malformed_front_matter");
    site.run(&["build"])
        .code(1)
        .diagnostic(
            "error",
            "content/en/about.md:3:21",
            &[
                "mapping values are not allowed",
                "description: Circles: small groups",
                "help: a value that contains `: ` must be in quotes: `description: \"Circles: small groups\"`",
            ],
        )
        .summary_starts_with("build failed: 1 error, 0 warnings in ");
    assert!(
        !site.path("public").exists(),
        "a failed build writes nothing"
    );
}

#[test]
fn rejects_unclosed_front_matter() {
    let site = TestSite::new("rejects_unclosed_front_matter");
    site.run(&["build"])
        .code(1)
        .diagnostic(
            "error",
            "content/en/about.md:1:1",
            &[
                "front matter is not closed",
                "help: end the front matter with a line `---`",
            ],
        )
        .summary_starts_with("build failed: 1 error, 0 warnings in ");
}

#[test]
fn rejects_a_wrong_front_matter_type() {
    let site = TestSite::new("rejects_a_wrong_front_matter_type");
    site.run(&["build"]).code(1).diagnostic(
        "error",
        "content/en/weeks/01-arriving.md:2:7",
        &[
            "`week` has the wrong type",
            "\"three\"",
            "week: \"three\"",
            "help: check the value's type: numbers without quotes",
        ],
    );
}

#[test]
fn rejects_an_unknown_front_matter_key() {
    let site = TestSite::new("rejects_an_unknown_front_matter_key");
    site.run(&["build"]).code(1).diagnostic(
        "error",
        "content/en/weeks/01-arriving.md:3:1",
        &[
            "unknown front-matter key `titel`",
            "^^^^^",
            "help: valid keys are: week, title, summary",
        ],
    );
}

#[test]
fn rejects_two_guides_with_the_same_week() {
    let site = TestSite::new("rejects_two_guides_with_the_same_week");
    site.run(&["build"])
        .code(1)
        .diagnostic(
            "error",
            "content/en/weeks/02-network.md:3:1",
            &[
                "week 1 is already content/en/weeks/01-arriving.md",
                "help: give each guide its own week number",
            ],
        )
        // The second guide was meant to be week 2, which is therefore missing too.
        .diagnostic("error", "content/en/weeks", &["week 2 is missing"])
        .summary_starts_with("build failed: 2 errors, 0 warnings in ");
}

#[test]
fn rejects_a_week_above_the_configured_weeks() {
    let site = TestSite::new("rejects_a_week_above_the_configured_weeks");
    site.run(&["build"])
        .code(1)
        .diagnostic(
            "error",
            "content/en/weeks/02-network.md:4:1",
            &[
                "week 2 is outside the program: book.toml says `weeks = 1`",
                "help: number weeks from 1 to 1, or raise `[circle] weeks` in book.toml",
            ],
        )
        .summary_starts_with("build failed: 1 error, 0 warnings in ");
}

#[test]
fn rejects_a_missing_week() {
    let site = TestSite::new("rejects_a_missing_week");
    site.run(&["build"])
        .code(1)
        .diagnostic(
            "error",
            "content/en/weeks",
            &[
                "week 2 is missing",
                "help: add content/en/weeks/02-….md with `week: 2`, or lower `[circle] weeks` in book.toml",
            ],
        )
        .summary_starts_with("build failed: 1 error, 0 warnings in ");
}

#[test]
fn names_every_missing_week_in_one_error_in_week_order() {
    let site = TestSite::new("rejects_a_missing_week");
    site.write(
        "book.toml",
        "[book]\ntitle = \"Test circle\"\n\n[circle]\nweeks = 12\n",
    );
    let run = site.run(&["build"]);
    run.code(1)
        .diagnostic(
            "error",
            "content/en/weeks",
            &[
                "weeks 2 and 4–12 are missing",
                "help: add a guide for each (content/en/weeks/02-….md with `week: 2`, and so on), or lower `[circle] weeks` in book.toml",
            ],
        )
        .summary_starts_with("build failed: 1 error, 0 warnings in ");
    assert!(!run.stderr.contains("week 10"), "{}", run.stderr);
}

#[test]
fn weeks_missing_at_the_end_suggest_the_number_of_weeks_written() {
    let site = TestSite::new("rejects_a_missing_week");
    std::fs::remove_file(site.path("content/en/weeks/03-habits.md")).expect("remove week 3");
    site.write(
        "book.toml",
        "[book]\ntitle = \"Test circle\"\n\n[circle]\nweeks = 5\n",
    );
    site.run(&["build"])
        .code(1)
        .diagnostic(
            "error",
            "content/en/weeks",
            &[
                "weeks 2–5 are missing",
                "help: add a guide for each (content/en/weeks/02-….md with `week: 2`, and so on), or set `weeks = 1` under `[circle]` in book.toml",
            ],
        )
        .summary_starts_with("build failed: 1 error, 0 warnings in ");
}

#[test]
fn warns_when_the_agenda_does_not_add_up() {
    let site = TestSite::new("warns_when_the_agenda_does_not_add_up");
    let words = [
        "the agenda adds up to 50 minutes, but the meeting lasts 45",
        "help: shorten items by 5 minutes, or set `minutes: 50`",
    ];
    let location = "content/en/weeks/01-arriving.md:5:1";
    site.run(&["build"])
        .code(0)
        .diagnostic("warning", location, &words)
        .summary_starts_with("built ")
        .stderr_has(", 1 warning");
    assert!(site.path("public/weeks/01-arriving/index.html").is_file());
    std::fs::remove_dir_all(site.path("public")).expect("remove the output");

    // With --strict the warning is an error: labelled and counted as one.
    site.run(&["build", "--strict"])
        .code(1)
        .diagnostic("error", location, &words)
        .summary_starts_with("build failed: 1 error, 0 warnings in ");
    assert!(
        !site.path("public").exists(),
        "a strict build with warnings writes nothing"
    );

    site.run(&["check"])
        .code(0)
        .diagnostic("warning", location, &words);
    site.run(&["check", "--strict"])
        .code(1)
        .diagnostic("error", location, &words);
}

#[test]
fn rejects_unknown_config_key() {
    let site = TestSite::new("rejects_unknown_config_key");
    site.run(&["build"])
        .code(1)
        .diagnostic(
            "error",
            "book.toml:6:1",
            &[
                "unknown key `meeting-lenght` in book.toml",
                "^^^^^^^^^^^^^^",
                "help: valid keys here are: weeks, meeting-minutes, group-size",
            ],
        )
        .summary_starts_with("build failed: 1 error, 0 warnings in ");
}

#[test]
fn rejects_an_invalid_config_value() {
    let site = TestSite::new("rejects_an_invalid_config_value");
    site.run(&["check"])
        .code(1)
        .diagnostic(
            "error",
            "book.toml:3:1",
            &[
                "`English` is not a language code",
                "help: use a BCP 47 code",
            ],
        )
        .diagnostic(
            "error",
            "book.toml:7:1",
            &[
                "`group-size = [5, 4]` is not a range of people",
                "help: write the smallest",
            ],
        )
        .summary_starts_with("checked 0 pages: 2 errors, 0 warnings in ");
}

#[test]
fn rejects_a_template_syntax_error() {
    let site = TestSite::new("rejects_a_template_syntax_error");
    site.run(&["build"])
        .code(1)
        .diagnostic(
            "error",
            "themes/default/templates/week.html:4:38",
            &[
                "template syntax error",
                "expected }}",
                "help: fix the template",
            ],
        )
        .summary_starts_with("build failed: 1 error, 0 warnings in ");
}

#[test]
fn rejects_a_template_with_an_unknown_variable() {
    let site = TestSite::new("rejects_a_template_with_an_unknown_variable");
    site.run(&["build"])
        .code(1)
        .diagnostic(
            "error",
            "themes/default/templates/week.html:4:25",
            &[
                "Field `subtitle` is not defined",
                "Available fields:",
                "help: fix the template",
                "(met while rendering content/en/weeks/01-arriving.md)",
            ],
        )
        .summary_starts_with("build failed: 1 error, 0 warnings in ");
    assert!(
        !site.path("public").exists(),
        "a failed build writes nothing"
    );
}

#[test]
fn rejects_a_non_utf8_file() {
    let site = TestSite::new("rejects_a_non_utf8_file");
    site.run(&["build"])
        .code(1)
        .diagnostic(
            "error",
            "content/en/about.md:2:11",
            &[
                "this file is not valid UTF-8",
                "help: save the file with UTF-8 encoding",
            ],
        )
        .summary_starts_with("build failed: 1 error, 0 warnings in ");
}

#[test]
fn reports_every_problem_at_once() {
    let site = TestSite::new("reports_every_problem_at_once");
    let run = site.run(&["check"]);
    run.code(1)
        .diagnostic("error", "content/en/_index.md:5:6", &["link to `faq.md`"])
        .diagnostic(
            "error",
            "content/en/about.md:3:1",
            &["unknown front-matter key `colour`"],
        )
        // A page whose front matter fails still has its links checked.
        .diagnostic("error", "content/en/about.md:6:5", &["link to `faq.md`"])
        .diagnostic("error", "content/en/weeks", &["week 2 is missing"])
        .diagnostic(
            "warning",
            "content/en/weeks/01-arriving.md:4:1",
            &["agenda adds up to 10"],
        )
        .diagnostic(
            "error",
            "themes/default/templates/page.html:2:40",
            &["template syntax error"],
        )
        .summary_starts_with("checked 3 pages: 5 errors, 1 warning in ");
    // In a stable order: by file, then line.
    let order: Vec<usize> = [
        "content/en/_index.md",
        "content/en/about.md",
        "content/en/weeks\n",
        "content/en/weeks/01-arriving.md",
        "themes/default/templates/page.html",
    ]
    .iter()
    .map(|p| {
        run.stderr
            .find(&format!("--> {p}"))
            .expect("each location is printed")
    })
    .collect();
    assert!(order.is_sorted(), "diagnostics are sorted by path\n{run}");
}

#[test]
fn a_broken_week_is_not_also_reported_missing() {
    let site = TestSite::new("a_broken_week_is_not_also_reported_missing");
    let run = site.run(&["check"]);
    run.code(1).diagnostic(
        "error",
        "content/en/weeks/01-arriving.md:2:7",
        &["`week` has the wrong type"],
    );
    assert!(!run.stderr.contains("is missing"), "{}", run.stderr);
}

#[test]
fn warns_when_a_draft_week_is_left_out() {
    let site = TestSite::new("warns_when_a_draft_week_is_left_out");
    site.run(&["build"])
        .code(0)
        .diagnostic(
            "warning",
            "content/en/weeks/02-next.md",
            &[
                "week 2 is a draft, so the program is published without it",
                "help: remove `draft: true` when it is ready",
            ],
        )
        .summary_starts_with("built ");
    site.run(&["build", "--strict"]).code(1);
    site.run(&["build", "--drafts"]).code(0);
    assert!(site.path("public/weeks/02-next/index.html").exists());
}
