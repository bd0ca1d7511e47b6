//! site.yaml → [`Config`].

use crate::diag::{Diagnostics, Pos};
use crate::model::RESERVED;
use crate::model::{AttendanceDenominator, Category, Config, Margins, Period, Term, Unit};
use crate::vn;
use crate::yaml::{self, Map, Value};

/// Reads site.yaml; every problem goes to `diags`.
pub fn parse_config(text: &str, path: &str, diags: &mut Diagnostics) -> Option<Config> {
    let root = yaml::parse(text, path, 0, diags)?;
    let mut m = Map::new(&root, path, "site.yaml", diags)?;
    let errors_before = diags.error_count();

    let title = m.req_str("title", diags);
    let description = m.str("description", diags).unwrap_or_default();
    let base_url = m
        .required("base_url", diags)
        .and_then(|n| base_url_of(n, path, diags));
    let language = m.str("language", diags).unwrap_or_else(|| "vi".into());
    let offset_minutes = match m.get("timezone") {
        None => Some(420),
        Some(n) => offset_of(n, path, diags),
    };
    let unit = m
        .required("unit", diags)
        .and_then(|n| parse_unit(n, path, diags));
    let term = m
        .required("term", diags)
        .and_then(|n| parse_term(n, path, diags));
    let categories = m
        .required("categories", diags)
        .and_then(|n| parse_categories(n, path, diags));
    let per_page = match m.get("per_page") {
        None => Some(20),
        Some(n) => per_page_of(n, path, diags),
    };
    let figures = match m.get("figures") {
        None => Some((AttendanceDenominator::Required, None, None)),
        Some(n) => parse_figures(n, path, diags),
    };
    let targets = m
        .get("targets")
        .map(|n| super::targets::parse(n, path, diags))
        .unwrap_or_default();
    let unsafe_html = m.bool("unsafe_html", diags).unwrap_or(false);
    let clean_path = |p: String| {
        p.trim_start_matches("./")
            .trim_start_matches('/')
            .to_string()
    };
    let files_pos = [
        m.get("image").map_or(Pos::new(1, 1), |n| n.pos),
        m.get("favicon").map_or(Pos::new(1, 1), |n| n.pos),
    ];
    let image = m.str("image", diags).map(clean_path);
    let favicon = m.str("favicon", diags).map(clean_path);
    let report = match m.get("report") {
        None => Some((Margins::default(), None)),
        Some(n) => parse_report(n, path, diags),
    };
    m.finish(diags);

    if diags.error_count() > errors_before {
        return None;
    }
    let base_url = base_url?;
    let (attendance_denominator, logs_from, register_from) = figures?;
    let (margins, guidance) = report?;
    let base_path = crate::model::base_path_of(&base_url);
    Some(Config {
        title: title?,
        description,
        base_url,
        base_path,
        language,
        offset_minutes: offset_minutes?,
        unit: unit?,
        term: term?,
        categories: categories?,
        per_page: per_page?,
        attendance_denominator,
        logs_from,
        register_from,
        targets,
        guidance,
        unsafe_html,
        image,
        favicon,
        files_pos,
        margins,
    })
}

/// `base_url`: a whole address, kept without its last `/`.
fn base_url_of(n: &yaml::Node, path: &str, diags: &mut Diagnostics) -> Option<String> {
    let s = yaml::text(n, path, "base_url", diags)?;
    let s = s.trim().trim_end_matches('/').to_string();
    if !(s.starts_with("https://") || s.starts_with("http://")) || s.contains(char::is_whitespace) {
        diags.error(
            path,
            n.pos,
            format!("`base_url` phải là địa chỉ đầy đủ bắt đầu bằng https:// hoặc http://, ví dụ https://example.gov.vn/chibo; đang là `{s}`"),
        );
        return None;
    }
    Some(s)
}

/// `timezone`: "+07:00", as minutes east of UTC.
fn offset_of(n: &yaml::Node, path: &str, diags: &mut Diagnostics) -> Option<i32> {
    let s = yaml::text(n, path, "timezone", diags)?;
    let v = parse_offset(&s);
    if v.is_none() {
        diags.error(
            path,
            n.pos,
            format!("`timezone` phải có dạng \"+07:00\", không phải `{s}`"),
        );
    }
    v
}

/// `per_page`: a count above 0.
fn per_page_of(n: &yaml::Node, path: &str, diags: &mut Diagnostics) -> Option<usize> {
    match yaml::count(n, path, "per_page", diags)? {
        0 => {
            diags.error(path, n.pos, "`per_page` phải lớn hơn 0");
            None
        }
        v => Some(v as usize),
    }
}

