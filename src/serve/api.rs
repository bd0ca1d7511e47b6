//! The forms' JSON API, call by call: what each endpoint reads and what
//! it answers. The checks every call passes first (token, origin) are in
//! [`super::forms`].

use serde_json::{Value as Json, json};

use super::Live;
use super::papers;
use super::server::{BodyError, Request};
use crate::edit::{self, Context, EditError};
use crate::model::{CellLevel, DisciplineForm, FieldType, Kind, MeetingRating};

/// The content type of a request, lower case, without its parameters.
fn content_type(req: &Request) -> String {
    req.header("Content-Type")
        .unwrap_or("")
        .split(';')
        .next()
        .unwrap_or("")
        .trim()
        .to_ascii_lowercase()
}

/// Answers the API call `endpoint` (the path after `/__chibo/api/`).
pub(super) fn answer_call(req: Request, live: &Live, url: &str, endpoint: &str) {
    let ed = &live.editor;
    let method = req.method().to_string();
    match (method.as_str(), endpoint) {
        ("GET", "schema") => send_json(req, 200, &schema(live)),
        ("POST", "preview") => preview(req, live),
        ("GET", "entries") => {
            let ctx = Context::read(&ed.root);
            let list = edit::entries::list(
                &ed.root,
                &ctx,
                query(url, "from").as_deref().filter(|s| !s.is_empty()),
                query(url, "to").as_deref().filter(|s| !s.is_empty()),
            );
            send_json(req, 200, &Json::Array(list))
        }
        ("GET", "articles") => {
            let ctx = Context::read(&ed.root);
            send_json(req, 200, &Json::Array(edit::article::list(&ed.root, &ctx)))
        }
        ("GET", "article") => {
            let file = query(url, "file").unwrap_or_default();
            match edit::article::values(&ed.root, &file) {
                Ok(v) => send_json(req, 200, &v),
                Err(e) => answer(req, Err(e)),
            }
        }
        ("POST" | "PUT" | "DELETE", "activity") | ("POST" | "PUT", "article") => {
            write(req, live, url, endpoint)
        }
        ("POST", "photo") => photo(req, live, url),
        ("GET", "meeting") => {
            let (kind, date) = (query(url, "kind"), query(url, "date"));
            let (status, v) = papers::carried(&ed.root, kind.as_deref(), date.as_deref());
            send_json(req, status, &v)
        }
        ("GET", "papers") => {
            let (status, v) = papers::list(&ed.root, query(url, "date").as_deref());
            send_json(req, status, &v)
        }
        ("GET", "paper") => paper(req, live, url),
        ("GET", "members") => {
            let (status, v) = super::members::list(&ed.root, query(url, "date").as_deref());
            send_json(req, status, &v)
        }
        ("POST", "member") => add_member(req, live),
        ("PUT", "member" | "rating") => write(req, live, url, endpoint),
        ("GET", "rating") => {
            let (status, v) = super::rating::sheet(&ed.root, query(url, "year").as_deref());
            send_json(req, status, &v)
        }
        ("POST", "rating") => {
            let _guard = ed.lock.lock().unwrap_or_else(|p| p.into_inner());
            let (status, v) = super::rating::create(&ed.root, query(url, "year").as_deref());
            send_json(req, status, &v)
        }
        (
            _,
            "schema" | "entries" | "articles" | "activity" | "article" | "photo" | "preview"
            | "meeting" | "papers" | "paper" | "members" | "member" | "rating",
        ) => send(req, 405, "text/plain; charset=utf-8", b"405".to_vec()),
        _ => send(req, 404, "text/plain; charset=utf-8", b"404".to_vec()),
    }
}

