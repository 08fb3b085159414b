//! The file that marks a folder as circlekit's output, so that only such folders are
//! replaced or removed.

/// The file that proves a folder is a circlekit output folder.
pub const MARKER: &str = ".circlekit-output";
pub(super) const MARKER_TEXT: &str =
    "This folder is written by circlekit; `circlekit build` replaces it whole.\n";
