//! `chibo new article "…" --figures …`: a term review drafted from the
//! logs, whose every number is an expression over the figures.

mod common;

use common::Site;

/// Two whole years of a cell's work: a committee and a regular meeting
/// every month, a thematic meeting every quarter, a study session in 2021,
/// two admissions and a no-discipline entry in 2022.
fn two_years(site: &Site, skip_2022_march_meeting: bool) {
    let mut log = String::new();
    for year in [2021, 2022] {
        for month in 1..=12 {
            log.push_str(&format!(
                "- kind: cap_uy\n  date: {year}-{month:02}-03\n  attendance: {{ total: 3, present: 3 }}\n"
            ));
            if !(skip_2022_march_meeting && year == 2022 && month == 3) {
                let present = if month == 6 { 21 } else { 24 };
                log.push_str(&format!(
                    "- kind: sinh_hoat_thuong_ky\n  date: {year}-{month:02}-10\n  attendance: {{ total: 25, exempt: 1, present: {present} }}\n  rating: tot\n"
                ));
            }
            if month % 3 == 0 {
                log.push_str(&format!(
                    "- kind: chuyen_de\n  date: {year}-{month:02}-20\n  topic: Học tập và làm theo Bác\n"
                ));
            }
        }
    }
    log.push_str("- kind: hoc_tap\n  date: 2021-06-15\n  documents: [kl-01-2021]\n  audience: toàn thể đảng viên Chi bộ\n- kind: ket_nap\n  date: 2022-06-15\n  members: [Chu Thị Nga, Dương Văn Phúc]\n- kind: ky_luat\n  date: 2022-12-20\n  subjects: 0\n");
    site.write("content/activities/nhat-ky.yaml", &log);
}

/// The built text of a drafted article, tags stripped.
fn drafted(site: &Site, title: &str, spec: &str) -> String {
    let run = site.run(&["new", "article", title, "--figures", spec, "-q"]);
    run.ok();
    let rel = run.stdout.trim().to_string();
    let source = site.read(&rel);
    assert!(source.contains("figures: { from: "), "{source}");
    // Numbers are expressions, never literals.
    let body = source.split("---\n").nth(2).unwrap();
    assert!(
        !body.contains(" 12 kỳ"),
        "a literal number in the draft:\n{body}"
    );
    site.run(&["build", "--drafts"]).ok();
    let slug = chibo::vn::slugify(title);
    let html = site.read(&format!("output/to-chuc-dang/{slug}/index.html"));
    let text = html
        .split("<div class=\"body\">")
        .nth(1)
        .unwrap_or(&html)
        .split("<p class=\"byline\">")
        .next()
        .unwrap()
        .to_string();
    let mut plain = String::new();
    let mut in_tag = false;
    for c in text.chars() {
        match c {
            '<' => in_tag = true,
            '>' => in_tag = false,
            c if !in_tag => plain.push(c),
            _ => {}
        }
    }
    plain.replace("&quot;", "\"")
}

