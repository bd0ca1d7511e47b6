//! Problems found in the user's files, collected and reported all at once
//! as `path:line:col: message` (warnings say `cảnh báo:` after the location).

use std::fmt;

/// Whether a problem stops the build.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Severity {
    /// The build fails; nothing is written.
    Error,
    /// Printed; the build goes on.
    Warning,
}

/// A location inside a file; 1-based line and column (columns count
/// characters, not bytes, so Vietnamese text lines up with editors).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Default, Hash)]
pub struct Pos {
    /// 1-based line.
    pub line: u32,
    /// 1-based column, in characters.
    pub col: u32,
}

impl Pos {
    /// The position at `line`, `col`.
    pub fn new(line: u32, col: u32) -> Self {
        Pos { line, col }
    }
    /// Shifts a position found in a slice that starts at `first_line` of the file.
    pub fn shifted(self, lines: u32) -> Self {
        Pos {
            line: self.line + lines,
            col: self.col,
        }
    }
}

/// One located problem.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct Diagnostic {
    /// Error or warning.
    pub severity: Severity,
    /// Path relative to the site root, with `/` separators.
    pub path: String,
    /// Where in the file.
    pub pos: Pos,
    /// What is wrong and how to fix it, in Vietnamese.
    pub message: String,
}

impl fmt::Display for Diagnostic {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", self.path)?;
        if self.pos.line > 0 {
            write!(f, ":{}:{}", self.pos.line, self.pos.col.max(1))?;
        }
        match self.severity {
            Severity::Error => write!(f, ": {}", self.message),
            Severity::Warning => write!(f, ": cảnh báo: {}", self.message),
        }
    }
}

/// A value from the user's file, cut to 80 characters for a message.
pub fn clip(s: &str) -> String {
    match s.char_indices().nth(80) {
        Some((i, _)) => format!("{}…", &s[..i]),
        None => s.to_string(),
    }
}

/// The problems of one run. Plain data: each loader gets `&mut Diagnostics`.
#[derive(Debug, Default, Clone)]
pub struct Diagnostics {
    items: Vec<Diagnostic>,
    /// How many of `items` are errors (counted as they come: a file with
    /// 100,000 mistakes must not make each new check count them again).
    errors: usize,
}

/// Most messages printed for one file; the rest are counted.
pub const MAX_PER_FILE: usize = 200;

impl Diagnostics {
    /// Records an error in `path` at `pos`.
    pub fn error(&mut self, path: &str, pos: Pos, message: impl Into<String>) {
        self.push(Severity::Error, path, pos, message.into());
    }

    /// Records a warning in `path` at `pos`.
    pub fn warning(&mut self, path: &str, pos: Pos, message: impl Into<String>) {
        self.push(Severity::Warning, path, pos, message.into());
    }

    /// Every message is one line: a value quoted from the user's file
    /// keeps its line breaks as `\n`.
    fn push(&mut self, severity: Severity, path: &str, pos: Pos, message: String) {
        let mut message = if message.contains(['\n', '\r']) {
            message.replace("\r\n", "\\n").replace(['\n', '\r'], "\\n")
        } else {
            message
        };
        // A message never carries a whole file: past 2,000 characters it
        // is cut (lists of valid values are far shorter).
        if let Some((i, _)) = message.char_indices().nth(2000) {
            message.truncate(i);
            message.push('…');
        }
        if severity == Severity::Error {
            self.errors += 1;
        }
        self.items.push(Diagnostic {
            severity,
            path: path.to_string(),
            pos,
            message,
        });
    }

    /// Adds every problem of `other`.
    pub fn extend(&mut self, other: Diagnostics) {
        self.errors += other.errors;
        self.items.extend(other.items);
    }

    /// Every problem, in the order found.
    pub fn items(&self) -> &[Diagnostic] {
        &self.items
    }

    /// Whether any problem is an error.
    pub fn has_errors(&self) -> bool {
        self.errors > 0
    }

