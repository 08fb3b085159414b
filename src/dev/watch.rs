//! Watching the site's sources: content/, themes/, assets/ and book.toml, never the output.
//!
//! Folders are watched recursively (a watch on a single file dies at the first atomic
//! save); the root itself is watched flat, for book.toml and for content/, themes/ or
//! assets/ appearing later. Events pass a short debouncer, then a filter that drops editor
//! temporaries, dotfiles and our own reads; what is left goes to the rebuild loop.

use std::path::{Component, Path, PathBuf};
use std::sync::mpsc::Sender;
use std::time::Duration;

use anyhow::{Context as _, Result};
use notify::event::{AccessKind, AccessMode, MetadataKind, ModifyKind};
use notify::{EventKind, PollWatcher, RecommendedWatcher, RecursiveMode};
use notify_debouncer_full::{
    DebounceEventResult, DebouncedEvent, Debouncer, RecommendedCache, new_debouncer_opt,
};

use crate::config::CONFIG_FILE;

/// The folders of a site that hold sources.
pub const SOURCE_DIRS: [&str; 3] = ["content", "themes", "assets"];

/// How long a path must be quiet before its change is passed on. Short on purpose: an
/// editor's save is a burst of a few events within a few milliseconds.
pub const QUIET: Duration = Duration::from_millis(20);

/// How often `--poll` looks at the files (reading them whole: a fallback, not the default).
pub const POLL_INTERVAL: Duration = Duration::from_millis(250);

/// What the watcher tells the rebuild loop.
#[derive(Debug)]
pub enum Signal {
    /// These sources changed (paths relative to the site root; `.` means "rescan all").
    Changed(Vec<PathBuf>),
    /// The watcher had a problem; the message says what to do.
    Problem(String),
    /// Downloads made in the background (`serve`).
    Pdfs(Box<super::pdf_work::PdfDone>),
    /// Stop the loop (Ctrl-C).
    Stop,
}

enum Inner {
    Native(Debouncer<RecommendedWatcher, RecommendedCache>),
    Poll(Debouncer<PollWatcher, RecommendedCache>),
}

/// A running watcher; dropping it stops watching.
pub struct Watcher {
    inner: Inner,
    root: PathBuf,
    watched: Vec<&'static str>,
}

impl std::fmt::Debug for Watcher {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Watcher")
            .field("root", &self.root)
            .field("polling", &self.is_polling())
            .finish()
    }
}

impl Watcher {
    /// Starts watching the site at `root`, sending changes to `tx`. With `poll`, or when
    /// the system's watcher cannot be used (e.g. its watch limit is reached), polls instead.
    pub fn start(root: &Path, poll: bool, tx: Sender<Signal>) -> Result<(Watcher, Option<String>)> {
        let root = std::path::absolute(root).unwrap_or_else(|_| root.to_path_buf());
        if !poll {
            match Watcher::native(&root, tx.clone()) {
                Ok(w) => return Ok((w, None)),
                Err(e) => {
                    let hint = fallback_hint(&e);
                    let w = Watcher::polling(&root, tx)?;
                    return Ok((w, Some(hint)));
                }
            }
        }
        Ok((Watcher::polling(&root, tx)?, None))
    }

    fn native(root: &Path, tx: Sender<Signal>) -> Result<Watcher, notify::Error> {
        let handler = handler(root.to_path_buf(), tx);
        let d = new_debouncer_opt(
            QUIET,
            None,
            handler,
            RecommendedCache::new(),
            notify::Config::default(),
        )?;
        let mut w = Watcher {
            inner: Inner::Native(d),
            root: root.to_path_buf(),
            watched: Vec::new(),
        };
        w.watch_all()?;
        Ok(w)
    }

    fn polling(root: &Path, tx: Sender<Signal>) -> Result<Watcher> {
        let handler = handler(root.to_path_buf(), tx);
        // The poller sees modification times in whole seconds only, so two saves within a
        // second would look alike: compare contents too.
        let config = notify::Config::default()
            .with_poll_interval(POLL_INTERVAL)
            .with_compare_contents(true);
        let d = new_debouncer_opt(QUIET, None, handler, RecommendedCache::new(), config)
            .context("cannot start polling for changes")?;
        let mut w = Watcher {
            inner: Inner::Poll(d),
            root: root.to_path_buf(),
            watched: Vec::new(),
        };
        w.watch_all()
            .with_context(|| format!("cannot watch {}", root.display()))?;
        Ok(w)
    }

    /// True when polling instead of using file-system events.
    pub fn is_polling(&self) -> bool {
        matches!(self.inner, Inner::Poll(_))
    }

    fn watch(&mut self, path: &Path, mode: RecursiveMode) -> Result<(), notify::Error> {
        match &mut self.inner {
            Inner::Native(d) => d.watch(path, mode),
            Inner::Poll(d) => d.watch(path, mode),
        }
    }

    fn watch_all(&mut self) -> Result<(), notify::Error> {
        let root = self.root.clone();
        self.watch(&root, RecursiveMode::NonRecursive)?;
        self.refresh_dirs()
    }

    /// Watches source folders that appeared since the last call (a new `themes/`, or
    /// `content/` put back after a checkout). Call it after every batch of changes.
    pub fn refresh(&mut self) -> Option<String> {
        self.refresh_dirs()
            .err()
            .map(|e| format!("cannot watch a new folder: {e}"))
    }

