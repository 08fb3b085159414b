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
mod varint;

use varint::{push_varint, varints};

use std::path::Path;
use std::sync::Mutex;

use anyhow::Result;
use rayon::prelude::*;
use rustc_hash::FxHashMap;

use crate::output::Sink;
use crate::site::Site;
use extract::PageText;

/// Digits that end a number (base 47): printable ASCII without `"` and `\`, first part.
pub const LAST: &str = " !#$%&'()*+,-./0123456789:;<=>?@ABCDEFGHIJKLMNO";
/// Digits that lead a number (base 46): the rest of printable ASCII without `"` and `\`.
pub const MORE: &str = "PQRSTUVWXYZ[]^_`abcdefghijklmnopqrstuvwxyz{|}~";

/// A [`Sink`] that passes every file on and reads each HTML page back for the index.
///
/// Each page's words are numbered as it arrives (one shared word table), so what is kept
/// until the end is a list of numbers per section, not the text of the whole site.
pub struct Indexing<'a> {
    inner: &'a dyn Sink,
    /// Language prefixes ("de/"), the default language's ("") last.
    prefixes: Vec<String>,
    pages: Mutex<Vec<IndexedPage>>,
    words: Mutex<WordTable>,
}

/// A page as the index keeps it.
struct IndexedPage {
    url: String,
    title: String,
    /// (anchor, heading, the section's words as numbers in the word table, each written
    /// as a LEB128 varint: about two bytes a word instead of four)
    sections: Vec<(String, String, Vec<u8>)>,
}

/// Every distinct word met so far, numbered densely in the order they were first seen.
#[derive(Default)]
struct WordTable {
    numbers: FxHashMap<String, u32>,
    words: Vec<String>,
}

impl WordTable {
    fn number(&mut self, word: &str) -> u32 {
        if let Some(&n) = self.numbers.get(word) {
            return n;
        }
        let n = u32::try_from(self.words.len()).unwrap_or(u32::MAX);
        self.numbers.insert(word.to_string(), n);
        self.words.push(word.to_string());
        n
    }
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
            words: Mutex::new(WordTable::default()),
        }
    }

    /// Writes `<prefix>search-index.js` for every language.
    pub fn finish(&self) -> Result<Vec<IndexStats>> {
        let pages = std::mem::take(&mut *self.pages.lock().unwrap_or_else(|e| e.into_inner()));
        let table = std::mem::take(&mut *self.words.lock().unwrap_or_else(|e| e.into_inner()));
        let mut by_language: Vec<Vec<IndexedPage>> =
            self.prefixes.iter().map(|_| Vec::new()).collect();
        for page in pages {
            let lang = self.language_of(&page.url);
            if let Some(i) = self.prefixes.iter().position(|p| p == lang) {
                by_language[i].push(page);
            }
        }
        let scripts: Vec<(IndexStats, String)> = self
            .prefixes
            .par_iter()
            .zip(by_language)
            .map(|(prefix, mut mine)| {
                mine.sort_by(|a, b| a.url.cmp(&b.url));
                let (count, sections) = (mine.len(), mine.iter().map(|p| p.sections.len()).sum());
                let script = index_script(mine, &table.words);
                let stats = IndexStats {
                    path: format!("{prefix}search-index.js"),
                    bytes: script.len(),
                    pages: count,
                    sections,
                };
                (stats, script)
            })
            .collect();
        let mut stats = Vec::new();
        for (s, script) in scripts {
            self.inner.write(&s.path, script.into_bytes())?;
            stats.push(s);
        }
        Ok(stats)
    }

    fn language_of(&self, url: &str) -> &str {
        self.prefixes
            .iter()
            .find(|p| url.starts_with(p.as_str()))
            .map_or("", String::as_str)
    }

    /// Numbers the words of a page's sections and keeps it. The page's distinct words are
    /// found first, without a lock; only they are looked up in the shared table, under one
    /// short lock per page.
    fn keep(&self, url: String, page: PageText) {
        let mut local: FxHashMap<&str, u32> = FxHashMap::default();
        let mut distinct: Vec<&str> = Vec::new();
        let numbered: Vec<Vec<u32>> = page
            .sections
            .iter()
            .map(|s| {
                s.text
                    .split_whitespace()
                    .map(|w| {
                        *local.entry(w).or_insert_with(|| {
                            distinct.push(w);
                            u32::try_from(distinct.len() - 1).unwrap_or(u32::MAX)
                        })
                    })
                    .collect()
            })
            .collect();
        let shared: Vec<u32> = {
            let mut table = self.words.lock().unwrap_or_else(|e| e.into_inner());
            distinct.iter().map(|w| table.number(w)).collect()
        };
        let sections = page
            .sections
            .iter()
            .zip(numbered)
            .map(|(s, local_words)| {
                let mut words = Vec::with_capacity(local_words.len() * 2);
                for n in local_words {
                    push_varint(shared[n as usize], &mut words);
                }
                words.shrink_to_fit();
                (s.id.clone(), s.heading.clone(), words)
            })
            .collect();
        self.pages
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .push(IndexedPage {
                url,
                title: page.title,
                sections,
            });
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
            self.keep(url, page);
        }
        self.inner.write(path, bytes)
    }

    fn copy(&self, path: &str, from: &Path) -> Result<()> {
        self.inner.copy(path, from)
    }

    fn previous(&self, path: &str) -> Option<Vec<u8>> {
        self.inner.previous(path)
    }
}

