//! The page as a tree of Markdown pieces (the body, each directive's content, …) and the one
//! walk over it, in document order, that `outline` and `render` share.

use std::collections::{BTreeSet, HashMap};
use std::ops::Range;

use pulldown_cmark::{BrokenLink, CodeBlockKind, CowStr, Event, Parser, Tag, TagEnd};

use super::directives::scan::{Block, Scanned, scan};
use super::doc::Doc;
use super::options::options;
use super::outline::Problem;
use super::rounds;
use crate::diagnostic::Severity;

/// How deep directive blocks may nest; deeper ones are shown as text (and reported).
pub(crate) const MAX_DEPTH: usize = 8;

/// One piece of Markdown and the pieces of its directive blocks.
#[derive(Debug)]
struct Node {
    scanned: Scanned,
    children: Vec<Node>,
    /// The scanned text plus footnote stubs, when the piece refers to footnotes defined
    /// elsewhere on the page.
    parse_text: Option<String>,
    /// Footnote labels defined in this piece.
    notes: Vec<String>,
}

/// A whole page body, split into pieces.
#[derive(Debug)]
pub(crate) struct Tree {
    root: Node,
    /// Link reference definitions of every piece, so `[text][ref]` works across blocks.
    refs: HashMap<String, (String, String)>,
    /// Problems with fences and nesting.
    pub problems: Vec<Problem>,
}

/// A ```` ```worksheet ```` block as written.
#[derive(Debug, Clone)]
pub struct WorksheetSource {
    /// The info string after `worksheet`.
    pub info: String,
    /// Each line of the YAML with the body offset where it starts.
    pub lines: Vec<(String, usize)>,
    /// The whole fenced block, in the body.
    pub range: Range<usize>,
}

impl WorksheetSource {
    /// The body range from a 1-based line and column of the YAML (`yaml`, its lines
    /// joined) to the end of that line.
    pub fn body_range(&self, yaml: &str, line: usize, column: usize) -> Option<Range<usize>> {
        let line_text = yaml.split_inclusive('\n').nth(line.checked_sub(1)?)?;
        let line_start: usize = yaml
            .split_inclusive('\n')
            .take(line - 1)
            .map(str::len)
            .sum();
        let col_bytes: usize = line_text
            .chars()
            .take(column.saturating_sub(1))
            .map(char::len_utf8)
            .sum();
        let content_len = line_text.trim_end_matches(['\n', '\r']).len();
        let start = line_start + col_bytes.min(content_len);
        let end = (line_start + content_len).max(start + 1);
        // Find the Text piece holding `start`, whose body offset is known.
        let mut piece_start = 0;
        for (text, body_at) in &self.lines {
            if start < piece_start + text.len() {
                let b = body_at + (start - piece_start);
                return Some(b..b + (end - start).min(piece_start + text.len() - start));
            }
            piece_start += text.len();
        }
        None
    }
}

