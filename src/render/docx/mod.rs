//! A review report as a Word file (`.docx`) in the Party document format
//! (docs/rules.md §Print, Hướng dẫn 36-HD/VPTW), built from the same parsed report
//! as its HTML page, never converted from that HTML: A4, Times New Roman
//! 14 pt, the two-column header, the title with its short rule, the body,
//! page numbers from page 2, "Nơi nhận" and the signature side by side.

mod body;
mod chart;

use docx_rs::{
    AlignmentType, BorderType, Docx, Header, LineSpacing, PageMargin, PageNum, Paragraph,
    ParagraphBorder, ParagraphBorderPosition, ParagraphBorders, Run, RunFonts, Table, TableCell,
    TableLayoutType, TableRow, WidthType,
};

use crate::render::figures_html::EngineData;
use crate::render::report_view::ReportView;

/// A4 in twips (twentieths of a point).
const PAGE_W: usize = 11906;
const PAGE_H: u32 = 16838;

/// The row height (twips) that marks a table's header row, turned into
/// `<w:tblHeader/>` when the file is written (docx-rs has no setter).
pub(super) const HEADER_ROW_MARK: f32 = 397.0;

/// One piece of the body (boxed: docx-rs's elements are large).
pub(super) enum Block {
    P(Box<Paragraph>),
    Table(Box<Table>),
}

/// A run of `text` with the characters XML 1.0 forbids left out (a
/// control character pasted into a report would make Word refuse the
/// whole file).
pub(super) fn text_run(text: impl Into<String>) -> Run {
    // Numbers, dates and terms stay on one line (docs/rules.md §Print).
    let text: String = crate::text::nobreak::joined(&text.into());
    let ok = |c: char| {
        matches!(c, '\t' | '\n' | '\r')
            || ('\u{20}'..='\u{d7ff}').contains(&c)
            || ('\u{e000}'..='\u{fffd}').contains(&c)
            || c >= '\u{10000}'
    };
    if text.chars().all(ok) {
        return Run::new().add_text(text);
    }
    Run::new().add_text(text.chars().filter(|&c| ok(c)).collect::<String>())
}

fn twips(mm: f64) -> usize {
    (mm * 1440.0 / 25.4).round() as usize
}

/// The width between the margins, in twips.
fn content_width(v: &ReportView<'_>) -> usize {
    PAGE_W.saturating_sub(twips(v.margin_mm.left) + twips(v.margin_mm.right))
}

/// Splits the superior body's name into two lines of about equal length
/// (never one word alone; the shorter first, as the HTML's balanced
/// wrapping does), unless it was written with its own line break
/// or is short enough for one line.
pub(crate) fn balanced_lines(s: &str) -> Vec<String> {
    let s = s.trim();
    if s.contains('\n') {
        return s
            .lines()
            .map(|l| l.trim().to_string())
            .filter(|l| !l.is_empty())
            .collect();
    }
    let words: Vec<&str> = s.split_whitespace().collect();
    if s.chars().count() <= 28 || words.len() < 3 {
        return vec![s.to_string()];
    }
    let len = |ws: &[&str]| ws.iter().map(|w| w.chars().count()).sum::<usize>() + ws.len() - 1;
    let split = (1..words.len())
        .min_by_key(|&k| {
            let (a, b) = (len(&words[..k]), len(&words[k..]));
            (a.max(b), a > b)
        })
        .unwrap_or(1);
    vec![words[..split].join(" "), words[split..].join(" ")]
}

fn centred(text: impl Into<String>) -> Paragraph {
    Paragraph::new()
        .align(AlignmentType::Center)
        .add_run(text_run(text))
}

fn line(text: impl Into<String>, f: impl Fn(Run) -> Run) -> Paragraph {
    Paragraph::new()
        .align(AlignmentType::Center)
        .add_run(f(text_run(text)))
}

/// A borderless table of two fixed columns.
fn two_columns(left: TableCell, right: TableCell, widths: [usize; 2]) -> Table {
    Table::without_borders(vec![TableRow::new(vec![left, right]).cant_split()])
        .set_grid(widths.to_vec())
        .layout(TableLayoutType::Fixed)
        .width(widths[0] + widths[1], WidthType::Dxa)
}

fn cell(width: usize, paragraphs: Vec<Paragraph>) -> TableCell {
    paragraphs
        .into_iter()
        .fold(TableCell::new().width(width, WidthType::Dxa), |c, p| {
            c.add_paragraph(p)
        })
}

