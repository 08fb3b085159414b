//! Outlines of bodies already seen, for `serve`: a page whose body did not change since
//! the last load takes its outline from here instead of being parsed again.
//!
//! An outline depends on the body's text alone, so it is keyed by a stable 128-bit hash of
//! that text. Each load keeps what it used and drops the rest, so the memo holds one outline
//! per page of the site (shared with the pages, not copied).

use std::collections::HashMap;
use std::sync::{Arc, Mutex};

use crate::markdown::{self, Outline};
use crate::stable_hash;

/// The outlines of the last load's bodies, and this load's so far.
#[derive(Debug, Default)]
pub struct OutlineMemo {
    previous: Mutex<HashMap<u128, Arc<Outline>>>,
    next: Mutex<HashMap<u128, Arc<Outline>>>,
}

fn lock<T>(m: &Mutex<T>) -> std::sync::MutexGuard<'_, T> {
    m.lock().unwrap_or_else(|e| e.into_inner())
}

fn key(body: &str) -> u128 {
    stable_hash::bytes128(body.as_bytes())
}

impl OutlineMemo {
    /// The outline of `body`: the one the last load made of the same text, else a new one.
    pub fn outline(&self, body: &str) -> Arc<Outline> {
        let key = key(body);
        let known = lock(&self.previous).get(&key).cloned();
        let known = known.or_else(|| lock(&self.next).get(&key).cloned());
        let outline = known.unwrap_or_else(|| Arc::new(markdown::outline(body)));
        lock(&self.next).insert(key, Arc::clone(&outline));
        outline
    }

    /// Ends a load: its outlines are what the next load may reuse.
    pub fn finish(&self) {
        let next = std::mem::take(&mut *lock(&self.next));
        *lock(&self.previous) = next;
    }

    /// How many outlines are kept.
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
    use super::*;

    #[test]
    fn an_unchanged_body_shares_its_outline_and_old_ones_are_dropped() {
        let memo = OutlineMemo::default();
        let first = memo.outline("# A\n");
        memo.finish();
        let again = memo.outline("# A\n");
        assert!(
            Arc::ptr_eq(&first, &again),
            "the same text is not parsed again"
        );
        let other = memo.outline("# B\n");
        assert_eq!(other.headings[0].text, "B");
        memo.finish();
        assert_eq!(memo.len(), 2);
        memo.outline("# B\n");
        memo.finish();
        assert_eq!(memo.len(), 1, "a body no longer loaded is forgotten");
    }
}
