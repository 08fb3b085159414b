//! The fuzz targets' corpus and reproducers (`fuzz/corpus`, `fuzz/artifacts`), and their
//! seeds from the bundled program, replayed through the same functions the targets call,
//! so an ordinary `cargo test` on stable keeps every input ever found fixed.

use std::panic::{AssertUnwindSafe, catch_unwind};
use std::path::{Path, PathBuf};

use circlekit::fuzzing;

/// Every fuzz target, by name (`fuzz/fuzz_targets/<name>.rs`).
const TARGETS: [&str; 5] = [
    "front_matter",
    "directives",
    "markdown",
    "book_toml",
    "request_path",
];

fn repo() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

fn fuzz_dir() -> PathBuf {
    repo().join("fuzz")
}

/// The bundled program's pages (`content/**/*.md`): seeds that stay replayed even when
/// minimising the corpus drops them.
fn bundled_pages() -> Vec<PathBuf> {
    let mut pages: Vec<PathBuf> = walkdir::WalkDir::new(repo().join("content"))
        .into_iter()
        .map(|e| e.expect("walk content/").into_path())
        .filter(|p| p.extension().is_some_and(|e| e == "md"))
        .collect();
    pages.sort();
    assert!(!pages.is_empty(), "the bundled program has no pages");
    pages
}

fn files_in(dir: &Path) -> Vec<PathBuf> {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return Vec::new();
    };
    let mut files: Vec<PathBuf> = entries
        .map(|e| e.expect("read a corpus entry").path())
        .filter(|p| p.is_file())
        .collect();
    files.sort();
    files
}

/// Runs every corpus file and reproducer of `target`, and `seeds`, through `run`; fails
/// naming each input that panics, and when the corpus is missing or empty.
fn replay(target: &str, seeds: &[PathBuf], mut run: impl FnMut(&[u8])) {
    let corpus = files_in(&fuzz_dir().join("corpus").join(target));
    assert!(
        !corpus.is_empty(),
        "fuzz/corpus/{target}/ is missing or empty: run `cargo fuzz cmin {target}`"
    );
    let artifacts = files_in(&fuzz_dir().join("artifacts").join(target));
    let mut failed = Vec::new();
    for path in corpus.iter().chain(&artifacts).chain(seeds) {
        let data = std::fs::read(path).expect("read a corpus file");
        if catch_unwind(AssertUnwindSafe(|| run(&data))).is_err() {
            failed.push(path.display().to_string());
        }
    }
    assert!(failed.is_empty(), "{target} panics on: {failed:#?}");
}

#[test]
fn every_fuzz_target_is_replayed() {
    let mut found: Vec<String> = files_in(&fuzz_dir().join("fuzz_targets"))
        .iter()
        .filter_map(|p| Some(p.file_stem()?.to_str()?.to_string()))
        .collect();
    found.sort();
    let mut known = TARGETS.map(String::from).to_vec();
    known.sort();
    assert_eq!(found, known);
}

#[test]
fn front_matter_corpus_replays_without_a_panic() {
    replay("front_matter", &bundled_pages(), fuzzing::front_matter);
}

#[test]
fn directives_corpus_replays_without_a_panic() {
    replay("directives", &bundled_pages(), fuzzing::directives);
}

#[test]
fn markdown_corpus_replays_without_a_panic() {
    let mut site = fuzzing::site(repo());
    replay("markdown", &bundled_pages(), |data| {
        fuzzing::markdown(&mut site, data);
    });
}

#[test]
fn book_toml_corpus_replays_without_a_panic() {
    replay("book_toml", &[repo().join("book.toml")], fuzzing::book_toml);
}

#[test]
fn request_path_corpus_replays_without_a_panic() {
    replay("request_path", &[], fuzzing::request_path);
}
