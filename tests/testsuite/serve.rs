//! `circlekit serve` and `watch`: a real server on 127.0.0.1, edits on disk, what is served.

use std::time::Duration;

use circlekit::build::{BuildOptions, render_into};
use circlekit::dev::Rebuilder;
use circlekit::render::MemorySink;

use crate::browser::Browser;
use crate::dev_server::{
    DevServer, assert_serves_a_fresh_build, atomic_save, edit, fresh_build, fresh_build_with,
    request, strip_dev_additions,
};
use crate::support::{TestSite, Tool, skip_unless, snapshot};

/// The fixture every dev-server test starts from (each gets its own copy).
pub fn site() -> TestSite {
    TestSite::new("serve")
}

#[test]
fn serves_pages_assets_and_the_sites_own_404_page() {
    let site = site();
    let server = DevServer::start(&site.root, &[]);
    let (status, ctype, body) = server.get("/");
    assert_eq!((status, ctype.as_str()), (200, "text/html; charset=utf-8"));
    let home = String::from_utf8_lossy(&body);
    assert!(home.contains("A small circle program."), "{home}");
    assert!(home.contains(r#"<script id="circlekit-livereload">"#));
    assert!(server.page("/weeks/01-arriving/").contains("Say hello."));
    let (status, ctype, body) = server.get("/assets/logo.svg");
    assert_eq!((status, ctype.as_str()), (200, "image/svg+xml"));
    assert_eq!(body, site.read("assets/logo.svg").as_bytes());
    assert_eq!(server.get("/theme/extra.css").1, "text/css; charset=utf-8");
    let (status, _, body) = server.get("/weeks");
    assert_eq!(
        (status, body.is_empty()),
        (301, false),
        "a folder needs its slash"
    );
    let (status, ctype, body) = server.get("/no/such/page/");
    assert_eq!((status, ctype.as_str()), (404, "text/html; charset=utf-8"));
    let missing = strip_dev_additions(&String::from_utf8_lossy(&body));
    assert_eq!(
        missing,
        String::from_utf8_lossy(&fresh_build(&site)["404.html"])
    );
    let (status, ctype, body) = request(&format!("{}/faq/", server.base), "HEAD");
    assert_eq!(
        (status, ctype.as_str(), body.len()),
        (200, "text/html; charset=utf-8", 0)
    );
    assert!(
        !site.path("public").exists(),
        "serve writes nothing to disk"
    );
}

#[test]
fn answers_only_get_and_head() {
    let site = site();
    let server = DevServer::start(&site.root, &[]);
    for method in ["POST", "PUT", "DELETE"] {
        let (status, _, _) = request(&format!("{}/", server.base), method);
        assert_eq!(status, 405, "{method}");
    }
    let answer = server.raw(b"OPTIONS / HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n");
    assert!(answer.starts_with("HTTP/1.1 405"), "{answer}");
    assert!(answer.contains("Allow: GET, HEAD"), "{answer}");
}

#[test]
#[cfg(unix)]
fn never_serves_anything_outside_the_site() {
    // Links out of the site: tests/testsuite/hostile/fs.rs.
    let site = site();
    let server = DevServer::start(&site.root, &[]);
    for path in [
        "/../book.toml",
        "/%2e%2e/book.toml",
        "/%2E%2E%2Fbook.toml",
        "/assets/..%2f..%2fbook.toml",
        "/..%5cbook.toml",
        "/assets\\..\\..\\book.toml",
        "/index.html%00.css",
        "/%",
        "/%zz",
        "/%ff%fe",
    ] {
        let answer = server
            .raw(format!("GET {path} HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n").as_bytes());
        let status = answer.get(9..12).unwrap_or("");
        assert!(status == "400" || status == "404", "{path}: {answer}");
        assert!(!answer.contains("[circle]"), "{path} leaked book.toml");
    }
    for junk in [
        &b"\x00\x01\x02\r\n\r\n"[..],
        b"GET\r\n\r\n",
        b"GET / HTTP/9.9\r\n\r\n",
    ] {
        let _ = server.raw(junk);
    }
    assert_eq!(
        server.get("/").0,
        200,
        "still answering after malformed requests"
    );
    // What is served comes from the build, never from the disk at request time.
    let (status, _, body) = server.get("/book.toml");
    assert_eq!(status, 404);
    assert!(!String::from_utf8_lossy(&body).contains("[circle]"));
}

#[test]
fn slow_clients_do_not_block_others() {
    let site = site();
    let server = DevServer::start(&site.root, &[]);
    let addr = server.base.trim_start_matches("http://").to_string();
    // Half-sent requests and event streams nobody reads, more than there are workers.
    let mut stalled = Vec::new();
    for i in 0..12 {
        let mut s = std::net::TcpStream::connect(&addr).expect("connect");
        let half: &[u8] = if i % 2 == 0 {
            b"GET / HTTP/1.1\r\nHost: x\r\n"
        } else {
            b"GET /__circlekit/events HTTP/1.1\r\nHost: x\r\n\r\n"
        };
        std::io::Write::write_all(&mut s, half).expect("send half a request");
        stalled.push(s);
        // One at a time: tiny_http 0.12's connection pool can queue a connection behind
        // others that arrive in the same instant, and stalled ones never give way.
        std::thread::sleep(Duration::from_millis(30));
    }
    let start = std::time::Instant::now();
    for _ in 0..20 {
        assert_eq!(server.get("/faq/").0, 200);
    }
    assert!(
        start.elapsed() < Duration::from_secs(5),
        "{:?}",
        start.elapsed()
    );
}

#[test]
fn uses_the_next_port_when_the_port_is_taken() {
    let taken = std::net::TcpListener::bind("127.0.0.1:0").expect("bind a port");
    let port = taken.local_addr().expect("address").port();
    let site = site();
    let server = DevServer::spawn(&site.root, &["serve", "--port", &port.to_string()]);
    let line = server.wait_for_line("is taken");
    assert!(
        line.starts_with(&format!("port {port} is taken, using ")),
        "{line}"
    );
    server.wait_for_line("serving http://127.0.0.1:");
}

#[test]
fn an_edit_fires_the_reload_event_and_the_new_page_is_served() {
    let site = site();
    let server = DevServer::start(&site.root, &[]);
    let events = server.events();
    edit(
        &site,
        "content/en/faq.md",
        "Anyone in the circle.",
        "Whoever volunteers.",
    );
    events.next("reload");
    // The reload that says the PDFs made in the background are ready may come first.
    server.wait_until("the edit is served", || {
        server.page("/faq/").contains("Whoever volunteers.")
    });
    server.wait_for_line("rebuilt ");
    assert!(
        server.output().contains("(content/en/faq.md)"),
        "{}",
        server.output()
    );
}

#[test]
fn an_atomic_save_is_picked_up() {
    let site = site();
    let server = DevServer::start(&site.root, &[]);
    let events = server.events();
    let text = site
        .read("content/en/weeks/02-goals.md")
        .replace("Write it down.", "Say it out loud.");
    atomic_save(&site, "content/en/weeks/02-goals.md", &text);
    events.next("reload");
    server.wait_until("the saved text is served", || {
        server.page("/weeks/02-goals/").contains("Say it out loud.")
    });
    // A second atomic save of the same file works too (the watch survived the rename).
    atomic_save(
        &site,
        "content/en/weeks/02-goals.md",
        &text.replace("out loud", "softly"),
    );
    server.wait_until("the second save is served", || {
        server.page("/weeks/02-goals/").contains("Say it softly.")
    });
    assert!(!server.output().contains(".tmp"), "{}", server.output());
}

#[test]
fn a_burst_of_fifty_edits_ends_equal_to_a_fresh_build() {
    let site = site();
    let server = DevServer::start(&site.root, &[]);
    for i in 0..50 {
        match i % 5 {
            0 => site.write("content/en/faq.md", format!("# Basics\n\n## Who moderates?\n\nAnswer {i}.\n")),
            1 => site.write(
                "content/en/weeks/02-goals.md",
                format!("---\nweek: 2\ntitle: Goals {i}\nsummary: Pick a goal.\n---\n\n## Set a goal\n\nEdit {i}.\n"),
            ),
            2 => site.write(&format!("content/en/notes/n{}.md", i % 3), format!("---\ntitle: Note {i}\n---\n\nNote {i}.\n")),
            3 => atomic_save(&site, "content/en/_index.md", &format!("---\ntitle: Welcome\n---\n\nHome {i}, see [week 1](weeks/01-arriving.md).\n")),
            _ => site.write("themes/default/static/extra.css", format!(".extra {{ color: #{i:06}; }}\n")),
        }
        std::thread::sleep(Duration::from_millis(3));
    }
    std::fs::remove_file(site.path("content/en/notes/n0.md")).expect("delete a page");
    server.wait_until("the last edits are served", || {
        server.page("/").contains("Home 48") && server.get("/notes/n0/").0 == 404
    });
    let rebuilds = server.count_lines("rebuilt ");
    assert!(rebuilds < 51, "bursts are coalesced: {rebuilds} rebuilds");
    assert_serves_a_fresh_build(&server, &site);
}

#[test]
fn serve_with_an_output_folder_writes_whole_pages_as_build_does() {
    let site = site();
    let out = site.tmp().join("served");
    let server = DevServer::start(
        &site.root,
        &["--no-pdf", "--output", out.to_str().expect("utf-8 path")],
    );
    server.wait_until("the output folder is written", || {
        out.join("index.html").is_file()
    });
    let built = fresh_build_with(&site, &["--no-pdf"]);
    let mut written = snapshot(&out);
    written.remove(circlekit::output::MARKER);
    assert!(
        built.keys().any(|k| k.ends_with(".html")),
        "{:?}",
        built.keys()
    );
    assert_eq!(
        written.keys().collect::<Vec<_>>(),
        built.keys().collect::<Vec<_>>()
    );
    for (path, bytes) in &built {
        assert!(written[path] == *bytes, "{path} differs from the build's");
    }
}

#[test]
fn a_broken_edit_shows_the_overlay_and_a_fix_clears_it() {
    let site = site();
    let server = DevServer::start(&site.root, &[]);
    let events = server.events();
    let good = site.read("content/en/weeks/01-arriving.md");
    site.write(
        "content/en/weeks/01-arriving.md",
        good.replace("title: Arriving", "titel: <b>Arriving</b>"),
    );
    events.next("reload");
    // The reload that says the PDFs made in the background are ready may come first.
    server.wait_until("the overlay is served", || {
        String::from_utf8_lossy(&server.get("/faq/").2).contains(r#"<div id="circlekit-overlay""#)
    });
    let (_, _, body) = server.get("/faq/");
    let page = String::from_utf8_lossy(&body);
    assert!(page.contains("content/en/weeks/01-arriving.md:"), "{page}");
    assert!(
        page.contains("titel: &lt;b&gt;Arriving&lt;/b&gt;"),
        "escaped: {page}"
    );
    assert!(
        page.contains("Anyone in the circle."),
        "the last good page stays"
    );
    server.wait_for_line("rebuild failed:");
    assert!(
        server
            .output()
            .contains("--> content/en/weeks/01-arriving.md:"),
        "{}",
        server.output()
    );
    site.write("content/en/weeks/01-arriving.md", &good);
    events.next("reload");
    let (_, _, body) = server.get("/faq/");
    // The errors are gone; the fixture's warnings (weeks without a before-next block) stay.
    assert!(!String::from_utf8_lossy(&body).contains("did not build"));
    assert_serves_a_fresh_build(&server, &site);
}

#[test]
fn a_stylesheet_change_swaps_styles_without_a_reload() {
    let site = site();
    // With no PDF cache (the test's own cache folder starts empty too), the PDFs are
    // typeset in the background while the stylesheet is saved, as on a first run: the
    // pages shown with them may read the new stylesheet before its rebuild does, and must
    // then tell the open pages so.
    let server = DevServer::start(&site.root, &["--no-cache"]);
    let events = server.events();
    site.write(
        "themes/default/static/extra.css",
        ".extra { color: navy; }\n",
    );
    events.next("css");
    assert_eq!(
        events.within(Duration::from_millis(300)),
        None,
        "no reload follows"
    );
    assert_eq!(
        server.get("/theme/extra.css").2,
        b".extra { color: navy; }\n"
    );
}

#[test]
fn new_folders_deletes_and_config_changes_are_picked_up() {
    let site = site();
    let server = DevServer::start(&site.root, &[]);
    site.write(
        "content/en/guides/deep/extra.md",
        "---\ntitle: Extra\n---\n\nDeep page.\n",
    );
    server.wait_until("the new page is served", || {
        server.page("/guides/deep/extra/").contains("Deep page.")
    });
    std::fs::remove_dir_all(site.path("content/en/guides")).expect("delete the folder");
    server.wait_until("the page is gone", || {
        server.get("/guides/deep/extra/").0 == 404
    });
    edit(&site, "book.toml", "Serve test", "Renamed program");
    server.wait_until("the new title is served", || {
        server.page("/").contains("Renamed program")
    });
    site.write(
        "themes/default/templates/kit.html",
        "{% extends \"base.html\" %}{% block main %}CUSTOM {{ page.title }}{% endblock %}",
    );
    server.wait_until("the new template is used", || {
        server.page("/kits/agreement/").contains("CUSTOM")
    });
    assert_serves_a_fresh_build(&server, &site);
}

#[test]
fn a_restarted_server_makes_open_pages_reload() {
    let site = site();
    let first = DevServer::start(&site.root, &[]).page_build_id();
    let second = DevServer::start(&site.root, &[]).page_build_id();
    assert_ne!(first, second, "each run announces its own build id");
}

impl DevServer {
    /// The build id a page served now carries.
    fn page_build_id(&self) -> String {
        let (_, _, body) = self.get("/");
        let page = String::from_utf8_lossy(&body).into_owned();
        page.split("var id = \"")
            .nth(1)
            .and_then(|s| s.split('"').next())
            .expect("build id in the page")
            .to_string()
    }
}

#[test]
fn rebuilds_keep_pages_packed_and_unpack_them_to_the_bytes_of_a_fresh_render() {
    let site = site();
    let opts = BuildOptions {
        pdf: false,
        ..BuildOptions::default()
    };
    let rebuilder = Rebuilder::new(&site.root, opts.clone());
    let files = rebuilder.render().expect("render").files;
    let sink = MemorySink::default();
    render_into(&site.root, &opts, &sink).expect("fresh render");
    let fresh = sink.into_files();
    let page = "weeks/01-arriving/index.html";
    assert!(files[page].is_packed(), "pages are kept packed");
    assert_eq!(*files[page].bytes(), fresh[page][..]);
    let search = files
        .keys()
        .find(|k| k.ends_with("search-index.js"))
        .expect("a search index");
    assert!(!files[search].is_packed(), "the search index is not");
    assert_eq!(files.len(), fresh.len());
    for (path, bytes) in files.iter() {
        assert_eq!(*bytes.bytes(), fresh[path][..], "{path}");
    }
}

/// The files a fresh render of `site` gives, in memory.
fn fresh_render(site: &TestSite, opts: &BuildOptions) -> circlekit::output::MemoryFiles {
    let sink = MemorySink::default();
    render_into(&site.root, opts, &sink).expect("fresh render");
    sink.into_shared()
}

#[test]
fn rebuilds_reusing_pages_equal_a_fresh_render_after_every_kind_of_edit() {
    let site = site();
    let opts = BuildOptions::default();
    let rebuilder = Rebuilder::new(&site.root, opts.clone());
    let fresh = || fresh_render(&site, &opts);
    let first = rebuilder.render().expect("first render");
    if cfg!(feature = "pdf") {
        // Pages come first; every PDF is made afterwards (in the background, in `serve`).
        assert!(
            first
                .pending
                .contains(&"downloads/en/week-01-member.pdf".to_string()),
            "{:?}",
            first.pending
        );
        assert!(first.pending.iter().all(|p| !first.files.contains_key(p)));
        let week = String::from_utf8_lossy(&first.files["weeks/01-arriving/index.html"].bytes())
            .into_owned();
        assert!(
            week.contains("downloads/en/week-01-member.pdf"),
            "pages link to PDFs still being made"
        );
    } else {
        assert!(first.pending.is_empty());
    }
    assert_eq!(*rebuilder.settle().expect("settle").files, fresh());
    let steps: Vec<Box<dyn Fn()>> = vec![
        Box::new(|| {
            edit(
                &site,
                "content/en/faq.md",
                "Anyone in the circle.",
                "Body only.",
            )
        }),
        Box::new(|| {
            edit(
                &site,
                "content/en/weeks/02-goals.md",
                "title: Goals",
                "title: Aims",
            )
        }),
        Box::new(|| {
            edit(
                &site,
                "content/en/weeks/02-goals.md",
                "## Set a goal",
                "## Set a goal\n\n## Another",
            )
        }),
        Box::new(|| {
            edit(
                &site,
                "content/en/kits/agreement.md",
                "What we promise",
                "Our promise",
            )
        }),
        Box::new(|| {
            site.write(
                "content/en/new.md",
                "---\ntitle: New\nweight: -1\n---\n\nNew page.\n",
            )
        }),
        Box::new(|| {
            site.write(
                "themes/default/templates/faq.html",
                "{% extends \"base.html\" %}{% block main %}FAQ!{% endblock %}",
            )
        }),
        Box::new(|| edit(&site, "book.toml", "Serve test", "Other title")),
        Box::new(|| site.write("assets/logo.svg", "<svg/>")),
        Box::new(|| std::fs::remove_file(site.path("content/en/new.md")).expect("remove")),
        Box::new(|| {
            edit(
                &site,
                "book.toml",
                "[circle]",
                "[languages.de]\nname = \"Deutsch\"\n\n[circle]",
            );
            site.write(
                "content/de/_index.md",
                "---\ntitle: Willkommen\n---\n\nHallo.\n",
            );
        }),
        // German falls back to the English week 2: an English edit changes a German page.
        Box::new(|| {
            edit(
                &site,
                "content/en/weeks/02-goals.md",
                "Write it down.",
                "Write it up.",
            )
        }),
        Box::new(|| {
            site.write(
                "content/de/faq.md",
                "# Grundlagen\n\n## Wer moderiert?\n\nJede.\n",
            )
        }),
        Box::new(|| {
            edit(
                &site,
                "content/en/_index.md",
                "title: Welcome",
                "title: Hello",
            )
        }),
    ];
    let mut reused_any = false;
    for (i, step) in steps.iter().enumerate() {
        step();
        let again = rebuilder.render().expect("rebuild");
        reused_any |= again.stats.reused > 0;
        if i == 0 && cfg!(feature = "pdf") {
            assert!(again.pending.contains(&"downloads/en/faq.pdf".to_string()));
            let work = rebuilder.pdf_work().expect("PDFs to make");
            let made = work.run().result.expect("PDFs made");
            assert_eq!(made, 1, "only the FAQ's PDF is typeset again");
        }
        assert_eq!(
            *rebuilder.settle().expect("settle").files,
            fresh(),
            "after step {i}"
        );
    }
    assert!(reused_any, "unchanged pages are reused");
    let last = rebuilder.settle().expect("last render").files;
    let german_week =
        String::from_utf8_lossy(&last["de/weeks/02-goals/index.html"].bytes()).into_owned();
    assert!(
        german_week.contains("Write it up."),
        "the fallback follows the original"
    );
}

#[test]
fn a_page_edited_in_the_browser_changes_without_a_manual_reload() {
    skip_unless!(Tool::Chromium);
    let site = site();
    let server = DevServer::start(&site.root, &[]);
    let browser = Browser::start();
    browser.goto(&format!("{}/weeks/01-arriving/", server.base));
    assert!(browser.wait_for("document.body.innerText.includes('Say hello.')"));
    browser.eval("window.__marker = 1; return true;");
    edit(
        &site,
        "content/en/weeks/01-arriving.md",
        "Say hello.",
        "Wave to everyone.",
    );
    assert!(
        browser.wait_for("document.body.innerText.includes('Wave to everyone.')"),
        "the page did not update:\n{}",
        server.output()
    );
    assert_eq!(
        browser.eval("return window.__marker === 1;"),
        serde_json::json!(true),
        "a text edit patches the page in place (tests/testsuite/live_patch.rs)"
    );
    let shot = site.tmp().join("live-reload.png");
    browser.screenshot(&shot);
    let png = std::fs::read(&shot).expect("screenshot");
    assert!(png.starts_with(b"\x89PNG"), "a PNG screenshot");
}

#[test]
fn an_edit_that_breaks_an_unchanged_pages_link_is_found_again() {
    let site = site();
    let opts = BuildOptions::default();
    let rebuilder = Rebuilder::new(&site.root, opts.clone());
    let fresh_check = || match circlekit::build::prepare_checked(&site.root, &opts) {
        Ok(p) => p.diagnostics.render(),
        Err(d) => d.render(),
    };
    let shown = |r: Result<circlekit::dev::Rendered, circlekit::diagnostic::Diagnostics>| match r {
        Ok(r) => r.outcome.diagnostics.render(),
        Err(d) => d.render(),
    };
    assert_eq!(shown(rebuilder.render()), fresh_check());
    // Week 1 links to `02-goals.md#set-a-goal`. The edit keeps the file's size, and comes
    // within the same second as the last read.
    edit(
        &site,
        "content/en/weeks/02-goals.md",
        "## Set a goal",
        "## Set a gaol",
    );
    let broken = shown(rebuilder.render());
    assert!(
        broken.contains("01-arriving.md") && broken.contains("#set-a-goal"),
        "week 1 is checked again: {broken}"
    );
    assert_eq!(broken, fresh_check());
    edit(
        &site,
        "content/en/weeks/02-goals.md",
        "## Set a gaol",
        "## Set a goal",
    );
    assert_eq!(shown(rebuilder.render()), fresh_check());
    assert!(!shown(rebuilder.render()).contains("#set-a-goal"));
}

#[test]
fn an_edits_pages_come_first_and_its_search_index_right_after() {
    let site = site();
    let opts = BuildOptions {
        pdf: false,
        ..BuildOptions::default()
    };
    let fresh = || fresh_render(&site, &opts);
    let rebuilder = Rebuilder::new(&site.root, opts.clone());
    let first = rebuilder.render().expect("first render");
    assert!(first.later.is_none(), "the first render writes everything");
    assert_eq!(*first.files, fresh());
    let before = first.files["search-index.js"].clone();
    edit(
        &site,
        "content/en/faq.md",
        "Anyone in the circle.",
        "Anyone in the circle, zebrafinch.",
    );
    let mut again = rebuilder.render().expect("rebuild");
    let later = again.later.take().expect("the index is left for later");
    let paths = later.paths();
    for path in ["search-index.js", "offline.json", "sw.js"] {
        assert!(paths.contains(&path.to_string()), "{path} in {paths:?}");
        assert!(again.files.contains_key(path), "{path} stands in meanwhile");
    }
    assert!(
        String::from_utf8_lossy(&again.files["faq/index.html"].bytes()).contains("zebrafinch"),
        "the page is new"
    );
    assert_eq!(
        again.files["search-index.js"], before,
        "the last index stands in"
    );
    let complete = rebuilder.complete(&again.files, later).expect("complete");
    assert!(String::from_utf8_lossy(&complete["search-index.js"].bytes()).contains("zebrafinch"));
    assert_eq!(*complete, fresh(), "complete, it equals a fresh render");
    // The next edit's stand-ins are this one's complete files.
    edit(&site, "content/en/faq.md", "zebrafinch", "zebrafinches");
    let next = rebuilder.render().expect("second rebuild");
    assert_eq!(next.files["search-index.js"], complete["search-index.js"]);
}

#[test]
fn the_search_index_asked_for_right_after_an_edit_is_the_new_one() {
    let site = site();
    let server = DevServer::start(&site.root, &["--no-pdf"]);
    let events = server.events();
    for word in [
        "zebrafinch",
        "kingfisher",
        "nightjar",
        "woodlark",
        "dipper",
        "wryneck",
    ] {
        let faq = site.read("content/en/faq.md");
        site.write("content/en/faq.md", format!("{faq}\n\nA {word} sings.\n"));
        events.next("reload");
        // Asked for as soon as the pages are told: it waits for the index of this edit.
        let (status, _, body) = server.get("/search-index.js");
        assert_eq!(status, 200);
        let index = String::from_utf8_lossy(&body);
        assert!(index.contains(word), "the index has {word}");
    }
    let built = fresh_build_with(&site, &["--no-pdf"]);
    for path in ["search-index.js", "offline.json", "sw.js"] {
        assert_eq!(server.get(&format!("/{path}")).2, built[path], "{path}");
    }
}

#[test]
fn downloads_whose_sizes_the_pages_show_are_taken_in_without_rendering_again() {
    if !cfg!(feature = "pdf") {
        return;
    }
    let site = site();
    let rebuilder = Rebuilder::new(&site.root, BuildOptions::default());
    let first = rebuilder.render().expect("first render");
    let work = rebuilder.pdf_work().expect("PDFs to make");
    let done = work.run();
    rebuilder.keep(&done);
    assert!(
        rebuilder.with_downloads(&first.files, &done).is_none(),
        "the first render's pages show no size yet: they change"
    );
    let settled = rebuilder.refresh().expect("a render").expect("refresh");
    // An edit that changes no download's size as its pages show it (in kilobytes).
    edit(
        &site,
        "content/en/faq.md",
        "Anyone in the circle.",
        "Anyone in the circus.",
    );
    let mut again = rebuilder.render().expect("rebuild");
    let later = again.later.take().expect("the index is left for later");
    let files = rebuilder.complete(&again.files, later).expect("complete");
    let done = rebuilder.pdf_work().expect("PDFs to make").run();
    rebuilder.keep(&done);
    let taken = rebuilder
        .with_downloads(&files, &done)
        .expect("the same sizes: nothing to render again");
    let refreshed = rebuilder.refresh().expect("a render").expect("refresh");
    assert_eq!(*taken, *refreshed.files, "as a render with the downloads");
    assert_ne!(
        taken["sw.js"], settled.files["sw.js"],
        "the offline cache is named after the new files"
    );
    // Downloads of an older render are not taken in this way.
    edit(&site, "content/en/faq.md", "the circus.", "the circles.");
    let newer = rebuilder.render().expect("newer render");
    assert!(rebuilder.with_downloads(&newer.files, &done).is_none());
}