/// One thing met while walking the page.
#[derive(Debug, Clone)]
pub enum Step<'a> {
    /// A Markdown event and its range in the body.
    Event(Event<'a>, Range<usize>),
    /// A directive block starts; its depth (0 at the top).
    Open(&'a Block, usize),
    /// The directive block ends.
    Close(&'a Block),
    /// A worksheet block.
    Worksheet(WorksheetSource),
    /// A round marker `{each=…}` in the text, with its range in the body.
    Round(Result<(u32, Option<u32>), String>, Range<usize>),
}

fn build(doc: Doc, depth: usize, problems: &mut Vec<Problem>) -> Node {
    // Too deep, the piece is kept as text: the original is needed if it has blocks.
    let original = (depth >= MAX_DEPTH).then(|| doc.clone());
    let mut scanned = scan(doc);
    if let Some(doc) = original
        && let Some(first) = scanned.blocks.first()
    {
        problems.push(Problem {
            severity: Severity::Error,
            message: format!("blocks are nested more than {MAX_DEPTH} deep"),
            range: first.open.clone(),
            help: "close some blocks before opening new ones".into(),
        });
        scanned = Scanned {
            doc,
            ..Scanned::default()
        };
    }
    problems.append(&mut scanned.problems);
    let children = scanned
        .blocks
        .iter()
        .map(|b| build(b.inner.clone(), depth + 1, problems))
        .collect();
    Node {
        scanned,
        children,
        parse_text: None,
        notes: Vec::new(),
    }
}

/// Reference labels match case-insensitively with runs of whitespace as one space.
fn normalize(label: &str) -> String {
    label
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
        .to_lowercase()
}

impl Tree {
    /// Splits a body into pieces and links them (shared link references and footnotes).
    pub fn new(body: &str) -> Tree {
        let mut problems = Vec::new();
        let root = build(Doc::whole(body), 0, &mut problems);
        let mut tree = Tree {
            root,
            refs: HashMap::new(),
            problems,
        };
        if !tree.root.children.is_empty() {
            let mut notes = BTreeSet::new();
            gather(&mut tree.root, &mut tree.refs, &mut notes);
            add_stubs(&mut tree.root, &notes);
        }
        tree
    }

    /// Every step of the page, in document order.
    pub fn steps(&self) -> Vec<Step<'_>> {
        // One step per 18 bytes of Markdown on most pages of the benchmark corpus, and per 11
        // bytes on a tenth of them: a tenth more room than the busiest need, so that the
        // steps (96 bytes each) are seldom copied as the list grows.
        let mut out = Vec::with_capacity(self.root.scanned.doc.text.len() / 10);
        self.each_step(|step| out.push(step));
        out
    }

    /// Hands every step of the page to `out`, in document order, keeping none.
    pub fn each_step<'a>(&'a self, mut out: impl FnMut(Step<'a>)) {
        self.walk(&self.root, 0, &mut out);
    }

    fn walk<'a>(&'a self, node: &'a Node, depth: usize, out: &mut dyn FnMut(Step<'a>)) {
        let doc = &node.scanned.doc;
        let text = node.parse_text.as_deref().unwrap_or(&doc.text);
        let real_len = doc.text.len();
        let callback = |link: BrokenLink<'_>| -> Option<(CowStr<'a>, CowStr<'a>)> {
            let (dest, title) = self.refs.get(&normalize(&link.reference))?;
            Some((dest.clone().into(), title.clone().into()))
        };
        let parser = Parser::new_with_broken_link_callback(text, options(), Some(callback));
        let mut done = vec![false; node.children.len()];
        let mut sheet: Option<WorksheetSource> = None;
        let mut in_code = false;
        // Whether a text of this piece can hold a round marker: not without `{each=` in its
        // Markdown (a brace written as an entity is a text of its own). One search of the
        // piece instead of one of every text.
        let rounds = memchr::memmem::find(text.as_bytes(), b"{each=").is_some();
        for (event, range) in parser.into_offset_iter() {
            if range.start >= real_len {
                continue;
            }
            if let Some(ws) = sheet.as_mut() {
                match event {
                    Event::Text(t) => ws.lines.push((t.to_string(), doc.to_body(range.start))),
                    Event::End(TagEnd::CodeBlock) => {
                        if let Some(ws) = sheet.take() {
                            out(Step::Worksheet(ws));
                        }
                    }
                    _ => {}
                }
                continue;
            }
            match &event {
                Event::Html(_) | Event::InlineHtml(_) => {
                    if let Some(k) = node.scanned.placeholder_at(range.start)
                        && !done[k]
                    {
                        done[k] = true;
                        self.block(node, k, depth, out);
                        continue;
                    }
                }
                Event::Start(Tag::CodeBlock(kind)) => {
                    if let CodeBlockKind::Fenced(info) = kind
                        && let Some(rest) = worksheet_info(info)
                    {
                        sheet = Some(WorksheetSource {
                            info: rest.to_string(),
                            lines: Vec::new(),
                            range: doc.range_to_body(&range),
                        });
                        continue;
                    }
                    in_code = true;
                }
                Event::End(TagEnd::CodeBlock) => in_code = false,
                Event::Text(t) if rounds && !in_code && t.contains("{each=") => {
                    let body_range = doc.range_to_body(&range);
                    push_text_with_rounds(t, body_range, out);
                    continue;
                }
                _ => {}
            }
            out(Step::Event(event, doc.range_to_body(&range)));
        }
        // A placeholder the parser did not show as HTML (it cannot happen with valid
        // placeholders, but no content may be lost).
        for (k, _) in done.iter().enumerate().filter(|(_, d)| !**d) {
            self.block(node, k, depth, out);
        }
    }

    fn block<'a>(&'a self, node: &'a Node, k: usize, depth: usize, out: &mut dyn FnMut(Step<'a>)) {
        let (Some(block), Some(child)) = (node.scanned.blocks.get(k), node.children.get(k)) else {
            return;
        };
        out(Step::Open(block, depth));
        self.walk(child, depth + 1, out);
        out(Step::Close(block));
    }
}

