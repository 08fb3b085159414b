//! The file system as an attacker or bad luck arranges it: links that lead out of the site,
//! loops of links, two builds into one output folder, an output folder that is a mount point.

use std::io::Read as _;
use std::os::unix::fs::symlink;
use std::path::Path;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use crate::dev_server::DevServer;
use crate::support::{BIN, Run, TestSite, names_in, snapshot};

/// Text that must never reach the output: it stands for the build machine's own files.
const SECRET: &str = "SECRET-7f3a9c";

/// How long a run that should end by itself may take before the test calls it a hang.
const HANG: Duration = Duration::from_secs(120);

/// The minimal site with a file (and a folder) beside it, outside the site, holding [`SECRET`].
fn site_with_secrets() -> TestSite {
    let site = TestSite::minimal();
    let page = format!("---\ntitle: Secret\n---\n\n{SECRET}\n");
    std::fs::write(site.tmp().join("secret.md"), &page).expect("write a file beside the site");
    let dir = site.tmp().join("elsewhere");
    std::fs::create_dir_all(&dir).expect("a folder beside the site");
    std::fs::write(dir.join("page.md"), &page).expect("write");
    std::fs::write(dir.join("broken.md"), "---\ntitle: [unclosed\n---\n").expect("write");
    site
}

fn link(target: impl AsRef<Path>, at: &Path) {
    std::fs::create_dir_all(at.parent().expect("parent")).expect("create folder");
    symlink(target.as_ref(), at).unwrap_or_else(|e| panic!("link {}: {e}", at.display()));
}

/// Asserts that `run` failed on a link out of the site at `path`, and wrote nothing.
#[track_caller]
fn assert_refused_link(site: &TestSite, run: &Run, path: &str) {
    run.code(1).diagnostic(
        "error",
        path,
        &["outside the site", "allow-symlinks-to = [\"../shared\"]"],
    );
    assert!(!run.stderr.contains(SECRET), "{run}");
    assert!(!site.path("public").exists(), "nothing is published");
}

/// Runs a prepared command to its end, failing the test if it does not end within [`HANG`].
fn run_to_end(mut c: Command) -> Run {
    let args = format!("{:?}", c.get_args().collect::<Vec<_>>());
    let mut child = c
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("start circlekit");
    let start = Instant::now();
    let status = loop {
        if let Some(status) = child.try_wait().expect("wait") {
            break status;
        }
        if start.elapsed() > HANG {
            let _ = child.kill();
            panic!("circlekit {args} did not end: it hangs");
        }
        std::thread::sleep(Duration::from_millis(20));
    };
    let mut stdout = String::new();
    let mut stderr = String::new();
    let _ = child
        .stdout
        .take()
        .expect("stdout")
        .read_to_string(&mut stdout);
    let _ = child
        .stderr
        .take()
        .expect("stderr")
        .read_to_string(&mut stderr);
    Run {
        args,
        code: status.code().expect("exited"),
        stdout,
        stderr,
    }
}

#[test]
fn a_page_linked_from_outside_the_site_stops_build_and_check() {
    let site = site_with_secrets();
    link(
        site.tmp().join("secret.md"),
        &site.path("content/en/leak.md"),
    );
    assert_refused_link(
        &site,
        &site.run(&["build", "--no-pdf"]),
        "content/en/leak.md",
    );
    assert_refused_link(
        &site,
        &site.run(&["check", "--no-pdf"]),
        "content/en/leak.md",
    );
}

#[test]
fn an_asset_linked_from_outside_the_site_is_not_copied() {
    let site = site_with_secrets();
    link(site.tmp().join("secret.md"), &site.path("assets/x.txt"));
    assert_refused_link(&site, &site.run(&["build", "--no-pdf"]), "assets/x.txt");
}

#[test]
fn a_folder_linked_from_outside_the_site_is_named_and_not_walked() {
    let site = site_with_secrets();
    link(site.tmp().join("elsewhere"), &site.path("content/en/etc"));
    let run = site.run(&["build", "--no-pdf"]);
    assert_refused_link(&site, &run, "content/en/etc");
    assert!(!run.stderr.contains("broken.md"), "not walked: {run}");
}

