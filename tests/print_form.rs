//! The 36-HD/VPTW form on paper, read back from the PDFs: the page Chromium
//! prints and LibreOffice's PDF of the Word file, for the example's report
//! and a long generated one. No line ends in a document number's hyphen,
//! "Phần thứ nhất" stands on its own line, the title breaks between
//! phrases, and the last page holds body text above "Nơi nhận".

mod common;

use std::path::{Path, PathBuf};
use std::process::Command;

use common::Site;

/// The text of a PDF as poppler reads it, one line per printed line.
fn pdf_text(pdf: &Path, pages: Option<(u32, u32)>) -> String {
    let mut cmd = Command::new("pdftotext");
    if let Some((first, last)) = pages {
        cmd.args(["-f", &first.to_string(), "-l", &last.to_string()]);
    }
    let o = cmd.arg(pdf).arg("-").output().unwrap();
    assert!(o.status.success(), "pdftotext {}", pdf.display());
    String::from_utf8_lossy(&o.stdout).into_owned()
}

fn page_count(pdf: &Path) -> u32 {
    let o = Command::new("pdfinfo").arg(pdf).output().unwrap();
    String::from_utf8_lossy(&o.stdout)
        .lines()
        .find(|l| l.starts_with("Pages:"))
        .and_then(|l| l.split_whitespace().nth(1))
        .and_then(|n| n.parse().ok())
        .unwrap()
}

/// LibreOffice's PDF of a Word file, in `dir`.
fn word_pdf(docx: &Path, dir: &Path) -> PathBuf {
    let profile = tempfile::tempdir().unwrap();
    let o = Command::new("soffice")
        .arg(format!(
            "-env:UserInstallation=file://{}",
            profile.path().display()
        ))
        .args(["--headless", "--convert-to", "pdf", "--outdir"])
        .arg(dir)
        .arg(docx)
        .output()
        .unwrap();
    let pdf = dir.join(docx.file_stem().unwrap()).with_extension("pdf");
    assert!(pdf.exists(), "LibreOffice made no PDF: {o:?}");
    pdf
}

/// Every check of the form on one PDF (`what` names it in failures).
fn check_form(pdf: &Path, what: &str, title_words: &[&str]) {
    let text = pdf_text(pdf, None);
    let lines: Vec<&str> = text.lines().map(str::trim).collect();
    for (n, l) in lines.iter().enumerate() {
        // "22-" | "QĐ/TW": a number broken at its hyphen.
        let mut tail = l.chars().rev();
        if tail.next() == Some('-') && tail.next().is_some_and(|c| c.is_ascii_digit()) {
            panic!("{what}: line {n} ends in a number's hyphen: {l:?}\n{text}");
        }
        // "Số" or "ngày" alone at a line's end, its number on the next.
        for w in ["số", "Số", "ngày"] {
            let next = lines.get(n + 1).copied().unwrap_or("");
            assert!(
                !(l.ends_with(&format!(" {w}")) && next.starts_with(|c: char| c.is_ascii_digit())),
                "{what}: {w:?} parted from its number at line {n}: {l:?} / {next:?}"
            );
        }
    }
    assert!(
        lines.contains(&"Phần thứ nhất"),
        "{what}: no line is \"Phần thứ nhất\" alone:\n{text}"
    );
    // The title: never a word of it alone, never broken inside a term.
    for w in title_words {
        assert!(
            !lines.contains(w),
            "{what}: the title leaves {w:?} alone on a line"
        );
    }
    assert!(
        !lines
            .iter()
            .any(|l| l.ends_with("nhiệm kỳ") || l.ends_with(" Đại") || l.ends_with(" năm")),
        "{what}: a title or term broken inside a word group:\n{text}"
    );
    // The last page: body text above "Nơi nhận".
    let last = page_count(pdf);
    let page = pdf_text(pdf, Some((last, last)));
    let before: Vec<&str> = page
        .split("Nơi nhận")
        .next()
        .unwrap()
        .lines()
        .map(str::trim)
        .filter(|l| !l.is_empty() && l.parse::<u32>().is_err())
        .collect();
    assert!(
        before.iter().any(|l| l.chars().count() > 20),
        "{what}: the signature stands alone on page {last}:\n{page}"
    );
}

