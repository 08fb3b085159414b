//! YAML front matter: splitting it from the body and reporting errors at the line of the *file*.

use serde::de::DeserializeOwned;

use crate::diagnostic::Diagnostic;

use std::path::Path;

pub mod flat;
mod help;
mod limits;

/// A file split into its front matter and body.
#[derive(Debug, Clone, Copy)]
pub struct Split<'a> {
    /// The whole file.
    pub text: &'a str,
    /// The YAML between the `---` lines ("" when there is none).
    pub yaml: &'a str,
    /// 1-based line of the file where the YAML starts.
    pub yaml_line: usize,
    /// The Markdown after the closing `---`.
    pub body: &'a str,
    /// Byte offset of the body in the file.
    pub body_offset: usize,
}

/// Splits `---\n…\n---\n` front matter off `text`, the text of the file at `path`. An
/// opening `---` without a closing one is an error.
pub fn split<'a>(path: &Path, text: &'a str) -> Result<Split<'a>, Diagnostic> {
    let first_end = text.find('\n').map_or(text.len(), |i| i + 1);
    if text[..first_end].trim_end() != "---" {
        return Ok(Split {
            text,
            yaml: "",
            yaml_line: 1,
            body: text,
            body_offset: 0,
        });
    }
    let mut off = first_end;
    for line in text[first_end..].split_inclusive('\n') {
        let t = line.trim_end();
        if t == "---" || t == "..." {
            return Ok(Split {
                text,
                yaml: &text[first_end..off],
                yaml_line: 2,
                body: &text[off + line.len()..],
                body_offset: off + line.len(),
            });
        }
        off += line.len();
    }
    let help = match unclosed_body(text) {
        (_, Some(line)) => format!(
            "end the front matter with a line `---` before the Markdown starts (line {line} \
             is empty: the Markdown probably starts after it)"
        ),
        (_, None) => "end the front matter with a line `---` before the Markdown starts".into(),
    };
    Err(Diagnostic::error(path, "front matter is not closed")
        .at(text, 1, 1)
        .width(3)
        .help(help))
}

/// Where the Markdown probably starts in a file whose front matter is not closed: after the
/// first empty line (its byte offset, and that line's number), else nowhere (the end).
pub fn unclosed_body(text: &str) -> (usize, Option<usize>) {
    let mut off = 0;
    for (i, line) in text.split_inclusive('\n').enumerate() {
        off += line.len();
        if i > 0 && line.trim().is_empty() {
            return (off, Some(i + 1));
        }
    }
    (text.len(), None)
}

/// Parses the front matter into `T`, turning YAML errors into diagnostics at the file's
/// line, with help for the common mistakes; `keys` are the page's valid top-level keys.
pub fn parse<T: DeserializeOwned>(
    path: &Path,
    split: &Split<'_>,
    keys: &[&str],
) -> Result<T, Diagnostic> {
    check_limits(path, split)?;
    if let Some(meta) = flat::read(split.yaml) {
        return Ok(meta);
    }
    let yaml = if split.yaml.trim().is_empty() {
        "{}"
    } else {
        split.yaml
    };
    serde_yaml::from_str::<T>(yaml).map_err(|e| {
        let message = without_positions(&e.to_string());
        let mut d = Diagnostic::error(path, "");
        let mut yaml_line = 1;
        d = match e.location() {
            Some(loc) if !split.yaml.trim().is_empty() => {
                yaml_line = loc.line();
                let start: usize = (split.text.split_inclusive('\n'))
                    .take(split.yaml_line - 1)
                    .map(str::len)
                    .sum();
                let at = yaml_offset(split.yaml, loc.line(), loc.column());
                d.at_offset(split.text, start + at)
            }
            _ => d.at(split.text, 1, 1),
        };
        let place = help::Place {
            snippet: d.snippet.as_deref(),
            yaml: split.yaml,
            yaml_line,
            first_line: split.yaml_line,
            column: d.column,
        };
        let explained = help::explain(&message, &place, keys);
        d.message = explained.message;
        if let Some(w) = explained.width {
            d = d.width(w);
        }
        d.help(explained.help)
    })
}

