//! The downloads of a build: which PDFs and archives exist, their sizes, and the lists of
//! them (with printable pages) that week, kit, FAQ and kits pages show. Only files that
//! this build made are listed: with `--no-pdf` the pages offer the printable pages alone.

use std::collections::BTreeMap;
#[cfg(feature = "pdf")]
use std::path::Path;

use super::context::{DownloadView, text};
use super::strings::StringTable;
use crate::content::{Library, Page, PageKind};
use crate::site::Site;

/// Where the PDF cache's manifest is written in the output: output path of every PDF and
/// archive → the hash of its inputs (see `render::pdf::cache`).
pub const MANIFEST: &str = "downloads/.pdf-manifest.json";

/// The PDFs and archives of a build, by output path.
#[derive(Debug, Default)]
pub struct Downloads {
    /// Every download the pages list, with its size when known (a pending file may not
    /// have one yet).
    sizes: BTreeMap<String, Option<u64>>,
    /// PDFs made or reused.
    pub pdfs: usize,
    /// PDFs taken unchanged from the previous output.
    pub pdfs_reused: usize,
    /// PDFs taken from the cache folder.
    pub pdfs_cached: usize,
    /// Files left to be made later (`serve` typesets in the background), by output path.
    pub pending: Vec<String>,
    /// What making them found worth a warning (a shallow clone's dates).
    pub warnings: Vec<crate::diagnostic::Diagnostic>,
}

/// A size for people: "840 B", "84 KB", "1.2 MB".
pub fn human_size(bytes: u64) -> String {
    if bytes < 1024 {
        format!("{bytes} B")
    } else if bytes < 1024 * 1024 {
        format!("{} KB", (bytes + 512) / 1024)
    } else {
        format!("{:.1} MB", bytes as f64 / (1024.0 * 1024.0))
    }
}

/// The output folder of a language's downloads, e.g. `downloads/en/`.
pub fn folder(lang: &str) -> String {
    format!("downloads/{lang}/")
}

/// The file name of a week guide's PDF, e.g. `week-01-member.pdf`.
pub fn week_file(number: u32, moderator: bool) -> String {
    let edition = if moderator { "moderator" } else { "member" };
    format!("week-{number:02}-{edition}.pdf")
}

/// The file name of a kit's PDF: `kit-<slug>.pdf`, the slug being its URL's last part.
pub fn kit_file(page: &Page) -> String {
    let slug = page
        .url
        .trim_end_matches('/')
        .rsplit('/')
        .next()
        .unwrap_or("kit");
    format!("kit-{slug}.pdf")
}

impl Downloads {
    /// Every download the pages list, with the size they show of it (none when unknown).
    pub fn listed(&self) -> &BTreeMap<String, Option<u64>> {
        &self.sizes
    }

    /// How many files (PDFs and archives) the build wrote.
    pub fn files(&self) -> usize {
        self.sizes
            .keys()
            .filter(|p| !self.pending.contains(p))
            .count()
    }

    /// Records a file of the output.
    pub fn add(&mut self, path: &str, size: u64) {
        self.sizes.insert(path.to_string(), Some(size));
    }

    /// Records a file that will be made later; `size` is its last known size, if any.
    pub fn add_pending(&mut self, path: &str, size: Option<u64>) {
        self.sizes.insert(path.to_string(), size);
        self.pending.push(path.to_string());
    }

    fn file(&self, path: String, title: String, kind: &'static str) -> Option<DownloadView> {
        let size = self.sizes.get(&path)?;
        Some(DownloadView {
            title,
            url: path,
            kind,
            size_human: size.map(human_size),
        })
    }

    /// What a page offers: a week its printable pages and PDFs, a kit or the FAQ its PDF,
    /// the kits page everything (see [`Downloads::for_kits`]).
    pub fn for_page(
        &self,
        site: &Site,
        lib: &Library,
        page: &Page,
        t: &StringTable,
    ) -> Vec<DownloadView> {
        if !listed_on(page.kind) {
            return Vec::new();
        }
        let dir = folder(&lib.lang);
        let prefix = site.lang_prefix(&lib.lang);
        match page.kind {
            PageKind::Week => {
                let n = page.week.as_ref().map_or(0, |w| w.week);
                let print = format!("{prefix}print/{}", page.url);
                let mut out = vec![
                    printable(text(t, "print_member"), print.clone()),
                    printable(text(t, "print_moderator"), format!("{print}moderator/")),
                ];
                out.extend(self.file(
                    format!("{dir}{}", week_file(n, false)),
                    text(t, "member_guide_pdf").to_string(),
                    "pdf",
                ));
                out.extend(self.file(
                    format!("{dir}{}", week_file(n, true)),
                    text(t, "moderator_guide_pdf").to_string(),
                    "pdf",
                ));
                out
            }
            PageKind::Kit => self
                .file(
                    format!("{dir}{}", kit_file(page)),
                    format!("{} (PDF)", page.title),
                    "pdf",
                )
                .into_iter()
                .collect(),
            PageKind::Faq => self
                .file(
                    format!("{dir}faq.pdf"),
                    text(t, "faq_pdf").to_string(),
                    "pdf",
                )
                .into_iter()
                .collect(),
            PageKind::KitsIndex => self.for_kits(site, lib, t),
            _ => Vec::new(),
        }
    }

