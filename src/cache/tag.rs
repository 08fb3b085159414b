//! The `CACHEDIR.TAG` that marks circlekit's cache folder (the Cache Directory Tagging
//! specification, <https://bford.info/cachedir/>): backup tools skip the folder, and
//! circlekit writes into, trims or empties only a folder that carries its own tag.

use std::io::Write as _;
use std::path::Path;
use std::sync::atomic::{AtomicU64, Ordering};

/// The tag's file name.
pub const NAME: &str = "CACHEDIR.TAG";

/// The first line every cache directory tag starts with.
const SIGNATURE: &str = "Signature: 8a477f597d28d172789f06886806bc55";

/// The whole tag as circlekit writes it.
pub fn contents() -> String {
    format!(
        "{SIGNATURE}\n# This file is a cache directory tag created by circlekit (typeset PDFs).\n# For information about cache directory tags, see:\n#\thttps://bford.info/cachedir/\n"
    )
}

/// Whether `dir` carries a tag that circlekit wrote.
pub fn is_ours(dir: &Path) -> bool {
    std::fs::read(dir.join(NAME)).is_ok_and(|b| {
        let text = String::from_utf8_lossy(&b);
        text.starts_with(SIGNATURE) && text.contains("circlekit")
    })
}

/// Why circlekit will not use `dir` as its cache folder, if it will not: it carries
/// another program's tag, or holds files but no tag at all. Another build may be tagging
/// the folder at the same time: a tag appears whole ([`write`](fn@write)), and the tag's own files
/// are no reason to refuse.
pub fn refusal(dir: &Path) -> Option<String> {
    if dir.join(NAME).exists() {
        return (!is_ours(dir)).then(|| {
            format!(
                "{} belongs to another program (its {NAME} was not written by circlekit)",
                dir.display()
            )
        });
    }
    let has_files = std::fs::read_dir(dir).is_ok_and(|entries| {
        entries
            .flatten()
            .any(|e| !e.file_name().to_str().is_some_and(is_tag_file))
    });
    // Another build may have tagged the folder and written into it since the first look.
    (has_files && !is_ours(dir)).then(|| {
        format!(
            "{} holds files but no {NAME}, so it is not circlekit's cache folder",
            dir.display()
        )
    })
}

/// Whether `name` is the tag or one being written ([`write`]).
fn is_tag_file(name: &str) -> bool {
    name == NAME
        || name
            .strip_prefix(NAME)
            .is_some_and(|rest| rest.starts_with(".new-"))
}

/// Writes circlekit's tag into `dir` unless one is there; two builds may do it at once.
/// The tag is written beside under a name of its own, then linked into place, so another
/// build never reads half a tag (and takes it for another program's).
pub fn write(dir: &Path) -> std::io::Result<()> {
    let path = dir.join(NAME);
    static WRITES: AtomicU64 = AtomicU64::new(0);
    let n = WRITES.fetch_add(1, Ordering::Relaxed);
    let new = dir.join(format!("{NAME}.new-{}-{n}", std::process::id()));
    std::fs::write(&new, contents())?;
    let linked = std::fs::hard_link(&new, &path);
    let _ = std::fs::remove_file(&new);
    match linked {
        Ok(()) => Ok(()),
        Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => Ok(()),
        // A file system without hard links: write the tag in place.
        Err(_) => match std::fs::File::options()
            .write(true)
            .create_new(true)
            .open(&path)
        {
            Ok(mut f) => f.write_all(contents().as_bytes()),
            Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => Ok(()),
            Err(e) => Err(e),
        },
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_folder_is_ours_only_with_our_tag() {
        let tmp = tempfile::tempdir().expect("temp");
        let dir = tmp.path();
        assert!(!is_ours(dir));
        assert_eq!(refusal(dir), None, "an empty folder may become the cache");
        std::fs::write(dir.join("notes.txt"), "mine").expect("write");
        assert!(refusal(dir).is_some_and(|r| r.contains("no CACHEDIR.TAG")));
        std::fs::write(dir.join(NAME), format!("{SIGNATURE}\n# other tool\n")).expect("tag");
        assert!(refusal(dir).is_some_and(|r| r.contains("another program")));
        std::fs::remove_file(dir.join(NAME)).expect("remove");
        write(dir).expect("tag");
        write(dir).expect("a second time is fine");
        assert!(is_ours(dir));
        assert_eq!(refusal(dir), None);
        let left: Vec<_> = std::fs::read_dir(dir)
            .expect("list")
            .flatten()
            .map(|e| e.file_name())
            .collect();
        assert_eq!(
            left.len(),
            2,
            "the tag and notes.txt, nothing half-written: {left:?}"
        );
    }

    #[test]
    fn a_tag_being_written_by_another_build_is_no_reason_to_refuse() {
        let tmp = tempfile::tempdir().expect("temp");
        let dir = tmp.path();
        std::fs::write(dir.join(format!("{NAME}.new-42")), "Signature").expect("write");
        assert_eq!(
            refusal(dir),
            None,
            "only the other build's tag, not yet in place"
        );
        // Many builds tagging one new folder at once: none refuses it, one tag results.
        let dir = tmp.path().join("cache");
        std::fs::create_dir(&dir).expect("mkdir");
        std::thread::scope(|s| {
            for _ in 0..8 {
                s.spawn(|| {
                    for _ in 0..50 {
                        assert_eq!(refusal(&dir), None);
                        write(&dir).expect("tag");
                    }
                });
            }
        });
        assert!(is_ours(&dir));
    }
}
