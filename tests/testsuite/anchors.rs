//! Anchors: GitHub's heading ids in every script, ids that survive translation, raw HTML
//! links resolved like Markdown ones, and a bundled site without a single broken link.

use circlekit::markdown::{github_id, outline};

use crate::support::fixtures;

/// Reads a JSON string cell of the slug table.
fn cell(s: &str) -> String {
    serde_json::from_str(s).unwrap_or_else(|e| panic!("{s:?} is a JSON string: {e}"))
}

#[test]
fn heading_ids_match_githubs_slugger_in_every_script() {
    let table = std::fs::read_to_string(fixtures().join("github_slugs/slugs.tsv"))
        .expect("the slug table (scripts/gen-slug-table.mjs)");
    let mut rows = 0;
    let mut wrong = Vec::new();
    for line in table.lines().filter(|l| !l.starts_with('#')) {
        let (heading, id) = line.split_once('\t').expect("two cells");
        let (heading, id) = (cell(heading), cell(id));
        rows += 1;
        let ours = github_id(&heading);
        if ours != id {
            wrong.push(format!("{heading:?}: GitHub {id:?}, ours {ours:?}"));
        }
    }
    assert!(rows >= 60, "only {rows} headings in the table");
    assert!(wrong.is_empty(), "ids differ from GitHub's:\n{}", wrong.join("\n"));
}

#[test]
fn repeated_headings_get_githubs_numbered_ids() {
    let text = std::fs::read_to_string(fixtures().join("github_slugs/repeats.json"))
        .expect("the repeats table");
    let pages: Vec<serde_json::Value> = serde_json::from_str(&text).expect("JSON");
    assert!(pages.len() >= 3);
    for page in pages {
        let headings: Vec<String> = serde_json::from_value(page["headings"].clone()).expect("headings");
        let ids: Vec<String> = serde_json::from_value(page["ids"].clone()).expect("ids");
        let body: String = headings.iter().map(|h| format!("## {h}\n\ntext\n\n")).collect();
        let ours: Vec<String> = outline(&body).headings.into_iter().map(|h| h.id).collect();
        assert_eq!(ours, ids, "{headings:?}");
    }
}
