//! A piece of Markdown cut out of a page body, remembering where each of its bytes came from.

use std::ops::Range;

/// Markdown text (a whole body, a directive's content, or a body with placeholders) with a
/// map from its byte offsets back to byte offsets of the page body.
#[derive(Debug, Clone, Default)]
pub(crate) struct Doc {
    /// The Markdown.
    pub text: String,
    /// Contiguous stretches: (offset in `text`, offset in the body), sorted by the first.
    segs: Vec<(usize, usize)>,
    /// Where an empty doc points in the body.
    origin: usize,
}

impl Doc {
    /// The whole body, mapped to itself.
    pub fn whole(body: &str) -> Doc {
        Doc {
            text: body.to_string(),
            segs: vec![(0, 0)],
            origin: 0,
        }
    }

    /// The body offset of a byte offset of `text`.
    pub fn to_body(&self, offset: usize) -> usize {
        let i = self.segs.partition_point(|&(t, _)| t <= offset);
        match i.checked_sub(1).and_then(|i| self.segs.get(i)) {
            Some(&(t, b)) => b + (offset - t),
            None => self.origin,
        }
    }

    /// The body range of a range of `text`.
    pub fn range_to_body(&self, range: &Range<usize>) -> Range<usize> {
        let start = self.to_body(range.start);
        let end = if range.end > range.start {
            self.to_body(range.end - 1) + 1
        } else {
            start
        };
        start..end.max(start)
    }
}

/// Builds a `Doc` piece by piece, each piece tagged with where it starts in the body.
#[derive(Debug, Default)]
pub(crate) struct DocBuilder {
    doc: Doc,
}

impl DocBuilder {
    /// A builder whose empty result points at `origin`.
    pub fn new(origin: usize) -> DocBuilder {
        DocBuilder {
            doc: Doc {
                origin,
                ..Doc::default()
            },
        }
    }

    /// Appends `piece`, which starts at `body_at` in the body and is contiguous there.
    pub fn push(&mut self, piece: &str, body_at: usize) {
        if piece.is_empty() {
            return;
        }
        let t = self.doc.text.len();
        let contiguous = self
            .doc
            .segs
            .last()
            .is_some_and(|&(pt, pb)| pb + (t - pt) == body_at);
        if !contiguous {
            self.doc.segs.push((t, body_at));
        }
        self.doc.text.push_str(piece);
    }

    /// The current length of the text.
    pub fn len(&self) -> usize {
        self.doc.text.len()
    }

    /// The finished doc.
    pub fn finish(self) -> Doc {
        self.doc
    }
}

/// The lines of `text` with their byte offsets, line endings included.
pub(crate) fn lines(text: &str) -> impl Iterator<Item = (usize, &str)> {
    text.split_inclusive('\n').scan(0, |off, line| {
        let start = *off;
        *off += line.len();
        Some((start, line))
    })
}

/// Leading indentation of a line: (columns, bytes), a tab reaching the next multiple of 4.
pub(crate) fn indentation(line: &str) -> (usize, usize) {
    let mut cols = 0;
    let mut bytes = 0;
    for b in line.bytes() {
        match b {
            b' ' => cols += 1,
            b'\t' => cols += 4 - cols % 4,
            _ => break,
        }
        bytes += 1;
    }
    (cols, bytes)
}

/// How many leading bytes to drop to remove up to `cols` columns of indentation.
pub(crate) fn dedent_bytes(line: &str, cols: usize) -> usize {
    let mut seen = 0;
    let mut bytes = 0;
    for b in line.bytes() {
        if seen >= cols {
            break;
        }
        match b {
            b' ' => seen += 1,
            b'\t' => seen += 4 - seen % 4,
            _ => break,
        }
        bytes += 1;
    }
    bytes
}

/// A line without its line ending.
pub(crate) fn content(line: &str) -> &str {
    line.trim_end_matches('\n').trim_end_matches('\r')
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn maps_pieces_back_to_the_body() {
        let mut b = DocBuilder::new(0);
        b.push("abc\n", 10);
        b.push("def\n", 14);
        b.push("<!--x-->\n", 30);
        b.push("gh", 50);
        let d = b.finish();
        assert_eq!(d.text, "abc\ndef\n<!--x-->\ngh");
        assert_eq!(d.to_body(0), 10);
        assert_eq!(d.to_body(5), 15);
        assert_eq!(d.to_body(9), 31);
        assert_eq!(d.to_body(18), 51);
        assert_eq!(d.range_to_body(&(4..8)), 14..18);
    }

    #[test]
    fn indentation_counts_tabs_to_four() {
        assert_eq!(indentation("  x"), (2, 2));
        assert_eq!(indentation(" \tx"), (4, 2));
        assert_eq!(dedent_bytes("     x", 3), 3);
        assert_eq!(dedent_bytes("\tx", 3), 1);
        assert_eq!(dedent_bytes(" x", 3), 1);
    }
}
