//! Typed reading of the located tree: a mapping whose keys are checked
//! (unknown ones named with the valid ones), text, counts, lists and dates,
//! each mistake a located Vietnamese message naming the key.

use jiff::civil::{Date, DateTime};

use super::{Key, Node, Value};
use crate::dates::{parse_date, parse_datetime};
use crate::diag::{Diagnostics, Pos, list};
use crate::vn;

/// Reads the keys of one mapping, remembering which keys were asked for so
/// that [`Map::finish`] can name the unknown ones and the valid ones.
pub struct Map<'a> {
    /// The file, for messages.
    pub path: &'a str,
    /// Where the mapping starts.
    pub pos: Pos,
    entries: &'a [(Key, Node)],
    known: Vec<&'static str>,
    /// What the block is called in messages ("site.yaml", "phần đầu bài viết").
    what: &'a str,
}

impl<'a> Map<'a> {
    /// `node` must be a mapping; otherwise an error is reported and `None` returned.
    pub fn new(
        node: &'a Node,
        path: &'a str,
        what: &'a str,
        diags: &mut Diagnostics,
    ) -> Option<Self> {
        match &node.value {
            Value::Map(entries) => {
                for (i, (k, _)) in entries.iter().enumerate() {
                    if entries[..i].iter().any(|(k2, _)| k2.name == k.name) {
                        diags.error(
                            path,
                            k.pos,
                            format!("khóa `{}` bị viết hai lần trong {what}", k.name),
                        );
                    }
                }
                Some(Map {
                    path,
                    pos: node.pos,
                    entries,
                    known: Vec::new(),
                    what,
                })
            }
            Value::Null => Some(Map {
                path,
                pos: node.pos,
                entries: &[],
                known: Vec::new(),
                what,
            }),
            _ => {
                diags.error(
                    path,
                    node.pos,
                    format!(
                        "{what} phải là một khối `khóa: giá trị`, không phải {}",
                        node.kind_name()
                    ),
                );
                None
            }
        }
    }

