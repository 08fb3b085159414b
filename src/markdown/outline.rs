//! The first pass over a body: headings with GitHub ids, links, directive blocks and
//! worksheets, in document order, with every problem found on the way.

use std::ops::Range;

use pulldown_cmark::{Event, HeadingLevel, Tag, TagEnd};

use super::anchors::{IdAllocator, github_id};
use super::directives::fence;
use super::directives::scan::Block;
use super::directives::{Directive, DirectiveKind};
use super::document::Document;
use super::html_links;
use super::labels;
use super::links;
pub use super::outline_model::{Heading, Link, Outline, Problem};
use super::rounds::{self, Round};
use super::stars;
use super::tasks::TaskReader;
use super::walk::{Step, Tree, WorksheetSource};
use super::worksheet::{self, Worksheet};
use crate::diagnostic::Severity;

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

/// Builds the outline of a body, walking it once without keeping its steps.
pub fn outline(body: &str) -> Outline {
    let tree = Tree::new(body);
    let mut builder = OutlineBuilder::new(&tree.problems);
    tree.each_step(|step| builder.step(body, &step));
    builder.finish()
}

/// The outline of a parsed body (`body` is the text it was parsed from).
pub fn outline_of(doc: &Document, body: &str) -> Outline {
    let mut builder = OutlineBuilder::new(doc.problems());
    for step in doc.steps() {
        builder.step(body, step);
    }
    builder.finish()
}

/// An outline being built, step by step.
struct OutlineBuilder {
    out: Outline,
    ids: IdAllocator,
    /// The heading being read: level, explicit id, text so far, range.
    current: Option<(u8, Option<String>, String, Range<usize>)>,
    tasks: TaskReader,
}

impl OutlineBuilder {
    fn new(problems: &[Problem]) -> OutlineBuilder {
        OutlineBuilder {
            out: Outline {
                problems: problems.to_vec(),
                ..Outline::default()
            },
            ids: IdAllocator::default(),
            current: None,
            tasks: TaskReader::default(),
        }
    }

    fn step(&mut self, body: &str, step: &Step<'_>) {
        let (ids, out) = (&mut self.ids, &mut self.out);
        match step {
            Step::Event(event, range) => {
                self.tasks.event(event);
                outline_event(ids, out, &mut self.current, body, event, range);
            }
            Step::Open(block, depth) => {
                add_directive(ids, out, block, *depth);
                let before_next = block.kind == Some(DirectiveKind::BeforeNext);
                let id = out.directives.last().and_then(|d| d.id.clone());
                self.tasks.open(id.filter(|_| before_next));
            }
            Step::Close(_) => self.tasks.close(),
            Step::Worksheet(src) => add_worksheet(ids, out, body, src),
            Step::Round(times, range) => add_round(out, times.clone(), range.clone()),
        }
    }

    fn finish(self) -> Outline {
        let mut out = self.out;
        out.tasks = self.tasks.tasks;
        // Every page's outline lives as long as the site: give back what the vectors grew into.
        out.headings.shrink_to_fit();
        out.links.shrink_to_fit();
        out.directives.shrink_to_fit();
        out.worksheets.shrink_to_fit();
        out
    }
}

/// What one Markdown event adds to the outline: a heading (its text gathered in
/// `current` until it ends), a link, an image, the links of raw HTML.
fn outline_event(
    ids: &mut IdAllocator,
    out: &mut Outline,
    current: &mut Option<(u8, Option<String>, String, Range<usize>)>,
    body: &str,
    event: &Event<'_>,
    range: &Range<usize>,
) {
    match event {
        Event::Start(Tag::Heading { level, id, .. }) => {
            *current = Some((
                level_number(*level),
                id.as_ref().map(|s| s.to_string()),
                // Most headings are one text: the first push takes exactly its room, and
                // the heading keeps it as long as the site lives.
                String::new(),
                range.clone(),
            ));
        }
        Event::Text(t) | Event::Code(t) => {
            if let Some((_, _, text, _)) = current.as_mut() {
                text.push_str(t);
            }
        }
        Event::End(TagEnd::Heading(_)) => {
            if let Some((level, explicit, text, range)) = current.take() {
                let id = allocate(ids, out, explicit, &text, &range);
                let text = match text.trim() {
                    trimmed if trimmed.len() == text.len() => text,
                    trimmed => trimmed.to_string(),
                };
                out.headings.push(Heading {
                    level,
                    text,
                    id,
                    range,
                });
            }
        }
        Event::Start(Tag::Link {
            link_type,
            dest_url,
            ..
        }) => out.links.push(Link {
            dest: links::written_dest(*link_type, dest_url),
            range: range.clone(),
            image: false,
        }),
        Event::Start(Tag::Image { dest_url, .. }) => out.links.push(Link {
            dest: dest_url.to_string(),
            range: range.clone(),
            image: true,
        }),
        Event::Html(html) | Event::InlineHtml(html) => {
            add_html_links(out, body, html, range.clone())
        }
        Event::Start(Tag::Emphasis | Tag::Strong) if stars::between_letters(body, range.start) => {
            out.stars.push(range.start);
        }
        _ => {}
    }
}

