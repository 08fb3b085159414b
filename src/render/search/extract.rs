//! Reading a rendered page back for the search index: its title and the text of each section.
//!
//! Works on the HTML the templates produced, so the index holds exactly what a reader sees in
//! `<main>`: the body, agenda tables, blocks and worksheet labels. A heading with an `id`
//! starts a section (its anchor is where a result links to). Left out: `<script>`, `<style>`,
//! `<template>`, `<nav>`, `<svg>`, `<button>`, `<form role="search">`, anything `hidden` and
//! anything marked `data-search-skip`. A page with `<meta name="robots" content="noindex">`
//! is not indexed at all.

/// One section of a page: from a heading with an id to the next one.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Section {
    /// The heading's anchor ("" for the text before the first heading).
    pub id: String,
    /// The heading's text ("" for the text before the first heading).
    pub heading: String,
    /// The section's text, whitespace collapsed.
    pub text: String,
}

/// A page read back: the `<h1>` (or `<title>`) and its sections.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct PageText {
    /// What results show as the page's name.
    pub title: String,
    /// Its sections in document order, empty ones left out.
    pub sections: Vec<Section>,
}

/// Elements whose content never goes into the index.
const SKIPPED: &[&str] = &[
    "script", "style", "template", "nav", "svg", "button", "noscript", "select", "textarea",
];

/// Reads the title and sections of a page; `None` when it asks not to be indexed or has no `<main>`.
pub fn page_text(html: &str) -> Option<PageText> {
    if noindex(html) {
        return None;
    }
    let start = html.find("<main")?;
    let end = html[start..]
        .find("</main>")
        .map_or(html.len(), |e| start + e);
    let main = &html[start..end];
    let mut page = PageText::default();
    let mut current = Section::default();
    let mut skip: Option<(String, usize)> = None;
    let mut heading: Option<Heading> = None;
    let mut rest = main;
    while let Some(lt) = rest.find('<') {
        let text = &rest[..lt];
        if skip.is_none() {
            push_text(target(&mut heading, &mut current), text);
        }
        let after = &rest[lt..];
        let Some(gt) = tag_end(after) else {
            break;
        };
        let tag = &after[1..gt];
        rest = &after[gt + 1..];
        if tag.starts_with('!') || tag.starts_with('?') {
            continue;
        }
        let closing = tag.starts_with('/');
        let name = tag_name(tag);
        let name = name.as_ref();
        if let Some((skipped, depth)) = &mut skip {
            if name == skipped.as_str() {
                if closing {
                    *depth -= 1;
                    if *depth == 0 {
                        skip = None;
                    }
                } else if !tag.ends_with('/') {
                    *depth += 1;
                }
            }
            continue;
        }
        if closing {
            close(name, &mut heading, &mut current, &mut page);
            continue;
        }
        let hidden = (tag.contains("hidden") && attr(tag, "hidden").is_some())
            || (tag.contains("data-search-skip") && attr(tag, "data-search-skip").is_some())
            || (name == "form" && attr(tag, "role").as_deref() == Some("search"));
        if SKIPPED.contains(&name) || hidden {
            if !tag.ends_with('/') && !is_void(name) {
                skip = Some((name.to_string(), 1));
            }
            continue;
        }
        if heading.is_none() && matches!(name, "h1" | "h2" | "h3" | "h4" | "h5" | "h6") {
            heading = Some((name.to_string(), attr(tag, "id"), String::new()));
        } else if is_block(name) || name == "br" {
            push_text(target(&mut heading, &mut current), " ");
        }
    }
    finish(&mut page, current);
    if page.title.is_empty() {
        page.title = title_element(html).unwrap_or_default();
    }
    Some(page)
}

/// The element name of a tag's text (after `<`), in lower case; borrowed when it already is.
fn tag_name(tag: &str) -> std::borrow::Cow<'_, str> {
    let tag = tag.trim_start_matches('/');
    let end = tag
        .find(|c: char| !c.is_ascii_alphanumeric())
        .unwrap_or(tag.len());
    let name = &tag[..end];
    if name.bytes().any(|b| b.is_ascii_uppercase()) {
        std::borrow::Cow::Owned(name.to_ascii_lowercase())
    } else {
        std::borrow::Cow::Borrowed(name)
    }
}

