//! The UI strings of a new program's language: whether the theme has them built in, and the
//! English ones as a file to translate when it does not.

/// Whether the built-in theme has UI strings (menus, buttons) in `lang`.
pub fn has_ui_strings(lang: &str) -> bool {
    crate::render::strings::builtin_for(lang).is_some()
}

/// The English UI strings as a file for `lang`, to translate: what a new program in a
/// language without built-in strings gets, so its pages have every string from the start.
pub fn ui_strings_to_translate(lang: &str) -> String {
    let english = crate::render::strings::BUILTIN
        .iter()
        .find(|(code, _)| *code == "en")
        .map_or("", |(_, text)| *text);
    let mut out = format!(
        "# UI strings for `{lang}`, copied from English by `circlekit init`: translate the values.\n"
    );
    let categories = crate::plural::categories(lang);
    for line in english.lines().filter(|l| !l.starts_with('#')) {
        let counted = crate::plural::COUNTED
            .iter()
            .find(|c| line.starts_with(&format!("{c}.")));
        if line.starts_with("language_name") {
            out.push_str(&format!("language_name = \"{lang}\"\n"));
        } else if let Some(c) = counted {
            // One line per plural category of the language, from the English `other`.
            if let Some(text) = line.strip_prefix(&format!("{c}.other = ")) {
                for cat in &categories {
                    out.push_str(&format!("{c}.{cat} = {text}\n"));
                }
            }
        } else {
            out.push_str(line);
            out.push('\n');
        }
    }
    out
}
