//! `book.toml`: the site's configuration, strict about typos, with documented defaults.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use crate::diagnostic::Diagnostic;

mod aliases;
mod build;
mod check;
mod print;
mod wrong_type;

pub use aliases::aliases;
pub use build::{Build, ByteSize, Timeout};
pub use check::{CheckConfig, LinkLevel};
pub use print::{Paper, PrintConfig};

/// The file name that marks a site root.
pub const CONFIG_FILE: &str = "book.toml";

/// The whole `book.toml`: one table per subject. Every key is optional and has a default;
/// an unknown key is an error, so a typo never goes unnoticed.
#[derive(Debug, Clone, Default, Deserialize, Serialize, JsonSchema)]
#[serde(default, deny_unknown_fields, rename_all = "kebab-case")]
pub struct Config {
    /// `[book]`: what the program is called and where it lives.
    pub book: BookConfig,
    /// `[circle]`: the shape of the program (weeks, meeting length, group size).
    pub circle: CircleConfig,
    /// `[output]`: where `build` writes.
    pub output: OutputConfig,
    /// `[theme]`: which theme renders the site.
    pub theme: ThemeConfig,
    /// `[print]`: paper, version line, QR code and alignment of printable guides and PDFs.
    pub print: PrintConfig,
    /// `[check]`: whether broken links stop the build.
    pub check: CheckConfig,
    /// `[languages.<code>]`: the languages besides `[book] language`. Default: none.
    pub languages: BTreeMap<String, LanguageConfig>,
    /// `[build]`: limits on input size and template rendering time.
    pub build: Build,
}

/// `[book]`.
#[derive(Debug, Clone, Deserialize, Serialize, JsonSchema)]
#[serde(default, deny_unknown_fields, rename_all = "kebab-case")]
pub struct BookConfig {
    /// The program's name, shown in every page's header. Default: "Untitled circle program".
    pub title: String,
    /// One sentence about the program, used as the home page's meta description. Default: "".
    pub description: String,
    /// Who wrote the program. Default: none.
    pub authors: Vec<String>,
    /// The default language's code (BCP 47, e.g. "en"); built at the site root. Default: "en".
    pub language: String,
    /// The public address of the site, e.g. `https://example.org/circles/`. Used for the
    /// sitemap and canonical links; internal links stay relative either way. Default: "".
    pub base_url: String,
    /// The content's licence, printed in footers, e.g. "CC BY 4.0". Default: "".
    pub license: String,
    /// Where volunteers learn how to translate a page; the notice on untranslated pages
    /// links to it. Default: "" (no link).
    pub translate_url: String,
}

impl Default for BookConfig {
    fn default() -> Self {
        BookConfig {
            title: "Untitled circle program".into(),
            description: String::new(),
            authors: Vec::new(),
            language: "en".into(),
            base_url: String::new(),
            license: String::new(),
            translate_url: String::new(),
        }
    }
}

/// `[circle]`.
#[derive(Debug, Clone, Deserialize, Serialize, JsonSchema)]
#[serde(default, deny_unknown_fields, rename_all = "kebab-case")]
pub struct CircleConfig {
    /// How many week guides the program has; 0 for a site without weeks. Default: 12.
    pub weeks: u32,
    /// The length of a meeting in minutes; a week's agenda should add up to it. Default: 60.
    pub meeting_minutes: u32,
    /// The smallest and largest number of people in a circle. Default: [4, 5].
    pub group_size: [u32; 2],
}

impl Default for CircleConfig {
    fn default() -> Self {
        CircleConfig {
            weeks: 12,
            meeting_minutes: 60,
            group_size: [4, 5],
        }
    }
}

/// `[output]`.
#[derive(Debug, Clone, Deserialize, Serialize, JsonSchema)]
#[serde(default, deny_unknown_fields, rename_all = "kebab-case")]
pub struct OutputConfig {
    /// The output folder, relative to the site root. Default: "public".
    pub dir: PathBuf,
}

impl Default for OutputConfig {
    fn default() -> Self {
        OutputConfig {
            dir: PathBuf::from("public"),
        }
    }
}

/// `[theme]`.
#[derive(Debug, Clone, Deserialize, Serialize, JsonSchema)]
#[serde(default, deny_unknown_fields, rename_all = "kebab-case")]
pub struct ThemeConfig {
    /// The theme's name: `themes/<name>/` overrides the built-in default theme file by file.
    /// Default: "default".
    pub name: String,
}

impl Default for ThemeConfig {
    fn default() -> Self {
        ThemeConfig {
            name: "default".into(),
        }
    }
}

