//! One log entry from a form: its values (JSON, keyed as in the logs)
//! written as YAML in the order a person writes them, checked by the log
//! loader, and added to, rewritten in or removed from its file.

use std::path::Path;

use serde_json::Value as Json;

use crate::diag::Diagnostics;
use crate::load;
use crate::model::meeting::{DEFAULT_CRITERIA, PAPER_KEYS};
use crate::model::{CellLevel, Kind};
use crate::yaml::{self, Node, Value, Yaml};

use super::entries::{Span, lines, spans};
use super::{Context, EditError, FieldError, Plan, Saved, Source, hash};

/// Where log files live.
pub const LOGS: &str = "content/activities";

/// The keys every entry may have, before and after its kind's own.
const HEAD: &[&str] = &["kind", "date", "title", "place", "chair"];
const TAIL: &[&str] = &["documents", "note", "photos", "news"];

/// The order of the keys of a nested block, by its key.
fn order_of(key: &str, kind: Option<Kind>) -> Vec<&'static str> {
    let paper = |k: &str| {
        kind.filter(|k| k.is_meeting())
            .and_then(|_| PAPER_KEYS.iter().find(|(p, _)| *p == k))
            .map(|(_, parts)| parts.to_vec())
    };
    match key {
        "attendance" => vec!["total", "exempt", "present", "excused"],
        "rating" => vec!["level", "score"],
        "members" if kind == Some(Kind::XepLoai) => CellLevel::IDS.to_vec(),
        "photos" => vec!["src", "caption"],
        "news" => vec!["title", "category", "author", "tags", "slug", "body"],
        // A score's points in the default sheet's order; a site's own
        // criteria follow in the order of their ids.
        "items" => DEFAULT_CRITERIA.iter().map(|(id, _, _)| *id).collect(),
        _ => paper(key).unwrap_or_default(),
    }
}

/// A form's JSON as YAML: text is NFC with line ends made `\n`, blank
/// text and empty lists are left out (an optional field not filled in),
/// keys come in `order` first.
pub(super) fn to_yaml(v: &Json, key: &str, kind: Option<Kind>) -> Yaml {
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
            let entries = ordered(map, &order_of(key, kind), kind);
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
    Ok(yaml::mapping(&ordered(map, &key_order(kind), kind)))
}

