//! A new article from the form (the same file and front matter as
//! `chibo new article`), and a photo uploaded into content/static/anh/YYYY/.

use std::path::Path;

use serde_json::Value as Json;

use crate::diag::Diagnostics;
use crate::load;
use crate::vn;
use crate::yaml::{self, Yaml};

use super::{Context, EditError, FieldError, Plan, Saved, Source, hash};

/// Where articles live.
pub const ARTICLES: &str = "content/articles";
/// Where uploaded photos go, by year.
pub const PHOTOS: &str = "content/static/anh";

fn text_of(v: &Json, key: &str) -> String {
    let s = match v.get(key) {
        Some(Json::String(s)) => s.clone(),
        Some(Json::Number(n)) => n.to_string(),
        _ => String::new(),
    };
    vn::nfc(s.replace("\r\n", "\n").replace('\r', "\n").trim())
}

fn one_line(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// The article file for the form's values: front matter then body.
fn article_text(v: &Json, unit: Option<&str>) -> String {
    let s = |t: String| {
        if t.is_empty() {
            Yaml::Null
        } else {
            Yaml::Str(t)
        }
    };
    let tags: Vec<Yaml> = match v.get("tags") {
        Some(Json::Array(a)) => a
            .iter()
            .filter_map(Json::as_str)
            .map(|t| one_line(&vn::nfc(t)))
            .filter(|t| !t.is_empty())
            .map(Yaml::Str)
            .collect(),
        Some(Json::String(t)) => t
            .split(',')
            .map(|t| one_line(&vn::nfc(t)))
            .filter(|t| !t.is_empty())
            .map(Yaml::Str)
            .collect(),
        _ => Vec::new(),
    };
    let draft = v.get("draft").and_then(Json::as_bool).unwrap_or(true);
    let fm = vec![
        ("title".to_string(), s(one_line(&text_of(v, "title")))),
        ("date".to_string(), s(text_of(v, "date"))),
        ("category".to_string(), s(text_of(v, "category"))),
        (
            "tags".to_string(),
            if tags.is_empty() {
                Yaml::Null
            } else {
                Yaml::Seq(tags)
            },
        ),
        ("author".to_string(), s(one_line(&text_of(v, "author")))),
        (
            "unit".to_string(),
            s(unit.map(str::to_string).unwrap_or_default()),
        ),
        ("summary".to_string(), s(one_line(&text_of(v, "summary")))),
        ("draft".to_string(), Yaml::Bool(draft)),
    ];
    let body = text_of(v, "body");
    format!("---\n{}---\n\n{body}\n", yaml::mapping(&fm))
}

/// The errors the loader and the body checks find in an article's text,
/// each on the form's field it is about.
fn problems(
    text: &str,
    rel: &str,
    ctx: &Context,
) -> (Vec<FieldError>, Option<crate::model::Article>) {
    let mut errors = Vec::new();
    let mut d = Diagnostics::default();
    let parsed = load::parse_article(text, rel, ctx.config.as_ref(), &mut d);
    for m in d.items() {
        if m.severity != crate::diag::Severity::Error {
            continue;
        }
        // Line 1 is `---`; the front matter's keys follow.
        let field = text
            .lines()
            .nth(m.pos.line.saturating_sub(1) as usize)
            .and_then(|l| l.split_once(':'))
            .map_or("", |(k, _)| k)
            .to_string();
        errors.push(FieldError {
            field: if field.starts_with(' ') {
                "tags".into()
            } else {
                field
            },
            message: m.message.clone(),
        });
    }
    let body = load::split_front_matter(text).map_or("", |(_, b, _)| b);
    for message in super::body_problems(body) {
        errors.push(FieldError {
            field: "body".into(),
            message,
        });
    }
    (errors, parsed)
}

/// A new article, `content/articles/YYYY/slug.md`, after the checks the
/// loader makes; an article of the same title is not replaced.
pub fn create(root: &Path, ctx: &Context, v: &Json) -> Result<Plan, EditError> {
    let unit = ctx.config.as_ref().map(|c| c.unit.name.as_str());
    let text = article_text(v, unit);
    let title = one_line(&text_of(v, "title"));
    let slug = vn::slugify(&title);
    let (mut errors, parsed) = problems(&text, &format!("{ARTICLES}/moi.md"), ctx);
    if slug.is_empty() {
        errors.insert(
            0,
            FieldError {
                field: "title".into(),
                message: "tiêu đề phải có ít nhất một chữ hoặc số".into(),
            },
        );
    }
    let Some(parsed) = parsed.filter(|_| errors.is_empty()) else {
        return Err(EditError::Invalid(errors));
    };
    let dir = format!("{ARTICLES}/{:04}", parsed.date.year());
    let rel = format!("{dir}/{slug}.md");
    let n = text.lines().count() as u32;
    let plan = Plan::new_file(
        root,
        &dir,
        &slug,
        "md",
        text.clone().into_bytes(),
        Saved {
            file: String::new(),
            lines: [1, n],
            hash: hash(&text),
        },
    )?;
    if plan.rel != rel {
        return Err(EditError::Invalid(vec![FieldError {
            field: "title".into(),
            message: format!("đã có bài {rel}; hãy đặt tiêu đề khác (chibo không ghi đè bài cũ)"),
        }]));
    }
    Ok(plan)
}

/// The keys of an article's front matter the form edits, in the order a
/// person writes them; other keys (`figures`, `slug`, `image`…) are kept.
const FORM_KEYS: &[&str] = &[
    "title", "date", "category", "tags", "author", "unit", "summary", "draft",
];

/// An article's values for the form: its front matter keys, its body and
/// the hash an edit must send back as `If-Match`.
pub fn values(root: &Path, rel: &str) -> Result<Json, EditError> {
    let src = read_article(root, rel)?;
    let (fm, body, _) = front(&src)?;
    let mut v = match crate::edit::entries::to_json(&fm) {
        Json::Object(m) => m,
        _ => serde_json::Map::new(),
    };
    v.insert(
        "body".into(),
        Json::String(body.trim_start_matches('\n').to_string()),
    );
    Ok(serde_json::json!({"file": rel, "hash": hash(&src.text), "values": v}))
}

fn read_article(root: &Path, rel: &str) -> Result<Source, EditError> {
    if !rel.ends_with(".md") {
        return Err(EditError::Refused(format!(
            "`{rel}` không phải một bài .md"
        )));
    }
    Source::read(root, ARTICLES, rel)
}

/// The front matter (as a tree located in the file) and the body.
fn front(src: &Source) -> Result<(yaml::Node, String, u32), EditError> {
    let refused = || {
        EditError::Refused(format!(
            "{} không có phần đầu `---` … `---` đọc được; hãy sửa tệp này bằng tay",
            src.rel
        ))
    };
    let (fm, body, body_line) = load::split_front_matter(&src.text).ok_or_else(refused)?;
    let mut d = Diagnostics::default();
    let node = yaml::parse(fm, &src.rel, 1, &mut d).ok_or_else(refused)?;
    if !matches!(node.value, yaml::Value::Map(_)) {
        return Err(refused());
    }
    Ok((node, body.to_string(), body_line))
}

/// The article `rel` with the form's values: the front matter keys the
/// form changed are written anew, every other line (comments, keys the
/// form does not know, an unchanged body) is kept byte for byte; refused
/// when the file changed since the form read it.
pub fn replace(
    root: &Path,
    ctx: &Context,
    rel: &str,
    if_match: &str,
    v: &Json,
) -> Result<Plan, EditError> {
    let src = read_article(root, rel)?;
    if hash(&src.text) != if_match.trim_matches('"') {
        return Err(EditError::Conflict(format!(
            "{rel} đã thay đổi trên đĩa từ lúc mở biểu mẫu; hãy mở lại bài rồi sửa lại. Nội dung bạn nhập vẫn còn trong biểu mẫu."
        )));
    }
    let (fm, old_body, body_line) = front(&src)?;
    let mut map = match crate::edit::entries::to_json(&fm) {
        Json::Object(m) => m,
        _ => serde_json::Map::new(),
    };
    for key in FORM_KEYS {
        match (*key, v.get(*key)) {
            (_, None) => {}
            // Not a draft is what no `draft:` says: none is added.
            ("draft", Some(Json::Bool(false))) if !map.contains_key("draft") => {}
            ("title" | "summary" | "author", Some(_)) => {
                map.insert(key.to_string(), Json::String(one_line(&text_of(v, key))));
            }
            ("tags", Some(Json::String(t))) => {
                let tags = t.split(',').map(|t| Json::String(one_line(&vn::nfc(t))));
                map.insert("tags".into(), Json::Array(tags.collect()));
            }
            (_, Some(x)) => {
                map.insert(key.to_string(), x.clone());
            }
        }
    }
    let raw = src.raw_lines();
    let eol = src.eol();
    let to = |j: &Json, k: &str| super::entry::to_yaml(j, k, None);
    let none = |_: &str| -> Vec<&'static str> { Vec::new() };
    let cx = super::merge::Ctx {
        raw: &raw,
        eol,
        to_yaml: &to,
        order: &none,
    };
    let fm_end = body_line - 2;
    let head =
        super::merge::merge(&cx, &fm, (2, fm_end), &map, FORM_KEYS, false).unwrap_or_else(|| {
            let pairs: Vec<(String, Yaml)> =
                map.iter().map(|(k, j)| (k.clone(), to(j, k))).collect();
            yaml::mapping(&pairs).replace('\n', eol)
        });
    let mut out = String::new();
    for n in [1, fm_end + 1] {
        if n == fm_end + 1 {
            out.push_str(&head);
        }
        out.push_str(raw.get(n as usize - 1).copied().unwrap_or("---\n"));
    }
    let new_body = text_of(v, "body");
    if v.get("body").is_none() || new_body == old_body.trim() {
        for l in raw.iter().skip(fm_end as usize + 1) {
            out.push_str(l);
        }
    } else {
        out.push_str(eol);
        out.push_str(&new_body.replace('\n', eol));
        out.push_str(eol);
    }
    let bytes = src.splice(1, raw.len() as u32, &out);
    let mut d = Diagnostics::default();
    let text = load::decode(&bytes, rel, &mut d).unwrap_or_default();
    let (errors, _) = problems(&text, rel, ctx);
    if !errors.is_empty() {
        return Err(EditError::Invalid(errors));
    }
    let n = text.lines().count() as u32;
    let saved = Saved {
        file: rel.to_string(),
        lines: [1, n],
        hash: hash(&text),
    };
    Ok(Plan::change(&src, Some(bytes), saved))
}

/// Every article file, newest first: its file, title, date, whether it is
/// a draft, and the hash an edit sends back.
pub fn list(root: &Path, ctx: &Context) -> Vec<Json> {
    let mut d = Diagnostics::default();
    let mut out: Vec<(String, Json)> = Vec::new();
    for rel in load::list_files(root, ARTICLES, &[".md"], &mut d) {
        let Some(text) = load::read_text(root, &rel, &mut d) else {
            continue;
        };
        let mut ad = Diagnostics::default();
        let a = load::parse_article(&text, &rel, ctx.config.as_ref(), &mut ad);
        let (title, date, draft) = a
            .as_ref()
            .map_or((String::new(), String::new(), false), |a| {
                (a.title.clone(), a.date.to_string(), a.draft)
            });
        out.push((
            date.clone(),
            serde_json::json!({
                "file": rel, "title": title, "date": date.replace('T', " "), "draft": draft,
                "hash": hash(&text), "problems": ad.items().iter()
                    .filter(|m| m.severity == crate::diag::Severity::Error)
                    .map(|m| format!("dòng {}: {}", m.pos.line, m.message)).collect::<Vec<_>>(),
            }),
        ));
    }
    out.sort_by(|a, b| b.0.cmp(&a.0));
    out.into_iter().map(|(_, j)| j).collect()
}

/// Stores an uploaded photo as `content/static/anh/YYYY/DATE-caption.ext`,
/// named by chibo from the date and caption (never by the sender), after
/// checking by its content that it is a JPEG, PNG or WebP within the
/// pipeline's limits. Gives the path articles and entries write:
/// `static/anh/YYYY/….jpg`.
pub fn store_photo(
    root: &Path,
    bytes: &[u8],
    date: &str,
    caption: &str,
) -> Result<String, EditError> {
    let (ext, _, _) = load::photos::check_photo(bytes).map_err(EditError::invalid)?;
    let day = match crate::dates::parse_date(date.trim().get(..10).unwrap_or(date.trim())) {
        Ok(d) => d,
        Err(why) => {
            return Err(EditError::Invalid(vec![FieldError {
                field: "date".into(),
                message: format!("ngày `{date}` không dùng được ({why}); hãy viết dạng YYYY-MM-DD"),
            }]));
        }
    };
    let mut name = vn::slugify(caption);
    if let Some((cut, _)) = name.char_indices().nth(60) {
        name.truncate(cut);
        name = name.trim_end_matches('-').to_string();
    }
    let stem = if name.is_empty() {
        format!("{day}-anh")
    } else {
        format!("{day}-{name}")
    };
    let dir = format!("{PHOTOS}/{:04}", day.year());
    let saved = Saved {
        file: String::new(),
        lines: [0, 0],
        hash: String::new(),
    };
    let plan = Plan::new_file(root, &dir, &stem, ext, bytes.to_vec(), saved)?;
    let rel = plan.commit(root)?.file;
    Ok(rel.trim_start_matches("content/").to_string())
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn an_article_has_the_front_matter_new_article_writes() {
        let v = json!({
            "title": "Chi bộ  tổ chức\nsinh hoạt: tháng 10",
            "date": "2023-10-12 14:00",
            "category": "to-chuc-dang",
            "tags": ["xây dựng Đảng", ""],
            "summary": "",
            "body": "Đoạn một.\r\n\r\nĐoạn hai.",
            "draft": true
        });
        assert_eq!(
            article_text(&v, Some("Chi bộ Sở Tư pháp")),
            "---\ntitle: \"Chi bộ tổ chức sinh hoạt: tháng 10\"\ndate: 2023-10-12 14:00\ncategory: to-chuc-dang\ntags:\n  - xây dựng Đảng\nunit: Chi bộ Sở Tư pháp\ndraft: true\n---\n\nĐoạn một.\n\nĐoạn hai.\n"
        );
    }
}
