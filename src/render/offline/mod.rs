//! Reading offline: per language a web app manifest, an offline page and the list of files
//! to keep (`offline.json`), and one service worker (`sw.js`) at the site's root whose
//! cache is named after a hash of everything else the build wrote.

mod recorder;

use std::collections::BTreeMap;
use std::path::Path;

use serde::Serialize;

use super::context;
use super::page::{render_view, stylesheet};
use super::shared::Shared;
use super::view::blank_view;
use crate::content::PageKind;
use crate::diagnostic::Diagnostic;
use crate::output::{MemoryFiles, MemorySink, Sink};
use crate::site::Site;

pub use recorder::{Recorded, Recorder, version};

/// The service worker; `__VERSION__` stands for the content hash.
const SERVICE_WORKER: &str = include_str!("sw.js");

/// The service worker's file, at the site's root.
pub const SW_PATH: &str = "sw.js";
/// The list of a language's files to keep, at the language's root.
pub const LIST_NAME: &str = "offline.json";
/// The page shown for a page not kept, at the language's root.
pub const PAGE_NAME: &str = "offline.html";
/// The web app manifest, at the language's root.
pub const MANIFEST_NAME: &str = "manifest.webmanifest";

/// Whether `path` (site-relative) is a file made from a hash of all the others (`sw.js`, a
/// language's `offline.json`), which so changes whenever any other file does.
pub fn follows_the_output(path: &str) -> bool {
    path == SW_PATH || path.rsplit('/').next() == Some(LIST_NAME)
}

/// `manifest.webmanifest`: what a phone needs to put the program on its home screen.
#[derive(Debug, Serialize)]
struct Manifest<'a> {
    name: &'a str,
    short_name: String,
    #[serde(skip_serializing_if = "str::is_empty")]
    description: &'a str,
    lang: &'a str,
    dir: &'a str,
    start_url: &'a str,
    scope: &'a str,
    display: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    background_color: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    theme_color: Option<String>,
    icons: [Icon; 1],
}

#[derive(Debug, Serialize)]
struct Icon {
    src: String,
    sizes: &'static str,
    #[serde(rename = "type")]
    kind: &'static str,
}

/// `offline.json`: the files a language keeps, relative to the site's root.
#[derive(Debug, Serialize)]
struct List<'a> {
    version: &'a str,
    files: Vec<&'a str>,
}

/// Writes a language's manifest and offline page; returns how many files it wrote.
pub(super) fn write_language(shared: &Shared<'_>, sink: &dyn Sink) -> Result<usize, Diagnostic> {
    let prefix = &shared.prefix;
    let manifest = manifest(shared)?;
    let path = format!("{prefix}{MANIFEST_NAME}");
    sink.write(&path, manifest.into_bytes())
        .map_err(|e| Diagnostic::error("", format!("cannot write {path}: {e:#}")))?;
    let title = context::text(shared.strings, "offline_title");
    let mut view = blank_view(shared, PageKind::Page, title, prefix);
    view.kind = "offline";
    // Shown at any address: no language switcher, no canonical address.
    view.alternates = Vec::new();
    view.canonical = None;
    let html = render_view(shared, view, PAGE_NAME, Path::new(""))?;
    let path = format!("{prefix}{PAGE_NAME}");
    sink.write(&path, html.into_bytes())
        .map_err(|e| Diagnostic::error("", format!("cannot write {path}: {e:#}")))?;
    Ok(2)
}

fn manifest(shared: &Shared<'_>) -> Result<String, Diagnostic> {
    let site = shared.site;
    let lang = shared.lib.lang.as_str();
    let name = site.config.title_in(lang);
    let css = stylesheet(site)?;
    let root = if shared.prefix.is_empty() { "" } else { "../" };
    let manifest = Manifest {
        name,
        short_name: short_name(name),
        description: site.config.description_in(lang),
        lang,
        dir: if super::strings::is_rtl(lang) {
            "rtl"
        } else {
            "ltr"
        },
        start_url: "./",
        scope: "./",
        display: "standalone",
        background_color: custom_property(&css, "--bg"),
        theme_color: custom_property(&css, "--accent"),
        icons: [Icon {
            src: format!("{root}theme/icon.svg"),
            sizes: "any",
            kind: "image/svg+xml",
        }],
    };
    serde_json::to_string_pretty(&manifest)
        .map_err(|e| Diagnostic::error("", format!("cannot write the web app manifest: {e}")))
}

/// The name under a home-screen icon: the title's first words that fit in 12 characters,
/// or the whole title when even its first word is longer.
fn short_name(title: &str) -> String {
    let mut short = String::new();
    for word in title.split_whitespace() {
        let longer = if short.is_empty() {
            word.to_string()
        } else {
            format!("{short} {word}")
        };
        if longer.chars().count() > 12 {
            break;
        }
        short = longer;
    }
    if short.is_empty() {
        title.to_string()
    } else {
        short
    }
}

/// The first value the stylesheet gives a custom property (its light theme's), if it is a
/// plain colour such as `#9c3f14` or `rgb(…)`.
fn custom_property(css: &str, name: &str) -> Option<String> {
    let at = css.find(&format!("{name}:"))? + name.len() + 1;
    let value = css[at..].split([';', '}']).next()?.trim();
    let plain = !value.is_empty()
        && value
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || " #(),.%/-".contains(c));
    plain.then(|| value.to_string())
}

