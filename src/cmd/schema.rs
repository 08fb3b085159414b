//! `circlekit schema`: prints the JSON Schema of book.toml, of front matter or of worksheet
//! fields, for editors and CI; `--markdown` prints the manual's reference page instead.

use std::io::Write as _;

use anyhow::{Context as _, Result};
use clap::Args;

use super::exit::Exit;
use crate::cli::GlobalArgs;
use circlekit::schema::{SchemaName, markdown, schema};

/// Options of `schema`.
#[derive(Debug, Args)]
pub struct SchemaArgs {
    /// Which schema to print. Without it, the list of schemas.
    #[arg(value_parser = ["book", "week", "page", "kit", "worksheet"])]
    pub name: Option<String>,
    /// Print the manual's reference page for it (Markdown) instead of the JSON Schema.
    #[arg(long, requires = "name")]
    pub markdown: bool,
}

impl SchemaArgs {
    /// Prints one schema on stdout, or lists them.
    pub fn run(self, _global: &GlobalArgs) -> Result<Exit> {
        let mut out = std::io::stdout().lock();
        let Some(name) = self.name.as_deref().and_then(SchemaName::from_name) else {
            writeln!(out, "Schemas (circlekit schema NAME prints one):")?;
            for s in SchemaName::ALL {
                writeln!(out, "  {:<10} {}", s.name(), s.describes())?;
            }
            return Ok(Exit::Ok);
        };
        let text = if self.markdown {
            markdown(name)
        } else {
            let json = serde_json::to_string_pretty(&schema(name)).context("write the schema")?;
            json + "\n"
        };
        out.write_all(text.as_bytes()).context("write to stdout")?;
        Ok(Exit::Ok)
    }
}
