//! The roll-up's table, defined once: its columns (a heading, and the
//! value each cell's row and the totals give), then printed as text for
//! the terminal and as HTML for the committee's report; the spreadsheet
//! and the Word file read the same columns.

use std::fmt::Write as _;

use crate::figures::months_text;
use crate::figures::rollup::{CellRow, NOT_RATED, Rollup, Totals};
use crate::model::target::level_rank;
use crate::model::{CellLevel, Kind};
use crate::render::escape;
pub use crate::render::table_value::Value;
use crate::vn;

/// One column: its heading, its value for a cell, and for the totals.
pub struct Column {
    /// The heading, short enough for a printed page.
    pub head: &'static str,
    /// Its values are numbers (set to the right).
    pub numeric: bool,
    /// The value of a cell's row.
    pub cell: fn(&CellRow, &str) -> Value,
    /// The value of the totals' row.
    pub total: fn(&Totals, &str) -> Value,
}

/// The abbreviation of a level, as committees write them: "HTTNV".
pub fn level_short(id: &str) -> &'static str {
    match CellLevel::from_id(id).map(level_rank) {
        Some(0) => "HTXSNV",
        Some(1) => "HTTNV",
        Some(2) => "HTNV",
        Some(3) => "KHTNV",
        _ => "Chưa xếp loại",
    }
}

/// The months of the period a cell's logs cover, in words: "12/12",
/// "11/12 (tháng 12/2025 chưa hết)", "10/12, thiếu 02/2024 – 03/2024:
/// không cộng".
pub fn coverage_text(r: &CellRow) -> String {
    let c = &r.coverage;
    let share = format!("{}/{}", c.covered, c.months);
    if c.complete {
        share
    } else if r.counted {
        format!("{share} (tháng {} chưa hết)", months_text(&c.uncovered))
    } else {
        format!("{share}, thiếu {}: không cộng", months_text(&c.uncovered))
    }
}

/// The columns, in order. `year` is the year whose level is shown: the
/// period's last.
pub fn columns() -> Vec<Column> {
    vec![
        Column {
            head: "SH thường kỳ",
            numeric: true,
            cell: |r, _| Value::Count(r.counts.get(Kind::SinhHoatThuongKy)),
            total: |t, _| Value::Count(t.counts.get(Kind::SinhHoatThuongKy)),
        },
        Column {
            head: "SH cấp ủy",
            numeric: true,
            cell: |r, _| Value::Count(r.counts.get(Kind::CapUy)),
            total: |t, _| Value::Count(t.counts.get(Kind::CapUy)),
        },
        Column {
            head: "SH chuyên đề",
            numeric: true,
            cell: |r, _| Value::Count(r.counts.get(Kind::ChuyenDe)),
            total: |t, _| Value::Count(t.counts.get(Kind::ChuyenDe)),
        },
        Column {
            head: "Dự SH bình quân",
            numeric: true,
            cell: |r, _| Value::Percent(r.attendance.average_percent),
            total: |t, _| Value::Percent(t.attendance.average_percent),
        },
        Column {
            head: "Dự SH thấp nhất",
            numeric: true,
            cell: |r, _| Value::Percent(r.attendance.min_percent),
            total: |t, _| Value::Percent(t.attendance.min_percent),
        },
    ]
    .into_iter()
    .chain(people_columns())
    .collect()
}

/// The columns of people and of what the cell is rated.
fn people_columns() -> Vec<Column> {
    vec![
        Column {
            head: "Kết nạp",
            numeric: true,
            cell: |r, _| Value::Count(r.people.admitted),
            total: |t, _| Value::Count(t.people.admitted),
        },
        Column {
            head: "Chuyển chính thức",
            numeric: true,
            cell: |r, _| Value::Count(r.people.transferred),
            total: |t, _| Value::Count(t.people.transferred),
        },
        Column {
            head: "Được kiểm tra",
            numeric: true,
            cell: |r, _| Value::Count(r.people.inspected),
            total: |t, _| Value::Count(t.people.inspected),
        },
        Column {
            head: "Bị kỷ luật",
            numeric: true,
            cell: |r, _| Value::Count(r.people.disciplined),
            total: |t, _| Value::Count(t.people.disciplined),
        },
        Column {
            head: "Đảng viên cuối kỳ",
            numeric: true,
            cell: |r, _| match &r.register {
                Some(g) => Value::Count(g.total),
                None => Value::Text("—".into()),
            },
            total: |t, _| match t.cells_with_register {
                0 => Value::Text("—".into()),
                n if n == t.counted => Value::Count(t.register.total),
                n => Value::Text(format!(
                    "{} ({n} chi bộ có sổ)",
                    vn::decimal(f64::from(t.register.total), 0)
                )),
            },
        },
        Column {
            head: "Xếp loại chi bộ",
            numeric: false,
            cell: |r, year| {
                Value::Text(level_short(r.levels.get(year).copied().unwrap_or(NOT_RATED)).into())
            },
            total: |t, year| {
                let by = t.cells_by_level.get(year);
                let n = |id: &str| by.and_then(|m| m.get(id)).copied().unwrap_or(0);
                Value::Text(format!(
                    "{} HTXSNV, {} HTTNV",
                    n(CellLevel::ALL[0].id()),
                    n(CellLevel::ALL[1].id())
                ))
            },
        },
        Column {
            head: "Chỉ tiêu đạt",
            numeric: false,
            cell: |r, _| Value::Text(r.targets.text()),
            total: |t, _| Value::Text(format!("{} chi bộ đạt cả", t.cells_all_targets_met)),
        },
        Column {
            head: "Tháng có nhật ký",
            numeric: false,
            cell: |r, _| Value::Text(coverage_text(r)),
            total: |t, _| Value::Text(format!("Cộng {}/{} chi bộ", t.counted, t.cells)),
        },
    ]
}

