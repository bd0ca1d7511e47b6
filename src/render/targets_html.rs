//! The table of the resolution's targets against their results, for
//! `{{ bang_chi_tieu() }}` in a report: "TT | Chỉ tiêu | Kết quả | Đánh
//! giá", a row per target, a line per year in a row of a yearly target
//! (docs/targets.md). The HTML and the Word file read the same rows.

use std::fmt::Write as _;

use crate::figures::TargetData;
use crate::model::Period;
use crate::render::escape;
use crate::vn;

/// The table's caption.
pub fn caption(period: Period) -> String {
    format!(
        "Kết quả thực hiện các chỉ tiêu chủ yếu (từ ngày {} đến ngày {})",
        vn::short_date(period.from),
        vn::short_date(period.to)
    )
}

/// What stands in place of the table when the site sets no target: a
/// mark `check` warns about, never an empty table in a signed report.
pub const NO_TARGETS: &str =
    "[CẦN KIỂM TRA: site.yaml chưa ghi chỉ tiêu của Nghị quyết (`targets:`, xem docs/targets.md)]";

/// One row: the target as the resolution says it, its results (a line
/// per year, "Năm 2023: 12"), and their verdicts, line for line.
pub type Row = (String, Vec<String>, Vec<String>);

/// The rows, a target each; `None` without targets.
pub fn rows(data: Option<&TargetData>, period: Period) -> Option<Vec<Row>> {
    let data = data.filter(|d| d.any())?;
    Some(
        data.evaluate(period)
            .iter()
            .map(|t| {
                let results = t
                    .results
                    .iter()
                    .map(|r| {
                        if t.results.len() > 1 {
                            format!("{}: {}", r.label, r.result_text(t))
                        } else {
                            r.result_text(t)
                        }
                    })
                    .collect();
                let verdicts = t
                    .results
                    .iter()
                    .map(|r| r.status_label().to_string())
                    .collect();
                (t.text(), results, verdicts)
            })
            .collect(),
    )
}

/// The table as HTML, ruled like the figures table.
pub fn table(data: Option<&TargetData>, period: Period) -> String {
    let Some(rows) = rows(data, period) else {
        return format!("<p>{}</p>\n", escape(NO_TARGETS));
    };
    let mut h = format!(
        "<table class=\"figures targets\">\n<caption>{}</caption>\n<thead><tr><th>TT</th><th>Chỉ tiêu</th><th>Kết quả</th><th>Đánh giá</th></tr></thead>\n<tbody>\n",
        escape(&caption(period))
    );
    let lines = |v: &[String]| v.iter().map(|s| escape(s)).collect::<Vec<_>>().join("<br>");
    for (i, (target, results, verdicts)) in rows.iter().enumerate() {
        let _ = writeln!(
            h,
            "<tr><td>{}</td><th scope=\"row\">{}</th><td>{}</td><td>{}</td></tr>",
            i + 1,
            escape(target),
            lines(results),
            lines(verdicts)
        );
    }
    h.push_str("</tbody>\n</table>\n");
    h
}
