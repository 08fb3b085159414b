//! Escaping author text for Typst: as markup (every sign that could start markup gets a
//! backslash) or as a string literal.

/// Escapes text for Typst markup: every ASCII sign that could start markup gets a
/// backslash; quotes stay, so Typst sets them as the language's typographic quotes.
pub fn escape_into(text: &str, out: &mut String) {
    for c in text.chars() {
        match c {
            '\n' | '\r' => out.push(' '),
            '\'' | '"' | ',' | ';' | '?' | '!' | '(' | ')' | '%' | '&' | '|' => out.push(c),
            c if c.is_ascii_punctuation() => {
                out.push('\\');
                out.push(c);
            }
            c => out.push(c),
        }
    }
}

/// [`escape_into`] returning a new string.
pub fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 8);
    escape_into(text, &mut out);
    out
}

/// Writes a Typst string literal holding `text` exactly.
pub fn string_into(text: &str, out: &mut String) {
    out.push('"');
    for c in text.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            c => out.push(c),
        }
    }
    out.push('"');
}

/// [`string_into`] returning a new string.
pub fn string(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 2);
    string_into(text, &mut out);
    out
}
