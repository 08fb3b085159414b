//! The default theme, compiled into the binary so `circlekit` works on any folder with a `book.toml`.

/// `(name, contents)` of a file of `themes/default/<dir>/`.
macro_rules! theme_file {
    (template $name:literal) => {
        (
            $name,
            include_str!(concat!("../../themes/default/templates/", $name)),
        )
    };
    (static $name:literal) => {
        (
            $name,
            include_bytes!(concat!("../../themes/default/static/", $name)) as &[u8],
        )
    };
}

/// Built-in templates: (name, text).
pub const TEMPLATES: &[(&str, &str)] = &[
    theme_file!(template "base.html"),
    theme_file!(template "home.html"),
    theme_file!(template "weeks.html"),
    theme_file!(template "week.html"),
    theme_file!(template "meeting.html"),
    theme_file!(template "faq.html"),
    theme_file!(template "kits.html"),
    theme_file!(template "kit.html"),
    theme_file!(template "page.html"),
    theme_file!(template "404.html"),
    theme_file!(template "offline.html"),
    theme_file!(template "keep-offline.html"),
    theme_file!(template "print.html"),
    theme_file!(template "search-box.html"),
    theme_file!(template "downloads.html"),
    theme_file!(template "workbook.html"),
    theme_file!(template "sitemap.xml"),
];

/// Built-in static files, written under `theme/` in the output: (name, bytes).
pub const STATIC: &[(&str, &[u8])] = &[
    theme_file!(static "style.css"),
    theme_file!(static "faq.js"),
    theme_file!(static "meeting.js"),
    theme_file!(static "print.css"),
    theme_file!(static "worksheets.js"),
    theme_file!(static "moderator.js"),
    theme_file!(static "site.js"),
    theme_file!(static "search.js"),
    theme_file!(static "meeting.css"),
    theme_file!(static "icon.svg"),
    theme_file!(static "workbook.js"),
];

/// The built-in Typst template of the PDFs (`themes/default/typst/guide.typ`); a site's
/// `themes/<name>/typst/guide.typ` replaces it.
pub const TYPST_TEMPLATE: &str = include_str!("../../themes/default/typst/guide.typ");

/// Built-in Typst files: (name, text).
pub const TYPST: &[(&str, &str)] = &[("guide.typ", TYPST_TEMPLATE)];

/// Writes the built-in theme (templates, static files, UI strings) into `dir`, usually a
/// site's `themes/<name>/`, for full customisation. `dir` must be new or empty: nothing is
/// ever overwritten. Returns how many files were written.
pub fn write_default_theme(dir: &std::path::Path) -> anyhow::Result<usize> {
    let files = TEMPLATES
        .iter()
        .map(|(n, t)| (format!("templates/{n}"), t.as_bytes()))
        .chain(STATIC.iter().map(|(n, b)| (format!("static/{n}"), *b)))
        .chain(
            TYPST
                .iter()
                .map(|(n, t)| (format!("typst/{n}"), t.as_bytes())),
        )
        .chain(
            super::strings::BUILTIN
                .iter()
                .map(|(code, t)| (format!("i18n/{code}.toml"), t.as_bytes())),
        );
    crate::output::write_into_empty(dir, files)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_theme_file_on_disk_is_embedded() {
        let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("themes/default");
        for (sub, names) in [
            (
                "templates",
                TEMPLATES.iter().map(|(n, _)| *n).collect::<Vec<_>>(),
            ),
            ("static", STATIC.iter().map(|(n, _)| *n).collect()),
            ("typst", TYPST.iter().map(|(n, _)| *n).collect()),
        ] {
            for entry in std::fs::read_dir(dir.join(sub)).expect("theme folder") {
                let name = entry
                    .expect("entry")
                    .file_name()
                    .to_string_lossy()
                    .into_owned();
                assert!(
                    names.contains(&name.as_str()),
                    "themes/default/{sub}/{name} is not embedded"
                );
            }
        }
    }
}
