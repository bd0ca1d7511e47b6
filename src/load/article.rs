//! An article file (YAML front matter between `---` lines, then Markdown)
//! → [`Article`].

use crate::diag::{Diagnostics, Pos};
use crate::model::{Article, Config, Period};
use crate::vn;
use crate::yaml::{self, Map};

/// Splits `---\nYAML\n---\nbody`. Returns (yaml, body, line of the body).
pub fn split_front_matter(text: &str) -> Option<(&str, &str, u32)> {
    let first_end = text.find('\n')?;
    if text[..first_end].trim_end() != "---" {
        return None;
    }
    let mut offset = first_end + 1;
    let mut line = 2u32;
    while offset <= text.len() {
        let end = text[offset..].find('\n').map_or(text.len(), |i| offset + i);
        let l = text[offset..end].trim_end();
        if l == "---" || l == "..." {
            let yaml = &text[first_end + 1..offset];
            let body = if end < text.len() {
                &text[end + 1..]
            } else {
                ""
            };
            return Some((yaml, body, line + 1));
        }
        if end >= text.len() {
            break;
        }
        offset = end + 1;
        line += 1;
    }
    None
}

/// Parses one article. `config` is `None` when site.yaml was unusable; the
/// category is then not checked (the site.yaml error is reported instead).
pub fn parse_article(
    text: &str,
    path: &str,
    config: Option<&Config>,
    diags: &mut Diagnostics,
) -> Option<Article> {
    let Some((fm, body, body_line)) = split_front_matter(text) else {
        diags.error(
            path,
            Pos::new(1, 1),
            "bài viết phải bắt đầu bằng phần đầu (front matter) đặt giữa hai dòng `---`: dòng đầu `---`, rồi `title: Tiêu đề`, `date: 2023-11-02 15:03`, `category: tin-tuc` mỗi khóa một dòng, rồi một dòng `---`",
        );
        return None;
    };
    if let Some(at) = body.find(crate::text::TO_COMPLETE) {
        let pos = crate::text::Lines::new(body, body_line).pos(at);
        diags.warning(
            path,
            pos,
            "bài còn đoạn đánh dấu [CẦN VIẾT TIẾP…] của bản nháp: hãy viết xong đoạn đó rồi xóa dấu đánh dấu",
        );
    }
    let root = yaml::parse(fm, path, 1, diags)?;
    let mut m = Map::new(&root, path, "phần đầu bài viết", diags)?;
    let before = diags.error_count();

    let title = m.req_str("title", diags);
    let date_node = m.required("date", diags);
    let date_pos = date_node.map_or(Pos::new(2, 1), |n| n.pos);
    let date = date_node.and_then(|n| yaml::datetime(n, path, "date", diags));
    let category = m.required("category", diags).and_then(|n| {
        let key = yaml::text(n, path, "category", diags)?;
        if let Some(c) = config
            && c.category(&key).is_none()
        {
            diags.error(path, n.pos, c.unknown_category(&key));
            return None;
        }
        Some(key)
    });
    let tags = tags_of(m.str_list("tags", diags), path, diags);
    let author = m.str("author", diags);
    let unit = m.str("unit", diags);
    let summary = m.str("summary", diags);
    let figures_pos = m.get("figures").map_or(Pos::new(1, 1), |n| n.pos);
    let figures = m
        .get("figures")
        .and_then(|n| parse_period(n, path, "figures", diags));
    let draft = m.bool("draft", diags).unwrap_or(false);
    let slug = slug_of(&mut m, title.as_deref(), path, diags);
    m.finish(diags);
    if diags.error_count() > before {
        return None;
    }
    let (date, _) = date?;
    Some(Article {
        source: path.to_string(),
        title: title?,
        date,
        date_pos,
        category: category?,
        tags,
        author,
        unit,
        summary,
        figures,
        figures_pos,
        draft,
        slug: slug?,
        excerpt: if crate::text::body_syntax::needs_templating(body)
            || body.len() > crate::text::MAX_BODY_BYTES
        {
            String::new()
        } else {
            crate::text::summary_of(&crate::text::first_paragraph(body))
        },
        body: body.to_string(),
        body_on_disk: false,
        body_line,
        photos: Vec::new(),
        first_photo: crate::text::first_photo(body),
        activity: None,
    })
}

