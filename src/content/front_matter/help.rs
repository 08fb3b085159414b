//! What a YAML error in front matter means for an author, and what to do about it: quote a
//! value with `: ` in it, indent with spaces, close the front matter, use a nested item's
//! own keys.

/// Where in the file the error is, and what the front matter around it looks like.
pub(super) struct Place<'a> {
    /// The file's line the parser stopped at (quoted in the diagnostic).
    pub snippet: Option<&'a str>,
    /// The YAML of the front matter.
    pub yaml: &'a str,
    /// The 1-based line inside the YAML where the parser stopped.
    pub yaml_line: usize,
    /// The file's line where the YAML starts.
    pub first_line: usize,
    /// The 1-based column the parser stopped at.
    pub column: usize,
}

/// An error explained: what to print, and how much of the line to underline.
pub(super) struct Explained {
    /// The message.
    pub message: String,
    /// What to do.
    pub help: String,
    /// Characters to underline from the column; `None` keeps one.
    pub width: Option<usize>,
}

/// Keys of an agenda item, for help lines.
const AGENDA_ITEM_KEYS: &[&str] = &["title", "minutes"];

/// Explains serde_yaml's `message` (its positions removed) for a page whose valid
/// top-level keys are `keys`.
pub(super) fn explain(message: &str, place: &Place<'_>, keys: &[&str]) -> Explained {
    let (path, rest) = split_path(message);
    let keys_of = |path: Option<&str>| -> String {
        match path.map(item_list) {
            Some("agenda") => AGENDA_ITEM_KEYS.join(", "),
            _ => keys.join(", "),
        }
    };
    if let Some(after) = rest.strip_prefix("unknown field ") {
        let key = after.split(',').next().unwrap_or(after);
        let width = place.snippet.map(|s| key_of(s).chars().count());
        return match path {
            Some(p) => Explained {
                message: format!("unknown key {key} in {}", describe_path(p)),
                help: format!(
                    "{} takes these keys: {}",
                    describe_path(p),
                    expected_keys(after).unwrap_or_else(|| keys_of(Some(p)))
                ),
                width,
            },
            None => Explained {
                message: format!("unknown front-matter key {key}"),
                help: format!("valid keys are: {}", keys.join(", ")),
                width,
            },
        };
    }
    if let Some(key) = rest.strip_prefix("missing field ") {
        return match path {
            Some(p) => Explained {
                message: format!("{} has no {key}", describe_path(p)),
                help: format!(
                    "add {key} to it; {} takes these keys: {}",
                    describe_path(p),
                    keys_of(Some(p))
                ),
                width: None,
            },
            None => Explained {
                message: format!("front matter: missing field {key}"),
                help: format!(
                    "add it to the front matter; valid keys are: {}",
                    keys.join(", ")
                ),
                width: None,
            },
        };
    }
    for (marker, what) in [
        ("invalid type: ", "the wrong type"),
        ("invalid value: ", "a wrong value"),
    ] {
        if let Some(detail) = rest.strip_prefix(marker) {
            let name = path.map_or_else(|| "a value".to_string(), describe_path);
            return Explained {
                message: format!("{name} has {what}: {}", plain_types(detail)),
                help: "check the value's type: numbers without quotes, text in quotes, lists with `- `"
                    .into(),
                width: place
                    .snippet
                    .map(|s| s.chars().skip(place.column.saturating_sub(1)).count()),
            };
        }
    }
    Explained {
        message: format!("front matter: {message}"),
        help: syntax_help(message, place),
        width: None,
    }
}

/// Help for a YAML syntax error: the common mistakes first.
fn syntax_help(message: &str, place: &Place<'_>) -> String {
    let general = "front matter is YAML between two `---` lines: `key: value`, one per line";
    let snippet = place.snippet.unwrap_or("");
    if snippet.contains('\t') || message.contains("tab character") {
        return "YAML does not allow tabs: indent with spaces".into();
    }
    if message.contains("mapping values are not allowed") {
        return match quoted(snippet) {
            Some(line) => format!(
                "a value that contains `: ` must be in quotes: `{}`",
                line.trim()
            ),
            None => {
                "a value that contains `: ` must be in quotes, e.g. `title: \"Week 1: Arriving\"`"
                    .into()
            }
        };
    }
    if let Some(blank) = first_blank_line(place.yaml, place.yaml_line) {
        return format!(
            "the front matter seems to run into the Markdown: end it with a line `---` \
             (line {} is empty; the Markdown probably starts after it)",
            place.first_line + blank - 1
        );
    }
    general.into()
}

