//! Finding directive blocks in a piece of Markdown: fences outside code blocks, nested by a
//! stack, each top-level block replaced by a one-line HTML comment placeholder.
//!
//! The placeholder `<!--ck:N-->` is a CommonMark HTML block of type 2: it may interrupt a
//! paragraph and ends on its own line, so the Markdown around it parses as it would around
//! the block, and a page without directives is left untouched.

use std::ops::Range;

use pulldown_cmark::{Event, Parser, Tag};

use super::fence::{self, Fence, Opening};
use super::kind::DirectiveKind;
use crate::diagnostic::Severity;
use crate::markdown::doc::{Doc, DocBuilder, content, dedent_bytes, indentation, lines};
use crate::markdown::outline::Problem;

/// A top-level directive block of one piece of Markdown.
#[derive(Debug, Clone)]
pub struct Block {
    /// The name as written.
    pub name: String,
    /// The kind, when the name is known.
    pub kind: Option<DirectiveKind>,
    /// The title after the name.
    pub title: Option<String>,
    /// The attributes as written.
    pub attrs: Vec<(String, String)>,
    /// A valid `minutes` attribute.
    pub minutes: Option<u32>,
    /// A valid `id` attribute.
    pub explicit_id: Option<String>,
    /// The opening fence line, in the body.
    pub open: Range<usize>,
    /// The whole block, in the body.
    pub range: Range<usize>,
    /// Where the placeholder is in the scanned text.
    pub(crate) placeholder: Range<usize>,
    /// The content between the fences, dedented to the opening fence.
    pub(crate) inner: Doc,
    /// False when no closing fence was found.
    pub closed: bool,
}

impl Block {
    /// True when the content is only blank lines.
    pub fn is_empty(&self) -> bool {
        self.inner.text.trim().is_empty()
    }
}

/// A piece of Markdown with its top-level blocks replaced by placeholders.
#[derive(Debug, Clone, Default)]
pub(crate) struct Scanned {
    /// The text to parse, with placeholders.
    pub doc: Doc,
    /// The blocks, in order; `blocks[k]` stands at placeholder `k`.
    pub blocks: Vec<Block>,
    /// Problems with the fences themselves.
    pub problems: Vec<Problem>,
}

impl Scanned {
    /// Which block's placeholder covers a byte offset of the scanned text.
    pub fn placeholder_at(&self, offset: usize) -> Option<usize> {
        self.blocks
            .iter()
            .position(|b| b.placeholder.contains(&offset))
    }
}

/// Byte ranges of the code blocks (fenced and indented) of `text`.
fn code_ranges(text: &str) -> Vec<Range<usize>> {
    Parser::new_ext(text, crate::markdown::options::options())
        .into_offset_iter()
        .filter_map(|(e, r)| matches!(e, Event::Start(Tag::CodeBlock(_))).then_some(r))
        .collect()
}

fn in_code(code: &[Range<usize>], offset: usize) -> bool {
    let i = code.partition_point(|r| r.start <= offset);
    i.checked_sub(1)
        .and_then(|i| code.get(i))
        .is_some_and(|r| r.contains(&offset))
}

/// True when a line could be a fence (cheap test before parsing anything).
pub(crate) fn looks_like_fence(line: &str) -> bool {
    line.trim_start_matches([' ', '\t']).starts_with(":::")
}

