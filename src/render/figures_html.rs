//! chibo's own HTML for the figures: the table per year and the two-scale
//! bar chart, and the template functions `bang_so_lieu()` and `bieu_do()`
//! that ask for them. A function prints a request; [`trusted_html`] makes
//! the HTML after the body was sanitised (see `sanitize`).

use std::collections::HashMap;
use std::fmt::Write as _;
use std::sync::Arc;

use tera::{Kwargs, State, Tera, Value};

use crate::dates::parse_date;
use crate::figures::rollup::Rollup;
use crate::figures::{self, YearRow};
use crate::model::{Activity, Basis, Document, Kind, Period, Site};
use crate::render::{escape, sanitize};
use crate::vn;

/// What the filters and functions of templates read: the site's data.
#[derive(Clone)]
pub struct EngineData {
    /// content/documents.yaml, by id.
    pub documents: Arc<HashMap<String, Document>>,
    /// Every log entry, sorted by date.
    pub activities: Arc<Vec<Activity>>,
    /// How the figures are computed.
    pub basis: Basis,
    /// The site's targets, for `bang_chi_tieu()`; `None` where there is no
    /// site (unit tests).
    pub targets: Option<figures::TargetData>,
    /// The roll-up of each report's period, by (from, to), in a roll-up
    /// folder (the committee's reports, `bang_tong_hop()`); `None` in a
    /// cell's site.
    pub rollups: Option<Arc<HashMap<(jiff::civil::Date, jiff::civil::Date), Rollup>>>,
}

impl EngineData {
    /// The data of `site`.
    pub fn of(site: &Site) -> Self {
        EngineData {
            documents: site.documents.clone(),
            activities: site.activities.clone(),
            basis: site.config.basis(),
            targets: Some(figures::TargetData::of(site)),
            rollups: None,
        }
    }
}

/// Why `bang_tong_hop()` gives nothing in a cell's site.
pub const NOT_A_ROLLUP: &str = "`bang_tong_hop()` chỉ dùng trong báo cáo của cấp ủy cấp trên (thư mục có rollup.yaml, xem docs/rollup.md)";

impl EngineData {
    /// The roll-up of `period`, in a roll-up folder.
    pub fn rollup(&self, period: Period) -> Option<&Rollup> {
        self.rollups.as_ref()?.get(&(period.from, period.to))
    }
}

/// The period a function works on: `from=`/`to=` if given, else the
/// `figures.period` of the page being rendered.
fn period_arg(k: &Kwargs, state: &State) -> tera::TeraResult<Period> {
    let from: Option<String> = k.get::<String>("from")?;
    let to: Option<String> = k.get::<String>("to")?;
    let (from, to) = match (from, to) {
        (Some(f), Some(t)) => (f, t),
        _ => {
            let figs: Option<Value> = state.get::<Value>("figures")?;
            let figs = figs.ok_or_else(|| {
                tera::Error::message(
                    "cần khoảng thời gian: thêm `figures: { from, to }` vào phần đầu bài (hoặc `period` của báo cáo), hoặc gọi hàm với from=\"YYYY-MM-DD\", to=\"YYYY-MM-DD\"",
                )
            })?;
            let get = |p: &str| {
                figs.get_from_path(p)
                    .and_then(|v| v.as_str().map(str::to_string))
            };
            match (get("period.from"), get("period.to")) {
                (Some(f), Some(t)) => (f, t),
                _ => return Err(tera::Error::message("`figures.period` không có from/to")),
            }
        }
    };
    let p = |s: &str| {
        parse_date(s).map_err(|why| tera::Error::message(format!("ngày `{s}` không hợp lệ: {why}")))
    };
    Ok(Period {
        from: p(&from)?,
        to: p(&to)?,
    })
}

/// `bang_so_lieu()` and `bieu_do()` print a request, never HTML: the HTML
/// is made by [`trusted_html`] after the body was sanitised.
pub fn register_functions(tera: &mut Tera) {
    for name in ["bang_so_lieu", "bieu_do", "bang_chi_tieu", "bang_tong_hop"] {
        tera.register_function(
            name,
            move |k: Kwargs, s: &State| -> tera::TeraResult<Value> {
                let period = period_arg(&k, s)?;
                Ok(Value::from(sanitize::request(
                    name,
                    &format!("{} {}", period.from, period.to),
                )))
            },
        );
    }
}

