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

mod codes;
mod memo;
mod script;
mod sections;
mod varint;
mod words;

pub use codes::{LAST, MORE, decode, encode};
pub use memo::SearchMemo;
use sections::{IndexedPage, Packer, Sections};

use words::Words;

use std::sync::{Arc, Mutex};

use anyhow::Result;
use rayon::prelude::*;

use crate::content::Page;
use crate::diagnostic::Diagnostic;
use crate::markdown::{self, Document, TextSection};
use crate::output::Sink;
use crate::site::Site;

/// The index script's file name, after each language's prefix.
pub const SCRIPT_NAME: &str = "search-index.js";

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
        let mut prefixes: Vec<String> = site.lang_prefixes();
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
        self.count().write(sink)
    }

    /// Ends the adding of pages: each language's pages, in URL order, with the count of
    /// every word, ready to be written (now, or after `serve` has shown the pages).
    pub fn count(&self) -> Counted {
        let pages = std::mem::take(&mut *self.pages.lock().unwrap_or_else(|e| e.into_inner()));
        let words = self.words.lock().words.len();
        let mut by_language: Vec<Vec<IndexedPage>> =
            self.prefixes.iter().map(|_| Vec::new()).collect();
        for page in pages {
            if let Some(i) = self.language_index(&page.url) {
                by_language[i].push(page);
            }
        }
        let languages = self
            .prefixes
            .par_iter()
            .zip(by_language)
            .map(|(prefix, mut mine)| {
                // URLs are unique: an unstable sort gives the one order.
                mine.par_sort_unstable_by(|a, b| a.url.cmp(&b.url));
                let counts = self.count_words(prefix, &mine, words);
                if let Some(memo) = self.memo {
                    memo.keep_counts(prefix, counts.clone());
                }
                (prefix.clone(), mine, counts)
            })
            .collect();
        Counted {
            words: Arc::clone(&self.words),
            languages,
            // Nothing numbers words after a build: its table (tens of thousands of words on
            // a large site) is freed while the scripts are written. `serve` keeps it.
            free_table: self.memo.is_none(),
        }
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
            memo.keep(&url, key, &sections, false);
            self.push(url, page.title.clone(), sections);
            return Ok(());
        }
        let sections = self.number_page(parsed()?, page);
        if let (Some(memo), Some(key)) = (self.memo, key) {
            memo.keep(&url, key, &sections, true);
        }
        self.push(url, page.title.clone(), sections);
        Ok(())
    }

    /// How often each word occurs in the pages of the language at `prefix` (`mine`): in
    /// `serve`, the last build's counts updated by the pages that changed since.
    fn count_words(&self, prefix: &str, mine: &[IndexedPage], words: usize) -> Vec<usize> {
        let Some(memo) = self.memo else {
            return script::count_words(mine, words);
        };
        let belongs = |url: &str| self.language_of(url) == prefix;
        let counts = memo.counts_since(prefix, words, belongs);
        // Debug builds (every test) check the counts against a full count.
        if let Some(counts) = &counts {
            debug_assert_eq!(counts, &script::count_words(mine, words), "{prefix}");
        }
        counts.unwrap_or_else(|| script::count_words(mine, words))
    }

    fn language_of(&self, url: &str) -> &str {
        self.language_index(url)
            .and_then(|i| self.prefixes.get(i))
            .map_or("", String::as_str)
    }

    /// Which of `prefixes` is the language of the page at `url`: they are longest first,
    /// so the first that fits.
    fn language_index(&self, url: &str) -> Option<usize> {
        self.prefixes
            .iter()
            .position(|p| url.starts_with(p.as_str()))
    }

    /// Adds a page: its URL relative to the site's root (`de/weeks/01/`), the name results
    /// show, and its sections, whose words are numbered as they arrive.
    pub fn add(&self, url: String, title: String, sections: Vec<TextSection>) {
        let sections = self.number(sections);
        self.push(url, title, sections);
    }

    /// The sections of a page (see [`markdown::for_each_section`]) with their words
    /// numbered as each is made, and, first, what the page shows of its front matter (a
    /// week's summary and outcomes).
    fn number_page(&self, doc: &Document, page: &Page) -> Sections {
        let intro = page.week.as_ref().map(|week| {
            let mut intro: Vec<&str> = vec![&week.summary];
            intro.extend(week.outcomes.iter().map(String::as_str));
            intro.join(" ")
        });
        let mut out = Numbered::new(&self.words);
        let mut intro = intro.as_deref();
        markdown::for_each_section(doc, page.outline(), |id, heading, text| {
            // The intro opens the text before the first heading, or is a section of its own.
            match intro.take() {
                Some(intro) if id.is_empty() => out.push(id, heading, &[intro, text]),
                Some(intro) => {
                    out.push("", "", &[intro]);
                    out.push(id, heading, &[text]);
                }
                None => out.push(id, heading, &[text]),
            }
        });
        if let Some(intro) = intro {
            // A page with no text at all.
            out.push("", "", &[intro]);
        }
        out.finish()
    }

    /// Sections with their words numbered.
    fn number(&self, sections: Vec<TextSection>) -> Sections {
        let mut out = Numbered::new(&self.words);
        for s in &sections {
            out.push(&s.id, &s.heading, &[&s.text]);
        }
        out.finish()
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

/// Sections numbered and packed as they come, their words numbered into one buffer.
struct Numbered<'w> {
    words: &'w Words,
    packer: Packer,
    buf: Vec<u8>,
}

