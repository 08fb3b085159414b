//! CLDR plural categories ("one", "few", "many", "other") of a number in a language, from
//! the rules of `icu_plurals`: used by UI strings (see `render::plural`) and by the labels
//! of the Markdown renderer.

use icu_locale_core::Locale;
use icu_plurals::{PluralCategory, PluralRules};

/// The keys whose text depends on a number: each is written `key.<category> = "… {n} …"`.
pub const COUNTED: &[&str] = &["minutes_count", "faq_matches", "search_count"];

/// The CLDR name of a plural category, as used after the dot in UI string keys.
pub fn category_name(c: PluralCategory) -> &'static str {
    match c {
        PluralCategory::Zero => "zero",
        PluralCategory::One => "one",
        PluralCategory::Two => "two",
        PluralCategory::Few => "few",
        PluralCategory::Many => "many",
        PluralCategory::Other => "other",
    }
}

fn rules(lang: &str) -> Option<PluralRules> {
    let locale = Locale::try_from_str(lang).ok()?;
    PluralRules::try_new_cardinal((&locale).into()).ok()
}

/// The plural category of `n` in `lang` ("one", "few", …); "other" for an unknown language.
pub fn category(lang: &str, n: u64) -> &'static str {
    rules(lang).map_or("other", |r| category_name(r.category_for(n)))
}

/// The plural categories `lang` distinguishes for whole numbers and fractions, e.g.
/// `["one", "other"]` for English, `["one", "few", "many", "other"]` for Polish.
pub fn categories(lang: &str) -> Vec<&'static str> {
    rules(lang).map_or_else(
        || vec!["one", "other"],
        |r| r.categories().map(category_name).collect(),
    )
}
