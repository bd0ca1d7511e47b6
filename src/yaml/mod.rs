//! The one place that parses YAML (granit-parser, the pure-Rust,
//! panic-free parser under serde-saphyr), into a small tree whose
//! every node and key knows its line and column. Typed reading happens on
//! that tree through [`Map`], so every message is ours: Vietnamese, located,
//! naming the key and the valid values.

use std::collections::HashMap;

use crate::diag::{Diagnostics, Pos};

mod emit;
mod read;
pub use emit::{Yaml, block_scalar, mapping, scalar};
pub use read::{Map, closed, count, date, datetime, str_list, text};

/// Largest YAML text we read; a larger file is refused, not parsed.
pub const MAX_BYTES: usize = 4 * 1024 * 1024;

/// A YAML value, after aliases are expanded.
#[derive(Debug, Clone, PartialEq)]
pub enum Value {
    /// `~`, `null` or nothing.
    Null,
    /// `true` or `false`.
    Bool(bool),
    /// A whole number.
    Int(i64),
    /// A number with a fraction.
    Float(f64),
    /// Text, NFC.
    Str(String),
    /// A list.
    Seq(Vec<Node>),
    /// A mapping, in the file's order.
    Map(Vec<(Key, Node)>),
}

/// A value and where it starts.
#[derive(Debug, Clone, PartialEq)]
pub struct Node {
    /// The value.
    pub value: Value,
    /// Where it starts.
    pub pos: Pos,
}

/// A mapping key and where it is.
#[derive(Debug, Clone, PartialEq)]
pub struct Key {
    /// The key's text.
    pub name: String,
    /// Where it is.
    pub pos: Pos,
}

/// Deepest nesting of lists and blocks accepted (a hostile file cannot
/// make the parser or the checks recurse without end).
pub const MAX_DEPTH: usize = 64;
/// Most nodes one file may expand to, aliases included (a "billion laughs"
/// file is refused instead of filling the memory).
pub const MAX_NODES: usize = 2_000_000;
/// Most nodes, and most bytes of text, that aliases may copy in one file.
/// Counted as each alias is met, so a "billion laughs" file is refused
/// after a few thousand copies instead of after filling the memory.
pub const MAX_ALIAS_NODES: usize = 10_000;
/// The most bytes alias expansion may produce.
pub const MAX_ALIAS_BYTES: usize = 1024 * 1024;

enum Frame {
    Seq {
        pos: Pos,
        anchor: usize,
        items: Vec<Node>,
    },
    Map {
        pos: Pos,
        anchor: usize,
        entries: Vec<(Key, Node)>,
        key: Option<Key>,
    },
}

/// A plain (unquoted) scalar as YAML 1.2's core schema reads it, with the
/// choices chibo makes for hand-written logs: only `true`/`false` are booleans (not yes/no/on),
/// and numbers written `017` or `1_000` stay text.
fn resolve_plain(s: &str) -> Value {
    match s {
        "" | "~" | "null" | "Null" | "NULL" => return Value::Null,
        "true" | "True" | "TRUE" => return Value::Bool(true),
        "false" | "False" | "FALSE" => return Value::Bool(false),
        _ => {}
    }
    let digits = s.strip_prefix(['-', '+']).unwrap_or(s);
    if !digits.is_empty() && digits.bytes().all(|b| b.is_ascii_digit()) {
        if digits.len() > 1 && digits.starts_with('0') {
            return Value::Str(s.to_string());
        }
        return match s.parse::<i64>() {
            Ok(i) => Value::Int(i),
            Err(_) => Value::Float(s.parse::<f64>().unwrap_or(f64::NAN)),
        };
    }
    if let Some(hex) = s.strip_prefix("0x")
        && let Ok(i) = i64::from_str_radix(hex, 16)
    {
        return Value::Int(i);
    }
    if let Some(oct) = s.strip_prefix("0o")
        && let Ok(i) = i64::from_str_radix(oct, 8)
    {
        return Value::Int(i);
    }
    let float_like = digits.bytes().any(|b| b.is_ascii_digit())
        && digits
            .bytes()
            .all(|b| b.is_ascii_digit() || matches!(b, b'.' | b'e' | b'E' | b'-' | b'+'))
        && !digits.starts_with(['e', 'E']);
    if float_like
        && let Ok(f) = s.parse::<f64>()
        && f.is_finite()
    {
        return Value::Float(f);
    }
    Value::Str(s.to_string())
}

