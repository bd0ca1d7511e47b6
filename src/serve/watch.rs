//! The preview's file watcher: site.yaml, content/ and templates/ (also
//! when templates/ is created later), debounced, with reads and metadata
//! changes left out so that a rebuild never triggers itself.

use std::path::{Path, PathBuf};
use std::sync::mpsc;
use std::time::Duration;

use notify_debouncer_full::notify::event::ModifyKind;
use notify_debouncer_full::notify::{EventKind, RecommendedWatcher, RecursiveMode};
use notify_debouncer_full::{DebounceEventResult, Debouncer, RecommendedCache, new_debouncer};

/// Watches a site; [`Watcher::changes`] gives the paths of each burst of saves.
pub struct Watcher {
    root: PathBuf,
    debouncer: Debouncer<RecommendedWatcher, RecommendedCache>,
    rx: mpsc::Receiver<Vec<PathBuf>>,
    watching_templates: bool,
}

impl Watcher {
    /// Starts watching `root`. Folders that cannot be watched are said on
    /// stderr; the watcher itself failing is an error.
    pub fn new(root: &Path) -> Result<Watcher, String> {
        let (tx, rx) = mpsc::channel::<Vec<PathBuf>>();
        let mut debouncer = new_debouncer(
            Duration::from_millis(15),
            Some(Duration::from_millis(5)),
            move |res: DebounceEventResult| {
                if let Ok(events) = res {
                    // Reading a file is an event too (inotify's open/close);
                    // only creations, changes, renames and removals count.
                    let paths: Vec<PathBuf> = events
                        .into_iter()
                        .filter(|e| {
                            e.event.kind.is_create()
                                || e.event.kind.is_modify()
                                || e.event.kind.is_remove()
                        })
                        .filter(|e| {
                            !matches!(e.event.kind, EventKind::Modify(ModifyKind::Metadata(_)))
                        })
                        .flat_map(|e| e.event.paths)
                        .collect();
                    if !paths.is_empty() {
                        let _ = tx.send(paths);
                    }
                }
            },
        )
        .map_err(|e| format!("không theo dõi được thay đổi của tệp: {e}"))?;
        let mut watching_templates = false;
        let _ = debouncer.watch(root, RecursiveMode::NonRecursive);
        for dir in ["content", "templates"] {
            let p = root.join(dir);
            if p.is_dir() {
                if let Err(e) = debouncer.watch(&p, RecursiveMode::Recursive) {
                    eprintln!("không theo dõi được {}: {e}", p.display());
                }
                watching_templates |= dir == "templates";
            }
        }
        Ok(Watcher {
            root: root.to_path_buf(),
            debouncer,
            rx,
            watching_templates,
        })
    }

    /// Waits for the next burst of changes; `None` when the watcher stopped.
    pub fn changes(&mut self) -> Option<Vec<PathBuf>> {
        let mut paths = self.rx.recv().ok()?;
        while let Ok(more) = self.rx.try_recv() {
            paths.extend(more);
        }
        // templates/ may have been created since the start.
        if !self.watching_templates && self.root.join("templates").is_dir() {
            self.watching_templates = self
                .debouncer
                .watch(self.root.join("templates"), RecursiveMode::Recursive)
                .is_ok();
        }
        Some(paths)
    }
}
