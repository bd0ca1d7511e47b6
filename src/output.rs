//! Where rendered files go: a staging folder swapped in atomically over
//! output/, memory (for `serve`), or nowhere (for `check`). Nothing is ever
//! written outside the chosen folder.

use std::collections::{HashMap, HashSet};
use std::io;
use std::path::{Component, Path, PathBuf};
use std::sync::Mutex;
use std::sync::atomic::{AtomicU64, AtomicUsize, Ordering};
use std::time::Instant;

/// Marks a folder as made by chibo, so that it may be replaced.
pub const MARKER: &str = ".chibo-output";

pub trait Sink: Sync {
    fn write(&self, rel: &str, bytes: &[u8]) -> io::Result<()>;
    /// Copies a file of the site (static photos) into the output.
    fn copy(&self, rel: &str, from: &Path) -> io::Result<()>;
}

/// Refuses any output path that is absolute or climbs out.
pub fn check_rel(rel: &str) -> io::Result<&Path> {
    let p = Path::new(rel);
    if rel.is_empty()
        || rel.contains('\\')
        || p.components().any(|c| !matches!(c, Component::Normal(_)))
    {
        return Err(io::Error::new(
            io::ErrorKind::InvalidInput,
            format!("đường dẫn ra `{rel}` không hợp lệ"),
        ));
    }
    Ok(p)
}

/// Builds into a staging folder next to `out`, writing only the files whose
/// bytes differ from those already in `out`; [`commit_update`] then moves
/// them in and removes what the new build no longer has. A build that fails
/// is thrown away with its staging folder, and `out` is left as it was.
pub struct UpdateSink {
    pub out: PathBuf,
    pub staging: PathBuf,
    produced: Mutex<Vec<String>>,
    changed: AtomicUsize,
    unchanged: AtomicUsize,
    /// Time spent creating and writing files, summed over threads.
    write_nanos: AtomicU64,
}

#[derive(Debug, Default, Clone, Copy)]
pub struct WriteReport {
    pub changed: usize,
    pub unchanged: usize,
    pub removed: usize,
    pub write_secs: f64,
}

impl UpdateSink {
    pub fn new(out: PathBuf, staging: PathBuf) -> Self {
        UpdateSink {
            out,
            staging,
            produced: Mutex::new(Vec::new()),
            changed: AtomicUsize::new(0),
            unchanged: AtomicUsize::new(0),
            write_nanos: AtomicU64::new(0),
        }
    }

    fn staged(&self, rel: &str) -> io::Result<PathBuf> {
        let p = self.staging.join(check_rel(rel)?);
        if let Some(parent) = p.parent() {
            std::fs::create_dir_all(parent)?;
        }
        Ok(p)
    }

    fn note(&self, rel: &str, changed: bool, started: Instant) {
        if let Ok(mut v) = self.produced.lock() {
            v.push(rel.to_string());
        }
        let counter = if changed {
            &self.changed
        } else {
            &self.unchanged
        };
        counter.fetch_add(1, Ordering::Relaxed);
        self.write_nanos
            .fetch_add(started.elapsed().as_nanos() as u64, Ordering::Relaxed);
    }

    pub fn report(&self) -> WriteReport {
        WriteReport {
            changed: self.changed.load(Ordering::Relaxed),
            unchanged: self.unchanged.load(Ordering::Relaxed),
            removed: 0,
            write_secs: self.write_nanos.load(Ordering::Relaxed) as f64 / 1e9,
        }
    }

    /// Every file the build produced (kept or written), relative to `out`.
    pub fn produced(self) -> Vec<String> {
        self.produced.into_inner().unwrap_or_default()
    }
}

/// True when `path` already holds exactly `bytes`.
fn same_bytes(path: &Path, bytes: &[u8]) -> bool {
    match std::fs::metadata(path) {
        Ok(m) if m.is_file() && m.len() == bytes.len() as u64 => {
            std::fs::read(path).is_ok_and(|b| b == bytes)
        }
        _ => false,
    }
}

