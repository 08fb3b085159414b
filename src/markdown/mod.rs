//! Markdown in one place: the options, a first pass that finds headings, links, directive
//! blocks and worksheets, and rendering per edition.

pub mod anchors;
pub mod directives;
mod doc;
mod document;
mod escape;
mod html_links;
pub mod labels;
pub mod links;
mod options;
mod outline;
mod outline_model;
mod render;
pub mod rounds;
mod search_text;
pub mod stars;
mod tasks;
mod walk;
pub mod worksheet;

pub use anchors::{AnchorSet, github_id};
pub use directives::{Block, Directive, DirectiveKind};
pub use document::Document;
pub use escape::escape;
pub use links::{LinkTarget, classify_link};
pub use options::{Edition, RenderOptions, SectionStart, options};
pub use outline::{Heading, Link, Outline, Problem, outline, outline_of};
pub use render::{render, render_steps};
pub use rounds::Round;
pub use search_text::{TextSection, for_each_section, search_sections};
pub use tasks::Task;
pub use walk::{Step, WorksheetSource};
pub use worksheet::{Field, Worksheet};

#[cfg(test)]
mod tests;
