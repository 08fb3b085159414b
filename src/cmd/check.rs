//! `circlekit check`.

use anyhow::Result;
use clap::Args;

use super::exit::Exit;
use crate::cli::{Format, GlobalArgs};
use circlekit::build::{self, BuildOptions};
use circlekit::report::{self, Verbosity};
use circlekit::site::SiteOptions;

/// Options of `check`.
#[derive(Debug, Args)]
pub struct CheckArgs {
    /// Fail on warnings too.
    #[arg(long)]
    pub strict: bool,
    /// How to print the findings: text (stderr) or json (stdout).
    #[arg(long, value_enum, default_value_t = Format::Text)]
    pub format: Format,
    /// Check pages marked `draft: true` too.
    #[arg(long)]
    pub drafts: bool,
    /// Skip checking that the PDFs' fonts cover their text (for sites built with
    /// `--no-pdf`).
    #[arg(long)]
    pub no_pdf: bool,
}

impl CheckArgs {
    /// Checks the site.
    pub fn run(self, global: &GlobalArgs) -> Result<Exit> {
        let root = global.site_root()?;
        let v = global.verbosity();
        let opts = BuildOptions {
            site: SiteOptions {
                memo: None,
                base_url: None,
                drafts: self.drafts,
            },
            strict: self.strict,
            // PDFs are not typeset (that would make `check` as slow as `build`), but the
            // fonts are checked to cover them.
            pdf: cfg!(feature = "pdf") && !self.no_pdf,
            ..BuildOptions::default()
        };
        let start = std::time::Instant::now();
        let (result, pages) = build::check(&root, &opts);
        let (diags, ok) = match result {
            Ok(o) => (o.diagnostics, true),
            Err(d) => (d, false),
        };
        match self.format {
            Format::Json => println!("{}", diags.to_json()),
            Format::Text => report::diagnostics(&diags, v),
        }
        if self.format == Format::Text || v == Verbosity::Verbose {
            report::checked(&diags, pages, start.elapsed(), v);
        }
        Ok(if ok { Exit::Ok } else { Exit::ContentErrors })
    }
}
