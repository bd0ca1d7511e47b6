//! `chibo rollup` run on a committee folder of fixture cells: the totals
//! equal the sum of each counted cell's own `figures --json`; a cell whose
//! logs miss a month is shown and not added; a broken cell is reported
//! with its located errors while the others count; no member's name from
//! any cell reaches any output; the spreadsheet LibreOffice reads holds
//! the JSON's numbers.

mod common;

use std::path::Path;

use common::{Run, Site};
use serde_json::Value;

/// Names written in the cells' registers, meeting papers and entries:
/// none may appear in the roll-up.
const NAMES: &[&str] = &[
    "Hà Thị Bảo Mật",
    "Nông Văn Kín",
    "Lục Thị Riêng",
    "Hoàng Văn Vắng",
    "Ma Thị Ẩn",
    "Đinh Văn Giấu",
];

/// A cell at `rel` named `name`: a regular meeting every month of 2023
/// but `gap`, attendance `present` of 20, a committee meeting each
/// quarter, an admission, an inspection, and the year's rating.
fn cell(root: &Site, rel: &str, name: &str, present: u32, gap: Option<u32>, level: &str) {
    let yaml = common::SITE_YAML
        .replace("  name: Chi bộ Sở Tư pháp", &format!("  name: {name}"))
        .replace(
            "term: { from: 2020-07-01, to: 2025-06-30, label: \"2020 - 2025\" }",
            "term: { from: 2023-01-01, to: 2027-12-31, label: \"2023 - 2027\" }",
        );
    root.write(
        &format!("{rel}/site.yaml"),
        &format!("{yaml}targets:\n  - {{ indicator: sinh_hoat_thuong_ky, scope: year, value: 12 }}\n  - {{ indicator: cell_level, scope: year, value: httnv }}\n"),
    );
    root.write(&format!("{rel}/content/documents.yaml"), common::DOCUMENTS);
    let mut log = String::new();
    for m in (1..=12).filter(|m| Some(*m) != gap) {
        log.push_str(&format!(
            "- kind: sinh_hoat_thuong_ky\n  date: 2023-{m:02}-10 14:00\n  attendance: {{ total: 20, present: {} }}\n",
            match m {
                3 => 19, // one absent, named below
                6 => present - 1,
                _ => present,
            }
        ));
        if m == 3 {
            // The meeting's papers name the absent and a guest.
            log.push_str(&format!(
                "  absent: [{{ name: {}, reason: ốm }}]\n  guests: [{{ name: {}, post: Ủy viên }}]\n",
                NAMES[3], NAMES[4]
            ));
        }
        if m % 3 == 0 {
            log.push_str(&format!("- kind: cap_uy\n  date: 2023-{m:02}-05\n"));
        }
    }
    log.push_str(&format!(
        "- kind: ket_nap\n  date: 2023-05-19\n  members: [{}, {}]\n- kind: kiem_tra\n  date: 2023-08-15\n  subjects: 1\n- kind: xep_loai\n  date: 2023-12-20\n  year: 2023\n  cell_level: {level}\n  members: {{ hoan_thanh_xuat_sac: 2, hoan_thanh_tot: 15, hoan_thanh: 3 }}\n",
        NAMES[5], NAMES[2]
    ));
    root.write(&format!("{rel}/content/activities/2023.yaml"), &log);
    root.write(
        &format!("{rel}/content/dang-vien.yaml"),
        &format!(
            "- id: dv-01\n  name: {}\n  post: bi_thu\n  admitted: {{ date: 2001-03-01, decision: 12-QĐ/ĐUK }}\n  ceremony: 2001-03-20\n  official: 2002-03-21\n- id: dv-02\n  name: {}\n  post: dang_vien\n  admitted: {{ date: 2010-05-01, decision: 40-QĐ/ĐUK }}\n  ceremony: 2010-05-19\n  official: 2011-05-20\n",
            NAMES[0], NAMES[1]
        ),
    );
}

