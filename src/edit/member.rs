//! The private register (`content/dang-vien.yaml`) as the forms write it.
//! A member added, for `chibo new member` and the preview's members page:
//! the next id, the name and the dates given, the other keys as comments
//! to fill in, appended as a person would write it. A member edited (a
//! status change: a period, the day of full membership, leaving, a
//! badge): only the keys changed are written anew. Either way the file's
//! other bytes are kept, and the register must still read without a new
//! error.

use std::path::Path;

use jiff::civil::Date;

use serde_json::Value as Json;

use super::{EditError, FieldError, Plan, Source, item};
use crate::diag::Diagnostics;
use crate::disk::{Dir, DiskError, Expect, split};
use crate::model::member::{Member, REGISTER_PATH};

/// What a new register starts with.
const HEADER: &str = "# Sổ đảng viên của chi bộ: nội bộ, không bao giờ được đăng lên trang.\n# Chỉ ghi các khóa dưới đây (docs/members.md); không ghi số căn cước, số thẻ, ngày sinh, dân tộc, tôn giáo, gia đình.\n";

/// Adds `name` with the dates `given` (`admitted`, `ceremony`, `joined`)
/// to the register; its new id.
pub fn add(root: &Path, name: &str, given: &[(&str, Date)]) -> Result<String, EditError> {
    let name = crate::vn::nfc(name.trim());
    if name.is_empty() || name.contains(['\n', '\r']) || name.chars().count() > 100 {
        return Err(EditError::Invalid(vec![FieldError {
            field: "name".into(),
            message: "hãy ghi họ và tên trên một dòng (không quá 100 chữ)".into(),
        }]));
    }
    let (dir, file) = split(REGISTER_PATH);
    let d = Dir::open(root, dir, true)?;
    let old = d.read(file)?;
    let text = old
        .as_ref()
        .map(|(b, _)| String::from_utf8_lossy(b).into_owned())
        .unwrap_or_default();
    let mut before = Diagnostics::default();
    let members = crate::load::members::parse(&text, &mut before);
    let id = next_id(&members);
    let eol = if text.contains("\r\n") { "\r\n" } else { "\n" };
    let mut out = text.clone();
    if !out.is_empty() && !out.ends_with('\n') {
        out.push_str(eol);
    }
    if out.is_empty() {
        out.push_str(HEADER);
    }
    out.push_str(&entry_text(&id, &name, given).replace('\n', eol));
    refuse_new_errors(&before, &out)?;
    match old {
        Some((_, fid)) => d.replace(file, out.as_bytes(), Expect::Same(fid))?,
        None => {
            if !d.create(file, out.as_bytes())? {
                return Err(DiskError::Stale(REGISTER_PATH.to_string()).into());
            }
        }
    }
    Ok(id)
}

/// The errors the register's text `after` has that it had not before.
fn refuse_new_errors(before: &Diagnostics, after: &str) -> Result<(), EditError> {
    let mut d = Diagnostics::default();
    crate::load::members::parse(after, &mut d);
    let errors: Vec<FieldError> = d
        .items()
        .iter()
        .filter(|m| m.severity == crate::diag::Severity::Error)
        .filter(|m| !before.items().iter().any(|b| b.message == m.message))
        .map(|m| FieldError {
            field: String::new(),
            message: m.message.clone(),
        })
        .collect();
    if errors.is_empty() {
        Ok(())
    } else {
        Err(EditError::Invalid(errors))
    }
}

/// A member's keys in the order docs/members.md lists them.
pub const KEYS: &[&str] = &[
    "id", "name", "post", "born", "admitted", "ceremony", "official", "joined", "periods", "left",
    "huy_hieu",
];

/// The order of the keys inside a member's blocks.
fn nested(key: &str) -> Vec<&'static str> {
    match key {
        "admitted" => vec!["date", "decision"],
        "periods" => vec!["kind", "from", "to", "reason", "unit"],
        "left" => vec!["date", "form"],
        _ => Vec::new(),
    }
}

