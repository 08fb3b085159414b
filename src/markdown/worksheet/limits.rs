//! Bounds and defaults of field sizes, so a typo cannot produce a 10,000-row table.

/// Lines of a `text` field: 1…30, default 3.
pub const LINES: (u32, u32) = (1, 30);
/// Default lines of a `text` field.
pub const DEFAULT_LINES: u32 = 3;
/// Rows of a `table`: 1…100, default 5.
pub const ROWS: (u32, u32) = (1, 100);
/// Default rows of a `table`.
pub const DEFAULT_ROWS: u32 = 5;
/// Columns of a `table`: 1…16 (a name and one column per week of a 12-week program fit).
pub const COLUMNS: (usize, usize) = (1, 16);
/// Items of a `checklist`: 1…50.
pub const ITEMS: (usize, usize) = (1, 50);
