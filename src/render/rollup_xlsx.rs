//! The roll-up as a spreadsheet (`chibo rollup --xlsx FILE`): the table of
//! cells (the columns of `rollup_table`, numbers as numbers and shares as
//! percent cells, the totals last), the levels per year, and the cells
//! that could not be read. The period and the coverage stand on the first
//! rows; the header row is frozen, columns fitted.

use rust_xlsxwriter::{Format, Workbook, Worksheet, XlsxError};

use crate::figures::rollup::Rollup;
use crate::model::CellLevel;
use crate::render::rollup_table::{columns, level_short, level_year, totals_label};
use crate::vn;

/// The header row (row 4); the rows above say what the sheet is.
const HEADER_ROW: u32 = 4;

fn heading(sheet: &mut Worksheet, title: &str, r: &Rollup, bold: &Format) -> Result<(), XlsxError> {
    sheet.write_string_with_format(0, 0, title, bold)?;
    sheet.write_string(
        1,
        0,
        format!(
            "Từ ngày {} đến ngày {} (tính từ nhật ký của từng chi bộ)",
            vn::short_date(r.period.from),
            vn::short_date(r.period.to)
        ),
    )?;
    let t = &r.totals;
    sheet.write_string(
        2,
        0,
        format!(
            "{} chi bộ: {} đủ số liệu (được cộng), {} thiếu tháng (không cộng), {} không đọc được",
            t.cells, t.counted, t.not_covered, t.broken
        ),
    )?;
    Ok(())
}

fn cells_sheet(book: &mut Workbook, r: &Rollup) -> Result<(), XlsxError> {
    let bold = Format::new().set_bold();
    let pct = Format::new().set_num_format("0.0%");
    let year = level_year(r);
    let cols = columns();
    let sheet = book.add_worksheet();
    sheet.set_name("Tổng hợp")?;
    heading(
        sheet,
        &format!("Tổng hợp số liệu các chi bộ — {}", r.committee.name),
        r,
        &bold,
    )?;
    let heads = ["TT", "Chi bộ", "Thư mục"];
    for (c, h) in heads
        .iter()
        .copied()
        .chain(cols.iter().map(|c| c.head))
        .enumerate()
    {
        sheet.write_string_with_format(HEADER_ROW, c as u16, h, &bold)?;
    }
    let first = heads.len() as u16;
    let mut row = HEADER_ROW;
    for (i, cell) in r.cells.iter().enumerate() {
        row += 1;
        sheet.write_number(row, 0, (i + 1) as f64)?;
        sheet.write_string(row, 1, &cell.name)?;
        sheet.write_string(row, 2, &cell.path)?;
        for (j, c) in cols.iter().enumerate() {
            (c.cell)(cell, &year).write(sheet, row, first + j as u16, &pct)?;
        }
    }
    row += 1;
    sheet.write_string_with_format(row, 1, totals_label(&r.totals), &bold)?;
    for (j, c) in cols.iter().enumerate() {
        (c.total)(&r.totals, &year).write(sheet, row, first + j as u16, &pct)?;
    }
    sheet.set_freeze_panes(HEADER_ROW + 1, 2)?;
    fit(sheet, 5.0)?;
    Ok(())
}

fn levels_sheet(book: &mut Workbook, r: &Rollup) -> Result<(), XlsxError> {
    let bold = Format::new().set_bold();
    let sheet = book.add_worksheet();
    sheet.set_name("Xếp loại")?;
    heading(
        sheet,
        &format!("Xếp loại chất lượng — {}", r.committee.name),
        r,
        &bold,
    )?;
    let mut heads = vec!["Năm", "Xếp loại"];
    heads.extend(CellLevel::ALL.iter().map(|l| level_short(l.id())));
    heads.push("Chưa xếp loại");
    for (c, h) in heads.iter().enumerate() {
        sheet.write_string_with_format(HEADER_ROW, c as u16, *h, &bold)?;
    }
    let mut row = HEADER_ROW;
    let t = &r.totals;
    for (what, table) in [
        ("Chi bộ", &t.cells_by_level),
        ("Đảng viên", &t.members_by_level),
    ] {
        for (year, by) in table {
            row += 1;
            sheet.write_number(row, 0, year.parse::<f64>().unwrap_or(0.0))?;
            sheet.write_string(row, 1, what)?;
            for (c, l) in CellLevel::ALL.iter().enumerate() {
                let n = by.get(l.id()).copied().unwrap_or(0);
                sheet.write_number(row, 2 + c as u16, f64::from(n))?;
            }
            if let Some(n) = by.get(crate::figures::rollup::NOT_RATED) {
                sheet.write_number(row, 2 + CellLevel::ALL.len() as u16, f64::from(*n))?;
            }
        }
    }
    sheet.set_freeze_panes(HEADER_ROW + 1, 0)?;
    fit(sheet, 8.0)?;
    Ok(())
}

fn broken_sheet(book: &mut Workbook, r: &Rollup) -> Result<(), XlsxError> {
    let bold = Format::new().set_bold();
    let sheet = book.add_worksheet();
    sheet.set_name("Chi bộ lỗi")?;
    heading(
        sheet,
        "Chi bộ không đọc được số liệu (không tính vào tổng)",
        r,
        &bold,
    )?;
    sheet.write_string_with_format(HEADER_ROW, 0, "Thư mục", &bold)?;
    sheet.write_string_with_format(HEADER_ROW, 1, "Lỗi (tệp:dòng:cột: nội dung)", &bold)?;
    let mut row = HEADER_ROW;
    for b in &r.broken {
        for e in &b.errors {
            row += 1;
            sheet.write_string(row, 0, &b.path)?;
            sheet.write_string(row, 1, e)?;
        }
    }
    sheet.set_freeze_panes(HEADER_ROW + 1, 0)?;
    let widest = r
        .broken
        .iter()
        .map(|b| b.path.chars().count())
        .max()
        .unwrap_or(10);
    fit(sheet, widest as f64 + 2.0)?;
    Ok(())
}

/// Columns fitted to their cells, but the first as wide as `first`
/// characters (the sheet's title lines stand in it and run on into the
/// empty cells beside them); printed across the width of a landscape A4.
fn fit(sheet: &mut Worksheet, first: f64) -> Result<(), XlsxError> {
    sheet.autofit();
    sheet.set_column_width(0, first)?;
    sheet.set_paper_size(9);
    sheet.set_landscape();
    sheet.set_print_fit_to_pages(1, 0);
    sheet.set_repeat_rows(HEADER_ROW, HEADER_ROW)?;
    Ok(())
}

/// The workbook's bytes.
pub fn workbook(r: &Rollup) -> Result<Vec<u8>, String> {
    let mut book = Workbook::new();
    let made = (|| -> Result<Vec<u8>, XlsxError> {
        cells_sheet(&mut book, r)?;
        levels_sheet(&mut book, r)?;
        if !r.broken.is_empty() {
            broken_sheet(&mut book, r)?;
        }
        book.save_to_buffer()
    })();
    made.map_err(|e| e.to_string())
}
