//! Numbering words: one table of every distinct word of a build, shared by all threads,
//! with a cache per thread so that a word the thread has met before costs one lookup in
//! its own tables, no lock.

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

/// What a thread knows of the table it last numbered words for.
#[derive(Default)]
struct Seen {
    /// The table's id.
    owner: u64,
    /// Every word of 16 bytes or more this thread met, and its number.
    map: FxHashMap<Box<str>, u32>,
    /// Every word of 8 to 15 bytes it met, by its bytes (see [`packed`]): found without
    /// following a pointer to the word (the words of a map of strings are spread over the
    /// heap, and reading them was half of numbering a large site).
    short: FxHashMap<u128, u32>,
    /// Every word of up to 7 bytes, most words of most languages, the same way in half the
    /// room (a table a quarter the size of `short`'s stays in the processor's nearer caches).
    tiny: FxHashMap<u64, u32>,
}

thread_local! {
    /// This thread's view of the table it last numbered words for.
    static SEEN: RefCell<Seen> = RefCell::default();
}

/// `MASKS[n]` keeps the low `n` bytes of a number (a table: a shift of a `u128` by a
/// variable amount was a tenth of numbering a word).
const MASKS: [u128; 16] = {
    let mut masks = [0u128; 16];
    let mut n = 1;
    while n < 16 {
        masks[n] = (1u128 << (n * 8)) - 1;
        n += 1;
    }
    masks
};

/// A word of at most 15 bytes as one number: its bytes, and its length in the top byte (so
/// that words ending in NUL bytes differ from shorter ones). `at` is where it starts in `text`.
fn packed(text: &[u8], at: usize, len: usize) -> u128 {
    let bytes = match text.get(at..at + 16) {
        Some(b) => <[u8; 16]>::try_from(b).unwrap_or_default(),
        // Near the end of the text: what is left is shorter than 16 bytes.
        None => {
            let mut b = [0u8; 16];
            let tail = text.get(at..).unwrap_or_default();
            b[..tail.len()].copy_from_slice(tail);
            b
        }
    };
    (u128::from_le_bytes(bytes) & MASKS[len & 15]) | ((len as u128) << 120)
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
            let Seen {
                owner,
                map,
                short,
                tiny,
            } = &mut *seen;
            if *owner != self.id {
                *owner = self.id;
                map.clear();
                short.clear();
                tiny.clear();
            }
            let (bytes, start) = (text.as_bytes(), text.as_ptr() as usize);
            let mut number = |w: &str| {
                let n = if w.len() < 8 {
                    // The word's bytes are the key's low 7 bytes, its length the top one.
                    let key = packed(bytes, w.as_ptr() as usize - start, w.len()) as u64
                        | ((w.len() as u64) << 56);
                    *tiny.entry(key).or_insert_with(|| self.lock().number(w))
                } else if w.len() < 16 {
                    let key = packed(bytes, w.as_ptr() as usize - start, w.len());
                    *short.entry(key).or_insert_with(|| self.lock().number(w))
                } else if let Some(&n) = map.get(w) {
                    n
                } else {
                    let n = self.lock().number(w);
                    map.insert(w.into(), n);
                    n
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::render::search::varint::varints;

    /// Every word of `text` by its number in `words`' table.
    fn words_of(words: &Words, text: &str) -> Vec<String> {
        let mut out = Vec::new();
        words.number_text(text, &mut out);
        let table = words.lock();
        varints(&out)
            .map(|n| table.words[n as usize].clone())
            .collect()
    }

    #[test]
    fn a_word_is_known_by_all_its_bytes_and_its_length_wherever_it_stands() {
        // Short words (kept whole in the thread's small tables) that share a beginning or
        // differ only in length, a NUL byte, words of 7, 8, 15 and 16 bytes, words at the very end
        // of the text (fewer than 16 bytes after them), and text that is not ASCII.
        let text = "a ab a\0 abc a ab 123456789012345 1234567890123456 \
                    123456789012345 1234567890123456 café cafe café ü \
                    1234567 12345678 1234567\0 1234567 12345678";
        let words = Words::default();
        let expected: Vec<&str> = text.split_whitespace().collect();
        for _ in 0..2 {
            // The second time, every word is found in the thread's tables.
            assert_eq!(words_of(&words, text), expected);
        }
        let table = words.lock();
        assert_eq!(table.words.len(), 12, "{:?}", table.words);
        drop(table);
        // Another table (a later build) starts from nothing, even on this thread.
        let other = Words::default();
        assert_eq!(words_of(&other, "ab a"), ["ab", "a"]);
        assert_eq!(other.lock().words, ["ab", "a"]);
    }
}
