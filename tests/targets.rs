//! The congress resolution's targets in site.yaml judged by `chibo
//! figures`: met, exceeded, missed, not yet due and not covered by the
//! logs, each from its own fixture; a wrong target located with the valid
//! values.

mod common;

use common::Site;
use serde_json::Value;

/// A cell that held a regular meeting every month of 2023 (one at 80 %
/// attendance, the rest at 95 %) and of 2024 but December; three thematic
/// meetings in 2023; one admission; rated "hoàn thành xuất sắc" for 2023.
fn site(targets: &str) -> Site {
    let site = Site::new();
    // A term that starts with the logs.
    let yaml = site.read("site.yaml").replace(
        "term: { from: 2020-07-01, to: 2025-06-30, label: \"2020 - 2025\" }",
        "term: { from: 2023-01-01, to: 2027-12-31, label: \"2023 - 2027\" }",
    );
    site.write("site.yaml", &format!("{yaml}targets:\n{targets}"));
    let mut log = String::new();
    for (year, months) in [(2023, 12), (2024, 11)] {
        for m in 1..=months {
            let present = if year == 2023 && m == 3 { 16 } else { 19 };
            log.push_str(&format!(
                "- kind: sinh_hoat_thuong_ky\n  date: {year}-{m:02}-10 14:00\n  attendance: {{ total: 20, present: {present} }}\n"
            ));
        }
    }
    for m in [3, 6, 9] {
        log.push_str(&format!(
            "- kind: chuyen_de\n  date: 2023-{m:02}-20\n  topic: Học tập và làm theo Bác\n"
        ));
    }
    log.push_str("- kind: ket_nap\n  date: 2023-05-19\n  members: [Chu Thị Nga]\n");
    log.push_str("- kind: xep_loai\n  date: 2023-12-20\n  year: 2023\n  cell_level: hoan_thanh_xuat_sac\n  members: { hoan_thanh_xuat_sac: 3, hoan_thanh_tot: 15, hoan_thanh: 2 }\n");
    site.write("content/activities/nhat-ky.yaml", &log);
    site
}

