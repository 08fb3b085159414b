//! YAML front matter: splitting it from the body and reporting errors at the line of the *file*.

use serde::de::DeserializeOwned;

use crate::diagnostic::Diagnostic;

use super::source::SourceFile;

/// A file split into its front matter and body.
#[derive(Debug, Clone, Copy)]
pub struct Split<'a> {
    /// The YAML between the `---` lines ("" when there is none).
    pub yaml: &'a str,
    /// 1-based line of the file where the YAML starts.
    pub yaml_line: usize,
    /// The Markdown after the closing `---`.
    pub body: &'a str,
    /// Byte offset of the body in the file.
    pub body_offset: usize,
}

/// Splits `---\n…\n---\n` front matter off `text`. An opening `---` without a closing one is an error.
pub fn split(file: &SourceFile) -> Result<Split<'_>, Diagnostic> {
    let text = file.text.as_str();
    let first_end = text.find('\n').map_or(text.len(), |i| i + 1);
    if text[..first_end].trim_end() != "---" {
        return Ok(Split {
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
                yaml: &text[first_end..off],
                yaml_line: 2,
                body: &text[off + line.len()..],
                body_offset: off + line.len(),
            });
        }
        off += line.len();
    }
    Err(Diagnostic::error(&file.path, "front matter is not closed")
        .at(text, 1, 1)
        .width(3)
        .help("end the front matter with a line `---` before the Markdown starts"))
}

/// Parses the front matter into `T`, turning YAML errors into diagnostics at the file's line.
pub fn parse<T: DeserializeOwned>(
    file: &SourceFile,
    split: &Split<'_>,
    keys: &[&str],
) -> Result<T, Diagnostic> {
    let yaml = if split.yaml.trim().is_empty() {
        "{}"
    } else {
        split.yaml
    };
    serde_yaml::from_str::<T>(yaml).map_err(|e| {
        let full = e.to_string();
        let message = without_positions(&full);
        let mut d = Diagnostic::error(&file.path, describe(&message));
        d = match e.location() {
            Some(loc) if !split.yaml.trim().is_empty() => {
                let start: usize = (file.text.split_inclusive('\n'))
                    .take(split.yaml_line - 1)
                    .map(str::len)
                    .sum();
                let at = yaml_offset(split.yaml, loc.line(), loc.column());
                d.at_offset(&file.text, start + at)
            }
            _ => d.at(&file.text, 1, 1),
        };
        let key_width = d
            .snippet
            .as_deref()
            .and_then(|s| s.trim_start().split(':').next())
            .map_or(1, |k| k.chars().count());
        if message.contains("unknown field") {
            d = d
                .width(key_width)
                .help(format!("valid keys are: {}", keys.join(", ")));
        } else if message.contains("missing field") {
            d = d.help(format!(
                "add it to the front matter; valid keys are: {}",
                keys.join(", ")
            ));
        } else if message.contains("invalid type") || message.contains("invalid value") {
            let value_width = d
                .snippet
                .as_deref()
                .map_or(1, |s| s.chars().skip(d.column.saturating_sub(1)).count());
            d = d.width(value_width).help(
                "check the value's type: numbers without quotes, text in quotes, lists with `- `",
            );
        } else {
            d = d.help("front matter is YAML between two `---` lines: `key: value`, one per line");
        }
        d
    })
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

/// Says "a whole number" where serde says `u32`.
fn plain_types(s: &str) -> String {
    let mut out = s.to_string();
    for t in [
        "u8", "u16", "u32", "u64", "i8", "i16", "i32", "i64", "usize", "isize",
    ] {
        out = out.replace(&format!("expected {t}"), "expected a whole number");
    }
    out.replace("expected a string", "expected text")
        .replace("a sequence", "a list")
}

/// Makes serde's wording friendlier while keeping its facts.
fn describe(message: &str) -> String {
    if let Some(rest) = message.split_once("unknown field ").map(|(_, r)| r) {
        let key = rest.split(',').next().unwrap_or(rest);
        return format!("unknown front-matter key {key}");
    }
    if let Some((key, rest)) = message.split_once(": invalid type: ") {
        return format!("`{key}` has the wrong type: {}", plain_types(rest));
    }
    if let Some((key, rest)) = message.split_once(": invalid value: ") {
        return format!("`{key}` has a wrong value: {}", plain_types(rest));
    }
    format!("front matter: {message}")
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
    use crate::content::PageMeta;

    fn error_at(text: &str) -> (usize, usize, Option<String>) {
        let file = SourceFile {
            path: "content/en/a.md".into(),
            rel: "a.md".into(),
            lang: "en".into(),
            text: text.into(),
        };
        let split = split(&file).expect("front matter is closed");
        let d = parse::<PageMeta>(&file, &split, &[]).expect_err("bad key");
        (d.line, d.column, d.snippet)
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