/// Refuses front matter that is too big, nests too deep or expands too far, before it is
/// turned into data.
fn check_limits(path: &Path, split: &Split<'_>) -> Result<(), Diagnostic> {
    let Err(exceeded) = limits::check(split.yaml) else {
        return Ok(());
    };
    let line = match exceeded.line {
        0 => 1,
        l => split.yaml_line + l - 1,
    };
    Err(Diagnostic::error(path, exceeded.message)
        .at(split.text, line, 1)
        .help(format!(
            "front matter holds a page's settings: keep it under {} KB, {} levels deep, \
             and without aliases that repeat large parts of it",
            limits::MAX_BYTES / 1024,
            limits::MAX_DEPTH
        )))
}

/// The byte offset in `yaml` of the parser's 1-based line and column. YAML also breaks
/// lines at a lone `\r` (and NEL, LS, PS), where the rest of circlekit counts `\n` only.
fn yaml_offset(yaml: &str, line: usize, column: usize) -> usize {
    let (mut l, mut c) = (1, 1);
    let mut chars = yaml.char_indices().peekable();
    while let Some((i, ch)) = chars.next() {
        if (l, c) >= (line, column) {
            return i;
        }
        if ch == '\r' && chars.peek().is_some_and(|&(_, n)| n == '\n') {
            continue;
        }
        if matches!(ch, '\n' | '\r' | '\u{85}' | '\u{2028}' | '\u{2029}') {
            (l, c) = (l + 1, 1);
        } else {
            c += 1;
        }
    }
    yaml.len()
}

/// Drops the parser's own " at line L column C" (counted inside the front matter): the
/// diagnostic gives the position in the file instead.
fn without_positions(message: &str) -> String {
    let mut out = String::with_capacity(message.len());
    let mut rest = message;
    while let Some(i) = rest.find(" at line ") {
        out.push_str(&rest[..i]);
        let tail = &rest[i + " at line ".len()..];
        let digits = |t: &str| t.find(|c: char| !c.is_ascii_digit()).unwrap_or(t.len());
        let after_line = &tail[digits(tail)..];
        rest = match after_line.strip_prefix(" column ") {
            Some(col) => &col[digits(col)..],
            None => after_line,
        };
    }
    out.push_str(rest);
    out
}

/// Byte offset of a top-level `key:` in a file's front matter, to point a diagnostic at it.
pub fn find_key(text: &str, key: &str) -> Option<usize> {
    let mut off = 0;
    for (i, line) in text.split_inclusive('\n').enumerate() {
        if i > 0 && line.trim_end() == "---" {
            return None;
        }
        if line.starts_with(key) && line[key.len()..].starts_with(':') {
            return Some(off);
        }
        off += line.len();
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::content::model::PageMeta;

    fn error_at(text: &str) -> (usize, usize, Option<String>) {
        let path = Path::new("content/en/a.md");
        let split = split(path, text).expect("front matter is closed");
        let d = parse::<PageMeta>(path, &split, &[]).expect_err("bad key");
        (d.line, d.column, d.snippet)
    }

    #[test]
    fn a_thematic_break_after_the_front_matter_stays_in_the_body() {
        let text = "---\ntitle: T\n---\n---\n\n::: note\nHi\n:::\n\nText\n---\n";
        let split =
            split(Path::new("content/en/weeks/01-a.md"), text).expect("front matter is closed");
        assert_eq!(split.yaml, "title: T\n");
        assert_eq!(split.body, "---\n\n::: note\nHi\n:::\n\nText\n---\n");
    }

    #[test]
    fn points_at_the_key_whatever_the_line_endings() {
        let at = (3, 1, Some("colour: red".to_string()));
        assert_eq!(error_at("---\ntitle: A\ncolour: red\n---\n"), at);
        assert_eq!(error_at("---\r\ntitle: A\r\ncolour: red\r\n---\r\n"), at);
        // A lone `\r` breaks a line for YAML only; the snippet still quotes the file's line.
        let (line, column, snippet) = error_at("---\ntitle: A\rcolour: red\n---\n");
        assert_eq!((line, column), (2, 10));
        assert_eq!(snippet.as_deref(), Some("title: A\rcolour: red"));
    }
}