/// The committee: one cell named on its own, a folder of three more (one
/// missing February, one broken).
fn committee() -> Site {
    let root = Site::empty();
    root.write(
        "dang-uy/rollup.yaml",
        "unit: { name: Đảng ủy Khối các cơ quan tỉnh, superior: Tỉnh ủy Lạng Sơn, issuer_code: ĐUK, place: Lạng Sơn }\nterm: { from: 2020-10-01, to: 2025-09-30, label: \"2020 - 2025\" }\ncells:\n  - ../chi-bo-tu-phap\n  - ../cac-chi-bo/\n",
    );
    cell(
        &root,
        "chi-bo-tu-phap",
        "Chi bộ Sở Tư pháp",
        19,
        None,
        "hoan_thanh_tot",
    );
    cell(
        &root,
        "cac-chi-bo/a-y-te",
        "Chi bộ Sở Y tế",
        17,
        None,
        "hoan_thanh_xuat_sac",
    );
    cell(
        &root,
        "cac-chi-bo/b-noi-vu",
        "Chi bộ Sở Nội vụ",
        18,
        Some(2),
        "hoan_thanh",
    );
    cell(
        &root,
        "cac-chi-bo/c-dan-toc",
        "Chi bộ Ban Dân tộc",
        18,
        None,
        "hoan_thanh_tot",
    );
    // Broken: an entry of no known kind, a bad date, a registered name
    // where a number belongs (its message quotes it), and 27 more bad
    // dates: 30 errors.
    let log = root.read("cac-chi-bo/c-dan-toc/content/activities/2023.yaml");
    root.write(
        "cac-chi-bo/c-dan-toc/content/activities/2023.yaml",
        &format!("{log}- kind: hop_mat\n  date: 2023-09-01\n- kind: kiem_tra\n  date: 2023-02-30\n  subjects: 1\n- kind: giam_sat_thuong_xuyen\n  date: 2023-04-01\n  coverage_percent: {}\n{}", NAMES[0], "- kind: kiem_tra\n  date: 2023-13-01\n  subjects: 1\n".repeat(27)),
    );
    root
}

fn chibo(root: &Path, args: &[&str]) -> Run {
    Run::from(
        std::process::Command::new(env!("CARGO_BIN_EXE_chibo"))
            .arg("--root")
            .arg(root)
            .args(args)
            .output()
            .expect("run chibo"),
    )
}

const PERIOD: [&str; 4] = ["--from", "2023-01-01", "--to", "2023-12-31"];

fn rollup_json(site: &Site) -> (Value, Run) {
    let mut args = vec!["rollup", "--json"];
    args.extend(PERIOD);
    let run = chibo(&site.path("dang-uy"), &args);
    let v = serde_json::from_str(&run.stdout).unwrap_or_else(|e| panic!("{e}: {}", run.stdout));
    (v, run)
}

fn no_names(what: &str, text: &str) {
    for n in NAMES {
        assert!(!text.contains(n), "{n} in the roll-up's {what}:\n{text}");
    }
}