/// How many nodes a node holds, and how many bytes of text.
fn node_size(n: &Node) -> (usize, usize) {
    match &n.value {
        Value::Seq(v) => v
            .iter()
            .map(node_size)
            .fold((1, 0), |a, b| (a.0 + b.0, a.1 + b.1)),
        Value::Map(v) => v.iter().fold((1, 0), |a, (k, n)| {
            let b = node_size(n);
            (a.0 + 1 + b.0, a.1 + k.name.len() + b.1)
        }),
        Value::Str(t) => (1, t.len()),
        _ => (1, 0),
    }
}

/// Builds the tree from the parser's events. `Err` is a located message.
fn build(text: &str) -> Result<Node, (Pos, String)> {
    let mut tree = Builder::default();
    for item in granit_parser::Parser::new_from_str(text) {
        let (event, span) = item.map_err(|e| parser_error(text, &e))?;
        let pos = Pos::new(span.start.line() as u32, span.start.col() as u32 + 1);
        if let Some((node, anchor)) = tree.node(event, pos)? {
            tree.place(node, anchor, pos)?;
        }
    }
    Ok(tree.root.unwrap_or(Node {
        value: Value::Null,
        pos: Pos::new(1, 1),
    }))
}

/// The parser's own error, located (at the tab, for a tab it refuses).
fn parser_error(text: &str, e: &granit_parser::ScanError) -> (Pos, String) {
    let m = e.marker();
    let mut pos = Pos::new((m.line() as u32).max(1), m.col() as u32 + 1);
    if e.info().to_lowercase().contains("tab")
        && let Some(tab) = tab_position(text, pos)
    {
        pos = tab;
    }
    (pos, syntax_message(&e.info()))
}

/// The tree being built: the open lists and mappings, the anchors met, and
/// the counts that bound what a file may expand to.
#[derive(Default)]
struct Builder {
    stack: Vec<Frame>,
    root: Option<Node>,
    /// Each anchor's node, with its size (nodes, bytes of text).
    anchors: HashMap<usize, (Node, (usize, usize))>,
    nodes: usize,
    alias_nodes: usize,
    alias_bytes: usize,
    documents: usize,
}

impl Builder {
    /// The finished node an event makes, with its anchor (0 for none), or
    /// `None` when the event only opens a list or mapping, or says nothing.
    fn node(
        &mut self,
        event: granit_parser::Event<'_>,
        pos: Pos,
    ) -> Result<Option<(Node, usize)>, (Pos, String)> {
        use granit_parser::{Event, ScalarStyle};
        Ok(match event {
            Event::DocumentStart(..) => {
                self.documents += 1;
                if self.documents > 1 {
                    return Err((
                        pos,
                        "tệp chỉ được có một khối YAML; hãy bỏ dòng `---` thừa".into(),
                    ));
                }
                None
            }
            Event::Scalar(v, style, anchor, tag) => {
                let is_str_tag = tag
                    .as_ref()
                    .is_some_and(|t| t.is_yaml_core_schema_tag("str"));
                let value = if style == ScalarStyle::Plain && !is_str_tag {
                    resolve_plain(&v)
                } else {
                    Value::Str(v.into_owned())
                };
                Some((Node { value, pos }, anchor))
            }
            Event::SequenceStart(_, anchor, _) | Event::MappingStart(_, anchor, _) => {
                if self.stack.len() >= MAX_DEPTH {
                    return Err((
                        pos,
                        format!("tệp lồng nhau quá sâu (quá {MAX_DEPTH} cấp danh sách và khối)"),
                    ));
                }
                self.stack
                    .push(if matches!(event, Event::SequenceStart(..)) {
                        Frame::Seq {
                            pos,
                            anchor,
                            items: Vec::new(),
                        }
                    } else {
                        Frame::Map {
                            pos,
                            anchor,
                            entries: Vec::new(),
                            key: None,
                        }
                    });
                None
            }
            Event::SequenceEnd | Event::MappingEnd => match self.stack.pop() {
                Some(Frame::Seq { pos, anchor, items }) => Some((
                    Node {
                        value: Value::Seq(items),
                        pos,
                    },
                    anchor,
                )),
                Some(Frame::Map {
                    pos,
                    anchor,
                    entries,
                    ..
                }) => Some((
                    Node {
                        value: Value::Map(entries),
                        pos,
                    },
                    anchor,
                )),
                None => None,
            },
            Event::Alias(id) => Some((self.alias(id, pos)?, 0)),
            Event::UnresolvedAlias(_) => return Err((pos, UNKNOWN_ALIAS.into())),
            _ => None,
        })
    }

