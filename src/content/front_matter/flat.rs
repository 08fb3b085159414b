//! A fast path for the front matter most pages have: one `key: value` per line, each value
//! one line long (a quoted string without escapes, or a plain scalar without `:` or `#`).
//! It reads such front matter as the YAML parser does, in a small fraction of the time
//! (a 10,000-page build spent 2% of its instructions in the parser).
//!
//! It is a fast path only: anything else, and any value the page's type refuses, returns
//! `None`, and the YAML parser reads the front matter (and explains what is wrong). Each
//! value is handed over as the parser hands it: a string for a string field whatever its
//! style, a plain `true` for a flag, a plain decimal for a number, a plain `null` as no
//! value; other requests fail. The `front_matter` fuzz target and the tests below compare
//! both readings of the same text.

use serde::de::value::{Error, MapDeserializer};
use serde::de::{self, DeserializeOwned, Deserializer, IntoDeserializer, Visitor};

/// Reads `yaml` into `T` when every line is a `key: value`, blank or a comment, and `T`
/// accepts every value; `None` otherwise.
pub fn read<T: DeserializeOwned>(yaml: &str) -> Option<T> {
    if !plain_text(yaml) {
        return None;
    }
    let mut entries = Vec::with_capacity(8);
    for line in yaml.split_terminator('\n') {
        let line = line.strip_suffix('\r').unwrap_or(line);
        if line.starts_with('#') || line.bytes().all(|b| b == b' ') {
            continue;
        }
        entries.push(entry(line)?);
    }
    if entries.is_empty() {
        return None;
    }
    T::deserialize(MapDeserializer::<_, Error>::new(entries.into_iter())).ok()
}

/// Whether `yaml` holds only characters that mean the same in every YAML context here:
/// printable ones, `\n`, and `\r` before `\n`. The others (tabs, control characters,
/// Unicode line breaks, a byte-order mark) are left to the parser.
fn plain_text(yaml: &str) -> bool {
    let mut chars = yaml.chars().peekable();
    while let Some(c) = chars.next() {
        let printable = match c {
            ' '..='~' | '\n' => true,
            '\r' => chars.peek() == Some(&'\n'),
            '\u{a0}'..='\u{d7ff}' => !matches!(c, '\u{2028}' | '\u{2029}'),
            '\u{e000}'..='\u{fffd}' => c != '\u{feff}',
            c => c >= '\u{10000}',
        };
        if !printable {
            return false;
        }
    }
    true
}

/// One `key: value` line: a key of lowercase letters, digits and `-`, a colon, spaces and
/// a value.
fn entry(line: &str) -> Option<(&str, Scalar<'_>)> {
    let colon = line.find(':')?;
    let key = &line[..colon];
    let first = key.bytes().next()?;
    if !first.is_ascii_lowercase()
        || !(key.bytes()).all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-')
    {
        return None;
    }
    let rest = line[colon + 1..].strip_prefix(' ')?.trim_start_matches(' ');
    Some((key, scalar(rest)?))
}

/// A value: `"…"` without `"` or `\` inside, `'…'` without `'` inside, or a plain scalar
/// that starts with a letter, a digit or a minus before a digit, and holds no `:` or `#`. Trailing spaces are not
/// part of it.
fn scalar(text: &str) -> Option<Scalar<'_>> {
    let text = text.trim_end_matches(' ');
    for quote in ['"', '\''] {
        if let Some(inner) = text.strip_prefix(quote) {
            let inner = inner.strip_suffix(quote)?;
            if inner.contains(quote) || (quote == '"' && inner.contains('\\')) {
                return None;
            }
            return Some(Scalar {
                text: inner,
                plain: false,
            });
        }
    }
    let mut chars = text.chars();
    let starts = match chars.next()? {
        '-' => chars.next().is_some_and(|c| c.is_ascii_digit()),
        c => c.is_alphanumeric(),
    };
    if !starts || text.contains([':', '#']) {
        return None;
    }
    Some(Scalar { text, plain: true })
}

/// A value as the YAML parser reports it: its text, and whether it was written plain
/// (unquoted), which decides whether it can be a flag, a number or no value.
#[derive(Debug, Clone, Copy)]
struct Scalar<'a> {
    text: &'a str,
    plain: bool,
}

impl Scalar<'_> {
    /// A plain decimal integer without leading zeros or a sign other than `-`: the only
    /// numbers read here (the parser also reads `+1`, `0x1F`, `0o17`, `0b1`, `1_000`…).
    fn integer(self) -> Option<i64> {
        let digits = self.text.strip_prefix('-').unwrap_or(self.text);
        let canonical = digits == "0" || !digits.starts_with('0');
        let decimal = !digits.is_empty() && digits.bytes().all(|b| b.is_ascii_digit());
        (self.plain && canonical && decimal)
            .then(|| self.text.parse().ok())
            .flatten()
    }

    fn refuse<V>(self) -> Result<V, Error> {
        Err(de::Error::custom("left to the YAML parser"))
    }
}

impl<'de> IntoDeserializer<'de, Error> for Scalar<'de> {
    type Deserializer = Self;
    fn into_deserializer(self) -> Self {
        self
    }
}

impl<'de> Deserializer<'de> for Scalar<'de> {
    type Error = Error;

    fn deserialize_any<V: Visitor<'de>>(self, _: V) -> Result<V::Value, Error> {
        self.refuse()
    }

    fn deserialize_str<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Error> {
        visitor.visit_borrowed_str(self.text)
    }

    fn deserialize_string<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Error> {
        self.deserialize_str(visitor)
    }

    fn deserialize_option<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Error> {
        if self.plain && matches!(self.text, "null" | "Null" | "NULL" | "~") {
            visitor.visit_none()
        } else {
            visitor.visit_some(self)
        }
    }

    fn deserialize_bool<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Error> {
        match (self.plain, self.text) {
            (true, "true" | "True" | "TRUE") => visitor.visit_bool(true),
            (true, "false" | "False" | "FALSE") => visitor.visit_bool(false),
            _ => self.refuse(),
        }
    }

    fn deserialize_i64<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Error> {
        match self.integer() {
            Some(n) => visitor.visit_i64(n),
            None => self.refuse(),
        }
    }

    fn deserialize_u32<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Error> {
        // The parser reads an unsigned number without a sign: `-0` is refused too.
        let unsigned = self.integer().filter(|_| !self.text.starts_with('-'));
        match unsigned.map(u32::try_from) {
            Some(Ok(n)) => visitor.visit_u32(n),
            _ => self.refuse(),
        }
    }

    serde::forward_to_deserialize_any! {
        i8 i16 i32 i128 u8 u16 u64 u128 f32 f64 char bytes byte_buf unit unit_struct
        newtype_struct seq tuple tuple_struct map struct enum identifier ignored_any
    }
}

#[cfg(test)]
#[path = "flat_tests.rs"]
mod tests;
