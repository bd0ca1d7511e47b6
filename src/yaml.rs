//! The one place that parses YAML (serde-saphyr), into a small tree whose
//! every node and key knows its line and column. Typed reading happens on
//! that tree through [`Map`], so every message is ours: Vietnamese, located,
//! naming the key and the valid values.

use std::fmt;

use jiff::civil::{Date, DateTime};
use serde::de::{self, Deserialize, Deserializer, MapAccess, SeqAccess, Visitor};
use serde_saphyr::Spanned;

use crate::diag::{Diagnostics, Pos, list};
use crate::vn;

/// Largest YAML text we read; a larger file is refused, not parsed.
pub const MAX_BYTES: usize = 4 * 1024 * 1024;

#[derive(Debug, Clone, PartialEq)]
pub enum Value {
    Null,
    Bool(bool),
    Int(i64),
    Float(f64),
    Str(String),
    Seq(Vec<Node>),
    Map(Vec<(Key, Node)>),
}

#[derive(Debug, Clone, PartialEq)]
pub struct Node {
    pub value: Value,
    pub pos: Pos,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Key {
    pub name: String,
    pub pos: Pos,
}

fn pos_of(loc: &serde_saphyr::Location) -> Pos {
    Pos::new(loc.line() as u32, loc.column() as u32)
}

impl<'de> Deserialize<'de> for Node {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let s = Spanned::<Value>::deserialize(d)?;
        Ok(Node {
            value: s.value,
            pos: pos_of(&s.referenced),
        })
    }
}

struct KeyName(String);

impl<'de> Deserialize<'de> for KeyName {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct V;
        impl Visitor<'_> for V {
            type Value = KeyName;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("a key")
            }
            fn visit_str<E: de::Error>(self, v: &str) -> Result<KeyName, E> {
                Ok(KeyName(vn::nfc(v)))
            }
            fn visit_i64<E: de::Error>(self, v: i64) -> Result<KeyName, E> {
                Ok(KeyName(v.to_string()))
            }
            fn visit_u64<E: de::Error>(self, v: u64) -> Result<KeyName, E> {
                Ok(KeyName(v.to_string()))
            }
            fn visit_f64<E: de::Error>(self, v: f64) -> Result<KeyName, E> {
                Ok(KeyName(v.to_string()))
            }
            fn visit_bool<E: de::Error>(self, v: bool) -> Result<KeyName, E> {
                Ok(KeyName(v.to_string()))
            }
            fn visit_unit<E: de::Error>(self) -> Result<KeyName, E> {
                Ok(KeyName(String::new()))
            }
        }
        d.deserialize_any(V)
    }
}

impl<'de> Deserialize<'de> for Value {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct V;
        impl<'de> Visitor<'de> for V {
            type Value = Value;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("a YAML value")
            }
            fn visit_bool<E: de::Error>(self, v: bool) -> Result<Value, E> {
                Ok(Value::Bool(v))
            }
            fn visit_i64<E: de::Error>(self, v: i64) -> Result<Value, E> {
                Ok(Value::Int(v))
            }
            fn visit_u64<E: de::Error>(self, v: u64) -> Result<Value, E> {
                Ok(i64::try_from(v).map_or(Value::Float(v as f64), Value::Int))
            }
            fn visit_i128<E: de::Error>(self, v: i128) -> Result<Value, E> {
                Ok(i64::try_from(v).map_or(Value::Float(v as f64), Value::Int))
            }
            fn visit_u128<E: de::Error>(self, v: u128) -> Result<Value, E> {
                Ok(i64::try_from(v).map_or(Value::Float(v as f64), Value::Int))
            }
            fn visit_f64<E: de::Error>(self, v: f64) -> Result<Value, E> {
                Ok(Value::Float(v))
            }
            fn visit_str<E: de::Error>(self, v: &str) -> Result<Value, E> {
                Ok(Value::Str(vn::nfc(v)))
            }
            fn visit_string<E: de::Error>(self, v: String) -> Result<Value, E> {
                Ok(Value::Str(vn::nfc(&v)))
            }
            fn visit_unit<E: de::Error>(self) -> Result<Value, E> {
                Ok(Value::Null)
            }
            fn visit_none<E: de::Error>(self) -> Result<Value, E> {
                Ok(Value::Null)
            }
            fn visit_some<D: Deserializer<'de>>(self, d: D) -> Result<Value, D::Error> {
                Value::deserialize(d)
            }
            fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Value, A::Error> {
                let mut v = Vec::new();
                while let Some(n) = seq.next_element::<Node>()? {
                    v.push(n);
                }
                Ok(Value::Seq(v))
            }
            fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Value, A::Error> {
                let mut v = Vec::new();
                while let Some(k) = map.next_key::<Spanned<KeyName>>()? {
                    let node = map.next_value::<Node>()?;
                    v.push((
                        Key {
                            name: k.value.0,
                            pos: pos_of(&k.referenced),
                        },
                        node,
                    ));
                }
                Ok(Value::Map(v))
            }
        }
        d.deserialize_any(V)
    }
}

