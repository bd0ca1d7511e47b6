//! The year's rating sheet in the preview's forms: the year's file made
//! from the register, each member's record with their name, the counts
//! per level that stands and the cap on the top level, and the problems
//! `check` finds in the file. Behind the API's token like every call: the
//! sheet names people and is never published. A record is saved through
//! the same trial as every form (`PUT rating?year=Y&line=N`, in
//! [`super::api`]).

use std::path::Path;

use serde_json::{Value as Json, json};

use crate::diag::Diagnostics;
use crate::model::rating::{MemberLevel, TOP_LEVEL_CAP_PERCENT};

/// The year asked for, four digits between 1930 and 2100.
pub(super) fn year_of(s: Option<&str>) -> Result<i16, (u16, Json)> {
    s.map(str::trim)
        .filter(|s| s.len() == 4)
        .and_then(|s| s.parse::<i16>().ok())
        .filter(|y| (1930..=2100).contains(y))
        .ok_or_else(|| {
            (
                400,
                json!({"message": "hãy ghi năm xếp loại bằng bốn chữ số, ví dụ 2025"}),
            )
        })
}

/// The year asked for and the site's logs and register, or the answer
/// that says why not.
fn year_and_site(
    root: &Path,
    year: Option<&str>,
    d: &mut Diagnostics,
) -> Result<(i16, crate::model::Site), (u16, Json)> {
    let year = year_of(year)?;
    let site = crate::load::load_site_with(root, crate::load::Parts::LogsOnly, d)
        .ok_or_else(|| (409, json!({"message": d.render()})))?;
    Ok((year, site))
}

/// `GET rating?year=Y`: the year's sheet, or `exists: false` with the
/// members the file would be made with.
pub(super) fn sheet(root: &Path, year: Option<&str>) -> (u16, Json) {
    let mut d = Diagnostics::default();
    let (year, site) = match year_and_site(root, year, &mut d) {
        Ok(v) => v,
        Err(e) => return e,
    };
    let rel = crate::edit::rating::file_of(year);
    let records = match crate::edit::rating::sheet(root, year) {
        Ok(r) => r,
        Err(e) => return (409, json!({"message": e.to_string()})),
    };
    let levels: Vec<Json> = MemberLevel::ALL
        .iter()
        .map(|l| json!({"id": l.id(), "label": l.label()}))
        .collect();
    let Some(records) = records else {
        return (
            200,
            json!({"year": year, "file": rel, "exists": false, "levels": levels, "registered": site.members.len()}),
        );
    };
    let name_of = |v: &Json| {
        let id = v.get("member").and_then(Json::as_str).unwrap_or("");
        site.members
            .iter()
            .find(|m| m.id == id)
            .map_or_else(String::new, |m| m.name.clone())
    };
    let records: Vec<Json> = records
        .into_iter()
        .map(|crate::edit::Item { line, hash, values }| {
            json!({"line": line, "hash": hash, "name": name_of(&values), "values": values})
        })
        .collect();
    crate::check::warn_future(
        &site,
        crate::check::now_at(site.config.offset_minutes),
        &mut d,
    );
    let problems: Vec<String> = d
        .items()
        .iter()
        .filter(|m| m.path == rel)
        .map(|m| format!("{}:{}: {}", m.path, m.pos.line, m.message))
        .collect();
    let counts: Vec<Json> = site
        .ratings
        .iter()
        .find(|y| y.year == year)
        .map(|y| y.counts())
        .unwrap_or_default()
        .into_iter()
        .map(|(l, n)| json!({"id": l.id(), "label": l.label(), "n": n}))
        .collect();
    (
        200,
        json!({
            "year": year,
            "file": rel,
            "exists": true,
            "levels": levels,
            "records": records,
            "counts": counts,
            "cap_percent": TOP_LEVEL_CAP_PERCENT,
            "problems": problems,
        }),
    )
}

/// `POST rating?year=Y`: the year's file made from the register.
pub(super) fn create(root: &Path, year: Option<&str>) -> (u16, Json) {
    let mut d = Diagnostics::default();
    let (year, site) = match year_and_site(root, year, &mut d) {
        Ok(v) => v,
        Err(e) => return e,
    };
    if site.members.is_empty() {
        return (
            409,
            json!({"message": "chưa có sổ đảng viên; thêm đảng viên trước"}),
        );
    }
    match crate::edit::rating::create(root, &site, year) {
        Ok(rel) => {
            println!("Đã tạo {rel}");
            (201, json!({"file": rel}))
        }
        Err(e @ crate::edit::EditError::Conflict(_)) => (409, json!({"message": e.to_string()})),
        Err(e) => (400, json!({"message": e.to_string()})),
    }
}
