//! Tests across the Markdown passes: plain CommonMark stays byte-identical, editions,
//! worksheets in pages.

use pulldown_cmark::{CowStr, Event, Parser, Tag, html};

use super::*;
use crate::diagnostic::line_col;

fn with(body: &str, edition: Edition) -> String {
    render(
        &Document::parse(body),
        &outline(body),
        &RenderOptions::new(edition, &|_| None),
    )
}

/// Plain pulldown-cmark with our options, headings given the outline's ids (what `render`
/// did before directives existed).
fn reference(body: &str) -> String {
    let o = outline(body);
    let mut n = 0;
    let events = Parser::new_ext(body, options()).map(|e| match e {
        Event::Start(Tag::Heading {
            level,
            classes,
            attrs,
            ..
        }) => {
            let id = o.headings.get(n).map(|h| CowStr::from(h.id.clone()));
            n += 1;
            Event::Start(Tag::Heading {
                level,
                id,
                classes,
                attrs,
            })
        }
        e => e,
    });
    let mut out = String::new();
    html::push_html(&mut out, events);
    out
}

const BLOCKS: &[&str] = &[
    "Plain paragraph with *emphasis*, **strong**, `code` and ~~strike~~.",
    "A paragraph that mentions ::: in the middle of a line.",
    "\\::: escaped colons",
    ":: two colons only",
    "```\n::: note\n:::\n```",
    "~~~text\n::: exercise X {minutes=5}\n~~~",
    "    ::: indented code\n    :::",
    "- one\n- two\n  - nested\n- [ ] task\n- [x] done",
    "1. first\n\n   ```\n   :::\n   ```\n2. second",
    "| a | b |\n|---|:-:|\n| 1 | 2 |\n| ::: | x |",
    "> quote\n> ::: not a block in a quote",
    "> [!WARNING]\n> Careful.",
    "Text with a footnote[^f].\n\n[^f]: The note.",
    "A [reference link][r].\n\n[r]: https://example.org \"Title\"",
    "<div class=\"raw\">\n\n*inside*\n\n</div>",
    "<!-- a comment -->",
    "Setext heading\n==============",
    "## ATX heading {#custom}",
    "# Repeated\n\n# Repeated",
    "***",
    "Line one  \nhard break and <span>inline html</span>.",
    "![image](pic.png \"t\") and <https://autolink.example>",
    "```worksheetish\nnot: a worksheet\n```",
    "Hello\n---",
];

#[test]
fn markdown_without_directives_renders_byte_identically() {
    let mut docs: Vec<String> = BLOCKS.iter().map(|b| b.to_string()).collect();
    let mut seed: u64 = 42;
    for _ in 0..400 {
        let mut doc = String::new();
        for _ in 0..4 {
            seed = seed
                .wrapping_mul(6364136223846793005)
                .wrapping_add(1442695040888963407);
            doc.push_str(BLOCKS[(seed >> 33) as usize % BLOCKS.len()]);
            doc.push_str(if seed & 2 == 0 { "\n\n" } else { "\n\n\n" });
        }
        docs.push(doc);
    }
    let mut tested = 0;
    for doc in &docs {
        let o = outline(doc);
        // Indented `:::` lines after a list item belong to the item and are real fences.
        if !o.directives.is_empty() {
            continue;
        }
        tested += 1;
        assert_eq!(with(doc, Edition::Web), reference(doc), "{doc:?}");
        assert_eq!(with(doc, Edition::Member), reference(doc), "{doc:?}");
        if o.headings.is_empty() {
            let mut plain = String::new();
            html::push_html(&mut plain, Parser::new_ext(doc, options()));
            assert_eq!(with(doc, Edition::Web), plain, "{doc:?}");
        }
    }
    assert!(tested > 300, "only {tested} documents without directives");
}

