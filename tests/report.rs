//! Review reports: the Party document layout in HTML, and printed to PDF
//! with a real Chromium when one is installed (CI installs Debian's).

mod common;

use std::process::Command;

use common::Site;

fn report_site() -> Site {
    let site = Site::new();
    site.write(
        "content/activities/2021.yaml",
        "- kind: sinh_hoat_thuong_ky\n  date: 2021-01-10\n  attendance: { total: 26, exempt: 1, present: 23 }\n- kind: sinh_hoat_thuong_ky\n  date: 2022-02-10\n  attendance: { total: 26, exempt: 1, present: 25 }\n- kind: ket_nap\n  date: 2022-06-15\n  members: [A, B]\n",
    );
    site.write(
        "content/reports/so-ket.md",
        "---\ntype: BÁO CÁO\nsubject: sơ kết giữa nhiệm kỳ thực hiện Nghị quyết Đại hội Chi bộ nhiệm kỳ 2020 - 2025\nnumber: 15-BC/CB\ndate: 2023-11-02\nperiod: { from: 2021-01-01, to: 2022-12-31 }\nsigner: { on_behalf: T/M CHI BỘ, title: BÍ THƯ, name: Nguyễn Văn An }\npublish: true\nrecipients: [Đảng ủy Khối các cơ quan tỉnh (b/c), Các đồng chí đảng viên, Lưu Chi bộ]\n---\n\nChi bộ tổ chức {{ figures.counts.sinh_hoat_thuong_ky | hai_so }} kỳ sinh hoạt thường kỳ, kết nạp {{ figures.people.admitted | hai_so }} đảng viên; thực hiện {{ \"kl-01-2021\" | cite }}.\n\n{{ bang_so_lieu() }}\n\n{{ bieu_do() }}\n\n## Phần thứ hai\n\nPhương hướng nửa cuối nhiệm kỳ.\n",
    );
    site
}

#[test]
fn report_page_has_the_party_document_layout() {
    let site = report_site();
    let draft = site
        .read("content/reports/so-ket.md")
        .replacen("---\n", "---\ndraft: true\n", 1);
    site.write("content/reports/du-thao.md", &draft);
    site.run(&["build"]).ok();
    // Published reports are in the sitemap; drafts are not.
    let sitemap = site.read("output/sitemap.xml");
    assert!(
        sitemap.contains("/chibo-stp/bao-cao/so-ket/</loc>"),
        "{sitemap}"
    );
    assert!(!sitemap.contains("du-thao"), "{sitemap}");
    let html = site.read("output/bao-cao/so-ket/index.html");
    for part in [
        "<html lang=\"vi\">",
        "size: A4;",
        "margin: 20mm 15mm 20mm 30mm;",
        "@page :first { @top-center { content: none; } }",
        "<div class=\"superior\">Đảng bộ Khối các cơ quan tỉnh</div>",
        "<div class=\"issuer\">Chi bộ Sở Tư pháp</div>",
        "<p class=\"star\">*</p>",
        "<div class=\"number nb\">Số 15-BC/CB</div>",
        "<span class=\"party\">Đảng Cộng sản Việt Nam</span>",
        "<div class=\"place-date\">Lạng Sơn, ngày 02 tháng 11 năm 2023</div>",
        "<h1 class=\"doc-type\">BÁO CÁO</h1>",
        // The title breaks only between phrases: "Đại hội", "Chi bộ" and
        // "nhiệm kỳ 2020 - 2025" hold together.
        "<p class=\"subject\">sơ&nbsp;kết giữa nhiệm&nbsp;kỳ thực&nbsp;hiện Nghị&nbsp;quyết Đại&nbsp;hội Chi&nbsp;bộ nhiệm&nbsp;kỳ&nbsp;2020&nbsp;-&nbsp;2025</p>",
        // A document number and a date are never broken.
        "<p>Chi bộ tổ chức 02 kỳ sinh hoạt thường kỳ, kết nạp 02 đảng viên; thực hiện Kết luận <span class=\"nb\">số 01-KL/TW</span>, <span class=\"nb\">ngày 18/5/2021</span> của Bộ Chính trị.</p>",
        // "Phần thứ hai" in normal case over its title.
        "class=\"part\"><span class=\"part-name\">Phần thứ hai</span>",
        "<table class=\"figures\">",
        "<figure class=\"chart\" role=\"group\"",
        "<div class=\"label\">Nơi nhận:</div>",
        "<p>- Đảng ủy Khối các cơ quan tỉnh (b/c);</p>",
        "<p>- Lưu Chi bộ.</p>",
        "<p>T/M CHI BỘ</p>",
        "<p>BÍ THƯ</p>",
        "<p>Nguyễn Văn An</p>",
    ] {
        assert!(html.contains(part), "missing {part}\n{html}");
    }
    // The table: one column per year, then the whole period.
    assert!(
        html.contains("<th>2021</th><th>2022</th><th>Cả giai đoạn</th>"),
        "{html}"
    );
    assert!(
        html.contains(
            "<tr><th scope=\"row\">Kết nạp đảng viên</th><td>0</td><td>2</td><td>2</td></tr>"
        ),
        "{html}"
    );
    // The site links every report from the "Báo cáo" page.
    let list = site.read("output/bao-cao/index.html");
    assert!(
        list.contains("href=\"/chibo-stp/bao-cao/so-ket/\""),
        "{list}"
    );
}

