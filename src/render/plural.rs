//! Counts in UI strings ("1 minute", "5 minut", "22 minuty"): a counted string has one form
//! per CLDR plural category of its language (`minutes_count.one`, `.few`, `.many`,
//! `.other` …), chosen by the CLDR rules of `icu_plurals` in Rust and by
//! `Intl.PluralRules` in the browser (the forms reach scripts as JSON, see [`forms_json`]).

use std::collections::BTreeMap;

use super::strings::StringTable;
pub use crate::plural::{COUNTED, categories, category};

/// The text of the counted string `key` for `n` in `lang`, with `{n}` replaced by the
/// number; the `other` form when the category's form is missing, the key when none is.
pub fn count(strings: &StringTable, lang: &str, key: &str, n: u64) -> String {
    let form = strings
        .get(&format!("{key}.{}", category(lang, n)))
        .or_else(|| strings.get(&format!("{key}.other")));
    match form {
        Some(text) => text.replace("{n}", &n.to_string()),
        None => format!("{n} {key}"),
    }
}

/// The forms of the counted string `key` as a JSON object (`{"one": "…", "other": "…"}`),
/// for a `data-` attribute read by the theme's scripts.
pub fn forms_json(strings: &StringTable, key: &str) -> String {
    let prefix = format!("{key}.");
    let forms: BTreeMap<&str, &str> = strings
        .iter()
        .filter_map(|(k, v)| Some((k.strip_prefix(&prefix)?, v.as_str())))
        .collect();
    serde_json::to_string(&forms).unwrap_or_else(|_| "{}".into())
}

/// The template filter `count`: `{{ page.week.minutes | count(key="minutes_count") }}`
/// gives "45 minutes" (or "45 minut"), from the page's UI strings `t` and its language.
pub fn count_filter(n: u64, kwargs: tera::Kwargs, state: &tera::State) -> tera::TeraResult<String> {
    let key = kwargs.must_get::<&str>("key")?;
    let field = |v: &tera::Value, name: &str| -> Option<String> {
        v.as_map()?
            .iter()
            .find(|(k, _)| k.as_str() == Some(name))
            .and_then(|(_, v)| v.as_str().map(str::to_string))
    };
    let page: Option<tera::Value> = state.get("page")?;
    let lang = page
        .as_ref()
        .and_then(|p| field(p, "lang"))
        .unwrap_or_else(|| "en".into());
    let t: Option<tera::Value> = state.get("t")?;
    let mut strings = StringTable::new();
    for cat in ["zero", "one", "two", "few", "many", "other"] {
        let name = format!("{key}.{cat}");
        if let Some(text) = t.as_ref().and_then(|t| field(t, &name)) {
            strings.insert(name, text);
        }
    }
    Ok(count(&strings, &lang, key, n))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn polish_counts_have_one_few_and_many() {
        let got: Vec<_> = [1, 2, 5, 22, 0, 12, 112]
            .iter()
            .map(|n| category("pl", *n))
            .collect();
        assert_eq!(got, ["one", "few", "many", "few", "many", "many", "many"]);
        assert_eq!(categories("pl"), ["one", "few", "many", "other"]);
    }

    #[test]
    fn other_languages_follow_their_own_rules() {
        assert_eq!(category("en", 1), "one");
        assert_eq!(category("en", 2), "other");
        assert_eq!(category("ja", 1), "other");
        assert_eq!(category("ru", 21), "one");
        assert_eq!(category("ar", 2), "two");
        assert_eq!(category("ar", 0), "zero");
        assert_eq!(category("fr", 0), "one");
        assert_eq!(category("zh-Hant", 3), "other");
        assert_eq!(category("not a language", 1), "other");
    }

    #[test]
    fn a_count_uses_the_form_of_its_category() {
        let mut t = StringTable::new();
        t.insert("minutes_count.one".into(), "{n} minuta".into());
        t.insert("minutes_count.few".into(), "{n} minuty".into());
        t.insert("minutes_count.many".into(), "{n} minut".into());
        t.insert("minutes_count.other".into(), "{n} minuty".into());
        let got: Vec<_> = [1, 2, 5, 22]
            .iter()
            .map(|n| count(&t, "pl", "minutes_count", *n))
            .collect();
        assert_eq!(got, ["1 minuta", "2 minuty", "5 minut", "22 minuty"]);
        assert_eq!(
            forms_json(&t, "minutes_count"),
            r#"{"few":"{n} minuty","many":"{n} minut","one":"{n} minuta","other":"{n} minuty"}"#
        );
    }
}
