//! `content/dang-vien.yaml` → the register ([`Member`]s), and
//! `content/ngay-nghi.yaml` → the site's own days off. The register holds
//! only the keys docs/members.md lists; any other key (an ID or card
//! number, a birth date, ethnicity, religion, family) is an error naming
//! the allowed ones, so that nothing more is kept by mistake.

use std::collections::HashSet;
use std::path::Path;

use crate::diag::Diagnostics;
use crate::model::calendar::Calendar;
use crate::model::member::{HUY_HIEU_YEARS, LeftForm, Member, Post, StatusKind, StatusPeriod};
use crate::yaml::{self, Map, Node, Value};

/// Where the register is.
pub const REGISTER: &str = crate::model::member::REGISTER_PATH;
/// Where a site's own days off are.
pub const HOLIDAYS: &str = "content/ngay-nghi.yaml";

/// The register, empty when the site keeps none.
pub(super) fn read(from: super::Source<'_>, diags: &mut Diagnostics) -> Vec<Member> {
    if !from.has(REGISTER) {
        return Vec::new();
    }
    from.read(REGISTER, diags)
        .map(|t| parse(&t, diags))
        .unwrap_or_default()
}

/// The register's text → its members, in the file's order.
pub fn parse(text: &str, diags: &mut Diagnostics) -> Vec<Member> {
    let Some(root) = yaml::parse(text, REGISTER, 0, diags) else {
        return Vec::new();
    };
    let items = match &root.value {
        Value::Seq(items) => items,
        Value::Null => return Vec::new(),
        _ => {
            diags.error(
                REGISTER,
                root.pos,
                "sổ đảng viên phải là một danh sách, mỗi người bắt đầu bằng `- id: …`",
            );
            return Vec::new();
        }
    };
    let mut out: Vec<Member> = Vec::new();
    let mut ids: HashSet<String> = HashSet::new();
    for item in items {
        let Some(m) = member(item, diags) else {
            continue;
        };
        if !ids.insert(m.id.clone()) {
            diags.error(
                REGISTER,
                item.pos,
                format!(
                    "mã `{}` đã dùng cho một đảng viên khác; mỗi người một mã",
                    m.id
                ),
            );
            continue;
        }
        out.push(m);
    }
    out
}

fn member(n: &Node, diags: &mut Diagnostics) -> Option<Member> {
    let mut m = Map::new(n, REGISTER, "một đảng viên của sổ", diags)?;
    let id = m.req_str("id", diags);
    let name = m.req_str("name", diags);
    let post = m
        .get("post")
        .and_then(|v| closed(v, "post", Post::from_id, Post::IDS, diags));
    let born = m.get("born").and_then(|v| year(v, diags));
    let admitted = m.get("admitted").and_then(|v| admission(v, diags));
    let ceremony = m.date("ceremony", diags);
    let official = m.date("official", diags);
    let periods = match m.get("periods") {
        Some(v) => list(v, "periods", diags)
            .iter()
            .filter_map(|p| period(p, diags))
            .collect(),
        None => Vec::new(),
    };
    let joined = m.date("joined", diags);
    let left = m.get("left").and_then(|v| left(v, diags));
    let huy_hieu = match m.get("huy_hieu") {
        Some(v) => list(v, "huy_hieu", diags)
            .iter()
            .filter_map(|y| badge(y, diags))
            .collect(),
        None => Vec::new(),
    };
    m.finish(diags);
    let (id, name) = (id?.trim().to_string(), name?.trim().to_string());
    let (admitted, decision) = admitted.unwrap_or((None, None));
    let out = Member {
        id,
        name,
        post: post.unwrap_or(Post::DangVien),
        born,
        admitted,
        decision,
        ceremony,
        official,
        periods,
        joined,
        left,
        huy_hieu,
        pos: n.pos,
    };
    dates_in_order(&out, diags);
    Some(out)
}