/// A member added to the register from the members page.
fn add_member(mut req: Request, live: &Live) {
    if content_type(&req) != "application/json" {
        return forbidden(req, "dữ liệu phải gửi dạng application/json");
    }
    let body = match req.read_body(MAX_JSON) {
        Ok(b) => b,
        Err(e) => return body_error(req, e),
    };
    let v: Json = serde_json::from_slice(&body).unwrap_or(Json::Null);
    let ed = &live.editor;
    let _guard = ed.lock.lock().unwrap_or_else(|p| p.into_inner());
    let (status, v) = super::members::add(&ed.root, &v);
    send_json(req, status, &v)
}

/// One of a meeting's papers: its page, or its Word file to save.
fn paper(req: Request, live: &Live, url: &str) {
    let (date, name) = (query(url, "date"), query(url, "name"));
    match papers::one(&live.editor.root, date.as_deref(), name.as_deref()) {
        Err((status, v)) => send_json(req, status, &v),
        Ok(p) => match p.download {
            Some(file) => super::server::respond(
                req,
                200,
                p.content_type,
                p.bytes,
                &[
                    ("Referrer-Policy", "no-referrer"),
                    (
                        "Content-Disposition",
                        &format!("attachment; filename=\"{file}\""),
                    ),
                ],
            ),
            None => send(req, 200, p.content_type, p.bytes),
        },
    }
}

/// The article form's preview: the body rendered as the build will.
fn preview(mut req: Request, live: &Live) {
    if content_type(&req) != "application/json" {
        return forbidden(req, "dữ liệu phải gửi dạng application/json");
    }
    let body = match req.read_body(MAX_JSON) {
        Ok(b) => b,
        Err(e) => return body_error(req, e),
    };
    let v = serde_json::from_slice::<Json>(&body).unwrap_or(Json::Null);
    let Some(site) = live.prepared() else {
        return send_json(
            req,
            503,
            &json!({"message": "trang chưa dựng được; hãy sửa lỗi trước"}),
        );
    };
    let (text, body_line) = preview_text(&v);
    let mut d = crate::diag::Diagnostics::default();
    let html = crate::load::parse_article(&text, "bai-moi.md", None, &mut d)
        .map(|a| site.preview_article(&a, &mut d))
        .unwrap_or_default();
    // Lines counted in the body, as the form shows it.
    let problems: Vec<String> = d
        .items()
        .iter()
        .map(|m| {
            format!(
                "dòng {}: {}",
                (m.pos.line + 1).saturating_sub(body_line).max(1),
                m.message
            )
        })
        .collect();
    send_json(req, 200, &json!({"html": html, "problems": problems}))
}

/// A save of an entry or an article: read, planned, tried, written.
fn write(mut req: Request, live: &Live, url: &str, endpoint: &str) {
    let method = req.method().to_string();
    if method != "DELETE" && content_type(&req) != "application/json" {
        return forbidden(req, "dữ liệu phải gửi dạng application/json");
    }
    let body = match req.read_body(MAX_JSON) {
        Ok(b) => b,
        Err(e) => return body_error(req, e),
    };
    let value: Json = if method == "DELETE" {
        Json::Null
    } else {
        match serde_json::from_slice(&body) {
            Ok(v) => v,
            Err(e) => {
                return send_json(
                    req,
                    400,
                    &json!([{"field": "", "message": format!("dữ liệu JSON không hợp lệ: {e}")}]),
                );
            }
        }
    };
    let at = Target {
        file: query(url, "file").unwrap_or_default(),
        line: query(url, "line").and_then(|l| l.parse::<u32>().ok()),
        if_match: req.header("If-Match").map(str::to_string),
        year: query(url, "year"),
    };
    let ed = &live.editor;
    let _guard = ed.lock.lock().unwrap_or_else(|p| p.into_inner());
    let result = save(&ed.root, &method, endpoint, &at, &value);
    answer(req, result)
}

