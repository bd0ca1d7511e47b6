//! What the private register makes checkable (docs/members.md): a
//! meeting's members against the register on its day, probation ending
//! and the deadline to consider full membership, admissions and
//! transfers to full membership against the register, Huy hiệu Đảng
//! milestones. Warnings only: the register helps, the Party's own records
//! decide. The deadlines are also what `chibo members --due` lists.

use std::collections::HashMap;

use jiff::civil::Date;

use crate::diag::Diagnostics;
use crate::model::member::{
    CONSIDER_WORKING_DAYS, DUE_WINDOW_DAYS, HUY_HIEU_YEARS, Member, REGISTER_PATH as REGISTER,
    counts_on, name_key, next_badge_day,
};
use crate::model::{Activity, Kind, Site};
use crate::vn::short_date;

/// A deadline or milestone of one member.
#[derive(Debug, Clone, PartialEq)]
pub struct Due<'a> {
    /// Whom it is about.
    pub member: &'a Member,
    /// When it falls (the last day to act, or the milestone).
    pub day: Date,
    /// What it is, as a sentence about the member.
    pub what: String,
    /// Past its day.
    pub overdue: bool,
}

/// Every check of this module (nothing without a register).
pub(super) fn check_members(site: &Site, today: Date, diags: &mut Diagnostics) {
    if site.members.is_empty() {
        return;
    }
    meetings_against_register(site, diags);
    entries_against_register(site, diags);
    for m in &site.members {
        if let (Some(official), Some(end)) = (m.official, m.probation_end())
            && official != end
        {
            diags.warning(
                REGISTER,
                m.pos,
                format!(
                    "đồng chí {}: ngày chính thức ({}) khác ngày hết 12 tháng dự bị tính từ lễ kết nạp ({}); ngày công nhận chính thức là ngày hết dự bị, kể cả khi chi bộ xét muộn",
                    m.name,
                    short_date(official),
                    short_date(end)
                ),
            );
        }
    }
    for d in due(site, today) {
        let when = if d.overdue {
            "đã quá hạn"
        } else {
            "sắp đến hạn"
        };
        diags.warning(REGISTER, d.member.pos, format!("{when}: {}", d.what));
    }
}

/// The deadlines and milestones of the register's members that fall
/// within [`DUE_WINDOW_DAYS`] of `today`, or have passed unmet, earliest
/// first.
pub fn due(site: &Site, today: Date) -> Vec<Due<'_>> {
    let horizon = today
        .checked_add(jiff::Span::new().days(DUE_WINDOW_DAYS))
        .unwrap_or(today);
    // Milestones from a year back up to the next presentation day (or the
    // window's end, when later).
    let since = today
        .checked_sub(jiff::Span::new().years(1))
        .unwrap_or(today);
    let badge_until = next_badge_day(today).max(horizon);
    let mut out = Vec::new();
    for m in &site.members {
        let s = m.status(today);
        if !s.counted {
            continue;
        }
        if let (true, Some(end)) = (s.probation, m.probation_end())
            && end <= horizon
        {
            let last = site.calendar.add_working_days(end, CONSIDER_WORKING_DAYS);
            out.push(Due {
                member: m,
                day: last,
                what: format!(
                    "đồng chí {} hết 12 tháng dự bị ngày {}; chi bộ xét công nhận đảng viên chính thức trong {CONSIDER_WORKING_DAYS} ngày làm việc, chậm nhất ngày {}",
                    m.name,
                    short_date(end),
                    short_date(last)
                ),
                overdue: last < today,
            });
        }
        for years in HUY_HIEU_YEARS {
            if m.huy_hieu.contains(&years) {
                continue;
            }
            let Some(day) = m.party_age_day(years) else {
                continue;
            };
            if day > since && day <= badge_until {
                let presented = next_badge_day(day);
                out.push(Due {
                    member: m,
                    day,
                    what: format!(
                        "đồng chí {} đủ {years} năm tuổi đảng ngày {} (tính từ ngày quyết định kết nạp); đề nghị tặng Huy hiệu {years} năm tuổi đảng, đợt trao gần nhất ngày {}",
                        m.name,
                        short_date(day),
                        short_date(presented)
                    ),
                    overdue: presented < today,
                });
            }
        }
    }
    out.sort_by_key(|d| d.day);
    out
}

