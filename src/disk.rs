//! The one way chibo writes a file of its own: the forms, `new`, `init`,
//! reports, the photo cache and the link-check cache all come here.
//!
//! - A folder is opened from a root one name at a time, each step from the
//!   handle of the one before and refusing a symbolic link (`openat` with
//!   `O_NOFOLLOW | O_DIRECTORY`): a link planted anywhere under the root
//!   is refused by name, never followed. The root itself is the user's
//!   choice and may be a link.
//! - Bytes go to a temporary file created in the target's own folder under
//!   a name drawn from the OS random source, exclusively (`O_EXCL`, no
//!   link followed), then are synced and renamed into place: a reader sees
//!   the old file or the new one, never a part.
//! - A file replaced must still be the one that was read (same device and
//!   inode, and not a link), or the write is refused as stale.
//!
//! Every message is Vietnamese and names the path as the user knows it.

use std::io::Write;
use std::os::fd::{AsFd, OwnedFd};
use std::path::{Component, Path};

use rustix::fs::{AtFlags, FileType, Mode, OFlags, RenameFlags};
use rustix::io::Errno;

/// Where temporary names start: `.chibo-tam-` and 16 random hex digits.
/// Loaders skip dot files, so a temporary file is never read as content.
pub const TEMP_PREFIX: &str = ".chibo-tam-";

/// How many random names are tried before giving up (each clash is a
/// file someone else made under a name they could not have guessed).
const TEMP_TRIES: usize = 8;

/// Why a write was not made. Nothing was written.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum DiskError {
    /// A symbolic link on the path (the path up to it).
    Link(String),
    /// The file is no longer the one that was read.
    Stale(String),
    /// A path that is not a plain relative path (`..`, absolute, empty).
    BadPath(String),
    /// The system said no: the path and its words.
    Io(String, String),
}

impl std::fmt::Display for DiskError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            DiskError::Link(p) => write!(
                f,
                "`{p}` là một liên kết tượng trưng (symlink); chibo không ghi qua liên kết, hãy thay nó bằng thư mục hoặc tệp thật"
            ),
            DiskError::Stale(p) => write!(
                f,
                "`{p}` đã bị thay bằng tệp khác từ lúc chibo đọc nó; không ghi đè, hãy mở lại rồi làm lại"
            ),
            DiskError::BadPath(p) => {
                write!(f, "`{p}` không phải một đường dẫn bên trong thư mục trang")
            }
            DiskError::Io(p, why) => write!(f, "không ghi được `{p}`: {why}"),
        }
    }
}

/// Which file a replace may overwrite.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Expect {
    /// Whatever is there, or nothing (a cache, an output file).
    Any,
    /// Exactly the file that was read, and it must still be there.
    Same(FileId),
}

/// A file's identity on its disk.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct FileId {
    dev: u64,
    ino: u64,
}

/// An open folder reached from a root without following a link.
#[derive(Debug)]
pub struct Dir {
    fd: OwnedFd,
    /// The folder as shown in messages (`content/activities/2023`).
    shown: String,
}

fn io_text(e: Errno) -> String {
    crate::diag::io_message(&std::io::Error::from(e))
}

/// The parts of `rel`: plain names only.
fn parts(rel: &str) -> Result<Vec<&str>, DiskError> {
    let p = Path::new(rel);
    if rel.contains('\0') || p.components().any(|c| !matches!(c, Component::Normal(_))) {
        return Err(DiskError::BadPath(rel.to_string()));
    }
    Ok(rel.split('/').filter(|s| !s.is_empty()).collect())
}

fn join(a: &str, b: &str) -> String {
    if a.is_empty() {
        b.to_string()
    } else {
        format!("{a}/{b}")
    }
}

/// Whether `name` in `dir` is a symbolic link.
fn is_link(dir: &impl AsFd, name: &str) -> bool {
    rustix::fs::statat(dir, name, AtFlags::SYMLINK_NOFOLLOW)
        .is_ok_and(|st| FileType::from_raw_mode(st.st_mode) == FileType::Symlink)
}