fn targets(site: &Site, from: &str, to: &str) -> Vec<Value> {
    let run = site.run(&["figures", "--from", from, "--to", to, "--json"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let v: Value = serde_json::from_str(&run.stdout).unwrap();
    v["targets"].as_array().unwrap().clone()
}

/// The (label, result, status) of each stretch of target `i`.
fn rows(t: &Value) -> Vec<(String, Value, String)> {
    t["results"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| {
            (
                r["label"].as_str().unwrap().to_string(),
                r["result"].clone(),
                r["status"].as_str().unwrap().to_string(),
            )
        })
        .collect()
}

#[test]
fn each_target_is_met_exceeded_missed_not_yet_due_or_not_covered() {
    let site = site(
        "  - { indicator: sinh_hoat_thuong_ky, scope: year, value: 12 }\n  - { indicator: chuyen_de, scope: year, value: 2 }\n  - { indicator: attendance_min_percent, scope: year, value: 90 }\n  - { indicator: ket_nap, scope: term, value: 2 }\n  - { indicator: cell_level, scope: year, value: httnv }\n  - { indicator: members_good_percent, scope: year, value: 90 }\n",
    );
    let t = targets(&site, "2023-01-01", "2024-12-31");
    assert_eq!(t.len(), 6);
    let s = |v: &str| v.to_string();
    // Twelve meetings in 2023: met; eleven logged of 2024, December not
    // logged: not enough data to judge.
    assert_eq!(
        rows(&t[0]),
        [
            (s("Năm 2023"), Value::from(12), s("dat")),
            (s("Năm 2024"), Value::from(11), s("khong_du_so_lieu")),
        ]
    );
    assert_eq!(t[0]["status"], "khong_du_so_lieu");
    // Three thematic meetings against two: exceeded.
    assert_eq!(rows(&t[1])[0], (s("Năm 2023"), Value::from(3), s("vuot")));
    // A meeting at 80 %: the lowest attendance misses 90 %.
    assert_eq!(
        rows(&t[2])[0],
        (s("Năm 2023"), Value::from(80), s("chua_dat"))
    );
    assert_eq!(t[2]["status"], "chua_dat");
    // One admission of two, the term running until 2027.
    assert_eq!(
        rows(&t[3]),
        [(s("Nhiệm kỳ 2023 - 2027"), Value::from(1), s("chua_den_han"))]
    );
    // Rated above the target; 18 of 20 members "tốt" or better is 90 %.
    assert_eq!(
        rows(&t[4])[0],
        (s("Năm 2023"), Value::from("hoan_thanh_xuat_sac"), s("vuot"))
    );
    assert_eq!(rows(&t[4])[1].2, "khong_du_so_lieu", "2024 has no rating");
    assert_eq!(rows(&t[5])[0], (s("Năm 2023"), Value::from(90), s("dat")));
    // The same in words.
    let run = site.run(&["figures", "--from", "2023-01-01", "--to", "2024-12-31"]);
    for line in [
        "Số kỳ sinh hoạt chi bộ thường kỳ, hằng năm: từ 12 trở lên\n  Năm 2023: 12 — Đạt\n  Năm 2024: 11 — Chưa đủ số liệu\n",
        "Tỷ lệ đảng viên dự sinh hoạt thấp nhất (%), hằng năm: từ 90% trở lên\n  Năm 2023: 80% — Chưa đạt\n",
        "Mức xếp loại chất lượng chi bộ, hằng năm: Hoàn thành tốt nhiệm vụ trở lên\n  Năm 2023: Hoàn thành xuất sắc nhiệm vụ — Vượt\n",
    ] {
        assert!(run.stdout.contains(line), "{line}\nnot in:\n{}", run.stdout);
    }

    // While 2024 runs (to 15/11), what is short of the target is not yet
    // due, and November's meeting may still come.
    let t = targets(&site, "2024-01-01", "2024-11-05");
    assert_eq!(
        rows(&t[0]),
        [(s("Năm 2024"), Value::from(10), s("chua_den_han"))]
    );
    assert_eq!(
        rows(&t[4])[0].2,
        "chua_den_han",
        "the year's rating comes in December"
    );
}

#[test]
fn a_wrong_target_is_located_with_the_valid_values() {
    let site = site(
        "  - { indicator: so_buoi_hop, scope: year, value: 12 }\n  - { indicator: ket_nap, scope: quy, value: 1 }\n  - { indicator: attendance_min_percent, scope: year, value: 120 }\n  - { indicator: cell_level, scope: term, value: httnv }\n  - { indicator: cell_level, scope: year, value: tot }\n  - { indicator: ket_nap, scope: term, value: 1.5 }\n",
    );
    let run = site.run(&["check"]);
    assert_eq!(run.code, 1, "{}", run.stderr);
    // Where `needle` is on the `n`-th target's line, as `site.yaml:L:C`.
    let text = site.read("site.yaml");
    let lines: Vec<&str> = text.lines().collect();
    let at = |n: usize, needle: &str| {
        let l = lines.len() - 6 + n;
        let c = lines[l - 1].find(needle).unwrap() + 1;
        format!("site.yaml:{l}:{c}")
    };
    for want in [
        format!(
            "{}: khóa `indicator`: `so_buoi_hop` không phải chỉ tiêu chibo tính được; các chỉ tiêu: sinh_hoat_thuong_ky, cap_uy, chuyen_de,",
            at(1, "so_buoi_hop")
        ),
        format!(
            "{}: khóa `scope`: `quy` không hợp lệ; các giá trị: year, term",
            at(2, "quy")
        ),
        format!(
            "{}: chỉ tiêu `attendance_min_percent`: giá trị phải là một tỷ lệ phần trăm từ 0 đến 100, ví dụ 90",
            at(3, "120")
        ),
        format!(
            "{}: chỉ tiêu `cell_level` xét theo từng năm (xếp loại là hằng năm): hãy ghi `scope: year`",
            at(4, "{")
        ),
        format!(
            "{}: chỉ tiêu `cell_level`: `tot` không phải một mức xếp loại; các mức: htxsnv, httnv, htnv, khtnv, hoan_thanh_xuat_sac,",
            at(5, "tot")
        ),
        format!(
            "{}: chỉ tiêu `ket_nap` là một số đếm: hãy ghi số nguyên, ví dụ 12",
            at(6, "1.5")
        ),
    ] {
        assert!(
            run.stderr.contains(&want),
            "{want}\nnot in:\n{}",
            run.stderr
        );
    }
}

#[test]
fn a_report_sets_the_results_against_the_targets_in_its_page_and_word_file() {
    let site = site(
        "  - { indicator: sinh_hoat_thuong_ky, scope: year, value: 12 }\n  - { indicator: attendance_min_percent, scope: year, value: 90 }\n",
    );
    // The drafted report puts the table first in its results.
    let run = site.run(&["new", "report", "tong-ket-nam", "--year", "2023"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let drafted = std::fs::read_dir(site.path("content/reports"))
        .unwrap()
        .flatten()
        .map(|e| std::fs::read_to_string(e.path()).unwrap())
        .next()
        .unwrap();
    assert!(
        drafted.contains("{{ bang_chi_tieu() }}\n\n{{ bang_so_lieu() }}"),
        "{drafted}"
    );
    site.write(
        "content/reports/tong-ket.md",
        "---\ntype: BÁO CÁO\nsubject: tổng kết công tác năm 2023\nnumber: 20-BC/CB\ndate: 2024-01-05\nperiod: { from: 2023-01-01, to: 2023-12-31 }\nsigner: { on_behalf: T/M CHI BỘ, title: BÍ THƯ, name: Nguyễn Văn An }\n---\n\n## I- Kết quả thực hiện các chỉ tiêu chủ yếu\n\n{{ bang_chi_tieu() }}\n",
    );
    let run = site.run(&["report", "tong-ket"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let html = site.read("bao-cao/tong-ket/index.html");
    for cell in [
        "<caption>Kết quả thực hiện các chỉ tiêu chủ yếu (từ <span class=\"nb\">ngày 01/01/2023</span> đến <span class=\"nb\">ngày 31/12/2023</span>)</caption>",
        "<th>TT</th><th>Chỉ tiêu</th><th>Kết quả</th><th>Đánh giá</th>",
        "<tr><td>1</td><th scope=\"row\">Số kỳ sinh hoạt chi bộ thường kỳ, hằng năm: từ 12 trở lên</th><td>12</td><td>Đạt</td></tr>",
        "<tr><td>2</td><th scope=\"row\">Tỷ lệ đảng viên dự sinh hoạt thấp nhất (%), hằng năm: từ 90% trở lên</th><td>80%</td><td>Chưa đạt</td></tr>",
    ] {
        assert!(html.contains(cell), "{cell}\nnot in:\n{html}");
    }
    let docx = std::fs::read(site.path("bao-cao/tong-ket/tong-ket.docx")).unwrap();
    let mut zip = zip::ZipArchive::new(std::io::Cursor::new(docx)).unwrap();
    let mut xml = String::new();
    std::io::Read::read_to_string(&mut zip.by_name("word/document.xml").unwrap(), &mut xml)
        .unwrap();
    for words in ["Chỉ tiêu", "Đánh giá", "Chưa đạt", "từ 90% trở lên"] {
        assert!(xml.contains(words), "{words} not in the Word file");
    }
}

#[test]
fn the_spreadsheet_libreoffice_reads_holds_the_json_figures() {
    if !common::require_tools(&["soffice"]) {
        return;
    }
    let site = site(
        "  - { indicator: sinh_hoat_thuong_ky, scope: year, value: 12 }\n  - { indicator: attendance_min_percent, scope: year, value: 90 }\n",
    );
    let xlsx = site.path("so-lieu.xlsx");
    let run = site.run(&[
        "figures",
        "--from",
        "2023-01-01",
        "--to",
        "2024-12-31",
        "--json",
        "--xlsx",
        xlsx.to_str().unwrap(),
    ]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let json: Value = serde_json::from_str(&run.stdout).unwrap();
    let book = common::xlsx_sheets(&xlsx);
    let figures = &book["Số liệu"];
    // The period and the coverage first, then the frozen header.
    assert_eq!(
        figures[1][0],
        "Từ ngày 01/01/2023 đến ngày 31/12/2024 (tính từ nhật ký hoạt động)"
    );
    assert_eq!(
        figures[2][0],
        "Nhật ký: 23/24 tháng có mục sinh hoạt thường kỳ; chưa có: 12/2024"
    );
    assert_eq!(figures[4], ["Nội dung", "2023", "2024", "Cả giai đoạn"]);
    let row = |label: &str| {
        figures
            .iter()
            .find(|r| r[0] == label)
            .unwrap_or_else(|| panic!("no row {label}: {figures:?}"))
            .clone()
    };
    let number = |s: &str| s.trim_end_matches('%').parse::<f64>().unwrap();
    let meetings = row("Sinh hoạt chi bộ thường kỳ (số lần)");
    assert_eq!(
        number(&meetings[1]),
        json["by_year"]["2023"]["sinh_hoat_thuong_ky"]
            .as_f64()
            .unwrap()
    );
    assert_eq!(
        number(&meetings[2]),
        json["by_year"]["2024"]["sinh_hoat_thuong_ky"]
            .as_f64()
            .unwrap()
    );
    assert_eq!(
        number(&meetings[3]),
        json["counts"]["sinh_hoat_thuong_ky"].as_f64().unwrap()
    );
    let admitted = row("Kết nạp đảng viên (số người)");
    assert_eq!(
        number(&admitted[3]),
        json["people"]["admitted"].as_f64().unwrap()
    );
    // Shares are percent cells: Calc gives the value with its sign.
    let average = row("Tỷ lệ đảng viên dự sinh hoạt, bình quân");
    assert!(average[3].ends_with('%'), "{average:?}");
    let want = json["attendance"]["average_percent"].as_f64().unwrap();
    assert!(
        (number(&average[3]) - want).abs() < 1e-6,
        "{average:?} against {want}"
    );
    // The targets, a row per year, as the JSON judges them.
    let targets = &book["Chỉ tiêu"];
    assert_eq!(
        targets[4],
        ["TT", "Chỉ tiêu", "Năm / nhiệm kỳ", "Kết quả", "Đánh giá"]
    );
    assert_eq!(
        targets[5],
        [
            "1",
            "Số kỳ sinh hoạt chi bộ thường kỳ, hằng năm: từ 12 trở lên",
            "Năm 2023",
            "12",
            "Đạt"
        ]
    );
    assert_eq!(targets[6][3..], ["11", "Chưa đủ số liệu"]);
    assert_eq!(targets[7][2..], ["Năm 2023", "80%", "Chưa đạt"]);
    assert_eq!(json["targets"][1]["results"][0]["status"], "chua_dat");
}

#[test]
fn transfers_on_time_count_who_was_due_and_who_was_considered_by_the_last_working_day() {
    use common::register;
    let judged = |considered: &str| {
        let site = register::site();
        let yaml = site.read("site.yaml");
        site.write(
            "site.yaml",
            &format!("{yaml}targets:\n  - {{ indicator: transfers_on_time_percent, scope: year, value: 100 }}\n"),
        );
        // Every month of 2025 logged; member 26's 12 months of probation
        // end on 2/9/2025, so the cell has until the 30th working day after.
        let mut log = site.read(register::LOG);
        for m in 2..=12 {
            log.push_str(&format!(
                "\n- kind: sinh_hoat_thuong_ky\n  date: 2025-{m:02}-10 14:00\n  attendance: {{ total: 29, exempt: 1, present: 28 }}\n"
            ));
        }
        log.push_str(&format!(
            "\n- kind: chuyen_chinh_thuc\n  date: {considered}\n  members: [{}]\n  decision: 41-QĐ/ĐUK\n",
            register::name(26)
        ));
        site.write(register::LOG, &log);
        let run = site.run(&[
            "figures",
            "--from",
            "2025-01-01",
            "--to",
            "2025-12-31",
            "--json",
        ]);
        assert_eq!(run.code, 0, "{}", run.stderr);
        let f: Value = serde_json::from_str(&run.stdout).unwrap();
        (
            f["register"]["transfers_due"].clone(),
            f["register"]["transfers_on_time"].clone(),
            rows(&f["targets"][0])[0].clone(),
        )
    };
    let s = |v: &str| v.to_string();
    assert_eq!(
        judged("2025-09-15"),
        (
            Value::from(1),
            Value::from(1),
            (s("Năm 2025"), Value::from(100), s("dat"))
        )
    );
    assert_eq!(
        judged("2025-11-20"),
        (
            Value::from(1),
            Value::from(0),
            (s("Năm 2025"), Value::from(0), s("chua_dat"))
        ),
        "considered after the 30th working day"
    );
}
