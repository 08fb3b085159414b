//! Where the cache folder is and how large it may grow: flags, environment, platform.

use std::ffi::OsString;
use std::path::PathBuf;

/// The environment variable that names the cache folder (`--cache-dir` wins over it).
pub const ENV: &str = "CIRCLEKIT_CACHE_DIR";

/// The environment variable that sets the cache's cap in megabytes (1 MB = 1,000,000 bytes).
pub const MAX_ENV: &str = "CIRCLEKIT_CACHE_MAX_MB";

/// How large the cache folder may grow before its oldest entries are removed: 500 MB.
pub const DEFAULT_MAX_BYTES: u64 = 500 * 1000 * 1000;

/// Where the cache is and how large it may grow.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CacheOptions {
    /// The cache folder.
    pub dir: PathBuf,
    /// Its cap in bytes. Default: [`DEFAULT_MAX_BYTES`].
    pub max_bytes: u64,
}

impl CacheOptions {
    /// A cache in `dir` with the default cap.
    pub fn new(dir: impl Into<PathBuf>) -> CacheOptions {
        CacheOptions {
            dir: dir.into(),
            max_bytes: DEFAULT_MAX_BYTES,
        }
    }

    /// The cache that the flags and the environment ask for: none with `--no-cache`, else
    /// `--cache-dir`, else `CIRCLEKIT_CACHE_DIR`, else the platform's cache folder (none
    /// when the platform has no such folder); capped at `CIRCLEKIT_CACHE_MAX_MB` megabytes
    /// when that is set. Fails, saying what to write, when that is not a number.
    pub fn from_flags(
        flag: Option<PathBuf>,
        no_cache: bool,
    ) -> Result<Option<CacheOptions>, String> {
        let max_bytes = max_bytes(std::env::var_os(MAX_ENV))?;
        let dir = choose(flag, no_cache, std::env::var_os(ENV), default_dir());
        Ok(dir.map(|dir| CacheOptions { dir, max_bytes }))
    }
}

/// The cap that `CIRCLEKIT_CACHE_MAX_MB` asks for, else [`DEFAULT_MAX_BYTES`].
fn max_bytes(env: Option<OsString>) -> Result<u64, String> {
    let Some(value) = env.filter(|v| !v.is_empty()) else {
        return Ok(DEFAULT_MAX_BYTES);
    };
    let text = value.to_string_lossy();
    text.trim()
        .parse::<u64>()
        .ok()
        .and_then(|mb| mb.checked_mul(1000 * 1000))
        .ok_or_else(|| {
            format!("{MAX_ENV}={text} is not a number of megabytes\n  = help: write e.g. {MAX_ENV}=200, or unset it for the default of 500")
        })
}

/// The platform's folder for circlekit's PDF cache, e.g. `~/.cache/circlekit/pdf`.
pub fn default_dir() -> Option<PathBuf> {
    dirs::cache_dir().map(|d| d.join("circlekit").join("pdf"))
}

/// Picks the cache folder: `--no-cache` turns it off, the flag wins over the environment
/// variable (an empty one counts as unset), which wins over the platform's folder.
pub fn choose(
    flag: Option<PathBuf>,
    no_cache: bool,
    env: Option<OsString>,
    platform: Option<PathBuf>,
) -> Option<PathBuf> {
    if no_cache {
        return None;
    }
    flag.or_else(|| env.filter(|v| !v.is_empty()).map(PathBuf::from))
        .or(platform)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_flag_wins_over_the_environment_which_wins_over_the_platform() {
        let p = |s: &str| Some(PathBuf::from(s));
        let env = Some(OsString::from("/env"));
        assert_eq!(
            choose(p("/flag"), false, env.clone(), p("/home")),
            p("/flag")
        );
        assert_eq!(choose(None, false, env.clone(), p("/home")), p("/env"));
        assert_eq!(
            choose(None, false, Some(OsString::new()), p("/home")),
            p("/home")
        );
        assert_eq!(choose(None, false, None, None), None);
        assert_eq!(choose(p("/flag"), true, env, p("/home")), None);
    }

    #[test]
    fn the_cap_is_read_in_megabytes_and_a_wrong_one_is_refused() {
        assert_eq!(max_bytes(None), Ok(DEFAULT_MAX_BYTES));
        assert_eq!(max_bytes(Some("200".into())), Ok(200_000_000));
        assert!(
            max_bytes(Some("lots".into()))
                .is_err_and(|e| e.contains("CIRCLEKIT_CACHE_MAX_MB=lots"))
        );
    }
}