#[test]
fn a_two_year_review_states_the_figures_of_each_year_and_of_the_whole() {
    let site = Site::new();
    two_years(&site, false);
    let text = drafted(
        &site,
        "Nhìn lại hai năm công tác xây dựng Đảng",
        "2021-01-01:2022-12-31",
    );
    for want in [
        "từ ngày 01/01/2021 đến ngày 31/12/2022",
        "Trong kỳ, Chi bộ tổ chức 01 đợt học tập, quán triệt nghị quyết, chỉ thị, văn bản của Đảng cho toàn thể đảng viên Chi bộ.",
        // Kết luận 01-KL/TW is on following Hồ Chí Minh: cited there, once.
        "phong cách Hồ Chí Minh được đưa vào sinh hoạt của Chi bộ: thực hiện Kết luận số 01-KL/TW, ngày 18/5/2021 của Bộ Chính trị",
        ", Chi bộ có 01 hoạt động.",
        // "Hằng năm" for what every year has alike, thematic meetings too;
        // the totals said as totals.
        "Hằng năm, Chi bộ tổ chức 12 kỳ sinh hoạt cấp ủy, 12 kỳ sinh hoạt Chi bộ thường kỳ, 04 kỳ sinh hoạt chuyên đề. Cả giai đoạn, Chi bộ tổ chức 24 kỳ sinh hoạt cấp ủy, 24 kỳ sinh hoạt Chi bộ thường kỳ, 08 kỳ sinh hoạt chuyên đề.",
        "Tỷ lệ đảng viên tham gia sinh hoạt đạt trên 87% (bình quân",
        "có 24 kỳ xếp loại tốt.",
        "trao Quyết định kết nạp Đảng đối với 02 đảng viên",
        "Trong kỳ, không có đảng viên nào vi phạm phải xử lý kỷ luật.",
        "[CẦN VIẾT TIẾP",
    ] {
        assert!(text.contains(want), "missing {want:?} in:\n{text}");
    }
    // Sections with nothing logged are left out, not printed as zeros.
    for absent in [
        "Công tác dân vận",
        "lớp bồi dưỡng",
        "xếp loại chất lượng tổ chức",
        "0 kỳ",
        "00 đảng viên",
    ] {
        assert!(!text.contains(absent), "{absent:?} in:\n{text}");
    }
    assert!(!text.contains("Chu Thị Nga"), "names stay private");
    // check passes, with the completion marker as its only word on the draft.
    let check = site.run(&["check"]);
    check.ok();
    let about_draft: Vec<&str> = check
        .stderr
        .lines()
        .filter(|l| l.contains("nhin-lai-hai-nam"))
        .collect();
    assert_eq!(about_draft.len(), 1, "{}", check.stderr);
    assert!(about_draft[0].contains("cảnh báo: bài còn đoạn đánh dấu [CẦN VIẾT TIẾP…]"));
}

#[test]
fn one_year_reads_without_per_year_wording_and_a_corrected_log_changes_the_text() {
    let site = Site::new();
    two_years(&site, false);
    let year = drafted(&site, "Tổng kết công tác năm 2022", "2022");
    assert!(
        year.contains("Chi bộ tổ chức 12 kỳ sinh hoạt cấp ủy, 12 kỳ sinh hoạt Chi bộ thường kỳ, 04 kỳ sinh hoạt chuyên đề."),
        "{year}"
    );
    assert!(!year.contains("Hằng năm"));
    assert!(
        !year.contains("học tập, quán triệt"),
        "no study logged in 2022: {year}"
    );

    // The log is corrected (one 2022 meeting was never held): the same
    // built article now says so, year by year.
    two_years(&site, true);
    site.run(&["build", "--drafts"]).ok();
    let html = site.read("output/to-chuc-dang/tong-ket-cong-tac-nam-2022/index.html");
    assert!(
        html.contains("12 kỳ sinh hoạt cấp ủy, 11 kỳ sinh hoạt Chi bộ thường kỳ"),
        "{html}"
    );
    let both = drafted(&site, "Hai năm nhìn lại", "2021-01-01:2022-12-31");
    assert!(
        both.contains("Hằng năm, Chi bộ tổ chức 12 kỳ sinh hoạt cấp ủy, 04 kỳ sinh hoạt chuyên đề. Năm 2021 tổ chức 12 kỳ sinh hoạt Chi bộ thường kỳ; năm 2022 tổ chức 11 kỳ sinh hoạt Chi bộ thường kỳ. Cả giai đoạn"),
        "{both}"
    );
    // March 2022 is no longer logged: the discipline sentence is not
    // stated, a mark says why.
    assert!(
        both.contains("[CẦN KIỂM TRA: nhật ký chưa ghi các tháng 03/2022;")
            && !both.contains("không có đảng viên nào"),
        "{both}"
    );
}

#[test]
fn a_wrong_period_is_a_usage_error_in_vietnamese() {
    let site = Site::new();
    let run = site.run(&[
        "new",
        "article",
        "Tin",
        "--figures",
        "2023-12-31:2023-01-01",
    ]);
    assert_eq!(run.code, 2);
    assert!(
        run.stderr.contains("--figures `2023-12-31:2023-01-01` không hợp lệ: ngày đầu 2023-12-31 sau ngày cuối 2023-01-01"),
        "{}",
        run.stderr
    );
    let run = site.run(&["new", "article", "Tin", "--figures", "quy-iv"]);
    assert_eq!(run.code, 2);
}