/// "+07:00" → 420.
fn parse_offset(s: &str) -> Option<i32> {
    let s = s.trim();
    let sign = match s.as_bytes().first()? {
        b'+' => 1,
        b'-' => -1,
        _ => return None,
    };
    let (h, m) = s[1..].split_once(':')?;
    let (h, m): (i32, i32) = (h.parse().ok()?, m.parse().ok()?);
    if h > 14 || m > 59 || h < 0 || m < 0 {
        return None;
    }
    Some(sign * (h * 60 + m))
}

pub(super) fn parse_unit(n: &yaml::Node, path: &str, diags: &mut Diagnostics) -> Option<Unit> {
    let mut m = Map::new(n, path, "khối `unit`", diags)?;
    let name = m.req_str("name", diags);
    let superior = m.str("superior", diags).unwrap_or_default();
    let issuer_code = m.str("issuer_code", diags).unwrap_or_else(|| "CB".into());
    let place = m.str("place", diags).unwrap_or_default();
    m.finish(diags);
    Some(Unit {
        name: name?,
        superior,
        issuer_code,
        place,
    })
}

pub(super) fn parse_term(n: &yaml::Node, path: &str, diags: &mut Diagnostics) -> Option<Term> {
    let mut m = Map::new(n, path, "khối `term`", diags)?;
    let from = m.req_date("from", diags);
    let to = m.req_date("to", diags);
    let label = m.str("label", diags);
    m.finish(diags);
    let (from, to) = (from?, to?);
    if from > to {
        diags.error(path, n.pos, "nhiệm kỳ: ngày `from` phải trước ngày `to`");
        return None;
    }
    Some(Term {
        period: Period { from, to },
        label: label.unwrap_or_else(|| format!("{} - {}", from.year(), to.year())),
    })
}

fn parse_categories(n: &yaml::Node, path: &str, diags: &mut Diagnostics) -> Option<Vec<Category>> {
    let Value::Seq(items) = &n.value else {
        diags.error(
            path,
            n.pos,
            "`categories` phải là danh sách, ví dụ `- { key: tin-tuc, name: Tin tức - Sự kiện }`",
        );
        return None;
    };
    let mut out: Vec<Category> = Vec::new();
    let mut ok = true;
    for item in items {
        let Some(mut m) = Map::new(item, path, "một danh mục", diags) else {
            ok = false;
            continue;
        };
        let key_node = m.required("key", diags);
        let key = m.req_str("key", diags);
        let name = m.req_str("name", diags);
        m.finish(diags);
        let (Some(key), Some(name)) = (key, name) else {
            ok = false;
            continue;
        };
        let pos = key_node.map_or(item.pos, |k| k.pos);
        if !vn::is_slug(&key) {
            diags.error(
                path,
                pos,
                format!(
                    "khóa danh mục `{key}` không hợp lệ: chỉ dùng chữ thường không dấu, số và dấu gạch ngang, ví dụ `{}`",
                    vn::slugify(&key)
                ),
            );
            ok = false;
        } else if RESERVED.contains(&key.as_str()) {
            diags.error(
                path,
                pos,
                format!("khóa danh mục `{key}` trùng với thư mục chibo dùng sẵn ({}); hãy chọn tên khác", RESERVED.join(", ")),
            );
            ok = false;
        } else if out.iter().any(|c| c.key == key) {
            diags.error(path, pos, format!("danh mục `{key}` được khai báo hai lần"));
            ok = false;
        } else {
            out.push(Category { key, name });
        }
    }
    if out.is_empty() && ok {
        diags.error(path, n.pos, "cần ít nhất một danh mục trong `categories`");
        return None;
    }
    ok.then_some(out)
}

/// `figures:` — how attendance is divided, and from which month the logs
/// are kept (`logs_from: 2021-01`).
fn parse_figures(
    n: &yaml::Node,
    path: &str,
    diags: &mut Diagnostics,
) -> Option<(
    AttendanceDenominator,
    Option<jiff::civil::Date>,
    Option<jiff::civil::Date>,
)> {
    let mut m = Map::new(n, path, "khối `figures`", diags)?;
    let r = match m.get("attendance_denominator") {
        None => Some(AttendanceDenominator::Required),
        Some(v) => match yaml::text(v, path, "attendance_denominator", diags).as_deref() {
            Some("required") => Some(AttendanceDenominator::Required),
            Some("total") => Some(AttendanceDenominator::Total),
            Some(other) => {
                diags.error(
                    path,
                    v.pos,
                    format!("`attendance_denominator` không nhận giá trị `{other}`; các giá trị hợp lệ: required, total"),
                );
                None
            }
            None => None,
        },
    };
    let logs_from = match m.get("logs_from") {
        None => Some(None),
        Some(v) => {
            let text = match &v.value {
                Value::Str(t) => Some(t.trim().to_string()),
                _ => None,
            };
            match text.as_deref().and_then(month_start) {
                Some(d) => Some(Some(d)),
                None => {
                    diags.error(
                        path,
                        v.pos,
                        "`logs_from` phải là một tháng, dạng YYYY-MM (tháng đầu tiên nhật ký được ghi đủ), ví dụ 2021-01",
                    );
                    None
                }
            }
        }
    };
    // From this day the register (content/dang-vien.yaml) lists every
    // member: meetings before it are not held to it.
    let register_from = m.date("register_from", diags);
    m.finish(diags);
    Some((r?, logs_from?, register_from))
}

