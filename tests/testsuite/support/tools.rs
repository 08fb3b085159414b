//! Tools from outside Rust that some tests need (Chromium, the Nu HTML Checker, axe-core,
//! poppler, the Noto fonts): found on this machine, or the test reports and returns.
//!
//! On a machine with only the Rust toolchain, `cargo test` passes: each test whose tool is
//! missing prints one line saying what to install, appends `test<TAB>tool` to the skip log
//! (`$CIRCLEKIT_SKIP_LOG`, else `skipped.txt` in cargo's temporary folder for tests) and
//! returns without checking. With `CIRCLEKIT_REQUIRE_TOOLS=1` (as `.ci/run` sets) a missing
//! tool fails the test instead, so CI never passes by skipping.

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

/// An outside tool a test needs.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Tool {
    /// Debian's `chromium` and `chromedriver`, found on `PATH`.
    Chromium,
    /// The Nu HTML Checker: `java` on `PATH` and npm's `vnu.jar`.
    NuHtmlChecker,
    /// npm's `axe.min.js` (it runs in Chromium, a tool of its own).
    Axe,
    /// poppler's `pdftotext`, `pdfinfo` and `pdffonts`, found on `PATH`.
    #[cfg_attr(
        not(feature = "pdf"),
        allow(dead_code, reason = "only PDF tests read PDFs")
    )]
    Poppler,
    /// The Noto fonts for CJK, the other scripts and emoji, as `fc-list` lists them.
    #[cfg_attr(
        not(feature = "pdf"),
        allow(dead_code, reason = "only PDF tests need them")
    )]
    NotoFonts,
}

impl Tool {
    /// A short name, written to the skip log.
    pub fn name(self) -> &'static str {
        match self {
            Tool::Chromium => "chromium",
            Tool::NuHtmlChecker => "vnu-jar",
            Tool::Axe => "axe-core",
            Tool::Poppler => "poppler-utils",
            Tool::NotoFonts => "noto-fonts",
        }
    }

    /// What the test needs and how to install it.
    fn needs(self) -> &'static str {
        match self {
            Tool::Chromium => {
                "Debian's Chromium and chromedriver: `apt-get install chromium chromium-driver`"
            }
            Tool::NuHtmlChecker => {
                "Java and the Nu HTML Checker: `apt-get install default-jre-headless` and \
                 `npm install --prefix .ci/node vnu-jar@26` (or set CIRCLEKIT_VNU_JAR to vnu.jar)"
            }
            Tool::Axe => {
                "axe-core: `npm install --prefix .ci/node axe-core@4` \
                 (or set CIRCLEKIT_AXE_JS to axe.min.js)"
            }
            Tool::Poppler => "pdftotext, pdfinfo and pdffonts: `apt-get install poppler-utils`",
            Tool::NotoFonts => {
                "the Noto fonts: `apt-get install fonts-noto-core fonts-noto-cjk fonts-noto-color-emoji`"
            }
        }
    }

    /// Whether the tool is on this machine.
    fn present(self) -> bool {
        match self {
            Tool::Chromium => on_path("chromium").is_some() && on_path("chromedriver").is_some(),
            Tool::NuHtmlChecker => on_path("java").is_some() && vnu_jar().is_some(),
            Tool::Axe => axe_js().is_some(),
            Tool::Poppler => ["pdftotext", "pdfinfo", "pdffonts"]
                .iter()
                .all(|p| on_path(p).is_some()),
            Tool::NotoFonts => noto_fonts_present(),
        }
    }
}

/// A program's path, looked up in `PATH` as a shell would.
pub fn on_path(program: &str) -> Option<PathBuf> {
    let path = std::env::var_os("PATH")?;
    std::env::split_paths(&path)
        .map(|dir| dir.join(program))
        .find(|p| p.is_file())
}

/// npm's `vnu.jar`: `$CIRCLEKIT_VNU_JAR`, else where `.ci/run` or `npm install --prefix
/// .ci/node` put it.
pub fn vnu_jar() -> Option<PathBuf> {
    npm_file("CIRCLEKIT_VNU_JAR", "vnu-jar/build/dist/vnu.jar")
}

