//! JSON Schemas of `book.toml`, front matter and worksheet fields, derived from the types
//! that parse them, so editors, the manual and the parser never drift apart.
//!
//! The schemas are written for the editors that use them: JSON Schema draft 7 with every
//! sub-schema inlined (Taplo, the TOML language server, reads draft 4 and ignores every
//! word beside a `$ref`, descriptions included), and choices as `enum` with their
//! documentation in Taplo's `x-taplo` extension rather than as `oneOf` of `const`s.

mod json;
mod markdown;
#[cfg(test)]
mod worksheet_tests;

pub use json::{SchemaName, schema};
pub use markdown::markdown;

pub use crate::config::aliases;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn choices_become_an_enum_with_their_aliases() {
        let book = schema(SchemaName::Book);
        let paper = &book["properties"]["print"]["properties"]["paper"];
        assert_eq!(
            paper["enum"],
            serde_json::json!(["a4", "us-letter", "letter"]),
            "{paper:#}"
        );
        let links = &book["properties"]["check"]["properties"]["links"];
        assert_eq!(
            links["enum"],
            serde_json::json!(["error", "warn", "warning"])
        );
        assert_eq!(links["default"], "error");
    }

    #[test]
    fn names_round_trip() {
        for s in SchemaName::ALL {
            assert_eq!(SchemaName::from_name(s.name()), Some(s));
        }
        assert_eq!(SchemaName::from_name("books"), None);
    }
}