    /// The value of `key`, if present and not null.
    pub fn get(&mut self, key: &'static str) -> Option<&'a Node> {
        if !self.known.contains(&key) {
            self.known.push(key);
        }
        self.entries
            .iter()
            .find(|(k, _)| k.name == key)
            .map(|(_, n)| n)
            .filter(|n| n.value != Value::Null)
    }

    /// The value of a key that must be present.
    pub fn required(&mut self, key: &'static str, diags: &mut Diagnostics) -> Option<&'a Node> {
        let n = self.get(key);
        if n.is_none() {
            diags.error(
                self.path,
                self.pos,
                format!("thiếu khóa `{key}` trong {}", self.what),
            );
        }
        n
    }

    /// Reports every key that was never asked for, with the valid ones.
    pub fn finish(self, diags: &mut Diagnostics) {
        for (k, _) in self.entries {
            if !self.known.contains(&k.name.as_str()) {
                let mut msg = format!("khóa `{}` không hợp lệ trong {}", k.name, self.what);
                if let Some(s) = vn::suggest(&k.name, &self.known) {
                    msg.push_str(&format!(" (có phải ý bạn là `{s}`?)"));
                }
                msg.push_str(&format!("; các khóa hợp lệ: {}", list(&self.known)));
                diags.error(self.path, k.pos, msg);
            }
        }
    }

    /// An optional text value.
    pub fn str(&mut self, key: &'static str, diags: &mut Diagnostics) -> Option<String> {
        let n = self.get(key)?;
        text(n, self.path, key, diags)
    }

    /// A required text value.
    pub fn req_str(&mut self, key: &'static str, diags: &mut Diagnostics) -> Option<String> {
        let n = self.required(key, diags)?;
        let s = text(n, self.path, key, diags)?;
        if s.trim().is_empty() {
            diags.error(
                self.path,
                n.pos,
                format!("khóa `{key}` không được để trống"),
            );
            return None;
        }
        Some(s)
    }

    /// An optional `true`/`false`.
    pub fn bool(&mut self, key: &'static str, diags: &mut Diagnostics) -> Option<bool> {
        let n = self.get(key)?;
        match n.value {
            Value::Bool(b) => Some(b),
            _ => {
                diags.error(
                    self.path,
                    n.pos,
                    format!(
                        "khóa `{key}` phải là `true` hoặc `false`, không phải `{}`",
                        n.scalar_text().unwrap_or_else(|| n.kind_name().to_string())
                    ),
                );
                None
            }
        }
    }

    /// An optional count (a whole number ≥ 0).
    pub fn count(&mut self, key: &'static str, diags: &mut Diagnostics) -> Option<u32> {
        let n = self.get(key)?;
        count(n, self.path, key, diags)
    }

    /// An optional list of texts, each with its position.
    pub fn str_list(&mut self, key: &'static str, diags: &mut Diagnostics) -> Vec<(String, Pos)> {
        match self.get(key) {
            Some(n) => str_list(n, self.path, key, diags),
            None => Vec::new(),
        }
    }

    /// An optional date.
    pub fn date(&mut self, key: &'static str, diags: &mut Diagnostics) -> Option<Date> {
        let n = self.get(key)?;
        date(n, self.path, key, diags)
    }

    /// A required date.
    pub fn req_date(&mut self, key: &'static str, diags: &mut Diagnostics) -> Option<Date> {
        let n = self.required(key, diags)?;
        date(n, self.path, key, diags)
    }
}

/// The value of `key` from a closed set (ids like `chuyen_di`), or an
/// error at it that says `what` the value is not and lists the valid ids:
/// "khóa `form`: `x` không hợp lệ; các giá trị: chuyen_di, tu_tran".
pub fn closed<T>(
    n: &Node,
    (path, key, what): (&str, &str, &str),
    from_id: fn(&str) -> Option<T>,
    ids: &[&str],
    diags: &mut Diagnostics,
) -> Option<T> {
    let s = text(n, path, key, diags)?;
    let found = from_id(s.trim());
    if found.is_none() {
        diags.error(
            path,
            n.pos,
            format!("khóa `{key}`: `{s}` {what}: {}", list(ids)),
        );
    }
    found
}

/// A scalar as text; a list or block is an error naming `key`.
pub fn text(n: &Node, path: &str, key: &str, diags: &mut Diagnostics) -> Option<String> {
    match n.scalar_text() {
        Some(s) => Some(s),
        None => {
            diags.error(
                path,
                n.pos,
                format!(
                    "khóa `{key}` phải là một dòng chữ, không phải {}",
                    n.kind_name()
                ),
            );
            None
        }
    }
}

/// A whole number ≥ 0.
pub fn count(n: &Node, path: &str, key: &str, diags: &mut Diagnostics) -> Option<u32> {
    match &n.value {
        Value::Int(i) if *i >= 0 && *i <= u32::MAX as i64 => Some(*i as u32),
        Value::Int(i) if *i < 0 => {
            diags.error(
                path,
                n.pos,
                format!("khóa `{key}` phải là số không âm, không phải `{i}`"),
            );
            None
        }
        _ => {
            diags.error(
                path,
                n.pos,
                format!(
                    "khóa `{key}` phải là một số nguyên, không phải `{}`",
                    n.scalar_text().unwrap_or_else(|| n.kind_name().to_string())
                ),
            );
            None
        }
    }
}

/// A list of short texts; a single text is accepted as a one-item list.
pub fn str_list(n: &Node, path: &str, key: &str, diags: &mut Diagnostics) -> Vec<(String, Pos)> {
    match &n.value {
        Value::Seq(items) => items
            .iter()
            .filter_map(|i| text(i, path, key, diags).map(|s| (s, i.pos)))
            .collect(),
        Value::Null => Vec::new(),
        _ => match n.scalar_text() {
            Some(s) => vec![(s, n.pos)],
            None => {
                diags.error(
                    path,
                    n.pos,
                    format!("khóa `{key}` phải là một danh sách, ví dụ `[a, b]`"),
                );
                Vec::new()
            }
        },
    }
}

const DATE_HINT: &str = "hãy viết theo dạng YYYY-MM-DD, ví dụ 2023-11-02";

/// `YYYY-MM-DD`.
pub fn date(n: &Node, path: &str, key: &str, diags: &mut Diagnostics) -> Option<Date> {
    let s = text(n, path, key, diags)?;
    match parse_date(s.trim()) {
        Ok(d) => Some(d),
        Err(why) => {
            diags.error(
                path,
                n.pos,
                format!("khóa `{key}`: ngày `{s}` không hợp lệ: {why}; {DATE_HINT}"),
            );
            None
        }
    }
}

/// `YYYY-MM-DD` or `YYYY-MM-DD HH:MM`; the flag says whether a time was given.
pub fn datetime(
    n: &Node,
    path: &str,
    key: &str,
    diags: &mut Diagnostics,
) -> Option<(DateTime, bool)> {
    let s = text(n, path, key, diags)?;
    match parse_datetime(s.trim()) {
        Ok(v) => Some(v),
        Err(why) => {
            diags.error(
                path,
                n.pos,
                format!(
                    "khóa `{key}`: ngày giờ `{s}` không hợp lệ: {why}; hãy viết YYYY-MM-DD hoặc YYYY-MM-DD HH:MM, ví dụ 2023-11-02 15:03"
                ),
            );
            None
        }
    }
}
