//! A new article from the form (the same file and front matter as
//! `chibo new article`), and a photo uploaded into content/static/anh/YYYY/.

use std::path::Path;

use serde_json::Value as Json;

use crate::diag::Diagnostics;
use crate::load;
use crate::vn;
use crate::yaml::{self, Yaml};

use super::{Context, EditError, FieldError, Saved, create_new, hash};

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

/// Writes a new article, `content/articles/YYYY/slug.md`, after the
/// checks the loader makes; an article of the same title is not replaced.
pub fn create(root: &Path, ctx: &Context, v: &Json) -> Result<Saved, EditError> {
    let unit = ctx.config.as_ref().map(|c| c.unit.name.as_str());
    let text = article_text(v, unit);
    let title = one_line(&text_of(v, "title"));
    let slug = vn::slugify(&title);
    let mut errors = Vec::new();
    if slug.is_empty() {
        errors.push(FieldError {
            field: "title".into(),
            message: "tiêu đề phải có ít nhất một chữ hoặc số".into(),
        });
    }
    let probe = format!("{ARTICLES}/moi.md");
    let mut d = Diagnostics::default();
    let parsed = load::parse_article(&text, &probe, ctx.config.as_ref(), &mut d);
    for m in d.items() {
        if m.severity != crate::diag::Severity::Error {
            continue;
        }
        // Line 1 is `---`; the front matter's keys follow in order.
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
    let body = text_of(v, "body");
    for message in super::body_problems(&body) {
        errors.push(FieldError {
            field: "body".into(),
            message,
        });
    }
    if !errors.is_empty() {
        return Err(EditError::Invalid(errors));
    }
    let year = parsed.map_or(0, |a| a.date.year());
    let rel = format!("{ARTICLES}/{year}/{slug}.md");
    if root.join(&rel).exists() {
        return Err(EditError::Invalid(vec![FieldError {
            field: "title".into(),
            message: format!("đã có bài {rel}; hãy đặt tiêu đề khác (chibo không ghi đè bài cũ)"),
        }]));
    }
    let file = create_new(
        root,
        &format!("{ARTICLES}/{year}"),
        &slug,
        "md",
        text.as_bytes(),
    )?;
    if file != rel {
        // Written meanwhile by someone else under the same name.
        let _ = std::fs::remove_file(root.join(&file));
        return Err(EditError::Conflict(format!(
            "{rel} vừa được tạo; hãy đặt tiêu đề khác"
        )));
    }
    let n = text.lines().count() as u32;
    Ok(Saved {
        file,
        lines: [1, n],
        hash: hash(&text),
    })
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
    let day = match jiff::civil::Date::strptime("%Y-%m-%d", date.get(..10).unwrap_or(date)) {
        Ok(d) => d,
        Err(_) => {
            return Err(EditError::Invalid(vec![FieldError {
                field: "date".into(),
                message: format!("ngày `{date}` không đúng dạng YYYY-MM-DD"),
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
    let rel = create_new(root, &format!("{PHOTOS}/{}", day.year()), &stem, ext, bytes)?;
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
