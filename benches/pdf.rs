//! Time to make every PDF (and Circle Kit archive) of the bundled site, cold and cached:
//! `cargo bench --bench pdf`.
//!
//! Only the PDF stage is timed: the site is loaded once, then `downloads::make` runs into
//! memory, first with no previous output (cold: every PDF typeset, Typst's memo emptied
//! before each round), then with the cold run's files as the previous output (warm: every
//! PDF reused through the manifest). The goal's unit, the 12 week guides × 2 editions of
//! the first language, is timed on its own, cold and warm.
//! `ROUNDS=N` repeats each measurement (default 3); `LANGS=en` keeps only the languages
//! listed (comma-separated).

use std::collections::BTreeMap;
use std::path::Path;
use std::sync::Mutex;
use std::time::{Duration, Instant};

use circlekit::build::{BuildOptions, prepare};
use circlekit::render::{Sink, downloads, pdf};

/// An in-memory output that knows a previous one, like the staging folder does.
#[derive(Default)]
struct Memory {
    files: Mutex<BTreeMap<String, Vec<u8>>>,
    previous: BTreeMap<String, Vec<u8>>,
}

impl Sink for Memory {
    fn write(&self, path: &str, bytes: Vec<u8>) -> anyhow::Result<()> {
        let mut files = self.files.lock().unwrap_or_else(|e| e.into_inner());
        files.insert(path.to_string(), bytes);
        Ok(())
    }
    fn copy(&self, path: &str, from: &Path) -> anyhow::Result<()> {
        self.write(path, std::fs::read(from)?)
    }
    fn previous(&self, path: &str) -> Option<Vec<u8>> {
        self.previous.get(path).cloned()
    }
}

fn main() {
    let rounds: usize = std::env::var("ROUNDS")
        .ok()
        .and_then(|r| r.parse().ok())
        .unwrap_or(3);
    let repo = Path::new(env!("CARGO_MANIFEST_DIR"));
    let (prepared, diags) = prepare(repo, &BuildOptions::default());
    let Some((mut site, templates)) = prepared else {
        eprintln!("{}", diags.render());
        std::process::exit(1);
    };
    if let Ok(langs) = std::env::var("LANGS") {
        let keep: Vec<&str> = langs.split(',').map(str::trim).collect();
        site.libraries.retain(|l| keep.contains(&l.lang.as_str()));
    }
    // Every PDF and archive of the site, as a build makes them.
    // No cache folder: this times typesetting (and reuse from the previous output).
    let all = |sink: &Memory| match downloads::make(&site, &templates, sink, None) {
        Ok(_) => None,
        Err(d) => Some(d.render()),
    };
    let best = |previous: &Files| timed(rounds, previous, &all);
    // The goal's unit: the 12 week guides of one language in both editions. Planning (each
    // PDF's Typst source and hash) is timed too, as in a build.
    let empty = circlekit::render::strings::StringTable::new();
    let first = site.libraries.first();
    let weeks = |sink: &Memory| {
        let lib = first?;
        let strings = templates.strings.get(&lib.lang).unwrap_or(&empty);
        let dates = circlekit::content::dates::SourceDates::read(&site.root);
        let mut jobs = match pdf::plan_language(&site, lib, strings, &dates) {
            Ok(jobs) => jobs,
            Err(d) => return Some(d.render()),
        };
        jobs.retain(|j| j.path.contains("/week-"));
        match pdf::produce(&site, jobs, sink, None) {
            Ok((_, m)) => sink
                .write(pdf::cache::MANIFEST, m.next.to_json())
                .err()
                .map(|e| e.to_string()),
            Err(d) => Some(format!("{d:?}")),
        }
    };
    let weeks_only = |previous: &Files| timed(rounds, previous, &weeks);
    let (weeks_cold, week_files) = weeks_only(&BTreeMap::new());
    let (weeks_warm, _) = weeks_only(&week_files);
    let (cold, files) = best(&BTreeMap::new());
    let (warm, _) = best(&files);
    let min = |t: &[Duration]| t.iter().min().copied().unwrap_or_default();
    let pdfs: Vec<(&String, usize)> = files
        .iter()
        .filter(|(p, _)| p.ends_with(".pdf"))
        .map(|(p, b)| (p, b.len()))
        .collect();
    let weeks = pdfs.iter().filter(|(p, _)| p.contains("/week-")).count();
    let languages = site.libraries.len();
    println!(
        "bundled site: {} PDFs ({weeks} week guides in two editions) in {languages} languages, {} threads",
        pdfs.len(),
        rayon::current_num_threads()
    );
    println!(
        "  cold (every PDF typeset, best of {rounds}):      {:>8.1} ms",
        ms(min(&cold))
    );
    println!(
        "  warm (every PDF reused, best):            {:>8.1} ms",
        ms(min(&warm))
    );
    println!(
        "  {} week guides × 2 editions of `{}` (goal: cold < 3 s, warm < 50 ms):",
        week_files.len().saturating_sub(1) / 2,
        site.libraries.first().map_or("", |l| l.lang.as_str())
    );
    println!(
        "    cold (best of {rounds}):                      {:>8.1} ms",
        ms(min(&weeks_cold))
    );
    println!(
        "    warm (best of {rounds}):                      {:>8.1} ms",
        ms(min(&weeks_warm))
    );
    let en: Vec<&(&String, usize)> = pdfs
        .iter()
        .filter(|(p, _)| p.starts_with("downloads/en/week-"))
        .collect();
    if !en.is_empty() {
        let sizes: Vec<usize> = en.iter().map(|(_, n)| *n).collect();
        println!(
            "  English week guides: {} files, {}–{} KB each",
            en.len(),
            sizes.iter().min().unwrap_or(&0) / 1024,
            sizes.iter().max().unwrap_or(&0) / 1024
        );
    }
    for (p, n) in &pdfs {
        if p.starts_with("downloads/en/") && !p.contains("/week-") {
            println!("  {p}: {} KB", n / 1024);
        }
    }
    if let Some(zip) = files.get("downloads/en/circle-kit.zip") {
        println!("  downloads/en/circle-kit.zip: {} KB", zip.len() / 1024);
    }
}

type Files = BTreeMap<String, Vec<u8>>;

/// Runs `work` `rounds` times into a fresh in-memory output that knows `previous`, with
/// Typst's memo emptied first (it memoises layout across documents of a process, so
/// otherwise later rounds would not be as cold as a fresh `build`). Returns each round's
/// time and the last round's files; `work` returns a message when it fails.
fn timed(
    rounds: usize,
    previous: &Files,
    work: &dyn Fn(&Memory) -> Option<String>,
) -> (Vec<Duration>, Files) {
    let mut times = Vec::new();
    let mut last = Files::new();
    for _ in 0..rounds {
        let sink = Memory {
            previous: previous.clone(),
            ..Memory::default()
        };
        typst::comemo::evict(0);
        let start = Instant::now();
        let failed = work(&sink);
        times.push(start.elapsed());
        if let Some(message) = failed {
            eprintln!("{message}");
            std::process::exit(1);
        }
        last = sink.files.into_inner().unwrap_or_else(|e| e.into_inner());
    }
    (times, last)
}

fn ms(d: Duration) -> f64 {
    d.as_secs_f64() * 1000.0
}