    /// A copy of the anchored node, counted against the alias limits as it
    /// is met.
    fn alias(&mut self, id: usize, pos: Pos) -> Result<Node, (Pos, String)> {
        let Some((n, (size, bytes))) = self.anchors.get(&id) else {
            return Err((pos, UNKNOWN_ALIAS.into()));
        };
        self.nodes += size;
        self.alias_nodes += size;
        self.alias_bytes += bytes;
        if self.nodes > MAX_NODES
            || self.alias_nodes > MAX_ALIAS_NODES
            || self.alias_bytes > MAX_ALIAS_BYTES
        {
            return Err((pos, ALIAS_TOO_MUCH.into()));
        }
        Ok(Node {
            value: n.value.clone(),
            pos,
        })
    }

    /// Puts a finished node where it belongs: the root, the open list, or
    /// the open mapping (as its key, or as the value of the key before).
    /// `pos` is where the event that finished it is.
    fn place(&mut self, node: Node, anchor: usize, pos: Pos) -> Result<(), (Pos, String)> {
        self.nodes += 1;
        if self.nodes > MAX_NODES {
            return Err((
                pos,
                format!(
                    "tệp có quá nhiều giá trị (quá {} giá trị); hãy chia thành nhiều tệp",
                    crate::vn::decimal(MAX_NODES as f64, 0)
                ),
            ));
        }
        if anchor != 0 {
            let size = node_size(&node);
            self.anchors.insert(anchor, (node.clone(), size));
        }
        match self.stack.last_mut() {
            None => self.root = Some(node),
            Some(Frame::Seq { items, .. }) => items.push(node),
            Some(Frame::Map { entries, key, .. }) => match key.take() {
                Some(k) => entries.push((k, node)),
                None => match node
                    .scalar_text()
                    .or_else(|| (node.value == Value::Null).then(String::new))
                {
                    Some(name) => {
                        *key = Some(Key {
                            name,
                            pos: node.pos,
                        })
                    }
                    None => return Err((node.pos, COMPLEX_KEY.into())),
                },
            },
        }
        Ok(())
    }
}

/// A mapping key that is itself a list or a mapping.
const COMPLEX_KEY: &str =
    "tên khóa phải là một chữ hoặc số, không được là một danh sách hay một khối";

