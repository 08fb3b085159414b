//! Loading the theme's templates: the built-in default theme, overridden file by file by the site's.

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};
use std::time::Duration;

use tera::{Context, ErrorKind, Tera};

use crate::diagnostic::Diagnostic;

use super::theme;

mod guard;
mod locate;

/// The templates of a site, with each one's origin for error messages.
pub struct Templates {
    /// The compiled templates (shared with the threads that render them).
    pub tera: Arc<Tera>,
    /// UI strings per language (see `strings::load`); empty until set.
    pub strings: std::collections::BTreeMap<String, super::strings::StringTable>,
    /// How long one render may take (`[build] template-timeout`). Default: 10 s.
    pub timeout: Duration,
    sources: Vec<(String, PathBuf, String)>,
    /// No template is the site's own: renders need no watching thread.
    builtin_only: bool,
    /// Templates whose render ran out of time: later renders of them fail at once.
    runaway: Mutex<HashMap<String, Diagnostic>>,
}

impl std::fmt::Debug for Templates {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Templates")
            .field("count", &self.sources.len())
            .finish()
    }
}

/// The templates compiled together; on failure, each syntax error in its own file (the
/// templates are parsed one by one only then), else what the compiler said.
fn compile(sources: &[(String, PathBuf, String)]) -> Result<Tera, Vec<Diagnostic>> {
    let mut tera = Tera::new();
    tera.autoescape_on(vec![".html", ".xml"]);
    tera.register_filter("count", super::plural::count_filter);
    if let Err(e) = tera.add_raw_templates(sources.iter().map(|(n, _, t)| (n.as_str(), t.as_str())))
    {
        let mut problems = Vec::new();
        for (name, path, text) in sources {
            if let Err(e) = Tera::new().add_raw_template(name, text)
                && matches!(e.kind(), ErrorKind::SyntaxError(_))
            {
                problems.push(template_diagnostic(&e, path, text));
            }
        }
        if problems.is_empty() {
            problems.push(Templates::describe_with(sources, &e));
        }
        return Err(problems);
    }
    Ok(tera)
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
        let tera = compile(&sources)?;
        let builtin_only = sources.iter().all(|(n, path, _)| *path == builtin_path(n));
        Ok(Templates {
            tera: Arc::new(tera),
            strings: Default::default(),
            timeout: crate::config::Build::default().template_timeout.0,
            sources,
            builtin_only,
            runaway: Mutex::default(),
        })
    }

    /// Renders the template `name`, stopping it after `timeout` (see `guard`). Errors
    /// become diagnostics naming the template's file and line where Tera gives one.
    pub fn render(&self, name: &str, ctx: Context) -> Result<String, Diagnostic> {
        if let Some(d) = self.runaway_of(name) {
            return Err(d);
        }
        let guarded = if self.builtin_only {
            // The built-in theme alone cannot run away: no thread needs to watch it.
            guard::render_here(&self.tera, name, &ctx, self.timeout)
        } else {
            guard::render(&self.tera, name, ctx, self.timeout)
        };
        match guarded {
            guard::Guarded::Done(Ok(html)) => Ok(html),
            guard::Guarded::Done(Err(e)) => Err(self.describe_render(name, &e)),
            guard::Guarded::TimedOut => {
                let d = self
                    .stopped(
                        name,
                        &format!(
                            "the template `{name}` {RUNAWAY} {}",
                            human_duration(self.timeout)
                        ),
                    )
                    .help(
                        "a `{% for %}` over a huge range or a component that calls itself can run \
                     for ever: fix the template, or raise `[build] template-timeout` in book.toml",
                    );
                self.runaway
                    .lock()
                    .unwrap_or_else(|e| e.into_inner())
                    .insert(name.to_string(), d.clone());
                Err(d)
            }
            guard::Guarded::TooBig => Err(self
                .stopped(
                    name,
                    &format!(
                        "the template `{name}` made a page larger than {} MB",
                        guard::MAX_OUTPUT >> 20
                    ),
                )
                .help("a loop in the template probably runs far longer than meant: fix it")),
            guard::Guarded::Panicked => Err(self
                .stopped(name, &format!("rendering the template `{name}` crashed"))
                .help("simplify the template; please report this with the template attached")),
        }
    }

    fn runaway_of(&self, name: &str) -> Option<Diagnostic> {
        let runaway = self.runaway.lock().unwrap_or_else(|e| e.into_inner());
        runaway.get(name).cloned()
    }

    /// A diagnostic at the file of template `name`.
    fn stopped(&self, name: &str, message: &str) -> Diagnostic {
        Diagnostic::error(self.path_of(name), message)
    }

    fn path_of(&self, name: &str) -> PathBuf {
        self.sources
            .iter()
            .find(|(n, _, _)| n == name)
            .map_or_else(|| builtin_path(name), |(_, p, _)| p.clone())
    }

    /// Like [`Templates::describe`] for an error met while rendering `name`: an error
    /// without a position is put at that template's file rather than at `themes`.
    fn describe_render(&self, name: &str, e: &tera::Error) -> Diagnostic {
        let d = self.describe(e);
        if d.path != Path::new("themes") {
            return d;
        }
        let mut d = Diagnostic::error(self.path_of(name), format!("template error: {}", chain(e)));
        d.help = Some("fix the template; variables available to templates are listed in the README's theme section".into());
        d
    }

    /// A hash of every template's name and text and of the UI strings: equal fingerprints
    /// render alike.
    pub fn fingerprint(&self) -> u64 {
        use std::hash::{Hash, Hasher};
        let mut h = crate::stable_hash::hasher();
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
        if let Some((_, path, text)) = sources.iter().find(|(n, _, _)| *n == name) {
            return template_diagnostic(e, path, text);
        }
        if let Some(d) = locate_without_span(sources, e) {
            return d;
        }
        Diagnostic::error("themes", format!("template error: {}", chain(e)))
            .help("check the templates in themes/ (a template may extend or include one that does not exist)")
    }
}

