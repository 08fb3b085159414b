//! Helpers for the tests: a fixture site copied into a temporary folder, and runs of the binary.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::Command;
use std::sync::{Arc, Mutex, OnceLock};

use tempfile::TempDir;

mod host;
mod tools;
pub use host::{SUB_PATH, SubPathHost};
pub(crate) use tools::skip_unless;
pub use tools::{Tool, axe_js, on_path, test_name, tools_present, vnu_jar};

/// The `circlekit` binary cargo built for these tests.
pub const BIN: &str = env!("CARGO_BIN_EXE_circlekit");

/// The folder holding one fixture site per test.
pub fn fixtures() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/testsuite/fixtures")
}

/// A fixture site copied into its own temporary folder, as `<tmp>/site`, so tests never
/// write inside the repository and the site has a parent folder of its own.
pub struct TestSite {
    /// Removed (with everything in it) when the test ends.
    _tmp: TempDir,
    /// The site's root (the folder with book.toml).
    pub root: PathBuf,
}

impl TestSite {
    /// Copies `fixtures/<name>/` into a new temporary folder.
    pub fn new(name: &str) -> TestSite {
        let from = fixtures().join(name);
        assert!(from.is_dir(), "no fixture folder {}", from.display());
        let tmp = tempfile::tempdir().expect("create a temporary folder");
        // Canonical, so paths circlekit prints (it resolves symlinks) compare equal.
        let root = tmp
            .path()
            .canonicalize()
            .expect("canonical temporary folder")
            .join("site");
        copy_dir(&from, &root);
        TestSite { _tmp: tmp, root }
    }

    /// The shared minimal site (a home page, one week, an asset and a theme file), for tests
    /// where the content does not matter, only what happens to folders.
    pub fn minimal() -> TestSite {
        TestSite::new("minimal")
    }

    /// The temporary folder that holds the site (the site's parent).
    pub fn tmp(&self) -> &Path {
        self.root
            .parent()
            .expect("the site lies in the temporary folder")
    }

    /// A path inside the site.
    pub fn path(&self, rel: &str) -> PathBuf {
        self.root.join(rel)
    }

    /// Reads a text file of the site (or of its output).
    pub fn read(&self, rel: &str) -> String {
        read(&self.path(rel))
    }

    /// Writes a file of the site, creating its folder.
    pub fn write(&self, rel: &str, contents: impl AsRef<[u8]>) {
        let p = self.path(rel);
        std::fs::create_dir_all(p.parent().expect("has a parent")).expect("create folder");
        std::fs::write(&p, contents).unwrap_or_else(|e| panic!("write {}: {e}", p.display()));
    }

    /// Runs `circlekit ARGS` in the site's root.
    pub fn run(&self, args: &[&str]) -> Run {
        run_in(&self.root, args)
    }

    /// A command for `circlekit ARGS` in the site's root, to adjust before running (with
    /// the test's own PDF cache folder, see [`test_cache_dir`]).
    pub fn command(&self, args: &[&str]) -> Command {
        let mut c = Command::new(BIN);
        c.args(args)
            .current_dir(&self.root)
            .env(CACHE_ENV, test_cache_dir());
        c
    }
}

/// The environment variable that names circlekit's PDF cache folder.
pub const CACHE_ENV: &str = "CIRCLEKIT_CACHE_DIR";

/// The PDF cache folder for the runs of the current test: a folder of its own in cargo's
/// scratch space, emptied the first time the test asks for it. So no test ever writes
/// into the user's cache folder, and no test takes PDFs that another one typeset.
pub fn test_cache_dir() -> PathBuf {
    static SEEN: Mutex<Vec<String>> = Mutex::new(Vec::new());
    let thread = std::thread::current();
    let name = thread.name().unwrap_or("unnamed").replace("::", "-");
    let dir = Path::new(env!("CARGO_TARGET_TMPDIR"))
        .join("pdf-cache")
        .join(&name);
    let mut seen = SEEN.lock().unwrap_or_else(|e| e.into_inner());
    if !seen.contains(&name) {
        seen.push(name);
        let _ = std::fs::remove_dir_all(&dir);
    }
    dir
}

/// Runs `circlekit ARGS` in `dir`.
pub fn run_in(dir: &Path, args: &[&str]) -> Run {
    let mut c = Command::new(BIN);
    c.args(args).current_dir(dir);
    Run::of(c)
}