/// The first-page header: superior body, cell, `*`, number on the left;
/// the Party's name over its rule and the place and date on the right.
fn header_table(v: &ReportView<'_>, width: usize) -> Table {
    let left_w = width * 45 / 100;
    let mut left: Vec<Paragraph> = balanced_lines(v.superior)
        .into_iter()
        .map(|l| centred(l.to_uppercase()))
        .collect();
    left.push(line(v.unit.to_uppercase(), Run::bold));
    left.push(centred("*"));
    left.push(centred(v.number_line.clone()));
    // The rule under the Party's name is a paragraph border as wide as the
    // words, not an underline (which cuts the dots under Ộ and Ệ).
    let party = "ĐẢNG CỘNG SẢN VIỆT NAM";
    let right_w = width - left_w;
    let side = (right_w.saturating_sub(CELL_MARGINS + caps_width(party, 15.0)) / 2) as i32;
    let right = vec![
        line(party, |r| r.bold().size(30))
            .indent(Some(side), None, Some(side), None)
            .set_borders(
                ParagraphBorders::with_empty().set(
                    ParagraphBorder::new(ParagraphBorderPosition::Bottom)
                        .val(BorderType::Single)
                        .size(6)
                        .space(1),
                ),
            ),
        line(v.place_date.clone(), Run::italic).line_spacing(LineSpacing::new().before(200)),
    ];
    two_columns(
        cell(left_w, left),
        cell(width - left_w, right),
        [left_w, width - left_w],
    )
}

/// What Word leaves inside a table cell by default, left and right
/// (0.19 cm each side), in twips.
const CELL_MARGINS: usize = 216;

/// The printed width, in twips, of `text` in bold capitals of Times New
/// Roman (or the metric-compatible Liberation Serif / Tinos) at `pt`: the
/// font's advance widths in thousandths of an em, with 5% to spare.
fn caps_width(text: &str, pt: f64) -> usize {
    let em: u32 = text
        .chars()
        .map(|c| {
            let base = crate::vn::fold(&c.to_string()).to_uppercase();
            match base.chars().next().unwrap_or(c) {
                ' ' => 250,
                'I' => 389,
                'J' => 500,
                'S' | 'P' | 'F' => 611,
                'E' | 'L' | 'T' | 'Z' => 667,
                'G' | 'O' | 'Q' => 778,
                'M' => 944,
                'W' => 1000,
                _ => 722,
            }
        })
        .sum();
    (f64::from(em) / 1000.0 * pt * 20.0 * 1.05).round() as usize
}

/// The type name, the subject and a short rule under them.
fn title(v: &ReportView<'_>, width: usize) -> Vec<Paragraph> {
    let rule_w = twips(30.0);
    let side = (width.saturating_sub(rule_w) / 2) as i32;
    let rule = Paragraph::new()
        .indent(Some(side), None, Some(side), None)
        .line_spacing(LineSpacing::new().after(240).line(120))
        .set_borders(
            ParagraphBorders::with_empty().set(
                ParagraphBorder::new(ParagraphBorderPosition::Bottom)
                    .val(BorderType::Single)
                    .size(6),
            ),
        );
    vec![
        line(v.doc_type.to_uppercase(), |r| r.bold().size(32))
            .line_spacing(LineSpacing::new().before(440))
            .keep_next(true),
        title_paragraph(v.subject, width),
        rule,
    ]
}

/// The subject, bold and centred, its lines broken where `title_lines`
/// says (about 150 twips a character of 14 pt bold).
fn title_paragraph(subject: &str, width: usize) -> Paragraph {
    let mut p = Paragraph::new()
        .align(AlignmentType::Center)
        .keep_next(true);
    for (n, l) in crate::text::nobreak::title_lines(subject, width / 150)
        .into_iter()
        .enumerate()
    {
        if n > 0 {
            p = p.add_run(Run::new().add_break(docx_rs::BreakType::TextWrapping));
        }
        p = p.add_run(text_run(l).bold());
    }
    p
}

/// "Nơi nhận:" and the signature, side by side, never split.
fn signing(v: &ReportView<'_>, width: usize) -> Table {
    let half = width / 2;
    let left = match (v.countersign_title, v.countersign_name) {
        (Some(title), name) => {
            let mut left = vec![line(title, Run::bold)];
            left.extend((0..4).map(|_| Paragraph::new()));
            left.push(line(name.unwrap_or(""), Run::bold));
            left
        }
        _ if v.recipients.is_empty() => vec![Paragraph::new()],
        _ => {
            let mut left =
                vec![Paragraph::new().add_run(text_run("Nơi nhận:").underline("single"))];
            left.extend(
                v.recipients
                    .iter()
                    .map(|r| Paragraph::new().add_run(text_run(r.clone()).size(24))),
            );
            left
        }
    };
    let mut right = vec![
        line(v.on_behalf, Run::bold),
        line(v.signer_title, Run::bold),
    ];
    right.extend((0..4).map(|_| Paragraph::new()));
    right.push(line(v.signer_name, Run::bold));
    two_columns(
        cell(half, left),
        cell(width - half, right),
        [half, width - half],
    )
}

