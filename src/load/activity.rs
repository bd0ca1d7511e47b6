//! content/activities/**/*.yaml → [`Activity`] entries. A file holds one
//! entry or a list of entries; every error points at the offending key.

use std::collections::{HashMap, HashSet};

use crate::diag::{Diagnostics, list};
use crate::model::{
    Activity, Attendance, CellLevel, Config, Details, DisciplineForm, Document, FieldType,
    FieldValue, Kind, MeetingRating, News, People, Photo, Rating,
};
use crate::vn;
use crate::yaml::{self, Map, Node, Value};

/// What the loader checks references against.
pub struct Refs<'a> {
    /// site.yaml, for categories of `news:` blocks; `None` while it has errors.
    pub config: Option<&'a Config>,
    /// content/documents.yaml, by id.
    pub documents: &'a HashMap<String, Document>,
    /// The files under content/static/, as `static/…`.
    pub static_files: &'a HashSet<String>,
}

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
        let ids = Kind::IDS;
        let mut msg = format!("loại hoạt động `{kind_text}` không có");
        if let Some(s) = vn::suggest(&kind_text, ids) {
            msg.push_str(&format!(" (có phải ý bạn là `{s}`?)"));
        }
        msg.push_str(&format!("; các loại hợp lệ: {}", list(ids)));
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

    let mut values: Vec<(&'static str, FieldValue)> = Vec::new();
    for field in kind.fields() {
        let Some(v) = m.get(field.key) else {
            if field.required {
                diags.error(
                    path,
                    kind_node.pos,
                    format!(
                        "mục `{}` thiếu khóa `{}` ({})",
                        kind.id(),
                        field.key,
                        kind.label().to_lowercase()
                    ),
                );
            }
            continue;
        };
        if let Some(value) = parse_field(field.ty, v, path, field.key, diags) {
            values.push((field.key, value));
        }
    }
    let meeting = meeting_of(kind, &values, date.map(|(d, _)| d), &mut m, path, diags);
    m.finish(diags);
    if diags.error_count() > before {
        if let Some((date, _)) = date {
            broken.push((kind, date));
        }
        return None;
    }
    let (date, has_time) = date?;
    let details = Details::from_fields(kind, |key| {
        let i = values.iter().position(|(k, _)| *k == key)?;
        Some(values.swap_remove(i).1)
    })?;
    Some(Activity {
        title,
        place,
        chair,
        documents,
        note,
        photos,
        news,
        meeting,
        has_time,
        ..Activity::new(path, n.pos, details, date)
    })
}

