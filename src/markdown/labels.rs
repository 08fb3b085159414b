//! The words circlekit itself puts into rendered Markdown (directive headings, buttons), in
//! one place so a translation replaces them together (from the theme's UI strings).

use std::borrow::Cow;

/// The words of one language.
#[derive(Debug, Clone)]
pub struct Labels {
    /// Summary of a moderator block on the web, and its title in print.
    pub moderator_notes: Cow<'static, str>,
    /// Heading of a `before-next` block without a title.
    pub before_next: Cow<'static, str>,
    /// Heading of an `exercise` block without a title.
    pub exercise: Cow<'static, str>,
    /// Title of an `example` block without one.
    pub example: Cow<'static, str>,
    /// Title of a `note` block without one.
    pub note: Cow<'static, str>,
    /// The worksheet button that empties its fields and forgets them.
    pub clear_answers: Cow<'static, str>,
    /// Beside that button: where the answers are kept.
    pub kept_locally: Cow<'static, str>,
    /// "row" in a table cell's accessible label ("Name, row 3").
    pub row: Cow<'static, str>,
    /// "minutes".
    pub minutes: Cow<'static, str>,
    /// The language, for its plural rules.
    pub lang: Cow<'static, str>,
    /// The forms of "{n} minutes" by CLDR plural category (`minutes_count.one` …).
    pub minutes_forms: Vec<(&'static str, String)>,
}

/// The English words, used when no UI strings are given.
pub static ENGLISH: Labels = Labels {
    moderator_notes: Cow::Borrowed("Moderator notes"),
    before_next: Cow::Borrowed("Before the next meeting"),
    exercise: Cow::Borrowed("Exercise"),
    example: Cow::Borrowed("Example"),
    note: Cow::Borrowed("Note"),
    clear_answers: Cow::Borrowed("Clear my answers"),
    kept_locally: Cow::Borrowed("Your answers are saved in this browser only."),
    row: Cow::Borrowed("row"),
    minutes: Cow::Borrowed("minutes"),
    lang: Cow::Borrowed("en"),
    minutes_forms: Vec::new(),
};

impl Labels {
    /// The labels of `lang` found by `lookup` (its UI strings), English for any it lacks.
    pub fn from_strings(lang: &str, lookup: &dyn Fn(&str) -> Option<String>) -> Labels {
        let pick = |key: &str, english: &Cow<'static, str>| -> Cow<'static, str> {
            lookup(key).map_or_else(|| english.clone(), Cow::Owned)
        };
        let e = &ENGLISH;
        Labels {
            moderator_notes: pick("moderator_notes", &e.moderator_notes),
            before_next: pick("before_next", &e.before_next),
            exercise: pick("exercise", &e.exercise),
            example: pick("example", &e.example),
            note: pick("note", &e.note),
            clear_answers: pick("clear_answers", &e.clear_answers),
            kept_locally: pick("kept_locally", &e.kept_locally),
            row: pick("row", &e.row),
            minutes: pick("minutes", &e.minutes),
            lang: Cow::Owned(lang.to_string()),
            minutes_forms: ["zero", "one", "two", "few", "many", "other"]
                .into_iter()
                .filter_map(|c| Some((c, lookup(&format!("minutes_count.{c}"))?)))
                .collect(),
        }
    }

    /// The minutes badge of an exercise: "1 minute", "15 minutes", by the language's
    /// plural rules.
    pub fn minutes(&self, n: u32) -> String {
        let category = crate::plural::category(&self.lang, u64::from(n));
        let form = |c: &str| self.minutes_forms.iter().find(|(k, _)| *k == c);
        match form(category).or_else(|| form("other")) {
            Some((_, text)) => text.replace("{n}", &n.to_string()),
            None if n == 1 => "1 minute".to_string(),
            None => format!("{n} {}", self.minutes),
        }
    }
}
