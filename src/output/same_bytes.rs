//! Comparing a file with bytes about to be written, so an unchanged file is left alone.

use std::path::Path;

/// Whether the file at `path` holds exactly `bytes`, read in chunks so a large file (a
/// search index, a PDF) is not held in memory twice.
pub(crate) fn same_bytes(path: &Path, bytes: &[u8]) -> bool {
    use std::io::Read;
    let Ok(meta) = std::fs::metadata(path) else {
        return false;
    };
    if !meta.is_file() || meta.len() != bytes.len() as u64 {
        return false;
    }
    let Ok(mut file) = std::fs::File::open(path) else {
        return false;
    };
    // In pieces of 64 KiB at most: a page in one read. The file has the length of `bytes`,
    // so once that much is read and equal it is the same (no read to see its end; the
    // previous output is not written while a build holds its lock).
    const PIECE: usize = 64 * 1024;
    let mut buf = vec![0; bytes.len().min(PIECE)];
    for expected in bytes.chunks(PIECE) {
        let piece = &mut buf[..expected.len()];
        if file.read_exact(piece).is_err() || piece != expected {
            return false;
        }
    }
    true
}

#[cfg(test)]
mod tests {
    use super::same_bytes;

    #[test]
    fn a_file_is_the_same_only_with_every_byte_equal_and_nothing_more() {
        let tmp = tempfile::tempdir().expect("temporary folder");
        let path = tmp.path().join("page.html");
        // Pieces of 64 KiB: a page, a file of several pieces, one that differs in its
        // last byte, one a byte longer or shorter, an empty one.
        let big: Vec<u8> = (0..200_000u32).map(|i| (i % 251) as u8).collect();
        let mut last_differs = big.clone();
        last_differs[199_999] ^= 1;
        for (on_disk, bytes, same) in [
            (&b"<p>page</p>"[..], &b"<p>page</p>"[..], true),
            (&big[..], &big[..], true),
            (&big[..], &last_differs[..], false),
            (&big[..], &big[..199_999], false),
            (&big[..199_999], &big[..], false),
            (&b""[..], &b""[..], true),
            (&b""[..], &b"x"[..], false),
        ] {
            std::fs::write(&path, on_disk).expect("write the file");
            assert_eq!(
                same_bytes(&path, bytes),
                same,
                "{} against {}",
                on_disk.len(),
                bytes.len()
            );
        }
        assert!(!same_bytes(&tmp.path().join("missing"), b""));
        assert!(!same_bytes(tmp.path(), b""), "a folder is not a file");
    }
}
