//! The second pass: HTML for one edition, with the outline's heading ids, rewritten links,
//! directive blocks and worksheets.

use pulldown_cmark::{CodeBlockKind, CowStr, Event, HeadingLevel, Tag, TagEnd, html};

use super::directives::DirectiveKind;
use super::directives::html as block_html;
use super::document::Document;
use super::escape::escape;
use super::html_links::rewrite_html;
use super::options::{Edition, RenderOptions};
use super::outline::Outline;
use super::rounds::Round;
use super::walk::{Step, WorksheetSource};
use super::worksheet::html as sheet_html;

/// A directive block that is open while rendering.
struct OpenBlock {
    kind: Option<DirectiveKind>,
    id: Option<String>,
    tasks: usize,
}

struct Renderer<'o, 'a> {
    outline: &'o Outline,
    opts: &'o RenderOptions<'o>,
    events: Vec<Event<'a>>,
    heading: usize,
    directive: usize,
    worksheet: usize,
    /// Depth inside a block the edition leaves out (0: not skipping).
    skip: usize,
    open: Vec<OpenBlock>,
    /// A task's `<label>` is open and must close before the next block-level event.
    label_open: bool,
    /// For each open link or image, whether it was left out (its destination leads nowhere).
    unlinked: Vec<bool>,
    /// The depths of the open `<section>`s of [`RenderOptions::sections`].
    sections: Vec<usize>,
}

/// Renders a parsed body to HTML for `opts.edition`.
pub fn render(doc: &Document, outline: &Outline, opts: &RenderOptions<'_>) -> String {
    render_steps(doc.steps(), outline, opts)
}

/// Renders steps of a parsed body: all of them ([`render`]), or a part of it
/// ([`Document::steps_in`]) with the part's own outline (the headings, blocks, worksheets
/// and rounds that start in it).
pub fn render_steps<'a>(
    steps: impl IntoIterator<Item = &'a Step<'a>>,
    outline: &Outline,
    opts: &RenderOptions<'_>,
) -> String {
    let steps = steps.into_iter();
    let mut r = Renderer {
        outline,
        opts,
        // About an event per step, and a few more.
        events: Vec::with_capacity(steps.size_hint().0 + 32),
        heading: 0,
        directive: 0,
        worksheet: 0,
        skip: 0,
        open: Vec::new(),
        label_open: false,
        unlinked: Vec::new(),
        sections: Vec::new(),
    };
    for step in steps {
        r.step(step);
    }
    r.close_label();
    r.close_sections(0);
    let mut out = String::with_capacity(r.events.len() * 24);
    html::push_html(&mut out, r.events.into_iter());
    out
}

/// A heading level moved `by` levels down, `<h6>` at most.
fn shifted(level: HeadingLevel, by: u8) -> HeadingLevel {
    let n = (level as usize + usize::from(by)).min(HeadingLevel::H6 as usize);
    HeadingLevel::try_from(n).unwrap_or(HeadingLevel::H6)
}

/// True for inline markup (emphasis, links, text, …), false for block-level events.
pub(super) fn is_inline(event: &Event<'_>) -> bool {
    match event {
        Event::Start(tag) => matches!(
            tag,
            Tag::Emphasis
                | Tag::Strong
                | Tag::Strikethrough
                | Tag::Superscript
                | Tag::Subscript
                | Tag::Link { .. }
                | Tag::Image { .. }
        ),
        Event::End(tag) => matches!(
            tag,
            TagEnd::Emphasis
                | TagEnd::Strong
                | TagEnd::Strikethrough
                | TagEnd::Superscript
                | TagEnd::Subscript
                | TagEnd::Link
                | TagEnd::Image
        ),
        Event::Html(_) | Event::Rule | Event::DisplayMath(_) | Event::TaskListMarker(_) => false,
        _ => true,
    }
}

impl<'o, 'a> Renderer<'o, 'a> {
    fn html(&mut self, s: String) {
        self.events.push(Event::Html(CowStr::from(s)));
    }

    /// Closes the open sections at `depth` or deeper.
    fn close_sections(&mut self, depth: usize) {
        while self.sections.last().is_some_and(|&d| d >= depth) {
            self.sections.pop();
            self.html("</section>\n".into());
        }
    }

