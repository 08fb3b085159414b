//! Documents cut into shared pieces, so Typst lays out what they share once.
//!
//! The member and moderator editions of a week are the same guide but for a few blocks,
//! and the whole program holds every week again. Typst remembers the layout of each
//! paragraph, but only for content from the same place of the same file: a paragraph of
//! `/doc/1.typ` is not one of `/doc/2.typ`, however alike. So the body of each document
//! (everything after the template's show rule) is cut at its top-level paragraph breaks
//! into pieces, and each piece becomes a file named by its text's hash that the document
//! includes. A piece two documents share is then the very same content, and its paragraphs
//! are laid out once per build (1,000-page corpus: the PDFs' CPU time falls by a quarter).
//!
//! The text a document is made of stays the same (the PDF cache keys on it); only the
//! files Typst reads change. A body that binds names or sets rules at its top level is not
//! cut, since a piece would keep their effect to itself.

use std::collections::HashMap;

use ::typst::syntax::{SyntaxKind, SyntaxNode};

use crate::stable_hash;

/// The virtual folder of the pieces.
const FOLDER: &str = "/piece";

/// Pieces shorter than this stay in the document: an include costs more than it saves.
const MIN_PIECE: usize = 120;

/// The pieces of every document of one typesetting run, each kept once.
#[derive(Debug, Default)]
pub struct Pieces {
    /// Virtual path → Typst source.
    files: HashMap<String, String>,
}

impl Pieces {
    /// The main file for `text`: its head as it is, then its body with each long enough
    /// group of blocks replaced by an include of its piece. `text` itself when it cannot
    /// be cut.
    pub fn cut(&mut self, text: &str) -> String {
        let root = ::typst::syntax::parse(text);
        if root.diagnosis().errors {
            return text.to_string();
        }
        let children = with_offsets(&root, 0);
        let Some(show) = children
            .iter()
            .rposition(|(n, _)| n.kind() == SyntaxKind::ShowRule)
        else {
            return text.to_string();
        };
        let (node, at) = children[show];
        let mut main = String::with_capacity(text.len() / 4);
        main.push_str(&text[..at + node.len()]);
        self.markup(text, &children[show + 1..], &mut main);
        main
    }

    /// Takes in the pieces `other` cut (a piece's path names its text, so one cut twice is
    /// kept once).
    pub fn absorb(&mut self, other: Pieces) {
        self.files.extend(other.files);
    }

    /// Every piece as (virtual path, source).
    pub fn into_files(self) -> impl Iterator<Item = (String, String)> {
        self.files.into_iter()
    }

    /// Writes a run of markup `nodes` into `out`: the paragraph breaks as they are, and
    /// each group of blocks between them as a piece, or cut further (see [`Pieces::group`]).
    /// A run that binds names or sets rules is written as it is: a piece would keep their
    /// effect to itself.
    fn markup(&mut self, text: &str, nodes: &[(&SyntaxNode, usize)], out: &mut String) {
        if nodes.iter().any(|(n, _)| binds(n.kind())) {
            if let (Some((_, start)), Some((last, at))) = (nodes.first(), nodes.last()) {
                out.push_str(&text[*start..at + last.len()]);
            }
            return;
        }
        let mut start = 0;
        for (i, (node, at)) in nodes.iter().enumerate() {
            if node.kind() == SyntaxKind::Parbreak {
                self.group(text, &nodes[start..i], out);
                out.push_str(&text[*at..at + node.len()]);
                start = i + 1;
            }
        }
        self.group(text, &nodes[start..], out);
    }

    /// Writes one group of blocks. A block whose body holds several (an exercise with a
    /// moderator note inside) has its body cut in turn, so what the editions share inside
    /// it is still shared; a long enough group becomes a piece; a short one stays.
    fn group(&mut self, text: &str, nodes: &[(&SyntaxNode, usize)], out: &mut String) {
        let (Some((_, start)), Some((last, at))) = (nodes.first(), nodes.last()) else {
            return;
        };
        let (start, end) = (*start, at + last.len());
        if let Some((body, body_at)) = container_body(nodes) {
            out.push_str(&text[start..body_at]);
            self.markup(text, &with_offsets(body, body_at), out);
            out.push_str(&text[body_at + body.len()..end]);
            return;
        }
        let group = &text[start..end];
        let piece = group.trim();
        if piece.len() < MIN_PIECE {
            out.push_str(group);
            return;
        }
        let lead = group.len() - group.trim_start().len();
        out.push_str(&group[..lead]);
        let path = self.add(piece);
        out.push_str("#include \"");
        out.push_str(&path);
        out.push('"');
        out.push_str(&group[lead + piece.len()..]);
    }

