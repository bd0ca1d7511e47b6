//! The members' register in the preview's forms: the register on a day
//! with its deadlines, and a member added. Behind the API's token like
//! every call: the register names people and is never published.

use std::path::Path;

use jiff::civil::Date;
use serde_json::{Value as Json, json};

use crate::diag::Diagnostics;
use crate::model::member::counts_on;

/// `GET members?date=D`: the register on D (today by default): its
/// numbers, each member counted with their status, what falls due.
pub(super) fn list(root: &Path, date: Option<&str>) -> (u16, Json) {
    let mut d = Diagnostics::default();
    let Some(site) = crate::load::load_site_with(root, crate::load::Parts::LogsOnly, &mut d) else {
        return (409, json!({"message": d.render()}));
    };
    let today = crate::check::now_at(site.config.offset_minutes).date();
    let day = match date.filter(|s| !s.trim().is_empty()) {
        None => today,
        Some(s) => match crate::dates::parse_date(s.trim()) {
            Ok(d) => d,
            Err(why) => {
                return (
                    400,
                    json!({"message": format!("ngày `{s}` không hợp lệ: {why}")}),
                );
            }
        },
    };
    let c = counts_on(&site.members, day);
    let members: Vec<Json> = site
        .members
        .iter()
        .filter(|m| m.status(day).counted)
        .map(|m| {
            let status = m.status(day).describe().unwrap_or_default();
            json!({"id": m.id, "name": m.name, "post": m.post.label(), "status": status})
        })
        .collect();
    let due: Vec<Json> = crate::check::members::due(&site, day)
        .into_iter()
        .map(|x| json!({"day": x.day.to_string(), "what": x.what, "overdue": x.overdue}))
        .collect();
    // Every member as the edit form reads them, with their status that
    // day (those who have left or not yet come in too).
    let entries: Vec<Json> = match crate::edit::member::entries(root) {
        Ok(list) => list
            .into_iter()
            .map(|crate::edit::Item { line, hash, values }| {
                let id = values.get("id").and_then(Json::as_str).unwrap_or("");
                let status = site
                    .members
                    .iter()
                    .find(|m| m.id == id)
                    .map(|m| {
                        m.status(day)
                            .describe()
                            .unwrap_or_else(|| "không ở chi bộ ngày này".into())
                    })
                    .unwrap_or_default();
                json!({"line": line, "hash": hash, "values": values, "status": status})
            })
            .collect(),
        Err(e) => return (409, json!({"message": e.to_string()})),
    };
    let problems: Vec<String> = d
        .items()
        .iter()
        .filter(|m| m.path == crate::model::member::REGISTER_PATH)
        .map(|m| format!("{}:{}: {}", m.path, m.pos.line, m.message))
        .collect();
    (
        200,
        json!({
            "date": day.to_string(),
            "counts": c,
            "members": members,
            "entries": entries,
            "sets": sets(),
            "due": due,
            "problems": problems,
        }),
    )
}

/// The closed sets the edit form offers, with their labels.
fn sets() -> Json {
    use crate::model::member::{HUY_HIEU_YEARS, LeftForm, Post, StatusKind};
    let post: Vec<Json> = Post::ALL
        .iter()
        .map(|x| json!({"id": x.id(), "label": x.label()}))
        .collect();
    let periods: Vec<Json> = StatusKind::ALL
        .iter()
        .map(|x| json!({"id": x.id(), "label": x.label()}))
        .collect();
    let left: Vec<Json> = LeftForm::ALL
        .iter()
        .map(|x| json!({"id": x.id(), "label": x.label()}))
        .collect();
    json!({"post": post, "periods": periods, "left": left, "huy_hieu": HUY_HIEU_YEARS})
}

/// `POST member` `{ name, admitted, ceremony, joined }`: one member added.
pub(super) fn add(root: &Path, v: &Json) -> (u16, Json) {
    let name = v.get("name").and_then(Json::as_str).unwrap_or("");
    let mut given: Vec<(&str, Date)> = Vec::new();
    for key in ["admitted", "ceremony", "joined"] {
        let Some(s) = v
            .get(key)
            .and_then(Json::as_str)
            .filter(|s| !s.trim().is_empty())
        else {
            continue;
        };
        match crate::dates::parse_date(s.trim()) {
            Ok(d) => given.push((key, d)),
            Err(why) => {
                return (
                    400,
                    json!([{"field": key, "message": format!("ngày `{s}` không hợp lệ: {why}")}]),
                );
            }
        }
    }
    if given.is_empty() {
        return (
            400,
            json!([{"field": "joined", "message": "hãy ghi ít nhất một ngày: ngày quyết định kết nạp, ngày lễ kết nạp hoặc ngày chuyển đến chi bộ"}]),
        );
    }
    match crate::edit::member::add(root, name, &given) {
        Ok(id) => {
            println!("Đã thêm {id} vào {}", crate::model::member::REGISTER_PATH);
            (
                201,
                json!({"id": id, "file": crate::model::member::REGISTER_PATH}),
            )
        }
        Err(crate::edit::EditError::Invalid(errors)) => (400, json!(errors)),
        Err(e) => (409, json!({"message": e.to_string()})),
    }
}
