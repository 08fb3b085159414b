//! How links between the pages and files of a site resolve: where each page ends up, which
//! anchors it has (and, for a translation, which of its source's it answers to), and why a
//! link does not resolve.

use std::collections::HashMap;

use rustc_hash::FxHashMap;
use std::sync::{Arc, OnceLock};

use super::load::Site;
use crate::content::{self, Page, Translation};
use crate::markdown::{LinkTarget, Outline, classify_link, links::join_path};

/// Where a page ends up and which anchors it answers to. Its anchors are read from the
/// pages' outlines when a link first needs them: a build makes most outlines while it
/// renders (see [`Page::outline`]).
#[derive(Debug)]
struct PageLinks {
    /// Its site URL.
    url: String,
    /// The page, for its own anchors.
    page: Arc<Page>,
    /// For a translation: its source, for every anchor of its source (to tell a fragment
    /// that cannot be mapped from one that never existed).
    source: Option<Arc<Page>>,
    /// For a translation: its source's anchors it answers to → its own anchor.
    aliases: OnceLock<HashMap<String, String>>,
}

impl PageLinks {
    fn anchors(&self) -> &Outline {
        self.page.outline()
    }

    fn source_anchors(&self) -> Option<&Outline> {
        self.source.as_ref().map(|s| &**s.outline())
    }

    fn aliases(&self) -> &HashMap<String, String> {
        self.aliases.get_or_init(|| match &self.source {
            Some(source) => content::i18n::source_ids(self.page.outline(), source.outline()),
            None => HashMap::new(),
        })
    }
}

/// Where each page and file of the site ends up, for resolving links.
#[derive(Debug, Default)]
pub(super) struct LinkIndex {
    /// Language → path relative to the language folder → where it is, its anchors.
    pages: FxHashMap<String, FxHashMap<String, PageLinks>>,
    /// Site-tree paths of files that are copied (assets and content statics) → output path.
    files: HashMap<String, String>,
    /// [`Site::link_fingerprint`], taken once.
    fingerprint: std::sync::OnceLock<u64>,
}

/// Why a link does not resolve.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum LinkProblem {
    /// No such page or file.
    Missing(String),
    /// The page exists; the anchor does not.
    MissingAnchor {
        /// The target page's source, relative to the site root.
        page: String,
        /// The anchor.
        anchor: String,
    },
    /// The page is a translation without the anchor, whose source has it: the link
    /// goes to the top of the page (a warning).
    UnmappedAnchor {
        /// The target page's source, relative to the site root.
        page: String,
        /// The anchor.
        anchor: String,
        /// The page's site URL, without the anchor.
        url: String,
    },
    /// The path climbs out of the site.
    OutsideSite,
}

impl LinkProblem {
    /// Whether the link goes nowhere at all, not even to the top of a page: the output
    /// shows it as plain text, never as a broken `href`.
    pub fn leads_nowhere(&self) -> bool {
        self.fallback_url().is_none()
    }

    /// Where the link goes anyway (a site URL), if anywhere.
    pub fn fallback_url(&self) -> Option<&str> {
        match self {
            LinkProblem::UnmappedAnchor { url, .. } => Some(url),
            _ => None,
        }
    }
}

impl Site {
    /// A hash of where every page and file ends up and which anchors each page has,
    /// independent of map order. Two sites with the same fingerprint resolve links alike.
    pub fn link_fingerprint(&self) -> u64 {
        *self
            .links
            .fingerprint
            .get_or_init(|| self.fingerprint_links())
    }

