//! The cache folder: typeset PDFs and Circle Kit archives kept outside the output folder,
//! by the hash of their inputs, so a build into a brand-new output folder (every CI
//! deploy) takes them from here instead of typesetting them again.
//!
//! Where it is: `--cache-dir DIR`, else `CIRCLEKIT_CACHE_DIR`, else the platform's cache
//! folder (`~/.cache/circlekit/pdf` on Linux, honouring `XDG_CACHE_HOME`;
//! `~/Library/Caches/circlekit/pdf` on macOS; `%LOCALAPPDATA%\circlekit\pdf` on Windows).
//! `--no-cache` turns it off. The folder carries a `CACHEDIR.TAG` ([`tag`]); entries are
//! written atomically and checked when read ([`store`]); the oldest go first when it grows
//! past its cap ([`evict`]).

pub mod evict;
mod options;
pub mod store;
pub mod tag;

pub use options::{CacheOptions, DEFAULT_MAX_BYTES, ENV, MAX_ENV, choose, default_dir};
pub use store::DiskCache;
