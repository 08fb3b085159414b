//! Limits: front matter that is huge, deep or an alias bomb, an oversized source file,
//! thousands of broken links, templates that never finish, and inputs once misreported
//! (an email autolink, an I/O problem with an empty location).

use std::process::Stdio;
use std::time::{Duration, Instant};

use crate::dev_server::DevServer;
use crate::support::{Run, TestSite};

/// How long a run may take before the test stops it and fails: far more than any of
/// these needs, so that input which once hung the build fails the test instead.
const BOUND: Duration = Duration::from_secs(120);

/// Runs `circlekit ARGS` in the site, killing it (and failing) if it outlives [`BOUND`].
fn run_bounded(site: &TestSite, args: &[&str]) -> Run {
    let out_path = site.tmp().join("stdout.txt");
    let err_path = site.tmp().join("stderr.txt");
    let file = |p: &std::path::Path| std::fs::File::create(p).expect("create a capture file");
    let mut child = site
        .command(args)
        .stdin(Stdio::null())
        .stdout(file(&out_path))
        .stderr(file(&err_path))
        .spawn()
        .expect("start circlekit");
    let start = Instant::now();
    let status = loop {
        if let Some(status) = child.try_wait().expect("wait for circlekit") {
            break status;
        }
        if start.elapsed() > BOUND {
            let _ = child.kill();
            let _ = child.wait();
            panic!(
                "`circlekit {}` still ran after {BOUND:?}:\n{}",
                args.join(" "),
                std::fs::read_to_string(&err_path).unwrap_or_default()
            );
        }
        std::thread::sleep(Duration::from_millis(50));
    };
    Run {
        args: args.join(" "),
        code: status.code().expect("circlekit exited, not killed"),
        stdout: std::fs::read_to_string(&out_path).expect("stdout is UTF-8"),
        stderr: std::fs::read_to_string(&err_path).expect("stderr is UTF-8"),
    }
}

/// The minimal site with a `[build]` table added to its book.toml.
fn site_with_build(table: &str) -> TestSite {
    let site = TestSite::minimal();
    let config = site.read("book.toml");
    site.write("book.toml", format!("{config}\n[build]\n{table}\n"));
    site
}

#[test]
fn an_alias_bomb_in_front_matter_is_refused_at_its_line() {
    let site = TestSite::minimal();
    // 1.2 KB of YAML that expands to 100 KB: each alias repeats a 1,000-letter outcome.
    let aliases = vec!["*lol"; 100].join(", ");
    let lol = "lol".repeat(333);
    site.write(
        "content/en/weeks/01-arriving.md",
        format!(
            "---\nweek: 1\ntitle: Arriving\noutcomes: [&lol \"{lol}\", {aliases}]\n---\n\nHi.\n"
        ),
    );
    site.run(&["build"]).code(1).diagnostic(
        "error",
        "content/en/weeks/01-arriving.md:4:1",
        &["aliases expand to more than 10 times its size"],
    );
}

#[test]
fn front_matter_nested_a_thousand_levels_deep_is_refused() {
    let site = TestSite::minimal();
    let deep = format!("{}\"x\"{}", "[".repeat(1000), "]".repeat(1000));
    site.write(
        "content/en/weeks/01-arriving.md",
        format!("---\nweek: 1\ntitle: Arriving\noutcomes: {deep}\n---\n\nHi.\n"),
    );
    run_bounded(&site, &["build"]).code(1).diagnostic(
        "error",
        "content/en/weeks/01-arriving.md:4:1",
        &["nests more than 100 levels deep"],
    );
}

#[test]
fn front_matter_over_a_megabyte_is_refused() {
    let site = TestSite::minimal();
    let long = "x".repeat(1024 * 1024);
    site.write(
        "content/en/big.md",
        format!("---\ntitle: Big\ndescription: {long}\n---\n\nHi.\n"),
    );
    run_bounded(&site, &["build"]).code(1).diagnostic(
        "error",
        "content/en/big.md:1:1",
        &["more than the limit of 1 MB"],
    );
}

#[test]
fn a_file_over_max_file_size_is_refused_naming_it() {
    let site = site_with_build("max-file-size = \"1KB\"");
    site.write(
        "content/en/long.md",
        format!("---\ntitle: Long\n---\n\n{}\n", "word ".repeat(300)),
    );
    site.run(&["build"]).code(1).diagnostic(
        "error",
        "content/en/long.md",
        &["larger than the limit of 1 KB", "[build] max-file-size"],
    );
}

#[test]
fn a_source_file_over_sixteen_megabytes_is_refused_by_default() {
    let site = TestSite::minimal();
    site.write("content/en/huge.md", "a\n".repeat(8 * 1024 * 1024 + 1));
    run_bounded(&site, &["build"]).code(1).diagnostic(
        "error",
        "content/en/huge.md",
        &["larger than the limit of 16 MB"],
    );
}

