//! Scaffolding new content: `circlekit new week` writes the next free week guide,
//! `new page` a page and `new kit` a Circle Kit worksheet. Nothing is ever overwritten.

use crate::diagnostic::IoContext;
use std::path::{Path, PathBuf};

use anyhow::{Context as _, Result};

use crate::config::Config;
use crate::content::{self, LoadOptions};

/// A file that was created.
#[derive(Debug, Clone)]
pub struct Created {
    /// Its path, relative to the site root.
    pub path: PathBuf,
    /// The week number it holds.
    pub week: u32,
}

/// Writes `content/<lang>/weeks/NN-slug.md` for the lowest week number not yet taken.
/// Returns `None` when every week of `[circle] weeks` exists. Never overwrites a file.
pub fn new_week(
    root: &Path,
    config: &Config,
    lang: &str,
    title: Option<&str>,
) -> Result<Option<Created>> {
    let (lib, _) = content::load_library(
        root,
        lang,
        LoadOptions {
            drafts: true,
            ..LoadOptions::default()
        },
    );
    let taken: Vec<u32> = lib
        .weeks()
        .iter()
        .filter_map(|p| p.week.as_ref().map(|w| w.week))
        .collect();
    let Some(week) = (1..=config.circle.weeks).find(|n| !taken.contains(n)) else {
        return Ok(None);
    };
    let title = title.map_or_else(|| format!("Week {week}"), str::to_string);
    let slug = slug::slugify(&title);
    let rel = PathBuf::from("content")
        .join(lang)
        .join("weeks")
        .join(format!("{week:02}-{slug}.md"));
    create(
        root,
        &rel,
        &week_text(week, &title, config.circle.meeting_minutes),
    )?;
    Ok(Some(Created { path: rel, week }))
}

/// Writes `content/<lang>/<slug>.md`, a page titled `title` (default "New page").
/// Returns its path relative to the site root.
pub fn new_page(root: &Path, lang: &str, title: Option<&str>) -> Result<PathBuf> {
    let title = title.unwrap_or("New page");
    let rel = PathBuf::from("content")
        .join(lang)
        .join(format!("{}.md", slug_of(title)));
    let text = format!(
        r#"---
title: {}
description: "One sentence on what this page is for, shown in search results and link previews."
---

Write the page in Markdown. Pages at the top of content/{lang}/ appear in the main menu;
`weight: 10` in the front matter moves a page up (smaller first).
"#,
        yaml(title)
    );
    create(root, &rel, &text)?;
    Ok(rel)
}

/// Writes `content/<lang>/kits/<slug>.md`, a Circle Kit worksheet titled `title` (default
/// "New worksheet"). Returns its path relative to the site root.
pub fn new_kit(root: &Path, lang: &str, title: Option<&str>) -> Result<PathBuf> {
    let title = title.unwrap_or("New worksheet");
    let slug = slug_of(title);
    let rel = PathBuf::from("content")
        .join(lang)
        .join("kits")
        .join(format!("{slug}.md"));
    let text = format!(
        r#"---
title: {}
description: "One sentence on when a circle uses this worksheet."
---

Say when to fill this in and how long it takes. Members can fill it in on the web
(answers stay in their browser) or print it blank.

```worksheet {{id={slug}}}
- text: A question to answer in a few lines
  lines: 3
- checklist: Things to tick
  items: [First thing, Second thing]
```
"#,
        yaml(title)
    );
    create(root, &rel, &text)?;
    Ok(rel)
}

/// A file name's stem from a title: `Circle agreement` → `circle-agreement`.
fn slug_of(title: &str) -> String {
    let slug = slug::slugify(title);
    if slug.is_empty() { "page".into() } else { slug }
}

/// A YAML scalar holding `s` exactly (JSON strings are YAML).
fn yaml(s: &str) -> String {
    serde_json::to_string(s).unwrap_or_else(|_| "\"\"".into())
}

/// Creates `rel` under `root` with `text`, and its folder; fails when it exists.
fn create(root: &Path, rel: &Path, text: &str) -> Result<()> {
    let path = root.join(rel);
    if let Some(dir) = path.parent() {
        std::fs::create_dir_all(dir).io("create", dir)?;
    }
    let mut file = std::fs::OpenOptions::new()
        .write(true)
        .create_new(true)
        .open(&path)
        .with_context(|| format!("cannot create {} (it is never overwritten)", rel.display()))?;
    std::io::Write::write_all(&mut file, text.as_bytes()).io("write", rel)
}

/// Splits a meeting into check-in, exercise, reflection and close, adding up exactly.
fn agenda(minutes: u32) -> [(&'static str, u32); 4] {
    let check_in = (minutes / 6).max(1);
    let reflection = (minutes / 6).max(1);
    let close = (minutes / 12).max(1);
    let exercise = minutes.saturating_sub(check_in + reflection + close).max(1);
    [
        ("Check-in", check_in),
        ("Exercise", exercise),
        ("Reflection", reflection),
        ("Close", close),
    ]
}

fn week_text(week: u32, title: &str, minutes: u32) -> String {
    let items = agenda(minutes);
    let agenda_yaml: String = items
        .iter()
        .map(|(t, m)| format!("  - title: {t}\n    minutes: {m}\n"))
        .collect();
    let exercise = items[1].1;
    let title_yaml = yaml(title);
    format!(
        r#"---
week: {week}
title: {title_yaml}
summary: "One or two sentences: what this week is for."
agenda:
{agenda_yaml}outcomes:
  - "What each member has at the end of the meeting"
---

A few sentences on the purpose of this week, and how it builds on the weeks before.

## Check-in

Each member says in a minute or two how the past week went.

::: exercise Exercise {{minutes={exercise}}}
1. First step, with who does what.
2. Second step.
3. Share in the circle: one minute each.

::: example
A short worked example of what a good answer looks like.
:::

```worksheet
- text: What I want to remember from this exercise
  lines: 3
```
:::

## Reflection

What did you notice? What will you try this week?

::: moderator
Facilitation tips for this week, and what to do when things go wrong.
:::

::: before-next
- [ ] One small thing each member does before the next meeting.
:::
"#
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn agenda_adds_up_to_the_meeting() {
        for minutes in [30, 45, 60, 75, 90, 120] {
            let total: u32 = agenda(minutes).iter().map(|(_, m)| m).sum();
            assert_eq!(total, minutes);
        }
    }
}
