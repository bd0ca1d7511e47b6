//! A report's Markdown body as Word paragraphs and tables: headings,
//! justified paragraphs with a first-line indent, lists, emphasis, tables,
//! and chibo's figures table and chart where the body asks for them.

use docx_rs::{
    AlignmentType, LineSpacing, Paragraph, Pic, Run, SpecialIndentType, Table, TableCell,
    TableLayoutType, TableRow, WidthType,
};
use pulldown_cmark::{Event, HeadingLevel, Options, Parser, Tag, TagEnd};

use super::chart::chart_png;
use super::{Block, HEADER_ROW_MARK, text_run};
use crate::figures;
use crate::model::Period;
use crate::render::figures_html::{
    self, EngineData, PART_YEAR_NOTE, figure_lines, figures_caption, year_heading,
};
use crate::render::sanitize;

/// 1 cm, the first-line indent of body paragraphs (twips).
const INDENT: i32 = 567;
/// 6 pt after a paragraph (twentieths of a point).
const AFTER: u32 = 120;

/// A run of text with its emphasis.
struct Span {
    text: String,
    bold: bool,
    italic: bool,
}

/// What is being gathered: a paragraph's spans, or a table's cells.
#[derive(Default)]
struct State {
    spans: Vec<Span>,
    bold: u32,
    italic: u32,
    heading: Option<HeadingLevel>,
    /// Stack of lists: the next number of an ordered one, `None` for bullets.
    lists: Vec<Option<u64>>,
    /// The prefix of the current list item ("1. ", "- "), written once.
    item: Option<String>,
    table: Option<Vec<Vec<Vec<Span>>>>,
    in_head: bool,
}

/// The blocks of a report body (after its `{{ … }}` were filled in).
pub(super) fn blocks(body: &str, data: &EngineData, width: usize) -> Vec<Block> {
    let mut out = Vec::new();
    let mut st = State::default();
    let opts =
        Options::ENABLE_TABLES | Options::ENABLE_STRIKETHROUGH | Options::ENABLE_SMART_PUNCTUATION;
    for ev in Parser::new_ext(body, opts) {
        match ev {
            Event::Start(Tag::Heading { level, .. }) => st.heading = Some(level),
            Event::End(TagEnd::Heading(_)) => {
                let level = st.heading.take().unwrap_or(HeadingLevel::H3);
                let spans = std::mem::take(&mut st.spans);
                out.extend(
                    heading(spans, level)
                        .into_iter()
                        .map(|p| Block::P(Box::new(p))),
                );
            }
            Event::Start(Tag::Paragraph) | Event::Start(Tag::Item) => {
                if let Event::Start(Tag::Item) = ev {
                    st.item = Some(match st.lists.last_mut() {
                        Some(Some(n)) => {
                            *n += 1;
                            format!("{}. ", *n - 1)
                        }
                        _ => "- ".into(),
                    });
                }
            }
            Event::End(TagEnd::Paragraph) | Event::End(TagEnd::Item) => {
                end_paragraph(&mut st, &mut out, data, width)
            }
            Event::Start(Tag::List(first)) => st.lists.push(first),
            Event::End(TagEnd::List(_)) => {
                st.lists.pop();
            }
            Event::Start(Tag::Strong) => st.bold += 1,
            Event::End(TagEnd::Strong) => st.bold = st.bold.saturating_sub(1),
            // A photo is not carried into the Word file: its words stand
            // in its place, marked, for whoever lays the file out.
            Event::Start(Tag::Image { .. }) => st.photo_mark(true),
            Event::End(TagEnd::Image) => st.photo_mark(false),
            Event::Start(Tag::Emphasis) => st.italic += 1,
            Event::End(TagEnd::Emphasis) => st.italic = st.italic.saturating_sub(1),
            Event::Start(Tag::Table(_)) => st.table = Some(Vec::new()),
            Event::Start(Tag::TableHead) => {
                st.in_head = true;
                if let Some(t) = &mut st.table {
                    t.push(Vec::new());
                }
            }
            Event::End(TagEnd::TableHead) => st.in_head = false,
            Event::Start(Tag::TableRow) => {
                if let Some(t) = &mut st.table {
                    t.push(Vec::new());
                }
            }
            Event::End(TagEnd::TableCell) => {
                let spans = std::mem::take(&mut st.spans);
                if let Some(row) = st.table.as_mut().and_then(|t| t.last_mut()) {
                    row.push(spans);
                }
            }
            Event::End(TagEnd::Table) => {
                if let Some(rows) = st.table.take() {
                    out.push(Block::Table(Box::new(markdown_table(rows, width))));
                }
            }
            Event::Text(t) | Event::Code(t) => st.spans.push(Span {
                text: t.into_string(),
                bold: st.bold > 0 || st.in_head,
                italic: st.italic > 0,
            }),
            Event::SoftBreak | Event::HardBreak => st.spans.push(Span {
                text: " ".into(),
                bold: false,
                italic: false,
            }),
            // Raw HTML and rules have no place in the Word file.
            _ => {}
        }
    }
    out
}

