//! UI strings per language (`themes/<name>/i18n/<code>.toml`): navigation, labels, buttons.
//! A language that lacks a string falls back to the default language's, and `check` says which.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use crate::diagnostic::Diagnostic;

/// Built-in UI strings of the default theme: (language code, TOML text).
pub const BUILTIN: &[(&str, &str)] = &[
    ("en", include_str!("../../themes/default/i18n/en.toml")),
    ("de", include_str!("../../themes/default/i18n/de.toml")),
    ("es", include_str!("../../themes/default/i18n/es.toml")),
];

/// One language's strings, key → text.
pub type StringTable = BTreeMap<String, String>;

/// Loads the strings of every language: built-in files, then the site theme's files over
/// them key by key, then the default language's strings for any key still missing.
/// Each missing key (and each language without any strings) is a warning.
pub fn load(
    root: &Path,
    theme: &str,
    default: &str,
    langs: &[String],
) -> (BTreeMap<String, StringTable>, Vec<Diagnostic>) {
    let mut problems = Vec::new();
    let dir = root.join("themes").join(theme).join("i18n");
    let mut raw: BTreeMap<String, (StringTable, PathBuf)> = BTreeMap::new();
    for lang in langs.iter().map(String::as_str).chain(["en"]) {
        let builtin = BUILTIN
            .iter()
            .find(|(code, _)| *code == lang)
            .map(|(_, text)| *text);
        let site_path = dir.join(format!("{lang}.toml"));
        let rel = PathBuf::from("themes")
            .join(theme)
            .join("i18n")
            .join(format!("{lang}.toml"));
        let mut table = StringTable::new();
        let mut origin = None;
        if let Some(text) = builtin {
            table = parse(text, &builtin_path(lang), &mut problems);
            origin = Some(builtin_path(lang));
        }
        if let Ok(text) = std::fs::read_to_string(&site_path) {
            table.extend(parse(&text, &rel, &mut problems));
            origin = Some(rel.clone());
        }
        if let Some(origin) = origin {
            raw.insert(lang.to_string(), (table, origin));
        }
    }
    let base: StringTable = raw
        .get(default)
        .or_else(|| raw.get("en"))
        .map(|(t, _)| t.clone())
        .unwrap_or_default();
    let mut out = BTreeMap::new();
    for lang in langs {
        match raw.get(lang.as_str()) {
            Some((table, origin)) => {
                for key in base.keys().filter(|k| !table.contains_key(*k)) {
                    problems.push(
                        Diagnostic::warning(origin, format!("the UI string `{key}` is missing for `{lang}`"))
                            .help(format!("add `{key} = \"…\"` to themes/{theme}/i18n/{lang}.toml; until then the {default} text is shown")),
                    );
                }
                let mut merged = base.clone();
                merged.extend(table.clone());
                if !table.contains_key("language_name") {
                    merged.insert("language_name".into(), lang.clone());
                }
                out.insert(lang.clone(), merged);
            }
            None => {
                problems.push(
                    Diagnostic::warning(format!("themes/{theme}/i18n"), format!("there are no UI strings for `{lang}`"))
                        .help(format!("copy themes/default/i18n/{default}.toml to themes/{theme}/i18n/{lang}.toml and translate it")),
                );
                let mut merged = base.clone();
                merged.insert("language_name".into(), lang.clone());
                out.insert(lang.clone(), merged);
            }
        }
    }
    (out, problems)
}

fn builtin_path(lang: &str) -> PathBuf {
    PathBuf::from(format!("(built-in theme) themes/default/i18n/{lang}.toml"))
}

fn parse(text: &str, path: &Path, problems: &mut Vec<Diagnostic>) -> StringTable {
    match toml::from_str::<StringTable>(text) {
        Ok(t) => t,
        Err(e) => {
            let mut d = Diagnostic::error(path, format!("UI strings: {}", e.message().trim()))
                .help("write one `key = \"text\"` per line");
            if let Some(span) = e.span() {
                d = d.at_span(text, span);
            }
            problems.push(d);
            StringTable::new()
        }
    }
}

/// Whether a language is written right to left.
pub fn is_rtl(lang: &str) -> bool {
    let base = lang.split('-').next().unwrap_or(lang);
    matches!(
        base,
        "ar" | "he" | "fa" | "ur" | "ps" | "sd" | "ug" | "yi" | "dv" | "ckb"
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn builtin_languages_have_every_english_key() {
        let mut problems = Vec::new();
        let en = parse(BUILTIN[0].1, Path::new("en"), &mut problems);
        for (code, text) in BUILTIN {
            let t = parse(text, Path::new(code), &mut problems);
            let missing: Vec<_> = en.keys().filter(|k| !t.contains_key(*k)).collect();
            assert!(missing.is_empty(), "{code} lacks {missing:?}");
        }
        assert!(problems.is_empty(), "{problems:?}");
    }

    #[test]
    fn rtl_languages() {
        assert!(is_rtl("ar"));
        assert!(is_rtl("he-IL"));
        assert!(!is_rtl("de"));
    }
}
