//! The JSON Schema of a worksheet's YAML. Worksheets are read by a hand-written visitor
//! (`de.rs`) that reports each mistake at its line, so the schema is described here by
//! mirror types, and a test holds the two to the same verdicts.

use std::borrow::Cow;

use schemars::{JsonSchema, Schema, SchemaGenerator, json_schema};

use super::limits;

/// The YAML inside a ```` ```worksheet ```` block, as `parse_fields` accepts it: a list
/// of one or more fields.
pub struct WorksheetFields;

impl JsonSchema for WorksheetFields {
    fn schema_name() -> Cow<'static, str> {
        "WorksheetFields".into()
    }

    fn json_schema(generator: &mut SchemaGenerator) -> Schema {
        let field = generator.subschema_for::<AnyField>();
        json_schema!({
            "description": "A worksheet: a YAML list of fields, each starting with `- ` and the key that names its type (`text`, `table`, `checklist`, `scale` or `date`).",
            "type": "array",
            "minItems": 1,
            "items": field
        })
    }
}

/// One field of a worksheet: the key that starts it names its type.
#[derive(JsonSchema)]
#[serde(untagged)]
#[allow(dead_code, reason = "a description of accepted YAML, never built")]
enum AnyField {
    Text(TextField),
    Table(TableField),
    Checklist(ChecklistField),
    Scale(ScaleField),
    Date(DateField),
}

/// `- text: Label`: lines to write on (a text box on the web).
#[derive(JsonSchema)]
#[serde(deny_unknown_fields)]
#[allow(dead_code, reason = "a description of accepted YAML, never built")]
struct TextField {
    /// What to write, e.g. "My goal in one sentence".
    text: Label,
    /// How many lines to write on, 1–30. Default: 3.
    #[serde(default = "default_lines")]
    #[schemars(range(min = limits::LINES.0, max = limits::LINES.1))]
    lines: u32,
}

/// `- table: Caption`: a table with column headers and empty rows to fill in.
#[derive(JsonSchema)]
#[serde(deny_unknown_fields)]
#[allow(dead_code, reason = "a description of accepted YAML, never built")]
struct TableField {
    /// The table's caption; may be left empty (`- table:`).
    #[schemars(required)]
    table: OptionalLabel,
    /// The column headers, 1–16 of them, e.g. `[Name, How they relate]`.
    #[schemars(length(min = limits::COLUMNS.0, max = limits::COLUMNS.1))]
    columns: Vec<Label>,
    /// How many empty rows, 1–100. Default: 5.
    #[serde(default = "default_rows")]
    #[schemars(range(min = limits::ROWS.0, max = limits::ROWS.1))]
    rows: u32,
}

/// `- checklist: Heading`: boxes to tick.
#[derive(JsonSchema)]
#[serde(deny_unknown_fields)]
#[allow(dead_code, reason = "a description of accepted YAML, never built")]
struct ChecklistField {
    /// A heading above the boxes; may be left empty (`- checklist:`).
    #[schemars(required)]
    checklist: OptionalLabel,
    /// One box per item, 1–50 of them, e.g. `[Share my goal, Add three names]`.
    #[schemars(length(min = limits::ITEMS.0, max = limits::ITEMS.1))]
    items: Vec<Label>,
}

/// `- scale: Question`: a row of numbers to circle, 1 to `max`.
#[derive(JsonSchema)]
#[serde(deny_unknown_fields)]
#[allow(dead_code, reason = "a description of accepted YAML, never built")]
struct ScaleField {
    /// The question, e.g. "How confident do I feel?".
    scale: Label,
    /// The highest number: 5 or 10. Default: 5.
    #[serde(default = "default_max")]
    max: ScaleMax,
    /// What 1 means, shown at the low end, e.g. "Not at all". Default: no label.
    #[serde(default)]
    low: OptionalLabel,
    /// What `max` means, shown at the high end, e.g. "Very". Default: no label.
    #[serde(default)]
    high: OptionalLabel,
}

/// `- date: Label`: a date to write down.
#[derive(JsonSchema)]
#[serde(deny_unknown_fields)]
#[allow(dead_code, reason = "a description of accepted YAML, never built")]
struct DateField {
    /// What the date is, e.g. "Date we started".
    date: Label,
}

fn default_lines() -> u32 {
    limits::DEFAULT_LINES
}

fn default_rows() -> u32 {
    limits::DEFAULT_ROWS
}

fn default_max() -> ScaleMax {
    ScaleMax
}

/// A label: any text (a number or `true` is read as text), not empty.
struct Label;

impl JsonSchema for Label {
    fn schema_name() -> Cow<'static, str> {
        "Label".into()
    }
    fn inline_schema() -> bool {
        true
    }
    fn json_schema(_: &mut SchemaGenerator) -> Schema {
        json_schema!({ "type": ["string", "number", "boolean"], "pattern": "\\S" })
    }
}

/// A label that may be left empty.
#[derive(Default)]
struct OptionalLabel;

impl serde::Serialize for OptionalLabel {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_none()
    }
}

impl JsonSchema for OptionalLabel {
    fn schema_name() -> Cow<'static, str> {
        "OptionalLabel".into()
    }
    fn inline_schema() -> bool {
        true
    }
    fn json_schema(_: &mut SchemaGenerator) -> Schema {
        json_schema!({ "type": ["string", "number", "boolean", "null"] })
    }
}

/// The highest number of a scale.
struct ScaleMax;

impl serde::Serialize for ScaleMax {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_u32(5)
    }
}

impl JsonSchema for ScaleMax {
    fn schema_name() -> Cow<'static, str> {
        "ScaleMax".into()
    }
    fn inline_schema() -> bool {
        true
    }
    fn json_schema(_: &mut SchemaGenerator) -> Schema {
        json_schema!({ "type": "integer", "enum": [5, 10] })
    }
}
