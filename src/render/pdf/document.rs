//! Whole Typst documents: a week guide per edition, a kit or FAQ page, the whole program.
//! Each is a call of the template's `guide` with escaped values, then the page's parts.

use std::cell::RefCell;
use std::fmt::Write as _;

use super::typst::{LinkTo, Resolver, Writer, escape, string};
use crate::config::Paper;
use crate::content::Page;
use crate::content::dates::{SourceDates, ymd};
use crate::diagnostic::Diagnostic;
use crate::markdown::labels::Labels;
use crate::markdown::{Document, Step};
use crate::markdown::{Edition, LinkTarget, classify_link, links::join_path};
use crate::render::context::{agenda_view, text};
use crate::render::parsed::Parsed;
use crate::render::strings::StringTable;
use crate::site::Site;

/// "member" or "moderator", as in file names and UI string keys.
pub fn edition_name(edition: Edition) -> &'static str {
    match edition {
        Edition::Moderator => "moderator",
        _ => "member",
    }
}

/// What every document of a language shares.
pub struct DocMeta<'a> {
    /// The site.
    pub site: &'a Site,
    /// The program's name in this language.
    pub program: &'a str,
    /// The program's description in this language.
    pub description: &'a str,
    /// The language of the documents.
    pub lang: &'a str,
    /// Written right to left.
    pub rtl: bool,
    /// The paper size.
    pub paper: Paper,
    /// The UI strings of the language.
    pub strings: &'a StringTable,
    /// The words circlekit adds to Markdown (block titles), in this language.
    pub labels: Labels,
    /// When each source last changed.
    pub dates: &'a SourceDates,
}

/// A Typst document ready to compile: its source and the files it embeds.
#[derive(Debug, Clone, Default)]
pub struct Source {
    /// The Typst markup of the main file.
    pub text: String,
    /// Absolute virtual path → bytes of embedded files (images, the QR code). Paths start
    /// with the document's own folder (see [`Source::folder`]), so documents never clash.
    pub files: Vec<(String, Vec<u8>)>,
    /// The document's own virtual folder, e.g. `/files/downloads/en/faq.pdf`.
    pub folder: String,
    /// When its content last changed, in seconds since 1970: the PDF's creation date and
    /// its Circle Kit archive entry's date. None: undated.
    pub date: Option<i64>,
}

impl Source {
    /// An empty document whose files live under a folder named after its output path.
    pub fn new(output_path: &str) -> Source {
        Source {
            text: String::new(),
            files: Vec::new(),
            folder: format!("/files/{output_path}"),
            date: None,
        }
    }

    /// Adds a file; returns its virtual path.
    pub fn add_file(&mut self, name: &str, bytes: Vec<u8>) -> String {
        let path = format!("{}/{name}", self.folder);
        self.files.push((path.clone(), bytes));
        path
    }
}

/// The first part of a document: the template's `guide` with the document's title block.
pub struct Head<'a> {
    /// The title in the PDF's metadata.
    pub doc_title: String,
    /// The title shown on the first page.
    pub title: &'a str,
    /// The line above the title ("Week 1 of 12").
    pub kicker: Option<String>,
    /// The edition's name, when there are editions.
    pub edition: Option<&'a str>,
    /// The summary under the title.
    pub summary: &'a str,
    /// The date the content last changed, and the licence, for the footer.
    pub footer: String,
    /// Virtual path of the QR code image.
    pub qr: Option<String>,
}

fn content(s: &str) -> String {
    format!("[{}]", escape(s))
}

fn opt_content(s: Option<&str>) -> String {
    s.filter(|s| !s.is_empty())
        .map_or_else(|| "none".to_string(), content)
}

