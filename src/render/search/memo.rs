//! What `serve` keeps of the search index between builds: one word table for the whole
//! session, each page's numbered sections keyed by a hash of the page, so a page that
//! did not change is neither parsed nor tokenised again, and each language's word counts,
//! so only the pages that changed are counted again.

use std::collections::HashMap;
use std::sync::{Arc, Mutex};

use rustc_hash::FxHashMap;

use super::words::Words;

use super::script::tally;
use super::sections::Sections;

/// Pages by URL: the key they were indexed with, and their sections.
type Pages = FxHashMap<String, (u64, Sections)>;

/// The session's word table and the pages of the last build and of this one.
#[derive(Default)]
pub struct SearchMemo {
    pub(super) words: Arc<Words>,
    previous: Mutex<Pages>,
    next: Mutex<Pages>,
    /// The URLs of the pages this build indexed anew (not taken from the last build).
    fresh: Mutex<Vec<String>>,
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

    /// Keeps a page's sections for the next build; `fresh` when they are not the last
    /// build's.
    pub(super) fn keep(&self, url: &str, key: u64, sections: &Sections, fresh: bool) {
        lock(&self.next).insert(url.to_string(), (key, sections.clone()));
        if fresh {
            lock(&self.fresh).push(url.to_string());
        }
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
        let mut fresh = lock(&self.fresh).clone();
        fresh.sort_unstable();
        fresh.dedup();
        // A page indexed anew: the last build's version of it (if any) is taken away, and
        // this build's added.
        for url in fresh.iter().filter(|u| belongs(u)) {
            if let Some((_, sections)) = previous.get(url) {
                tally(&mut counts, sections, false);
            }
            if let Some((_, sections)) = next.get(url) {
                tally(&mut counts, sections, true);
            }
        }
        // Every other page of this build is one the last build had. When the last build
        // had more, the pages this one lacks are taken away.
        let replaced = fresh.iter().filter(|u| previous.contains_key(*u)).count();
        if next.len() - fresh.len().min(next.len()) + replaced != previous.len() {
            for (url, (_, sections)) in previous.iter() {
                if belongs(url) && !next.contains_key(url) {
                    tally(&mut counts, sections, false);
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
        let old = std::mem::replace(&mut *lock(&self.previous), next);
        crate::free::drop_meanwhile(old);
        lock(&self.fresh).clear();
        let counts = std::mem::take(&mut *lock(&self.next_counts));
        *lock(&self.counts) = counts;
    }

    /// Ends a failed build: the last good build's pages stay.
    pub fn abandon(&self) {
        lock(&self.next).clear();
        lock(&self.fresh).clear();
        lock(&self.next_counts).clear();
    }
}