#[test]
fn a_theme_file_linked_from_outside_the_site_is_refused() {
    let site = site_with_secrets();
    link(
        site.tmp().join("secret.md"),
        &site.path("themes/default/templates/page.html"),
    );
    assert_refused_link(
        &site,
        &site.run(&["build", "--no-pdf"]),
        "themes/default/templates/page.html",
    );
}

#[test]
fn links_that_stay_inside_the_site_work() {
    let site = TestSite::minimal();
    site.write(
        "shared/about.md",
        "---\ntitle: About\n---\n\nWritten once, linked twice.\n",
    );
    site.write(
        "shared/page.html",
        "{% extends \"base.html\" %}{% block main %}<!-- linked template -->{{ page.content | safe }}{% endblock main %}",
    );
    site.write("shared/linked.css", "body { color: teal; }\n");
    link("../../shared/about.md", &site.path("content/en/about.md"));
    link("logo.svg", &site.path("assets/linked.svg"));
    link(
        "../../../shared/page.html",
        &site.path("themes/default/templates/page.html"),
    );
    link(
        "../../../shared/linked.css",
        &site.path("themes/default/static/linked.css"),
    );

    site.run(&["build", "--no-pdf"]).code(0);
    let about = site.read("public/about/index.html");
    assert!(about.contains("Written once, linked twice."), "{about}");
    assert!(about.contains("<!-- linked template -->"), "{about}");
    assert_eq!(
        site.read("public/assets/linked.svg"),
        site.read("assets/logo.svg")
    );
    assert_eq!(
        site.read("public/theme/linked.css"),
        "body { color: teal; }\n"
    );
}

#[test]
fn allow_symlinks_to_lets_a_site_use_a_shared_folder() {
    let site = TestSite::minimal();
    let shared = site.tmp().join("shared");
    std::fs::create_dir_all(&shared).expect("shared folder");
    std::fs::write(
        shared.join("guide.md"),
        "---\ntitle: Shared guide\n---\n\nFrom the monorepo.\n",
    )
    .expect("write");
    link(&shared, &site.path("content/en/shared"));
    assert_refused_link(
        &site,
        &site.run(&["build", "--no-pdf"]),
        "content/en/shared",
    );

    let config = site.read("book.toml");
    site.write(
        "book.toml",
        format!("{config}\n[build]\nallow-symlinks-to = [\"../shared\"]\n"),
    );
    site.run(&["build", "--no-pdf"]).code(0);
    assert!(
        site.read("public/shared/guide/index.html")
            .contains("From the monorepo.")
    );
}

#[test]
fn a_loop_of_links_is_reported_and_does_not_hang() {
    let site = TestSite::minimal();
    link(".", &site.path("content/en/weeks/again"));
    link("..", &site.path("assets/up/back"));
    link("../themes", &site.path("themes/default/static/round"));
    let run = run_to_end(site.command(&["build", "--no-pdf"]));
    run.code(1).diagnostic(
        "error",
        "content/en/weeks/again",
        &[
            "leads back into a folder that holds it",
            "help: remove the link",
        ],
    );
    run_to_end(site.command(&["check", "--no-pdf"])).code(1);
}

#[test]
fn serve_reports_a_link_out_of_the_site_and_never_serves_it() {
    let site = site_with_secrets();
    link(
        site.tmp().join("secret.md"),
        &site.path("content/en/leak.md"),
    );
    link(site.tmp().join("secret.md"), &site.path("assets/x.txt"));
    let server = DevServer::start(&site.root, &["--no-pdf"]);
    server.wait_for_line("--> assets/x.txt");
    server.wait_for_line("--> content/en/leak.md");
    for path in ["/", "/leak/", "/assets/x.txt", "/search-index.js"] {
        let (_, _, body) = server.get(path);
        assert!(
            !String::from_utf8_lossy(&body).contains(SECRET),
            "{path} leaked"
        );
    }
    let (_, _, home) = server.get("/");
    assert!(
        String::from_utf8_lossy(&home).contains("outside the site"),
        "the overlay says why"
    );
}

