//! The files besides pages: the sitemap, the theme's static files and the site's assets.

use std::path::Path;

use tera::Context;

use super::templates::Templates;
use super::theme;
use crate::diagnostic::Diagnostic;
use crate::output::Sink;
use crate::site::Site;

/// Writes `<prefix>sitemap.xml`: one sitemap per language, with that language's pages.
pub(super) fn write_sitemap(
    site: &Site,
    templates: &Templates,
    prefix: &str,
    urls: &[String],
    sink: &dyn Sink,
) -> Result<(), Diagnostic> {
    let base = &site.config.book.base_url;
    let mut full: Vec<String> = urls.iter().map(|u| format!("{base}{u}")).collect();
    full.sort();
    let mut ctx = Context::new();
    ctx.insert("urls", &full);
    ctx.insert("base_url", base);
    let xml = templates.render("sitemap.xml", ctx)?;
    let path = format!("{prefix}sitemap.xml");
    sink.write(&path, xml.into_bytes())
        .map_err(|e| Diagnostic::from_failure(&e, Path::new(&path)))
}

/// Copies the theme's static files (built-in, then the site theme's over them) and `assets/`.
pub(super) fn copy_theme_and_assets(site: &Site, sink: &dyn Sink) -> Result<usize, Diagnostic> {
    let mut count = 0;
    let theme_static = site
        .root
        .join("themes")
        .join(&site.config.theme.name)
        .join("static");
    let err = |p: &Path, e: anyhow::Error| Diagnostic::from_failure(&e, p);
    for (name, bytes) in theme::STATIC {
        if !theme_static.join(name).is_file() {
            sink.write(&format!("theme/{name}"), bytes.to_vec())
                .map_err(|e| err(Path::new(name), e))?;
            count += 1;
        }
    }
    for rel in crate::site::list_files(&theme_static) {
        let from = theme_static.join(&rel);
        sink.copy(&format!("theme/{rel}"), &from)
            .map_err(|e| err(&from, e))?;
        count += 1;
    }
    let assets = site.root.join("assets");
    for rel in &site.assets {
        let from = assets.join(rel);
        sink.copy(&format!("assets/{rel}"), &from)
            .map_err(|e| err(&from, e))?;
        count += 1;
    }
    Ok(count)
}
