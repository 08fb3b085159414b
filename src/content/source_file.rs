//! One Markdown file: read whole (or taken over from the last load when it did not
//! change), let go once its page is made, and read again when a later stage asks.

use std::hash::{Hash, Hasher};
use std::path::{Path, PathBuf};
use std::sync::Arc;

use super::stamp::TextMemo;
use crate::diagnostic::Diagnostic;
use crate::stable_hash;

/// One Markdown file, read whole, with the paths needed to point back at it.
#[derive(Debug, Clone)]
pub struct SourceFile {
    /// Path relative to the site root, e.g. `content/en/weeks/01-start.md` (for diagnostics).
    pub path: PathBuf,
    /// Path relative to the language folder with `/` separators, e.g. `weeks/01-start.md`.
    pub rel: String,
    /// The language code this file belongs to.
    pub lang: String,
    /// The file's text, or where to read it again: each text is let go once its page is
    /// loaded, so memory does not grow with the site.
    text: Text,
    /// [`stable_hash::bytes128`] of the text, taken once when it was read.
    pub text_hash: u128,
    /// The text's length in bytes.
    pub len: usize,
}

/// The error of a file that changed between loading and rendering.
const CHANGED_WHILE_BUILDING: &str = "this file changed while the site was being built";

/// Whether every error of `diags` is a file that changed while the site was being built:
/// a build that a newer one supersedes (`serve` and `watch` build again as soon as the
/// change is seen, so these are no errors to show). Warnings do not count: the next
/// build reports them again.
pub fn only_changed_while_building(diags: &crate::diagnostic::Diagnostics) -> bool {
    let mut errors = diags.iter().filter(|d| d.is_error()).peekable();
    errors.peek().is_some() && errors.all(|d| d.message == CHANGED_WHILE_BUILDING)
}

/// Where a source's text is.
#[derive(Debug, Clone)]
enum Text {
    /// In memory (valid UTF-8; a byte-order mark is removed).
    Kept(Arc<String>),
    /// On disk, read again when a later stage asks for it.
    OnDisk {
        /// Absolute path.
        abs: PathBuf,
        /// The largest size read (`[build] max-file-size`).
        max_bytes: u64,
    },
}

impl SourceFile {
    /// A source of `text`, hashed once here.
    pub fn new(path: PathBuf, rel: String, lang: String, text: String) -> SourceFile {
        let text_hash = stable_hash::bytes128(text.as_bytes());
        let text = Arc::new(text);
        SourceFile {
            path,
            rel,
            lang,
            len: text.len(),
            text: Text::Kept(text),
            text_hash,
        }
    }

    /// The text: from memory, or read again from `abs` when it was let go. A file that
    /// changed (or went away) since it was loaded is an error: what was checked is no
    /// longer what would be built.
    pub fn text(&self) -> Result<Arc<String>, Diagnostic> {
        let (abs, max_bytes) = match &self.text {
            Text::Kept(text) => return Ok(Arc::clone(text)),
            Text::OnDisk { abs, max_bytes } => (abs, *max_bytes),
        };
        // Its length is known: the file need not be asked for it.
        let len = Some(self.len);
        let again = read_source(abs, self.path.clone(), String::new(), "", max_bytes, len);
        match again {
            Ok(file) if file.text_hash == self.text_hash => file.text(),
            Ok(_) => Err(Diagnostic::error(&self.path, CHANGED_WHILE_BUILDING)
                .help("build again (the output folder was left as it was)")),
            Err(d) => Err(d.help("the file was readable when the build started; build again")),
        }
    }

    /// The text when it is in memory (only right after it was read).
    #[cfg(test)]
    pub fn kept_text(&self) -> Option<&Arc<String>> {
        match &self.text {
            Text::Kept(text) => Some(text),
            Text::OnDisk { .. } => None,
        }
    }

    /// Lets go of the text: [`SourceFile::text`] reads it from `abs` again when asked.
    pub fn let_go(&mut self, abs: PathBuf, max_bytes: u64) {
        self.text = Text::OnDisk { abs, max_bytes };
    }

    /// Whether the text is let go, to be read again from `abs` up to `max_bytes`.
    pub fn is_let_go_to(&self, abs: &Path, max_bytes: u64) -> bool {
        matches!(&self.text, Text::OnDisk { abs: a, max_bytes: m } if a == abs && *m == max_bytes)
    }

    /// Whether `other` is the same file with the same text (wherever its text is now).
    pub fn same_file(&self, other: &SourceFile) -> bool {
        self.path == other.path
            && self.rel == other.rel
            && self.lang == other.lang
            && self.text_hash == other.text_hash
            && self.len == other.len
    }
}

