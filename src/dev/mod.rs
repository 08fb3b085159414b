//! The authoring loop: rebuild on every change, served from memory (`serve`) or written to
//! the output folder (`watch`).
//!
//! `serve` keeps the last good site as one immutable [`Snapshot`] behind a single pointer
//! and swaps in the next one; a failed build keeps the files and adds its diagnostics,
//! which every page then shows as an overlay (as it shows a good build's warnings).

mod changes;
mod dev_site;
pub mod http;
pub mod livereload;
pub mod overlay;
mod pdf_work;
pub mod rebuild;
pub mod server;
pub mod session;
mod store;
pub mod tiny_http;
mod typesetter;
pub mod watch;

pub use dev_site::{DevSite, Files, Snapshot};
pub use pdf_work::{PdfDone, PdfWork};
pub use rebuild::{Rebuilder, Rendered};