/// `khong_co(loai="ky_luat", cau="…")`: the sentence `cau`, which states
/// that something did not happen, only when the logs can support it: every
/// month of the period is covered, no entry of kind `loai` counts anyone
/// (or happened, for kinds that count no one), and for discipline an entry
/// records `subjects: 0`. Otherwise a `[CẦN KIỂM TRA: …]` mark that says
/// why, which `check` warns about. See docs/rules.md §Absence.
pub fn register_absence(tera: &mut Tera) {
    tera.register_function(
        "khong_co",
        |k: Kwargs, s: &State| -> tera::TeraResult<Value> {
            let kind: String = k.must_get("loai")?;
            let sentence: String = k.must_get("cau")?;
            let Some(kind) = Kind::from_id(kind.trim()) else {
                return Err(tera::Error::message(format!(
                    "`khong_co`: loại `{kind}` không có; các loại: {}",
                    Kind::IDS.join(", ")
                )));
            };
            let figs: Option<Value> = s.get::<Value>("figures")?;
            let figs = figs.ok_or_else(|| {
                tera::Error::message(
                    "`khong_co` cần số liệu: thêm `figures: { from, to }` vào phần đầu bài (hoặc `period` của báo cáo)",
                )
            })?;
            Ok(Value::from(absence(&figs, kind, &sentence)))
        },
    );
}

/// The text of `khong_co()` over a `figures` value.
/// The mark never repeats `sentence`: a document with the mark in it
/// must not read as if it stated the absence.
pub fn absence(figs: &Value, kind: Kind, sentence: &str) -> String {
    let num = |p: &str| figs.get_from_path(p).and_then(Value::as_u64).unwrap_or(0);
    let entries = num(&format!("counts.{}", kind.id()));
    let people = match kind {
        Kind::KyLuat => Some(num("people.disciplined")),
        Kind::LopNhanThuc => Some(num("people.awareness_class")),
        Kind::KetNap => Some(num("people.admitted")),
        Kind::ChuyenChinhThuc => Some(num("people.transferred")),
        Kind::GiamSatChuyenDe => Some(num("people.supervised_thematic")),
        Kind::KiemTra => Some(num("people.inspected")),
        _ => None,
    };
    let complete = figs
        .get_from_path("coverage.complete")
        .and_then(Value::as_bool)
        .unwrap_or(false);
    let verify = crate::text::TO_VERIFY;
    if people.unwrap_or(entries) > 0 {
        return format!(
            "{verify}: nhật ký có {} mục {} ({}) trong kỳ, câu nêu là không có thì không đúng]",
            entries,
            kind.id(),
            kind.label().to_lowercase()
        );
    }
    if !complete {
        let months: Vec<String> = figs
            .get_from_path("coverage.uncovered")
            .and_then(|v| v.as_array())
            .map(|v| {
                v.iter()
                    .filter_map(|m| m.as_str().map(str::to_string))
                    .collect()
            })
            .unwrap_or_default();
        return format!(
            "{verify}: nhật ký chưa ghi các tháng {}; chưa đủ căn cứ để nêu kết quả về {}]",
            crate::figures::months_text(&months),
            kind.label().to_lowercase()
        );
    }
    if kind == Kind::KyLuat && entries == 0 {
        return format!(
            "{verify}: chưa có mục ky_luat ghi “subjects: 0” trong kỳ; chưa đủ căn cứ để nêu kết quả về kỷ luật]"
        );
    }
    sentence.to_string()
}