impl State {
    /// The start (`[Ảnh: `) or end (`]`) of a photo's words, in italics.
    fn photo_mark(&mut self, open: bool) {
        if open {
            self.italic += 1;
        }
        self.spans.push(Span {
            text: if open { "[Ảnh: " } else { "]" }.into(),
            bold: false,
            italic: true,
        });
        if !open {
            self.italic = self.italic.saturating_sub(1);
        }
    }
}

/// A paragraph or list item ends: chibo's own block for a report
/// function's request, else the paragraph (nothing inside a table cell).
fn end_paragraph(st: &mut State, out: &mut Vec<Block>, data: &EngineData, width: usize) {
    if st.table.is_some() || st.spans.is_empty() {
        return;
    }
    let spans = std::mem::take(&mut st.spans);
    let plain: String = spans.iter().map(|s| s.text.as_str()).collect();
    if let Some(req) = sanitize::as_request(&plain) {
        out.extend(requested(req, data, width));
        return;
    }
    let depth = st.lists.len() as i32;
    out.push(Block::P(Box::new(paragraph(spans, st.item.take(), depth))));
}

fn runs(mut p: Paragraph, spans: Vec<Span>, size: Option<usize>) -> Paragraph {
    for s in spans {
        let mut r = text_run(s.text);
        if s.bold {
            r = r.bold();
        }
        if s.italic {
            r = r.italic();
        }
        if let Some(sz) = size {
            r = r.size(sz);
        }
        p = p.add_run(r);
    }
    p
}

/// `## Phần thứ nhất: Kết quả…` as two centred lines, the part's name in
/// normal case and its title in capitals (36-HD/VPTW); other `##`
/// headings centred in capitals; `### I- …` and deeper bold, justified.
/// All kept with what follows.
fn heading(spans: Vec<Span>, level: HeadingLevel) -> Vec<Paragraph> {
    let spacing = LineSpacing::new().before(200).after(AFTER);
    let p = Paragraph::new().keep_next(true).line_spacing(spacing);
    if level <= HeadingLevel::H2 {
        let text: String = spans.iter().map(|s| s.text.as_str()).collect();
        let centred =
            |p: Paragraph, t: String| p.align(AlignmentType::Center).add_run(text_run(t).bold());
        if let Some((part, title)) = text.split_once(": ")
            && is_part_name(part)
        {
            return vec![
                centred(
                    Paragraph::new()
                        .keep_next(true)
                        .line_spacing(LineSpacing::new().before(200)),
                    part.trim().to_string(),
                ),
                centred(
                    Paragraph::new()
                        .keep_next(true)
                        .line_spacing(LineSpacing::new().after(AFTER)),
                    title.trim().to_uppercase(),
                ),
            ];
        }
        if is_part_name(&text) {
            return vec![centred(p, text.trim().to_string())];
        }
        return vec![centred(p, text.to_uppercase())];
    }
    let spans = spans
        .into_iter()
        .map(|s| Span { bold: true, ..s })
        .collect();
    vec![runs(p.align(AlignmentType::Both), spans, None)]
}

/// "Phần thứ nhất", "Phần II": a part's name (as `render::report` reads it).
fn is_part_name(s: &str) -> bool {
    s.trim()
        .to_lowercase()
        .strip_prefix("phần ")
        .is_some_and(|n| n.split_whitespace().count() <= 2)
}

