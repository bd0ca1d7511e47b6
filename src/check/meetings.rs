//! Checks over the meetings' papers of the whole log (docs/meetings.md):
//! resolution numbers run per term without a gap backwards or a repeat
//! (errors: a resolution goes out signed), the names of the absent stay
//! out of the news (an error: they are private), a meeting long enough
//! (a warning), a score's level as its points give it (a warning).

use std::collections::BTreeMap;

use jiff::civil::{Date, DateTime};

use super::number_window;
use crate::diag::Diagnostics;
use crate::model::meeting::{
    MIN_MINUTES, MIN_MINUTES_COMBINED, ScoringSheet, level_of, minutes, next_month_subject,
};
use crate::model::{Activity, Kind, Site, parse_number, type_code};
use crate::vn;

/// Every check of this module.
pub(super) fn check_meetings(site: &Site, diags: &mut Diagnostics) {
    resolution_numbers(site, diags);
    for a in site.activities.iter() {
        absent_names_in_news(a, diags);
        score_level(a, diags);
        score_items(a, &site.scoring, diags);
    }
    lengths(&site.activities, diags);
}

/// What a new meeting entry starts from: the last meeting of its kind
/// (whose tasks it reviews) and the resolution it would issue.
#[derive(Debug, Clone, PartialEq)]
pub struct Carried<'a> {
    /// The latest meeting of the same kind before the new one.
    pub last: Option<&'a Activity>,
    /// The next resolution number of the term, `06-NQ/CB`.
    pub number: String,
    /// The trích yếu a monthly resolution takes, `về nhiệm vụ tháng …`.
    pub subject: String,
}

/// What a new `kind` meeting dated `now` carries from `site`'s log.
pub fn carried(site: &Site, kind: Kind, now: DateTime) -> Carried<'_> {
    let last = site
        .activities
        .iter()
        .filter(|a| a.kind() == kind && a.date < now)
        .max_by_key(|a| a.date);
    Carried {
        last,
        number: format!(
            "{:02}-NQ/{}",
            next_resolution(site, now.date()),
            site.config.unit.issuer_code
        ),
        subject: next_month_subject(now.date()),
    }
}

/// One more than the highest resolution number of the term `day` falls
/// in: meetings' resolutions and resolution documents alike (numbers run
/// per type for the whole term; docs/rules.md §Numbering).
fn next_resolution(site: &Site, day: Date) -> u32 {
    let term = &site.config.term;
    let window = number_window(day, term);
    let meetings = site
        .activities
        .iter()
        .filter(|a| number_window(a.date.date(), term) == window)
        .filter_map(|a| a.meeting.as_ref()?.resolution.as_ref())
        .filter_map(|r| parse_number(&r.number))
        .filter(|(_, code, _)| *code == "NQ")
        .map(|(n, _, _)| n);
    let documents = site
        .reports
        .iter()
        .filter(|r| type_code(&r.doc_type) == Some("NQ"))
        .filter(|r| number_window(r.date, term) == window)
        .filter_map(|r| parse_number(r.number.as_deref()?))
        .map(|(n, _, _)| n);
    meetings.chain(documents).max().unwrap_or(0) + 1
}