#[test]
fn the_totals_are_the_sum_of_each_counted_cells_own_figures() {
    let site = committee();
    let (r, run) = rollup_json(&site);
    assert_eq!(
        run.code, 1,
        "a broken cell makes the run fail: {}",
        run.stderr
    );
    let names: Vec<&str> = r["cells"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| c["name"].as_str().unwrap())
        .collect();
    assert_eq!(
        names,
        ["Chi bộ Sở Tư pháp", "Chi bộ Sở Y tế", "Chi bộ Sở Nội vụ"],
        "in the order of rollup.yaml, a folder's cells by name: {}",
        run.stderr
    );
    let t = &r["totals"];
    assert_eq!(
        (t["cells"].as_u64(), t["read"].as_u64()),
        (Some(4), Some(3))
    );
    assert_eq!(
        (t["counted"].as_u64(), t["not_covered"].as_u64()),
        (Some(2), Some(1))
    );
    assert_eq!(t["broken"], 1);
    // Each counted cell's own figures, by `chibo figures --json`.
    let mut want_counts = serde_json::Map::new();
    let (mut admitted, mut inspected, mut rates, mut meetings) = (0, 0, 0.0, 0);
    let mut lowest = f64::MAX;
    for rel in ["chi-bo-tu-phap", "cac-chi-bo/a-y-te"] {
        let mut args = vec!["figures", "--json"];
        args.extend(PERIOD);
        let run = chibo(&site.path(rel), &args);
        assert_eq!(run.code, 0, "{}", run.stderr);
        let f: Value = serde_json::from_str(&run.stdout).unwrap();
        for (k, v) in f["counts"].as_object().unwrap() {
            let sum = want_counts.get(k).and_then(Value::as_u64).unwrap_or(0) + v.as_u64().unwrap();
            want_counts.insert(k.clone(), sum.into());
        }
        admitted += f["people"]["admitted"].as_u64().unwrap();
        inspected += f["people"]["inspected"].as_u64().unwrap();
        let n = f["attendance"]["meetings"].as_u64().unwrap();
        meetings += n;
        rates += f["attendance"]["average_percent"].as_f64().unwrap() * n as f64;
        lowest = lowest.min(f["attendance"]["min_percent"].as_f64().unwrap());
    }
    assert_eq!(t["counts"], Value::Object(want_counts));
    assert_eq!(t["counts"]["sinh_hoat_thuong_ky"], 24);
    assert_eq!(t["people"]["admitted"], admitted);
    assert_eq!(t["people"]["inspected"], inspected);
    assert_eq!(t["attendance"]["meetings"], meetings);
    let avg = t["attendance"]["average_percent"].as_f64().unwrap();
    assert!((avg - rates / meetings as f64).abs() < 1e-9, "{avg}");
    assert_eq!(t["attendance"]["min_percent"].as_f64().unwrap(), lowest);
    // The cell that missed February: shown with its own figures, marked,
    // not added.
    let short = &r["cells"][2];
    assert_eq!(short["counted"], false);
    assert_eq!(
        short["coverage"]["uncovered"],
        serde_json::json!(["2023-02"])
    );
    assert_eq!(short["counts"]["sinh_hoat_thuong_ky"], 11);
    // Levels and registers count every cell read.
    assert_eq!(
        t["cells_by_level"]["2023"],
        serde_json::json!({"hoan_thanh_xuat_sac": 1, "hoan_thanh_tot": 1, "hoan_thanh": 1, "khong_hoan_thanh": 0, "chua_xep_loai": 0})
    );
    assert_eq!(t["members_by_level"]["2023"]["hoan_thanh_tot"], 45);
    assert_eq!(t["register"]["total"], 6);
    assert_eq!(t["cells_with_register"], 3);
    // Twelve meetings and a level of "tốt" or better: two of three.
    assert_eq!(t["cells_all_targets_met"], 2);
    assert_eq!(r["cells"][0]["targets"]["met"], 2);

    // The broken cell: its path and its errors, located in its folder.
    let broken = &r["broken"][0];
    assert_eq!(broken["path"], "../cac-chi-bo/c-dan-toc");
    assert_eq!(broken["error_count"], 30);
    assert!(
        run.stderr.contains(
            "  … và 10 lỗi khác: chạy `chibo check` trong thư mục ../cac-chi-bo/c-dan-toc"
        ),
        "the first 20 are shown: {}",
        run.stderr
    );
    let errors: Vec<&str> = broken["errors"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e.as_str().unwrap())
        .collect();
    assert!(
        errors
            .iter()
            .any(|e| e.starts_with("content/activities/2023.yaml:")
                && e.contains("`hop_mat` không có")),
        "{errors:?}"
    );
    assert!(
        errors.iter().any(|e| e.contains("2023-02-30")),
        "{errors:?}"
    );
    assert!(
        errors
            .iter()
            .any(|e| e.contains("coverage_percent") && e.contains("[họ tên]")),
        "the quoted name is replaced: {errors:?}"
    );
    assert!(
        run.stderr.contains(
            "Chi bộ `../cac-chi-bo/c-dan-toc` không đọc được (30 lỗi), không tính vào tổng:"
        ),
        "{}",
        run.stderr
    );
}

