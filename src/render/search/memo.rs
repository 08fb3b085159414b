//! What `serve` keeps of the search index between builds: one word table for the whole
//! session, each page's numbered sections keyed by a hash of the page, so a page that
//! did not change is neither parsed nor tokenised again, and each language's word counts,
//! so only the pages that changed are counted again.

use std::collections::HashMap;
use std::sync::{Arc, Mutex};

use super::words::Words;

use super::script::tally;
use super::sections::Sections;

/// The session's word table and the pages of the last build and of this one.
#[derive(Default)]
pub struct SearchMemo {
    pub(super) words: Arc<Words>,
    previous: Mutex<HashMap<String, (u64, Sections)>>,
    next: Mutex<HashMap<String, (u64, Sections)>>,
    /// Each language's word counts (by its prefix) in the last build and in this one.
    counts: Mutex<HashMap<String, Arc<Vec<usize>>>>,
    next_counts: Mutex<HashMap<String, Arc<Vec<usize>>>>,
}

impl std::fmt::Debug for SearchMemo {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("SearchMemo")
            .field("pages", &lock(&self.previous).len())
            .finish_non_exhaustive()
    }
}

fn lock<T>(m: &Mutex<T>) -> std::sync::MutexGuard<'_, T> {
    m.lock().unwrap_or_else(|e| e.into_inner())
}

impl SearchMemo {
    /// The sections of the page at `url` when the last build indexed it with the same key.
    pub(super) fn get(&self, url: &str, key: u64) -> Option<Sections> {
        lock(&self.previous)
            .get(url)
            .filter(|(k, _)| *k == key)
            .map(|(_, s)| s.clone())
    }

    /// Keeps a page's sections for the next build.
    pub(super) fn keep(&self, url: &str, key: u64, sections: &Sections) {
        lock(&self.next).insert(url.to_string(), (key, sections.clone()));
    }

    /// The word counts of the language whose pages' URLs pass `belongs`: the last build's,
    /// less the pages it had that this build does not (or not the same), plus the pages
    /// this build has that it did not. `None` when the last build did not count them.
    /// `words` is the size of the word table now.
    pub(super) fn counts_since(
        &self,
        prefix: &str,
        words: usize,
        belongs: impl Fn(&str) -> bool,
    ) -> Option<Vec<usize>> {
        let last = lock(&self.counts).get(prefix).cloned()?;
        let mut counts = Vec::clone(&last);
        counts.resize(words, 0);
        let (previous, next) = (lock(&self.previous), lock(&self.next));
        // Pages the last build had and this one has not (or not the same) are taken away;
        // pages this build has and the last had not are added.
        for (from, to, add) in [(&*previous, &*next, false), (&*next, &*previous, true)] {
            for (url, (key, sections)) in from {
                if belongs(url) && to.get(url).map(|e| e.0) != Some(*key) {
                    tally(&mut counts, sections, add);
                }
            }
        }
        Some(counts)
    }

    /// Keeps a language's word counts for the next build.
    pub(super) fn keep_counts(&self, prefix: &str, counts: Vec<usize>) {
        lock(&self.next_counts).insert(prefix.to_string(), Arc::new(counts));
    }

    /// Ends a build: what it indexed is what the next build may reuse.
    pub fn finish(&self) {
        let next = std::mem::take(&mut *lock(&self.next));
        *lock(&self.previous) = next;
        let counts = std::mem::take(&mut *lock(&self.next_counts));
        *lock(&self.counts) = counts;
    }

    /// Ends a failed build: the last good build's pages stay.
    pub fn abandon(&self) {
        lock(&self.next).clear();
        lock(&self.next_counts).clear();
    }
}
