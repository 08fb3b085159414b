//! The pipeline end to end: config → content → check → render → output (most pages are
//! checked once the render has outlined them: see [`check::Part`]).

use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use anyhow::Result;

use crate::cache::CacheOptions;
use crate::check;
use crate::diagnostic::{Diagnostic, Diagnostics};
use crate::output::{self, NullSink};
use crate::render::{self, PageCache, Pdfs, RenderOptions, RenderSummary, Sink, Templates};
use crate::site::{Site, SiteOptions};

mod error;

pub use error::BuildError;

/// Options of `build` and `check`.
#[derive(Debug, Clone)]
pub struct BuildOptions {
    /// Base URL and drafts.
    pub site: SiteOptions,
    /// Overrides `[output] dir` (relative to the current folder).
    pub output: Option<PathBuf>,
    /// Replace an output folder that circlekit did not make.
    pub force: bool,
    /// Treat warnings as errors.
    pub strict: bool,
    /// Make PDFs and Circle Kit archives (`build --no-pdf` turns this off for fast
    /// previews; `serve` may too). Default: true when built with the `pdf` feature.
    pub pdf: bool,
    /// The cache folder for typeset PDFs (see [`crate::cache`]). Default: none; the
    /// command line picks the platform's cache folder unless told otherwise.
    pub cache: Option<CacheOptions>,
    /// The last check's findings on each page, for `serve`. Default: none (every page is
    /// checked).
    pub checks: Option<std::sync::Arc<check::CheckMemo>>,
}

#[allow(
    clippy::derivable_impls,
    reason = "the default follows the `pdf` feature, which is off in some builds"
)]
impl Default for BuildOptions {
    fn default() -> Self {
        BuildOptions {
            site: SiteOptions::default(),
            output: None,
            force: false,
            strict: false,
            pdf: cfg!(feature = "pdf"),
            cache: None,
            checks: None,
        }
    }
}

/// What a successful run did.
#[derive(Debug)]
pub struct Outcome {
    /// Pages and files rendered.
    pub summary: RenderSummary,
    /// Languages built.
    pub languages: Vec<String>,
    /// Where the site was written (for `build`).
    pub out: Option<PathBuf>,
    /// Warnings (and, when the run failed, errors).
    pub diagnostics: Diagnostics,
    /// How long it took.
    pub elapsed: Duration,
}

/// Loads and checks the site, and loads its templates. Diagnostics come back either way;
/// the site only when nothing stops rendering.
pub fn prepare(root: &Path, opts: &BuildOptions) -> (Option<(Site, Templates)>, Diagnostics) {
    prepare_part(root, opts, check::Part::All)
}

/// [`prepare`], with the checks of `part` only.
fn prepare_part(
    root: &Path,
    opts: &BuildOptions,
    part: check::Part,
) -> (Option<(Site, Templates)>, Diagnostics) {
    match Site::load(root, &opts.site) {
        Ok((site, diags)) => prepare_site(site, diags, opts, part),
        Err(d) => (None, d),
    }
}

/// Checks (the `part` of the checks) a loaded site and loads its templates, as [`prepare`]
/// does. A site that will not render because of what this finds is checked in full, so
/// that every problem is reported at once.
fn prepare_site(
    site: Site,
    mut diags: Diagnostics,
    opts: &BuildOptions,
    part: check::Part,
) -> (Option<(Site, Templates)>, Diagnostics) {
    check::check_site_part(&site, &mut diags, opts.checks.as_deref(), part);
    let templates = match Templates::load(&site.root, &site.config.theme.name) {
        Ok(mut t) => {
            let langs: Vec<String> = site.libraries.iter().map(|l| l.lang.clone()).collect();
            let (strings, problems) = render::strings::load(
                &site.root,
                &site.config.theme.name,
                &site.config.book.language,
                &langs,
            );
            diags.extend(problems);
            t.strings = strings;
            t.timeout = site.config.build.template_timeout.0;
            Some(t)
        }
        Err(ds) => {
            diags.extend(ds);
            None
        }
    };
    let stops = templates.is_none() || diags.fails(opts.strict);
    if part == check::Part::BeforeRender && stops {
        diags.extend(checks_after_render(opts.strict)(&site));
    }
    (templates.map(|t| (site, t)), diags)
}

