//! The worksheet schema describes what the worksheet parser (hand-written, not serde)
//! accepts: both judge the same YAML alike.

use super::json::{SchemaName, schema};
use crate::markdown::worksheet::parse_fields;

/// YAML that the parser and the schema must judge alike.
const CASES: &[&str] = &[
    "- text: A\n",
    "- text: A\n  lines: 30\n",
    "- text: A\n  lines: 31\n",
    "- text: A\n  lines: 0\n",
    "- text:\n",
    "- text: '  '\n",
    "- text: 2026\n",
    "- text: A\n  rows: 2\n",
    "- table:\n  columns: [A]\n",
    "- table: T\n  columns: []\n",
    "- table: T\n  columns: [A, '']\n",
    "- table: T\n  rows: 3\n",
    "- table: T\n  columns: [A, B]\n  rows: 100\n",
    "- table: T\n  columns: [A]\n  rows: 101\n",
    "- checklist:\n  items: [a, 2, true]\n",
    "- checklist: C\n",
    "- scale: S\n  max: 10\n  low: no\n  high: yes\n",
    "- scale: S\n  max: 7\n",
    "- date: D\n",
    "- date: D\n  lines: 2\n",
    "- photo: P\n",
    "- text: A\n  table: B\n  columns: [x]\n",
    "text: A\n",
    "[]\n",
    "- just words\n",
];

#[test]
fn the_schema_accepts_what_the_parser_accepts() {
    let validator =
        jsonschema::validator_for(&schema(SchemaName::Worksheet)).expect("a valid schema");
    for yaml in CASES {
        let parsed = parse_fields(yaml).is_ok();
        let value: serde_json::Value = serde_yaml::from_str(yaml).expect("YAML");
        assert_eq!(
            validator.is_valid(&value),
            parsed,
            "parser and schema disagree on {yaml:?}"
        );
    }
}
