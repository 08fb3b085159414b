//! Finding the line behind a Tera error that carries none: a circular `include` or
//! `extends` (found when templates load) and a component that calls itself.

/// Byte offset of `{% <keyword> "target" %}` (either quote) in a template's text.
pub fn tag_naming(text: &str, keyword: &str, target: &str) -> Option<usize> {
    let mut from = 0;
    while let Some(i) = text[from..].find(keyword) {
        let at = from + i;
        let rest = text[at + keyword.len()..].trim_start();
        for q in ['"', '\''] {
            if rest.strip_prefix(q).is_some_and(|r| {
                r.strip_prefix(target)
                    .is_some_and(|after| after.starts_with(q))
            }) {
                return Some(at);
            }
        }
        from = at + keyword.len();
    }
    None
}

/// A component that calls itself in its own body: its name and the byte offset of the call.
pub fn self_call(text: &str) -> Option<(String, usize)> {
    let mut from = 0;
    while let Some(i) = text[from..].find("component ") {
        let at = from + i;
        from = at + "component ".len();
        let before = text[..at].trim_end_matches([' ', '-']);
        if !before.ends_with("{%") || before.ends_with("end") {
            continue;
        }
        let name: String = text[from..]
            .trim_start()
            .chars()
            .take_while(|c| c.is_alphanumeric() || *c == '_')
            .collect();
        if name.is_empty() {
            continue;
        }
        let end = text[from..]
            .find("endcomponent")
            .map_or(text.len(), |e| from + e);
        let body = &text[from..end];
        let call = format!("<{name}");
        let mut search = 0;
        while let Some(j) = body[search..].find(&call) {
            let pos = search + j;
            let next = body[pos + call.len()..].chars().next();
            if next.is_some_and(|c| c.is_whitespace() || c == '/' || c == '>') {
                return Some((name, from + pos));
            }
            search = pos + call.len();
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_the_include_of_a_name() {
        let t = "a\n{% include \"x.html\" %}\n{% include 'y.html' %}";
        assert_eq!(tag_naming(t, "include", "y.html"), t.find("include 'y"));
        assert_eq!(tag_naming(t, "include", "z.html"), None);
    }

    #[test]
    fn finds_a_component_calling_itself() {
        let t = "{% component box(n) %}\n<b>{{<box n={n} />}}</b>\n{% endcomponent box %}\n{% component leaf() %}{{<box n=1 />}}{% endcomponent %}";
        let (name, at) = self_call(t).expect("recursive");
        assert_eq!(name, "box");
        assert_eq!(at, t.find("<box").unwrap_or(0));
        assert_eq!(
            self_call("{% component a() %}{{<b />}}{% endcomponent %}"),
            None
        );
    }
}
