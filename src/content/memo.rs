//! What `serve` keeps of each source between loads: a file whose text did not change since
//! the last load gives the same page (front matter, outline, title), so it is taken from
//! here instead of being parsed again.
//!
//! A loaded page depends on its text, where it is (its path and language) and the load's
//! options, so it is keyed by a stable hash of all of them (the text through one fast
//! 128-bit pass). Each load keeps what it used and drops the rest, so the memo holds one
//! entry per source of the site, without its text (`load` lets go of it). The memo and
//! the loaded site share each page: an unchanged page is not copied.

use std::hash::{Hash, Hasher};
use std::sync::Mutex;

use rustc_hash::FxHashMap;

use super::load::{LoadOptions, Loaded};
use super::source_file::SourceFile;
use super::stamp::TextMemo;
use crate::stable_hash;

/// The sources of the last load, and of this load so far.
#[derive(Debug, Default)]
pub struct SourceMemo {
    previous: Mutex<FxHashMap<u128, Loaded>>,
    next: Mutex<FxHashMap<u128, Loaded>>,
    /// The files' texts, so that an unchanged file is not read again.
    pub(super) texts: TextMemo,
}

fn lock<T>(m: &Mutex<T>) -> std::sync::MutexGuard<'_, T> {
    m.lock().unwrap_or_else(|e| e.into_inner())
}

/// The key of a source read with `opts`.
fn key(source: &SourceFile, opts: LoadOptions<'_>) -> u128 {
    let mut h = stable_hash::hasher();
    (&source.path, &source.rel, &source.lang).hash(&mut h);
    (opts.drafts, opts.meeting_minutes).hash(&mut h);
    let names = u128::from(h.finish());
    names ^ source.text_hash
}

impl SourceMemo {
    /// What loading `source` gives: the last load's result for the same text and place,
    /// else `load`'s (which must let go of the text: the memo keeps what it returns).
    pub(super) fn load(
        &self,
        source: SourceFile,
        opts: LoadOptions<'_>,
        load: impl FnOnce(SourceFile) -> Loaded,
    ) -> Loaded {
        let key = key(&source, opts);
        // An entry moves from the last load's to this one's: one copy, for the library.
        let known = lock(&self.previous).remove(&key);
        if let Some(known) = known {
            let loaded = known.clone().with_source(source);
            lock(&self.next).insert(key, known);
            return loaded;
        }
        if let Some(known) = lock(&self.next).get(&key) {
            return known.clone().with_source(source);
        }
        let loaded = load(source);
        lock(&self.next).insert(key, loaded.clone());
        loaded
    }

    /// Ends a load: what it used is what the next load may reuse.
    pub fn finish(&self) {
        let next = std::mem::take(&mut *lock(&self.next));
        lock(&self.next).reserve(next.len());
        *lock(&self.previous) = next;
        self.texts.finish();
    }

    /// How many sources are kept.
    pub fn len(&self) -> usize {
        lock(&self.previous).len()
    }

    /// True when none is kept.
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }
}

#[cfg(test)]
mod tests {
    use std::cell::Cell;
    use std::path::PathBuf;

    use super::*;

    fn source(text: &str) -> SourceFile {
        SourceFile::new(
            PathBuf::from("content/en/a.md"),
            "a.md".into(),
            "en".into(),
            text.into(),
        )
    }

    #[test]
    fn an_unchanged_source_is_not_loaded_again_and_old_ones_are_dropped() {
        let memo = SourceMemo::default();
        let opts = LoadOptions::default();
        let loads = Cell::new(0);
        let load = |s: SourceFile| {
            loads.set(loads.get() + 1);
            Loaded::Draft(Some(u32::try_from(s.len).unwrap_or(0)))
        };
        assert!(matches!(
            memo.load(source("ab"), opts, load),
            Loaded::Draft(Some(2))
        ));
        memo.finish();
        assert!(matches!(
            memo.load(source("ab"), opts, load),
            Loaded::Draft(Some(2))
        ));
        assert_eq!(loads.get(), 1, "the same text is not loaded again");
        let other = LoadOptions {
            drafts: true,
            ..opts
        };
        memo.load(source("ab"), other, load);
        memo.load(source("abc"), opts, load);
        assert_eq!(loads.get(), 3, "other options or another text are loaded");
        memo.finish();
        assert_eq!(memo.len(), 3);
        memo.load(source("abc"), opts, load);
        memo.finish();
        assert_eq!(memo.len(), 1, "a source no longer loaded is forgotten");
    }
}
