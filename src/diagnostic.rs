//! Author-facing problems: one `Diagnostic` type with a location, collected and printed together.

mod io_failure;
mod line_index;
mod problem;

pub use io_failure::{IoContext, IoFailure};
pub use line_index::LineIndex;
pub use problem::{Diagnostic, Severity, line_col};

use std::path::Path;

/// All problems found in one run, errors and warnings, in a stable order.
#[derive(Debug, Default, Clone)]
pub struct Diagnostics {
    items: Vec<Diagnostic>,
}

impl Diagnostics {
    /// An empty collection.
    pub fn new() -> Self {
        Self::default()
    }

    /// Adds one problem.
    pub fn push(&mut self, d: Diagnostic) {
        self.items.push(d);
    }

    /// Adds many problems.
    pub fn extend(&mut self, ds: impl IntoIterator<Item = Diagnostic>) {
        self.items.extend(ds);
    }

    /// Number of errors.
    pub fn errors(&self) -> usize {
        self.items.iter().filter(|d| d.is_error()).count()
    }

    /// Whether any of these is a failure of the machine (see [`IoFailure`]): exit code 3.
    pub fn has_io_failure(&self) -> bool {
        self.items.iter().any(|d| d.io)
    }

    /// Number of warnings.
    pub fn warnings(&self) -> usize {
        self.items.len() - self.errors()
    }

    /// True when nothing was found.
    pub fn is_empty(&self) -> bool {
        self.items.is_empty()
    }

    /// Whether these problems stop the build: any error, or any warning when `strict`.
    pub fn fails(&self, strict: bool) -> bool {
        self.errors() > 0 || (strict && !self.items.is_empty())
    }

    /// Sorts by file, line and column, and folds repeats of one problem (say, a template
    /// error met while rendering every page) into the first, noting how often it recurred.
    pub fn sort(&mut self) {
        self.items.sort_by(|a, b| {
            (&a.path, a.line, a.column, &a.message).cmp(&(&b.path, b.line, b.column, &b.message))
        });
        let mut folded: Vec<(Diagnostic, usize)> = Vec::with_capacity(self.items.len());
        for d in self.items.drain(..) {
            match folded.last_mut() {
                Some((last, n))
                    if (&last.path, last.line, last.column, &last.message)
                        == (&d.path, d.line, d.column, &d.message) =>
                {
                    if last.help != d.help {
                        *n += 1;
                    }
                }
                _ => folded.push((d, 0)),
            }
        }
        self.items = folded
            .into_iter()
            .map(|(mut d, n)| {
                if n > 0 {
                    let help = d.help.take().unwrap_or_default();
                    let more = if n == 1 {
                        "1 more time".to_string()
                    } else {
                        format!("{n} more times")
                    };
                    d.help = Some(format!("{help} (and {more} elsewhere)"));
                }
                d
            })
            .collect();
    }

    /// The problems, in order.
    pub fn iter(&self) -> impl Iterator<Item = &Diagnostic> {
        self.items.iter()
    }

    /// Renders every problem as text, rustc style.
    pub fn render(&self) -> String {
        self.items.iter().map(|d| d.render() + "\n").collect()
    }

    /// Renders every problem as a JSON array.
    pub fn to_json(&self) -> String {
        serde_json::to_string_pretty(&self.items).unwrap_or_else(|_| "[]".into())
    }

    /// Makes the paths relative to `root` (for printing).
    pub fn relative_to(&mut self, root: &Path) {
        for d in &mut self.items {
            if let Ok(rel) = d.path.strip_prefix(root) {
                d.path = rel.to_path_buf();
            }
        }
    }
}

impl IntoIterator for Diagnostics {
    type Item = Diagnostic;
    type IntoIter = std::vec::IntoIter<Diagnostic>;
    fn into_iter(self) -> Self::IntoIter {
        self.items.into_iter()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn line_col_counts_characters_not_bytes() {
        let text = "ab\nçdé x";
        let off = text.find('x').unwrap_or(0);
        assert_eq!(line_col(text, off), (2, 5));
    }

    #[test]
    fn line_index_agrees_with_scanning() {
        let text = "ab\nçdé x\r\n\nlast";
        let index = LineIndex::new(text);
        for off in 0..=text.len() {
            if text.is_char_boundary(off) {
                assert_eq!(index.line_col(off), line_col(text, off), "offset {off}");
            }
        }
        assert_eq!(index.line(2), Some("çdé x"));
        assert_eq!(index.line(3), Some(""));
        assert_eq!(index.line(4), Some("last"));
        assert_eq!(index.line(5), None);
    }

    #[test]
    fn a_very_long_line_is_quoted_only_up_to_its_caret() {
        let text = format!("x: {}", "[".repeat(100_000));
        let r = Diagnostic::error("a.md", "too deep")
            .at(&text, 1, 4)
            .render();
        assert!(r.len() < 1000, "{r}");
        assert!(r.contains("1 | x: [[[") && r.contains(" …"), "{r}");
    }

    #[test]
    fn a_problem_without_a_path_prints_no_location_line() {
        let r = Diagnostic::error("", "cannot write x: disk full").render();
        assert!(!r.contains("-->"), "{r}");
    }

    #[test]
    fn render_shows_location_snippet_caret_and_help() {
        let text = "---\ntitel: x\n---\n";
        let d = Diagnostic::error("a.md", "unknown key `titel`")
            .at(text, 2, 1)
            .width(5)
            .help("valid keys are: title");
        let r = d.render();
        assert!(r.contains("--> a.md:2:1"), "{r}");
        assert!(r.contains("2 | titel: x"), "{r}");
        assert!(r.contains("^^^^^"), "{r}");
        assert!(r.contains("help: valid keys are: title"), "{r}");
    }
}