/// The year whose levels the table shows: the period's last.
pub fn level_year(r: &Rollup) -> String {
    r.period.to.year().to_string()
}

/// The heading of the totals' row.
pub fn totals_label(t: &Totals) -> String {
    format!("Cộng ({} chi bộ đủ số liệu)", t.counted)
}

/// The table as HTML, for the committee's report: the printed columns,
/// a row per cell, the totals last, the cells left out under it.
pub fn html(r: &Rollup) -> String {
    let cols = printed_columns();
    let grid = grid(r, &cols);
    let mut h = String::from("<table class=\"figures rollup\">\n<caption>");
    h.push_str(&escape(&caption(r)));
    h.push_str("</caption>\n<thead><tr>");
    for head in &grid[0] {
        let _ = write!(h, "<th>{}</th>", escape(head));
    }
    h.push_str("</tr></thead>\n<tbody>\n");
    let last = grid.len() - 1;
    for (n, line) in grid.iter().enumerate().skip(1) {
        h.push_str(if n == last {
            "<tr class=\"total\">"
        } else {
            "<tr>"
        });
        for (j, v) in line.iter().enumerate() {
            if j == 1 {
                let _ = write!(h, "<th scope=\"row\">{}</th>", escape(v));
            } else {
                let _ = write!(h, "<td>{}</td>", escape(v));
            }
        }
        h.push_str("</tr>\n");
    }
    h.push_str("</tbody>\n</table>\n");
    if let Some(note) = note(r) {
        let _ = writeln!(h, "<p class=\"table-note\">{}</p>", escape(&note));
    }
    h
}

/// The table's text: the heading row, a row per cell, the totals last.
pub fn grid(r: &Rollup, cols: &[Column]) -> Vec<Vec<String>> {
    let year = level_year(r);
    let mut grid: Vec<Vec<String>> = vec![
        ["TT", "Chi bộ"]
            .into_iter()
            .map(str::to_string)
            .chain(cols.iter().map(|c| c.head.to_string()))
            .collect(),
    ];
    for (i, row) in r.cells.iter().enumerate() {
        let mut line = vec![(i + 1).to_string(), row.name.clone()];
        line.extend(cols.iter().map(|c| (c.cell)(row, &year).text()));
        grid.push(line);
    }
    let mut last = vec![String::new(), totals_label(&r.totals)];
    last.extend(cols.iter().map(|c| (c.total)(&r.totals, &year).text()));
    grid.push(last);
    grid
}

/// The columns a printed report has room for (A4, upright).
const PRINTED: &[&str] = &[
    "SH thường kỳ",
    "Dự SH bình quân",
    "Kết nạp",
    "Bị kỷ luật",
    "Xếp loại chi bộ",
    "Chỉ tiêu đạt",
    "Tháng có nhật ký",
];

/// The columns of the printed table.
pub fn printed_columns() -> Vec<Column> {
    columns()
        .into_iter()
        .filter(|c| PRINTED.contains(&c.head))
        .collect()
}

/// What the printed table is of.
pub fn caption(r: &Rollup) -> String {
    format!(
        "Số liệu các chi bộ từ ngày {} đến ngày {} (xếp loại năm {})",
        vn::short_date(r.period.from),
        vn::short_date(r.period.to),
        level_year(r)
    )
}

/// The note under the printed table: the cells it leaves out.
pub fn note(r: &Rollup) -> Option<String> {
    (!r.broken.is_empty()).then(|| {
        format!(
            "Chưa đọc được số liệu của {} chi bộ: {}.",
            r.broken.len(),
            r.broken
                .iter()
                .map(|b| b.path.as_str())
                .collect::<Vec<_>>()
                .join("; ")
        )
    })
}