#[test]
fn report_command_renders_only_the_named_reports() {
    let site = report_site();
    let run = site.run(&["report", "so-ket"]);
    run.ok();
    assert!(site.exists("output/bao-cao/so-ket/index.html"));
    assert!(site.exists("output/.chibo-output"));
    let bad = site.run(&["report", "khong-co"]);
    assert_eq!(bad.code, 2);
    assert!(
        bad.stderr.contains("các báo cáo hiện có: so-ket"),
        "{}",
        bad.stderr
    );
}

#[test]
fn report_mistakes_are_located() {
    let site = report_site();
    site.write(
        "content/reports/loi.md",
        "---\nsubject: x\ndate: 2023-11-02\nperiod: { from: 2023-01-01, to: 2022-01-01 }\nsigner: { title: BÍ THƯ }\n---\nA\n",
    );
    let run = site.run(&["check"]);
    run.failed();
    assert!(run.stderr.contains("content/reports/loi.md:4:9: `period`: ngày `from` (2023-01-01) phải trước ngày `to` (2022-01-01)"), "{}", run.stderr);
    assert!(
        run.stderr
            .contains("content/reports/loi.md:5:9: thiếu khóa `name` trong khối `signer`"),
        "{}",
        run.stderr
    );
}

#[test]
fn report_prints_to_an_a4_pdf_with_chromium() {
    if !common::require_tools(&["chromium", "pdftotext", "pdfinfo", "pdffonts", "pdfimages"]) {
        return;
    }
    let site = report_site();
    // A photo in the report: printed from the page as served, under the
    // site's base path, after a build has published the photo.
    let body = site.read("content/reports/so-ket.md");
    site.write(
        "content/reports/so-ket.md",
        &body.replace(
            "## Phần thứ hai",
            "![Lễ kết nạp](static/anh/ket-nap.png)\n\n## Phần thứ hai",
        ),
    );
    site.run(&["build"]).ok();
    site.run(&["report", "--pdf"]).ok();
    let pdf = site.path("output/bao-cao/so-ket/so-ket.pdf");
    let info = Command::new("pdfinfo").arg(&pdf).output().unwrap();
    let info = String::from_utf8_lossy(&info.stdout);
    assert!(info.contains("(A4)"), "{info}");
    let pages: u32 = info
        .lines()
        .find(|l| l.starts_with("Pages:"))
        .and_then(|l| l.split_whitespace().nth(1))
        .and_then(|n| n.parse().ok())
        .unwrap();
    assert!((1..=3).contains(&pages), "{pages} pages");
    let text = Command::new("pdftotext")
        .args(["-layout"])
        .arg(&pdf)
        .arg("-")
        .output()
        .unwrap();
    let text = String::from_utf8_lossy(&text.stdout);
    // The superior body in two balanced lines, never "TỈNH" alone.
    let first_col: Vec<&str> = text
        .lines()
        .map(|l| l.trim_start())
        .filter(|l| {
            l.starts_with("ĐẢNG BỘ") || l.starts_with("CÁC CƠ QUAN") || l.starts_with("TỈNH")
        })
        .collect();
    assert!(
        first_col.iter().any(|l| l.starts_with("ĐẢNG BỘ KHỐI"))
            && first_col.iter().any(|l| l.starts_with("CÁC CƠ QUAN TỈNH")),
        "{text}"
    );
    for part in [
        "ĐẢNG CỘNG SẢN VIỆT NAM",
        "CHI BỘ SỞ TƯ PHÁP",
        "Số 15-BC/CB",
        "Lạng Sơn, ngày 02 tháng 11 năm 2023",
        "BÁO CÁO",
        "T/M CHI BỘ",
        "BÍ THƯ",
        "Nguyễn Văn An",
        "Nơi nhận:",
        "- Lưu Chi bộ.",
    ] {
        assert!(text.contains(part), "PDF lacks {part:?}:\n{text}");
    }
    let images = Command::new("pdfimages")
        .arg("-list")
        .arg(&pdf)
        .output()
        .unwrap();
    let images = String::from_utf8_lossy(&images.stdout);
    assert!(
        images.lines().skip(2).any(|l| l.contains("image")),
        "the photo is not in the PDF:\n{images}"
    );
    // A later build keeps the printed PDF.
    site.run(&["build"]).ok();
    assert!(pdf.exists(), "build removed the printed report");
    // Fonts are embedded, and all of one serif family (Liberation Serif or
    // Tinos stand in for Times New Roman): no glyph borrowed from another
    // font, as a serif without Vietnamese letters would force.
    let fonts = Command::new("pdffonts").arg(&pdf).output().unwrap();
    let fonts = String::from_utf8_lossy(&fonts.stdout);
    let families = common::font_families(&fonts);
    assert_eq!(families.len(), 1, "{fonts}");
    let family = families.iter().next().unwrap();
    assert!(
        [
            "LiberationSerif",
            "Tinos",
            "TimesNewRoman",
            "TimesNewRomanPSMT"
        ]
        .contains(&family.as_str()),
        "{fonts}"
    );
}