    /// Opens the section a top-level heading starts, if any.
    fn open_section(&mut self, heading: usize) {
        if !self.open.is_empty() {
            return;
        }
        let sections = self.opts.sections;
        if let Some(s) = sections.iter().find(|s| s.heading == heading) {
            self.close_sections(s.depth);
            self.html(format!("<section {}>\n", s.attrs));
            self.sections.push(s.depth);
        }
    }

    fn close_label(&mut self) {
        if self.label_open {
            self.label_open = false;
            self.html("</label>".into());
        }
    }

    fn step(&mut self, step: &'a Step<'a>) {
        match step {
            Step::Event(event, _) => self.event(event.clone()),
            Step::Open(block, _) => {
                let directive = self.outline.directives.get(self.directive);
                self.directive += 1;
                let mut id = directive.and_then(|d| d.id.clone());
                if block.kind.and_then(DirectiveKind::heading_level).is_some() {
                    if let Some(h) = self.outline.headings.get(self.heading) {
                        id = Some(h.id.clone());
                    }
                    self.heading += 1;
                }
                if self.skip > 0 {
                    self.skip += 1;
                    return;
                }
                self.close_label();
                match block_html::open(block, id.as_deref(), self.opts.edition, self.opts.labels) {
                    Some(h) => {
                        let h = self.mark_source_id(h, id.as_deref());
                        self.html(h);
                        self.open.push(OpenBlock {
                            kind: block.kind,
                            id,
                            tasks: 0,
                        });
                    }
                    None => self.skip = 1,
                }
            }
            Step::Close(block) => {
                if self.skip > 0 {
                    self.skip -= 1;
                    return;
                }
                self.close_label();
                self.open.pop();
                self.html(block_html::close(block, self.opts.edition).to_string());
            }
            Step::Round(Ok((each, largest)), range) => {
                if self.skip == 0 && self.opts.edition == Edition::Web {
                    let round = Round {
                        each: *each,
                        largest: *largest,
                        range: range.clone(),
                    };
                    self.events
                        .push(Event::InlineHtml(CowStr::from(round.html())));
                }
            }
            Step::Round(Err(_), _) => {}
            Step::Worksheet(src) => {
                let sheet = self.outline.worksheets.get(self.worksheet);
                self.worksheet += 1;
                if self.skip > 0 {
                    return;
                }
                self.close_label();
                match sheet.filter(|s| s.valid) {
                    Some(s) if self.opts.edition == Edition::Web => {
                        let h = sheet_html::web(s, self.opts.labels);
                        let h = self.mark_source_id(h, Some(&s.id));
                        self.html(h)
                    }
                    Some(s) => self.html(sheet_html::print(s)),
                    None => self.code_block(src),
                }
            }
        }
    }

    /// A worksheet that could not be read is shown as the code it is.
    fn code_block(&mut self, src: &WorksheetSource) {
        let text: String = src.lines.iter().map(|(t, _)| t.as_str()).collect();
        let info = format!("worksheet {}", src.info);
        self.events
            .push(Event::Start(Tag::CodeBlock(CodeBlockKind::Fenced(
                CowStr::from(info.trim_end().to_string()),
            ))));
        self.events.push(Event::Text(CowStr::from(text)));
        self.events.push(Event::End(TagEnd::CodeBlock));
    }