    fn add(&mut self, piece: &str) -> String {
        let path = format!(
            "{FOLDER}/{:032x}.typ",
            stable_hash::bytes128(piece.as_bytes())
        );
        self.files
            .entry(path.clone())
            // The template's functions, then the piece; `;` ends the import without a space.
            .or_insert_with(|| format!("#import \"/guide.typ\": *;{piece}"));
        path
    }
}

/// The children of `node` with their offsets in the text, `node` starting at `at`.
fn with_offsets(node: &SyntaxNode, mut at: usize) -> Vec<(&SyntaxNode, usize)> {
    node.children()
        .map(|child| {
            let here = at;
            at += child.len();
            (child, here)
        })
        .collect()
}

/// The body of a group that is one call ending in a content block with paragraph breaks
/// (`#exercise(…)[…]`), with its offset.
fn container_body<'a>(nodes: &[(&'a SyntaxNode, usize)]) -> Option<(&'a SyntaxNode, usize)> {
    let mut calls = nodes
        .iter()
        .filter(|(n, _)| !matches!(n.kind(), SyntaxKind::Space | SyntaxKind::Hash));
    let (call, at) = calls.next()?;
    if calls.next().is_some() || call.kind() != SyntaxKind::FuncCall {
        return None;
    }
    let (args, at) = with_offsets(call, *at)
        .into_iter()
        .find(|(n, _)| n.kind() == SyntaxKind::Args)?;
    let (block, at) = with_offsets(args, at).pop()?;
    if block.kind() != SyntaxKind::ContentBlock {
        return None;
    }
    let (body, at) = with_offsets(block, at)
        .into_iter()
        .find(|(n, _)| n.kind() == SyntaxKind::Markup)?;
    body.children()
        .any(|n| n.kind() == SyntaxKind::Parbreak)
        .then_some((body, at))
}

