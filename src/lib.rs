//! circlekit: a static site generator for circle programs — week guides, FAQ, worksheets, kits.
//!
//! The pipeline: [`config`] → [`content`] → [`check`] → [`render`] (in memory) → [`output`],
//! driven by [`build`].
//!
//! Loading keeps of each page what the whole site needs (front matter, and the body's
//! [`markdown::Outline`]: headings, ids, links, blocks, worksheets). Rendering parses each
//! body once into a [`markdown::Document`], which the page, its meeting view, its printed
//! guides, its PDFs and the search index all walk. A page that several of these read (a
//! week guide, a kit, the FAQ: [`content::PageKind::read_by_many`]) is parsed once, at
//! load, and its document kept.
#![warn(missing_docs)]
#![allow(
    clippy::result_large_err,
    reason = "a Diagnostic is the author-facing error; it travels only on the failure path, where its size costs nothing"
)]

pub mod build;
pub mod cache;
pub mod check;
pub mod config;
pub mod content;
pub mod dev;
pub mod diagnostic;
mod free;
#[doc(hidden)]
pub mod fuzzing;
pub mod markdown;
pub mod output;
pub mod plural;
pub mod render;
pub mod report;
pub mod scaffold;
pub mod schema;
pub mod site;
pub mod stable_hash;
pub mod starter;

pub use build::{BuildOptions, Outcome};
pub use diagnostic::{Diagnostic, Diagnostics, Severity};
pub use site::{Site, SiteOptions};
