//! Markdown to Typst markup: a walker over a page's parsed structure with one function per
//! block kind. Author text is always escaped, so no Markdown can break the Typst source.

use pulldown_cmark::{Alignment, BlockQuoteKind, CodeBlockKind, Event, Tag, TagEnd};

pub use super::escape::{escape, escape_into, string, string_into};

/// Where a link of the page points, as the PDF should show it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum LinkTo {
    /// An absolute web address: clickable, and printed after the text.
    Web(String),
    /// A place that has no address on paper (a relative link without `base-url`): plain text.
    Text,
}

/// How a page's links and images are turned into what a PDF can hold.
pub struct Resolver<'a> {
    /// Decides what a link destination becomes.
    pub link: &'a dyn Fn(&str) -> LinkTo,
    /// The virtual path of an image the document may embed, or `None` to show its text.
    pub image: &'a dyn Fn(&str) -> Option<String>,
}

/// What an open container writes when it closes.
#[derive(Debug)]
pub(super) enum Open {
    /// Close with this text.
    Text(&'static str),
    /// A list: where its call starts in the output, and whether it holds task items.
    List { at: usize, tasks: bool },
    /// A link that prints its address after the text.
    Link(Option<String>),
    /// A code block collecting its text.
    Code(String),
    /// An image (its virtual path, if it can be embedded) collecting its description.
    Image { path: Option<String>, alt: String },
}

/// Turns a page's Markdown events into Typst markup.
pub struct Writer<'a> {
    pub(super) out: String,
    pub(super) open: Vec<Open>,
    /// The page's highest Markdown heading level, and the Typst level it becomes.
    levels: (u8, u8),
    resolver: Resolver<'a>,
    /// Footnote labels in order of first reference, to number them.
    notes: Vec<String>,
}