    fn event(&mut self, event: Event<'a>) {
        if let Event::Start(Tag::Heading { .. }) = event {
            self.heading += 1;
        }
        if self.skip > 0 {
            return;
        }
        if !is_inline(&event) {
            self.close_label();
        }
        let event = match event {
            Event::Start(Tag::Heading {
                level,
                classes,
                mut attrs,
                ..
            }) => {
                self.open_section(self.heading - 1);
                let level = shifted(level, self.opts.shift_headings);
                let id = self
                    .outline
                    .headings
                    .get(self.heading - 1)
                    .map(|h| CowStr::from(h.id.clone()));
                if let Some(source) = id.as_deref().and_then(|id| self.source_id(id)) {
                    attrs.push((
                        CowStr::from("data-source-id"),
                        Some(CowStr::from(source.to_string())),
                    ));
                }
                Event::Start(Tag::Heading {
                    level,
                    id,
                    classes,
                    attrs,
                })
            }
            Event::Start(Tag::Link {
                link_type,
                ref dest_url,
                ..
            }) if link_type != pulldown_cmark::LinkType::Email && (self.opts.unlink)(dest_url) => {
                self.unlinked.push(true);
                return;
            }
            Event::Start(Tag::Image { ref dest_url, .. }) if (self.opts.unlink)(dest_url) => {
                self.unlinked.push(true);
                return;
            }
            Event::End(TagEnd::Heading(level)) => {
                Event::End(TagEnd::Heading(shifted(level, self.opts.shift_headings)))
            }
            Event::End(TagEnd::Link | TagEnd::Image) => {
                if self.unlinked.pop() == Some(true) {
                    return;
                }
                event
            }
            Event::Start(Tag::Link {
                link_type,
                dest_url,
                title,
                id,
            }) => {
                self.unlinked.push(false);
                Event::Start(Tag::Link {
                    link_type,
                    // An email autolink is never a file of the site (the HTML adds `mailto:`).
                    dest_url: match link_type {
                        pulldown_cmark::LinkType::Email => dest_url,
                        _ => (self.opts.rewrite)(&dest_url).map_or(dest_url, CowStr::from),
                    },
                    title,
                    id,
                })
            }
            Event::Start(Tag::Image {
                link_type,
                dest_url,
                title,
                id,
            }) => {
                self.unlinked.push(false);
                Event::Start(Tag::Image {
                    link_type,
                    dest_url: (self.opts.rewrite)(&dest_url).map_or(dest_url, CowStr::from),
                    title,
                    id,
                })
            }
            Event::Html(html) => Event::Html(self.rewrite_html(html)),
            Event::InlineHtml(html) => Event::InlineHtml(self.rewrite_html(html)),
            Event::TaskListMarker(checked) => {
                if let Some(html) = self.task(checked) {
                    self.html(html);
                    return;
                }
                Event::TaskListMarker(checked)
            }
            other => other,
        };
        self.events.push(event);
    }

    /// The original's id that the id `own` of a translation stands for.
    fn source_id(&self, own: &str) -> Option<&'o str> {
        if self.opts.edition != Edition::Web {
            return None;
        }
        let ids = self.opts.source_ids;
        ids.iter().find(|(o, _)| *o == own).map(|(_, s)| *s)
    }

    /// `html` (an element carrying the id `own` first) marked with the original's id.
    fn mark_source_id(&self, html: String, own: Option<&str>) -> String {
        let Some((own, source)) = own.and_then(|o| Some((o, self.source_id(o)?))) else {
            return html;
        };
        let attr = format!(" id=\"{}\"", escape(own));
        let marked = format!("{attr} data-source-id=\"{}\"", escape(source));
        html.replacen(&attr, &marked, 1)
    }

    /// Raw HTML with its links and images rewritten like Markdown ones.
    fn rewrite_html(&self, html: CowStr<'a>) -> CowStr<'a> {
        if !html.contains('<') {
            return html;
        }
        let out = rewrite_html(&html, self.opts.rewrite, self.opts.unlink);
        if out == *html {
            html
        } else {
            CowStr::from(out)
        }
    }

    /// A task of a before-next list: a real checkbox on the web (kept by worksheets.js),
    /// a box to tick in print. `None` for tasks elsewhere.
    fn task(&mut self, checked: bool) -> Option<String> {
        let edition = self.opts.edition;
        let block = self
            .open
            .iter_mut()
            .rev()
            .find(|b| b.kind == Some(DirectiveKind::BeforeNext))?;
        block.tasks += 1;
        if edition != Edition::Web {
            let class = if checked {
                "ws-box ws-box-checked"
            } else {
                "ws-box"
            };
            return Some(format!(
                "<span class=\"{class}\" aria-hidden=\"true\"></span>\n"
            ));
        }
        let group = block.id.as_deref().unwrap_or("before-next");
        let name = escape(&format!("{group}-i{}", block.tasks));
        let checked = if checked { " checked" } else { "" };
        self.label_open = true;
        Some(format!(
            "<input type=\"checkbox\" class=\"task\" id=\"{name}\" name=\"{name}\"{checked}> <label for=\"{name}\">"
        ))
    }
}