/// Renders the site into `sink`. Fails with every diagnostic when the site has errors (or
/// warnings, when `strict`); the site as a whole and the pages outlined at load (weeks,
/// kits, the FAQ: what PDFs are made of) are checked before anything is written, the
/// other pages once the render has outlined them from the one parse that renders each
/// (on failure, the caller discards what was written: see [`build`]).
pub fn render_into(
    root: &Path,
    opts: &BuildOptions,
    sink: &dyn Sink,
) -> Result<Outcome, Diagnostics> {
    render_into_cached(root, opts, sink, None)
}

/// Like [`render_into`], reusing pages of `cache` whose inputs did not change (for `serve`).
/// The result is byte for byte what [`render_into`] gives.
pub fn render_into_cached(
    root: &Path,
    opts: &BuildOptions,
    sink: &dyn Sink,
    cache: Option<&PageCache>,
) -> Result<Outcome, Diagnostics> {
    let start = Instant::now();
    let before = prepare_part(root, opts, check::Part::BeforeRender);
    let prepared = accept(before, root, opts.strict)?;
    let pdf = if opts.pdf { Pdfs::Now } else { Pdfs::Off };
    let render_opts = RenderOptions {
        pdf,
        search_index: true,
        pdf_cache: opts.cache.clone(),
        index_later: false,
    };
    let later = checks_after_render(opts.strict);
    let outcome = render_prepared_then(&prepared, sink, cache, render_opts, &later, opts.strict);
    crate::free::drop_meanwhile(prepared);
    let mut outcome = outcome?;
    outcome.elapsed = start.elapsed();
    Ok(outcome)
}

/// The checks of the pages a render outlines (see [`check::Part`]); with `strict`, their
/// warnings are errors.
fn checks_after_render(strict: bool) -> impl Fn(&Site) -> Diagnostics {
    move |site| {
        let mut found = Diagnostics::new();
        check::check_site_part(site, &mut found, None, check::Part::AfterRender);
        if strict {
            check::warnings_as_errors(found)
        } else {
            found
        }
    }
}

/// A site loaded and checked without errors, with its templates and its warnings.
pub struct Prepared {
    /// The site.
    pub site: Site,
    /// Its templates and UI strings.
    pub templates: Templates,
    /// What loading and checking found (warnings only).
    pub diagnostics: Diagnostics,
}

impl std::fmt::Debug for Prepared {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Prepared")
            .field("root", &self.site.root)
            .finish_non_exhaustive()
    }
}

/// Loads and checks the site; fails with every diagnostic when it has errors (or
/// warnings, when `strict`).
pub fn prepare_checked(root: &Path, opts: &BuildOptions) -> Result<Prepared, Diagnostics> {
    accept(prepare(root, opts), root, opts.strict)
}

/// Lets a prepared site through unless it has errors; with `strict`, warnings are errors.
fn accept(
    (prepared, diags): (Option<(Site, Templates)>, Diagnostics),
    root: &Path,
    strict: bool,
) -> Result<Prepared, Diagnostics> {
    let mut diags = if strict {
        check::warnings_as_errors(diags)
    } else {
        diags
    };
    match prepared.filter(|_| !diags.fails(strict)) {
        Some((site, templates)) => Ok(Prepared {
            site,
            templates,
            diagnostics: diags,
        }),
        None => {
            finish(&mut diags, root);
            Err(diags)
        }
    }
}

/// Renders a prepared site into `sink` (reusing pages of `cache`), as `render_opts` say.
/// `elapsed` of the outcome is the render's time only.
pub fn render_prepared(
    prepared: &Prepared,
    sink: &dyn Sink,
    cache: Option<&PageCache>,
    render_opts: RenderOptions,
) -> Result<Outcome, Diagnostics> {
    render_prepared_then(
        prepared,
        sink,
        cache,
        render_opts,
        &|_| Diagnostics::new(),
        false,
    )
}