#[test]
fn report_numbers_follow_the_type_the_issuer_and_run_once_per_term() {
    let site = report_site();
    let text = site.read("content/reports/so-ket.md");
    // The same number again for another report of the term.
    site.write(
        "content/reports/bao-cao-khac.md",
        &text.replace("date: 2023-11-02", "date: 2023-12-20"),
    );
    // A notice's type code on a report, and another issuer.
    site.write(
        "content/reports/sai-ky-hieu.md",
        &text.replace("number: 15-BC/CB", "number: 16-TB/ĐU"),
    );
    site.write(
        "content/reports/sai-dang.md",
        &text.replace("number: 15-BC/CB", "number: BC-17"),
    );
    let run = site.run(&["check"]);
    run.failed();
    let out = &run.stderr;
    assert!(out.contains("content/reports/bao-cao-khac.md:4:9: khóa `number`: số `15-BC/CB` đã dùng cho content/reports/so-ket.md (02-11-2023)") || out.contains("content/reports/so-ket.md:4:9: khóa `number`: số `15-BC/CB` đã dùng cho content/reports/bao-cao-khac.md"), "{out}");
    assert!(out.contains("content/reports/sai-ky-hieu.md:4:9: khóa `number`: `16-TB/ĐU` mang ký hiệu `TB` nhưng văn bản là BÁO CÁO: ký hiệu phải là `BC` (`16-BC/ĐU`)"), "{out}");
    assert!(out.contains("content/reports/sai-ky-hieu.md:4:9: khóa `number`: `16-TB/ĐU` ghi cơ quan ban hành `ĐU`, nhưng site.yaml ghi `unit.issuer_code: CB`"), "{out}");
    assert!(
        out.contains("content/reports/sai-dang.md:4:9: khóa `number`: số `BC-17` không đúng dạng"),
        "{out}"
    );
}