/// An uploaded photo, stored under content/static/anh/YYYY/.
fn photo(mut req: Request, live: &Live, url: &str) {
    if !matches!(
        content_type(&req).as_str(),
        "image/jpeg" | "image/png" | "image/webp"
    ) {
        return forbidden(
            req,
            "ảnh phải gửi dạng image/jpeg, image/png hoặc image/webp",
        );
    }
    let body = match req.read_body(crate::load::photos::MAX_BYTES as usize) {
        Ok(b) => b,
        Err(e) => return body_error(req, e),
    };
    let date = query(url, "date").unwrap_or_default();
    let caption = query(url, "caption").unwrap_or_default();
    let ed = &live.editor;
    let _guard = ed.lock.lock().unwrap_or_else(|p| p.into_inner());
    match edit::article::store_photo(&ed.root, &body, &date, &caption) {
        Ok(src) => {
            println!("Đã lưu ảnh content/{src}");
            send_json(req, 201, &json!({"src": src}))
        }
        Err(e) => answer(req, Err(e)),
    }
}

/// The article the preview of the article form renders: its title, date
/// and `figures:` period as the form has them (each checked, or left
/// out), then its body; and the line its body starts on.
fn preview_text(v: &Json) -> (String, u32) {
    let s = |k: &str| v.get(k).and_then(Json::as_str).unwrap_or("").trim();
    let mut fm = String::from("---\n");
    if !s("title").is_empty() {
        fm.push_str(&format!(
            "title: {}\n",
            crate::yaml::scalar(&crate::vn::nfc(s("title")))
        ));
    } else {
        fm.push_str("title: Bài mới\n");
    }
    let date = s("date");
    let date = if crate::dates::parse_datetime(date).is_ok() {
        date
    } else {
        "2000-01-01"
    };
    fm.push_str(&format!("date: {date}\ncategory: xem-truoc\n"));
    let period = |k: &str| {
        let d = v.get("figures")?.get(k)?.as_str()?.trim();
        crate::dates::parse_date(d).is_ok().then(|| d.to_string())
    };
    if let (Some(from), Some(to)) = (period("from"), period("to")) {
        fm.push_str(&format!("figures: {{ from: {from}, to: {to} }}\n"));
    }
    fm.push_str("---\n");
    let body_line = fm.lines().count() as u32 + 1;
    let body = crate::vn::nfc(v.get("body").and_then(Json::as_str).unwrap_or(""));
    (format!("{fm}{body}"), body_line)
}

/// Where a PUT or DELETE is aimed: the file, the entry's first line, and
/// the hash the form read.
struct Target {
    file: String,
    line: Option<u32>,
    if_match: Option<String>,
    /// The year of a rating record.
    year: Option<String>,
}

/// A write of the forms: planned by `edit`, tried against the whole site
/// (a problem the build would have only after it refuses it: 400, or 409
/// for a removal), then written.
fn save(
    root: &std::path::Path,
    method: &str,
    endpoint: &str,
    at: &Target,
    value: &Json,
) -> Result<(u16, &'static str, edit::Saved), EditError> {
    let ctx = Context::read(root);
    let need = || {
        EditError::Precondition(
            "cần ?file=… (và &line=… cho một mục) cùng tiêu đề If-Match (mã băm lúc mở)".into(),
        )
    };
    let (status, verb, plan) = match (method, endpoint) {
        ("POST", "activity") => (201, "Đã lưu", edit::entry::create(root, &ctx, value)?),
        ("POST", _) => (201, "Đã tạo bài", edit::article::create(root, &ctx, value)?),
        ("PUT", "article") => {
            let tag = at.if_match.as_deref().ok_or_else(need)?;
            let plan = edit::article::replace(root, &ctx, &at.file, tag, value)?;
            (200, "Đã lưu bài", plan)
        }
        (m, _) => {
            let (Some(line), Some(tag)) = (at.line, at.if_match.as_deref()) else {
                return Err(need());
            };
            if endpoint == "member" {
                (
                    200,
                    "Đã lưu",
                    edit::member::replace(root, line, tag, value)?,
                )
            } else if endpoint == "rating" {
                let year = super::rating::year_of(at.year.as_deref())
                    .map_err(|_| EditError::Refused("cần ?year=YYYY".into()))?;
                (
                    200,
                    "Đã lưu",
                    edit::rating::replace(root, year, line, tag, value)?,
                )
            } else if m == "PUT" {
                let plan = edit::entry::replace(root, &ctx, &at.file, line, tag, value)?;
                (200, "Đã lưu", plan)
            } else {
                (
                    200,
                    "Đã xóa mục ở",
                    edit::entry::remove(root, &at.file, line, tag)?,
                )
            }
        }
    };
    let broken = super::trial::new_errors(root, &plan);
    if !broken.is_empty() {
        let said: Vec<String> = broken
            .iter()
            .map(|m| format!("{}:{}:{}: {}", m.path, m.pos.line, m.pos.col, m.message))
            .collect();
        if method == "DELETE" {
            return Err(EditError::Conflict(format!(
                "không xóa: bỏ mục này làm trang không dựng được: {}",
                said.join("; ")
            )));
        }
        return Err(EditError::Invalid(
            said.into_iter()
                .map(|message| edit::FieldError {
                    field: String::new(),
                    message,
                })
                .collect(),
        ));
    }
    Ok((status, verb, plan.commit(root)?))
}

