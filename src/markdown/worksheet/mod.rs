//! Worksheets: a ```` ```worksheet ```` block holding a YAML list of fields, fillable on the
//! web and blank lines, boxes and tables in print.

mod de;
pub(crate) mod html;
pub mod limits;
mod model;
mod schema;
mod seeds;

pub use model::{Field, Worksheet};
pub use schema::WorksheetFields;

/// A problem in worksheet YAML at a 1-based line and column of the YAML.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct YamlError {
    /// Line within the YAML, from 1.
    pub line: usize,
    /// Column (characters) within that line, from 1.
    pub column: usize,
    /// What is wrong.
    pub message: String,
}

/// What to do about any worksheet problem.
pub(crate) const HELP: &str = "a worksheet is a YAML list of fields: `- text: Label` (`lines: 3`), \
`- table: Label` (`columns: [A, B]`, `rows: 5`), `- checklist: Label` (`items: [A, B]`), \
`- scale: Label` (`max: 5`, `low: …`, `high: …`) or `- date: Label`";

/// Reads a worksheet's YAML.
pub(crate) fn parse_fields(yaml: &str) -> Result<Vec<Field>, YamlError> {
    match serde_yaml::from_str::<de::Fields>(yaml) {
        Ok(de::Fields(fields)) if fields.is_empty() => Err(YamlError {
            line: 1,
            column: 1,
            message: "this worksheet has no fields".into(),
        }),
        Ok(de::Fields(fields)) => Ok(fields),
        Err(e) => {
            let (line, column) = e.location().map_or((1, 1), |l| (l.line(), l.column()));
            Err(YamlError {
                line: line.max(1),
                column: column.max(1),
                message: clean_message(&e.to_string()),
            })
        }
    }
}

/// serde_yaml's message without the location suffix and the `.[1].key:` path prefix.
fn clean_message(full: &str) -> String {
    let message = full.rsplit_once(" at line ").map_or(full, |(m, _)| m);
    let message = match message.split_once(": ") {
        Some((path, rest))
            if (path.starts_with('.') || path.starts_with('[')) && !path.contains(' ') =>
        {
            rest
        }
        _ => message,
    };
    format!("worksheet: {message}")
}

#[cfg(test)]
mod tests {
    use super::*;

    const EXAMPLE: &str = "- text: My goal in one sentence\n  lines: 2\n- table: People related to my goal\n  columns: [Name, How they relate, First contribution]\n  rows: 10\n- checklist: Before the next meeting\n  items: [Share my goal with one person, Add three names]\n- scale: How confident do I feel?\n  max: 5\n- date: Date we started\n";

    #[test]
    fn reads_every_field_type() {
        let fields = parse_fields(EXAMPLE).unwrap_or_default();
        assert_eq!(fields.len(), 5);
        assert_eq!(
            fields[0],
            Field::Text {
                label: "My goal in one sentence".into(),
                lines: 2
            }
        );
        assert!(matches!(&fields[1], Field::Table { columns, rows: 10, .. } if columns.len() == 3));
        assert!(matches!(&fields[2], Field::Checklist { items, .. } if items.len() == 2));
        assert!(matches!(
            &fields[3],
            Field::Scale {
                max: 5,
                low: None,
                ..
            }
        ));
        assert!(matches!(&fields[4], Field::Date { .. }));
    }

    #[test]
    fn defaults_lines_and_rows_and_accepts_optional_labels() {
        let fields = parse_fields(
            "- text: A\n- table:\n  columns: [X]\n- checklist:\n  items:\n    - one\n    - 2\n",
        )
        .unwrap_or_default();
        assert_eq!(
            fields[0],
            Field::Text {
                label: "A".into(),
                lines: 3
            }
        );
        assert!(matches!(
            &fields[1],
            Field::Table {
                label: None,
                rows: 5,
                ..
            }
        ));
        assert!(matches!(&fields[2], Field::Checklist { items, .. } if items[1] == "2"));
    }

    fn err(yaml: &str) -> YamlError {
        match parse_fields(yaml) {
            Err(e) => e,
            Ok(f) => panic!("expected an error for {yaml:?}, got {f:?}"),
        }
    }

    #[test]
    fn points_at_the_line_of_the_problem() {
        let e = err("- text: A\n  lines: 2\n- text: B\n  colour: red\n");
        assert_eq!(e.line, 4, "{e:?}");
        assert!(e.message.contains("unknown key `colour`"), "{e:?}");
        let e = err("- text: A\n- scale: B\n  max: 7\n");
        assert_eq!((e.line, e.message.contains("5 or 10")), (3, true), "{e:?}");
        let e = err("- text: A\n- table: T\n  rows: 3\n");
        assert_eq!(e.line, 2, "{e:?}");
        assert!(e.message.contains("needs `columns`"), "{e:?}");
        let e = err("- text: A\n  lines: many\n");
        assert_eq!(e.line, 2, "{e:?}");
        let e = err("- text: A\n- text: B\n  items: [x]\n");
        assert_eq!(e.line, 3, "{e:?}");
        assert!(e.message.contains("belongs to `checklist`"), "{e:?}");
        let e = err("- photo: A\n");
        assert!(e.message.contains("unknown key `photo`"), "{e:?}");
        let e = err("- text: A\n  text: B\n");
        assert_eq!(e.line, 2, "{e:?}");
        let e = err("- text: A\n  lines: 2\n - bad indent\n");
        assert!(e.line >= 2, "{e:?}");
        assert!(!e.message.contains(" at line "), "{e:?}");
    }

    #[test]
    fn rejects_shapes_that_are_not_a_list_of_fields() {
        assert!(err("text: A\n").message.contains("list of fields"));
        assert!(err("- just words\n").message.contains("field such as"));
        let e = err("");
        assert!(e.message.contains("no fields"), "{e:?}");
        assert!(err("- date:\n").message.contains("needs a label"));
        assert!(
            err("- table: T\n  columns: []\n")
                .message
                .contains("1 to 16")
        );
        assert!(err("- text: A\n  lines: 0\n").message.contains("1 to 30"));
        assert!(err("- text: A\n  lines: -2\n").message.contains("1 to 30"));
    }
}
