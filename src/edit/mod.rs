//! Writing the site's own files for the preview's forms: a log entry added,
//! rewritten or removed in its file, an article, an uploaded photo. What is
//! written is what a person would write by hand; it is checked by the very
//! loader `check` uses before anything touches the disk, and it reaches the
//! disk through a temporary file and a rename, so a file is never half
//! written. Entries are found by the located YAML tree: an edit replaces
//! only the lines of its entry, every comment and other entry kept byte for
//! byte, and refuses when those lines changed since they were read.

pub mod article;
pub mod entries;
pub mod entry;

use std::collections::{HashMap, HashSet};
use std::io::Write;
use std::path::{Component, Path, PathBuf};

use crate::diag::Diagnostics;
use crate::load;
use crate::model::{Config, Document};

/// A problem with one field of a form, in Vietnamese.
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
pub struct FieldError {
    /// The key of the field (`attendance`, `news`), or `""` for the whole.
    pub field: String,
    /// What is wrong and how to fix it.
    pub message: String,
}

/// Why an edit was not made. Nothing was written.
#[derive(Debug, Clone, PartialEq)]
pub enum EditError {
    /// The values do not pass the checks (400).
    Invalid(Vec<FieldError>),
    /// The file changed on disk since it was read (409).
    Conflict(String),
    /// No such file or entry (404).
    NotFound(String),
    /// The request itself is wrong: a path outside the logs (400).
    Refused(String),
    /// The disk said no (500).
    Io(String),
}

impl EditError {
    /// A single message that is about the whole form.
    pub fn invalid(message: impl Into<String>) -> Self {
        EditError::Invalid(vec![FieldError {
            field: String::new(),
            message: message.into(),
        }])
    }
}

/// What a saved edit says: the file and the lines it now has.
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
pub struct Saved {
    /// The file, relative to the site.
    pub file: String,
    /// First and last line of the entry written (1-based), `[0, 0]` for a
    /// removed entry.
    pub lines: [u32; 2],
    /// The hash of the entry's text now, for the next edit's `If-Match`.
    pub hash: String,
}

impl Saved {
    /// The line for the terminal: "Đã lưu content/… (dòng 14–22)".
    pub fn log_line(&self, verb: &str) -> String {
        if self.lines[0] == 0 {
            format!("{verb} {}", self.file)
        } else {
            format!(
                "{verb} {} (dòng {}–{})",
                self.file, self.lines[0], self.lines[1]
            )
        }
    }
}

/// What rendering would refuse in a body (template statements other than
/// `if`, an endless paragraph), found before the body is saved, so that a
/// saved form never breaks the next build.
pub fn body_problems(body: &str) -> Vec<String> {
    let mut out: Vec<String> = crate::text::body_syntax::check(body)
        .into_iter()
        .map(|r| {
            let at = crate::text::body_syntax::pos_at(body, r.offset, 1);
            format!("dòng {} của nội dung: {}", at.line, r.message)
        })
        .collect();
    if crate::text::overlong_run(body).is_some() {
        out.push(format!(
            "nội dung có quá {} dòng liền nhau không có dòng trống; hãy tách đoạn văn bằng một dòng trống",
            crate::text::MAX_RUN_LINES
        ));
    }
    out
}

/// The hash of an entry's text, as the API shows it.
pub fn hash(text: &str) -> String {
    format!("{:016x}", xxhash_rust::xxh3::xxh3_64(text.as_bytes()))
}

/// What entries are checked against, read from disk for each edit (an
/// uploaded photo or a new document counts at once, before any rebuild).
pub struct Context {
    /// site.yaml, when it reads.
    pub config: Option<Config>,
    /// content/documents.yaml.
    pub documents: HashMap<String, Document>,
    /// The files under content/static, as `static/…`.
    pub static_files: HashSet<String>,
}

