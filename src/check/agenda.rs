//! Agenda items against the week they time: each item belongs to a part of the page (an
//! exercise or heading of the same title, or the one its `section:` names), and the rounds
//! in that part (`{each=…}` × the largest circle) must fit in the item's minutes.

use std::ops::Range;

use super::text::LazyText;
use crate::content::{AgendaItem, Page, WeekMeta};
use crate::diagnostic::{Diagnostic, Diagnostics};
use crate::markdown::rounds::show;
use crate::markdown::{DirectiveKind, Heading, Outline};

/// The part of a week's body that one agenda item times.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Section {
    /// The anchor of the part's heading.
    pub id: String,
    /// Byte range in the body.
    pub range: Range<usize>,
}

/// The heading an agenda item belongs to, by its `section:` id or its exact title.
fn target<'a>(outline: &'a Outline, item: &AgendaItem) -> Option<&'a Heading> {
    match &item.section {
        Some(id) => outline.headings.iter().find(|h| &h.id == id),
        None => outline
            .headings
            .iter()
            .find(|h| h.text == item.title.trim()),
    }
}

/// Each agenda item's part of the body, or `None` where it matches nothing. A part runs
/// from its heading to the end of its exercise block, else to the next heading of the same
/// or a higher level, or to the next item's heading, whichever comes first.
pub fn sections(outline: &Outline, body_len: usize, agenda: &[AgendaItem]) -> Vec<Option<Section>> {
    let targets: Vec<Option<&Heading>> = agenda.iter().map(|a| target(outline, a)).collect();
    let starts: Vec<usize> = targets.iter().flatten().map(|h| h.range.start).collect();
    targets
        .iter()
        .map(|t| {
            let h = (*t)?;
            let start = h.range.start;
            let block_end = outline
                .directives
                .iter()
                .find(|d| d.kind == Some(DirectiveKind::Exercise) && d.open == h.range)
                .map(|d| d.range.end);
            let next_heading = outline
                .headings
                .iter()
                .find(|n| n.range.start > start && n.level <= h.level)
                .map(|n| n.range.start);
            let next_item = starts.iter().copied().filter(|&s| s > start).min();
            let end = [block_end, next_heading, next_item]
                .into_iter()
                .flatten()
                .min()
                .unwrap_or(body_len);
            Some(Section {
                id: h.id.clone(),
                range: start..end,
            })
        })
        .collect()
}

/// Warns about agenda items that match no part of the week and rounds that overrun their
/// item with the largest circle.
pub(super) fn check_agenda(
    page: &Page,
    meta: &WeekMeta,
    largest: u32,
    text: &LazyText<'_>,
    diags: &mut Diagnostics,
) {
    let outline = page.outline();
    let found = sections(outline, page.body_len(), &meta.agenda);
    for (n, (item, section)) in meta.agenda.iter().zip(&found).enumerate() {
        let Some(section) = section else {
            let text = text.full();
            diags.push(located(unmatched(page, item), text, item_offset(text, n)));
            continue;
        };
        let rounds: Vec<_> = outline
            .rounds
            .iter()
            .filter(|r| section.range.contains(&r.range.start))
            .collect();
        let needed: u32 = rounds.iter().map(|r| r.each_at_largest() * largest).sum();
        if needed <= item.minutes * 60 {
            continue;
        }
        let each: Vec<String> = rounds.iter().map(|r| show(r.each_at_largest())).collect();
        let first = rounds.first().map(|r| &r.range);
        let d = Diagnostic::warning(
            &page.source.path,
            format!(
                "the rounds of “{}” take {} with {largest} people ({} each), more than its {} minutes",
                item.title,
                show(needed),
                each.join(" + "),
                item.minutes
            ),
        )
        .help(format!(
            "give each person less time when the circle is large, e.g. `{{each=90s/60s}}` (90 seconds each, 60 with {largest}), or give “{}” more minutes in the agenda",
            item.title
        ));
        diags.push(match first {
            Some(r) => d.at_span(
                text.full(),
                r.start + page.body_offset..r.end + page.body_offset,
            ),
            None => d,
        });
    }
}

fn unmatched(page: &Page, item: &AgendaItem) -> Diagnostic {
    let message = match &item.section {
        Some(id) => format!(
            "the agenda item “{}” names `section: {id}`, which is no heading or exercise of this week",
            item.title
        ),
        None => format!(
            "the agenda item “{}” matches no heading or exercise of this week",
            item.title
        ),
    };
    let titles: Vec<String> = page
        .outline()
        .headings
        .iter()
        .filter(|h| h.level >= 2)
        .take(8)
        .map(|h| format!("“{}” (`{}`)", h.text, h.id))
        .collect();
    Diagnostic::warning(&page.source.path, message).help(format!(
        "give the item the exact title of the part it times, or add `section: <id>` to it; this week has {}",
        if titles.is_empty() {
            "no headings".to_string()
        } else {
            titles.join(", ")
        }
    ))
}

fn located(d: Diagnostic, text: &str, at: Option<usize>) -> Diagnostic {
    match at {
        Some(off) => d.at_offset(text, off),
        None => d,
    }
}

/// Where the `n`-th item of the front matter's `agenda:` list starts.
fn item_offset(text: &str, n: usize) -> Option<usize> {
    let mut off = 0;
    let mut in_agenda = false;
    let mut count = 0;
    for (i, line) in text.split_inclusive('\n').enumerate() {
        if i > 0 && line.trim_end() == "---" {
            return None;
        }
        let indented = line.starts_with([' ', '\t', '-']);
        if in_agenda && !indented && !line.trim().is_empty() {
            return None;
        }
        if in_agenda && line.trim_start().starts_with("- ") {
            if count == n {
                return Some(off + line.len() - line.trim_start().len());
            }
            count += 1;
        }
        if line.starts_with("agenda:") {
            in_agenda = true;
        }
        off += line.len();
    }
    None
}

#[cfg(test)]
mod tests {
    use super::item_offset;

    #[test]
    fn finds_each_agenda_item_in_the_front_matter() {
        let text = "---\nweek: 1\nagenda:\n  - title: A\n    minutes: 5\n  - title: B\n    minutes: 5\ntitle: x\n---\n";
        assert_eq!(item_offset(text, 0), text.find("- title: A"));
        assert_eq!(item_offset(text, 1), text.find("- title: B"));
        assert_eq!(item_offset(text, 2), None);
    }
}