/// Parses `text` (a YAML file, or the front matter of an article that starts
/// `line_offset` lines into its file). `text` must already be NFC, as
/// [`crate::load::read_text`] makes it; strings are taken as they are.
/// Errors go to `diags` under `path`.
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
    match build(text) {
        Ok(mut n) => {
            if line_offset > 0 {
                shift(&mut n, line_offset);
            }
            Some(n)
        }
        Err((pos, msg)) => {
            let pos = Pos::new(pos.line.max(1), pos.col.max(1)).shifted(line_offset);
            diags.error(path, pos, msg);
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

/// The parser's message said in plain Vietnamese: what is wrong at that
/// place and how to fix it. The parser's English never reaches the user.
fn syntax_message(raw: &str) -> String {
    let lower = raw.trim().to_lowercase();
    let says = |words: &[&str]| words.iter().any(|w| lower.contains(w));
    if says(&["multiple documents"]) {
        "tệp chỉ được có một khối YAML; hãy bỏ dòng `---` thừa".into()
    } else if says(&["recursion limit", "too deep"]) {
        format!("tệp lồng nhau quá sâu (quá {MAX_DEPTH} cấp danh sách và khối)")
    } else if says(&["tab"]) {
        "YAML không cho dùng phím Tab để thụt lề hay ngăn cách; hãy thay bằng dấu cách".into()
    } else if says(&["unclosed bracket '['"]) {
        "danh sách mở bằng `[` ở đây chưa có dấu `]` đóng (trên cùng dòng, hoặc trước khóa tiếp theo)".into()
    } else if says(&["unclosed bracket '{'"]) {
        "khối mở bằng `{` ở đây chưa có dấu `}` đóng (trên cùng dòng, hoặc trước khóa tiếp theo)"
            .into()
    } else if says(&["escape"]) {
        "chuỗi trong ngoặc kép có dấu `\\` không hợp lệ; hãy viết `\\\\` cho một dấu `\\`, hoặc dùng ngoặc đơn `'…'`".into()
    } else if says(&["quote"]) {
        "chuỗi mở bằng dấu ngoặc ở đây chưa có dấu ngoặc đóng (`\"…\"` hoặc `'…'`)".into()
    } else if says(&["anchor", "alias"]) {
        UNKNOWN_ALIAS.into()
    } else if says(&["complex key"]) {
        "khóa phải là một chữ đơn, không phải danh sách hay khối".into()
    } else if says(&["mapping values are not allowed"]) {
        "dấu hai chấm `:` không được đứng ở đây: nếu giá trị có dấu hai chấm, hãy đặt cả giá trị trong ngoặc kép (`place: \"Hội trường: tầng 2\"`); nếu đây là một khóa mới, hãy viết nó trên dòng riêng, thụt lề như các khóa khác".into()
    } else if says(&["unexpected character"]) {
        let c = raw
            .split('`')
            .nth(1)
            .and_then(|r| r.chars().next())
            .map_or(String::new(), |c| format!(" `{c}`"));
        format!("giá trị không được bắt đầu bằng ký tự{c}; hãy đặt cả giá trị trong ngoặc kép")
    } else if says(&[
        "expected ':'",
        "indicator",
        "did not find expected key",
        "block end",
        "indentation",
    ]) {
        "thụt lề hoặc dấu hai chấm không đúng: mỗi khóa viết `khóa: giá trị`, và các khóa cùng cấp phải thẳng cột với nhau".into()
    } else {
        "YAML không hợp lệ ở đây: hãy kiểm tra dấu hai chấm, thụt lề và dấu ngoặc của dòng này và dòng trên".into()
    }
}

/// An alias (`*x`) without its anchor (`&x`) before it.
const UNKNOWN_ALIAS: &str = "`*` ở đầu giá trị là bí danh YAML, nhưng không có neo `&…` nào trùng tên đứng trước; nếu đây là chữ, hãy đặt giá trị trong ngoặc kép";

/// A file whose aliases copy more than the limits allow ("billion laughs").
const ALIAS_TOO_MUCH: &str = "các bí danh `*…` của tệp này chép ra quá nhiều dữ liệu (một tệp viết tay không cần đến thế); hãy viết thẳng các giá trị thay cho bí danh";

/// Where the tab a tab error is about really is: the parser points at the
/// start of the value it was reading, often on the line before.
fn tab_position(text: &str, from: Pos) -> Option<Pos> {
    for (i, line) in text
        .split('\n')
        .enumerate()
        .skip(from.line.saturating_sub(1) as usize)
    {
        let skip = if i + 1 == from.line as usize {
            from.col.saturating_sub(1) as usize
        } else {
            0
        };
        let start = line.char_indices().nth(skip).map_or(line.len(), |(b, _)| b);
        if let Some(at) = line[start..].find('\t') {
            let col = line[..start + at].chars().count() as u32 + 1;
            return Some(Pos::new(i as u32 + 1, col));
        }
    }
    None
}

impl Node {
    /// What the value is, in Vietnamese, for messages: "danh sách".
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
        let e = &d.items()[0];
        assert_eq!(e.path, "a.md");
        assert_eq!((e.pos.line, e.pos.col), (2, 8), "{e}");
        assert!(e.message.starts_with("danh sách mở bằng `[`"), "{e}");
    }

    #[test]
    fn syntax_errors_are_said_in_vietnamese_where_the_mistake_is() {
        let cases = [
            (
                "date: [2023-01-05\n",
                "1:7: danh sách mở bằng `[` ở đây chưa có dấu `]`",
            ),
            (
                "place: a: b\n",
                "1:9: dấu hai chấm `:` không được đứng ở đây",
            ),
            (
                "title: \"abc\n",
                "1:8: chuỗi mở bằng dấu ngoặc ở đây chưa có dấu ngoặc đóng",
            ),
            (
                "title: @abc\n",
                "1:8: giá trị không được bắt đầu bằng ký tự `@`",
            ),
            ("note: *abc\n", "1:7: `*` ở đầu giá trị là bí danh YAML"),
            (
                "a: \"\\q\"\n",
                "chuỗi trong ngoặc kép có dấu `\\` không hợp lệ",
            ),
            (
                "a:\n  b: 1\n c: 2\n",
                "3:2: thụt lề hoặc dấu hai chấm không đúng",
            ),
            // The tab is on line 3; the parser points at line 2.
            (
                "kind: cap_uy\ntitle: abc\n\t- x\n",
                "3:1: YAML không cho dùng phím Tab",
            ),
            (
                "attendance:\n  total: 3\n\tpresent: 2\n",
                "3:1: YAML không cho dùng phím Tab",
            ),
        ];
        for (text, want) in cases {
            let mut d = Diagnostics::default();
            assert!(parse(text, "a.yaml", 0, &mut d).is_none(), "{text}");
            let got = d.render();
            assert!(got.contains(want), "{text:?}: {got}");
            for english in [
                "while", "unclosed", "mapping", "found", "expected", "scalar",
            ] {
                assert!(!got.contains(english), "English left in {got}");
            }
        }
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
}
