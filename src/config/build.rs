//! `[build]`: how a build treats the files it reads, and the limits that keep it from
//! running away on hostile or unlucky input.

use std::path::PathBuf;
use std::time::Duration;

use schemars::{JsonSchema, Schema, SchemaGenerator, json_schema};
use serde::Serializer;
use serde::de::{self, Deserializer};
use serde::{Deserialize, Serialize};

/// `[build]`.
#[derive(Debug, Clone, Deserialize, Serialize, JsonSchema)]
#[serde(default, deny_unknown_fields, rename_all = "kebab-case")]
pub struct Build {
    /// Folders outside the site (relative to the site root, e.g. "../shared") that links
    /// under `content/`, `assets/` and `themes/` may point into. Any other link that leads
    /// out of the site is an error, so a build never publishes the machine's own files.
    /// Default: none.
    pub allow_symlinks_to: Vec<PathBuf>,
    /// The largest Markdown file read from `content/`, as bytes (`16777216`) or with a
    /// unit (`"16MB"`, `"512 KB"`; units are binary: 1 KB = 1024 bytes). A larger file is
    /// an error naming it. Default: "16MB".
    pub max_file_size: ByteSize,
    /// How long one page's template may render before the build stops and names the
    /// template, as seconds (`10`) or with a unit (`"10s"`, `"500ms"`, `"2m"`).
    /// Default: "10s".
    pub template_timeout: Timeout,
}

impl Default for Build {
    fn default() -> Self {
        Build {
            allow_symlinks_to: Vec::new(),
            max_file_size: ByteSize(16 * 1024 * 1024),
            template_timeout: Timeout(Duration::from_secs(10)),
        }
    }
}

/// A number of bytes, written in book.toml as a whole number or a string with a unit.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ByteSize(pub u64);

/// A length of time, written in book.toml as seconds or a string with a unit.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Timeout(pub Duration);

/// A whole number or a string: how both limits may be written.
#[derive(Deserialize)]
#[serde(untagged)]
enum NumberOrText {
    Number(u64),
    Text(String),
}

impl<'de> Deserialize<'de> for ByteSize {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        match NumberOrText::deserialize(d).map_err(|_| de::Error::custom(BYTES_HELP))? {
            NumberOrText::Number(n) => Ok(ByteSize(n)),
            NumberOrText::Text(t) => parse_bytes(&t)
                .map(ByteSize)
                .ok_or_else(|| de::Error::custom(format!("`{t}` is not a size: {BYTES_HELP}"))),
        }
    }
}

impl<'de> Deserialize<'de> for Timeout {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        match NumberOrText::deserialize(d).map_err(|_| de::Error::custom(TIME_HELP))? {
            NumberOrText::Number(n) => Ok(Timeout(Duration::from_secs(n))),
            NumberOrText::Text(t) => parse_duration(&t).map(Timeout).ok_or_else(|| {
                de::Error::custom(format!("`{t}` is not a length of time: {TIME_HELP}"))
            }),
        }
    }
}

impl Serialize for ByteSize {
    /// As book.toml would say it: "16MB", "512KB", else the number of bytes.
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let n = self.0;
        match [(30, "GB"), (20, "MB"), (10, "KB")]
            .into_iter()
            .find(|(shift, _)| n > 0 && n.is_multiple_of(1 << shift))
        {
            Some((shift, unit)) => s.serialize_str(&format!("{}{unit}", n >> shift)),
            None => s.serialize_u64(n),
        }
    }
}

impl Serialize for Timeout {
    /// As book.toml would say it: "10s", else "500ms".
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let ms = self.0.as_millis();
        if ms.is_multiple_of(1000) {
            s.serialize_str(&format!("{}s", ms / 1000))
        } else {
            s.serialize_str(&format!("{ms}ms"))
        }
    }
}