/// What a run of the binary did.
#[derive(Debug)]
pub struct Run {
    /// The arguments, for failure messages.
    pub args: String,
    /// The exit code.
    pub code: i32,
    /// Everything printed on stdout.
    pub stdout: String,
    /// Everything printed on stderr.
    pub stderr: String,
}

impl Run {
    /// Runs a prepared command (with the test's own PDF cache folder, unless it names one).
    pub fn of(mut c: Command) -> Run {
        if !c.get_envs().any(|(k, _)| k == CACHE_ENV) {
            c.env(CACHE_ENV, test_cache_dir());
        }
        let args = c
            .get_args()
            .map(|a| a.to_string_lossy().into_owned())
            .collect::<Vec<_>>()
            .join(" ");
        let out = c.output().expect("run circlekit");
        Run {
            args,
            code: out.status.code().expect("circlekit exited, not killed"),
            stdout: String::from_utf8(out.stdout).expect("stdout is UTF-8"),
            stderr: String::from_utf8(out.stderr).expect("stderr is UTF-8"),
        }
    }

    /// Asserts the exit code, showing the whole transcript when it differs.
    #[track_caller]
    pub fn code(&self, expected: i32) -> &Run {
        assert_eq!(
            self.code, expected,
            "exit code of `circlekit {}`\n{self}",
            self.args
        );
        self
    }

    /// The last non-empty line of stderr: the command's summary.
    pub fn summary(&self) -> &str {
        self.stderr
            .lines()
            .rev()
            .find(|l| !l.trim().is_empty())
            .unwrap_or("")
    }

    /// Asserts that the summary line starts with `prefix`.
    #[track_caller]
    pub fn summary_starts_with(&self, prefix: &str) -> &Run {
        assert!(
            self.summary().starts_with(prefix),
            "summary should start with {prefix:?}\n{self}"
        );
        self
    }

    /// Asserts that stderr holds a diagnostic of `severity` ("error" or "warning") located at
    /// exactly `location` (`path:line:col`), whose text contains every one of `words`.
    #[track_caller]
    pub fn diagnostic(&self, severity: &str, location: &str, words: &[&str]) -> &Run {
        let arrow = format!("--> {location}");
        let block = self
            .stderr
            .split("\n\n")
            .find(|b| b.lines().any(|l| l.trim() == arrow))
            .unwrap_or_else(|| panic!("no diagnostic at {location}\n{self}"));
        assert!(
            block.starts_with(&format!("{severity}: ")),
            "the diagnostic at {location} should be an {severity}\n{self}"
        );
        for w in words {
            assert!(
                block.contains(w),
                "the diagnostic at {location} should mention {w:?}\n{block}\n\n{self}"
            );
        }
        self
    }

    /// Asserts that stderr contains `text`.
    #[track_caller]
    pub fn stderr_has(&self, text: &str) -> &Run {
        assert!(
            self.stderr.contains(text),
            "stderr should contain {text:?}\n{self}"
        );
        self
    }
}

impl std::fmt::Display for Run {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(
            f,
            "--- circlekit {} (exit {})\n--- stdout:\n{}\n--- stderr:\n{}",
            self.args, self.code, self.stdout, self.stderr
        )
    }
}

/// Reads a text file, naming it when that fails.
pub fn read(path: &Path) -> String {
    std::fs::read_to_string(path).unwrap_or_else(|e| panic!("read {}: {e}", path.display()))
}

/// Copies a folder recursively.
pub fn copy_dir(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).unwrap_or_else(|e| panic!("create {}: {e}", to.display()));
    for entry in std::fs::read_dir(from).expect("read fixture folder") {
        let entry = entry.expect("fixture entry");
        let dest = to.join(entry.file_name());
        if entry.file_type().expect("file type").is_dir() {
            copy_dir(&entry.path(), &dest);
        } else {
            std::fs::copy(entry.path(), &dest)
                .unwrap_or_else(|e| panic!("copy {}: {e}", entry.path().display()));
        }
    }
}

