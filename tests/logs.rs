//! Activity logs → figures (`chibo figures`), their validation, figures in
//! articles, and news written from log entries.

mod common;

use common::Site;
use unicode_normalization::UnicodeNormalization;

/// Logs whose figures are computed by hand in the test below.
fn logs(site: &Site) {
    // A list file, with entries on both period bounds and just outside.
    site.write(
        "content/activities/2021.yaml",
        "- kind: cap_uy\n  date: 2020-12-31\n- kind: cap_uy\n  date: 2021-01-01 08:00\n- kind: sinh_hoat_thuong_ky\n  date: 2021-01-10 14:00\n  attendance: { total: 26, exempt: 1, present: 23 }\n- kind: sinh_hoat_thuong_ky\n  date: 2021-02-10\n  attendance: { total: 26, exempt: 1, present: 25, excused: 0 }\n- kind: lop_nhan_thuc\n  date: 2021-03-01\n  participants: 4\n- kind: lop_nhan_thuc\n  date: 2021-09-01\n  participants: [Nguyễn Văn A, Trần Thị B]\n- kind: ky_luat\n  date: 2021-12-30\n  subjects: 0\n- kind: giam_sat_thuong_xuyen\n  date: 2021-12-31\n  coverage_percent: 100\n",
    );
    // A single-entry file, CRLF with a BOM.
    site.write_bytes(
        "content/activities/ket-nap.yaml",
        "\u{feff}kind: ket_nap\r\ndate: 2022-06-15 15:00\r\nmembers: [Lê Văn C, Phạm Thị D]\r\n"
            .as_bytes(),
    );
    // An NFD file (typed on a Mac).
    let nfd: String = "- kind: kiem_tra\n  date: 2022-07-01\n  subjects: [Hoàng Văn Đức]\n  result: Chấp hành tốt\n- kind: giam_sat_chuyen_de\n  date: 2022-12-31\n  subjects: 3\n- kind: chuyen_de\n  date: 2023-01-01\n  topic: Sau kỳ\n".nfd().collect();
    site.write("content/activities/nfd.yaml", &nfd);
}

#[test]
fn figures_json_matches_figures_computed_by_hand() {
    let site = Site::new();
    logs(&site);
    let run = site.run(&[
        "figures",
        "--from",
        "2021-01-01",
        "--to",
        "2022-12-31",
        "--json",
    ]);
    run.ok();
    let v: serde_json::Value = serde_json::from_str(&run.stdout).expect("JSON");
    assert_eq!(v["period"]["from"], "2021-01-01");
    assert_eq!(v["period"]["to"], "2022-12-31");
    assert_eq!(
        v["counts"]["cap_uy"], 1,
        "2020-12-31 is outside, 2021-01-01 inside"
    );
    assert_eq!(v["counts"]["sinh_hoat_thuong_ky"], 2);
    assert_eq!(v["counts"]["chuyen_de"], 0, "2023-01-01 is outside");
    assert_eq!(v["counts"]["giam_sat_chuyen_de"], 1, "2022-12-31 is inside");
    assert_eq!(v["counts"].as_object().unwrap().len(), 14);
    assert_eq!(v["counts"]["khac"], 0);
    assert_eq!(
        v["by_year"].as_object().unwrap().keys().collect::<Vec<_>>(),
        ["2021", "2022"]
    );
    assert_eq!(v["by_year"]["2021"]["sinh_hoat_thuong_ky"], 2);
    assert_eq!(v["by_year"]["2022"]["ket_nap"], 1);
    assert_eq!(v["by_year"]["2022"]["dan_van"], 0);
    // 23/25 = 92 %, 25/25 = 100 %.
    assert_eq!(v["attendance"]["meetings"], 2);
    assert_eq!(v["attendance"]["average_percent"], 96);
    assert_eq!(v["attendance"]["min_percent"], 92);
    assert_eq!(v["people"]["awareness_class"], 6, "4 by count + 2 by name");
    assert_eq!(v["people"]["admitted"], 2);
    assert_eq!(v["people"]["transferred"], 0);
    assert_eq!(v["people"]["supervised_thematic"], 3);
    assert_eq!(v["people"]["inspected"], 1);
    assert_eq!(v["people"]["disciplined"], 0);
    assert_eq!(
        v["counts"]["ky_luat"], 1,
        "an explicit 'no case' entry is still recorded"
    );
    assert_eq!(v["supervision_coverage_percent"], 100);
}

