//! One item of a list in a site's YAML file, as the forms edit it: found
//! by the line it starts on and the hash of its text when the form read
//! it, and written back key by key (see [`super::merge`]). Log entries,
//! the register's members and a year's rating records are all such items.

use std::path::Path;

use serde_json::Value as Json;

use crate::diag::Diagnostics;
use crate::yaml::{self, Node, Value, Yaml};

use super::entries::{Span, lines, spans_until};
use super::{EditError, Saved, Source, hash};

/// An item found in its file.
pub(super) struct Found {
    pub src: Source,
    pub span: Span,
    pub node: Node,
}

/// How an item's keys are written: their order, the order inside each
/// nested block (by its key), and a form value as YAML.
pub(super) struct Shape<'a> {
    pub order: &'a [&'a str],
    pub nested: &'a dyn Fn(&str) -> Vec<&'static str>,
}

/// The message when the file is no longer as the form read it.
fn changed(rel: &str) -> EditError {
    EditError::Conflict(format!(
        "{rel} đã thay đổi trên đĩa từ lúc mở biểu mẫu (có người khác sửa, hoặc vừa tải bản mới); hãy mở lại mục này rồi nhập lại. Nội dung bạn nhập vẫn còn trong biểu mẫu."
    ))
}

/// The item of `rel` (a `.yaml` file inside `dir`) that starts at `line`,
/// if its text still hashes to `if_match`. The items are the file's own
/// list, or its one mapping; with `within`, the list under that key when
/// the file is a mapping (a rating file's `members`), else the file's list.
pub(super) fn find(
    root: &Path,
    dir: &str,
    rel: &str,
    line: u32,
    if_match: &str,
    within: Option<&str>,
) -> Result<Found, EditError> {
    if !(rel.ends_with(".yaml") || rel.ends_with(".yml")) {
        return Err(EditError::Refused(format!("`{rel}` không phải tệp .yaml")));
    }
    let src = Source::read(root, dir, rel)?;
    let mut d = Diagnostics::default();
    let tree = yaml::parse(&src.text, rel, 0, &mut d).ok_or_else(|| changed(rel))?;
    let all = lines(&src.text).len() as u32;
    let (list, end) = match (within, &tree.value) {
        (Some(key), Value::Map(_)) => nested_list(&tree, key, all).ok_or_else(|| changed(rel))?,
        _ => (tree, all),
    };
    let items: Vec<Node> = match list.value.clone() {
        Value::Seq(v) => v,
        Value::Map(_) if within.is_none() => vec![list.clone()],
        _ => Vec::new(),
    };
    let (span, node) = spans_until(&src.text, &list, end)
        .into_iter()
        .zip(items)
        .find(|(s, _)| s.first == line)
        .ok_or_else(|| changed(rel))?;
    if !span.editable {
        return Err(EditError::Refused(format!(
            "mục ở {rel}:{line} viết cùng dòng với mục khác; hãy sửa tệp này bằng tay"
        )));
    }
    if hash(&span.text(&lines(&src.text))) != if_match.trim_matches('"') {
        return Err(changed(rel));
    }
    Ok(Found { src, span, node })
}

/// The list under `key` of the top mapping `tree`, and the last line it
/// may reach (the line before the next key, or the file's last).
pub(super) fn nested_list(tree: &Node, key: &str, all: u32) -> Option<(Node, u32)> {
    let Value::Map(map) = &tree.value else {
        return None;
    };
    let at = map.iter().position(|(k, _)| k.name == key)?;
    let end = map
        .iter()
        .skip(at + 1)
        .map(|(k, _)| k.pos.line.saturating_sub(1))
        .filter(|l| *l > map[at].0.pos.line)
        .min()
        .unwrap_or(all);
    Some((map[at].1.clone(), end))
}

/// The item `f` as the form's values `map` now have it: keys whose value
/// did not change keep their lines, changed ones are written anew; the
/// whole item is written anew when it cannot be merged (a flow mapping,
/// or its first key changed).
pub(super) fn rewrite(f: &Found, map: &serde_json::Map<String, Json>, shape: &Shape<'_>) -> String {
    let eol = f.src.eol();
    let raw = f.src.raw_lines();
    let to = |j: &Json, k: &str| to_yaml(j, k, shape.nested);
    let cx = super::merge::Ctx {
        raw: &raw,
        eol,
        to_yaml: &to,
        order: shape.nested,
    };
    let merged = super::merge::merge(
        &cx,
        &f.node,
        (f.span.first, f.span.last),
        map,
        shape.order,
        f.span.dash.is_some(),
    );
    merged.unwrap_or_else(|| {
        let block = yaml::mapping(&ordered(map, shape.order, shape.nested));
        let whole = match f.span.dash {
            Some(col) => as_item(&block, col),
            None => block,
        };
        if eol == "\n" {
            whole
        } else {
            whole.replace('\n', eol)
        }
    })
}

/// The file of an item after an edit.
pub(super) struct Spliced {
    /// Its bytes.
    pub bytes: Vec<u8>,
    /// The text the loader will read.
    pub text: String,
    /// The item's text in it.
    pub entry: String,
    /// What the answer says: the item's lines now and the hash of its
    /// text, for the next edit's `If-Match`.
    pub saved: Saved,
}

