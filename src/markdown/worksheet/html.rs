//! Worksheet HTML: labelled form controls on the web, blank lines, boxes and tables in print.
//!
//! Control names are `<worksheet id>-f<field>` with `-r<row>-c<col>` for table cells and
//! `-i<item>` for checklist boxes; `worksheets.js` stores each value under
//! `circlekit:<page path>#<worksheet id>/<name>`.

use std::fmt::Write as _;

use super::model::{Field, Worksheet};
use crate::markdown::escape::escape;
use crate::markdown::labels::Labels;

/// The fillable form of the web edition.
pub(crate) fn web(ws: &Worksheet, labels: &Labels) -> String {
    let id = escape(&ws.id);
    let mut h = String::new();
    let _ = writeln!(
        h,
        "<form class=\"worksheet\" id=\"{id}\" data-worksheet=\"{id}\" method=\"dialog\">"
    );
    for (i, field) in ws.fields.iter().enumerate() {
        let n = i + 1;
        let name = format!("{id}-f{n}");
        match field {
            Field::Text { label, lines } => {
                let _ = writeln!(
                    h,
                    "<div class=\"ws-field ws-text\" data-field=\"{n}\">\n<label for=\"{name}\">{}</label>\n<textarea id=\"{name}\" name=\"{name}\" rows=\"{lines}\"></textarea>\n</div>",
                    escape(label)
                );
            }
            Field::Table {
                label,
                columns,
                rows,
            } => {
                let _ = writeln!(
                    h,
                    "<div class=\"ws-field ws-table\" data-field=\"{n}\">\n<table>"
                );
                if let Some(label) = label {
                    let _ = writeln!(h, "<caption>{}</caption>", escape(label));
                }
                head(&mut h, columns);
                h.push_str("<tbody>\n");
                for r in 1..=*rows {
                    h.push_str("<tr>");
                    for (c, col) in columns.iter().enumerate() {
                        let _ = write!(
                            h,
                            "<td><input type=\"text\" name=\"{name}-r{r}-c{}\" aria-label=\"{}, {} {r}\"></td>",
                            c + 1,
                            escape(col),
                            labels.row
                        );
                    }
                    h.push_str("</tr>\n");
                }
                h.push_str("</tbody>\n</table>\n</div>\n");
            }
            Field::Checklist { label, items } => {
                let _ = writeln!(
                    h,
                    "<fieldset class=\"ws-field ws-checklist\" data-field=\"{n}\">"
                );
                if let Some(label) = label {
                    let _ = writeln!(h, "<legend>{}</legend>", escape(label));
                }
                h.push_str("<ul>\n");
                for (j, item) in items.iter().enumerate() {
                    let item_name = format!("{name}-i{}", j + 1);
                    let _ = writeln!(
                        h,
                        "<li><input type=\"checkbox\" id=\"{item_name}\" name=\"{item_name}\"> <label for=\"{item_name}\">{}</label></li>",
                        escape(item)
                    );
                }
                h.push_str("</ul>\n</fieldset>\n");
            }
            Field::Scale {
                label,
                max,
                low,
                high,
            } => {
                let _ = writeln!(
                    h,
                    "<fieldset class=\"ws-field ws-scale\" data-field=\"{n}\" data-max=\"{max}\">\n<legend>{}</legend>\n<div class=\"ws-scale-options\">",
                    escape(label)
                );
                for v in 1..=*max {
                    let end = match (v, low, high) {
                        (1, Some(l), _) => end_label(l, "low"),
                        (v, _, Some(t)) if v == *max => end_label(t, "high"),
                        _ => String::new(),
                    };
                    let _ = writeln!(
                        h,
                        "<label class=\"ws-scale-option\"><input type=\"radio\" id=\"{name}-v{v}\" name=\"{name}\" value=\"{v}\"> <span class=\"ws-scale-value\">{v}</span>{end}</label>"
                    );
                }
                h.push_str("</div>\n</fieldset>\n");
            }
            Field::Date { label } => {
                let _ = writeln!(
                    h,
                    "<div class=\"ws-field ws-date\" data-field=\"{n}\">\n<label for=\"{name}\">{}</label>\n<input type=\"date\" id=\"{name}\" name=\"{name}\">\n</div>",
                    escape(label)
                );
            }
        }
    }
    let _ = writeln!(
        h,
        "<div class=\"ws-actions\" hidden><button type=\"button\" class=\"ws-clear\" data-ws-clear>{}</button> <span class=\"ws-privacy\">{}</span></div>\n</form>",
        labels.clear_answers, labels.kept_locally
    );
    h
}

