//! What `serve` keeps of the search index between builds: one word table for the whole
//! session, and each page's numbered sections keyed by a hash of the page, so a page that
//! did not change is neither parsed nor tokenised again.

use std::collections::HashMap;
use std::sync::{Arc, Mutex};

use super::words::Words;

use super::sections::Sections;

/// The session's word table and the pages of the last build and of this one.
#[derive(Default)]
pub struct SearchMemo {
    pub(super) words: Arc<Words>,
    previous: Mutex<HashMap<String, (u64, Sections)>>,
    next: Mutex<HashMap<String, (u64, Sections)>>,
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

    /// Ends a build: what it indexed is what the next build may reuse.
    pub fn finish(&self) {
        let next = std::mem::take(&mut *lock(&self.next));
        *lock(&self.previous) = next;
    }

    /// Ends a failed build: the last good build's pages stay.
    pub fn abandon(&self) {
        lock(&self.next).clear();
    }
}
