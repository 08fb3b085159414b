//! When each source file last changed: the date printed in a PDF's footer and stamped on
//! its Circle Kit archive entry, the same in every clone of the same commit.
//!
//! In a git checkout a file's date is the time of the last commit that touched it (one
//! `git log` for the whole build); a file with uncommitted changes, an untracked file and
//! a site outside git take `SOURCE_DATE_EPOCH` when it is set, else the file's
//! modification time.

use std::collections::{HashMap, HashSet};
use std::path::Path;
use std::process::Command;

use crate::diagnostic::Diagnostic;

/// The folder whose history is read: every page's source lives under it.
const TRACKED: &str = "content";

/// Where the dates of a site's sources come from, read once per build.
#[derive(Debug, Clone, Default)]
pub struct SourceDates {
    /// Site-relative path (`/`-separated) → seconds since 1970 of the last commit that
    /// touched it, for files that are committed and unchanged.
    committed: HashMap<String, i64>,
    /// `SOURCE_DATE_EPOCH`, when set to a number.
    epoch: Option<i64>,
    /// The time of the one commit of a shallow clone.
    shallow: Option<i64>,
}

impl SourceDates {
    /// Reads the dates of the site at `root`: git's history when it is a git checkout
    /// (three `git` calls in all), and `SOURCE_DATE_EPOCH`. Never fails: without git,
    /// dates come from `SOURCE_DATE_EPOCH` or the files.
    pub fn read(root: &Path) -> SourceDates {
        let epoch = std::env::var("SOURCE_DATE_EPOCH")
            .ok()
            .and_then(|v| v.trim().parse::<i64>().ok());
        let mut dates = SourceDates {
            epoch,
            ..SourceDates::default()
        };
        let Some(head) = git(
            root,
            &["rev-parse", "--is-shallow-repository", "--show-prefix"],
        ) else {
            return dates;
        };
        let mut lines = head.lines();
        let is_shallow = lines.next() == Some("true");
        let prefix = lines.next().unwrap_or("").to_string();
        let Some(log) = git(
            root,
            &[
                "-c",
                "log.showSignature=false",
                "log",
                "--format=%ct",
                "--name-only",
                "-z",
                "--",
                TRACKED,
            ],
        ) else {
            return dates;
        };
        let status = git(
            root,
            &[
                "status",
                "--porcelain",
                "-z",
                "--untracked-files=all",
                "--",
                TRACKED,
            ],
        )
        .unwrap_or_default();
        let changed = changed_files(&status);
        for (path, time) in parse_log(&log) {
            let Some(rel) = path.strip_prefix(&prefix) else {
                continue;
            };
            if !changed.contains(path.as_str()) {
                let newest = dates.committed.entry(rel.to_string()).or_insert(time);
                *newest = (*newest).max(time);
            }
        }
        if is_shallow {
            dates.shallow = dates.committed.values().copied().max();
        }
        dates
    }

    /// The date of the site-relative file `rel` under `root`, in seconds since 1970:
    /// its last commit, else `SOURCE_DATE_EPOCH`, else its modification time.
    pub fn of(&self, root: &Path, rel: &Path) -> Option<i64> {
        let key = rel.to_string_lossy().replace('\\', "/");
        if let Some(&time) = self.committed.get(&key) {
            return Some(time);
        }
        if let Some(epoch) = self.epoch {
            return Some(epoch);
        }
        let modified = std::fs::metadata(root.join(rel)).ok()?.modified().ok()?;
        let secs = modified
            .duration_since(std::time::UNIX_EPOCH)
            .ok()?
            .as_secs();
        i64::try_from(secs).ok()
    }

    /// The newest date of several files (see [`SourceDates::of`]).
    pub fn newest<'a>(&self, root: &Path, rels: impl IntoIterator<Item = &'a Path>) -> Option<i64> {
        rels.into_iter().filter_map(|r| self.of(root, r)).max()
    }

    /// A warning when the site is a shallow clone: every file then carries the date of the
    /// one commit it has, not of its own last change.
    pub fn warning(&self) -> Option<Diagnostic> {
        let time = self.shallow?;
        Some(
            Diagnostic::warning(
                TRACKED,
                format!(
                    "this is a shallow git clone, so every PDF is dated {} (its newest commit) instead of when its page last changed",
                    ymd(time)
                ),
            )
            .help("fetch the whole history with `git fetch --unshallow`; in GitHub Actions give actions/checkout `fetch-depth: 0`"),
        )
    }
}

