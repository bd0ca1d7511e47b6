//! `chibo figures --from D --to D [--json]`: the figures of a period,
//! computed from the activity logs; the JSON is a public interface.

use std::path::Path;

use crate::cmd::{CONTENT_ERROR, OK, Outcome, USAGE_ERROR, print_diags};
use crate::dates::parse_date;
use crate::diag::Diagnostics;
use crate::figures::{self, Figures, YearRow};
use crate::load;
use crate::model::{Kind, Period};
use crate::vn;

/// `chibo figures`: the figures of a period, as a table or JSON.
pub fn run(root: &Path, from: Option<&str>, to: Option<&str>, json: bool) -> Outcome {
    let mut diags = Diagnostics::default();
    let Some(site) = load::load_site_with(root, load::Parts::LogsOnly, &mut diags) else {
        print_diags(&diags);
        return CONTENT_ERROR;
    };
    if diags.has_errors() {
        print_diags(&diags);
        eprintln!(
            "Không tính được số liệu khi nhật ký còn lỗi: {} lỗi.",
            diags.error_count()
        );
        return CONTENT_ERROR;
    }
    let parse = |flag: &str, v: Option<&str>, default| match v {
        None => Ok(default),
        Some(s) => parse_date(s.trim())
            .map_err(|why| format!("{flag} `{s}` không hợp lệ: {why}; hãy viết YYYY-MM-DD")),
    };
    // By default the term so far.
    let term = site.config.term.period;
    let today = crate::check::now_at(site.config.offset_minutes).date();
    let default_to = term.so_far(today).to;
    let period = match (
        parse("--from", from, term.from),
        parse("--to", to, default_to),
    ) {
        (Ok(f), Ok(t)) if f <= t => Period { from: f, to: t },
        (Ok(f), Ok(t)) => {
            eprintln!("--from ({f}) phải trước hoặc bằng --to ({t})");
            return USAGE_ERROR;
        }
        (Err(e), _) | (_, Err(e)) => {
            eprintln!("{e}");
            return USAGE_ERROR;
        }
    };
    let figs = figures::compute(&site.activities, period, site.config.attendance_denominator);
    if json {
        match serde_json::to_string_pretty(&figs) {
            Ok(s) => println!("{s}"),
            Err(e) => {
                eprintln!("không xuất được JSON: {e}");
                return CONTENT_ERROR;
            }
        }
    } else {
        let rows = figures::yearly(&site.activities, period, site.config.attendance_denominator);
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

/// The readable Vietnamese table printed without `--json`.
pub fn table(f: &Figures, rows: &[YearRow]) -> String {
    let from = vn::short_date(f.period.from);
    let to = vn::short_date(f.period.to);
    let mut out = format!("Số liệu từ ngày {from} đến ngày {to} (tính từ nhật ký hoạt động)\n\n");
    let label_w = Kind::ALL
        .iter()
        .map(|k| k.label().chars().count())
        .max()
        .unwrap_or(20)
        .max(16);
    out.push_str(&pad_right("Hoạt động (số lần)", label_w));
    for r in rows {
        out.push_str(&pad_left(&r.year.to_string(), 7));
    }
    out.push_str(&pad_left("Cả kỳ", 8));
    out.push('\n');
    for &k in Kind::ALL {
        out.push_str(&pad_right(k.label(), label_w));
        for r in rows {
            out.push_str(&pad_left(&r.counts.get(k).to_string(), 7));
        }
        out.push_str(&pad_left(&f.counts.get(k).to_string(), 8));
        out.push('\n');
    }
    out.push('\n');
    let a = &f.attendance;
    out.push_str(&format!(
        "Tỷ lệ đảng viên dự sinh hoạt thường kỳ ({} kỳ): bình quân {}, thấp nhất {}\n",
        a.meetings,
        vn::percent(a.average_percent),
        vn::percent(a.min_percent)
    ));
    let p = &f.people;
    out.push_str(&format!(
        "Lớp nhận thức về Đảng: {} lượt quần chúng\nKết nạp: {} đảng viên; chuyển chính thức: {} đảng viên\nGiám sát chuyên đề: {} đảng viên; kiểm tra: {} đảng viên; kỷ luật: {} đảng viên\n",
        p.awareness_class,
        vn::pad2(p.admitted as i64),
        vn::pad2(p.transferred as i64),
        vn::pad2(p.supervised_thematic as i64),
        vn::pad2(p.inspected as i64),
        vn::pad2(p.disciplined as i64)
    ));
    out.push_str(&format!(
        "Giám sát thường xuyên: {}\n",
        vn::percent(f.supervision_coverage_percent)
    ));
    out
}
