//! Reading book.toml for the commands that need only the configuration.

use std::path::Path;

use super::exit::Exit;

/// Reads book.toml for commands that need only the configuration; its problems are
/// printed and become exit code 1.
pub fn load_config(root: &Path) -> std::result::Result<circlekit::config::Config, Exit> {
    circlekit::config::Config::load(root).map_err(|problems| {
        for d in problems {
            eprint!("{}", d.render());
        }
        Exit::ContentErrors
    })
}