/// The top-level key of `block` (the entry's text, as written in its file)
/// that line `line` of it belongs to.
fn key_at(block: &str, line: u32) -> String {
    // The first line may be `  - kind: …`: its keys sit after the dash.
    let first = block.lines().next().unwrap_or("");
    let lead = first.len() - first.trim_start_matches([' ', '-']).len();
    let mut key = String::new();
    for (i, l) in block.lines().enumerate() {
        if i as u32 + 1 > line {
            break;
        }
        let l = if i == 0 { &l[lead..] } else { l };
        let body = if i == 0 {
            l
        } else {
            l.get(lead..).unwrap_or("")
        };
        let own = i == 0 || l.len() - l.trim_start().len() == lead;
        if own && !body.is_empty() && !body.starts_with(['#', '-', ' ']) {
            key = body
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
/// `first..=last`, which hold `block`: the first entry there, when none.
fn check(
    text: &str,
    rel: &str,
    ctx: &Context,
    first: u32,
    last: u32,
    block: &str,
) -> Result<crate::model::Activity, EditError> {
    let mut d = Diagnostics::default();
    let found = load::parse_log(text, rel, &ctx.refs(), &mut Vec::new(), &mut d);
    let mut errors = field_errors(&d, first, last, block);
    let mut mine: Vec<_> = found
        .into_iter()
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
    Ok(mine.swap_remove(0))
}

/// A new entry as a file of its own,
/// `content/activities/YYYY/YYYY-MM-DD-kind.yaml`, named from its parsed
/// date (never from the text as typed).
pub fn create(root: &Path, ctx: &Context, v: &Json) -> Result<Plan, EditError> {
    let block = entry_text(v)?;
    let n = block.lines().count() as u32;
    let probe = "content/activities/moi.yaml";
    let entry = check(&block, probe, ctx, 1, n, &block)?;
    let day = entry.date.date();
    Plan::new_file(
        root,
        &format!("{LOGS}/{:04}", day.year()),
        &format!("{day}-{}", entry.kind().id().replace('_', "-")),
        "yaml",
        block.clone().into_bytes(),
        Saved {
            file: String::new(),
            lines: [1, n],
            hash: hash(&block),
        },
    )
}

/// The file, its entry starting at `line` and that entry's span, after
/// checking the hash the form read.
fn find(
    root: &Path,
    rel: &str,
    line: u32,
    if_match: &str,
) -> Result<(Source, Span, Node), EditError> {
    if !(rel.ends_with(".yaml") || rel.ends_with(".yml")) {
        return Err(EditError::Refused(format!(
            "`{rel}` không phải tệp nhật ký .yaml"
        )));
    }
    let src = Source::read(root, LOGS, rel)?;
    let changed = || {
        EditError::Conflict(format!(
            "{rel} đã thay đổi trên đĩa từ lúc mở biểu mẫu (có người khác sửa, hoặc vừa tải bản mới); hãy mở lại mục này rồi nhập lại. Nội dung bạn nhập vẫn còn trong biểu mẫu."
        ))
    };
    let mut d = Diagnostics::default();
    let tree = yaml::parse(&src.text, rel, 0, &mut d).ok_or_else(changed)?;
    let items: Vec<Node> = match tree.value.clone() {
        Value::Seq(v) => v,
        Value::Map(_) => vec![tree.clone()],
        _ => Vec::new(),
    };
    let (span, node) = spans(&src.text, &tree)
        .into_iter()
        .zip(items)
        .find(|(s, _)| s.first == line)
        .ok_or_else(changed)?;
    if !span.editable {
        return Err(EditError::Refused(format!(
            "mục ở {rel}:{line} viết cùng dòng với mục khác; hãy sửa tệp này bằng tay"
        )));
    }
    if hash(&span.text(&lines(&src.text))) != if_match.trim_matches('"') {
        return Err(changed());
    }
    Ok((src, span, node))
}

/// The entry `node` on `span` of `src` as the form's values `v` now have
/// it: unchanged keys keep their lines, changed ones are written anew.
fn rewritten(src: &Source, span: &Span, node: &Node, v: &Json) -> Result<String, EditError> {
    let block = entry_text(v)?;
    let eol = src.eol();
    let Json::Object(map) = v else {
        return Err(EditError::invalid(
            "dữ liệu gửi lên phải là một mục nhật ký",
        ));
    };
    let kind = map
        .get("kind")
        .and_then(Json::as_str)
        .and_then(Kind::from_id);
    let raw = src.raw_lines();
    let to = |j: &Json, k: &str| to_yaml(j, k, kind);
    let order_in = |k: &str| order_of(k, kind);
    let cx = super::merge::Ctx {
        raw: &raw,
        eol,
        to_yaml: &to,
        order: &order_in,
    };
    let order = key_order(kind);
    let merged = super::merge::merge(
        &cx,
        node,
        (span.first, span.last),
        map,
        &order,
        span.dash.is_some(),
    );
    Ok(merged.unwrap_or_else(|| {
        let whole = match span.dash {
            Some(col) => as_item(&block, col),
            None => block,
        };
        if eol == "\n" {
            whole
        } else {
            whole.replace('\n', eol)
        }
    }))
}

/// The line count of raw text, as the loader counts lines.
fn line_count(text: &str) -> u32 {
    let mut d = Diagnostics::default();
    lines(&load::decode(text.as_bytes(), "", &mut d).unwrap_or_default()).len() as u32
}

/// The entry that starts at `line` of `rel` rewritten, if its text still
/// hashes to `if_match`: every byte outside it is kept.
pub fn replace(
    root: &Path,
    ctx: &Context,
    rel: &str,
    line: u32,
    if_match: &str,
    v: &Json,
) -> Result<Plan, EditError> {
    let (src, span, node) = find(root, rel, line, if_match)?;
    let written = rewritten(&src, &span, &node, v)?;
    let n = line_count(&written).max(1);
    let bytes = src.splice(span.first, span.last, &written);
    let mut d = Diagnostics::default();
    let new_text = load::decode(&bytes, rel, &mut d).unwrap_or_default();
    let last = span.first + n - 1;
    let shown: Vec<&str> = lines(&new_text);
    let entry_text: String = shown[span.first as usize - 1..(last as usize).min(shown.len())]
        .iter()
        .map(|l| format!("{l}\n"))
        .collect();
    check(&new_text, rel, ctx, span.first, last, &entry_text)?;
    let saved = Saved {
        file: rel.to_string(),
        lines: [span.first, last],
        hash: hash(&entry_text),
    };
    Ok(Plan::change(&src, Some(bytes), saved))
}

/// The entry that starts at `line` of `rel` removed, if its text still
/// hashes to `if_match` and removing it breaks nothing else in the file
/// (an alias left without its anchor, for one); a file left with no entry
/// goes.
pub fn remove(root: &Path, rel: &str, line: u32, if_match: &str) -> Result<Plan, EditError> {
    let (src, span, _) = find(root, rel, line, if_match)?;
    let rest = src.splice(span.first, span.last, "");
    let mut d = Diagnostics::default();
    let rest_text = load::decode(&rest, rel, &mut d).unwrap_or_default();
    let empty = match yaml::parse(&rest_text, rel, 0, &mut d) {
        Some(n) => {
            matches!(&n.value, Value::Null) || matches!(&n.value, Value::Seq(v) if v.is_empty())
        }
        None => false,
    };
    let saved = Saved {
        file: rel.to_string(),
        lines: [span.first, span.last],
        hash: String::new(),
    };
    if empty || span.dash.is_none() {
        return Ok(Plan::change(&src, None, saved));
    }
    let ctx = Context::read(root);
    let problems = |text: &str| {
        let mut d = Diagnostics::default();
        load::parse_log(text, rel, &ctx.refs(), &mut Vec::new(), &mut d);
        d.items()
            .iter()
            .filter(|m| m.severity == crate::diag::Severity::Error)
            .map(|m| m.message.clone())
            .collect::<Vec<_>>()
    };
    let before = problems(&src.text);
    let broken: Vec<String> = problems(&rest_text)
        .into_iter()
        .filter(|m| !before.contains(m))
        .collect();
    if !broken.is_empty() {
        return Err(EditError::Conflict(format!(
            "không xóa: bỏ mục {rel}:{line} làm hỏng phần còn lại của tệp ({}); hãy sửa các mục dùng đến nó trước",
            broken.join("; ")
        )));
    }
    Ok(Plan::change(&src, Some(rest), saved))
}

/// The keys of an entry in the order a person writes them.
fn key_order(kind: Option<Kind>) -> Vec<&'static str> {
    let mut order: Vec<&str> = HEAD.to_vec();
    if let Some(k) = kind {
        order.extend(k.fields().iter().map(|f| f.key));
        if k.is_meeting() {
            order.extend(PAPER_KEYS.iter().map(|(key, _)| *key));
        }
    }
    order.extend_from_slice(TAIL);
    order
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
    fn a_meeting_from_the_form_is_written_in_the_papers_order_and_loads() {
        let v = json!({
            "resolution": {"subject": "về nhiệm vụ tháng 11 năm 2023", "number": "05-NQ/CB"},
            "vote": {"for": 20, "method": "giơ tay", "against": 0},
            "tasks": [{"who": "Chi ủy", "task": "Chuẩn bị hội nghị", "due": "2023-11-30"}],
            "speakers": [{"gist": "Đồng ý", "item": 1, "name": "Trần Thị Bình"}, {"name": "", "gist": ""}],
            "score": {"items": {"to_chuc": 28, "chuan_bi": 9}, "total": 37, "level": "kem"},
            "previous_tasks": [{"done": true, "task": "Nộp báo cáo", "result": "Đã nộp"}],
            "kind": "sinh_hoat_thuong_ky",
            "attendance": {"total": 21, "present": 20, "excused": 1},
            "absent": [{"reason": "ốm", "name": "Lê Văn Cường"}],
            "agenda": ["Thời sự"],
            "end": "16:00",
            "date": "2023-10-12 14:00",
        });
        let text = entry_text(&v).unwrap();
        assert_eq!(
            text,
            "kind: sinh_hoat_thuong_ky\ndate: 2023-10-12 14:00\nattendance: { total: 21, present: 20, excused: 1 }\nend: 16:00\nabsent:\n  - name: Lê Văn Cường\n    reason: ốm\nagenda:\n  - Thời sự\nspeakers:\n  - name: Trần Thị Bình\n    item: 1\n    gist: Đồng ý\nprevious_tasks:\n  - task: Nộp báo cáo\n    result: Đã nộp\n    done: true\ntasks:\n  - task: Chuẩn bị hội nghị\n    who: Chi ủy\n    due: 2023-11-30\nvote:\n  method: giơ tay\n  for: 20\n  against: 0\nscore:\n  total: 37\n  level: kem\n  items: { chuan_bi: 9, to_chuc: 28 }\nresolution:\n  number: 05-NQ/CB\n  subject: về nhiệm vụ tháng 11 năm 2023\n"
        );
        let mut d = Diagnostics::default();
        let (docs, files) = (Default::default(), Default::default());
        let refs = load::Refs {
            config: None,
            documents: &docs,
            static_files: &files,
        };
        let found = load::parse_log(&text, "a.yaml", &refs, &mut Vec::new(), &mut d);
        assert_eq!(d.render(), "");
        let m = found[0].meeting.as_ref().unwrap();
        assert_eq!(m.speakers.len(), 1, "a blank row is left out");
        assert_eq!(m.score.as_ref().unwrap().items.len(), 2);
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
