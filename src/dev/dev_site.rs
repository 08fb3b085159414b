//! The site being served: the current snapshot of its files and problems, swapped whole
//! for the next one, and what the open pages must do to show it.

use std::collections::BTreeSet;
use std::path::PathBuf;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, Condvar, Mutex};
use std::time::Duration;

use crate::diagnostic::Diagnostics;

use super::changes::{Pages, classify, files_change};
use super::livereload::{self, Broadcaster, Change};

/// A rendered site: output path → bytes (shared with the render that reused them).
pub type Files = crate::output::MemoryFiles;

/// The parts of a snapshot but its id: files, errors, warnings.
type Parts = (Arc<Files>, Option<Diagnostics>, Diagnostics);

/// What the server shows: the last good files, and the errors of the last build if it failed.
#[derive(Debug)]
pub struct Snapshot {
    /// The last good site (empty when no build has worked yet).
    pub files: Arc<Files>,
    /// The diagnostics of the last build when it failed; `None` after a good build.
    pub errors: Option<Diagnostics>,
    /// The warnings of the last good build.
    pub warnings: Diagnostics,
    /// This build's id, which pages compare to know whether to reload.
    pub id: String,
}

/// The site being served: the current snapshot, the pages listening for the next one, and
/// the downloads still being made.
#[derive(Debug)]
pub struct DevSite {
    current: Mutex<Arc<Snapshot>>,
    events: Broadcaster,
    instance: String,
    generation: AtomicU64,
    pending: Mutex<BTreeSet<String>>,
    settled: Condvar,
}

impl DevSite {
    /// A site showing `files` and their `warnings`, or nothing and `errors` when the
    /// first build failed.
    pub fn new(
        files: impl Into<Arc<Files>>,
        errors: Option<Diagnostics>,
        warnings: Diagnostics,
    ) -> DevSite {
        // Differs between runs, so pages reload after the server restarts.
        let seed = std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map_or(0, |d| d.as_nanos() as u64)
            ^ u64::from(std::process::id());
        let instance = format!("{:x}", seed & 0xffff_ffff);
        let id = format!("{instance}-0");
        DevSite {
            current: Mutex::new(Arc::new(Snapshot {
                files: files.into(),
                errors,
                warnings,
                id,
            })),
            events: Broadcaster::default(),
            instance,
            generation: AtomicU64::new(0),
            pending: Mutex::new(BTreeSet::new()),
            settled: Condvar::new(),
        }
    }

    /// Says which downloads are being made (replacing the last list); a request for one
    /// of them waits for it (see [`DevSite::wait_for`]).
    pub fn set_pending(&self, paths: &[String]) {
        let mut pending = self.pending.lock().unwrap_or_else(|e| e.into_inner());
        *pending = paths.iter().cloned().collect();
        self.settled.notify_all();
    }

    /// Waits until the download at `path` is made (or given up), at most `limit`.
    pub fn wait_for(&self, path: &str, limit: Duration) {
        let pending = self.pending.lock().unwrap_or_else(|e| e.into_inner());
        let _unused = self
            .settled
            .wait_timeout_while(pending, limit, |p| p.contains(path));
    }

    /// Shows the last render again with its downloads made in the background. Its pages
    /// differ from the shown ones only in what they say of the downloads, which no open
    /// page needs to see at once: they are no change. But the theme's static files and the
    /// assets are read again, and one may have changed since that render (its rebuild is
    /// on the way and would find nothing new): such a change is told as a publish tells it.
    pub fn refresh(&self, files: impl Into<Arc<Files>>) -> Change {
        let files = files.into();
        self.replace(|current| {
            let change = files_change(&current.files, &files, Pages::FromDownloads);
            let (errors, warnings) = (current.errors.clone(), current.warnings.clone());
            (change, Some((files, errors, warnings)))
        })
    }

    /// The snapshot to answer a request from.
    pub fn current(&self) -> Arc<Snapshot> {
        self.lock().clone()
    }

    /// The open event streams.
    pub fn events(&self) -> &Broadcaster {
        &self.events
    }

