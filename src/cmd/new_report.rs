//! `chibo new report KIND`: a review report laid out as docs/rules.md §Reports has
//! it, its front matter filled (type, subject, the next free number of its
//! type in the term, date, period, signer and recipients of the last
//! report), and its sentences already holding `{{ figures… }}` expressions
//! for the period. What only people can write is marked
//! `[CẦN VIẾT TIẾP: …]`, which `check` warns about until it is gone.

use std::path::Path;

use jiff::civil::Date;

use crate::check::{now_at, number_window};
use crate::cmd::{CONTENT_ERROR, OK, Outcome, USAGE_ERROR, print_diags};
use crate::diag::{Diagnostics, Pos};
use crate::load;
use crate::model::{Period, Report, Site, Term};
use crate::model::{parse_number, type_code};
use crate::render::draft::report::{self, Kind as ReportKind};
use crate::text::TO_COMPLETE;
use crate::yaml::scalar as yaml_str;

/// The kinds `new report` knows.
pub const KINDS: &[&str] = &["so-ket-giua-nhiem-ky", "tong-ket-nam", "so-ket-6-thang"];

/// Writes `content/reports/<name>.md` for `kind`.
pub fn run(root: &Path, kind: &str, year: Option<i16>, quiet: bool) -> Outcome {
    if !KINDS.contains(&kind) {
        eprintln!(
            "loại báo cáo `{kind}` không có; các loại: {}",
            KINDS.join(", ")
        );
        return USAGE_ERROR;
    }
    let mut diags = Diagnostics::default();
    // In a roll-up folder, the committee's report over its cells.
    let committee = if super::is_rollup_folder(root) {
        match super::rollup::committee_of(root) {
            Some(c) => Some(c),
            None => return CONTENT_ERROR,
        }
    } else {
        None
    };
    let loaded = match &committee {
        Some(c) => load::load_committee_site(root, c, &mut diags),
        None => load::load_site(root, &mut diags),
    };
    let Some(site) = loaded else {
        print_diags(&diags);
        return CONTENT_ERROR;
    };
    if diags.has_errors() {
        print_diags(&diags);
        eprintln!("Không viết được báo cáo khi trang còn lỗi; hãy sửa các lỗi trên trước.");
        return CONTENT_ERROR;
    }
    let today = now_at(site.config.offset_minutes).date();
    let year = year.unwrap_or(today.year());
    let Some(plan) = plan(&site, kind, year, today) else {
        eprintln!("--year {year} không hợp lệ");
        return USAGE_ERROR;
    };
    let rel = format!("content/reports/{}.md", plan.name);
    let text = scaffold(&site, &plan, committee.is_some());
    // Never over a report someone is writing, never through a link.
    let written = crate::disk::create(root, &rel, text.as_bytes());
    match written {
        Ok(true) => {
            match &committee {
                Some(c) => warn_cells(root, c, &plan, &rel, &text),
                None => warn_written(&site, &plan, &rel, &text, today),
            }
            if !quiet {
                println!(
                    "Đã tạo {rel}: báo cáo số {}, số liệu từ {} đến {}. Viết tiếp các đoạn đánh dấu {TO_COMPLETE}…]; `chibo check` chỉ chỗ còn thiếu.",
                    plan.number,
                    crate::vn::short_date(plan.period.from),
                    crate::vn::short_date(plan.period.to)
                );
            }
            OK
        }
        Ok(false) => {
            eprintln!("{rel} đã có; chibo không ghi đè. Hãy sửa tệp đó, hoặc đổi tên nó trước.");
            CONTENT_ERROR
        }
        Err(e) => {
            eprintln!("{e}");
            CONTENT_ERROR
        }
    }
}

/// The warnings about a report just written: its period not covered by
/// the logs, its date outside the term; located at its lines.
fn warn_written(site: &Site, plan: &Plan, rel: &str, text: &str, today: Date) {
    // At the value, where `check` puts it: after "key: ".
    let line_of = |key: &str| {
        text.lines()
            .position(|l| l.starts_with(key))
            .map_or(Pos::new(1, 1), |n| {
                Pos::new(n as u32 + 1, key.chars().count() as u32 + 2)
            })
    };
    let mut diags = Diagnostics::default();
    crate::check::warn_coverage(
        &site.activities,
        site.config.basis(),
        plan.period,
        today,
        rel,
        line_of("period:"),
        &mut diags,
    );
    if let Some(msg) = crate::check::date_outside_term(plan.date, &site.config.term) {
        diags.warning(rel, line_of("date:"), msg);
    }
    print_diags(&diags);
}

