//! Starting a program: `init DIR` (a small program of your own), `init --example`, the
//! next commands it tells, `new page`, `new kit` and `clean`.

use std::path::{Path, PathBuf};
use std::process::Command;

use crate::support::{BIN, Run, TestSite, names_in, read, run_in};

/// Runs `circlekit init ARGS` in a new temporary folder; returns the folder with the run.
fn init(args: &[&str]) -> (tempfile::TempDir, Run) {
    let tmp = tempfile::tempdir().expect("temporary folder");
    let mut all = vec!["init"];
    all.extend_from_slice(args);
    let run = run_in(tmp.path(), &all);
    (tmp, run)
}

/// Asserts that `check --strict` passes on the site at `root` with no warning at all.
#[track_caller]
fn passes_strict_check_without_warnings(root: &Path) {
    let run = run_in(root, &["check", "--strict"]);
    run.code(0).summary_starts_with("checked ");
    assert!(run.summary().contains(": 0 errors, 0 warnings in"), "{run}");
    assert!(!run.stderr.contains("warning:"), "{run}");
}

/// The files under `dir` (relative, `/`-separated), sorted.
fn files_under(dir: &Path) -> Vec<String> {
    crate::support::snapshot(dir).into_keys().collect()
}

#[test]
fn init_writes_a_small_program_of_your_own_that_passes_strict_check() {
    let (tmp, run) = init(&["my-circle"]);
    run.code(0)
        .stderr_has("created a circle program in my-circle (");
    let root = tmp.path().join("my-circle");
    assert_eq!(
        files_under(&root),
        [
            ".gitignore",
            "book.toml",
            "content/en/_index.md",
            "content/en/faq.md",
            "content/en/kits/circle-agreement.md",
            "content/en/weeks/01-getting-started.md",
        ]
    );
    let config = read(&root.join("book.toml"));
    assert!(config.contains("title = \"My circle program\""), "{config}");
    assert!(config.contains("\nweeks = 1\n"), "{config}");
    let week = read(&root.join("content/en/weeks/01-getting-started.md"));
    for part in ["agenda:", "::: exercise", "```worksheet", "::: before-next"] {
        assert!(week.contains(part), "the week guide has {part}:\n{week}");
    }
    assert!(!week.contains("Open Work Circles"), "not the sample's text");
    passes_strict_check_without_warnings(&root);
}

#[test]
fn init_writes_a_gitignore_for_the_output_folder() {
    let (tmp, run) = init(&["my-circle"]);
    run.code(0);
    let ignore = read(&tmp.path().join("my-circle/.gitignore"));
    assert!(ignore.lines().any(|l| l == "/public/"), "{ignore}");
    assert!(
        ignore.lines().any(|l| l == "/.public.circlekit-*"),
        "{ignore}"
    );
}