/// The links and images of a piece of raw HTML, each at its attribute value in the body
/// (or at the piece, when the piece is not the body's text as it stands, as inside a quote).
fn add_html_links(out: &mut Outline, body: &str, html: &str, range: Range<usize>) {
    let verbatim = body.get(range.clone()) == Some(html);
    for link in html_links::html_links(html) {
        let at = if verbatim {
            range.start + link.value.start..range.start + link.value.end
        } else {
            range.clone()
        };
        out.links.push(Link {
            dest: link.dest,
            range: at,
            image: link.image,
        });
    }
}

/// An explicit id (claimed; a repeat is recorded) or a unique one from `text`.
fn allocate(
    ids: &mut IdAllocator,
    out: &mut Outline,
    explicit: Option<String>,
    text: &str,
    range: &Range<usize>,
) -> String {
    match explicit {
        Some(id) => {
            if !ids.claim(&id) {
                out.duplicate_ids.push((id.clone(), range.clone()));
            }
            id
        }
        None => ids.unique(github_id(text)),
    }
}

fn add_directive(ids: &mut IdAllocator, out: &mut Outline, block: &Block, depth: usize) {
    let mut id = None;
    if let Some((kind, level)) = block.kind.and_then(|k| Some((k, k.heading_level()?))) {
        let default = match kind {
            DirectiveKind::BeforeNext => labels::ENGLISH.before_next.as_ref(),
            _ => labels::ENGLISH.exercise.as_ref(),
        };
        let text = block.title.clone().unwrap_or_else(|| default.to_string());
        let hid = allocate(ids, out, block.explicit_id.clone(), &text, &block.open);
        out.headings.push(Heading {
            level,
            text,
            id: hid.clone(),
            range: block.open.clone(),
        });
        id = Some(hid);
    } else if let Some(explicit) = &block.explicit_id {
        id = Some(allocate(ids, out, Some(explicit.clone()), "", &block.open));
    }
    out.directives.push(Directive {
        name: block.name.clone(),
        kind: block.kind,
        title: block.title.clone(),
        attrs: block.attrs.clone(),
        minutes: block.minutes,
        id,
        range: block.range.clone(),
        open: block.open.clone(),
        empty: block.is_empty(),
        closed: block.closed,
        depth,
    });
}

fn add_round(out: &mut Outline, times: Result<(u32, Option<u32>), String>, range: Range<usize>) {
    match times {
        Ok((each, largest)) => out.rounds.push(Round {
            each,
            largest,
            range,
        }),
        Err(message) => out.problems.push(Problem {
            severity: Severity::Error,
            message,
            range,
            help: rounds::HELP.into(),
        }),
    }
}

fn add_worksheet(ids: &mut IdAllocator, out: &mut Outline, body: &str, src: &WorksheetSource) {
    let fence_end = body
        .get(src.range.start..src.range.end)
        .and_then(|s| s.find('\n'))
        .map_or(src.range.end, |i| src.range.start + i);
    let fence_line = src.range.start..fence_end;
    let explicit = worksheet_id(&src.info, &fence_line, &mut out.problems);
    let n = out.worksheets.len() + 1;
    let id = match explicit {
        Some(id) => allocate(ids, out, Some(id), "", &fence_line),
        None => ids.unique(format!("worksheet-{n}")),
    };
    let yaml: String = src.lines.iter().map(|(t, _)| t.as_str()).collect();
    let (fields, valid) = match worksheet::parse_fields(&yaml) {
        Ok(fields) => (fields, true),
        Err(e) => {
            let range = src
                .body_range(&yaml, e.line, e.column)
                .unwrap_or(fence_line);
            out.problems.push(Problem {
                severity: Severity::Error,
                message: e.message,
                range,
                help: worksheet::HELP.into(),
            });
            (Vec::new(), false)
        }
    };
    out.worksheets.push(Worksheet {
        id,
        fields,
        range: src.range.clone(),
        valid,
    });
}

/// Reads `{id=…}` after `worksheet` in the info string.
fn worksheet_id(info: &str, at: &Range<usize>, problems: &mut Vec<Problem>) -> Option<String> {
    if info.is_empty() {
        return None;
    }
    let inner = info.strip_prefix('{').and_then(|s| s.strip_suffix('}'));
    let mut errors = Vec::new();
    let attrs = match inner {
        Some(inner) => fence::parse_attrs(inner, 0..inner.len(), &mut errors),
        None => {
            errors.push(fence::FenceError {
                message: format!("`{info}` after `worksheet` is not understood"),
                at: 0..0,
                help: "the only option is an id: ```` ```worksheet {id=my-goal} ````".into(),
            });
            Vec::new()
        }
    };
    let mut id = None;
    for a in attrs {
        if a.key == "id" && !a.value.is_empty() && !a.value.contains(char::is_whitespace) {
            id = Some(a.value);
        } else {
            errors.push(fence::FenceError {
                message: format!("`{}={}` is not a worksheet option", a.key, a.value),
                at: 0..0,
                help: "the only option is an id without spaces: `{id=my-goal}`".into(),
            });
        }
    }
    problems.extend(errors.into_iter().map(|e| Problem {
        severity: Severity::Error,
        message: e.message,
        range: at.clone(),
        help: e.help,
    }));
    id
}
