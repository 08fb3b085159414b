//! Watching: `circlekit watch` keeps the output folder up to date; `--poll`; stopping with Ctrl-C.

use crate::dev_server::{DevServer, edit};
use crate::serve::site;
use crate::support::snapshot;

#[test]
fn watch_rebuilds_the_output_folder() {
    let site = site();
    let watch = DevServer::spawn(&site.root, &["watch"]);
    watch.wait_for_line("watching ");
    assert!(site.path("public/faq/index.html").is_file());
    edit(
        &site,
        "content/en/faq.md",
        "Anyone in the circle.",
        "Anyone at all.",
    );
    watch.wait_until("the output has the edit", || {
        std::fs::read_to_string(site.path("public/faq/index.html"))
            .is_ok_and(|s| s.contains("Anyone at all."))
    });
    watch.wait_for_line("rebuilt ");
    site.write("content/en/faq.md", "---\ntitle: [unclosed\n---\n");
    watch.wait_for_line("rebuild failed:");
    assert!(
        site.read("public/faq/index.html")
            .contains("Anyone at all."),
        "the last good output stays"
    );
}

#[test]
fn polling_picks_up_edits_too() {
    let site = site();
    let server = DevServer::start(&site.root, &["--poll"]);
    let events = server.events();
    edit(
        &site,
        "content/en/faq.md",
        "Anyone in the circle.",
        "Polled answer.",
    );
    events.next("reload");
    // The reload that says the PDFs made in the background are ready may come first.
    server.wait_until("the polled edit is served", || {
        server.page("/faq/").contains("Polled answer.")
    });
}

#[test]
fn ctrl_c_stops_serve_cleanly_and_leaves_the_disk_alone() {
    let site = site();
    let before = snapshot(&site.root);
    let server = DevServer::start(&site.root, &[]);
    assert_eq!(server.get("/").0, 200);
    let status = std::process::Command::new("kill")
        .args(["-INT", &server.pid().to_string()])
        .status()
        .expect("send SIGINT");
    assert!(status.success());
    server.wait_for_line("stopped serving after 0 rebuilds");
    assert_eq!(server.exit_code(), Some(0));
    assert_eq!(snapshot(&site.root), before, "serve wrote nothing");
}
