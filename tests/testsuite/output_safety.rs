//! Output safety: a build replaces only a folder circlekit made, all at once, and a failed
//! build leaves the previous output exactly as it was.

use std::path::Path;
use std::time::{Duration, SystemTime};

use crate::support::{Run, TestSite, copy_dir, names_in, snapshot};

/// 2001-09-09: a timestamp no build would ever write.
fn long_ago() -> SystemTime {
    SystemTime::UNIX_EPOCH + Duration::from_secs(1_000_000_000)
}

fn set_mtime(path: &Path, t: SystemTime) {
    std::fs::File::options()
        .write(true)
        .open(path)
        .and_then(|f| f.set_modified(t))
        .unwrap_or_else(|e| panic!("set the mtime of {}: {e}", path.display()));
}

fn mtime(path: &Path) -> SystemTime {
    std::fs::metadata(path)
        .and_then(|m| m.modified())
        .unwrap_or_else(|e| panic!("mtime of {}: {e}", path.display()))
}

/// Asserts that a build into `output` was refused for `why`, naming the folder.
#[track_caller]
fn assert_refused(run: &Run, output: &Path, why: &str) {
    let shown = output.display().to_string();
    run.code(1)
        .diagnostic(
            "error",
            &shown,
            &[
                &format!("refusing to write the site into {shown}: {why}"),
                "help: set `[output] dir`",
            ],
        )
        .summary_starts_with("build failed: 1 error, 0 warnings in ");
}

#[test]
fn keeps_previous_output_when_build_fails() {
    let site = TestSite::new("keeps_previous_output_when_build_fails");
    site.run(&["build"]).code(0);
    let before = snapshot(&site.path("public"));
    let folders = names_in(&site.root);

    site.write(
        "content/en/_index.md",
        "---\ntitle: Welcome\n---\n\nSee [nothing](nothing.md).\n",
    );
    site.run(&["build"]).code(1).diagnostic(
        "error",
        "content/en/_index.md:5:5",
        &["`nothing.md`, which does not exist"],
    );

    assert_eq!(
        snapshot(&site.path("public")),
        before,
        "the previous output is untouched"
    );
    assert_eq!(
        names_in(&site.root),
        folders,
        "no staging folder is left behind"
    );
}

#[test]
fn keeps_previous_output_when_rendering_fails() {
    let site = TestSite::new("keeps_previous_output_when_rendering_fails");
    site.run(&["build"]).code(0);
    let before = snapshot(&site.path("public"));

    // An error met only while rendering, after the staging folder has been started.
    site.write(
        "themes/default/templates/page.html",
        "{% extends \"base.html\" %}\n{% block main %}{{ page.author }}{% endblock main %}\n",
    );
    let folders = names_in(&site.root);
    site.run(&["build"]).code(1).diagnostic(
        "error",
        "themes/default/templates/page.html:2:25",
        &["Field `author` is not defined"],
    );

    assert_eq!(
        snapshot(&site.path("public")),
        before,
        "the previous output is untouched"
    );
    assert_eq!(
        names_in(&site.root),
        folders,
        "no staging folder is left behind"
    );
}

#[test]
fn unchanged_files_keep_their_mtime() {
    let site = TestSite::new("unchanged_files_keep_their_mtime");
    site.run(&["build"]).code(0);
    let out = site.path("public");
    let before = snapshot(&out);
    for file in before.keys() {
        set_mtime(&out.join(file), long_ago());
    }

    site.write(
        "content/en/weeks/01-arriving.md",
        "---\nweek: 1\ntitle: Arriving\n---\n\n## Check-in\n\nSay hello, then listen.\n",
    );
    site.run(&["build"]).code(0);
    let after = snapshot(&out);
    assert_eq!(
        after.keys().collect::<Vec<_>>(),
        before.keys().collect::<Vec<_>>()
    );

    let changed: Vec<&String> = after.keys().filter(|f| after[*f] != before[*f]).collect();
    // The edited page changes, and so do the printable pages and PDFs made from it, the
    // search index, which holds the page's words, the offline cache's name, and the
    // workbook, which lists its checklist (gone in the edit).
    let mut expected = vec![
        "offline.json",
        "sw.js",
        "search-index.js",
        "workbook/index.html",
        "print/program/index.html",
        "print/weeks/01-arriving/index.html",
        "print/weeks/01-arriving/moderator/index.html",
        "weeks/01-arriving/index.html",
    ];
    if cfg!(feature = "pdf") {
        expected.extend([
            "downloads/.pdf-manifest.json",
            "downloads/en/circle-kit.zip",
            "downloads/en/program.pdf",
            "downloads/en/week-01-member.pdf",
            "downloads/en/week-01-moderator.pdf",
        ]);
    }
    expected.sort();
    assert_eq!(
        changed, expected,
        "only the edited page and what is made of it change"
    );
    for file in after.keys() {
        let kept = mtime(&out.join(file)) == long_ago();
        if changed.contains(&file) {
            assert!(!kept, "{file} changed, so it is written anew");
        } else {
            assert!(kept, "{file} did not change, so it keeps its timestamp");
        }
    }
}