#[test]
fn watch_reports_a_link_out_of_the_site_and_writes_nothing() {
    let site = site_with_secrets();
    link(
        site.tmp().join("secret.md"),
        &site.path("content/en/leak.md"),
    );
    let watch = DevServer::spawn(&site.root, &["watch", "--no-pdf"]);
    watch.wait_for_line("watching ");
    assert!(
        watch.output().contains("--> content/en/leak.md"),
        "{}",
        watch.output()
    );
    assert!(!site.path("public").exists());
}

/// The lock a build takes on `public/` of `site`, held by the test as another build would.
fn hold_output_lock(site: &TestSite) -> std::fs::File {
    let lock = std::fs::File::options()
        .read(true)
        .write(true)
        .create(true)
        .truncate(false)
        .open(site.path(".public.circlekit-lock"))
        .expect("open the lock file");
    lock.lock().expect("take the lock");
    lock
}

/// The names beside the output that are not the site's own: staging folders left behind.
fn leftovers(site: &TestSite) -> Vec<String> {
    names_in(&site.root)
        .into_iter()
        .filter(|n| n.starts_with(".public.circlekit-") && !n.ends_with("-lock"))
        .collect()
}

#[test]
fn a_build_waits_for_the_output_lock_and_gives_up_with_exit_code_4() {
    let site = TestSite::minimal();
    let lock = hold_output_lock(&site);
    let mut c = site.command(&["build", "--no-pdf"]);
    c.env("CIRCLEKIT_LOCK_WAIT", "1");
    let run = run_to_end(c);
    run.code(4)
        .stderr_has("error: another build kept writing into this folder for 1 s")
        .stderr_has(&format!(" --> {}\n", site.path("public").display()))
        .stderr_has("to wait longer set CIRCLEKIT_LOCK_WAIT=SECONDS")
        .summary_starts_with("build failed: 1 error");
    assert_eq!(
        run.stderr.matches("waiting for another build into").count(),
        1,
        "said once: {run}"
    );
    assert!(!site.path("public").exists());
    assert!(leftovers(&site).is_empty(), "{:?}", leftovers(&site));
    drop(lock);
    site.run(&["build", "--no-pdf"]).code(0);
}

#[test]
fn watch_takes_the_output_lock_for_each_build() {
    let site = TestSite::minimal();
    let lock = hold_output_lock(&site);
    let watch = DevServer::spawn(&site.root, &["watch", "--no-pdf"]);
    watch.wait_for_line("waiting for another build into");
    assert!(!site.path("public").exists(), "watch waits before writing");
    drop(lock);
    watch.wait_for_line("watching ");
    assert!(site.path("public/index.html").is_file());
}

#[test]
fn two_builds_into_one_output_both_finish_with_the_whole_site() {
    let site = TestSite::minimal();
    for i in 0..150 {
        site.write(
            &format!("content/en/notes/{i:03}.md"),
            format!(
                "---\ntitle: Note {i}\n---\n\n## Part one\n\n{}\n\n## Part two\n\nMore.\n",
                "Words to index. ".repeat(40)
            ),
        );
    }
    let reference = site.tmp().join("reference");
    site.run(&[
        "build",
        "--no-pdf",
        "--output",
        reference.to_str().expect("UTF-8"),
    ])
    .code(0);
    let expected = snapshot(&reference);

    let spawn = || {
        site.command(&["build", "--no-pdf"])
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .expect("start a build")
    };
    let (mut first, mut second) = (spawn(), spawn());
    let first_status = first.wait().expect("first build");
    assert!(first_status.success(), "the first build: {first_status}");
    {
        // As another build would: look at the output only while no build writes it.
        let _lock = hold_output_lock(&site);
        assert!(
            snapshot(&site.path("public")) == expected,
            "the output is whole when the first build ends"
        );
    }
    let second_status = second.wait().expect("second build");
    assert!(second_status.success(), "the second build: {second_status}");
    assert!(
        snapshot(&site.path("public")) == expected,
        "the output is whole at the end"
    );
    assert!(leftovers(&site).is_empty(), "{:?}", leftovers(&site));
}

