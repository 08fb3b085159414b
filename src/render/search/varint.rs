//! LEB128 varints: how the index keeps a section's word numbers (about two bytes a word).

/// Appends `n` as a LEB128 varint.
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
pub(super) fn varints(bytes: &[u8]) -> impl Iterator<Item = u32> + '_ {
    let mut i = 0;
    std::iter::from_fn(move || {
        let mut n = 0u32;
        let mut shift = 0;
        while let Some(&b) = bytes.get(i) {
            i += 1;
            n |= u32::from(b & 0x7f) << shift;
            if b & 0x80 == 0 {
                return Some(n);
            }
            shift += 7;
        }
        None
    })
}