impl Context {
    /// Reads site.yaml, the documents and the list of static files.
    pub fn read(root: &Path) -> Context {
        let mut d = Diagnostics::default();
        let config = load::read_text(root, "site.yaml", &mut d)
            .and_then(|t| load::parse_config(&t, "site.yaml", &mut d));
        let documents = if root.join("content/documents.yaml").is_file() {
            load::read_text(root, "content/documents.yaml", &mut d)
                .map(|t| load::parse_documents(&t, "content/documents.yaml", &mut d))
                .unwrap_or_default()
        } else {
            HashMap::new()
        };
        let static_files = load::list_files(root, "content/static", &[], &mut d)
            .into_iter()
            .map(|p| p.trim_start_matches("content/").to_string())
            .collect();
        Context {
            config,
            documents,
            static_files,
        }
    }

    /// The references the log loader checks against.
    pub fn refs(&self) -> load::Refs<'_> {
        load::Refs {
            config: self.config.as_ref(),
            documents: &self.documents,
            static_files: &self.static_files,
        }
    }
}

/// `rel` as a path under `root` when it is a plain relative path inside
/// `dir` (no `..`, no absolute path, no symbolic link on the way).
pub fn inside(root: &Path, dir: &str, rel: &str) -> Result<PathBuf, EditError> {
    let refused = || EditError::Refused(format!("`{rel}` không phải một tệp trong {dir}/"));
    let p = Path::new(rel);
    if !rel.starts_with(&format!("{dir}/"))
        || p.components().any(|c| !matches!(c, Component::Normal(_)))
    {
        return Err(refused());
    }
    let mut here = root.to_path_buf();
    for c in p.components() {
        here.push(c);
        if here
            .symlink_metadata()
            .is_ok_and(|m| m.file_type().is_symlink())
        {
            return Err(refused());
        }
    }
    Ok(here)
}

/// Writes `text` to `path` through a temporary file beside it and a
/// rename: readers see the old file or the new one, never a part.
pub fn write_atomic(path: &Path, bytes: &[u8]) -> Result<(), EditError> {
    let io = |e: std::io::Error| EditError::Io(crate::diag::io_message(&e));
    let parent = path
        .parent()
        .ok_or_else(|| EditError::Io("không có thư mục chứa".into()))?;
    std::fs::create_dir_all(parent).map_err(io)?;
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().to_string())
        .unwrap_or_default();
    let tmp = parent.join(format!(".{name}.chibo-luu-{}", std::process::id()));
    let result = std::fs::File::create(&tmp)
        .and_then(|mut f| f.write_all(bytes).and_then(|_| f.sync_all()))
        .and_then(|_| std::fs::rename(&tmp, path));
    if let Err(e) = result {
        let _ = std::fs::remove_file(&tmp);
        return Err(io(e));
    }
    Ok(())
}

/// Creates a new file in `dir` with `bytes`, never over an existing one:
/// the first free name of `stem.ext`, `stem-2.ext`, `stem-3.ext`… is taken.
/// The bytes are written to a temporary file first and linked in whole.
pub fn create_new(
    root: &Path,
    dir: &str,
    stem: &str,
    ext: &str,
    bytes: &[u8],
) -> Result<String, EditError> {
    let io = |e: std::io::Error| EditError::Io(crate::diag::io_message(&e));
    let folder = root.join(dir);
    std::fs::create_dir_all(&folder).map_err(io)?;
    let tmp = folder.join(format!(".{stem}.chibo-moi-{}", std::process::id()));
    std::fs::File::create(&tmp)
        .and_then(|mut f| f.write_all(bytes).and_then(|_| f.sync_all()))
        .map_err(|e| {
            let _ = std::fs::remove_file(&tmp);
            io(e)
        })?;
    let mut result = Err(EditError::Io(format!(
        "{dir}/ đã có quá nhiều tệp tên {stem}"
    )));
    for n in 1..10_000 {
        let rel = if n == 1 {
            format!("{dir}/{stem}.{ext}")
        } else {
            format!("{dir}/{stem}-{n}.{ext}")
        };
        match std::fs::hard_link(&tmp, root.join(&rel)) {
            Ok(()) => {
                result = Ok(rel);
                break;
            }
            Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => continue,
            Err(e) => {
                result = Err(io(e));
                break;
            }
        }
    }
    let _ = std::fs::remove_file(&tmp);
    result
}
#[cfg(test)]
mod tests {
    #[test]
    fn statements_in_a_body_are_problems() {
        assert!(!super::body_problems("Một.\n\n{% for x in [1] %}{{ x }}{% endfor %}").is_empty());
    }
}