    /// The kits page: the Circle Kit archive, the whole program, the FAQ and every kit.
    pub fn for_kits(&self, site: &Site, lib: &Library, t: &StringTable) -> Vec<DownloadView> {
        let dir = folder(&lib.lang);
        let mut out = Vec::new();
        out.extend(self.file(
            format!("{dir}circle-kit.zip"),
            text(t, "circle_kit_zip").to_string(),
            "zip",
        ));
        out.extend(self.file(
            format!("{dir}program.pdf"),
            text(t, "program_pdf").to_string(),
            "pdf",
        ));
        if !lib.weeks().is_empty() {
            out.push(printable(
                text(t, "print_program"),
                format!("{}print/program/", site.lang_prefix(&lib.lang)),
            ));
        }
        out.extend(self.file(
            format!("{dir}faq.pdf"),
            text(t, "faq_pdf").to_string(),
            "pdf",
        ));
        for kit in lib.of_kind(PageKind::Kit) {
            out.extend(self.file(
                format!("{dir}{}", kit_file(kit)),
                format!("{} (PDF)", kit.title),
                "pdf",
            ));
        }
        out
    }
}

fn printable(title: &str, url: String) -> DownloadView {
    DownloadView {
        title: title.to_string(),
        url,
        kind: "print",
        size_human: None,
    }
}

/// Whether pages of this kind list downloads ([`Downloads::for_page`]): the only pages
/// that must wait for the PDFs to be made.
pub fn listed_on(kind: PageKind) -> bool {
    kind.lists_downloads()
}

/// Lists every PDF and Circle Kit archive of the site as pending, with the size of the
/// previous output's file when there is one, making and writing nothing: `serve` shows
/// pages first and makes the downloads afterwards.
#[cfg(feature = "pdf")]
pub fn pending(site: &Site, sink: &dyn crate::output::Sink) -> Downloads {
    let mut d = Downloads::default();
    for lib in &site.libraries {
        let archive = super::bundle::circle_kit_path(lib);
        for path in super::pdf::paths(lib).into_iter().chain([archive]) {
            d.add_pending(&path, sink.previous(&path).map(|b| b.len() as u64));
        }
    }
    d.pending.push(MANIFEST.to_string());
    d
}

/// Without the `pdf` feature there is nothing to list.
#[cfg(not(feature = "pdf"))]
pub fn pending(_site: &Site, _sink: &dyn crate::output::Sink) -> Downloads {
    Downloads::default()
}

/// Makes every PDF and Circle Kit archive of the site and writes them into `sink`, taking
/// unchanged ones from the previous output or the cache folder `cache` and keeping them
/// there (a cache folder that cannot be used is a warning, never a failure).
#[cfg(feature = "pdf")]
pub fn make(
    site: &Site,
    templates: &super::templates::Templates,
    sink: &dyn crate::output::Sink,
    cache: Option<&crate::cache::CacheOptions>,
) -> Result<Downloads, crate::diagnostic::Diagnostics> {
    let empty = StringTable::new();
    let strings = |lang: &str| templates.strings.get(lang).unwrap_or(&empty);
    let dates = crate::content::dates::SourceDates::read(&site.root);
    let mut jobs = Vec::new();
    for lib in &site.libraries {
        let planned = super::pdf::plan_language(site, lib, strings(&lib.lang), &dates);
        jobs.extend(planned.map_err(|d| to_diags(vec![d]))?);
    }
    let mut d = Downloads::default();
    let disk = cache.and_then(|c| {
        crate::cache::DiskCache::open(c)
            .map_err(|w| d.warnings.push(w))
            .ok()
    });
    let (produced, mut manifests) =
        super::pdf::produce(site, jobs, sink, disk.as_ref()).map_err(to_diags)?;
    d.warnings.extend(dates.warning());
    d.warnings.append(&mut manifests.warnings);
    for p in &produced {
        d.add(&p.path, p.bytes.len() as u64);
        d.pdfs += 1;
        d.pdfs_reused += usize::from(p.reused);
        d.pdfs_cached += usize::from(p.cached);
    }
    for lib in &site.libraries {
        let (path, size) = circle_kit(
            site,
            lib,
            strings(&lib.lang),
            &produced,
            &mut manifests,
            sink,
            disk.as_ref(),
        )?;
        d.add(&path, size);
    }
    let manifest = super::pdf::cache::MANIFEST;
    sink.write(manifest, manifests.next.to_json())
        .map_err(|e| failure(&e, manifest))?;
    if let Some(disk) = &disk {
        disk.trim();
        d.warnings.extend(disk.warning());
    }
    Ok(d)
}