/// What a report of one kind covers.
struct Plan {
    name: String,
    subject: String,
    period: Period,
    /// The day it is dated: the day after its period, or today.
    date: Date,
    number: String,
    year: i16,
    kind: ReportKind,
}

/// The period of a report of `kind`, and its file name and subject:
/// mid-term from the term's first day to its midpoint (or to today, when
/// earlier); annual the calendar year, six-month January to June, both
/// cut to the term when they overlap it (docs/rules.md §Periods).
fn plan(site: &Site, kind: &str, year: i16, today: Date) -> Option<Plan> {
    let term = site.config.term.period;
    let day = |m, d| Date::new(year, m, d).ok();
    let in_term = |p: Period| {
        if p.to < term.from || p.from > term.to {
            p
        } else {
            Period {
                from: p.from.max(term.from),
                to: p.to.min(term.to),
            }
        }
    };
    let (name, subject, period, kind) = match kind {
        "so-ket-giua-nhiem-ky" => (
            "so-ket-giua-nhiem-ky".to_string(),
            format!(
                "sơ kết giữa nhiệm kỳ thực hiện Nghị quyết Đại hội {} nhiệm kỳ {}",
                site.config.unit.name, site.config.term.label
            ),
            Period {
                from: term.from,
                to: midpoint(term).min(today).max(term.from),
            },
            ReportKind::MidTerm,
        ),
        "tong-ket-nam" => (
            format!("tong-ket-nam-{year}"),
            format!(
                "tổng kết công tác xây dựng Đảng năm {year} và phương hướng, nhiệm vụ năm {}",
                year + 1
            ),
            in_term(Period {
                from: day(1, 1)?,
                to: day(12, 31)?,
            }),
            ReportKind::Annual,
        ),
        _ => (
            format!("so-ket-6-thang-{year}"),
            format!(
                "sơ kết công tác 6 tháng đầu năm {year}, nhiệm vụ, giải pháp trọng tâm 6 tháng cuối năm"
            ),
            in_term(Period {
                from: day(1, 1)?,
                to: day(6, 30)?,
            }),
            ReportKind::HalfYear,
        ),
    };
    let after = period.to.tomorrow().unwrap_or(period.to);
    let date = if after <= today { after } else { today };
    Some(Plan {
        number: next_number(
            &site.reports,
            &site.config.term,
            date,
            &site.config.unit.issuer_code,
        ),
        name,
        subject,
        period,
        date,
        year,
        kind,
    })
}

/// The last day of the first half of `term`: its first day plus half its
/// months, less a day (2020-07-01 – 2025-06-30 → 2022-12-31).
fn midpoint(term: Period) -> Date {
    let months = (term.to.year() as i32 - term.from.year() as i32) * 12 + term.to.month() as i32
        - term.from.month() as i32
        + 1;
    term.from
        .checked_add(jiff::Span::new().months(months / 2))
        .and_then(|d| d.yesterday())
        .unwrap_or(term.to)
        .min(term.to)
}

/// The next report number for a report dated `date`: one more than the
/// highest number of its type (`BC`) among the reports of the same term
/// (drafts included, whatever their file), from 01 (36-HD/VPTW).
fn next_number(reports: &[Report], term: &Term, date: Date, issuer: &str) -> String {
    let code = type_code("BÁO CÁO").unwrap_or("BC");
    let window = number_window(date, term);
    let used = reports
        .iter()
        .filter(|r| number_window(r.date, term) == window)
        .filter_map(|r| parse_number(r.number.as_deref()?))
        .filter(|&(_, c, _)| c == code)
        .map(|(n, _, _)| n)
        .max()
        .unwrap_or(0);
    format!("{:02}-{code}/{issuer}", used + 1)
}

