//! The PDF cache folder: PDFs typeset once survive a brand-new output folder, two builds
//! share it safely, a damaged entry is typeset again, `--no-cache`, `CIRCLEKIT_CACHE_DIR`
//! and `--cache-dir` decide where it is, and `clean --cache` empties only circlekit's.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use crate::dev_server::DevServer;
use crate::support::{CACHE_ENV, Run, TestSite, read};

/// `circlekit build --output OUT ARGS` in the site, with `CIRCLEKIT_CACHE_DIR` unset unless
/// `env` names a folder.
fn build(site: &TestSite, out: &Path, args: &[&str], env: Option<&Path>) -> Run {
    let mut c = site.command(&["build", "--output"]);
    c.arg(out).args(args);
    match env {
        Some(dir) => c.env(CACHE_ENV, dir),
        None => c.env_remove(CACHE_ENV),
    };
    Run::of(c)
}

/// `build --output OUT --cache-dir CACHE`.
fn build_cached(site: &TestSite, out: &Path, cache: &Path) -> Run {
    let cache = cache.to_str().expect("UTF-8 path");
    build(site, out, &["--cache-dir", cache], None)
}

/// Every file under `downloads/` of an output folder, by relative path.
fn downloads(out: &Path) -> BTreeMap<String, Vec<u8>> {
    let dir = out.join("downloads");
    let mut files = BTreeMap::new();
    for e in walkdir(&dir) {
        let rel = e
            .strip_prefix(&dir)
            .expect("inside")
            .to_string_lossy()
            .into_owned();
        if !rel.ends_with(".json") {
            files.insert(rel, std::fs::read(&e).expect("read"));
        }
    }
    assert!(
        files.keys().any(|k| k.ends_with(".pdf")),
        "PDFs in {}",
        dir.display()
    );
    files
}

fn walkdir(dir: &Path) -> Vec<PathBuf> {
    let mut out = Vec::new();
    for e in std::fs::read_dir(dir).expect("read folder").flatten() {
        let p = e.path();
        if p.is_dir() {
            out.extend(walkdir(&p));
        } else {
            out.push(p);
        }
    }
    out
}

/// The entries of a cache folder (its tag left out).
fn entries(cache: &Path) -> Vec<PathBuf> {
    let Ok(read) = std::fs::read_dir(cache) else {
        return Vec::new();
    };
    let mut out: Vec<PathBuf> = read
        .flatten()
        .map(|e| e.path())
        .filter(|p| p.file_name().is_some_and(|n| n != "CACHEDIR.TAG"))
        .collect();
    out.sort();
    out
}

#[test]
fn a_build_into_a_new_output_folder_takes_every_pdf_from_the_cache() {
    let site = TestSite::minimal();
    let cache = site.tmp().join("cache");
    let (a, b) = (site.tmp().join("a"), site.tmp().join("b"));
    let first = build_cached(&site, &a, &cache);
    first.code(0).stderr_has(", 3 PDFs");
    assert!(!first.stderr.contains("from the cache"), "{first}");
    assert!(
        cache.join("CACHEDIR.TAG").is_file(),
        "the cache folder is tagged"
    );
    // Three PDFs and the Circle Kit archive.
    assert_eq!(entries(&cache).len(), 4, "{:?}", entries(&cache));

    build_cached(&site, &b, &cache)
        .code(0)
        .stderr_has(", 3 PDFs (3 from the cache)");
    assert_eq!(
        downloads(&a),
        downloads(&b),
        "the same bytes from the cache"
    );
}

#[test]
fn a_changed_week_typesets_only_its_own_pdfs_again() {
    let site = TestSite::new("a_changed_week_typesets_only_its_own_pdfs_again");
    let cache = site.tmp().join("cache");
    build_cached(&site, &site.tmp().join("a"), &cache)
        .code(0)
        .stderr_has(", 7 PDFs");
    let week = "content/en/weeks/02-knots.md";
    site.write(
        week,
        read(&site.path(week)).replace("five people", "six people"),
    );
    // Week 2 in both editions and the whole program are typeset; the other four are not.
    build_cached(&site, &site.tmp().join("b"), &cache)
        .code(0)
        .stderr_has(", 7 PDFs (4 from the cache)");
}

