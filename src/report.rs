//! Everything circlekit says to the terminal, in one voice: diagnostics, progress and summaries.

use std::time::Duration;

use crate::build::Outcome;
use crate::diagnostic::Diagnostics;

/// How much to say.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Default)]
pub enum Verbosity {
    /// Errors only.
    Quiet,
    /// Errors, warnings and a one-line summary.
    #[default]
    Normal,
    /// Also what is being done.
    Verbose,
}

/// Prints diagnostics to stderr (warnings are left out when quiet).
pub fn diagnostics(diags: &Diagnostics, v: Verbosity) {
    let mut text = String::new();
    for d in diags.iter() {
        if d.is_error() || v > Verbosity::Quiet {
            text.push_str(&d.render());
            text.push('\n');
        }
    }
    eprint!("{text}");
}

/// Formats a duration for people: "41 ms", "2.3 s".
pub fn duration(d: Duration) -> String {
    if d.as_millis() < 1000 {
        format!("{} ms", d.as_millis())
    } else {
        format!("{:.1} s", d.as_secs_f64())
    }
}

fn plural(n: usize, one: &str, many: &str) -> String {
    format!("{n} {}", if n == 1 { one } else { many })
}

fn counts(diags: &Diagnostics) -> String {
    format!(
        "{}, {}",
        plural(diags.errors(), "error", "errors"),
        plural(diags.warnings(), "warning", "warnings")
    )
}

/// The last line of `build`.
pub fn built(o: &Outcome, v: Verbosity) {
    if v == Verbosity::Quiet {
        return;
    }
    let out = o
        .out
        .as_ref()
        .map(|p| p.display().to_string())
        .unwrap_or_default();
    let warnings = o.diagnostics.warnings();
    let tail = if warnings > 0 {
        format!(", {}", plural(warnings, "warning", "warnings"))
    } else {
        String::new()
    };
    let pdfs = pdf_counts(o.summary.pdfs, o.summary.pdfs_reused, o.summary.pdfs_cached);
    eprintln!(
        "built {} ({}) into {out} in {}{pdfs}{tail}",
        plural(o.summary.pages, "page", "pages"),
        o.languages.join(", "),
        duration(o.elapsed),
    );
}

/// ", 30 PDFs", ", 30 PDFs (27 unchanged)", ", 30 PDFs (28 from the cache)" or both:
/// how many PDFs the output holds, and of those how many were not typeset again.
fn pdf_counts(all: usize, unchanged: usize, cached: usize) -> String {
    if all == 0 {
        return String::new();
    }
    let notes: Vec<String> = [(unchanged, "unchanged"), (cached, "from the cache")]
        .into_iter()
        .filter(|(n, _)| *n > 0)
        .map(|(n, what)| format!("{n} {what}"))
        .collect();
    let notes = match notes.is_empty() {
        true => String::new(),
        false => format!(" ({})", notes.join(", ")),
    };
    format!(", {}{notes}", plural(all, "PDF", "PDFs"))
}

/// The last line of `clean --cache`.
pub fn cache_emptied(
    dir: &std::path::Path,
    entries: usize,
    bytes: u64,
    elapsed: Duration,
    v: Verbosity,
) {
    if v > Verbosity::Quiet {
        eprintln!(
            "emptied the PDF cache {}: removed {} ({}) in {}",
            dir.display(),
            plural(entries, "file", "files"),
            crate::render::downloads::human_size(bytes),
            duration(elapsed)
        );
    }
}

/// The last line of `check`.
pub fn checked(diags: &Diagnostics, pages: usize, elapsed: Duration, v: Verbosity) {
    if v == Verbosity::Quiet {
        return;
    }
    eprintln!(
        "checked {}: {} in {}",
        plural(pages, "page", "pages"),
        counts(diags),
        duration(elapsed)
    );
}

/// The last line of a failed command.
pub fn failed(what: &str, diags: &Diagnostics, elapsed: Duration) {
    eprintln!("{what} failed: {} in {}", counts(diags), duration(elapsed));
}

/// What changed, for the end of a rebuild line: "content/en/faq.md", "a.md and 3 more".
fn changed_list(changed: &[std::path::PathBuf]) -> String {
    let first = changed
        .first()
        .map(|p| p.display().to_string().replace('\\', "/"))
        .unwrap_or_default();
    match changed.len() {
        0 => String::new(),
        1 => first,
        n => format!("{first} and {} more", n - 1),
    }
}

/// The first line of `serve`: where the site is, and how its first build went.
pub fn serving(url: &str, first: Result<&Outcome, &Diagnostics>, v: Verbosity) {
    match first {
        Ok(o) if v > Verbosity::Quiet => eprintln!(
            "serving {url} — {} in {}",
            plural(o.summary.pages, "page", "pages"),
            duration(o.elapsed)
        ),
        Ok(_) => {}
        Err(d) => eprintln!(
            "serving {url} — the first build failed ({}); fix it and save, pages will update",
            counts(d)
        ),
    }
}

