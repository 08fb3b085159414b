//! What `serve` keeps of the checks between loads: a page checks the same when it, the
//! configuration and what every link may lead to (the site's link fingerprint: pages,
//! files and anchors) are unchanged, so its findings are taken from the last check.

use std::collections::HashMap;
use std::hash::{Hash, Hasher};
use std::sync::Mutex;

use crate::content::Page;
use crate::diagnostic::Diagnostics;
use crate::site::Site;
use crate::stable_hash::{self, hash_serialized};

/// The findings of the last check and of this one so far, by key.
#[derive(Debug, Default)]
pub struct CheckMemo {
    previous: Mutex<HashMap<u64, Diagnostics>>,
    next: Mutex<HashMap<u64, Diagnostics>>,
}

fn lock<T>(m: &Mutex<T>) -> std::sync::MutexGuard<'_, T> {
    m.lock().unwrap_or_else(|e| e.into_inner())
}

/// What every page's checks share: the configuration and where links lead.
pub(super) fn site_key(site: &Site) -> u64 {
    let mut h = stable_hash::hasher();
    hash_serialized(&mut h, &site.config);
    site.link_fingerprint().hash(&mut h);
    h.finish()
}

impl CheckMemo {
    /// The findings on `page` (every field of it, through its `Hash`) in a site with
    /// `site_key`: the last check's when it had the same, else `check`'s.
    pub(super) fn check(
        &self,
        site_key: u64,
        page: &Page,
        check: impl FnOnce() -> Diagnostics,
    ) -> Diagnostics {
        let mut h = stable_hash::hasher();
        (site_key, page).hash(&mut h);
        let key = h.finish();
        let known = lock(&self.previous).remove(&key);
        let found = match known.or_else(|| lock(&self.next).get(&key).cloned()) {
            Some(found) => found,
            None => check(),
        };
        lock(&self.next).insert(key, found.clone());
        found
    }

    /// Ends a check: its findings are what the next one may reuse.
    pub fn finish(&self) {
        let next = std::mem::take(&mut *lock(&self.next));
        *lock(&self.previous) = next;
    }
}
