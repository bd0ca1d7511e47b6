//! Who met, as the papers say it: the cell's members or its committee's,
//! their numbers on the day (with the register's split into full and
//! probationary members when it agrees), the absent by name and reason.

use super::{BLANK, md};
use crate::model::meeting::MeetingRecord;
use crate::model::{Activity, Attendance, Kind, Site};

/// Who meets: the cell's members, or its committee's (a `cap_uy`
/// meeting counts committee members, and its minutes are read to them).
pub(super) struct Body {
    /// "chi bộ", "chi ủy".
    pub(super) who: &'static str,
    /// "Tổng số đảng viên của chi bộ", "Tổng số chi ủy viên".
    pub(super) total: &'static str,
    /// "Buổi sinh hoạt", "Cuộc họp".
    pub(super) event: &'static str,
}

impl Body {
    pub(super) fn of(kind: Kind) -> Body {
        if kind == Kind::CapUy {
            Body {
                who: "chi ủy",
                total: "Tổng số chi ủy viên",
                event: "Cuộc họp",
            }
        } else {
            Body {
                who: "chi bộ",
                total: "Tổng số đảng viên của chi bộ",
                event: "Buổi sinh hoạt",
            }
        }
    }
}

/// The register's split of the members on the meeting's day, when the
/// register holds that day and agrees with the entry's total:
/// " (chính thức: 27, dự bị: 2)".
pub(super) fn split_of(site: &Site, a: &Activity) -> String {
    let day = a.date.date();
    let (Some(at), false) = (a.attendance(), site.members.is_empty()) else {
        return String::new();
    };
    if a.kind() == Kind::CapUy || site.config.register_from.is_some_and(|f| day < f) {
        return String::new();
    }
    let c = crate::model::member::counts_on(&site.members, day);
    if c.total != at.total {
        return String::new();
    }
    format!(" (chính thức: {}, dự bị: {})", c.chinh_thuc, c.du_bi)
}

/// The attendance sentence of both papers; `split`: the members' split
/// into full and probationary ([`split_of`]), or nothing.
pub(super) fn attendance_lines(
    kind: Kind,
    a: Option<&Attendance>,
    r: &MeetingRecord,
    split: &str,
) -> Vec<String> {
    let total = Body::of(kind).total;
    let Some(at) = a else {
        return vec![format!(
            "{total}: {BLANK} đồng chí; có mặt: {BLANK} đồng chí."
        )];
    };
    let absent = at.total - at.exempt - at.present;
    let exempt = if at.exempt > 0 || kind != Kind::CapUy {
        format!("miễn sinh hoạt: {} đồng chí; ", at.exempt)
    } else {
        String::new()
    };
    let mut lines = vec![format!(
        "{total}: {} đồng chí{split}; {exempt}có mặt: {} đồng chí; vắng: {absent} đồng chí.",
        at.total, at.present
    )];
    if absent > 0 && r.absent_pos.is_some() {
        let excused: Vec<String> = r
            .absent
            .iter()
            .map(|x| format!("đồng chí {} ({})", md(&x.name), md(&x.reason)))
            .collect();
        let unexcused: Vec<String> = r
            .unexcused
            .iter()
            .map(|n| format!("đồng chí {}", md(n)))
            .collect();
        let list = |v: &[String]| {
            if v.is_empty() {
                String::new()
            } else {
                format!(": {}", v.join("; "))
            }
        };
        lines.push(format!(
            "Vắng có lý do: {} đồng chí{}. Vắng không có lý do: {} đồng chí{}.",
            excused.len(),
            list(&excused),
            unexcused.len(),
            list(&unexcused)
        ));
    }
    lines
}
