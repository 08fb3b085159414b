//! Reading one fence line: `::: name Title {key=value key="two words"}` or a closing `:::`.

use std::ops::Range;

/// A line that starts with three or more colons.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Fence {
    /// Only colons: closes the innermost open block whose fence is not longer.
    Close {
        /// How many colons.
        len: usize,
    },
    /// Colons and a name: opens a block.
    Open(Opening),
}

/// What an opening fence says. Ranges are byte ranges of the line given to [`parse`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Opening {
    /// How many colons.
    pub len: usize,
    /// The name as written ("" when missing).
    pub name: String,
    /// Where the name is.
    pub name_at: Range<usize>,
    /// The text between the name and the attributes, trimmed.
    pub title: Option<String>,
    /// `key=value` pairs in order.
    pub attrs: Vec<Attr>,
    /// Syntax problems found on the line.
    pub errors: Vec<FenceError>,
}

/// One `key=value` attribute.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Attr {
    /// The key.
    pub key: String,
    /// The value, quotes removed.
    pub value: String,
    /// Where the whole `key=value` is.
    pub at: Range<usize>,
}

/// A syntax problem on a fence line or in an attribute list.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct FenceError {
    /// What is wrong.
    pub message: String,
    /// Where.
    pub at: Range<usize>,
    /// What to do.
    pub help: String,
}

const ATTR_HELP: &str = "write attributes as `{key=value}`, with quotes around values that contain spaces: `{key=\"two words\"}`";

/// Reads a fence line (indentation and line ending already removed). `None` when the line
/// does not start with at least three colons.
pub(crate) fn parse(line: &str) -> Option<Fence> {
    let len = line.bytes().take_while(|&b| b == b':').count();
    if len < 3 {
        return None;
    }
    let mut end = line.trim_end().len();
    // An opening fence may end with colons too (`::: note :::`), as in Pandoc.
    let trailing = line[..end].bytes().rev().take_while(|&b| b == b':').count();
    if trailing >= 3 && end - trailing > len {
        let before = &line[..end - trailing];
        if before.ends_with([' ', '\t']) {
            end = before.trim_end().len();
        }
    }
    if line[len..end].trim().is_empty() {
        return Some(Fence::Close { len });
    }
    let mut errors = Vec::new();
    let name_start = len + (line[len..end].len() - line[len..end].trim_start().len());
    let name_len = line[name_start..end]
        .find(|c: char| c.is_whitespace() || c == '{')
        .unwrap_or(end - name_start);
    let name_at = name_start..name_start + name_len;
    let name = line[name_at.clone()].to_string();
    if name.is_empty() {
        errors.push(FenceError {
            message: "this block has no name".into(),
            at: 0..len,
            help: "write the name right after the colons, e.g. `::: exercise Title {minutes=10}`"
                .into(),
        });
    }
    let rest_start = name_at.end;
    let brace = line[rest_start..end].find('{').map(|i| rest_start + i);
    let title_end = brace.unwrap_or(end);
    let title = line[rest_start..title_end].trim();
    let title = (!title.is_empty()).then(|| title.to_string());
    let mut attrs = Vec::new();
    if let Some(open) = brace {
        let close = line[open..end].rfind('}').map(|i| open + i);
        let inner_end = match close {
            Some(c) => {
                if !line[c + 1..end].trim().is_empty() {
                    errors.push(FenceError {
                        message: "text after the attributes".into(),
                        at: c + 1..end,
                        help:
                            "the `{…}` attributes come last on the line; move the title before them"
                                .into(),
                    });
                }
                c
            }
            None => {
                errors.push(FenceError {
                    message: "the attributes are missing their closing `}`".into(),
                    at: open..end,
                    help: "end the attributes with `}`, e.g. `{minutes=10}`".into(),
                });
                end
            }
        };
        attrs = parse_attrs(line, open + 1..inner_end, &mut errors);
    }
    Some(Fence::Open(Opening {
        len,
        name,
        name_at,
        title,
        attrs,
        errors,
    }))
}