impl<'a> Writer<'a> {
    /// A writer whose headings of `top_level` (e.g. 2 for `##`) become Typst `base_level`.
    pub fn new(top_level: u8, base_level: u8, resolver: Resolver<'a>) -> Writer<'a> {
        Writer {
            out: String::new(),
            open: Vec::new(),
            levels: (top_level, base_level),
            resolver,
            notes: Vec::new(),
        }
    }

    /// The markup written so far.
    pub fn finish(self) -> String {
        self.out
    }

    /// Appends markup the caller made itself (its text escaped with [`escape`]).
    pub fn raw(&mut self, markup: &str) {
        self.out.push_str(markup);
    }

    /// Writes one Markdown event.
    pub fn event(&mut self, event: Event<'_>) {
        if let Some(Open::Code(buf)) = self.open.last_mut() {
            match event {
                Event::Text(t) => buf.push_str(&t),
                Event::End(TagEnd::CodeBlock) => self.close(),
                _ => {}
            }
            return;
        }
        if let Some(Open::Image { alt, .. }) = self.open.last_mut() {
            match event {
                Event::Text(t) | Event::Code(t) => alt.push_str(&t),
                Event::End(TagEnd::Image) => self.close(),
                _ => {}
            }
            return;
        }
        match event {
            Event::Start(tag) => self.start(tag),
            Event::End(_) => self.close(),
            Event::Text(t) => escape_into(&t, &mut self.out),
            Event::Code(t) => {
                self.out.push_str("#raw(");
                string_into(&t, &mut self.out);
                self.out.push(')');
            }
            Event::InlineMath(t) | Event::DisplayMath(t) => escape_into(&t, &mut self.out),
            Event::Html(_) | Event::InlineHtml(_) => {}
            Event::FootnoteReference(label) => {
                let n = self.note_number(&label);
                self.out.push_str(&format!("#super[{n}]"));
            }
            Event::SoftBreak => self.out.push(' '),
            Event::HardBreak => self.out.push_str("#linebreak()"),
            Event::Rule => self.out.push_str("\n#line(length: 100%)\n\n"),
            Event::TaskListMarker(done) => {
                if let Some(Open::List { tasks, .. }) = self
                    .open
                    .iter_mut()
                    .rev()
                    .find(|o| matches!(o, Open::List { .. }))
                {
                    *tasks = true;
                }
                self.out.push_str(if done {
                    "#checkbox(true) "
                } else {
                    "#checkbox(false) "
                });
            }
        }
    }

    fn note_number(&mut self, label: &str) -> usize {
        match self.notes.iter().position(|n| n == label) {
            Some(i) => i + 1,
            None => {
                self.notes.push(label.to_string());
                self.notes.len()
            }
        }
    }

    fn start(&mut self, tag: Tag<'_>) {
        if let Some(function) = inline_function(&tag) {
            self.out.push_str(function);
            self.open.push(Open::Text("]"));
            return;
        }
        let close = match tag {
            Tag::Paragraph => Open::Text("\n\n"),
            Tag::Heading { level, .. } => {
                let level = self.level(level as u8);
                self.out.push_str(&format!("\n#heading(level: {level})["));
                Open::Text("]\n\n")
            }
            Tag::BlockQuote(kind) => {
                self.out.push_str(&match kind {
                    None => "#quote(block: true)[".to_string(),
                    Some(k) => format!("#alert(\"{}\")[", alert_name(k)),
                });
                Open::Text("]\n\n")
            }
            Tag::CodeBlock(kind) => self.code_block(&kind),
            Tag::List(first) => {
                let at = self.out.len();
                match first {
                    Some(n) => self.out.push_str(&format!("#enum(start: {n}, ")),
                    None => self.out.push_str("#list("),
                }
                Open::List { at, tasks: false }
            }
            Tag::Item => {
                self.out.push('[');
                Open::Text("], ")
            }
            Tag::FootnoteDefinition(label) => {
                let n = self.note_number(&label);
                self.out.push_str(&format!("#footnote-text({n})["));
                Open::Text("]\n\n")
            }
            Tag::Table(aligns) => {
                self.table(&aligns);
                Open::Text(")\n\n")
            }
            Tag::TableHead => {
                self.out.push_str("table.header(");
                Open::Text("), ")
            }
            Tag::TableRow => Open::Text(""),
            Tag::TableCell => {
                self.out.push('[');
                Open::Text("], ")
            }
            Tag::Link { dest_url, .. } => match (self.resolver.link)(&dest_url) {
                LinkTo::Web(url) => {
                    self.out.push_str("#link(");
                    string_into(&url, &mut self.out);
                    self.out.push_str(")[");
                    Open::Link(Some(url))
                }
                LinkTo::Text => Open::Link(None),
            },
            Tag::Image { dest_url, .. } => Open::Image {
                path: (self.resolver.image)(&dest_url),
                alt: String::new(),
            },
            Tag::Emphasis
            | Tag::Strong
            | Tag::Strikethrough
            | Tag::Superscript
            | Tag::Subscript
            | Tag::HtmlBlock
            | Tag::DefinitionList
            | Tag::DefinitionListTitle
            | Tag::DefinitionListDefinition
            | Tag::MetadataBlock(_) => Open::Text(""),
        };
        self.open.push(close);
    }

    /// Opens a code block: `#raw(block: true, lang: …, ` (its text follows).
    fn code_block(&mut self, kind: &CodeBlockKind<'_>) -> Open {
        let lang = match kind {
            CodeBlockKind::Fenced(info) => info.split_whitespace().next().unwrap_or(""),
            CodeBlockKind::Indented => "",
        };
        self.out.push_str("#raw(block: true, lang: ");
        if lang.is_empty() {
            self.out.push_str("none");
        } else {
            string_into(lang, &mut self.out);
        }
        self.out.push_str(", ");
        Open::Code(String::new())
    }

    fn table(&mut self, aligns: &[Alignment]) {
        let align: Vec<&str> = aligns
            .iter()
            .map(|a| match a {
                Alignment::None | Alignment::Left => "left",
                Alignment::Center => "center",
                Alignment::Right => "right",
            })
            .collect();
        self.out.push_str(&format!(
            "#table(columns: {}, align: ({},), ",
            aligns.len().max(1),
            align.join(", ")
        ));
    }

    /// The Typst level of a Markdown heading level on this page.
    pub(super) fn level(&self, markdown_level: u8) -> u8 {
        let (top, base) = self.levels;
        (markdown_level + base).saturating_sub(top).clamp(1, 6)
    }

    /// Closes the innermost open container.
    pub(super) fn close(&mut self) {
        match self.open.pop() {
            Some(Open::Text(s)) => self.out.push_str(s),
            Some(Open::List { at, tasks }) => {
                if tasks && self.out[at..].starts_with("#list(") {
                    self.out.replace_range(at..at + "#list(".len(), "#tasks(");
                }
                self.out.push_str(")\n\n");
            }
            Some(Open::Link(Some(url))) => {
                self.out.push_str("]#link-address(");
                string_into(&url, &mut self.out);
                self.out.push(')');
            }
            Some(Open::Link(None)) | None => {}
            Some(Open::Code(text)) => {
                string_into(text.trim_end_matches('\n'), &mut self.out);
                self.out.push_str(")\n\n");
            }
            Some(Open::Image { path, alt }) => {
                self.out.push_str("#picture(");
                match path {
                    Some(p) => string_into(&p, &mut self.out),
                    None => self.out.push_str("none"),
                }
                self.out.push_str(", ");
                string_into(&alt, &mut self.out);
                self.out.push(')');
            }
        }
    }
}

fn alert_name(kind: BlockQuoteKind) -> &'static str {
    match kind {
        BlockQuoteKind::Note => "note",
        BlockQuoteKind::Tip => "tip",
        BlockQuoteKind::Important => "important",
        BlockQuoteKind::Warning => "warning",
        BlockQuoteKind::Caution => "caution",
    }
}