/// The dates of one member that cannot be in another order.
fn dates_in_order(m: &Member, diags: &mut Diagnostics) {
    let pairs = [
        (m.admitted, "admitted", m.ceremony, "ceremony"),
        (m.ceremony, "ceremony", m.official, "official"),
    ];
    for (a, an, b, bn) in pairs {
        if let (Some(a), Some(b)) = (a, b)
            && b < a
        {
            diags.error(
                REGISTER,
                m.pos,
                format!(
                    "đồng chí {}: `{bn}` ({}) trước `{an}` ({})",
                    m.name,
                    crate::vn::short_date(b),
                    crate::vn::short_date(a)
                ),
            );
        }
    }
    if m.since().is_none() && m.periods.iter().all(|p| p.kind != StatusKind::TamThoiDen) {
        diags.error(
            REGISTER,
            m.pos,
            format!(
                "đồng chí {}: cần ít nhất một trong `admitted` (ngày trong quyết định kết nạp), `ceremony` (ngày lễ kết nạp) hoặc `joined` (ngày chuyển đến chi bộ)",
                m.name
            ),
        );
    }
}

fn list<'a>(v: &'a Node, key: &str, diags: &mut Diagnostics) -> &'a [Node] {
    match &v.value {
        Value::Seq(items) => items,
        Value::Null => &[],
        _ => {
            diags.error(
                REGISTER,
                v.pos,
                format!("khóa `{key}` phải là một danh sách"),
            );
            &[]
        }
    }
}

/// A value of the register from a closed set (`post`, `kind`, `form`).
fn closed<T>(
    v: &Node,
    key: &str,
    from_id: fn(&str) -> Option<T>,
    ids: &[&str],
    diags: &mut Diagnostics,
) -> Option<T> {
    let what = "không hợp lệ; các giá trị";
    yaml::closed(v, (REGISTER, key, what), from_id, ids, diags)
}

/// `born`: a year only (docs/members.md keeps no birth date).
fn year(v: &Node, diags: &mut Diagnostics) -> Option<i16> {
    match v.value {
        Value::Int(y) if (1900..=2100).contains(&y) => Some(y as i16),
        _ => {
            diags.error(
                REGISTER,
                v.pos,
                "khóa `born`: chỉ ghi năm sinh (ví dụ 1975); sổ không giữ ngày sinh",
            );
            None
        }
    }
}

/// `admitted: { date, decision }`, or a date alone.
fn admission(
    v: &Node,
    diags: &mut Diagnostics,
) -> Option<(Option<jiff::civil::Date>, Option<String>)> {
    if !matches!(v.value, Value::Map(_)) {
        return Some((yaml::date(v, REGISTER, "admitted", diags), None));
    }
    let mut m = Map::new(v, REGISTER, "khối `admitted` (quyết định kết nạp)", diags)?;
    let date = m.req_date("date", diags);
    let decision = m.str("decision", diags);
    m.finish(diags);
    Some((date, decision))
}

fn period(v: &Node, diags: &mut Diagnostics) -> Option<StatusPeriod> {
    let mut m = Map::new(v, REGISTER, "một giai đoạn (`periods`)", diags)?;
    let kind = m
        .required("kind", diags)
        .and_then(|k| closed(k, "kind", StatusKind::from_id, StatusKind::IDS, diags));
    let from = m.req_date("from", diags);
    let to = m.date("to", diags);
    // What a period may say of itself, kept as written: not the model's.
    let _ = (m.str("reason", diags), m.str("unit", diags));
    m.finish(diags);
    let (kind, from) = (kind?, from?);
    if let Some(t) = to
        && t < from
    {
        diags.error(REGISTER, v.pos, "giai đoạn có `to` trước `from`");
        return None;
    }
    Some(StatusPeriod { kind, from, to })
}

fn left(v: &Node, diags: &mut Diagnostics) -> Option<(jiff::civil::Date, LeftForm)> {
    let mut m = Map::new(v, REGISTER, "khối `left` (rời chi bộ)", diags)?;
    let date = m.req_date("date", diags);
    let form = m
        .required("form", diags)
        .and_then(|f| closed(f, "form", LeftForm::from_id, LeftForm::IDS, diags));
    m.finish(diags);
    Some((date?, form?))
}

fn badge(v: &Node, diags: &mut Diagnostics) -> Option<u32> {
    match v.value {
        Value::Int(y) if y > 0 && HUY_HIEU_YEARS.contains(&(y as u32)) => Some(y as u32),
        _ => {
            let ids: Vec<String> = HUY_HIEU_YEARS.iter().map(u32::to_string).collect();
            let ids: Vec<&str> = ids.iter().map(String::as_str).collect();
            diags.error(
                REGISTER,
                v.pos,
                format!(
                    "khóa `huy_hieu`: Huy hiệu Đảng chỉ có các mốc {} năm",
                    crate::diag::list(&ids)
                ),
            );
            None
        }
    }
}

