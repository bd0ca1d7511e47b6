//! `chibo serve`: the site built in memory with drafts, served over HTTP,
//! rebuilt when a file changes, and every open page told to reload (or to
//! show the errors of a failed rebuild) through server-sent events.

mod api;
pub mod forms;
pub mod http;
mod members;
pub mod net;
mod papers;
mod rating;
pub mod server;
mod trial;
pub mod watch;

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicU64, AtomicUsize, Ordering};
use std::sync::{Arc, Mutex, RwLock, mpsc};
use std::time::Instant;

use crate::check::{now_at, warn_future};
use crate::diag::Diagnostics;
use crate::load;
use crate::model::Site;
use crate::output::NullSink;
use crate::render::site::{BuildOptions, BuildStats, Prepared, prepare, render_all};

/// What the preview tells open pages.
pub enum LiveEvent {
    /// A new build is ready: its generation number.
    Reload(u64),
    /// The build failed: the messages, for the error overlay.
    Errors(String),
    /// The preview is stopping: close the stream.
    Stop,
}

/// The pages of one build, by path, shared with every request.
pub type Files = Arc<HashMap<String, Vec<u8>>>;

/// Most live-reload streams open at once (one per open preview tab).
pub const MAX_STREAMS: usize = 64;

/// A live-reload stream's place, given back when dropped.
pub struct StreamSlot(Arc<AtomicUsize>);

impl Drop for StreamSlot {
    fn drop(&mut self) {
        self.0.fetch_sub(1, Ordering::SeqCst);
    }
}

/// What the HTTP threads share with the rebuild loop. Plain shared state
/// behind locks, owned by the command and passed by `Arc`.
pub struct Live {
    /// The site being served: every page is rendered when asked for.
    prepared: RwLock<Option<Arc<Prepared>>>,
    /// Pages served when no site could be built yet (the error page).
    files: RwLock<Files>,
    errors: RwLock<Option<String>>,
    generation: AtomicU64,
    subscribers: Mutex<Vec<mpsc::Sender<LiveEvent>>>,
    /// Live-reload streams open now.
    streams: Arc<AtomicUsize>,
    /// content/, where photos and files are read from on request.
    pub static_root: PathBuf,
    /// The port the preview listens on.
    pub port: u16,
    /// The forms' side: the site folder, the token, the save lock.
    pub editor: forms::Editor,
    /// The key the preview's own pages add to what they fetch, so that,
    /// sandboxed, they may still read the preview (see `http::SANDBOX`).
    pub read_key: String,
}

impl Live {
    /// A preview of the site at `root` with no build yet.
    pub fn new(root: &Path, port: u16) -> Self {
        Live {
            prepared: RwLock::new(None),
            files: RwLock::new(Arc::new(HashMap::new())),
            errors: RwLock::new(None),
            generation: AtomicU64::new(0),
            subscribers: Mutex::new(Vec::new()),
            streams: Arc::new(AtomicUsize::new(0)),
            static_root: http::static_root(root),
            port,
            editor: forms::Editor::new(root.to_path_buf()),
            read_key: forms::random_hex(16),
        }
    }

    /// The last successful build's prepared site.
    pub fn prepared(&self) -> Option<Arc<Prepared>> {
        self.prepared.read().ok().and_then(|p| p.clone())
    }

    /// The pages of the last successful build.
    pub fn files(&self) -> Files {
        self.files.read().map(|f| f.clone()).unwrap_or_default()
    }

    /// The messages of the last failed build, if the last build failed.
    pub fn errors(&self) -> Option<String> {
        self.errors.read().ok().and_then(|e| e.clone())
    }

    /// How many builds have been published.
    pub fn generation(&self) -> u64 {
        self.generation.load(Ordering::SeqCst)
    }

    /// Sends live-reload events to `tx` until it hangs up.
    pub fn subscribe(&self, tx: mpsc::Sender<LiveEvent>) {
        if let Ok(mut s) = self.subscribers.lock() {
            s.push(tx);
        }
    }

    fn broadcast(&self, make: impl Fn() -> LiveEvent) {
        if let Ok(mut subs) = self.subscribers.lock() {
            subs.retain(|tx| tx.send(make()).is_ok());
        }
    }

