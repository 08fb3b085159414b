//! A site: configuration plus every language's library, and how links between them resolve.

mod links;
mod load;

pub use links::LinkProblem;
pub(crate) use load::list_files;
pub use load::{Site, SiteOptions};
