//! Telling link destinations apart: other sites, anchors on the same page, files of the site.

/// What a link destination points at.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum LinkTarget {
    /// Another site or scheme (`https:`, `mailto:`, `//host`); left as written.
    External,
    /// `#anchor` on the same page.
    Anchor(String),
    /// A file of the site: a relative path (or `/`-rooted at the site root) and an optional anchor.
    Path {
        /// The decoded path, as written (relative to the linking file, or starting with `/`).
        path: String,
        /// The anchor after `#`, if any.
        fragment: Option<String>,
    },
}

/// A link's destination as its author meant it: an email autolink `<team@example.org>`
/// comes from the parser without its `mailto:`, which would read as a file of the site.
pub fn written_dest(link_type: pulldown_cmark::LinkType, dest: &str) -> String {
    if link_type == pulldown_cmark::LinkType::Email && !dest.starts_with("mailto:") {
        format!("mailto:{dest}")
    } else {
        dest.to_string()
    }
}

/// Classifies a link destination.
pub fn classify_link(dest: &str) -> LinkTarget {
    if dest.is_empty() {
        return LinkTarget::External;
    }
    if let Some(frag) = dest.strip_prefix('#') {
        return LinkTarget::Anchor(percent_decode(frag));
    }
    if dest.starts_with("//") || has_scheme(dest) {
        return LinkTarget::External;
    }
    let (path, fragment) = match dest.split_once('#') {
        Some((p, f)) => (p, Some(percent_decode(f))),
        None => (dest, None),
    };
    let path = path.split('?').next().unwrap_or(path);
    LinkTarget::Path {
        path: percent_decode(path),
        fragment,
    }
}

fn has_scheme(dest: &str) -> bool {
    match dest.find(':') {
        Some(i) => {
            let scheme = &dest[..i];
            !scheme.is_empty()
                && scheme
                    .chars()
                    .all(|c| c.is_ascii_alphanumeric() || matches!(c, '+' | '-' | '.'))
                && !dest[..i].contains('/')
        }
        None => false,
    }
}

/// Decodes `%XX` escapes (invalid ones are kept as written).
pub fn percent_decode(s: &str) -> String {
    if !s.contains('%') {
        return s.to_string();
    }
    let bytes = s.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'%' && i + 2 < bytes.len() {
            let hex = std::str::from_utf8(&bytes[i + 1..i + 3]).ok();
            if let Some(v) = hex.and_then(|h| u8::from_str_radix(h, 16).ok()) {
                out.push(v);
                i += 3;
                continue;
            }
        }
        out.push(bytes[i]);
        i += 1;
    }
    String::from_utf8_lossy(&out).into_owned()
}

/// Joins a relative path onto a folder (both `/`-separated, relative to one root),
/// resolving `.` and `..`. `None` when it climbs above the root.
pub fn join_path(dir: &str, rel: &str) -> Option<String> {
    // One string, each part added or the last one cut off (this runs for every link twice:
    // a vector of parts joined at the end took 1,300 instructions a link).
    let mut out = String::with_capacity(dir.len() + rel.len() + 1);
    if !rel.starts_with('/') {
        for part in dir.split('/').filter(|p| !p.is_empty()) {
            push_part(&mut out, part);
        }
    }
    for part in rel.split('/') {
        match part {
            "" | "." => {}
            ".." if out.is_empty() => return None,
            ".." => out.truncate(out.rfind('/').unwrap_or(0)),
            p => push_part(&mut out, p),
        }
    }
    Some(out)
}

fn push_part(out: &mut String, part: &str) {
    if !out.is_empty() {
        out.push('/');
    }
    out.push_str(part);
}