/// Resolution numbers of the meetings dated in the term: `NN-NQ/CODE`
/// with the cell's issuer code, never twice, never lower than one issued
/// before (numbers run per type for the whole term, 36-HD/VPTW).
fn resolution_numbers(site: &Site, diags: &mut Diagnostics) {
    let cfg = &site.config;
    let mut issued: Vec<(u32, Date, &Activity)> = Vec::new();
    let mut by_date: Vec<&Activity> = site
        .activities
        .iter()
        .filter(|a| a.meeting.as_ref().is_some_and(|m| m.resolution.is_some()))
        .collect();
    by_date.sort_by_key(|a| a.date);
    for a in by_date {
        let Some(res) = a.meeting.as_ref().and_then(|m| m.resolution.as_ref()) else {
            continue;
        };
        let number = &res.number;
        let Some((n, code, issuer)) = parse_number(number) else {
            diags.error(
                &a.source,
                res.pos,
                format!("khóa `number`: số nghị quyết `{number}` không đúng dạng; viết số, gạch nối, NQ, gạch chéo, cơ quan ban hành, ví dụ `05-NQ/{}`", cfg.unit.issuer_code),
            );
            continue;
        };
        if code != "NQ" {
            diags.error(
                &a.source,
                res.pos,
                format!("khóa `number`: `{number}` mang ký hiệu `{code}`; số nghị quyết mang ký hiệu `NQ` (`{n}-NQ/{issuer}`)"),
            );
        }
        if !cfg.unit.issuer_code.is_empty() && issuer != cfg.unit.issuer_code {
            diags.error(
                &a.source,
                res.pos,
                format!("khóa `number`: `{number}` ghi cơ quan ban hành `{issuer}`, nhưng site.yaml ghi `unit.issuer_code: {}`", cfg.unit.issuer_code),
            );
        }
        if number_window(a.date.date(), &cfg.term) != 0 {
            continue;
        }
        let day = a.date.date();
        if let Some((_, d, other)) = issued.iter().find(|(m, _, _)| *m == n) {
            diags.error(
                &a.source,
                res.pos,
                format!(
                    "số nghị quyết `{number}` đã dùng cho buổi họp ngày {} ({}); số chạy liên tục trong cả nhiệm kỳ",
                    vn::short_date(*d),
                    other.source
                ),
            );
            continue;
        } else if let Some((m, d, _)) = issued
            .iter()
            .filter(|(m, _, _)| *m > n)
            .max_by_key(|(m, _, _)| *m)
        {
            diags.error(
                &a.source,
                res.pos,
                format!(
                    "số nghị quyết `{number}` (ngày {}) nhỏ hơn số {m} đã ban hành ngày {}; số nghị quyết tăng dần theo ngày trong nhiệm kỳ",
                    vn::short_date(day),
                    vn::short_date(*d)
                ),
            );
        }
        issued.push((n, day, a));
    }
}

/// A name of the absent (with or without a reason) written in the entry's
/// news: the news is published, the names are not to be.
fn absent_names_in_news(a: &Activity, diags: &mut Diagnostics) {
    let (Some(m), Some(news)) = (&a.meeting, &a.news) else {
        return;
    };
    let names = m
        .absent
        .iter()
        .map(|x| x.name.as_str())
        .chain(m.unexcused.iter().map(String::as_str));
    for name in names {
        let name = name.trim();
        if name.is_empty() {
            continue;
        }
        if news.title.contains(name) || news.body.contains(name) {
            diags.error(
                &a.source,
                crate::diag::Pos::new(news.body_line.max(a.pos.line), 1),
                format!(
                    "tin của buổi họp nêu tên `{name}`, một người vắng mặt (`absent`/`unexcused`): tên người vắng chỉ ghi trong biên bản, không đăng lên trang; hãy bỏ tên khỏi `news`"
                ),
            );
        }
    }
}

/// A score whose level is not the one its points give.
fn score_level(a: &Activity, diags: &mut Diagnostics) {
    let Some(s) = a.meeting.as_ref().and_then(|m| m.score.as_ref()) else {
        return;
    };
    if let crate::model::Details::SinhHoatThuongKy {
        rating: Some(r), ..
    } = &a.details
        && let Some(other) = r.score
        && other != s.total
    {
        diags.warning(
            &a.source,
            s.pos,
            format!(
                "`score.total` ({}) khác điểm trong `rating` ({}): hãy ghi cùng một điểm",
                vn::decimal(s.total, 1),
                vn::decimal(other, 1)
            ),
        );
    }
    let given = level_of(s.total);
    if let Some(level) = s.level
        && level != given
    {
        diags.warning(
            &a.source,
            s.pos,
            format!(
                "điểm {} ứng với mức {}, nhưng `level` ghi {} (Tốt từ 90, Khá từ 70, Trung bình từ 50 điểm)",
                vn::decimal(s.total, 1),
                given.label(),
                level.label()
            ),
        );
    }
}

