//! The meeting papers in the preview's forms: the papers' fields a
//! meeting's form shows (from the same keys the loader reads), what a new
//! meeting starts from (last meeting's tasks, the next resolution number)
//! and the papers themselves, rendered from the site as it is on disk now
//! for the forms to show and download. Behind the API's token like every
//! call: the papers hold members' names and are never published.

use jiff::civil::Date;
use serde_json::{Value as Json, json};

use std::path::Path;

use crate::diag::Diagnostics;
use crate::model::meeting::{LEVEL_FLOORS, ScoringSheet};
use crate::model::{Kind, Report, Site};
use crate::render::meeting_papers::PaperFile;

/// One column of a repeated row or a group: its key (a part of the
/// papers' key), label, input type and whether the loader requires it.
fn col(key: &str, label: &str, ty: &str, required: bool) -> Json {
    json!({"key": key, "label": label, "type": ty, "required": required})
}

/// The papers' fields of a meeting's form, in the order of
/// [`crate::model::meeting::PAPER_KEYS`]; the
/// scoring sheet's criteria for `score`.
pub(super) fn fields(sheet: &ScoringSheet) -> Json {
    let name = || col("name", "Họ và tên", "text", true);
    let task = || col("task", "Nhiệm vụ", "long_text", true);
    let criteria: Vec<Json> = sheet
        .criteria
        .iter()
        .map(|c| json!({"id": c.id, "label": c.label, "points": c.points}))
        .collect();
    let levels: Vec<Json> = LEVEL_FLOORS
        .iter()
        .map(|(l, floor)| json!({"id": l.id(), "label": l.label(), "floor": floor}))
        .collect();
    json!([
        {"key": "end", "type": "clock", "label": "Giờ kết thúc"},
        {"key": "secretary", "type": "text", "label": "Thư ký (người ghi biên bản)"},
        {"key": "guests", "type": "rows", "label": "Khách mời", "one": "Khách mời", "add": "+ Thêm khách mời",
            "columns": [name(), col("post", "Chức vụ", "text", false), col("unit", "Đơn vị", "text", false)]},
        {"key": "absent", "type": "rows", "label": "Vắng có lý do", "one": "Người vắng", "add": "+ Thêm người vắng",
            "columns": [name(), col("reason", "Lý do", "text", true)]},
        {"key": "unexcused", "type": "names", "label": "Vắng không có lý do"},
        {"key": "agenda", "type": "text_list", "label": "Chương trình (các nội dung sinh hoạt, theo thứ tự)"},
        {"key": "speakers", "type": "rows", "label": "Ý kiến phát biểu", "one": "Ý kiến", "add": "+ Thêm ý kiến",
            "columns": [name(), col("item", "Về nội dung số (theo chương trình)", "count", false), col("gist", "Ý chính", "long_text", true)]},
        {"key": "previous_tasks", "type": "rows", "label": "Kết quả thực hiện nhiệm vụ tháng trước", "one": "Nhiệm vụ", "add": "+ Thêm nhiệm vụ",
            "columns": [task(), col("result", "Kết quả", "long_text", false), col("done", "Đã xong?", "yes_no", false)]},
        {"key": "tasks", "type": "rows", "label": "Nhiệm vụ tháng tới", "one": "Nhiệm vụ", "add": "+ Thêm nhiệm vụ",
            "columns": [task(), col("who", "Người hoặc bộ phận thực hiện", "text", false), col("due", "Thời hạn", "day", false)]},
        {"key": "vote", "type": "group", "label": "Biểu quyết",
            "columns": [col("method", "Hình thức (giơ tay, phiếu kín)", "text", false), col("for", "Tán thành", "count", true),
                col("against", "Không tán thành", "count", false), col("other", "Ý kiến khác", "count", false)]},
        {"key": "conclusion", "type": "long_text", "label": "Kết luận của chủ trì"},
        {"key": "score", "type": "score", "label": "Tự chấm điểm buổi sinh hoạt (thang 100)",
            "columns": [col("total", "Tổng điểm", "points", true), col("level", "Xếp loại", "level", false), col("items", "Điểm từng tiêu chí", "items", false)],
            "criteria": criteria, "levels": levels, "sheet": sheet.source.clone().unwrap_or_else(|| "mặc định của chibo".into())},
        {"key": "resolution", "type": "group", "label": "Nghị quyết của buổi họp", "optional": "Buổi họp ra nghị quyết",
            "columns": [col("number", "Số nghị quyết", "text", true), col("subject", "Trích yếu", "text", true)]},
    ])
}

/// The site as it is on disk now (the papers must say what was just
/// saved, not what the last build read); `Err` with the message when it
/// does not load.
fn fresh(root: &Path) -> Result<Site, Answer> {
    let mut d = Diagnostics::default();
    crate::load::load_site(root, &mut d).ok_or_else(|| {
        let m = format!(
            "trang chưa đọc được ({} lỗi); hãy sửa lỗi trước: {}",
            d.error_count(),
            d.render().lines().next().unwrap_or("")
        );
        (409, json!({ "message": m }))
    })
}

/// A refusal or a JSON answer: its status and body.
pub(super) type Answer = (u16, Json);

fn day_of(date: Option<&str>) -> Result<Date, Answer> {
    date.and_then(|d| crate::dates::parse_date(d.trim()).ok())
        .ok_or_else(|| (400, json!({"message": "cần date (YYYY-MM-DD)"})))
}

