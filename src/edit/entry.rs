//! One log entry from a form: its values (JSON, keyed as in the logs)
//! written as YAML in the order a person writes them, checked by the log
//! loader, and added to, rewritten in or removed from its file.

use std::path::Path;

use serde_json::Value as Json;

use crate::diag::Diagnostics;
use crate::load;
use crate::model::{CellLevel, Kind};
use crate::yaml::{self, Value, Yaml};

use super::entries::{Span, lines, spans};
use super::{Context, EditError, FieldError, Saved, create_new, hash, inside, write_atomic};

/// Where log files live.
pub const LOGS: &str = "content/activities";

/// The keys every entry may have, before and after its kind's own.
const HEAD: &[&str] = &["kind", "date", "title", "place", "chair"];
const TAIL: &[&str] = &["documents", "note", "photos", "news"];

/// The order of the keys of a nested block, by its key.
fn order_of(key: &str, kind: Option<Kind>) -> &'static [&'static str] {
    match key {
        "attendance" => &["total", "exempt", "present", "excused"],
        "rating" => &["level", "score"],
        "members" if kind == Some(Kind::XepLoai) => CellLevel::IDS,
        "photos" => &["src", "caption"],
        "news" => &["title", "category", "author", "tags", "slug", "body"],
        _ => &[],
    }
}