/// chibo's own HTML for a trusted request (`"bieu_do 2021-01-01 2021-12-31"`).
pub fn trusted_html(data: &EngineData, req: &str) -> Result<String, String> {
    let bad = || format!("yêu cầu bảng/biểu đồ không hợp lệ: `{req}`");
    let mut parts = req.split(' ');
    let (Some(name), Some(from), Some(to), None) =
        (parts.next(), parts.next(), parts.next(), parts.next())
    else {
        return Err(bad());
    };
    let period = Period {
        from: parse_date(from).map_err(|_| bad())?,
        to: parse_date(to).map_err(|_| bad())?,
    };
    let rows = || figures::yearly(&data.activities, period, data.basis);
    match name {
        "bang_so_lieu" => {
            let total = figures::compute(&data.activities, period, data.basis);
            Ok(figures_table(&rows(), &total, period))
        }
        "bieu_do" => Ok(meetings_chart_html(&rows())),
        "bang_chi_tieu" => Ok(crate::render::targets_html::table(
            data.targets.as_ref(),
            period,
        )),
        "bang_tong_hop" => match data.rollup(period) {
            Some(r) => Ok(crate::render::rollup_table::html(r)),
            None => Err(NOT_A_ROLLUP.to_string()),
        },
        _ => Err(bad()),
    }
}

/// The rows of the figures table: a label, the value of each year, the
/// value of the whole period. The HTML and the Word file both read it.
pub fn figure_lines(
    rows: &[YearRow],
    total: &figures::Figures,
) -> Vec<(&'static str, Vec<String>, String)> {
    let count = |k: Kind| move |r: &YearRow| r.counts.get(k).to_string();
    type Value = Box<dyn Fn(&YearRow) -> String>;
    let lines: Vec<(&'static str, Value, String)> = vec![
        (
            "Sinh hoạt chi ủy (kỳ)",
            Box::new(count(Kind::CapUy)),
            total.counts.get(Kind::CapUy).to_string(),
        ),
        (
            "Sinh hoạt chi bộ thường kỳ (kỳ)",
            Box::new(count(Kind::SinhHoatThuongKy)),
            total.counts.get(Kind::SinhHoatThuongKy).to_string(),
        ),
        (
            "Tỷ lệ đảng viên dự sinh hoạt, bình quân",
            Box::new(|r: &YearRow| vn::percent(r.attendance.average_percent)),
            vn::percent(total.attendance.average_percent),
        ),
        (
            "Tỷ lệ đảng viên dự sinh hoạt, thấp nhất",
            Box::new(|r: &YearRow| vn::percent(r.attendance.min_percent)),
            vn::percent(total.attendance.min_percent),
        ),
        (
            "Sinh hoạt chuyên đề (kỳ)",
            Box::new(count(Kind::ChuyenDe)),
            total.counts.get(Kind::ChuyenDe).to_string(),
        ),
        (
            "Quần chúng học lớp nhận thức về Đảng (lượt)",
            Box::new(|r: &YearRow| r.people.awareness_class.to_string()),
            total.people.awareness_class.to_string(),
        ),
        (
            "Kết nạp đảng viên",
            Box::new(|r: &YearRow| r.people.admitted.to_string()),
            total.people.admitted.to_string(),
        ),
        (
            "Chuyển đảng chính thức",
            Box::new(|r: &YearRow| r.people.transferred.to_string()),
            total.people.transferred.to_string(),
        ),
        (
            "Đảng viên được giám sát chuyên đề",
            Box::new(|r: &YearRow| r.people.supervised_thematic.to_string()),
            total.people.supervised_thematic.to_string(),
        ),
        (
            "Đảng viên được kiểm tra",
            Box::new(|r: &YearRow| r.people.inspected.to_string()),
            total.people.inspected.to_string(),
        ),
        (
            "Đảng viên bị kỷ luật",
            Box::new(|r: &YearRow| r.people.disciplined.to_string()),
            total.people.disciplined.to_string(),
        ),
    ];
    lines
        .into_iter()
        .map(|(label, f, all)| (label, rows.iter().map(&f).collect(), all))
        .collect()
}

/// The caption of the figures table, in a document's words (where the
/// numbers come from is chibo's business, not the reader's).
pub fn figures_caption(period: Period) -> String {
    format!(
        "Một số chỉ tiêu chủ yếu (từ ngày {} đến ngày {})",
        vn::short_date(period.from),
        vn::short_date(period.to)
    )
}

