//! `circlekit watch`: the output folder follows the sources, through the safe output path.

use crate::dev_server::{DevServer, edit};
use crate::serve::site;

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