/// Parses `text` (a YAML file, or the front matter of an article that starts
/// `line_offset` lines into its file). Errors go to `diags` under `path`.
pub fn parse(text: &str, path: &str, line_offset: u32, diags: &mut Diagnostics) -> Option<Node> {
    if text.len() > MAX_BYTES {
        diags.error(
            path,
            Pos::new(1 + line_offset, 1),
            format!(
                "tệp YAML quá lớn ({} byte; tối đa {MAX_BYTES} byte)",
                text.len()
            ),
        );
        return None;
    }
    if text.trim().is_empty() {
        return Some(Node {
            value: Value::Null,
            pos: Pos::new(1 + line_offset, 1),
        });
    }
    let options = serde_saphyr::options! {
        strict_booleans: true,
        leading_zero_numbers_as_strings: true,
        underscored_numbers_as_strings: true,
        with_snippet: false,
    };
    match serde_saphyr::from_str_with_options::<Node>(text, options) {
        Ok(mut n) => {
            if line_offset > 0 {
                shift(&mut n, line_offset);
            }
            Some(n)
        }
        Err(e) => {
            let pos = e.location().map(|l| pos_of(&l)).unwrap_or(Pos::new(1, 1));
            let pos = Pos::new(pos.line.max(1), pos.col.max(1)).shifted(line_offset);
            diags.error(path, pos, syntax_message(&e));
            None
        }
    }
}

fn shift(n: &mut Node, lines: u32) {
    n.pos = n.pos.shifted(lines);
    match &mut n.value {
        Value::Seq(items) => items.iter_mut().for_each(|i| shift(i, lines)),
        Value::Map(entries) => {
            for (k, v) in entries {
                k.pos = k.pos.shifted(lines);
                shift(v, lines);
            }
        }
        _ => {}
    }
}

/// The parser's message, with its own "line X column Y:" prefix removed
/// (we print the location ourselves) and the common cases in Vietnamese.
fn syntax_message(e: &serde_saphyr::Error) -> String {
    let raw = e.without_snippet().to_string();
    let mut msg = raw.trim();
    if let Some(rest) = msg.strip_prefix("error: ") {
        msg = rest;
    }
    if msg.starts_with("line ")
        && let Some((_, rest)) = msg.split_once(": ")
    {
        msg = rest;
    }
    // The parser counts lines from the start of the YAML block, which is not
    // the file's line in front matter; we print the right location ourselves.
    let msg = match msg.find(" at line ") {
        Some(i) => &msg[..i],
        None => msg,
    };
    let lower = msg.to_lowercase();
    let hint = if lower.contains("duplicate") {
        "khóa bị lặp lại trong cùng một khối; mỗi khóa chỉ được viết một lần"
    } else if lower.contains("tab") {
        "YAML không cho dùng phím Tab để thụt lề; hãy thay bằng dấu cách"
    } else if lower.contains("budget") || lower.contains("recursion") || lower.contains("depth") {
        "tệp lồng nhau quá sâu hoặc quá lớn"
    } else {
        "lỗi cú pháp YAML (kiểm tra dấu hai chấm, thụt lề và dấu ngoặc kép)"
    };
    format!("{hint} [{msg}]")
}

impl Node {
    pub fn kind_name(&self) -> &'static str {
        match self.value {
            Value::Null => "rỗng",
            Value::Bool(_) => "đúng/sai",
            Value::Int(_) | Value::Float(_) => "số",
            Value::Str(_) => "chữ",
            Value::Seq(_) => "danh sách",
            Value::Map(_) => "khối khóa",
        }
    }

    /// The scalar as text, as the user wrote it (numbers and booleans too).
    pub fn scalar_text(&self) -> Option<String> {
        match &self.value {
            Value::Str(s) => Some(s.clone()),
            Value::Int(i) => Some(i.to_string()),
            Value::Float(f) => Some(f.to_string()),
            Value::Bool(b) => Some(b.to_string()),
            _ => None,
        }
    }
}

/// Reads the keys of one mapping, remembering which keys were asked for so
/// that [`Map::finish`] can name the unknown ones and the valid ones.
pub struct Map<'a> {
    pub path: &'a str,
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

    pub fn str(&mut self, key: &'static str, diags: &mut Diagnostics) -> Option<String> {
        let n = self.get(key)?;
        text(n, self.path, key, diags)
    }

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

    pub fn count(&mut self, key: &'static str, diags: &mut Diagnostics) -> Option<u32> {
        let n = self.get(key)?;
        count(n, self.path, key, diags)
    }

    pub fn str_list(&mut self, key: &'static str, diags: &mut Diagnostics) -> Vec<(String, Pos)> {
        match self.get(key) {
            Some(n) => str_list(n, self.path, key, diags),
            None => Vec::new(),
        }
    }

    pub fn date(&mut self, key: &'static str, diags: &mut Diagnostics) -> Option<Date> {
        let n = self.get(key)?;
        date(n, self.path, key, diags)
    }

    pub fn req_date(&mut self, key: &'static str, diags: &mut Diagnostics) -> Option<Date> {
        let n = self.required(key, diags)?;
        date(n, self.path, key, diags)
    }
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