/// A heading being read: its element name, its id, its text so far.
type Heading = (String, Option<String>, String);

/// Handles the end tag of element `name`: the end of a heading with an id starts a new
/// section (one without is the page's title, or text); a block's end separates words.
fn close(name: &str, heading: &mut Option<Heading>, current: &mut Section, page: &mut PageText) {
    let ends_heading = heading.as_ref().is_some_and(|(level, _, _)| level == name);
    if ends_heading && let Some((level, id, text)) = heading.take() {
        let text = text.trim().to_string();
        match id {
            Some(id) => {
                finish(page, std::mem::take(current));
                *current = Section {
                    id,
                    heading: text,
                    text: String::new(),
                };
            }
            None if level == "h1" && page.title.is_empty() => page.title = text,
            None => push_text(&mut current.text, &text),
        }
    } else if is_block(name) {
        push_text(target(heading, current), " ");
    }
}

/// Where text goes: into the heading being read, else into the section.
fn target<'a>(heading: &'a mut Option<Heading>, current: &'a mut Section) -> &'a mut String {
    match heading {
        Some((_, _, h)) => h,
        None => &mut current.text,
    }
}

fn finish(page: &mut PageText, mut section: Section) {
    section.text = section.text.trim().to_string();
    if !section.text.is_empty() || !section.heading.is_empty() {
        page.sections.push(section);
    }
}

/// Appends decoded text with whitespace collapsed to one space.
fn push_text(into: &mut String, raw: &str) {
    let decoded = decode_entities(raw);
    for (i, word) in decoded.split_whitespace().enumerate() {
        let starts_with_space = i > 0 || decoded.starts_with(char::is_whitespace);
        if starts_with_space && !into.is_empty() && !into.ends_with(' ') {
            into.push(' ');
        }
        into.push_str(word);
    }
    if decoded.ends_with(char::is_whitespace) && !into.is_empty() && !into.ends_with(' ') {
        into.push(' ');
    }
}

/// Where the tag that starts `s` (at `<`) ends, minding quoted attribute values.
fn tag_end(s: &str) -> Option<usize> {
    let mut quote = None;
    for (i, c) in s.char_indices().skip(1) {
        match (quote, c) {
            (None, '"' | '\'') => quote = Some(c),
            (Some(q), c) if c == q => quote = None,
            (None, '>') => return Some(i),
            _ => {}
        }
    }
    None
}

/// The value of attribute `name` in a tag's text (`Some("")` for a bare attribute).
fn attr(tag: &str, name: &str) -> Option<String> {
    let mut rest = tag.split_once(char::is_whitespace)?.1;
    loop {
        rest = rest.trim_start();
        let key_len = rest
            .find(|c: char| c == '=' || c.is_whitespace() || c == '/' || c == '>')
            .unwrap_or(rest.len());
        if key_len == 0 {
            return None;
        }
        let key = &rest[..key_len];
        rest = rest[key_len..].trim_start();
        let value = if let Some(after) = rest.strip_prefix('=') {
            let after = after.trim_start();
            let (value, tail) = match after.chars().next() {
                Some(q @ ('"' | '\'')) => {
                    let inner = &after[1..];
                    let end = inner.find(q).unwrap_or(inner.len());
                    (&inner[..end], inner.get(end + 1..).unwrap_or(""))
                }
                _ => {
                    let end = after.find(char::is_whitespace).unwrap_or(after.len());
                    (&after[..end], &after[end..])
                }
            };
            rest = tail;
            value
        } else {
            ""
        };
        if key.eq_ignore_ascii_case(name) {
            return Some(decode_entities(value).into_owned());
        }
    }
}

fn noindex(html: &str) -> bool {
    let head = html.split("<body").next().unwrap_or("");
    head.match_indices("<meta").any(|(i, _)| {
        let tag = &head[i..];
        let tag = &tag[..tag_end(tag).unwrap_or(tag.len())];
        attr(tag, "name").is_some_and(|n| n.eq_ignore_ascii_case("robots"))
            && attr(tag, "content").is_some_and(|c| c.to_ascii_lowercase().contains("noindex"))
    })
}

