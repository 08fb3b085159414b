//! The FAQ page: where its sections start (for the filter) and its schema.org FAQPage
//! structured data, both from the FAQ's categories and questions.

use std::ops::Range;

use pulldown_cmark::{Event, Tag, TagEnd};
use serde::Serialize;

use crate::content::faq::Category;
use crate::markdown::{Document, SectionStart, Step};

/// Where the FAQ's sections start: each category (`<section data-faq-category>`) and each
/// question inside it (`<section data-faq-question>`), for the filter.
pub fn section_starts(categories: &[Category<'_>]) -> Vec<SectionStart> {
    let mut out = Vec::new();
    for c in categories {
        if let Some(heading) = c.heading {
            out.push(SectionStart {
                heading,
                depth: 0,
                attrs: "data-faq-category",
            });
        }
        out.extend(c.questions.iter().map(|q| SectionStart {
            heading: q.heading,
            depth: 1,
            attrs: "data-faq-question",
        }));
    }
    out
}

#[derive(Serialize)]
struct Answer {
    #[serde(rename = "@type")]
    kind: &'static str,
    text: String,
}

#[derive(Serialize)]
struct Question {
    #[serde(rename = "@type")]
    kind: &'static str,
    name: String,
    #[serde(rename = "acceptedAnswer")]
    accepted_answer: Answer,
}

#[derive(Serialize)]
struct FaqPage {
    #[serde(rename = "@context")]
    context: &'static str,
    #[serde(rename = "@type")]
    kind: &'static str,
    #[serde(rename = "mainEntity")]
    main_entity: Vec<Question>,
}

/// schema.org `FAQPage` JSON-LD for the FAQ's questions, safe to put in a `<script>`.
pub fn json_ld(categories: &[Category<'_>], doc: &Document) -> String {
    let questions = categories
        .iter()
        .flat_map(|c| &c.questions)
        .map(|q| Question {
            kind: "Question",
            name: q.title.to_string(),
            accepted_answer: Answer {
                kind: "Answer",
                text: lead(&plain_text(doc, &q.answer)),
            },
        })
        .collect();
    let data = FaqPage {
        context: "https://schema.org",
        kind: "FAQPage",
        main_entity: questions,
    };
    serde_json::to_string(&data)
        .unwrap_or_else(|_| "{}".into())
        .replace("</", "<\\/")
}

/// The first sentence of an answer, at most about 160 characters: enough for a search
/// result, while the page stays light (the full answer is on the page itself).
fn lead(text: &str) -> String {
    const MAX: usize = 160;
    let sentence_end = text
        .char_indices()
        .find(|(i, c)| {
            matches!(c, '.' | '?' | '!' | '。') && text[i + c.len_utf8()..].starts_with([' ', '\n'])
        })
        .map(|(i, c)| i + c.len_utf8());
    let first = &text[..sentence_end.unwrap_or(text.len())];
    if first.chars().count() <= MAX {
        return first.to_string();
    }
    let mut cut: String = first.chars().take(MAX).collect();
    if let Some(space) = cut.rfind(' ') {
        cut.truncate(space);
    }
    cut.push('…');
    cut
}

/// The words of the part of a parsed body in `range`, without markup.
fn plain_text(doc: &Document, range: &Range<usize>) -> String {
    let mut out = String::new();
    let inside = doc.steps().iter().filter_map(|step| match step {
        Step::Event(event, at) if range.contains(&at.start) => Some(event),
        _ => None,
    });
    for event in inside {
        match event {
            Event::Text(t) | Event::Code(t) => out.push_str(t),
            Event::SoftBreak | Event::HardBreak => out.push(' '),
            Event::End(TagEnd::Paragraph | TagEnd::Item | TagEnd::Heading(_)) => out.push(' '),
            Event::Start(Tag::Item) => out.push_str("• "),
            _ => {}
        }
    }
    out.split_whitespace().collect::<Vec<_>>().join(" ")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn answers_in_structured_data_are_their_first_sentence() {
        assert_eq!(lead("One hour. Then a break."), "One hour.");
        let long = "word ".repeat(60);
        let cut = lead(long.trim());
        assert!(cut.ends_with('…') && cut.chars().count() <= 161, "{cut}");
    }

    #[test]
    fn plain_text_drops_markup() {
        let body = "# Q\n\nSee **the** [guide](x.md).\n\n- one\n- two\n\n# Next\n\nNot this.\n";
        let doc = Document::parse(body);
        let end = body.find("# Next").unwrap_or(body.len());
        assert_eq!(plain_text(&doc, &(4..end)), "See the guide. • one • two");
    }
}
