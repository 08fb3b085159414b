//! The command line: finding the site, `init`, `check --format json`, exit codes and summaries.

use serde_json::{Value, json};

use crate::support::{TestSite, names_in, run_in, snapshot};

#[test]
fn init_creates_a_buildable_site() {
    let tmp = tempfile::tempdir().expect("temporary folder");
    let run = run_in(tmp.path(), &["init", "my-circle"]);
    run.code(0)
        .stderr_has("created a circle program in my-circle (");
    let root = tmp.path().join("my-circle");
    assert!(root.join("book.toml").is_file());
    assert!(root.join("content/en/_index.md").is_file());

    run_in(&root, &["check", "--strict"]).code(0);
    run_in(&root, &["build", "--strict"])
        .code(0)
        .summary_starts_with("built ");
    assert!(root.join("public/index.html").is_file());
    assert!(root.join("public/weeks/index.html").is_file());
}

#[test]
fn init_writes_into_an_empty_folder() {
    let tmp = tempfile::tempdir().expect("temporary folder");
    std::fs::create_dir(tmp.path().join("empty")).expect("create folder");
    run_in(tmp.path(), &["init", "empty"]).code(0);
    assert!(tmp.path().join("empty/book.toml").is_file());
}

#[test]
fn init_refuses_a_non_empty_folder() {
    let tmp = tempfile::tempdir().expect("temporary folder");
    let dir = tmp.path().join("notes");
    std::fs::create_dir(&dir).expect("create folder");
    std::fs::write(dir.join("todo.txt"), "call Ana").expect("write a file");
    run_in(tmp.path(), &["init", "notes"])
        .code(1)
        .stderr_has("notes already exists and is not empty")
        .stderr_has("only writes into a new or empty folder");
    assert_eq!(names_in(&dir), ["todo.txt"], "nothing is written");
}

#[test]
fn rejects_a_root_without_book_toml() {
    let site = TestSite::minimal();
    let elsewhere = site.tmp().join("elsewhere");
    std::fs::create_dir(&elsewhere).expect("create folder");
    site.run(&["--root", "../elsewhere", "build"])
        .code(2)
        .stderr_has("../elsewhere has no book.toml")
        .stderr_has("help: pass the folder that holds book.toml");
    assert_eq!(
        names_in(&elsewhere),
        Vec::<String>::new(),
        "nothing is written"
    );
    assert!(!site.path("public").exists());
}

#[test]
fn finds_the_site_root_from_a_subfolder() {
    let site = TestSite::minimal();
    let run = run_in(&site.path("content/en/weeks"), &["build"]);
    run.code(0);
    // The output goes where book.toml says, relative to the root, not to the current folder.
    assert!(site.path("public/index.html").is_file(), "{run}");
    assert!(!site.path("content/en/weeks/public").exists());
}

#[test]
fn reports_when_no_folder_above_has_a_book_toml() {
    let tmp = tempfile::tempdir().expect("temporary folder");
    run_in(tmp.path(), &["check"])
        .code(1)
        .stderr_has("no book.toml in ")
        .stderr_has("or any folder above it")
        .stderr_has("help: run this inside a site, pass --root DIR");
}

#[test]
fn check_prints_json_diagnostics() {
    let site = TestSite::new("check_prints_json_diagnostics");
    let run = site.run(&["check", "--format", "json"]);
    run.code(1);
    let found: Value =
        serde_json::from_str(&run.stdout).unwrap_or_else(|e| panic!("stdout is JSON: {e}\n{run}"));
    let found = found.as_array().expect("a JSON array");
    assert_eq!(found.len(), 2, "{run}");
    let pick = |d: &Value| {
        json!({
            "severity": d["severity"],
            "path": d["path"],
            "line": d["line"],
            "column": d["column"],
        })
    };
    assert_eq!(
        pick(&found[0]),
        json!({"severity": "error", "path": "content/en/_index.md", "line": 5, "column": 14})
    );
    let message = found[0]["message"].as_str().expect("a message");
    assert!(
        message.contains("no heading with the anchor `#check-inn`"),
        "{message}"
    );
    let help = found[0]["help"].as_str().expect("a help");
    assert!(help.contains("anchors are heading texts"), "{help}");
    assert_eq!(
        pick(&found[1]),
        json!({
            "severity": "warning",
            "path": "content/en/weeks/01-arriving.md",
            "line": 4,
            "column": 1,
        })
    );
    assert_eq!(
        found[1]["message"],
        "the agenda adds up to 50 minutes, but the meeting lasts 60"
    );
    assert!(
        !run.stderr.contains("error:"),
        "diagnostics go to stdout only\n{run}"
    );
}

