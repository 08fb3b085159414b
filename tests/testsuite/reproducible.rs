//! Reproducible output: the same commit builds to the same bytes in every clone, PDFs and
//! Circle Kit archives included, with dates from git or `SOURCE_DATE_EPOCH`, never from
//! the files' modification times.

use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::{Duration, SystemTime};

use crate::support::{Run, copy_dir, fixtures, snapshot};

const FIXTURE: &str = "two_clones_of_one_commit_build_the_same_bytes";
/// 2024-03-01 10:00:00 UTC.
const MARCH: i64 = 1_709_287_200;
/// 2024-04-02 08:30:00 UTC.
const APRIL: i64 = 1_712_046_600;

/// Runs git in `dir` with a fixed identity; panics with its output when it fails.
fn git(dir: &Path, args: &[&str], date: Option<i64>) {
    let mut c = Command::new("git");
    c.args(args)
        .current_dir(dir)
        .env("GIT_AUTHOR_NAME", "Ana")
        .env("GIT_AUTHOR_EMAIL", "ana@example.org")
        .env("GIT_COMMITTER_NAME", "Ana")
        .env("GIT_COMMITTER_EMAIL", "ana@example.org")
        .env("GIT_CONFIG_NOSYSTEM", "1")
        .env("HOME", dir);
    if let Some(d) = date {
        let stamp = format!("@{d} +0000");
        c.env("GIT_AUTHOR_DATE", &stamp)
            .env("GIT_COMMITTER_DATE", &stamp);
    }
    let out = c.output().expect("run git (install git)");
    assert!(out.status.success(), "git {args:?}: {out:?}");
}

/// The fixture committed into `<tmp>/origin` in two commits: everything in March, then
/// the FAQ changed in April.
fn origin(tmp: &Path) -> PathBuf {
    let origin = tmp.join("origin");
    copy_dir(&fixtures().join(FIXTURE), &origin);
    git(&origin, &["init", "-q", "-b", "main"], None);
    git(&origin, &["add", "."], None);
    git(
        &origin,
        &["commit", "-q", "-m", "A harbour program"],
        Some(MARCH),
    );
    let faq = origin.join("content/en/faq.md");
    let text = std::fs::read_to_string(&faq).expect("read the FAQ");
    std::fs::write(&faq, format!("{text}\nAnd anyone who would like to.\n")).expect("write");
    git(
        &origin,
        &["commit", "-q", "-am", "FAQ: everyone"],
        Some(APRIL),
    );
    origin
}

/// A fresh clone of `origin` at `<tmp>/NAME`, every file's modification time set to `mtime`.
fn clone(tmp: &Path, origin: &Path, name: &str, extra: &[&str], mtime: i64) -> PathBuf {
    let url = format!("file://{}", origin.display());
    let mut args = vec!["clone", "-q"];
    args.extend_from_slice(extra);
    args.extend_from_slice(&[url.as_str(), name]);
    git(tmp, &args, None);
    let dir = tmp.join(name);
    touch_all(&dir, mtime);
    dir
}

/// Sets the modification time of every file under `dir` (outside `.git`).
fn touch_all(dir: &Path, secs: i64) {
    let time = SystemTime::UNIX_EPOCH + Duration::from_secs(secs.unsigned_abs());
    for entry in walkdir::WalkDir::new(dir)
        .into_iter()
        .filter_entry(|e| e.file_name() != ".git")
    {
        let entry = entry.expect("walk the site");
        if entry.file_type().is_file() {
            let f = std::fs::File::options()
                .write(true)
                .open(entry.path())
                .expect("open to touch");
            f.set_modified(time).expect("set the modification time");
        }
    }
}

/// Builds without the cache folder: every clone typesets its own PDFs.
fn build(dir: &Path, epoch: Option<i64>) -> Run {
    let mut c = Command::new(crate::support::BIN);
    c.args(["build", "--no-cache"])
        .current_dir(dir)
        .env_remove("SOURCE_DATE_EPOCH");
    if let Some(e) = epoch {
        c.env("SOURCE_DATE_EPOCH", e.to_string());
    }
    Run::of(c)
}

/// Asserts that two output folders hold the same files with the same bytes.
#[track_caller]
fn assert_same_bytes(a: &Path, b: &Path) {
    let (a, b) = (snapshot(a), snapshot(b));
    assert_eq!(
        a.keys().collect::<Vec<_>>(),
        b.keys().collect::<Vec<_>>(),
        "the same files"
    );
    let differ: Vec<&String> = a.keys().filter(|k| a[*k] != b[*k]).collect();
    assert!(differ.is_empty(), "these files differ: {differ:?}");
    assert!(
        a.contains_key("sw.js"),
        "the service worker, named by the output's hash, was compared"
    );
    if cfg!(feature = "pdf") {
        assert!(a.keys().any(|k| k.ends_with(".pdf")), "PDFs were compared");
        assert!(
            a.keys().any(|k| k.ends_with(".zip")),
            "archives were compared"
        );
    }
}

/// The PDF's creation date (`/CreationDate` of its info dictionary), e.g. `D:20240301000000Z`:
/// the day its page last changed.
#[cfg(feature = "pdf")]
fn creation_date(pdf: &Path) -> String {
    let doc = lopdf::Document::load(pdf).expect("lopdf reads the PDF");
    let info = doc
        .trailer
        .get(b"Info")
        .and_then(|i| i.as_reference())
        .and_then(|r| doc.get_dictionary(r))
        .expect("an info dictionary");
    let date = info
        .get(b"CreationDate")
        .and_then(|d| d.as_str())
        .expect("a /CreationDate");
    String::from_utf8_lossy(date).into_owned()
}

