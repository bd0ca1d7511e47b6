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
mod item;
pub mod member;
mod merge;
pub mod rating;

use std::collections::{HashMap, HashSet};
use std::path::{Component, Path};

use crate::diag::Diagnostics;
use crate::disk::{self, Dir, DiskError, Expect, FileId};
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
    /// The request lacks where it is aimed or the hash it read (428).
    Precondition(String),
}

impl std::fmt::Display for EditError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            EditError::Invalid(errors) => {
                let all: Vec<&str> = errors.iter().map(|e| e.message.as_str()).collect();
                f.write_str(&all.join("; "))
            }
            EditError::Conflict(m)
            | EditError::NotFound(m)
            | EditError::Refused(m)
            | EditError::Io(m)
            | EditError::Precondition(m) => f.write_str(m),
        }
    }
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

/// One item of a list file as a form reads it to edit it.
#[derive(Debug, Clone, PartialEq)]
pub struct Item {
    /// Its first line (1-based), where a save is aimed.
    pub line: u32,
    /// The hash of its text, for the save's `If-Match`.
    pub hash: String,
    /// Its keys and values.
    pub values: serde_json::Value,
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
    for (offset, url) in crate::text::unsafe_links(body) {
        let at = crate::text::body_syntax::pos_at(body, offset, 1);
        out.push(format!(
            "dòng {} của nội dung: liên kết `{}` không an toàn và sẽ bị bỏ khi đăng; chỉ dùng http, https, mailto, tel hoặc đường dẫn trong trang",
            at.line,
            crate::diag::clip(&url)
        ));
    }
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

/// Checks that `rel` is a plain relative path inside `dir` (no `..`, no
/// absolute path); links on the way are refused when it is opened.
pub fn inside(dir: &str, rel: &str) -> Result<(), EditError> {
    let p = Path::new(rel);
    if !rel.starts_with(&format!("{dir}/"))
        || p.components().any(|c| !matches!(c, Component::Normal(_)))
    {
        return Err(EditError::Refused(format!(
            "`{rel}` không phải một tệp trong {dir}/"
        )));
    }
    Ok(())
}

impl From<DiskError> for EditError {
    fn from(e: DiskError) -> Self {
        match e {
            DiskError::Stale(_) => EditError::Conflict(e.to_string()),
            DiskError::Link(_) | DiskError::BadPath(_) => EditError::Refused(e.to_string()),
            DiskError::Io(..) => EditError::Io(e.to_string()),
        }
    }
}

/// A file of the site as read for an edit: its bytes as they are on disk
/// and the text the loader sees (BOM dropped, NFC, `\n`), line for line.
pub struct Source {
    /// The file, relative to the site.
    pub rel: String,
    /// What the loader reads: NFC with `\n` line ends.
    pub text: String,
    /// The file's own bytes after a BOM, as text.
    raw: String,
    bom: bool,
    id: FileId,
}

impl Source {
    /// Reads `rel` (inside `dir`), refusing a link anywhere on the way.
    pub fn read(root: &Path, dir: &str, rel: &str) -> Result<Source, EditError> {
        inside(dir, rel)?;
        let (folder, name) = disk::split(rel);
        let (bytes, id) = Dir::open(root, folder, false)?
            .read(name)?
            .ok_or_else(|| EditError::NotFound(format!("không có tệp {rel}")))?;
        let bom = bytes.starts_with(b"\xEF\xBB\xBF");
        let raw = String::from_utf8(bytes[if bom { 3 } else { 0 }..].to_vec()).map_err(|_| {
            EditError::Refused(format!(
                "{rel} không phải mã UTF-8; hãy mở tệp và lưu lại với bảng mã Unicode UTF-8"
            ))
        })?;
        let mut d = Diagnostics::default();
        let text = load::decode(raw.as_bytes(), rel, &mut d).unwrap_or_default();
        Ok(Source {
            rel: rel.to_string(),
            text,
            raw,
            bom,
            id,
        })
    }

    /// The line end the file is written with: `\r\n` when it has one.
    pub fn eol(&self) -> &'static str {
        if self.raw.contains("\r\n") {
            "\r\n"
        } else {
            "\n"
        }
    }

    /// The file's lines as they are, each with its own line end (`\r\n`,
    /// `\n` or a lone `\r`, as the loader splits them).
    pub fn raw_lines(&self) -> Vec<&str> {
        let b = self.raw.as_bytes();
        let mut out = Vec::new();
        let mut start = 0;
        let mut i = 0;
        while i < b.len() {
            let end = match b[i] {
                b'\r' if b.get(i + 1) == Some(&b'\n') => i + 2,
                b'\r' | b'\n' => i + 1,
                _ => {
                    i += 1;
                    continue;
                }
            };
            out.push(&self.raw[start..end]);
            start = end;
            i = end;
        }
        if start < b.len() {
            out.push(&self.raw[start..]);
        }
        out
    }