#[test]
fn check_prints_an_empty_json_array_for_a_clean_site() {
    let site = TestSite::minimal();
    let run = site.run(&["check", "--format", "json"]);
    run.code(0);
    let found: Value = serde_json::from_str(&run.stdout).expect("stdout is JSON");
    assert_eq!(found, json!([]));
}

#[test]
fn check_writes_nothing() {
    let site = TestSite::minimal();
    let before = snapshot(site.tmp());
    site.run(&["check"])
        .code(0)
        .summary_starts_with("checked ")
        .stderr_has(" pages: 0 errors, 0 warnings in ");
    assert_eq!(snapshot(site.tmp()), before);
}

#[test]
fn usage_errors_exit_with_code_2() {
    let site = TestSite::minimal();
    let before = snapshot(site.tmp());
    for (args, says) in [
        (&[][..], "Usage: circlekit"),
        (&["frobnicate"], "unrecognized subcommand 'frobnicate'"),
        (
            &["build", "--frobnicate"],
            "unexpected argument '--frobnicate'",
        ),
        (
            &["build", "--output"],
            "a value is required for '--output <DIR>'",
        ),
        (
            &["check", "--format", "xml"],
            "invalid value 'xml' for '--format <FORMAT>'",
        ),
        (
            &["--quiet", "--verbose", "build"],
            "'--quiet' cannot be used with '--verbose'",
        ),
        (&["init"], "required arguments were not provided"),
    ] {
        site.run(args).code(2).stderr_has(says);
    }
    assert_eq!(snapshot(site.tmp()), before, "nothing is written");
}

#[test]
fn every_command_ends_with_a_summary_line() {
    let site = TestSite::minimal();
    site.run(&["build"]).code(0).summary_starts_with("built ");
    site.run(&["check"]).code(0).summary_starts_with("checked ");
    site.write("content/en/_index.md", "See [nothing](nothing.md).\n");
    site.run(&["build"])
        .code(1)
        .summary_starts_with("build failed: 1 error, 0 warnings in ");
    site.run(&["check"])
        .code(1)
        .summary_starts_with("checked 2 pages: 1 error, 0 warnings in ");
    // `init` says what it made first, then the next commands to run.
    let run = run_in(site.tmp(), &["init", "fresh"]);
    run.code(0);
    assert!(
        run.stderr.starts_with("created a circle program in fresh "),
        "{run}"
    );
}

#[test]
fn quiet_prints_only_errors() {
    let site = TestSite::new("quiet_prints_only_errors");
    let run = site.run(&["--quiet", "build"]);
    run.code(0);
    assert_eq!(run.stderr, "", "no warnings, no summary when quiet");
    assert!(site.path("public/index.html").is_file());

    site.write("content/en/_index.md", "See [nothing](nothing.md).\n");
    site.run(&["-q", "build"]).code(1).diagnostic(
        "error",
        "content/en/_index.md:1:5",
        &["`nothing.md`, which does not exist"],
    );
    assert!(
        !site.run(&["-q", "build"]).stderr.contains("warning:"),
        "warnings stay hidden"
    );
}

#[test]
fn verbose_says_what_it_does() {
    let site = TestSite::minimal();
    site.run(&["--verbose", "build"])
        .code(0)
        .stderr_has(&format!("building {}", site.root.display()))
        .summary_starts_with("built ");
}