#[test]
fn new_report_scaffolds_each_kind_numbered_and_with_the_figures_of_its_period() {
    let site = report_site();
    // A report of the next term (dated 2026) is numbered in a run of its
    // own; the new reports are dated in the term, after 15-BC/CB, and a
    // gap below (03) changes nothing.
    let text = site.read("content/reports/so-ket.md");
    site.write(
        "content/reports/bao-cao-dau-nhiem-ky.md",
        &text
            .replace("date: 2023-11-02", "date: 2026-01-05")
            .replace("number: 15-BC/CB", "number: 25-BC/CB"),
    );
    site.write(
        "content/reports/cu/bao-cao-cu.md",
        &text
            .replace("date: 2023-11-02", "date: 2021-01-05")
            .replace("number: 15-BC/CB", "number: 03-BC/CB"),
    );
    // 15-BC/CB is still a draft: its number counts all the same.
    site.write(
        "content/reports/so-ket.md",
        &text.replacen("---\n", "---\ndraft: true\n", 1),
    );
    for (args, name) in [
        (
            &["new", "report", "tong-ket-nam", "--year", "2022"][..],
            "tong-ket-nam-2022",
        ),
        (
            &["new", "report", "so-ket-6-thang", "--year", "2021"][..],
            "so-ket-6-thang-2021",
        ),
        (
            &["new", "report", "so-ket-giua-nhiem-ky"][..],
            "so-ket-giua-nhiem-ky",
        ),
    ] {
        site.run(args).ok();
        let text = site.read(&format!("content/reports/{name}.md"));
        assert!(text.starts_with("---\ntype: BÁO CÁO\n"), "{text}");
        assert!(text.contains("{{ bang_so_lieu() }}") && text.contains("{{ bieu_do() }}"));
        // The signer and recipients of the last report.
        assert!(text.contains("name: Nguyễn Văn An"), "{text}");
        assert!(text.contains("  - Lưu Chi bộ\n"), "{text}");
    }
    // Numbers follow the highest of the term (15-BC/CB), one each.
    let numbers: Vec<String> = [
        "tong-ket-nam-2022",
        "so-ket-6-thang-2021",
        "so-ket-giua-nhiem-ky",
    ]
    .iter()
    .map(|n| {
        let t = site.read(&format!("content/reports/{n}.md"));
        t.lines()
            .find(|l| l.starts_with("number:"))
            .unwrap()
            .to_string()
    })
    .collect();
    assert!(numbers[0].starts_with("number: 16-BC/CB"), "{numbers:?}");
    assert!(numbers[1].starts_with("number: 17-BC/CB"), "{numbers:?}");
    assert!(numbers[2].starts_with("number: 18-BC/CB"), "{numbers:?}");
    // Each covers its own period and is dated the day after it: the
    // mid-term report the first half of the term only.
    for (name, period, date) in [
        (
            "tong-ket-nam-2022",
            "period: { from: 2022-01-01, to: 2022-12-31 }",
            "date: 2023-01-01",
        ),
        (
            "so-ket-6-thang-2021",
            "period: { from: 2021-01-01, to: 2021-06-30 }",
            "date: 2021-07-01",
        ),
        (
            "so-ket-giua-nhiem-ky",
            "period: { from: 2020-07-01, to: 2022-12-31 }",
            "date: 2023-01-01",
        ),
    ] {
        let t = site.read(&format!("content/reports/{name}.md"));
        assert!(t.contains(period) && t.contains(date), "{name}:\n{t}");
    }
    // They check clean but for the parts people must write.
    let run = site.run(&["check"]);
    run.ok();
    assert!(
        run.stderr.contains("content/reports/tong-ket-nam-2022.md:"),
        "{}",
        run.stderr
    );
    assert!(
        run.stderr
            .contains("báo cáo còn đoạn đánh dấu [CẦN VIẾT TIẾP…]")
    );
    // A scaffold is never overwritten.
    site.run(&["new", "report", "tong-ket-nam", "--year", "2022"])
        .failed();
    // The figures in the sentences are those of `chibo figures` for 2022.
    let figures = site.run(&[
        "figures",
        "--from",
        "2022-01-01",
        "--to",
        "2022-12-31",
        "--json",
    ]);
    let f: serde_json::Value = serde_json::from_str(&figures.stdout).unwrap();
    // A scaffold is an internal document until `publish: true` is set.
    site.run(&["report", "tong-ket-nam-2022"]).ok();
    let html = site.read("bao-cao/tong-ket-nam-2022/index.html");
    let meetings = f["counts"]["sinh_hoat_thuong_ky"].as_u64().unwrap();
    let admitted = f["people"]["admitted"].as_u64().unwrap();
    assert!(
        html.contains(&format!(
            "tổ chức {meetings:02} kỳ sinh hoạt Chi bộ thường kỳ"
        )),
        "{html}"
    );
    assert!(
        html.contains(&format!("kết nạp Đảng đối với {admitted:02} đảng viên")),
        "{html}"
    );
    // The logs of 2022 hold one meeting: no absence is stated, a mark says
    // why, and `check` warns about it at the report.
    assert!(!html.contains("không có đảng viên nào"), "{html}");
    assert!(
        html.contains("[CẦN KIỂM TRA: nhật ký chưa ghi các tháng"),
        "{html}"
    );
    assert!(
        run.stderr.contains("tong-ket-nam-2022.md:")
            && run
                .stderr
                .contains("cảnh báo: câu chưa có căn cứ trong nhật ký"),
        "{}",
        run.stderr
    );
    assert!(admitted > 0 && meetings > 0);
    // An unknown kind lists the known ones.
    let run = site.run(&["new", "report", "tong-ket"]);
    assert_eq!(run.code, 2, "a usage error");
    assert!(
        run.stderr
            .contains("so-ket-giua-nhiem-ky, tong-ket-nam, so-ket-6-thang"),
        "{}",
        run.stderr
    );
}