#[test]
fn figures_of_an_empty_period_are_zero_and_null() {
    let site = Site::new();
    logs(&site);
    let run = site.run(&[
        "figures",
        "--from",
        "2024-01-01",
        "--to",
        "2024-03-31",
        "--json",
    ]);
    let v: serde_json::Value = serde_json::from_str(&run.stdout).unwrap();
    assert_eq!(v["counts"]["cap_uy"], 0);
    assert!(v["attendance"]["average_percent"].is_null());
    assert!(v["attendance"]["min_percent"].is_null());
    assert!(v["supervision_coverage_percent"].is_null());
}

#[test]
fn figures_table_is_in_vietnamese_and_defaults_to_the_term() {
    let site = Site::new();
    logs(&site);
    let run = site.run(&["figures"]);
    run.ok();
    // The term so far, as far as the logs go: to the end of the month of
    // the last entry (2023-01-01), not to the term's end.
    assert!(
        run.stdout
            .starts_with("Số liệu từ ngày 01/7/2020 đến ngày 31/01/2023"),
        "{}",
        run.stdout
    );
    assert!(
        run.stdout.contains("bình quân 96%, thấp nhất 92%"),
        "{}",
        run.stdout
    );
    // Kinds that count people show people, never entries: the one
    // `ky_luat` entry says `subjects: 0`, which is no case at all.
    let total_of = |label: &str| -> String {
        let line = run
            .stdout
            .lines()
            .find(|l| l.starts_with(label))
            .unwrap_or_else(|| panic!("no row {label:?} in:\n{}", run.stdout));
        line.split_whitespace().last().unwrap().to_string()
    };
    assert_eq!(total_of("Kết nạp đảng viên (đảng viên)"), "2");
    assert_eq!(
        total_of("Lớp bồi dưỡng nhận thức về Đảng (lượt quần chúng)"),
        "6"
    );
    assert_eq!(total_of("Kỷ luật (đảng viên)"), "0");
    assert_eq!(total_of("Quyết định kỷ luật"), "0");
    assert!(
        !run.stdout
            .lines()
            .any(|l| l.starts_with("Kỷ luật ") && l.ends_with(" 1")),
        "{}",
        run.stdout
    );
    // The months the logs do not cover are listed, and warned about.
    assert!(
        run.stdout
            .contains("Nhật ký: 2/31 tháng có mục sinh hoạt thường kỳ"),
        "{}",
        run.stdout
    );
    assert!(
        run.stderr.contains("--from 2020-07-01 --to 2023-01-31: cảnh báo: số liệu từ ngày 01/7/2020 đến ngày 31/01/2023 không đủ căn cứ: 29 trong 31 tháng chưa có nhật ký"),
        "{}",
        run.stderr
    );
    let bad = site.run(&["figures", "--from", "2023-02-30"]);
    assert_eq!(bad.code, 2);
    assert!(
        bad.stderr
            .contains("--from `2023-02-30` không hợp lệ: tháng 2/2023 chỉ có 28 ngày"),
        "{}",
        bad.stderr
    );
}

#[track_caller]
fn check_says(site: &Site, expected: &[&str]) {
    let run = site.run(&["check"]);
    run.failed();
    for e in expected {
        assert!(
            run.stderr.lines().any(|l| l == *e),
            "missing line:\n{e}\nstderr:\n{}",
            run.stderr
        );
    }
}