fn digits(s: &str, n: usize) -> Option<i32> {
    if s.len() == n && s.bytes().all(|b| b.is_ascii_digit()) {
        s.parse().ok()
    } else {
        None
    }
}

/// Parses `YYYY-MM-DD`, with a reason in Vietnamese when it is wrong.
pub fn parse_date(s: &str) -> Result<Date, String> {
    let mut it = s.split('-');
    let (Some(y), Some(m), Some(d), None) = (it.next(), it.next(), it.next(), it.next()) else {
        return Err("sai dạng".into());
    };
    let (Some(y), Some(m), Some(d)) = (digits(y, 4), digits(m, 2), digits(d, 2)) else {
        return Err("sai dạng".into());
    };
    if !(1..=12).contains(&m) {
        return Err(format!("không có tháng {m}"));
    }
    let first = Date::new(y as i16, m as i8, 1).map_err(|_| "năm không hợp lệ".to_string())?;
    if d < 1 || d > first.days_in_month() as i32 {
        return Err(format!(
            "tháng {m}/{y} chỉ có {} ngày",
            first.days_in_month()
        ));
    }
    Date::new(y as i16, m as i8, d as i8).map_err(|e| e.to_string())
}

/// Parses `YYYY-MM-DD` or `YYYY-MM-DD HH:MM` (a `T` may stand for the space).
pub fn parse_datetime(s: &str) -> Result<(DateTime, bool), String> {
    let (d, t) = match s.split_once([' ', 'T']) {
        Some((d, t)) => (d, Some(t.trim())),
        None => (s, None),
    };
    let date = parse_date(d)?;
    match t {
        None => Ok((date.at(0, 0, 0, 0), false)),
        Some(t) => {
            let (h, m) = t.split_once(':').ok_or("giờ phải có dạng HH:MM")?;
            let (Some(h), Some(m)) = (digits(h, 2), digits(m, 2)) else {
                return Err("giờ phải có dạng HH:MM".into());
            };
            if h > 23 || m > 59 {
                return Err(format!("không có giờ {h:02}:{m:02}"));
            }
            Ok((date.at(h as i8, m as i8, 0, 0), true))
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse_ok(s: &str) -> Node {
        let mut d = Diagnostics::default();
        let n = parse(s, "t.yaml", 0, &mut d).unwrap();
        assert!(!d.has_errors(), "{}", d.render());
        n
    }

    #[test]
    fn nodes_know_their_line_and_column() {
        let n = parse_ok("title: Chi bộ\ntags: [Đảng, dân vận]\nn: 3\n");
        let Value::Map(m) = &n.value else { panic!() };
        assert_eq!(m[0].0.name, "title");
        assert_eq!(m[0].0.pos, Pos::new(1, 1));
        assert_eq!(m[1].1.pos, Pos::new(2, 7));
        let Value::Seq(s) = &m[1].1.value else {
            panic!()
        };
        assert_eq!(s[1].pos, Pos::new(2, 14));
        assert_eq!(m[2].1.value, Value::Int(3));
    }

    #[test]
    fn yes_no_stay_strings_and_dates_stay_text() {
        let n = parse_ok("a: no\nb: 017\nd: 2023-11-02 15:03\n");
        let Value::Map(m) = &n.value else { panic!() };
        assert_eq!(m[0].1.value, Value::Str("no".into()));
        assert_eq!(m[1].1.value, Value::Str("017".into()));
        assert_eq!(m[2].1.value, Value::Str("2023-11-02 15:03".into()));
    }

    #[test]
    fn syntax_error_is_located_and_shifted() {
        let mut d = Diagnostics::default();
        assert!(parse("title: [a, b\n", "a.md", 1, &mut d).is_none());
        let e = &d.items[0];
        assert_eq!(e.path, "a.md");
        assert!(e.pos.line >= 2, "{e}");
        assert!(e.message.contains("YAML"), "{e}");
    }

    #[test]
    fn unknown_key_names_valid_ones() {
        let n = parse_ok("titel: x\n");
        let mut d = Diagnostics::default();
        let mut m = Map::new(&n, "a.md", "phần đầu bài viết", &mut d).unwrap();
        m.get("title");
        m.get("date");
        m.finish(&mut d);
        assert_eq!(
            d.render(),
            "a.md:1:1: khóa `titel` không hợp lệ trong phần đầu bài viết (có phải ý bạn là `title`?); các khóa hợp lệ: title, date\n"
        );
    }

    #[test]
    fn dates_are_checked_for_real() {
        assert!(parse_date("2023-02-29").unwrap_err().contains("28 ngày"));
        assert!(parse_date("2024-02-29").is_ok());
        assert!(parse_date("2023-13-01").unwrap_err().contains("tháng 13"));
        assert!(parse_date("02/11/2023").is_err());
        let (dt, t) = parse_datetime("2023-11-02 15:03").unwrap();
        assert!(t);
        assert_eq!((dt.hour(), dt.minute()), (15, 3));
        assert!(parse_datetime("2023-11-02 25:00").is_err());
    }
}
