//! A page's sections as the index keeps them until it writes its script: anchor, heading
//! and numbered words of every section, packed into one shared buffer per page (ten
//! thousand pages of a dozen sections each were 400,000 small allocations otherwise).

use std::sync::Arc;

use super::varint::{push_varint, varints};

/// A page as the index keeps it.
pub(super) struct IndexedPage {
    pub(super) url: String,
    pub(super) title: String,
    /// (anchor, heading, the section's words as numbers in the word table, each written
    /// as a LEB128 varint: about two bytes a word instead of four)
    pub(super) sections: Sections,
}

/// Every section of one page, packed: for each, the anchor, the heading and the words
/// (LEB128 varints of their numbers in the word table), each after its length in bytes.
/// Cheap to clone (`serve` keeps it from one build to the next).
#[derive(Debug, Clone, Default)]
pub(super) struct Sections {
    packed: Arc<[u8]>,
    count: usize,
}

impl Sections {
    /// How many sections.
    pub(super) fn len(&self) -> usize {
        self.count
    }

    /// The sections in order: (anchor, heading, words as varints).
    pub(super) fn iter(&self) -> impl Iterator<Item = (&str, &str, &[u8])> {
        self.parts()
            .map(|(id, heading, words)| (text(id), text(heading), words))
    }

    /// The words of each section in order, as varints (the anchors and headings are not
    /// read as text).
    pub(super) fn words(&self) -> impl Iterator<Item = &[u8]> {
        self.parts().map(|(_, _, words)| words)
    }

    /// The packed parts of each section: (anchor, heading, words).
    fn parts(&self) -> impl Iterator<Item = (&[u8], &[u8], &[u8])> {
        let mut rest: &[u8] = &self.packed;
        let mut part = move || {
            let len = varints(rest).next()? as usize;
            let skip = rest.iter().position(|b| b & 0x80 == 0)? + 1;
            let (part, after) = rest.get(skip..)?.split_at_checked(len)?;
            rest = after;
            Some(part)
        };
        std::iter::from_fn(move || Some((part()?, part()?, part()?)))
    }

    /// The buffer's size in bytes (for estimates of the script's size).
    pub(super) fn bytes(&self) -> usize {
        self.packed.len()
    }
}

/// Sections packed as they come.
#[derive(Debug, Default)]
pub(super) struct Packer {
    packed: Vec<u8>,
    count: usize,
}

impl Packer {
    /// Adds a section: its anchor, its heading, its words as varints.
    pub(super) fn push(&mut self, id: &str, heading: &str, words: &[u8]) {
        for part in [id.as_bytes(), heading.as_bytes(), words] {
            push_varint(
                u32::try_from(part.len()).unwrap_or(u32::MAX),
                &mut self.packed,
            );
            self.packed.extend_from_slice(part);
        }
        self.count += 1;
    }

    /// The sections added.
    pub(super) fn finish(self) -> Sections {
        Sections {
            packed: self.packed.into(),
            count: self.count,
        }
    }
}

/// The text of a packed anchor or heading (packed from a `&str`, so always UTF-8).
fn text(bytes: &[u8]) -> &str {
    std::str::from_utf8(bytes).unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sections_come_back_as_they_were_packed() {
        let long = "ü".repeat(200);
        let words: Vec<u8> = (0..300u32).map(|b| (b % 128) as u8).collect();
        let given: Vec<(&str, &str, &[u8])> = vec![
            ("", "", &[]),
            ("intro", "Introduction", &[1, 2, 3]),
            ("long", &long, &words),
        ];
        let mut packer = Packer::default();
        for &(id, heading, words) in &given {
            packer.push(id, heading, words);
        }
        let s = packer.finish();
        assert_eq!(s.len(), 3);
        assert_eq!(s.iter().collect::<Vec<_>>(), given);
        assert_eq!(Sections::default().iter().count(), 0);
    }
}
