//! One hasher for every key that is compared across runs (the page memo of `serve`, the
//! PDF cache manifest kept in the output folder, fingerprints of templates and links):
//! SipHash-1-3 with fixed keys, so the same input hashes the same in every process, on
//! every machine and with every Rust release (the standard library's `DefaultHasher`
//! promises none of that).

pub use siphasher::sip::SipHasher13 as StableHasher;

/// A hasher whose output depends on nothing but what is fed to it.
pub fn hasher() -> StableHasher {
    StableHasher::new_with_keys(0, 0)
}

/// A 128-bit hash of bulk bytes (a source file, an output file): XXH3, which is defined
/// to give the same value everywhere and is many times faster than SipHash on long inputs.
pub fn bytes128(bytes: &[u8]) -> u128 {
    xxhash_rust::xxh3::xxh3_128(bytes)
}

/// Feeds a value's serialised form (JSON, written straight into the hasher) to `h`: for
/// the views and the configuration, which are `Serialize` for templates and schemas.
/// Their maps are ordered (`BTreeMap`), so the same value always feeds the same bytes.
pub fn hash_serialized(h: &mut StableHasher, value: &impl serde::Serialize) {
    struct Feed<'a>(&'a mut StableHasher);
    impl std::io::Write for Feed<'_> {
        fn write(&mut self, bytes: &[u8]) -> std::io::Result<usize> {
            std::hash::Hasher::write(self.0, bytes);
            Ok(bytes.len())
        }
        fn flush(&mut self) -> std::io::Result<()> {
            Ok(())
        }
    }
    // Writing into a hasher cannot fail; a value that cannot be serialised feeds nothing
    // more, and a changed key only costs a render.
    let _ = serde_json::to_writer(Feed(h), value);
}

#[cfg(test)]
mod tests {
    use std::hash::{Hash, Hasher};

    const PINNED: u64 = 0x516f_2b75_9d3e_6f1c;

    #[test]
    fn the_same_input_hashes_the_same_and_another_differently() {
        let of = |s: &str| {
            let mut h = super::hasher();
            s.hash(&mut h);
            h.finish()
        };
        assert_eq!(of("week 1"), of("week 1"));
        assert_ne!(of("week 1"), of("week 2"));
        // Fixed keys: this value may never change, or every kept PDF key would.
        assert_eq!(of("week 1"), PINNED, "{:#x}", of("week 1"));
    }

    #[test]
    fn bulk_bytes_hash_the_same_everywhere() {
        assert_ne!(super::bytes128(b"week 1"), super::bytes128(b"week 2"));
        // XXH3-128 of the empty input, as its specification gives it.
        assert_eq!(
            super::bytes128(b""),
            0x99aa_06d3_0147_98d8_6001_c324_468d_497f
        );
    }
}
