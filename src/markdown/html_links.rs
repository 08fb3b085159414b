//! Link and image destinations written as raw HTML in Markdown (`<a href>`, `<img src>`):
//! found by a scan of tags and their attributes, so they are checked and rewritten like
//! Markdown links.

use std::ops::Range;

/// A URL attribute of a raw HTML tag.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct HtmlLink {
    /// The destination, with character references (`&amp;`, …) decoded.
    pub dest: String,
    /// The value as written, without its quotes.
    pub value: Range<usize>,
    /// The value with its quotes, if any: what a rewrite replaces.
    pub quoted: Range<usize>,
    /// The whole attribute, from its name to the end of its value.
    pub attr: Range<usize>,
    /// True for images and media (`src`), false for links (`href`).
    pub image: bool,
}

/// Whether the attribute `attr` of the element `tag` holds a URL of the site to resolve.
fn url_attribute(tag: &str, attr: &str) -> Option<bool> {
    match (tag, attr) {
        ("a" | "area", "href") => Some(false),
        ("img" | "source" | "video" | "audio" | "track", "src") | ("video", "poster") => Some(true),
        _ => None,
    }
}

/// Every URL attribute of the start tags in `html` (a piece of inline or block HTML), in
/// order. Comments are skipped; a tag cut off at the end of the piece still counts.
pub(crate) fn html_links(html: &str) -> Vec<HtmlLink> {
    let bytes = html.as_bytes();
    let mut out = Vec::new();
    let mut i = 0;
    while let Some(lt) = html[i..].find('<').map(|k| i + k) {
        if html[lt..].starts_with("<!--") {
            i = html[lt..].find("-->").map_or(html.len(), |k| lt + k + 3);
            continue;
        }
        let name_start = lt + 1;
        let name_end = scan(bytes, name_start, |b| b.is_ascii_alphanumeric());
        if name_end == name_start || !bytes[name_start].is_ascii_alphabetic() {
            i = lt + 1;
            continue;
        }
        let tag = html[name_start..name_end].to_ascii_lowercase();
        i = attributes(html, name_end, &tag, &mut out);
    }
    out
}

/// Reads the attributes of a start tag from `i` to its `>`; returns where the tag ends.
fn attributes(html: &str, mut i: usize, tag: &str, out: &mut Vec<HtmlLink>) -> usize {
    let bytes = html.as_bytes();
    loop {
        i = scan(bytes, i, |b| b.is_ascii_whitespace() || b == b'/');
        match bytes.get(i) {
            None => return i,
            Some(b'>') => return i + 1,
            _ => {}
        }
        let name_start = i;
        i = scan(bytes, i, |b| {
            !b.is_ascii_whitespace() && !matches!(b, b'/' | b'>' | b'=')
        });
        let name = html[name_start..i].to_ascii_lowercase();
        let after_name = scan(bytes, i, |b| b.is_ascii_whitespace());
        if bytes.get(after_name) != Some(&b'=') {
            i = after_name.max(name_start + 1);
            continue;
        }
        let start = scan(bytes, after_name + 1, |b| b.is_ascii_whitespace());
        let (value, quoted) = match bytes.get(start) {
            Some(&q @ (b'"' | b'\'')) => {
                let end = scan(bytes, start + 1, |b| b != q);
                (start + 1..end, start..(end + 1).min(html.len()))
            }
            _ => {
                let end = scan(bytes, start, |b| !b.is_ascii_whitespace() && b != b'>');
                (start..end, start..end)
            }
        };
        i = quoted.end.max(start);
        if let Some(image) = url_attribute(tag, &name) {
            out.push(HtmlLink {
                dest: decode_references(&html[value.clone()]),
                attr: name_start..quoted.end,
                value,
                quoted,
                image,
            });
        }
    }
}

/// The first position from `i` whose byte does not satisfy `keep`.
fn scan(bytes: &[u8], mut i: usize, keep: impl Fn(u8) -> bool) -> usize {
    while i < bytes.len() && keep(bytes[i]) {
        i += 1;
    }
    i
}

/// Decodes the character references that appear in URLs written by hand.
fn decode_references(value: &str) -> String {
    if !value.contains('&') {
        return value.to_string();
    }
    value
        .replace("&quot;", "\"")
        .replace("&#39;", "'")
        .replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&amp;", "&")
}

/// `html` with every URL attribute that `rewrite` changes replaced by the new URL, quoted,
/// and every one whose destination `unlink` says leads nowhere left out (an `<a>` without
/// `href` is plain text; an `<img>` without `src` shows its `alt`).
pub(crate) fn rewrite_html(
    html: &str,
    rewrite: &dyn Fn(&str) -> Option<String>,
    unlink: &dyn Fn(&str) -> bool,
) -> String {
    let mut out = String::with_capacity(html.len());
    let mut at = 0;
    for link in html_links(html) {
        if unlink(&link.dest) {
            let start = html[..link.attr.start].trim_end().len().max(at);
            out.push_str(&html[at..start]);
            at = link.attr.end;
        } else if let Some(new) = rewrite(&link.dest) {
            out.push_str(&html[at..link.quoted.start]);
            out.push('"');
            out.push_str(&super::escape::escape(&new));
            out.push('"');
            at = link.quoted.end;
        }
    }
    out.push_str(&html[at..]);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn dests(html: &str) -> Vec<(String, bool)> {
        html_links(html)
            .into_iter()
            .map(|l| (l.dest, l.image))
            .collect()
    }

    #[test]
    fn finds_hrefs_and_srcs_however_quoted() {
        assert_eq!(
            dests(
                r#"<p><A HREF="../faq.md#x">FAQ</A> <img alt='a > b' src='pic.png'/><img src=x.jpg></p>"#
            ),
            [
                ("../faq.md#x".to_string(), false),
                ("pic.png".to_string(), true),
                ("x.jpg".to_string(), true)
            ]
        );
        assert_eq!(
            dests(r#"<a title="href=no" data-href="no" href = "a&amp;b.md">"#),
            [("a&b.md".to_string(), false)]
        );
        assert!(dests("<!-- <a href=\"x.md\"> --> a < b <3 <div class=\"x\">").is_empty());
        assert_eq!(
            dests("<img\n  src=\"cut.png\""),
            [("cut.png".to_string(), true)]
        );
    }

    #[test]
    fn rewrites_only_what_the_rewriter_changes() {
        let html = r#"<a href=faq.md>F</a> <a href="https://x.org">X</a> <img src='p.png'>"#;
        let out = rewrite_html(
            html,
            &|d| d.strip_suffix(".md").map(|s| format!("{s}/")),
            &|d| d == "p.png",
        );
        assert_eq!(
            out,
            r#"<a href="faq/">F</a> <a href="https://x.org">X</a> <img>"#
        );
    }
}