#[test]
fn removes_files_that_are_no_longer_built() {
    let site = TestSite::new("removes_files_that_are_no_longer_built");
    site.run(&["build"]).code(0);
    assert!(site.path("public/about/index.html").is_file());
    site.write("public/stray.txt", "left here by hand");

    std::fs::remove_file(site.path("content/en/about.md")).expect("remove the page");
    site.run(&["build"]).code(0);
    assert!(
        !site.path("public/about").exists(),
        "a removed page's output is gone"
    );
    assert!(
        !site.path("public/stray.txt").exists(),
        "the output is replaced whole"
    );
    assert!(site.path("public/index.html").is_file());
}

/// Removing the previous output removes a link put into it, never what the link leads to.
#[cfg(unix)]
#[test]
fn removing_the_previous_output_does_not_follow_links_out_of_it() {
    let site = TestSite::minimal();
    site.run(&["build"]).code(0);
    let notes = site.tmp().join("notes");
    std::fs::create_dir_all(notes.join("inner")).expect("create folders");
    std::fs::write(notes.join("inner/todo.txt"), "call Ana").expect("write a file");
    let public = site.path("public");
    std::os::unix::fs::symlink(&notes, public.join("linked")).expect("link a folder");
    std::os::unix::fs::symlink(notes.join("inner/todo.txt"), public.join("todo.txt"))
        .expect("link a file");

    site.run(&["build"]).code(0);
    assert!(!public.join("linked").exists() && !public.join("todo.txt").exists());
    assert_eq!(
        std::fs::read_to_string(notes.join("inner/todo.txt"))
            .ok()
            .as_deref(),
        Some("call Ana"),
        "what the links led to is untouched"
    );
    assert_eq!(
        names_in(site.tmp()),
        ["notes", "site"],
        "nothing is left beside"
    );
}

#[test]
fn refuses_to_replace_a_folder_it_did_not_make() {
    let site = TestSite::minimal();
    let other = site.tmp().join("notes");
    std::fs::create_dir(&other).expect("create folder");
    std::fs::write(other.join("todo.txt"), "call Ana").expect("write a file");

    site.run(&["build", "--output", "../notes"])
        .code(1)
        .diagnostic(
            "error",
            &other.display().to_string(),
            &[
                "this folder exists and was not made by circlekit",
                "help: choose an empty or new folder with --output, or pass --force",
            ],
        )
        .summary_starts_with("build failed: 1 error, 0 warnings in ");
    assert_eq!(names_in(&other), ["todo.txt"], "the folder is untouched");
    assert_eq!(
        names_in(site.tmp()),
        ["notes", "site"],
        "no staging folder is left behind"
    );

    site.run(&["build", "--output", "../notes", "--force"])
        .code(0);
    assert!(other.join("index.html").is_file());
    assert!(other.join(".circlekit-output").is_file());
    assert!(
        !other.join("todo.txt").exists(),
        "--force replaces the folder"
    );
    assert_eq!(
        names_in(site.tmp()),
        ["notes", "site"],
        "no staging folder is left behind"
    );
}

#[test]
fn builds_into_an_empty_folder_it_did_not_make() {
    let site = TestSite::minimal();
    let empty = site.tmp().join("empty");
    std::fs::create_dir(&empty).expect("create folder");
    site.run(&["build", "--output", "../empty"]).code(0);
    assert!(empty.join("index.html").is_file());
    assert!(empty.join(".circlekit-output").is_file());
}

