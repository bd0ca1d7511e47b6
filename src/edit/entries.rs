//! Where each entry of a log file is, as lines of its text, and the list
//! of entries the forms show: their file, first line, hash, values and the
//! problems `check` finds in them.

use std::path::Path;

use serde_json::{Value as Json, json};

use crate::diag::Diagnostics;
use crate::load;
use crate::model::Kind;
use crate::yaml::{self, Node, Value};

use super::{Context, hash};

/// The lines of one entry in its file.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Span {
    /// First line (1-based): the `- ` of a list item, or the first key.
    pub first: u32,
    /// Last line, inclusive; blank lines and comments that follow the
    /// entry at its own level or less belong to what comes next.
    pub last: u32,
    /// The column of the item's `-` (0-based), `None` for a file that is
    /// one entry.
    pub dash: Option<usize>,
    /// False when the entry cannot be cut out by lines (a list written on
    /// one line, an item sharing a line with another).
    pub editable: bool,
}

impl Span {
    /// The entry's text: its lines, each with its line end.
    pub fn text(&self, lines: &[&str]) -> String {
        let mut s = String::new();
        for l in &lines[self.first as usize - 1..self.last as usize] {
            s.push_str(l);
            s.push('\n');
        }
        s
    }
}

/// The lines of `text`, without their line ends (a last line without one
/// counts; the empty piece after a final line end does not).
pub fn lines(text: &str) -> Vec<&str> {
    let mut v: Vec<&str> = text.split('\n').collect();
    if text.ends_with('\n') || text.is_empty() {
        v.pop();
    }
    v
}

/// Whether a line is blank, a comment at column `col` or less, or a
/// document marker: it does not belong to the entry above it.
fn trailing(line: &str, col: usize) -> bool {
    let t = line.trim_start();
    let indent = line.len() - t.len();
    t.is_empty() || (t.starts_with('#') && indent <= col) || t == "..." || t == "---"
}

/// Where every entry of a parsed log file is.
pub fn spans(text: &str, root: &Node) -> Vec<Span> {
    spans_until(text, root, lines(text).len() as u32)
}

/// Where every item of `root` (a list, or one mapping) is, the last one
/// ending by line `n` at the latest.
pub fn spans_until(text: &str, root: &Node, n: u32) -> Vec<Span> {
    let lines = lines(text);
    let n = n.min(lines.len() as u32);
    match &root.value {
        Value::Map(_) => {
            let first = root.pos.line.max(1);
            let mut last = n.max(first);
            while last > first && trailing(lines[last as usize - 1], 0) {
                last -= 1;
            }
            vec![Span {
                first,
                last,
                dash: None,
                editable: first <= n,
            }]
        }
        Value::Seq(items) => {
            let dashes: Vec<Option<(u32, usize)>> =
                items.iter().map(|i| dash_of(&lines, i)).collect();
            let mut out = Vec::with_capacity(items.len());
            for (i, item) in items.iter().enumerate() {
                let Some((first, col)) = dashes[i] else {
                    out.push(Span {
                        first: item.pos.line,
                        last: item.pos.line,
                        dash: None,
                        editable: false,
                    });
                    continue;
                };
                let next = dashes[i + 1..]
                    .iter()
                    .find_map(|d| *d)
                    .map_or(n + 1, |(l, _)| l);
                let mut last = next.saturating_sub(1).max(first);
                while last > first && trailing(lines[last as usize - 1], col) {
                    last -= 1;
                }
                // Two items on one line, or an item's dash not alone on
                // the left of its line: not cut by lines.
                let shares =
                    next == first || (i > 0 && out.last().is_some_and(|s: &Span| s.last >= first));
                out.push(Span {
                    first,
                    last,
                    dash: Some(col),
                    editable: !shares && dashes[i + 1..].iter().all(Option::is_some),
                });
            }
            out
        }
        _ => Vec::new(),
    }
}

/// The line and column of the `-` that starts a list item: on the item's
/// own line before it, or alone on the line above.
fn dash_of(lines: &[&str], item: &Node) -> Option<(u32, usize)> {
    let l = item.pos.line.checked_sub(1)? as usize;
    let line = lines.get(l)?;
    let before: String = line
        .chars()
        .take(item.pos.col.saturating_sub(1) as usize)
        .collect();
    let trimmed = before.trim_end();
    if let Some(lead) = trimmed.strip_suffix('-')
        && lead.chars().all(|c| c == ' ')
    {
        return Some((item.pos.line, lead.len()));
    }
    if before.chars().all(|c| c == ' ') && l > 0 {
        let above = lines[l - 1];
        let t = above.trim_start();
        if t == "-" {
            return Some((item.pos.line - 1, above.len() - t.len()));
        }
    }
    None
}

/// A YAML value as JSON, for the forms to fill themselves in.
pub fn to_json(n: &Node) -> Json {
    match &n.value {
        Value::Null => Json::Null,
        Value::Bool(b) => Json::Bool(*b),
        Value::Int(i) => json!(i),
        Value::Float(f) => json!(f),
        Value::Str(s) => Json::String(s.clone()),
        Value::Seq(v) => Json::Array(v.iter().map(to_json).collect()),
        Value::Map(m) => Json::Object(
            m.iter()
                .map(|(k, v)| (k.name.clone(), to_json(v)))
                .collect(),
        ),
    }
}