/// A score's points per criterion against the sheet: each criterion on
/// the sheet and within its most points (errors), adding up to the total
/// (an error); on the default sheet, the attendance points its bands give
/// (a warning).
fn score_items(a: &Activity, sheet: &ScoringSheet, diags: &mut Diagnostics) {
    let Some(s) = a.meeting.as_ref().and_then(|m| m.score.as_ref()) else {
        return;
    };
    if s.items.is_empty() {
        return;
    }
    let which = sheet.source.as_deref().unwrap_or("biểu mặc định của chibo");
    for (id, points) in &s.items {
        match sheet.criteria.iter().find(|c| c.id == *id) {
            None => {
                let ids: Vec<&str> = sheet.criteria.iter().map(|c| c.id.as_str()).collect();
                diags.error(
                    &a.source,
                    s.pos,
                    format!(
                        "tiêu chí `{id}` không có trong {which}; các tiêu chí: {}",
                        ids.join(", ")
                    ),
                );
            }
            Some(c) if *points > c.points => diags.error(
                &a.source,
                s.pos,
                format!(
                    "tiêu chí `{id}` ({}) được tối đa {} điểm, không phải {}",
                    c.label,
                    vn::decimal(c.points, 1),
                    vn::decimal(*points, 1)
                ),
            ),
            Some(_) => {}
        }
    }
    let sum: f64 = s.items.iter().map(|(_, p)| p).sum();
    if (sum - s.total).abs() > 1e-9 {
        diags.error(
            &a.source,
            s.pos,
            format!(
                "điểm các tiêu chí cộng lại {}, khác `total` ({})",
                vn::decimal(sum, 1),
                vn::decimal(s.total, 1)
            ),
        );
    }
    attendance_band(a, sheet, s, diags);
}

/// The attendance criterion's points against the band the meeting's
/// attendance gives on the sheet, when the sheet has bands (the points
/// the sheet may add that one entry cannot show are allowed).
fn attendance_band(
    a: &Activity,
    sheet: &ScoringSheet,
    s: &crate::model::meeting::Score,
    diags: &mut Diagnostics,
) {
    let (Some(rule), Some(at)) = (&sheet.attendance, a.attendance()) else {
        return;
    };
    let Some((_, given)) = s.items.iter().find(|(id, _)| *id == rule.criterion) else {
        return;
    };
    let required = at.total - at.exempt;
    if required == 0 {
        return;
    }
    let percent = 100.0 * at.present as f64 / required as f64;
    let unexcused = a.unexcused().unwrap_or(0);
    let band = rule.points(percent, unexcused);
    if *given < band || *given > band + rule.bonus {
        let bonus = if sheet.source.is_none() {
            " (cộng 1 nếu không ai vắng có lý do quá 3 kỳ liền)".to_string()
        } else if rule.bonus > 0.0 {
            format!(
                " (có thể cộng đến {} điểm theo biểu chấm)",
                vn::decimal(rule.bonus, 1)
            )
        } else {
            String::new()
        };
        diags.warning(
            &a.source,
            s.pos,
            format!(
                "tiêu chí `{}` ghi {} điểm, nhưng {}/{required} đảng viên dự ({}%){} cho {} điểm{bonus}",
                rule.criterion,
                vn::decimal(*given, 1),
                at.present,
                vn::decimal(percent, 1),
                if unexcused > 0 {
                    format!(", có {unexcused} người vắng không lý do,")
                } else {
                    String::new()
                },
                vn::decimal(band, 1)
            ),
        );
    }
}

/// Regular and thematic meetings shorter than the minimum: 90 minutes,
/// 120 when both are held on one day (the day's first start to its last
/// end). Only meetings whose log gives both times are measured.
fn lengths(acts: &[Activity], diags: &mut Diagnostics) {
    let mut days: BTreeMap<Date, Vec<&Activity>> = BTreeMap::new();
    for a in acts {
        if matches!(a.kind(), Kind::SinhHoatThuongKy | Kind::ChuyenDe) && a.has_time {
            days.entry(a.date.date()).or_default().push(a);
        }
    }
    for list in days.values() {
        let combined = list.iter().any(|a| a.kind() == Kind::SinhHoatThuongKy)
            && list.iter().any(|a| a.kind() == Kind::ChuyenDe);
        let ends: Vec<_> = list
            .iter()
            .filter_map(|a| Some((a, a.meeting.as_ref()?.end?)))
            .collect();
        let Some((last, (end, pos))) = ends.iter().max_by_key(|(_, (e, _))| *e) else {
            continue;
        };
        let start = list.iter().map(|a| a.date).min().unwrap_or(last.date);
        let minutes = minutes(start, *end);
        let floor = if combined {
            MIN_MINUTES_COMBINED
        } else {
            MIN_MINUTES
        };
        if minutes < floor {
            diags.warning(
                &last.source,
                *pos,
                format!(
                    "buổi sinh hoạt kéo dài {minutes} phút, ít hơn {floor} phút tối thiểu{} (Hướng dẫn 12-HD/BTCTW ngày 06/7/2018)",
                    if combined {
                        " khi sinh hoạt thường kỳ kết hợp chuyên đề"
                    } else {
                        ""
                    }
                ),
            );
        }
    }
}
