//! Reports as Word files: the example report's `.docx` read back as XML
//! (page, fonts, header, tables, numbering, signature), and opened by a
//! real office suite (LibreOffice, headless) to a PDF checked with
//! poppler's tools.

mod common;

use std::io::Read;
use std::path::{Path, PathBuf};
use std::process::Command;

/// The example site's report written by `chibo report` into a temporary
/// folder: (the folder, the .docx path).
fn example_report() -> (tempfile::TempDir, PathBuf) {
    let out = tempfile::tempdir().unwrap();
    let example = common::Site::example();
    let o = Command::new(env!("CARGO_BIN_EXE_chibo"))
        .arg("--root")
        .arg(example.root())
        .args(["-q", "report", "--docx", "-o"])
        .arg(out.path())
        .output()
        .unwrap();
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let docx = out
        .path()
        .join("bao-cao/so-ket-giua-nhiem-ky/so-ket-giua-nhiem-ky.docx");
    assert!(docx.exists());
    (out, docx)
}

fn part(docx: &Path, name: &str) -> String {
    let mut zip = zip::ZipArchive::new(std::fs::File::open(docx).unwrap()).unwrap();
    let mut s = String::new();
    zip.by_name(name).unwrap().read_to_string(&mut s).unwrap();
    s
}

fn attr<'a>(n: roxmltree::Node<'a, '_>, name: &str) -> Option<&'a str> {
    n.attributes().find(|a| a.name() == name).map(|a| a.value())
}

fn child<'a, 'i>(n: roxmltree::Node<'a, 'i>, name: &str) -> Option<roxmltree::Node<'a, 'i>> {
    n.children().find(|c| c.tag_name().name() == name)
}

/// The names of the body's blocks in order ("p", "tbl", …).
fn block_kinds<'a>(body: roxmltree::Node<'a, '_>) -> Vec<&'a str> {
    body.children()
        .filter(|n| n.is_element())
        .map(|n| n.tag_name().name())
        .collect()
}

/// The text of a node's runs, as a reader sees it: Word's no-break
/// hyphen is a "-", a no-break space a space.
fn text(n: roxmltree::Node<'_, '_>) -> String {
    n.descendants()
        .filter_map(|d| match d.tag_name().name() {
            "t" => d.text().map(|t| t.replace('\u{a0}', " ")),
            "noBreakHyphen" => Some("-".to_string()),
            _ => None,
        })
        .collect()
}

