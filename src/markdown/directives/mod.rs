//! Directive blocks: `::: name Title {key=value}` … `:::`, their names, attributes and HTML.

pub(crate) mod fence;
pub(crate) mod html;
mod kind;
pub(crate) mod scan;

pub use kind::DirectiveKind;
pub use scan::Block;

use std::ops::Range;

use serde::Serialize;

/// A directive block found on a page, for checks and templates.
#[derive(Debug, Clone, Serialize, Hash)]
pub struct Directive {
    /// The name as written.
    pub name: String,
    /// The kind, when the name is known.
    pub kind: Option<DirectiveKind>,
    /// The title written after the name, if any.
    pub title: Option<String>,
    /// Every `key=value` attribute, as written.
    pub attrs: Vec<(String, String)>,
    /// `minutes` of an exercise, when it is a valid positive number.
    pub minutes: Option<u32>,
    /// The block's anchor: its heading's id (exercise, before-next) or its `id` attribute.
    pub id: Option<String>,
    /// Byte range of the whole block in the body, from the opening fence to the closing one.
    #[serde(skip)]
    pub range: Range<usize>,
    /// Byte range of the opening fence line in the body.
    #[serde(skip)]
    pub open: Range<usize>,
    /// True when there is nothing but blank lines between the fences.
    pub empty: bool,
    /// False when the block has no closing fence.
    pub closed: bool,
    /// 0 for a block at the top of the page, 1 inside another block, …
    pub depth: usize,
}

#[cfg(test)]
mod tests;
