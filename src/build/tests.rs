//! Tests of when a build outlines and checks its pages.

use std::path::Path;

use super::{BuildOptions, accept, prepare_part, render_prepared_then};
use crate::check::{self, Part};
use crate::content::outline_slot::Made;
use crate::diagnostic::Diagnostics;
use crate::render::{MemorySink, Pdfs, RenderOptions};
use crate::site::Site;

/// A site in `dir` with a week, a titled page, a page titled by its first heading, and
/// `extra` (path, text) files.
fn site(dir: &Path, extra: &[(&str, &str)]) {
    let files = [
        ("book.toml", "[circle]\nweeks = 1\n"),
        (
            "content/en/_index.md",
            "---\ntitle: Home\n---\n\nSee [a](a.md).\n",
        ),
        (
            "content/en/weeks/01-a.md",
            "---\nweek: 1\ntitle: A\nsummary: S\n---\n\n## Check-in\n\nHello.\n",
        ),
        (
            "content/en/a.md",
            "---\ntitle: A page\n---\n\n## Part one\n\nText.\n",
        ),
        (
            "content/en/untitled.md",
            "# Named by its heading\n\nText.\n",
        ),
    ];
    for (rel, text) in files.iter().chain(extra) {
        let p = dir.join(rel);
        std::fs::create_dir_all(p.parent().expect("parent")).expect("mkdir");
        std::fs::write(&p, text).expect("write");
    }
}

/// Builds `dir` as `build` does (without PDFs) into memory; the site and what was found.
fn build(dir: &Path) -> (Site, Result<usize, Diagnostics>) {
    let opts = BuildOptions {
        pdf: false,
        ..BuildOptions::default()
    };
    let prepared = match accept(prepare_part(dir, &opts, Part::BeforeRender), dir, false) {
        Ok(p) => p,
        Err(d) => panic!("checks before the render failed: {d:?}"),
    };
    let later = |site: &Site| {
        let mut found = Diagnostics::new();
        check::check_site_part(site, &mut found, None, Part::AfterRender);
        found
    };
    let render_opts = RenderOptions {
        pdf: Pdfs::Off,
        search_index: true,
        pdf_cache: None,
        index_later: false,
    };
    let sink = MemorySink::default();
    let result = render_prepared_then(&prepared, &sink, None, render_opts, &later, false);
    let written = sink.into_files().len();
    (prepared.site, result.map(|_| written))
}

fn made(site: &Site, rel: &str) -> Option<Made> {
    let page = site.libraries[0].pages.iter().find(|p| p.source.rel == rel);
    page.and_then(|p| p.outline.made_how())
}

#[test]
fn a_build_outlines_a_titled_page_from_the_parse_that_renders_it() {
    let dir = tempfile::tempdir().expect("temp");
    site(dir.path(), &[]);
    let (site, result) = build(dir.path());
    assert!(result.is_ok(), "{result:?}");
    for rel in ["a.md", "_index.md"] {
        assert_eq!(made(&site, rel), Some(Made::FromRender), "{rel}");
    }
    // A week is read by several stages, and a page without a title is named by its
    // first heading: both are outlined at load.
    assert_eq!(made(&site, "weeks/01-a.md"), Some(Made::AtLoad));
    assert_eq!(made(&site, "untitled.md"), Some(Made::AtLoad));
}

#[test]
fn a_page_checked_after_the_render_still_fails_the_build() {
    let dir = tempfile::tempdir().expect("temp");
    let broken = "---\ntitle: B\n---\n\nSee [gone](gone.md) and [a](a.md#nowhere).\n";
    site(dir.path(), &[("content/en/b.md", broken)]);
    let (site, result) = build(dir.path());
    let Err(found) = result else {
        panic!("a broken link must fail the build")
    };
    let messages: Vec<String> = found
        .iter()
        .map(|d| format!("{}: {}", d.location(), d.message))
        .collect();
    assert!(
        messages
            .iter()
            .any(|m| m.contains("b.md") && m.contains("gone.md")),
        "{messages:?}"
    );
    assert!(
        messages
            .iter()
            .any(|m| m.contains("b.md") && m.contains("nowhere")),
        "{messages:?}"
    );
    assert_eq!(made(&site, "b.md"), Some(Made::FromRender));
}
