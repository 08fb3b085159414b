//! The meeting timer's view of a week: for each agenda item, the part of the week it times
//! (its steps, as the moderator edition shows them) and the rounds in that part, so the
//! timer can show what to do now and count each person's turn.

use std::borrow::Cow;
use std::ops::Range;

use serde::Serialize;

use crate::check::agenda::sections;
use crate::content::Page;
use pulldown_cmark::{CowStr, Event, Tag};

use crate::markdown::{self, Document, Edition, Outline, RenderOptions, Step};

/// `page.meeting`: what the meeting timer shows beside its clock.
#[derive(Debug, Serialize)]
pub struct MeetingView {
    /// One part per agenda item, in the agenda's order.
    pub sections: Vec<SectionView>,
    /// The largest circle (`[circle] group-size`): how many people the timer expects
    /// until the moderator says how many came.
    pub group_size: u32,
}

/// The part of the week one agenda item times.
#[derive(Debug, Serialize)]
pub struct SectionView {
    /// Its HTML; empty when the item matches no part of the week (`check` warns).
    pub html: String,
    /// Seconds each person speaks in the part's first round, if it has one.
    pub each: Option<u32>,
    /// The same with the largest circle.
    pub each_largest: Option<u32>,
}

/// The meeting view of a week page; `opts` say how to render (links, labels).
/// `doc` is the page's body, parsed; each part is rendered from it.
pub(super) fn meeting_view(
    page: &Page,
    doc: &Document,
    group_size: u32,
    opts: &RenderOptions<'_>,
) -> MeetingView {
    let agenda = page.week.as_ref().map_or(&[][..], |w| &w.agenda[..]);
    let sections = sections(page.outline(), page.body_len(), agenda)
        .into_iter()
        .enumerate()
        .map(|(k, s)| match s {
            Some(s) => section_view(doc, page.outline(), &s.range, k, opts),
            None => SectionView {
                html: String::new(),
                each: None,
                each_largest: None,
            },
        })
        .collect();
    MeetingView {
        sections,
        group_size,
    }
}

/// The view of the part of `doc` in `range`, the `k`th of the page (from 0).
fn section_view(
    doc: &Document,
    outline: &Outline,
    range: &Range<usize>,
    k: usize,
    opts: &RenderOptions<'_>,
) -> SectionView {
    let part = excerpt(outline, range);
    let round = part.rounds.first();
    let opts = RenderOptions {
        edition: Edition::Moderator,
        ..*opts
    };
    SectionView {
        html: markdown::render_steps(
            own_footnotes(&doc.steps_in(range), &format!("part-{}-", k + 1))
                .iter()
                .map(AsRef::as_ref),
            &part,
            &opts,
        ),
        each: round.map(|r| r.each),
        each_largest: round.map(|r| r.each_at_largest()),
    }
}

/// `steps` with every footnote label after `prefix`. Each part shows the footnotes it
/// cites, and two parts may cite the same one: their ids (`href="#…"`, `id="…"`) must
/// still differ, as they are on one page.
fn own_footnotes<'s>(steps: &[&'s Step<'s>], prefix: &str) -> Vec<Cow<'s, Step<'s>>> {
    let renamed = |label: &CowStr<'_>| CowStr::from(format!("{prefix}{label}"));
    steps
        .iter()
        .map(|&step| match step {
            Step::Event(Event::FootnoteReference(label), r) => Cow::Owned(Step::Event(
                Event::FootnoteReference(renamed(label)),
                r.clone(),
            )),
            Step::Event(Event::Start(Tag::FootnoteDefinition(label)), r) => {
                Cow::Owned(Step::Event(
                    Event::Start(Tag::FootnoteDefinition(renamed(label))),
                    r.clone(),
                ))
            }
            _ => Cow::Borrowed(step),
        })
        .collect()
}

/// The outline of the part of a body in `range`: its headings, blocks, worksheets and
/// rounds, with the ids the whole page gave them (so they stay unique on one page).
fn excerpt(outline: &Outline, range: &Range<usize>) -> Outline {
    let inside = |r: &Range<usize>| range.contains(&r.start);
    Outline {
        headings: outline
            .headings
            .iter()
            .filter(|h| inside(&h.range))
            .cloned()
            .collect(),
        directives: outline
            .directives
            .iter()
            .filter(|d| inside(&d.range))
            .cloned()
            .collect(),
        worksheets: outline
            .worksheets
            .iter()
            .filter(|w| inside(&w.range))
            .cloned()
            .collect(),
        rounds: outline
            .rounds
            .iter()
            .filter(|r| inside(&r.range))
            .cloned()
            .collect(),
        ..Outline::default()
    }
}

#[cfg(test)]
mod tests {
    use super::{excerpt, section_view};
    use crate::markdown::{self, Edition, RenderOptions};