/// Writes the import and the `guide` show rule.
pub fn head(meta: &DocMeta<'_>, h: &Head<'_>) -> String {
    let t = meta.strings;
    let authors: Vec<String> = meta
        .site
        .config
        .book
        .authors
        .iter()
        .map(|a| string(a))
        .collect();
    let labels: Vec<String> = ["page", "note", "tip", "important", "warning", "caution"]
        .iter()
        .map(|k| format!("{k}: {}", string(text(t, &format!("label_{k}")))))
        .collect();
    format!(
        "#import \"/guide.typ\": *\n#show: guide.with(\n  doc-title: {},\n  program: {},\n  title: {},\n  kicker: {},\n  edition: {},\n  summary: {},\n  lang: {},\n  direction: {},\n  paper: {},\n  footer: {},\n  qr: {},\n  qr-label: {},\n  authors: ({}),\n  labels: ({},),\n{})\n\n",
        string(&h.doc_title),
        content(meta.program),
        content(h.title),
        opt_content(h.kicker.as_deref()),
        opt_content(h.edition),
        opt_content(Some(h.summary)),
        string(meta.lang),
        if meta.rtl { "rtl" } else { "ltr" },
        string(meta.paper.typst()),
        string(&h.footer),
        h.qr.as_deref().map_or_else(|| "none".to_string(), string),
        content(text(t, "scan_for_web")),
        authors.iter().map(|a| format!("{a},")).collect::<String>(),
        labels.join(", "),
        // Only when asked for: a theme's own template may not know the argument.
        if meta.site.config.print.justify {
            "  justify: true,\n"
        } else {
            ""
        },
    )
}

/// The agenda, outcomes and body of a week, with headings starting at `level`.
pub fn week_parts(
    meta: &DocMeta<'_>,
    page: &Page,
    edition: Edition,
    level: u8,
    doc: &mut Source,
) -> Result<String, Diagnostic> {
    let t = meta.strings;
    let mut out = String::new();
    let (agenda, total) = agenda_view(page);
    if !agenda.is_empty() {
        let minutes = page
            .week
            .as_ref()
            .map_or(meta.site.config.circle.meeting_minutes, |w| w.minutes);
        let title = format!(
            "{} · {}",
            text(t, "agenda"),
            crate::render::plural::count(t, meta.lang, "minutes_count", u64::from(minutes))
        );
        let _ = write!(
            out,
            "#agenda(level: {level}, title: {}, header: ({}, {}, {}), items: (",
            content(&title),
            content(text(t, "starts")),
            content(text(t, "item")),
            content(text(t, "min")),
        );
        for a in &agenda {
            let _ = write!(
                out,
                "({}, {}, {}), ",
                content(&format!("{}′", a.start)),
                content(a.title),
                content(&a.minutes.to_string())
            );
        }
        let _ = writeln!(
            out,
            "), total: ([], strong({}), strong({})))\n",
            content(text(t, "total")),
            content(&total.to_string())
        );
    }
    let outcomes = page
        .week
        .as_ref()
        .map_or(&[][..], |w| w.outcomes.as_slice());
    if !outcomes.is_empty() {
        let _ = write!(
            out,
            "#heading(level: {level}){}\n#list(",
            content(text(t, "take_away"))
        );
        for o in outcomes {
            let _ = write!(out, "{}, ", content(o));
        }
        out.push_str(")\n\n");
    }
    out.push_str(&body(meta, page, edition, level, doc)?);
    Ok(out)
}

/// The page's Markdown as Typst, its top headings at `level`.
pub fn body(
    meta: &DocMeta<'_>,
    page: &Page,
    edition: Edition,
    level: u8,
    doc: &mut Source,
) -> Result<String, Diagnostic> {
    let parsed = Parsed::of(page)?;
    let site = meta.site;
    let top = page
        .outline()
        .headings
        .iter()
        .map(|h| h.level)
        .min()
        .unwrap_or(2);
    let base = &site.config.book.base_url;
    let link = |dest: &str| -> LinkTo {
        match site.resolve_link(page, dest) {
            Ok(Some(target)) if !base.is_empty() => LinkTo::Web(format!("{base}{target}")),
            Ok(None) if matches!(classify_link(dest), LinkTarget::External) => {
                if dest.starts_with("http://")
                    || dest.starts_with("https://")
                    || dest.starts_with("mailto:")
                {
                    LinkTo::Web(dest.to_string())
                } else {
                    LinkTo::Text
                }
            }
            _ => LinkTo::Text,
        }
    };
    let embedded = RefCell::new(std::mem::take(doc));
    let image = |dest: &str| -> Option<String> {
        embed_image(site, page, dest, &mut embedded.borrow_mut())
    };
    let mut w = Writer::new(
        top,
        level,
        Resolver {
            link: &link,
            image: &image,
        },
    );
    write_body(&mut w, page, &parsed.doc, edition, &meta.labels);
    let markup = w.finish();
    *doc = embedded.into_inner();
    Ok(markup)
}

