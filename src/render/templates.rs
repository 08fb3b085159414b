//! Loading the theme's templates: the built-in default theme, overridden file by file by the site's.

use std::path::{Path, PathBuf};

use tera::{ErrorKind, Tera};

use crate::diagnostic::Diagnostic;

use super::theme;

/// The templates of a site, with each one's origin for error messages.
pub struct Templates {
    /// The compiled templates.
    pub tera: Tera,
    /// UI strings per language (see `strings::load`); empty until set.
    pub strings: std::collections::BTreeMap<String, super::strings::StringTable>,
    sources: Vec<(String, PathBuf, String)>,
}

impl std::fmt::Debug for Templates {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Templates")
            .field("count", &self.sources.len())
            .finish()
    }
}

/// Where a built-in template is said to come from in messages.
fn builtin_path(name: &str) -> PathBuf {
    PathBuf::from(format!("(built-in theme) themes/default/templates/{name}"))
}

impl Templates {
    /// Loads the built-in templates, then the site's `themes/<name>/templates/*` over them.
    pub fn load(root: &Path, theme_name: &str) -> Result<Templates, Vec<Diagnostic>> {
        let mut sources: Vec<(String, PathBuf, String)> = theme::TEMPLATES
            .iter()
            .map(|(name, text)| (name.to_string(), builtin_path(name), text.to_string()))
            .collect();
        let dir = root.join("themes").join(theme_name).join("templates");
        if theme_name != "default" && !root.join("themes").join(theme_name).is_dir() {
            return Err(vec![
                Diagnostic::error(
                    "book.toml",
                    format!("the theme `{theme_name}` does not exist"),
                )
                .help(format!(
                    "create themes/{theme_name}/templates/ or set `[theme] name = \"default\"`"
                )),
            ]);
        }
        let mut problems = Vec::new();
        if dir.is_dir() {
            for entry in walkdir::WalkDir::new(&dir)
                .follow_links(true)
                .sort_by_file_name()
                .into_iter()
                .flatten()
            {
                if !entry.file_type().is_file() {
                    continue;
                }
                let Some(name) = entry.path().strip_prefix(&dir).ok().and_then(Path::to_str) else {
                    continue;
                };
                let name = name.replace('\\', "/");
                if crate::content::source::is_ignored_name(name.rsplit('/').next().unwrap_or("")) {
                    continue;
                }
                let rel = entry
                    .path()
                    .strip_prefix(root)
                    .unwrap_or(entry.path())
                    .to_path_buf();
                match std::fs::read_to_string(entry.path()) {
                    Ok(text) => {
                        sources.retain(|(n, _, _)| *n != name);
                        sources.push((name, rel, text));
                    }
                    Err(e) => problems.push(
                        Diagnostic::error(rel, format!("cannot read template: {e}"))
                            .help("save it as UTF-8 text"),
                    ),
                }
            }
        }
        if !problems.is_empty() {
            return Err(problems);
        }
        let mut tera = Tera::new();
        tera.autoescape_on(vec![".html", ".xml"]);
        // Templates are parsed one by one first so a syntax error names its own file.
        for (name, path, text) in &sources {
            if let Err(e) = Tera::new().add_raw_template(name, text)
                && matches!(e.kind(), ErrorKind::SyntaxError(_))
            {
                problems.push(template_diagnostic(&e, path, text));
            }
        }
        if !problems.is_empty() {
            return Err(problems);
        }
        if let Err(e) =
            tera.add_raw_templates(sources.iter().map(|(n, _, t)| (n.as_str(), t.as_str())))
        {
            return Err(vec![Templates::describe_with(&sources, &e)]);
        }
        Ok(Templates {
            tera,
            strings: Default::default(),
            sources,
        })
    }

    /// A hash of every template's name and text and of the UI strings: equal fingerprints
    /// render alike.
    pub fn fingerprint(&self) -> u64 {
        use std::hash::{Hash, Hasher};
        let mut h = std::collections::hash_map::DefaultHasher::new();
        for (name, _, text) in &self.sources {
            (name, text).hash(&mut h);
        }
        self.strings.hash(&mut h);
        h.finish()
    }

    /// Turns a Tera error (load or render) into a diagnostic naming the template file and line.
    pub fn describe(&self, e: &tera::Error) -> Diagnostic {
        Templates::describe_with(&self.sources, e)
    }

    fn describe_with(sources: &[(String, PathBuf, String)], e: &tera::Error) -> Diagnostic {
        let name = match e.kind() {
            ErrorKind::SyntaxError(r) | ErrorKind::RenderingError(r) => r.filename().to_string(),
            _ => String::new(),
        };
        match sources.iter().find(|(n, _, _)| *n == name) {
            Some((_, path, text)) => template_diagnostic(e, path, text),
            None => Diagnostic::error("themes", format!("template error: {}", chain(e)))
                .help("check the templates in themes/ (a template may extend or include one that does not exist)"),
        }
    }
}

/// The whole error chain of a Tera error, one cause after the other.
fn chain(e: &tera::Error) -> String {
    let mut out = match e.kind() {
        ErrorKind::SyntaxError(r) | ErrorKind::RenderingError(r) => r.message().to_string(),
        other => other.to_string(),
    };
    let mut source = std::error::Error::source(e);
    while let Some(s) = source {
        out.push_str(": ");
        out.push_str(&s.to_string());
        source = s.source();
    }
    out
}

fn template_diagnostic(e: &tera::Error, path: &Path, text: &str) -> Diagnostic {
    let (line, col, width) = match e.kind() {
        ErrorKind::SyntaxError(r) | ErrorKind::RenderingError(r) => {
            let s = r.span();
            let width = if s.end_line == s.start_line {
                s.end_col.saturating_sub(s.start_col)
            } else {
                1
            };
            (s.start_line, s.start_col + 1, width)
        }
        _ => (0, 0, 1),
    };
    let kind = if matches!(e.kind(), ErrorKind::SyntaxError(_)) {
        "syntax error"
    } else {
        "error"
    };
    let d = Diagnostic::error(path, format!("template {kind}: {}", chain(e)));
    let d = if line > 0 {
        d.at(text, line, col).width(width)
    } else {
        d
    };
    d.help("fix the template; variables available to templates are listed in the README's theme section")
}