impl JsonSchema for ByteSize {
    fn schema_name() -> std::borrow::Cow<'static, str> {
        "ByteSize".into()
    }
    /// What `parse_bytes` accepts: a whole number, or digits and a binary unit.
    fn json_schema(_: &mut SchemaGenerator) -> Schema {
        json_schema!({
            "type": ["integer", "string"],
            "minimum": 0,
            "pattern": "^\\s*[0-9]+\\s*([bB]|[kKmMgG]([bB]|[iI][bB])?)?\\s*$"
        })
    }
}

impl JsonSchema for Timeout {
    fn schema_name() -> std::borrow::Cow<'static, str> {
        "Timeout".into()
    }
    /// What `parse_duration` accepts: whole seconds, or digits and `s`, `ms`, `m` or `min`.
    fn json_schema(_: &mut SchemaGenerator) -> Schema {
        json_schema!({
            "type": ["integer", "string"],
            "minimum": 0,
            "pattern": "^\\s*[0-9]+\\s*(s|ms|m|min)?\\s*$"
        })
    }
}

const BYTES_HELP: &str = "write bytes as a whole number or with a unit, e.g. \"16MB\" or \"512KB\"";
const TIME_HELP: &str = "write seconds as a whole number or with a unit, e.g. \"10s\" or \"500ms\"";

/// Parses "16MB", "512 KB", "2GiB", "1000" (binary units; B, KB, MB, GB and KiB, MiB, GiB).
pub fn parse_bytes(text: &str) -> Option<u64> {
    let t = text.trim();
    let split = t.find(|c: char| !c.is_ascii_digit()).unwrap_or(t.len());
    let number: u64 = t[..split].parse().ok()?;
    let unit = t[split..].trim().to_ascii_lowercase();
    let factor: u64 = match unit.as_str() {
        "" | "b" => 1,
        "k" | "kb" | "kib" => 1 << 10,
        "m" | "mb" | "mib" => 1 << 20,
        "g" | "gb" | "gib" => 1 << 30,
        _ => return None,
    };
    number.checked_mul(factor)
}

/// Parses "10s", "500ms", "2m", "10" (seconds).
pub fn parse_duration(text: &str) -> Option<Duration> {
    let t = text.trim();
    let split = t.find(|c: char| !c.is_ascii_digit()).unwrap_or(t.len());
    let number: u64 = t[..split].parse().ok()?;
    match t[split..].trim() {
        "" | "s" => Some(Duration::from_secs(number)),
        "ms" => Some(Duration::from_millis(number)),
        "m" | "min" => Some(Duration::from_secs(number.checked_mul(60)?)),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sizes_take_binary_units() {
        assert_eq!(parse_bytes("16MB"), Some(16 * 1024 * 1024));
        assert_eq!(parse_bytes("512 KB"), Some(512 * 1024));
        assert_eq!(parse_bytes("1000"), Some(1000));
        assert_eq!(parse_bytes("2GiB"), Some(2 << 30));
        assert_eq!(parse_bytes("lots"), None);
        assert_eq!(parse_bytes("5 parsecs"), None);
    }

    #[test]
    fn defaults_are_written_as_book_toml_would_say_them() {
        let b = Build::default();
        let json = serde_json::to_value(&b).expect("serializes");
        assert_eq!(json["max-file-size"], "16MB");
        assert_eq!(json["template-timeout"], "10s");
        assert_eq!(serde_json::to_value(ByteSize(1000)).ok(), Some(1000.into()));
        assert_eq!(
            serde_json::to_value(Timeout(Duration::from_millis(500))).ok(),
            Some("500ms".into())
        );
        assert_eq!(parse_bytes("16MB"), Some(b.max_file_size.0));
    }

    #[test]
    fn timeouts_take_seconds_or_units() {
        assert_eq!(parse_duration("10s"), Some(Duration::from_secs(10)));
        assert_eq!(parse_duration("500ms"), Some(Duration::from_millis(500)));
        assert_eq!(parse_duration("2m"), Some(Duration::from_secs(120)));
        assert_eq!(parse_duration("soon"), None);
    }
}