    /// A good build: serve it, clear the errors, reload every page.
    pub fn publish(&self, site: Arc<Prepared>, generation: u64) {
        if let Ok(mut p) = self.prepared.write() {
            *p = Some(site);
        }
        if let Ok(mut e) = self.errors.write() {
            *e = None;
        }
        self.generation.store(generation, Ordering::SeqCst);
        self.broadcast(|| LiveEvent::Reload(generation));
    }

    /// No site yet (the first build failed): serve these pages instead.
    pub fn publish_files(&self, files: HashMap<String, Vec<u8>>, generation: u64) {
        if let Ok(mut f) = self.files.write() {
            *f = Arc::new(files);
        }
        self.generation.store(generation, Ordering::SeqCst);
    }

    /// A failed build: keep serving the last good site, show the errors.
    pub fn publish_errors(&self, text: String) {
        if let Ok(mut e) = self.errors.write() {
            *e = Some(text.clone());
        }
        self.broadcast(|| LiveEvent::Errors(text.clone()));
    }

    /// Tells every open page that the preview stops.
    pub fn stop(&self) {
        self.broadcast(|| LiveEvent::Stop);
    }

    /// How many pages are listening for reloads.
    pub fn listeners(&self) -> usize {
        self.streams.load(Ordering::SeqCst)
    }

    /// Takes one of the [`MAX_STREAMS`] places for a live-reload stream;
    /// the place is given back when the returned guard is dropped.
    pub fn open_stream(&self) -> Option<StreamSlot> {
        if self.streams.fetch_add(1, Ordering::SeqCst) >= MAX_STREAMS {
            self.streams.fetch_sub(1, Ordering::SeqCst);
            return None;
        }
        Some(StreamSlot(self.streams.clone()))
    }
}

/// What changed, as far as rebuilding is concerned.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Change {
    /// site.yaml or content/: load everything again.
    Content,
    /// Only templates/: re-render the loaded content with the new templates.
    Templates,
}

/// Classifies a changed path (relative to the site root); `None` if the
/// preview does not care (output, editor backups, hidden files).
pub fn classify(rel: &Path) -> Option<Change> {
    let name = rel.file_name()?.to_string_lossy();
    if crate::text::is_editor_leftover(&name) {
        return None;
    }
    let first = rel
        .components()
        .next()?
        .as_os_str()
        .to_string_lossy()
        .to_string();
    match first.as_str() {
        "site.yaml" => Some(Change::Content),
        "content" => Some(Change::Content),
        "templates" => Some(Change::Templates),
        _ => None,
    }
}

/// Builds the preview: keeps the loaded site, so that saving an article
/// reads that article only and saving a template reads no content.
pub struct Preview {
    /// The site folder.
    pub root: PathBuf,
    /// The address the preview answers at, in place of `base_url`.
    pub base_url: String,
    /// The live's read key, put into the reload script of every page.
    pub read_key: String,
    site: Option<Arc<Site>>,
}

/// A build kept in memory.
pub struct Built {
    /// The prepared site, for the route map and rebuilds.
    pub prepared: Arc<Prepared>,
    /// What was built.
    pub stats: BuildStats,
    /// Errors and warnings of the build.
    pub diags: Diagnostics,
    /// How long it took, in milliseconds.
    pub millis: f64,
    /// How the site was checked: every page, or the changed ones.
    pub checked_all: bool,
}

/// The article files among changed paths, if every path is one.
fn only_articles(root: &Path, paths: &[PathBuf]) -> Option<Vec<String>> {
    let mut out = Vec::new();
    for p in paths {
        let rel = p.strip_prefix(root).unwrap_or(p);
        let rel_s = rel.to_string_lossy().replace('\\', "/");
        match classify(rel) {
            None => continue,
            Some(_)
                if rel_s.starts_with("content/articles/")
                    && (rel_s.ends_with(".md") || rel_s.ends_with(".markdown")) =>
            {
                let rel_s = crate::vn::nfc(&rel_s);
                if !out.contains(&rel_s) {
                    out.push(rel_s);
                }
            }
            Some(_) => return None,
        }
    }
    Some(out)
}

impl Preview {
    /// A builder for the site at `root`, published at `base_url`.
    pub fn new(root: PathBuf, base_url: String, read_key: String) -> Self {
        Preview {
            root,
            base_url,
            read_key,
            site: None,
        }
    }

