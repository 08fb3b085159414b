//! The `circlekit` binary: parses arguments, runs the command, sets the exit code.

mod cli;
mod cmd;

use std::process::ExitCode;

use clap::Parser;

use cli::{Cli, Command};
use cmd::Exit;

fn main() -> ExitCode {
    keep_freed_memory();
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

/// glibc hands freed memory at the top of a heap back to the system once 128 KB are free,
/// and faults it in again page by page right after: a build frees and takes back each
/// page's working memory thousands of times. Up to 64 MB stay with the process instead
/// (`serve` still gives everything back after each rebuild).
///
/// Blocks of 128 KB and more are mapped on their own and unmapped when freed, so each one
/// is faulted in again, a page at a time, by the next user. Typesetting a PDF takes and
/// frees such blocks all along (each compressed stream's state, font tables, page
/// buffers): blocks up to 4 MB now come from the heap and are used again. Measured on a
/// 1,000-page build with its 25 PDFs, system time fell from 140 to 88 ms and the build
/// took 10% less; the 10,000-page build without PDFs grew by 1.5 MB.
fn keep_freed_memory() {
    #[cfg(all(target_os = "linux", target_env = "gnu"))]
    {
        // SAFETY: mallopt only sets parameters of the allocator, before any thread starts.
        let _ = unsafe { libc::mallopt(libc::M_TRIM_THRESHOLD, 64 << 20) };
        // SAFETY: as above.
        let _ = unsafe { libc::mallopt(libc::M_MMAP_THRESHOLD, 4 << 20) };
    }
}
