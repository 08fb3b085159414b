//! `circlekit i18n status` and `circlekit i18n stamp PATH`.

use std::path::PathBuf;

use anyhow::{Result, bail};
use clap::{Args, Subcommand};

use super::exit::Exit;
use crate::cli::{Format, GlobalArgs};
use circlekit::content::i18n;
use circlekit::report::{self, Verbosity};
use circlekit::site::{Site, SiteOptions};

/// Options of `i18n`.
#[derive(Debug, Args)]
pub struct I18nArgs {
    /// What to do.
    #[command(subcommand)]
    pub what: I18nWhat,
}

/// The translation commands.
#[derive(Debug, Subcommand)]
pub enum I18nWhat {
    /// Per language, which pages are translated, outdated or missing.
    #[command(
        after_help = "Examples:\n  circlekit i18n status\n  circlekit i18n status --format json"
    )]
    Status {
        /// text (a table per language) or json.
        #[arg(long, value_enum, default_value_t = Format::Text)]
        format: Format,
    },
    /// Mark a translation as made from the current version of its source.
    #[command(
        after_help = "Example:\n  circlekit i18n stamp content/de/weeks/01-getting-started.md"
    )]
    Stamp {
        /// The translated file, e.g. content/de/faq.md.
        path: PathBuf,
    },
}

impl I18nArgs {
    /// Runs `i18n`.
    pub fn run(self, global: &GlobalArgs) -> Result<Exit> {
        let root = global.site_root()?;
        let start = std::time::Instant::now();
        match self.what {
            I18nWhat::Status { format } => {
                let (site, diags) = match Site::load(&root, &SiteOptions::default()) {
                    Ok(s) => s,
                    Err(d) => {
                        report::diagnostics(&d, global.verbosity());
                        return Ok(Exit::ContentErrors);
                    }
                };
                let Some((default, others)) = site.libraries.split_first() else {
                    bail!("the site has no content in its default language");
                };
                let statuses: Vec<i18n::LanguageStatus> = others
                    .iter()
                    .map(|lib| i18n::status(lib, default))
                    .collect();
                match format {
                    Format::Json => println!("{}", serde_json::to_string_pretty(&statuses)?),
                    Format::Text => {
                        print!("{}", report::translation_table(&statuses));
                        if global.verbosity() > Verbosity::Quiet {
                            report::diagnostics(&diags, global.verbosity());
                            eprintln!(
                                "{} compared with {} in {}",
                                statuses.len().to_string()
                                    + if statuses.len() == 1 {
                                        " language"
                                    } else {
                                        " languages"
                                    },
                                default.lang,
                                report::duration(start.elapsed())
                            );
                        }
                    }
                }
                Ok(Exit::Ok)
            }
            I18nWhat::Stamp { path } => {
                let config = match super::config::load_config(&root) {
                    Ok(c) => c,
                    Err(exit) => return Ok(exit),
                };
                let (source, rev) = i18n::stamp(&root, &config.book.language, &path)?;
                if global.verbosity() > Verbosity::Quiet {
                    eprintln!(
                        "stamped {} as translated from {} at {rev}",
                        path.display(),
                        source.display()
                    );
                }
                Ok(Exit::Ok)
            }
        }
    }
}