/// Largest JSON body accepted.
pub(super) const MAX_JSON: usize = 1024 * 1024;

pub(super) fn send(req: Request, status: u16, ctype: &str, body: Vec<u8>) {
    super::server::respond(
        req,
        status,
        ctype,
        body,
        &[
            ("Referrer-Policy", "no-referrer"),
            // No other site may frame the forms and steer clicks on them.
            ("X-Frame-Options", "SAMEORIGIN"),
            ("Content-Security-Policy", "frame-ancestors 'self'"),
        ],
    );
}

pub(super) fn send_json(req: Request, status: u16, v: &Json) {
    send(
        req,
        status,
        "application/json; charset=utf-8",
        v.to_string().into_bytes(),
    );
}

pub(super) fn forbidden(req: Request, why: &str) {
    send(
        req,
        403,
        "text/plain; charset=utf-8",
        format!("403: {why}").into_bytes(),
    );
}

/// The value of `name` in the query of `url`, percent-decoded.
pub(super) fn query(url: &str, name: &str) -> Option<String> {
    let q = url.split_once('?')?.1;
    q.split('&').find_map(|pair| {
        let (k, v) = pair.split_once('=').unwrap_or((pair, ""));
        (k == name).then(|| {
            percent_encoding::percent_decode_str(&v.replace('+', " "))
                .decode_utf8_lossy()
                .into_owned()
        })
    })
}

pub(super) fn body_error(req: Request, e: BodyError) {
    let (status, msg) = match e {
        BodyError::NoLength => (411, "cần tiêu đề Content-Length"),
        BodyError::TooLarge => (
            413,
            "tệp gửi lên quá lớn (ảnh tối đa 30 MB, dữ liệu tối đa 1 MB)",
        ),
        BodyError::Incomplete => (400, "dữ liệu gửi lên chưa đủ"),
    };
    send_json(req, status, &json!([{"field": "", "message": msg}]));
}

pub(super) fn answer(req: Request, result: Result<(u16, &str, edit::Saved), EditError>) {
    match result {
        Ok((status, verb, saved)) => {
            println!("{}", saved.log_line(verb));
            send_json(req, status, &json!(saved));
        }
        Err(EditError::Invalid(errors)) => send_json(req, 400, &json!(errors)),
        Err(EditError::Conflict(m)) => send_json(req, 409, &json!({"message": m})),
        Err(EditError::NotFound(m)) => send_json(req, 404, &json!({"message": m})),
        Err(EditError::Refused(m)) => send_json(req, 400, &json!([{"field": "", "message": m}])),
        Err(EditError::Io(m)) => send_json(req, 500, &json!({"message": m})),
        Err(EditError::Precondition(m)) => send_json(req, 428, &json!({"message": m})),
    }
}

