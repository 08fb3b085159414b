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
use std::hash::Hasher as _;

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
    /// The main file for `text`: its head as it is, then an include for each piece of its
    /// body. `text` itself when it cannot be cut.
    pub fn cut(&mut self, text: &str) -> String {
        let Some((head, groups)) = body_groups(text) else {
            return text.to_string();
        };
        let mut main = String::with_capacity(head.len() + groups.len() * 32);
        main.push_str(head);
        for group in groups {
            let piece = group.trim_end();
            if piece.is_empty() {
                continue;
            }
            if piece.len() < MIN_PIECE {
                main.push_str(piece);
            } else {
                let path = self.add(piece);
                main.push_str("#include \"");
                main.push_str(&path);
                main.push('"');
            }
            main.push_str("\n\n");
        }
        main
    }

    /// Every piece as (virtual path, source).
    pub fn into_files(self) -> impl Iterator<Item = (String, String)> {
        self.files.into_iter()
    }

    fn add(&mut self, piece: &str) -> String {
        let mut h = stable_hash::hasher();
        h.write(piece.as_bytes());
        let path = format!("{FOLDER}/{:016x}.typ", h.finish());
        self.files
            .entry(path.clone())
            // The template's functions, then the piece; `;` ends the import without a space.
            .or_insert_with(|| format!("#import \"/guide.typ\": *;{piece}"));
        path
    }
}

/// The document's head (up to and with its last top-level show rule, the template's, and
/// the break after it) and its body's top-level groups, split at paragraph breaks. None
/// when the document has no show rule, or its body binds names or sets rules.
fn body_groups(text: &str) -> Option<(&str, Vec<&str>)> {
    let root = ::typst::syntax::parse(text);
    if root.diagnosis().errors {
        return None;
    }
    let children: Vec<&SyntaxNode> = root.children().collect();
    let show = children
        .iter()
        .rposition(|n| n.kind() == SyntaxKind::ShowRule)?;
    let mut at: usize = children[..=show].iter().map(|n| n.len()).sum();
    let mut rest = &children[show + 1..];
    // The break after the show rule belongs to the head.
    if let Some((first, tail)) = rest.split_first()
        && first.kind() == SyntaxKind::Parbreak
    {
        at += first.len();
        rest = tail;
    }
    if rest.iter().any(|n| binds(n.kind())) {
        return None;
    }
    let head = &text[..at];
    let mut groups = Vec::new();
    let mut start = at;
    for node in rest {
        if node.kind() == SyntaxKind::Parbreak {
            if at > start {
                groups.push(&text[start..at]);
            }
            start = at + node.len();
        }
        at += node.len();
    }
    if at > start {
        groups.push(&text[start..at]);
    }
    Some((head, groups))
}

/// Whether a top-level node changes what follows it in its file.
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
        let template =
            "#let guide(title: [], body) = { heading(title); body; set document(title: \"T\") }";
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

    #[test]
    fn documents_cut_into_shared_pieces_are_the_same_pdfs_as_uncut() {
        let shared = long("A paragraph both editions print.");
        let docs: Vec<String> = ["Member", "Moderator"]
            .iter()
            .map(|e| {
                format!(
                    "#import \"/guide.typ\": *\n#show: guide.with(title: [{e}])\n\n{shared}\n\n#list([one], [two {}])\n\n{}\n",
                    long(""),
                    long(e)
                )
            })
            .collect();
        let uncut = typeset(&docs, Vec::new());
        let mut pieces = Pieces::default();
        let cut: Vec<String> = docs.iter().map(|d| pieces.cut(d)).collect();
        let files: Vec<(String, String)> = pieces.into_files().collect();
        // The shared paragraph and list once, each edition's own paragraph once.
        assert_eq!(files.len(), 4, "{cut:?}");
        assert_eq!(typeset(&cut, files), uncut);
    }
}