/// `GET meeting?kind=K&date=D`: what a new meeting dated D starts from:
/// the last meeting of its kind, its tasks to review, the resolution
/// number and subject to propose.
pub(super) fn carried(root: &Path, kind: Option<&str>, date: Option<&str>) -> Answer {
    let kind = kind.and_then(Kind::from_id);
    let when = date.and_then(|d| crate::dates::parse_datetime(d.trim()).ok());
    let (Some(kind), Some((when, _))) = (kind, when) else {
        return (
            400,
            json!({"message": "cần kind (một loại họp) và date (YYYY-MM-DD)"}),
        );
    };
    let site = match fresh(root) {
        Ok(s) => s,
        Err(a) => return a,
    };
    let c = crate::check::meetings::carried(&site, kind, when);
    let tasks: Vec<Json> = c
        .last
        .and_then(|a| a.meeting.as_ref())
        .map(|m| m.tasks.iter().map(|t| json!({"task": t.task})).collect())
        .unwrap_or_default();
    (
        200,
        json!({
            "from": c.last.map(|a| a.date.date().to_string()),
            "previous_tasks": tasks,
            "number": c.number,
            "subject": c.subject,
        }),
    )
}

/// The papers of the meetings of `day`, after them and before them
/// (`true`: before).
fn both(site: &Site, day: Date, d: &mut Diagnostics) -> Vec<(bool, PaperFile)> {
    use crate::render::meeting_papers::{before, meetings_on, papers, render_papers};
    let meetings = meetings_on(site, day);
    let mut docs: Vec<Report> = meetings.iter().flat_map(|a| papers(site, a)).collect();
    let ahead: Vec<Report> = meetings.iter().flat_map(|a| before(site, a)).collect();
    let ahead_names: Vec<String> = ahead.iter().map(|r| r.name.clone()).collect();
    docs.extend(ahead);
    // One render (one template engine) for both sets.
    render_papers(site, &docs, d)
        .into_iter()
        .map(|f| {
            let stem = f.name.rsplit_once('.').map_or(f.name.as_str(), |(s, _)| s);
            (ahead_names.iter().any(|n| n == stem), f)
        })
        .collect()
}

/// `GET papers?date=D`: the papers there are for the meetings of D.
pub(super) fn list(root: &Path, date: Option<&str>) -> Answer {
    let day = match day_of(date) {
        Ok(d) => d,
        Err(a) => return a,
    };
    let site = match fresh(root) {
        Ok(s) => s,
        Err(a) => return a,
    };
    let mut d = Diagnostics::default();
    let files = both(&site, day, &mut d);
    let papers: Vec<Json> = files
        .iter()
        .filter(|(_, f)| f.name.ends_with(".html"))
        .map(|(before, f)| {
            json!({
                "name": f.name.trim_end_matches(".html"),
                "title": f.title,
                "before": before,
            })
        })
        .collect();
    let problems: Vec<String> = d.items().iter().map(|m| m.message.clone()).collect();
    (200, json!({"papers": papers, "problems": problems}))
}

/// What a paper's page may do once the forms open it from memory: show
/// itself, nothing else (no script, no request).
const PAPER_POLICY: &str = "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src 'unsafe-inline'; img-src data:; font-src data:\">";

/// One paper as it is sent: its content type, bytes and, for a Word
/// file, the name it is saved under.
pub(super) struct Paper {
    pub content_type: &'static str,
    pub bytes: Vec<u8>,
    pub download: Option<String>,
}

/// `GET paper?date=D&name=N.html|N.docx`: one paper, the page to print or
/// the Word file to download.
pub(super) fn one(root: &Path, date: Option<&str>, name: Option<&str>) -> Result<Paper, Answer> {
    let day = day_of(date)?;
    let name = name.ok_or_else(|| (400, json!({"message": "cần name"})))?;
    let site = fresh(root)?;
    let mut d = Diagnostics::default();
    let Some((_, file)) = both(&site, day, &mut d)
        .into_iter()
        .find(|(_, f)| f.name == name)
    else {
        let m = format!(
            "không có giấy tờ `{name}` cho buổi họp ngày {}",
            crate::vn::short_date(day)
        );
        return Err((404, json!({ "message": m })));
    };
    if d.has_errors() {
        return Err((409, json!({"message": d.render()})));
    }
    if let Some(stem) = name.strip_suffix(".docx") {
        return Ok(Paper {
            content_type: "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
            bytes: file.bytes,
            download: Some(format!("{stem}-{day}.docx")),
        });
    }
    let html = String::from_utf8_lossy(&file.bytes).replacen(
        "<head>",
        &format!("<head>\n{PAPER_POLICY}"),
        1,
    );
    Ok(Paper {
        content_type: "text/html; charset=utf-8",
        bytes: html.into_bytes(),
        download: None,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::meeting::PAPER_KEYS;

    #[test]
    fn the_form_shows_every_paper_key_and_part_in_the_loaders_order() {
        let f = fields(&ScoringSheet::default());
        let keys: Vec<&str> = f
            .as_array()
            .unwrap()
            .iter()
            .map(|x| x["key"].as_str().unwrap())
            .collect();
        let want: Vec<&str> = PAPER_KEYS.iter().map(|(k, _)| *k).collect();
        assert_eq!(keys, want);
        for (x, (_, parts)) in f.as_array().unwrap().iter().zip(PAPER_KEYS) {
            let cols: Vec<&str> = x["columns"]
                .as_array()
                .map(|c| c.iter().map(|c| c["key"].as_str().unwrap()).collect())
                .unwrap_or_default();
            assert_eq!(cols, parts.to_vec(), "{}", x["key"]);
        }
    }
}