#[test]
fn report_docx_is_a4_in_times_new_roman_with_the_party_layout() {
    let (_out, docx) = example_report();
    let xml = part(&docx, "word/document.xml");
    let doc = roxmltree::Document::parse(&xml).unwrap();
    // A4, margins 20/20/30/15 mm, a first page of its own (no number).
    let sect = doc
        .descendants()
        .find(|n| n.tag_name().name() == "sectPr")
        .unwrap();
    let size = child(sect, "pgSz").unwrap();
    assert_eq!(
        (attr(size, "w"), attr(size, "h")),
        (Some("11906"), Some("16838"))
    );
    let mar = child(sect, "pgMar").unwrap();
    for (side, twips) in [
        ("top", "1134"),
        ("bottom", "1134"),
        ("left", "1701"),
        ("right", "850"),
    ] {
        assert_eq!(attr(mar, side), Some(twips), "{side}");
    }
    assert!(child(sect, "titlePg").is_some(), "no different first page");
    let refs: Vec<_> = sect
        .children()
        .filter(|c| c.tag_name().name() == "headerReference")
        .map(|c| attr(c, "type").unwrap_or(""))
        .collect();
    assert!(
        refs.contains(&"first") && refs.contains(&"default"),
        "{refs:?}"
    );
    // The page number: a PAGE field in a header that is not the first's.
    let headers: Vec<String> = (1..=2)
        .map(|k| part(&docx, &format!("word/header{k}.xml")))
        .collect();
    assert_eq!(
        headers.iter().filter(|h| h.contains("PAGE")).count(),
        1,
        "{headers:?}"
    );

    // Times New Roman in all four slots, 14 pt.
    let styles = part(&docx, "word/styles.xml");
    for slot in ["ascii", "hAnsi", "cs", "eastAsia"] {
        assert!(
            styles.contains(&format!("w:{slot}=\"Times New Roman\"")),
            "{slot}: {styles}"
        );
    }
    assert!(styles.contains("<w:sz w:val=\"28\" />"), "14 pt default");

    let tables: Vec<_> = doc
        .descendants()
        .filter(|n| n.tag_name().name() == "tbl")
        .collect();
    assert!(tables.len() >= 3, "header, figures, signing");
    // The header: borderless, fixed, two columns with widths in the grid
    // and in the cells.
    let header = tables[0];
    let grid: Vec<_> = header
        .descendants()
        .filter(|n| n.tag_name().name() == "gridCol")
        .collect();
    assert_eq!(grid.len(), 2);
    assert!(
        header
            .descendants()
            .any(|n| n.tag_name().name() == "tblLayout" && attr(n, "type") == Some("fixed"))
    );
    assert!(
        header
            .descendants()
            .filter(|n| n.tag_name().name() == "tcW")
            .all(|n| attr(n, "type") == Some("dxa"))
    );
    let head_text = text(header);
    for part in [
        "ĐẢNG BỘ KHỐI",
        "CÁC CƠ QUAN TỈNH",
        "CHI BỘ SỞ TƯ PHÁP",
        "*",
        "Số 15-BC/CB",
        "ĐẢNG CỘNG SẢN VIỆT NAM",
        "Lạng Sơn, ngày 02 tháng 11 năm 2023",
    ] {
        assert!(head_text.contains(part), "{part}: {head_text}");
    }
    // The figures table: its header row repeats on each page, no row splits.
    let figures = tables
        .iter()
        .find(|t| text(**t).contains("Sinh hoạt chi bộ thường kỳ"))
        .expect("figures table");
    let rows: Vec<_> = figures
        .children()
        .filter(|n| n.tag_name().name() == "tr")
        .collect();
    assert!(
        rows[0]
            .descendants()
            .any(|n| n.tag_name().name() == "tblHeader")
    );
    assert!(
        rows.iter()
            .all(|r| r.descendants().any(|n| n.tag_name().name() == "cantSplit"))
    );
    assert!(text(*figures).contains("95,6%"), "decimal comma");
    // Tables never touch: something stands between any two.
    let body = doc
        .descendants()
        .find(|n| n.tag_name().name() == "body")
        .unwrap();
    let kinds = block_kinds(body);
    assert!(!kinds.windows(2).any(|w| w == ["tbl", "tbl"]), "{kinds:?}");
    // The chart is an embedded PNG.
    let rels = part(&docx, "word/_rels/document.xml.rels");
    assert!(rels.contains("media/") && rels.contains(".png"), "{rels}");
    // Body paragraphs: justified, with a first-line indent.
    assert!(
        body.descendants()
            .any(|n| n.tag_name().name() == "ind" && attr(n, "firstLine") == Some("567"))
    );
    assert!(
        body.descendants()
            .any(|n| n.tag_name().name() == "jc" && attr(n, "val") == Some("both"))
    );
    // The last table: Nơi nhận and the signature, borderless, kept whole.
    let signing = *tables.last().unwrap();
    let s = text(signing);
    for part in [
        "Nơi nhận:",
        "- Đảng ủy Khối các cơ quan tỉnh (b/c);",
        "- Lưu Chi bộ.",
        "T/M CHI BỘ",
        "BÍ THƯ",
        "Nguyễn Văn An",
    ] {
        assert!(s.contains(part), "{part}: {s}");
    }
    assert!(
        signing
            .descendants()
            .any(|n| n.tag_name().name() == "cantSplit")
    );
    assert!(
        signing
            .descendants()
            .any(|n| n.tag_name().name() == "u" && attr(n, "val") == Some("single"))
    );
}

#[test]
fn mirrored_margins_are_set_for_duplex_printing() {
    let site = common::Site::new();
    let cfg = site.read("site.yaml");
    site.write("site.yaml", &format!("{cfg}\nreport: {{ mirror: true }}\n"));
    site.write(
        "content/reports/bc.md",
        "---\ntype: BÁO CÁO\nsubject: tình hình quý\nnumber: 3-BC/CB\ndate: 2024-01-05\nperiod: { from: 2023-01-01, to: 2023-12-31 }\nsigner: { on_behalf: T/M CHI BỘ, title: BÍ THƯ, name: Lê Thị Hà }\npublish: true\nrecipients: [Lưu Chi bộ]\n---\n\nChi bộ tổ chức {{ figures.counts.sinh_hoat_thuong_ky }} kỳ sinh hoạt.\n\n| Việc | Số |\n|---|---|\n| Họp | 2 |\n\n| Khác | Số |\n|---|---|\n| Đi | 1 |\n",
    );
    site.run(&["report"]).ok();
    let docx = site.path("output/bao-cao/bc/bc.docx");
    let settings = part(&docx, "word/settings.xml");
    assert!(settings.contains("<w:mirrorMargins />"), "{settings}");
    let xml = part(&docx, "word/document.xml");
    let doc = roxmltree::Document::parse(&xml).unwrap();
    let body = doc
        .descendants()
        .find(|n| n.tag_name().name() == "body")
        .unwrap();
    let kinds = block_kinds(body);
    // Two Markdown tables in a row stay two tables.
    assert!(!kinds.windows(2).any(|w| w == ["tbl", "tbl"]), "{kinds:?}");
    assert!(text(body).contains("Lê Thị Hà"));
}

fn run(cmd: &str, args: &[&str], file: &Path) -> String {
    let o = Command::new(cmd).args(args).arg(file).output().unwrap();
    assert!(
        o.status.success(),
        "{cmd}: {}",
        String::from_utf8_lossy(&o.stderr)
    );
    String::from_utf8_lossy(&o.stdout).into_owned()
}