impl Sink for UpdateSink {
    fn write(&self, rel: &str, bytes: &[u8]) -> io::Result<()> {
        let started = Instant::now();
        let keep = same_bytes(&self.out.join(check_rel(rel)?), bytes);
        if !keep {
            std::fs::write(self.staged(rel)?, bytes)?;
        }
        self.note(rel, !keep, started);
        Ok(())
    }
    fn copy(&self, rel: &str, from: &Path) -> io::Result<()> {
        let started = Instant::now();
        let old = self.out.join(check_rel(rel)?);
        let src = std::fs::metadata(from)?;
        let keep = std::fs::metadata(&old).is_ok_and(|m| {
            m.len() == src.len()
                && matches!((m.modified(), src.modified()), (Ok(a), Ok(b)) if a >= b)
        });
        if !keep {
            let to = self.staged(rel)?;
            // A hard link is free when the site and the output share a disk.
            std::fs::hard_link(from, &to).or_else(|_| std::fs::copy(from, &to).map(|_| ()))?;
        }
        self.note(rel, !keep, started);
        Ok(())
    }
}

/// PDFs that `chibo report --pdf` printed next to a report's page; a build
/// does not make them, and does not remove them either.
fn printed_report(rel: &str) -> bool {
    rel.starts_with("bao-cao/") && rel.ends_with(".pdf") && rel.matches('/').count() == 2
}

/// Moves the files of a finished staging folder into `out` and removes the
/// files of `out` that the new build did not produce. When `out` does not
/// exist yet, the staging folder simply becomes it.
pub fn commit_update(staging: &Path, out: &Path, produced: &[String]) -> io::Result<usize> {
    if !out.exists() {
        std::fs::rename(staging, out)?;
        return Ok(0);
    }
    for entry in walkdir::WalkDir::new(staging).min_depth(1) {
        let entry = entry.map_err(io::Error::other)?;
        if !entry.file_type().is_file() {
            continue;
        }
        let rel = entry
            .path()
            .strip_prefix(staging)
            .map_err(io::Error::other)?;
        let dest = out.join(rel);
        if let Some(parent) = dest.parent() {
            std::fs::create_dir_all(parent)?;
        }
        if dest.is_dir() {
            std::fs::remove_dir_all(&dest)?;
        }
        std::fs::rename(entry.path(), &dest)?;
    }
    let keep: HashSet<&str> = produced.iter().map(String::as_str).collect();
    let mut removed = 0;
    for entry in walkdir::WalkDir::new(out).min_depth(1).contents_first(true) {
        let Ok(entry) = entry else { continue };
        let Ok(rel) = entry.path().strip_prefix(out) else {
            continue;
        };
        let rel = rel.to_string_lossy().replace('\\', "/");
        if entry.file_type().is_dir() {
            // Empty folders left behind by removed pages.
            let _ = std::fs::remove_dir(entry.path());
        } else if rel != MARKER && !keep.contains(rel.as_str()) && !printed_report(&rel) {
            std::fs::remove_file(entry.path())?;
            removed += 1;
        }
    }
    std::fs::write(out.join(MARKER), b"chibo\n")?;
    std::fs::remove_dir_all(staging)?;
    Ok(removed)
}

#[derive(Default)]
pub struct MemSink {
    pub files: Mutex<HashMap<String, Vec<u8>>>,
}

impl Sink for MemSink {
    fn write(&self, rel: &str, bytes: &[u8]) -> io::Result<()> {
        check_rel(rel)?;
        self.files
            .lock()
            .map_err(|_| io::Error::other("poisoned"))?
            .insert(rel.to_string(), bytes.to_vec());
        Ok(())
    }
    fn copy(&self, rel: &str, from: &Path) -> io::Result<()> {
        let bytes = std::fs::read(from)?;
        self.write(rel, &bytes)
    }
}

