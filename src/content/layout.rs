//! Where a page's source file lives decides what kind of page it is and its URL.

use super::model::PageKind;

/// Decides a file's kind from its path relative to the language folder.
pub fn kind_of(rel: &str) -> PageKind {
    match rel {
        "_index.md" | "index.md" => PageKind::Home,
        "faq.md" => PageKind::Faq,
        "weeks/_index.md" => PageKind::WeeksIndex,
        "kits/_index.md" => PageKind::KitsIndex,
        r if r.starts_with("weeks/") && !r["weeks/".len()..].contains('/') => PageKind::Week,
        r if r.starts_with("kits/") && !r["kits/".len()..].contains('/') => PageKind::Kit,
        _ => PageKind::Page,
    }
}

/// The site-relative URL (a folder) of a page, from its path: each segment made URL-safe.
pub fn url_of(rel: &str, kind: PageKind) -> String {
    match kind {
        PageKind::Home => return String::new(),
        PageKind::Faq => return "faq/".into(),
        PageKind::WeeksIndex => return "weeks/".into(),
        PageKind::KitsIndex => return "kits/".into(),
        _ => {}
    }
    let stem = rel.strip_suffix(".md").unwrap_or(rel);
    let stem = stem
        .strip_suffix("/_index")
        .or_else(|| stem.strip_suffix("/index"))
        .unwrap_or(stem);
    let mut url = String::new();
    for seg in stem.split('/') {
        let s = slug::slugify(seg);
        url.push_str(if s.is_empty() { "page" } else { &s });
        url.push('/');
    }
    url
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn kinds_and_urls_follow_the_layout() {
        assert_eq!(kind_of("weeks/01-a.md"), PageKind::Week);
        assert_eq!(kind_of("weeks/extra/x.md"), PageKind::Page);
        assert_eq!(url_of("weeks/01-A b.md", PageKind::Week), "weeks/01-a-b/");
        assert_eq!(
            url_of("guides/moderator/index.md", PageKind::Page),
            "guides/moderator/"
        );
        assert_eq!(url_of("_index.md", PageKind::Home), "");
    }
}