/// A body paragraph, or a list item with its number or dash.
fn paragraph(mut spans: Vec<Span>, item: Option<String>, depth: i32) -> Paragraph {
    let p = Paragraph::new()
        .align(AlignmentType::Both)
        .line_spacing(LineSpacing::new().after(AFTER))
        .widow_control(true);
    match item {
        Some(prefix) => {
            spans.insert(
                0,
                Span {
                    text: prefix,
                    bold: false,
                    italic: false,
                },
            );
            runs(
                p.indent(Some(INDENT * depth.max(1)), None, None, None),
                spans,
                None,
            )
        }
        None => runs(
            p.indent(None, Some(SpecialIndentType::FirstLine(INDENT)), None, None),
            spans,
            None,
        ),
    }
}

/// A cell of a bordered table: 12 pt, centred or left.
fn cell(spans: Vec<Span>, width: usize, left: bool) -> TableCell {
    let align = if left {
        AlignmentType::Left
    } else {
        AlignmentType::Center
    };
    TableCell::new()
        .width(width, WidthType::Dxa)
        .add_paragraph(runs(Paragraph::new().align(align), spans, Some(24)))
}

fn plain(text: impl Into<String>, bold: bool) -> Vec<Span> {
    vec![Span {
        text: text.into(),
        bold,
        italic: false,
    }]
}

/// About the width of one character of 12 pt Times New Roman, bold
/// headings included, in twips (a capital letter is wider: "HTXSNV" is
/// six of them); and a cell's margins and borders.
const CHAR_TWIPS: usize = 130;
const CAPITAL_TWIPS: usize = 180;
const CELL_PAD: usize = 260;

/// About the width of `s` in a table cell, in twips.
fn text_twips(s: &str) -> usize {
    s.chars()
        .map(|c| {
            if c.is_uppercase() {
                CAPITAL_TWIPS
            } else {
                CHAR_TWIPS
            }
        })
        .sum()
}

/// Column widths fitted to the cells (docs/rules.md §Print): each column
/// at least as wide as its longest word ("95,6%" is one), so that no word
/// or number breaks; then as wide as its longest cell, as far as `width`
/// allows, the spare going to the labels' column.
fn fitted_widths(rows: &[Vec<Vec<Span>>], cols: usize, width: usize, label: usize) -> Vec<usize> {
    let text = |c: &Vec<Span>| c.iter().map(|s| s.text.as_str()).collect::<String>();
    let mut least = vec![CELL_PAD; cols];
    let mut most = vec![CELL_PAD; cols];
    for row in rows {
        for (c, cell) in row.iter().enumerate().take(cols) {
            let t = text(cell);
            let word = t.split_whitespace().map(text_twips).max().unwrap_or(0);
            least[c] = least[c].max(word + CELL_PAD);
            most[c] = most[c].max(text_twips(&t) + CELL_PAD);
        }
    }
    let sum = |v: &[usize]| v.iter().sum::<usize>();
    if sum(&most) <= width {
        let mut w = most;
        w[label] += width - sum(&w);
        return w;
    }
    if sum(&least) >= width {
        // Too many columns for the page: share it in proportion.
        let total = sum(&least).max(1);
        let mut w: Vec<usize> = least.iter().map(|l| l * width / total).collect();
        w[label] += width - sum(&w);
        return w;
    }
    // Every column gets its least; what is left goes first to the number
    // columns' full width, then to the labels.
    // Every column gets its least; what is left is shared in proportion
    // to what each still wants to stand on one line, the rest (of
    // rounding) to the labels.
    let mut w = least.clone();
    let spare = width - sum(&w);
    let wants: Vec<usize> = (0..cols).map(|c| most[c] - least[c]).collect();
    let total = sum(&wants).max(1);
    for c in 0..cols {
        w[c] += (wants[c] * spare / total).min(wants[c]);
    }
    w[label] += width - sum(&w);
    w
}

/// The column of a table's labels: the first, or the second after a
/// "TT" (numbering) column.
fn label_column(rows: &[Vec<Vec<Span>>]) -> usize {
    let first = rows
        .first()
        .and_then(|r| r.first())
        .map(|c| c.iter().map(|s| s.text.as_str()).collect::<String>());
    usize::from(first.is_some_and(|t| t.trim() == "TT"))
}

