//! The command line: global flags and one `…Args` struct per command.

use std::path::PathBuf;

use clap::{Args, Parser, Subcommand, ValueEnum};

use crate::cmd;

/// circlekit builds circle programs — week guides, FAQ, worksheets and kits — into a static site.
#[derive(Debug, Parser)]
#[command(name = "circlekit", version, propagate_version = true)]
#[command(
    after_help = "Examples:\n  circlekit init my-circle\n  circlekit build\n  circlekit check --strict\n  circlekit --root ../site build --output /tmp/site"
)]
pub struct Cli {
    /// Options every command understands.
    #[command(flatten)]
    pub global: GlobalArgs,
    /// What to do.
    #[command(subcommand)]
    pub command: Command,
}

/// Flags shared by every command.
#[derive(Debug, Args)]
pub struct GlobalArgs {
    /// The site's folder (the one with book.toml). Default: the nearest folder upwards from here that has one.
    #[arg(long, global = true, value_name = "DIR")]
    pub root: Option<PathBuf>,
    /// Print errors only.
    #[arg(long, short, global = true, conflicts_with = "verbose")]
    pub quiet: bool,
    /// Print what is being done.
    #[arg(long, short, global = true)]
    pub verbose: bool,
}

/// The commands.
#[derive(Debug, Subcommand)]
pub enum Command {
    /// Build the site into the output folder (default: public/).
    ///
    /// A build writes its output, and the PDFs it typesets into the cache folder
    /// (--cache-dir, --no-cache); nothing else.
    #[command(
        after_help = "Examples:\n  circlekit build\n  circlekit build --output /tmp/site --base-url https://example.org/circles/"
    )]
    Build(cmd::build::BuildArgs),
    /// Check everything a build checks, without writing anything.
    #[command(
        after_help = "Examples:\n  circlekit check\n  circlekit check --strict --format json"
    )]
    Check(cmd::check::CheckArgs),
    /// Remove the output folder (default: public/), only if circlekit made it; or, with
    /// --cache, empty the PDF cache folder.
    #[command(
        after_help = "Examples:\n  circlekit clean\n  circlekit clean --output /tmp/site\n  circlekit clean --cache\n  circlekit clean --cache --cache-dir /tmp/pdf-cache"
    )]
    Clean(cmd::clean::CleanArgs),
    /// Create a new program in DIR (a home page, week guides, an FAQ, a kit), or (--example)
    /// the bundled sample program, or (--theme NAME) copy the built-in theme into themes/NAME/.
    #[command(
        after_help = "Examples:\n  circlekit init my-circle\n  circlekit init my-circle --title \"Open Doors\" --language de --weeks 6\n  circlekit init --example sample   (the full 12-week sample in three languages)\n  circlekit init --theme mine       (inside a site; then set [theme] name = \"mine\")"
    )]
    Init(cmd::init::InitArgs),
    /// Serve the site from memory on 127.0.0.1 with live reload; pages update as you save.
    ///
    /// Writes nothing but the PDFs it typesets into the cache folder (--cache-dir,
    /// --no-cache), and with --output the site there.
    #[command(
        after_help = "Examples:\n  circlekit serve\n  circlekit serve --port 8080 --open\n  circlekit serve --poll            (network or container file systems)\n  circlekit serve --bind 0.0.0.0    (let phones on your network read it)"
    )]
    Serve(cmd::serve::ServeArgs),
    /// Rebuild the output folder whenever a source changes.
    ///
    /// Writes its output, and the PDFs it typesets into the cache folder (--cache-dir,
    /// --no-cache); nothing else.
    #[command(
        after_help = "Examples:\n  circlekit watch\n  circlekit watch --output /tmp/site --poll"
    )]
    Watch(cmd::watch::WatchArgs),
    /// Translations: `i18n status` (translated, outdated, missing) and `i18n stamp PATH`.
    I18n(cmd::i18n::I18nArgs),
    /// Scaffold new content: `circlekit new week`, `new page`, `new kit`.
    New(cmd::new::NewArgs),
    /// Print the JSON Schema of book.toml, of week, page or kit front matter, or of worksheet
    /// fields, for editors and CI; without NAME, list them.
    #[command(
        after_help = "Examples:\n  circlekit schema\n  circlekit schema book > book.schema.json\n  circlekit schema week --markdown   (the manual's reference page)"
    )]
    Schema(cmd::schema::SchemaArgs),
    /// Print the tab-completion script for a shell (bash, zsh, fish, powershell, elvish).
    #[command(
        after_help = "Examples:\n  circlekit completions bash > ~/.local/share/bash-completion/completions/circlekit\n  circlekit completions zsh > ~/.zfunc/_circlekit\n  circlekit completions fish > ~/.config/fish/completions/circlekit.fish"
    )]
    Completions(cmd::completions::CompletionsArgs),
    /// Print the manual page (roff), or write a page per command into a folder with --out.
    #[command(
        after_help = "Examples:\n  circlekit man | man -l -\n  circlekit man --out ~/.local/share/man/man1"
    )]
    Man(cmd::man::ManArgs),
}

/// How `check` prints its findings.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum, Default)]
pub enum Format {
    /// rustc-style text on stderr.
    #[default]
    Text,
    /// A JSON array on stdout.
    Json,
}
