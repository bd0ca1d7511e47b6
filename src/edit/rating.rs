//! A year's rating of members (`content/xep-loai/YYYY.yaml`) as chibo
//! writes it: the file made for `chibo new rating` and the preview's
//! rating sheet, pre-filled with every member counted on 31 December,
//! those to rate with their keys as comments and those not rated with
//! the reason the register gives; and one member's record edited from the
//! sheet, only its changed keys written anew (docs/members.md, Rating).

use std::path::Path;

use serde_json::Value as Json;

use super::{EditError, FieldError, Plan, Source, item};
use crate::diag::Diagnostics;
use crate::load::rating::DIR;
use crate::model::Site;
use crate::model::rating::{NEW_MEMBER_MONTHS, NotRated, not_rated};
use crate::vn::short_date;
use crate::yaml::{self, Value};

/// A record's keys in the order they are written.
pub const KEYS: &[&str] = &["member", "self", "proposed", "vote", "decided", "not_rated"];

/// The year's file, relative to the site.
pub fn file_of(year: i16) -> String {
    format!("{DIR}/{year}.yaml")
}

/// The year's file as made: every member counted on 31/12, each to rate
/// or not rated with the reason the register gives.
pub fn skeleton(site: &Site, year: i16) -> String {
    let end = jiff::civil::Date::new(year, 12, 31).unwrap_or_default();
    let mut t = format!(
        "# Kiểm điểm, đánh giá, xếp loại chất lượng đảng viên năm {year} (nội bộ, không đăng lên trang).\n# Mức: htxsnv (hoàn thành xuất sắc) | httnv (hoàn thành tốt) | htnv (hoàn thành) | khtnv (không hoàn thành).\n# meeting: {year}-12-15                 # ngày hội nghị kiểm điểm\nmembers:\n"
    );
    for m in &site.members {
        let why = match not_rated(m, end) {
            Some(NotRated::NotInCell) => continue,
            Some(NotRated::Exempt) => Some("miễn công tác và sinh hoạt đảng".to_string()),
            Some(NotRated::New(day)) => Some(format!(
                "kết nạp ngày {}, chưa đủ {NEW_MEMBER_MONTHS} tháng",
                short_date(day)
            )),
            None => None,
        };
        t.push_str(&format!(
            "  - member: {}                   # {}\n",
            m.id, m.name
        ));
        match why {
            Some(why) => t.push_str(&format!("    not_rated: {}\n", yaml::scalar(&why))),
            None => t.push_str("    # self: httnv                  # tự nhận mức\n    # proposed: httnv              # chi bộ đề nghị\n    # vote: { for: 0, against: 0 } # biểu quyết của đảng viên chính thức\n    # decided: httnv               # cấp trên quyết định\n"),
        }
    }
    t
}

/// Writes the year's file as [`skeleton`] makes it; refused when the file
/// is already there (it is then edited, never made again).
pub fn create(root: &Path, site: &Site, year: i16) -> Result<String, EditError> {
    if !(1930..=2100).contains(&year) {
        return Err(EditError::invalid(format!(
            "năm `{year}` không hợp lệ; hãy viết bốn chữ số, ví dụ 2025"
        )));
    }
    let rel = file_of(year);
    if crate::disk::create(root, &rel, skeleton(site, year).as_bytes())? {
        Ok(rel)
    } else {
        Err(EditError::Conflict(format!(
            "{rel} đã có; sửa tệp đó, không tạo lại"
        )))
    }
}

/// The sheet of `year` as the form edits it: the review meeting's day
/// when the file gives it, and each record's first line, hash and values;
/// `None` when the year has no file yet.
pub fn sheet(root: &Path, year: i16) -> Result<Option<Vec<super::Item>>, EditError> {
    let rel = file_of(year);
    if std::fs::symlink_metadata(root.join(&rel)).is_err() {
        return Ok(None);
    }
    let src = match Source::read(root, DIR, &rel) {
        Ok(s) => s,
        Err(EditError::NotFound(_)) => return Ok(None),
        Err(e) => return Err(e),
    };
    let mut d = Diagnostics::default();
    let Some(tree) = yaml::parse(&src.text, &rel, 0, &mut d) else {
        return Ok(Some(Vec::new()));
    };
    let all = super::entries::lines(&src.text).len() as u32;
    let (list, end) = match &tree.value {
        Value::Map(_) => item::nested_list(&tree, "members", all).unwrap_or((tree.clone(), 0)),
        _ => (tree.clone(), all),
    };
    Ok(Some(item::listed(&src.text, &list, end)))
}

/// The order of the keys inside a record's blocks.
fn nested(key: &str) -> Vec<&'static str> {
    match key {
        "vote" => vec!["for", "against"],
        _ => Vec::new(),
    }
}

/// The record of `year` starting at `line` rewritten with the form's
/// values `v`, if it still hashes to `if_match`. The member stays.
pub fn replace(
    root: &Path,
    year: i16,
    line: u32,
    if_match: &str,
    v: &Json,
) -> Result<Plan, EditError> {
    let Json::Object(map) = v else {
        return Err(EditError::invalid(
            "dữ liệu gửi lên phải là bản xếp loại của một đảng viên",
        ));
    };
    let rel = file_of(year);
    let found = item::find(root, DIR, &rel, line, if_match, Some("members"))?;
    let after = item::rewrite_keeping(
        &found,
        map,
        "member",
        "bản xếp loại này là của đảng viên khác; hãy mở lại bảng",
        &item::Shape {
            order: KEYS,
            nested: &nested,
        },
    )?;
    let mut d = Diagnostics::default();
    crate::load::rating::parse(&after.text, &rel, &mut d);
    let [first, last] = after.saved.lines;
    let errors: Vec<FieldError> = d
        .items()
        .iter()
        .filter(|m| m.severity == crate::diag::Severity::Error)
        .filter(|m| m.pos.line == 0 || (first..=last).contains(&m.pos.line))
        .map(|m| FieldError {
            field: String::new(),
            message: m.message.clone(),
        })
        .collect();
    if !errors.is_empty() {
        return Err(EditError::Invalid(errors));
    }
    Ok(Plan::change(&found.src, Some(after.bytes), after.saved))
}