/// A source hashes its names as they are and its text through the hash taken when it
/// was read.
impl Hash for SourceFile {
    fn hash<H: Hasher>(&self, state: &mut H) {
        let SourceFile {
            path,
            rel,
            lang,
            text: _,
            text_hash,
            len: _,
        } = self;
        (path, rel, lang, text_hash).hash(state);
    }
}

/// Reads one Markdown file as [`read_source`] does, or takes its text over from `texts`
/// when its metadata did not change since it was read.
pub(super) fn read_or_reuse(
    abs: &Path,
    site_rel: PathBuf,
    rel: String,
    lang: &str,
    max_bytes: u64,
    texts: Option<&TextMemo>,
) -> Result<SourceFile, Diagnostic> {
    // Only with a memo: a build has no use for the metadata (one call per source).
    let memo = texts.and_then(|texts| Some((texts, std::fs::metadata(abs).ok()?)));
    let Some((texts, meta)) = memo else {
        return read_source(abs, site_rel, rel, lang, max_bytes, None);
    };
    if meta.len() <= max_bytes
        && let Some((text_hash, len)) = texts.get(abs, &meta)
    {
        // Not read: the text is on disk, as it was, should a later stage need it.
        return Ok(SourceFile {
            path: site_rel,
            rel,
            lang: lang.to_string(),
            text: Text::OnDisk {
                abs: abs.to_path_buf(),
                max_bytes,
            },
            text_hash,
            len,
        });
    }
    let read = read_source(abs, site_rel, rel, lang, max_bytes, None);
    if let Ok(source) = &read {
        texts.keep(abs, &meta, source.text_hash, source.len);
    }
    read
}

/// Reads one Markdown file: its text without a byte-order mark, or why it cannot be used.
/// `len`: the length it had when it was last read, if it was.
fn read_source(
    abs: &Path,
    site_rel: PathBuf,
    rel: String,
    lang: &str,
    max_bytes: u64,
    len: Option<usize>,
) -> Result<SourceFile, Diagnostic> {
    match read_at_most(abs, max_bytes, len) {
        Ok(None) => Err(too_big(site_rel, max_bytes)),
        Ok(Some(bytes)) => {
            match String::from_utf8(bytes) {
                Ok(mut text) => {
                    if text.starts_with('\u{feff}') {
                        text.drain(..3);
                    }
                    Ok(SourceFile::new(site_rel, rel, lang.to_string(), text))
                }
                Err(e) => {
                    let valid = e.utf8_error().valid_up_to();
                    let lossy = String::from_utf8_lossy(e.as_bytes()).into_owned();
                    Err(Diagnostic::error(site_rel, "this file is not valid UTF-8")
                    .at_offset(&lossy, valid)
                    .help("save the file with UTF-8 encoding (most editors offer it in \"Save as\")"))
                }
            }
        }
        Err(e) => Err(Diagnostic::error(site_rel, format!("cannot read: {e}"))),
    }
}

/// The whole file, or `None` when it holds more than `max` bytes (read no further).
/// `expected`: its length, when known (it is then not asked for: a file that is not of
/// that length any more is read whole all the same).
fn read_at_most(
    path: &Path,
    max: u64,
    expected: Option<usize>,
) -> std::io::Result<Option<Vec<u8>>> {
    use std::io::Read as _;
    let mut file = std::fs::File::open(path)?;
    // Sized from the file's length, as `fs::read` does: growing by doubling would hold up
    // to twice each source's size while the whole site is read.
    let expected = match expected {
        Some(len) => len.min(usize::try_from(max).unwrap_or(usize::MAX)),
        None => {
            let len = file.metadata().map_or(0, |m| m.len()).min(max);
            usize::try_from(len).unwrap_or(0)
        }
    };
    // One read asks for a byte more than the file's length: an answer of just its length
    // is its end, so the usual second read, to be told so, is left out (a tenth of the
    // time spent reading a large site's sources). A file that grew meanwhile is read on.
    let mut bytes = vec![0; expected.saturating_add(1)];
    let mut filled = 0;
    loop {
        if filled == bytes.len() {
            if filled as u64 > max {
                return Ok(None);
            }
            bytes.resize(filled.saturating_mul(2).max(64), 0);
        }
        match file.read(&mut bytes[filled..]) {
            Ok(0) => break,
            Ok(n) => filled += n,
            Err(e) if e.kind() == std::io::ErrorKind::Interrupted => continue,
            Err(e) => return Err(e),
        }
        if filled == expected {
            break;
        }
    }
    bytes.truncate(filled);
    Ok((filled as u64 <= max).then_some(bytes))
}

fn too_big(path: PathBuf, max: u64) -> Diagnostic {
    Diagnostic::error(
        path,
        format!("this file is larger than the limit of {}", human_size(max)),
    )
    .help("split it into several pages, or raise `[build] max-file-size` in book.toml")
}

