//! The search index: per language, `<prefix>search-index.js`, made from the rendered pages.
//!
//! It is a script (`window.circlekitSearch = {…}`) rather than JSON so that the theme's
//! search can load it with a `<script>` element, which also works when the site is opened
//! from disk (`file://`), where `fetch` does not. The format keeps it small:
//!
//! ```text
//! { "v": 1,
//!   "pages":    [[url, title], …],                  url relative to the site root
//!   "sections": [[page, anchor, heading, words], …], words: the section's text, encoded
//!   "words":    ["the", "you", "goal,", …] }        every distinct word, most frequent first
//! ```
//!
//! A section's text is its whitespace-separated words (punctuation stays attached), each
//! written as its number in `words`. A number is written in base 46 with the characters of
//! [`MORE`] followed by one last digit in base 47 from [`LAST`], so frequent words take one
//! character and no separators are needed. Tokenising (folding case and accents, character
//! bigrams for Chinese, Japanese and Korean) happens in the browser, in `theme/search.js`, so
//! that the rules live in one place.

pub mod extract;

use std::collections::HashMap;
use std::path::Path;
use std::sync::Mutex;

use anyhow::Result;

use super::Sink;
use crate::site::Site;
use extract::PageText;

/// Digits that end a number (base 47): printable ASCII without `"` and `\`, first part.
pub const LAST: &str = " !#$%&'()*+,-./0123456789:;<=>?@ABCDEFGHIJKLMNO";
/// Digits that lead a number (base 46): the rest of printable ASCII without `"` and `\`.
pub const MORE: &str = "PQRSTUVWXYZ[]^_`abcdefghijklmnopqrstuvwxyz{|}~";

/// A [`Sink`] that passes every file on and reads each HTML page back for the index.
pub struct Indexing<'a> {
    inner: &'a dyn Sink,
    /// Language prefixes ("de/"), the default language's ("") last.
    prefixes: Vec<String>,
    pages: Mutex<Vec<(String, PageText)>>,
}

/// What one language's index holds, for the build summary and tests.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct IndexStats {
    /// The index file's path in the output.
    pub path: String,
    /// Its size in bytes.
    pub bytes: usize,
    /// Pages indexed.
    pub pages: usize,
    /// Sections indexed.
    pub sections: usize,
}

impl<'a> Indexing<'a> {
    /// Wraps `inner`, sorting pages into the languages of `site`.
    pub fn new(inner: &'a dyn Sink, site: &Site) -> Indexing<'a> {
        let mut prefixes: Vec<String> = site
            .libraries
            .iter()
            .map(|l| site.lang_prefix(&l.lang))
            .collect();
        prefixes.sort_by_key(|p| std::cmp::Reverse(p.len()));
        Indexing {
            inner,
            prefixes,
            pages: Mutex::new(Vec::new()),
        }
    }

    /// Writes `<prefix>search-index.js` for every language.
    pub fn finish(&self) -> Result<Vec<IndexStats>> {
        let mut pages = std::mem::take(&mut *self.pages.lock().unwrap_or_else(|e| e.into_inner()));
        pages.sort_by(|a, b| a.0.cmp(&b.0));
        let mut stats = Vec::new();
        for prefix in &self.prefixes {
            let mine: Vec<&(String, PageText)> = pages
                .iter()
                .filter(|(url, _)| self.language_of(url) == prefix.as_str())
                .collect();
            let script = index_script(&mine);
            let path = format!("{prefix}search-index.js");
            stats.push(IndexStats {
                path: path.clone(),
                bytes: script.len(),
                pages: mine.len(),
                sections: mine.iter().map(|(_, p)| p.sections.len()).sum(),
            });
            self.inner.write(&path, script.into_bytes())?;
        }
        Ok(stats)
    }

    fn language_of(&self, url: &str) -> &str {
        self.prefixes
            .iter()
            .find(|p| url.starts_with(p.as_str()))
            .map_or("", String::as_str)
    }
}

impl Sink for Indexing<'_> {
    fn write(&self, path: &str, bytes: Vec<u8>) -> Result<()> {
        if path.ends_with(".html")
            && let Some(page) = std::str::from_utf8(&bytes)
                .ok()
                .and_then(extract::page_text)
        {
            let url = path.strip_suffix("index.html").unwrap_or(path).to_string();
            self.pages
                .lock()
                .unwrap_or_else(|e| e.into_inner())
                .push((url, page));
        }
        self.inner.write(path, bytes)
    }

    fn copy(&self, path: &str, from: &Path) -> Result<()> {
        self.inner.copy(path, from)
    }
}

/// The index script of one language's pages (sorted by URL, so builds are reproducible).
fn index_script(pages: &[&(String, PageText)]) -> String {
    let mut counts: HashMap<&str, usize> = HashMap::new();
    for (_, page) in pages {
        for s in &page.sections {
            for w in s.text.split_whitespace() {
                *counts.entry(w).or_default() += 1;
            }
        }
    }
    let mut words: Vec<(&str, usize)> = counts.into_iter().collect();
    words.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(b.0)));
    let number: HashMap<&str, usize> = words
        .iter()
        .enumerate()
        .map(|(i, (w, _))| (*w, i))
        .collect();
    let mut sections = Vec::new();
    for (i, (_, page)) in pages.iter().enumerate() {
        for s in &page.sections {
            let mut encoded = String::new();
            for w in s.text.split_whitespace() {
                encode(number[w], &mut encoded);
            }
            sections.push(serde_json::json!([i, s.id, s.heading, encoded]));
        }
    }
    let index = serde_json::json!({
        "v": 1,
        "pages": pages.iter().map(|(url, p)| serde_json::json!([url, p.title])).collect::<Vec<_>>(),
        "sections": sections,
        "words": words.iter().map(|(w, _)| *w).collect::<Vec<_>>(),
    });
    // `<` written as \u003c: the text can never close a script element it is inlined into.
    let json = index.to_string().replace('<', "\\u003c");
    format!("window.circlekitSearch = {json};\n")
}

/// Appends the number `n` in the index's digits (see the module documentation).
pub fn encode(n: usize, out: &mut String) {
    let (last, more) = (LAST.as_bytes(), MORE.as_bytes());
    let mut lead = n / last.len();
    let mut digits = Vec::new();
    while lead > 0 {
        digits.push(more[lead % more.len()]);
        lead /= more.len();
    }
    out.extend(digits.iter().rev().map(|&b| b as char));
    out.push(last[n % last.len()] as char);
}

/// Reads numbers written by [`encode`] (what `theme/search.js` does in the browser).
pub fn decode(s: &str) -> Vec<usize> {
    let mut out = Vec::new();
    let mut lead = 0;
    for c in s.chars() {
        if let Some(d) = MORE.find(c) {
            lead = lead * MORE.len() + d;
        } else if let Some(d) = LAST.find(c) {
            out.push(lead * LAST.len() + d);
            lead = 0;
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use extract::Section;

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
        let page = PageText {
            title: "Week <1>".into(),
            sections: vec![Section {
                id: "goal".into(),
                heading: "Your goal".into(),
                text: "the goal, the résumé".into(),
            }],
        };
        let pages = [("weeks/01/".to_string(), page)];
        let refs: Vec<_> = pages.iter().collect();
        let script = index_script(&refs);
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
}
