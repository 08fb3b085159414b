//! Time to make every PDF (and Circle Kit archive) of the bundled site, cold and cached:
//! `cargo bench --bench pdf`.
//!
//! Only the PDF stage is timed: the site is loaded once, then `downloads::make` runs into
//! memory, first with no previous output (cold: every PDF typeset; the first run is a
//! fresh process, later ones find Typst's own memo warm), then with the cold run's files
//! as the previous output (warm: every PDF reused through the manifest).
//! `ROUNDS=N` repeats each measurement (default 3); `LANGS=en` keeps only the languages
//! listed (comma-separated), e.g. to time one language's 12 weeks × 2 editions.

use std::collections::BTreeMap;
use std::path::Path;
use std::sync::Mutex;
use std::time::{Duration, Instant};

use circlekit::build::{BuildOptions, prepare};
use circlekit::render::{Sink, downloads};

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
    let best = |previous: &BTreeMap<String, Vec<u8>>, now: bool| {
        let mut times = Vec::new();
        let mut last = BTreeMap::new();
        for _ in 0..rounds {
            let sink = Memory {
                previous: previous.clone(),
                ..Memory::default()
            };
            let start = Instant::now();
            let made = downloads::make(&site, &templates, &sink, now);
            times.push(start.elapsed());
            if let Err(d) = made {
                eprintln!("{}", d.render());
                std::process::exit(1);
            }
            last = sink.files.into_inner().unwrap_or_else(|e| e.into_inner());
        }
        (times, last)
    };
    let (cold, files) = best(&BTreeMap::new(), true);
    let (warm, _) = best(&files, true);
    // What `serve` spends on PDFs per edit before pages are shown: planning and hashing
    // every PDF, typesetting none.
    let (plan, _) = best(&BTreeMap::new(), false);
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
        "  cold (every PDF typeset), first run:      {:>8.1} ms",
        ms(cold.first().copied().unwrap_or_default())
    );
    println!(
        "  cold again in the same process (best):    {:>8.1} ms",
        ms(min(&cold[1..]))
    );
    println!(
        "  warm (every PDF reused, best):            {:>8.1} ms",
        ms(min(&warm))
    );
    println!(
        "  serve, per edit (plan + hash, no typesetting): {:>3.1} ms",
        ms(min(&plan))
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

fn ms(d: Duration) -> f64 {
    d.as_secs_f64() * 1000.0
}