/// Whether a node changes what follows it in its markup.
fn binds(kind: SyntaxKind) -> bool {
    matches!(
        kind,
        SyntaxKind::LetBinding
            | SyntaxKind::SetRule
            | SyntaxKind::ShowRule
            | SyntaxKind::ModuleImport
            | SyntaxKind::ModuleInclude
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    const HEAD: &str = "#import \"/guide.typ\": *\n#show: guide.with(\n  title: [T],\n)\n\n";

    fn long(s: &str) -> String {
        format!("{s} {}", "words ".repeat(30).trim_end())
    }

    #[test]
    fn a_body_is_cut_at_its_top_level_breaks_and_shared_pieces_are_kept_once() {
        let para = long("First");
        let list = format!("#list([a\n\nb], [c]){}", long(""));
        let body = format!("{para}\n\n{list}\n\n#heading(level: 1)[Short]\n\n{para}\n");
        let mut pieces = Pieces::default();
        let main = pieces.cut(&format!("{HEAD}{body}"));
        assert!(main.starts_with(HEAD), "{main}");
        let includes: Vec<&str> = main.matches("#include \"/piece/").collect();
        // The paragraph twice, the list once; the short heading stays in the document.
        assert_eq!(includes.len(), 3, "{main}");
        assert!(main.contains("#heading(level: 1)[Short]\n\n"), "{main}");
        let files: Vec<(String, String)> = pieces.into_files().collect();
        assert_eq!(files.len(), 2, "{files:?}");
        // The list's blank line is inside its brackets: it stays in one piece.
        assert!(
            files
                .iter()
                .any(|(_, t)| t.contains("#list([a\n\nb], [c])")),
            "{files:?}"
        );
        for (path, text) in &files {
            assert!(main.contains(path.as_str()));
            assert!(text.starts_with("#import \"/guide.typ\": *;"), "{text}");
        }
    }

    #[test]
    fn a_body_that_sets_rules_or_binds_names_is_not_cut() {
        let mut pieces = Pieces::default();
        for body in [
            format!("#set text(size: 9pt)\n\n{}\n", long("A")),
            format!("{}\n\n#let x = 1\n\n{}\n", long("A"), long("B")),
        ] {
            let text = format!("{HEAD}{body}");
            assert_eq!(pieces.cut(&text), text);
        }
        // A show rule in the body applies to what follows it: only that is cut.
        let text = format!(
            "{HEAD}{}\n\n#show heading: it => it\n\n{}\n",
            long("A"),
            long("B")
        );
        let main = pieces.cut(&text);
        assert!(
            main.contains(&long("A")) && !main.contains(&long("B")),
            "{main}"
        );
        assert_eq!(main.matches("#include").count(), 1, "{main}");
        // No show rule: nothing to cut after.
        let text = long("plain");
        assert_eq!(pieces.cut(&text), text);
        assert_eq!(pieces.into_files().count(), 1);
    }

    #[test]
    fn cutting_keeps_the_text_typst_sees() {
        // Putting each piece's text back where its include stands gives the body again,
        // paragraph for paragraph.
        let body = format!(
            "{}\n\n#quote(block: true)[x\n\ny]{}\n\n\n{}\n",
            long("One"),
            long(""),
            long("Two")
        );
        let text = format!("{HEAD}{body}");
        let mut pieces = Pieces::default();
        let main = pieces.cut(&text);
        let files: HashMap<String, String> = pieces.into_files().collect();
        let mut back = main.clone();
        for (path, piece) in &files {
            let inner = piece.trim_start_matches("#import \"/guide.typ\": *;");
            back = back.replace(&format!("#include \"{path}\""), inner);
        }
        let paragraphs = |s: &str| -> Vec<String> {
            s.split("\n\n")
                .map(|p| p.trim().to_string())
                .filter(|p| !p.is_empty())
                .collect()
        };
        assert_eq!(paragraphs(&back), paragraphs(&text));
    }

    /// Typesets each main file of `docs` with the `pieces` in one engine, as a build does.
    fn typeset(docs: &[String], pieces: Vec<(String, String)>) -> Vec<Vec<u8>> {
        use typst_as_lib::TypstEngine;
        use typst_as_lib::conversions::IntoFileId;
        let template = "#let guide(title: [], body) = { heading(title); body; set document(title: \"T\") }\n\
             #let exercise(title: [], body) = block(stroke: 1pt, inset: 4pt, { heading(level: 2, title); body })";
        let mut sources = vec![("/guide.typ".into_file_id(), template.to_string())];
        for (i, d) in docs.iter().enumerate() {
            sources.push((format!("/doc/{i}.typ").as_str().into_file_id(), d.clone()));
        }
        sources.extend(
            pieces
                .into_iter()
                .map(|(p, t)| (p.as_str().into_file_id(), t)),
        );
        let engine = TypstEngine::builder()
            .fonts(typst_assets::fonts().map(|f| ::typst::foundations::Bytes::new(f.to_vec())))
            .with_static_source_file_resolver(sources)
            .build();
        (0..docs.len())
            .map(|i| {
                let world = engine
                    .world_builder(format!("/doc/{i}.typ").as_str().into_file_id())
                    .build()
                    .expect("world");
                let doc = ::typst::compile::<typst_layout::PagedDocument>(&world)
                    .output
                    .expect("compiles");
                typst_pdf::pdf(&doc, &typst_pdf::PdfOptions::default()).expect("exports")
            })
            .collect()
    }

    /// The two editions of a guide: a shared paragraph and list, an exercise whose body
    /// has a note in the moderator edition only, and a paragraph of each edition's own.
    fn editions() -> Vec<String> {
        let shared = long("A paragraph both editions print.");
        ["Member", "Moderator"]
            .iter()
            .map(|e| {
                let note = if *e == "Moderator" {
                    format!("#block(fill: luma(240))[{}]\n\n", long("Note."))
                } else {
                    String::new()
                };
                format!(
                    "#import \"/guide.typ\": *\n#show: guide.with(title: [{e}])\n\n{shared}\n\n\
                     #list([one], [two {}])\n\n\
                     #exercise(title: [Ex])[{}\n\n{note}{}]\n\n{}\n",
                    long(""),
                    long("Step one."),
                    long("Step two."),
                    long(e)
                )
            })
            .collect()
    }

    #[test]
    fn what_differs_inside_a_block_leaves_the_rest_of_the_block_shared() {
        let mut pieces = Pieces::default();
        let cut: Vec<String> = editions().iter().map(|d| pieces.cut(d)).collect();
        // The exercise's call stays in each document; its steps are pieces of their own.
        for main in &cut {
            assert!(
                main.contains("#exercise(title: [Ex])[#include \"/piece/"),
                "{main}"
            );
        }
        let files: HashMap<String, String> = pieces.into_files().collect();
        let holding = |text: &str| files.values().filter(|t| t.contains(text)).count();
        assert_eq!(holding("Step one."), 1, "{files:?}");
        assert_eq!(holding("Step two."), 1, "{files:?}");
        assert_eq!(holding("Note."), 1, "{files:?}");
        let includes = |main: &str| main.matches("#include").count();
        assert_eq!(includes(&cut[1]), includes(&cut[0]) + 1, "{cut:?}");
    }

    #[test]
    fn documents_cut_into_shared_pieces_are_the_same_pdfs_as_uncut() {
        let docs = editions();
        let uncut = typeset(&docs, Vec::new());
        let mut pieces = Pieces::default();
        let cut: Vec<String> = docs.iter().map(|d| pieces.cut(d)).collect();
        let files: Vec<(String, String)> = pieces.into_files().collect();
        // Shared: the paragraph, the list, the two steps; then the note and each
        // edition's own paragraph.
        assert_eq!(files.len(), 7, "{cut:?}");
        assert_eq!(typeset(&cut, files), uncut);
    }
}
