//! What search reads of a parsed body: its text in sections, one per heading with an id
//! (exercise and before-next headings included), taken from the document's events, never
//! from rendered HTML.
//!
//! The text is what the web edition shows: paragraphs, lists, tables, code, block content
//! (moderator notes too: the web page shows them), worksheet labels, the text of raw HTML
//! without its tags. Words of inline markup run on as they read (`**a**b` is `ab`); block
//! ends and line breaks separate words.

use pulldown_cmark::{Event, Tag, TagEnd};

use super::directives::DirectiveKind;
use super::document::Document;
use super::outline::Outline;
use super::render::is_inline;
use super::walk::Step;
use super::worksheet::{Field, Worksheet};

/// One section of a page: from a heading with an id to the next one.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct TextSection {
    /// The heading's anchor ("" for the text before the first heading).
    pub id: String,
    /// The heading's text ("" for the text before the first heading).
    pub heading: String,
    /// The section's text; words are separated by whitespace, not necessarily single spaces.
    pub text: String,
}

/// The sections of a parsed body, in document order, empty ones left out. `outline` is the
/// body's outline (it names the headings' ids and the worksheets' fields).
pub fn search_sections(doc: &Document, outline: &Outline) -> Vec<TextSection> {
    let mut out = Vec::new();
    for_each_section(doc, outline, |id, heading, text| {
        out.push(TextSection {
            id: id.to_string(),
            heading: heading.to_string(),
            text: text.to_string(),
        });
    });
    out
}

/// Calls `each` with every section of [`search_sections`] in turn, as its heading's id,
/// its heading and its text (trimmed), all made in one buffer: nothing is allocated per
/// section.
pub fn for_each_section(doc: &Document, outline: &Outline, mut each: impl FnMut(&str, &str, &str)) {
    let mut text = String::new();
    let mut heading: (&str, &str) = ("", "");
    let mut headings = outline.headings.iter();
    let mut sheets = outline.worksheets.iter();
    let mut to_next = || {
        headings
            .next()
            .map_or(("", ""), |h| (h.id.as_str(), h.text.as_str()))
    };
    // Inside a Markdown heading: its text is the section's heading, not its text.
    let mut in_heading = false;
    for step in doc.steps() {
        match step {
            Step::Event(event, _) => match event {
                Event::Start(Tag::Heading { .. }) => {
                    in_heading = true;
                    next(&mut each, &mut text, &mut heading, to_next());
                }
                Event::End(TagEnd::Heading(_)) => in_heading = false,
                _ if in_heading => {}
                Event::Text(t) | Event::Code(t) | Event::InlineMath(t) | Event::DisplayMath(t) => {
                    text.push_str(t)
                }
                Event::Html(h) | Event::InlineHtml(h) => push_untagged(&mut text, h),
                Event::SoftBreak | Event::HardBreak | Event::Rule => text.push(' '),
                // The end of a block separates words; the end of inline markup does not.
                Event::End(_) if !is_inline(event) => text.push(' '),
                _ => {}
            },
            Step::Open(block, _) => {
                if block.kind.and_then(DirectiveKind::heading_level).is_some() {
                    next(&mut each, &mut text, &mut heading, to_next());
                } else if let Some(title) = &block.title {
                    text.push(' ');
                    text.push_str(title);
                    text.push(' ');
                }
            }
            Step::Close(_) | Step::Round(..) => text.push(' '),
            Step::Worksheet(src) => match sheets.next().filter(|s| s.valid) {
                Some(sheet) => push_labels(&mut text, sheet),
                None => src.lines.iter().for_each(|(t, _)| text.push_str(t)),
            },
        }
    }
    next(&mut each, &mut text, &mut heading, ("", ""));
}

/// Hands the current section (`heading`, `text`) to `each` unless it is empty, and starts
/// the one of the heading `to`.
fn next<'o>(
    each: &mut impl FnMut(&str, &str, &str),
    text: &mut String,
    heading: &mut (&'o str, &'o str),
    to: (&'o str, &'o str),
) {
    let (id, title) = *heading;
    let words = text.trim();
    if !words.is_empty() || !title.is_empty() {
        each(id, title, words);
    }
    text.clear();
    *heading = to;
}

/// The text of raw HTML without its tags (a tag separates words).
fn push_untagged(into: &mut String, html: &str) {
    let mut rest = html;
    while let Some(lt) = rest.find('<') {
        into.push_str(&rest[..lt]);
        into.push(' ');
        rest = rest[lt..].find('>').map_or("", |gt| &rest[lt + gt + 1..]);
    }
    into.push_str(rest);
}

/// A worksheet's labels, column headers, items and scale ends: what a reader sees of it.
fn push_labels(into: &mut String, sheet: &Worksheet) {
    let mut push = |s: &str| {
        into.push(' ');
        into.push_str(s);
    };
    for field in &sheet.fields {
        match field {
            Field::Text { label, .. } | Field::Date { label } => push(label),
            Field::Table { label, columns, .. } => {
                label.iter().chain(columns).for_each(|s| push(s));
            }
            Field::Checklist { label, items } => label.iter().chain(items).for_each(|s| push(s)),
            Field::Scale {
                label, low, high, ..
            } => {
                push(label);
                low.iter().chain(high).for_each(|s| push(s));
            }
        }
    }
    into.push(' ');
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::markdown::outline::outline_of;

    fn sections(body: &str) -> Vec<TextSection> {
        let doc = Document::parse(body);
        search_sections(&doc, &outline_of(&doc, body))
    }

    fn words(s: &TextSection) -> Vec<&str> {
        s.text.split_whitespace().collect()
    }

    #[test]
    fn splits_a_body_into_sections_at_headings() {
        let s = sections(
            "Intro &amp; *more*.\n\n## Check-in\n\nRound one.\n\n- A\n- B\n\n### Exercise `1`\n\nWrite<br>names.\n",
        );
        assert_eq!(s.len(), 3, "{s:?}");
        assert_eq!((s[0].id.as_str(), s[0].heading.as_str()), ("", ""));
        assert_eq!(words(&s[0]), ["Intro", "&", "more."]);
        assert_eq!(
            (s[1].id.as_str(), s[1].heading.as_str()),
            ("check-in", "Check-in")
        );
        assert_eq!(words(&s[1]), ["Round", "one.", "A", "B"]);
        assert_eq!(
            (s[2].id.as_str(), s[2].heading.as_str()),
            ("exercise-1", "Exercise 1")
        );
        assert_eq!(words(&s[2]), ["Write", "names."]);
    }

    #[test]
    fn blocks_with_headings_start_sections_and_worksheets_give_their_labels() {
        let body = "Before.\n\n::: exercise Map your people {id=map}\nName five.\n\n```worksheet\n- text: Who helps you?\n- checklist: Done\n  items: [Called, Wrote]\n```\n:::\n\n::: moderator\nKeep time.\n:::\n";
        let s = sections(body);
        assert_eq!(s.len(), 2, "{s:?}");
        assert_eq!(words(&s[0]), ["Before."]);
        assert_eq!(
            (s[1].id.as_str(), s[1].heading.as_str()),
            ("map", "Map your people")
        );
        assert_eq!(
            words(&s[1]),
            [
                "Name", "five.", "Who", "helps", "you?", "Done", "Called", "Wrote", "Keep", "time."
            ]
        );
    }

    #[test]
    fn an_empty_body_has_no_sections() {
        assert!(sections("").is_empty());
        assert!(sections("\n\n<!-- a comment -->\n").is_empty());
    }
}
