//! `circlekit new week|page|kit`: scaffolds the next free week guide, a page or a kit.

use anyhow::{Result, bail};
use clap::{Args, Subcommand};

use super::exit::Exit;
use crate::cli::GlobalArgs;
use circlekit::report::Verbosity;

/// Options of `new`.
#[derive(Debug, Args)]
pub struct NewArgs {
    /// What to create.
    #[command(subcommand)]
    pub what: NewWhat,
}

/// Things `new` can create.
#[derive(Debug, Subcommand)]
pub enum NewWhat {
    /// The next free week guide, with an agenda that adds up, an exercise, a worksheet and a
    /// before-next checklist.
    #[command(after_help = "Example:\n  circlekit new week --title \"Your network\"")]
    Week(NewItemArgs),
    /// A page (content/LANG/SLUG.md), shown in the main menu.
    #[command(after_help = "Example:\n  circlekit new page --title \"About us\"")]
    Page(NewItemArgs),
    /// A Circle Kit worksheet or handout (content/LANG/kits/SLUG.md).
    #[command(after_help = "Example:\n  circlekit new kit --title \"Goal card\"")]
    Kit(NewItemArgs),
}

/// Options of `new week`, `new page` and `new kit`.
#[derive(Debug, Args)]
pub struct NewItemArgs {
    /// The title (also names the file).
    #[arg(long, short)]
    pub title: Option<String>,
    /// The language folder to write into. Default: `[book] language`.
    #[arg(long, short)]
    pub lang: Option<String>,
}

impl NewArgs {
    /// Runs `new`.
    pub fn run(self, global: &GlobalArgs) -> Result<Exit> {
        match self.what {
            NewWhat::Week(a) => a.run(global),
            NewWhat::Page(a) => a.run_other(global, circlekit::scaffold::new_page),
            NewWhat::Kit(a) => a.run_other(global, circlekit::scaffold::new_kit),
        }
    }
}

/// A scaffold that writes one file: (site root, language, title) → its path.
type Scaffold = fn(&std::path::Path, &str, Option<&str>) -> Result<std::path::PathBuf>;

impl NewItemArgs {
    fn run_other(self, global: &GlobalArgs, scaffold: Scaffold) -> Result<Exit> {
        let root = global.site_root()?;
        let config = match super::config::load_config(&root) {
            Ok(c) => c,
            Err(exit) => return Ok(exit),
        };
        let lang = self.lang.unwrap_or_else(|| config.book.language.clone());
        let created = scaffold(&root, &lang, self.title.as_deref())?;
        if global.verbosity() > Verbosity::Quiet {
            eprintln!("created {}", created.display());
        }
        Ok(Exit::Ok)
    }

    fn run(self, global: &GlobalArgs) -> Result<Exit> {
        let root = global.site_root()?;
        let config = match super::config::load_config(&root) {
            Ok(c) => c,
            Err(exit) => return Ok(exit),
        };
        let lang = self.lang.unwrap_or_else(|| config.book.language.clone());
        let created = circlekit::scaffold::new_week(&root, &config, &lang, self.title.as_deref())?;
        let Some(created) = created else {
            bail!(
                "all {} weeks of content/{lang}/weeks/ exist\n  = help: raise `[circle] weeks` in book.toml to add another",
                config.circle.weeks
            );
        };
        if global.verbosity() > Verbosity::Quiet {
            eprintln!("created {} (week {})", created.path.display(), created.week);
        }
        Ok(Exit::Ok)
    }
}