/// npm's `axe.min.js`: `$CIRCLEKIT_AXE_JS`, else where `.ci/run` or `npm install --prefix
/// .ci/node` put it.
pub fn axe_js() -> Option<PathBuf> {
    npm_file("CIRCLEKIT_AXE_JS", "axe-core/axe.min.js")
}

/// A file of an npm package: from its variable when that is set (and nowhere else), else
/// from `.ci/node/` or from `.ci/run`'s cache folder.
fn npm_file(var: &str, in_node_modules: &str) -> Option<PathBuf> {
    if let Some(path) = std::env::var_os(var) {
        return Some(PathBuf::from(path)).filter(|p| p.is_file());
    }
    let cache = std::env::var_os("XDG_CACHE_HOME")
        .map(PathBuf::from)
        .or_else(|| std::env::var_os("HOME").map(|h| Path::new(&h).join(".cache")));
    let repo = Path::new(env!("CARGO_MANIFEST_DIR")).join(".ci/node");
    [Some(repo), cache.map(|c| c.join("circlekit-ci/node"))]
        .into_iter()
        .flatten()
        .map(|dir| dir.join("node_modules").join(in_node_modules))
        .find(|p| p.is_file())
}

/// Whether `fc-list` lists the Noto families the PDFs in every script use.
fn noto_fonts_present() -> bool {
    let Some(fc_list) = on_path("fc-list") else {
        return false;
    };
    let listed = Command::new(fc_list)
        .args([":", "family"])
        .stderr(Stdio::null())
        .output()
        .map(|o| String::from_utf8_lossy(&o.stdout).into_owned())
        .unwrap_or_default();
    [
        "Noto Sans CJK",
        "Noto Naskh Arabic",
        "Noto Sans Hebrew",
        "Noto Color Emoji",
    ]
    .iter()
    .all(|family| listed.contains(family))
}

/// Whether every one of `tools` is here. When one is missing: with
/// `CIRCLEKIT_REQUIRE_TOOLS=1`, fails the test; else prints one line, logs the skip and
/// returns `false`. Used through [`skip_unless!`](crate::support::skip_unless).
pub fn tools_present(test: &str, tools: &[Tool]) -> bool {
    let Some(missing) = tools.iter().copied().find(|t| !t.present()) else {
        return true;
    };
    let line = format!("{test} needs {}", missing.needs());
    if std::env::var_os("CIRCLEKIT_REQUIRE_TOOLS").is_some_and(|v| v == "1") {
        panic!("{line} (CIRCLEKIT_REQUIRE_TOOLS=1: a missing tool fails the test)");
    }
    // Straight to the terminal, past the test harness's capture, so it shows in a passing run.
    let _ = writeln!(std::io::stderr(), "skipped: {line}");
    log_skip(test, missing);
    false
}

/// Appends `test<TAB>tool` to the skip log.
fn log_skip(test: &str, tool: Tool) {
    let log = std::env::var_os("CIRCLEKIT_SKIP_LOG")
        .map(PathBuf::from)
        .unwrap_or_else(|| Path::new(env!("CARGO_TARGET_TMPDIR")).join("skipped.txt"));
    let written = std::fs::OpenOptions::new()
        .create(true)
        .append(true)
        .open(&log)
        .and_then(|mut f| f.write_all(format!("{test}\t{}\n", tool.name()).as_bytes()));
    if let Err(e) = written {
        panic!("write the skip log {}: {e}", log.display());
    }
}

/// The test's path (`module::test`) from the path of an item inside it.
pub fn test_name(item_path: &str) -> &str {
    let path = item_path.strip_suffix("::here").unwrap_or(item_path);
    path.split_once("::").map_or(path, |(_, rest)| rest)
}

/// `skip_unless!(Tool::Chromium, Tool::Axe)` at the top of a test: returns from the test
/// (after one line saying what to install) unless every tool is here; see [`tools_present`].
macro_rules! skip_unless {
    ($($tool:expr),+ $(,)?) => {{
        fn here() {}
        let test = $crate::support::test_name(::std::any::type_name_of_val(&here));
        if !$crate::support::tools_present(test, &[$($tool),+]) {
            return;
        }
    }};
}
pub(crate) use skip_unless;