    /// The file's bytes with lines `first..=last` (1-based) replaced by
    /// `with` (raw text, written as given): every other byte is kept.
    pub fn splice(&self, first: u32, last: u32, with: &str) -> Vec<u8> {
        let lines = self.raw_lines();
        let mut out = Vec::with_capacity(self.raw.len() + with.len() + 3);
        if self.bom {
            out.extend_from_slice(b"\xEF\xBB\xBF");
        }
        for l in &lines[..first as usize - 1] {
            out.extend_from_slice(l.as_bytes());
        }
        let mut with = with.to_string();
        // The replaced lines ended the file without a line end: so does
        // what replaces them.
        let at_end = last as usize >= lines.len();
        if at_end && lines.last().is_some_and(|l| !l.ends_with(['\n', '\r'])) {
            let trimmed = with.trim_end_matches(['\n', '\r']).len();
            with.truncate(trimmed);
        }
        out.extend_from_slice(with.as_bytes());
        for l in lines.iter().skip(last as usize) {
            out.extend_from_slice(l.as_bytes());
        }
        out
    }
}

/// A change to one file, checked and not yet written: what the loader
/// will read, and how it is written.
pub struct Plan {
    /// The file, relative to the site.
    pub rel: String,
    /// Its bytes after the change; `None` when the file goes.
    pub bytes: Option<Vec<u8>>,
    /// What the answer says once written.
    pub saved: Saved,
    how: How,
}

enum How {
    /// A new file in `dir`, the first free of `stem.ext`, `stem-2.ext`…
    New {
        dir: String,
        stem: String,
        ext: String,
    },
    /// The file read, if it is still that file.
    Replace(FileId),
    /// The file read goes.
    Remove(FileId),
}

/// The first name of `stem.ext`, `stem-2.ext`… not taken in `dir` now.
fn free_name(root: &Path, dir: &str, stem: &str, ext: &str) -> Result<String, EditError> {
    let folder = match Dir::open(root, dir, false) {
        Ok(d) => Some(d),
        Err(DiskError::Io(..)) => None,
        Err(e) => return Err(e.into()),
    };
    for name in names(stem, ext) {
        let taken = match &folder {
            Some(f) => f.read(&name).map(|r| r.is_some()).unwrap_or(true),
            None => false,
        };
        if !taken {
            return Ok(name);
        }
    }
    Err(EditError::Io(format!(
        "{dir}/ đã có quá nhiều tệp tên {stem}"
    )))
}

/// The names a new file may take, in order: `stem.ext`, `stem-2.ext`…
fn names<'a>(stem: &'a str, ext: &'a str) -> impl Iterator<Item = String> + 'a {
    (1..MAX_SAME_NAME).map(move |n| {
        if n == 1 {
            format!("{stem}.{ext}")
        } else {
            format!("{stem}-{n}.{ext}")
        }
    })
}

/// How many files of one name (`stem-N`) a folder may hold.
const MAX_SAME_NAME: u32 = 10_000;

impl Plan {
    /// A new file in `dir` named from `stem`, never over another.
    pub fn new_file(
        root: &Path,
        dir: &str,
        stem: &str,
        ext: &str,
        bytes: Vec<u8>,
        saved: Saved,
    ) -> Result<Plan, EditError> {
        let name = free_name(root, dir, stem, ext)?;
        let rel = format!("{dir}/{name}");
        Ok(Plan {
            saved: Saved {
                file: rel.clone(),
                ..saved
            },
            rel,
            bytes: Some(bytes),
            how: How::New {
                dir: dir.to_string(),
                stem: stem.to_string(),
                ext: ext.to_string(),
            },
        })
    }

    /// `src` rewritten as `bytes` (or removed, for `None`).
    pub fn change(src: &Source, bytes: Option<Vec<u8>>, saved: Saved) -> Plan {
        Plan {
            rel: src.rel.clone(),
            how: if bytes.is_some() {
                How::Replace(src.id)
            } else {
                How::Remove(src.id)
            },
            bytes,
            saved,
        }
    }

    /// Writes the change: a new file under the first free name, or the
    /// file read replaced (refused as stale if it is no longer that file).
    pub fn commit(self, root: &Path) -> Result<Saved, EditError> {
        let (folder, name) = disk::split(&self.rel);
        let bytes = self.bytes.as_deref().unwrap_or_default();
        match &self.how {
            How::New { dir, stem, ext } => {
                let d = Dir::open(root, dir, true)?;
                for name in names(stem, ext) {
                    if d.create(&name, bytes)? {
                        return Ok(Saved {
                            file: format!("{dir}/{name}"),
                            ..self.saved
                        });
                    }
                }
                Err(EditError::Io(format!(
                    "{dir}/ đã có quá nhiều tệp tên {stem}"
                )))
            }
            How::Replace(id) => {
                Dir::open(root, folder, false)?.replace(name, bytes, Expect::Same(*id))?;
                Ok(self.saved)
            }
            How::Remove(id) => {
                Dir::open(root, folder, false)?.remove(name, Expect::Same(*id))?;
                Ok(self.saved)
            }
        }
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn statements_in_a_body_are_problems() {
        assert!(!super::body_problems("Một.\n\n{% for x in [1] %}{{ x }}{% endfor %}").is_empty());
    }
}