/// A bordered table whose first row repeats on every page and whose rows
/// never split; columns as [`fitted_widths`] makes them.
fn bordered(rows: Vec<Vec<Vec<Span>>>, width: usize) -> Table {
    let cols = rows.iter().map(Vec::len).max().unwrap_or(1).max(1);
    let label = label_column(&rows).min(cols - 1);
    let widths = fitted_widths(&rows, cols, width, label);
    let rows: Vec<TableRow> = rows
        .into_iter()
        .enumerate()
        .map(|(i, mut cells)| {
            cells.resize_with(cols, Vec::new);
            let row = TableRow::new(
                cells
                    .into_iter()
                    .enumerate()
                    .map(|(c, s)| cell(s, widths[c], c == label && i > 0))
                    .collect(),
            )
            .cant_split();
            if i == 0 {
                row.row_height(HEADER_ROW_MARK)
            } else {
                row
            }
        })
        .collect();
    Table::new(rows)
        .set_grid(widths)
        .layout(TableLayoutType::Fixed)
        .width(width, WidthType::Dxa)
}

fn markdown_table(rows: Vec<Vec<Vec<Span>>>, width: usize) -> Table {
    bordered(rows, width)
}

/// What a `bang_so_lieu()` or `bieu_do()` request becomes.
fn requested(req: &str, data: &EngineData, width: usize) -> Vec<Block> {
    let mut parts = req.split(' ');
    let (Some(name), Some(from), Some(to)) = (parts.next(), parts.next(), parts.next()) else {
        return Vec::new();
    };
    let (Ok(from), Ok(to)) = (crate::dates::parse_date(from), crate::dates::parse_date(to)) else {
        return Vec::new();
    };
    let period = Period { from, to };
    let rows = figures::yearly(&data.activities, period, data.basis);
    match name {
        "bang_so_lieu" => figures_table(&rows, data, period, width),
        "bang_chi_tieu" => targets_table(data, period, width),
        "bang_tong_hop" => rollup_table(data, period, width),
        "bieu_do" => {
            let svg = figures_html::meetings_chart(&rows);
            match chart_png(&svg) {
                Some((png, w, h)) => {
                    // 16 cm wide, in English Metric Units (360,000 per cm).
                    let w_emu = 5_760_000u32;
                    let h_emu = (u64::from(w_emu) * u64::from(h) / u64::from(w.max(1))) as u32;
                    let pic = Pic::new_with_dimensions(png, w, h).size(w_emu, h_emu);
                    vec![Block::P(Box::new(
                        Paragraph::new()
                            .align(AlignmentType::Center)
                            .keep_lines(true)
                            .add_run(Run::new().add_image(pic)),
                    ))]
                }
                None => Vec::new(),
            }
        }
        _ => Vec::new(),
    }
}

/// The committee's table of its cells (`render::rollup_table`), its
/// caption kept with it, the cells left out under it.
fn rollup_table(data: &EngineData, period: Period, width: usize) -> Vec<Block> {
    use crate::render::rollup_table;
    let Some(r) = data.rollup(period) else {
        return vec![Block::P(Box::new(
            Paragraph::new().add_run(text_run(figures_html::NOT_A_ROLLUP)),
        ))];
    };
    let grid = rollup_table::grid(r, &rollup_table::printed_columns());
    let last = grid.len() - 1;
    let rows = grid
        .into_iter()
        .enumerate()
        .map(|(n, line)| {
            let bold = n == 0 || n == last;
            line.into_iter().map(|v| plain(v, bold)).collect()
        })
        .collect();
    let mut out = vec![
        Block::P(Box::new(
            Paragraph::new()
                .keep_next(true)
                .align(AlignmentType::Center)
                .line_spacing(LineSpacing::new().before(AFTER))
                .add_run(text_run(rollup_table::caption(r)).italic().size(24)),
        )),
        Block::Table(Box::new(bordered(rows, width))),
    ];
    if let Some(note) = rollup_table::note(r) {
        out.push(Block::P(Box::new(
            Paragraph::new().add_run(text_run(note).italic().size(24)),
        )));
    }
    out
}