const WEEK: &str = "## Plan\n\n::: exercise Warm-up {minutes=10}\nTalk.\n\n::: moderator\nKeep it short. SECRET\n\n## Hidden heading\n:::\n:::\n\n## After\n";

#[test]
fn member_edition_leaves_moderator_notes_out() {
    let html = with(WEEK, Edition::Member);
    assert!(!html.contains("SECRET"), "{html}");
    assert!(!html.contains("Moderator notes"), "{html}");
    assert!(!html.contains("Hidden heading"), "{html}");
    // Ids after the left-out block are the same as on the web.
    assert!(html.contains("<h2 id=\"after\">After</h2>"), "{html}");
    assert!(html.contains("<h3 id=\"warm-up\">Warm-up</h3>"), "{html}");
}

#[test]
fn moderator_edition_shows_notes_in_a_box() {
    let html = with(WEEK, Edition::Moderator);
    assert!(html.contains("<aside class=\"directive moderator\" data-directive=\"moderator\">\n<p class=\"directive-title\">Moderator notes</p>\n<p>Keep it short. SECRET</p>"), "{html}");
    assert!(
        html.contains("<h2 id=\"hidden-heading\">Hidden heading</h2>"),
        "{html}"
    );
}

#[test]
fn web_edition_puts_moderator_notes_in_details() {
    let html = with(WEEK, Edition::Web);
    assert!(html.contains("<details class=\"directive moderator\" data-directive=\"moderator\">\n<summary>Moderator notes</summary>\n<p>Keep it short. SECRET</p>"), "{html}");
    assert!(
        html.contains("</details>\n</section>\n<h2 id=\"after\">"),
        "{html}"
    );
    assert!(
        html.contains("<span class=\"minutes-badge\">10 minutes</span>"),
        "{html}"
    );
}

const SHEET: &str = "Fill this in.\n\n```worksheet\n- text: My goal in one sentence\n  lines: 2\n- table: People related to my goal\n  columns: [Name, How they relate]\n  rows: 2\n- checklist: Before the next meeting\n  items: [Share my goal]\n- scale: How confident do I feel?\n  max: 5\n  low: Not at all\n  high: Very\n- date: Date we started\n```\n";

#[test]
fn worksheets_are_forms_on_the_web() {
    let html = with(SHEET, Edition::Web);
    for part in [
        "<form class=\"worksheet\" id=\"worksheet-1\" data-worksheet=\"worksheet-1\" method=\"dialog\">",
        "<label for=\"worksheet-1-f1\">My goal in one sentence</label>\n<textarea id=\"worksheet-1-f1\" name=\"worksheet-1-f1\" rows=\"2\"></textarea>",
        "<caption>People related to my goal</caption>",
        "<th scope=\"col\">How they relate</th>",
        "<input type=\"text\" name=\"worksheet-1-f2-r2-c2\" aria-label=\"How they relate, row 2\">",
        "<input type=\"checkbox\" id=\"worksheet-1-f3-i1\" name=\"worksheet-1-f3-i1\"> <label for=\"worksheet-1-f3-i1\">Share my goal</label>",
        "<legend>How confident do I feel?</legend>",
        "<input type=\"radio\" id=\"worksheet-1-f4-v5\" name=\"worksheet-1-f4\" value=\"5\"> <span class=\"ws-scale-value\">5</span> <span class=\"ws-scale-end ws-scale-high\">Very</span>",
        "<input type=\"date\" id=\"worksheet-1-f5\" name=\"worksheet-1-f5\">",
        "<button type=\"button\" class=\"ws-clear\" data-ws-clear>Clear my answers</button>",
    ] {
        assert!(html.contains(part), "missing {part}\n{html}");
    }
    assert!(outline(SHEET).anchors().contains("worksheet-1"));
}