/// `[languages.<code>]`.
#[derive(Debug, Clone, Default, Deserialize, Serialize, JsonSchema)]
#[serde(default, deny_unknown_fields, rename_all = "kebab-case")]
pub struct LanguageConfig {
    /// The language's name in itself, shown in the language switcher, e.g. "Deutsch".
    /// Default: the theme's `language_name` string for that language, else the code.
    pub name: Option<String>,
    /// The program's name in this language. Default: `[book] title`.
    pub title: Option<String>,
    /// The description in this language. Default: `[book] description`.
    pub description: Option<String>,
}

impl Config {
    /// Reads and validates `book.toml` in `root`. Every problem becomes a diagnostic.
    pub fn load(root: &Path) -> Result<Config, Vec<Diagnostic>> {
        let path = root.join(CONFIG_FILE);
        let text = match std::fs::read(&path) {
            Ok(bytes) => match String::from_utf8(bytes) {
                Ok(t) => t,
                Err(e) => {
                    let off = e.utf8_error().valid_up_to();
                    let text = String::from_utf8_lossy(e.as_bytes()).into_owned();
                    return Err(vec![
                        Diagnostic::error(CONFIG_FILE, "book.toml is not valid UTF-8")
                            .at_offset(&text, off)
                            .help("save the file as UTF-8"),
                    ]);
                }
            },
            Err(e) => {
                return Err(vec![
                    Diagnostic::error(CONFIG_FILE, format!("cannot read book.toml: {e}"))
                        .help("run `circlekit init DIR` to create a site"),
                ]);
            }
        };
        let config = Self::parse(&text)?;
        let problems = config.validate(&text);
        if problems.iter().any(Diagnostic::is_error) {
            return Err(problems);
        }
        Ok(config)
    }

    /// Parses the text of a `book.toml` (without validating it).
    pub fn parse(text: &str) -> Result<Config, Vec<Diagnostic>> {
        toml::from_str::<Config>(text).map_err(|e| {
            let message = e.message().trim().to_string();
            let mut d = Diagnostic::error(CONFIG_FILE, toml_message(&message));
            if let Some(span) = e.span() {
                d = d.at_span(text, span);
            }
            if let Some(help) = toml_help(&message) {
                d = d.help(help);
            }
            if let Some((m, help)) = wrong_type::explain(&message, text, e.span()) {
                d.message = m;
                d = d.help(help);
            }
            vec![d]
        })
    }

    /// Checks values that parse but make no sense; returns every problem at once.
    pub fn validate(&self, text: &str) -> Vec<Diagnostic> {
        let mut out = Vec::new();
        let locate = |key: &str, d: Diagnostic| -> Diagnostic {
            match find_key(text, key) {
                Some(off) => d.at_offset(text, off).width(key.len()),
                None => d,
            }
        };
        if self.circle.meeting_minutes == 0 {
            out.push(locate(
                "meeting-minutes",
                Diagnostic::error(CONFIG_FILE, "`meeting-minutes` must be more than 0")
                    .help("a circle meeting usually lasts 60 minutes"),
            ));
        }
        if self.circle.weeks > 52 {
            out.push(locate(
                "weeks",
                Diagnostic::error(
                    CONFIG_FILE,
                    format!("`weeks = {}` is more than a year", self.circle.weeks),
                )
                .help("a program has at most 52 weeks; 12 is usual"),
            ));
        }
        let [lo, hi] = self.circle.group_size;
        if lo == 0 || lo > hi {
            out.push(locate(
                "group-size",
                Diagnostic::error(
                    CONFIG_FILE,
                    format!("`group-size = [{lo}, {hi}]` is not a range of people"),
                )
                .help("write the smallest and the largest group, e.g. `group-size = [4, 5]`"),
            ));
        }
        if !is_language_code(&self.book.language) {
            out.push(locate(
                "language",
                Diagnostic::error(
                    CONFIG_FILE,
                    format!("`{}` is not a language code", self.book.language),
                )
                .help("use a BCP 47 code such as \"en\", \"de\" or \"pt-BR\""),
            ));
        }
        for code in self.languages.keys() {
            if !is_language_code(code) {
                out.push(locate(
                    &format!("languages.{code}"),
                    Diagnostic::error(CONFIG_FILE, format!("`{code}` is not a language code"))
                        .help("use a BCP 47 code such as \"de\" or \"pt-BR\""),
                ));
            }
        }
        let base = &self.book.base_url;
        if !(base.is_empty() || base.starts_with("https://") || base.starts_with("http://")) {
            out.push(locate(
                "base-url",
                Diagnostic::error(CONFIG_FILE, format!("`base-url = \"{base}\"` is not a web address"))
                    .help("write the full address, e.g. \"https://example.org/circles/\", or leave it empty"),
            ));
        }
        if self.output.dir.as_os_str().is_empty() {
            out.push(locate(
                "dir",
                Diagnostic::error(CONFIG_FILE, "`[output] dir` is empty")
                    .help("name a folder, e.g. dir = \"public\""),
            ));
        }
        if self.theme.name.is_empty()
            || self.theme.name.contains(['/', '\\'])
            || self.theme.name == ".."
        {
            out.push(locate(
                "name",
                Diagnostic::error(
                    CONFIG_FILE,
                    format!("`{}` is not a theme name", self.theme.name),
                )
                .help("a theme is a folder name under themes/, e.g. \"default\""),
            ));
        }
        out
    }