/// The walk over a page's structure (Markdown events, directive blocks, worksheets), the
/// same the HTML renderer makes, with one writer function per kind of step.
fn write_body(w: &mut Writer<'_>, page: &Page, doc: &Document, edition: Edition, labels: &Labels) {
    let mut sheets = page.outline().worksheets.iter();
    // Depth inside a block this edition leaves out (0: not skipping).
    let mut skip = 0usize;
    for step in doc.steps() {
        match step {
            Step::Event(event, _) if skip == 0 => w.event(event.clone()),
            Step::Event(..) => {}
            Step::Open(..) if skip > 0 => skip += 1,
            Step::Open(block, _) => {
                if !w.open_block(block, edition, labels) {
                    skip = 1;
                }
            }
            Step::Close(_) if skip > 0 => skip -= 1,
            Step::Close(_) => w.close_block(),
            // A round's time is in the printed text already; the marker itself prints nothing.
            Step::Round(..) => {}
            Step::Worksheet(src) => {
                let sheet = sheets.next();
                if skip == 0 {
                    match sheet.filter(|s| s.valid) {
                        Some(s) => w.worksheet(s),
                        None => w.code(
                            &src.lines
                                .iter()
                                .map(|(t, _)| t.as_str())
                                .collect::<String>(),
                        ),
                    }
                }
            }
        }
    }
}

/// Adds a local image to the document's files; `None` for web images and missing files.
fn embed_image(site: &Site, page: &Page, dest: &str, doc: &mut Source) -> Option<String> {
    let LinkTarget::Path { path, .. } = classify_link(dest) else {
        return None;
    };
    let dir = page.source_dir();
    let target = join_path(&dir, &path)?;
    let ext = target.rsplit_once('.')?.1.to_ascii_lowercase();
    if !matches!(
        ext.as_str(),
        "png" | "jpg" | "jpeg" | "gif" | "svg" | "webp"
    ) {
        return None;
    }
    let bytes = std::fs::read(site.root.join(&target)).ok()?;
    if !looks_whole(&ext, &bytes) {
        return None;
    }
    let name = format!("image-{}.{ext}", doc.files.len());
    Some(doc.add_file(&name, bytes))
}

/// Whether an image file looks complete (right signature and ending), so a damaged file
/// becomes its description in the PDF instead of stopping the build.
fn looks_whole(ext: &str, b: &[u8]) -> bool {
    match ext {
        "png" => {
            b.starts_with(b"\x89PNG\r\n\x1a\n")
                && b.len() > 45
                && b.ends_with(&[0xAE, 0x42, 0x60, 0x82])
        }
        "jpg" | "jpeg" => b.starts_with(&[0xFF, 0xD8]) && b.ends_with(&[0xFF, 0xD9]),
        "gif" => b.starts_with(b"GIF8") && b.ends_with(&[0x3B]),
        "webp" => {
            b.len() > 12
                && b.starts_with(b"RIFF")
                && &b[8..12] == b"WEBP"
                && u32::from_le_bytes([b[4], b[5], b[6], b[7]]) as usize + 8 == b.len()
        }
        "svg" => {
            std::str::from_utf8(b).is_ok_and(|t| t.contains("<svg") && t.trim_end().ends_with('>'))
        }
        _ => false,
    }
}

/// The day the newest of `pages` last changed, as seconds since 1970 at 00:00 UTC (see
/// [`crate::content::dates::SourceDates`]). A day, as the footer prints it:
/// two copies of a site made seconds apart still give the same PDFs.
pub fn date(meta: &DocMeta<'_>, pages: &[&Page]) -> Option<i64> {
    let root = &meta.site.root;
    let newest = meta
        .dates
        .newest(root, pages.iter().map(|p| p.source.path.as_path()))?;
    Some(newest - newest.rem_euclid(86_400))
}

/// The footer line: program, version, the date the content last changed, licence.
pub fn footer(meta: &DocMeta<'_>, date: Option<i64>) -> String {
    let c = &meta.site.config;
    let mut parts = vec![meta.program.to_string()];
    if !c.print.version.is_empty() {
        parts.push(c.print.version.clone());
    }
    if let Some(date) = date {
        parts.push(format!("{} {}", text(meta.strings, "updated"), ymd(date)));
    }
    if !c.book.license.is_empty() {
        parts.push(c.book.license.clone());
    }
    parts.join(" · ")
}