/// Every member of the register as the form edits them: the first line,
/// the hash of the entry's text and its values; empty without a register.
pub fn entries(root: &Path) -> Result<Vec<super::Item>, EditError> {
    if std::fs::symlink_metadata(root.join(REGISTER_PATH)).is_err() {
        return Ok(Vec::new());
    }
    let src = match Source::read(root, split(REGISTER_PATH).0, REGISTER_PATH) {
        Ok(s) => s,
        Err(EditError::NotFound(_)) => return Ok(Vec::new()),
        Err(e) => return Err(e),
    };
    let mut d = Diagnostics::default();
    let Some(tree) = crate::yaml::parse(&src.text, REGISTER_PATH, 0, &mut d) else {
        return Ok(Vec::new());
    };
    let end = super::entries::lines(&src.text).len() as u32;
    Ok(item::listed(&src.text, &tree, end))
}

/// The member whose entry starts at `line` rewritten with the form's
/// values `v`, if the entry still hashes to `if_match`. The id stays.
pub fn replace(root: &Path, line: u32, if_match: &str, v: &Json) -> Result<Plan, EditError> {
    let Json::Object(map) = v else {
        return Err(EditError::invalid("dữ liệu gửi lên phải là một đảng viên"));
    };
    let (dir, _) = split(REGISTER_PATH);
    let found = item::find(root, dir, REGISTER_PATH, line, if_match, None)?;
    let after = item::rewrite_keeping(
        &found,
        map,
        "id",
        "mã đảng viên không đổi được: các tệp xếp loại gọi đồng chí này bằng mã ấy",
        &item::Shape {
            order: KEYS,
            nested: &nested,
        },
    )?;
    let mut before = Diagnostics::default();
    crate::load::members::parse(&found.src.text, &mut before);
    refuse_new_errors(&before, &after.text)?;
    Ok(Plan::change(&found.src, Some(after.bytes), after.saved))
}

/// `dv-NN`, one more than the highest number used.
fn next_id(members: &[Member]) -> String {
    let n = members
        .iter()
        .filter_map(|m| m.id.strip_prefix("dv-")?.parse::<u32>().ok())
        .max()
        .unwrap_or(0);
    format!("dv-{:02}", n + 1)
}

/// A new member's entry: the dates given, the other keys to fill in as
/// comments.
fn entry_text(id: &str, name: &str, given: &[(&str, Date)]) -> String {
    let mut t = format!(
        "- id: {id}\n  name: {}\n  post: dang_vien                   # bi_thu | pho_bi_thu | chi_uy_vien | dang_vien\n  # born: 1985                     # chỉ năm sinh (không bắt buộc)\n  # admitted: {{ date: 2025-08-20, decision: 112-QĐ/ĐUK }}   # ngày và số quyết định kết nạp\n  # ceremony: 2025-09-02           # ngày lễ kết nạp (bắt đầu 12 tháng dự bị)\n  # official: 2026-09-02           # ngày được công nhận chính thức\n  # joined: 2019-05-01             # ngày chuyển đến chi bộ (nếu kết nạp nơi khác)\n  # periods:                       # miễn sinh hoạt, sinh hoạt tạm thời\n  #   - {{ kind: mien_sinh_hoat, from: 2026-01-01, reason: tuổi cao }}\n  # left: {{ date: 2027-02-01, form: chuyen_di }}   # chuyen_di | tu_tran | xoa_ten | khai_tru | ra_khoi_dang\n  # huy_hieu: [30]                 # Huy hiệu Đảng đã nhận\n",
        crate::yaml::scalar(name)
    );
    for (key, day) in given {
        let commented = if *key == "admitted" {
            "  # admitted: { date: 2025-08-20, decision: 112-QĐ/ĐUK }   # ngày và số quyết định kết nạp\n".to_string()
        } else {
            let line = t
                .lines()
                .find(|l| l.trim_start().starts_with(&format!("# {key}:")))
                .unwrap_or("")
                .to_string();
            format!("{line}\n")
        };
        let value = if *key == "admitted" {
            format!(
                "  admitted: {{ date: {day} }}            # thêm `decision:` số quyết định kết nạp\n"
            )
        } else {
            format!("  {key}: {day}\n")
        };
        t = t.replacen(&commented, &value, 1);
    }
    t
}
