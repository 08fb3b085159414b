//! The overlay `serve` puts over its pages: the errors of a change that did not build (it
//! stays until they are fixed), or the warnings of the last good build (a reader may
//! dismiss them until they change). Styled with the theme's colours where a page has them.

use crate::diagnostic::Diagnostics;

/// The id of the overlay element (the live-reload script looks for it).
pub const ID: &str = "circlekit-overlay";

/// What every overlay shares: a card in the theme's colours, monospace diagnostics.
const BOX: &str = "z-index:2147483647;overflow:auto;margin:0;box-sizing:border-box;background:var(--card,#fff);color:var(--fg,#1f1c19);border:1px solid var(--line,#e6ded3);box-shadow:var(--shadow,0 4px 14px rgb(0 0 0/15%));font:15px/1.5 system-ui,sans-serif;text-align:start";
const PRE: &str = "margin:0;padding:0;border:0;white-space:pre-wrap;overflow-wrap:anywhere;background:none;color:inherit;font:13px/1.5 ui-monospace,SFMono-Regular,Menlo,Consolas,monospace";

/// The overlay for a page, if there is anything to show: the errors of the last build when
/// it failed (`built` says whether any build has worked yet), else its warnings.
pub fn overlay(errors: Option<&Diagnostics>, warnings: &Diagnostics, built: bool) -> String {
    match errors {
        Some(diags) => error_overlay(diags, built),
        None if warnings.is_empty() => String::new(),
        None => warning_overlay(warnings),
    }
}

/// Every diagnostic as the terminal shows it (file:line, message, snippet, help), escaped,
/// over the last good version of the page; no way to close it but to fix the errors.
fn error_overlay(diags: &Diagnostics, built: bool) -> String {
    let count = diags.errors().max(1);
    let what = if count == 1 { "error" } else { "errors" };
    let under = if built {
        "This is the last good version of the page"
    } else {
        "Nothing has built yet"
    };
    format!(
        r#"<div id="{ID}" role="alert" style="{BOX};position:fixed;inset:0;padding:1.5rem 2rem;border-top:.4rem solid #c0392b"><p style="margin:0 0 1rem;font-weight:700;color:#c0392b">The last change did not build ({count} {what}). {under}; fix the error and save, and this goes away.</p><pre style="{PRE}">{}</pre></div>"#,
        crate::markdown::escape(&diags.render())
    )
}

/// The warnings in a card at the bottom of the page, with a button that hides them until
/// the set of warnings changes (`data-dismiss` names the set).
fn warning_overlay(warnings: &Diagnostics) -> String {
    let text = warnings.render();
    let count = warnings.iter().count();
    let what = if count == 1 { "warning" } else { "warnings" };
    format!(
        r#"<div id="{ID}" role="status" data-dismiss="{key}" style="{BOX};position:fixed;inset-inline:1rem;bottom:1rem;max-width:48rem;max-height:45vh;margin-inline:auto;padding:1rem 1.25rem;border-inline-start:.4rem solid var(--warn,#8a5a00);border-radius:var(--radius,12px)"><p style="margin:0 0 .6rem;font-weight:700;color:var(--warn,#8a5a00)">The site built with {count} {what}.</p><pre style="{PRE}">{body}</pre><button type="button" data-dismiss-button style="margin-top:.8rem;font:inherit;padding:.3rem .9rem;border:1px solid var(--line,#e6ded3);border-radius:999px;background:var(--bg,#fbf8f3);color:inherit;cursor:pointer">Hide until the warnings change</button></div>"#,
        key = set_key(&text),
        body = crate::markdown::escape(&text),
    )
}

/// A short name for a set of warnings: the same warnings give the same name, also after
/// `serve` restarts.
fn set_key(text: &str) -> String {
    // FNV-1a: stable across runs and builds, unlike the standard library's hasher.
    let hash = text.bytes().fold(0xcbf2_9ce4_8422_2325_u64, |h, b| {
        (h ^ u64::from(b)).wrapping_mul(0x0100_0000_01b3)
    });
    format!("{hash:016x}")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::diagnostic::Diagnostic;

    fn set(messages: &[&str]) -> Diagnostics {
        let mut ds = Diagnostics::new();
        for m in messages {
            ds.push(Diagnostic::warning("content/en/weeks/01-a.md", *m));
        }
        ds
    }

    #[test]
    fn nothing_to_show_is_no_overlay() {
        assert_eq!(overlay(None, &Diagnostics::new(), true), "");
    }

    #[test]
    fn warnings_can_be_hidden_by_their_set_and_errors_cannot() {
        let one = overlay(None, &set(&["a <b>"]), true);
        assert!(
            one.contains("data-dismiss=\"") && one.contains("a &lt;b&gt;"),
            "{one}"
        );
        assert!(one.contains("1 warning."), "{one}");
        let again = overlay(None, &set(&["a <b>"]), true);
        let other = overlay(None, &set(&["a <b>", "c"]), true);
        let key = |s: &str| {
            s.split("data-dismiss=\"")
                .nth(1)
                .map(|k| k[..16].to_string())
        };
        assert_eq!(key(&one), key(&again));
        assert_ne!(key(&one), key(&other));
        let mut errors = set(&["w"]);
        errors.push(Diagnostic::error("book.toml", "broken"));
        let failed = overlay(Some(&errors), &Diagnostics::new(), true);
        assert!(
            failed.contains("role=\"alert\"") && failed.contains("(1 error)"),
            "{failed}"
        );
        assert!(!failed.contains("data-dismiss"), "{failed}");
    }
}