    /// The meeting view's HTML of the part of `body` from `from` to `to` (or the end).
    fn part_html(body: &str, from: &str, to: Option<&str>) -> String {
        let start = body.find(from).unwrap_or(0);
        let end = to.and_then(|t| body.find(t)).unwrap_or(body.len());
        let keep = |_: &str| None;
        let opts = RenderOptions::new(Edition::Web, &keep);
        let doc = markdown::Document::parse(body);
        let outline = markdown::outline_of(&doc, body);
        section_view(&doc, &outline, &(start..end), 0, &opts).html
    }

    /// Every `id="…"` of `html`.
    fn ids(html: &str) -> Vec<&str> {
        html.split(" id=\"")
            .skip(1)
            .filter_map(|rest| rest.split('"').next())
            .collect()
    }

    #[test]
    fn two_parts_citing_one_footnote_show_it_each_under_ids_of_their_own() {
        let body = "## Check-in\n\nA note[^n] here.\n\n## Close\n\nThe same note[^n].\n\n\
                    [^n]: A note.\n";
        let doc = markdown::Document::parse(body);
        let outline = markdown::outline_of(&doc, body);
        let keep = |_: &str| None;
        let opts = RenderOptions::new(Edition::Web, &keep);
        let close = body.find("## Close").unwrap_or(0);
        let parts = [0..close, close..body.len()];
        let html: Vec<String> = (parts.iter().enumerate())
            .map(|(k, range)| section_view(&doc, &outline, range, k, &opts).html)
            .collect();
        for part in &html {
            assert!(part.contains("A note."), "each part shows the note: {part}");
            // Each reference leads to the definition shown in its own part.
            let target = part
                .split("href=\"#")
                .nth(1)
                .and_then(|r| r.split('"').next());
            assert!(target.is_some_and(|t| ids(part).contains(&t)), "{part}");
        }
        let mut all: Vec<&str> = html.iter().flat_map(|h| ids(h)).collect();
        let count = all.len();
        all.sort_unstable();
        all.dedup();
        assert_eq!(all.len(), count, "ids repeat on the page: {html:?}");
    }

    #[test]
    fn a_part_keeps_the_pages_link_references_and_footnotes() {
        let body = "## Check-in\n\nSee [the guide][g] and a note[^n].\n\n## Close\n\nBye.\n\n\
                    [g]: https://example.com/guide\n\n[^n]: A note.\n";
        let html = part_html(body, "## Check-in", Some("## Close"));
        assert!(
            html.contains("<a href=\"https://example.com/guide\">the guide</a>"),
            "{html}"
        );
        assert!(html.contains("footnote-reference"), "{html}");
        assert!(
            html.contains("footnote-definition") && html.contains("A note."),
            "the note it cites follows the part: {html}"
        );
        assert!(
            !html.contains("[the guide]") && !html.contains("[^n]"),
            "{html}"
        );
        assert!(!html.contains("Bye."), "the next part stays out: {html}");
    }

    #[test]
    fn a_part_that_starts_inside_a_block_takes_the_blocks_insides_that_follow() {
        let body = "::: moderator\nIntro.\n\n## Inside\n\nText in it.\n:::\n\n## After\n\nLater.\n";
        let html = part_html(body, "## Inside", Some("## After"));
        assert!(
            html.contains(">Inside</h2>") && html.contains("Text in it."),
            "{html}"
        );
        assert!(
            !html.contains("Intro.") && !html.contains("Later."),
            "{html}"
        );
        assert_eq!(
            html.matches("<p>").count(),
            html.matches("</p>").count(),
            "{html}"
        );
    }

    const BODY: &str = "## Check-in\n\nRound {each=60s}: say hello.\n\n\
::: exercise Notes {minutes=5}\n```worksheet\n- text: First sheet\n```\n:::\n\n\
## Goals\n\n:::: exercise Notes {minutes=5}\n::: example\nAn example.\n:::\n\
```worksheet {id=goal}\n- text: My goal\n```\n::::\n";

    #[test]
    fn a_part_renders_with_its_own_blocks_worksheets_and_the_pages_ids() {
        let outline = markdown::outline(BODY);
        let start = BODY.find("## Goals").unwrap_or(0);
        let range = start..BODY.len();
        let part = excerpt(&outline, &range);
        assert_eq!(part.worksheets.len(), 1);
        assert!(part.rounds.is_empty(), "the round is in the first part");
        let keep = |_: &str| None;
        let opts = RenderOptions::new(Edition::Moderator, &keep);
        let doc = markdown::Document::parse(BODY);
        let html = markdown::render_steps(doc.steps_in(&range), &part, &opts);
        assert!(html.contains("<h2 id=\"goals\">"), "{html}");
        assert!(
            html.contains("<h3 id=\"notes-1\">"),
            "the second exercise keeps the page's id: {html}"
        );
        assert!(html.contains("An example."), "{html}");
        assert!(html.contains("data-worksheet=\"goal\""), "{html}");
        assert!(
            html.contains("My goal") && !html.contains("First sheet"),
            "{html}"
        );
    }
}