/// Makes (or takes from the previous output or the cache folder) the Circle Kit archive of
/// `lib`, writes it into `sink` and records it; returns its path and size.
#[cfg(feature = "pdf")]
fn circle_kit(
    site: &Site,
    lib: &Library,
    t: &StringTable,
    produced: &[super::pdf::Produced],
    manifests: &mut super::pdf::Manifests,
    sink: &dyn crate::output::Sink,
    disk: Option<&crate::cache::DiskCache>,
) -> Result<(String, u64), crate::diagnostic::Diagnostics> {
    let reuse = |path: &str, key: &str| {
        super::pdf::cache::find(&manifests.previous, sink, disk, path, key, "zip").map(|(b, _)| b)
    };
    let (path, zip, key) =
        super::bundle::circle_kit(site, lib, t, produced, &reuse).map_err(|e| to_diags(vec![e]))?;
    if let Some(disk) = disk {
        disk.keep(&key, "zip", &zip);
    }
    manifests.next.insert(&path, key);
    let size = zip.len() as u64;
    sink.write(&path, zip).map_err(|e| failure(&e, &path))?;
    Ok((path, size))
}

#[cfg(feature = "pdf")]
fn to_diags(ds: Vec<crate::diagnostic::Diagnostic>) -> crate::diagnostic::Diagnostics {
    let mut out = crate::diagnostic::Diagnostics::new();
    out.extend(ds);
    out
}

#[cfg(feature = "pdf")]
fn failure(e: &anyhow::Error, path: &str) -> crate::diagnostic::Diagnostics {
    to_diags(vec![crate::diagnostic::Diagnostic::from_failure(
        e,
        Path::new(path),
    )])
}

/// Checks, without typesetting, that the fonts for the PDFs cover every character of them;
/// the warnings (emoji printed as stand-ins) come back in an otherwise empty [`Downloads`].
#[cfg(feature = "pdf")]
pub fn check_fonts(
    site: &Site,
    templates: &super::templates::Templates,
) -> Result<Downloads, crate::diagnostic::Diagnostics> {
    let empty = StringTable::new();
    // Dates change no character's font: no need to ask git.
    let dates = crate::content::dates::SourceDates::default();
    let mut jobs = Vec::new();
    for lib in &site.libraries {
        let strings = templates.strings.get(&lib.lang).unwrap_or(&empty);
        let planned = super::pdf::plan_language(site, lib, strings, &dates);
        jobs.extend(planned.map_err(|d| to_diags(vec![d]))?);
    }
    let warnings = super::pdf::check_fonts(site, &jobs).map_err(|ds| {
        let mut out = crate::diagnostic::Diagnostics::new();
        out.extend(ds);
        out
    })?;
    Ok(Downloads {
        warnings,
        ..Downloads::default()
    })
}

/// Without the `pdf` feature there are no PDFs to check.
#[cfg(not(feature = "pdf"))]
pub fn check_fonts(
    _site: &Site,
    _templates: &super::templates::Templates,
) -> Result<Downloads, crate::diagnostic::Diagnostics> {
    Ok(Downloads::default())
}

/// Without the `pdf` feature there is nothing to make.
#[cfg(not(feature = "pdf"))]
pub fn make(
    _site: &Site,
    _templates: &super::templates::Templates,
    _sink: &dyn crate::output::Sink,
    _cache: Option<&crate::cache::CacheOptions>,
) -> Result<Downloads, crate::diagnostic::Diagnostics> {
    Ok(Downloads::default())
}
