//! Failures of the machine rather than of the content: a full disk, a folder one may not
//! write. They carry the file and the operating system's reason, and end a run with exit
//! code 3 instead of 1.

use std::path::{Path, PathBuf};

use super::problem::Diagnostic;

/// An input/output operation on one file that the operating system refused.
#[derive(Debug)]
pub struct IoFailure {
    /// What was being done: "write", "create", "read", "rename"…
    pub doing: &'static str,
    /// The file or folder it was done to.
    pub path: PathBuf,
    /// The operating system's reason.
    pub source: std::io::Error,
}

impl std::fmt::Display for IoFailure {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(
            f,
            "cannot {} {}: {}",
            self.doing,
            self.path.display(),
            self.source
        )
    }
}

impl std::error::Error for IoFailure {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        Some(&self.source)
    }
}

/// Turns an `io::Result` into one whose error names the operation and the path.
pub trait IoContext<T> {
    /// The error becomes an [`IoFailure`] (inside an `anyhow::Error`).
    fn io(self, doing: &'static str, path: &Path) -> anyhow::Result<T>;
}

impl<T> IoContext<T> for std::io::Result<T> {
    fn io(self, doing: &'static str, path: &Path) -> anyhow::Result<T> {
        self.map_err(|source| {
            anyhow::Error::new(IoFailure {
                doing,
                path: path.to_path_buf(),
                source,
            })
        })
    }
}

impl Diagnostic {
    /// The diagnostic for an error met while writing the output. An [`IoFailure`] in its
    /// chain gives the file and the operating system's reason, with what to do about it,
    /// and marks the diagnostic as an I/O failure (exit code 3); anything else is an error
    /// about `fallback` (the page being written).
    pub fn from_failure(e: &anyhow::Error, fallback: &Path) -> Diagnostic {
        let Some(failure) = e.chain().find_map(|c| c.downcast_ref::<IoFailure>()) else {
            return Diagnostic::error(fallback, format!("{e:#}"));
        };
        Diagnostic::io_at(
            &failure.path,
            format!("cannot {} this file: {}", failure.doing, failure.source),
            &failure.source,
        )
    }

    /// An error about `path` that the operating system's `source` caused, with what to do
    /// about it; marked as an I/O failure (exit code 3).
    pub fn io_at(path: &Path, message: String, source: &std::io::Error) -> Diagnostic {
        let help = match source.kind() {
            std::io::ErrorKind::StorageFull | std::io::ErrorKind::QuotaExceeded => {
                "the disk is full: free some space, or write the site elsewhere with --output DIR; the previous output is unchanged"
            }
            std::io::ErrorKind::PermissionDenied | std::io::ErrorKind::ReadOnlyFilesystem => {
                "check that you may write there (the folder's owner and permissions), or write the site elsewhere with --output DIR; the previous output is unchanged"
            }
            _ => {
                "this is a problem of the machine, not of the content; the previous output is unchanged"
            }
        };
        let mut d = Diagnostic::error(path, message).help(help);
        d.io = true;
        d
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_full_disk_names_the_file_and_says_what_to_do() {
        let full = std::io::Error::from(std::io::ErrorKind::StorageFull);
        let e = Err::<(), _>(full)
            .io("write", Path::new("/out/weeks/01/index.html"))
            .map_err(|e| e.context("rendering week 1"))
            .expect_err("an error");
        let d = Diagnostic::from_failure(&e, Path::new("content/en/weeks/01.md"));
        assert!(d.io);
        assert_eq!(d.path, Path::new("/out/weeks/01/index.html"));
        let text = d.render();
        assert!(text.contains("--> /out/weeks/01/index.html"), "{text}");
        assert!(text.contains("free some space"), "{text}");
    }

    #[test]
    fn other_errors_stay_content_errors_about_the_page() {
        let e = anyhow::anyhow!("refusing to write outside the output folder: ../x");
        let d = Diagnostic::from_failure(&e, Path::new("content/en/a.md"));
        assert!(!d.io);
        assert_eq!(d.path, Path::new("content/en/a.md"));
    }
}