    /// Shows a good build with its warnings (clearing any errors), and tells the pages
    /// what changed. `sources` are the changed source files it was built for (relative to
    /// the site root): when they are all Markdown under `content/`, pages patch themselves
    /// in place instead of reloading.
    pub fn publish(
        &self,
        files: impl Into<Arc<Files>>,
        warnings: Diagnostics,
        sources: &[PathBuf],
    ) -> Change {
        self.swap(
            Some((files.into(), warnings)),
            None,
            livereload::content_only(sources),
        )
    }

    /// Keeps the last good files and shows `errors` over them on every page.
    pub fn publish_errors(&self, errors: Diagnostics) -> Change {
        self.swap(None, Some(errors), false)
    }

    fn swap(
        &self,
        good: Option<(Arc<Files>, Diagnostics)>,
        errors: Option<Diagnostics>,
        content: bool,
    ) -> Change {
        self.replace(|current| {
            let old = (&*current.files, current.errors.as_ref(), &current.warnings);
            let change = classify(old, good.as_ref(), errors.as_ref(), content);
            if change == Change::Nothing {
                return (change, None);
            }
            let (files, warnings) =
                good.unwrap_or_else(|| (current.files.clone(), current.warnings.clone()));
            (change, Some((files, errors, warnings)))
        })
    }

    /// Swaps in the snapshot `next` makes of the current one (its files, errors and
    /// warnings; `None` keeps the current one) and tells the pages what `next` says
    /// changed. A snapshot that changes what pages show gets a new id; one that does not
    /// keeps the current id, so no open page reloads for it.
    fn replace(&self, next: impl FnOnce(&Snapshot) -> (Change, Option<Parts>)) -> Change {
        let mut result = Change::Nothing;
        self.events.announce(|| {
            let mut current = self.lock();
            let (change, parts) = next(&current);
            if let Some((files, errors, warnings)) = parts {
                let id = if change == Change::Nothing {
                    current.id.clone()
                } else {
                    self.next_id()
                };
                *current = Arc::new(Snapshot {
                    files,
                    errors,
                    warnings,
                    id,
                });
            }
            result = change;
            (change, current.id.clone())
        });
        result
    }

    /// The id of the next snapshot that changes what pages show.
    fn next_id(&self) -> String {
        let n = self.generation.fetch_add(1, Ordering::Relaxed) + 1;
        format!("{}-{n}", self.instance)
    }

    fn lock(&self) -> std::sync::MutexGuard<'_, Arc<Snapshot>> {
        self.current.lock().unwrap_or_else(|e| e.into_inner())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::diagnostic::Diagnostic;

    fn files(pairs: &[(&str, &str)]) -> Files {
        pairs
            .iter()
            .map(|(k, v)| (k.to_string(), v.as_bytes().to_vec().into()))
            .collect()
    }

    #[test]
    fn tells_pages_to_swap_styles_reload_or_do_nothing() {
        let site = DevSite::new(
            files(&[("index.html", "a"), ("s.css", "x")]),
            None,
            Diagnostics::new(),
        );
        let id0 = site.current().id.clone();
        assert_eq!(
            site.publish(
                files(&[("index.html", "a"), ("s.css", "x")]),
                Diagnostics::new(),
                &[]
            ),
            Change::Nothing
        );
        assert_eq!(site.current().id, id0);
        assert_eq!(
            site.publish(
                files(&[("index.html", "a"), ("s.css", "y")]),
                Diagnostics::new(),
                &[]
            ),
            Change::Styles
        );
        assert_eq!(
            site.publish(
                files(&[("index.html", "b"), ("s.css", "y")]),
                Diagnostics::new(),
                &[]
            ),
            Change::Pages
        );
        assert_eq!(
            site.publish(files(&[("index.html", "b")]), Diagnostics::new(), &[]),
            Change::Styles
        );
        assert_eq!(
            site.publish(
                files(&[("index.html", "b"), ("downloads/en/faq.pdf", "%PDF")]),
                Diagnostics::new(),
                &[]
            ),
            Change::Nothing,
            "a download is no page to reload"
        );
        assert_eq!(
            site.publish(files(&[]), Diagnostics::new(), &[]),
            Change::Pages
        );
        assert_ne!(site.current().id, id0);
    }