/// The relative URL from a page whose URL (a folder, ending in `/` or empty for the root)
/// is `from`, to `to` (a site-relative URL).
pub fn relative_url(from: &str, to: &str) -> String {
    // Walk down `from`'s folders while `to` goes through the same ones; what is left of
    // `to` follows one `../` for each of `from`'s other folders. Only the result is
    // allocated (a page's links and assets were 1.6% of a build's instructions).
    let mut from_dirs = from.split('/').filter(|p| !p.is_empty());
    let mut rest = to;
    let mut ups = 0;
    while let Some(dir) = from_dirs.next() {
        match rest.split_once('/') {
            Some((part, after)) if part == dir => rest = after,
            _ => {
                ups = 1 + from_dirs.count();
                break;
            }
        }
    }
    if ups == 0 && rest.is_empty() {
        return "./".to_string();
    }
    let mut out = String::with_capacity(3 * ups + rest.len());
    for _ in 0..ups {
        out.push_str("../");
    }
    out.push_str(rest);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn classifies_destinations() {
        assert_eq!(classify_link("https://x.org/a.md"), LinkTarget::External);
        assert_eq!(classify_link("mailto:a@b.c"), LinkTarget::External);
        let email = written_dest(pulldown_cmark::LinkType::Email, "team@example.org");
        assert_eq!(classify_link(&email), LinkTarget::External);
        assert_eq!(classify_link("#top"), LinkTarget::Anchor("top".into()));
        assert_eq!(
            classify_link("../weeks/03%20x.md#the-list"),
            LinkTarget::Path {
                path: "../weeks/03 x.md".into(),
                fragment: Some("the-list".into())
            }
        );
    }

    #[test]
    fn joins_and_refuses_to_climb_out() {
        assert_eq!(join_path("weeks", "../faq.md").as_deref(), Some("faq.md"));
        assert_eq!(
            join_path("weeks", "./02.md").as_deref(),
            Some("weeks/02.md")
        );
        assert_eq!(join_path("", "../x.md"), None);
        assert_eq!(
            join_path("weeks", "/assets/a.png").as_deref(),
            Some("assets/a.png")
        );
    }

    #[test]
    fn relative_urls_are_minimal() {
        assert_eq!(relative_url("weeks/01-a/", "weeks/02-b/"), "../02-b/");
        assert_eq!(relative_url("", "weeks/02-b/"), "weeks/02-b/");
        assert_eq!(relative_url("faq/", ""), "../");
        assert_eq!(
            relative_url("weeks/01-a/", "theme/style.css"),
            "../../theme/style.css"
        );
        assert_eq!(relative_url("faq/", "faq/"), "./");
    }

    /// The joining of parts this replaced, as the reference.
    fn join_parts(dir: &str, rel: &str) -> Option<String> {
        let mut parts: Vec<&str> = Vec::new();
        if !rel.starts_with('/') {
            parts.extend(dir.split('/').filter(|p| !p.is_empty()));
        }
        for part in rel.split('/') {
            match part {
                "" | "." => {}
                ".." => {
                    parts.pop()?;
                }
                p => parts.push(p),
            }
        }
        Some(parts.join("/"))
    }

    /// The relative URL as lists of parts made it before, as the reference.
    fn relative_parts(from: &str, to: &str) -> String {
        let from_dirs: Vec<&str> = from.split('/').filter(|p| !p.is_empty()).collect();
        let to_parts: Vec<&str> = to.split('/').collect();
        let to_dirs = &to_parts[..to_parts.len().saturating_sub(1)];
        let common = from_dirs
            .iter()
            .zip(to_dirs.iter())
            .take_while(|(a, b)| a == b)
            .count();
        let mut out = "../".repeat(from_dirs.len() - common);
        out.push_str(&to_parts[common..].join("/"));
        if out.is_empty() {
            out.push_str("./");
        }
        out
    }

    #[test]
    fn relative_urls_are_those_of_lists_of_parts() {
        let urls = [
            "",
            "/",
            "a/",
            "a",
            "a/b/",
            "a/b",
            "a/c/",
            "a/b/c/",
            "a//b/",
            "/a/b/",
            "ab/",
            "a/b/#x",
            "a/#x/y",
            "a/b/x.css",
            "b/",
            "é/ü/",
            "a/b/c/d/e/",
        ];
        agree(&urls, &urls, relative_url, relative_parts);
    }

    /// Asserts that `new` and `old` agree on every pair of `firsts` and `seconds`.
    fn agree<T: PartialEq + std::fmt::Debug>(
        firsts: &[&str],
        seconds: &[&str],
        new: fn(&str, &str) -> T,
        old: fn(&str, &str) -> T,
    ) {
        for a in firsts {
            for b in seconds {
                assert_eq!(new(a, b), old(a, b), "{a:?}, {b:?}");
            }
        }
    }

    #[test]
    fn joins_every_folder_and_path_as_a_list_of_parts_does() {
        let dirs = [
            "",
            "content",
            "content/en",
            "content/en/weeks/",
            "/a//b",
            "a/./b",
            "a/../b",
            "..",
        ];
        let rels = [
            "",
            "x.md",
            "./x.md",
            "../x.md",
            "../../x.md",
            "../../../../x.md",
            "/x.md",
            "a/b/",
            "a//b",
            "..",
            "../",
            "./",
            "a/../../b",
            "a/b/../../..",
            "é/ü.md",
            "...",
            ".x",
        ];
        agree(&dirs, &rels, join_path, join_parts);
    }
}