/// Every file under `dir` (relative, `/`-separated) with its bytes: a snapshot to compare.
pub fn snapshot(dir: &Path) -> BTreeMap<String, Vec<u8>> {
    let mut out = BTreeMap::new();
    for entry in walkdir::WalkDir::new(dir) {
        let entry = entry.expect("walk output");
        if entry.file_type().is_file() {
            let rel = entry
                .path()
                .strip_prefix(dir)
                .expect("under dir")
                .to_string_lossy()
                .replace('\\', "/");
            out.insert(rel, std::fs::read(entry.path()).expect("read output file"));
        }
    }
    out
}

/// The names in a folder, sorted.
pub fn names_in(dir: &Path) -> Vec<String> {
    let mut names: Vec<String> = std::fs::read_dir(dir)
        .unwrap_or_else(|e| panic!("read {}: {e}", dir.display()))
        .map(|e| e.expect("entry").file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    names
}

/// Parses an HTML file of the output.
pub fn html(path: &Path) -> scraper::Html {
    scraper::Html::parse_document(&read(path))
}

/// The elements of `doc` matching a CSS selector.
pub fn select<'a>(doc: &'a scraper::Html, css: &str) -> Vec<scraper::ElementRef<'a>> {
    let sel = scraper::Selector::parse(css).unwrap_or_else(|e| panic!("selector {css}: {e}"));
    doc.select(&sel).collect()
}

/// The text of the first element matching a CSS selector, whitespace collapsed.
#[track_caller]
pub fn text_of(doc: &scraper::Html, css: &str) -> String {
    let el = select(doc, css)
        .into_iter()
        .next()
        .unwrap_or_else(|| panic!("no element matches {css} in\n{}", doc.html()));
    el.text()
        .collect::<Vec<_>>()
        .join(" ")
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
}

/// The value of an attribute on every element matching a CSS selector.
pub fn attrs(doc: &scraper::Html, css: &str, attr: &str) -> Vec<String> {
    select(doc, css)
        .into_iter()
        .filter_map(|e| e.value().attr(attr).map(str::to_string))
        .collect()
}

/// The bundled site built with `circlekit build ARGS`, once per set of arguments for the
/// whole test run (a build with every PDF takes a while in a debug build): the tests that
/// only read it share it. It lives in cargo's temporary folder for tests and is built
/// afresh by every test run.
pub fn bundled_site(args: &[&str]) -> PathBuf {
    static BUILT: OnceLock<Mutex<BTreeMap<String, Arc<OnceLock<PathBuf>>>>> = OnceLock::new();
    let key = args.join(" ");
    let slot = BUILT
        .get_or_init(Default::default)
        .lock()
        .unwrap_or_else(|e| e.into_inner())
        .entry(key.clone())
        .or_default()
        .clone();
    slot.get_or_init(|| {
        let repo = Path::new(env!("CARGO_MANIFEST_DIR"));
        let name: String = key
            .chars()
            .map(|c| if c.is_ascii_alphanumeric() { c } else { '-' })
            .collect();
        let dir = Path::new(env!("CARGO_TARGET_TMPDIR")).join(format!("bundled-site{name}"));
        // A previous run's output would let this build reuse its PDFs.
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(&dir).expect("a folder for the bundled site");
        let out = dir.canonicalize().expect("canonical folder").join("site");
        let mut all = vec![
            "--root",
            repo.to_str().expect("UTF-8 path"),
            "build",
            "--output",
            out.to_str().expect("UTF-8 path"),
        ];
        all.extend_from_slice(args);
        run_in(&dir, &all).code(0);
        out
    })
    .clone()
}

/// Every web page (`.html` file) under `dir`, sorted. Printable pages (`print/…`) are
/// documents for paper, checked on their own (tests/testsuite/print.rs), and left out.
pub fn html_files(dir: &Path) -> Vec<PathBuf> {
    let mut files: Vec<PathBuf> = walkdir::WalkDir::new(dir)
        .into_iter()
        .flatten()
        .filter(|e| e.file_type().is_file() && e.path().extension().is_some_and(|x| x == "html"))
        .filter(|e| !is_printable(dir, e.path()))
        .map(|e| e.into_path())
        .collect();
    files.sort();
    files
}

/// Whether an output file is a printable page (`print/…` or `<lang>/print/…`).
pub fn is_printable(out: &Path, file: &Path) -> bool {
    file.strip_prefix(out)
        .map(|rel| rel.components().take(2).any(|c| c.as_os_str() == "print"))
        .unwrap_or(false)
}
