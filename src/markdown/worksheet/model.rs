//! What a worksheet is: its fields, and where it sits on a page.

use std::ops::Range;

use serde::Serialize;

/// One field of a worksheet.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Hash)]
#[serde(tag = "type", rename_all = "kebab-case")]
pub enum Field {
    /// `- text: Label` with `lines` (default 3): room to write a few lines.
    Text {
        /// What to write.
        label: String,
        /// How many lines (1…30).
        lines: u32,
    },
    /// `- table: Label` with `columns: [A, B]` and `rows` (default 5).
    Table {
        /// A caption, optional.
        label: Option<String>,
        /// Column headers.
        columns: Vec<String>,
        /// How many empty rows (1…100).
        rows: u32,
    },
    /// `- checklist: Label` with `items: [A, B]`: boxes to tick.
    Checklist {
        /// A heading, optional.
        label: Option<String>,
        /// One box per item.
        items: Vec<String>,
    },
    /// `- scale: Label` with `max` (5 or 10, default 5) and optional `low`/`high` end labels.
    Scale {
        /// The question.
        label: String,
        /// The highest value.
        max: u32,
        /// What 1 means.
        low: Option<String>,
        /// What `max` means.
        high: Option<String>,
    },
    /// `- date: Label`: a date.
    Date {
        /// What the date is.
        label: String,
    },
}

/// A worksheet found on a page.
#[derive(Debug, Clone, Serialize, Hash)]
pub struct Worksheet {
    /// Its id on the page: `{id=…}` after `worksheet`, else `worksheet-N` (N counts the
    /// page's worksheets from 1). Storage keys and control names start with it.
    pub id: String,
    /// The fields; empty when the YAML has errors.
    pub fields: Vec<Field>,
    /// The whole fenced block in the body.
    #[serde(skip)]
    pub range: Range<usize>,
    /// False when the YAML has errors (it is then shown as code).
    pub valid: bool,
}