#[test]
fn twenty_thousand_broken_links_are_all_reported() {
    let site = TestSite::minimal();
    let links: String = (1..=20_000)
        .map(|i| format!("[page {i}](missing-{i}.md)\n\n"))
        .collect();
    site.write(
        "content/en/links.md",
        format!("---\ntitle: Links\n---\n\n{links}"),
    );
    let run = run_bounded(&site, &["check"]);
    run.code(1)
        .summary_starts_with("checked 3 pages: 20000 errors, 0 warnings")
        .diagnostic(
            "error",
            "content/en/links.md:5:1",
            &["link to `missing-1.md`, which does not exist"],
        )
        .diagnostic(
            "error",
            "content/en/links.md:40003:1",
            &["link to `missing-20000.md`, which does not exist"],
        );
}

#[test]
fn an_email_autolink_is_not_a_missing_page() {
    let site = TestSite::minimal();
    site.write(
        "content/en/contact.md",
        "---\ntitle: Contact\n---\n\nWrite to <team@example.org> or [us](mailto:us@example.org).\n",
    );
    site.run(&["build"]).code(0);
    let html = site.read("public/contact/index.html");
    assert!(html.contains(r#"href="mailto:team@example.org""#), "{html}");
    assert!(html.contains(r#"href="mailto:us@example.org""#), "{html}");
}

#[test]
fn an_io_problem_prints_no_empty_location_line() {
    let site = TestSite::minimal();
    // A folder where the search index is to be written: writing it fails.
    site.write("content/en/search-index.js/note.txt", "in the way\n");
    let run = site.run(&["build"]);
    assert_ne!(run.code, 0, "{run}");
    assert!(run.stderr.contains("search-index.js"), "{run}");
    assert!(
        !run.stderr.lines().any(|l| l.trim() == "-->"),
        "no location line without a location\n{run}"
    );
}

/// A loop that writes nothing: 10^15 steps that Tera's own limits let through.
const RUNAWAY_LOOP: &str = "{% for i in range(end=100000) %}{% for j in range(end=100000) %}\
{% for k in range(end=100000) %}{% endfor %}{% endfor %}{% endfor %}";

#[test]
fn a_template_loop_that_runs_away_is_stopped_naming_the_template() {
    let site = site_with_build("template-timeout = \"1s\"");
    site.write(
        "themes/default/templates/home.html",
        format!("<p>start</p>\n{RUNAWAY_LOOP}\n"),
    );
    run_bounded(&site, &["build"]).code(1).diagnostic(
        "error",
        "themes/default/templates/home.html",
        &[
            "the template `home.html` did not finish rendering within 1 s",
            "[build] template-timeout",
            "content/en/_index.md",
        ],
    );
}

#[test]
fn a_component_that_calls_itself_is_reported_at_the_call() {
    let site = TestSite::minimal();
    site.write(
        "themes/default/templates/home.html",
        "<main>\n{% component echo(n) %}\n<b>{{<echo n={n} />}}</b>\n{% endcomponent echo %}\n{{<echo n={1} />}}\n</main>\n",
    );
    run_bounded(&site, &["build"]).code(1).diagnostic(
        "error",
        "themes/default/templates/home.html:3:6",
        &["the component `echo` calls itself too many times"],
    );
}

#[test]
fn a_circular_include_is_reported_at_the_include() {
    let site = TestSite::minimal();
    site.write(
        "themes/default/templates/a.html",
        "<p>{% include \"b.html\" %}</p>\n",
    );
    site.write(
        "themes/default/templates/b.html",
        "<p>\n{% include \"a.html\" %}</p>\n",
    );
    run_bounded(&site, &["build"]).code(1).diagnostic(
        "error",
        "themes/default/templates/b.html:2:4",
        &["`b.html` includes `a.html`, which leads back to it"],
    );
}

#[test]
fn serve_stays_up_degraded_while_a_template_runs_away() {
    let site = site_with_build("template-timeout = \"1s\"");
    let server = DevServer::start(&site.root, &[]);
    assert!(server.page("/").contains("A small circle program."));
    let builtin =
        std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("themes/default/templates/home.html");
    let good = crate::support::read(&builtin);
    site.write(
        "themes/default/templates/home.html",
        good.replace(
            "{% endblock main %}",
            &format!("{RUNAWAY_LOOP}{{% endblock main %}}"),
        ),
    );
    server.wait_for_line("degraded");
    assert!(
        server
            .output()
            .contains("did not finish rendering within 1 s"),
        "{}",
        server.output()
    );
    let (status, _, body) = server.get("/");
    let page = String::from_utf8_lossy(&body);
    assert_eq!(status, 200);
    assert!(
        page.contains("A small circle program."),
        "the last good page: {page}"
    );
    assert!(
        page.contains(r#"<div id="circlekit-overlay" role="alert""#),
        "the problem is shown: {page}"
    );
    site.write("themes/default/templates/home.html", &good);
    server.wait_for_line("no longer degraded");
    let page = String::from_utf8_lossy(&server.get("/").2).into_owned();
    assert!(
        !page.contains(r#"<div id="circlekit-overlay" role="alert""#),
        "{page}"
    );
}
