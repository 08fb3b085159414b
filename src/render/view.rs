//! The view of a page that has no source file (program overview, kits list, 404, printable
//! pages), which pages with a source start from too.

use super::context::{self, ListItem, PageView};
use super::shared::Shared;
use super::strings;
use crate::content::PageKind;
use crate::markdown::links::relative_url;
use crate::site::Site;

/// A view for a page that has no source file (overview, kits list, 404).
pub(super) fn blank_view<'a>(
    shared: &'a Shared<'a>,
    kind: PageKind,
    title: &'a str,
    url: &'a str,
) -> PageView<'a> {
    let root = relative_url(url, "");
    let root = if root == "./" { String::new() } else { root };
    let listing = (kind == PageKind::KitsIndex).then(|| kit_listing(shared));
    let downloads = match &listing {
        // Each kit's own download is on its card; the rest is listed below the cards.
        Some(kits) => shared
            .downloads
            .for_kits(shared.site, shared.lib, shared.strings)
            .into_iter()
            .filter(|d| {
                !kits
                    .iter()
                    .flat_map(|k| &k.downloads)
                    .any(|o| o.url == d.url)
            })
            .collect(),
        None => Vec::new(),
    };
    PageView {
        kind: context::kind_name(kind),
        title,
        description: "",
        url,
        path: url.strip_prefix(shared.prefix.as_str()).unwrap_or(url),
        lang: &shared.lib.lang,
        dir: if strings::is_rtl(&shared.lib.lang) {
            "rtl"
        } else {
            "ltr"
        },
        translation: "original",
        alternates: shared.languages.iter().collect(),
        lang_root: match format!("{root}{}", shared.prefix) {
            r if r.is_empty() => "./".to_string(),
            r => r,
        },
        root,
        lang_prefix: &shared.prefix,
        canonical: canonical(shared.site, url),
        content: String::new(),
        worksheets: false,
        toc: Vec::new(),
        week: None,
        meeting: None,
        faq: None,
        listing,
        json_ld: None,
        downloads,
        inline_style: None,
    }
}

fn canonical(site: &Site, url: &str) -> Option<String> {
    let base = &site.config.book.base_url;
    (!base.is_empty()).then(|| format!("{base}{url}"))
}

fn kit_listing<'a>(shared: &'a Shared<'a>) -> Vec<ListItem<'a>> {
    shared
        .lib
        .of_kind(PageKind::Kit)
        .into_iter()
        .map(|k| ListItem {
            title: &k.title,
            description: &k.description,
            url: format!("{}{}", shared.prefix, k.url),
            downloads: shared
                .downloads
                .for_page(shared.site, shared.lib, k, shared.strings),
        })
        .collect()
}
