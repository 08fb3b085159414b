//! The FAQ's structure: categories (`#` headings) and their questions (`##` headings), each
//! with its anchor, its place among the outline's headings and the body range of its answer.
//! The FAQ page's sections, its filter and its structured data are all made from this.

use std::ops::Range;

use serde::Serialize;

use crate::markdown::Outline;

/// A question: a `##` heading and the text up to the next `#` or `##` heading. Templates
/// see its title and id (`page.faq[i].questions`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Question<'a> {
    /// The question as written.
    pub title: &'a str,
    /// Its anchor.
    pub id: &'a str,
    /// Its index among the outline's headings.
    #[serde(skip)]
    pub heading: usize,
    /// The body range of its answer (after the heading, up to the next question or category).
    #[serde(skip)]
    pub answer: Range<usize>,
}

/// A category: a `#` heading and the questions under it. Questions before the first `#`
/// heading belong to a category without a heading (empty title and id, no heading index).
/// Templates see its title, id and questions (`page.faq`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Category<'a> {
    /// The category's name ("" for questions before any category).
    pub title: &'a str,
    /// Its anchor ("" for questions before any category).
    pub id: &'a str,
    /// Its index among the outline's headings (`None` for questions before any category).
    #[serde(skip)]
    pub heading: Option<usize>,
    /// Its questions, in order.
    pub questions: Vec<Question<'a>>,
}

/// The categories of an FAQ body (of length `body_len`) with the given outline, in order.
pub fn categories(outline: &Outline, body_len: usize) -> Vec<Category<'_>> {
    let headings = &outline.headings;
    let mut out: Vec<Category<'_>> = Vec::new();
    for (i, h) in headings.iter().enumerate() {
        match h.level {
            1 => out.push(Category {
                title: &h.text,
                id: &h.id,
                heading: Some(i),
                questions: Vec::new(),
            }),
            2 => {
                let end = headings[i + 1..]
                    .iter()
                    .find(|n| n.level <= 2)
                    .map_or(body_len, |n| n.range.start);
                let question = Question {
                    title: &h.text,
                    id: &h.id,
                    heading: i,
                    answer: h.range.end..end.max(h.range.end),
                };
                match out.last_mut() {
                    Some(c) => c.questions.push(question),
                    None => out.push(Category {
                        title: "",
                        id: "",
                        heading: None,
                        questions: vec![question],
                    }),
                }
            }
            _ => {}
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::markdown::outline;

    #[test]
    fn questions_belong_to_the_category_above_them() {
        let body = "## Early?\n\nYes.\n\n# Time\n\n## How long?\n\nAn hour.\n\n### Detail\n\nMore.\n\n## Breaks?\n\nOne.\n";
        let o = outline(body);
        let cats = categories(&o, body.len());
        assert_eq!(cats.len(), 2);
        assert_eq!((cats[0].title, cats[0].heading), ("", None));
        assert_eq!(cats[0].questions[0].title, "Early?");
        assert_eq!(
            (cats[1].title, cats[1].id, cats[1].heading),
            ("Time", "time", Some(1))
        );
        let titles: Vec<&str> = cats[1].questions.iter().map(|q| q.title).collect();
        assert_eq!(titles, ["How long?", "Breaks?"]);
        let long = &body[cats[1].questions[0].answer.clone()];
        assert!(
            long.contains("An hour.") && long.contains("More."),
            "{long}"
        );
        assert!(!long.contains("One."), "{long}");
        assert_eq!(&body[cats[1].questions[1].answer.clone()], "\nOne.\n");
    }
}
