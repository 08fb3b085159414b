//! How Markdown is read and rendered: the dialect's parser options, the edition, and the
//! options of one rendering.

use pulldown_cmark::Options;
use serde::Serialize;

use super::labels;

/// The one place where circlekit's Markdown dialect is set: CommonMark plus tables,
/// footnotes, strikethrough, task lists, GitHub alerts and `{#id}` heading attributes.
/// Directive blocks and worksheets are added on top by this module, not by options.
pub fn options() -> Options {
    Options::ENABLE_TABLES
        | Options::ENABLE_FOOTNOTES
        | Options::ENABLE_STRIKETHROUGH
        | Options::ENABLE_TASKLISTS
        | Options::ENABLE_GFM
        | Options::ENABLE_HEADING_ATTRIBUTES
}

/// Which version of a page to render.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Edition {
    /// The website: fillable worksheets, moderator notes in a closed `<details>`.
    #[default]
    Web,
    /// The printed member guide: blank worksheets, no moderator notes.
    Member,
    /// The printed moderator guide: blank worksheets, moderator notes in a box.
    Moderator,
}

impl Edition {
    /// True for the printed editions.
    pub fn is_print(self) -> bool {
        self != Edition::Web
    }
}

/// How to render a body.
pub struct RenderOptions<'a> {
    /// Which edition.
    pub edition: Edition,
    /// Rewrites a link destination; `None` keeps it as written.
    pub rewrite: &'a dyn Fn(&str) -> Option<String>,
    /// The words circlekit adds (block headings, buttons), in the page's language.
    pub labels: &'a labels::Labels,
    /// For a translation: its own ids → the ids of the original they stand for, written as
    /// `data-source-id` so the language switcher can keep the reader's place. Default: none.
    pub source_ids: &'a [(&'a str, &'a str)],
    /// True for a destination that leads nowhere: its link is shown as plain text (an
    /// image as its description), never as a broken `href`. Default: none.
    pub unlink: &'a dyn Fn(&str) -> bool,
    /// Headings that open a `<section>` (an FAQ's categories and questions). Default: none.
    pub sections: &'a [SectionStart],
    /// How many levels every Markdown heading moves down (an FAQ's `#` is an `<h2>` under
    /// the page's title). Default: 0.
    pub shift_headings: u8,
}

/// A top-level heading that opens a `<section>`: it closes the open sections at its depth
/// or deeper first, and the last ones close at the end of the body.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct SectionStart {
    /// The heading's index among the outline's headings.
    pub heading: usize,
    /// 0 for an outer section, 1 for one inside it, …
    pub depth: usize,
    /// The section's attributes, as HTML (`data-faq-question`).
    pub attrs: &'static str,
}

/// The default for [`RenderOptions::unlink`]: every link is kept.
fn keep_every_link(_: &str) -> bool {
    false
}

impl std::fmt::Debug for RenderOptions<'_> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("RenderOptions")
            .field("edition", &self.edition)
            .finish_non_exhaustive()
    }
}

impl<'a> RenderOptions<'a> {
    /// Options for `edition` with link rewriting.
    pub fn new(edition: Edition, rewrite: &'a dyn Fn(&str) -> Option<String>) -> Self {
        RenderOptions {
            edition,
            rewrite,
            labels: &labels::ENGLISH,
            source_ids: &[],
            unlink: &keep_every_link,
            sections: &[],
            shift_headings: 0,
        }
    }

    /// The same options with headings that open sections, every heading moved `shift`
    /// levels down.
    pub fn with_sections(self, sections: &'a [SectionStart], shift: u8) -> Self {
        RenderOptions {
            sections,
            shift_headings: shift,
            ..self
        }
    }

    /// The same options with links to `unlink`'s destinations shown as plain text.
    pub fn with_unlink(self, unlink: &'a dyn Fn(&str) -> bool) -> Self {
        RenderOptions { unlink, ..self }
    }

    /// The same options for a translation whose ids stand for `source_ids`' (own id,
    /// source id) pairs.
    pub fn with_source_ids(self, source_ids: &'a [(&'a str, &'a str)]) -> Self {
        RenderOptions { source_ids, ..self }
    }

    /// The same options with the words of another language.
    pub fn with_labels(self, labels: &'a labels::Labels) -> Self {
        RenderOptions { labels, ..self }
    }
}
