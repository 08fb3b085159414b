//! A value of the wrong type in book.toml (`weeks = "12"`): say what the key takes and
//! show the line as it should be written.

use std::ops::Range;

/// For serde's "invalid type: FOUND, expected WANT" at `span` of `text` (the whole
/// book.toml): a message naming the key, and a help line with the value rewritten.
pub(super) fn explain(
    message: &str,
    text: &str,
    span: Option<Range<usize>>,
) -> Option<(String, String)> {
    let (found, expected) = message
        .strip_prefix("invalid type: ")?
        .split_once(", expected ")?;
    let span = span?;
    let line_start = text.get(..span.start)?.rfind('\n').map_or(0, |i| i + 1);
    let key = text.get(line_start..span.start)?.split('=').next()?.trim();
    if key.is_empty() || key.starts_with('[') {
        return None;
    }
    let inner = found
        .split_once(' ')
        .map(|(_, v)| v.trim_matches(['"', '`']))
        .unwrap_or("");
    let (want, help) = if is_integer(expected) {
        let example = if inner.parse::<i64>().is_ok() {
            inner
        } else {
            "12"
        };
        (
            "a whole number",
            format!("write the number without quotes: `{key} = {example}`"),
        )
    } else if expected == "a boolean" {
        let example = if inner == "false" { "false" } else { "true" };
        (
            "true or false",
            format!("write `true` or `false` without quotes: `{key} = {example}`"),
        )
    } else if expected.contains("string") || expected.contains("path") {
        let example = if inner.is_empty() { "…" } else { inner };
        (
            "text",
            format!("put the text in double quotes: `{key} = \"{example}\"`"),
        )
    } else if expected.contains("array of length") {
        (
            "a list of numbers",
            format!("write the numbers in square brackets: `{key} = [4, 5]`"),
        )
    } else if expected.contains("sequence") || expected.contains("array") {
        let example = if found.starts_with("string") && !inner.is_empty() {
            inner
        } else {
            "…"
        };
        (
            "a list",
            format!("write a list in square brackets: `{key} = [\"{example}\"]`"),
        )
    } else {
        return None;
    };
    Some((
        format!("`{key}` must be {want}, not {}", plain(found)),
        help,
    ))
}

fn is_integer(expected: &str) -> bool {
    let t = expected.trim_start_matches(['u', 'i']);
    (expected.starts_with(['u', 'i']) && !t.is_empty() && t.chars().all(|c| c.is_ascii_digit()))
        || expected == "usize"
        || expected == "isize"
        || expected.contains("integer")
}

/// serde's "string \"12\"" as "the text \"12\"", "integer `5`" as "the number 5".
fn plain(found: &str) -> String {
    match found.split_once(' ') {
        Some(("string", v)) => format!("the text {v}"),
        Some(("integer" | "floating", v)) => format!("the number {}", v.trim_matches('`')),
        Some(("boolean", v)) => v.trim_matches('`').to_string(),
        _ => match found {
            "sequence" => "a list".into(),
            "map" => "a table".into(),
            other => other.to_string(),
        },
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_quoted_number_is_shown_without_quotes() {
        let text = "[circle]\nweeks = \"12\"\n";
        let start = text.find("\"12\"").unwrap_or(0);
        let (message, help) = explain(
            "invalid type: string \"12\", expected u32",
            text,
            Some(start..start + 4),
        )
        .unwrap_or_default();
        assert_eq!(
            message,
            "`weeks` must be a whole number, not the text \"12\""
        );
        assert_eq!(help, "write the number without quotes: `weeks = 12`");
    }
}