#[test]
fn no_cache_writes_nothing_in_the_cache_folder() {
    let site = TestSite::minimal();
    let cache = site.tmp().join("cache");
    let run = build(
        &site,
        &site.tmp().join("out"),
        &["--no-cache"],
        Some(&cache),
    );
    run.code(0).stderr_has(", 3 PDFs");
    assert!(!cache.exists(), "nothing written into {}", cache.display());
}

#[test]
fn the_cache_dir_flag_wins_over_the_environment_variable() {
    let site = TestSite::minimal();
    let (from_env, from_flag) = (site.tmp().join("env"), site.tmp().join("flag"));
    build(&site, &site.tmp().join("a"), &[], Some(&from_env)).code(0);
    assert_eq!(
        entries(&from_env).len(),
        4,
        "the environment variable is honoured"
    );

    let flag = from_flag.to_str().expect("UTF-8");
    let run = build(
        &site,
        &site.tmp().join("b"),
        &["--cache-dir", flag],
        Some(&from_env),
    );
    run.code(0).stderr_has(", 3 PDFs");
    assert!(
        !run.stderr.contains("from the cache"),
        "the flag's folder was empty\n{run}"
    );
    assert_eq!(entries(&from_flag).len(), 4, "written where the flag says");
}

#[test]
fn two_builds_at_once_on_one_cache_folder_both_make_correct_pdfs() {
    let site = TestSite::minimal();
    let cache = site.tmp().join("cache");
    let start = |name: &str| {
        let mut c = site.command(&["build", "--cache-dir"]);
        c.arg(&cache).arg("--output").arg(site.tmp().join(name));
        c.stderr(std::process::Stdio::piped())
            .stdout(std::process::Stdio::null());
        c.spawn().expect("start circlekit")
    };
    let (one, two) = (start("one"), start("two"));
    for child in [one, two] {
        let out = child.wait_with_output().expect("wait for circlekit");
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert!(out.status.success(), "{stderr}");
        assert!(!stderr.contains("warning"), "{stderr}");
    }
    // Neither saw a half-written entry: both made what a build without the cache makes.
    build(&site, &site.tmp().join("alone"), &["--no-cache"], None).code(0);
    let alone = downloads(&site.tmp().join("alone"));
    assert_eq!(downloads(&site.tmp().join("one")), alone);
    assert_eq!(downloads(&site.tmp().join("two")), alone);
    build_cached(&site, &site.tmp().join("three"), &cache)
        .code(0)
        .stderr_has("(3 from the cache)");
    assert_eq!(downloads(&site.tmp().join("three")), alone);
}

#[test]
fn a_truncated_cache_entry_is_typeset_again_and_written_anew() {
    let site = TestSite::minimal();
    let cache = site.tmp().join("cache");
    build_cached(&site, &site.tmp().join("a"), &cache).code(0);
    let whole: Vec<(PathBuf, u64)> = entries(&cache)
        .into_iter()
        .map(|p| {
            let len = std::fs::metadata(&p).expect("entry").len();
            (p, len)
        })
        .collect();
    for (p, len) in &whole {
        let f = std::fs::File::options().write(true).open(p).expect("open");
        f.set_len(len / 2).expect("truncate");
    }
    let again = build_cached(&site, &site.tmp().join("b"), &cache);
    again.code(0).stderr_has(", 3 PDFs");
    assert!(!again.stderr.contains("from the cache"), "{again}");
    assert!(
        !again.stderr.contains("warning"),
        "a damaged entry is no error\n{again}"
    );
    for (p, len) in &whole {
        assert_eq!(
            std::fs::metadata(p).expect("entry").len(),
            *len,
            "{}",
            p.display()
        );
    }
    build_cached(&site, &site.tmp().join("c"), &cache)
        .code(0)
        .stderr_has("(3 from the cache)");
    assert_eq!(
        downloads(&site.tmp().join("a")),
        downloads(&site.tmp().join("c"))
    );
}

#[test]
fn a_cache_folder_that_cannot_be_created_is_a_warning_and_the_build_succeeds() {
    let site = TestSite::minimal();
    // A file where the folder's parent should be: no one can create it, not even root.
    std::fs::write(site.tmp().join("blocker"), "a file").expect("write");
    let cache = site.tmp().join("blocker/cache");
    let out = site.tmp().join("out");
    let run = build_cached(&site, &out, &cache);
    run.code(0)
        .stderr_has("warning: the PDF cache is off for this build")
        .summary_starts_with("built");
    assert!(run.summary().contains(", 3 PDFs"), "{run}");
    assert!(out.join("downloads/en/program.pdf").is_file());
}

