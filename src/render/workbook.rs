//! "My workbook": one page per language that gathers the reader's worksheet answers and
//! before-next ticks from this browser. The page carries, as JSON, every worksheet and
//! checklist of the language in site order (weeks, then kits, then other pages) with their
//! titles and labels; `workbook.js` reads the answers and shows, prints, exports and
//! imports them. Nothing leaves the device.

use std::path::Path;

use serde::Serialize;

use super::context;
use super::page::render_view;
use super::shared::Shared;
use super::toc::worksheet_heading;
use super::view::blank_view;
use crate::content::{Page, PageKind};
use crate::diagnostic::Diagnostic;
use crate::markdown::{Field, Outline};

/// The workbook's URL within a language.
pub const PATH: &str = "workbook/";

/// A fillable part of a page: a worksheet (`f`) or a before-next checklist (`b`).
#[derive(Debug, Serialize)]
struct Sheet<'a> {
    /// Its id on the page: answers are kept under `<page path>#<g>/<control name>`.
    g: &'a str,
    /// Its title: the heading it comes under.
    t: &'a str,
    /// A worksheet's fields (see [`field`]); control names are `<g>-f<n>`, n from 1.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    f: Vec<serde_json::Value>,
    /// A checklist's tasks; control names are `<g>-i<n>`, n from 1.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    b: Vec<String>,
}

/// A page with something to fill in.
#[derive(Debug, Serialize)]
struct Sheets<'a> {
    /// Site-relative URL.
    u: String,
    /// Title, e.g. "Week 2: Your network".
    t: String,
    /// Its worksheets and checklists in page order.
    s: Vec<Sheet<'a>>,
}

/// The JSON the workbook page embeds.
#[derive(Debug, Serialize)]
struct Data<'a> {
    /// The data's format version.
    v: u32,
    /// The pages in site order.
    pages: Vec<Sheets<'a>>,
}

