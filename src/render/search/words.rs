//! Numbering words: one table of every distinct word of a build, shared by all threads,
//! with a cache per thread so that a word the thread has met before costs one lookup in
//! its own map, no lock.

use std::cell::RefCell;
use std::sync::Mutex;
use std::sync::atomic::{AtomicU64, Ordering};

use rustc_hash::FxHashMap;

use super::varint::push_varint;

/// Every distinct word met so far, numbered densely in the order they were first seen.
#[derive(Default)]
pub(super) struct WordTable {
    numbers: FxHashMap<String, u32>,
    pub(super) words: Vec<String>,
}

impl WordTable {
    pub(super) fn number(&mut self, word: &str) -> u32 {
        if let Some(&n) = self.numbers.get(word) {
            return n;
        }
        let n = u32::try_from(self.words.len()).unwrap_or(u32::MAX);
        self.numbers.insert(word.to_string(), n);
        self.words.push(word.to_string());
        n
    }
}

/// A word table for one index, with an identity of its own (so that a thread's cache of
/// another, finished index is never used for it).
pub(super) struct Words {
    id: u64,
    table: Mutex<WordTable>,
}

/// Identities of word tables, never the same twice in a process.
static NEXT_ID: AtomicU64 = AtomicU64::new(1);

thread_local! {
    /// This thread's view of the table it last numbered words for: (its id, word → number).
    static SEEN: RefCell<(u64, FxHashMap<Box<str>, u32>)> = RefCell::new((0, FxHashMap::default()));
}

impl Default for Words {
    fn default() -> Self {
        Words {
            id: NEXT_ID.fetch_add(1, Ordering::Relaxed),
            table: Mutex::default(),
        }
    }
}

impl Words {
    /// Appends the number of each whitespace-separated word of `text` to `out`, as varints.
    pub(super) fn number_text(&self, text: &str, out: &mut Vec<u8>) {
        SEEN.with(|seen| {
            let mut seen = seen.borrow_mut();
            let (owner, map) = &mut *seen;
            if *owner != self.id {
                *owner = self.id;
                map.clear();
            }
            let mut number = |w: &str| {
                let n = match map.get(w) {
                    Some(&n) => n,
                    None => {
                        let n = self.lock().number(w);
                        map.insert(w.into(), n);
                        n
                    }
                };
                push_varint(n, out);
            };
            // Most text is ASCII, where the much cheaper ASCII split gives the same words.
            if text.is_ascii() {
                text.split_ascii_whitespace().for_each(&mut number);
            } else {
                text.split_whitespace().for_each(&mut number);
            }
        });
    }

    /// The table, for writing the index.
    pub(super) fn lock(&self) -> std::sync::MutexGuard<'_, WordTable> {
        self.table.lock().unwrap_or_else(|e| e.into_inner())
    }
}