/// The report `name` of `site` printed by Chromium and as LibreOffice's
/// PDF of its Word file.
fn both_pdfs(site: &Site, name: &str) -> (PathBuf, PathBuf, tempfile::TempDir) {
    site.run(&["report", name, "--pdf"]).ok();
    let folder = if site.exists(&format!("output/bao-cao/{name}/{name}.pdf")) {
        format!("output/bao-cao/{name}")
    } else {
        format!("bao-cao/{name}")
    };
    let printed = site.path(&format!("{folder}/{name}.pdf"));
    let dir = tempfile::tempdir().unwrap();
    let word = word_pdf(&site.path(&format!("{folder}/{name}.docx")), dir.path());
    (printed, word, dir)
}

#[test]
fn the_example_report_keeps_the_form_in_print_and_in_word() {
    if !common::require_tools(&["chromium", "soffice", "pdftotext", "pdfinfo"]) {
        return;
    }
    let site = Site::empty();
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    for entry in walkdir::WalkDir::new(root.join("content"))
        .into_iter()
        .flatten()
        .filter(|e| e.file_type().is_file())
    {
        let rel = entry.path().strip_prefix(root).unwrap();
        site.write_bytes(rel.to_str().unwrap(), &std::fs::read(entry.path()).unwrap());
    }
    site.write_bytes("site.yaml", &std::fs::read(root.join("site.yaml")).unwrap());
    let (printed, word, _dir) = both_pdfs(&site, "so-ket-giua-nhiem-ky");
    for (pdf, what) in [(&printed, "print"), (&word, "Word")] {
        check_form(pdf, what, &["kỳ", "2020 - 2025", "hội"]);
    }
}

#[test]
fn a_long_report_keeps_the_form_on_every_page() {
    if !common::require_tools(&["chromium", "soffice", "pdftotext", "pdfinfo"]) {
        return;
    }
    let site = Site::new();
    let mut log = String::new();
    for year in [2021, 2022] {
        for m in 1..=12 {
            log.push_str(&format!(
                "- kind: sinh_hoat_thuong_ky\n  date: {year}-{m:02}-10\n  attendance: {{ total: 20, exempt: 1, present: 18 }}\n"
            ));
        }
    }
    site.write("content/activities/nhat-ky.yaml", &log);
    site.write(
        "content/documents.yaml",
        "- id: qd-22\n  type: Quy định\n  number: 22-QĐ/TW\n  date: 2021-07-28\n  issuer: Ban Chấp hành Trung ương\n  subject: về công tác kiểm tra, giám sát và kỷ luật của Đảng\n- id: kl-01\n  type: Kết luận\n  number: 01-KL/TW\n  date: 2021-05-18\n  issuer: Bộ Chính trị\n",
    );
    // Paragraphs whose citations fall at every offset of a line.
    let mut body = String::from("## Phần thứ nhất: Kết quả thực hiện nhiệm vụ năm 2022\n\n");
    for k in 0..40 {
        let lead = "Chi bộ ".repeat(k % 17);
        body.push_str(&format!(
            "{lead}thực hiện {{{{ \"qd-22\" | cite }}}} và {{{{ \"kl-01\" | cite }}}}, tổ chức {{{{ figures.counts.sinh_hoat_thuong_ky | hai_so }}}} kỳ sinh hoạt theo Quy định số 22-QĐ/TW và Báo cáo số 15-BC/CB ngày 02/11/2023 của Chi bộ.\n\n"
        ));
    }
    body.push_str("## Phần thứ hai: Phương hướng, nhiệm vụ năm 2023\n\nTiếp tục thực hiện nghiêm các quy định của Đảng, nâng cao chất lượng sinh hoạt chi bộ.\n");
    site.write(
        "content/reports/tong-ket-dai.md",
        &format!(
            "---\ntype: BÁO CÁO\nsubject: tổng kết công tác xây dựng Đảng năm 2022 và phương hướng, nhiệm vụ năm 2023 của Chi bộ Sở Tư pháp tỉnh Lạng Sơn nhiệm kỳ 2020 - 2025\nnumber: 16-BC/CB\ndate: 2023-01-05\nperiod: {{ from: 2022-01-01, to: 2022-12-31 }}\nsigner: {{ name: Nguyễn Văn An }}\nrecipients: [Đảng ủy Khối các cơ quan tỉnh (b/c), Lưu Chi bộ]\n---\n\n{body}"
        ),
    );
    let (printed, word, _dir) = both_pdfs(&site, "tong-ket-dai");
    for (pdf, what) in [(&printed, "print"), (&word, "Word")] {
        assert!(page_count(pdf) >= 3, "{what}: a long report");
        check_form(pdf, what, &["năm 2023", "2020 - 2025", "tỉnh"]);
    }
}