#[test]
fn worksheets_are_blank_in_print() {
    let html = with(SHEET, Edition::Member);
    assert!(!html.contains("<input"), "{html}");
    assert!(!html.contains("<textarea"), "{html}");
    assert!(!html.contains("<form"), "{html}");
    assert_eq!(
        html.matches("<div class=\"ws-line\"></div>").count(),
        2,
        "{html}"
    );
    assert_eq!(
        html.matches("<tr><td></td><td></td></tr>").count(),
        2,
        "{html}"
    );
    assert!(html.contains("<span class=\"ws-box\" aria-hidden=\"true\"></span> Share my goal"));
    assert_eq!(
        html.matches("<span class=\"ws-circle\">").count(),
        5,
        "{html}"
    );
    assert!(
        html.contains("<div class=\"ws-line ws-date-line\"></div>"),
        "{html}"
    );
}

#[test]
fn worksheet_yaml_errors_point_at_the_file_line() {
    let text = "---\ntitle: Kit\n---\n\nIntro.\n\n- In a list:\n\n  ```worksheet\n  - text: A\n  - table: B\n    colums: [X]\n  ```\n";
    let body_offset = "---\ntitle: Kit\n---\n".len();
    let o = outline(&text[body_offset..]);
    assert_eq!(o.problems.len(), 1, "{:?}", o.problems);
    let p = &o.problems[0];
    assert!(p.message.contains("unknown key `colums`"), "{p:?}");
    let (line, _) = line_col(text, p.range.start + body_offset);
    assert_eq!(line, 12, "{p:?}");
    assert!(!o.worksheets[0].valid);
    // A broken worksheet is shown as code, not dropped.
    assert!(with(&text[body_offset..], Edition::Web).contains("language-worksheet"));
}

#[test]
fn worksheet_ids_can_be_given_and_must_be_unique() {
    let body = "```worksheet {id=goal}\n- date: Start\n```\n\n```worksheet {id=goal}\n- date: End\n```\n\n```worksheet\n- date: X\n```\n\n```worksheet {colour=red}\n- date: Y\n```\n";
    let o = outline(body);
    let ids: Vec<&str> = o.worksheets.iter().map(|w| w.id.as_str()).collect();
    assert_eq!(ids, ["goal", "goal", "worksheet-3", "worksheet-4"]);
    assert_eq!(o.duplicate_ids.len(), 1);
    assert_eq!(o.problems.len(), 1, "{:?}", o.problems);
}

#[test]
fn before_next_tasks_are_real_checkboxes_on_the_web_and_boxes_in_print() {
    let body = "::: before-next\n- [ ] Share your goal\n- [x] Read [week 2](02.md)\n:::\n\n- [ ] elsewhere\n";
    let web = with(body, Edition::Web);
    assert!(web.contains("<section class=\"directive before-next\" data-directive=\"before-next\" aria-labelledby=\"before-the-next-meeting\" data-worksheet=\"before-the-next-meeting\">"), "{web}");
    assert!(web.contains("<li><input type=\"checkbox\" class=\"task\" id=\"before-the-next-meeting-i2\" name=\"before-the-next-meeting-i2\" checked> <label for=\"before-the-next-meeting-i2\">Read <a href=\"02.md\">week 2</a></label></li>"), "{web}");
    assert!(
        web.contains("<li><input disabled=\"\" type=\"checkbox\"/>\nelsewhere</li>"),
        "{web}"
    );
    let print = with(body, Edition::Member);
    assert!(
        print.contains(
            "<li><span class=\"ws-box\" aria-hidden=\"true\"></span>\nShare your goal</li>"
        ),
        "{print}"
    );
    assert!(!print.contains("data-worksheet"), "{print}");
}

#[test]
fn headings_get_github_ids_with_repeats_numbered() {
    let o = outline("# Hello, World!\n\n## Hello, World!\n\n## Café au lait {#cafe}\n");
    let ids: Vec<_> = o.headings.iter().map(|h| h.id.as_str()).collect();
    assert_eq!(ids, ["hello-world", "hello-world-1", "cafe"]);
}

