//! The Circle Kit archive of a language: `downloads/<lang>/circle-kit.zip` with every PDF of
//! the language (week guides in both editions, kits, FAQ, whole program) and a short README.
//! Entries carry a fixed date, so an unchanged kit gives the same bytes build after build.

use std::fmt::Write as _;
use std::io::{Cursor, Write as _};

use zip::write::SimpleFileOptions;
use zip::{CompressionMethod, DateTime, ZipWriter};

use super::context::text;
use super::downloads::{folder, kit_file, week_file};
use super::pdf::Produced;
use super::strings::StringTable;
use crate::content::{Library, PageKind};
use crate::diagnostic::Diagnostic;
use crate::site::Site;

/// The output path of a language's archive.
pub fn circle_kit_path(lib: &Library) -> String {
    format!("{}circle-kit.zip", folder(&lib.lang))
}

/// Builds the archive of `lib`'s language from the PDFs made for it, or takes it from the
/// previous output through `reuse(path, key)` when its inputs did not change. Returns its
/// output path, bytes and the hash of its inputs.
pub fn circle_kit(
    site: &Site,
    lib: &Library,
    t: &StringTable,
    produced: &[Produced],
    reuse: &dyn Fn(&str, &str) -> Option<Vec<u8>>,
) -> Result<(String, Vec<u8>, String), Diagnostic> {
    let dir = folder(&lib.lang);
    let path = circle_kit_path(lib);
    let fail = |e: &dyn std::fmt::Display| {
        Diagnostic::error(&path, format!("cannot make the Circle Kit archive: {e}"))
    };
    let mut entries: Vec<(String, String)> = Vec::new();
    for w in lib.weeks() {
        let n = w.week.as_ref().map_or(0, |m| m.week);
        let kicker = format!("{} {n}: {}", text(t, "week"), w.title);
        entries.push((
            week_file(n, false),
            format!("{kicker} · {}", text(t, "member_edition")),
        ));
        entries.push((
            week_file(n, true),
            format!("{kicker} · {}", text(t, "moderator_edition")),
        ));
    }
    for k in lib.of_kind(PageKind::Kit) {
        entries.push((kit_file(k), k.title.clone()));
    }
    if let Some(faq) = lib.single(PageKind::Faq) {
        entries.push(("faq.pdf".into(), faq.title.clone()));
    }
    entries.push(("program.pdf".into(), text(t, "program_pdf").to_string()));
    let files: Vec<(&str, &Produced)> = entries
        .iter()
        .filter_map(|(name, _)| {
            let p = produced.iter().find(|p| p.path == format!("{dir}{name}"))?;
            Some((name.as_str(), p))
        })
        .collect();

    let mut readme = String::new();
    let program = site.config.title_in(&lib.lang);
    let _ = writeln!(
        readme,
        "{program}\n{}\n",
        "=".repeat(program.chars().count())
    );
    let description = site.config.description_in(&lib.lang);
    if !description.is_empty() {
        let _ = writeln!(readme, "{description}\n");
    }
    let _ = writeln!(readme, "{}\n", text(t, "kit_readme_contents"));
    for (name, title) in &entries {
        if files.iter().any(|(n, _)| n == name) {
            let _ = writeln!(readme, "  {name:<28} {title}");
        }
    }
    readme.push('\n');
    let base = &site.config.book.base_url;
    if !base.is_empty() {
        let _ = writeln!(
            readme,
            "{}: {base}{}",
            text(t, "online"),
            site.lang_prefix(&lib.lang)
        );
    }
    if !site.config.book.license.is_empty() {
        let _ = writeln!(
            readme,
            "{}: {}",
            text(t, "license"),
            site.config.book.license
        );
    }

    let mut inputs = readme.clone();
    for (name, p) in &files {
        let _ = writeln!(inputs, "{name} {}", p.key);
    }
    let key = super::pdf::cache::key(0, &inputs, &[]);
    if let Some(bytes) = reuse(&path, &key) {
        return Ok((path, bytes, key));
    }
    let mut zip = ZipWriter::new(Cursor::new(Vec::new()));
    let stored = SimpleFileOptions::default()
        .compression_method(CompressionMethod::Stored)
        .last_modified_time(DateTime::default())
        .unix_permissions(0o644);
    let deflated = stored.compression_method(CompressionMethod::Deflated);
    zip.start_file("README.txt", deflated)
        .map_err(|e| fail(&e))?;
    zip.write_all(readme.replace('\n', "\r\n").as_bytes())
        .map_err(|e| fail(&e))?;
    for (name, p) in files {
        // PDFs are compressed already; storing them keeps the build fast.
        zip.start_file(name, stored).map_err(|e| fail(&e))?;
        zip.write_all(&p.bytes).map_err(|e| fail(&e))?;
    }
    let bytes = zip.finish().map_err(|e| fail(&e))?.into_inner();
    Ok((path, bytes, key))
}