/// The heading of a year's column: "2023", or "2023*" for part of a year.
pub fn year_heading(r: &YearRow) -> String {
    format!("{}{}", r.year, if r.whole_year() { "" } else { "*" })
}

/// The note under the table when a column is part of a year.
pub const PART_YEAR_NOTE: &str = "(*) Một phần của năm, trong khoảng thời gian báo cáo.";

/// A table of the period's figures, one column per calendar year.
pub fn figures_table(rows: &[YearRow], total: &figures::Figures, period: Period) -> String {
    let mut h = String::from("<table class=\"figures\">\n<caption>");
    h.push_str(&escape(&figures_caption(period)));
    h.push_str("</caption>\n<thead><tr><th>Nội dung</th>");
    for r in rows {
        let _ = write!(h, "<th>{}</th>", year_heading(r));
    }
    h.push_str("<th>Cả giai đoạn</th></tr></thead>\n<tbody>\n");
    for (label, years, all) in figure_lines(rows, total) {
        let _ = write!(h, "<tr><th scope=\"row\">{}</th>", escape(label));
        for v in years {
            let _ = write!(h, "<td>{v}</td>");
        }
        let _ = writeln!(h, "<td>{all}</td></tr>");
    }
    h.push_str("</tbody>\n</table>\n");
    if rows.iter().any(|r| !r.whole_year()) {
        let _ = writeln!(h, "<p class=\"table-note\">{PART_YEAR_NOTE}</p>");
    }
    h
}

/// What the chart is of, for those who cannot see it.
const CHART_LABEL: &str =
    "Số kỳ sinh hoạt chi bộ thường kỳ và tỷ lệ đảng viên dự sinh hoạt bình quân theo năm";
/// The size of one panel, in SVG units.
const PANEL: (f64, f64) = (320.0, 280.0);

/// The chart's two panels, each drawn from x = 0: regular meetings held
/// per year, on a scale of counts, and their average attendance, on a
/// 0–100 % scale; each with its own labelled axis.
fn panels(rows: &[YearRow]) -> [String; 2] {
    let meetings: Vec<(String, f64, String)> = rows
        .iter()
        .map(|r| {
            let m = r.counts.get(Kind::SinhHoatThuongKy);
            (r.year.to_string(), m as f64, m.to_string())
        })
        .collect();
    let most = meetings.iter().map(|m| m.1).fold(0.0, f64::max);
    // Ticks every 2, 4 or 6 meetings, the top at or above the largest bar.
    let step = if most <= 8.0 {
        2.0
    } else if most <= 16.0 {
        4.0
    } else {
        6.0
    };
    let top = (most / step).ceil().max(1.0) * step;
    let mut first = String::new();
    panel(
        &mut first,
        "Số kỳ sinh hoạt thường kỳ",
        &meetings,
        (top, step),
        "#9b1c1c",
        "",
    );
    let attendance: Vec<(String, f64, String)> = rows
        .iter()
        .map(|r| {
            let avg = r.attendance.average_percent;
            (r.year.to_string(), avg.unwrap_or(0.0), vn::percent(avg))
        })
        .collect();
    let mut second = String::new();
    panel(
        &mut second,
        "Tỷ lệ dự sinh hoạt bình quân (%)",
        &attendance,
        (100.0, 25.0),
        "#c0504d",
        "%",
    );
    [first, second]
}

/// The chart as one SVG, its panels side by side: what the Word file
/// draws (`docx::chart`).
pub fn meetings_chart(rows: &[YearRow]) -> String {
    let [a, b] = panels(rows);
    let (w, h) = (PANEL.0 * 2.0, PANEL.1);
    format!(
        "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 {w} {h}\" role=\"img\" aria-label=\"{CHART_LABEL}\"><title>{CHART_LABEL}</title>{a}<g transform=\"translate({})\">{b}</g></svg>",
        PANEL.0
    )
}

