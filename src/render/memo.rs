//! Page memo for the dev loop: a page whose inputs hash the same as last time is not rendered again.
//!
//! A page's HTML depends on its own source and on language-wide values: the configuration,
//! the `site` and `nav` views, every page's title, description and URL (menus, kit listing),
//! the link index (targets and anchors) and the templates. The key hashes all of them, so a
//! hit returns exactly the bytes a fresh render would give: a page through its derived
//! `Hash` (every field, so a field added to `Page` is in the key by itself), the
//! configuration and the views through their serialised form, with one stable hasher.
//! What other pages show of each page (titles, addresses, kinds) is chosen field by field
//! in `hash_as_neighbour`, which names every field of `Page` (a new field does not compile
//! until it is placed); the dev-server tests compare the served site with a fresh build
//! after edits.

use std::collections::HashMap;
use std::hash::{Hash, Hasher};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};

use crate::content::{Library, Page, SourceFile};
use crate::output::{MemoryFiles, SharedBytes, Sink};
use crate::site::Site;
use crate::stable_hash::{self, StableHasher, hash_serialized};

use super::context::NavView;
use super::search::SearchMemo;
use super::templates::Templates;

/// The files of the last finished run (shared with what `serve` shows, never copied) and
/// the hash of the inputs of each page in them; this run's hashes so far.
///
/// Used by `serve` across rebuilds; `build` renders without one. Default: empty.
#[derive(Debug, Default)]
pub struct PageCache {
    files: Mutex<Arc<MemoryFiles>>,
    keys: Mutex<HashMap<String, u64>>,
    next: Mutex<HashMap<String, u64>>,
    search: SearchMemo,
    hits: AtomicUsize,
    misses: AtomicUsize,
}

/// How many pages the last run took from the cache and how many it rendered.
#[derive(Debug, Default, Clone, Copy, PartialEq, Eq)]
pub struct CacheStats {
    /// Pages reused unchanged.
    pub reused: usize,
    /// Pages rendered.
    pub rendered: usize,
}

impl PageCache {
    /// An empty cache.
    pub fn new() -> Self {
        Self::default()
    }

    /// The page at `path` if the last finished run made it from the same inputs; else
    /// renders it.
    pub(crate) fn get_or_render<E>(
        &self,
        path: &str,
        key: u64,
        render: impl FnOnce() -> Result<Vec<u8>, E>,
    ) -> Result<PageBytes, E> {
        lock(&self.next).insert(path.to_string(), key);
        if lock(&self.keys).get(path) == Some(&key)
            && let Some(bytes) = lock(&self.files).get(path)
        {
            self.hits.fetch_add(1, Ordering::Relaxed);
            return Ok(PageBytes::Reused(bytes.clone()));
        }
        self.misses.fetch_add(1, Ordering::Relaxed);
        render().map(PageBytes::Made)
    }

    /// What the search index keeps between runs.
    pub(crate) fn search(&self) -> &SearchMemo {
        &self.search
    }

    /// Ends a run that made `files`: its pages are what the next run may reuse.
    pub fn finish(&self, files: &Arc<MemoryFiles>) -> CacheStats {
        self.search.finish();
        *lock(&self.keys) = std::mem::take(&mut *lock(&self.next));
        *lock(&self.files) = Arc::clone(files);
        CacheStats {
            reused: self.hits.swap(0, Ordering::Relaxed),
            rendered: self.misses.swap(0, Ordering::Relaxed),
        }
    }

    /// A file of the last finished run (see [`PageCache::finish`] and
    /// [`PageCache::completed`]).
    pub fn last_file(&self, path: &str) -> Option<SharedBytes> {
        lock(&self.files).get(path).cloned()
    }

    /// The last finished run's files, now that the files it left to write later are
    /// written too ([`super::Later`]).
    pub fn completed(&self, files: &Arc<MemoryFiles>) {
        *lock(&self.files) = Arc::clone(files);
    }

