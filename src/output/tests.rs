//! Staging and committing an output folder, including one that cannot be moved.

use std::io::ErrorKind;
use std::os::unix::fs::MetadataExt;
use std::path::{Path, PathBuf};

use super::in_place::UPDATING;
use super::*;

/// A site root and an output folder beside it, in a temporary folder.
fn places() -> (tempfile::TempDir, PathBuf, PathBuf) {
    let tmp = tempfile::tempdir().expect("temp dir");
    let base = tmp.path().canonicalize().expect("canonical");
    let root = base.join("site");
    std::fs::create_dir_all(&root).expect("site folder");
    (tmp, root, base.join("public"))
}

fn stage_files(root: &Path, out: &Path, files: &[(&str, &str)]) -> Staging {
    let staging = stage(root, out, false, &|_| panic!("no other build")).expect("stage");
    for (path, text) in files {
        staging
            .write(path, text.as_bytes().to_vec())
            .expect("write");
    }
    staging
}

fn busy(_: &Path, _: &Path) -> std::io::Result<()> {
    Err(std::io::Error::from(ErrorKind::ResourceBusy))
}

fn names(dir: &Path) -> Vec<String> {
    let mut names: Vec<String> = std::fs::read_dir(dir)
        .expect("read folder")
        .map(|e| e.expect("entry").file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    names
}

fn listing(dir: &Path) -> Vec<(String, String)> {
    let mut out = Vec::new();
    for e in walkdir::WalkDir::new(dir).sort_by_file_name() {
        let e = e.expect("walk");
        if e.file_type().is_file() {
            let rel = e.path().strip_prefix(dir).expect("inside");
            let text = std::fs::read_to_string(e.path()).expect("read");
            out.push((rel.display().to_string(), text));
        }
    }
    out
}

#[test]
fn an_output_folder_that_cannot_be_moved_is_updated_in_place() {
    let (_tmp, root, out) = places();
    stage_files(&root, &out, &[("a.txt", "one"), ("old/b.txt", "gone soon")])
        .commit()
        .expect("first build");
    let folder = std::fs::metadata(&out).expect("output").ino();
    let a_before = std::fs::metadata(out.join("a.txt"))
        .expect("a")
        .modified()
        .expect("mtime");

    let staging = stage_files(&root, &out, &[("a.txt", "one"), ("new/c.txt", "new")]);
    staging.commit_with(&busy).expect("updated in place");

    assert_eq!(
        std::fs::metadata(&out).expect("output").ino(),
        folder,
        "the same folder"
    );
    let files: Vec<String> = listing(&out).into_iter().map(|(p, _)| p).collect();
    assert_eq!(files, [MARKER, "a.txt", "new/c.txt"]);
    let a_after = std::fs::metadata(out.join("a.txt"))
        .expect("a")
        .modified()
        .expect("mtime");
    assert_eq!(a_before, a_after, "an unchanged file keeps its timestamp");
    let beside = names(out.parent().expect("parent"));
    assert_eq!(beside, ["public", "site"], "no staging folder left");
}

#[test]
fn an_interrupted_update_in_place_is_repaired_and_nothing_is_taken_from_it() {
    let (_tmp, root, out) = places();
    stage_files(&root, &out, &[("a.txt", "one"), ("b.txt", "two")])
        .commit()
        .expect("first build");
    // What a crash halfway through an update in place leaves: the mark, a file of the new
    // build, a file of the old one, a temporary file.
    std::fs::write(out.join(UPDATING), "unfinished").expect("mark");
    std::fs::write(out.join("a.txt"), "ONE").expect("half-updated file");
    std::fs::write(out.join(".b.txt.circlekit-tmp"), "tw").expect("temporary file");

    let staging = stage_files(&root, &out, &[("a.txt", "one"), ("b.txt", "two")]);
    assert_eq!(
        staging.previous("a.txt"),
        None,
        "nothing is reused from a mixed folder"
    );
    staging.commit_with(&busy).expect("updated in place");

    assert_eq!(
        listing(&out),
        [
            (MARKER.to_string(), MARKER_TEXT.to_string()),
            ("a.txt".to_string(), "one".to_string()),
            ("b.txt".to_string(), "two".to_string()),
        ]
    );
}

#[test]
fn a_rename_that_fails_for_another_reason_leaves_the_output_untouched() {
    let (_tmp, root, out) = places();
    stage_files(&root, &out, &[("a.txt", "one")])
        .commit()
        .expect("first build");
    let before = listing(&out);
    let denied = |_: &Path, _: &Path| Err(std::io::Error::from(ErrorKind::PermissionDenied));
    let staging = stage_files(&root, &out, &[("a.txt", "changed")]);
    let err = staging.commit_with(&denied).expect_err("fails");
    assert!(
        format!("{err:#}").contains("cannot move the previous site aside"),
        "{err:#}"
    );
    assert_eq!(listing(&out), before);
}

#[test]
fn a_second_build_into_the_same_folder_waits_for_the_first() {
    let (_tmp, root, out) = places();
    let first = stage_files(&root, &out, &[("a.txt", "one")]);
    let (tx, waiting) = std::sync::mpsc::channel();
    std::thread::scope(|s| {
        let second = s.spawn(|| {
            let staging = stage(&root, &out, false, &move |_| {
                let _ = tx.send(());
            })
            .expect("second stage");
            staging.write("a.txt", b"two".to_vec()).expect("write");
            staging.commit().expect("second commit");
        });
        waiting
            .recv_timeout(std::time::Duration::from_secs(60))
            .expect("the second build says it waits");
        // Its start removed nothing of the first build's staging folder.
        assert!(first.staging.join(MARKER).is_file());
        first.commit().expect("first commit");
        second.join().expect("second build");
    });
    assert_eq!(
        std::fs::read_to_string(out.join("a.txt")).expect("read"),
        "two"
    );
}