/// The papers' part of a meeting entry (none for other kinds, whose
/// entries then refuse the meeting keys as unknown).
fn meeting_of(
    kind: Kind,
    values: &[(&'static str, FieldValue)],
    start: Option<jiff::civil::DateTime>,
    m: &mut Map<'_>,
    path: &str,
    diags: &mut Diagnostics,
) -> Option<Box<crate::model::meeting::MeetingRecord>> {
    if !kind.is_meeting() {
        return None;
    }
    let attendance = values.iter().find_map(|(_, v)| match v {
        FieldValue::Attendance(a) => Some(*a),
        _ => None,
    });
    super::meeting::parse(m, start, attendance.as_ref(), path, diags)
}

/// Reads the value of one kind-specific field; errors go to `diags`.
fn parse_field(
    ty: FieldType,
    v: &Node,
    path: &str,
    key: &str,
    diags: &mut Diagnostics,
) -> Option<FieldValue> {
    let list = |diags: &mut Diagnostics| -> Vec<String> {
        yaml::str_list(v, path, key, diags)
            .into_iter()
            .map(|(s, _)| s)
            .collect()
    };
    Some(match ty {
        FieldType::Attendance => FieldValue::Attendance(parse_attendance(v, path, diags)?),
        FieldType::Text => FieldValue::Text(yaml::text(v, path, key, diags)?),
        FieldType::TextList => FieldValue::TextList(list(diags)),
        FieldType::Names => {
            let names = list(diags);
            if names.is_empty() {
                diags.error(
                    path,
                    v.pos,
                    format!("`{key}` phải liệt kê ít nhất một họ tên"),
                );
                return None;
            }
            FieldValue::TextList(names)
        }
        FieldType::People => FieldValue::People(parse_people(v, path, key, diags)?),
        FieldType::Percent => FieldValue::Percent(parse_percent(v, path, key, diags)?),
        FieldType::Year => {
            let y = yaml::count(v, path, key, diags)?;
            if !(1930..=2200).contains(&y) {
                diags.error(
                    path,
                    v.pos,
                    format!("`{key}` phải là một năm, ví dụ 2023, không phải `{y}`"),
                );
                return None;
            }
            FieldValue::Year(y as i32)
        }
        FieldType::Rating => FieldValue::Rating(parse_rating(v, path, diags)?),
        FieldType::Discipline => FieldValue::Discipline(one_of(
            v,
            path,
            key,
            DisciplineForm::IDS,
            DisciplineForm::from_id,
            diags,
        )?),
        FieldType::CellLevel => FieldValue::CellLevel(one_of(
            v,
            path,
            key,
            CellLevel::IDS,
            CellLevel::from_id,
            diags,
        )?),
        FieldType::LevelCounts => FieldValue::LevelCounts(parse_level_counts(v, path, diags)),
    })
}

fn one_of<T>(
    v: &Node,
    path: &str,
    key: &str,
    valid: &[&str],
    from_id: fn(&str) -> Option<T>,
    diags: &mut Diagnostics,
) -> Option<T> {
    let s = yaml::text(v, path, key, diags)?;
    if let Some(value) = from_id(&s) {
        Some(value)
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
    let total_node = m.required("total", diags);
    let total = total_node.and_then(|n| yaml::count(n, path, "total", diags));
    let exempt = m.count("exempt", diags).unwrap_or(0);
    let present_node = m.required("present", diags);
    let present = present_node.and_then(|n| yaml::count(n, path, "present", diags));
    let excused_node = m.get("excused");
    let excused = excused_node.and_then(|n| yaml::count(n, path, "excused", diags));
    m.finish(diags);
    let (total, present) = (total?, present?);
    if total == 0 {
        // The skeleton of `new activity` says 0 until someone fills it in.
        diags.error(
            path,
            total_node.map_or(v.pos, |n| n.pos),
            "`total` bằng 0: hãy điền tổng số đảng viên của chi bộ (một buổi họp không thể có 0 đảng viên)",
        );
        return None;
    }
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

fn parse_rating(v: &Node, path: &str, diags: &mut Diagnostics) -> Option<Rating> {
    match &v.value {
        Value::Map(_) => {
            let mut m = Map::new(v, path, "khối `rating`", diags)?;
            let level = m.required("level", diags).and_then(|n| {
                one_of(
                    n,
                    path,
                    "rating.level",
                    MeetingRating::IDS,
                    MeetingRating::from_id,
                    diags,
                )
            });
            let score = m
                .get("score")
                .and_then(|n| parse_percent(n, path, "score", diags));
            m.finish(diags);
            Some(Rating {
                level: level?,
                score,
            })
        }
        _ => one_of(
            v,
            path,
            "rating",
            MeetingRating::IDS,
            MeetingRating::from_id,
            diags,
        )
        .map(|level| Rating { level, score: None }),
    }
}

fn parse_level_counts(v: &Node, path: &str, diags: &mut Diagnostics) -> Vec<(CellLevel, u32)> {
    let Some(mut m) = Map::new(v, path, "khối `members` của xếp loại", diags) else {
        return Vec::new();
    };
    let mut out = Vec::new();
    for &level in CellLevel::ALL {
        if let Some(n) = m.count(level.id(), diags) {
            out.push((level, n));
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
        // The parser places a block scalar (`body: |`) at its first line
        // of text, and a plain one on the key's line: either way, there.
        body_line: body_node.map_or(v.pos.line, |n| n.pos.line),
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
        assert_eq!(v[1].people_count(), 2);
    }

    #[test]
    fn every_skeleton_of_the_field_table_loads_into_its_kind() {
        for &kind in Kind::ALL {
            let mut text = format!("kind: {}\ndate: 2023-01-05\n", kind.id());
            for f in kind.fields() {
                let filled = f.skeleton.replace("total: 0 ", "total: 20");
                text.push_str(filled.strip_prefix("# ").unwrap_or(&filled));
            }
            let (v, d) = parse(&text);
            assert!(!d.has_errors(), "{text}\n{}", d.render());
            assert_eq!(v[0].kind(), kind);
            for f in kind.fields() {
                assert!(v[0].details.get(f.key).is_some(), "{kind:?}.{}", f.key);
            }
        }
    }

    #[test]
    fn closed_sets_are_typed_and_their_wrong_values_list_the_valid_ones() {
        let (v, d) = parse(
            "- kind: ky_luat\n  date: 2023-01-05\n  subjects: 1\n  form: canh_cao\n- kind: sinh_hoat_thuong_ky\n  date: 2023-02-05\n  attendance: { total: 3, present: 3 }\n  rating: kha\n",
        );
        assert!(!d.has_errors(), "{}", d.render());
        assert_eq!(
            v[0].details,
            Details::KyLuat {
                subjects: People::Count(1),
                form: Some(DisciplineForm::CanhCao)
            }
        );
        assert_eq!(
            v[1].details.get("rating"),
            Some(FieldValue::Rating(Rating {
                level: MeetingRating::Kha,
                score: None
            }))
        );
        let (_, d) = parse("kind: xep_loai\ndate: 2023-12-20\nyear: 2023\ncell_level: xuat_sac\n");
        assert_eq!(
            d.render(),
            "content/activities/a.yaml:4:13: `cell_level` không nhận giá trị `xuat_sac`; các giá trị hợp lệ: hoan_thanh_xuat_sac, hoan_thanh_tot, hoan_thanh, khong_hoan_thanh\n"
        );
    }

    #[test]
    fn common_fields_and_fractions_are_kept() {
        let mut docs = HashMap::new();
        docs.insert(
            "kl-01-2021".to_string(),
            Document {
                id: "kl-01-2021".into(),
                kind: "Kết luận".into(),
                number: "01-KL/TW".into(),
                date: jiff::civil::date(2021, 5, 18),
                issuer: "Bộ Chính trị".into(),
                subject: None,
                pos: Default::default(),
            },
        );
        let files: HashSet<String> = ["static/anh/a.png".to_string()].into();
        let mut d = Diagnostics::default();
        let v = parse_activities(
            "- kind: giam_sat_thuong_xuyen\n  date: 2023-03-01 14:30\n  coverage_percent: 95.5\n  title: Giám sát quý I\n  place: Hội trường\n  chair: Bí thư\n  documents: [kl-01-2021]\n  note: Ghi chú\n  photos: [{ src: static/anh/a.png, caption: Ảnh }]\n  news: { title: Tin giám sát }\n- kind: sinh_hoat_thuong_ky\n  date: 2023-03-10\n  attendance: { total: 20, present: 19 }\n  rating: { level: tot, score: 92.5 }\n",
            "content/activities/a.yaml",
            &refs_with(&docs, &files),
            &mut d,
        );
        assert!(!d.has_errors(), "{}", d.render());
        let a = &v[0];
        assert_eq!(
            a.details,
            Details::GiamSatThuongXuyen {
                coverage_percent: 95.5
            }
        );
        assert_eq!(a.title.as_deref(), Some("Giám sát quý I"));
        assert_eq!(a.place.as_deref(), Some("Hội trường"));
        assert_eq!(a.chair.as_deref(), Some("Bí thư"));
        assert_eq!(a.documents, ["kl-01-2021"]);
        assert_eq!(a.note.as_deref(), Some("Ghi chú"));
        assert_eq!(a.photos.len(), 1);
        assert_eq!(a.news.as_ref().unwrap().title, "Tin giám sát");
        assert!(a.has_time);
        assert_eq!((a.date.hour(), a.date.minute()), (14, 30));
        assert!(!v[1].has_time);
        assert_eq!(
            v[1].details.get("rating"),
            Some(FieldValue::Rating(Rating {
                level: MeetingRating::Tot,
                score: Some(92.5)
            }))
        );
    }

    #[test]
    fn present_and_excused_together_cannot_exceed_required() {
        let meeting = |present: u32, excused: u32| {
            format!(
                "kind: sinh_hoat_thuong_ky\ndate: 2023-01-05\nattendance: {{ total: 20, exempt: 2, present: {present}, excused: {excused} }}\n"
            )
        };
        let (v, d) = parse(&meeting(16, 2));
        assert!(!d.has_errors(), "{}", d.render());
        assert_eq!(v[0].attendance().unwrap().excused, Some(2));
        let (v, d) = parse(&meeting(16, 3));
        assert!(v.is_empty());
        assert_eq!(
            d.render(),
            "content/activities/a.yaml:3:59: `present` + `excused` (16 + 3) lớn hơn số đảng viên phải dự (18)\n"
        );
    }

    #[test]
    fn photos_must_be_existing_files_under_static_and_news_bodies_know_their_line() {
        let docs = HashMap::new();
        let files: HashSet<String> = ["static/anh/a.png".to_string()].into();
        let mut d = Diagnostics::default();
        let v = parse_activities(
            "kind: cap_uy\ndate: 2023-01-05\nphotos:\n  - { src: static/../site.yaml }\n  - { src: anh/a.png }\n  - { src: static/anh/khong-co.png }\n  - { src: static//a.png }\n  - { src: ./content/static/anh/a.png, caption: Ảnh }\nnews:\n  title: Tin\n  body: |\n    Dòng một.\n",
            "content/activities/a.yaml",
            &refs_with(&docs, &files),
            &mut d,
        );
        assert!(v.is_empty());
        let r = d.render();
        for want in [
            "a.yaml:4:12: ảnh `static/../site.yaml` phải nằm trong content/static/",
            "a.yaml:5:12: ảnh `anh/a.png` phải nằm trong content/static/",
            "a.yaml:6:12: không tìm thấy ảnh `static/anh/khong-co.png` (tìm ở content/static/anh/khong-co.png)",
            "a.yaml:7:12: ảnh `static//a.png` phải nằm trong content/static/",
        ] {
            assert!(r.contains(want), "{want}\n{r}");
        }
        assert_eq!(d.error_count(), 4, "{r}");
        let mut d = Diagnostics::default();
        let v = parse_activities(
            "kind: cap_uy\ndate: 2023-01-05\nphotos:\n  - { src: ./content/static/anh/a.png, caption: Ảnh }\nnews:\n  title: Tin\n  body: |\n    Dòng một.\n",
            "content/activities/a.yaml",
            &refs_with(&docs, &files),
            &mut d,
        );
        assert!(!d.has_errors(), "{}", d.render());
        assert_eq!(v[0].photos[0].src, "static/anh/a.png");
        let news = v[0].news.as_ref().unwrap();
        assert_eq!((news.body.as_str(), news.body_line), ("Dòng một.\n", 8));
    }

    #[test]
    fn everyone_may_be_exempt_but_no_more_than_everyone() {
        let meeting = |exempt: u32| {
            format!(
                "kind: sinh_hoat_thuong_ky\ndate: 2023-01-05\nattendance: {{ total: 5, exempt: {exempt}, present: 0 }}\n"
            )
        };
        let (v, d) = parse(&meeting(5));
        assert!(!d.has_errors(), "{}", d.render());
        assert_eq!(v[0].attendance().unwrap().exempt, 5);
        let (v, d) = parse(&meeting(6));
        assert!(v.is_empty());
        assert_eq!(
            d.render(),
            "content/activities/a.yaml:3:13: `exempt` (6) không thể lớn hơn `total` (5)\n"
        );
    }

    #[test]
    fn an_empty_log_file_is_no_entries_and_no_error() {
        let (v, d) = parse("# chưa có hoạt động nào\n");
        assert!(v.is_empty());
        assert!(!d.has_errors(), "{}", d.render());
    }

    #[test]
    fn an_entry_with_an_error_is_left_out_and_remembered_as_broken() {
        let docs = HashMap::new();
        let files = HashSet::new();
        let mut d = Diagnostics::default();
        let mut broken = Vec::new();
        let v = parse_log(
            "- kind: cap_uy\n  date: 2023-01-05\n- kind: kiem_tra\n  date: 2023-02-05\n  subjects: nhiều\n",
            "content/activities/a.yaml",
            &refs_with(&docs, &files),
            &mut broken,
            &mut d,
        );
        assert_eq!(v.len(), 1);
        assert_eq!(v[0].kind(), Kind::CapUy);
        assert_eq!(
            broken,
            [(Kind::KiemTra, jiff::civil::date(2023, 2, 5).at(0, 0, 0, 0))]
        );
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
    fn an_unfilled_meeting_with_no_members_is_an_error_at_its_total() {
        let (v, d) = parse(
            "kind: sinh_hoat_thuong_ky\ndate: 2023-01-05\nattendance:\n  total: 0\n  exempt: 0\n  present: 0\n",
        );
        assert!(v.is_empty());
        assert_eq!(
            d.render(),
            "content/activities/a.yaml:4:10: `total` bằng 0: hãy điền tổng số đảng viên của chi bộ (một buổi họp không thể có 0 đảng viên)\n"
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
