//! content/activities/**/*.yaml → [`Activity`] entries. A file holds one
//! entry or a list of entries; every error points at the offending key.

use std::collections::{HashMap, HashSet};

use crate::diag::{Diagnostics, list};
use crate::model::{Activity, Attendance, Config, Document, Kind, News, People, Photo};
use crate::vn;
use crate::yaml::{self, Map, Node, Value};

/// What the loader checks references against.
pub struct Refs<'a> {
    pub config: Option<&'a Config>,
    pub documents: &'a HashMap<String, Document>,
    pub static_files: &'a HashSet<String>,
}

/// The kind-specific keys of each kind, with whether each is required.
pub fn kind_fields(kind: Kind) -> &'static [(&'static str, bool)] {
    match kind {
        Kind::CapUy => &[("attendance", false)],
        Kind::SinhHoatThuongKy => &[("attendance", true), ("topics", false), ("rating", false)],
        Kind::ChuyenDe => &[("attendance", false), ("topic", true)],
        Kind::LopNhanThuc => &[("participants", true)],
        Kind::KetNap | Kind::ChuyenChinhThuc => &[("members", true), ("decision", false)],
        Kind::GiamSatThuongXuyen => &[("coverage_percent", true)],
        Kind::GiamSatChuyenDe => &[("subjects", true)],
        Kind::KiemTra => &[("subjects", true), ("result", false)],
        Kind::KyLuat => &[("subjects", true), ("form", false)],
        Kind::HocTap => &[("audience", false)],
        Kind::XepLoai => &[("year", true), ("cell_level", true), ("members", false)],
        Kind::DanVan => &[("topic", true)],
        Kind::Khac => &[],
    }
}

pub const RATINGS: &[&str] = &["tot", "kha", "trung_binh", "kem"];
pub const CELL_LEVELS: &[&str] = &[
    "hoan_thanh_xuat_sac",
    "hoan_thanh_tot",
    "hoan_thanh",
    "khong_hoan_thanh",
];
pub const DISCIPLINE_FORMS: &[&str] = &[
    "khien_trach",
    "canh_cao",
    "cach_chuc",
    "khai_tru",
    "xoa_ten",
];

/// Parses one log file.
pub fn parse_activities(
    text: &str,
    path: &str,
    refs: &Refs<'_>,
    diags: &mut Diagnostics,
) -> Vec<Activity> {
    parse_log(text, path, refs, &mut Vec::new(), diags)
}

/// Like [`parse_activities`]; the kind and date of each entry that has
/// errors go to `broken`, so that the log's warnings (a month without a
/// meeting) are not wrong while those errors are being fixed.
pub fn parse_log(
    text: &str,
    path: &str,
    refs: &Refs<'_>,
    broken: &mut Vec<(Kind, jiff::civil::DateTime)>,
    diags: &mut Diagnostics,
) -> Vec<Activity> {
    let Some(root) = yaml::parse(text, path, 0, diags) else {
        return Vec::new();
    };
    match &root.value {
        Value::Seq(items) => items
            .iter()
            .filter_map(|n| parse_entry(n, path, refs, broken, diags))
            .collect(),
        Value::Map(_) => parse_entry(&root, path, refs, broken, diags)
            .into_iter()
            .collect(),
        Value::Null => Vec::new(),
        _ => {
            diags.error(
                path,
                root.pos,
                "tệp nhật ký phải là một mục (`kind: …`) hoặc một danh sách mục (mỗi mục bắt đầu bằng `- kind: …`)",
            );
            Vec::new()
        }
    }
}

