//! The year's rating of members against the register and the rules of
//! docs/members.md (Rating): who may be rated, the cap on the top level,
//! a vote no larger than the members who vote. Errors: the rating goes to
//! the superior committee signed.

use std::collections::HashSet;

use crate::diag::Diagnostics;
use crate::model::member::REGISTER_PATH;
use crate::model::rating::{
    MemberLevel, NEW_MEMBER_MONTHS, NotRated, RatingYear, TOP_LEVEL_CAP_PERCENT, not_rated,
};
use crate::model::{Details, Site};
use crate::vn::short_date;

/// Every check of this module.
pub(super) fn check_ratings(site: &Site, diags: &mut Diagnostics) {
    for y in &site.ratings {
        if site.members.is_empty() {
            diags.warning(
                &y.source,
                Default::default(),
                format!(
                    "chưa có sổ đảng viên ({REGISTER_PATH}) để đối chiếu danh sách xếp loại năm {}",
                    y.year
                ),
            );
            continue;
        }
        records(site, y, diags);
        cap(y, diags);
        typed_counts(site, y, diags);
    }
}

/// Each record against the register on the year's last day.
fn records(site: &Site, y: &RatingYear, diags: &mut Diagnostics) {
    let end = y.end();
    let voters = site
        .members
        .iter()
        .filter(|m| {
            let s = m.status(end);
            s.counted && !s.probation && !s.away && !s.exempt
        })
        .count() as u32;
    let mut seen: HashSet<&str> = HashSet::new();
    for r in &y.records {
        if !seen.insert(&r.member) {
            diags.error(
                &y.source,
                r.pos,
                format!("`{}` có hai dòng trong danh sách xếp loại", r.member),
            );
            continue;
        }
        let Some(m) = site.members.iter().find(|m| m.id == r.member) else {
            diags.error(
                &y.source,
                r.pos,
                format!(
                    "`{}` không có trong sổ đảng viên ({REGISTER_PATH})",
                    r.member
                ),
            );
            continue;
        };
        let rated = r.level().is_some();
        let why_not = not_rated(m, end).map(|why| match why {
            NotRated::NotInCell => format!("không thuộc chi bộ ngày {}", short_date(end)),
            NotRated::Exempt => {
                "được miễn công tác và sinh hoạt đảng (không kiểm điểm, xếp loại)".to_string()
            }
            NotRated::New(day) => format!(
                "được kết nạp ngày {}, chưa đủ {NEW_MEMBER_MONTHS} tháng đến {} (vẫn viết bản kiểm điểm, nhưng không xếp loại)",
                short_date(day),
                short_date(end)
            ),
        });
        if let (true, Some(why)) = (rated, &why_not) {
            diags.error(
                &y.source,
                r.pos,
                format!(
                    "đồng chí {} {why}: hãy ghi `not_rated` thay cho mức xếp loại",
                    m.name
                ),
            );
        }
        if let Some(v) = r.vote
            && v.for_ + v.against > voters
        {
            diags.error(
                &y.source,
                r.pos,
                format!(
                    "biểu quyết về đồng chí {} có {} phiếu, nhiều hơn {voters} đảng viên chính thức có quyền biểu quyết ngày {} (trừ người miễn sinh hoạt và sinh hoạt tạm thời nơi khác)",
                    m.name,
                    v.for_ + v.against,
                    short_date(end)
                ),
            );
        }
    }
    let missing: Vec<&str> = site
        .members
        .iter()
        .filter(|m| m.status(end).counted && !seen.contains(m.id.as_str()))
        .map(|m| m.name.as_str())
        .collect();
    if !missing.is_empty() {
        diags.warning(
            &y.source,
            Default::default(),
            format!(
                "danh sách xếp loại năm {} thiếu {} đảng viên của chi bộ ngày {}: {}",
                y.year,
                missing.len(),
                short_date(end),
                missing.join(", ")
            ),
        );
    }
}

/// The top level within its share of the second (docs/members.md).
fn cap(y: &RatingYear, diags: &mut Diagnostics) {
    let counts = y.counts();
    let n = |l: MemberLevel| counts.iter().find(|(x, _)| *x == l).map_or(0, |(_, n)| *n);
    let (top, good) = (n(MemberLevel::Htxsnv), n(MemberLevel::Httnv));
    let most = (good as f64 * TOP_LEVEL_CAP_PERCENT / 100.0).floor() as u32;
    if top > most {
        let at = y
            .records
            .iter()
            .filter(|r| r.level() == Some(MemberLevel::Htxsnv))
            .nth(most as usize)
            .map_or_else(Default::default, |r| r.pos);
        let said = format!(
            "{top} đảng viên hoàn thành xuất sắc nhiệm vụ, quá {}% của {good} đảng viên hoàn thành tốt nhiệm vụ (tối đa {most}; Hướng dẫn 21-HD/BTCTW năm 2019, xem docs/members.md)",
            crate::vn::decimal(TOP_LEVEL_CAP_PERCENT, 0)
        );
        // The cap is on the year's results: while some members have no
        // level yet the sheet is being filled in, and it is said, not
        // refused.
        let open = y
            .records
            .iter()
            .filter(|r| r.not_rated.is_none() && r.level().is_none())
            .count();
        if open == 0 {
            diags.error(&y.source, at, said);
        } else {
            diags.warning(
                &y.source,
                at,
                format!("{said}; còn {open} đồng chí chưa có mức, đủ mức mà vẫn quá thì là lỗi"),
            );
        }
    }
}

/// A `xep_loai` entry of the same year whose typed members per level
/// differ from the rating's (the figures take the rating's).
fn typed_counts(site: &Site, y: &RatingYear, diags: &mut Diagnostics) {
    let file = y.counts();
    for a in site.activities.iter() {
        let Details::XepLoai { year, members, .. } = &a.details else {
            continue;
        };
        if *year != i32::from(y.year) || members.is_empty() {
            continue;
        }
        let differs = file.iter().any(|(l, n)| {
            let typed: u32 = members
                .iter()
                .filter(|(c, _)| *c == l.cell_level())
                .map(|(_, n)| n)
                .sum();
            typed != *n
        });
        if differs {
            diags.warning(
                &a.source,
                a.pos,
                format!(
                    "số đảng viên theo mức ghi ở đây khác danh sách xếp loại {}; số liệu lấy theo danh sách",
                    y.source
                ),
            );
        }
    }
}