/// "16 MB", "512 KB", "1000 bytes".
fn human_size(bytes: u64) -> String {
    match bytes {
        b if b >= 1 << 20 && b % (1 << 20) == 0 => format!("{} MB", b >> 20),
        b if b >= 1 << 10 && b % (1 << 10) == 0 => format!("{} KB", b >> 10),
        b => format!("{b} bytes"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn serve_takes_an_unchanged_files_hash_over_without_reading_it() {
        let tmp = tempfile::tempdir().expect("temp");
        let abs = tmp.path().join("a.md");
        std::fs::write(&abs, "# A\n").expect("write");
        let texts = TextMemo::default();
        let read = |texts: &TextMemo| {
            let (site_rel, rel) = ("content/en/a.md".into(), "a.md".into());
            read_or_reuse(&abs, site_rel, rel, "en", 1 << 20, Some(texts)).expect("readable")
        };
        let first = read(&texts);
        assert_eq!(first.kept_text().map(|t| t.as_str()), Some("# A\n"), "read");
        texts.finish();
        let again = read(&texts);
        assert!(again.kept_text().is_none(), "not read again");
        assert_eq!((again.text_hash, again.len), (first.text_hash, first.len));
        assert_eq!(again.text().expect("read when asked").as_str(), "# A\n");
    }

    #[test]
    fn a_build_that_failed_only_on_files_changed_meanwhile_is_superseded() {
        use crate::diagnostic::Diagnostics;
        let tmp = tempfile::tempdir().expect("temp");
        let abs = tmp.path().join("a.md");
        std::fs::write(&abs, "# A\n").expect("write");
        let mut source = read_source(
            &abs,
            "content/en/a.md".into(),
            "a.md".into(),
            "en",
            99,
            None,
        )
        .expect("readable");
        source.let_go(abs.clone(), 99);
        std::fs::write(&abs, "# B\n").expect("write");
        let changed = source.text().expect_err("changed");
        let mut diags = Diagnostics::new();
        assert!(
            !only_changed_while_building(&diags),
            "no error is no failure"
        );
        diags.push(Diagnostic::warning(
            "content/en/b.md",
            "this week has no block",
        ));
        assert!(
            !only_changed_while_building(&diags),
            "a warning is no failure"
        );
        diags.push(changed);
        assert!(
            only_changed_while_building(&diags),
            "the warnings of a superseded build are reported by the next one"
        );
        diags.push(Diagnostic::error(
            "content/en/b.md",
            "front matter is not closed",
        ));
        assert!(
            !only_changed_while_building(&diags),
            "another error is shown"
        );
    }

    #[test]
    fn a_file_is_read_whole_up_to_its_limit_and_no_further() {
        let tmp = tempfile::tempdir().expect("temp");
        let at = |name: &str, bytes: &[u8]| {
            let p = tmp.path().join(name);
            std::fs::write(&p, bytes).expect("write");
            p
        };
        let text: Vec<u8> = (0..5000u32).map(|i| b'a' + (i % 26) as u8).collect();
        let whole = at("whole.md", &text);
        assert_eq!(
            super::read_at_most(&whole, 1 << 20, None).ok().flatten(),
            Some(text.clone())
        );
        assert_eq!(
            super::read_at_most(&whole, 5000, None).ok().flatten(),
            Some(text.clone())
        );
        assert_eq!(
            super::read_at_most(&whole, 4999, None).ok().flatten(),
            None,
            "over the limit"
        );
        let empty = at("empty.md", b"");
        assert_eq!(
            super::read_at_most(&empty, 10, None).ok().flatten(),
            Some(Vec::new())
        );
    }

    #[test]
    fn a_file_read_again_at_its_known_length_is_read_whole_when_that_length_is_wrong() {
        let tmp = tempfile::tempdir().expect("temp");
        let p = tmp.path().join("a.md");
        let text: Vec<u8> = (0..3000u32).map(|i| b'a' + (i % 26) as u8).collect();
        std::fs::write(&p, &text).expect("write");
        for known in [0, 1, 2999, 3000, 3001, 6000, 1 << 20] {
            assert_eq!(
                super::read_at_most(&p, 1 << 20, Some(known)).ok().flatten(),
                Some(text.clone()),
                "known length {known}"
            );
        }
        assert_eq!(
            super::read_at_most(&p, 2999, Some(10)).ok().flatten(),
            None,
            "over the limit, whatever the known length"
        );
        // A source with a byte-order mark is three bytes longer on disk than its text.
        std::fs::write(&p, "\u{feff}# A\n").expect("write");
        let mut source = read_source(&p, "content/en/a.md".into(), "a.md".into(), "en", 99, None)
            .expect("readable");
        assert_eq!(source.len, 4);
        source.let_go(p.clone(), 99);
        assert_eq!(source.text().expect("read again").as_str(), "# A\n");
    }
}