/// The first day of the month `2021-01` (or of the month of `2021-01-15`).
fn month_start(s: &str) -> Option<jiff::civil::Date> {
    let d = crate::dates::parse_date(s)
        .ok()
        .or_else(|| crate::dates::parse_date(&format!("{s}-01")).ok())?;
    d.first_of_month().into()
}

/// `report:` — the printed page's margins, and the superior committee's
/// guidance that reviews follow (`guidance:`, a document id).
fn parse_report(
    n: &yaml::Node,
    path: &str,
    diags: &mut Diagnostics,
) -> Option<(Margins, Option<String>)> {
    let mut m = Map::new(n, path, "khối `report`", diags)?;
    let mut margins = Margins::default();
    if let Some(mn) = m.get("margins") {
        let mut mm = Map::new(mn, path, "khối `report.margins`", diags)?;
        for (key, slot) in [
            ("top", &mut margins.top),
            ("bottom", &mut margins.bottom),
            ("left", &mut margins.left),
            ("right", &mut margins.right),
        ] {
            if let Some(v) = mm.get(key) {
                match v.value {
                    Value::Int(i) if (0..=100).contains(&i) => *slot = i as f64,
                    Value::Float(f) if (0.0..=100.0).contains(&f) => *slot = f,
                    _ => diags.error(
                        path,
                        v.pos,
                        format!("lề `{key}` phải là số milimét từ 0 đến 100"),
                    ),
                }
            }
        }
        mm.finish(diags);
    }
    if let Some(v) = m.get("mirror") {
        match v.value {
            Value::Bool(b) => margins.mirror = b,
            _ => diags.error(
                path,
                v.pos,
                "`report.mirror` phải là true (lề đối xứng khi in hai mặt) hoặc false",
            ),
        }
    }
    let guidance = m.str("guidance", diags).map(|g| g.trim().to_string());
    m.finish(diags);
    Some((margins, guidance))
}

#[cfg(test)]
mod tests {
    use super::*;

    const GOOD: &str = "title: Chi bộ Sở Tư pháp\nbase_url: https://example.gov.vn/chibo/\nunit: { name: Chi bộ Sở Tư pháp, superior: Đảng bộ Khối, issuer_code: CB, place: Lạng Sơn }\nterm: { from: 2020-07-01, to: 2025-06-30 }\ncategories:\n  - { key: tin-tuc, name: Tin tức }\n";

    #[test]
    fn reads_a_good_config() {
        let mut d = Diagnostics::default();
        let c = parse_config(GOOD, "site.yaml", &mut d).unwrap();
        assert!(!d.has_errors(), "{}", d.render());
        assert_eq!(c.base_url, "https://example.gov.vn/chibo");
        assert_eq!(c.base_path, "/chibo");
        assert_eq!(c.offset_minutes, 420);
        assert_eq!(c.per_page, 20);
        assert_eq!(c.term.label, "2020 - 2025");
    }

    #[test]
    fn reports_all_problems_at_once() {
        let bad = GOOD
            .replace("title:", "titel:")
            .replace("2025-06-30", "2025-06-31")
            + "per_page: 0\n";
        let mut d = Diagnostics::default();
        assert!(parse_config(&bad, "site.yaml", &mut d).is_none());
        let r = d.render();
        assert!(
            r.contains("site.yaml:1:1: khóa `titel` không hợp lệ"),
            "{r}"
        );
        assert!(r.contains("thiếu khóa `title`"), "{r}");
        assert!(r.contains("2025-06-31"), "{r}");
        assert!(r.contains("`per_page` phải lớn hơn 0"), "{r}");
    }

    #[test]
    fn offsets_parse() {
        assert_eq!(parse_offset("+07:00"), Some(420));
        assert_eq!(parse_offset("-05:30"), Some(-330));
        assert_eq!(parse_offset("7"), None);
    }
}