fn scaffold(site: &Site, p: &Plan, committee: bool) -> String {
    let last = site.reports.iter().max_by_key(|r| r.date);
    let signer = last.map(|r| &r.signer);
    let recipients: Vec<String> = last.map_or_else(
        || {
            let superior = format!("{} (b/c)", site.config.unit.superior);
            if committee {
                vec![
                    superior,
                    "Các đồng chí đảng ủy viên".into(),
                    "Các chi bộ trực thuộc".into(),
                    "Lưu Văn phòng Đảng ủy".into(),
                ]
            } else {
                vec![
                    superior,
                    "Các đồng chí chi ủy viên".into(),
                    "Các đồng chí đảng viên".into(),
                    "Lưu Chi bộ".into(),
                ]
            }
        },
        |r| r.recipients.clone(),
    );
    let on_behalf = if committee {
        "T/M ĐẢNG ỦY"
    } else {
        "T/M CHI BỘ"
    };
    let mut s = String::from("---\ntype: BÁO CÁO\n");
    s.push_str(&format!("subject: {}\n", yaml_str(&p.subject)));
    s.push_str(&format!(
        "number: {}   # số tiếp theo của loại báo cáo trong nhiệm kỳ\n",
        p.number
    ));
    s.push_str(&format!(
        "date: {}   # ngày ký; mặc định là ngày sau khi kỳ báo cáo kết thúc\n",
        p.date
    ));
    s.push_str(&format!(
        "period: {{ from: {}, to: {} }}   # số liệu trong báo cáo tính từ nhật ký của khoảng này\n",
        p.period.from, p.period.to
    ));
    match signer {
        Some(g) => s.push_str(&format!(
            "signer: {{ on_behalf: {}, title: {}, name: {} }}\n",
            yaml_str(&g.on_behalf),
            yaml_str(&g.title),
            yaml_str(&g.name)
        )),
        None => s.push_str(&format!(
            "signer: {{ on_behalf: {on_behalf}, title: BÍ THƯ, name: {} }}\n",
            yaml_str(&format!("{TO_COMPLETE}: họ và tên]"))
        )),
    }
    s.push_str("recipients:\n");
    for r in &recipients {
        s.push_str(&format!("  - {}\n", yaml_str(r)));
    }
    s.push_str("draft: true   # bỏ dòng này khi báo cáo đã được thông qua\n");
    s.push_str("# publish: true   # bỏ dấu # nếu báo cáo được đăng lên trang web; không có dòng này, báo cáo là văn bản nội bộ, ghi vào bao-cao/ cạnh thư mục output\n---\n\n");
    if committee {
        let to = p.period.to;
        let year_ended = to.month() == 12 && to.day() == 31;
        s.push_str(&crate::render::draft::committee::body(
            &crate::render::draft::committee::Heading {
                kind: p.kind,
                unit: &site.config.unit.name,
                term: &site.config.term.label,
                year: p.year,
                rated_year: if year_ended { to.year() } else { to.year() - 1 },
            },
        ));
    } else {
        s.push_str(&body(site, p));
    }
    s
}

/// The warning after a committee's report is written: the cells its
/// period leaves out (logs that miss months, cells that cannot be read).
fn warn_cells(
    root: &Path,
    c: &crate::model::rollup::Committee,
    plan: &Plan,
    rel: &str,
    text: &str,
) {
    let today = now_at(crate::model::rollup::COMMITTEE_OFFSET_MINUTES).date();
    let (rollup, mut diags) = super::rollup::gather(root, c, plan.period, today);
    let t = &rollup.totals;
    if t.not_covered + t.broken > 0 {
        let line = text
            .lines()
            .position(|l| l.starts_with("period:"))
            .map_or(1, |n| n as u32 + 1);
        diags.warning(
            rel,
            Pos::new(line, 9),
            format!(
                "trong kỳ báo cáo, {} chi bộ chưa có nhật ký đủ các tháng và {} chi bộ không đọc được: các con số chỉ cộng {}/{} chi bộ; xem `chibo rollup --from {} --to {}`",
                t.not_covered, t.broken, t.counted, t.cells, plan.period.from, plan.period.to
            ),
        );
    }
    print_diags(&diags);
}

/// The outline of the report, its figures as expressions.
fn body(site: &Site, p: &Plan) -> String {
    let basis = site.config.basis();
    let figures = crate::figures::of_site(site, p.period);
    let years = crate::figures::yearly(&site.activities, p.period, basis);
    let input = crate::render::draft::Input {
        figures: &figures,
        years: &years,
        ho_chi_minh: ho_chi_minh_ids(site),
    };
    let heading = report::Heading {
        kind: p.kind,
        unit: &site.config.unit.name,
        term: &site.config.term.label,
        year: p.year,
        guidance: site.config.guidance.as_deref(),
        targets: !site.config.targets.is_empty(),
    };
    report::body(&heading, &input)
}

/// The ids in documents.yaml of Chỉ thị 05-CT/TW and Kết luận 01-KL/TW.
pub fn ho_chi_minh_ids(site: &Site) -> Vec<String> {
    let mut ids: Vec<String> = site
        .documents
        .values()
        .filter(|d| {
            crate::render::draft::HO_CHI_MINH_NUMBERS
                .iter()
                .any(|n| d.number.trim() == *n)
        })
        .map(|d| d.id.clone())
        .collect();
    ids.sort();
    ids
}