impl<'w> Numbered<'w> {
    fn new(words: &'w Words) -> Numbered<'w> {
        Numbered {
            words,
            packer: Packer::default(),
            buf: Vec::new(),
        }
    }

    /// Adds a section whose text is `texts`, one after the other.
    fn push(&mut self, id: &str, heading: &str, texts: &[&str]) {
        self.buf.clear();
        for text in texts {
            self.words.number_text(text, &mut self.buf);
        }
        self.packer.push(id, heading, &self.buf);
    }

    fn finish(self) -> Sections {
        self.packer.finish()
    }
}

/// An index with every page added and every word counted, to be written (see
/// [`Indexing::count`]).
pub struct Counted {
    words: Arc<Words>,
    /// Each language's prefix, its pages in URL order, and how often each word occurs
    /// in them.
    languages: Vec<(String, Vec<IndexedPage>, Vec<usize>)>,
    free_table: bool,
}

impl std::fmt::Debug for Counted {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Counted")
            .field("paths", &self.paths())
            .finish_non_exhaustive()
    }
}

impl Counted {
    /// The index scripts' paths in the output, one per language.
    pub fn paths(&self) -> Vec<String> {
        self.languages
            .iter()
            .map(|(prefix, _, _)| format!("{prefix}{SCRIPT_NAME}"))
            .collect()
    }

    /// Writes `<prefix>search-index.js` for every language into `sink`.
    pub fn write(self, sink: &dyn Sink) -> Result<Vec<IndexStats>> {
        let mut table = self.words.lock();
        let scripts: Vec<(IndexStats, Vec<u8>)> = self
            .languages
            .into_par_iter()
            .map(|(prefix, mine, counts)| {
                let (count, sections) = (mine.len(), mine.iter().map(|p| p.sections.len()).sum());
                let script = script::index_script(mine, &table.words, &counts);
                let stats = IndexStats {
                    path: format!("{prefix}{SCRIPT_NAME}"),
                    bytes: script.len(),
                    pages: count,
                    sections,
                };
                (stats, script)
            })
            .collect();
        if self.free_table {
            crate::free::drop_meanwhile(std::mem::take(&mut *table));
        }
        let mut stats = Vec::new();
        for (s, script) in scripts {
            sink.write(&s.path, script)?;
            stats.push(s);
        }
        Ok(stats)
    }
}

#[cfg(test)]
mod tests;