/// Puts the errors Tera reports without a position (a circular `include` or `extends`,
/// a component that calls itself too deeply) at the line that causes them.
fn locate_without_span(
    sources: &[(String, PathBuf, String)],
    e: &tera::Error,
) -> Option<Diagnostic> {
    let (chain_names, keyword, what) = match e.kind() {
        ErrorKind::CircularInclude { include_chain, .. } => (include_chain, "include", "includes"),
        ErrorKind::CircularExtend {
            inheritance_chain, ..
        } => (inheritance_chain, "extends", "extends"),
        _ if chain(e).contains("recursion depth for components") => {
            let (path, text, name, at) = sources.iter().rev().find_map(|(_, path, text)| {
                locate::self_call(text).map(|(name, at)| (path, text, name, at))
            })?;
            return Some(
                Diagnostic::error(
                    path,
                    format!("the component `{name}` calls itself too many times (more than 20 levels deep)"),
                )
                .at_span(text, at..at + name.len() + 1)
                .help("make sure the component stops calling itself, e.g. inside an `{% if %}` that becomes false"),
            );
        }
        _ => return None,
    };
    let n = chain_names.len();
    let (from, to) = (chain_names.get(n.checked_sub(2)?)?, chain_names.get(n - 1)?);
    let (_, path, text) = sources.iter().rev().find(|(name, _, _)| name == from)?;
    let cycle = chain_names.join(" → ");
    let d = Diagnostic::error(
        path,
        format!("`{from}` {what} `{to}`, which leads back to it: {cycle}"),
    )
    .help(format!("remove one `{keyword}` of the cycle"));
    Some(match locate::tag_naming(text, keyword, to) {
        Some(at) => d.at_span(text, at..at + keyword.len()),
        None => d,
    })
}

/// True for the diagnostic of a render stopped for taking too long (`serve` says it is
/// degraded while one stands).
pub fn is_runaway(d: &Diagnostic) -> bool {
    d.message.starts_with("the template `") && d.message.contains(RUNAWAY)
}

const RUNAWAY: &str = "did not finish rendering within";

/// "10 s", "500 ms".
fn human_duration(d: Duration) -> String {
    if d.subsec_millis() == 0 {
        format!("{} s", d.as_secs())
    } else {
        format!("{} ms", d.as_millis())
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_a_sites_own_templates_are_watched_by_a_thread() {
        let root = std::env::temp_dir().join(format!("circlekit-tpl-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&root);
        std::fs::create_dir_all(&root).expect("root");
        let t = Templates::load(&root, "default").expect("built-in theme");
        assert!(
            t.builtin_only,
            "the built-in theme renders on the calling thread"
        );
        let dir = root.join("themes/default/templates");
        std::fs::create_dir_all(&dir).expect("templates");
        std::fs::write(dir.join("faq.html"), "{{ 1 }}").expect("template");
        let t = Templates::load(&root, "default").expect("with an override");
        assert!(!t.builtin_only, "a site's own template is watched");
        let _ = std::fs::remove_dir_all(&root);
    }
}
