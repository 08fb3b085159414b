//! Which PDFs a language gets, and where: week guides in both editions, kits, the FAQ and
//! the whole program, all under `downloads/<lang>/`.

use std::fmt::Write as _;

use super::document::{self, DocMeta, Head, Source, edition_name};
use super::job::Job;
use super::typst::string;
use crate::content::dates::SourceDates;
use crate::content::{Library, Page, PageKind};
use crate::diagnostic::Diagnostic;
use crate::markdown::Edition;
use crate::markdown::labels::Labels;
use crate::render::context::text;
use crate::render::downloads::{folder, kit_file, week_file};
use crate::render::strings::{StringTable, is_rtl};
use crate::site::Site;

/// What one PDF is made of.
enum Target<'a> {
    /// A week guide in one edition.
    Week(&'a Page, Edition),
    /// A kit or the FAQ, on its own.
    Single(&'a Page),
    /// The whole program (member edition).
    Program(Vec<&'a Page>),
}

/// Every PDF of one language, with its output path, in a stable order.
fn targets(lib: &Library) -> Vec<(String, Target<'_>)> {
    let dir = folder(&lib.lang);
    let mut out = Vec::new();
    let weeks = lib.weeks();
    for page in &weeks {
        let number = page.week.as_ref().map_or(0, |w| w.week);
        for edition in [Edition::Member, Edition::Moderator] {
            let path = format!("{dir}{}", week_file(number, edition == Edition::Moderator));
            out.push((path, Target::Week(page, edition)));
        }
    }
    for page in lib.of_kind(PageKind::Kit) {
        out.push((format!("{dir}{}", kit_file(page)), Target::Single(page)));
    }
    if let Some(page) = lib.single(PageKind::Faq) {
        out.push((format!("{dir}faq.pdf"), Target::Single(page)));
    }
    if !weeks.is_empty() {
        out.push((format!("{dir}program.pdf"), Target::Program(weeks)));
    }
    out
}

/// The output paths of every PDF of one language, without making their sources (what
/// `serve` lists before typesetting).
pub fn paths(lib: &Library) -> Vec<String> {
    targets(lib).into_iter().map(|(path, _)| path).collect()
}

/// Every PDF of one language, in a stable order, dated by `dates`.
pub fn plan_language<'a>(
    site: &'a Site,
    lib: &'a Library,
    strings: &'a StringTable,
    dates: &SourceDates,
) -> Result<Vec<Job<'a>>, Diagnostic> {
    let meta = DocMeta {
        site,
        program: site.config.title_in(&lib.lang),
        description: site.config.description_in(&lib.lang),
        lang: &lib.lang,
        rtl: is_rtl(&lib.lang),
        paper: site.config.print.paper,
        strings,
        labels: Labels::from_strings(lib.lang.as_str(), &|k| strings.get(k).cloned()),
        dates,
    };
    targets(lib)
        .into_iter()
        .map(|(path, target)| match target {
            Target::Week(page, edition) => Ok(Job {
                source: week(&meta, page, edition, &path)?,
                path,
                pages: vec![page],
            }),
            Target::Single(page) => Ok(Job {
                source: single(&meta, page, &path)?,
                path,
                pages: vec![page],
            }),
            Target::Program(weeks) => Ok(Job {
                source: program(&meta, &weeks, &path)?,
                path,
                pages: weeks,
            }),
        })
        .collect()
}

fn kicker(meta: &DocMeta<'_>, number: u32) -> String {
    text(meta.strings, "week_of")
        .replace("{n}", &number.to_string())
        .replace("{total}", &meta.site.config.circle.weeks.to_string())
}

