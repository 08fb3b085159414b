//! The search index: per language, `<prefix>search-index.js`, made from each page's parsed
//! document (its sections' text, see [`crate::markdown::search_sections`]), never from HTML.
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

mod memo;
mod sections;
mod varint;
mod words;

pub use memo::SearchMemo;
use sections::Sections;

use varint::varints;
use words::Words;

use std::sync::{Arc, Mutex};

use anyhow::Result;
use rayon::prelude::*;

use crate::content::Page;
use crate::diagnostic::Diagnostic;
use crate::markdown::{self, Document, TextSection};
use crate::output::Sink;
use crate::site::Site;

/// Digits that end a number (base 47): printable ASCII without `"` and `\`, first part.
pub const LAST: &str = " !#$%&'()*+,-./0123456789:;<=>?@ABCDEFGHIJKLMNO";
/// Digits that lead a number (base 46): the rest of printable ASCII without `"` and `\`.
pub const MORE: &str = "PQRSTUVWXYZ[]^_`abcdefghijklmnopqrstuvwxyz{|}~";

/// The index being made: pages are added as they are rendered, from any thread.
///
/// Each page's words are numbered as it arrives (one shared word table), so what is kept
/// until the end is a list of numbers per section, not the text of the whole site.
pub struct Indexing<'a> {
    /// Language prefixes ("de/"), the default language's ("") last.
    prefixes: Vec<String>,
    pages: Mutex<Vec<IndexedPage>>,
    words: Arc<Words>,
    /// What the last build indexed (`serve`).
    memo: Option<&'a SearchMemo>,
}

/// A page as the index keeps it.
struct IndexedPage {
    url: String,
    title: String,
    /// (anchor, heading, the section's words as numbers in the word table, each written
    /// as a LEB128 varint: about two bytes a word instead of four)
    sections: Sections,
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
    /// An empty index for the languages of `site`, taking unchanged pages and the word
    /// table from `memo` when there is one.
    pub fn new(site: &Site, memo: Option<&'a SearchMemo>) -> Indexing<'a> {
        let mut prefixes: Vec<String> = site
            .libraries
            .iter()
            .map(|l| site.lang_prefix(&l.lang))
            .collect();
        prefixes.sort_by_key(|p| std::cmp::Reverse(p.len()));
        Indexing {
            prefixes,
            pages: Mutex::new(Vec::new()),
            words: memo.map_or_else(Arc::default, |m| Arc::clone(&m.words)),
            memo,
        }
    }

    /// Writes `<prefix>search-index.js` for every language into `sink`.
    pub fn finish(&self, sink: &dyn Sink) -> Result<Vec<IndexStats>> {
        let pages = std::mem::take(&mut *self.pages.lock().unwrap_or_else(|e| e.into_inner()));
        let table = self.words.lock();
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
            sink.write(&s.path, script.into_bytes())?;
            stats.push(s);
        }
        Ok(stats)
    }

    /// Adds a source's page at `url`: its title, its document's sections and, in the first
    /// section, what the page shows of its front matter (a week's summary and outcomes).
    /// `own` is the page's own hash (what the memo knows it by); `parsed` gives the page's
    /// document, and is not called when the memo has the page.
    pub fn add_page<'d>(
        &self,
        url: String,
        page: &Page,
        own: u64,
        parsed: impl FnOnce() -> Result<&'d Document, Diagnostic>,
    ) -> Result<(), Diagnostic> {
        let key = self.memo.map(|_| own);
        if let (Some(memo), Some(key)) = (self.memo, key)
            && let Some(sections) = memo.get(&url, key)
        {
            memo.keep(&url, key, &sections);
            self.push(url, page.title.clone(), sections);
            return Ok(());
        }
        let mut sections = markdown::search_sections(parsed()?, &page.outline);
        if let Some(week) = &page.week {
            let mut intro: Vec<&str> = vec![&week.summary];
            intro.extend(week.outcomes.iter().map(String::as_str));
            let intro = intro.join(" ");
            match sections.first_mut().filter(|s| s.id.is_empty()) {
                Some(first) => first.text = format!("{intro} {}", first.text),
                None => sections.insert(
                    0,
                    TextSection {
                        text: intro,
                        ..TextSection::default()
                    },
                ),
            }
        }
        let sections = self.number(sections);
        if let (Some(memo), Some(key)) = (self.memo, key) {
            memo.keep(&url, key, &sections);
        }
        self.push(url, page.title.clone(), sections);
        Ok(())
    }

    fn language_of(&self, url: &str) -> &str {
        self.prefixes
            .iter()
            .find(|p| url.starts_with(p.as_str()))
            .map_or("", String::as_str)
    }

    /// Adds a page: its URL relative to the site's root (`de/weeks/01/`), the name results
    /// show, and its sections, whose words are numbered as they arrive.
    pub fn add(&self, url: String, title: String, sections: Vec<TextSection>) {
        let sections = self.number(sections);
        self.push(url, title, sections);
    }

    /// Sections with their words numbered.
    fn number(&self, sections: Vec<TextSection>) -> Sections {
        let numbered: Vec<(&TextSection, Vec<u8>)> = sections
            .iter()
            .map(|s| {
                let mut words = Vec::with_capacity(s.text.len() / 3);
                self.words.number_text(&s.text, &mut words);
                (s, words)
            })
            .collect();
        Sections::pack(
            numbered
                .iter()
                .map(|(s, words)| (s.id.as_str(), s.heading.as_str(), words.as_slice())),
        )
    }

    fn push(&self, url: String, title: String, sections: Sections) {
        self.pages
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .push(IndexedPage {
                url,
                title,
                sections,
            });
    }
}