#[test]
fn the_table_marks_what_it_does_not_add_and_says_no_name() {
    let site = committee();
    let mut args = vec!["rollup"];
    args.extend(PERIOD);
    let run = chibo(&site.path("dang-uy"), &args);
    assert_eq!(run.code, 1);
    for line in [
        "Đảng ủy Khối các cơ quan tỉnh: tổng hợp số liệu các chi bộ từ ngày 01/01/2023 đến ngày 31/12/2023",
        "11/12, thiếu 02/2023: không cộng",
        "Chi bộ có nhật ký sinh hoạt thường kỳ đủ mọi tháng (được cộng vào tổng): 2/4",
        "Chưa đủ số liệu, không cộng vào tổng: Chi bộ Sở Nội vụ (chưa có: 02/2023)",
        "Không đọc được (xem lỗi ở trên): ../cac-chi-bo/c-dan-toc",
        "Xếp loại chi bộ năm 2023 (3 chi bộ đọc được): HTXSNV 1, HTTNV 1, HTNV 1",
        "Chi bộ đạt mọi chỉ tiêu: 2/3 chi bộ có chỉ tiêu",
    ] {
        assert!(run.stdout.contains(line), "{line}\nnot in:\n{}", run.stdout);
    }
    let total = run
        .stdout
        .lines()
        .find(|l| l.contains("Cộng (2 chi bộ đủ số liệu)"))
        .unwrap();
    assert!(
        total.contains("| 24 |") || total.contains(" 24 |"),
        "{total}"
    );
    no_names("table", &run.stdout);
    no_names("messages", &run.stderr);
    let (json, run) = rollup_json(&site);
    no_names("JSON", &json.to_string());
    no_names("messages", &run.stderr);
}

#[test]
fn a_mistake_in_rollup_yaml_is_located_and_the_other_cells_still_count() {
    let site = committee();
    site.write(
        "dang-uy/rollup.yaml",
        "unit: { name: Đảng ủy Khối các cơ quan tỉnh, issuer_code: ĐUK }\nterm: { from: 2020-10-01, to: 2025-09-30 }\ncells:\n  - ../chi-bo-tu-phap\n  - ../chi-bo-khong-co\n  - ../chi-bo-tu-phap/\n  - ../dang-uy\n",
    );
    let mut args = vec!["rollup", "--json"];
    args.extend(PERIOD);
    let run = chibo(&site.path("dang-uy"), &args);
    assert_eq!(run.code, 1);
    for msg in [
        "rollup.yaml:5:5: không tìm thấy thư mục `../chi-bo-khong-co`",
        "rollup.yaml:6:5: chi bộ `../chi-bo-tu-phap` được kê hai lần",
        "rollup.yaml:7:5: `../dang-uy` không phải trang của một chi bộ",
    ] {
        assert!(run.stderr.contains(msg), "{msg}\nnot in:\n{}", run.stderr);
    }
    let v: Value = serde_json::from_str(&run.stdout).unwrap();
    assert_eq!(v["totals"]["counted"], 1);
    assert_eq!(v["totals"]["counts"]["sinh_hoat_thuong_ky"], 12);
    // Another command in the roll-up folder: said what the folder is for.
    let run = chibo(&site.path("dang-uy"), &["build"]);
    assert_eq!(run.code, 1);
    assert!(
        run.stderr.contains("là thư mục tổng hợp của cấp ủy cấp trên (rollup.yaml), không phải trang của một chi bộ: ở đây dùng `chibo rollup`"),
        "{}",
        run.stderr
    );
    // Outside a roll-up folder: said, with what to do.
    let run = chibo(&site.path("chi-bo-tu-phap"), &["rollup"]);
    assert_eq!(run.code, 1);
    assert!(
        run.stderr.contains("Không tìm thấy rollup.yaml"),
        "{}",
        run.stderr
    );
}