/// Every entry of the logs dated from `from` to `to` (`YYYY-MM-DD`, both
/// optional), oldest first, each with its file, lines, hash, values and
/// the problems the loader reports inside its lines.
pub fn list(root: &Path, ctx: &Context, from: Option<&str>, to: Option<&str>) -> Vec<Json> {
    let mut d = Diagnostics::default();
    let files = load::list_files(root, "content/activities", &[".yaml", ".yml"], &mut d);
    let refs = ctx.refs();
    let mut out: Vec<(String, Json)> = Vec::new();
    for rel in files {
        let mut fd = Diagnostics::default();
        let Some(text) = load::read_text(root, &rel, &mut fd) else {
            continue;
        };
        load::parse_log(&text, &rel, &refs, &mut Vec::new(), &mut fd);
        let mut pd = Diagnostics::default();
        let Some(tree) = yaml::parse(&text, &rel, 0, &mut pd) else {
            // The file does not parse: one row that says why.
            out.push((
                String::new(),
                json!({
                    "file": rel, "line": 1, "lines": [1, 1], "hash": "", "editable": false,
                    "kind": "", "kind_label": "", "date": "", "title": "",
                    "problems": messages(&fd, 1, u32::MAX), "entry": Json::Null,
                }),
            ));
            continue;
        };
        let lines = lines(&text);
        let items: Vec<&Node> = match &tree.value {
            Value::Seq(v) => v.iter().collect(),
            Value::Map(_) => vec![&tree],
            _ => Vec::new(),
        };
        for (node, span) in items.into_iter().zip(spans(&text, &tree)) {
            let entry = to_json(node);
            let date = entry
                .get("date")
                .map(|v| match v {
                    Json::String(s) => s.clone(),
                    other => other.to_string(),
                })
                .unwrap_or_default();
            let day = date.get(..10).unwrap_or(&date);
            if from.is_some_and(|f| day < f) || to.is_some_and(|t| day > t) {
                continue;
            }
            let kind = entry.get("kind").and_then(Json::as_str).unwrap_or("");
            let label = Kind::from_id(kind).map_or("", |k| k.label());
            out.push((
                date.clone(),
                json!({
                    "file": rel,
                    "line": span.first,
                    "lines": [span.first, span.last],
                    "hash": hash(&span.text(&lines)),
                    "editable": span.editable,
                    "kind": kind,
                    "kind_label": label,
                    "date": date,
                    "title": entry.get("title").and_then(Json::as_str).unwrap_or(""),
                    "problems": messages(&fd, span.first, span.last),
                    "entry": entry,
                }),
            ));
        }
    }
    out.sort_by(|a, b| a.0.cmp(&b.0));
    out.into_iter().map(|(_, j)| j).collect()
}

/// The messages located from line `first` to `last`, each with its line.
fn messages(d: &Diagnostics, first: u32, last: u32) -> Vec<Json> {
    d.items()
        .iter()
        .filter(|m| m.pos.line >= first && m.pos.line <= last)
        .map(|m| {
            json!({
                "line": m.pos.line,
                "warning": m.severity == crate::diag::Severity::Warning,
                "message": m.message,
            })
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn spans_of(text: &str) -> Vec<(u32, u32, Option<usize>, bool)> {
        let mut d = Diagnostics::default();
        let root = yaml::parse(text, "a.yaml", 0, &mut d).unwrap();
        spans(text, &root)
            .into_iter()
            .map(|s| (s.first, s.last, s.dash, s.editable))
            .collect()
    }

    #[test]
    fn list_items_span_their_lines_and_leave_comments_between_to_the_next() {
        let text = "# Nhật ký tháng 10\n- kind: cap_uy\n  date: 2023-10-02\n  # ghi chú trong mục\n\n# mục sau\n- kind: khac\n  date: 2023-10-05\n-\n  kind: khac\n  date: 2023-10-06\n# cuối tệp\n";
        assert_eq!(
            spans_of(text),
            [
                (2, 4, Some(0), true),
                (7, 8, Some(0), true),
                (9, 11, Some(0), true)
            ]
        );
    }

    #[test]
    fn a_file_of_one_entry_spans_from_its_first_key_to_its_last_line() {
        let text =
            "# Sinh hoạt\nkind: khac\ndate: 2023-10-05\nnews:\n  body: |\n    Dòng.\n\n# hết\n";
        assert_eq!(spans_of(text), [(2, 6, None, true)]);
    }

    #[test]
    fn a_list_on_one_line_is_not_cut_by_lines() {
        let text = "[{kind: khac, date: 2023-10-05}, {kind: khac, date: 2023-10-06}]\n";
        assert!(spans_of(text).iter().all(|s| !s.3));
        let text = "entries:\n  - kind: khac\n";
        assert_eq!(spans_of(text), [(1, 2, None, true)]);
    }
}