#[test]
fn init_with_a_title_and_three_weeks_writes_three_guides_that_pass_strict_check() {
    let (tmp, run) = init(&[
        "harbour",
        "--title",
        "Harbour \"Open\" Circles",
        "--weeks",
        "3",
    ]);
    run.code(0);
    let root = tmp.path().join("harbour");
    let config = read(&root.join("book.toml"));
    assert!(
        config.contains(r#"title = 'Harbour "Open" Circles'"#)
            || config.contains(r#"title = "Harbour \"Open\" Circles""#),
        "{config}"
    );
    assert!(config.contains("\nweeks = 3\n"), "{config}");
    assert_eq!(
        names_in(&root.join("content/en/weeks")),
        ["01-getting-started.md", "02-week-2.md", "03-week-3.md"]
    );
    passes_strict_check_without_warnings(&root);
    run_in(&root, &["build", "--strict", "--no-pdf"]).code(0);
    let home = read(&root.join("public/index.html"));
    assert!(
        home.contains("Harbour &quot;Open&quot; Circles")
            || home.contains("Harbour \"Open\" Circles")
    );
}

#[test]
fn init_in_german_writes_german_text_that_passes_strict_check() {
    let (tmp, run) = init(&["kreis", "--language", "de", "--weeks", "2"]);
    run.code(0);
    let root = tmp.path().join("kreis");
    assert!(read(&root.join("book.toml")).contains("language = \"de\""));
    let week = read(&root.join("content/de/weeks/01-der-anfang.md"));
    assert!(week.contains("title: \"Der Anfang\""), "{week}");
    assert!(read(&root.join("content/de/faq.md")).contains("Häufige Fragen"));
    passes_strict_check_without_warnings(&root);
}

#[test]
fn init_in_a_language_without_starter_text_writes_english_text_to_translate() {
    let (tmp, run) = init(&["duara", "--language", "sw"]);
    run.code(0)
        .stderr_has("translate content/sw/ and themes/default/i18n/sw.toml");
    let root = tmp.path().join("duara");
    assert!(read(&root.join("book.toml")).contains("language = \"sw\""));
    assert!(read(&root.join("content/sw/weeks/01-getting-started.md")).contains("Getting started"));
    let strings = read(&root.join("themes/default/i18n/sw.toml"));
    assert!(strings.contains("language_name = \"sw\""), "{strings}");
    passes_strict_check_without_warnings(&root);
}

#[test]
fn init_refuses_a_language_code_that_is_not_one() {
    let (tmp, run) = init(&["x", "--language", "../de"]);
    run.code(1).stderr_has("`../de` is not a language code");
    assert!(!tmp.path().join("x").exists(), "nothing is written");
}

#[test]
fn init_example_writes_the_bundled_sample_program() {
    let (tmp, run) = init(&["--example", "sample"]);
    run.code(0)
        .stderr_has("created the sample circle program in sample (");
    let root = tmp.path().join("sample");
    let repo = Path::new(env!("CARGO_MANIFEST_DIR"));
    for rel in [
        "book.toml",
        "content/en/weeks/01-getting-started.md",
        "content/de/faq.md",
        "content/es/_index.md",
    ] {
        assert_eq!(
            std::fs::read(root.join(rel)).expect("written"),
            std::fs::read(repo.join(rel)).expect("in the repository"),
            "{rel} is the bundled file"
        );
    }
    assert_eq!(names_in(&root.join("content/en/weeks")).len(), 12);
    assert!(root.join(".gitignore").is_file());
}

/// A command for `init my-circle` in a new temporary folder, started as `program`.
fn init_started_as(program: &Path) -> (tempfile::TempDir, Command) {
    let tmp = tempfile::tempdir().expect("temporary folder");
    let mut c = Command::new(program);
    c.args(["init", "my-circle"]).current_dir(tmp.path());
    (tmp, c)
}

#[test]
fn init_tells_the_next_commands_the_way_circlekit_was_started() {
    // Through `cargo run`: cargo sets CARGO, and the binary lies in a target folder.
    let (_tmp, mut c) = init_started_as(Path::new(BIN));
    c.env("CARGO", "cargo");
    let run = Run::of(c);
    run.code(0)
        .stderr_has("cargo run -- serve --root my-circle ")
        .stderr_has("cargo run -- build --root my-circle ");

    // By its path, outside cargo.
    let (_tmp, mut c) = init_started_as(Path::new(BIN));
    c.env_remove("CARGO");
    let run = Run::of(c);
    run.code(0)
        .stderr_has(&format!("{BIN} serve --root my-circle "));

    // Installed: found on the PATH as `circlekit`.
    let bin = PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join("installed-bin");
    std::fs::create_dir_all(&bin).expect("a bin folder");
    let installed = bin.join("circlekit");
    let _ = std::fs::remove_file(&installed);
    std::fs::hard_link(BIN, &installed)
        .or_else(|_| std::fs::copy(BIN, &installed).map(|_| ()))
        .expect("install the binary");
    let (_tmp, mut c) = init_started_as(Path::new("circlekit"));
    c.env("PATH", &bin).env_remove("CARGO");
    let run = Run::of(c);
    run.code(0)
        .stderr_has("\n  cd my-circle\n")
        .stderr_has("\n  circlekit serve ");
}

#[test]
fn new_page_and_new_kit_write_files_that_pass_strict_check() {
    let (tmp, run) = init(&["my-circle"]);
    run.code(0);
    let root = tmp.path().join("my-circle");
    run_in(&root, &["new", "page", "--title", "About us"])
        .code(0)
        .stderr_has("created content/en/about-us.md");
    run_in(&root, &["new", "kit", "--title", "Goal card"])
        .code(0)
        .stderr_has("created content/en/kits/goal-card.md");
    assert!(read(&root.join("content/en/about-us.md")).contains("title: \"About us\""));
    assert!(read(&root.join("content/en/kits/goal-card.md")).contains("```worksheet"));
    passes_strict_check_without_warnings(&root);
    run_in(&root, &["build", "--no-pdf"]).code(0);
    assert!(root.join("public/about-us/index.html").is_file());
    assert!(root.join("public/kits/goal-card/index.html").is_file());
    // Never overwrites.
    run_in(&root, &["new", "kit", "--title", "Goal card"])
        .code(1)
        .stderr_has("it is never overwritten");
}

#[test]
fn clean_refuses_a_folder_without_the_marker() {
    let site = TestSite::minimal();
    site.write("public/notes.txt", "mine");
    site.run(&["clean"]).code(1).stderr_has(
        "has no .circlekit-output marker, so circlekit did not make it and will not remove it",
    );
    assert_eq!(site.read("public/notes.txt"), "mine", "nothing is removed");
    site.write("elsewhere/keep.txt", "mine");
    site.run(&["clean", "--output", "elsewhere"]).code(1);
    assert!(site.path("elsewhere/keep.txt").is_file());
}

#[test]
fn clean_removes_an_output_folder_with_the_marker() {
    let site = TestSite::minimal();
    site.run(&["build", "--no-pdf"]).code(0);
    assert!(site.path("public/.circlekit-output").is_file());
    site.run(&["clean"]).code(0).summary_starts_with("removed ");
    assert!(!site.path("public").exists());
    assert!(
        site.path("content/en/_index.md").is_file(),
        "the site stays"
    );
    site.run(&["clean"]).code(0).stderr_has("nothing to clean");
}
