//! One log entry from a form: its values (JSON, keyed as in the logs)
//! written as YAML in the order a person writes them, checked by the log
//! loader, and added to, rewritten in or removed from its file.

use std::path::Path;

use serde_json::Value as Json;

use crate::diag::Diagnostics;
use crate::load;
use crate::model::meeting::{DEFAULT_CRITERIA, PAPER_KEYS};
use crate::model::{CellLevel, Kind};
use crate::yaml::{self, Value, Yaml};

use super::{Context, EditError, FieldError, Plan, Saved, hash, item};

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

/// A form's JSON as YAML for `key` of an entry of `kind`.
pub(super) fn to_yaml(v: &Json, key: &str, kind: Option<Kind>) -> Yaml {
    item::to_yaml(v, key, &|k| order_of(k, kind))
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
    Ok(yaml::mapping(&item::ordered(map, &key_order(kind), &|k| {
        order_of(k, kind)
    })))
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

/// The entry `found` as the form's values `v` now have it: unchanged keys
/// keep their lines, changed ones are written anew.
fn rewritten(found: &item::Found, v: &Json) -> Result<String, EditError> {
    entry_text(v)?;
    let Json::Object(map) = v else {
        return Err(EditError::invalid(
            "dữ liệu gửi lên phải là một mục nhật ký",
        ));
    };
    let kind = map
        .get("kind")
        .and_then(Json::as_str)
        .and_then(Kind::from_id);
    let order = key_order(kind);
    let nested = |k: &str| order_of(k, kind);
    Ok(item::rewrite(
        found,
        map,
        &item::Shape {
            order: &order,
            nested: &nested,
        },
    ))
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
    let found = item::find(root, LOGS, rel, line, if_match, None)?;
    let written = rewritten(&found, v)?;
    let after = item::spliced(&found, &written);
    let [first, last] = after.saved.lines;
    check(&after.text, rel, ctx, first, last, &after.entry)?;
    Ok(Plan::change(&found.src, Some(after.bytes), after.saved))
}

/// The entry that starts at `line` of `rel` removed, if its text still
/// hashes to `if_match` and removing it breaks nothing else in the file
/// (an alias left without its anchor, for one); a file left with no entry
/// goes.
pub fn remove(root: &Path, rel: &str, line: u32, if_match: &str) -> Result<Plan, EditError> {
    let item::Found { src, span, .. } = item::find(root, LOGS, rel, line, if_match, None)?;
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
    fn errors_are_put_on_the_field_they_are_about() {
        let block = "kind: cap_uy\ndate: 2023-10-12\nattendance:\n  total: 2\n  present: 5\n";
        assert_eq!(key_at(block, 5), "attendance");
        assert_eq!(key_at(block, 2), "date");
    }
}