/// The Typst function that opens inline markup (`#emph[`), closed by `]`.
fn inline_function(tag: &Tag<'_>) -> Option<&'static str> {
    Some(match tag {
        Tag::Emphasis => "#emph[",
        Tag::Strong => "#strong[",
        Tag::Strikethrough => "#strike[",
        Tag::Superscript => "#super[",
        Tag::Subscript => "#sub[",
        _ => return None,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use pulldown_cmark::Parser;

    fn convert(md: &str) -> String {
        let link = |d: &str| {
            if d.starts_with("http") {
                LinkTo::Web(d.to_string())
            } else {
                LinkTo::Text
            }
        };
        let image = |_: &str| None;
        let mut w = Writer::new(
            2,
            1,
            Resolver {
                link: &link,
                image: &image,
            },
        );
        for e in Parser::new_ext(md, crate::markdown::options()) {
            w.event(e);
        }
        w.finish()
    }

    #[test]
    fn escapes_every_sign_that_starts_markup() {
        let t = convert("#set page(width: 1cm) **x** $y$ a<b @r [a] = b\n");
        assert!(t.contains("\\#set page(width\\: 1cm)"), "{t}");
        assert!(t.contains("#strong[x]"), "{t}");
        assert!(t.contains("\\$y\\$ a\\<b \\@r \\[a\\] \\= b"), "{t}");
    }

    #[test]
    fn converts_headings_lists_tasks_tables_and_links() {
        let t = convert(
            "## Go\n\n- a\n- b\n\ntext\n\n- [ ] do\n\n|x|y|\n|-|:-:|\n|1|2|\n\n[web](https://e.org) [here](a.md)\n\n> [!TIP]\n> t\n",
        );
        assert!(t.contains("#heading(level: 1)[Go]"), "{t}");
        assert!(t.contains("#list([a], [b], )"), "{t}");
        assert!(t.contains("#tasks([#checkbox(false) do], )"), "{t}");
        assert!(
            t.contains(
                "#table(columns: 2, align: (left, center,), table.header([x], [y], ), [1], [2], )"
            ),
            "{t}"
        );
        assert!(
            t.contains("#link(\"https://e.org\")[web]#link-address(\"https://e.org\")"),
            "{t}"
        );
        assert!(t.contains(" here"), "{t}");
        assert!(t.contains("#alert(\"tip\")[t"), "{t}");
    }

    #[test]
    fn code_is_a_string_literal() {
        let t = convert("```sh\necho \"]\" \\\n```\n\n`#x`\n");
        assert!(
            t.contains("#raw(block: true, lang: \"sh\", \"echo \\\"]\\\" \\\\\")"),
            "{t}"
        );
        assert!(t.contains("#raw(\"#x\")"), "{t}");
    }
}
