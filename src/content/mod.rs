//! The content model: each language's pages, loaded and parsed into a `Library`.

pub mod boundary;
pub mod dates;
pub mod faq;
pub mod front_matter;
pub mod i18n;
mod layout;
mod load;
mod memo;
mod model;
pub mod outline_slot;
pub mod source;
pub mod source_file;
mod stamp;

pub use layout::{kind_of, url_of};
pub use load::{LoadOptions, load_library, load_walked};
pub use memo::SourceMemo;
pub use model::{
    AgendaItem, Library, PAGE_KEYS, Page, PageKind, PageMeta, PageText, SkipReason, Skipped,
    Translation, WEEK_KEYS, Week, WeekMeta,
};
pub use source::{StaticFile, Walked, walk_language};
pub use source_file::SourceFile;