/// The worksheets and before-next checklists of a page, in page order.
fn sheets<'a>(outline: &'a Outline, labels: &'a crate::markdown::labels::Labels) -> Vec<Sheet<'a>> {
    let mut found: Vec<(usize, Sheet<'a>)> = Vec::new();
    for ws in outline.worksheets.iter().filter(|w| w.valid) {
        let title = worksheet_heading(outline, ws).map_or("", |h| h.text.as_str());
        let sheet = Sheet {
            g: &ws.id,
            t: localized(title, labels),
            f: ws.fields.iter().map(field).collect(),
            b: Vec::new(),
        };
        found.push((ws.range.start, sheet));
    }
    for d in &outline.directives {
        let Some(id) = d.id.as_deref() else { continue };
        let tasks: Vec<String> = outline
            .tasks
            .iter()
            .filter(|t| t.group == id)
            .map(|t| short(&t.text))
            .collect();
        if tasks.is_empty() {
            continue;
        }
        let title = outline
            .headings
            .iter()
            .find(|h| h.id == id)
            .map_or("", |h| h.text.as_str());
        let sheet = Sheet {
            g: id,
            t: localized(title, labels),
            f: Vec::new(),
            b: tasks,
        };
        found.push((d.range.start, sheet));
    }
    found.sort_by_key(|(at, _)| *at);
    found.into_iter().map(|(_, s)| s).collect()
}

/// The most a task's label takes in the workbook, in characters.
const TASK_CHARS: usize = 90;

/// A task's label for the workbook, which has to stay light: its first sentence, cut at a
/// word to [`TASK_CHARS`] characters.
fn short(task: &str) -> String {
    let first = task
        .char_indices()
        .find(|&(i, c)| {
            matches!(c, '。' | '！' | '？')
                || (matches!(c, '.' | '!' | '?') && task[i + 1..].starts_with(' '))
        })
        .map_or(task, |(i, c)| &task[..i + c.len_utf8()]);
    if first.chars().count() <= TASK_CHARS {
        return first.to_string();
    }
    let cut: String = first.chars().take(TASK_CHARS).collect();
    let at_word = cut.rfind(' ').map_or(cut.as_str(), |i| &cut[..i]);
    format!("{}…", at_word.trim_end_matches([',', ';', ':']))
}

/// A field, compactly: `["t", label]` text, `["T", caption, columns, rows]` table,
/// `["c", label, items]` checklist, `["s", label, max]` scale, `["d", label]` date.
fn field(f: &Field) -> serde_json::Value {
    use serde_json::json;
    match f {
        Field::Text { label, .. } => json!(["t", label]),
        Field::Table {
            label,
            columns,
            rows,
        } => json!(["T", label.as_deref().unwrap_or(""), columns, rows]),
        Field::Checklist { label, items } => {
            json!(["c", label.as_deref().unwrap_or(""), items])
        }
        Field::Scale { label, max, .. } => json!(["s", label, max]),
        Field::Date { label } => json!(["d", label]),
    }
}

/// A block's default English title in the page's language.
fn localized<'a>(title: &'a str, labels: &'a crate::markdown::labels::Labels) -> &'a str {
    let english = &crate::markdown::labels::ENGLISH;
    if title == english.before_next {
        &labels.before_next
    } else if title == english.exercise {
        &labels.exercise
    } else {
        title
    }
}

/// Whether a language gets a workbook: always, unless one of its pages takes the address.
pub(super) fn needed(shared: &Shared<'_>) -> bool {
    !shared.lib.pages.iter().any(|p| p.url == PATH)
}

/// The data of a language's workbook, safe inside `<script>`.
fn data_json(shared: &Shared<'_>) -> String {
    let lib = shared.lib;
    let mut order: Vec<&Page> = lib.weeks();
    order.extend(lib.of_kind(PageKind::Kit));
    order.extend(
        lib.pages
            .iter()
            .map(std::sync::Arc::as_ref)
            .filter(|p| !matches!(p.kind, PageKind::Week | PageKind::Kit)),
    );
    let pages = order
        .into_iter()
        .filter_map(|p| {
            let s = sheets(p.outline(), &shared.labels);
            if s.is_empty() {
                return None;
            }
            let title = match p.week.as_ref() {
                Some(w) => format!(
                    "{}: {}",
                    context::text(shared.strings, "week_n").replace("{n}", &w.week.to_string()),
                    p.title
                ),
                None => p.title.clone(),
            };
            Some(Sheets {
                u: format!("{}{}", shared.prefix, p.url),
                t: title,
                s,
            })
        })
        .collect();
    let json = serde_json::to_string(&Data { v: 1, pages }).unwrap_or_else(|_| "{}".into());
    json.replace('<', "\\u003c")
}

/// The path of a language's workbook page in the output.
pub(super) fn output_path(shared: &Shared<'_>) -> String {
    format!("{}{PATH}index.html", shared.prefix)
}

/// Renders a language's workbook page.
pub(super) fn render_workbook(shared: &Shared<'_>) -> Result<String, Diagnostic> {
    let title = context::text(shared.strings, "my_workbook");
    let url = format!("{}{PATH}", shared.prefix);
    let mut view = blank_view(shared, PageKind::Page, title, &url);
    view.kind = "workbook";
    view.content = format!(
        "<script type=\"application/json\" id=\"workbook-data\">{}</script>",
        data_json(shared)
    );
    render_view(shared, view, "workbook.html", Path::new(""))
}

#[cfg(test)]
mod tests {
    use super::short;

    #[test]
    fn a_task_label_is_its_first_sentence_cut_at_a_word() {
        assert_eq!(short("Read week 2. It is short."), "Read week 2.");
        assert_eq!(short("Send v1.2 to Ana"), "Send v1.2 to Ana");
        let long = "word ".repeat(30);
        let cut = short(long.trim());
        assert!(cut.ends_with("word…") && cut.chars().count() <= 91, "{cut}");
    }
}