fn end_label(text: &str, which: &str) -> String {
    format!(
        " <span class=\"ws-scale-end ws-scale-{which}\">{}</span>",
        escape(text)
    )
}

fn head(h: &mut String, columns: &[String]) {
    h.push_str("<thead><tr>");
    for col in columns {
        let _ = write!(h, "<th scope=\"col\">{}</th>", escape(col));
    }
    h.push_str("</tr></thead>\n");
}

/// The blank version for print: ruled lines, empty table rows, boxes and circles.
pub(crate) fn print(ws: &Worksheet) -> String {
    let id = escape(&ws.id);
    let mut h = String::new();
    let _ = writeln!(
        h,
        "<div class=\"worksheet worksheet-print\" data-worksheet=\"{id}\">"
    );
    for (i, field) in ws.fields.iter().enumerate() {
        let n = i + 1;
        match field {
            Field::Text { label, lines } => {
                let _ = writeln!(
                    h,
                    "<div class=\"ws-field ws-text\" data-field=\"{n}\">\n<p class=\"ws-label\">{}</p>\n<div class=\"ws-lines\">{}</div>\n</div>",
                    escape(label),
                    "<div class=\"ws-line\"></div>".repeat(*lines as usize)
                );
            }
            Field::Table {
                label,
                columns,
                rows,
            } => {
                let _ = writeln!(
                    h,
                    "<div class=\"ws-field ws-table\" data-field=\"{n}\">\n<table class=\"ws-grid\">"
                );
                if let Some(label) = label {
                    let _ = writeln!(h, "<caption>{}</caption>", escape(label));
                }
                head(&mut h, columns);
                let row = format!("<tr>{}</tr>\n", "<td></td>".repeat(columns.len()));
                let _ = writeln!(
                    h,
                    "<tbody>\n{}</tbody>\n</table>\n</div>",
                    row.repeat(*rows as usize)
                );
            }
            Field::Checklist { label, items } => {
                let _ = writeln!(
                    h,
                    "<div class=\"ws-field ws-checklist\" data-field=\"{n}\">"
                );
                if let Some(label) = label {
                    let _ = writeln!(h, "<p class=\"ws-label\">{}</p>", escape(label));
                }
                h.push_str("<ul class=\"ws-boxes\">\n");
                for item in items {
                    let _ = writeln!(
                        h,
                        "<li><span class=\"ws-box\" aria-hidden=\"true\"></span> {}</li>",
                        escape(item)
                    );
                }
                h.push_str("</ul>\n</div>\n");
            }
            Field::Scale {
                label,
                max,
                low,
                high,
            } => {
                let _ = write!(
                    h,
                    "<div class=\"ws-field ws-scale\" data-field=\"{n}\" data-max=\"{max}\">\n<p class=\"ws-label\">{}</p>\n<p class=\"ws-circles\">",
                    escape(label)
                );
                if let Some(l) = low {
                    h.push_str(end_label(l, "low").trim_start());
                    h.push(' ');
                }
                for v in 1..=*max {
                    let _ = write!(h, "<span class=\"ws-circle\">{v}</span> ");
                }
                if let Some(t) = high {
                    h.push_str(end_label(t, "high").trim_start());
                }
                h.push_str("</p>\n</div>\n");
            }
            Field::Date { label } => {
                let _ = writeln!(
                    h,
                    "<div class=\"ws-field ws-date\" data-field=\"{n}\">\n<p class=\"ws-label\">{}</p>\n<div class=\"ws-line ws-date-line\"></div>\n</div>",
                    escape(label)
                );
            }
        }
    }
    h.push_str("</div>\n");
    h
}
