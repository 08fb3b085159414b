//! The fast path against the YAML parser: wherever it reads front matter, it reads what
//! the parser reads.

use super::read;
use crate::content::model::{PageMeta, WeekMeta};

/// The parser's reading of `yaml` as `T`, as JSON (or `None` when it refuses it).
fn parsed<T: serde::de::DeserializeOwned + serde::Serialize>(yaml: &str) -> Option<String> {
    let value: T = serde_yaml::from_str(yaml).ok()?;
    serde_json::to_string(&value).ok()
}

/// Asserts that the fast path reads `yaml` as the parser does, or leaves it to the parser;
/// returns whether it read it.
fn agrees<T: serde::de::DeserializeOwned + serde::Serialize>(yaml: &str) -> bool {
    let Some(fast) = read::<T>(yaml) else {
        return false;
    };
    let fast = serde_json::to_string(&fast).expect("a meta serialises");
    assert_eq!(Some(fast), parsed::<T>(yaml), "front matter:\n{yaml}");
    true
}

#[test]
fn the_usual_front_matter_is_read_by_the_fast_path() {
    let page = "title: \"Week 6: Self-Compassion\"\ndescription: 'Rarely brave.'\nweight: 6\n";
    assert!(agrees::<PageMeta>(page));
    let page = "# a comment\r\ntitle: Über uns  \r\n\r\ndraft: true\r\nsource-rev: 3f2a9c1\r\n";
    assert!(agrees::<PageMeta>(page));
    let week = "week: 3\ntitle: Naming what hurts\nsummary: \"A: b\"\nminutes: 90\n";
    assert!(agrees::<WeekMeta>(week));
    let read = read::<WeekMeta>(week).expect("read");
    assert_eq!(
        (read.week, read.minutes, read.summary.as_str()),
        (3, Some(90), "A: b")
    );
}

#[test]
fn front_matter_the_fast_path_cannot_read_exactly_is_left_to_the_parser() {
    for yaml in [
        "title: a: b\n",             // a mapping value inside a plain scalar
        "title: Week #3\n",          // a comment, or not
        "title: \"a \\\"b\\\"\"\n",  // escapes
        "title: 'it''s'\n",          // a doubled quote
        "title: \"a\" # note\n",     // a comment after a quoted value
        "title:\n",                  // no value
        "title: ~\n",                // null
        "title: >\n  folded\n",      // a block scalar
        "title: \"two\n  lines\"\n", // a quoted value over two lines
        "weight: 0x10\n",            // a number the parser reads in other bases
        "weight: 007\n",
        "weight: +5\n",
        "weight: \"6\"\n", // a quoted number
        "draft: yes\n",
        "title: a\tb\n", // a tab
        "title: a\rb\n", // a line break of YAML only
        "title: a\u{2028}b\n",
        "Title: A\n", // not a key of the page
        "colour: red\n",
        "title: A\ntitle: B\n", // twice
        "  title: A\n",         // indented
        "title : A\n",
        "# only a comment\n",
        "",
    ] {
        assert!(!agrees::<PageMeta>(yaml), "read by the fast path: {yaml:?}");
    }
}

/// Every combination of a few keys and many values: the fast path reads the same as the
/// parser wherever it reads at all, and reads most of the plain ones.
#[test]
fn the_fast_path_reads_what_the_parser_reads() {
    let values = [
        "A",
        "6",
        "-6",
        "0",
        "-0",
        "true",
        "True",
        "FALSE",
        "null",
        "NULL",
        "~",
        "yes",
        "1e3",
        ".5",
        "inf",
        "\"6\"",
        "'true'",
        "\"null\"",
        "\"\"",
        "''",
        "\" padded \"",
        "Week 6 - a",
        "a,b [c] {d}",
        "it's",
        "a  b",
        "x*y&z!",
        "9223372036854775807",
        "9223372036854775808",
        "4294967295",
        "4294967296",
        "-1",
        "Wöche",
        "週 6",
        "ثلاثة",
        "😀 fine",
        "\"a'b\"",
        "'a\"b'",
        "\"C:\\\\x\"",
        "a\u{a0}b",
        "\u{feff}a",
        "b\u{85}c",
        "-",
        "-a",
        "00",
        "+0",
    ];
    let page_keys = [
        "title",
        "description",
        "weight",
        "draft",
        "source-rev",
        "other",
    ];
    let week_keys = ["week", "title", "summary", "minutes", "draft", "source-rev"];
    let (mut read_page, mut read_week) = (0, 0);
    for value in values {
        for (i, key) in page_keys.iter().enumerate() {
            let other = page_keys[(i + 1) % page_keys.len()];
            for end in ["\n", "\r\n", "   \n"] {
                let yaml = format!("{key}: {value}{end}{other}: {value}\n");
                read_page += usize::from(agrees::<PageMeta>(&yaml));
            }
        }
        for key in week_keys {
            let yaml = format!("week: 2\ntitle: T\n{key}: {value}\n");
            read_week += usize::from(agrees::<WeekMeta>(&yaml));
        }
    }
    assert!(read_page > 100 && read_week > 60, "{read_page} {read_week}");
}
