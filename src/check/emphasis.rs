//! The gender star (`Lehrer*innen`): an asterisk between letters that Markdown reads as the
//! start of emphasis, so half a sentence comes out in italics.

use super::text::LazyText;
use crate::content::Page;
use crate::diagnostic::{Diagnostic, Diagnostics};
use crate::markdown::stars::{between_letters, word_around};

/// Warns about every `*` between two letters that opens emphasis in the page's body (the
/// outline noted where).
pub(super) fn check_stars(page: &Page, text: &LazyText<'_>, diags: &mut Diagnostics) {
    for &at in &page.outline().stars {
        let body = text.body();
        if !between_letters(body, at) {
            continue;
        }
        let word = word_around(body, at);
        let escaped = word.replacen('*', "\\*", 1);
        let start = page.body_offset + at;
        diags.push(
            Diagnostic::warning(
                &page.source.path,
                format!(
                    "the `*` in `{word}` starts emphasis: the text up to the next `*` comes out in italics"
                ),
            )
            .at_span(text.full(), start..start + 1)
            .help(format!(
                "write `\\*` to show a star: `{escaped}`"
            )),
        );
    }
}
