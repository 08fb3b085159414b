//! Checks of directive blocks and worksheets: their syntax problems, empty exercises,
//! exercise minutes against the agenda, and the before-next checklist of each week.

use std::ops::Range;

use super::text::LazyText;
use crate::content::{Page, PageKind};
use crate::diagnostic::{Diagnostic, Diagnostics, LineIndex, Severity};
use crate::markdown::DirectiveKind;

fn in_file(page: &Page, range: &Range<usize>) -> Range<usize> {
    range.start + page.body_offset..range.end + page.body_offset
}

/// Adds the diagnostics of one page's blocks and worksheets.
pub(super) fn check_blocks(page: &Page, text: &LazyText<'_>, diags: &mut Diagnostics) {
    // Found once, when needed, so that thousands of problems take linear time.
    let lines = std::cell::OnceCell::new();
    let lines = || lines.get_or_init(|| LineIndex::new(text.full()));
    for p in &page.outline().problems {
        let d = match p.severity {
            Severity::Error => Diagnostic::error(&page.source.path, &p.message),
            Severity::Warning => Diagnostic::warning(&page.source.path, &p.message),
        };
        diags.push(d.at_span_in(lines(), in_file(page, &p.range)).help(&p.help));
    }
    let exercises: Vec<_> = page
        .outline()
        .directives
        .iter()
        .filter(|d| d.kind == Some(DirectiveKind::Exercise))
        .collect();
    for d in exercises.iter().filter(|d| d.empty) {
        diags.push(
            Diagnostic::warning(&page.source.path, "this exercise is empty")
                .at_span_in(lines(), in_file(page, &d.open))
                .help("write the exercise's steps between its `::: exercise` line and the closing `:::`"),
        );
    }
    if page.kind != PageKind::Week {
        return;
    }
    let Some(meta) = &page.week else { return };
    // Sums in u64: minutes near u32::MAX are a typo to report, not an overflow.
    let (limit, what) = if meta.agenda.is_empty() {
        (u64::from(meta.minutes), "the meeting")
    } else {
        (
            meta.agenda.iter().map(|a| u64::from(a.minutes)).sum(),
            "the agenda",
        )
    };
    let total: u64 = exercises
        .iter()
        .filter_map(|d| d.minutes)
        .map(u64::from)
        .sum();
    if total > limit {
        let mut running = 0;
        let over = exercises.iter().find(|d| {
            running += u64::from(d.minutes.unwrap_or(0));
            running > limit
        });
        let d = Diagnostic::warning(
            &page.source.path,
            format!(
                "the exercises add up to {total} minutes, more than the {limit} minutes of {what}"
            ),
        )
        .help(format!(
            "shorten exercises by {} minutes in their `{{minutes=…}}`, or give {what} more time",
            total - limit
        ));
        diags.push(match over {
            Some(o) => d.at_span_in(lines(), in_file(page, &o.open)),
            None => d,
        });
    }
    let has_before_next = page
        .outline()
        .directives
        .iter()
        .any(|d| d.kind == Some(DirectiveKind::BeforeNext));
    if !has_before_next {
        diags.push(
            Diagnostic::warning(
                &page.source.path,
                "this week has no `::: before-next` block",
            )
            .help("end the guide with what members do before the next meeting: a `::: before-next` line, a task list (`- [ ] …`), and a closing `:::`"),
        );
    }
}
