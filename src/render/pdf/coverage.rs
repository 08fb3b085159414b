//! Whether the fonts of the PDFs cover every character they are to show: checked before
//! typesetting, and by `check` in its stead.

use super::job::Job;
use super::{font_plan, fonts};
use crate::diagnostic::Diagnostic;
use crate::site::Site;

/// What `check` runs instead of typesetting: fails when the template cannot be read or
/// does not take what the settings pass to it, or with one diagnostic per page whose
/// characters no font covers in any PDF of `jobs`; else returns the warnings.
pub fn check_fonts(site: &Site, jobs: &[Job<'_>]) -> Result<Vec<Diagnostic>, Vec<Diagnostic>> {
    super::template::load(site).map_err(|d| vec![d])?;
    let theme_fonts =
        fonts::ThemeFonts::read(&site.root, &site.config.theme.name).map_err(|d| vec![d])?;
    let base = theme_fonts.load().map_err(|d| vec![d])?;
    let plan = font_plan::FontPlan::new(jobs, base, &site.config.print.fonts);
    let all: Vec<usize> = (0..jobs.len()).collect();
    check_coverage(site, jobs, &all, &plan.fonts)?;
    Ok(plan.warnings(jobs))
}

/// Fails with one diagnostic per page whose characters no font covers.
pub(super) fn check_coverage(
    site: &Site,
    jobs: &[Job<'_>],
    todo: &[usize],
    fonts: &[::typst::text::Font],
) -> Result<(), Vec<Diagnostic>> {
    let mut problems: Vec<Diagnostic> = Vec::new();
    let mut seen = std::collections::HashSet::new();
    for &i in todo {
        let missing = fonts::missing(&jobs[i].source.text, fonts);
        if missing.is_empty() {
            continue;
        }
        for page in &jobs[i].pages {
            let Ok(text) = page.text() else { continue };
            let here: Vec<char> = missing
                .iter()
                .copied()
                .filter(|c| text.full().contains(*c))
                .collect();
            if !here.is_empty() && seen.insert(page.source.path.clone()) {
                problems.push(fonts::missing_diagnostic(
                    &page.source.path,
                    text.full(),
                    &here,
                    &site.config.theme.name,
                ));
            }
        }
        if seen.is_empty() {
            // Only UI strings or book.toml hold them.
            let d = Diagnostic::error(
                "book.toml",
                format!("no font for the PDF covers {missing:?}"),
            )
            .help(format!(
                "put a font that covers them into themes/{}/fonts/, or build with --no-pdf",
                site.config.theme.name
            ));
            problems.push(d);
            break;
        }
    }
    if problems.is_empty() {
        Ok(())
    } else {
        Err(problems)
    }
}