#[test]
fn log_mistakes_are_located_and_all_reported() {
    let site = Site::new();
    site.write(
        "content/activities/sai.yaml",
        "- kind: sinh_hoat\n  date: 2023-01-05\n- kind: cap_uy\n  date: 2023-01-05\n  topic: x\n- kind: kiem_tra\n  date: 2023-01-05\n  subjects: -2\n- kind: sinh_hoat_thuong_ky\n  date: 2023-01-05\n  attendance: { total: 20, exempt: 2, present: 19 }\n- kind: ket_nap\n  date: 2023-02-30\n  members: [A]\n- kind: hoc_tap\n  date: 2023-03-01\n  documents: [kl-99]\n- kind: lop_nhan_thuc\n  date: 2023-03-02\n  participants: 2\n  photos:\n    - { src: static/anh/khong-co.png, caption: x }\n",
    );
    check_says(
        &site,
        &[
            "content/activities/sai.yaml:1:9: loại hoạt động `sinh_hoat` không có; các loại hợp lệ: cap_uy, sinh_hoat_thuong_ky, chuyen_de, lop_nhan_thuc, ket_nap, chuyen_chinh_thuc, giam_sat_thuong_xuyen, giam_sat_chuyen_de, kiem_tra, ky_luat, hoc_tap, xep_loai, dan_van, khac",
            "content/activities/sai.yaml:5:3: khóa `topic` không hợp lệ trong mục nhật ký; các khóa hợp lệ: kind, date, title, place, chair, documents, note, photos, news, attendance, end, secretary, guests, absent, unexcused, agenda, speakers, previous_tasks, tasks, vote, conclusion, score, resolution",
            "content/activities/sai.yaml:8:13: khóa `subjects` phải là số không âm, không phải `-2`",
            "content/activities/sai.yaml:11:48: `present` (19) lớn hơn số đảng viên phải dự (`total` − `exempt` = 20 − 2 = 18)",
            "content/activities/sai.yaml:13:9: khóa `date`: ngày giờ `2023-02-30` không hợp lệ: tháng 2/2023 chỉ có 28 ngày; hãy viết YYYY-MM-DD hoặc YYYY-MM-DD HH:MM, ví dụ 2023-11-02 15:03",
            "content/activities/sai.yaml:17:15: văn bản `kl-99` không có trong content/documents.yaml; các mã hợp lệ: kl-01-2021",
            "content/activities/sai.yaml:22:14: không tìm thấy ảnh `static/anh/khong-co.png` (tìm ở content/static/anh/khong-co.png)",
        ],
    );
}

#[test]
fn log_warnings_do_not_fail() {
    let site = Site::new();
    site.write(
        "content/activities/a.yaml",
        "- kind: ket_nap\n  date: 2020-08-01\n  members: [Nguyễn Văn A]\n- kind: chuyen_chinh_thuc\n  date: 2021-05-01\n  members: [Nguyen Van A]\n- kind: cap_uy\n  date: 2019-01-01\n",
    );
    let run = site.run(&["check"]);
    run.ok();
    assert!(run.stderr.contains("content/activities/a.yaml:4:3: cảnh báo: chuyển chính thức cho `Nguyen Van A` ngày 01/5/2021 khi chưa đủ 12 tháng dự bị (kết nạp ngày 01/8/2020, đủ 12 tháng từ 01/8/2021)"), "{}", run.stderr);
    assert!(run.stderr.contains("content/activities/a.yaml:7:3: cảnh báo: mục `cap_uy` ngày 01/01/2019 nằm ngoài nhiệm kỳ 2020 - 2025"), "{}", run.stderr);
    assert!(
        run.stderr
            .contains("cảnh báo: tháng 7/2020 không có mục `sinh_hoat_thuong_ky`"),
        "{}",
        run.stderr
    );
}