fn parse_entry(
    n: &Node,
    path: &str,
    refs: &Refs<'_>,
    broken: &mut Vec<(Kind, jiff::civil::DateTime)>,
    diags: &mut Diagnostics,
) -> Option<Activity> {
    let mut m = Map::new(n, path, "mục nhật ký", diags)?;
    let before = diags.error_count();
    let kind_node = m.required("kind", diags)?;
    let kind_text = yaml::text(kind_node, path, "kind", diags)?;
    let Some(kind) = Kind::from_id(kind_text.trim()) else {
        let ids: Vec<&str> = Kind::ALL.iter().map(|k| k.id()).collect();
        let mut msg = format!("loại hoạt động `{kind_text}` không có");
        if let Some(s) = vn::suggest(&kind_text, &ids) {
            msg.push_str(&format!(" (có phải ý bạn là `{s}`?)"));
        }
        msg.push_str(&format!("; các loại hợp lệ: {}", list(&ids)));
        diags.error(path, kind_node.pos, msg);
        return None;
    };
    let date = m
        .required("date", diags)
        .and_then(|d| yaml::datetime(d, path, "date", diags));
    let title = m.str("title", diags);
    let place = m.str("place", diags);
    let chair = m.str("chair", diags);
    let mut documents = Vec::new();
    for (id, pos) in m.str_list("documents", diags) {
        if refs.documents.contains_key(&id) {
            documents.push(id);
        } else {
            diags.error(
                path,
                pos,
                crate::model::unknown_document(refs.documents, &id),
            );
        }
    }
    let note = m.str("note", diags);
    let photos = m
        .get("photos")
        .map(|p| parse_photos(p, path, refs, diags))
        .unwrap_or_default();
    let news = m
        .get("news")
        .and_then(|p| parse_news(p, path, refs, diags))
        .map(Box::new);

    let mut a = Activity::new(
        path,
        n.pos,
        kind,
        jiff::civil::date(2000, 1, 1).at(0, 0, 0, 0),
    );
    a.title = title;
    a.place = place;
    a.chair = chair;
    a.documents = documents;
    a.note = note;
    a.photos = photos;
    a.news = news;
    for &(key, required) in kind_fields(kind) {
        let node = if required {
            match m.get(key) {
                Some(v) => Some(v),
                None => {
                    diags.error(
                        path,
                        kind_node.pos,
                        format!(
                            "mục `{}` thiếu khóa `{key}` ({})",
                            kind.id(),
                            kind.label().to_lowercase()
                        ),
                    );
                    None
                }
            }
        } else {
            m.get(key)
        };
        let Some(v) = node else { continue };
        match key {
            "attendance" => a.attendance = parse_attendance(v, path, diags),
            "topics" => {
                a.topics = yaml::str_list(v, path, key, diags)
                    .into_iter()
                    .map(|(s, _)| s)
                    .collect()
            }
            "topic" => a.topic = yaml::text(v, path, key, diags),
            "rating" => a.rating = parse_rating(v, path, diags),
            "participants" | "subjects" => a.people = parse_people(v, path, key, diags),
            "members" if kind == Kind::XepLoai => {
                a.level_counts = parse_level_counts(v, path, diags)
            }
            "members" => {
                a.members = yaml::str_list(v, path, key, diags)
                    .into_iter()
                    .map(|(s, _)| s)
                    .collect();
                if a.members.is_empty() {
                    diags.error(path, v.pos, "`members` phải liệt kê ít nhất một họ tên");
                }
            }
            "decision" => a.decision = yaml::text(v, path, key, diags),
            "coverage_percent" => a.coverage_percent = parse_percent(v, path, key, diags),
            "result" => a.result = yaml::text(v, path, key, diags),
            "form" => a.form = one_of(v, path, key, DISCIPLINE_FORMS, diags),
            "audience" => a.audience = yaml::text(v, path, key, diags),
            "year" => {
                a.year = yaml::count(v, path, key, diags).and_then(|y| {
                    if (1930..=2200).contains(&y) {
                        Some(y as i32)
                    } else {
                        diags.error(
                            path,
                            v.pos,
                            format!("`year` phải là một năm, ví dụ 2023, không phải `{y}`"),
                        );
                        None
                    }
                })
            }
            "cell_level" => a.cell_level = one_of(v, path, key, CELL_LEVELS, diags),
            _ => {}
        }
    }
    m.finish(diags);
    if diags.error_count() > before {
        if let Some((date, _)) = date {
            broken.push((kind, date));
        }
        return None;
    }
    let (date, has_time) = date?;
    a.date = date;
    a.has_time = has_time;
    Some(a)
}

