//! Tests of directive blocks: finding fences among tricky Markdown, nesting, problems, outline.

use crate::diagnostic::{Severity, line_col};
use crate::markdown::document::Document;
use crate::markdown::options::{Edition, RenderOptions};
use crate::markdown::outline::{Outline, outline};
use crate::markdown::render;

fn web(body: &str) -> String {
    render(
        &Document::parse(body),
        &outline(body),
        &RenderOptions::new(Edition::Web, &|_| None),
    )
}

fn names(o: &Outline) -> Vec<(&str, usize)> {
    o.directives
        .iter()
        .map(|d| (d.name.as_str(), d.depth))
        .collect()
}

fn errors(o: &Outline) -> Vec<&str> {
    o.problems
        .iter()
        .filter(|p| p.severity == Severity::Error)
        .map(|p| p.message.as_str())
        .collect()
}

#[test]
fn directive_inside_a_list_item_stays_in_the_item() {
    let body =
        "1. First step\n\n   ::: note Careful\n   Mind the *time*.\n   :::\n\n2. Second step\n";
    let o = outline(body);
    assert_eq!(names(&o), [("note", 0)]);
    assert!(o.problems.is_empty(), "{:?}", o.problems);
    let html = web(body);
    assert!(
        html.contains("<li>\n<p>First step</p>\n<aside class=\"directive note\""),
        "{html}"
    );
    assert!(
        html.contains("<p>Mind the <em>time</em>.</p>\n</aside>\n</li>"),
        "{html}"
    );
    assert!(
        html.contains("<li>\n<p>Second step</p>\n</li>\n</ol>"),
        "{html}"
    );
}

#[test]
fn colons_inside_code_blocks_are_text() {
    let body = "```\n::: note\n:::\n```\n\n~~~markdown\n::: exercise X\n~~~\n\n    ::: note\n    :::\n\n- item\n\n  ```\n  :::\n  ```\n";
    let o = outline(body);
    assert!(o.directives.is_empty(), "{:?}", o.directives);
    assert!(o.problems.is_empty(), "{:?}", o.problems);
    assert_eq!(web(body).matches("::: note").count(), 2);
}

#[test]
fn code_inside_a_directive_keeps_its_colons() {
    let body = "::: example\n```\n:::\n```\n:::\n";
    let o = outline(body);
    assert_eq!(names(&o), [("example", 0)]);
    assert!(o.problems.is_empty(), "{:?}", o.problems);
    assert!(web(body).contains("<pre><code>:::\n</code></pre>\n</aside>"));
}

#[test]
fn nested_directives_use_longer_outer_fences() {
    let body = ":::: exercise Outer {minutes=10}\nBefore.\n\n::: example Inner\nInside.\n:::\n\nAfter.\n::::\n\nOutside.\n";
    let o = outline(body);
    assert_eq!(names(&o), [("exercise", 0), ("example", 1)]);
    assert!(o.problems.is_empty(), "{:?}", o.problems);
    let html = web(body);
    let inner = html.find("<p>Inside.</p>").unwrap_or(0);
    let after = html.find("<p>After.</p>").unwrap_or(0);
    let section_end = html.find("</section>").unwrap_or(0);
    assert!(inner > 0 && inner < after && after < section_end, "{html}");
    assert!(html.ends_with("</section>\n<p>Outside.</p>\n"), "{html}");
}

#[test]
fn same_length_fences_close_the_innermost_block() {
    let body = "::: exercise A\n::: note\nx\n:::\ny\n:::\n";
    let o = outline(body);
    assert_eq!(names(&o), [("exercise", 0), ("note", 1)]);
    assert!(o.problems.is_empty(), "{:?}", o.problems);
}

#[test]
fn a_shorter_fence_does_not_close_a_longer_one() {
    let body = ":::: note\ntext\n:::\n";
    let o = outline(body);
    assert!(!o.directives[0].closed);
    assert!(
        errors(&o).iter().any(|m| m.contains("is not closed")),
        "{:?}",
        o.problems
    );
}

