//! Native PDFs, typeset in-process with Typst: each week guide per edition, each kit, the
//! FAQ and the whole program, per language, under `downloads/<lang>/`.
//!
//! Markdown events become Typst markup ([`typst`]), wrapped in a document that calls the
//! theme's template `typst/guide.typ` ([`document`]); fonts are built in or come from the
//! theme ([`fonts`]); a PDF whose inputs did not change is taken from the previous output
//! or the cache folder instead of typeset again ([`cache`]).

mod blocks;
pub mod cache;
mod chunks;
mod coverage;
pub mod document;
mod escape;
mod font_plan;
pub mod fonts;
mod job;
mod plan;
mod system_fonts;
mod template;
pub mod typst;

use std::path::{Path, PathBuf};

use ::typst::diag::SourceDiagnostic;
use ::typst::foundations::Smart;
use ::typst::syntax::{FileId, Source};
use ::typst::{World, WorldExt};
use rayon::prelude::*;
use typst_as_lib::TypstEngine;
use typst_as_lib::conversions::IntoFileId;
use typst_layout::PagedDocument;

use crate::cache::DiskCache;
use crate::diagnostic::Diagnostic;
use crate::output::Sink;
use crate::site::Site;
use cache::{MANIFEST, Manifest, Origin, find};
use coverage::check_coverage;
pub use coverage::check_fonts;
pub use job::Job;
pub use plan::{paths, plan_language};
use template::Template;

/// A PDF that exists in the output after this build.
#[derive(Debug, Clone)]
pub struct Produced {
    /// Output path.
    pub path: String,
    /// The file.
    pub bytes: Vec<u8>,
    /// True when it was taken from the previous output instead of typeset again.
    pub reused: bool,
    /// True when it was taken from the cache folder instead of typeset again.
    pub cached: bool,
    /// The hash of its inputs (see [`cache`]).
    pub key: String,
    /// When its content last changed, in seconds since 1970 (see [`document::Source::date`]).
    pub date: Option<i64>,
}

/// The cache manifests: the previous output's, and this build's (to write at the end).
#[derive(Debug, Default)]
pub struct Manifests {
    /// What the previous output recorded.
    pub previous: Manifest,
    /// What this build records.
    pub next: Manifest,
    /// Warnings of the PDFs (emoji printed as stand-ins).
    pub warnings: Vec<Diagnostic>,
}

/// Makes every PDF of `jobs` (taking unchanged ones from the previous output or the cache
/// folder `disk`), writes them into `sink` and keeps them in `disk`, and returns them in
/// the order of `jobs` with the manifests (the caller adds its archives and writes
/// [`MANIFEST`]).
pub fn produce(
    site: &Site,
    jobs: Vec<Job<'_>>,
    sink: &dyn Sink,
    disk: Option<&DiskCache>,
) -> Result<(Vec<Produced>, Manifests), Vec<Diagnostic>> {
    let template = template::load(site).map_err(|d| vec![d])?;
    let theme_fonts =
        fonts::ThemeFonts::read(&site.root, &site.config.theme.name).map_err(|d| vec![d])?;
    let common = cache::common_key(&template.text, &theme_fonts);
    let base = theme_fonts.load().map_err(|d| vec![d])?;
    let plan = font_plan::FontPlan::new(&jobs, base, &site.config.print.fonts);
    let previous = sink
        .previous(MANIFEST)
        .map(|b| Manifest::parse(&b))
        .unwrap_or_default();
    let mut manifest = Manifest::default();
    let mut done: Vec<Option<Produced>> = Vec::with_capacity(jobs.len());
    let mut todo = Vec::new();
    for (i, job) in jobs.iter().enumerate() {
        let key = cache::key(
            plan.key(common, i),
            &job.path,
            &job.source.text,
            &job.source.files,
            job.source.date,
        );
        manifest.insert(&job.path, key.clone());
        let found = find(&previous, sink, disk, &job.path, &key, "pdf");
        done.push(found.map(|(bytes, origin)| Produced {
            path: job.path.clone(),
            bytes,
            reused: origin == Origin::Previous,
            cached: origin == Origin::Cache,
            key,
            date: job.source.date,
        }));
        if done[i].is_none() {
            todo.push(i);
        }
    }
    let key_of = |i: usize| manifest.get(&jobs[i].path).unwrap_or_default().to_string();
    let write = |path: &str, bytes: &[u8]| {
        sink.write(path, bytes.to_vec())
            .map_err(|e| vec![Diagnostic::from_failure(&e, Path::new(path))])
    };
    // Found ones come from the previous output (then kept in the cache folder too) or from
    // the cache folder.
    for p in done.iter().flatten() {
        if let Some(disk) = disk.filter(|_| p.reused) {
            disk.keep(&p.key, "pdf", &p.bytes);
        }
        write(&p.path, &p.bytes)?;
    }
    if !todo.is_empty() {
        check_coverage(site, &jobs, &todo, &plan.fonts)?;
        // Each PDF is written and kept as soon as it is made, while others are typeset.
        let keep = |i: usize, bytes: &[u8]| {
            if let Some(disk) = disk {
                disk.put(&key_of(i), "pdf", bytes);
            }
            write(&jobs[i].path, bytes)
        };
        let made = typeset(site, &template, &jobs, &todo, &plan, &keep)?;
        for (i, bytes) in todo.into_iter().zip(made) {
            done[i] = Some(Produced {
                path: jobs[i].path.clone(),
                bytes,
                reused: false,
                cached: false,
                key: key_of(i),
                date: jobs[i].source.date,
            });
        }
    }
    let produced: Vec<Produced> = done.into_iter().flatten().collect();
    Ok((
        produced,
        Manifests {
            previous,
            next: manifest,
            warnings: plan.warnings(&jobs),
        },
    ))
}