/// The chart for a page: a figure of two SVGs, one per panel, side by
/// side on paper and on a wide screen, one above the other on a phone
/// (report.html), each at the width it is given, so that its words stay
/// readable.
pub fn meetings_chart_html(rows: &[YearRow]) -> String {
    let (w, h) = PANEL;
    let svg = |body: &str, title: &str| {
        format!(
            "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 {w} {h}\" width=\"100%\" role=\"img\" aria-label=\"{title}\">{body}</svg>"
        )
    };
    let [a, b] = panels(rows);
    format!(
        "<figure class=\"chart\" role=\"group\" aria-label=\"{CHART_LABEL}\">{}{}</figure>\n",
        svg(&a, "Số kỳ sinh hoạt chi bộ thường kỳ theo năm"),
        svg(&b, "Tỷ lệ đảng viên dự sinh hoạt bình quân theo năm")
    )
}

/// One panel of the chart: its title, a value axis from 0 to `top` with
/// a tick every `step`, and a labelled bar per (year, value, label).
fn panel(
    s: &mut String,
    title: &str,
    bars: &[(String, f64, String)],
    (top, step): (f64, f64),
    colour: &str,
    unit: &str,
) {
    let (left, right, y_top, y_base) = (44.0, 310.0, 48.0, 240.0);
    let plot_h = y_base - y_top;
    let _ = write!(
        s,
        "<text x=\"{:.1}\" y=\"20\" text-anchor=\"middle\" font-size=\"15\" font-weight=\"bold\">{}</text>",
        (left + right) / 2.0,
        escape(title)
    );
    let mut v = 0.0;
    while v <= top + 1e-9 {
        let y = y_base - plot_h * v / top;
        let _ = write!(
            s,
            "<line x1=\"{left}\" y1=\"{y:.1}\" x2=\"{right}\" y2=\"{y:.1}\" stroke=\"{}\" stroke-width=\"1\"/><text x=\"{:.1}\" y=\"{:.1}\" text-anchor=\"end\" font-size=\"12\">{}{unit}</text>",
            if v == 0.0 { "#333" } else { "#ddd" },
            left - 6.0,
            y + 4.0,
            vn::decimal(v, 0)
        );
        v += step;
    }
    let _ = write!(
        s,
        "<line x1=\"{left}\" y1=\"{y_top}\" x2=\"{left}\" y2=\"{y_base}\" stroke=\"#333\" stroke-width=\"1\"/>"
    );
    let n = bars.len().max(1) as f64;
    let group = (right - left) / n;
    let bar = (group * 0.6).min(44.0);
    for (i, (year, value, label)) in bars.iter().enumerate() {
        let x = left + group * i as f64 + (group - bar) / 2.0;
        let bh = plot_h * (value / top).clamp(0.0, 1.0);
        let _ = write!(
            s,
            "<rect x=\"{x:.1}\" y=\"{:.1}\" width=\"{bar:.1}\" height=\"{bh:.1}\" fill=\"{colour}\"/><text x=\"{:.1}\" y=\"{:.1}\" text-anchor=\"middle\" font-size=\"12\">{}</text><text x=\"{:.1}\" y=\"{:.1}\" text-anchor=\"middle\" font-size=\"13\" font-weight=\"bold\">{}</text>",
            y_base - bh,
            x + bar / 2.0,
            y_base - bh - 4.0,
            escape(label),
            x + bar / 2.0,
            y_base + 18.0,
            escape(year)
        );
    }
}

#[cfg(test)]
mod chart_tests {
    use super::*;

    #[test]
    fn the_chart_draws_meetings_and_attendance_on_separate_labelled_axes() {
        let svg = meetings_chart(&[]);
        let html = meetings_chart_html(&[]);
        assert_eq!(html.matches("<svg").count(), 2, "a panel per SVG on pages");
        assert!(html.contains("viewBox=\"0 0 320 280\""));
        // Two panel titles, a 0–100 % axis with its ticks, a count axis.
        assert!(svg.contains(">Số kỳ sinh hoạt thường kỳ</text>"));
        assert!(svg.contains(">Tỷ lệ dự sinh hoạt bình quân (%)</text>"));
        for tick in [
            ">0%</text>",
            ">25%</text>",
            ">50%</text>",
            ">75%</text>",
            ">100%</text>",
        ] {
            assert!(svg.contains(tick), "{tick}");
        }
        assert!(svg.contains(">0</text>") && svg.contains(">2</text>"));
    }
}
