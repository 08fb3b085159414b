//! A schema as a page of the manual: one table of keys per section, each key with its
//! type, its default and its description (`circlekit schema --markdown NAME`).

use std::fmt::Write as _;

use serde_json::{Map, Value};

use super::json::{SchemaName, schema};
use crate::markdown::github_id;

/// The manual's reference page for one schema: front matter, then one table per section.
pub fn markdown(name: SchemaName) -> String {
    let schema = schema(name);
    let flavor = if name == SchemaName::Book {
        Flavor::Toml
    } else {
        Flavor::Yaml
    };
    let mut page = Page {
        flavor,
        out: String::new(),
    };
    let title = schema["title"].as_str().unwrap_or_default();
    let weight = SchemaName::ALL.iter().position(|s| *s == name).unwrap_or(0) + 1;
    let _ = write!(
        page.out,
        "---\ntitle: \"{title}\"\ndescription: \"Every key of {}: its type, its default and what it does.\"\nweight: {weight}\n---\n\n\
         <!-- Generated from circlekit's own types by `circlekit schema --markdown {}`: \
         edit their doc comments in src/, not this page. -->\n\n",
        noun(name),
        name.name(),
    );
    page.paragraph(&schema);
    let _ = writeln!(
        page.out,
        "The JSON Schema itself: `circlekit schema {}`.\n",
        name.name()
    );
    match name {
        SchemaName::Book => page.sections(&schema),
        SchemaName::Worksheet => page.worksheet(&schema),
        _ => page.object(&schema, 2),
    }
    page.out.trim_end().to_string() + "\n"
}

/// What the page's description calls the document.
fn noun(name: SchemaName) -> &'static str {
    match name {
        SchemaName::Book => "book.toml",
        SchemaName::Week => "a week guide's front matter",
        SchemaName::Page => "a page's front matter",
        SchemaName::Kit => "a Circle Kit page's front matter",
        SchemaName::Worksheet => "a worksheet's fields",
    }
}

/// How keys and values are written in the document the schema describes.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Flavor {
    Toml,
    Yaml,
}

struct Page {
    flavor: Flavor,
    out: String,
}

impl Page {
    /// book.toml: one section per table, `[book]`, `[languages.<code>]`, …
    fn sections(&mut self, schema: &Value) {
        for (path, prop) in properties(schema) {
            if is_table(prop) {
                let _ = writeln!(self.out, "## `[{path}]`\n");
                self.paragraph(prop);
                self.object(prop, 3);
            } else if let Some(each) = map_values(prop) {
                let _ = writeln!(self.out, "## `[{path}.<code>]`\n");
                self.paragraph(prop);
                self.paragraph(each);
                self.object(each, 3);
            }
        }
    }

    /// A worksheet: one section per field type.
    fn worksheet(&mut self, schema: &Value) {
        let fields = schema["items"]["anyOf"]
            .as_array()
            .cloned()
            .unwrap_or_default();
        for field in &fields {
            let types = ["text", "table", "checklist", "scale", "date"];
            let Some(key) = required(field).into_iter().find(|k| types.contains(k)) else {
                continue;
            };
            let _ = writeln!(self.out, "## `{key}`\n");
            self.paragraph(field);
            self.object(field, 3);
        }
    }

    /// A table of an object's keys, then a section for each key that holds objects.
    fn object(&mut self, schema: &Value, level: usize) {
        let required = required(schema);
        let mut nested = Vec::new();
        self.out
            .push_str("| key | type | default | what it does |\n|---|---|---|---|\n");
        for (key, prop) in properties(schema) {
            let (text, default_words) = split_default(description(prop));
            let default = if required.contains(&key.as_str()) {
                "required".to_string()
            } else if let Some(words) = default_words {
                words
            } else {
                prop.get("default")
                    .map_or_else(|| "none".into(), |d| self.value(d))
            };
            let mut kind = self.type_name(prop);
            if let Some(items) = object_items(prop) {
                let heading = format!("`{key}` items");
                kind = format!(
                    "[list of mappings](#{})",
                    github_id(&heading.replace('`', ""))
                );
                nested.push((heading, items));
            }
            let _ = writeln!(
                self.out,
                "| `{key}` | {kind} | {} | {} |",
                cell(&default),
                cell(&text)
            );
        }
        self.out.push('\n');
        for (heading, items) in nested {
            let _ = writeln!(self.out, "{} {heading}\n", "#".repeat(level));
            self.paragraph(items);
            self.object(items, level + 1);
        }
    }

    /// A section's description, without the table name that its heading already shows.
    fn paragraph(&mut self, schema: &Value) {
        let text = description(schema).replace('\n', " ");
        let text = match text.strip_prefix("`[").and_then(|t| t.split_once("]`")) {
            Some((_, rest)) => capitalised(rest.trim_start_matches([':', '.', ' '])),
            None => text,
        };
        if !text.is_empty() {
            let _ = writeln!(self.out, "{text}\n");
        }
    }

    /// A value as it is written in the document: `"a4"`, `[4, 5]`, `true`.
    fn value(&self, v: &Value) -> String {
        match v {
            Value::Null => "none".into(),
            Value::Array(a) if a.is_empty() => "none".into(),
            Value::Object(o) if o.is_empty() => "none".into(),
            Value::String(s) if s.is_empty() => "`\"\"`".into(),
            Value::Array(a) => {
                let items: Vec<String> = a.iter().map(|x| x.to_string()).collect();
                format!("`[{}]`", items.join(", "))
            }
            other => format!("`{other}`"),
        }
    }

