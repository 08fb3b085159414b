//! A new program of your own (`circlekit init DIR`): book.toml, a home page, week guides,
//! an FAQ with one question, one kit and a `.gitignore`, all passing `check --strict`.

use std::fmt::Write as _;

use super::words::{self, Words};

/// What `circlekit init DIR` is asked for.
#[derive(Debug, Clone)]
pub struct Blank {
    /// The program's title. Default: "My circle program" (in the language, when circlekit
    /// has words for it).
    pub title: Option<String>,
    /// The default language's code. Default: "en".
    pub language: String,
    /// How many week guides to write. Default: 1.
    pub weeks: u32,
}

impl Default for Blank {
    fn default() -> Self {
        Blank {
            title: None,
            language: "en".into(),
            weeks: 1,
        }
    }
}

/// Minutes of the meeting every week's agenda adds up to.
const MINUTES: u32 = 60;
/// The agenda: check-in, exercise, reflection, close.
const AGENDA: [u32; 4] = [10, 35, 10, 5];

/// Every file of a new program: (path relative to the site root, text).
pub fn files(blank: &Blank) -> Vec<(String, String)> {
    let w = words::for_language(&blank.language);
    let lang = &blank.language;
    let title = blank.title.clone().unwrap_or_else(|| w.title.to_string());
    let weeks = blank.weeks;
    let mut out = vec![
        ("book.toml".to_string(), book_toml(&title, w, lang, weeks)),
        (".gitignore".to_string(), GITIGNORE.to_string()),
        (format!("content/{lang}/_index.md"), home(&title, w, weeks)),
        (format!("content/{lang}/faq.md"), w.faq.to_string()),
        (
            format!("content/{lang}/kits/circle-agreement.md"),
            format!(
                "---\ntitle: {}\ndescription: {}\n---\n\n{}",
                yaml(w.kit[0]),
                yaml(w.kit[1]),
                w.kit[2]
            ),
        ),
    ];
    for n in 1..=weeks {
        out.push((
            format!("content/{lang}/weeks/{}", week_file(w, n)),
            week(w, n),
        ));
    }
    if !super::ui_strings::has_ui_strings(lang) {
        out.push((
            format!("themes/default/i18n/{lang}.toml"),
            super::ui_strings::ui_strings_to_translate(lang),
        ));
    }
    out
}

/// What `.gitignore` keeps out of git: the output folder and the staging folders beside it.
pub const GITIGNORE: &str = "# Written by `circlekit build`; `circlekit clean` removes it.\n/public/\n/.public.circlekit-*\n";

fn book_toml(title: &str, w: &Words, lang: &str, weeks: u32) -> String {
    format!(
        r#"# The program's settings. Unknown keys are errors, so `circlekit check` catches typos.

[book]
title = {title}
description = {description}
authors = []
# The language of content/{lang}/, built at the site root.
language = "{lang}"
# The public address, e.g. "https://example.org/circles/"; empty keeps every link relative.
base-url = ""
# The licence of your texts, e.g. "CC BY 4.0".
license = ""

[circle]
# Week guides in content/{lang}/weeks/.
weeks = {weeks}
# Every week's agenda adds up to this.
meeting-minutes = {MINUTES}
group-size = [4, 5]

[output]
# Where `circlekit build` writes the site.
dir = "public"
"#,
        title = toml_string(title),
        description = toml_string(w.description),
    )
}

fn home(title: &str, w: &Words, weeks: u32) -> String {
    let count = w.weeks[usize::from(weeks != 1)].replace("{n}", &weeks.to_string());
    let body = w
        .home
        .replace("{weeks}", &count)
        .replace("{first}", &format!("weeks/{}", week_file(w, 1)));
    format!(
        "---\ntitle: {}\ndescription: {}\n---\n\n{body}",
        yaml(title),
        yaml(w.description)
    )
}

/// The week's title: week 1 has its own, later weeks are numbered.
fn week_title(w: &Words, n: u32) -> String {
    if n == 1 {
        w.first_title.to_string()
    } else {
        w.week_title.replace("{n}", &n.to_string())
    }
}

/// `NN-slug.md`, as `circlekit new week` names it.
fn week_file(w: &Words, n: u32) -> String {
    format!("{n:02}-{}.md", slug::slugify(week_title(w, n)))
}

fn week(w: &Words, n: u32) -> String {
    let summary = if n == 1 {
        w.first_summary
    } else {
        w.week_summary
    };
    let mut text = format!(
        "---\nweek: {n}\ntitle: {}\nsummary: {}\nagenda:\n",
        yaml(&week_title(w, n)),
        yaml(summary)
    );
    for (item, minutes) in w.agenda.iter().zip(AGENDA) {
        let _ = write!(text, "  - title: {}\n    minutes: {minutes}\n", yaml(item));
    }
    let _ = write!(text, "outcomes:\n  - {}\n---\n\n", yaml(w.outcome));
    text.push_str(
        &w.week
            .replace("{exercise}", w.agenda[1])
            .replace("{minutes}", &AGENDA[1].to_string())
            .replace("{kit}", "../kits/circle-agreement.md")
            .replace("{n}", &n.to_string()),
    );
    text
}

/// A YAML scalar holding `s` exactly (JSON strings are YAML).
fn yaml(s: &str) -> String {
    serde_json::to_string(s).unwrap_or_else(|_| "\"\"".into())
}

/// A TOML string holding `s` exactly.
fn toml_string(s: &str) -> String {
    toml::Value::String(s.to_string()).to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_agenda_adds_up_to_the_meeting() {
        assert_eq!(AGENDA.iter().sum::<u32>(), MINUTES);
    }

    #[test]
    fn writes_one_guide_per_week_and_fills_every_placeholder() {
        for lang in ["en", "de", "es", "fr"] {
            let blank = Blank {
                title: Some("Ana's \"circle\"".into()),
                language: lang.into(),
                weeks: 3,
            };
            let files = files(&blank);
            let guides = files.iter().filter(|(p, _)| p.contains("/weeks/")).count();
            assert_eq!(guides, 3);
            for (path, text) in &files {
                for placeholder in ["{weeks}", "{first}", "{n}", "{exercise}", "{kit}"] {
                    assert!(!text.contains(placeholder), "{placeholder} left in {path}");
                }
            }
            let config: toml::Value = toml::from_str(&files[0].1).expect("book.toml parses");
            assert_eq!(config["book"]["title"].as_str(), Some("Ana's \"circle\""));
            assert_eq!(config["book"]["language"].as_str(), Some(lang));
        }
    }
}