/// Runs `git ARGS` in `dir`; its stdout when it succeeds.
fn git(dir: &Path, args: &[&str]) -> Option<String> {
    let out = Command::new("git")
        .arg("-C")
        .arg(dir)
        .args(args)
        .stdin(std::process::Stdio::null())
        .stderr(std::process::Stdio::null())
        .output()
        .ok()?;
    out.status
        .success()
        .then(|| String::from_utf8_lossy(&out.stdout).into_owned())
}

/// (repository-relative path, commit time) of every file in the output of
/// `git log --format=%ct --name-only -z -- content`: a commit's time, then its files.
/// Every file name holds a `/` (they all lie under `content/`) and no time does.
fn parse_log(log: &str) -> Vec<(String, i64)> {
    let mut out = Vec::new();
    let mut time = None;
    for token in log.split('\0') {
        let token = token.trim_start_matches('\n');
        if token.is_empty() {
            continue;
        }
        if token.contains('/') {
            if let Some(t) = time {
                out.push((token.to_string(), t));
            }
        } else {
            time = token.trim().parse::<i64>().ok();
        }
    }
    out
}

/// Repository-relative paths that `git status --porcelain -z` lists: changed, added,
/// untracked. A rename's or copy's entry is followed by its old path, which is skipped.
fn changed_files(status: &str) -> HashSet<&str> {
    let mut out = HashSet::new();
    let mut tokens = status.split('\0');
    while let Some(entry) = tokens.next() {
        if entry.len() < 4 {
            continue;
        }
        let (code, path) = entry.split_at(3);
        out.insert(path);
        if code.starts_with('R') || code.starts_with('C') {
            tokens.next();
        }
    }
    out
}

/// A UTC time as (year, month, day, hour, minute, second), from seconds since 1970
/// (Howard Hinnant's civil-from-days).
pub fn civil(secs: i64) -> (i64, u8, u8, u8, u8, u8) {
    let days = secs.div_euclid(86_400);
    let rest = secs.rem_euclid(86_400);
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z.rem_euclid(146_097);
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = doy - (153 * mp + 2) / 5 + 1;
    let m = if mp < 10 { mp + 3 } else { mp - 9 };
    let y = yoe + era * 400 + i64::from(m <= 2);
    let narrow = |v: i64| u8::try_from(v).unwrap_or(0);
    (
        y,
        narrow(m),
        narrow(d),
        narrow(rest / 3600),
        narrow(rest / 60 % 60),
        narrow(rest % 60),
    )
}

/// A UTC date as YYYY-MM-DD, from seconds since 1970.
pub fn ymd(secs: i64) -> String {
    let (y, m, d, ..) = civil(secs);
    format!("{y:04}-{m:02}-{d:02}")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn civil_dates_and_times() {
        assert_eq!(ymd(0), "1970-01-01");
        assert_eq!(ymd(1_709_251_200), "2024-03-01");
        assert_eq!(civil(1_709_251_200 + 3661), (2024, 3, 1, 1, 1, 1));
        assert_eq!(ymd(-86_400), "1969-12-31");
    }

    #[test]
    fn reads_commit_times_and_files_from_the_log() {
        let log = [
            "200",
            "\nsite/content/en/a.md",
            "100",
            "\nsite/content/en/a.md",
            "site/content/en/b c.md",
            "",
        ]
        .join("\0");
        assert_eq!(
            parse_log(&log),
            [
                ("site/content/en/a.md".to_string(), 200),
                ("site/content/en/a.md".to_string(), 100),
                ("site/content/en/b c.md".to_string(), 100),
            ]
        );
    }

    #[test]
    fn lists_changed_untracked_and_renamed_files() {
        let status = " M content/a.md\0?? content/new.md\0R  content/b.md\0content/old.md\0";
        let changed = changed_files(status);
        assert!(changed.contains("content/a.md"));
        assert!(changed.contains("content/new.md"));
        assert!(changed.contains("content/b.md"));
        assert!(!changed.contains("content/old.md"));
    }
}
