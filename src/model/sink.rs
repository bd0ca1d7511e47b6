//! Where rendered bytes go, as `render` sees it: a trait that `output`
//! implements (a staging folder, memory, a counter, nowhere). It sits in
//! the model so that `render` hands its bytes down, never up to `output`.

use std::io;
use std::path::{Component, Path};

/// Where rendered files go: a folder, memory, or a counter.
pub trait Sink: Sync {
    /// Writes the file `rel` (a path inside the output).
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

/// The files a render hands over, kept in memory in the order written
/// (the preview's reports, a meeting's papers); copies are refused.
#[derive(Default)]
pub struct Collected {
    /// The files, by their path in the output.
    pub files: std::sync::Mutex<Vec<(String, Vec<u8>)>>,
}

impl Collected {
    /// The files written, in order.
    pub fn into_files(self) -> Vec<(String, Vec<u8>)> {
        self.files.into_inner().unwrap_or_default()
    }
}

impl Sink for Collected {
    fn write(&self, rel: &str, bytes: &[u8]) -> io::Result<()> {
        check_rel(rel)?;
        self.files
            .lock()
            .map_err(|_| io::Error::other("poisoned"))?
            .push((rel.to_string(), bytes.to_vec()));
        Ok(())
    }
    fn copy(&self, rel: &str, _from: &Path) -> io::Result<()> {
        Err(io::Error::other(format!(
            "{rel}: không chép tệp khi chỉ dựng báo cáo"
        )))
    }
}
