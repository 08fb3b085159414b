//! The default theme, compiled into the binary so `circlekit` works on any folder with a `book.toml`.

/// Built-in templates: (name, text).
pub const TEMPLATES: &[(&str, &str)] = &[
    (
        "base.html",
        include_str!("../../themes/default/templates/base.html"),
    ),
    (
        "home.html",
        include_str!("../../themes/default/templates/home.html"),
    ),
    (
        "weeks.html",
        include_str!("../../themes/default/templates/weeks.html"),
    ),
    (
        "week.html",
        include_str!("../../themes/default/templates/week.html"),
    ),
    (
        "faq.html",
        include_str!("../../themes/default/templates/faq.html"),
    ),
    (
        "kits.html",
        include_str!("../../themes/default/templates/kits.html"),
    ),
    (
        "kit.html",
        include_str!("../../themes/default/templates/kit.html"),
    ),
    (
        "page.html",
        include_str!("../../themes/default/templates/page.html"),
    ),
    (
        "404.html",
        include_str!("../../themes/default/templates/404.html"),
    ),
    (
        "sitemap.xml",
        include_str!("../../themes/default/templates/sitemap.xml"),
    ),
];

/// Built-in static files, written under `theme/` in the output: (name, bytes).
pub const STATIC: &[(&str, &[u8])] = &[
    (
        "style.css",
        include_bytes!("../../themes/default/static/style.css"),
    ),
    (
        "worksheets.js",
        include_bytes!("../../themes/default/static/worksheets.js"),
    ),
    (
        "moderator.js",
        include_bytes!("../../themes/default/static/moderator.js"),
    ),
];