/// The first line of `watch`.
pub fn watching(root: &std::path::Path, first: Result<&Outcome, &Diagnostics>, v: Verbosity) {
    match first {
        Ok(o) => built(o, v),
        Err(d) => failed("build", d, std::time::Duration::ZERO),
    }
    if v > Verbosity::Quiet {
        eprintln!("watching {} for changes (Ctrl-C to stop)", root.display());
    }
}

/// One line per good rebuild: "rebuilt 9 pages in 8 ms (content/en/faq.md)".
pub fn rebuilt(o: &Outcome, changed: &[std::path::PathBuf], reused: usize, v: Verbosity) {
    if v == Verbosity::Quiet {
        return;
    }
    let warnings = o.diagnostics.warnings();
    let tail = if warnings > 0 {
        format!(", {}", plural(warnings, "warning", "warnings"))
    } else {
        String::new()
    };
    let reused = if v == Verbosity::Verbose && reused > 0 {
        format!(", {reused} unchanged")
    } else {
        String::new()
    };
    eprintln!(
        "rebuilt {} in {}{reused}{tail} ({})",
        plural(o.summary.pages, "page", "pages"),
        duration(o.elapsed),
        changed_list(changed)
    );
}

/// One line per failed rebuild, after its diagnostics.
pub fn rebuild_failed(
    diags: &Diagnostics,
    elapsed: Duration,
    changed: &[std::path::PathBuf],
    keeps: &str,
) {
    eprintln!(
        "rebuild failed: {} in {} ({}); {keeps}",
        counts(diags),
        duration(elapsed),
        changed_list(changed)
    );
}

/// A rebuild after a template ran out of time went well: `serve` is no longer degraded.
pub fn recovered(v: Verbosity) {
    if v > Verbosity::Quiet {
        eprintln!("the templates render again: no longer degraded");
    }
}

/// The port asked for is in use.
pub fn port_taken(asked: u16, used: u16) {
    eprintln!("port {asked} is taken, using {used}");
}

/// A warning printed when the server listens beyond this machine.
pub fn listening_beyond_loopback(addr: &str) {
    eprintln!(
        "warning: listening on {addr}: other machines on your network can read this site\n  = help: leave out --bind to listen on 127.0.0.1 only"
    );
}

/// Files `serve` leaves out because they are symlinks to something outside the site.
pub fn outside_links(paths: &[String]) {
    for p in paths {
        eprintln!(
            "warning: not serving {p}: it is a link to a file outside the site\n  = help: copy the file into the site instead of linking to it"
        );
    }
}

/// Said once when a build finds another build writing into the same output folder.
pub fn waiting_for_output(out: &std::path::Path) {
    eprintln!(
        "waiting for another build into {} to finish …",
        out.display()
    );
}

/// A problem of the watcher or the server that does not stop the loop.
pub fn trouble(message: &str) {
    eprintln!("warning: {message}");
}

/// One line when `serve` has made the PDFs of the last edit in the background.
pub fn pdfs_made(made: usize, elapsed: Duration, v: Verbosity) {
    if v > Verbosity::Quiet && made > 0 {
        eprintln!(
            "made {} in {} (in the background)",
            plural(made, "PDF", "PDFs"),
            duration(elapsed)
        );
    }
}

/// One line when `serve` could not make the PDFs of the last edit, after the diagnostics.
pub fn pdfs_failed(diags: &Diagnostics, elapsed: Duration) {
    eprintln!(
        "PDFs failed after {} ({}); pages are served, the overlay shows why",
        duration(elapsed),
        counts(diags)
    );
}

/// The last line of `serve` and `watch`.
pub fn stopped(what: &str, rebuilds: usize, v: Verbosity) {
    if v > Verbosity::Quiet {
        eprintln!(
            "stopped {what} after {}",
            plural(rebuilds, "rebuild", "rebuilds")
        );
    }
}

/// A line of progress, shown only when verbose.
pub fn progress(v: Verbosity, message: &str) {
    if v == Verbosity::Verbose {
        eprintln!("{message}");
    }
}

/// The table `circlekit i18n status` prints: per language, a line per page that is not
/// current, then the counts.
pub fn translation_table(statuses: &[crate::content::i18n::LanguageStatus]) -> String {
    use std::fmt::Write as _;
    let mut out = String::new();
    if statuses.is_empty() {
        out.push_str("no translations: add [languages.<code>] to book.toml and content/<code>/\n");
    }
    for s in statuses {
        let total = s.pages.len();
        let _ = writeln!(
            out,
            "{}: {} translated, {} outdated, {} missing (of {total})",
            s.language, s.translated, s.outdated, s.missing
        );
        for row in &s.pages {
            let _ = writeln!(out, "  {:<10} {}", row.status, row.page);
        }
    }
    out
}