#[test]
fn internal_reports_stay_off_the_website_and_are_written_beside_it() {
    let site = report_site();
    let published = site.read("content/reports/so-ket.md");
    site.write(
        "content/reports/noi-bo.md",
        &published
            .replace("publish: true\n", "")
            .replace("number: 15-BC/CB", "number: 16-BC/CB")
            .replace("sơ kết giữa nhiệm kỳ", "kiểm điểm nội bộ"),
    );
    site.run(&["build"]).ok();
    assert!(site.exists("output/bao-cao/so-ket/index.html"));
    assert!(!site.exists("output/bao-cao/noi-bo"));
    for file in [
        "output/sitemap.xml",
        "output/bao-cao/index.html",
        "output/feed.xml",
    ] {
        if site.exists(file) {
            assert!(!site.read(file).contains("noi-bo"), "{file}");
        }
    }
    for entry in walkdir::WalkDir::new(site.path("output/tim-kiem"))
        .into_iter()
        .flatten()
    {
        if entry.file_type().is_file() {
            let text = std::fs::read_to_string(entry.path()).unwrap();
            assert!(!text.contains("kiểm điểm nội bộ") && !text.contains("noi-bo"));
        }
    }
    // `chibo report` writes it into bao-cao/ beside output/, marked as
    // chibo's, and says so; the published one still goes to output/.
    let run = site.run(&["report"]);
    run.ok();
    assert!(run.stdout.contains("Báo cáo nội bộ"), "{}", run.stdout);
    assert!(site.exists("bao-cao/noi-bo/index.html"));
    assert!(site.exists("bao-cao/noi-bo/noi-bo.docx"));
    assert!(site.exists("bao-cao/.chibo-output"));
    assert!(!site.exists("output/bao-cao/noi-bo"));
    assert!(site.exists("output/bao-cao/so-ket/so-ket.docx"));
    // The folder is refused when it holds someone else's files.
    std::fs::remove_dir_all(site.path("bao-cao")).unwrap();
    site.write("bao-cao/ghi-chu.txt", "của người khác");
    let refused = site.run(&["report", "noi-bo"]);
    assert_eq!(refused.code, 1, "{}", refused.stdout);
    assert!(!site.exists("bao-cao/noi-bo"));
}
