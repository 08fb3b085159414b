//! The index format: digits, varints, numbers and a whole script read back.

use super::*;
use crate::output::MemorySink;
use varint::{push_varint, varints};

#[test]
fn digits_are_printable_ascii_without_quote_or_backslash() {
    let all: String = [LAST, MORE].concat();
    assert_eq!(all.len(), 93);
    assert!(
        all.chars()
            .all(|c| (' '..='~').contains(&c) && c != '"' && c != '\\')
    );
    let mut seen: Vec<char> = all.chars().collect();
    seen.sort_unstable();
    seen.dedup();
    assert_eq!(seen.len(), 93, "no digit twice");
}

#[test]
fn varints_round_trip() {
    let numbers = [0, 1, 127, 128, 300, 16_383, 16_384, u32::MAX];
    let mut bytes = Vec::new();
    for n in numbers {
        push_varint(n, &mut bytes);
    }
    assert_eq!(varints(&bytes).collect::<Vec<_>>(), numbers);
    assert_eq!(bytes[..2], [0, 1], "small numbers take one byte");
}

#[test]
fn numbers_round_trip() {
    let numbers = [0, 1, 46, 47, 48, 2161, 2162, 99_999, 5_000_000];
    let mut s = String::new();
    for n in numbers {
        encode(n, &mut s);
    }
    assert_eq!(decode(&s), numbers);
    let mut one = String::new();
    encode(46, &mut one);
    assert_eq!(
        one.len(),
        1,
        "the 47 most frequent words take one character"
    );
}

#[test]
fn index_holds_every_word_of_every_section() {
    let index = Indexing {
        prefixes: vec!["de/".into(), String::new()],
        pages: Mutex::default(),
        words: Arc::default(),
        memo: None,
    };
    let section = |id: &str, heading: &str, text: &str| TextSection {
        id: id.into(),
        heading: heading.into(),
        text: text.into(),
    };
    index.add(
        "weeks/01/".into(),
        "Week <1>".into(),
        vec![section("goal", "Your goal", "the goal,\n the  résumé")],
    );
    index.add(
        "de/weeks/01/".into(),
        "Woche 1".into(),
        vec![section("", "", "das Ziel")],
    );
    let sink = MemorySink::default();
    let stats = index.finish(&sink).expect("written");
    assert_eq!(stats.len(), 2, "one index per language");
    let files = sink.into_files();
    assert!(String::from_utf8_lossy(&files["de/search-index.js"]).contains("Ziel"));
    let script = String::from_utf8(files["search-index.js"].clone()).expect("UTF-8");
    assert!(
        !script.contains("Ziel"),
        "German words stay in the German index"
    );
    let json = script
        .strip_prefix("window.circlekitSearch = ")
        .and_then(|s| s.strip_suffix(";\n"))
        .expect("a script");
    assert!(!json.contains('<'), "{json}");
    let v: serde_json::Value = serde_json::from_str(json).expect("JSON");
    assert_eq!(v["pages"][0], serde_json::json!(["weeks/01/", "Week <1>"]));
    assert_eq!(v["words"][0], "the");
    let words: Vec<&str> = v["words"]
        .as_array()
        .expect("words")
        .iter()
        .map(|w| w.as_str().expect("a word"))
        .collect();
    let text: Vec<&str> = decode(v["sections"][0][3].as_str().expect("encoded"))
        .into_iter()
        .map(|i| words[i])
        .collect();
    assert_eq!(text.join(" "), "the goal, the résumé");
}

/// Adds a page as `add_page` does in `serve`: its sections from the memo when it knows the
/// page by `key`, kept for the next build either way.
fn add_kept(index: &Indexing<'_>, url: &str, key: u64, text: &str) {
    let memo = index.memo.expect("a memo");
    let known = memo.get(url, key);
    let fresh = known.is_none();
    let sections = known.unwrap_or_else(|| {
        index.number(vec![TextSection {
            text: text.into(),
            ..TextSection::default()
        }])
    });
    memo.keep(url, key, &sections, fresh);
    index.push(url.into(), url.into(), sections);
}

/// The index scripts of `pages` (URL, key, text), built with `memo`, or fresh without.
fn scripts(pages: &[(&str, u64, &str)], memo: Option<&SearchMemo>) -> Vec<(String, Vec<u8>)> {
    let index = Indexing {
        prefixes: vec!["de/".into(), String::new()],
        pages: Mutex::default(),
        words: memo.map_or_else(Arc::default, |m| Arc::clone(&m.words)),
        memo,
    };
    for &(url, key, text) in pages {
        match memo {
            Some(_) => add_kept(&index, url, key, text),
            None => index.add(
                url.into(),
                url.into(),
                vec![TextSection {
                    text: text.into(),
                    ..TextSection::default()
                }],
            ),
        }
    }
    let sink = MemorySink::default();
    index.finish(&sink).expect("written");
    if let Some(memo) = memo {
        memo.finish();
    }
    sink.into_files().into_iter().collect()
}

#[test]
fn serve_counts_again_only_the_pages_that_changed_and_writes_what_a_fresh_build_does() {
    let memo = SearchMemo::default();
    let builds: [&[(&str, u64, &str)]; 5] = [
        &[
            ("a/", 1, "one two two"),
            ("b/", 1, "three"),
            ("de/a/", 1, "eins"),
        ],
        // b changes (its words move up the list), c is new, de/ is untouched.
        &[
            ("a/", 1, "one two two"),
            ("b/", 2, "three three three one"),
            ("c/", 1, "four"),
            ("de/a/", 1, "eins"),
        ],
        // a is gone: its words count no more ("two" is gone from the list).
        &[
            ("b/", 2, "three three three one"),
            ("c/", 1, "four"),
            ("de/a/", 2, "zwei"),
        ],
        // As many pages as before, but c is gone and d is new.
        &[
            ("b/", 2, "three three three one"),
            ("d/", 1, "five five"),
            ("de/a/", 2, "zwei"),
        ],
        &[],
    ];
    for (i, pages) in builds.iter().enumerate() {
        let served = scripts(pages, Some(&memo));
        assert_eq!(served, scripts(pages, None), "build {i}");
        if i > 0 {
            assert!(
                memo.counts_since("", 10, |url| !url.starts_with("de/"))
                    .is_some(),
                "build {i} kept its counts for the next"
            );
        }
    }
    let third = scripts(builds[2], None);
    let english = String::from_utf8_lossy(&third[1].1).into_owned();
    assert!(english.contains("\"three\",\"four\",\"one\""), "{english}");
    assert!(!english.contains("two"), "{english}");
}
