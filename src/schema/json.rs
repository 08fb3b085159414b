//! The JSON Schema of each document circlekit reads, generated from its parsing type and
//! tidied for the editors that read it.

use schemars::generate::SchemaSettings;
use serde_json::{Map, Value};

use crate::config::Config;
use crate::content::{PageMeta, WeekMeta};
use crate::markdown::worksheet::WorksheetFields;

/// The documents circlekit has a schema for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SchemaName {
    /// `book.toml`.
    Book,
    /// A week guide's front matter (`content/<lang>/weeks/*.md`).
    Week,
    /// Any other page's front matter.
    Page,
    /// A Circle Kit page's front matter (`content/<lang>/kits/*.md`).
    Kit,
    /// The YAML inside a ```` ```worksheet ```` block.
    Worksheet,
}

impl SchemaName {
    /// Every schema, in the order the manual lists them.
    pub const ALL: [SchemaName; 5] = [
        SchemaName::Book,
        SchemaName::Week,
        SchemaName::Page,
        SchemaName::Kit,
        SchemaName::Worksheet,
    ];

    /// The name `circlekit schema NAME` takes.
    pub fn name(self) -> &'static str {
        match self {
            SchemaName::Book => "book",
            SchemaName::Week => "week",
            SchemaName::Page => "page",
            SchemaName::Kit => "kit",
            SchemaName::Worksheet => "worksheet",
        }
    }

    /// The schema of a name, if there is one.
    pub fn from_name(name: &str) -> Option<SchemaName> {
        SchemaName::ALL.into_iter().find(|s| s.name() == name)
    }

    /// What the schema describes, in a few words.
    pub fn describes(self) -> &'static str {
        match self {
            SchemaName::Book => "book.toml, the site's configuration",
            SchemaName::Week => "front matter of a week guide (content/<lang>/weeks/*.md)",
            SchemaName::Page => "front matter of any other page (home, FAQ, moderator guide, …)",
            SchemaName::Kit => "front matter of a Circle Kit page (content/<lang>/kits/*.md)",
            SchemaName::Worksheet => "the YAML list of fields inside a ```worksheet block",
        }
    }

    /// The schema's title.
    fn title(self) -> &'static str {
        match self {
            SchemaName::Book => "book.toml",
            SchemaName::Week => "Week guide front matter",
            SchemaName::Page => "Page front matter",
            SchemaName::Kit => "Circle Kit front matter",
            SchemaName::Worksheet => "Worksheet fields",
        }
    }
}

/// The JSON Schema of one document, as JSON.
pub fn schema(name: SchemaName) -> Value {
    let generator = SchemaSettings::draft07()
        .with(|s| s.inline_subschemas = true)
        .into_generator();
    let mut schema = match name {
        SchemaName::Book => generator.into_root_schema_for::<Config>(),
        SchemaName::Week => generator.into_root_schema_for::<WeekMeta>(),
        SchemaName::Page | SchemaName::Kit => generator.into_root_schema_for::<PageMeta>(),
        SchemaName::Worksheet => generator.into_root_schema_for::<WorksheetFields>(),
    }
    .to_value();
    if let Value::Object(root) = &mut schema {
        root.insert("title".into(), name.title().into());
        if name == SchemaName::Kit {
            root.insert(
                "description".into(),
                "Front matter of a Circle Kit page: a worksheet or handout, listed on the kits page \
                 with its description and printed as a PDF of its own."
                    .into(),
            );
        }
    }
    tidy(&mut schema);
    schema
}

/// Rewrites what editors read poorly: a `oneOf` of documented `const`s becomes an `enum`
/// with the documentation in `x-taplo`, and Rust's integer `format`s are dropped.
fn tidy(value: &mut Value) {
    match value {
        Value::Object(map) => {
            if map
                .get("format")
                .and_then(Value::as_str)
                .is_some_and(|f| f.starts_with("int") || f.starts_with("uint"))
            {
                map.remove("format");
            }
            consts_to_enum(map);
            map.values_mut().for_each(tidy);
        }
        Value::Array(items) => items.iter_mut().for_each(tidy),
        _ => {}
    }
}

fn consts_to_enum(map: &mut Map<String, Value>) {
    let Some(Value::Array(choices)) = map.get("oneOf") else {
        return;
    };
    let mut values = Vec::new();
    let mut docs = Vec::new();
    for choice in choices {
        let Some(obj) = choice.as_object() else {
            return;
        };
        let doc = obj.get("description").cloned().unwrap_or(Value::Null);
        match (obj.get("const"), obj.get("enum")) {
            (Some(c), None) => {
                values.push(c.clone());
                docs.push(doc);
            }
            // A value with aliases (see `aliases`): the first is the documented one.
            (None, Some(Value::Array(all))) if !all.is_empty() => {
                for (i, v) in all.iter().enumerate() {
                    values.push(v.clone());
                    docs.push(if i == 0 { doc.clone() } else { Value::Null });
                }
            }
            _ => return,
        }
    }
    map.remove("oneOf");
    map.insert("type".into(), "string".into());
    map.insert("enum".into(), Value::Array(values));
    map.insert(
        "x-taplo".into(),
        serde_json::json!({ "docs": { "enumValues": docs } }),
    );
}