#[test]
fn render_applies_ids_and_rewrites_links() {
    let body = "## Next steps\n\nSee [week 2](02-b.md#x) and [web](https://example.org).\n";
    let o = outline(body);
    let rewrite = |d: &str| d.ends_with("#x").then(|| "../02-b/#x".to_string());
    let html = render(
        &Document::parse(body),
        &o,
        &RenderOptions::new(Edition::Web, &rewrite),
    );
    assert!(html.contains("<h2 id=\"next-steps\">"), "{html}");
    assert!(html.contains("href=\"../02-b/#x\""), "{html}");
    assert!(html.contains("href=\"https://example.org\""), "{html}");
}

#[test]
fn renders_alerts_tables_tasks_footnotes_strikethrough() {
    let body =
        "> [!TIP]\n> Breathe.\n\n|a|b|\n|-|-|\n|1|2|\n\n- [ ] todo\n\n~~old~~[^1]\n\n[^1]: note\n";
    let html = render(
        &Document::parse(body),
        &outline(body),
        &RenderOptions::new(Edition::Web, &|_| None),
    );
    assert!(html.contains("markdown-alert-tip"), "{html}");
    assert!(html.contains("<table>"), "{html}");
    assert!(html.contains("type=\"checkbox\""), "{html}");
    assert!(html.contains("<del>old</del>"), "{html}");
    assert!(html.contains("footnote"), "{html}");
}

#[test]
fn headings_can_open_sections_and_move_down_a_level() {
    let body = "## Early?\n\nYes.\n\n# Time\n\n## How long?\n\nAn hour.\n\n::: note\n## Inside\n:::\n\n## Breaks?\n\nOne.\n";
    let starts = [
        SectionStart {
            heading: 0,
            depth: 1,
            attrs: "data-q",
        },
        SectionStart {
            heading: 1,
            depth: 0,
            attrs: "data-c",
        },
        SectionStart {
            heading: 2,
            depth: 1,
            attrs: "data-q",
        },
        // Inside a block: no section may open there.
        SectionStart {
            heading: 3,
            depth: 1,
            attrs: "data-q",
        },
        SectionStart {
            heading: 4,
            depth: 1,
            attrs: "data-q",
        },
    ];
    let html = render(
        &Document::parse(body),
        &outline(body),
        &RenderOptions::new(Edition::Web, &|_| None).with_sections(&starts, 1),
    );
    let tags: Vec<&str> = html
        .split('<')
        .filter(|t| t.starts_with("section") || t.starts_with("/section") || t.starts_with('h'))
        .map(|t| t.split(['>', ' ']).next().unwrap_or(""))
        .collect();
    assert_eq!(
        tags,
        [
            "section", "h3", "/section", "section", "h2", "section", "h3", "h3", "/section",
            "section", "h3", "/section", "/section"
        ],
        "{html}"
    );
    assert!(html.contains("<h2 id=\"time\">Time</h2>"), "{html}");
}

#[test]
fn a_round_marker_is_found_in_any_text_of_a_page_and_only_where_it_is_written() {
    use super::{Document, Step};
    let rounds = |body: &str| {
        let doc = Document::parse(body);
        doc.steps()
            .iter()
            .filter(|s| matches!(s, Step::Round(..)))
            .count()
    };
    assert_eq!(
        rounds("Each shares {each=90s}.\n\nThen *we* {each=60s} rest.\n"),
        2
    );
    // A brace written as an entity is a text of its own: no marker, as it always was.
    assert_eq!(rounds("Each shares &lbrace;each=90s}.\n"), 0);
    assert_eq!(rounds("Each shares &#123;each=90s}.\n"), 0);
    assert_eq!(rounds("A list:\n\n- one {each=1m}\n- two\n"), 1);
    assert_eq!(
        rounds("No rounds here {each} or {each 90s}.\n\n`{each=90s}`\n"),
        0
    );
}