#[test]
fn refuses_the_site_and_its_source_folders() {
    let site = TestSite::minimal();
    let before = snapshot(site.tmp());
    for (output, why) in [
        (".", "it holds the site itself"),
        ("content", "it is inside the site's content/ folder"),
        ("content/en", "it is inside the site's content/ folder"),
        ("themes", "it is inside the site's themes/ folder"),
        ("themes/default", "it is inside the site's themes/ folder"),
        ("assets", "it is inside the site's assets/ folder"),
    ] {
        // Not even --force replaces these.
        let run = site.run(&["build", "--output", output, "--force"]);
        let shown = if output == "." {
            site.root.clone()
        } else {
            site.path(output)
        };
        assert_refused(&run, &shown, why);
    }
    assert_eq!(
        snapshot(site.tmp()),
        before,
        "nothing was written or removed"
    );
}

#[test]
fn refuses_an_ancestor_of_the_site() {
    let site = TestSite::minimal();
    // Move the site two folders down, so its ancestors are ours to risk.
    let outer = site.tmp().join("outer");
    let root = outer.join("inner/site");
    copy_dir(&site.root, &root);
    let before = snapshot(&outer);
    for ancestor in [outer.join("inner"), outer.clone()] {
        let run = Run::of({
            let mut c = std::process::Command::new(crate::support::BIN);
            c.arg("--root")
                .arg(&root)
                .args(["build", "--force", "--output"]);
            c.arg(&ancestor).current_dir(site.tmp());
            c
        });
        assert_refused(&run, &ancestor, "it holds the site itself");
    }
    assert_eq!(snapshot(&outer), before, "nothing was written or removed");
}

#[test]
fn refuses_the_home_folder() {
    let site = TestSite::minimal();
    let home = site.tmp().join("home");
    std::fs::create_dir(&home).expect("create folder");
    // Even a home folder that looks like circlekit output, with --force.
    std::fs::write(home.join(".circlekit-output"), "").expect("write marker");
    std::fs::write(home.join(".profile"), "export EDITOR=vi\n").expect("write a file");
    let mut c = site.command(&["build", "--force", "--output", "../home"]);
    c.env("HOME", &home);
    assert_refused(&Run::of(c), &home, "it is your home folder");
    assert_eq!(
        names_in(&home),
        [".circlekit-output", ".profile"],
        "the home folder is untouched"
    );
}

#[test]
fn refuses_the_file_system_root() {
    let site = TestSite::minimal();
    // No --force: should the refusal ever break, the foreign-folder check still holds.
    let run = site.run(&["build", "--output", "/"]);
    assert_refused(&run, Path::new("/"), "it is the file system's root");
}

#[test]
fn refuses_a_folder_that_looks_like_a_site() {
    let site = TestSite::minimal();
    let other = site.tmp().join("other-site");
    copy_dir(&site.root, &other);
    let before = snapshot(&other);
    let run = site.run(&["build", "--output", "../other-site", "--force"]);
    assert_refused(
        &run,
        &other,
        "it holds a book.toml, so it looks like a site",
    );
    assert_eq!(snapshot(&other), before, "the other site is untouched");
}

#[test]
fn refuses_an_output_path_that_is_a_file() {
    let site = TestSite::minimal();
    let file = site.tmp().join("site.zip");
    std::fs::write(&file, "not a folder").expect("write a file");
    site.run(&["build", "--output", "../site.zip"])
        .code(1)
        .diagnostic(
            "error",
            &file.display().to_string(),
            &[
                "the output path is a file, not a folder",
                "help: choose another output folder",
            ],
        );
    assert_eq!(
        std::fs::read_to_string(&file).expect("read"),
        "not a folder"
    );
}

#[test]
fn cleans_up_staging_left_by_an_interrupted_build() {
    let site = TestSite::minimal();
    // What a build killed half-way leaves beside the output: ours (with the marker) goes,
    // a look-alike without the marker is not ours to remove.
    let stale = site.path(".public.circlekit-staging-999999");
    std::fs::create_dir(&stale).expect("create folder");
    std::fs::write(stale.join(".circlekit-output"), "").expect("write marker");
    let foreign = site.path(".public.circlekit-staging-notes");
    std::fs::create_dir(&foreign).expect("create folder");
    std::fs::write(foreign.join("keep.txt"), "mine").expect("write a file");

    site.run(&["build"]).code(0);
    assert!(!stale.exists(), "the stale staging folder is removed");
    assert!(
        foreign.join("keep.txt").is_file(),
        "a folder without the marker is kept"
    );
    assert!(site.path("public/index.html").is_file());
}