    /// Every language of the site, the default language first.
    pub fn language_codes(&self) -> Vec<String> {
        let mut codes = vec![self.book.language.clone()];
        codes.extend(
            self.languages
                .keys()
                .filter(|c| **c != self.book.language)
                .cloned(),
        );
        codes
    }

    /// The site's title in a language.
    pub fn title_in(&self, lang: &str) -> &str {
        self.languages
            .get(lang)
            .and_then(|l| l.title.as_deref())
            .unwrap_or(&self.book.title)
    }

    /// The site's description in a language.
    pub fn description_in(&self, lang: &str) -> &str {
        self.languages
            .get(lang)
            .and_then(|l| l.description.as_deref())
            .unwrap_or(&self.book.description)
    }
}

/// Rewrites serde's "unknown field `x`, expected one of `a`, `b`" into our voice.
fn toml_message(message: &str) -> String {
    match message.strip_prefix("unknown field ") {
        Some(rest) => {
            let key = rest.split(',').next().unwrap_or(rest);
            format!("unknown key {key} in book.toml")
        }
        None => message.to_string(),
    }
}

fn toml_help(message: &str) -> Option<String> {
    if message.starts_with("duplicate key") {
        return Some("each table and key may appear only once in book.toml; merge the two".into());
    }
    let (_, expected) = message.split_once("expected one of ")?;
    let keys = expected.replace('`', "");
    Some(format!("valid keys here are: {keys}"))
}

/// Byte offset of a `key =` or `[key]` in TOML text, for pointing at it.
fn find_key(text: &str, key: &str) -> Option<usize> {
    let last = key.rsplit('.').next().unwrap_or(key);
    let mut off = 0;
    for line in text.split_inclusive('\n') {
        let t = line.trim_start();
        let indent = line.len() - t.len();
        if (t.starts_with(last) && t[last.len()..].trim_start().starts_with('='))
            || t.starts_with(&format!("[{key}]"))
        {
            return Some(off + indent);
        }
        off += line.len();
    }
    None
}

fn is_language_code(code: &str) -> bool {
    let mut parts = code.split('-');
    let first = parts.next().unwrap_or("");
    (2..=3).contains(&first.len())
        && first.chars().all(|c| c.is_ascii_lowercase())
        && parts.all(|p| (2..=8).contains(&p.len()) && p.chars().all(|c| c.is_ascii_alphanumeric()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn defaults_apply_to_an_empty_file() {
        let c = Config::parse("").expect("empty parses");
        assert_eq!(c.circle.weeks, 12);
        assert_eq!(c.circle.meeting_minutes, 60);
        assert_eq!(c.output.dir, PathBuf::from("public"));
        assert_eq!(c.book.language, "en");
        assert_eq!(c.print.paper, Paper::A4);
        let letter = Config::parse("[print]\npaper = \"us-letter\"\n").expect("parses");
        assert_eq!(letter.print.paper, Paper::UsLetter);
    }

    #[test]
    fn unknown_key_names_key_line_and_valid_keys() {
        let text = "[book]\ntitle = \"x\"\ntitel = \"y\"\n";
        let e = Config::parse(text).expect_err("typo");
        let d = &e[0];
        assert_eq!(d.line, 3);
        assert!(d.message.contains("`titel`"), "{}", d.message);
        assert!(d.help.as_deref().unwrap_or("").contains("title"), "{d:?}");
    }

    #[test]
    fn validate_collects_every_problem() {
        let text =
            "[book]\nlanguage = \"English\"\n[circle]\nmeeting-minutes = 0\ngroup-size = [5, 4]\n";
        let c = Config::parse(text).expect("parses");
        let problems = c.validate(text);
        assert_eq!(problems.len(), 3, "{problems:?}");
        assert_eq!(problems[0].line, 4);
    }
}