/// One document typeset, or why it could not be.
type Typeset = Result<Vec<u8>, Vec<Diagnostic>>;

/// What is done with each document as soon as it is typeset (the index of its job, its
/// bytes): written out and kept.
type Made<'a> = dyn Fn(usize, &[u8]) -> Result<(), Vec<Diagnostic>> + Sync + 'a;

/// Typesets the documents `todo` of `jobs` in parallel.
fn typeset(
    site: &Site,
    template: &Template,
    jobs: &[Job<'_>],
    todo: &[usize],
    plan: &font_plan::FontPlan,
    made: &Made<'_>,
) -> Result<Vec<Vec<u8>>, Vec<Diagnostic>> {
    let pool = pdf_threads()?;
    let (sources, binaries) = sources(&pool, template, jobs, todo, plan);
    let engine = TypstEngine::builder()
        .fonts(plan.fonts.clone())
        .with_static_source_file_resolver(sources)
        .with_static_file_resolver(binaries)
        .comemo_evict_max_age(None)
        .build();
    // Longest first, one document per task: the whole program (the longest by far) starts
    // at once instead of last, and no thread is left alone with it at the end.
    let mut order = todo.to_vec();
    order.sort_by_key(|&i| std::cmp::Reverse(jobs[i].source.text.len()));
    let make = |i: usize| -> Typeset {
        let main = id(&format!("/doc/{i}.typ"));
        let world = engine
            .world_builder(main)
            .with_inputs(inputs(&plan.families[i]))
            .build()
            .map_err(|e| {
                vec![Diagnostic::error(
                    &jobs[i].path,
                    format!("cannot prepare the PDF: {e}"),
                )]
            })?;
        let doc = ::typst::compile::<PagedDocument>(&world)
            .output
            .map_err(|errs| describe(site, template, &jobs[i], &world, &errs))?;
        let options = typst_pdf::PdfOptions {
            ident: Smart::Custom(jobs[i].path.clone()),
            timestamp: jobs[i].source.date.and_then(timestamp),
            ..Default::default()
        };
        let bytes = typst_pdf::pdf(&doc, &options)
            .map_err(|errs| describe(site, template, &jobs[i], &world, &errs))?;
        made(i, &bytes)?;
        Ok(bytes)
    };
    let made: Vec<(usize, Typeset)> = pool.install(|| {
        order
            .par_iter()
            .with_max_len(1)
            .map(|&i| (i, make(i)))
            .collect()
    });
    // Keep what this run laid out for the next (`serve` typesets again after each edit);
    // older runs' layouts cost 40 MB at 10,000 pages and made no run faster.
    ::typst::comemo::evict(1);
    // Back to the order of `todo`.
    let mut by_job: std::collections::HashMap<usize, Typeset> = made.into_iter().collect();
    let results = todo.iter().filter_map(|i| by_job.remove(i));
    let mut out = Vec::with_capacity(todo.len());
    let mut problems = Vec::new();
    for r in results {
        match r {
            Ok(b) => out.push(b),
            Err(ds) => problems.extend(ds),
        }
    }
    if problems.is_empty() {
        Ok(out)
    } else {
        Err(problems)
    }
}

/// The threads that typeset. Typst recurses deeply while laying out; they get a larger
/// stack than rayon's default so a long guide cannot overflow it (least of all in debug
/// builds).
fn pdf_threads() -> Result<rayon::ThreadPool, Vec<Diagnostic>> {
    rayon::ThreadPoolBuilder::new()
        .stack_size(64 << 20)
        .thread_name(|i| format!("circlekit-pdf-{i}"))
        .build()
        .map_err(|e| {
            let why = format!("cannot start the PDF threads: {e}");
            vec![Diagnostic::error("downloads", why)]
        })
}

/// Files Typst reads as bytes: virtual path → content.
type Files = Vec<(FileId, Vec<u8>)>;

/// What Typst reads for the documents `todo`: the template, each document's main file and
/// the pieces they share (parsed), and their images. The documents are written, cut and
/// parsed on `pool`, idle until then (the other threads render pages meanwhile), so the
/// first document starts sooner.
fn sources(
    pool: &rayon::ThreadPool,
    template: &Template,
    jobs: &[Job<'_>],
    todo: &[usize],
    plan: &font_plan::FontPlan,
) -> (Vec<Source>, Files) {
    pool.install(|| {
        let cut: Vec<(Source, chunks::Pieces)> = todo
            .par_iter()
            .map(|&i| {
                let mut pieces = chunks::Pieces::default();
                let main = pieces.cut(&plan.source(jobs, i));
                (Source::new(id(&format!("/doc/{i}.typ")), main), pieces)
            })
            .collect();
        let mut sources = vec![Source::new(id("/guide.typ"), template.text.clone())];
        let mut binaries = Vec::new();
        let mut pieces = chunks::Pieces::default();
        for (&i, (main, theirs)) in todo.iter().zip(cut) {
            sources.push(main);
            pieces.absorb(theirs);
            for (path, bytes) in &jobs[i].source.files {
                binaries.push((id(path), bytes.clone()));
            }
        }
        let files: Vec<(String, String)> = pieces.into_files().collect();
        sources.par_extend(
            files
                .into_par_iter()
                .map(|(path, text)| Source::new(id(&path), text)),
        );
        (sources, binaries)
    })
}

/// A date in seconds since 1970 as the PDF's creation date (UTC): the same for the same
/// content, never the time of the build.
fn timestamp(secs: i64) -> Option<typst_pdf::Timestamp> {
    let (y, mo, d, h, mi, s) = crate::content::dates::civil(secs);
    let datetime =
        ::typst::foundations::Datetime::from_ymd_hms(i32::try_from(y).ok()?, mo, d, h, mi, s)?;
    Some(typst_pdf::Timestamp::new_utc(datetime))
}

/// The `sys.inputs` of a document: `circlekit-fonts`, the families the template tries after
/// its own for characters they lack.
fn inputs(families: &[String]) -> ::typst::foundations::Dict {
    use ::typst::foundations::{Array, IntoValue, Value};
    let list: Array = families
        .iter()
        .map(|f| Value::Str(f.as_str().into()))
        .collect();
    let mut d = ::typst::foundations::Dict::new();
    d.insert("circlekit-fonts".into(), list.into_value());
    d
}

fn id(path: &str) -> FileId {
    path.into_file_id()
}

/// Typst's errors as diagnostics: in the template at its line, else at the page.
fn describe(
    site: &Site,
    template: &Template,
    job: &Job<'_>,
    world: &dyn World,
    errs: &[SourceDiagnostic],
) -> Vec<Diagnostic> {
    errs.iter()
        .map(|e| {
            let file = e.span.id();
            let range = world.range(e.span);
            let hints: Vec<&str> = e.hints.iter().map(|h| h.v.as_str()).collect();
            if file == Some(id("/guide.typ")) {
                let mut d =
                    Diagnostic::error(&template.path, format!("PDF template error: {}", e.message))
                        .help(if hints.is_empty() {
                            "fix the Typst template".to_string()
                        } else {
                            hints.join("; ")
                        });
                if let Some(r) = range {
                    d = d.at_span(&template.text, r);
                }
                d
            } else {
                let origin = job
                    .pages
                    .first()
                    .map_or_else(|| PathBuf::from(&job.path), |p| p.source.path.clone());
                Diagnostic::error(
                    origin,
                    format!("the PDF {} cannot be typeset: {}", job.path, e.message),
                )
                .help(
                    std::iter::once(format!(
                        "this is a problem of circlekit or of themes/{}/typst/guide.typ",
                        site.config.theme.name
                    ))
                    .chain(hints.iter().map(|h| h.to_string()))
                    .collect::<Vec<_>>()
                    .join("; "),
                )
            }
        })
        .collect()
}