    fn refresh_dirs(&mut self) -> Result<(), notify::Error> {
        for dir in SOURCE_DIRS {
            let path = self.root.join(dir);
            let exists = path.is_dir();
            let known = self.watched.contains(&dir);
            if exists && !known {
                self.watch(&path, RecursiveMode::Recursive)?;
                self.watched.push(dir);
            } else if !exists && known {
                self.watched.retain(|d| *d != dir);
            }
        }
        Ok(())
    }
}

fn fallback_hint(e: &notify::Error) -> String {
    match e.kind {
        notify::ErrorKind::MaxFilesWatch => format!(
            "the system's limit of watched folders is reached ({e}); polling for changes instead\n  = help: raise it with `sudo sysctl fs.inotify.max_user_watches=524288`"
        ),
        _ => format!(
            "cannot use file-system events ({e}); polling for changes instead\n  = help: pass --poll to choose this yourself"
        ),
    }
}

fn handler(root: PathBuf, tx: Sender<Signal>) -> impl FnMut(DebounceEventResult) + Send + 'static {
    move |result: DebounceEventResult| match result {
        Ok(events) => {
            let paths = relevant_paths(&root, &events);
            if !paths.is_empty() {
                let _ = tx.send(Signal::Changed(paths));
            }
        }
        Err(errors) => {
            let text: Vec<String> = errors.iter().map(ToString::to_string).collect();
            let _ = tx.send(Signal::Problem(format!(
                "watching for changes: {}",
                text.join("; ")
            )));
        }
    }
}

/// The source paths (relative to `root`) that a batch of events touched, without repeats.
pub fn relevant_paths(root: &Path, events: &[DebouncedEvent]) -> Vec<PathBuf> {
    let mut out: Vec<PathBuf> = Vec::new();
    for e in events {
        if e.need_rescan() {
            out.push(PathBuf::from("."));
            continue;
        }
        if !is_change(&e.kind) {
            continue;
        }
        for p in &e.paths {
            if let Some(rel) = source_path(root, p)
                && !out.contains(&rel)
            {
                out.push(rel);
            }
        }
    }
    out
}

/// True for events that can change what a build reads. Opening a file (our own build
/// reads every source) and access-time updates are not changes.
pub fn is_change(kind: &EventKind) -> bool {
    match kind {
        EventKind::Access(AccessKind::Close(AccessMode::Write)) => true,
        EventKind::Access(_) => false,
        EventKind::Modify(ModifyKind::Metadata(MetadataKind::AccessTime)) => false,
        _ => true,
    }
}

/// The path relative to `root` when it is a source a build reads: book.toml, or something
/// inside content/, themes/ or assets/ that is not an editor temporary or a dotfile.
pub fn source_path(root: &Path, path: &Path) -> Option<PathBuf> {
    let rel = path.strip_prefix(root).ok()?;
    let names: Vec<&str> = rel
        .components()
        .map(|c| match c {
            Component::Normal(n) => n.to_str().unwrap_or("."),
            _ => ".",
        })
        .collect();
    let first = *names.first()?;
    if names.len() == 1 && first == CONFIG_FILE {
        return Some(rel.to_path_buf());
    }
    if !SOURCE_DIRS.contains(&first) || names.iter().any(|n| is_editor_temporary(n)) {
        return None;
    }
    Some(rel.to_path_buf())
}

/// Names editors and tools write beside a file while saving it: swap and backup files,
/// dotfiles (`.#x`, `.x.swp`), vim's `4913` probe, JetBrains' and Chrome's temporaries.
pub fn is_editor_temporary(name: &str) -> bool {
    crate::content::source::is_ignored_name(name)
        || name.ends_with(".bak")
        || name.ends_with(".orig")
        || name.ends_with(".crswap")
        || name.ends_with("___jb_tmp___")
        || name.ends_with("___jb_old___")
        || (name.starts_with('#') && name.ends_with('#'))
}

#[cfg(test)]
mod tests {
    use super::*;
    use notify::event::{CreateKind, RenameMode};

    #[test]
    fn keeps_sources_and_drops_temporaries_output_and_dotfiles() {
        let root = Path::new("/site");
        let rel = |p: &str| source_path(root, &root.join(p));
        assert_eq!(rel("book.toml"), Some(PathBuf::from("book.toml")));
        assert_eq!(
            rel("content/en/faq.md"),
            Some(PathBuf::from("content/en/faq.md"))
        );
        assert!(rel("themes/default/templates/base.html").is_some());
        assert!(rel("assets/new-folder").is_some());
        for dropped in [
            "public/index.html",
            "README.md",
            "content/en/.faq.md.swp",
            "content/en/faq.md~",
            "content/en/4913",
            "content/en/.#faq.md",
            "content/en/#faq.md#",
            "content/en/faq.md.tmp",
            "content/.git/x",
            "themes/x/a.html___jb_tmp___",
        ] {
            assert_eq!(rel(dropped), None, "{dropped}");
        }
        assert_eq!(source_path(root, Path::new("/elsewhere/book.toml")), None);
    }

    #[test]
    fn reads_are_not_changes_but_writes_renames_and_creates_are() {
        assert!(!is_change(&EventKind::Access(AccessKind::Open(
            AccessMode::Any
        ))));
        assert!(is_change(&EventKind::Access(AccessKind::Close(
            AccessMode::Write
        ))));
        assert!(is_change(&EventKind::Modify(ModifyKind::Name(
            RenameMode::Both
        ))));
        assert!(is_change(&EventKind::Create(CreateKind::Folder)));
        assert!(!is_change(&EventKind::Modify(ModifyKind::Metadata(
            MetadataKind::AccessTime
        ))));
    }
}
