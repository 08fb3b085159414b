//! Themes: a site's `themes/<name>/` overrides the built-in theme file by file.

use crate::support::{TestSite, attrs, html, snapshot, text_of};

#[test]
fn theme_override_of_one_template_changes_only_that_page_kind() {
    let site = TestSite::new("theme_override_of_one_template_changes_only_that_page_kind");
    site.run(&["build"]).code(0);
    let themed = snapshot(&site.path("public"));

    // The same site without its theme folder, for comparison.
    let plain = TestSite::new("theme_override_of_one_template_changes_only_that_page_kind");
    std::fs::remove_dir_all(plain.path("themes")).expect("remove the theme");
    plain.run(&["build"]).code(0);
    let default = snapshot(&plain.path("public"));

    assert_eq!(
        themed.keys().collect::<Vec<_>>(),
        default.keys().collect::<Vec<_>>(),
        "the same files are built"
    );
    let changed: Vec<&String> = themed
        .keys()
        .filter(|k| themed[*k] != default[*k])
        .collect();
    // The offline cache is named after every file. The search index is made from the
    // pages' Markdown, not from their HTML, so a template does not change it.
    assert_eq!(
        changed,
        ["about/index.html", "offline.json", "sw.js"],
        "only the one page of kind `page` changes"
    );

    let about = html(&site.path("public/about/index.html"));
    assert_eq!(
        text_of(&about, ".custom-banner"),
        "A page in the site's own layout"
    );
    assert_eq!(text_of(&about, "main h1"), "About");
    // The override extends the built-in base template, so the page keeps the site's frame.
    assert_eq!(
        attrs(&about, "link[rel=stylesheet]", "href"),
        ["../theme/style.css"]
    );
}

#[test]
fn custom_theme_overrides_templates_and_static_files() {
    let site = TestSite::new("custom_theme_overrides_templates_and_static_files");
    site.run(&["build"]).code(0);
    let week = html(&site.path("public/weeks/01-arriving/index.html"));
    assert_eq!(text_of(&week, ".quiet-week h1"), "Week 1: Arriving");
    assert!(
        attrs(&week, ".agenda", "class").is_empty(),
        "the built-in week template is replaced"
    );
    // Templates the theme does not have come from the built-in theme.
    let home = html(&site.path("public/index.html"));
    assert_eq!(attrs(&home, "body", "class"), ["kind-home"]);
    assert_eq!(text_of(&home, ".week-list"), "Week 1 Arriving");
    // Static files: the theme's replace the built-in ones with the same name, and add to them.
    assert_eq!(
        site.read("public/theme/style.css"),
        site.read("themes/quiet/static/style.css")
    );
    assert_eq!(
        site.read("public/theme/print/print.css"),
        site.read("themes/quiet/static/print/print.css")
    );
}

#[test]
fn rejects_a_theme_that_does_not_exist() {
    let site = TestSite::new("rejects_a_theme_that_does_not_exist");
    site.run(&["build"])
        .code(1)
        .diagnostic(
            "error",
            "book.toml",
            &[
                "the theme `nope` does not exist",
                "help: create themes/nope/templates/ or set `[theme] name = \"default\"`",
            ],
        )
        .summary_starts_with("build failed: 1 error, 0 warnings in ");
}

#[test]
fn init_theme_copies_the_built_in_theme_to_customise() {
    let site = TestSite::minimal();
    site.run(&["init", "--theme", "mine"])
        .code(0)
        .summary_starts_with("copied the default theme into ");
    for file in [
        "templates/base.html",
        "templates/week.html",
        "templates/search-box.html",
        "static/style.css",
        "static/search.js",
        "i18n/en.toml",
    ] {
        assert!(
            site.path("themes/mine").join(file).is_file(),
            "themes/mine/{file} is copied"
        );
    }
    // Used as it is, the copy builds the same pages as the built-in theme.
    site.run(&["build"]).code(0);
    let before = site.read("public/weeks/01-arriving/index.html");
    let book = site.read("book.toml");
    site.write("book.toml", format!("{book}\n[theme]\nname = \"mine\"\n"));
    site.run(&["build"]).code(0);
    assert_eq!(site.read("public/weeks/01-arriving/index.html"), before);
    // And every file of it is the site's to change.
    let week = site.read("themes/mine/templates/week.html");
    site.write(
        "themes/mine/templates/week.html",
        week.replace(
            "<article class=\"page week\">",
            "<article class=\"page week mine\">",
        ),
    );
    site.run(&["build"]).code(0);
    let week = html(&site.path("public/weeks/01-arriving/index.html"));
    assert_eq!(text_of(&week, ".mine h1"), "Arriving");
    // A second copy never overwrites the first.
    site.run(&["init", "--theme", "mine"])
        .code(1)
        .stderr_has("already exists and is not empty");
}