fn pdftotext(pdf: &Path, args: &[&str]) -> String {
    let o = Command::new("pdftotext")
        .args(args)
        .arg(pdf)
        .arg("-")
        .output()
        .unwrap();
    String::from_utf8_lossy(&o.stdout).into_owned()
}

fn pages(pdf: &Path) -> u32 {
    run("pdfinfo", &[], pdf)
        .lines()
        .find(|l| l.starts_with("Pages:"))
        .and_then(|l| l.split_whitespace().nth(1))
        .and_then(|n| n.parse().ok())
        .unwrap()
}

#[test]
fn libreoffice_opens_the_report_docx_as_the_same_a4_document() {
    if !common::require_tools(&["soffice", "chromium", "pdftotext", "pdfinfo", "pdffonts"]) {
        return;
    }
    let (out, docx) = example_report();
    let converted = tempfile::tempdir().unwrap();
    let o = common::soffice_to_pdf(&[&docx], converted.path());
    let pdf = converted.path().join("so-ket-giua-nhiem-ky.pdf");
    assert!(pdf.exists(), "LibreOffice made no PDF: {o:?}");
    let info = run("pdfinfo", &[], &pdf);
    assert!(info.contains("(A4)"), "{info}");
    // As many pages as the HTML printed by Chromium, give or take one.
    let example = common::Site::example();
    let html_pdf = Command::new(env!("CARGO_BIN_EXE_chibo"))
        .arg("--root")
        .arg(example.root())
        .args(["-q", "report", "--pdf", "-o"])
        .arg(out.path())
        .output()
        .unwrap();
    assert!(
        html_pdf.status.success(),
        "{}",
        String::from_utf8_lossy(&html_pdf.stderr)
    );
    let printed = out
        .path()
        .join("bao-cao/so-ket-giua-nhiem-ky/so-ket-giua-nhiem-ky.pdf");
    let (word, html) = (pages(&pdf), pages(&printed));
    assert!(
        word.abs_diff(html) <= 1,
        "Word file {word} pages, HTML {html}"
    );

    let first = pdftotext(&pdf, &["-layout", "-f", "1", "-l", "1"]);
    for part in [
        "ĐẢNG CỘNG SẢN VIỆT NAM",
        "CHI BỘ SỞ TƯ PHÁP",
        "Số 15-BC/CB",
        "Lạng Sơn, ngày 02 tháng 11 năm 2023",
        "BÁO CÁO",
    ] {
        assert!(first.contains(part), "page 1 lacks {part:?}:\n{first}");
    }
    // No number on page 1; "2" heads page 2.
    assert!(
        !first.lines().take(3).any(|l| l.trim() == "1"),
        "page 1 is numbered:\n{first}"
    );
    let second = pdftotext(&pdf, &["-layout", "-f", "2", "-l", "2"]);
    assert_eq!(
        second.lines().find(|l| !l.trim().is_empty()).map(str::trim),
        Some("2"),
        "{second}"
    );
    // Every figure the report states, the signature and the recipients.
    let all = pdftotext(&pdf, &[])
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ");
    for part in [
        "40 kỳ sinh hoạt cấp ủy",
        "95,6%",
        "thấp nhất 88,5%",
        "kết nạp 09 đảng viên mới",
        "cho 05 đồng chí",
        "15 lượt quần chúng",
        "giám sát chuyên đề 06 đảng viên",
        "kiểm tra 05 đảng viên",
        "(6 kỳ)",
        "Nơi nhận:",
        "- Lưu Chi bộ.",
        "T/M CHI BỘ",
        "BÍ THƯ",
        "Nguyễn Văn An",
    ] {
        assert!(all.contains(part), "the PDF lacks {part:?}:\n{all}");
    }
    // One serif family, embedded: no glyph borrowed from another font.
    let fonts = run("pdffonts", &[], &pdf);
    let families = common::font_families(&fonts);
    assert_eq!(families.len(), 1, "{fonts}");
    assert!(
        [
            "LiberationSerif",
            "Tinos",
            "TimesNewRoman",
            "TimesNewRomanPSMT"
        ]
        .contains(&families.iter().next().unwrap().as_str()),
        "{fonts}"
    );
}

#[test]
fn the_readme_download_is_the_docx_chibo_writes_today() {
    let (_out, docx) = example_report();
    let kept = Path::new(env!("CARGO_MANIFEST_DIR")).join("docs/so-ket-giua-nhiem-ky.docx");
    assert!(
        std::fs::read(&docx).unwrap() == std::fs::read(&kept).unwrap(),
        "docs/so-ket-giua-nhiem-ky.docx is out of date: run `chibo report -o /tmp/x` and copy /tmp/x/bao-cao/so-ket-giua-nhiem-ky/so-ket-giua-nhiem-ky.docx to docs/"
    );
}