/// Reads `key=value key="two words" key='x'` in `line[range]`.
pub(crate) fn parse_attrs(
    line: &str,
    range: Range<usize>,
    errors: &mut Vec<FenceError>,
) -> Vec<Attr> {
    let bytes = line.as_bytes();
    let mut attrs: Vec<Attr> = Vec::new();
    let mut last_unquoted = false;
    let mut i = range.start;
    let end = range.end.min(line.len());
    while i < end {
        if bytes[i].is_ascii_whitespace() {
            i += 1;
            continue;
        }
        let start = i;
        while i < end && !bytes[i].is_ascii_whitespace() && bytes[i] != b'=' {
            i += 1;
        }
        let key = &line[start..i];
        if i >= end || bytes[i] != b'=' {
            let (message, help) = match attrs.last() {
                Some(prev) if last_unquoted => (
                    format!("the value of `{}` contains a space", prev.key),
                    format!(
                        "put quotes around it: `{}=\"{} {key}\"`",
                        prev.key, prev.value
                    ),
                ),
                _ => (
                    format!("`{key}` is not a `key=value` attribute"),
                    ATTR_HELP.to_string(),
                ),
            };
            errors.push(FenceError {
                message,
                at: start..i,
                help,
            });
            last_unquoted = false;
            continue;
        }
        i += 1;
        let (value, quoted) = match bytes.get(i) {
            Some(&q @ (b'"' | b'\'')) if i < end => {
                let vstart = i + 1;
                match line[vstart..end].find(q as char) {
                    Some(j) => {
                        i = vstart + j + 1;
                        (line[vstart..vstart + j].to_string(), true)
                    }
                    None => {
                        errors.push(FenceError {
                            message: format!("the value of `{key}` has no closing quote"),
                            at: start..end,
                            help: format!("close the quote: `{key}={}…{}`", q as char, q as char),
                        });
                        i = end;
                        (line[vstart..end].to_string(), true)
                    }
                }
            }
            _ => {
                let vstart = i;
                while i < end && !bytes[i].is_ascii_whitespace() {
                    i += 1;
                }
                (line[vstart..i].to_string(), false)
            }
        };
        let at = start..i;
        if key.is_empty() {
            errors.push(FenceError {
                message: "an attribute has no name before `=`".into(),
                at,
                help: ATTR_HELP.into(),
            });
            last_unquoted = false;
            continue;
        }
        if value.is_empty() && !quoted {
            errors.push(FenceError {
                message: format!("`{key}` has no value"),
                at,
                help: format!("write a value after `=`, e.g. `{key}=10`"),
            });
            last_unquoted = false;
            continue;
        }
        if attrs.iter().any(|a| a.key == key) {
            errors.push(FenceError {
                message: format!("`{key}` is given twice"),
                at,
                help: "keep one of them".into(),
            });
            continue;
        }
        last_unquoted = !quoted;
        attrs.push(Attr {
            key: key.to_string(),
            value,
            at,
        });
    }
    attrs
}

#[cfg(test)]
mod tests {
    use super::*;

    fn open(line: &str) -> Opening {
        match parse(line) {
            Some(Fence::Open(o)) => o,
            other => panic!("not an opening fence: {other:?}"),
        }
    }

    #[test]
    fn reads_name_title_and_attributes() {
        let o = open("::: exercise Three snapshots {minutes=15 id=\"snap shots\"}");
        assert_eq!(o.len, 3);
        assert_eq!(o.name, "exercise");
        assert_eq!(o.title.as_deref(), Some("Three snapshots"));
        assert_eq!(o.attrs.len(), 2);
        assert_eq!(o.attrs[1].value, "snap shots");
        assert!(o.errors.is_empty(), "{:?}", o.errors);
    }

    #[test]
    fn closing_fences_are_only_colons() {
        assert_eq!(parse(":::"), Some(Fence::Close { len: 3 }));
        assert_eq!(parse("::::::  "), Some(Fence::Close { len: 6 }));
        assert_eq!(parse("::"), None);
        assert_eq!(parse("text ::: more"), None);
        assert_eq!(open(":::: note :::").name, "note");
        assert_eq!(open(":::: note :::").title, None);
        assert_eq!(open(":::note").name, "note");
    }

    #[test]
    fn reports_bad_attributes() {
        let o = open("::: exercise X {minutes=15 min}");
        assert_eq!(o.errors.len(), 1);
        assert!(
            o.errors[0].message.contains("contains a space"),
            "{:?}",
            o.errors
        );
        let o = open("::: exercise X {minutes=15");
        assert!(
            o.errors[0].message.contains("closing `}`"),
            "{:?}",
            o.errors
        );
        assert_eq!(o.attrs[0].value, "15");
        let o = open("::: exercise X {minutes=\"15}");
        assert!(
            o.errors[0].message.contains("closing quote"),
            "{:?}",
            o.errors
        );
        let o = open("::: exercise {=3 minutes=}");
        assert_eq!(o.errors.len(), 2, "{:?}", o.errors);
        let o = open("::: {minutes=3}");
        assert!(o.errors[0].message.contains("no name"), "{:?}", o.errors);
        let o = open("::: note {id=a} trailing");
        assert!(o.errors[0].message.contains("after the attributes"));
    }

    #[test]
    fn never_panics_on_odd_lines() {
        for line in [
            ":::{",
            ":::}",
            "::: {\"",
            "::: x {a='",
            "::: é {ü=ö}",
            ":::\t{\t}",
            "::: x {==}",
        ] {
            let _ = parse(line);
        }
    }
}
