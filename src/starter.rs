//! The bundled site, embedded at compile time: what `circlekit init` writes out.

use std::path::Path;

use anyhow::{Context as _, Result, bail};

include!(concat!(env!("OUT_DIR"), "/starter.rs"));

/// Writes the bundled site into `dir`, which must be new or empty. Never overwrites a file.
pub fn write_starter(dir: &Path) -> Result<usize> {
    if dir.exists() {
        if !dir.is_dir() {
            bail!("{} exists and is not a folder", dir.display());
        }
        let mut entries =
            std::fs::read_dir(dir).with_context(|| format!("cannot read {}", dir.display()))?;
        if entries.next().is_some() {
            bail!(
                "{} is not empty; `init` only writes into a new or empty folder so nothing is overwritten",
                dir.display()
            );
        }
    }
    for (rel, bytes) in STARTER {
        let dest = dir.join(rel);
        if let Some(parent) = dest.parent() {
            std::fs::create_dir_all(parent)
                .with_context(|| format!("cannot create {}", parent.display()))?;
        }
        let mut f = std::fs::OpenOptions::new()
            .write(true)
            .create_new(true)
            .open(&dest)
            .with_context(|| format!("cannot create {}", dest.display()))?;
        std::io::Write::write_all(&mut f, bytes)
            .with_context(|| format!("cannot write {}", dest.display()))?;
    }
    Ok(STARTER.len())
}