/// A form's JSON as YAML: text is NFC with line ends made `\n`, blank
/// text and empty lists are left out (an optional field not filled in),
/// keys come in `order` first.
fn to_yaml(v: &Json, key: &str, kind: Option<Kind>) -> Yaml {
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
                .map(|i| to_yaml(i, key, kind))
                .filter(|y| *y != Yaml::Null)
                .collect();
            if items.is_empty() {
                Yaml::Null
            } else {
                Yaml::Seq(items)
            }
        }
        Json::Object(map) => {
            let entries = ordered(map, order_of(key, kind), kind);
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
fn ordered(
    map: &serde_json::Map<String, Json>,
    order: &[&str],
    kind: Option<Kind>,
) -> Vec<(String, Yaml)> {
    let mut keys: Vec<&String> = map.keys().collect();
    keys.sort_by_key(|k| order.iter().position(|o| o == k).unwrap_or(usize::MAX));
    keys.into_iter()
        .map(|k| (k.clone(), to_yaml(&map[k], k, kind)))
        .filter(|(_, v)| *v != Yaml::Null)
        .collect()
}

/// The entry's YAML text (a block mapping at column 0).
pub fn entry_text(v: &Json) -> Result<String, EditError> {
    let Json::Object(map) = v else {
        return Err(EditError::invalid(
            "dữ liệu gửi lên phải là một mục nhật ký (một khối khóa JSON)",
        ));
    };
    let kind = map
        .get("kind")
        .and_then(Json::as_str)
        .and_then(Kind::from_id);
    let mut order: Vec<&str> = HEAD.to_vec();
    if let Some(k) = kind {
        order.extend(k.fields().iter().map(|f| f.key));
    }
    order.extend_from_slice(TAIL);
    Ok(yaml::mapping(&ordered(map, &order, kind)))
}

/// The top-level key of `block` (the entry's text) that line `line` of it
/// belongs to.
fn key_at(block: &str, line: u32) -> String {
    let mut key = String::new();
    for (i, l) in block.lines().enumerate() {
        if i as u32 + 1 > line {
            break;
        }
        if !l.starts_with([' ', '#', '-']) && !l.is_empty() {
            key = l
                .split(':')
                .next()
                .unwrap_or("")
                .trim_matches('"')
                .to_string();
        }
    }
    key
}

/// The errors the loader finds from line `first` of the file on, for the
/// entry written there as `block`: by field.
fn field_errors(d: &Diagnostics, first: u32, last: u32, block: &str) -> Vec<FieldError> {
    d.items()
        .iter()
        .filter(|m| m.severity == crate::diag::Severity::Error)
        .filter(|m| m.pos.line == 0 || (m.pos.line >= first && m.pos.line <= last))
        .map(|m| {
            // A missing key is reported at `kind:`; the message names it.
            let missing = m
                .message
                .split_once("thiếu khóa `")
                .and_then(|(_, rest)| rest.split_once('`'))
                .map(|(k, _)| k.to_string());
            let field = missing.unwrap_or_else(|| {
                if m.pos.line == 0 {
                    String::new()
                } else {
                    key_at(block, m.pos.line - first + 1)
                }
            });
            FieldError {
                field,
                message: m.message.clone(),
            }
        })
        .collect()
}

/// `block` as the item of a list whose `-` is at column `dash`.
fn as_item(block: &str, dash: usize) -> String {
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

/// Checks `text` (a whole log file) and keeps the errors inside lines
/// `first..=last`, which hold `block`.
fn check(
    text: &str,
    rel: &str,
    ctx: &Context,
    first: u32,
    last: u32,
    block: &str,
) -> Result<(), EditError> {
    let mut d = Diagnostics::default();
    let found = load::parse_log(text, rel, &ctx.refs(), &mut Vec::new(), &mut d);
    let mut errors = field_errors(&d, first, last, block);
    let mine: Vec<_> = found
        .iter()
        .filter(|a| a.pos.line >= first && a.pos.line <= last)
        .collect();
    for news in mine.iter().filter_map(|a| a.news.as_ref()) {
        errors.extend(
            super::body_problems(&news.body)
                .into_iter()
                .map(|message| FieldError {
                    field: "news".into(),
                    message,
                }),
        );
    }
    if !errors.is_empty() {
        return Err(EditError::Invalid(errors));
    }
    if mine.is_empty() {
        return Err(EditError::invalid("mục nhật ký không đọc được"));
    }
    Ok(())
}

/// Adds a new entry as a file of its own,
/// `content/activities/YYYY/YYYY-MM-DD-kind.yaml`.
pub fn create(root: &Path, ctx: &Context, v: &Json) -> Result<Saved, EditError> {
    let block = entry_text(v)?;
    let n = block.lines().count() as u32;
    let probe = "content/activities/moi.yaml";
    check(&block, probe, ctx, 1, n, &block)?;
    let date = v.get("date").and_then(Json::as_str).unwrap_or("");
    let day = date.get(..10).unwrap_or("");
    let kind = v.get("kind").and_then(Json::as_str).unwrap_or("khac");
    let dir = format!("{LOGS}/{}", day.get(..4).unwrap_or("0000"));
    let file = create_new(
        root,
        &dir,
        &format!("{day}-{}", kind.replace('_', "-")),
        "yaml",
        block.as_bytes(),
    )?;
    Ok(Saved {
        file,
        lines: [1, n],
        hash: hash(&block),
    })
}

/// The file's text, its entry starting at `line`, and that entry's span,
/// after checking the hash the form read.
fn find(
    root: &Path,
    rel: &str,
    line: u32,
    if_match: &str,
) -> Result<(std::path::PathBuf, String, Span), EditError> {
    let path = inside(root, LOGS, rel)?;
    if !(rel.ends_with(".yaml") || rel.ends_with(".yml")) {
        return Err(EditError::Refused(format!(
            "`{rel}` không phải tệp nhật ký .yaml"
        )));
    }
    let mut d = Diagnostics::default();
    let text = load::read_text(root, rel, &mut d)
        .ok_or_else(|| EditError::NotFound(format!("không đọc được {rel}")))?;
    let changed = || {
        EditError::Conflict(format!(
            "{rel} đã thay đổi trên đĩa từ lúc mở biểu mẫu (có người khác sửa, hoặc vừa tải bản mới); hãy mở lại mục này rồi nhập lại. Nội dung bạn nhập vẫn còn trong biểu mẫu."
        ))
    };
    let tree = yaml::parse(&text, rel, 0, &mut d).ok_or_else(changed)?;
    let span = spans(&text, &tree)
        .into_iter()
        .find(|s| s.first == line)
        .ok_or_else(changed)?;
    if !span.editable {
        return Err(EditError::Refused(format!(
            "mục ở {rel}:{line} viết cùng dòng với mục khác; hãy sửa tệp này bằng tay"
        )));
    }
    if hash(&span.text(&lines(&text))) != if_match.trim_matches('"') {
        return Err(changed());
    }
    Ok((path, text, span))
}

/// `text` with lines `first..=last` replaced by `with`.
fn splice(text: &str, span: &Span, with: &str) -> String {
    let all = lines(text);
    let mut out = String::with_capacity(text.len() + with.len());
    for l in &all[..span.first as usize - 1] {
        out.push_str(l);
        out.push('\n');
    }
    out.push_str(with);
    for l in &all[span.last as usize..] {
        out.push_str(l);
        out.push('\n');
    }
    if !text.ends_with('\n') && span.last as usize != all.len() {
        out.pop();
    }
    out
}

/// Rewrites the entry that starts at `line` of `rel`, if its text still
/// hashes to `if_match`; every other line of the file is kept.
pub fn replace(
    root: &Path,
    ctx: &Context,
    rel: &str,
    line: u32,
    if_match: &str,
    v: &Json,
) -> Result<Saved, EditError> {
    let (path, text, span) = find(root, rel, line, if_match)?;
    let block = entry_text(v)?;
    let written = match span.dash {
        Some(col) => as_item(&block, col),
        None => block.clone(),
    };
    let n = written.lines().count() as u32;
    let new_text = splice(&text, &span, &written);
    check(&new_text, rel, ctx, span.first, span.first + n - 1, &block)?;
    write_atomic(&path, new_text.as_bytes())?;
    Ok(Saved {
        file: rel.to_string(),
        lines: [span.first, span.first + n - 1],
        hash: hash(&written),
    })
}

/// Removes the entry that starts at `line` of `rel`, if its text still
/// hashes to `if_match`; a file left with no entry is removed.
pub fn remove(root: &Path, rel: &str, line: u32, if_match: &str) -> Result<Saved, EditError> {
    let (path, text, span) = find(root, rel, line, if_match)?;
    let rest = splice(&text, &span, "");
    let mut d = Diagnostics::default();
    let empty = match yaml::parse(&rest, rel, 0, &mut d) {
        Some(n) => {
            matches!(&n.value, Value::Null) || matches!(&n.value, Value::Seq(v) if v.is_empty())
        }
        None => false,
    };
    if empty || span.dash.is_none() {
        std::fs::remove_file(&path).map_err(|e| EditError::Io(crate::diag::io_message(&e)))?;
    } else {
        write_atomic(&path, rest.as_bytes())?;
    }
    Ok(Saved {
        file: rel.to_string(),
        lines: [span.first, span.last],
        hash: String::new(),
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn an_entry_is_written_in_the_order_of_its_kind() {
        let v = json!({
            "news": {"body": "Nội dung.", "title": "Tin"},
            "attendance": {"present": 20, "total": 26, "exempt": 1, "excused": ""},
            "kind": "sinh_hoat_thuong_ky",
            "date": "2023-10-12 14:00",
            "title": "",
            "topics": ["Quán triệt Nghị quyết", " "],
            "documents": [],
        });
        assert_eq!(
            entry_text(&v).unwrap(),
            "kind: sinh_hoat_thuong_ky\ndate: 2023-10-12 14:00\nattendance: { total: 26, exempt: 1, present: 20 }\ntopics:\n  - Quán triệt Nghị quyết\nnews:\n  title: Tin\n  body: Nội dung.\n"
        );
    }

    #[test]
    fn an_item_keeps_its_dash_and_indent() {
        assert_eq!(
            as_item("kind: khac\nnews:\n  body: |\n    a\n\n    b\n", 2),
            "  - kind: khac\n    news:\n      body: |\n        a\n\n        b\n"
        );
    }

    #[test]
    fn errors_are_put_on_the_field_they_are_about() {
        let block = "kind: cap_uy\ndate: 2023-10-12\nattendance:\n  total: 2\n  present: 5\n";
        assert_eq!(key_at(block, 5), "attendance");
        assert_eq!(key_at(block, 2), "date");
    }
}