    fn fingerprint_links(&self) -> u64 {
        use rayon::prelude::*;
        use std::hash::{Hash, Hasher};
        let mut pages: Vec<_> = (self.links.pages.iter())
            .flat_map(|(lang, rels)| rels.iter().map(move |(rel, links)| ((lang, rel), links)))
            .collect();
        pages.par_sort_unstable_by(|a, b| a.0.cmp(&b.0));
        // Each page is hashed on its own, on every core (tens of thousands of anchors on a
        // large site), then the hashes in page order.
        let each: Vec<u64> = pages
            .par_iter()
            .map(|((lang, rel), links)| {
                let anchors: Vec<&str> = links.anchors().anchor_ids().collect();
                let mut aliases: Vec<_> = links.aliases().iter().collect();
                aliases.sort();
                let source: Option<Vec<&str>> =
                    links.source_anchors().map(|o| o.anchor_ids().collect());
                let mut h = crate::stable_hash::hasher();
                (lang, rel, &links.url, anchors, aliases, source).hash(&mut h);
                h.finish()
            })
            .collect();
        let mut files: Vec<_> = self.links.files.iter().collect();
        files.sort();
        let mut h = crate::stable_hash::hasher();
        each.hash(&mut h);
        files.hash(&mut h);
        h.finish()
    }

    pub(super) fn index_links(&self) -> LinkIndex {
        let mut index = LinkIndex::default();
        // The default language's pages, looked up once per translated page (a site in
        // one language has none).
        let sources = self
            .libraries
            .iter()
            .find(|l| l.lang == self.config.book.language)
            .filter(|_| self.libraries.len() > 1)
            .map(|l| {
                (l.pages.iter())
                    .map(|p| (p.source.rel.as_str(), p))
                    .collect::<FxHashMap<_, _>>()
            })
            .unwrap_or_default();
        for lib in &self.libraries {
            let prefix = self.lang_prefix(&lib.lang);
            let pages = index.pages.entry(lib.lang.clone()).or_default();
            pages.reserve(lib.pages.len());
            for page in &lib.pages {
                let source = sources
                    .get(page.source.rel.as_str())
                    .filter(|_| self.is_translated(page));
                let links = PageLinks {
                    url: format!("{prefix}{}", page.url),
                    page: Arc::clone(page),
                    source: source.map(|&s| Arc::clone(s)),
                    aliases: OnceLock::new(),
                };
                pages.insert(page.source.rel.clone(), links);
            }
            for s in &lib.statics {
                index.files.insert(
                    format!("content/{}/{}", lib.lang, s.rel),
                    format!("{prefix}{}", s.rel),
                );
            }
        }
        for a in &self.assets {
            index
                .files
                .insert(format!("assets/{a}"), format!("assets/{a}"));
        }
        index
    }

    /// Whether `page` is a translation made from a page of the default language.
    fn is_translated(&self, page: &Page) -> bool {
        page.lang != self.config.book.language
            && !matches!(
                page.translation,
                Translation::Original | Translation::Fallback
            )
    }

    /// For a translated page, each of its ids that stands for another id of its source, as
    /// (own id, source id), sorted; empty for other pages.
    pub fn source_ids_of(&self, page: &Page) -> Vec<(&str, &str)> {
        let mut out: Vec<(&str, &str)> = self
            .page_links(&page.lang, &page.source.rel)
            .map(|l| {
                l.aliases()
                    .iter()
                    .map(|(source, own)| (own.as_str(), source.as_str()))
                    .collect()
            })
            .unwrap_or_default();
        out.sort_unstable();
        out
    }

    /// Whether a language has a page (translated or fallback) for a source path.
    pub fn has_page(&self, lang: &str, rel: &str) -> bool {
        self.page_links(lang, rel).is_some()
    }

    /// Where the page written at `content/<lang>/<rel>` ends up, and its anchors.
    fn page_links(&self, lang: &str, rel: &str) -> Option<&PageLinks> {
        self.links.pages.get(lang)?.get(rel)
    }

    /// The URL and anchors of the page written at `content/<lang>/<rel>`; a folder path
    /// (`weeks/`, or "" for the language root) means its `_index.md`.
    fn find_page(&self, lang: &str, rel: &str) -> Option<&PageLinks> {
        if rel.is_empty() || rel.ends_with('/') {
            self.page_links(lang, &format!("{rel}_index.md"))
        } else if rel.ends_with(".md") {
            self.page_links(lang, rel)
        } else {
            None
        }
    }