/// The site's own days off: a list of dates, or `{ from, to }` spans.
pub(super) fn read_holidays(root: &Path, diags: &mut Diagnostics) -> Calendar {
    let mut c = Calendar::default();
    if !root.join(HOLIDAYS).is_file() {
        return c;
    }
    let Some(text) = super::read_text(root, HOLIDAYS, diags) else {
        return c;
    };
    let Some(root) = yaml::parse(&text, HOLIDAYS, 0, diags) else {
        return c;
    };
    let Value::Seq(items) = &root.value else {
        diags.error(
            HOLIDAYS,
            root.pos,
            "ngày nghỉ phải là một danh sách: `- 2025-09-01` hoặc `- { from: 2025-04-30, to: 2025-05-04 }`",
        );
        return c;
    };
    for item in items {
        if let Value::Map(_) = item.value {
            let Some(mut m) = Map::new(item, HOLIDAYS, "một đợt nghỉ", diags) else {
                continue;
            };
            let (from, to) = (m.req_date("from", diags), m.req_date("to", diags));
            m.finish(diags);
            let (Some(mut d), Some(to)) = (from, to) else {
                continue;
            };
            let mut guard = 0;
            while d <= to && guard < 366 {
                c.extra.insert(d);
                d = d.tomorrow().unwrap_or(to);
                guard += 1;
            }
        } else if let Some(d) = yaml::date(item, HOLIDAYS, "ngày nghỉ", diags) {
            c.extra.insert(d);
        }
    }
    c
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_register_entry_loads_and_a_key_outside_it_is_refused_by_name() {
        let mut d = Diagnostics::default();
        let v = parse(
            "- id: dv-01\n  name: Nguyễn Văn An\n  post: bi_thu\n  born: 1975\n  admitted: { date: 2001-08-20, decision: 112-QĐ/ĐUK }\n  ceremony: 2001-09-02\n  official: 2002-09-02\n  periods:\n    - { kind: mien_sinh_hoat, from: 2024-01-01, reason: tuổi cao }\n  huy_hieu: [30]\n- id: dv-02\n  name: Trần Thị Bình\n  joined: 2019-05-01\n  cccd: 001234567890\n",
            &mut d,
        );
        assert_eq!(v.len(), 2);
        assert_eq!(v[0].post, Post::BiThu);
        assert_eq!(v[0].decision.as_deref(), Some("112-QĐ/ĐUK"));
        assert_eq!(v[0].huy_hieu, [30]);
        assert_eq!(
            d.render(),
            "content/dang-vien.yaml:14:3: khóa `cccd` không hợp lệ trong một đảng viên của sổ; các khóa hợp lệ: id, name, post, born, admitted, ceremony, official, periods, joined, left, huy_hieu\n"
        );
    }

    #[test]
    fn dates_out_of_order_a_repeated_id_and_a_badge_year_that_is_none_are_errors() {
        let mut d = Diagnostics::default();
        parse(
            "- id: dv-01\n  name: A\n  ceremony: 2021-09-02\n  official: 2021-08-01\n- id: dv-01\n  name: B\n  joined: 2020-01-01\n  huy_hieu: [35]\n- id: dv-03\n  name: C\n  born: 1975-03-02\n",
            &mut d,
        );
        let out = d.render();
        assert!(
            out.contains(":1:3: đồng chí A: `official` (01/8/2021) trước `ceremony` (02/9/2021)"),
            "{out}"
        );
        assert!(
            out.contains(":8:14: khóa `huy_hieu`: Huy hiệu Đảng chỉ có các mốc 30, 40, 45"),
            "{out}"
        );
        assert!(
            out.contains(":5:3: mã `dv-01` đã dùng cho một đảng viên khác"),
            "{out}"
        );
        assert!(
            out.contains(":11:9: khóa `born`: chỉ ghi năm sinh"),
            "{out}"
        );
        assert!(
            out.contains(":9:3: đồng chí C: cần ít nhất một trong `admitted`"),
            "{out}"
        );
    }
}
