//! The gender star (`Lehrer*innen`): an asterisk between letters that Markdown reads as the
//! start of emphasis. The outline notes where each one opens emphasis; the checks warn.

/// Whether `text[i]` is a `*` with a letter right before and right after it.
pub fn between_letters(text: &str, i: usize) -> bool {
    if text.as_bytes().get(i) != Some(&b'*') {
        return false;
    }
    let before = text[..i].chars().next_back();
    let after = text[i + 1..].chars().next();
    before.is_some_and(char::is_alphabetic) && after.is_some_and(char::is_alphabetic)
}

/// The word around the `*` at `i`: `Lehrer*innen`.
pub fn word_around(text: &str, i: usize) -> &str {
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
