//! The site and how it is loaded: the configuration with the command line's overrides,
//! every language's library, and the files under `assets/`.

use std::path::{Path, PathBuf};

use rayon::prelude::*;
use walkdir::WalkDir;

use crate::config::{CONFIG_FILE, Config};
use crate::content::boundary::Boundary;
use crate::content::{self, Library, LoadOptions, Page};
use crate::diagnostic::{Diagnostic, Diagnostics};

use super::links::LinkIndex;

/// Options of one build or check, from the command line.
#[derive(Debug, Clone, Default)]
pub struct SiteOptions {
    /// Overrides `[book] base-url`.
    pub base_url: Option<String>,
    /// Include drafts.
    pub drafts: bool,
    /// What the last load made of each source, for `serve` (none: every source is parsed).
    pub memo: Option<std::sync::Arc<content::SourceMemo>>,
}

/// Everything the later stages need: the root, the configuration, every library.
#[derive(Debug)]
pub struct Site {
    /// The site's root folder (where `book.toml` is), absolute.
    pub root: PathBuf,
    /// The configuration, with command-line overrides applied.
    pub config: Config,
    /// One library per language with content, the default language first.
    pub libraries: Vec<Library>,
    /// Files under `assets/`, relative to it with `/` separators.
    pub assets: Vec<String>,
    pub(super) links: LinkIndex,
}

impl Site {
    /// Finds the site root: `dir` if it has a `book.toml`, else the nearest ancestor that does.
    pub fn find_root(dir: &Path) -> Option<PathBuf> {
        dir.ancestors()
            .find(|d| d.join(CONFIG_FILE).is_file())
            .map(Path::to_path_buf)
    }

    /// Loads configuration and content. Returns the site with every diagnostic found while
    /// loading, or only diagnostics when the configuration itself is unusable.
    pub fn load(root: &Path, opts: &SiteOptions) -> Result<(Site, Diagnostics), Diagnostics> {
        let root = std::path::absolute(root).unwrap_or_else(|_| root.to_path_buf());
        let mut diags = Diagnostics::new();
        let mut config = match Config::load(&root) {
            Ok(c) => c,
            Err(ds) => {
                diags.extend(ds);
                return Err(diags);
            }
        };
        if let Some(url) = &opts.base_url {
            config.book.base_url = url.clone();
        }
        if !config.book.base_url.is_empty() && !config.book.base_url.ends_with('/') {
            config.book.base_url.push('/');
        }
        let has_content = root.join("content").is_dir();
        let load_opts = LoadOptions {
            drafts: opts.drafts,
            max_file_size: config.build.max_file_size.0,
            meeting_minutes: config.circle.meeting_minutes,
            memo: opts.memo.as_deref(),
        };
        let (langs, missing) = if has_content {
            language_folders(&root, &config)
        } else {
            Default::default()
        };
        // Before anything is read, a link out of the site stops here, naming it. The
        // folders are walked meanwhile (names only: nothing is read), each language's on
        // a thread of its own, and the assets listed.
        let boundary = Boundary::new(&root, &config.build.allow_symlinks_to);
        let walk = |lang: &String| content::walk_language(&root, lang, |p| boundary.contains(p));
        let ((outside, walked), assets) = rayon::join(
            || {
                rayon::join(
                    || boundary.outside_links(),
                    || langs.par_iter().map(walk).collect::<Vec<_>>(),
                )
            },
            || list_assets(&root),
        );
        if !outside.is_empty() {
            diags.extend(outside);
            return Err(diags);
        }
        if !has_content {
            diags.push(
                Diagnostic::error("content", "the site has no content/ folder")
                    .help(format!("create content/{}/_index.md", config.book.language)),
            );
            return Err(diags);
        }
        diags.extend(missing);
        // A language's files are read on all threads.
        let loaded: Vec<_> = walked
            .into_par_iter()
            .map(|walked| content::load_walked(walked, load_opts))
            .collect();
        let mut libraries = Vec::with_capacity(loaded.len());
        for (lib, problems) in loaded {
            diags.extend(problems);
            libraries.push(lib);
        }
        if let Some(memo) = &opts.memo {
            memo.finish();
        }
        if let Some((default, others)) = libraries.split_first_mut()
            && default.lang == config.book.language
        {
            for lib in others {
                content::i18n::complete_translation(lib, default);
            }
        }
        let mut site = Site {
            root,
            config,
            libraries,
            assets,
            links: LinkIndex::default(),
        };
        site.links = site.index_links();
        Ok((site, diags))
    }

    /// The URL prefix of a language: "" for the default language, "de/" for others.
    pub fn lang_prefix(&self, lang: &str) -> String {
        if lang == self.config.book.language {
            String::new()
        } else {
            format!("{lang}/")
        }
    }

    /// Every language's URL prefix, in the order of its libraries.
    pub fn lang_prefixes(&self) -> Vec<String> {
        self.libraries
            .iter()
            .map(|l| self.lang_prefix(&l.lang))
            .collect()
    }

    /// The site-relative URL of a page (language prefix included).
    pub fn page_url(&self, page: &Page) -> String {
        format!("{}{}", self.lang_prefix(&page.lang), page.url)
    }
}

/// The languages of `config` that have a folder under `content/`, and the error of a
/// default language without one.
fn language_folders(root: &Path, config: &Config) -> (Vec<String>, Vec<Diagnostic>) {
    let mut langs = Vec::new();
    let mut missing = Vec::new();
    for lang in config.language_codes() {
        if root.join("content").join(&lang).is_dir() {
            langs.push(lang);
        } else if lang == config.book.language {
            missing.push(
                Diagnostic::error(
                    format!("content/{lang}"),
                    format!("the default language `{lang}` has no content folder"),
                )
                .help(format!(
                    "create content/{lang}/ or change `[book] language` in book.toml"
                )),
            );
        }
    }
    (langs, missing)
}

fn list_assets(root: &Path) -> Vec<String> {
    list_files(&root.join("assets"))
}

/// Every file under `dir` (following links, skipping editor leftovers and dotfiles), as
/// `/`-separated paths relative to it, sorted.
pub(crate) fn list_files(dir: &Path) -> Vec<String> {
    let mut out = Vec::new();
    let walker = WalkDir::new(dir)
        .follow_links(true)
        .sort_by_file_name()
        .into_iter()
        .filter_entry(|e| {
            e.depth() == 0
                || !e
                    .file_name()
                    .to_str()
                    .is_some_and(content::source::is_ignored_name)
        });
    for entry in walker.flatten() {
        if !entry.file_type().is_file() {
            continue;
        }
        if let Some(rel) = entry.path().strip_prefix(dir).ok().and_then(Path::to_str) {
            out.push(rel.replace('\\', "/"));
        }
    }
    out
}