    /// A schema's type in words.
    fn type_name(&self, s: &Value) -> String {
        if let Some(values) = s.get("enum").and_then(Value::as_array) {
            let shown: Vec<String> = values.iter().map(|v| format!("`{v}`")).collect();
            return shown.join(" or ");
        }
        let types: Vec<&str> = match s.get("type") {
            Some(Value::String(t)) => vec![t.as_str()],
            Some(Value::Array(ts)) => ts.iter().filter_map(Value::as_str).collect(),
            _ => Vec::new(),
        };
        let types: Vec<&str> = types.into_iter().filter(|t| *t != "null").collect();
        let words: Vec<String> = match types.as_slice() {
            ["string", "number", "boolean"] => vec!["text".into()],
            ts => ts.iter().map(|t| self.one_type(t, s)).collect(),
        };
        let mut name = words.join(" or ");
        if let Some(range) = bounds(s, "minimum", "maximum")
            && types.contains(&"integer")
            && range != "0 or more"
        {
            name = format!("{name}, {range}");
        }
        name
    }

    fn one_type(&self, t: &str, s: &Value) -> String {
        match t {
            "string" => "text".into(),
            "integer" => "whole number".into(),
            "number" => "number".into(),
            "boolean" => "`true` or `false`".into(),
            "object" if self.flavor == Flavor::Toml => "table".into(),
            "object" => "mapping".into(),
            "array" => {
                let items = self.type_name(&s["items"]);
                let items = match items.as_str() {
                    "text" => "texts".to_string(),
                    "whole number" => "whole numbers".to_string(),
                    other => other.to_string(),
                };
                match bounds(s, "minItems", "maxItems") {
                    Some(n) if !n.contains(' ') && !n.contains('–') => {
                        format!("list of {n} {items}")
                    }
                    Some(range) => format!("list of {items} ({range})"),
                    None => format!("list of {items}"),
                }
            }
            other => other.into(),
        }
    }
}

/// "1–30", "2" (both bounds equal), "1 or more", or none.
fn bounds(s: &Value, min: &str, max: &str) -> Option<String> {
    match (
        s.get(min).and_then(Value::as_u64),
        s.get(max).and_then(Value::as_u64),
    ) {
        (Some(a), Some(b)) if a == b => Some(a.to_string()),
        (Some(a), Some(b)) => Some(format!("{a}–{b}")),
        (Some(a), None) => Some(format!("{a} or more")),
        (None, Some(b)) => Some(format!("at most {b}")),
        (None, None) => None,
    }
}

/// An object's properties, in the schema's order.
fn properties(schema: &Value) -> Vec<(&String, &Value)> {
    schema
        .get("properties")
        .and_then(Value::as_object)
        .map(Map::iter)
        .map(Iterator::collect)
        .unwrap_or_default()
}

fn required(schema: &Value) -> Vec<&str> {
    schema
        .get("required")
        .and_then(Value::as_array)
        .map(|r| r.iter().filter_map(Value::as_str).collect())
        .unwrap_or_default()
}

fn description(schema: &Value) -> &str {
    schema
        .get("description")
        .and_then(Value::as_str)
        .unwrap_or("")
}

/// A description without its closing "Default: …", and those words.
fn split_default(text: &str) -> (String, Option<String>) {
    match text.rfind("Default: ") {
        Some(i) => {
            let words = text[i + "Default: ".len()..].trim().trim_end_matches('.');
            (text[..i].trim().to_string(), Some(words.to_string()))
        }
        None => (text.trim().to_string(), None),
    }
}

/// A table (an object with its own keys).
fn is_table(s: &Value) -> bool {
    s.get("properties").is_some()
}

/// The schema of a map's values (`[languages.<code>]`).
fn map_values(s: &Value) -> Option<&Value> {
    s.get("additionalProperties").filter(|v| v.is_object())
}

/// The schema of a list's items when they are objects (`agenda`).
fn object_items(s: &Value) -> Option<&Value> {
    s.get("items").filter(|i| is_table(i))
}

fn capitalised(text: &str) -> String {
    let mut chars = text.chars();
    chars.next().map_or_else(String::new, |first| {
        first.to_uppercase().chain(chars).collect()
    })
}

/// Text made safe for one table cell.
fn cell(text: &str) -> String {
    text.replace('\n', " ").replace('|', "\\|")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_book_reference_has_a_section_per_table_and_every_default() {
        let page = markdown(SchemaName::Book);
        assert!(page.contains("## `[circle]`"), "{page}");
        assert!(page.contains("## `[languages.<code>]`"), "{page}");
        assert!(page.contains("| `weeks` | whole number | 12 |"), "{page}");
        assert!(page.contains("`\"a4\"` or `\"us-letter\"`"), "{page}");
    }

    #[test]
    fn the_week_reference_describes_agenda_items() {
        let page = markdown(SchemaName::Week);
        assert!(
            page.contains("| `week` | whole number | required |"),
            "{page}"
        );
        assert!(page.contains("## `agenda` items"), "{page}");
        assert!(page.contains("(#agenda-items)"), "{page}");
    }

    #[test]
    fn splits_the_default_off_a_description() {
        let (text, words) = split_default("The title. Default: \"x\".");
        assert_eq!(
            (text.as_str(), words.as_deref()),
            ("The title.", Some("\"x\""))
        );
    }
}
