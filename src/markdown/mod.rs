//! Markdown in one place: the options, a first pass that finds headings and links, and rendering.

pub mod anchors;
pub mod links;

pub use anchors::{AnchorSet, github_id};
pub use links::{LinkTarget, classify_link};

use std::ops::Range;

use pulldown_cmark::{CowStr, Event, HeadingLevel, Options, Parser, Tag, TagEnd, html};

/// The one place where circlekit's Markdown dialect is set: CommonMark plus tables,
/// footnotes, strikethrough, task lists, GitHub alerts and `{#id}` heading attributes.
pub fn options() -> Options {
    Options::ENABLE_TABLES
        | Options::ENABLE_FOOTNOTES
        | Options::ENABLE_STRIKETHROUGH
        | Options::ENABLE_TASKLISTS
        | Options::ENABLE_GFM
        | Options::ENABLE_HEADING_ATTRIBUTES
}

/// A heading found in the first pass.
#[derive(Debug, Clone, serde::Serialize)]
pub struct Heading {
    /// 1 for `#`, 2 for `##`, …
    pub level: u8,
    /// The heading's plain text.
    pub text: String,
    /// Its anchor (GitHub rules, or the author's `{#id}`).
    pub id: String,
    /// Byte range in the body.
    #[serde(skip)]
    pub range: Range<usize>,
}

/// A link or image destination found in the first pass.
#[derive(Debug, Clone)]
pub struct Link {
    /// The destination as written.
    pub dest: String,
    /// Byte range of the whole link in the body.
    pub range: Range<usize>,
    /// True for `![…](…)`.
    pub image: bool,
}

/// What the first pass learns about a body: headings (with ids) and links, in order.
#[derive(Debug, Clone, Default)]
pub struct Outline {
    /// Every heading, in order.
    pub headings: Vec<Heading>,
    /// Every link and image, in order.
    pub links: Vec<Link>,
    /// Ids written twice with `{#id}` (the second one's range).
    pub duplicate_ids: Vec<(String, Range<usize>)>,
}

impl Outline {
    /// Every anchor a link may target on this page.
    pub fn anchors(&self) -> AnchorSet {
        self.headings.iter().map(|h| h.id.clone()).collect()
    }

    /// The first `#` heading's text, if any.
    pub fn first_title(&self) -> Option<&str> {
        self.headings
            .iter()
            .find(|h| h.level == 1)
            .map(|h| h.text.as_str())
    }
}

fn level_number(l: HeadingLevel) -> u8 {
    match l {
        HeadingLevel::H1 => 1,
        HeadingLevel::H2 => 2,
        HeadingLevel::H3 => 3,
        HeadingLevel::H4 => 4,
        HeadingLevel::H5 => 5,
        HeadingLevel::H6 => 6,
    }
}

/// First pass over a body: headings with unique ids, and every link destination.
pub fn outline(body: &str) -> Outline {
    let mut out = Outline::default();
    let mut ids = anchors::IdAllocator::default();
    let mut current: Option<(u8, Option<String>, String, Range<usize>)> = None;
    for (event, range) in Parser::new_ext(body, options()).into_offset_iter() {
        match event {
            Event::Start(Tag::Heading { level, id, .. }) => {
                current = Some((
                    level_number(level),
                    id.map(|s| s.to_string()),
                    String::new(),
                    range,
                ));
            }
            Event::Text(t) | Event::Code(t) => {
                if let Some((_, _, text, _)) = current.as_mut() {
                    text.push_str(&t);
                }
            }
            Event::End(TagEnd::Heading(_)) => {
                if let Some((level, explicit, text, range)) = current.take() {
                    let id = match explicit {
                        Some(id) => {
                            if !ids.claim(&id) {
                                out.duplicate_ids.push((id.clone(), range.clone()));
                            }
                            id
                        }
                        None => ids.unique(&github_id(&text)),
                    };
                    out.headings.push(Heading {
                        level,
                        text: text.trim().to_string(),
                        id,
                        range,
                    });
                }
            }
            Event::Start(Tag::Link { dest_url, .. }) => out.links.push(Link {
                dest: dest_url.to_string(),
                range,
                image: false,
            }),
            Event::Start(Tag::Image { dest_url, .. }) => out.links.push(Link {
                dest: dest_url.to_string(),
                range,
                image: true,
            }),
            _ => {}
        }
    }
    out
}

/// Renders a body to HTML, giving headings the ids of `outline` and rewriting link
/// destinations with `rewrite` (which returns `None` to keep one as written).
pub fn render(body: &str, outline: &Outline, rewrite: &dyn Fn(&str) -> Option<String>) -> String {
    let mut heading = 0usize;
    let events = Parser::new_ext(body, options()).map(|event| match event {
        Event::Start(Tag::Heading {
            level,
            classes,
            attrs,
            ..
        }) => {
            let id = outline
                .headings
                .get(heading)
                .map(|h| CowStr::from(h.id.clone()));
            heading += 1;
            Event::Start(Tag::Heading {
                level,
                id,
                classes,
                attrs,
            })
        }
        Event::Start(Tag::Link {
            link_type,
            dest_url,
            title,
            id,
        }) => Event::Start(Tag::Link {
            link_type,
            dest_url: rewrite(&dest_url).map_or(dest_url, CowStr::from),
            title,
            id,
        }),
        Event::Start(Tag::Image {
            link_type,
            dest_url,
            title,
            id,
        }) => Event::Start(Tag::Image {
            link_type,
            dest_url: rewrite(&dest_url).map_or(dest_url, CowStr::from),
            title,
            id,
        }),
        other => other,
    });
    let mut out = String::with_capacity(body.len() * 3 / 2);
    html::push_html(&mut out, events);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn headings_get_github_ids_with_repeats_numbered() {
        let o = outline("# Hello, World!\n\n## Hello, World!\n\n## Café au lait {#cafe}\n");
        let ids: Vec<_> = o.headings.iter().map(|h| h.id.as_str()).collect();
        assert_eq!(ids, ["hello-world", "hello-world-1", "cafe"]);
    }

    #[test]
    fn render_applies_ids_and_rewrites_links() {
        let body = "## Next steps\n\nSee [week 2](02-b.md#x) and [web](https://example.org).\n";
        let o = outline(body);
        let html = render(body, &o, &|d| {
            d.ends_with("#x").then(|| "../02-b/#x".to_string())
        });
        assert!(html.contains("<h2 id=\"next-steps\">"), "{html}");
        assert!(html.contains("href=\"../02-b/#x\""), "{html}");
        assert!(html.contains("href=\"https://example.org\""), "{html}");
    }

    #[test]
    fn renders_alerts_tables_tasks_footnotes_strikethrough() {
        let body = "> [!TIP]\n> Breathe.\n\n|a|b|\n|-|-|\n|1|2|\n\n- [ ] todo\n\n~~old~~[^1]\n\n[^1]: note\n";
        let html = render(body, &outline(body), &|_| None);
        assert!(html.contains("markdown-alert-tip"), "{html}");
        assert!(html.contains("<table>"), "{html}");
        assert!(html.contains("type=\"checkbox\""), "{html}");
        assert!(html.contains("<del>old</del>"), "{html}");
        assert!(html.contains("footnote"), "{html}");
    }
}