/// Writes every language's `offline.json` and the service worker, named after a hash of
/// everything `recorder` has seen (which is every other file of the output, so this comes
/// last). Returns how many files it wrote.
pub(super) fn finish(site: &Site, recorder: &Recorder<'_>) -> Result<usize, Diagnostic> {
    let prefixes: Vec<String> = site.lang_prefixes();
    finish_for(&prefixes, recorder)
}

/// [`finish`] for the languages at `prefixes`.
pub(super) fn finish_for(
    prefixes: &[String],
    recorder: &Recorder<'_>,
) -> Result<usize, Diagnostic> {
    let files = recorder.files();
    let version = version(&files);
    let sink = recorder.inner();
    let write = |path: String, bytes: Vec<u8>| {
        sink.write(&path, bytes)
            .map_err(|e| Diagnostic::error("", format!("cannot write {path}: {e:#}")))
    };
    for prefix in prefixes {
        let list = List {
            version: &version,
            files: kept_files(&files, prefix, prefixes),
        };
        let json = serde_json::to_string(&list)
            .map_err(|e| Diagnostic::error("", format!("cannot list the offline files: {e}")))?;
        write(format!("{prefix}{LIST_NAME}"), json.into_bytes())?;
    }
    write(
        SW_PATH.to_string(),
        SERVICE_WORKER.replace("__VERSION__", &version).into_bytes(),
    )?;
    Ok(prefixes.len() + 1)
}

/// The offline lists and the service worker for the languages at `prefixes` of an output
/// whose other files are `files`: what `finish` writes after them.
pub fn files_for(prefixes: &[String], files: &MemoryFiles) -> Result<MemoryFiles, Diagnostic> {
    let own: Vec<String> = prefixes
        .iter()
        .map(|p| format!("{p}{LIST_NAME}"))
        .chain([SW_PATH.to_string()])
        .collect();
    let recorded = files
        .iter()
        .filter(|(path, _)| !own.contains(path))
        .map(|(path, bytes)| {
            let size = bytes.len() as u64;
            (
                path.clone(),
                Recorded {
                    hash: bytes.hash128(),
                    size,
                },
            )
        })
        .collect();
    let sink = MemorySink::default();
    finish_for(prefixes, &Recorder::seeded(&sink, recorded))?;
    Ok(sink.into_shared())
}

/// The files a language keeps for reading offline, relative to the site's root: its pages
/// (by their folder's address; printable pages left out), its search index, manifest and
/// offline page, and the theme's files.
pub fn kept_files<'a>(
    files: &'a BTreeMap<String, Recorded>,
    prefix: &str,
    prefixes: &[String],
) -> Vec<&'a str> {
    let another = |path: &str| {
        prefixes
            .iter()
            .any(|p| p.len() > prefix.len() && path.starts_with(p.as_str()))
    };
    files
        .keys()
        .filter_map(|path| {
            if path.starts_with("theme/") {
                return Some(path.as_str());
            }
            let rest = path.strip_prefix(prefix)?;
            if another(path) || rest.starts_with("print/") {
                return None;
            }
            match rest.strip_suffix("index.html") {
                Some(folder) if folder.is_empty() || folder.ends_with('/') => {
                    Some(&path[..path.len() - "index.html".len()])
                }
                _ => [PAGE_NAME, MANIFEST_NAME, "search-index.js"]
                    .contains(&rest)
                    .then_some(path.as_str()),
            }
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_short_name_keeps_the_first_words_that_fit() {
        assert_eq!(short_name("Open Work Circles"), "Open Work");
        assert_eq!(short_name("Circles"), "Circles");
        assert_eq!(
            short_name("Arbeitskreisprogramm offen"),
            "Arbeitskreisprogramm offen"
        );
        assert_eq!(
            short_name("オープンワークサークル"),
            "オープンワークサークル"
        );
    }

    #[test]
    fn the_manifest_colours_are_the_stylesheets_first() {
        let css = ":root {\n  --bg: #fbf8f3; --fg: #1f1c19; --accent: #9c3f14;\n}\n:root[data-theme=dark] { --bg: #000; }";
        assert_eq!(custom_property(css, "--bg").as_deref(), Some("#fbf8f3"));
        assert_eq!(custom_property(css, "--accent").as_deref(), Some("#9c3f14"));
        assert_eq!(custom_property(css, "--card"), None);
        assert_eq!(custom_property("--bg: var(--x)\"; }", "--bg"), None);
    }

    #[test]
    fn a_language_keeps_its_pages_and_the_theme_not_other_languages_or_prints() {
        let r = Recorded { hash: 0, size: 1 };
        let files: BTreeMap<String, Recorded> = [
            "index.html",
            "faq/index.html",
            "print/weeks/01/index.html",
            "search-index.js",
            "offline.html",
            "404.html",
            "de/index.html",
            "de/search-index.js",
            "theme/style.css",
            "downloads/en/faq.pdf",
            "assets/logo.svg",
        ]
        .into_iter()
        .map(|p| (p.to_string(), r))
        .collect();
        let prefixes = ["".to_string(), "de/".to_string()];
        assert_eq!(
            kept_files(&files, "", &prefixes),
            [
                "faq/",
                "",
                "offline.html",
                "search-index.js",
                "theme/style.css"
            ]
        );
        assert_eq!(
            kept_files(&files, "de/", &prefixes),
            ["de/", "de/search-index.js", "theme/style.css"]
        );
    }
}
