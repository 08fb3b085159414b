//! UI strings per language (`themes/<name>/i18n/<code>.toml`): navigation, labels, buttons.
//! A language that lacks a string falls back to the default language's, and `check` says which.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use super::plural;
use crate::diagnostic::Diagnostic;

/// Built-in UI strings of the default theme: (language code, TOML text).
pub const BUILTIN: &[(&str, &str)] = &[
    ("en", include_str!("../../themes/default/i18n/en.toml")),
    ("de", include_str!("../../themes/default/i18n/de.toml")),
    ("es", include_str!("../../themes/default/i18n/es.toml")),
    ("fr", include_str!("../../themes/default/i18n/fr.toml")),
    ("it", include_str!("../../themes/default/i18n/it.toml")),
    ("pt", include_str!("../../themes/default/i18n/pt.toml")),
    ("nl", include_str!("../../themes/default/i18n/nl.toml")),
    ("pl", include_str!("../../themes/default/i18n/pl.toml")),
    ("ru", include_str!("../../themes/default/i18n/ru.toml")),
    ("uk", include_str!("../../themes/default/i18n/uk.toml")),
    ("tr", include_str!("../../themes/default/i18n/tr.toml")),
    ("ar", include_str!("../../themes/default/i18n/ar.toml")),
    ("he", include_str!("../../themes/default/i18n/he.toml")),
    ("fa", include_str!("../../themes/default/i18n/fa.toml")),
    ("hi", include_str!("../../themes/default/i18n/hi.toml")),
    ("ja", include_str!("../../themes/default/i18n/ja.toml")),
    ("ko", include_str!("../../themes/default/i18n/ko.toml")),
    (
        "zh-Hans",
        include_str!("../../themes/default/i18n/zh-Hans.toml"),
    ),
    (
        "zh-Hant",
        include_str!("../../themes/default/i18n/zh-Hant.toml"),
    ),
];

/// One language's strings, key → text. Counted strings are stored per form
/// (`minutes_count.one`), see [`super::plural`].
pub type StringTable = BTreeMap<String, String>;

/// The built-in strings a language code uses: the file of the same code (any case), else
/// Chinese by script or region (`zh-TW`, `zh-HK` → `zh-Hant`; `zh`, `zh-CN` → `zh-Hans`),
/// else the file of the code's language alone (`pt-BR` → `pt`, `fr-CA` → `fr`).
pub fn builtin_for(lang: &str) -> Option<(&'static str, &'static str)> {
    let find = |code: &str| {
        BUILTIN
            .iter()
            .find(|(c, _)| c.eq_ignore_ascii_case(code))
            .copied()
    };
    if let Some(found) = find(lang) {
        return Some(found);
    }
    let lower = lang.to_ascii_lowercase();
    let mut parts = lower.split(['-', '_']);
    let first = parts.next().unwrap_or("");
    if first == "zh" {
        let traditional = parts.any(|p| matches!(p, "hant" | "tw" | "hk" | "mo"));
        return find(if traditional { "zh-Hant" } else { "zh-Hans" });
    }
    find(first)
}

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
    let mut raw: BTreeMap<String, (StringTable, PathBuf)> = BTreeMap::new();
    for lang in langs.iter().map(String::as_str).chain(["en"]) {
        if let Some(found) = layered(root, theme, lang, &mut problems) {
            raw.insert(lang.to_string(), found);
        }
    }
    let base: StringTable = raw
        .get(default)
        .or_else(|| raw.get("en"))
        .map(|(t, _)| t.clone())
        .unwrap_or_default();
    let mut out = BTreeMap::new();
    for lang in langs {
        let merged = match raw.get(lang.as_str()) {
            Some((table, origin)) => {
                for key in missing_keys(&base, table, lang) {
                    problems.push(
                        Diagnostic::warning(origin, format!("the UI string `{key}` is missing for `{lang}`"))
                            .help(format!("add `{key} = \"…\"` to themes/{theme}/i18n/{lang}.toml; until then the {default} text is shown")),
                    );
                }
                merge(&base, table, lang)
            }
            None => {
                problems.push(
                    Diagnostic::warning(format!("themes/{theme}/i18n"), format!("there are no UI strings for `{lang}`"))
                        .help(format!("copy themes/default/i18n/{default}.toml to themes/{theme}/i18n/{lang}.toml and translate it")),
                );
                merge(&base, &StringTable::new(), lang)
            }
        };
        out.insert(lang.clone(), merged);
    }
    (out, problems)
}