    /// Resolves a link written in `page` to a site-relative URL (with `#anchor`).
    /// `Ok(None)` means "leave it as written" (another site, or an anchor on this page that exists).
    pub fn resolve_link(&self, page: &Page, dest: &str) -> Result<Option<String>, LinkProblem> {
        self.resolve_link_in(page, &page.lang, dest)
    }

    /// Whether a link written in `page` leads nowhere at all (no page, file or anchor to go
    /// to): the output shows it as plain text, never as a broken `href`.
    pub fn leads_nowhere(&self, page: &Page, dest: &str) -> bool {
        matches!(self.resolve_link(page, dest), Err(p) if p.leads_nowhere())
    }

    /// Resolves a link written in `page` as if the page were shown in the language `shown`
    /// (for a fallback page: where its own language's pages would lead).
    pub fn resolve_link_in(
        &self,
        page: &Page,
        shown: &str,
        dest: &str,
    ) -> Result<Option<String>, LinkProblem> {
        match classify_link(dest) {
            LinkTarget::External => Ok(None),
            LinkTarget::Anchor(a) => {
                if page.outline().headings.iter().any(|h| h.id == a) || is_footnote_anchor(&a) {
                    return Ok(None);
                }
                let source = page.source.path.display().to_string();
                match self.find_page(shown, &page.source.rel) {
                    Some(links) => fragment_url(links, &source, &a).map(Some),
                    None => Err(LinkProblem::MissingAnchor {
                        page: source,
                        anchor: a,
                    }),
                }
            }
            LinkTarget::Path { path, fragment } => {
                if path.is_empty() {
                    return Ok(None);
                }
                let dir = page.source_dir();
                let mut target = join_path(&dir, &path).ok_or(LinkProblem::OutsideSite)?;
                // `join_path` drops a trailing `/`; keep it so `weeks/` finds `weeks/_index.md`.
                if path.ends_with('/') && !target.is_empty() {
                    target.push('/');
                }
                let with_fragment = |url: String| match &fragment {
                    Some(f) => format!("{url}#{f}"),
                    None => url,
                };
                if let Some((lang, rel)) = target
                    .strip_prefix("content/")
                    .and_then(|rest| rest.split_once('/'))
                {
                    // A fallback page links to the pages of the language it is shown in.
                    let lang = if lang == page.source.lang {
                        shown
                    } else {
                        lang
                    };
                    if let Some(links) = self.find_page(lang, rel) {
                        return match &fragment {
                            Some(f) => {
                                fragment_url(links, &format!("content/{lang}/{rel}"), f).map(Some)
                            }
                            None => Ok(Some(links.url.clone())),
                        };
                    }
                }
                if let Some(out) = self.links.files.get(&target) {
                    return Ok(Some(with_fragment(out.clone())));
                }
                Err(LinkProblem::Missing(target))
            }
        }
    }
}

/// The URL of an anchor of a page: its own, or the one a translation gives a source's id.
fn fragment_url(links: &PageLinks, source: &str, anchor: &str) -> Result<String, LinkProblem> {
    let url = &links.url;
    if links.anchors().has_anchor(anchor) {
        Ok(format!("{url}#{anchor}"))
    } else if let Some(own) = links.aliases().get(anchor) {
        Ok(format!("{url}#{own}"))
    } else if links.source_anchors().is_some_and(|o| o.has_anchor(anchor)) {
        Err(LinkProblem::UnmappedAnchor {
            page: source.to_string(),
            anchor: anchor.to_string(),
            url: url.clone(),
        })
    } else {
        Err(LinkProblem::MissingAnchor {
            page: source.to_string(),
            anchor: anchor.to_string(),
        })
    }
}

/// Footnote references point at ids that pulldown-cmark makes, not headings.
fn is_footnote_anchor(a: &str) -> bool {
    a.starts_with("fn") || a.starts_with("fnref")
}
