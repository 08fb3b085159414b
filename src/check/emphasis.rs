//! The gender star (`Lehrer*innen`): an asterisk between letters that Markdown reads as the
//! start of emphasis, so half a sentence comes out in italics.

use pulldown_cmark::{Event, Parser, Tag};

use crate::content::Page;
use crate::diagnostic::{Diagnostic, Diagnostics};
use crate::markdown;

/// Warns about every `*` between two letters that opens emphasis in the page's body.
pub(super) fn check_stars(page: &Page, diags: &mut Diagnostics) {
    let body = page.body();
    // Most pages have no star between letters: don't parse them again.
    if !body
        .match_indices('*')
        .any(|(i, _)| between_letters(body, i))
    {
        return;
    }
    for (event, range) in Parser::new_ext(body, markdown::options()).into_offset_iter() {
        let Event::Start(Tag::Emphasis | Tag::Strong) = event else {
            continue;
        };
        if !between_letters(body, range.start) {
            continue;
        }
        let word = word_around(body, range.start);
        let escaped = word.replacen('*', "\\*", 1);
        let start = page.body_offset + range.start;
        diags.push(
            Diagnostic::warning(
                &page.source.path,
                format!(
                    "the `*` in `{word}` starts emphasis: the text up to the next `*` comes out in italics"
                ),
            )
            .at_span(&page.source.text, start..start + 1)
            .help(format!(
                "write `\\*` to show a star: `{escaped}`"
            )),
        );
    }
}

/// Whether `text[i]` is a `*` with a letter right before and right after it.
fn between_letters(text: &str, i: usize) -> bool {
    if text.as_bytes().get(i) != Some(&b'*') {
        return false;
    }
    let before = text[..i].chars().next_back();
    let after = text[i + 1..].chars().next();
    before.is_some_and(char::is_alphabetic) && after.is_some_and(char::is_alphabetic)
}

/// The word around the `*` at `i`: `Lehrer*innen`.
fn word_around(text: &str, i: usize) -> &str {
    let start = text[..i]
        .char_indices()
        .rev()
        .take_while(|(_, c)| c.is_alphabetic())
        .last()
        .map_or(i, |(j, _)| j);
    let end = text[i + 1..]
        .char_indices()
        .find(|(_, c)| !c.is_alphabetic())
        .map_or(text.len(), |(j, _)| i + 1 + j);
    &text[start..end]
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_the_word_around_a_star() {
        let text = "keine Lehrer*innen und";
        let i = text.find('*').unwrap_or(0);
        assert!(between_letters(text, i));
        assert_eq!(word_around(text, i), "Lehrer*innen");
        assert!(!between_letters("a * b", 2));
    }
}