fn week(
    meta: &DocMeta<'_>,
    page: &Page,
    edition: Edition,
    path: &str,
) -> Result<Source, Diagnostic> {
    let t = meta.strings;
    let mut doc = Source::new(path);
    doc.date = document::date(meta, &[page]);
    let number = page.week.as_ref().map_or(0, |w| w.week);
    let key = format!("{}_edition", edition_name(edition));
    let edition_name = text(t, &key);
    let qr = qr_code(meta, page).map(|svg| doc.add_file("qr.svg", svg.into_bytes()));
    let head = Head {
        doc_title: format!(
            "{}: {} · {} ({edition_name})",
            text(t, "week_n").replace("{n}", &number.to_string()),
            page.title,
            meta.program
        ),
        title: &page.title,
        kicker: Some(kicker(meta, number)),
        edition: Some(edition_name),
        summary: page.week.as_ref().map_or("", |w| w.summary.as_str()),
        footer: document::footer(meta, doc.date),
        qr,
    };
    let mut text = document::head(meta, &head);
    text.push_str(&document::week_parts(meta, page, edition, 1, &mut doc)?);
    doc.text = text;
    Ok(doc)
}

fn single(meta: &DocMeta<'_>, page: &Page, path: &str) -> Result<Source, Diagnostic> {
    let mut doc = Source::new(path);
    doc.date = document::date(meta, &[page]);
    let qr = qr_code(meta, page).map(|svg| doc.add_file("qr.svg", svg.into_bytes()));
    let head = Head {
        doc_title: format!("{} · {}", page.title, meta.program),
        title: &page.title,
        kicker: None,
        edition: None,
        summary: &page.description,
        footer: document::footer(meta, doc.date),
        qr,
    };
    let mut text = document::head(meta, &head);
    text.push_str(&document::body(meta, page, Edition::Member, 1, &mut doc)?);
    doc.text = text;
    Ok(doc)
}

fn program(meta: &DocMeta<'_>, weeks: &[&Page], path: &str) -> Result<Source, Diagnostic> {
    let t = meta.strings;
    let mut doc = Source::new(path);
    doc.date = document::date(meta, weeks);
    let head = Head {
        doc_title: format!("{} · {}", meta.program, text(t, "the_program")),
        title: meta.program,
        kicker: Some(text(t, "the_program").to_string()),
        edition: Some(text(t, "member_edition")),
        summary: meta.description,
        footer: document::footer(meta, doc.date),
        qr: None,
    };
    let mut text = document::head(meta, &head);
    text.push_str("#outline(depth: 1)\n\n");
    for page in weeks {
        let number = page.week.as_ref().map_or(0, |w| w.week);
        let summary = page.week.as_ref().map_or("", |w| w.summary.as_str());
        let _ = writeln!(
            text,
            "#section(kicker: {}, title: [{}], summary: {})\n",
            string(&kicker(meta, number)),
            super::typst::escape(&page.title),
            if summary.is_empty() {
                "none".to_string()
            } else {
                format!("[{}]", super::typst::escape(summary))
            },
        );
        text.push_str(&document::week_parts(
            meta,
            page,
            Edition::Member,
            2,
            &mut doc,
        )?);
    }
    doc.text = text;
    Ok(doc)
}

/// An SVG QR code of the page's web address, when `base-url` is set and QR codes are on.
fn qr_code(meta: &DocMeta<'_>, page: &Page) -> Option<String> {
    let base = &meta.site.config.book.base_url;
    if base.is_empty() || !meta.site.config.print.qr_code {
        return None;
    }
    let url = format!("{base}{}", meta.site.page_url(page));
    let code = qrcode::QrCode::new(url.as_bytes()).ok()?;
    let width = code.width();
    let quiet = 2;
    let size = width + 2 * quiet;
    let mut path = String::new();
    for (i, color) in code.to_colors().iter().enumerate() {
        if *color == qrcode::Color::Dark {
            let _ = write!(path, "M{} {}h1v1h-1z", i % width + quiet, i / width + quiet);
        }
    }
    Some(format!(
        "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 {size} {size}\" shape-rendering=\"crispEdges\"><rect width=\"{size}\" height=\"{size}\" fill=\"#fff\"/><path d=\"{path}\" fill=\"#000\"/></svg>"
    ))
}
