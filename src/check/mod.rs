//! Domain checks that never fail a build: warnings about the cell's logs
//! (a month without a regular meeting, a quarter without a thematic one,
//! a transfer before 12 months of probation) and about articles dated in
//! the future; and the local time they are judged against. Used by the
//! commands and by the preview alike.

use std::collections::{HashMap, HashSet};

use jiff::civil::{Date, DateTime};

use crate::diag::{Diagnostics, Pos};
use crate::figures;
use crate::model::{Activity, Basis, Config, Kind, Period, Site};
use crate::vn;

pub mod meetings;
pub mod members;
mod rating;
use crate::model::{parse_number, type_code};

/// Local time now at the given UTC offset.
pub fn now_at(offset_minutes: i32) -> DateTime {
    let offset = jiff::tz::Offset::from_seconds(offset_minutes * 60)
        .unwrap_or(jiff::tz::Offset::constant(7));
    offset.to_datetime(jiff::Timestamp::now())
}

/// Checks over the whole site: warnings that never fail a build (articles
/// dated in the future, the log checks of [`warn_activities`]) and the
/// report numbers of [`check_report_numbers`] (errors: an official
/// document must not go out misnumbered).
pub fn warn_future(site: &Site, now: DateTime, diags: &mut Diagnostics) {
    check_report_numbers(site, diags);
    meetings::check_meetings(site, diags);
    members::check_members(site, now.date(), diags);
    rating::check_ratings(site, diags);
    warn_periods(site, now.date(), diags);
    warn_activities(
        &site.activities,
        &site.broken.entries,
        &site.config,
        now,
        diags,
    );
    warn_active_files(&site.static_files, diags);
    for a in &site.articles {
        if !a.draft && a.date > now && a.activity.is_none() {
            diags.warning(
                &a.source,
                a.date_pos,
                format!(
                    "bài có ngày {} ở tương lai: khi dựng trang bài chưa được đăng (vẫn xem được bằng `chibo serve`)",
                    crate::vn::timestamp(a.date)
                ),
            );
        }
    }
}

/// Files of content/static that a browser runs script in, by their name's
/// ending. They are published as they are (chibo does not sanitise a file
/// it copies), so each gets a warning; the preview serves them sandboxed.
const ACTIVE_ENDINGS: &[(&str, &str)] = &[
    (".html", "HTML"),
    (".htm", "HTML"),
    (".xhtml", "HTML"),
    (".svg", "SVG"),
    (".xml", "XML"),
];

/// One warning per file under content/static that can run script.
fn warn_active_files(static_files: &[String], diags: &mut Diagnostics) {
    for f in static_files {
        let lower = f.to_lowercase();
        if let Some((_, kind)) = ACTIVE_ENDINGS.iter().find(|(e, _)| lower.ends_with(e)) {
            diags.warning(
                &format!("content/{f}"),
                crate::diag::Pos::default(),
                format!(
                    "tệp {kind} có thể chạy mã (script) khi mở trong trình duyệt và được đăng nguyên như vậy; nếu không cần trang này, hãy xóa nó, hoặc thay bằng PDF hay ảnh PNG/JPEG"
                ),
            );
        }
    }
}

/// One warning, at `path:pos`, when the figures of `period` rest on logs
/// that do not hold it: months without a regular meeting logged (or
/// before `figures.logs_from`), past the last entry, or in the future. A
/// document over such a period must not state what the logs do not.
pub fn warn_coverage(
    acts: &[Activity],
    basis: Basis,
    period: Period,
    today: Date,
    path: &str,
    pos: Pos,
    diags: &mut Diagnostics,
) {
    if let Some(msg) = coverage_message(acts, basis, period, today) {
        diags.warning(path, pos, msg);
    }
}

/// The text of [`warn_coverage`], or `None` when the logs cover the period.
pub fn coverage_message(
    acts: &[Activity],
    basis: Basis,
    period: Period,
    today: Date,
) -> Option<String> {
    let c = figures::coverage(acts, period, basis.logs_from);
    let future = period.to > today;
    if c.complete && !future {
        return None;
    }
    let mut parts = Vec::new();
    if !c.complete {
        parts.push(format!(
            "{} trong {} tháng chưa có nhật ký (không có mục `sinh_hoat_thuong_ky`: {})",
            c.uncovered.len(),
            c.months,
            figures::months_text(&c.uncovered)
        ));
    }
    match c.last_entry {
        None => parts.push("nhật ký chưa có mục nào".to_string()),
        Some(last) if last < period.to => parts.push(format!(
            "mục cuối cùng của nhật ký ghi ngày {}",
            vn::short_date(last)
        )),
        Some(_) => {}
    }
    if future {
        parts.push(format!(
            "khoảng này kéo dài sang ngày chưa tới (hôm nay {})",
            vn::short_date(today)
        ));
    }
    Some(format!(
        "số liệu từ ngày {} đến ngày {} không đủ căn cứ: {}. Văn bản chỉ được nêu điều nhật ký có ghi: hãy bổ sung nhật ký hoặc thu hẹp khoảng thời gian",
        vn::short_date(period.from),
        vn::short_date(period.to),
        parts.join("; ")
    ))
}