fn dir_flags() -> OFlags {
    OFlags::RDONLY | OFlags::DIRECTORY | OFlags::NOFOLLOW | OFlags::CLOEXEC
}

impl Dir {
    /// The folder `rel` under `root` (`""` for the root itself), each part
    /// opened from the one before with no link followed; missing folders
    /// are made when `create`.
    pub fn open(root: &Path, rel: &str, create: bool) -> Result<Dir, DiskError> {
        let names = parts(rel)?;
        if create {
            std::fs::create_dir_all(root).map_err(|e| {
                DiskError::Io(root.display().to_string(), crate::diag::io_message(&e))
            })?;
        }
        let fd = rustix::fs::openat(
            rustix::fs::CWD,
            root,
            OFlags::RDONLY | OFlags::DIRECTORY | OFlags::CLOEXEC,
            Mode::empty(),
        )
        .map_err(|e| DiskError::Io(root.display().to_string(), io_text(e)))?;
        let mut dir = Dir {
            fd,
            shown: String::new(),
        };
        for name in names {
            dir = dir.child(name, create)?;
        }
        Ok(dir)
    }

    /// The folder `name` inside this one.
    pub fn child(&self, name: &str, create: bool) -> Result<Dir, DiskError> {
        let shown = join(&self.shown, name);
        if name.contains('/') || name == "." || name == ".." || name.is_empty() {
            return Err(DiskError::BadPath(shown));
        }
        let open = || rustix::fs::openat(&self.fd, name, dir_flags(), Mode::empty());
        let fd = match open() {
            Err(Errno::NOENT) if create => {
                match rustix::fs::mkdirat(&self.fd, name, Mode::from_raw_mode(0o755)) {
                    Ok(()) | Err(Errno::EXIST) => {}
                    Err(e) => return Err(DiskError::Io(shown, io_text(e))),
                }
                open()
            }
            other => other,
        };
        match fd {
            Ok(fd) => Ok(Dir { fd, shown }),
            Err(Errno::LOOP | Errno::NOTDIR) if is_link(&self.fd, name) => {
                Err(DiskError::Link(shown))
            }
            Err(e) => Err(DiskError::Io(shown, io_text(e))),
        }
    }

    /// The folder as messages show it.
    pub fn shown(&self) -> &str {
        &self.shown
    }

    fn path_of(&self, name: &str) -> String {
        join(&self.shown, name)
    }

    /// The bytes of the file `name` and its identity, `None` when there is
    /// no such file. A link is refused, not read.
    pub fn read(&self, name: &str) -> Result<Option<(Vec<u8>, FileId)>, DiskError> {
        let shown = self.path_of(name);
        let flags = OFlags::RDONLY | OFlags::NOFOLLOW | OFlags::CLOEXEC;
        let fd = match rustix::fs::openat(&self.fd, name, flags, Mode::empty()) {
            Ok(fd) => fd,
            Err(Errno::NOENT) => return Ok(None),
            Err(Errno::LOOP) => return Err(DiskError::Link(shown)),
            Err(e) => return Err(DiskError::Io(shown, io_text(e))),
        };
        let st = rustix::fs::fstat(&fd).map_err(|e| DiskError::Io(shown.clone(), io_text(e)))?;
        if FileType::from_raw_mode(st.st_mode) != FileType::RegularFile {
            return Err(DiskError::Io(shown, "không phải một tệp thường".into()));
        }
        let mut bytes = Vec::new();
        std::io::Read::read_to_end(&mut std::fs::File::from(fd), &mut bytes)
            .map_err(|e| DiskError::Io(shown, crate::diag::io_message(&e)))?;
        Ok(Some((bytes, id_of(&st))))
    }

    /// The identity of what is at `name` now (`None`: nothing), and
    /// whether it is a link.
    fn current(&self, name: &str) -> Result<Option<(FileId, bool)>, DiskError> {
        match rustix::fs::statat(&self.fd, name, AtFlags::SYMLINK_NOFOLLOW) {
            Ok(st) => Ok(Some((
                id_of(&st),
                FileType::from_raw_mode(st.st_mode) == FileType::Symlink,
            ))),
            Err(Errno::NOENT) => Ok(None),
            Err(e) => Err(DiskError::Io(self.path_of(name), io_text(e))),
        }
    }

