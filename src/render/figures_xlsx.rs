//! The figures of a period as a spreadsheet (`chibo figures --xlsx FILE`):
//! a sheet of the figures per year and for the whole period, and a sheet
//! of the targets. Numbers are numbers and shares are percent cells (a
//! spreadsheet sums and charts them); the period and the logs' coverage
//! stand on the first rows; the header row is frozen, columns fitted.

use rust_xlsxwriter::{Format, Workbook, Worksheet, XlsxError};

use crate::figures::{Figures, YearRow};
use crate::model::Kind;
use crate::model::target::TargetValue;
use crate::render::table_value::Value;
use crate::vn;

/// The rows of the figures sheet: a label, and how to read its value
/// from a year's row and from the whole period.
type Line = (String, Box<dyn Fn(&YearRow) -> Value>, Value);

fn lines(f: &Figures) -> Vec<Line> {
    let mut out: Vec<Line> = Vec::new();
    for &k in Kind::ALL {
        out.push((
            format!("{} (số lần)", k.label()),
            Box::new(move |r: &YearRow| Value::Count(r.counts.get(k))),
            Value::Count(f.counts.get(k)),
        ));
        if let Some(total) = f.people.of_kind(k) {
            out.push((
                format!("{} (số người)", k.label()),
                Box::new(move |r: &YearRow| Value::Count(r.people.of_kind(k).unwrap_or(0))),
                Value::Count(total),
            ));
        }
    }
    out.push((
        "Tỷ lệ đảng viên dự sinh hoạt, bình quân".into(),
        Box::new(|r: &YearRow| Value::Percent(r.attendance.average_percent)),
        Value::Percent(f.attendance.average_percent),
    ));
    out.push((
        "Tỷ lệ đảng viên dự sinh hoạt, thấp nhất".into(),
        Box::new(|r: &YearRow| Value::Percent(r.attendance.min_percent)),
        Value::Percent(f.attendance.min_percent),
    ));
    out
}

/// The period's first rows: what the sheet is, and how far the logs
/// cover it.
fn heading(
    sheet: &mut Worksheet,
    title: &str,
    f: &Figures,
    bold: &Format,
) -> Result<(), XlsxError> {
    sheet.write_string_with_format(0, 0, title, bold)?;
    sheet.write_string(
        1,
        0,
        format!(
            "Từ ngày {} đến ngày {} (tính từ nhật ký hoạt động)",
            vn::short_date(f.period.from),
            vn::short_date(f.period.to)
        ),
    )?;
    let c = &f.coverage;
    let missing = if c.complete {
        String::new()
    } else {
        format!("; chưa có: {}", crate::figures::months_text(&c.uncovered))
    };
    sheet.write_string(
        2,
        0,
        format!(
            "Nhật ký: {}/{} tháng có mục sinh hoạt thường kỳ{missing}",
            c.covered, c.months
        ),
    )?;
    Ok(())
}

/// The header row (row 4) and the rows under it frozen there.
const HEADER_ROW: u32 = 4;

fn figures_sheet(
    book: &mut Workbook,
    f: &Figures,
    rows: &[YearRow],
    unit: &str,
) -> Result<(), XlsxError> {
    let bold = Format::new().set_bold();
    let pct = Format::new().set_num_format("0.0%");
    let sheet = book.add_worksheet();
    sheet.set_name("Số liệu")?;
    heading(sheet, &format!("Số liệu của {unit}"), f, &bold)?;
    sheet.write_string_with_format(HEADER_ROW, 0, "Nội dung", &bold)?;
    for (i, r) in rows.iter().enumerate() {
        let head = if r.whole_year() {
            r.year.to_string()
        } else {
            format!("{} (*)", r.year)
        };
        sheet.write_string_with_format(HEADER_ROW, 1 + i as u16, head, &bold)?;
    }
    let last = 1 + rows.len() as u16;
    sheet.write_string_with_format(HEADER_ROW, last, "Cả giai đoạn", &bold)?;
    let mut widest = 0;
    for (n, (label, of_year, total)) in lines(f).into_iter().enumerate() {
        widest = widest.max(label.chars().count());
        let row = HEADER_ROW + 1 + n as u32;
        sheet.write_string(row, 0, label)?;
        for (i, r) in rows.iter().enumerate() {
            of_year(r).write(sheet, row, 1 + i as u16, &pct)?;
        }
        total.write(sheet, row, last, &pct)?;
    }
    sheet.set_freeze_panes(HEADER_ROW + 1, 1)?;
    sheet.autofit();
    // As wide as the labels: the title lines above run on into the empty
    // cells beside them.
    sheet.set_column_width(0, widest as f64 + 2.0)?;
    Ok(())
}

fn targets_sheet(book: &mut Workbook, f: &Figures, unit: &str) -> Result<(), XlsxError> {
    let bold = Format::new().set_bold();
    let pct = Format::new().set_num_format("0.0%");
    let sheet = book.add_worksheet();
    sheet.set_name("Chỉ tiêu")?;
    heading(sheet, &format!("Chỉ tiêu của {unit}"), f, &bold)?;
    for (c, h) in ["TT", "Chỉ tiêu", "Năm / nhiệm kỳ", "Kết quả", "Đánh giá"]
        .into_iter()
        .enumerate()
    {
        sheet.write_string_with_format(HEADER_ROW, c as u16, h, &bold)?;
    }
    let mut row = HEADER_ROW;
    for (i, t) in f.targets.iter().enumerate() {
        for r in &t.results {
            row += 1;
            sheet.write_number(row, 0, (i + 1) as f64)?;
            sheet.write_string(row, 1, t.text())?;
            sheet.write_string(row, 2, &r.label)?;
            match r.result {
                Some(TargetValue::Number(n)) if t.result_is_percent() => {
                    sheet.write_number_with_format(row, 3, n / 100.0, &pct)?;
                }
                Some(TargetValue::Number(n)) => {
                    sheet.write_number(row, 3, n)?;
                }
                Some(TargetValue::Level(l)) => {
                    sheet.write_string(row, 3, l.label())?;
                }
                None => {}
            }
            sheet.write_string(row, 4, r.status_label())?;
        }
    }
    sheet.set_freeze_panes(HEADER_ROW + 1, 0)?;
    sheet.autofit();
    Ok(())
}

/// The workbook's bytes: the figures sheet, and the targets' when the
/// site sets any.
pub fn workbook(f: &Figures, rows: &[YearRow], unit: &str) -> Result<Vec<u8>, String> {
    let mut book = Workbook::new();
    let made = (|| -> Result<Vec<u8>, XlsxError> {
        figures_sheet(&mut book, f, rows, unit)?;
        if !f.targets.is_empty() {
            targets_sheet(&mut book, f, unit)?;
        }
        book.save_to_buffer()
    })();
    made.map_err(|e| e.to_string())
}