/// A meeting's `total` and `exempt` against the register on its day
/// (members away on temporary transfer are exempt from attending here).
fn meetings_against_register(site: &Site, diags: &mut Diagnostics) {
    let from = site.config.register_from;
    for a in site.activities.iter() {
        if a.kind() != Kind::SinhHoatThuongKy {
            continue;
        }
        let Some(at) = a.attendance() else {
            continue;
        };
        let day = a.date.date();
        if from.is_some_and(|f| day < f) {
            continue;
        }
        let c = counts_on(&site.members, day);
        let exempt = c.mien + c.tam_thoi_di;
        if at.total != c.total || at.exempt != exempt {
            diags.warning(
                &a.source,
                a.pos,
                format!(
                    "buổi họp ngày {} ghi total {}, exempt {}; sổ đảng viên ({REGISTER}) ngày đó có {} đảng viên, {} miễn sinh hoạt và {} sinh hoạt tạm thời nơi khác (exempt {exempt}); hãy sửa mục nhật ký hoặc sổ, hoặc ghi `figures: {{ register_from: … }}` trong site.yaml nếu sổ chỉ đủ từ một ngày sau",
                    short_date(day),
                    at.total,
                    at.exempt,
                    c.total,
                    c.mien,
                    c.tam_thoi_di
                ),
            );
        }
    }
}

/// Admissions and transfers to full membership against the register:
/// each member named is registered, admitted (or on probation) that day;
/// each ceremony the logs' time span holds has its `ket_nap` entry.
fn entries_against_register(site: &Site, diags: &mut Diagnostics) {
    let by_name: HashMap<String, &Member> = site
        .members
        .iter()
        .map(|m| (name_key(&m.name), m))
        .collect();
    for a in site.activities.iter() {
        let day = a.date.date();
        for name in a.members() {
            let Some(m) = by_name.get(&name_key(name)) else {
                diags.warning(
                    &a.source,
                    a.pos,
                    format!(
                        "`{name}` ({} ngày {}) không có trong sổ đảng viên ({REGISTER})",
                        a.kind().label(),
                        short_date(day)
                    ),
                );
                continue;
            };
            entry_against_member(a, m, diags);
        }
    }
    let (Some(first), Some(last)) = (site.activities.first(), site.activities.last()) else {
        return;
    };
    let span = first.date.date()..=last.date.date();
    for m in &site.members {
        let Some(c) = m
            .ceremony
            .filter(|c| span.contains(c) && m.joined.is_none())
        else {
            continue;
        };
        let logged = site.activities.iter().any(|a| {
            a.kind() == Kind::KetNap
                && a.date.date() == c
                && a.members().iter().any(|n| name_key(n) == name_key(&m.name))
        });
        if !logged {
            diags.warning(
                REGISTER,
                m.pos,
                format!(
                    "đồng chí {} được kết nạp ngày {} theo sổ, nhưng nhật ký không có mục `ket_nap` ngày đó nêu tên đồng chí",
                    m.name,
                    short_date(c)
                ),
            );
        }
    }
}

fn entry_against_member(a: &Activity, m: &Member, diags: &mut Diagnostics) {
    let day = a.date.date();
    let wrong = match a.kind() {
        Kind::KetNap if m.ceremony != Some(day) => Some(format!(
            "sổ ghi ngày lễ kết nạp {}",
            m.ceremony.map_or("(chưa ghi)".to_string(), short_date)
        )),
        Kind::ChuyenChinhThuc if !m.status(day).probation && m.official != Some(day) => {
            Some("sổ không ghi đồng chí là đảng viên dự bị vào ngày đó".to_string())
        }
        _ => None,
    };
    if let Some(why) = wrong {
        diags.warning(
            &a.source,
            a.pos,
            format!(
                "mục `{}` ngày {} nêu tên đồng chí {}, nhưng {why} ({REGISTER})",
                a.kind().id(),
                short_date(day),
                m.name
            ),
        );
    }
}