/// The targets' table (`render::targets_html`), its caption kept with it;
/// a year's lines in one cell are set apart by semicolons.
fn targets_table(data: &EngineData, period: Period, width: usize) -> Vec<Block> {
    use crate::render::targets_html;
    let Some(rows) = targets_html::rows(data.targets.as_ref(), period) else {
        return vec![Block::P(Box::new(
            Paragraph::new().add_run(text_run(targets_html::NO_TARGETS)),
        ))];
    };
    let mut table_rows = vec![
        ["TT", "Chỉ tiêu", "Kết quả", "Đánh giá"]
            .into_iter()
            .map(|h| plain(h, true))
            .collect::<Vec<_>>(),
    ];
    for (i, (target, results, verdicts)) in rows.into_iter().enumerate() {
        table_rows.push(vec![
            plain((i + 1).to_string(), false),
            plain(target, false),
            plain(results.join("; "), false),
            plain(verdicts.join("; "), false),
        ]);
    }
    vec![
        Block::P(Box::new(
            Paragraph::new()
                .keep_next(true)
                .align(AlignmentType::Center)
                .line_spacing(LineSpacing::new().before(AFTER))
                .add_run(text_run(targets_html::caption(period)).italic().size(24)),
        )),
        Block::Table(Box::new(bordered(table_rows, width))),
    ]
}

/// The figures table: its caption kept with it, a header row repeated on
/// each page, the note for part years under it.
fn figures_table(
    rows: &[figures::YearRow],
    data: &EngineData,
    period: Period,
    width: usize,
) -> Vec<Block> {
    let total = figures::compute(&data.activities, period, data.basis);
    let mut table_rows = Vec::new();
    let mut head = vec![plain("Nội dung", true)];
    head.extend(rows.iter().map(|r| plain(year_heading(r), true)));
    head.push(plain("Cả giai đoạn", true));
    table_rows.push(head);
    for (label, years, all) in figure_lines(rows, &total) {
        let mut row = vec![plain(label, false)];
        row.extend(years.into_iter().map(|v| plain(v, false)));
        row.push(plain(all, false));
        table_rows.push(row);
    }
    let italic = |t: &str| {
        Paragraph::new()
            .keep_next(true)
            .add_run(text_run(t).italic().size(24))
    };
    let mut out = vec![
        Block::P(Box::new(
            italic(&figures_caption(period))
                .align(AlignmentType::Center)
                .line_spacing(LineSpacing::new().before(AFTER)),
        )),
        Block::Table(Box::new(bordered(table_rows, width))),
    ];
    if rows.iter().any(|r| !r.whole_year()) {
        out.push(Block::P(Box::new(italic(PART_YEAR_NOTE).keep_next(false))));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn row(cells: &[&str]) -> Vec<Vec<Span>> {
        cells.iter().map(|c| plain(*c, false)).collect()
    }

    #[test]
    fn no_word_of_a_crowded_table_breaks_and_the_labels_take_the_spare() {
        let rows = vec![
            row(&[
                "TT",
                "Chi bộ",
                "SH thường kỳ",
                "Xếp loại chi bộ",
                "Tháng có nhật ký",
            ]),
            row(&["1", "Chi bộ Sở Công thương số 6", "12", "HTXSNV", "12/12"]),
            row(&[
                "",
                "Cộng (7 chi bộ đủ số liệu)",
                "84",
                "2 HTXSNV, 2 HTTNV",
                "Cộng 7/8 chi bộ",
            ]),
        ];
        let label = label_column(&rows);
        assert_eq!(label, 1, "after a numbering column");
        let width = 7000;
        let w = fitted_widths(&rows, 5, width, label);
        assert_eq!(w.iter().sum::<usize>(), width);
        // Capitals are wide: "HTXSNV," and "TT" keep their letters together.
        assert!(w[0] >= 2 * CAPITAL_TWIPS + CELL_PAD, "{w:?}");
        assert!(w[3] >= 6 * CAPITAL_TWIPS + CHAR_TWIPS + CELL_PAD, "{w:?}");
        // What is left after every column's longest word is shared by what
        // each wants; the labels get the most.
        assert!(w[1] > w[2] && w[1] > w[4], "{w:?}");
    }
}