/// A text with round markers, as text steps around round steps. Offsets inside the text
/// map to the body when the text is written as it reads (no escapes or entities in it);
/// otherwise every piece points at the whole text.
fn push_text_with_rounds<'a>(
    text: &CowStr<'a>,
    range: Range<usize>,
    out: &mut dyn FnMut(Step<'a>),
) {
    let exact = range.len() == text.len();
    let at = |r: Range<usize>| {
        if exact {
            range.start + r.start..range.start + r.end
        } else {
            range.clone()
        }
    };
    let mut rest: &str = text;
    let mut offset = 0;
    while let Some(marker) = rounds::find(rest) {
        let mut before = &rest[..marker.range.start];
        // "each {each=90s}: say" reads "each: say" without the marker.
        let after = &rest[marker.range.end..];
        if !after.starts_with(char::is_alphanumeric) {
            before = before.strip_suffix(' ').unwrap_or(before);
        }
        if !before.is_empty() {
            let r = at(offset..offset + before.len());
            out(Step::Event(Event::Text(before.to_string().into()), r));
        }
        let r = at(offset + marker.range.start..offset + marker.range.end);
        out(Step::Round(marker.times, r));
        offset += marker.range.end;
        rest = &rest[marker.range.end..];
    }
    if !rest.is_empty() {
        let r = at(offset..offset + rest.len());
        out(Step::Event(Event::Text(rest.to_string().into()), r));
    }
}

/// The rest of a code block's info string when it is a worksheet (`worksheet {id=…}`).
pub(crate) fn worksheet_info(info: &str) -> Option<&str> {
    let rest = info.trim().strip_prefix("worksheet")?;
    (rest.is_empty() || rest.starts_with([' ', '\t', '{'])).then_some(rest.trim())
}

/// Collects every piece's link references and footnote labels.
fn gather(
    node: &mut Node,
    refs: &mut HashMap<String, (String, String)>,
    all: &mut BTreeSet<String>,
) {
    let parser = Parser::new_ext(&node.scanned.doc.text, options());
    for (label, def) in parser.reference_definitions().iter() {
        refs.entry(normalize(label)).or_insert_with(|| {
            let title = def.title.as_deref().unwrap_or("").to_string();
            (def.dest.to_string(), title)
        });
    }
    for event in parser {
        if let Event::Start(Tag::FootnoteDefinition(label)) = event {
            all.insert(label.to_string());
            node.notes.push(label.to_string());
        }
    }
    for child in &mut node.children {
        gather(child, refs, all);
    }
}

/// Appends a stub definition for each footnote defined in another piece, so references to
/// it parse; the walk drops everything after the real text.
fn add_stubs(node: &mut Node, all: &BTreeSet<String>) {
    let missing: Vec<&String> = all
        .iter()
        .filter(|l| !node.notes.iter().any(|n| normalize(n) == normalize(l)))
        .collect();
    if !missing.is_empty() {
        let mut text = node.scanned.doc.text.clone();
        text.push('\n');
        for label in missing {
            text.push_str(&format!("\n[^{label}]: .\n"));
        }
        node.parse_text = Some(text);
    }
    for child in &mut node.children {
        add_stubs(child, all);
    }
}
