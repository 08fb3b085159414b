//! One problem in the author's input: where it is, what is wrong, what to do about it, and
//! how it prints.

use std::fmt::Write as _;
use std::path::PathBuf;

use serde::Serialize;

use super::line_index::LineIndex;

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
    /// the content: such a run ends with exit code 3. See
    /// [`IoFailure`](super::io_failure::IoFailure).
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