#[test]
fn unclosed_block_names_its_opening_line() {
    let text = "---\ntitle: T\n---\n\nIntro.\n\n::: exercise Lost {minutes=5}\nNo end.\n";
    let body_offset = text.find("\nIntro").unwrap_or(0) - 1;
    let o = outline(&text[body_offset..]);
    let p = o
        .problems
        .iter()
        .find(|p| p.message.contains("is not closed"))
        .map(|p| p.range.start + body_offset);
    assert_eq!(
        p.map(|off| line_col(text, off)),
        Some((7, 1)),
        "{:?}",
        o.problems
    );
    assert!(o.problems[0].message.contains("::: exercise Lost"));
    // Content is still rendered.
    assert!(web(&text[body_offset..]).contains("<p>No end.</p>"));
}

#[test]
fn front_matter_followed_by_a_thematic_break() {
    // The body as content's front-matter split leaves it (tested there).
    let body = "---\n\n::: note\nHi\n:::\n\nText\n---\n";
    let html = web(body);
    assert!(
        html.starts_with("<hr />\n<aside class=\"directive note\""),
        "{html}"
    );
    assert!(html.ends_with("<h2 id=\"text\">Text</h2>\n"), "{html}");
    let o = outline(body);
    assert_eq!(names(&o), [("note", 0)]);
    // In the whole file, after three lines of front matter, the note opens on line 6.
    let file = format!("---\ntitle: T\n---\n{body}");
    let open = o.directives[0].open.start + file.len() - body.len();
    assert_eq!(line_col(&file, open), (6, 1));
}

#[test]
fn stray_closing_fence_is_a_warning_and_stays_text() {
    let o = outline("Some text.\n\n:::\n");
    assert_eq!(o.problems.len(), 1);
    assert_eq!(o.problems[0].severity, Severity::Warning);
    assert!(web("Some text.\n\n:::\n").contains("<p>:::</p>"));
}

#[test]
fn bad_names_and_attributes_are_errors_at_their_place() {
    let body = "::: excercise A\n:::\n\n::: exercise B {minutes=0 speed=2}\nx\n:::\n\n::: note {id=n1\nx\n:::\n\n::: exercise C {minutes=15 min}\nx\n:::\n";
    let o = outline(body);
    let found: Vec<(&str, &str)> = o
        .problems
        .iter()
        .map(|p| (p.message.as_str(), &body[p.range.clone()]))
        .collect();
    assert!(
        found.contains(&("unknown block `::: excercise`", "excercise")),
        "{found:?}"
    );
    assert!(o.problems[0].help.contains("did you mean `exercise`"));
    assert!(
        found
            .iter()
            .any(|(m, at)| m.contains("`minutes` must be") && *at == "minutes=0"),
        "{found:?}"
    );
    assert!(
        found
            .iter()
            .any(|(m, at)| m.contains("`speed` is not an attribute") && *at == "speed=2"),
        "{found:?}"
    );
    assert!(
        found.iter().any(|(m, _)| m.contains("closing `}`")),
        "{found:?}"
    );
    assert!(
        found
            .iter()
            .any(|(m, at)| m.contains("contains a space") && *at == "min"),
        "{found:?}"
    );
}

#[test]
fn outline_lists_headings_and_links_inside_blocks_in_order() {
    let body = "# Top\n\n[a](a.md)\n\n::: exercise Top\n## Inner\n[b](b.md)\n:::\n\n## Inner\n\n[c](c.md)\n\n::: before-next\n- [ ] [d](d.md)\n:::\n";
    let o = outline(body);
    let ids: Vec<&str> = o.headings.iter().map(|h| h.id.as_str()).collect();
    assert_eq!(
        ids,
        [
            "top",
            "top-1",
            "inner",
            "inner-1",
            "before-the-next-meeting"
        ]
    );
    let links: Vec<&str> = o.links.iter().map(|l| l.dest.as_str()).collect();
    assert_eq!(links, ["a.md", "b.md", "c.md", "d.md"]);
    for l in &o.links {
        assert_eq!(
            &body[l.range.clone()],
            format!("[{}]({})", &l.dest[..1], l.dest)
        );
    }
    let html = web(body);
    assert!(html.contains("<h3 id=\"top-1\">Top</h3>"), "{html}");
    assert!(html.contains("<h2 id=\"inner\">Inner</h2>"), "{html}");
    assert!(html.contains("<h2 id=\"inner-1\">Inner</h2>"), "{html}");
    assert!(o.anchors().contains("before-the-next-meeting"));
}