/// The report as the bytes of a `.docx` file. `body` is the report's
/// Markdown with its `{{ … }}` filled in.
pub(crate) fn report_docx(
    v: &ReportView<'_>,
    body: &str,
    data: &EngineData,
) -> std::io::Result<Vec<u8>> {
    let width = content_width(v);
    let fonts = RunFonts::new()
        .ascii("Times New Roman")
        .hi_ansi("Times New Roman")
        .cs("Times New Roman")
        .east_asia("Times New Roman");
    let m = v.margin_mm;
    let mut doc = Docx::new()
        .page_size(PAGE_W as u32, PAGE_H)
        .page_margin(
            PageMargin::new()
                .top(twips(m.top) as i32)
                .bottom(twips(m.bottom) as i32)
                .left(twips(m.left) as i32)
                .right(twips(m.right) as i32)
                .header(twips(10.0) as i32)
                .footer(twips(10.0) as i32),
        )
        .default_fonts(fonts)
        .default_size(28)
        .header(
            Header::new().add_paragraph(
                Paragraph::new()
                    .align(AlignmentType::Center)
                    .add_page_num(PageNum::new()),
            ),
        )
        .first_header(Header::new().add_paragraph(Paragraph::new()))
        .created_at(&format!("{}T00:00:00Z", v.date))
        .updated_at(&format!("{}T00:00:00Z", v.date));
    if v.draft {
        doc = doc.add_paragraph(line("DỰ THẢO", |r| r.bold().color("B00000")));
    }
    doc = doc.add_table(header_table(v, width));
    for p in title(v, width) {
        doc = doc.add_paragraph(p);
    }
    let mut blocks = body::blocks(body, data, width);
    // The last words of the body stay on the page of the signature.
    if let Some(Block::P(p)) = blocks.last_mut() {
        **p = std::mem::take(&mut **p).keep_next(true);
    }
    let mut after_table = false;
    for b in blocks {
        match b {
            Block::P(p) => {
                doc = doc.add_paragraph(*p);
                after_table = false;
            }
            Block::Table(t) => {
                // Word and LibreOffice merge two tables with nothing between.
                if after_table {
                    doc = doc.add_paragraph(Paragraph::new());
                }
                doc = doc.add_table(*t);
                after_table = true;
            }
        }
    }
    doc = doc.add_paragraph(Paragraph::new().keep_next(true));
    doc = doc.add_table(signing(v, width));
    let mut xml = doc.build();
    xml.document = patch(&xml.document, |s| {
        let mark = format!("<w:trHeight w:val=\"{}\"", HEADER_ROW_MARK as u32);
        // U+2011 (put in by `text_run`) becomes Word's own no-break hyphen,
        // which prints as "-" and never ends a line.
        s.replace(&mark, &format!("<w:tblHeader />{mark}")).replace(
            '\u{2011}',
            "</w:t><w:noBreakHyphen /><w:t xml:space=\"preserve\">",
        )
    });
    if m.mirror {
        xml.settings = patch(&xml.settings, |s| {
            s.replacen(
                "<w:defaultTabStop",
                "<w:mirrorMargins /><w:defaultTabStop",
                1,
            )
        });
    }
    let mut out = std::io::Cursor::new(Vec::new());
    xml.pack(&mut out).map_err(std::io::Error::other)?;
    Ok(out.into_inner())
}