/// The line with its value in double quotes, if it is a `key: value` (or `- key: value`) line.
fn quoted(line: &str) -> Option<String> {
    let indent = &line[..line.len() - line.trim_start().len()];
    let rest = line.trim_start();
    let (dash, rest) = match rest.strip_prefix("- ") {
        Some(r) => ("- ", r),
        None => ("", rest),
    };
    let (key, value) = rest.split_once(": ")?;
    let value = value.trim();
    if key.is_empty() || key.contains(' ') || value.is_empty() || value.starts_with(['"', '\'']) {
        return None;
    }
    let escaped = value.replace('\\', "\\\\").replace('"', "\\\"");
    Some(format!("{indent}{dash}{key}: \"{escaped}\""))
}

/// The first empty line of the YAML before `line` (1-based, within the YAML).
fn first_blank_line(yaml: &str, line: usize) -> Option<usize> {
    yaml.lines()
        .take(line.saturating_sub(1))
        .position(|l| l.trim().is_empty())
        .map(|i| i + 1)
}

/// Splits serde_yaml's `agenda[1].minutes: …` into the path and the rest.
fn split_path(message: &str) -> (Option<&str>, &str) {
    match message.split_once(": ") {
        Some((path, rest))
            if !path.is_empty()
                && !path.contains(' ')
                && (rest.starts_with("invalid ")
                    || rest.starts_with("unknown field")
                    || rest.starts_with("missing field")) =>
        {
            (Some(path.trim_start_matches('.')), rest)
        }
        _ => (None, message),
    }
}

/// `agenda` for `agenda[1]` or `agenda[1].minutes`.
fn item_list(path: &str) -> &str {
    path.split(['[', '.']).next().unwrap_or(path)
}

/// `agenda[1]` as "agenda item 2"; `outcomes[0]` as "item 1 of `outcomes`"; `week` as "`week`".
fn describe_path(path: &str) -> String {
    let Some((list, rest)) = path.split_once('[') else {
        return format!("`{path}`");
    };
    let Some((index, tail)) = rest.split_once(']') else {
        return format!("`{path}`");
    };
    let n = index.parse::<usize>().map_or(0, |i| i + 1);
    let item = if list == "agenda" {
        format!("agenda item {n}")
    } else {
        format!("item {n} of `{list}`")
    };
    match tail.trim_start_matches('.') {
        "" => item,
        more => format!("`{more}` of {item}"),
    }
}

/// The keys serde lists after "expected": "`title` or `minutes`", "one of `a`, `b`".
fn expected_keys(after: &str) -> Option<String> {
    let (_, list) = after.split_once("expected ")?;
    let keys: Vec<&str> = list
        .split('`')
        .enumerate()
        .filter(|(i, _)| i % 2 == 1)
        .map(|(_, k)| k)
        .collect();
    (!keys.is_empty()).then(|| keys.join(", "))
}

/// The key of a `key: value` or `- key: value` line.
fn key_of(line: &str) -> &str {
    let t = line.trim_start();
    let t = t.strip_prefix("- ").unwrap_or(t);
    t.split(':').next().unwrap_or(t)
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn quotes_a_value_with_a_colon() {
        assert_eq!(
            quoted("  - title: Exercise 1: Your \"list\"").as_deref(),
            Some("  - title: \"Exercise 1: Your \\\"list\\\"\"")
        );
        assert_eq!(quoted("just text"), None);
    }

    #[test]
    fn names_nested_items_for_people() {
        assert_eq!(describe_path("agenda[1]"), "agenda item 2");
        assert_eq!(
            describe_path("agenda[0].minutes"),
            "`minutes` of agenda item 1"
        );
        assert_eq!(describe_path("outcomes[2]"), "item 3 of `outcomes`");
        assert_eq!(describe_path("week"), "`week`");
        assert_eq!(
            expected_keys("`minute`, expected `title` or `minutes`").as_deref(),
            Some("title, minutes")
        );
    }
}