fn one_of(
    v: &Node,
    path: &str,
    key: &str,
    valid: &[&str],
    diags: &mut Diagnostics,
) -> Option<String> {
    let s = yaml::text(v, path, key, diags)?;
    if valid.contains(&s.as_str()) {
        Some(s)
    } else {
        diags.error(
            path,
            v.pos,
            format!(
                "`{key}` không nhận giá trị `{s}`; các giá trị hợp lệ: {}",
                list(valid)
            ),
        );
        None
    }
}

fn parse_percent(v: &Node, path: &str, key: &str, diags: &mut Diagnostics) -> Option<f64> {
    let x = match v.value {
        Value::Int(i) => i as f64,
        Value::Float(f) => f,
        _ => {
            let s = v.scalar_text().unwrap_or_else(|| v.kind_name().to_string());
            diags.error(
                path,
                v.pos,
                format!("`{key}` phải là một số từ 0 đến 100 (không có dấu %), không phải `{s}`"),
            );
            return None;
        }
    };
    if (0.0..=100.0).contains(&x) {
        Some(x)
    } else {
        diags.error(
            path,
            v.pos,
            format!("`{key}` phải nằm trong khoảng 0 đến 100, không phải `{x}`"),
        );
        None
    }
}

fn parse_people(v: &Node, path: &str, key: &str, diags: &mut Diagnostics) -> Option<People> {
    match &v.value {
        Value::Int(_) => yaml::count(v, path, key, diags).map(People::Count),
        Value::Seq(_) => Some(People::Names(
            yaml::str_list(v, path, key, diags)
                .into_iter()
                .map(|(s, _)| s)
                .collect(),
        )),
        _ => {
            diags.error(
                path,
                v.pos,
                format!(
                    "`{key}` phải là một số (ví dụ `5`) hoặc danh sách họ tên (ví dụ `[Nguyễn Văn A, Trần Thị B]`), không phải `{}`",
                    v.scalar_text().unwrap_or_else(|| v.kind_name().to_string())
                ),
            );
            None
        }
    }
}

fn parse_attendance(v: &Node, path: &str, diags: &mut Diagnostics) -> Option<Attendance> {
    let mut m = Map::new(v, path, "khối `attendance`", diags)?;
    let total = m
        .required("total", diags)
        .and_then(|n| yaml::count(n, path, "total", diags));
    let exempt = m.count("exempt", diags).unwrap_or(0);
    let present_node = m.required("present", diags);
    let present = present_node.and_then(|n| yaml::count(n, path, "present", diags));
    let excused_node = m.get("excused");
    let excused = excused_node.and_then(|n| yaml::count(n, path, "excused", diags));
    m.finish(diags);
    let (total, present) = (total?, present?);
    if exempt > total {
        diags.error(
            path,
            v.pos,
            format!("`exempt` ({exempt}) không thể lớn hơn `total` ({total})"),
        );
        return None;
    }
    let required = total - exempt;
    if present > required {
        diags.error(
            path,
            present_node.map_or(v.pos, |n| n.pos),
            format!(
                "`present` ({present}) lớn hơn số đảng viên phải dự (`total` − `exempt` = {total} − {exempt} = {required})"
            ),
        );
        return None;
    }
    if let Some(e) = excused
        && present + e > required
    {
        diags.error(
            path,
            excused_node.map_or(v.pos, |n| n.pos),
            format!(
                "`present` + `excused` ({present} + {e}) lớn hơn số đảng viên phải dự ({required})"
            ),
        );
        return None;
    }
    Some(Attendance {
        total,
        exempt,
        present,
        excused,
    })
}

fn parse_rating(v: &Node, path: &str, diags: &mut Diagnostics) -> Option<(String, Option<f64>)> {
    match &v.value {
        Value::Map(_) => {
            let mut m = Map::new(v, path, "khối `rating`", diags)?;
            let level = m
                .required("level", diags)
                .and_then(|n| one_of(n, path, "rating.level", RATINGS, diags));
            let score = m
                .get("score")
                .and_then(|n| parse_percent(n, path, "score", diags));
            m.finish(diags);
            Some((level?, score))
        }
        _ => one_of(v, path, "rating", RATINGS, diags).map(|l| (l, None)),
    }
}

