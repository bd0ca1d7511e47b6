//! Where the loader reads files from: the site folder, with one file
//! changed by an overlay (the preview's forms try a save by loading the
//! site as the save would leave it) or none.

use std::path::Path;

use super::{decode, list_files, read_text};
use crate::diag::Diagnostics;

/// One file of the site as it would be after a change not yet written:
/// its new bytes, or `None` for a file removed. The preview's forms load
/// the site through it to refuse a save that the build would refuse.
#[derive(Debug, Clone)]
pub struct Overlay {
    /// The file, relative to the site.
    pub rel: String,
    /// Its bytes after the change; `None` when it goes.
    pub bytes: Option<Vec<u8>>,
}

impl Overlay {
    /// The text of `rel`: from the overlay when it is the file changed.
    pub(super) fn read(
        this: Option<&Overlay>,
        root: &Path,
        rel: &str,
        d: &mut Diagnostics,
    ) -> Option<String> {
        match this {
            Some(o) if o.rel == rel => decode(o.bytes.as_deref()?, rel, d),
            _ => read_text(root, rel, d),
        }
    }

    /// `files` (sorted, under `dir`, ending in one of `exts`) with the
    /// changed file added or removed.
    pub(super) fn list(
        this: Option<&Overlay>,
        mut files: Vec<String>,
        dir: &str,
        exts: &[&str],
    ) -> Vec<String> {
        let Some(o) = this else { return files };
        if !o.rel.starts_with(&format!("{dir}/")) || !exts.iter().any(|e| o.rel.ends_with(e)) {
            return files;
        }
        match (files.binary_search(&o.rel), &o.bytes) {
            (Err(at), Some(_)) => files.insert(at, o.rel.clone()),
            (Ok(at), None) => {
                files.remove(at);
            }
            _ => {}
        }
        files
    }
}

/// Where files are read from: the site folder, with one file changed by
/// an overlay (the preview's forms) or none.
#[derive(Clone, Copy)]
pub(super) struct Source<'a> {
    pub(super) root: &'a Path,
    pub(super) overlay: Option<&'a Overlay>,
}

impl Source<'_> {
    /// Whether `rel` is there: on disk, or added by the overlay (and not
    /// removed by it).
    pub(super) fn has(&self, rel: &str) -> bool {
        match self.overlay {
            Some(o) if o.rel == rel => o.bytes.is_some(),
            _ => self.root.join(rel).is_file(),
        }
    }

    /// The text of `rel`, from the overlay when it is the file changed.
    pub(super) fn read(&self, rel: &str, d: &mut Diagnostics) -> Option<String> {
        Overlay::read(self.overlay, self.root, rel, d)
    }

    /// The files under `dir` ending in one of `exts`, with the overlay's.
    pub(super) fn list(&self, dir: &str, exts: &[&str], d: &mut Diagnostics) -> Vec<String> {
        Overlay::list(self.overlay, list_files(self.root, dir, exts, d), dir, exts)
    }
}