    /// A new temporary file in this folder holding `bytes`, synced: its
    /// name. Made exclusively under an unguessable name.
    fn temp_file(&self, bytes: &[u8]) -> Result<String, DiskError> {
        let flags =
            OFlags::WRONLY | OFlags::CREATE | OFlags::EXCL | OFlags::NOFOLLOW | OFlags::CLOEXEC;
        let mut last = Errno::EXIST;
        for _ in 0..TEMP_TRIES {
            let name = temp_name()?;
            match rustix::fs::openat(&self.fd, &name, flags, Mode::from_raw_mode(0o644)) {
                Ok(fd) => {
                    let mut f = std::fs::File::from(fd);
                    if let Err(e) = f.write_all(bytes).and_then(|_| f.sync_all()) {
                        let _ = rustix::fs::unlinkat(&self.fd, &name, AtFlags::empty());
                        return Err(DiskError::Io(
                            self.path_of(&name),
                            crate::diag::io_message(&e),
                        ));
                    }
                    return Ok(name);
                }
                Err(e @ (Errno::EXIST | Errno::LOOP)) => last = e,
                Err(e) => return Err(DiskError::Io(self.path_of(&name), io_text(e))),
            }
        }
        Err(DiskError::Io(self.shown.clone(), io_text(last)))
    }

    /// Writes `bytes` as `name` when no file of that name exists: `false`
    /// (and nothing written) when one does.
    pub fn create(&self, name: &str, bytes: &[u8]) -> Result<bool, DiskError> {
        let tmp = self.temp_file(bytes)?;
        let r = rustix::fs::renameat_with(&self.fd, &tmp, &self.fd, name, RenameFlags::NOREPLACE);
        match r {
            Ok(()) => Ok(true),
            Err(e) => {
                let _ = rustix::fs::unlinkat(&self.fd, &tmp, AtFlags::empty());
                match e {
                    Errno::EXIST => Ok(false),
                    e => Err(DiskError::Io(self.path_of(name), io_text(e))),
                }
            }
        }
    }

    /// Writes `bytes` as `name`, replacing what `expect` allows.
    pub fn replace(&self, name: &str, bytes: &[u8], expect: Expect) -> Result<(), DiskError> {
        self.check_expect(name, expect)?;
        let tmp = self.temp_file(bytes)?;
        // Checked again with the new bytes ready, so the window between the
        // check and the rename is one system call wide.
        let r = self.check_expect(name, expect).and_then(|_| {
            rustix::fs::renameat(&self.fd, &tmp, &self.fd, name)
                .map_err(|e| DiskError::Io(self.path_of(name), io_text(e)))
        });
        if r.is_err() {
            let _ = rustix::fs::unlinkat(&self.fd, &tmp, AtFlags::empty());
        }
        r
    }

    /// Removes the file `name`, which must be the one that was read.
    pub fn remove(&self, name: &str, expect: Expect) -> Result<(), DiskError> {
        self.check_expect(name, expect)?;
        match rustix::fs::unlinkat(&self.fd, name, AtFlags::empty()) {
            Ok(()) | Err(Errno::NOENT) if expect == Expect::Any => Ok(()),
            Ok(()) => Ok(()),
            Err(e) => Err(DiskError::Io(self.path_of(name), io_text(e))),
        }
    }

    fn check_expect(&self, name: &str, expect: Expect) -> Result<(), DiskError> {
        let now = self.current(name)?;
        match (expect, now) {
            (Expect::Any, _) => Ok(()),
            (Expect::Same(_), Some((_, true))) => Err(DiskError::Link(self.path_of(name))),
            (Expect::Same(want), Some((id, false))) if id == want => Ok(()),
            (Expect::Same(_), _) => Err(DiskError::Stale(self.path_of(name))),
        }
    }

