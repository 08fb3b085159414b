//! The `circlekit` binary: parses arguments, runs the command, sets the exit code.

mod cli;
mod cmd;

use std::process::ExitCode;

use clap::Parser;

use cli::{Cli, Command};
use cmd::Exit;

fn main() -> ExitCode {
    let cli = Cli::parse();
    let global = &cli.global;
    let result = match cli.command {
        Command::Build(a) => a.run(global),
        Command::Check(a) => a.run(global),
        Command::Clean(a) => a.run(global),
        Command::Init(a) => a.run(global),
        Command::Serve(a) => a.run(global),
        Command::Watch(a) => a.run(global),
        Command::New(a) => a.run(global),
        Command::I18n(a) => a.run(global),
        Command::Schema(a) => a.run(global),
        Command::Completions(a) => a.run(),
        Command::Man(a) => a.run(),
    };
    match result {
        Ok(Exit::Ok) => ExitCode::SUCCESS,
        Ok(Exit::ContentErrors) => ExitCode::from(1),
        Ok(Exit::IoFailure) => ExitCode::from(3),
        Ok(Exit::Busy) => ExitCode::from(4),
        Err(e) => {
            eprintln!("error: {e:#}");
            if e.is::<cmd::UsageError>() {
                ExitCode::from(2)
            } else if e
                .chain()
                .any(|c| c.is::<circlekit::diagnostic::IoFailure>())
            {
                ExitCode::from(3)
            } else {
                ExitCode::from(1)
            }
        }
    }
}
