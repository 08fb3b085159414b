//! Author-facing problems: one `Diagnostic` type with a location, collected and printed together.

mod io_failure;
mod line_index;

pub use io_failure::{IoContext, IoFailure};
pub use line_index::LineIndex;

use std::fmt::Write as _;
use std::path::{Path, PathBuf};

use serde::Serialize;

/// How serious a problem is: errors stop a build, warnings only do with `--strict`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize, Hash)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    /// Something an author should look at; the build still succeeds.
    Warning,
    /// The site cannot be built as it is.
    Error,
}

/// One problem in the author's input, pointing at a file, line and column.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Diagnostic {
    /// Error or warning.
    pub severity: Severity,
    /// The file, relative to the site root where possible.
    pub path: PathBuf,
    /// 1-based line; 0 when the problem concerns the whole file.
    pub line: usize,
    /// 1-based column (in characters); 0 when unknown.
    pub column: usize,
    /// What is wrong, in one sentence.
    pub message: String,
    /// The offending source line, when there is one.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub snippet: Option<String>,
    /// How many characters of the snippet to underline from `column` (at least 1).
    #[serde(skip)]
    pub width: usize,
    /// What to do about it.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub help: Option<String>,
    /// Whether the machine failed (a full disk, a folder one may not write) rather than
    /// the content: such a run ends with exit code 3. See [`IoFailure`].
    #[serde(skip)]
    pub io: bool,
}

impl Diagnostic {
    /// An error about a whole file (no line known).
    pub fn error(path: impl Into<PathBuf>, message: impl Into<String>) -> Self {
        Diagnostic {
            severity: Severity::Error,
            path: path.into(),
            line: 0,
            column: 0,
            message: message.into(),
            snippet: None,
            width: 1,
            help: None,
            io: false,
        }
    }

    /// A warning about a whole file (no line known).
    pub fn warning(path: impl Into<PathBuf>, message: impl Into<String>) -> Self {
        Diagnostic {
            severity: Severity::Warning,
            ..Diagnostic::error(path, message)
        }
    }

    /// Points the diagnostic at a 1-based line and column, quoting that line of `text`.
    pub fn at(mut self, text: &str, line: usize, column: usize) -> Self {
        self.line = line;
        self.column = column.max(1);
        self.snippet = text
            .lines()
            .nth(line.saturating_sub(1))
            .map(|l| l.trim_end_matches('\r').to_string());
        self
    }

    /// Points the diagnostic at a byte offset of `text` (the whole file's text).
    pub fn at_offset(self, text: &str, offset: usize) -> Self {
        let (line, column) = line_col(text, offset);
        self.at(text, line, column)
    }

    /// Points at a byte range of `text`, underlining it (on its first line).
    pub fn at_span(mut self, text: &str, range: std::ops::Range<usize>) -> Self {
        let (line, column) = line_col(text, range.start);
        let start = range.start.min(text.len());
        let line_start = text[..start].rfind('\n').map_or(0, |i| i + 1);
        let line_end = text[line_start..]
            .find('\n')
            .map_or(text.len(), |i| line_start + i);
        self.line = line;
        self.column = column;
        self.snippet = Some(
            text[line_start..line_end]
                .trim_end_matches('\r')
                .to_string(),
        );
        self.width = underline_width(text, range);
        self
    }

    /// Like [`Diagnostic::at_span`], with the lines of the text found once beforehand: for
    /// many diagnostics in one file, each then costs the length of its own line only.
    pub fn at_span_in(mut self, index: &LineIndex<'_>, range: std::ops::Range<usize>) -> Self {
        let (line, column) = index.line_col(range.start);
        self.line = line;
        self.column = column;
        self.snippet = index.line(line).map(str::to_string);
        self.width = underline_width(index.text(), range);
        self
    }

    /// Sets how many characters to underline.
    pub fn width(mut self, width: usize) -> Self {
        self.width = width.max(1);
        self
    }

    /// Adds what the author should do.
    pub fn help(mut self, help: impl Into<String>) -> Self {
        self.help = Some(help.into());
        self
    }

    /// True for errors.
    pub fn is_error(&self) -> bool {
        self.severity == Severity::Error
    }

    /// `path:line:col`, or as much of it as is known.
    pub fn location(&self) -> String {
        let path = self.path.display();
        match (self.line, self.column) {
            (0, _) => format!("{path}"),
            (l, 0) => format!("{path}:{l}"),
            (l, c) => format!("{path}:{l}:{c}"),
        }
    }

    /// Renders the diagnostic the way rustc does: message, location, snippet with a caret, help.
    pub fn render(&self) -> String {
        let mut out = String::new();
        let label = match self.severity {
            Severity::Error => "error",
            Severity::Warning => "warning",
        };
        let _ = writeln!(out, "{label}: {}", self.message);
        let gutter = " ".repeat(self.line.max(1).to_string().len());
        if !self.path.as_os_str().is_empty() {
            let _ = writeln!(out, "{gutter}--> {}", self.location());
        }
        if let Some(snippet) = &self.snippet {
            // A very long line (minified or generated text) is cut after the caret.
            let keep = (self.column + self.width).max(SNIPPET_CHARS);
            let (snippet, cut) = match snippet.char_indices().nth(keep) {
                Some((i, _)) => (&snippet[..i], " …"),
                None => (snippet.as_str(), ""),
            };
            let width = self.width.clamp(1, SNIPPET_CHARS);
            let _ = writeln!(out, "{gutter} |");
            let _ = writeln!(out, "{} | {snippet}{cut}", self.line);
            let pad: String = snippet
                .chars()
                .take(self.column.saturating_sub(1))
                .map(|c| if c == '\t' { '\t' } else { ' ' })
                .collect();
            let _ = writeln!(out, "{gutter} | {pad}{}", "^".repeat(width));
        }
        if let Some(help) = &self.help {
            let _ = writeln!(out, "{gutter} = help: {help}");
        }
        out
    }
}

/// The characters of `range` on its first line (at least 1).
fn underline_width(text: &str, range: std::ops::Range<usize>) -> usize {
    let end = range.end.min(text.len());
    let start = range.start.min(end);
    let piece = text.get(start..end).unwrap_or("");
    let first_line = piece.lines().next().unwrap_or("");
    first_line.chars().count().max(1)
}

/// How much of a long source line a rendered diagnostic quotes (at least up to its caret).
const SNIPPET_CHARS: usize = 160;

/// 1-based line and column (in characters) of a byte offset in `text`.
pub fn line_col(text: &str, offset: usize) -> (usize, usize) {
    let mut offset = offset.min(text.len());
    while !text.is_char_boundary(offset) {
        offset -= 1;
    }
    let before = &text[..offset];
    let line = before.matches('\n').count() + 1;
    let line_start = before.rfind('\n').map_or(0, |i| i + 1);
    let column = text[line_start..offset].chars().count() + 1;
    (line, column)
}

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