    /// A new empty folder here under an unguessable name: its name and
    /// handle. Filled, then put in place with [`Dir::settle`].
    pub fn temp_dir(&self) -> Result<(String, Dir), DiskError> {
        let mut last = Errno::EXIST;
        for _ in 0..TEMP_TRIES {
            let name = temp_name()?;
            match rustix::fs::mkdirat(&self.fd, &name, Mode::from_raw_mode(0o755)) {
                Ok(()) => return Ok((name.clone(), self.child(&name, false)?)),
                Err(e @ Errno::EXIST) => last = e,
                Err(e) => return Err(DiskError::Io(self.path_of(&name), io_text(e))),
            }
        }
        Err(DiskError::Io(self.shown.clone(), io_text(last)))
    }

    /// Renames the folder `tmp` (from [`Dir::temp_dir`], holding the files
    /// `files`) to `name` unless `name` exists; either way `tmp` is gone
    /// after. `false` when `name` was there already.
    pub fn settle(&self, tmp: &str, files: &[&str], name: &str) -> Result<bool, DiskError> {
        match rustix::fs::renameat_with(&self.fd, tmp, &self.fd, name, RenameFlags::NOREPLACE) {
            Ok(()) => Ok(true),
            Err(e) => {
                self.discard(tmp, files);
                match e {
                    Errno::EXIST | Errno::NOTEMPTY => Ok(false),
                    e => Err(DiskError::Io(self.path_of(name), io_text(e))),
                }
            }
        }
    }

    /// Removes the temporary folder `tmp` and the files `files` in it.
    pub fn discard(&self, tmp: &str, files: &[&str]) {
        if let Ok(d) = self.child(tmp, false) {
            for f in files {
                let _ = rustix::fs::unlinkat(&d.fd, *f, AtFlags::empty());
            }
        }
        let _ = rustix::fs::unlinkat(&self.fd, tmp, AtFlags::REMOVEDIR);
    }
}

fn id_of(st: &rustix::fs::Stat) -> FileId {
    FileId {
        dev: st.st_dev,
        ino: st.st_ino,
    }
}

/// `.chibo-tam-` and 16 hex digits from the OS random source.
fn temp_name() -> Result<String, DiskError> {
    let mut b = [0u8; 8];
    getrandom::fill(&mut b).map_err(|e| DiskError::Io(String::new(), e.to_string()))?;
    Ok(format!("{TEMP_PREFIX}{:016x}", u64::from_le_bytes(b)))
}

/// The folder and the name of `rel` (`a/b/c.md` → `a/b`, `c.md`).
pub fn split(rel: &str) -> (&str, &str) {
    rel.rsplit_once('/').unwrap_or(("", rel))
}

/// Writes `bytes` to `rel` under `root`, making its folders, replacing
/// whatever file is there: for outputs and caches.
pub fn write(root: &Path, rel: &str, bytes: &[u8]) -> Result<(), DiskError> {
    let (dir, name) = split(rel);
    Dir::open(root, dir, true)?.replace(name, bytes, Expect::Any)
}