#[test]
fn explicit_ids_are_anchors_and_repeats_are_caught() {
    let body = "## Goal {#goal}\n\n::: note {id=goal}\nx\n:::\n\n::: example {id=ex}\ny\n:::\n";
    let o = outline(body);
    assert_eq!(o.duplicate_ids.len(), 1);
    assert!(o.anchors().contains("ex"));
    assert!(
        web(body)
            .contains("<aside class=\"directive example\" data-directive=\"example\" id=\"ex\">")
    );
}

#[test]
fn references_and_footnotes_work_across_blocks() {
    let body = "::: note\nSee [the site][home] and this[^1].\n:::\n\n[home]: https://example.org\n[^1]: Footnote text.\n";
    let html = web(body);
    assert!(
        html.contains("<a href=\"https://example.org\">the site</a>"),
        "{html}"
    );
    assert!(html.contains("footnote-reference"), "{html}");
    assert_eq!(html.matches("Footnote text.").count(), 1, "{html}");
    assert!(!html.contains("[^1]"), "{html}");
}

#[test]
fn deep_nesting_is_reported_not_a_crash() {
    let depth = 40;
    let mut body = String::new();
    for i in 0..depth {
        body.push_str(&":".repeat(3 + depth - i));
        body.push_str(" note\n");
    }
    body.push_str("core\n");
    for i in (0..depth).rev() {
        body.push_str(&":".repeat(3 + depth - i));
        body.push('\n');
    }
    let o = outline(&body);
    assert!(
        errors(&o).iter().any(|m| m.contains("nested more than")),
        "{:?}",
        o.problems
    );
    assert!(web(&body).contains("core"));
}

#[test]
fn odd_input_never_panics() {
    let pieces = [
        ":::",
        "::: note",
        ":::: x {",
        "```",
        "~~~",
        "    ",
        "\t",
        "- ",
        "> ",
        "1. ",
        "é",
        "\r\n",
        "\n",
        "{id=",
        "\"",
        "<!--ck:0-->",
        "[^a]",
        "[a]: /x",
        "```worksheet",
        "- text: A",
        "|a|\n|-|",
        "# h",
        "\\:::",
        "::: before-next",
        "- [ ] t",
    ];
    let mut seed: u64 = 7;
    for _ in 0..600 {
        let mut body = String::new();
        for _ in 0..12 {
            seed = seed
                .wrapping_mul(6364136223846793005)
                .wrapping_add(1442695040888963407);
            body.push_str(pieces[(seed >> 33) as usize % pieces.len()]);
            if seed & 1 == 0 {
                body.push('\n');
            }
        }
        let o = outline(&body);
        for p in &o.problems {
            assert!(
                p.range.end <= body.len() && p.range.start <= p.range.end,
                "{body:?} {p:?}"
            );
        }
        for ed in [Edition::Web, Edition::Member, Edition::Moderator] {
            let _ = render(
                &Document::parse(&body),
                &o,
                &RenderOptions::new(ed, &|_| None),
            );
        }
    }
}

#[test]
fn suggests_near_names_only() {
    use super::kind::suggest;
    assert_eq!(suggest("excercise"), Some("exercise"));
    assert_eq!(suggest("Note"), Some("note"));
    assert_eq!(suggest("before_next"), Some("before-next"));
    assert_eq!(suggest("moderator-notes"), None);
    assert_eq!(suggest("warning"), None);
}