/// A language's own strings: the built-in file it uses, then the site's files for that
/// file's code and for the language's own code, later ones winning key by key.
fn layered(
    root: &Path,
    theme: &str,
    lang: &str,
    problems: &mut Vec<Diagnostic>,
) -> Option<(StringTable, PathBuf)> {
    let mut table = StringTable::new();
    let mut origin = None;
    let mut codes = Vec::new();
    if let Some((code, text)) = builtin_for(lang) {
        table = parse(text, &builtin_path(code), problems);
        origin = Some(builtin_path(code));
        codes.push(code.to_string());
    }
    if !codes.iter().any(|c| c == lang) {
        codes.push(lang.to_string());
    }
    for code in codes {
        let rel = PathBuf::from("themes")
            .join(theme)
            .join("i18n")
            .join(format!("{code}.toml"));
        if let Ok(text) = std::fs::read_to_string(root.join(&rel)) {
            let site = parse(&text, &rel, problems);
            for counted in plural::COUNTED {
                if site.keys().any(|k| is_form_of(k, counted)) {
                    table.retain(|k, _| !is_form_of(k, counted));
                }
            }
            table.extend(site);
            origin = Some(rel);
        }
    }
    origin.map(|o| (table, o))
}

/// Whether `key` is a form of the counted string `counted` (`faq_matches.few`).
fn is_form_of(key: &str, counted: &str) -> bool {
    key.strip_prefix(counted)
        .is_some_and(|rest| rest.starts_with('.'))
}

/// The keys of `base` that `table` lacks; for counted strings, the forms of every plural
/// category `lang` has.
pub fn missing_keys(base: &StringTable, table: &StringTable, lang: &str) -> Vec<String> {
    let counted = |k: &str| plural::COUNTED.iter().any(|c| is_form_of(k, c));
    let mut missing: Vec<String> = base
        .keys()
        .filter(|k| !counted(k) && !table.contains_key(*k))
        .cloned()
        .collect();
    for c in plural::COUNTED {
        if base.keys().any(|k| is_form_of(k, c)) {
            for cat in plural::categories(lang) {
                let key = format!("{c}.{cat}");
                if !table.contains_key(&key) {
                    missing.push(key);
                }
            }
        }
    }
    missing
}

/// The keys of `table` that `base` does not know (a typo, or a form of a counted string
/// that `lang` does not use).
pub fn unknown_keys(base: &StringTable, table: &StringTable, lang: &str) -> Vec<String> {
    let cats = plural::categories(lang);
    table
        .keys()
        .filter(
            |k| match plural::COUNTED.iter().find(|c| is_form_of(k, c)) {
                Some(c) => !cats.iter().any(|cat| **k == format!("{c}.{cat}")),
                None => !base.contains_key(*k),
            },
        )
        .cloned()
        .collect()
}

/// `table` over `base` (a counted string's forms come from one of them, never mixed), with
/// each counted string's forms also as JSON under its own key, for scripts.
fn merge(base: &StringTable, table: &StringTable, lang: &str) -> StringTable {
    let mut merged = base.clone();
    for c in plural::COUNTED {
        if table.keys().any(|k| is_form_of(k, c)) {
            merged.retain(|k, _| !is_form_of(k, c));
        }
    }
    merged.extend(table.clone());
    if !table.contains_key("language_name") {
        merged.insert("language_name".into(), lang.to_string());
    }
    for c in plural::COUNTED {
        let json = plural::forms_json(&merged, c);
        merged.insert((*c).to_string(), json);
    }
    merged
}

fn builtin_path(lang: &str) -> PathBuf {
    PathBuf::from(format!("(built-in theme) themes/default/i18n/{lang}.toml"))
}