#[test]
fn new_activity_writes_a_skeleton_that_check_stops_until_it_is_filled() {
    let site = Site::new();
    let run = site.run(&["new", "activity", "sinh_hoat_thuong_ky"]);
    run.ok();
    let rel = run
        .stdout
        .split("Đã tạo ")
        .nth(1)
        .unwrap()
        .split(':')
        .next()
        .unwrap()
        .to_string();
    let text = site.read(&rel);
    assert!(text.contains("kind: sinh_hoat_thuong_ky\n"), "{text}");
    assert!(text.contains("  present: 0        # số có mặt"), "{text}");
    // Left as written, the meeting has no members: check points at it.
    let check = site.run(&["check"]);
    assert_eq!(check.code, 1, "{}", check.stderr);
    assert!(
        check.stderr.contains(&format!(
            "{rel}:8:10: `total` bằng 0: hãy điền tổng số đảng viên"
        )),
        "{}",
        check.stderr
    );
    let text = text.replacen("total: 0 ", "total: 20", 1);
    site.write(&rel, &text);
    let check = site.run(&["check"]);
    assert_eq!(check.code, 0, "{}", check.stderr);
    // A second one does not overwrite the first.
    let again = site.run(&["new", "activity", "sinh_hoat_thuong_ky"]);
    again.ok();
    assert_ne!(again.stdout, run.stdout);
    assert_eq!(site.read(&rel), text);
    let bad = site.run(&["new", "activity", "hop"]);
    assert_eq!(bad.code, 2);
    assert!(bad.stderr.contains("các loại hợp lệ: cap_uy"));
}

#[test]
fn articles_take_their_numbers_from_the_logs() {
    let site = Site::new();
    logs(&site);
    site.write(
        "content/articles/so-lieu.md",
        "---\ntitle: Nhìn lại năm 2021\ndate: 2022-01-05\ncategory: tin-tuc\nfigures: { from: 2021-01-01, to: 2021-12-31 }\n---\nNăm qua Chi bộ cử {{ figures.people.awareness_class | hai_so }} lượt quần chúng học lớp nhận thức; tỷ lệ dự sinh hoạt bình quân {{ figures.attendance.average_percent | so }}%, quý {{ 4 | la_ma }}.\n",
    );
    site.run(&["build"]).ok();
    let html = site.read("output/tin-tuc/nhin-lai-nam-2021/index.html");
    assert!(html.contains("Năm qua Chi bộ cử 06 lượt quần chúng học lớp nhận thức; tỷ lệ dự sinh hoạt bình quân 96%, quý IV."), "{html}");
    // A figure that does not exist is an error at its line.
    site.write(
        "content/articles/so-lieu.md",
        "---\ntitle: Nhìn lại năm 2021\ndate: 2022-01-05\ncategory: tin-tuc\nfigures: { from: 2021-01-01, to: 2021-12-31 }\n---\nDòng một.\n\nCó {{ figures.people.khong_co }} người.\n",
    );
    let run = site.run(&["build"]);
    run.failed();
    let line = run
        .stderr
        .lines()
        .find(|l| l.starts_with("content/articles/so-lieu.md:"))
        .unwrap_or_default();
    assert!(
        line.starts_with("content/articles/so-lieu.md:9:"),
        "{}",
        run.stderr
    );
    assert!(line.contains("khong_co"), "{line}");
}

