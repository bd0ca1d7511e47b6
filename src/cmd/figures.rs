//! `chibo figures --from D --to D [--json]`: the figures of a period,
//! computed from the activity logs; the JSON is a public interface.

use std::path::Path;

use crate::cmd::{OK, Outcome, print_diags};
use crate::diag::Diagnostics;
use crate::figures::{self, Figures, YearRow};
use crate::model::Kind;
use crate::vn;

/// `chibo figures`: the figures of a period, as a table or JSON.
pub fn run(
    root: &Path,
    from: Option<&str>,
    to: Option<&str>,
    json: bool,
    xlsx: Option<&Path>,
) -> Outcome {
    let site = match super::logs_of(root, "Không tính được số liệu") {
        Ok(s) => s,
        Err(o) => return o,
    };
    let today = crate::check::now_at(site.config.offset_minutes).date();
    let period = match super::period_of(&site, from, to) {
        Ok(p) => p,
        Err(outcome) => return outcome,
    };
    let basis = site.config.basis();
    let figs = figures::of_site(&site, period);
    // The warning goes to stderr, so `--json` stays a clean JSON document.
    let mut warn = Diagnostics::default();
    crate::check::warn_coverage(
        &site.activities,
        basis,
        period,
        today,
        &format!("--from {} --to {}", period.from, period.to),
        Default::default(),
        &mut warn,
    );
    print_diags(&warn);
    if let Some(file) = xlsx {
        let rows = figures::yearly(&site.activities, period, basis);
        let book = crate::render::figures_xlsx::workbook(&figs, &rows, &site.config.unit.name);
        if let Err(o) = super::write_xlsx(file, book) {
            return o;
        }
    }
    if json {
        if let Err(o) = super::print_json(&figs) {
            return o;
        }
    } else {
        let rows = figures::yearly(&site.activities, period, site.config.basis());
        print!("{}", table(&figs, &rows));
    }
    // The process ends here: freeing 100,000 entries one by one would only
    // cost time (measured: about a tenth of the run at that size).
    std::mem::forget(site);
    OK
}

fn pad_left(s: &str, w: usize) -> String {
    format!("{}{s}", " ".repeat(w.saturating_sub(s.chars().count())))
}

fn pad_right(s: &str, w: usize) -> String {
    format!("{s}{}", " ".repeat(w.saturating_sub(s.chars().count())))
}

/// The kinds whose entries count people, with the people's unit: their
/// rows show the people, never the entries (four `ky_luat` entries that
/// each say `subjects: 0` are no case at all).
const PEOPLE_ROWS: &[(Kind, &str)] = &[
    (Kind::LopNhanThuc, "lượt quần chúng"),
    (Kind::KetNap, "đảng viên"),
    (Kind::ChuyenChinhThuc, "đảng viên"),
    (Kind::GiamSatChuyenDe, "đảng viên"),
    (Kind::KiemTra, "đảng viên"),
    (Kind::KyLuat, "đảng viên"),
];

/// The people a row of `PEOPLE_ROWS` counts.
fn people_of(p: &figures::PeopleFigures, k: Kind) -> u32 {
    p.of_kind(k).unwrap_or(0)
}