/// A JSON string, with `<` written as `\u003c` so the text can never close a script element.
fn json_str(s: &str, out: &mut String) {
    // A fold without an early exit: the compiler checks many bytes at once.
    let plain = !s.bytes().fold(false, |found, b| {
        found | (b < 0x20) | (b == b'"') | (b == b'\\') | (b == b'<') | (b == 0x7f)
    });
    if plain {
        out.push('"');
        out.push_str(s);
        out.push('"');
        return;
    }
    let quoted = serde_json::to_string(s).unwrap_or_else(|_| "\"\"".into());
    out.push_str(&quoted.replace('<', "\\u003c"));
}

/// The numbers of the words `pages` use, most frequent first (ties in word order). Word
/// numbers are dense, so counts are a plain vector; each thread counts a share of the
/// pages, then the counts are added up.
fn frequency_order(pages: &[IndexedPage], table: &[String]) -> Vec<u32> {
    let count = |mut counts: Vec<usize>, page: &IndexedPage| {
        for (_, _, words) in page.sections.iter() {
            for w in varints(words) {
                if let Some(c) = counts.get_mut(w as usize) {
                    *c += 1;
                }
            }
        }
        counts
    };
    let counts = pages
        .par_iter()
        .with_min_len(512)
        .fold(|| vec![0usize; table.len()], count)
        .reduce_with(|mut a, b| {
            a.iter_mut().zip(b).for_each(|(x, y)| *x += y);
            a
        })
        .unwrap_or_default();
    let word = |n: u32| table.get(n as usize).map_or("", String::as_str);
    let mut order: Vec<(u32, usize)> = (0u32..)
        .zip(counts)
        .filter(|&(_, count)| count > 0)
        .collect();
    order.sort_unstable_by(|a, b| b.1.cmp(&a.1).then_with(|| word(a.0).cmp(word(b.0))));
    order.into_iter().map(|(w, _)| w).collect()
}

/// The index script of one language's pages (sorted by URL, so builds are reproducible).
/// `table` holds the words the pages' numbers refer to; the script renumbers the words
/// this language uses, most frequent first, so frequent words take one character.
/// The pages are consumed as they are written out, so their words are freed while the
/// script grows.
fn index_script(pages: Vec<IndexedPage>, table: &[String]) -> String {
    let word = |n: u32| table.get(n as usize).map_or("", String::as_str);
    let order = frequency_order(&pages, table);
    let mut renumber = vec![0usize; table.len()];
    for (i, w) in order.iter().enumerate() {
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
    let estimate: usize = pages
        .iter()
        .map(|p| p.sections.bytes() + 24 * p.sections.len())
        .sum();
    let words_size: usize = order.iter().map(|w| word(*w).len() + 3).sum();
    out.reserve(estimate + words_size + 32);
    // Pages are written a chunk at a time, the pages of a chunk on every core, then
    // joined in order: what waits to be copied is one chunk's sections, not the site's.
    let mut first = true;
    let mut pages = pages.into_iter().enumerate();
    loop {
        let chunk: Vec<(usize, IndexedPage)> = pages.by_ref().take(CHUNK).collect();
        if chunk.is_empty() {
            break;
        }
        let written: Vec<String> = chunk
            .into_par_iter()
            .map(|(i, page)| page_sections(i, &page, &renumber))
            .collect();
        for part in written.iter().filter(|p| !p.is_empty()) {
            // The first section of all starts without the comma.
            out.push_str(if first { &part[1..] } else { part });
            first = false;
        }
    }
    out.push_str("],\"words\":[");
    for (i, w) in order.iter().enumerate() {
        if i > 0 {
            out.push(',');
        }
        json_str(word(*w), &mut out);
    }
    out.push_str("]};\n");
    out
}

/// How many pages' sections are written at once (see [`index_script`]).
const CHUNK: usize = 1024;

/// The sections of the page numbered `i`, each as `,[i,"id","heading","words"]`, its words
/// renumbered by `renumber`.
fn page_sections(i: usize, page: &IndexedPage, renumber: &[usize]) -> String {
    // A word takes one or two characters, about what its varint takes in bytes.
    let size = page.sections.bytes() + 24 * page.sections.len();
    let mut out = String::with_capacity(size);
    for (id, heading, words) in page.sections.iter() {
        out.push_str(",[");
        out.push_str(&i.to_string());
        out.push(',');
        json_str(id, &mut out);
        out.push(',');
        json_str(heading, &mut out);
        out.push_str(",\"");
        let start = out.len();
        for w in varints(words) {
            encode(renumber.get(w as usize).copied().unwrap_or(0), &mut out);
        }
        if out[start..].contains('<') {
            let encoded = out.split_off(start).replace('<', "\\u003c");
            out.push_str(&encoded);
        }
        out.push_str("\"]");
    }
    out
}

/// Appends the number `n` in the index's digits (see the module documentation).
pub fn encode(n: usize, out: &mut String) {
    let (last, more) = (LAST.as_bytes(), MORE.as_bytes());
    // Leading digits, least significant first: enough room for any usize in base 46.
    let mut digits = [0u8; 12];
    let mut len = 0;
    let mut lead = n / last.len();
    while lead > 0 && len < digits.len() {
        digits[len] = more[lead % more.len()];
        len += 1;
        lead /= more.len();
    }
    out.extend(digits[..len].iter().rev().map(|&b| b as char));
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