/// Coverage warnings for every report's `period:` and every article's
/// `figures:`; reports dated outside their term.
fn warn_periods(site: &Site, today: Date, diags: &mut Diagnostics) {
    let basis = site.config.basis();
    for r in &site.reports {
        warn_coverage(
            &site.activities,
            basis,
            r.period,
            today,
            &r.source,
            r.period_pos,
            diags,
        );
        if let Some(msg) = date_outside_term(r.date, &site.config.term) {
            diags.warning(&r.source, r.date_pos, msg);
        }
    }
    for a in &site.articles {
        if let Some(p) = a.figures {
            warn_coverage(
                &site.activities,
                basis,
                p,
                today,
                &a.source,
                a.figures_pos,
                diags,
            );
        }
    }
}

/// A review is dated within its term, or at most [`TERM_GRACE_DAYS`]
/// after it (the closing reports of a term are signed just after its end).
pub const TERM_GRACE_DAYS: i64 = 31;

/// Which run of numbers a document dated `date` takes (numbers run per
/// type for a whole term, 36-HD/VPTW): 0 for the term of site.yaml and
/// its grace, -1 before it, 1 after it.
pub fn number_window(date: Date, term: &crate::model::Term) -> i8 {
    let last = term
        .period
        .to
        .checked_add(jiff::Span::new().days(TERM_GRACE_DAYS))
        .unwrap_or(term.period.to);
    if date < term.period.from {
        -1
    } else if date > last {
        1
    } else {
        0
    }
}

/// The warning for a report dated outside the term (and its grace).
pub fn date_outside_term(date: Date, term: &crate::model::Term) -> Option<String> {
    let p = term.period;
    (number_window(date, term) != 0).then(|| {
        format!(
            "báo cáo đề ngày {} nằm ngoài nhiệm kỳ {} ({} – {}, cộng {} ngày sau khi kết thúc): hãy xem lại ngày hoặc nhiệm kỳ trong site.yaml",
            vn::short_date(date),
            term.label,
            vn::short_date(p.from),
            vn::short_date(p.to),
            TERM_GRACE_DAYS
        )
    })
}

/// Warnings over all entries: months without a regular meeting, quarters
/// without a thematic one, entries outside the term or in the future,
/// transfers earlier than 12 months after admission.
pub fn warn_activities(
    acts: &[Activity],
    broken: &[(Kind, jiff::civil::DateTime)],
    config: &Config,
    now: jiff::civil::DateTime,
    diags: &mut Diagnostics,
) {
    warn_dates(acts, config, now, diags);
    warn_missing_meetings(acts, broken, config.term.period, diags);
    warn_early_transfers(acts, diags);
}

/// Entries dated outside the term or in the future.
fn warn_dates(
    acts: &[Activity],
    config: &Config,
    now: jiff::civil::DateTime,
    diags: &mut Diagnostics,
) {
    let term = config.term.period;
    for a in acts {
        if !term.contains(a.date.date()) {
            diags.warning(
                &a.source,
                a.pos,
                format!(
                    "mục `{}` ngày {} nằm ngoài nhiệm kỳ {} ({} – {})",
                    a.kind().id(),
                    vn::short_date(a.date.date()),
                    config.term.label,
                    vn::short_date(term.from),
                    vn::short_date(term.to)
                ),
            );
        }
        if a.date > now {
            diags.warning(
                &a.source,
                a.pos,
                format!(
                    "mục `{}` có ngày {} ở tương lai",
                    a.kind().id(),
                    vn::short_date(a.date.date())
                ),
            );
        }
    }
}