/// Parses a strings file: `key = "text"` lines, and `key.form = "text"` (or a `[key]`
/// table) for the forms of a counted string, stored as `key.form`.
pub fn parse(text: &str, path: &Path, problems: &mut Vec<Diagnostic>) -> StringTable {
    let table = match toml::from_str::<toml::Table>(text) {
        Ok(t) => t,
        Err(e) => {
            let mut d = Diagnostic::error(path, format!("UI strings: {}", e.message().trim()))
                .help("write one `key = \"text\"` per line");
            if let Some(span) = e.span() {
                d = d.at_span(text, span);
            }
            problems.push(d);
            return StringTable::new();
        }
    };
    let mut out = StringTable::new();
    for (key, value) in table {
        match value {
            toml::Value::String(s) => {
                out.insert(key, s);
            }
            toml::Value::Table(forms) => {
                for (form, v) in forms {
                    match v {
                        toml::Value::String(s) => {
                            out.insert(format!("{key}.{form}"), s);
                        }
                        _ => problems.push(not_text(path, &format!("{key}.{form}"))),
                    }
                }
            }
            _ => problems.push(not_text(path, &key)),
        }
    }
    out
}

fn not_text(path: &Path, key: &str) -> Diagnostic {
    Diagnostic::error(path, format!("UI strings: `{key}` is not text"))
        .help(format!("write `{key} = \"…\"` with the text in quotes"))
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
    fn builtin_files_have_every_english_key_and_no_other() {
        let mut problems = Vec::new();
        let en = parse(BUILTIN[0].1, Path::new("en"), &mut problems);
        for (code, text) in BUILTIN {
            let t = parse(text, Path::new(code), &mut problems);
            assert_eq!(
                missing_keys(&en, &t, code),
                Vec::<String>::new(),
                "{code} lacks"
            );
            assert_eq!(
                unknown_keys(&en, &t, code),
                Vec::<String>::new(),
                "{code} has extra"
            );
            assert_ne!(
                t.get("language_name"),
                Some(&"English".to_string()).filter(|_| *code != "en")
            );
        }
        assert!(problems.is_empty(), "{problems:?}");
    }

    #[test]
    fn language_codes_find_their_built_in_strings() {
        let code = |lang: &str| builtin_for(lang).map(|(c, _)| c);
        assert_eq!(code("zh-TW"), Some("zh-Hant"));
        assert_eq!(code("zh-Hant-HK"), Some("zh-Hant"));
        assert_eq!(code("zh"), Some("zh-Hans"));
        assert_eq!(code("zh-CN"), Some("zh-Hans"));
        assert_eq!(code("zh-hans"), Some("zh-Hans"));
        assert_eq!(code("pt-BR"), Some("pt"));
        assert_eq!(code("fr_CA"), Some("fr"));
        assert_eq!(code("PL"), Some("pl"));
        assert_eq!(code("sw"), None);
    }

    #[test]
    fn a_regional_file_of_the_site_goes_over_the_built_in_language() {
        let dir = tempfile::tempdir().expect("temp dir");
        let i18n = dir.path().join("themes/default/i18n");
        std::fs::create_dir_all(&i18n).expect("create");
        std::fs::write(i18n.join("pt-BR.toml"), "search = \"Buscar\"\n").expect("write");
        let (tables, problems) = load(dir.path(), "default", "en", &["pt-BR".to_string()]);
        assert!(problems.is_empty(), "{problems:?}");
        let t = &tables["pt-BR"];
        assert_eq!(t["search"], "Buscar");
        assert_eq!(t["home"], "Início");
        assert_eq!(
            t["faq_matches"],
            r#"{"many":"{n} perguntas correspondem","one":"{n} pergunta corresponde","other":"{n} perguntas correspondem"}"#
        );
    }

    #[test]
    fn a_missing_plural_form_and_an_unknown_key_are_found() {
        let mut problems = Vec::new();
        let en = parse(BUILTIN[0].1, Path::new("en"), &mut problems);
        let (_, pl_text) = builtin_for("pl").expect("pl");
        let mut pl = parse(pl_text, Path::new("pl"), &mut problems);
        pl.remove("faq_matches.few");
        pl.insert("serach".into(), "typo".into());
        pl.insert("minutes_count.two".into(), "not Polish".into());
        assert_eq!(missing_keys(&en, &pl, "pl"), ["faq_matches.few"]);
        assert_eq!(
            unknown_keys(&en, &pl, "pl"),
            ["minutes_count.two", "serach"]
        );
    }

    #[test]
    fn rtl_languages() {
        assert!(is_rtl("ar"));
        assert!(is_rtl("he-IL"));
        assert!(!is_rtl("de"));
    }
}