/// [`render_prepared`], then the checks `later` (what they find is added; it fails the
/// run when it has errors, or anything at all when `strict`).
fn render_prepared_then(
    prepared: &Prepared,
    sink: &dyn Sink,
    cache: Option<&PageCache>,
    render_opts: RenderOptions,
    later: &(dyn Fn(&Site) -> Diagnostics + Sync),
    strict: bool,
) -> Result<Outcome, Diagnostics> {
    let start = Instant::now();
    let site = &prepared.site;
    let mut diags = prepared.diagnostics.clone();
    // The later checks run while the render writes its last files, or after it when it
    // stopped early.
    let found = std::sync::OnceLock::new();
    let check = || {
        found.get_or_init(|| later(site));
    };
    let rendered =
        render::render_site_then(site, &prepared.templates, sink, cache, render_opts, &check);
    let found = found.into_inner().unwrap_or_else(|| later(site));
    let fails = found.fails(strict);
    diags.extend(found);
    match rendered {
        Ok(summary) if !fails => {
            diags.extend(summary.warnings.iter().cloned());
            finish(&mut diags, &site.root);
            Ok(Outcome {
                summary,
                languages: site.libraries.iter().map(|l| l.lang.clone()).collect(),
                out: None,
                diagnostics: diags,
                elapsed: start.elapsed(),
            })
        }
        Ok(summary) => {
            diags.extend(summary.warnings.iter().cloned());
            finish(&mut diags, &site.root);
            Err(diags)
        }
        Err(ds) => {
            diags.extend(ds);
            finish(&mut diags, &site.root);
            Err(diags)
        }
    }
}

/// Makes the paths of `diags` relative to the site's `root` and sorts them.
pub fn finish(diags: &mut Diagnostics, root: &Path) {
    let root = std::path::absolute(root).unwrap_or_else(|_| root.to_path_buf());
    diags.relative_to(&root);
    diags.sort();
}

/// `circlekit check`: everything `build` does except writing. PDFs are not typeset, but
/// their fonts are checked to cover their text (unless `opts.pdf` is off). Also returns
/// how many pages it looked at, whether it failed or not.
pub fn check(root: &Path, opts: &BuildOptions) -> (Result<Outcome, Diagnostics>, usize) {
    let start = Instant::now();
    let (site, diags) = match Site::load(root, &opts.site) {
        Ok(s) => s,
        Err(mut d) => {
            finish(&mut d, root);
            return (Err(d), 0);
        }
    };
    let pages = check::pages_looked_at(&site);
    let render_opts = RenderOptions {
        pdf: if opts.pdf { Pdfs::Check } else { Pdfs::Off },
        search_index: false,
        pdf_cache: None,
        index_later: false,
    };
    // As in a build, most pages are checked once the render has outlined them.
    let later = checks_after_render(opts.strict);
    let result = accept(
        prepare_site(site, diags, opts, check::Part::BeforeRender),
        root,
        opts.strict,
    )
    .and_then(|prepared| {
        render_prepared_then(&prepared, &NullSink, None, render_opts, &later, opts.strict)
    })
    .map(|mut outcome| {
        outcome.elapsed = start.elapsed();
        outcome
    });
    (result, pages)
}

/// `circlekit build`: renders into a staging folder beside the output, then swaps it into
/// place. On any failure the previous output is left exactly as it was. Only one build at
/// a time writes into an output folder: another one waits (saying so through `waiting`).
pub fn build(
    root: &Path,
    opts: &BuildOptions,
    waiting: &dyn Fn(&Path),
) -> Result<Outcome, BuildError> {
    let start = Instant::now();
    let one = |d: Diagnostic| {
        let mut ds = Diagnostics::new();
        ds.push(d);
        ds
    };
    let out = match &opts.output {
        Some(o) => o.clone(),
        None => {
            // The output folder comes from book.toml; read it before anything else.
            match crate::config::Config::load(root) {
                Ok(c) => root.join(c.output.dir),
                Err(ds) => {
                    let mut d = Diagnostics::new();
                    d.extend(ds);
                    return Err(BuildError::Failed(d));
                }
            }
        }
    };
    let staging = output::stage(root, &out, opts.force, waiting).map_err(|e| match e {
        output::StageError::Busy(d) => BuildError::Busy(one(d)),
        output::StageError::Refused(d) => BuildError::failed(one(d)),
    })?;
    let result = render_into(root, opts, &staging);
    match result {
        Ok(mut outcome) => {
            let out = staging.out().to_path_buf();
            if let Err(e) = staging.commit() {
                let mut ds = outcome.diagnostics;
                ds.push(Diagnostic::from_failure(&e, &out));
                return Err(BuildError::failed(ds));
            }
            outcome.out = Some(out);
            outcome.elapsed = start.elapsed();
            Ok(outcome)
        }
        Err(ds) => {
            staging.abort();
            Err(BuildError::failed(ds))
        }
    }
}

#[cfg(test)]
mod tests;
