//! Why a build wrote nothing, and the exit code of each reason.

use crate::diagnostic::Diagnostics;

/// Why `build` wrote nothing.
#[derive(Debug, Clone)]
pub enum BuildError {
    /// The site has errors (or warnings, when strict): every diagnostic. Exit code 1.
    Failed(Diagnostics),
    /// The output could not be written (a full disk, a folder one may not write): the
    /// file and the operating system's reason, with the other diagnostics. Exit code 3.
    Io(Diagnostics),
    /// Another build kept writing into the same output folder for longer than this one
    /// would wait (see [`crate::output::lock::WAIT_VAR`]). Exit code 4.
    Busy(Diagnostics),
}

impl BuildError {
    /// The diagnostics, whatever the reason.
    pub fn diagnostics(&self) -> &Diagnostics {
        match self {
            BuildError::Failed(d) | BuildError::Io(d) | BuildError::Busy(d) => d,
        }
    }

    /// Sorts failed runs by cause: a failure of the machine wins over content errors.
    pub(super) fn failed(diags: Diagnostics) -> BuildError {
        if diags.has_io_failure() {
            BuildError::Io(diags)
        } else {
            BuildError::Failed(diags)
        }
    }
}
