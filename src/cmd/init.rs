//! `circlekit init DIR` (a new site) and `circlekit init --theme NAME` (the theme, to customise).

use std::path::PathBuf;

use anyhow::Result;
use clap::Args;

use super::Exit;
use crate::cli::GlobalArgs;
use circlekit::report::Verbosity;

/// Options of `init`.
#[derive(Debug, Args)]
pub struct InitArgs {
    /// The new site's folder (must be new or empty).
    #[arg(required_unless_present = "theme", conflicts_with = "theme")]
    pub dir: Option<PathBuf>,
    /// Instead of a site: copy the built-in theme into this site's themes/NAME/ to change it
    /// freely (templates, static files, UI strings). Never overwrites anything.
    #[arg(long, value_name = "NAME")]
    pub theme: Option<String>,
}

impl InitArgs {
    /// Writes the bundled program into DIR, or the built-in theme into themes/NAME/.
    pub fn run(self, global: &GlobalArgs) -> Result<Exit> {
        let start = std::time::Instant::now();
        let took = || circlekit::report::duration(start.elapsed());
        let talk = global.verbosity() > Verbosity::Quiet;
        if let Some(name) = &self.theme {
            if name.is_empty()
                || !name
                    .chars()
                    .all(|c| c.is_alphanumeric() || c == '-' || c == '_')
            {
                anyhow::bail!("`{name}` is not a theme name: use letters, digits, - and _");
            }
            let root = global.site_root()?;
            let dir = root.join("themes").join(name);
            let n = circlekit::render::theme::write_default_theme(&dir)?;
            if talk {
                eprintln!(
                    "copied the default theme into {} ({n} files) in {}; next: set `[theme] name = \"{name}\"` in book.toml and edit",
                    dir.display(),
                    took()
                );
            }
            return Ok(Exit::Ok);
        }
        let Some(dir) = self.dir else {
            anyhow::bail!("name the new site's folder: `circlekit init DIR`");
        };
        let n = circlekit::starter::write_starter(&dir)?;
        if talk {
            eprintln!(
                "created a circle site in {} ({n} files) in {}; next: cd {} && circlekit build",
                dir.display(),
                took(),
                dir.display()
            );
        }
        Ok(Exit::Ok)
    }
}