    /// How many errors.
    pub fn error_count(&self) -> usize {
        self.errors
    }

    /// How many warnings.
    pub fn warning_count(&self) -> usize {
        self.items.len() - self.error_count()
    }

    /// Sorted by file, then position; duplicates removed (a template error
    /// hit by 1,000 pages is reported once).
    /// Problems at the same place keep the order they were found in.
    pub fn sorted(&self) -> Vec<Diagnostic> {
        let mut v = self.items.clone();
        v.sort_by(|a, b| (&a.path, a.pos).cmp(&(&b.path, b.pos)));
        let mut seen = std::collections::HashSet::new();
        v.retain(|d| seen.insert(d.clone()));
        v
    }

    /// The errors alone, without the warnings.
    pub fn errors_only(&self) -> Diagnostics {
        Diagnostics {
            items: self
                .items
                .iter()
                .filter(|d| d.severity == Severity::Error)
                .cloned()
                .collect(),
            errors: self.errors,
        }
    }

    /// Only the errors, rendered (what the preview's overlay shows).
    pub fn render_errors(&self) -> String {
        let mut s = String::new();
        for d in self
            .sorted()
            .iter()
            .filter(|d| d.severity == Severity::Error)
        {
            s.push_str(&d.to_string());
            s.push('\n');
        }
        s
    }

    /// At most [`MAX_PER_FILE`] messages per file, then one line saying
    /// how many more that file has.
    pub fn render(&self) -> String {
        let mut s = String::new();
        let sorted = self.sorted();
        let mut i = 0;
        while i < sorted.len() {
            let path = &sorted[i].path;
            let n = sorted[i..].iter().take_while(|d| &d.path == path).count();
            for d in &sorted[i..i + n.min(MAX_PER_FILE)] {
                s.push_str(&d.to_string());
                s.push('\n');
            }
            if n > MAX_PER_FILE {
                s.push_str(&format!(
                    "{path}: … và {} lỗi hoặc cảnh báo khác trong tệp này (sửa các lỗi trên rồi chạy lại)\n",
                    crate::vn::decimal((n - MAX_PER_FILE) as f64, 0)
                ));
            }
            i += n;
        }
        s
    }
}

/// A file-system or network error said in Vietnamese, with the system's
/// own words kept in brackets for whoever helps.
pub fn io_message(e: &std::io::Error) -> String {
    use std::io::ErrorKind as K;
    let what = match e.kind() {
        K::NotFound => "không có tệp hay thư mục này",
        K::PermissionDenied => "không có quyền",
        K::AlreadyExists => "đã có tệp hay thư mục trùng tên",
        K::StorageFull => "ổ đĩa đã đầy",
        K::ReadOnlyFilesystem => "ổ đĩa chỉ cho đọc",
        K::IsADirectory => "đây là một thư mục, không phải tệp",
        K::NotADirectory => "đây là một tệp, không phải thư mục",
        K::DirectoryNotEmpty => "thư mục không trống",
        K::AddrInUse => "cổng đang được chương trình khác dùng",
        K::AddrNotAvailable => "máy này không có địa chỉ đó",
        K::TimedOut => "quá thời gian chờ",
        K::InvalidData => "nội dung không đọc được",
        _ => "lỗi hệ thống",
    };
    format!("{what} [{e}]")
}

/// Joins valid names for a message: "to-chuc-dang, tin-tuc".
pub fn list(names: &[&str]) -> String {
    names.join(", ")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn renders_path_line_col_message() {
        let mut d = Diagnostics::default();
        d.warning("b.md", Pos::new(2, 1), "ngày trong tương lai");
        d.error("a.md", Pos::new(4, 11), "danh mục `x` không có");
        d.error("a.md", Pos::new(4, 11), "danh mục `x` không có");
        assert_eq!(
            d.render(),
            "a.md:4:11: danh mục `x` không có\nb.md:2:1: cảnh báo: ngày trong tương lai\n"
        );
        assert!(d.has_errors());
        assert_eq!(d.warning_count(), 1);
    }
}
