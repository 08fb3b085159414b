//! What every page of a language shares: the site, its menus and UI strings, serialised once.

use tera::Value;

use super::context::{self, LanguageView, NavView};
use super::downloads::Downloads;
use super::strings::StringTable;
use super::templates::Templates;
use crate::content::Library;
use crate::markdown;
use crate::site::Site;

/// The language-wide values every page of a language shares (serialised once).
pub(super) struct Shared<'a> {
    pub(super) site: &'a Site,
    pub(super) lib: &'a Library,
    pub(super) templates: &'a Templates,
    pub(super) languages: &'a [LanguageView],
    pub(super) labels: markdown::labels::Labels,
    pub(super) site_value: Value,
    pub(super) nav_value: Value,
    pub(super) strings_value: Value,
    pub(super) nav: NavView,
    pub(super) prefix: String,
    pub(super) downloads: &'a Downloads,
    pub(super) strings: &'a StringTable,
}

impl<'a> Shared<'a> {
    /// The shared values of `lib`'s language.
    pub(super) fn new(
        site: &'a Site,
        lib: &'a Library,
        templates: &'a Templates,
        languages: &'a [LanguageView],
        downloads: &'a Downloads,
        strings: &'a StringTable,
    ) -> Shared<'a> {
        let nav = context::nav_view(site, lib, strings);
        Shared {
            site,
            lib,
            templates,
            site_value: Value::from_serializable(&context::site_view(site, &lib.lang, languages)),
            languages,
            labels: markdown::labels::Labels::from_strings(&lib.lang, &|k| strings.get(k).cloned()),
            nav_value: Value::from_serializable(&nav),
            strings_value: Value::from_serializable(strings),
            nav,
            prefix: site.lang_prefix(&lib.lang),
            downloads,
            strings,
        }
    }

    /// The same values, listing `downloads` (made while the pages that list none were
    /// rendered).
    pub(super) fn with_downloads<'b>(self, downloads: &'b Downloads) -> Shared<'b>
    where
        'a: 'b,
    {
        Shared { downloads, ..self }
    }
}