    /// Builds generation `generation` after `paths` changed. `Err` carries
    /// the problems of a failed build; the caller keeps serving the last one.
    pub fn build(
        &mut self,
        change: Change,
        paths: &[PathBuf],
        generation: u64,
    ) -> Result<Built, Diagnostics> {
        let started = Instant::now();
        let mut diags = Diagnostics::default();
        let articles_only = only_articles(&self.root, paths).filter(|v| !v.is_empty());
        let (site, check_all, changed): (Site, bool, Vec<String>) =
            match (change, &self.site, articles_only) {
                (Change::Templates, Some(old), _) => {
                    let mut site = (**old).clone();
                    site.templates = load::load_templates(&self.root, &mut diags);
                    (site, true, Vec::new())
                }
                (Change::Content, Some(old), Some(changed)) => {
                    let site = load::reload_articles(old, &changed, &mut diags);
                    (site, false, changed)
                }
                _ => match load::load_site(&self.root, &mut diags) {
                    Some(s) => (s, true, Vec::new()),
                    None => return Err(diags),
                },
            };
        let now = now_at(site.config.offset_minutes);
        warn_future(&site, now, &mut diags);
        let site = Arc::new(site);
        // Content that loaded is kept even if rendering fails, so that the
        // next save reads only what it changed.
        if !diags.has_errors() || change == Change::Templates {
            self.site = Some(site.clone());
        }
        if diags.has_errors() {
            return Err(diags);
        }
        let opts = BuildOptions::preview(
            now,
            http::reload_script(generation, &self.read_key),
            self.base_url.clone(),
            load::bodies(&site),
        );
        let Some(prepared) = prepare(site, &opts, &mut diags) else {
            return Err(diags);
        };
        let stats = if check_all {
            // Every page once: errors anywhere show now, not on a click.
            render_all(&prepared, &NullSink, &mut diags)
        } else {
            // The saved articles and the pages that list everything.
            for rel in &changed {
                if let Some(rank) = prepared.rank_of(rel) {
                    prepared.render_article(rank, &mut diags);
                }
            }
            prepared.render_listing(0, &mut diags);
            prepared.stats.clone()
        };
        if diags.has_errors() {
            return Err(diags);
        }
        Ok(Built {
            prepared: Arc::new(prepared),
            stats,
            diags,
            millis: started.elapsed().as_secs_f64() * 1000.0,
            checked_all: check_all,
        })
    }
}

/// A page shown when the very first build fails: the errors, and the
/// reload script so that it turns into the site as soon as they are fixed.
pub fn error_page(diags: &Diagnostics, generation: u64, key: &str) -> HashMap<String, Vec<u8>> {
    let body = format!(
        "<!DOCTYPE html><html lang=\"vi\"><head><meta charset=\"utf-8\"><title>chibo: lỗi</title></head><body><h1>Chưa dựng được trang</h1><pre>{}</pre>{}</body></html>",
        crate::render::escape(&diags.render()),
        http::reload_script(generation, key)
    );
    let mut m = HashMap::new();
    m.insert("index.html".to_string(), body.clone().into_bytes());
    m.insert("404.html".to_string(), body.into_bytes());
    m
}

/// The change that a set of paths calls for, if any.
pub fn change_of(root: &Path, paths: &[PathBuf]) -> Option<Change> {
    let mut result = None;
    for p in paths {
        let rel = p.strip_prefix(root).unwrap_or(p);
        match classify(rel) {
            Some(Change::Content) => return Some(Change::Content),
            Some(Change::Templates) => result = Some(Change::Templates),
            None => {}
        }
    }
    result
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn changes_are_classified() {
        assert_eq!(classify(Path::new("site.yaml")), Some(Change::Content));
        assert_eq!(
            classify(Path::new("content/articles/a.md")),
            Some(Change::Content)
        );
        assert_eq!(
            classify(Path::new("templates/article.html")),
            Some(Change::Templates)
        );
        assert_eq!(classify(Path::new("content/articles/.a.md.swp")), None);
        assert_eq!(classify(Path::new("content/articles/a.md~")), None);
        assert_eq!(classify(Path::new("content/articles/4913")), None);
        assert_eq!(classify(Path::new("output/index.html")), None);
        assert_eq!(
            change_of(
                Path::new("/s"),
                &[
                    PathBuf::from("/s/templates/a.html"),
                    PathBuf::from("/s/content/b.md")
                ]
            ),
            Some(Change::Content)
        );
    }
}
