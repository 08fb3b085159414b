//! The `CACHEDIR.TAG` that marks circlekit's cache folder (the Cache Directory Tagging
//! specification, <https://bford.info/cachedir/>): backup tools skip the folder, and
//! circlekit writes into, trims or empties only a folder that carries its own tag.

use std::io::Write as _;
use std::path::Path;

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
/// another program's tag, or holds files but no tag at all.
pub fn refusal(dir: &Path) -> Option<String> {
    if is_ours(dir) {
        return None;
    }
    if dir.join(NAME).exists() {
        return Some(format!(
            "{} belongs to another program (its {NAME} was not written by circlekit)",
            dir.display()
        ));
    }
    let has_files = std::fs::read_dir(dir).is_ok_and(|mut e| e.next().is_some());
    has_files.then(|| {
        format!(
            "{} holds files but no {NAME}, so it is not circlekit's cache folder",
            dir.display()
        )
    })
}

/// Writes circlekit's tag into `dir` unless one is there; two builds may do it at once.
pub fn write(dir: &Path) -> std::io::Result<()> {
    let path = dir.join(NAME);
    match std::fs::File::options()
        .write(true)
        .create_new(true)
        .open(&path)
    {
        Ok(mut f) => f.write_all(contents().as_bytes()),
        Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => Ok(()),
        Err(e) => Err(e),
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
    }
}
