//! The smoke test: the repository's own site builds and passes `check --strict`.

use std::path::Path;

use crate::support::{html, run_in, text_of};

#[test]
fn builds_the_repository_site() {
    let repo = Path::new(env!("CARGO_MANIFEST_DIR"));
    let tmp = tempfile::tempdir().expect("temporary folder");
    let out = tmp.path().join("site");
    let root = repo.to_str().expect("UTF-8 path");
    let run = run_in(
        tmp.path(),
        &[
            "--root",
            root,
            "build",
            "--output",
            out.to_str().expect("UTF-8 path"),
        ],
    );
    run.code(0).summary_starts_with("built ");

    for page in [
        "index.html",
        "weeks/index.html",
        "faq/index.html",
        "kits/index.html",
        "404.html",
        "sitemap.xml",
        "theme/style.css",
    ] {
        assert!(out.join(page).is_file(), "{page} is built\n{run}");
    }
    // Every week guide and every kit of the repository has its page.
    for (folder, count_at_least) in [("weeks", 1), ("kits", 1)] {
        let sources: Vec<String> = std::fs::read_dir(repo.join("content/en").join(folder))
            .expect("read the repository's content")
            .map(|e| e.expect("entry").file_name().to_string_lossy().into_owned())
            .filter(|n| n.ends_with(".md") && n != "_index.md")
            .collect();
        assert!(sources.len() >= count_at_least, "{folder}: {sources:?}");
        for name in sources {
            let stem = name.trim_end_matches(".md");
            let page = out.join(folder).join(stem).join("index.html");
            assert!(page.is_file(), "{} is built", page.display());
        }
    }
    let home = html(&out.join("index.html"));
    assert!(
        !text_of(&home, "h1").is_empty(),
        "the home page has a title"
    );

    run_in(tmp.path(), &["--root", root, "check", "--strict"])
        .code(0)
        .summary_starts_with("checked ")
        .stderr_has(": 0 errors, 0 warnings in ");
}
