//! `circlekit init DIR` (a new program of your own), `init --example DIR` (the bundled
//! sample program) and `init --theme NAME` (the built-in theme, to customise).

use std::path::{Path, PathBuf};

use anyhow::{Result, bail};
use clap::Args;

use super::exit::Exit;
use crate::cli::GlobalArgs;
use circlekit::report::Verbosity;
use circlekit::starter::{self, Blank};

/// Options of `init`.
#[derive(Debug, Args)]
pub struct InitArgs {
    /// The new site's folder (must be new or empty).
    #[arg(required_unless_present = "theme", conflicts_with = "theme")]
    pub dir: Option<PathBuf>,
    /// The program's title. Default: "My circle program", in the language when circlekit
    /// speaks it.
    #[arg(long, short, conflicts_with = "example")]
    pub title: Option<String>,
    /// The program's language code, e.g. `de`. The starter text is written in English,
    /// German or Spanish; any other language gets English text to translate.
    #[arg(
        long,
        short,
        default_value = "en",
        value_name = "CODE",
        conflicts_with = "example"
    )]
    pub language: String,
    /// How many week guides to write (1–99).
    #[arg(long, short, default_value_t = 1, value_name = "N", conflicts_with = "example",
        value_parser = clap::value_parser!(u32).range(1..=99))]
    pub weeks: u32,
    /// Write the bundled sample program (12 weeks in English, German and Spanish) instead.
    #[arg(long)]
    pub example: bool,
    /// Instead of a site: copy the built-in theme into this site's themes/NAME/ to change it
    /// freely (templates, static files, UI strings). Never overwrites anything.
    #[arg(long, value_name = "NAME")]
    pub theme: Option<String>,
}

impl InitArgs {
    /// Writes a new program (or the sample) into DIR, or the built-in theme into themes/NAME/.
    pub fn run(self, global: &GlobalArgs) -> Result<Exit> {
        let start = std::time::Instant::now();
        let took = || circlekit::report::duration(start.elapsed());
        let talk = global.verbosity() > Verbosity::Quiet;
        if let Some(name) = &self.theme {
            check_name(name, "a theme name")?;
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
            bail!("name the new site's folder: `circlekit init DIR`");
        };
        let (n, what) = if self.example {
            (starter::write_example(&dir)?, "the sample circle program")
        } else {
            check_name(&self.language, "a language code")?;
            let blank = Blank {
                title: self.title,
                language: self.language.clone(),
                weeks: self.weeks,
            };
            (starter::write_blank(&dir, &blank)?, "a circle program")
        };
        if talk {
            eprintln!(
                "created {what} in {} ({n} files) in {}",
                dir.display(),
                took()
            );
            if !self.example && !starter::has_ui_strings(&self.language) {
                eprintln!(
                    "the text is in English: translate content/{0}/ and themes/default/i18n/{0}.toml",
                    self.language
                );
            }
            eprint!("{}", next_steps(&Started::detect(), &dir));
        }
        Ok(Exit::Ok)
    }
}

/// Refuses names that are not letters, digits, `-` and `_`.
fn check_name(name: &str, what: &str) -> Result<()> {
    if name.is_empty()
        || !name
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_')
    {
        bail!("`{name}` is not {what}: use letters, digits, - and _");
    }
    Ok(())
}

/// How circlekit was started, so the next commands are told in a form that works.
#[derive(Debug, Clone, PartialEq, Eq)]
enum Started {
    /// Through `cargo run` (with these flags before `--`, e.g. `--release`).
    Cargo(String),
    /// By a path to the binary, e.g. `./target/release/circlekit`.
    Path(String),
    /// As `circlekit`, found on the PATH.
    Installed,
}

impl Started {
    fn detect() -> Started {
        let argv0 = std::env::args().next().unwrap_or_default();
        let exe = std::env::current_exe().unwrap_or_else(|_| PathBuf::from(&argv0));
        if std::env::var_os("CARGO").is_some()
            && let Some(profile) = cargo_profile(&exe)
        {
            return Started::Cargo(match profile.as_str() {
                "debug" => String::new(),
                "release" => " --release".into(),
                other => format!(" --profile {other}"),
            });
        }
        if argv0.contains(std::path::MAIN_SEPARATOR) || argv0.contains('/') {
            Started::Path(quote(&argv0))
        } else {
            Started::Installed
        }
    }
}

/// The profile (`debug`, `release`, …) when `exe` lies in a cargo target folder, which
/// cargo marks with a `CACHEDIR.TAG`.
fn cargo_profile(exe: &Path) -> Option<String> {
    let profile_dir = exe.parent()?;
    // target/PROFILE/circlekit, or target/TRIPLE/PROFILE/circlekit.
    let in_target = profile_dir
        .ancestors()
        .skip(1)
        .take(2)
        .any(|d| d.join("CACHEDIR.TAG").is_file());
    in_target.then(|| {
        profile_dir
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
    })?
}

/// The closing lines of `init`: the commands to run next.
fn next_steps(started: &Started, dir: &Path) -> String {
    let public = dir.join("public").display().to_string();
    let dir = quote(&dir.display().to_string());
    let public = match started {
        Started::Installed => "public/".to_string(),
        _ => format!("{public}/"),
    };
    let build = format!("write the site into {public}");
    let commands = [
        (
            "serve",
            "preview it at http://127.0.0.1:3000/, updating as you save",
        ),
        ("check", "what to fix, with file and line"),
        ("build", build.as_str()),
    ];
    let (first, prefix, root) = match started {
        Started::Installed => (
            format!("  cd {dir}\n"),
            "circlekit".to_string(),
            String::new(),
        ),
        Started::Cargo(flags) => (
            String::new(),
            format!("cargo run{flags} --"),
            format!(" --root {dir}"),
        ),
        Started::Path(p) => (String::new(), p.clone(), format!(" --root {dir}")),
    };
    let lines: Vec<(String, &str)> = commands
        .iter()
        .map(|(cmd, what)| (format!("{prefix} {cmd}{root}"), *what))
        .collect();
    let width = lines
        .iter()
        .map(|(c, _)| c.chars().count())
        .max()
        .unwrap_or(0);
    let mut out = format!("next:\n{first}");
    for (command, what) in lines {
        out.push_str(&format!("  {command:<width$}   {what}\n"));
    }
    out
}

/// `s`, quoted for a POSIX shell when it holds anything but safe characters.
fn quote(s: &str) -> String {
    if !s.is_empty()
        && s.chars()
            .all(|c| c.is_alphanumeric() || "-_./:=+@%".contains(c))
    {
        s.to_string()
    } else {
        format!("'{}'", s.replace('\'', "'\\''"))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn next_steps_fit_how_circlekit_was_started() {
        let dir = Path::new("my circle");
        let cargo = next_steps(&Started::Cargo(" --release".into()), dir);
        assert!(
            cargo.contains("cargo run --release -- serve --root 'my circle'"),
            "{cargo}"
        );
        let installed = next_steps(&Started::Installed, dir);
        assert!(installed.contains("  cd 'my circle'\n"), "{installed}");
        assert!(installed.contains("  circlekit build "), "{installed}");
        let path = next_steps(&Started::Path("./target/debug/circlekit".into()), dir);
        assert!(
            path.contains("./target/debug/circlekit check --root 'my circle'"),
            "{path}"
        );
    }
}