/// The readable Vietnamese table printed without `--json`.
pub fn table(f: &Figures, rows: &[YearRow]) -> String {
    let from = vn::short_date(f.period.from);
    let to = vn::short_date(f.period.to);
    let mut out = format!("Số liệu từ ngày {from} đến ngày {to} (tính từ nhật ký hoạt động)\n\n");
    let label_w = Kind::ALL
        .iter()
        .map(|k| k.label().chars().count())
        .chain(
            PEOPLE_ROWS
                .iter()
                .map(|(k, u)| k.label().chars().count() + u.chars().count() + 3),
        )
        .max()
        .unwrap_or(20)
        .max(22);
    let head = |out: &mut String, label: &str| {
        out.push_str(&pad_right(label, label_w));
        for r in rows {
            out.push_str(&pad_left(&r.year.to_string(), 7));
        }
        out.push_str(&pad_left("Cả kỳ", 8));
        out.push('\n');
    };
    head(&mut out, "Hoạt động (số lần)");
    for &k in Kind::ALL {
        if PEOPLE_ROWS.iter().any(|(p, _)| *p == k) {
            continue;
        }
        row(
            &mut out,
            label_w,
            k.label(),
            rows,
            |r| r.counts.get(k),
            f.counts.get(k),
        );
    }
    out.push('\n');
    head(&mut out, "Người (số người, số lượt)");
    for &(k, unit) in PEOPLE_ROWS {
        row(
            &mut out,
            label_w,
            &format!("{} ({unit})", k.label()),
            rows,
            |r| people_of(&r.people, k),
            people_of(&f.people, k),
        );
    }
    row(
        &mut out,
        label_w,
        "Quyết định kỷ luật",
        rows,
        |r| r.discipline_decisions,
        f.discipline_decisions,
    );
    out.push('\n');
    let a = &f.attendance;
    out.push_str(&format!(
        "Tỷ lệ đảng viên dự sinh hoạt thường kỳ ({} kỳ): bình quân {}, thấp nhất {}\n",
        a.meetings,
        vn::percent(a.average_percent),
        vn::percent(a.min_percent)
    ));
    out.push_str(&format!(
        "Giám sát thường xuyên: {}\n",
        vn::percent(f.supervision_coverage_percent)
    ));
    let p = &f.papers;
    if p.resolutions + p.tasks_reviewed + p.short_meetings > 0 {
        out.push_str(&format!(
            "Giấy tờ buổi họp: {} nghị quyết; việc của tháng trước đã xong {}/{}; {} buổi sinh hoạt ngắn hơn 90 phút\n",
            p.resolutions, p.tasks_done, p.tasks_reviewed, p.short_meetings
        ));
    }
    if let Some(r) = &f.register {
        out.push_str(&format!(
            "Sổ đảng viên ngày {to}: {} đảng viên ({} chính thức, {} dự bị; {} miễn sinh hoạt); trong kỳ kết nạp {}, chuyển đến {}, chuyển đi {}, ra khỏi chi bộ vì lý do khác {}\n",
            r.total, r.chinh_thuc, r.du_bi, r.mien, r.admitted, r.transferred_in, r.transferred_out, r.left
        ));
    }
    let c = &f.coverage;
    out.push_str(&format!(
        "Nhật ký: {}/{} tháng có mục sinh hoạt thường kỳ{}; mục cuối cùng ngày {}\n",
        c.covered,
        c.months,
        if c.complete {
            String::new()
        } else {
            format!(" (chưa có: {})", figures::months_text(&c.uncovered))
        },
        c.last_entry.map_or("(chưa có)".to_string(), vn::short_date)
    ));
    out.push_str(&targets_text(f));
    out
}

/// The targets, each with a line per year or for the term: result and
/// verdict; nothing without targets.
fn targets_text(f: &Figures) -> String {
    let mut out = String::new();
    if !f.targets.is_empty() {
        out.push_str("\nChỉ tiêu (site.yaml) | kết quả | đánh giá\n");
    }
    for t in &f.targets {
        out.push_str(&format!("{}\n", t.text()));
        for r in &t.results {
            out.push_str(&format!(
                "  {}: {} — {}\n",
                r.label,
                r.result_text(t),
                r.status_label()
            ));
        }
    }
    out
}

/// One row of the table: a label, a value per year, the total.
fn row(
    out: &mut String,
    label_w: usize,
    label: &str,
    rows: &[YearRow],
    per_year: impl Fn(&YearRow) -> u32,
    total: u32,
) {
    out.push_str(&pad_right(label, label_w));
    for r in rows {
        out.push_str(&pad_left(&per_year(r).to_string(), 7));
    }
    out.push_str(&pad_left(&total.to_string(), 8));
    out.push('\n');
}
