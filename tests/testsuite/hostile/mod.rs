//! Hostile and unlucky input: links out of the site, builds that meet, output folders that cannot be moved.

#[cfg(unix)]
mod fs;