fn title_element(html: &str) -> Option<String> {
    let start = html.find("<title>")? + "<title>".len();
    let end = html[start..].find("</title>")? + start;
    Some(decode_entities(&html[start..end]).trim().to_string())
}

fn is_void(name: &str) -> bool {
    matches!(
        name,
        "area"
            | "base"
            | "br"
            | "col"
            | "embed"
            | "hr"
            | "img"
            | "input"
            | "link"
            | "meta"
            | "source"
            | "track"
            | "wbr"
    )
}

/// Elements after which words must not run together.
fn is_block(name: &str) -> bool {
    matches!(
        name,
        "p" | "div"
            | "li"
            | "td"
            | "th"
            | "tr"
            | "dt"
            | "dd"
            | "caption"
            | "label"
            | "legend"
            | "summary"
            | "blockquote"
            | "pre"
            | "section"
            | "aside"
            | "article"
            | "details"
            | "figcaption"
            | "table"
            | "ul"
            | "ol"
            | "hr"
            | "span"
    )
}

/// Decodes the character references the renderer writes, plus numeric ones.
pub fn decode_entities(s: &str) -> std::borrow::Cow<'_, str> {
    if !s.contains('&') {
        return std::borrow::Cow::Borrowed(s);
    }
    let mut out = String::with_capacity(s.len());
    let mut rest = s;
    while let Some(amp) = rest.find('&') {
        out.push_str(&rest[..amp]);
        let tail = &rest[amp..];
        let end = tail.find(';').filter(|&e| e <= 10);
        let decoded = end.and_then(|e| {
            let name = &tail[1..e];
            let c = match name {
                "amp" => Some('&'),
                "lt" => Some('<'),
                "gt" => Some('>'),
                "quot" => Some('"'),
                "apos" => Some('\''),
                "nbsp" => Some('\u{a0}'),
                _ => name.strip_prefix('#').and_then(|n| {
                    let code = match n.strip_prefix(['x', 'X']) {
                        Some(hex) => u32::from_str_radix(hex, 16).ok(),
                        None => n.parse().ok(),
                    };
                    code.and_then(char::from_u32)
                }),
            };
            c.map(|c| (c, e))
        });
        match decoded {
            Some((c, e)) => {
                out.push(c);
                rest = &tail[e + 1..];
            }
            None => {
                out.push('&');
                rest = &tail[1..];
            }
        }
    }
    out.push_str(rest);
    std::borrow::Cow::Owned(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn splits_main_into_sections_at_headings_with_ids() {
        let html = r#"<html><head><title>T · Site</title></head><body><nav>Menu</nav>
<main id="main"><h1>Your network</h1><p>Intro &amp; more.</p>
<nav class="page-toc"><h2 id="toc-heading">On this page</h2></nav>
<h2 id="check-in">Check-in</h2><p>Round one.</p><ul><li>A</li><li>B</li></ul>
<button hidden>Moderator view</button><script>var x = "<h2 id=no>";</script>
<div class="ws-actions" hidden><span>Clear</span></div>
<h3 id="ex">Exercise <em>1</em></h3><p>Write&nbsp;names.</p><input type="text" name="x"></main>
<footer>Foot</footer></body></html>"#;
        let page = page_text(html).expect("indexed");
        assert_eq!(page.title, "Your network");
        assert_eq!(
            page.sections,
            [
                Section {
                    id: String::new(),
                    heading: String::new(),
                    text: "Intro & more.".into()
                },
                Section {
                    id: "check-in".into(),
                    heading: "Check-in".into(),
                    text: "Round one. A B".into()
                },
                Section {
                    id: "ex".into(),
                    heading: "Exercise 1".into(),
                    text: "Write names.".into()
                },
            ]
        );
    }

    #[test]
    fn leaves_out_pages_marked_noindex() {
        let html =
            r#"<head><meta name="robots" content="noindex"></head><body><main><p>x</p></main>"#;
        assert_eq!(page_text(html), None);
    }

    #[test]
    fn decodes_numeric_references() {
        assert_eq!(
            decode_entities("a&#39;b&#x2014;c &unknown; &"),
            "a'b—c &unknown; &"
        );
    }
}
