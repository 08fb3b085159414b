//! Directive blocks and worksheets in Typst: one function per block kind, each calling the
//! template function of the same name (`exercise`, `moderator`, `ws-lines`, …).

use std::fmt::Write as _;

use super::typst::{Open, Writer, escape, string};
use crate::markdown::directives::DirectiveKind;
use crate::markdown::directives::scan::Block;
use crate::markdown::labels::Labels;
use crate::markdown::{Edition, Field, Worksheet};

fn content(s: &str) -> String {
    format!("[{}]", escape(s))
}

fn opt(s: Option<&str>) -> String {
    s.map_or_else(|| "none".to_string(), content)
}

impl Writer<'_> {
    /// Opens a directive block; false when the edition leaves it out (moderator notes in
    /// the member edition), in which case the caller skips its content.
    pub(crate) fn open_block(&mut self, block: &Block, edition: Edition, labels: &Labels) -> bool {
        let title = block.title.as_deref();
        let call = match block.kind {
            Some(DirectiveKind::Exercise) => self.exercise(block, labels),
            Some(DirectiveKind::BeforeNext) => {
                let level = self.level(2);
                format!(
                    "#before-next(level: {level}, title: {})[",
                    content(title.unwrap_or(&labels.before_next))
                )
            }
            Some(DirectiveKind::Moderator) => {
                if edition == Edition::Member {
                    return false;
                }
                format!(
                    "#moderator(label: {})[",
                    content(title.unwrap_or(&labels.moderator_notes))
                )
            }
            Some(DirectiveKind::Example) => {
                format!(
                    "#example(label: {}, title: {})[",
                    content(&labels.example),
                    opt(title)
                )
            }
            Some(DirectiveKind::Note) => {
                format!(
                    "#note(label: {}, title: {})[",
                    content(&labels.note),
                    opt(title)
                )
            }
            None => "#block[".to_string(),
        };
        self.out.push('\n');
        self.out.push_str(&call);
        self.open.push(Open::Text("]\n\n"));
        true
    }

    fn exercise(&self, block: &Block, labels: &Labels) -> String {
        let level = self.level(3);
        let minutes = block.minutes.map(|m| labels.minutes(m));
        format!(
            "#exercise(level: {level}, title: {}, minutes: {})[",
            content(block.title.as_deref().unwrap_or(&labels.exercise)),
            opt(minutes.as_deref())
        )
    }

    /// Closes the directive block opened last.
    pub fn close_block(&mut self) {
        self.close();
    }

    /// A worksheet as room to write: lines, tables, boxes, a scale, a date.
    pub fn worksheet(&mut self, sheet: &Worksheet) {
        let mut out = String::from("\n#worksheet[\n");
        for field in &sheet.fields {
            let _ = match field {
                Field::Text { label, lines } => {
                    writeln!(out, "#ws-lines(label: {}, lines: {lines})", content(label))
                }
                Field::Table {
                    label,
                    columns,
                    rows,
                } => {
                    let cols: Vec<String> = columns.iter().map(|c| content(c)).collect();
                    writeln!(
                        out,
                        "#ws-table(label: {}, columns: ({},), rows: {rows})",
                        opt(label.as_deref()),
                        cols.join(", ")
                    )
                }
                Field::Checklist { label, items } => {
                    let items: Vec<String> = items.iter().map(|i| content(i)).collect();
                    writeln!(
                        out,
                        "#ws-checklist(label: {}, items: ({},))",
                        opt(label.as_deref()),
                        items.join(", ")
                    )
                }
                Field::Scale {
                    label,
                    max,
                    low,
                    high,
                } => writeln!(
                    out,
                    "#ws-scale(label: {}, max: {max}, low: {}, high: {})",
                    content(label),
                    opt(low.as_deref()),
                    opt(high.as_deref())
                ),
                Field::Date { label } => writeln!(out, "#ws-date(label: {})", content(label)),
            };
        }
        out.push_str("]\n\n");
        self.out.push_str(&out);
    }

    /// A worksheet that could not be read, shown as the code it is.
    pub fn code(&mut self, text: &str) {
        let _ = write!(self.out, "#raw(block: true, {})\n\n", string(text));
    }
}