    #[test]
    fn a_failed_build_keeps_the_files_and_the_next_good_one_clears_the_errors() {
        let site = DevSite::new(files(&[("index.html", "a")]), None, Diagnostics::new());
        let mut ds = Diagnostics::new();
        ds.push(Diagnostic::error("content/en/faq.md", "broken"));
        assert_eq!(site.publish_errors(ds.clone()), Change::Pages);
        assert_eq!(site.publish_errors(ds), Change::Nothing);
        let now = site.current();
        assert!(now.errors.is_some());
        assert_eq!(
            now.files.get("index.html").map(|b| b.bytes().into_owned()),
            Some(b"a".to_vec())
        );
        assert_eq!(
            site.publish(files(&[("index.html", "a")]), Diagnostics::new(), &[]),
            Change::Pages
        );
        assert!(site.current().errors.is_none());
    }

    #[test]
    fn other_warnings_reload_the_pages_to_show_them() {
        let site = DevSite::new(files(&[("index.html", "a")]), None, Diagnostics::new());
        let mut ws = Diagnostics::new();
        ws.push(Diagnostic::warning("content/en/faq.md", "odd"));
        let same = || files(&[("index.html", "a")]);
        assert_eq!(site.publish(same(), ws.clone(), &[]), Change::Pages);
        assert_eq!(site.publish(same(), ws, &[]), Change::Nothing);
        assert_eq!(site.current().warnings.warnings(), 1);
        assert_eq!(site.publish(same(), Diagnostics::new(), &[]), Change::Pages);
    }

    #[test]
    fn a_markdown_edit_patches_pages_and_anything_else_reloads_them() {
        let page = |text: &str| files(&[("index.html", text), ("s.css", "x")]);
        let site = DevSite::new(page("a"), None, Diagnostics::new());
        let md = [PathBuf::from("content/en/faq.md")];
        assert_eq!(
            site.publish(page("b"), Diagnostics::new(), &md),
            Change::Content
        );
        assert_eq!(
            site.publish(page("b"), Diagnostics::new(), &md),
            Change::Nothing,
            "an edit that changes no page"
        );
        let template = [
            PathBuf::from("content/en/faq.md"),
            PathBuf::from("themes/default/templates/base.html"),
        ];
        assert_eq!(
            site.publish(page("c"), Diagnostics::new(), &template),
            Change::Pages
        );
        assert_eq!(
            site.publish(page("d"), Diagnostics::new(), &[PathBuf::from("book.toml")]),
            Change::Pages
        );
        let mut ws = Diagnostics::new();
        ws.push(Diagnostic::warning("content/en/faq.md", "odd"));
        assert_eq!(
            site.publish(page("e"), ws, &md),
            Change::Pages,
            "other warnings reload, to show them"
        );
        let mut ds = Diagnostics::new();
        ds.push(Diagnostic::error("content/en/faq.md", "broken"));
        site.publish_errors(ds);
        assert_eq!(
            site.publish(page("f"), Diagnostics::new(), &md),
            Change::Pages,
            "the errors' overlay goes"
        );
    }

    #[test]
    fn downloads_made_meanwhile_show_silently_but_a_file_read_again_is_told() {
        let site = DevSite::new(
            files(&[
                ("index.html", "a"),
                ("s.css", "x"),
                ("assets/i.svg", "<svg/>"),
            ]),
            None,
            Diagnostics::new(),
        );
        let id0 = site.current().id.clone();
        let sized = |css: &str, svg: &str| {
            files(&[
                ("index.html", "a, with the PDF's size"),
                ("s.css", css),
                ("assets/i.svg", svg),
                ("downloads/en/week-01.pdf", "%PDF"),
            ])
        };
        assert_eq!(site.refresh(sized("x", "<svg/>")), Change::Nothing);
        assert_eq!(site.current().id, id0, "no open page reloads");
        assert_eq!(
            site.current()
                .files
                .get("index.html")
                .map(|b| b.bytes().into_owned()),
            Some(b"a, with the PDF's size".to_vec())
        );
        // A stylesheet saved while the PDFs were typeset: the refresh reads it first.
        assert_eq!(site.refresh(sized("y", "<svg/>")), Change::Styles);
        assert_ne!(site.current().id, id0);
        assert_eq!(site.refresh(sized("y", "<svg></svg>")), Change::Pages);
        let mut ds = Diagnostics::new();
        ds.push(Diagnostic::error("content/en/faq.md", "broken"));
        site.publish_errors(ds);
        site.refresh(sized("y", "<svg></svg>"));
        assert!(site.current().errors.is_some(), "the errors stay shown");
    }
}
