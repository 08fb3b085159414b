//! The files a render can leave to its caller, to be written once the pages are shown
//! (`serve`): the search index, then the offline lists and the service worker, which are
//! named after every other file. An edit's pages then reach the browser without waiting
//! for an index made of every page of the site.

use std::collections::BTreeMap;

use super::files::copy_theme_and_assets;
use super::offline::{self, Recorded, Recorder};
use super::search::{Counted, Indexing};
use super::written::{Written, failed, single};
use crate::diagnostic::Diagnostics;
use crate::output::{SharedBytes, Sink};
use crate::site::Site;

/// Writes the files that come last: the theme and the assets, then the search index (of
/// `index`) and the offline lists, or, when `leave`, returns these two to write later.
/// `meanwhile` runs beside the index's writing: its counting of words has every core to
/// itself, and the writing (partly on one thread) leaves room for it.
pub(super) fn last_files(
    site: &Site,
    recorder: &Recorder<'_>,
    index: Option<&Indexing<'_>>,
    leave: bool,
    written: &Written,
    meanwhile: &(dyn Fn() + Sync),
) -> Result<Option<Later>, Diagnostics> {
    written.files(copy_theme_and_assets(site, recorder).map_err(single)?);
    if leave {
        let prefixes = site.lang_prefixes();
        let (counted, ()) = rayon::join(|| index.map(Indexing::count), meanwhile);
        let later = Later::new(counted, recorder.files(), prefixes);
        written.files(later.paths().len());
        return Ok(Some(later));
    }
    let offline = || offline::finish(site, recorder).map_err(single);
    let offline = match index {
        Some(index) => {
            let counted = index.count();
            let (stats, ()) = rayon::join(|| counted.write(recorder), meanwhile);
            written.files(stats.map_err(|e| failed(&e))?.len());
            offline()
        }
        // The index was written already (while the PDFs were typeset).
        None => rayon::join(offline, meanwhile).0,
    };
    written.files(offline?);
    Ok(None)
}

/// What a render left to write (see [`super::RenderOptions::index_later`]).
#[derive(Debug)]
pub struct Later {
    index: Option<Counted>,
    /// Every file the render wrote, for the offline cache's name.
    recorded: BTreeMap<String, Recorded>,
    /// The language prefixes.
    prefixes: Vec<String>,
}

impl Later {
    fn new(
        index: Option<Counted>,
        recorded: BTreeMap<String, Recorded>,
        prefixes: Vec<String>,
    ) -> Later {
        Later {
            index,
            recorded,
            prefixes,
        }
    }

    /// The paths it will write: the index scripts, the offline lists, the service worker.
    pub fn paths(&self) -> Vec<String> {
        let mut paths = self.index_paths();
        paths.extend(
            self.prefixes
                .iter()
                .map(|p| format!("{p}{}", offline::LIST_NAME)),
        );
        paths.push(offline::SW_PATH.to_string());
        paths
    }

    /// The index scripts' paths.
    pub fn index_paths(&self) -> Vec<String> {
        self.index.as_ref().map(Counted::paths).unwrap_or_default()
    }

    /// Writes its files into `sink`. `scripts`, when given, are the index scripts, as an
    /// earlier render of the same pages wrote them: they are written as they are.
    pub fn write(
        self,
        sink: &dyn Sink,
        scripts: Option<&[(String, SharedBytes)]>,
    ) -> Result<(), Diagnostics> {
        let index_paths = self.index_paths();
        let recorder = Recorder::seeded(sink, self.recorded);
        match (self.index, scripts) {
            (Some(_), Some(scripts)) if index_paths.iter().eq(scripts.iter().map(|(p, _)| p)) => {
                for (path, bytes) in scripts {
                    recorder.write_shared(path, bytes).map_err(|e| failed(&e))?;
                }
            }
            (Some(index), _) => {
                index.write(&recorder).map_err(|e| failed(&e))?;
            }
            (None, _) => {}
        }
        offline::finish_for(&self.prefixes, &recorder).map_err(single)?;
        Ok(())
    }
}