    /// Ends a failed run: the last finished run's pages stay for the next one.
    pub fn abandon(&self) {
        self.search.abandon();
        lock(&self.next).clear();
        self.hits.store(0, Ordering::Relaxed);
        self.misses.store(0, Ordering::Relaxed);
    }

    /// How many pages the last finished run made.
    pub fn len(&self) -> usize {
        lock(&self.keys).len()
    }

    /// True when it holds none.
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }
}

fn lock<T>(m: &Mutex<T>) -> std::sync::MutexGuard<'_, T> {
    m.lock().unwrap_or_else(|e| e.into_inner())
}

/// A page's bytes: made by this run, or the last run's (shared with it, not copied).
#[derive(Debug, PartialEq, Eq)]
pub(crate) enum PageBytes {
    /// Rendered now.
    Made(Vec<u8>),
    /// Taken from the last finished run.
    Reused(SharedBytes),
}

impl From<Vec<u8>> for PageBytes {
    fn from(bytes: Vec<u8>) -> Self {
        PageBytes::Made(bytes)
    }
}

impl PageBytes {
    /// The bytes.
    #[cfg(test)]
    pub(crate) fn to_vec(&self) -> Vec<u8> {
        match self {
            PageBytes::Made(b) => b.clone(),
            PageBytes::Reused(b) => b.bytes().into_owned(),
        }
    }

    /// Stores the page at `path` in `sink`, sharing reused bytes.
    pub(crate) fn write_to(self, sink: &dyn Sink, path: &str) -> anyhow::Result<()> {
        match self {
            PageBytes::Made(b) => sink.write(path, b),
            PageBytes::Reused(b) => sink.write_shared(path, &b),
        }
    }
}

/// Renders with `render`, or takes the page from the cache (with its language's key) when
/// its inputs hash the same as last time. `own` is the page's own hash ([`page_hash`]).
pub(crate) fn reuse_or<E>(
    cache: Option<(&PageCache, u64)>,
    path: &str,
    own: u64,
    layout: u8,
    downloads: &[super::context::DownloadView],
    render: impl FnOnce() -> Result<Vec<u8>, E>,
) -> Result<PageBytes, E> {
    match cache {
        Some((c, language)) => {
            let mut h = stable_hash::hasher();
            (language, layout, own).hash(&mut h);
            // The files the page lists, with their sizes (a PDF made anew may change size).
            downloads.hash(&mut h);
            c.get_or_render(path, h.finish(), render)
        }
        None => render().map(PageBytes::Made),
    }
}

/// A page's own inputs, every field of it (its source's text through one fast pass).
pub(crate) fn page_hash(page: &Page) -> u64 {
    let mut h = stable_hash::hasher();
    page.hash(&mut h);
    h.finish()
}

/// Hashes what the pages of every language share: configuration, what every page of every
/// language is called and where it lives (menus, language switcher, kit listing,
/// translation notices), links and templates with their UI strings. Each page is hashed
/// on every core, then the hashes in the site's order.
pub(crate) fn site_key(site: &Site, templates: &Templates) -> u64 {
    use rayon::prelude::*;
    let pages: Vec<&Page> = site
        .libraries
        .iter()
        .flat_map(|l| l.pages.iter().map(|p| &**p))
        .collect();
    let neighbours: Vec<u64> = pages
        .par_iter()
        .map(|p| {
            let mut h = stable_hash::hasher();
            hash_as_neighbour(p, &mut h);
            h.finish()
        })
        .collect();
    let mut h = stable_hash::hasher();
    hash_serialized(&mut h, &site.config);
    neighbours.hash(&mut h);
    site.link_fingerprint().hash(&mut h);
    templates.fingerprint().hash(&mut h);
    h.finish()
}

/// Hashes everything a language's pages share: what all languages share (`site`, from
/// [`site_key`]), and the language's own menus and prefix.
pub(crate) fn language_key(site_key: u64, site: &Site, lib: &Library, nav: &NavView) -> u64 {
    let mut h = stable_hash::hasher();
    site_key.hash(&mut h);
    hash_serialized(&mut h, nav);
    lib.lang.hash(&mut h);
    site.lang_prefix(&lib.lang).hash(&mut h);
    h.finish()
}