fn pad(s: &str, w: usize, right: bool) -> String {
    let fill = " ".repeat(w.saturating_sub(s.chars().count()));
    if right {
        format!("{fill}{s}")
    } else {
        format!("{s}{fill}")
    }
}

/// The roll-up as the terminal prints it: the table, then the
/// committee's own figures, then the cells left out and why.
pub fn text(r: &Rollup) -> String {
    let year = level_year(r);
    let cols = columns();
    let grid = grid(r, &cols);
    // Numbers to the right, words to the left.
    let right: Vec<bool> = [false, false]
        .into_iter()
        .chain(cols.iter().map(|c| c.numeric))
        .collect();
    let widths: Vec<usize> = (0..grid[0].len())
        .map(|j| grid.iter().map(|l| l[j].chars().count()).max().unwrap_or(0))
        .collect();
    let mut out = format!(
        "{}: tổng hợp số liệu các chi bộ từ ngày {} đến ngày {} (tính từ nhật ký của từng chi bộ; xếp loại năm {year})\n\n",
        r.committee.name,
        vn::short_date(r.period.from),
        vn::short_date(r.period.to)
    );
    for (n, line) in grid.iter().enumerate() {
        if n + 1 == grid.len() {
            out.push('\n');
        }
        let cells: Vec<String> = line
            .iter()
            .enumerate()
            .map(|(j, s)| pad(s, widths[j], (j == 0 || right[j]) && n > 0))
            .collect();
        out.push_str(cells.join(" | ").trim_end());
        out.push('\n');
    }
    out.push('\n');
    out.push_str(&summary(r));
    out
}

/// The committee's own figures in sentences.
pub fn summary(r: &Rollup) -> String {
    let t = &r.totals;
    let mut out = format!(
        "Chi bộ có nhật ký sinh hoạt thường kỳ đủ mọi tháng (được cộng vào tổng): {}/{}\n",
        t.counted, t.cells
    );
    let short: Vec<String> = r
        .cells
        .iter()
        .filter(|c| !c.counted)
        .map(|c| {
            format!(
                "{} (chưa có: {})",
                c.name,
                months_text(&c.coverage.uncovered)
            )
        })
        .collect();
    if !short.is_empty() {
        out.push_str(&format!(
            "Chưa đủ số liệu, không cộng vào tổng: {}\n",
            short.join("; ")
        ));
    }
    if !r.broken.is_empty() {
        let paths: Vec<&str> = r.broken.iter().map(|b| b.path.as_str()).collect();
        out.push_str(&format!(
            "Không đọc được (xem lỗi ở trên): {}\n",
            paths.join("; ")
        ));
    }
    let in_order = |by: &std::collections::BTreeMap<&'static str, u32>, all: bool| {
        CellLevel::ALL
            .iter()
            .map(|l| l.id())
            .chain(std::iter::once(NOT_RATED).filter(|_| !all))
            .filter_map(|id| {
                let n = by.get(id).copied().unwrap_or(0);
                (all || n > 0).then(|| format!("{} {n}", level_short(id)))
            })
            .collect::<Vec<_>>()
    };
    for (year, by) in &t.cells_by_level {
        let parts = in_order(by, false);
        out.push_str(&format!(
            "Xếp loại chi bộ năm {year} ({} chi bộ đọc được): {}\n",
            t.read,
            if parts.is_empty() {
                "—".to_string()
            } else {
                parts.join(", ")
            }
        ));
    }
    for (year, by) in t
        .members_by_level
        .iter()
        .filter(|(_, by)| by.values().any(|n| *n > 0))
    {
        let parts = in_order(by, true);
        out.push_str(&format!(
            "Đảng viên được xếp loại năm {year}: {}\n",
            parts.join(", ")
        ));
    }
    let g = &t.register;
    if t.cells_with_register > 0 {
        out.push_str(&format!(
            "Sổ đảng viên ({} chi bộ có sổ) ngày {}: {} đảng viên ({} chính thức, {} dự bị); trong kỳ kết nạp {}, chuyển đến {}, chuyển đi {}, ra khỏi chi bộ vì lý do khác {}\n",
            t.cells_with_register,
            vn::short_date(r.period.to),
            g.total, g.chinh_thuc, g.du_bi, g.admitted, g.transferred_in, g.transferred_out, g.left
        ));
        if g.transfers_due > 0 {
            out.push_str(&format!(
                "Đảng viên dự bị đến hạn xét chuyển chính thức trong kỳ: {}, được xét đúng hạn: {}\n",
                g.transfers_due, g.transfers_on_time
            ));
        }
    }
    if t.cells_with_targets > 0 {
        out.push_str(&format!(
            "Chi bộ đạt mọi chỉ tiêu: {}/{} chi bộ có chỉ tiêu\n",
            t.cells_all_targets_met, t.cells_with_targets
        ));
    }
    out
}
