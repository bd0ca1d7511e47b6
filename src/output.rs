//! Where rendered files go: a staging folder swapped in atomically over
//! output/, memory (for `serve`), or nowhere (for `check`). Nothing is ever
//! written outside the chosen folder.

use std::collections::HashMap;
use std::io;
use std::path::{Component, Path, PathBuf};
use std::sync::Mutex;

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

pub struct DirSink {
    pub root: PathBuf,
}

impl DirSink {
    fn target(&self, rel: &str) -> io::Result<PathBuf> {
        let p = self.root.join(check_rel(rel)?);
        if let Some(parent) = p.parent() {
            std::fs::create_dir_all(parent)?;
        }
        Ok(p)
    }
}

impl Sink for DirSink {
    fn write(&self, rel: &str, bytes: &[u8]) -> io::Result<()> {
        std::fs::write(self.target(rel)?, bytes)
    }
    fn copy(&self, rel: &str, from: &Path) -> io::Result<()> {
        let to = self.target(rel)?;
        // A hard link is free and the staging folder is on the same disk as
        // the site most of the time; fall back to a copy elsewhere.
        std::fs::hard_link(from, &to).or_else(|_| std::fs::copy(from, &to).map(|_| ()))
    }
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

/// Puts a finished staging folder in place of `out`; the old output is
/// removed only after the new one is there.
pub fn commit(staging: &Path, out: &Path) -> io::Result<()> {
    if out.exists() {
        let name = out
            .file_name()
            .map(|n| n.to_string_lossy().to_string())
            .unwrap_or_default();
        let parent = out
            .parent()
            .filter(|p| !p.as_os_str().is_empty())
            .unwrap_or(Path::new("."));
        let old = parent.join(format!(".{name}.chibo-cu-{}", std::process::id()));
        if old.exists() {
            std::fs::remove_dir_all(&old)?;
        }
        std::fs::rename(out, &old)?;
        if let Err(e) = std::fs::rename(staging, out) {
            // Put the previous output back before reporting.
            let _ = std::fs::rename(&old, out);
            return Err(e);
        }
        std::fs::remove_dir_all(&old)?;
    } else {
        std::fs::rename(staging, out)?;
    }
    Ok(())
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