fn patch(bytes: &[u8], f: impl Fn(&str) -> String) -> Vec<u8> {
    match std::str::from_utf8(bytes) {
        Ok(s) => f(s).into_bytes(),
        Err(_) => bytes.to_vec(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A report's view with `subject`, for the tests below.
    fn sample_view(subject: &'static str) -> ReportView<'static> {
        ReportView {
            name: "bc",
            url: String::new(),
            favicon: String::new(),
            doc_type: "BÁO CÁO",
            subject,
            number_line: "Số 16-BC/CB".into(),
            place_date: "Lạng Sơn, ngày 05 tháng 01 năm 2024".into(),
            date: "2024-01-05".into(),
            superior: "Đảng ủy Khối",
            unit: "Chi bộ",
            on_behalf: "T/M CHI BỘ",
            signer_title: "BÍ THƯ",
            countersign_title: None,
            countersign_name: None,
            signer_name: "Lê Thị Hà",
            recipients: vec!["- Lưu Chi bộ.".into()],
            period_from: String::new(),
            period_to: String::new(),
            draft: false,
            internal: true,
            content: String::new(),
            content_body: String::new(),
            content_end: String::new(),
            subject_html: String::new(),
            margins: Default::default(),
            margin_mm: Default::default(),
        }
    }

    #[test]
    fn characters_xml_forbids_never_reach_the_file() {
        let v = sample_view("tình hình\u{7} quý");
        let body = "Chi bộ\u{b} họp\u{0} đủ.\n\n| a\u{1} | b |\n|---|---|\n| 1 | 2 |\n\n![Lễ kết nạp](static/anh/a.jpg)\n";
        let data = EngineData {
            documents: Default::default(),
            activities: Default::default(),
            basis: crate::model::Basis::of(crate::model::AttendanceDenominator::Required),
            targets: None,
            rollups: None,
        };
        let bytes = report_docx(&v, body, &data).unwrap();
        let mut zip = zip::ZipArchive::new(std::io::Cursor::new(bytes)).unwrap();
        let mut xml = String::new();
        std::io::Read::read_to_string(&mut zip.by_name("word/document.xml").unwrap(), &mut xml)
            .unwrap();
        assert!(xml.contains("Chi bộ họp đủ."), "{xml}");
        assert!(!xml.contains(['\u{0}', '\u{1}', '\u{7}', '\u{b}']));
        assert!(xml.replace('\u{a0}', " ").contains("tình hình quý"));
        // A photo's words stand in its place, marked.
        assert!(
            xml.contains("[Ảnh: ") && xml.contains("Lễ kết nạp"),
            "{xml}"
        );
    }

    #[test]
    fn superior_body_splits_into_two_balanced_lines() {
        assert_eq!(
            balanced_lines("Đảng bộ Khối các cơ quan tỉnh"),
            ["Đảng bộ Khối", "các cơ quan tỉnh"]
        );
        assert_eq!(balanced_lines("Đảng ủy Khối"), ["Đảng ủy Khối"]);
        assert_eq!(
            balanced_lines("Đảng bộ Khối các\ncơ quan tỉnh"),
            ["Đảng bộ Khối các", "cơ quan tỉnh"]
        );
    }

    #[test]
    fn numbers_never_break_the_rule_is_a_border_and_columns_fit() {
        let v = sample_view(
            "sơ kết giữa nhiệm kỳ thực hiện Nghị quyết Đại hội Chi bộ Sở Tư pháp nhiệm kỳ 2020 - 2025",
        );
        let body = "## Phần thứ nhất: Kết quả\n\nTheo Quy định số 22-QĐ/TW, ngày 28/7/2021 của Ban Chấp hành Trung ương.\n\n| Nội dung | 2021 | Cả giai đoạn |\n|---|---|---|\n| Tỷ lệ đảng viên dự sinh hoạt, bình quân | 95,6% | 95,6% |\n";
        let data = EngineData {
            documents: Default::default(),
            activities: Default::default(),
            basis: crate::model::Basis::of(crate::model::AttendanceDenominator::Required),
            targets: None,
            rollups: None,
        };
        let bytes = report_docx(&v, body, &data).unwrap();
        let mut zip = zip::ZipArchive::new(std::io::Cursor::new(bytes)).unwrap();
        let mut xml = String::new();
        std::io::Read::read_to_string(&mut zip.by_name("word/document.xml").unwrap(), &mut xml)
            .unwrap();
        // "số 22-QĐ/TW" and "Số 16-BC/CB" hold together: no-break space
        // and Word's no-break hyphen.
        assert!(
            xml.contains("số\u{a0}22</w:t><w:noBreakHyphen /><w:t xml:space=\"preserve\">QĐ/TW"),
            "{xml}"
        );
        assert!(xml.contains("Số\u{a0}16</w:t><w:noBreakHyphen />"), "{xml}");
        assert!(xml.contains("ngày\u{a0}28/7/2021"));
        // The Party's name is not underlined (an underline cuts the dots
        // under Ộ and Ệ): its paragraph has a bottom border instead.
        let at = xml.find("ĐẢNG CỘNG SẢN VIỆT NAM").unwrap();
        let para = &xml[xml[..at].rfind("<w:p ").unwrap()..at];
        assert!(!para.contains("<w:u "), "{para}");
        assert!(para.contains("<w:bottom w:val=\"single\""), "{para}");
        // The part's name and its title are two paragraphs.
        assert!(
            xml.contains(">Phần thứ nhất<") && xml.contains(">KẾT QUẢ<"),
            "{xml}"
        );
        // The title breaks between phrases, into two lines.
        assert!(xml.contains("<w:br w:type=\"textWrapping\" />"), "{xml}");
        // Columns fitted: "Cả giai đoạn" (12 characters) gets its width.
        let grid: Vec<usize> = xml
            .split("<w:gridCol w:w=\"")
            .skip(1)
            .map(|s| s.split('"').next().unwrap().parse().unwrap())
            .collect();
        // The header's two columns, then the table's three.
        let table = &grid[2..5];
        assert!(table[2] >= 12 * 130 + 260, "{grid:?}");
        assert!(table[0] > table[1], "{grid:?}");
    }
}