/// Finds the top-level directive blocks of `doc`.
pub(crate) fn scan(doc: Doc) -> Scanned {
    // Most pieces have no fence at all: one substring search finds that, without
    // splitting the text into lines, and the text is kept as it is.
    let has_colons = memchr::memmem::find(doc.text.as_bytes(), b":::").is_some();
    let all: Vec<(usize, &str)> = if has_colons {
        lines(&doc.text).collect()
    } else {
        Vec::new()
    };
    let candidates: Vec<usize> = (0..all.len())
        .filter(|&i| looks_like_fence(all[i].1))
        .collect();
    if candidates.is_empty() {
        return Scanned {
            doc,
            ..Scanned::default()
        };
    }
    let code = code_ranges(&doc.text);
    let mut problems = Vec::new();
    let mut stack: Vec<(usize, usize)> = Vec::new();
    let mut found: Vec<(usize, Option<usize>)> = Vec::new();
    for i in candidates {
        let (start, line) = all[i];
        let (_, ib) = indentation(line);
        if in_code(&code, start + ib) {
            continue;
        }
        match fence::parse(content(&line[ib..])) {
            None => {}
            Some(Fence::Open(o)) => stack.push((i, o.len)),
            Some(Fence::Close { len }) => match stack.last() {
                Some(&(_, top)) if len >= top => {
                    if let Some((open, _)) = stack.pop()
                        && stack.is_empty()
                    {
                        found.push((open, Some(i)));
                    }
                }
                Some(_) => {}
                None => problems.push(Problem {
                    severity: Severity::Warning,
                    message: "this closing `:::` has no block to close".into(),
                    range: doc.range_to_body(&(start + ib..start + content(line).len())),
                    help: "remove it, or write `\\:::` to show the colons as text".into(),
                }),
            },
        }
    }
    if let Some(&(open, _)) = stack.first() {
        found.push((open, None));
    }
    let mut out = DocBuilder::new(doc.to_body(0));
    let mut blocks = Vec::with_capacity(found.len());
    let mut next = 0;
    for (k, (open_i, close_i)) in found.into_iter().enumerate() {
        for &(s, l) in &all[next..open_i] {
            out.push(l, doc.to_body(s));
        }
        let (start, line) = all[open_i];
        let (cols, ib) = indentation(line);
        let Some(Fence::Open(opening)) = fence::parse(content(&line[ib..])) else {
            continue;
        };
        let open = doc.range_to_body(&(start + ib..start + content(line).len()));
        out.push(&line[..ib], doc.to_body(start));
        let ph_start = out.len();
        out.push(&format!("<!--ck:{k}-->\n"), open.start);
        let placeholder = ph_start..out.len() - 1;
        let last = close_i.unwrap_or(all.len());
        let mut inner = DocBuilder::new(doc.to_body(start + line.len()));
        for &(s, l) in &all[open_i + 1..last] {
            let d = dedent_bytes(l, cols);
            inner.push(&l[d..], doc.to_body(s + d));
        }
        let end = match close_i {
            Some(c) => {
                let (s, l) = all[c];
                doc.range_to_body(&(s..s + content(l).len())).end
            }
            None => doc.range_to_body(&(start..doc.text.len())).end,
        };
        let map = |r: &Range<usize>| doc.range_to_body(&(start + ib + r.start..start + ib + r.end));
        let mut block = read_opening(&opening, &map, &mut problems);
        if close_i.is_none() {
            problems.push(Problem {
                severity: Severity::Error,
                message: format!("`{}` is not closed", content(&line[ib..]).trim_end()),
                range: open.clone(),
                help: format!(
                    "end the block with a line `{}` (at least as many colons as its opening line); \
                     a closing line closes the innermost open block first, so each nested block needs \
                     its own, and an unclosed ``` code block inside hides the closing line",
                    ":".repeat(opening.len)
                ),
            });
        }
        block.open = open.clone();
        block.range = open.start..end.max(open.end);
        block.placeholder = placeholder;
        block.inner = inner.finish();
        block.closed = close_i.is_some();
        blocks.push(block);
        next = close_i.map_or(all.len(), |c| c + 1);
    }
    for &(s, l) in &all[next.min(all.len())..] {
        out.push(l, doc.to_body(s));
    }
    Scanned {
        doc: out.finish(),
        blocks,
        problems,
    }
}

/// Checks an opening fence's name and attributes against what its kind accepts.
fn read_opening(
    o: &Opening,
    map: &dyn Fn(&Range<usize>) -> Range<usize>,
    problems: &mut Vec<Problem>,
) -> Block {
    let error = |message: String, at: &Range<usize>, help: String| Problem {
        severity: Severity::Error,
        message,
        range: map(at),
        help,
    };
    for e in &o.errors {
        problems.push(error(e.message.clone(), &e.at, e.help.clone()));
    }
    let kind = DirectiveKind::from_name(&o.name);
    if kind.is_none() && !o.name.is_empty() {
        let names: Vec<&str> = DirectiveKind::ALL.iter().map(|k| k.name()).collect();
        let help = match super::kind::suggest(&o.name) {
            Some(n) => format!("did you mean `{n}`? Known blocks: {}", names.join(", ")),
            None => format!("known blocks: {}", names.join(", ")),
        };
        problems.push(error(
            format!("unknown block `::: {}`", o.name),
            &o.name_at,
            help,
        ));
    }
    let mut minutes = None;
    let mut explicit_id = None;
    for a in &o.attrs {
        let Some(kind) = kind else { continue };
        if !kind.keys().contains(&a.key.as_str()) {
            let keys: Vec<String> = kind.keys().iter().map(|k| format!("`{k}`")).collect();
            problems.push(error(
                format!("`{}` is not an attribute of `::: {}`", a.key, o.name),
                &a.at,
                format!("`{}` takes: {}", o.name, keys.join(", ")),
            ));
            continue;
        }
        match a.key.as_str() {
            "minutes" => match a.value.trim().parse::<u32>() {
                Ok(n) if n > 0 => minutes = Some(n),
                _ => problems.push(error(
                    format!(
                        "`minutes` must be a whole number above 0, not `{}`",
                        a.value
                    ),
                    &a.at,
                    "write the exercise's length in minutes, e.g. `{minutes=15}`".into(),
                )),
            },
            "id" => {
                if a.value.is_empty() || a.value.contains(char::is_whitespace) {
                    problems.push(error(
                        format!("the anchor `{}` is empty or has spaces", a.value),
                        &a.at,
                        "use letters, digits and hyphens, e.g. `{id=three-snapshots}`".into(),
                    ));
                } else {
                    explicit_id = Some(a.value.clone());
                }
            }
            _ => {}
        }
    }
    Block {
        name: o.name.clone(),
        kind,
        title: o.title.clone(),
        attrs: o
            .attrs
            .iter()
            .map(|a| (a.key.clone(), a.value.clone()))
            .collect(),
        minutes,
        explicit_id,
        open: 0..0,
        range: 0..0,
        placeholder: 0..0,
        inner: Doc::default(),
        closed: false,
    }
}