fn parse_level_counts(v: &Node, path: &str, diags: &mut Diagnostics) -> Vec<(String, u32)> {
    let Some(mut m) = Map::new(v, path, "khối `members` của xếp loại", diags) else {
        return Vec::new();
    };
    let mut out = Vec::new();
    for level in CELL_LEVELS {
        if let Some(n) = m.count(level, diags) {
            out.push((level.to_string(), n));
        }
    }
    m.finish(diags);
    out
}

fn parse_photos(v: &Node, path: &str, refs: &Refs<'_>, diags: &mut Diagnostics) -> Vec<Photo> {
    let Value::Seq(items) = &v.value else {
        diags.error(
            path,
            v.pos,
            "`photos` phải là danh sách, ví dụ `- { src: static/anh/a.png, caption: Chú thích }`",
        );
        return Vec::new();
    };
    let mut out = Vec::new();
    for item in items {
        let Some(mut m) = Map::new(item, path, "một ảnh", diags) else {
            continue;
        };
        let src_node = m.required("src", diags);
        let src = m.req_str("src", diags);
        let caption = m.str("caption", diags).unwrap_or_default();
        m.finish(diags);
        let Some(src) = src else { continue };
        let pos = src_node.map_or(item.pos, |n| n.pos);
        let rel = src.trim_start_matches("./").trim_start_matches("content/");
        if rel.split('/').any(|c| c == ".." || c.is_empty()) || !rel.starts_with("static/") {
            diags.error(
                path,
                pos,
                format!("ảnh `{src}` phải nằm trong content/static/ và được viết là `static/…` (không dùng `..`)"),
            );
        } else if !refs.static_files.contains(rel) {
            diags.error(
                path,
                pos,
                format!("không tìm thấy ảnh `{src}` (tìm ở content/{rel})"),
            );
        } else {
            out.push(Photo {
                src: rel.to_string(),
                caption,
            });
        }
    }
    out
}