/// A JSON string, with `<` written as `\u003c` so the text can never close a script element.
fn json_str(s: &str, out: &mut String) {
    let quoted = serde_json::to_string(s).unwrap_or_else(|_| "\"\"".into());
    out.push_str(&quoted.replace('<', "\\u003c"));
}

/// The index script of one language's pages (sorted by URL, so builds are reproducible).
/// `table` holds the words the pages' numbers refer to; the script renumbers the words
/// this language uses, most frequent first, so frequent words take one character.
/// The pages are consumed as they are written out, so their words are freed while the
/// script grows.
fn index_script(pages: Vec<IndexedPage>, table: &[String]) -> String {
    // Word numbers are dense, so counts and the new numbers are plain vectors.
    let mut counts = vec![0usize; table.len()];
    for page in &pages {
        for (_, _, words) in &page.sections {
            for w in varints(words) {
                if let Some(c) = counts.get_mut(w as usize) {
                    *c += 1;
                }
            }
        }
    }
    let word = |n: u32| table.get(n as usize).map_or("", String::as_str);
    let mut order: Vec<(u32, usize)> = (0u32..)
        .zip(counts)
        .filter(|&(_, count)| count > 0)
        .collect();
    order.sort_unstable_by(|a, b| b.1.cmp(&a.1).then_with(|| word(a.0).cmp(word(b.0))));
    let mut renumber = vec![0usize; table.len()];
    for (i, (w, _)) in order.iter().enumerate() {
        renumber[*w as usize] = i;
    }

    let mut out = String::from("window.circlekitSearch = {\"v\":1,\"pages\":[");
    for (i, page) in pages.iter().enumerate() {
        out.push_str(if i == 0 { "[" } else { ",[" });
        json_str(&page.url, &mut out);
        out.push(',');
        json_str(&page.title, &mut out);
        out.push(']');
    }
    out.push_str("],\"sections\":[");
    let mut first = true;
    for (i, page) in pages.into_iter().enumerate() {
        for (id, heading, words) in page.sections {
            out.push_str(if first { "[" } else { ",[" });
            first = false;
            out.push_str(&i.to_string());
            out.push(',');
            json_str(&id, &mut out);
            out.push(',');
            json_str(&heading, &mut out);
            let mut encoded = String::with_capacity(words.len());
            for w in varints(&words) {
                encode(renumber.get(w as usize).copied().unwrap_or(0), &mut encoded);
            }
            out.push_str(",\"");
            out.push_str(&encoded.replace('<', "\\u003c"));
            out.push_str("\"]");
        }
    }
    out.push_str("],\"words\":[");
    for (i, (w, _)) in order.iter().enumerate() {
        if i > 0 {
            out.push(',');
        }
        json_str(word(*w), &mut out);
    }
    out.push_str("]};\n");
    out
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
mod tests;