/// Months without a regular meeting and quarters without a thematic one,
/// from the start of the term up to the last entry recorded (a log that
/// stops early is not yet complete).
fn warn_missing_meetings(
    acts: &[Activity],
    broken: &[(Kind, jiff::civil::DateTime)],
    term: crate::model::Period,
    diags: &mut Diagnostics,
) {
    let dated = || {
        acts.iter()
            .map(|a| (a.kind(), a.date))
            .chain(broken.iter().copied())
    };
    let Some(last) = dated()
        .filter(|(_, d)| term.contains(d.date()))
        .map(|(_, d)| d.date())
        .max()
    else {
        return;
    };
    let month_key = |d: jiff::civil::Date| d.year() as i32 * 12 + d.month() as i32 - 1;
    let mut months: HashSet<i32> = HashSet::new();
    let mut quarters: HashSet<i32> = HashSet::new();
    for (kind, date) in dated() {
        let k = month_key(date.date());
        match kind {
            Kind::SinhHoatThuongKy => {
                months.insert(k);
            }
            Kind::ChuyenDe => {
                quarters.insert(k.div_euclid(3));
            }
            _ => {}
        }
    }
    let first = month_key(term.from);
    let end = month_key(last);
    for k in first..=end {
        if !months.contains(&k) {
            diags.warning(
                "content/activities",
                Pos::default(),
                format!("tháng {}/{} không có mục `sinh_hoat_thuong_ky` (chi bộ họp thường lệ mỗi tháng một lần)", k % 12 + 1, k / 12),
            );
        }
    }
    let (qa, qb) = (first.div_euclid(3), end.div_euclid(3));
    // A quarter only counts once it is over (or is the last one logged and complete).
    for q in qa..=qb {
        let q_end_month = q * 3 + 2;
        if q_end_month > end {
            continue;
        }
        if !quarters.contains(&q) {
            diags.warning(
                "content/activities",
                Pos::default(),
                format!(
                    "quý {} năm {} không có mục `chuyen_de` (sinh hoạt chuyên đề ít nhất mỗi quý một lần)",
                    vn::roman((q % 4 + 1) as i64),
                    q / 4
                ),
            );
        }
    }
}

/// Transfers to full membership before 12 months of probation.
fn warn_early_transfers(acts: &[Activity], diags: &mut Diagnostics) {
    let mut admitted: HashMap<String, jiff::civil::Date> = HashMap::new();
    for a in acts.iter().filter(|a| a.kind() == Kind::KetNap) {
        for name in a.members() {
            admitted.insert(vn::fold(name), a.date.date());
        }
    }
    for a in acts.iter().filter(|a| a.kind() == Kind::ChuyenChinhThuc) {
        for name in a.members() {
            if let Some(&d) = admitted.get(&vn::fold(name))
                && let Ok(due) = d.checked_add(jiff::Span::new().months(12))
                && a.date.date() < due
            {
                diags.warning(
                    &a.source,
                    a.pos,
                    format!(
                        "chuyển chính thức cho `{name}` ngày {} khi chưa đủ 12 tháng dự bị (kết nạp ngày {}, đủ 12 tháng từ {})",
                        vn::short_date(a.date.date()),
                        vn::short_date(d),
                        vn::short_date(due)
                    ),
                );
            }
        }
    }
}

/// Report numbers as 36-HD/VPTW wants them: `15-BC/CB`, the type code of
/// the report's type, the cell's issuer code; and no two reports of one
/// type in the term with the same number (numbers run per type for the
/// whole term).
pub fn check_report_numbers(site: &Site, diags: &mut Diagnostics) {
    let cfg = &site.config;
    let mut seen: Vec<(&str, u32, &crate::model::Report)> = Vec::new();
    for r in &site.reports {
        let Some(number) = &r.number else { continue };
        let Some((n, code, issuer)) = parse_number(number) else {
            diags.error(
                &r.source,
                r.number_pos,
                format!("khóa `number`: số `{number}` không đúng dạng; viết số, gạch nối, loại văn bản, gạch chéo, cơ quan ban hành, ví dụ `15-BC/{}`", cfg.unit.issuer_code),
            );
            continue;
        };
        if let Some(expected) = type_code(&r.doc_type)
            && code != expected
        {
            diags.error(
                &r.source,
                r.number_pos,
                format!("khóa `number`: `{number}` mang ký hiệu `{code}` nhưng văn bản là {}: ký hiệu phải là `{expected}` (`{n}-{expected}/{issuer}`)", r.doc_type),
            );
        }
        if !cfg.unit.issuer_code.is_empty() && issuer != cfg.unit.issuer_code {
            diags.error(
                &r.source,
                r.number_pos,
                format!("khóa `number`: `{number}` ghi cơ quan ban hành `{issuer}`, nhưng site.yaml ghi `unit.issuer_code: {}`", cfg.unit.issuer_code),
            );
        }
        // A draft may show the number it is to get.
        if r.draft || number_window(r.date, &cfg.term) != 0 {
            continue;
        }
        if let Some((_, _, other)) = seen.iter().find(|(c, m, _)| *c == code && *m == n) {
            diags.error(
                &r.source,
                r.number_pos,
                format!("khóa `number`: số `{number}` đã dùng cho {} ({}); số văn bản chạy liên tục theo từng loại trong cả nhiệm kỳ", other.source, crate::vn::dash_date(other.date)),
            );
        } else {
            seen.push((code, n, r));
        }
    }
}