#[test]
fn entries_with_news_become_articles_without_names() {
    let site = Site::new();
    site.write(
        "content/activities/ket-nap.yaml",
        "kind: ket_nap\ndate: 2023-06-15 15:00\nplace: Phòng họp Sở Tư pháp\nmembers: [Chu Thị Nga, Dương Văn Phúc]\ndocuments: [kl-01-2021]\nphotos:\n  - { src: static/anh/ket-nap.png, caption: Các đảng viên mới chụp ảnh lưu niệm }\nnews:\n  title: Chi bộ kết nạp hai đảng viên mới\n  category: to-chuc-dang\n  tags: [kết nạp đảng viên]\n  author: Hoàng Thị Lan\n  body: |\n    Buổi lễ diễn ra trang trọng.\n",
    );
    site.run(&["build"]).ok();
    let html = site.read("output/to-chuc-dang/chi-bo-ket-nap-hai-dang-vien-moi/index.html");
    assert!(html.contains(
        "<p class=\"lead\">Ngày 15/6/2023, Chi bộ Sở Tư pháp tổ chức Lễ kết nạp 02 đảng viên mới tại Phòng họp Sở Tư pháp, theo Kết luận số 01-KL/TW, ngày 18/5/2021 của Bộ Chính trị.</p>"
    ), "{html}");
    assert!(html.contains("<p>Buổi lễ diễn ra trang trọng.</p>"));
    assert!(html.contains("<figcaption>Các đảng viên mới chụp ảnh lưu niệm</figcaption>"));
    assert!(html.contains("<p class=\"byline\">Hoàng Thị Lan, Chi bộ Sở Tư pháp</p>"));
    assert!(html.contains("02-11-2023") || html.contains("15-06-2023 15:00"));
    assert!(
        !html.contains("Chu Thị Nga") && !html.contains("Dương Văn Phúc"),
        "names are private"
    );
    let index: String = common::tree(&site.path("output/tim-kiem/tu"))
        .into_iter()
        .map(|(_, b)| String::from_utf8(b).unwrap())
        .collect();
    assert!(index.contains("\"kết nạp\""), "{index}");
    assert!(
        !index.contains("\"chu thị\"") && !index.contains("phúc"),
        "names are private"
    );
    // A site template may print them on purpose.
    site.write(
        "templates/news/ket_nap.md",
        "Kết nạp: {{ entry.members | join(sep=\", \") }}.",
    );
    site.run(&["build"]).ok();
    assert!(
        site.read("output/to-chuc-dang/chi-bo-ket-nap-hai-dang-vien-moi/index.html")
            .contains("Kết nạp: Chu Thị Nga, Dương Văn Phúc.")
    );
}

#[test]
fn discipline_and_annual_rating_news_name_their_form_and_level_in_vietnamese() {
    let site = Site::new();
    site.write(
        "content/activities/2023/ky-luat.yaml",
        "- kind: ky_luat\n  date: 2023-03-10\n  subjects: 0\n  news: { title: Chi bộ rà soát công tác kỷ luật quý I, category: to-chuc-dang }\n- kind: ky_luat\n  date: 2023-09-10\n  subjects: [Nguyễn Văn A]\n  form: canh_cao\n  news: { title: Chi bộ thi hành kỷ luật một đảng viên, category: to-chuc-dang }\n- kind: xep_loai\n  date: 2023-12-20\n  year: 2023\n  cell_level: hoan_thanh_tot\n  members: { hoan_thanh_xuat_sac: 3, hoan_thanh_tot: 20 }\n  news: { title: Kết quả xếp loại chất lượng năm 2023, category: to-chuc-dang }\n",
    );
    site.run(&["build"]).ok();
    let lead = |slug: &str| {
        let html = site.read(&format!("output/to-chuc-dang/{slug}/index.html"));
        let start = html.find("<p class=\"lead\">").expect("a lead");
        html[start..][..html[start..].find("</p>").unwrap()].to_string()
    };
    assert_eq!(
        lead("chi-bo-ra-soat-cong-tac-ky-luat-quy-i"),
        "<p class=\"lead\">Ngày 10/3/2023, Chi bộ Sở Tư pháp xem xét công tác kỷ luật: không có đảng viên nào bị xử lý kỷ luật."
    );
    let one = lead("chi-bo-thi-hanh-ky-luat-mot-dang-vien");
    assert_eq!(
        one,
        "<p class=\"lead\">Ngày 10/9/2023, Chi bộ Sở Tư pháp xem xét, thi hành kỷ luật 01 đảng viên bằng hình thức cảnh cáo."
    );
    assert!(!one.contains("Nguyễn Văn A"));
    assert_eq!(
        lead("ket-qua-xep-loai-chat-luong-nam-2023"),
        "<p class=\"lead\">Chi bộ Sở Tư pháp được đánh giá, xếp loại chất lượng năm 2023: Hoàn thành tốt nhiệm vụ."
    );
}
