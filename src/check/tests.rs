//! Tests of the checks of a week's directive blocks, on whole one-week sites.

use std::path::Path;

use crate::diagnostic::Diagnostics;
use crate::site::{Site, SiteOptions};

/// Checks a one-week site whose week guide is `week` and returns `location: message` lines.
fn check_week(week: &str) -> Vec<String> {
    let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("tempdir: {e}"));
    let root = dir.path();
    let write = |rel: &str, text: &str| {
        let p = root.join(rel);
        if let Some(parent) = p.parent() {
            let _ = std::fs::create_dir_all(parent);
        }
        std::fs::write(&p, text).unwrap_or_else(|e| panic!("write {rel}: {e}"));
    };
    write("book.toml", "[circle]\nweeks = 1\nmeeting-minutes = 30\n");
    write("content/en/_index.md", "# Home\n");
    write("content/en/weeks/01-a.md", week);
    let (site, mut diags) = match Site::load(root, &SiteOptions::default()) {
        Ok(s) => s,
        Err(d) => return d.iter().map(|d| d.message.clone()).collect(),
    };
    super::check_site(&site, &mut diags);
    diags.relative_to(Path::new(&site.root));
    let mut all: Diagnostics = diags;
    all.sort();
    // These weeks time everything with one agenda item, "All", that names no part of
    // the page; what agenda items match is tested in tests/testsuite/rounds.rs.
    all.iter()
        .filter(|d| !d.message.starts_with("the agenda item"))
        .map(|d| format!("{}: {}", d.location(), d.message))
        .collect()
}

const HEAD: &str = "---\nweek: 1\ntitle: A\nagenda:\n  - title: All\n    minutes: 30\n---\n";

#[test]
fn reports_block_errors_at_file_line_and_column() {
    let found = check_week(&format!(
        "{HEAD}\n::: exersice Warm-up\nx\n:::\n\n::: before-next\n- [ ] y\n:::\n"
    ));
    assert_eq!(
        found,
        ["content/en/weeks/01-a.md:9:5: unknown block `::: exersice`"]
    );
}

#[test]
fn warns_when_exercises_outrun_the_agenda() {
    let found = check_week(&format!(
        "{HEAD}\n::: exercise One {{minutes=20}}\nx\n:::\n\n::: exercise Two {{minutes=15}}\ny\n:::\n\n::: before-next\n- [ ] y\n:::\n"
    ));
    assert_eq!(
        found,
        [
            "content/en/weeks/01-a.md:13:1: the exercises add up to 35 minutes, more than the 30 minutes of the agenda"
        ]
    );
}

#[test]
fn warns_about_a_missing_before_next_and_an_empty_exercise() {
    let found = check_week(&format!("{HEAD}\n::: exercise Empty\n\n:::\n"));
    assert_eq!(
        found,
        [
            "content/en/weeks/01-a.md: this week has no `::: before-next` block",
            "content/en/weeks/01-a.md:9:1: this exercise is empty",
        ]
    );
}

#[test]
fn reports_unclosed_blocks_and_worksheet_yaml_at_their_lines() {
    let found = check_week(&format!(
        "{HEAD}\n```worksheet\n- text: Goal\n  lines: ten\n```\n\n::: before-next\n- [ ] y\n"
    ));
    assert_eq!(
        found,
        [
            "content/en/weeks/01-a.md:11:10: worksheet: `lines` must be a whole number from 1 to 30, not `ten`",
            "content/en/weeks/01-a.md:14:1: `::: before-next` is not closed",
        ]
    );
}

#[test]
fn links_and_images_inside_blocks_are_checked_at_their_place() {
    let found = check_week(&format!(
        "{HEAD}\n::: before-next\n- [ ] See ![map](map.png) and [top](#nowhere)\n:::\n"
    ));
    assert_eq!(
        found,
        [
            "content/en/weeks/01-a.md:10:11: image to `map.png`, which does not exist (content/en/weeks/map.png)",
            "content/en/weeks/01-a.md:10:31: link to `#nowhere`: there is no heading with the anchor `#nowhere` in content/en/weeks/01-a.md",
        ]
    );
}