#[test]
fn a_folder_that_is_not_circlekits_is_not_used_as_the_cache() {
    let site = TestSite::minimal();
    let mine = site.tmp().join("mine");
    std::fs::create_dir(&mine).expect("create");
    std::fs::write(mine.join("thesis.tex"), "my work").expect("write");
    build_cached(&site, &site.tmp().join("out"), &mine)
        .code(0)
        .stderr_has("not circlekit's cache folder");
    assert_eq!(
        entries(&mine),
        vec![mine.join("thesis.tex")],
        "nothing added"
    );
    assert!(!mine.join("CACHEDIR.TAG").exists());
}

#[test]
fn clean_cache_empties_the_cache_folder_and_keeps_its_tag() {
    let site = TestSite::minimal();
    let cache = site.tmp().join("cache");
    build_cached(&site, &site.tmp().join("a"), &cache).code(0);
    assert_eq!(entries(&cache).len(), 4);
    let mut c = site.command(&["clean", "--cache"]);
    c.env(CACHE_ENV, &cache);
    Run::of(c)
        .code(0)
        .summary_starts_with("emptied the PDF cache")
        .stderr_has("removed 4 files");
    assert!(entries(&cache).is_empty());
    assert!(cache.join("CACHEDIR.TAG").is_file());
    assert!(
        site.tmp().join("a/index.html").is_file(),
        "the output is left alone"
    );
}

#[test]
fn clean_cache_refuses_a_folder_without_circlekits_tag() {
    let site = TestSite::minimal();
    let mine = site.tmp().join("mine");
    std::fs::create_dir(&mine).expect("create");
    let entry = mine.join(format!("{}.pdf", "a".repeat(32)));
    std::fs::write(&entry, "looks like an entry").expect("write");
    let run = site.run(&[
        "clean",
        "--cache",
        "--cache-dir",
        mine.to_str().expect("UTF-8"),
    ]);
    assert_ne!(run.code, 0, "{run}");
    run.stderr_has("not circlekit's cache folder; nothing was removed");
    assert!(entry.is_file(), "nothing removed");
}

#[test]
fn pdfs_taken_from_the_previous_output_are_kept_in_the_cache_too() {
    let site = TestSite::minimal();
    let cache = site.tmp().join("cache");
    let out = site.tmp().join("out");
    build(&site, &out, &["--no-cache"], None).code(0);
    build_cached(&site, &out, &cache)
        .code(0)
        .stderr_has(", 3 PDFs (3 unchanged)");
    build_cached(&site, &site.tmp().join("new"), &cache)
        .code(0)
        .stderr_has(", 3 PDFs (3 from the cache)");
}

#[test]
fn pdfs_that_serve_typesets_are_kept_for_the_next_build() {
    let site = TestSite::minimal();
    let cache = site.tmp().join("cache");
    let dir = cache.to_str().expect("UTF-8");
    let server = DevServer::start(&site.root, &["--cache-dir", dir]);
    // Asked for while it is typeset, a PDF is sent when it is ready.
    let (status, _, _) = server.get("/downloads/en/program.pdf");
    assert_eq!(status, 200);
    server.wait_until("three PDFs and the archive are in the cache", || {
        entries(&cache)
            .iter()
            .filter(|p| !p.to_string_lossy().contains(".tmp-"))
            .count()
            == 4
    });
    drop(server);
    build_cached(&site, &site.tmp().join("out"), &cache)
        .code(0)
        .stderr_has(", 3 PDFs (3 from the cache)");
}

#[test]
fn a_cache_folder_that_cannot_be_written_is_a_warning_and_the_build_succeeds() {
    let site = TestSite::minimal();
    let cache = site.tmp().join("cache");
    build_cached(&site, &site.tmp().join("a"), &cache).code(0);
    // A folder where each entry should be: it can be neither read nor replaced, even by root.
    for entry in entries(&cache) {
        std::fs::remove_file(&entry).expect("remove");
        std::fs::create_dir_all(entry.join("in-the-way")).expect("block");
    }
    let b = site.tmp().join("b");
    let run = build_cached(&site, &b, &cache);
    run.code(0)
        .stderr_has("warning: the PDF cache could not be written")
        .summary_starts_with("built");
    assert!(!run.stderr.contains("from the cache"), "{run}");
    assert_eq!(downloads(&site.tmp().join("a")), downloads(&b));
}
