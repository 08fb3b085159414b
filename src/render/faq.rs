//! The FAQ page: questions wrapped in sections (for the filter), headings shifted under the
//! page title, and schema.org FAQPage structured data.

use pulldown_cmark::{Event, Parser, Tag, TagEnd};
use serde::Serialize;

use crate::content::Page;
use crate::markdown;

/// Wraps each `#` category and `##` question of rendered FAQ HTML in a section, and moves
/// every heading one level down so the page's own title stays the only `<h1>`.
pub fn sectioned(html: &str) -> String {
    let mut out = String::with_capacity(html.len() + 512);
    let mut in_category = false;
    let mut in_question = false;
    for line in html.split_inclusive('\n') {
        if line.starts_with("<h1") {
            if in_question {
                out.push_str("</section>\n");
                in_question = false;
            }
            if in_category {
                out.push_str("</section>\n");
            }
            out.push_str("<section data-faq-category>\n");
            in_category = true;
        } else if line.starts_with("<h2") {
            if in_question {
                out.push_str("</section>\n");
            }
            out.push_str("<section data-faq-question>\n");
            in_question = true;
        }
        out.push_str(&shift_headings(line));
    }
    if in_question {
        out.push_str("</section>\n");
    }
    if in_category {
        out.push_str("</section>\n");
    }
    out
}

fn shift_headings(line: &str) -> String {
    if !line.contains("<h") && !line.contains("</h") {
        return line.to_string();
    }
    let mut s = line.to_string();
    for n in (1..=5).rev() {
        s = s
            .replace(&format!("<h{n}"), &format!("<h{}", n + 1))
            .replace(&format!("</h{n}>"), &format!("</h{}>", n + 1));
    }
    s
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

/// schema.org `FAQPage` JSON-LD for the page's `##` questions, safe to put in a `<script>`.
pub fn json_ld(page: &Page) -> String {
    let body = page.body();
    let headings = &page.outline.headings;
    let mut questions = Vec::new();
    for (i, h) in headings.iter().enumerate() {
        if h.level != 2 {
            continue;
        }
        let end = headings[i + 1..]
            .iter()
            .find(|n| n.level <= 2)
            .map_or(body.len(), |n| n.range.start);
        let answer = body.get(h.range.end..end).unwrap_or("");
        questions.push(Question {
            kind: "Question",
            name: h.text.clone(),
            accepted_answer: Answer {
                kind: "Answer",
                text: lead(&plain_text(answer)),
            },
        });
    }
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

/// The words of a Markdown snippet, without markup.
fn plain_text(md: &str) -> String {
    let mut out = String::new();
    for event in Parser::new_ext(md, markdown::options()) {
        match event {
            Event::Text(t) | Event::Code(t) => out.push_str(&t),
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
    fn wraps_questions_and_shifts_headings() {
        let html = "<h1 id=\"a\">A</h1>\n<h2 id=\"q\">Q?</h2>\n<p>Yes.</p>\n<h2 id=\"r\">R?</h2>\n<p>No.</p>\n";
        let out = sectioned(html);
        assert_eq!(out.matches("data-faq-question").count(), 2);
        assert_eq!(out.matches("data-faq-category").count(), 1);
        assert!(out.contains("<h2 id=\"a\">A</h2>"), "{out}");
        assert!(out.contains("<h3 id=\"q\">Q?</h3>"), "{out}");
        assert_eq!(
            out.matches("<section").count(),
            out.matches("</section>").count()
        );
    }

    #[test]
    fn answers_in_structured_data_are_their_first_sentence() {
        assert_eq!(lead("One hour. Then a break."), "One hour.");
        let long = "word ".repeat(60);
        let cut = lead(long.trim());
        assert!(cut.ends_with('…') && cut.chars().count() <= 161, "{cut}");
    }

    #[test]
    fn plain_text_drops_markup() {
        assert_eq!(
            plain_text("See **the** [guide](x.md).\n\n- one\n- two"),
            "See the guide. • one • two"
        );
    }
}