/// The file of `f` with the item's lines replaced by `written`.
pub(super) fn spliced(f: &Found, written: &str) -> Spliced {
    let mut d = Diagnostics::default();
    let n = lines(&crate::load::decode(written.as_bytes(), "", &mut d).unwrap_or_default()).len()
        as u32;
    let bytes = f.src.splice(f.span.first, f.span.last, written);
    let text = crate::load::decode(&bytes, &f.src.rel, &mut d).unwrap_or_default();
    let (first, last) = (f.span.first, f.span.first + n.max(1) - 1);
    let shown = lines(&text);
    let entry: String = shown
        [(first as usize - 1).min(shown.len())..(last as usize).min(shown.len())]
        .iter()
        .map(|l| format!("{l}\n"))
        .collect();
    let saved = Saved {
        file: f.src.rel.clone(),
        lines: [first, last],
        hash: hash(&entry),
    };
    Spliced {
        bytes,
        text,
        entry,
        saved,
    }
}

/// The item `f` rewritten with the form's values `map` ([`rewrite`]),
/// its key `fixed` (the member's id, a record's member) kept as it is:
/// a form that sends another value is refused with `moved`.
pub(super) fn rewrite_keeping(
    f: &Found,
    map: &serde_json::Map<String, Json>,
    fixed: &str,
    moved: &str,
    shape: &Shape<'_>,
) -> Result<Spliced, EditError> {
    let old = super::entries::to_json(&f.node)
        .get(fixed)
        .cloned()
        .unwrap_or(Json::Null);
    if map.get(fixed).is_some_and(|v| *v != old) {
        return Err(EditError::Invalid(vec![super::FieldError {
            field: fixed.to_string(),
            message: moved.to_string(),
        }]));
    }
    let mut map = map.clone();
    map.insert(fixed.to_string(), old);
    Ok(spliced(f, &rewrite(f, &map, shape)))
}

/// A form's JSON as YAML: text is NFC with line ends made `\n`, blank
/// text and empty lists are left out (an optional field not filled in),
/// the keys of a mapping come in the order `nested` gives for its key.
pub(super) fn to_yaml(v: &Json, key: &str, nested: &dyn Fn(&str) -> Vec<&'static str>) -> Yaml {
    match v {
        Json::Null => Yaml::Null,
        Json::Bool(b) => Yaml::Bool(*b),
        Json::Number(n) => match n.as_i64() {
            Some(i) => Yaml::Int(i),
            None => Yaml::Float(n.as_f64().unwrap_or(f64::NAN)),
        },
        Json::String(s) => {
            let s = crate::vn::nfc(&s.replace("\r\n", "\n").replace('\r', "\n"));
            let s = if s.contains('\n') {
                s.trim_end().to_string()
            } else {
                s.trim().to_string()
            };
            if s.is_empty() {
                Yaml::Null
            } else {
                Yaml::Str(s)
            }
        }
        Json::Array(items) => {
            let items: Vec<Yaml> = items
                .iter()
                .map(|i| to_yaml(i, key, nested))
                .filter(|y| *y != Yaml::Null)
                .collect();
            if items.is_empty() {
                Yaml::Null
            } else {
                Yaml::Seq(items)
            }
        }
        Json::Object(map) => {
            let entries = ordered(map, &nested(key), nested);
            if entries.is_empty() {
                Yaml::Null
            } else {
                Yaml::Map(entries)
            }
        }
    }
}

/// A JSON object's keys as YAML, those in `order` first and in its order,
/// the empty ones left out.
pub(super) fn ordered(
    map: &serde_json::Map<String, Json>,
    order: &[&str],
    nested: &dyn Fn(&str) -> Vec<&'static str>,
) -> Vec<(String, Yaml)> {
    let mut keys: Vec<&String> = map.keys().collect();
    keys.sort_by_key(|k| order.iter().position(|o| o == k).unwrap_or(usize::MAX));
    keys.into_iter()
        .map(|k| (k.clone(), to_yaml(&map[k], k, nested)))
        .filter(|(_, v)| *v != Yaml::Null)
        .collect()
}

/// `block` as the item of a list whose `-` is at column `dash`.
pub(super) fn as_item(block: &str, dash: usize) -> String {
    let pad = " ".repeat(dash);
    let mut out = String::with_capacity(block.len() + 8);
    for (i, l) in block.split_inclusive('\n').enumerate() {
        if i == 0 {
            out.push_str(&pad);
            out.push_str("- ");
        } else if l != "\n" {
            out.push_str(&pad);
            out.push_str("  ");
        }
        out.push_str(l);
    }
    out
}

/// Every item of `list` (the file's list, or the list under a key, up to
/// line `end`) that can be edited by its lines, as a form reads it.
pub(super) fn listed(text: &str, list: &Node, end: u32) -> Vec<super::Item> {
    let Value::Seq(items) = &list.value else {
        return Vec::new();
    };
    let all = lines(text);
    spans_until(text, list, end)
        .into_iter()
        .zip(items)
        .filter(|(s, _)| s.editable)
        .map(|(s, n)| super::Item {
            line: s.first,
            hash: hash(&s.text(&all)),
            values: super::entries::to_json(n),
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_item_keeps_its_dash_and_indent() {
        assert_eq!(
            as_item("kind: khac\nnews:\n  body: |\n    a\n\n    b\n", 2),
            "  - kind: khac\n    news:\n      body: |\n        a\n\n        b\n"
        );
    }

    #[test]
    fn a_list_under_a_key_ends_before_the_next_key() {
        let text = "members:\n  - member: dv-01\n  - member: dv-02\nmeeting: 2025-12-15\n";
        let mut d = Diagnostics::default();
        let tree = yaml::parse(text, "x.yaml", 0, &mut d).unwrap();
        let (list, end) = nested_list(&tree, "members", 4).unwrap();
        assert_eq!(end, 3);
        let items = listed(text, &list, end);
        assert_eq!(items.len(), 2);
        assert_eq!(items[1].line, 3);
        assert_eq!(items[1].values["member"], "dv-02");
    }
}
