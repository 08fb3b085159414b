//! Reading worksheet YAML with serde, raising each problem while serde_yaml still knows
//! where it is, so the error carries the line of the offending key or value.

use std::fmt;

use serde::de::{self, Deserializer, MapAccess, SeqAccess, Visitor};

use super::limits;
use super::model::Field;
use super::seeds::{Count, Label, List, Reject};

/// The worksheet: a list of fields.
pub(super) struct Fields(pub Vec<Field>);

impl<'de> de::Deserialize<'de> for Fields {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct V;
        impl<'de> Visitor<'de> for V {
            type Value = Fields;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("a list of fields, each starting with `- `, e.g. `- text: My goal`")
            }
            fn visit_unit<E: de::Error>(self) -> Result<Fields, E> {
                Ok(Fields(Vec::new()))
            }
            fn visit_none<E: de::Error>(self) -> Result<Fields, E> {
                Ok(Fields(Vec::new()))
            }
            fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Fields, A::Error> {
                let mut out = Vec::new();
                while let Some(FieldDe(f)) = seq.next_element()? {
                    out.push(f);
                }
                Ok(Fields(out))
            }
        }
        d.deserialize_any(V)
    }
}

/// The field types, by the key that names them.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Kind {
    Text,
    Table,
    Checklist,
    Scale,
    Date,
}

impl Kind {
    fn from_key(key: &str) -> Option<Kind> {
        Some(match key {
            "text" => Kind::Text,
            "table" => Kind::Table,
            "checklist" => Kind::Checklist,
            "scale" => Kind::Scale,
            "date" => Kind::Date,
            _ => return None,
        })
    }

    fn key(self) -> &'static str {
        match self {
            Kind::Text => "text",
            Kind::Table => "table",
            Kind::Checklist => "checklist",
            Kind::Scale => "scale",
            Kind::Date => "date",
        }
    }

    /// The other keys this type takes.
    fn keys(self) -> &'static [&'static str] {
        match self {
            Kind::Text => &["lines"],
            Kind::Table => &["columns", "rows"],
            Kind::Checklist => &["items"],
            Kind::Scale => &["max", "low", "high"],
            Kind::Date => &[],
        }
    }

    fn label_required(self) -> bool {
        matches!(self, Kind::Text | Kind::Scale | Kind::Date)
    }
}

const ALL: [Kind; 5] = [
    Kind::Text,
    Kind::Table,
    Kind::Checklist,
    Kind::Scale,
    Kind::Date,
];

/// The type that owns a non-type key, for messages.
fn owner(key: &str) -> Option<Kind> {
    ALL.into_iter().find(|k| k.keys().contains(&key))
}

struct FieldDe(Field);

impl<'de> de::Deserialize<'de> for FieldDe {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        d.deserialize_map(FieldVisitor)
    }
}

/// Fails with `message` at the position of the value being read.
fn reject<'de, A: MapAccess<'de>, T>(map: &mut A, message: String) -> Result<T, A::Error> {
    map.next_value_seed(Reject(message))?;
    Err(de::Error::custom("invalid value"))
}

struct FieldVisitor;

impl<'de> Visitor<'de> for FieldVisitor {
    type Value = FieldDe;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a field such as `text: My goal` (with `- ` before it)")
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<FieldDe, A::Error> {
        let mut kind: Option<(Kind, Option<String>)> = None;
        let mut seen: Vec<String> = Vec::new();
        let (mut lines, mut rows, mut max) = (None, None, None);
        let (mut columns, mut items) = (None, None);
        let (mut low, mut high) = (None, None);
        while let Some(key) = map.next_key::<String>()? {
            if seen.contains(&key) {
                return reject(&mut map, format!("`{key}` is given twice in this field"));
            }
            seen.push(key.clone());
            if let Some(k) = Kind::from_key(&key) {
                if let Some((prev, _)) = &kind {
                    return reject(
                        &mut map,
                        format!(
                            "this field is already a `{}` field; start a new field with `- {key}: …`",
                            prev.key()
                        ),
                    );
                }
                let label = map.next_value_seed(Label {
                    required: k.label_required(),
                    key: k.key(),
                })?;
                kind = Some((k, label));
                continue;
            }
            let Some(own) = owner(&key) else {
                let message = match &kind {
                    // The field's type is known: list its own keys.
                    Some((k, _)) => format!(
                        "unknown key `{key}` in a `{}` field (its keys are {})",
                        k.key(),
                        std::iter::once(k.key())
                            .chain(k.keys().iter().copied())
                            .map(|x| format!("`{x}`"))
                            .collect::<Vec<_>>()
                            .join(", ")
                    ),
                    None => format!(
                        "unknown key `{key}` (a field is one of `text`, `table`, `checklist`, `scale`, `date`)"
                    ),
                };
                return reject(&mut map, message);
            };
            if let Some((k, _)) = &kind
                && *k != own
            {
                return reject(
                    &mut map,
                    format!(
                        "`{key}` belongs to `{}` fields, not `{}`",
                        own.key(),
                        k.key()
                    ),
                );
            }
            match key.as_str() {
                "lines" => lines = Some(map.next_value_seed(Count("lines", limits::LINES))?),
                "rows" => rows = Some(map.next_value_seed(Count("rows", limits::ROWS))?),
                "max" => max = Some(map.next_value_seed(Count("max", (5, 10)))?),
                "columns" => columns = Some(map.next_value_seed(List("columns", limits::COLUMNS))?),
                "items" => items = Some(map.next_value_seed(List("items", limits::ITEMS))?),
                "low" => {
                    low = map.next_value_seed(Label {
                        required: false,
                        key: "low",
                    })?
                }
                _ => {
                    high = map.next_value_seed(Label {
                        required: false,
                        key: "high",
                    })?
                }
            }
        }
        let Some((k, label)) = kind else {
            return Err(de::Error::custom(
                "this field has no type: start it with `text:`, `table:`, `checklist:`, `scale:` or `date:`",
            ));
        };
        if let Some(key) = seen.iter().find(|s| owner(s).is_some_and(|o| o != k)) {
            return Err(de::Error::custom(format!(
                "`{key}` does not belong in a `{}` field",
                k.key()
            )));
        }
        let label_or_empty = label.clone().unwrap_or_default();
        let field = match k {
            Kind::Text => Field::Text {
                label: label_or_empty,
                lines: lines.unwrap_or(limits::DEFAULT_LINES),
            },
            Kind::Table => Field::Table {
                label,
                columns: columns.ok_or_else(|| {
                    de::Error::custom("a table needs `columns`, e.g. `columns: [Name, Role]`")
                })?,
                rows: rows.unwrap_or(limits::DEFAULT_ROWS),
            },
            Kind::Checklist => Field::Checklist {
                label,
                items: items.ok_or_else(|| {
                    de::Error::custom("a checklist needs `items`, e.g. `items: [First, Second]`")
                })?,
            },
            Kind::Scale => {
                let max = max.unwrap_or(5);
                if max != 5 && max != 10 {
                    return Err(de::Error::custom("`max` of a scale is 5 or 10"));
                }
                Field::Scale {
                    label: label_or_empty,
                    max,
                    low,
                    high,
                }
            }
            Kind::Date => Field::Date {
                label: label_or_empty,
            },
        };
        Ok(FieldDe(field))
    }
}