/// Runs `script` with `sh` in a private mount namespace in the site's root, or `None` when
/// this machine cannot make one.
pub(super) fn in_mount_namespace(site: &TestSite, script: &str) -> Option<std::process::Output> {
    let mount_here = site.tmp().join("probe");
    std::fs::create_dir_all(&mount_here).expect("probe folder");
    let probe = Command::new("unshare")
        .args(["-rm", "mount", "-t", "tmpfs", "probe"])
        .arg(&mount_here)
        .output();
    if !probe.as_ref().is_ok_and(|o| o.status.success()) {
        eprintln!(
            "skipped: `unshare -rm` cannot make a mount namespace here ({probe:?}); the update in place is still tested through a failing rename in src/output/tests.rs"
        );
        return None;
    }
    let out = Command::new("unshare")
        .args(["-rm", "sh", "-c", script])
        .current_dir(&site.root)
        .env("CIRCLEKIT", BIN)
        .env(crate::support::CACHE_ENV, crate::support::test_cache_dir())
        .output()
        .expect("run unshare");
    Some(out)
}

#[test]
fn an_output_folder_that_is_a_mount_point_is_updated_in_place() {
    let site = TestSite::minimal();
    let script = r#"
        set -u
        mkdir -p public
        mount -t tmpfs circlekit-test public || exit 90
        "$CIRCLEKIT" build --no-pdf 2>>../log; echo "first=$?" >> ../codes
        cp -a public/. ../after-first/
        printf -- '---\ntitle: Welcome\n---\n\nAn edited home page.\n' > content/en/_index.md
        "$CIRCLEKIT" build --no-pdf 2>>../log; echo "second=$?" >> ../codes
        cp -a public/. ../after-second/
        printf -- '---\ntitle: [unclosed\n---\n' > content/en/broken.md
        "$CIRCLEKIT" build --no-pdf 2>>../log; echo "broken=$?" >> ../codes
        cp -a public/. ../after-broken/
        rm content/en/broken.md
        # What a crash in the middle of an update in place leaves behind.
        echo unfinished > public/.circlekit-updating
        echo garbage > public/index.html
        rm public/sitemap.xml
        mkdir .public.circlekit-staging-1 && touch .public.circlekit-staging-1/.circlekit-output
        "$CIRCLEKIT" build --no-pdf 2>>../log; echo "repair=$?" >> ../codes
        cp -a public/. ../after-repair/
        mountpoint -q public && echo "mounted=yes" >> ../codes
    "#;
    for dir in [
        "after-first",
        "after-second",
        "after-broken",
        "after-repair",
    ] {
        std::fs::create_dir_all(site.tmp().join(dir)).expect("result folder");
    }
    let Some(out) = in_mount_namespace(&site, script) else {
        return;
    };
    let read = |name: &str| std::fs::read_to_string(site.tmp().join(name)).unwrap_or_default();
    assert_eq!(out.status.code(), Some(0), "{out:?}\n{}", read("log"));
    assert_eq!(
        read("codes"),
        "first=0\nsecond=0\nbroken=1\nrepair=0\nmounted=yes\n",
        "{}",
        read("log")
    );
    let reference = site.tmp().join("reference");
    site.run(&[
        "build",
        "--no-pdf",
        "--output",
        reference.to_str().expect("UTF-8"),
    ])
    .code(0);
    let expected = snapshot(&reference);
    let after = |name: &str| snapshot(&site.tmp().join(name));
    assert!(
        after("after-first") != expected,
        "the first build is the site before the edit"
    );
    assert!(after("after-second") == expected, "updated in place");
    assert!(
        after("after-broken") == expected,
        "a failed build leaves the output as it was"
    );
    assert!(
        after("after-repair") == expected,
        "the next build repairs an interrupted update"
    );
    assert!(leftovers(&site).is_empty(), "{:?}", leftovers(&site));
}
