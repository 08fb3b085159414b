//! LEB128 varints: how the index keeps a section's word numbers (about two bytes a word).

/// Appends `n` as a LEB128 varint.
#[inline]
pub(super) fn push_varint(mut n: u32, out: &mut Vec<u8>) {
    if n < 0x80 {
        out.push(n as u8);
        return;
    }
    // Most numbers of a large site take two bytes: written at once.
    if n < 0x4000 {
        out.extend_from_slice(&[(n as u8) | 0x80, (n >> 7) as u8]);
        return;
    }
    loop {
        let byte = (n & 0x7f) as u8;
        n >>= 7;
        if n == 0 {
            out.push(byte);
            return;
        }
        out.push(byte | 0x80);
    }
}

/// Reads back the varints written by [`push_varint`].
pub(super) fn varints(bytes: &[u8]) -> Varints<'_> {
    Varints { bytes }
}

/// The numbers of a run of varints, in order (a varint cut short at the end is left out).
/// Counting words and writing the index read every word's varint: the one- and two-byte
/// ones, nearly all of them, are read without a loop.
pub(super) struct Varints<'a> {
    bytes: &'a [u8],
}

impl Iterator for Varints<'_> {
    type Item = u32;

    #[inline]
    fn next(&mut self) -> Option<u32> {
        let (&first, rest) = self.bytes.split_first()?;
        if first < 0x80 {
            self.bytes = rest;
            return Some(u32::from(first));
        }
        let mut n = u32::from(first & 0x7f);
        let mut shift = 7u32;
        for (i, &b) in rest.iter().enumerate() {
            n |= u32::from(b & 0x7f).checked_shl(shift).unwrap_or(0);
            if b < 0x80 {
                self.bytes = &rest[i + 1..];
                return Some(n);
            }
            shift += 7;
        }
        self.bytes = &[];
        None
    }
}