/// (name, year, month, day, hour, minute) of every entry of a ZIP.
#[cfg(feature = "pdf")]
fn zip_dates(path: &Path) -> Vec<(String, u16, u8, u8, u8, u8)> {
    let mut zip = zip::ZipArchive::new(std::fs::File::open(path).expect("zip")).expect("a ZIP");
    (0..zip.len())
        .map(|i| {
            let e = zip.by_index(i).expect("entry");
            let t = e.last_modified().expect("a date");
            let name = e.name().expect("UTF-8 name").to_string();
            (name, t.year(), t.month(), t.day(), t.hour(), t.minute())
        })
        .collect()
}

#[test]
fn two_clones_of_one_commit_build_the_same_bytes() {
    let tmp = tempfile::tempdir().expect("temporary folder");
    let tmp = tmp.path().canonicalize().expect("canonical");
    let origin = origin(&tmp);
    // Fresh clones get the time of the checkout; make them years apart.
    let a = clone(&tmp, &origin, "a", &[], 1_000_000_000);
    let b = clone(&tmp, &origin, "b", &[], 1_300_000_000);
    build(&a, None).code(0);
    build(&b, None).code(0);
    assert_same_bytes(&a.join("public"), &b.join("public"));

    #[cfg(feature = "pdf")]
    {
        // Each PDF is dated by the last commit that touched its page, in UTC.
        let downloads = a.join("public/downloads/en");
        assert_eq!(
            creation_date(&downloads.join("week-01-member.pdf")),
            "D:20240301000000Z"
        );
        assert_eq!(
            creation_date(&downloads.join("faq.pdf")),
            "D:20240402000000Z"
        );
        let dates = zip_dates(&downloads.join("circle-kit.zip"));
        assert!(
            dates.contains(&("week-01-member.pdf".into(), 2024, 3, 1, 0, 0)),
            "{dates:?}"
        );
        assert!(
            dates.contains(&("faq.pdf".into(), 2024, 4, 2, 0, 0)),
            "{dates:?}"
        );
        assert!(
            dates.contains(&("README.txt".into(), 2024, 4, 2, 0, 0)),
            "{dates:?}"
        );
    }
}

#[cfg(feature = "pdf")]
#[test]
fn a_page_with_uncommitted_changes_is_dated_by_its_file() {
    let tmp = tempfile::tempdir().expect("temporary folder");
    let tmp = tmp.path().canonicalize().expect("canonical");
    let origin = origin(&tmp);
    let a = clone(&tmp, &origin, "a", &[], 1_000_000_000);
    let week = a.join("content/en/weeks/02-knots.md");
    let text = std::fs::read_to_string(&week).expect("read week 2");
    std::fs::write(&week, text.replace("five people", "six people")).expect("edit week 2");
    // 2025-01-02 03:04:05 UTC.
    let edited = 1_735_787_045;
    std::fs::File::options()
        .write(true)
        .open(&week)
        .and_then(|f| f.set_modified(SystemTime::UNIX_EPOCH + Duration::from_secs(edited)))
        .expect("set the modification time");
    build(&a, None).code(0);
    let downloads = a.join("public/downloads/en");
    assert_eq!(
        creation_date(&downloads.join("week-02-member.pdf")),
        "D:20250102000000Z"
    );
    assert_eq!(
        creation_date(&downloads.join("week-01-member.pdf")),
        "D:20240301000000Z"
    );
}

#[test]
fn source_date_epoch_dates_a_site_outside_git() {
    let tmp = tempfile::tempdir().expect("temporary folder");
    let tmp = tmp.path().canonicalize().expect("canonical");
    let (a, b) = (tmp.join("a"), tmp.join("b"));
    for (dir, mtime) in [(&a, 1_000_000_000), (&b, 1_300_000_000)] {
        copy_dir(&fixtures().join(FIXTURE), dir);
        touch_all(dir, mtime);
        build(dir, Some(MARCH)).code(0);
    }
    assert_same_bytes(&a.join("public"), &b.join("public"));
    #[cfg(feature = "pdf")]
    {
        let pdf = a.join("public/downloads/en/faq.pdf");
        assert_eq!(creation_date(&pdf), "D:20240301000000Z");
        // A new date makes the PDF anew (the date is part of its cache key).
        build(&a, Some(MARCH + 86_400)).code(0);
        assert_eq!(creation_date(&pdf), "D:20240302000000Z");
    }
}

#[cfg(feature = "pdf")]
#[test]
fn warns_that_a_shallow_clone_dates_every_pdf_by_its_one_commit() {
    let tmp = tempfile::tempdir().expect("temporary folder");
    let tmp = tmp.path().canonicalize().expect("canonical");
    let origin = origin(&tmp);
    let shallow = clone(&tmp, &origin, "shallow", &["--depth", "1"], 1_000_000_000);
    build(&shallow, None)
        .code(0)
        .stderr_has("warning: this is a shallow git clone, so every PDF is dated 2024-04-02")
        .stderr_has("fetch-depth: 0");
    let pdf = shallow.join("public/downloads/en/week-01-member.pdf");
    assert_eq!(creation_date(&pdf), "D:20240402000000Z");
    // A full clone has no such warning.
    let full = clone(&tmp, &origin, "full", &[], 1_000_000_000);
    let run = build(&full, None);
    assert!(!run.stderr.contains("shallow"), "{run}");
}