fn type_name(t: FieldType) -> &'static str {
    match t {
        FieldType::Attendance => "attendance",
        FieldType::Text => "text",
        FieldType::TextList => "text_list",
        FieldType::Names => "names",
        FieldType::People => "people",
        FieldType::Percent => "percent",
        FieldType::Year => "year",
        FieldType::Rating => "rating",
        FieldType::Discipline => "discipline",
        FieldType::CellLevel => "cell_level",
        FieldType::LevelCounts => "level_counts",
    }
}

fn values(t: FieldType) -> Json {
    fn pairs(ids: &[&str], labels: Vec<&str>) -> Json {
        ids.iter()
            .zip(labels)
            .map(|(id, label)| json!({"id": id, "label": label}))
            .collect()
    }
    match t {
        FieldType::Rating => pairs(
            MeetingRating::IDS,
            MeetingRating::ALL.iter().map(|v| v.label()).collect(),
        ),
        FieldType::Discipline => pairs(
            DisciplineForm::IDS,
            DisciplineForm::ALL.iter().map(|v| v.label()).collect(),
        ),
        FieldType::CellLevel | FieldType::LevelCounts => pairs(
            CellLevel::IDS,
            CellLevel::ALL.iter().map(|v| v.label()).collect(),
        ),
        _ => Json::Array(Vec::new()),
    }
}

/// Kinds, fields, types, valid values and labels; the documents, the
/// categories, the photos and the tags there are.
pub(super) fn schema(live: &Live) -> Json {
    let ed = &live.editor;
    let ctx = Context::read(&ed.root);
    let kinds: Vec<Json> = Kind::ALL
        .iter()
        .map(|k| {
            json!({
                "id": k.id(),
                "label": k.label(),
                "meeting": k.is_meeting(),
                "fields": k.fields().iter().map(|f| json!({
                    "key": f.key,
                    "required": f.required,
                    "type": type_name(f.ty),
                    "label": f.label,
                    "values": values(f.ty),
                })).collect::<Vec<_>>(),
            })
        })
        .collect();
    let coll = crate::vn::collator();
    let mut docs: Vec<&crate::model::Document> = ctx.documents.values().collect();
    docs.sort_by(|a, b| b.date.cmp(&a.date).then(a.id.cmp(&b.id)));
    let documents: Vec<Json> = docs
        .iter()
        .map(|d| json!({"id": d.id, "label": d.citation(true)}))
        .collect();
    let categories: Vec<Json> = ctx
        .config
        .as_ref()
        .map(|c| {
            c.categories
                .iter()
                .map(|c| json!({"key": c.key, "name": c.name}))
                .collect()
        })
        .unwrap_or_default();
    let mut photos: Vec<&String> = ctx
        .static_files
        .iter()
        .filter(|p| crate::model::is_photo(p))
        .collect();
    photos.sort();
    let mut tags: Vec<String> = live
        .prepared()
        .map(|p| {
            let mut t: Vec<String> = p
                .site
                .articles
                .iter()
                .flat_map(|a| a.tags.clone())
                .collect();
            t.sort();
            t.dedup();
            t
        })
        .unwrap_or_default();
    tags.sort_by(|a, b| crate::vn::compare(&coll, a, b));
    let offset = ctx.config.as_ref().map_or(420, |c| c.offset_minutes);
    let now = crate::check::now_at(offset);
    let sheet = live
        .prepared()
        .map(|p| p.site.scoring.clone())
        .unwrap_or_default();
    json!({
        "kinds": kinds,
        "papers": papers::fields(&sheet),
        "documents": documents,
        "categories": categories,
        "photos": photos,
        "tags": tags,
        "today": now.date().to_string(),
        "now": format!("{:02}:{:02}", now.hour(), now.minute()),
        "unit": ctx.config.as_ref().map(|c| c.unit.name.clone()),
    })
}