/// Hashes what other pages show of a page (menus, language switcher, kit listing,
/// translation notices): every field but its own content. The fields are named by
/// destructuring, so a field added to `Page` or `SourceFile` does not compile until it is
/// put in the key or left out here on purpose.
fn hash_as_neighbour(page: &Page, h: &mut StableHasher) {
    let Page {
        source,
        lang,
        translation,
        source_rev,
        kind,
        title,
        description,
        weight,
        url,
        // The page's own content: in its own key (`page_key`), not its neighbours'.
        body_offset: _,
        outline: _,
        body: _,
        week,
    } = page;
    let SourceFile {
        path: _,
        rel,
        lang: source_lang,
        text_hash: _,
        len: _,
        ..
    } = source;
    (lang, source_lang, rel, title, description, url).hash(h);
    (weight, source_rev, kind, translation).hash(h);
    // Of a week, others show its number (its title and place are in the menus' views).
    week.as_ref().map(|w| w.week).hash(h);
}

/// Hashes the inputs of a rendering made of several pages (the printable whole program).
pub(crate) fn pages_key(language: u64, pages: &[&Page]) -> u64 {
    let mut h = stable_hash::hasher();
    language.hash(&mut h);
    for page in pages {
        page_hash(page).hash(&mut h);
    }
    h.finish()
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::BTreeMap;

    #[test]
    fn reuses_only_pages_of_the_last_finished_run_with_the_same_key() {
        let cache = PageCache::new();
        let render = |s: &str| {
            let s = s.to_string();
            move || Ok::<_, ()>(s.into_bytes())
        };
        let bytes = |r: Result<PageBytes, ()>| r.map(|b| b.to_vec());
        let files = |pairs: &[(&str, &str)]| {
            Arc::new(
                pairs
                    .iter()
                    .map(|(p, b)| (p.to_string(), b.as_bytes().to_vec().into()))
                    .collect::<BTreeMap<_, _>>(),
            )
        };
        assert_eq!(
            bytes(cache.get_or_render("a", 1, render("one"))),
            Ok(b"one".to_vec())
        );
        cache.finish(&files(&[("a", "one")]));
        assert_eq!(
            bytes(cache.get_or_render("a", 1, render("two"))),
            Ok(b"one".to_vec()),
            "the same key: the last run's bytes"
        );
        assert_eq!(
            bytes(cache.get_or_render("b", 1, render("b"))),
            Ok(b"b".to_vec())
        );
        assert_eq!(
            cache.finish(&files(&[("a", "one"), ("b", "b")])),
            CacheStats {
                reused: 1,
                rendered: 1
            }
        );
        assert_eq!(
            bytes(cache.get_or_render("a", 2, render("new"))),
            Ok(b"new".to_vec())
        );
        cache.abandon();
        assert_eq!(
            bytes(cache.get_or_render("a", 2, render("newer"))),
            Ok(b"newer".to_vec()),
            "a failed run's pages were never shown: they are made again"
        );
        assert_eq!(
            bytes(cache.get_or_render("a", 1, render("x"))),
            Ok(b"one".to_vec())
        );
        cache.finish(&files(&[("a", "one")]));
        assert_eq!(
            cache.len(),
            1,
            "a page the last run did not make is forgotten"
        );
    }

    #[test]
    fn a_reused_page_shares_the_last_runs_bytes() {
        let cache = PageCache::new();
        let made = cache.get_or_render("a", 7, || Ok::<_, ()>(b"page".to_vec()));
        assert_eq!(made, Ok(PageBytes::Made(b"page".to_vec())));
        let files = Arc::new(MemoryFiles::from([(
            "a".to_string(),
            b"page".to_vec().into(),
        )]));
        cache.finish(&files);
        match cache.get_or_render("a", 7, || Ok::<_, ()>(b"other".to_vec())) {
            Ok(PageBytes::Reused(bytes)) => assert!(SharedBytes::same(&bytes, &files["a"])),
            other => panic!("expected the last run's bytes, got {other:?}"),
        }
    }
}
