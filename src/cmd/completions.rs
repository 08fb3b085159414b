//! `circlekit completions SHELL`: the shell's tab-completion script, from the same clap
//! definition as the command line itself, so it never falls behind.

use anyhow::Result;
use clap::{Args, CommandFactory};
use clap_complete::Shell;

use super::exit::Exit;
use crate::cli::Cli;

/// Options of `completions`.
#[derive(Debug, Args)]
pub struct CompletionsArgs {
    /// The shell to write the script for.
    #[arg(value_enum)]
    pub shell: Shell,
}

impl CompletionsArgs {
    /// Writes the completion script to stdout.
    pub fn run(self) -> Result<Exit> {
        let mut cmd = Cli::command();
        clap_complete::generate(self.shell, &mut cmd, "circlekit", &mut std::io::stdout());
        Ok(Exit::Ok)
    }
}