fn parse_news(v: &Node, path: &str, refs: &Refs<'_>, diags: &mut Diagnostics) -> Option<News> {
    let mut m = Map::new(v, path, "khối `news`", diags)?;
    let title = m.req_str("title", diags);
    let body_node = m.get("body");
    let body = body_node
        .and_then(|n| yaml::text(n, path, "body", diags))
        .unwrap_or_default();
    let author = m.str("author", diags);
    let category = m.get("category").and_then(|n| {
        let key = yaml::text(n, path, "category", diags)?;
        if let Some(c) = refs.config
            && c.category(&key).is_none()
        {
            diags.error(path, n.pos, c.unknown_category(&key));
            return None;
        }
        Some(key)
    });
    let mut tags = Vec::new();
    for (t, pos) in m.str_list("tags", diags) {
        let slug = vn::slugify(&t);
        if slug.is_empty() {
            diags.error(path, pos, format!("thẻ `{t}` không có chữ hoặc số nào"));
        } else if let Some(msg) = vn::slug_too_long("tên thẻ", &slug) {
            diags.error(path, pos, msg);
        } else {
            tags.push(t);
        }
    }
    let title_pos = m.get("title").map(|n| n.pos);
    let slug = m.get("slug").and_then(|n| {
        let s = yaml::text(n, path, "slug", diags)?;
        match vn::check_slug(&s) {
            Ok(()) => Some(s),
            Err(msg) => {
                diags.error(path, n.pos, msg);
                None
            }
        }
    });
    if slug.is_none()
        && let (Some(t), Some(pos)) = (&title, title_pos)
    {
        let s = vn::slugify(t);
        if s.is_empty() {
            diags.error(
                path,
                pos,
                "không tạo được đường dẫn từ tiêu đề; hãy thêm khóa `slug:`",
            );
        } else if let Some(msg) = vn::slug_too_long("tiêu đề", &s) {
            diags.error(path, pos, msg);
        }
    }
    m.finish(diags);
    Some(News {
        title: title?,
        body,
        // A block scalar (`body: |`) starts on the line after the key.
        body_line: body_node.map_or(v.pos.line, |n| n.pos.line + 1),
        author,
        category,
        tags,
        slug,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn refs_with<'a>(docs: &'a HashMap<String, Document>, files: &'a HashSet<String>) -> Refs<'a> {
        Refs {
            config: None,
            documents: docs,
            static_files: files,
        }
    }

    fn parse(text: &str) -> (Vec<Activity>, Diagnostics) {
        let docs = HashMap::new();
        let files = HashSet::new();
        let mut d = Diagnostics::default();
        let v = parse_activities(
            text,
            "content/activities/a.yaml",
            &refs_with(&docs, &files),
            &mut d,
        );
        (v, d)
    }

    #[test]
    fn a_single_entry_and_a_list_both_load() {
        let (v, d) = parse("kind: cap_uy\ndate: 2023-01-05\n");
        assert!(!d.has_errors(), "{}", d.render());
        assert_eq!(v.len(), 1);
        let (v, d) = parse(
            "- kind: cap_uy\n  date: 2023-01-05\n- kind: lop_nhan_thuc\n  date: 2023-02-01\n  participants: [A, B]\n",
        );
        assert!(!d.has_errors(), "{}", d.render());
        assert_eq!(v[1].people.as_ref().unwrap().count(), 2);
    }

    #[test]
    fn an_unknown_kind_lists_the_valid_ones() {
        let (_, d) = parse("- kind: sinh_hoat\n  date: 2023-01-05\n");
        let r = d.render();
        assert!(
            r.starts_with("content/activities/a.yaml:1:9: loại hoạt động `sinh_hoat` không có"),
            "{r}"
        );
        assert!(r.contains("cap_uy, sinh_hoat_thuong_ky, chuyen_de"), "{r}");
    }

    #[test]
    fn a_field_of_another_kind_is_unknown_here() {
        let (_, d) = parse("kind: cap_uy\ndate: 2023-01-05\ntopic: x\n");
        assert!(
            d.render().starts_with(
                "content/activities/a.yaml:3:1: khóa `topic` không hợp lệ trong mục nhật ký"
            ),
            "{}",
            d.render()
        );
    }

    #[test]
    fn present_cannot_exceed_required() {
        let (_, d) = parse(
            "kind: sinh_hoat_thuong_ky\ndate: 2023-01-05\nattendance: { total: 20, exempt: 2, present: 19 }\n",
        );
        assert_eq!(
            d.render(),
            "content/activities/a.yaml:3:46: `present` (19) lớn hơn số đảng viên phải dự (`total` − `exempt` = 20 − 2 = 18)\n"
        );
    }

    #[test]
    fn negative_counts_and_missing_fields_are_errors() {
        let (_, d) = parse(
            "- kind: kiem_tra\n  date: 2023-01-05\n  subjects: -1\n- kind: chuyen_de\n  date: 2023-01-05\n",
        );
        let r = d.render();
        assert!(
            r.contains("a.yaml:3:13: khóa `subjects` phải là số không âm, không phải `-1`"),
            "{r}"
        );
        assert!(
            r.contains("a.yaml:4:9: mục `chuyen_de` thiếu khóa `topic`"),
            "{r}"
        );
    }

    #[test]
    fn transfers_before_twelve_months_are_warned() {
        let (v, d) = parse(
            "- kind: ket_nap\n  date: 2022-06-15\n  members: [Nguyễn Văn A]\n- kind: chuyen_chinh_thuc\n  date: 2023-05-01\n  members: [Nguyễn Văn A]\n",
        );
        assert!(!d.has_errors());
        let mut w = Diagnostics::default();
        let cfg = crate::load::parse_config(
            "title: T\nbase_url: https://x.vn\nunit: { name: Chi bộ }\nterm: { from: 2022-06-01, to: 2025-06-30 }\ncategories: [{ key: a, name: A }]\n",
            "site.yaml",
            &mut w,
        )
        .unwrap();
        crate::check::warn_activities(
            &v,
            &[],
            &cfg,
            jiff::civil::date(2026, 1, 1).at(0, 0, 0, 0),
            &mut w,
        );
        let r = w.render();
        assert!(
            r.contains("chuyển chính thức cho `Nguyễn Văn A` ngày 01/5/2023 khi chưa đủ 12 tháng"),
            "{r}"
        );
        assert!(
            r.contains("tháng 7/2022 không có mục `sinh_hoat_thuong_ky`"),
            "{r}"
        );
    }
}
