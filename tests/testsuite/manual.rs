//! The manual in `docs/`: a circlekit site of pages only, checked strictly, with a
//! reference that is generated from the schemas and must be kept up to date.

use std::path::Path;

use circlekit::schema::{SchemaName, markdown};
use scraper::{Html, Selector};

use crate::support::{TestSite, read, run_in};

fn repo() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

#[test]
fn the_manual_passes_check_strict() {
    let run = run_in(repo(), &["--root", "docs", "check", "--strict"]);
    run.code(0);
    assert!(
        run.summary().contains("0 errors, 0 warnings"),
        "the manual has warnings:\n{run}"
    );
}

#[test]
fn the_committed_reference_is_generated_from_the_current_schemas() {
    let mut stale = Vec::new();
    for name in SchemaName::ALL {
        let rel = format!("docs/content/en/reference/{}.md", name.name());
        let path = repo().join(&rel);
        let committed = std::fs::read_to_string(&path).unwrap_or_default();
        if committed.replace("\r\n", "\n") != markdown(name) {
            stale.push(rel);
        }
    }
    assert!(
        stale.is_empty(),
        "stale reference pages: {}\nregenerate them with:\n  for n in book week page kit worksheet; do \
         cargo run --no-default-features -- schema --markdown $n > docs/content/en/reference/$n.md; done",
        stale.join(", ")
    );
}

#[test]
fn every_command_has_a_page_in_the_manual() {
    let help = run_in(repo(), &["--help"]);
    help.code(0);
    let commands: Vec<&str> = help
        .stdout
        .split("Commands:")
        .nth(1)
        .and_then(|rest| rest.split("\n\n").next())
        .unwrap_or_default()
        .lines()
        .filter_map(|l| l.split_whitespace().next())
        .filter(|c| *c != "help")
        .collect();
    assert!(commands.len() >= 8, "{commands:?}\n{help}");
    let missing: Vec<&&str> = commands
        .iter()
        .filter(|c| {
            !repo()
                .join(format!("docs/content/en/commands/{c}.md"))
                .is_file()
        })
        .collect();
    assert!(
        missing.is_empty(),
        "no page in docs/content/en/commands/ for {missing:?}"
    );
}

#[test]
fn the_readme_links_only_to_manual_pages_that_exist() {
    let readme = read(&repo().join("README.md"));
    let links: Vec<&str> = readme
        .split("](")
        .skip(1)
        .filter_map(|rest| rest.split(')').next())
        .filter(|target| target.starts_with("docs/"))
        .collect();
    assert!(
        links.len() >= 5,
        "the README links into the manual: {links:?}"
    );
    for target in links {
        let file = target.split('#').next().unwrap_or(target);
        assert!(
            repo().join(file).exists(),
            "README links to missing {target}"
        );
    }
}

#[test]
fn a_folders_index_page_is_in_the_main_menu() {
    let site = TestSite::new("a_folders_index_page_is_in_the_main_menu");
    site.run(&["build", "--strict"]).code(0);
    let home = Html::parse_document(&site.read("public/index.html"));
    let links = Selector::parse(".main-menu a").expect("selector");
    let menu: Vec<(String, String)> = home
        .select(&links)
        .map(|a| {
            (
                a.text().collect::<String>(),
                a.value().attr("href").unwrap_or_default().to_string(),
            )
        })
        .collect();
    assert_eq!(
        menu,
        [
            ("Start".to_string(), "start/".to_string()),
            ("Commands".to_string(), "commands/".to_string())
        ],
        "a top-level folder's index page is in the menu, the pages inside it are not"
    );
}

/// A merge left half-done shows its markers to every reader: none may be committed in the
/// README, the manual, the code, the tests, the scripts or the workflows.
#[test]
fn no_file_holds_merge_conflict_markers() {
    let mut found = Vec::new();
    for top in [
        "README.md",
        "docs",
        "src",
        "tests",
        "scripts",
        ".github",
        ".ci",
    ] {
        for entry in walkdir::WalkDir::new(repo().join(top)) {
            let entry = entry.expect("walk the repository");
            let Ok(text) = std::fs::read_to_string(entry.path()) else {
                continue;
            };
            for (n, line) in text.lines().enumerate() {
                if line.starts_with("<<<<<<< ") || line.starts_with(">>>>>>> ") {
                    found.push(format!("{}:{}", entry.path().display(), n + 1));
                }
            }
        }
    }
    assert!(found.is_empty(), "conflict markers at {found:?}");
}
