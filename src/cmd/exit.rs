//! How a command ended: the exit codes, and the usage mistakes that end with code 2.

/// How a command ended, mapped to the process's exit code.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Exit {
    /// 0: all good (warnings allowed).
    Ok,
    /// 1: the content or configuration has errors.
    ContentErrors,
    /// 3: the machine failed: a full disk, a folder one may not write (the file and the
    /// operating system's reason are printed).
    IoFailure,
    /// 4: another build kept the output folder busy for longer than this one would wait.
    Busy,
}

/// A mistake in how circlekit was called (a wrong `--root`, a command not available yet):
/// exit code 2, like clap's own usage errors.
#[derive(Debug)]
pub struct UsageError(pub String);

impl std::fmt::Display for UsageError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

impl std::error::Error for UsageError {}