#[test]
fn the_spreadsheet_libreoffice_reads_holds_the_json_roll_up() {
    if !common::require_tools(&["soffice"]) {
        return;
    }
    let site = committee();
    let xlsx = site.path("tong-hop.xlsx");
    let mut args = vec!["rollup", "--json", "--xlsx", xlsx.to_str().unwrap()];
    args.extend(PERIOD);
    let run = chibo(&site.path("dang-uy"), &args);
    assert_eq!(run.code, 1, "{}", run.stderr);
    let json: Value = serde_json::from_str(&run.stdout).unwrap();
    let book = common::xlsx_sheets(&xlsx);
    for (name, rows) in &book {
        no_names(name, &format!("{rows:?}"));
    }
    let table = &book["Tổng hợp"];
    assert_eq!(
        table[2][0],
        "4 chi bộ: 2 đủ số liệu (được cộng), 1 thiếu tháng (không cộng), 1 không đọc được"
    );
    assert_eq!(table[4][..4], ["TT", "Chi bộ", "Thư mục", "SH thường kỳ"]);
    let col = |head: &str| table[4].iter().position(|h| h == head).unwrap();
    let number = |s: &str| s.trim_end_matches('%').parse::<f64>().unwrap();
    for (i, cell) in json["cells"].as_array().unwrap().iter().enumerate() {
        let row = &table[5 + i];
        assert_eq!(row[1], cell["name"].as_str().unwrap());
        assert_eq!(
            number(&row[col("SH thường kỳ")]),
            cell["counts"]["sinh_hoat_thuong_ky"].as_f64().unwrap()
        );
        let avg = number(&row[col("Dự SH bình quân")]);
        assert!((avg - cell["attendance"]["average_percent"].as_f64().unwrap()).abs() < 1e-6);
    }
    let total = &table[5 + 3];
    assert_eq!(total[1], "Cộng (2 chi bộ đủ số liệu)");
    let t = &json["totals"];
    assert_eq!(
        number(&total[col("SH thường kỳ")]),
        t["counts"]["sinh_hoat_thuong_ky"].as_f64().unwrap()
    );
    assert_eq!(
        number(&total[col("Kết nạp")]),
        t["people"]["admitted"].as_f64().unwrap()
    );
    let avg = number(&total[col("Dự SH bình quân")]);
    assert!((avg - t["attendance"]["average_percent"].as_f64().unwrap()).abs() < 1e-6);
    let levels = &book["Xếp loại"];
    assert_eq!(levels[5][..7], ["2023", "Chi bộ", "1", "1", "1", "0", "0"]);
    let broken = &book["Chi bộ lỗi"];
    assert_eq!(broken[5][0], "../cac-chi-bo/c-dan-toc");
}

#[test]
fn the_committees_report_is_drafted_over_its_cells_and_printed_from_them() {
    let site = committee();
    let dir = site.path("dang-uy");
    let run = chibo(&dir, &["new", "report", "tong-ket-nam", "--year", "2023"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(
        run.stdout.contains("báo cáo số 01-BC/ĐUK"),
        "{}",
        run.stdout
    );
    assert!(
        run.stderr.contains("1 chi bộ chưa có nhật ký đủ các tháng và 1 chi bộ không đọc được: các con số chỉ cộng 2/4 chi bộ"),
        "{}",
        run.stderr
    );
    let draft = site.read("dang-uy/content/reports/tong-ket-nam-2023.md");
    assert!(draft.contains("number: 01-BC/ĐUK"), "{draft}");
    assert!(draft.contains("on_behalf: T/M ĐẢNG ỦY"), "{draft}");
    assert!(
        draft.contains("{{ tong_hop.totals.counts.sinh_hoat_thuong_ky }}"),
        "figures are expressions: {draft}"
    );
    assert!(draft.contains("{{ bang_tong_hop() }}"), "{draft}");
    let run = chibo(&dir, &["report"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let html = site.read("dang-uy/bao-cao/tong-ket-nam-2023/index.html");
    let text = common::visible_text(&html);
    for said in [
        "Số 01-BC/ĐUK",
        "Tỉnh ủy Lạng Sơn",
        "Trong 2 chi bộ có nhật ký đủ các tháng (còn 2 chi bộ chưa đủ số liệu hoặc không đọc được, chưa tính), các chi bộ tổ chức 24 kỳ sinh hoạt thường kỳ",
        "kết nạp 4 đảng viên mới",
        "Năm 2023, trong 3 chi bộ đã tổng hợp: 1 chi bộ hoàn thành xuất sắc nhiệm vụ, 1 chi bộ hoàn thành tốt nhiệm vụ, 1 chi bộ hoàn thành nhiệm vụ",
        "Chưa đọc được số liệu của 1 chi bộ: ../cac-chi-bo/c-dan-toc.",
        "T/M ĐẢNG ỦY",
    ] {
        assert!(text.contains(said), "{said}\nnot in:\n{text}");
    }
    // Not every cell is covered: no "không có … kỷ luật".
    assert!(!text.contains("Không có đảng viên bị kỷ luật"), "{text}");
    assert!(html.contains("<tr class=\"total\">"), "the totals' row");
    no_names("report", &html);
    let docx =
        common::docx_text(&site.path("dang-uy/bao-cao/tong-ket-nam-2023/tong-ket-nam-2023.docx"));
    assert!(docx.contains("Cộng (2 chi bộ đủ số liệu)"), "{docx}");
    assert!(docx.contains("Chi bộ Sở Y tế"), "{docx}");
    no_names("Word file", &docx);
}
