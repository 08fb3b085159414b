//! The Circle Kit archive of a language: `downloads/<lang>/circle-kit.zip` with every PDF of
//! the language (week guides in both editions, kits, FAQ, whole program) and a short README.
//! Each entry carries the date its content last changed (in UTC; the README the newest of
//! them), so the same commit gives the same bytes in every clone, build after build.

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

/// The files a language's Circle Kit holds, by file name, with their titles, in order.
fn kit_entries(lib: &Library, t: &StringTable) -> Vec<(String, String)> {
    let mut entries: Vec<(String, String)> = Vec::new();
    for w in lib.weeks() {
        let n = w.week.as_ref().map_or(0, |m| m.week);
        let kicker = format!(
            "{}: {}",
            text(t, "week_n").replace("{n}", &n.to_string()),
            w.title
        );
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
    entries
}

/// The archive's README: the program, what each file is, where it is online, its licence.
fn readme(
    site: &Site,
    lib: &Library,
    t: &StringTable,
    entries: &[(String, String)],
    files: &[(&str, &Produced)],
) -> String {
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
    for (name, title) in entries {
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
    readme
}

/// Builds the archive of `lib`'s language from the PDFs made for it, or takes it from the
/// previous output or the cache folder through `reuse(path, key)` when its inputs did not
/// change. Returns its
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
    let entries = kit_entries(lib, t);
    let files: Vec<(&str, &Produced)> = entries
        .iter()
        .filter_map(|(name, _)| {
            let p = produced.iter().find(|p| p.path == format!("{dir}{name}"))?;
            Some((name.as_str(), p))
        })
        .collect();

    let readme = readme(site, lib, t, &entries, &files);

    let newest = files.iter().filter_map(|(_, p)| p.date).max();
    let mut inputs = readme.clone();
    for (name, p) in &files {
        let _ = writeln!(inputs, "{name} {} {:?}", p.key, p.date);
    }
    let key = super::pdf::cache::key(0, &path, &inputs, &[], newest);
    if let Some(bytes) = reuse(&path, &key) {
        return Ok((path, bytes, key));
    }
    let mut zip = ZipWriter::new(Cursor::new(Vec::new()));
    let stored = SimpleFileOptions::default()
        .compression_method(CompressionMethod::Stored)
        .unix_permissions(0o644);
    let deflated = stored
        .compression_method(CompressionMethod::Deflated)
        .last_modified_time(zip_time(newest));
    zip.start_file("README.txt", deflated)
        .map_err(|e| fail(&e))?;
    zip.write_all(readme.replace('\n', "\r\n").as_bytes())
        .map_err(|e| fail(&e))?;
    for (name, p) in files {
        // PDFs are compressed already; storing them keeps the build fast.
        let options = stored.last_modified_time(zip_time(p.date));
        zip.start_file(name, options).map_err(|e| fail(&e))?;
        zip.write_all(&p.bytes).map_err(|e| fail(&e))?;
    }
    let bytes = zip.finish().map_err(|e| fail(&e))?.into_inner();
    Ok((path, bytes, key))
}

/// A date in seconds since 1970 as a ZIP entry's time, in UTC (ZIP times have no zone).
/// ZIP reaches from 1980 to 2107: earlier or missing dates become 1980-01-01.
fn zip_time(secs: Option<i64>) -> DateTime {
    let Some(secs) = secs else {
        return DateTime::default();
    };
    let (y, mo, d, h, mi, s) = crate::content::dates::civil(secs);
    u16::try_from(y)
        .ok()
        .and_then(|y| DateTime::from_date_and_time(y, mo, d, h, mi, s).ok())
        .unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::zip_time;

    #[test]
    fn zip_times_are_utc_and_clamped_to_what_zip_can_hold() {
        let t = zip_time(Some(1_709_251_200 + 3 * 3600 + 4 * 60 + 6));
        assert_eq!(
            (
                t.year(),
                t.month(),
                t.day(),
                t.hour(),
                t.minute(),
                t.second()
            ),
            (2024, 3, 1, 3, 4, 6)
        );
        assert_eq!(zip_time(Some(0)).year(), 1980);
        assert_eq!(zip_time(None).year(), 1980);
    }
}