/// Counts what passes through to another sink, for a progress line.
pub struct Counting<'a> {
    pub inner: &'a dyn Sink,
    pub done: AtomicUsize,
}

impl Sink for Counting<'_> {
    fn write(&self, rel: &str, bytes: &[u8]) -> io::Result<()> {
        self.done.fetch_add(1, Ordering::Relaxed);
        self.inner.write(rel, bytes)
    }
    fn copy(&self, rel: &str, from: &Path) -> io::Result<()> {
        self.done.fetch_add(1, Ordering::Relaxed);
        self.inner.copy(rel, from)
    }
}

/// Discards everything (`check` renders every page without writing).
pub struct NullSink;

impl Sink for NullSink {
    fn write(&self, rel: &str, _: &[u8]) -> io::Result<()> {
        check_rel(rel).map(|_| ())
    }
    fn copy(&self, rel: &str, _: &Path) -> io::Result<()> {
        check_rel(rel).map(|_| ())
    }
}

/// Why an output folder may not be used.
pub fn check_output_dir(site_root: &Path, out: &Path, force: bool) -> Result<(), String> {
    let root = site_root
        .canonicalize()
        .unwrap_or_else(|_| site_root.to_path_buf());
    let out_abs = if out.exists() {
        out.canonicalize().unwrap_or_else(|_| out.to_path_buf())
    } else {
        let parent = out
            .parent()
            .filter(|p| !p.as_os_str().is_empty())
            .unwrap_or(Path::new("."));
        let parent = parent
            .canonicalize()
            .map_err(|e| format!("không mở được thư mục `{}`: {e}", parent.display()))?;
        parent.join(out.file_name().unwrap_or_default())
    };
    if root.starts_with(&out_abs) {
        return Err(format!(
            "thư mục ra `{}` chứa chính thư mục trang; chibo sẽ không ghi đè lên nội dung của bạn. Hãy chọn thư mục khác, ví dụ `output`",
            out.display()
        ));
    }
    for inner in ["content", "templates"] {
        if out_abs.starts_with(root.join(inner)) {
            return Err(format!(
                "thư mục ra `{}` nằm trong `{inner}/`; hãy chọn thư mục khác, ví dụ `output`",
                out.display()
            ));
        }
    }
    if out_abs.exists() && !force {
        if !out_abs.is_dir() {
            return Err(format!(
                "`{}` là một tệp, không phải thư mục",
                out.display()
            ));
        }
        let empty = std::fs::read_dir(&out_abs)
            .map(|mut d| d.next().is_none())
            .unwrap_or(false);
        if !empty && !out_abs.join(MARKER).exists() {
            return Err(format!(
                "thư mục `{}` đã có dữ liệu không do chibo tạo ra; chibo không xóa nó. Hãy chọn thư mục khác, hoặc thêm `--force` nếu chắc chắn muốn thay thế",
                out.display()
            ));
        }
    }
    Ok(())
}

/// A staging folder next to `out`, so the final rename stays on one disk.
pub fn staging_dir(out: &Path) -> io::Result<PathBuf> {
    let name = out
        .file_name()
        .map(|n| n.to_string_lossy().to_string())
        .unwrap_or_else(|| "output".into());
    let parent = out
        .parent()
        .filter(|p| !p.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    let dir = parent.join(format!(".{name}.chibo-moi-{}", std::process::id()));
    if dir.exists() {
        std::fs::remove_dir_all(&dir)?;
    }
    std::fs::create_dir_all(&dir)?;
    std::fs::write(dir.join(MARKER), b"chibo\n")?;
    Ok(dir)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn output_paths_cannot_climb_out() {
        assert!(check_rel("a/b/index.html").is_ok());
        assert!(check_rel("../x").is_err());
        assert!(check_rel("/etc/passwd").is_err());
        assert!(check_rel("a/../../x").is_err());
        assert!(check_rel("a\\..\\x").is_err());
        assert!(check_rel("").is_err());
    }
}