/// Writes `bytes` to `rel` under `root` only when no such file exists:
/// `false` when one does (nothing written).
pub fn create(root: &Path, rel: &str, bytes: &[u8]) -> Result<bool, DiskError> {
    let (dir, name) = split(rel);
    Dir::open(root, dir, true)?.create(name, bytes)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_linked_folder_on_the_way_is_refused_by_name() {
        let site = tempfile::tempdir().unwrap();
        let away = tempfile::tempdir().unwrap();
        std::fs::create_dir_all(site.path().join("content/activities")).unwrap();
        std::os::unix::fs::symlink(away.path(), site.path().join("content/activities/2098"))
            .unwrap();
        let e = write(site.path(), "content/activities/2098/a.yaml", b"x").unwrap_err();
        assert_eq!(e, DiskError::Link("content/activities/2098".into()));
        assert!(e.to_string().contains("liên kết tượng trưng"));
        assert_eq!(std::fs::read_dir(away.path()).unwrap().count(), 0);
    }

    #[test]
    fn a_replace_refuses_a_file_that_is_not_the_one_read() {
        let site = tempfile::tempdir().unwrap();
        std::fs::write(site.path().join("a.yaml"), "cũ\n").unwrap();
        let dir = Dir::open(site.path(), "", false).unwrap();
        let (_, id) = dir.read("a.yaml").unwrap().unwrap();
        // Someone saves the file meanwhile (a new file renamed in).
        std::fs::write(site.path().join("b"), "của người khác\n").unwrap();
        std::fs::rename(site.path().join("b"), site.path().join("a.yaml")).unwrap();
        let e = dir
            .replace("a.yaml", "mới\n".as_bytes(), Expect::Same(id))
            .unwrap_err();
        assert!(matches!(e, DiskError::Stale(_)));
        assert_eq!(
            std::fs::read_to_string(site.path().join("a.yaml")).unwrap(),
            "của người khác\n"
        );
        let (_, id) = dir.read("a.yaml").unwrap().unwrap();
        dir.replace("a.yaml", "mới\n".as_bytes(), Expect::Same(id))
            .unwrap();
        assert_eq!(
            std::fs::read_to_string(site.path().join("a.yaml")).unwrap(),
            "mới\n"
        );
        let left: Vec<_> = std::fs::read_dir(site.path()).unwrap().collect();
        assert_eq!(left.len(), 1, "no temporary file is left");
    }

    #[test]
    fn a_file_that_is_a_link_is_neither_read_nor_written_through() {
        let site = tempfile::tempdir().unwrap();
        let away = tempfile::tempdir().unwrap();
        let target = away.path().join("bi-mat.txt");
        std::fs::write(&target, "giữ nguyên").unwrap();
        std::os::unix::fs::symlink(&target, site.path().join("a.yaml")).unwrap();
        let dir = Dir::open(site.path(), "", false).unwrap();
        assert_eq!(
            dir.read("a.yaml").unwrap_err(),
            DiskError::Link("a.yaml".into())
        );
        assert!(!dir.create("a.yaml", b"x").unwrap());
        assert_eq!(std::fs::read_to_string(&target).unwrap(), "giữ nguyên");
    }

    #[test]
    fn create_never_replaces_and_temporary_names_are_not_guessable() {
        let site = tempfile::tempdir().unwrap();
        assert!(create(site.path(), "x/y/a.md", b"1").unwrap());
        assert!(!create(site.path(), "x/y/a.md", b"2").unwrap());
        assert_eq!(std::fs::read(site.path().join("x/y/a.md")).unwrap(), b"1");
        let (a, b) = (temp_name().unwrap(), temp_name().unwrap());
        assert_ne!(a, b);
        assert!(a.starts_with(TEMP_PREFIX) && a.len() == TEMP_PREFIX.len() + 16);
    }

    #[test]
    fn paths_that_leave_the_root_are_refused() {
        let site = tempfile::tempdir().unwrap();
        for bad in ["../a", "/etc/passwd", "a/../../b", "a/./b"] {
            assert!(
                matches!(write(site.path(), bad, b"x"), Err(DiskError::BadPath(_))),
                "{bad}"
            );
        }
    }

    #[test]
    fn a_temporary_folder_settles_once() {
        let site = tempfile::tempdir().unwrap();
        let dir = Dir::open(site.path(), "cache", true).unwrap();
        let (tmp, t) = dir.temp_dir().unwrap();
        t.replace("info.txt", b"1", Expect::Any).unwrap();
        assert!(dir.settle(&tmp, &["info.txt"], "abc").unwrap());
        let (tmp, t) = dir.temp_dir().unwrap();
        t.replace("info.txt", b"2", Expect::Any).unwrap();
        assert!(!dir.settle(&tmp, &["info.txt"], "abc").unwrap());
        assert_eq!(
            std::fs::read(site.path().join("cache/abc/info.txt")).unwrap(),
            b"1"
        );
        assert_eq!(
            std::fs::read_dir(site.path().join("cache"))
                .unwrap()
                .count(),
            1
        );
    }
}