/// The tags, trimmed, without repeats; one with no letter or digit, or too
/// long for an address, is an error at its place.
fn tags_of(written: Vec<(String, Pos)>, path: &str, diags: &mut Diagnostics) -> Vec<String> {
    let mut tags: Vec<String> = Vec::new();
    for (t, pos) in written {
        let t = t.trim().to_string();
        let slug = vn::slugify(&t);
        if slug.is_empty() {
            diags.error(path, pos, format!("thẻ `{t}` không có chữ hoặc số nào"));
        } else if let Some(msg) = vn::slug_too_long("tên thẻ", &slug) {
            diags.error(path, pos, msg);
        } else if !tags.contains(&t) {
            tags.push(t);
        }
    }
    tags
}

/// The article's address: its `slug:`, checked, or one made from its
/// title.
fn slug_of(
    m: &mut Map<'_>,
    title: Option<&str>,
    path: &str,
    diags: &mut Diagnostics,
) -> Option<String> {
    match m.get("slug") {
        Some(n) => yaml::text(n, path, "slug", diags).and_then(|s| match vn::check_slug(&s) {
            Ok(()) => Some(s),
            Err(msg) => {
                diags.error(path, n.pos, msg);
                None
            }
        }),
        None => title.and_then(|t| {
            let s = vn::slugify(t);
            let title_pos = m.get("title").map_or(m.pos, |n| n.pos);
            if s.is_empty() {
                diags.error(
                    path,
                    m.pos,
                    "không tạo được đường dẫn từ tiêu đề; hãy thêm khóa `slug:`",
                );
                None
            } else if let Some(msg) = vn::slug_too_long("tiêu đề", &s) {
                diags.error(path, title_pos, msg);
                None
            } else {
                Some(s)
            }
        }),
    }
}

/// `{ from: D, to: D }`, with from ≤ to.
pub(crate) fn parse_period(
    n: &yaml::Node,
    path: &str,
    key: &'static str,
    diags: &mut Diagnostics,
) -> Option<Period> {
    let mut m = Map::new(n, path, "khoảng thời gian", diags)?;
    let from = m.req_date("from", diags);
    let to = m.req_date("to", diags);
    m.finish(diags);
    let (from, to) = (from?, to?);
    if from > to {
        diags.error(
            path,
            n.pos,
            format!("`{key}`: ngày `from` ({from}) phải trước ngày `to` ({to})"),
        );
        return None;
    }
    Some(Period { from, to })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn splits_front_matter_and_counts_body_line() {
        let (fm, body, line) = split_front_matter("---\ntitle: a\n---\nXin chào\n").unwrap();
        assert_eq!(fm, "title: a\n");
        assert_eq!(body, "Xin chào\n");
        assert_eq!(line, 4);
        assert!(split_front_matter("title: a\n").is_none());
        assert!(split_front_matter("---\ntitle: a\n").is_none());
    }

    #[test]
    fn reads_an_article_without_config() {
        let mut d = Diagnostics::default();
        let a = parse_article(
            "---\ntitle: Đảng viên ưu tú\ndate: 2023-11-02 15:03\ncategory: tin-tuc\ntags: [Đảng, Đảng]\n---\nThân bài\n",
            "a.md",
            None,
            &mut d,
        )
        .unwrap();
        assert!(!d.has_errors(), "{}", d.render());
        assert_eq!(a.slug, "dang-vien-uu-tu");
        assert_eq!(a.tags, ["Đảng"]);
        assert_eq!(a.body_line, 7);
    }

    #[test]
    fn rejects_a_slug_that_climbs_out() {
        let mut d = Diagnostics::default();
        let a = parse_article(
            "---\ntitle: A\ndate: 2023-11-02\ncategory: x\nslug: ../x\n---\n",
            "a.md",
            None,
            &mut d,
        );
        assert!(a.is_none());
        assert!(
            d.render()
                .starts_with("a.md:5:7: `slug` `../x` không hợp lệ"),
            "{}",
            d.render()
        );
    }
}
