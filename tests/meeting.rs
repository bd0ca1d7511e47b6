//! `chibo meeting DATE`: a meeting's minutes and resolution, written from
//! its log entry into bao-cao/hop/DATE/, never into the website; and the
//! names the entry holds, never published.

mod common;

use std::path::Path;

use common::Site;

/// Every name the example's meeting of 2023-10-10 holds beyond its chair.
const PRIVATE_NAMES: [&str; 4] = [
    "Trần Thị Bình",
    "Lê Văn Cường",
    "Phạm Văn Dũng",
    "Hoàng Minh Đức",
];

/// Fails, with the whole text, unless `text` holds every one of `parts`.
fn has_all(text: &str, parts: &[&str]) {
    for part in parts {
        assert!(text.contains(part), "«{part}» not in:\n{text}");
    }
}

fn html_text(path: &Path) -> String {
    let html = std::fs::read_to_string(path).unwrap();
    // Tags out (a block's end is a space, an inline tag nothing), spaces
    // folded.
    let mut text = String::new();
    let mut rest = html.as_str();
    while let Some(at) = rest.find('<') {
        text.push_str(&rest[..at]);
        let end = rest[at..].find('>').map_or(rest.len(), |e| at + e + 1);
        let tag = &rest[at..end];
        let inline = [
            "<span", "</span", "<em", "</em", "<strong", "</strong", "<a ", "</a",
        ]
        .iter()
        .any(|t| tag.starts_with(t));
        if !inline {
            text.push(' ');
        }
        rest = &rest[end..];
    }
    text.push_str(rest);
    text.replace("&nbsp;", " ")
        .replace('\u{a0}', " ")
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
}

#[test]
fn the_minutes_and_the_resolution_are_written_into_bao_cao_only() {
    let site = Site::example();
    let run = site.run(&["meeting", "2023-10-10"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let dir = "bao-cao/hop/2023-10-10";
    for f in [
        "bien-ban.html",
        "bien-ban.docx",
        "nghi-quyet.html",
        "nghi-quyet.docx",
    ] {
        assert!(site.exists(&format!("{dir}/{f}")), "{f}: {}", run.stdout);
    }
    assert!(!site.exists("output"), "the website folder was written");

    let minutes = html_text(&site.path(&format!("{dir}/bien-ban.html")));
    has_all(
        &minutes,
        &[
            "Chi bộ Sở Tư pháp",
            "BIÊN BẢN",
            "sinh hoạt chi bộ thường kỳ tháng 10 năm 2023",
            "Vào hồi 14 giờ 00 phút, ngày 10 tháng 10 năm 2023, tại Phòng họp Sở Tư pháp",
            "Thư ký: đồng chí Trần Thị Bình.",
            "Tổng số đảng viên của chi bộ: 33 đồng chí; miễn sinh hoạt: 2 đồng chí; có mặt: 30 đồng chí; vắng: 1 đồng chí.",
            "Vắng có lý do: 1 đồng chí: đồng chí Phạm Văn Dũng (đi công tác). Vắng không có lý do: 0 đồng chí.",
            "Đại biểu dự: đồng chí Lê Văn Cường, Ủy viên Ban Thường vụ, Đảng ủy Khối các cơ quan tỉnh.",
            "Đồng chí Hoàng Minh Đức: Đề nghị mỗi phòng cử một người tham gia đội tuyên truyền.",
            "Rà soát hồ sơ đảng viên Chưa hoàn thành Còn 3 hồ sơ chưa bổ sung",
            "Biểu quyết bằng hình thức giơ tay: 30/30 đồng chí có mặt tán thành (100%); 0 không tán thành; 0 ý kiến khác.",
            "Tự đánh giá chất lượng buổi sinh hoạt: 91 điểm, xếp loại Tốt (Thời gian sinh hoạt 5/5; Tỷ lệ đảng viên dự sinh hoạt 4/5; Công tác chuẩn bị 9/10; Tổ chức sinh hoạt 28/30; Điều hành của bí thư 10/10; Bảo đảm nguyên tắc 5/5; Kết quả thực hiện nghị quyết tháng trước 25/30; Kết thúc sinh hoạt 5/5).",
            "kết thúc vào hồi 16 giờ 05 phút cùng ngày (125 phút)",
            "THƯ KÝ Trần Thị Bình CHỦ TRÌ Nguyễn Văn An",
        ],
    );
    // Minutes in the bound book carry no number, and no "Nơi nhận".
    assert!(!minutes.contains("Số "), "{minutes}");
    assert!(!minutes.contains("Nơi nhận:"), "{minutes}");

    let resolution = html_text(&site.path(&format!("{dir}/nghi-quyet.html")));
    has_all(
        &resolution,
        &[
            "Số 05-NQ/CB",
            "NGHỊ QUYẾT",
            "về nhiệm vụ tháng 11 năm 2023",
            "Thời gian sinh hoạt: 125 phút.",
            "I. Kết quả thực hiện nhiệm vụ tháng trước",
            "II. Nhiệm vụ tháng tới",
            "Thời hạn: 09/11/2023.",
            "III. Phân công thực hiện",
            "Chi ủy: nhiệm vụ 1.",
            "Nghị quyết được thông qua. Biểu quyết bằng hình thức giơ tay: 30/30 đồng chí có mặt tán thành (100%)",
            "Nơi nhận: - Đảng bộ Khối các cơ quan tỉnh (để báo cáo); - Các đồng chí đảng viên; - Lưu Chi bộ.",
            "T/M CHI BỘ BÍ THƯ Nguyễn Văn An",
        ],
    );
}

#[test]
fn no_name_a_meeting_entry_holds_reaches_the_website() {
    let site = Site::example();
    site.run(&["build"]).ok();
    let mut found = Vec::new();
    for (rel, bytes) in common::tree(&site.path("output")) {
        let text = String::from_utf8_lossy(&bytes);
        for name in PRIVATE_NAMES {
            if text.contains(name) {
                found.push(format!("{rel}: {name}"));
            }
        }
    }
    assert!(found.is_empty(), "{}", found.join("\n"));
    // The fixture does hold them, so the search above means something.
    let log = site.read("content/activities/2023/sinh-hoat-hang-thang.yaml");
    assert!(PRIVATE_NAMES.iter().all(|n| log.contains(n)));
}

#[test]
fn text_from_the_log_is_printed_as_text_never_as_markup_or_template() {
    let site = Site::example();
    let log = "content/activities/2023/sinh-hoat-hang-thang.yaml";
    let text = site.read(log).replace(
        "conclusion: Chi bộ thống nhất",
        "conclusion: '{{ figures.dang_vien }} <script>alert(1)</script> *đậm* [liên kết](javascript:x) {% endraw %}' # Chi bộ thống nhất",
    );
    site.write(log, &text);
    let run = site.run(&["meeting", "2023-10-10"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let html = site.read("bao-cao/hop/2023-10-10/bien-ban.html");
    assert!(!html.contains("<script>alert"), "{html}");
    assert!(!html.contains("<em>đậm"), "{html}");
    assert!(!html.contains("href=\"javascript"), "{html}");
    let text = html_text(&site.path("bao-cao/hop/2023-10-10/bien-ban.html"));
    assert!(
        text.contains("{{ figures.dang_vien }} &lt;script&gt;alert(1)&lt;/script&gt; *đậm* [liên kết](javascript:x) {% endraw %}"),
        "{text}"
    );
}

#[test]
fn a_day_without_a_meeting_and_a_wrong_date_are_refused_plainly() {
    let site = Site::example();
    let run = site.run(&["meeting", "2023-10-11"]);
    assert_eq!(run.code, 1);
    assert!(
        run.stderr.contains(
            "nhật ký không có buổi họp nào (sinh_hoat_thuong_ky, chuyen_de, cap_uy) ngày 11/10/2023"
        ),
        "{}",
        run.stderr
    );
    let run = site.run(&["meeting", "10/10/2023"]);
    assert_eq!(run.code, 2);
    assert!(
        run.stderr
            .contains("ngày `10/10/2023` không hợp lệ; hãy viết YYYY-MM-DD, ví dụ 2023-11-10"),
        "{}",
        run.stderr
    );
}

#[test]
fn libreoffice_opens_the_resolution_and_the_minutes_word_files() {
    if !common::require_tools(&["soffice", "pdftotext"]) {
        return;
    }
    let site = Site::example();
    site.run(&["meeting", "2023-10-10"]).ok();
    let converted = tempfile::tempdir().unwrap();
    let dir = site.path("bao-cao/hop/2023-10-10");
    let o = common::soffice_to_pdf(
        &[&dir.join("nghi-quyet.docx"), &dir.join("bien-ban.docx")],
        converted.path(),
    );
    let text = |name: &str| {
        let pdf = converted.path().join(name);
        assert!(pdf.exists(), "LibreOffice made no {name}: {o:?}");
        common::pdf_words(&pdf)
    };
    let resolution = text("nghi-quyet.pdf");
    has_all(
        &resolution,
        &[
            "CHI BỘ SỞ TƯ PHÁP",
            "ĐẢNG CỘNG SẢN VIỆT NAM",
            "Số 05-NQ/CB",
            "NGHỊ QUYẾT",
            "có mặt: 30 đồng chí",
            "30/30 đồng chí có mặt tán thành",
            "T/M CHI BỘ",
            "BÍ THƯ",
        ],
    );
    let minutes = text("bien-ban.pdf");
    has_all(
        &minutes,
        &[
            "BIÊN BẢN",
            "Tổng số đảng viên của chi bộ: 33 đồng chí",
            "THƯ KÝ",
            "CHỦ TRÌ",
            "Trần Thị Bình",
        ],
    );
}

/// The example with `extra` appended to its 2023 log of monthly meetings.
fn example_with(extra: &str) -> Site {
    let site = Site::example();
    let log = "content/activities/2023/sinh-hoat-hang-thang.yaml";
    let text = site.read(log);
    site.write(log, &format!("{text}\n{extra}"));
    site
}

const LOG: &str = "content/activities/2023/sinh-hoat-hang-thang.yaml";

#[test]
fn a_resolution_number_used_twice_or_going_backwards_is_a_located_error() {
    let site = example_with(
        "- kind: sinh_hoat_thuong_ky\n  date: 2023-11-09 14:00\n  attendance: { total: 33, exempt: 2, present: 31 }\n  resolution: { number: 05-NQ/CB, subject: về nhiệm vụ tháng 12 năm 2023 }\n\n- kind: sinh_hoat_thuong_ky\n  date: 2023-12-08 14:00\n  attendance: { total: 33, exempt: 2, present: 31 }\n  resolution: { number: 04-NQ/CB, subject: về nhiệm vụ tháng 01 năm 2024 }\n",
    );
    let run = site.run(&["check"]);
    assert_eq!(run.code, 1, "{}", run.stderr);
    let text = site.read(LOG);
    let line = |needle: &str| text.lines().position(|l| l.contains(needle)).unwrap() + 1;
    assert!(
        run.stderr.contains(&format!(
            "{LOG}:{}:15: số nghị quyết `05-NQ/CB` đã dùng cho buổi họp ngày 10/10/2023 ({LOG}); số chạy liên tục trong cả nhiệm kỳ",
            line("về nhiệm vụ tháng 12 năm 2023")
        )),
        "{}",
        run.stderr
    );
    assert!(
        run.stderr.contains(&format!(
            "{LOG}:{}:15: số nghị quyết `04-NQ/CB` (ngày 08/12/2023) nhỏ hơn số 5 đã ban hành ngày 10/10/2023; số nghị quyết tăng dần theo ngày trong nhiệm kỳ",
            line("về nhiệm vụ tháng 01 năm 2024")
        )),
        "{}",
        run.stderr
    );
}

#[test]
fn an_absent_member_named_in_the_news_is_an_error() {
    let site = example_with(
        "- kind: sinh_hoat_thuong_ky\n  date: 2023-11-09 14:00\n  attendance: { total: 33, exempt: 2, present: 30, excused: 0 }\n  unexcused: [Vũ Văn Hải]\n  news:\n    title: Chi bộ sinh hoạt tháng 11\n    body: |\n      Đồng chí Vũ Văn Hải vắng mặt.\n",
    );
    let run = site.run(&["check"]);
    assert_eq!(run.code, 1, "{}", run.stderr);
    assert!(
        run.stderr.contains("tin của buổi họp nêu tên `Vũ Văn Hải`, một người vắng mặt (`absent`/`unexcused`): tên người vắng chỉ ghi trong biên bản, không đăng lên trang; hãy bỏ tên khỏi `news`"),
        "{}",
        run.stderr
    );
}

#[test]
fn a_short_meeting_and_a_level_its_score_does_not_give_are_warned() {
    let site = example_with(
        "- kind: sinh_hoat_thuong_ky\n  date: 2023-11-09 14:00\n  end: 15:00\n  attendance: { total: 33, exempt: 2, present: 31 }\n  score: { total: 85, level: tot }\n  rating: { level: kha, score: 80 }\n\n- kind: chuyen_de\n  date: 2023-12-08 08:00\n  end: 09:45\n  topic: Học tập và làm theo tư tưởng Hồ Chí Minh\n- kind: sinh_hoat_thuong_ky\n  date: 2023-12-08 09:45\n  end: 09:55\n  attendance: { total: 33, exempt: 2, present: 31 }\n",
    );
    let run = site.run(&["check"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    has_all(
        &run.stderr,
        &[
            "cảnh báo: buổi sinh hoạt kéo dài 60 phút, ít hơn 90 phút tối thiểu (Hướng dẫn 12-HD/BTCTW ngày 06/7/2018)",
            "cảnh báo: buổi sinh hoạt kéo dài 115 phút, ít hơn 120 phút tối thiểu khi sinh hoạt thường kỳ kết hợp chuyên đề",
            "cảnh báo: điểm 85 ứng với mức Khá, nhưng `level` ghi Tốt (Tốt từ 90, Khá từ 70, Trung bình từ 50 điểm)",
            "cảnh báo: `score.total` (85) khác điểm trong `rating` (80): hãy ghi cùng một điểm",
        ],
    );
}

#[test]
fn with_pdf_each_paper_is_printed_beside_its_page() {
    if !common::require_tools(&["chromium", "pdftotext"]) {
        return;
    }
    let site = Site::example();
    let run = site.run(&["meeting", "2023-10-10", "--pdf"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let text = |name: &str| {
        let pdf = site.path(&format!("bao-cao/hop/2023-10-10/{name}"));
        assert!(pdf.exists(), "{name}: {}", run.stdout);
        common::pdf_words(&pdf)
    };
    let minutes = text("bien-ban.pdf");
    has_all(
        &minutes,
        &["BIÊN BẢN", "THƯ KÝ", "CHỦ TRÌ", "có mặt: 30 đồng chí"],
    );
    let resolution = text("nghi-quyet.pdf");
    has_all(
        &resolution,
        &[
            "Số 05-NQ/CB",
            "NGHỊ QUYẾT",
            "T/M CHI BỘ",
            "30/30 đồng chí có mặt tán thành",
        ],
    );
    assert!(!site.exists("output"), "the website folder was written");
}

#[test]
fn new_activity_carries_last_meetings_tasks_and_proposes_the_next_resolution_number() {
    let site = Site::example();
    let cfg = site.read("site.yaml").replace(
        "term: { from: 2020-07-01, to: 2025-06-30, label: \"2020 - 2025\" }",
        "term: { from: 2025-07-01, to: 2030-06-30, label: \"2025 - 2030\" }",
    );
    site.write("site.yaml", &cfg);
    site.write(
        "content/activities/2025/hop.yaml",
        "- kind: sinh_hoat_thuong_ky\n  date: 2025-08-08 14:00\n  attendance: { total: 30, present: 30 }\n  resolution: { number: 03-NQ/CB, subject: về nhiệm vụ tháng 9 năm 2025 }\n  tasks:\n    - { task: \"Rà soát: hồ sơ # đảng viên\", who: Chi ủy }\n    - { task: Chuẩn bị đại hội, due: 2025-12-31 }\n",
    );
    let run = site.run(&["-q", "new", "activity", "sinh_hoat_thuong_ky"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let rel = run.stdout.trim();
    let text = site.read(rel);
    // The resolution is about the month after today's (the file's date).
    let day = &rel[rel.rfind('/').unwrap() + 1..][..10];
    let (y, m): (i32, u32) = (day[..4].parse().unwrap(), day[5..7].parse().unwrap());
    let (y, m) = if m == 12 { (y + 1, 1) } else { (y, m + 1) };
    let proposed =
        format!("# resolution: {{ number: 04-NQ/CB, subject: về nhiệm vụ tháng {m} năm {y} }}");
    has_all(
        &text,
        &[
            "previous_tasks:                     # nhiệm vụ đề ra ở buổi họp ngày 08/8/2025: ghi kết quả từng việc\n  - task: \"Rà soát: hồ sơ # đảng viên\"\n    # result: Kết quả thực hiện\n",
            "  - task: Chuẩn bị đại hội\n",
            &proposed,
        ],
    );
    // Filled in, the entry checks and carries the tasks into the papers.
    let filled = text
        .replace("  total: 0 ", "  total: 30 ")
        .replace("  present: 0 ", "  present: 30 ");
    site.write(rel, &filled);
    let run = site.run(&["check"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
}

#[test]
fn figures_count_what_the_papers_record() {
    let site = Site::example();
    let run = site.run(&[
        "figures",
        "--from",
        "2023-10-01",
        "--to",
        "2023-10-31",
        "--json",
    ]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let v: serde_json::Value = serde_json::from_str(&run.stdout).unwrap();
    let p = &v["papers"];
    assert_eq!(p["resolutions"], 1);
    assert_eq!(p["tasks_reviewed"], 2);
    assert_eq!(p["tasks_done"], 1);
    assert_eq!(p["short_meetings"], 0);
    let regular = p["meetings"]
        .as_array()
        .unwrap()
        .iter()
        .find(|m| m["kind"] == "sinh_hoat_thuong_ky")
        .unwrap();
    assert_eq!(
        regular,
        &serde_json::json!({
            "date": "2023-10-10 14:00",
            "kind": "sinh_hoat_thuong_ky",
            "minutes": 125,
            "unexcused": 0,
            "score": 91,
            "resolution": "05-NQ/CB"
        })
    );
    let run = site.run(&["figures", "--from", "2023-10-01", "--to", "2023-10-31"]);
    assert!(
        run.stdout.contains(
            "Giấy tờ buổi họp: 1 nghị quyết; việc của tháng trước đã xong 1/2; 0 buổi sinh hoạt ngắn hơn 90 phút"
        ),
        "{}",
        run.stdout
    );
}

#[test]
fn before_the_meeting_the_agenda_and_the_draft_resolution_are_written() {
    let site = Site::example();
    let run = site.run(&["meeting", "2023-10-10", "--before"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let dir = "bao-cao/hop/2023-10-10";
    for f in [
        "chuong-trinh.html",
        "chuong-trinh.docx",
        "du-thao-nghi-quyet.html",
        "du-thao-nghi-quyet.docx",
    ] {
        assert!(site.exists(&format!("{dir}/{f}")), "{f}: {}", run.stdout);
    }
    assert!(!site.exists(&format!("{dir}/bien-ban.html")));
    let agenda = html_text(&site.path(&format!("{dir}/chuong-trinh.html")));
    has_all(
        &agenda,
        &[
            "CHƯƠNG TRÌNH",
            "Thời gian: 14 giờ 00 phút, ngày 10 tháng 10 năm 2023.",
            "đại biểu: đồng chí Lê Văn Cường (Ủy viên Ban Thường vụ, Đảng ủy Khối các cơ quan tỉnh)",
            "I. Phần mở đầu",
            "Cử thư ký (dự kiến: đồng chí Trần Thị Bình).",
            "Đánh giá kết quả thực hiện Nghị quyết tháng trước: Hoàn thành báo cáo quý III Rà soát hồ sơ đảng viên",
            "Thông tin thời sự, văn bản mới của cấp trên.",
            "III. Phần kết thúc",
            "Thư ký đọc biên bản; chi bộ thông qua biên bản.",
            "T/M CHI ỦY BÍ THƯ Nguyễn Văn An",
        ],
    );
    assert!(!agenda.contains("Nơi nhận:"), "{agenda}");
    assert!(!agenda.contains("Số "), "{agenda}");
    let draft = html_text(&site.path(&format!("{dir}/du-thao-nghi-quyet.html")));
    has_all(
        &draft,
        &[
            "DỰ THẢO",
            "Số 05-NQ/CB",
            "Tổng số đảng viên của chi bộ: …………… đồng chí; có mặt: …………… đồng chí.",
            "Nghị quyết được ……………/…………… đồng chí có mặt tán thành, đạt ……………%.",
        ],
    );
    // Nothing of the meeting's outcome goes into the draft.
    assert!(!draft.contains("30/30"), "{draft}");
    assert!(!draft.contains("125 phút"), "{draft}");
}

#[test]
fn score_items_are_checked_against_the_scoring_sheet() {
    // The default sheet: unknown criterion, over its points, a sum that is
    // not the total, attendance points its bands do not give.
    let site = example_with(
        "- kind: sinh_hoat_thuong_ky\n  date: 2023-11-09 14:00\n  attendance: { total: 33, exempt: 2, present: 25, excused: 6 }\n  score: { total: 50, items: { chuan_bi: 12, ty_le_du_hop: 5, ve_sinh: 3, to_chuc: 20 } }\n",
    );
    let run = site.run(&["check"]);
    assert_eq!(run.code, 1, "{}", run.stderr);
    has_all(
        &run.stderr,
        &[
            "tiêu chí `ve_sinh` không có trong biểu mặc định của chibo; các tiêu chí: thoi_gian, ty_le_du_hop, chuan_bi, to_chuc, dieu_hanh, nguyen_tac, ket_qua_nghi_quyet, ket_thuc",
            "tiêu chí `chuan_bi` (Công tác chuẩn bị) được tối đa 10 điểm, không phải 12",
            "điểm các tiêu chí cộng lại 40, khác `total` (50)",
            "cảnh báo: tiêu chí `ty_le_du_hop` ghi 5 điểm, nhưng 25/31 đảng viên dự (80,6%) cho 3 điểm",
        ],
    );

    // A committee's own sheet replaces the default.
    let site = example_with(
        "- kind: sinh_hoat_thuong_ky\n  date: 2023-11-09 14:00\n  attendance: { total: 33, exempt: 2, present: 31 }\n  score: { total: 95, items: { chuan_bi: 20, noi_dung: 75 } }\n",
    );
    site.write(
        "content/cham-diem.yaml",
        "criteria:\n  - { id: chuan_bi, label: Chuẩn bị, points: 20 }\n  - { id: noi_dung, label: Nội dung, points: 80 }\n",
    );
    // The example's own items follow the default sheet: on this one they
    // are refused by name, so they go.
    let run = site.run(&["check"]);
    assert!(
        run.stderr.contains("tiêu chí `thoi_gian` không có trong content/cham-diem.yaml; các tiêu chí: chuan_bi, noi_dung"),
        "{}",
        run.stderr
    );
    let log = site.read(LOG);
    let items = log
        .lines()
        .find(|l| l.contains("items: { thoi_gian"))
        .unwrap();
    site.write(LOG, &log.replace(&format!("{items}\n"), ""));
    let run = site.run(&["check"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    site.write(
        "content/cham-diem.yaml",
        "criteria:\n  - { id: chuan_bi, label: Chuẩn bị, points: 20 }\n  - { id: noi_dung, label: Nội dung, points: 70 }\n",
    );
    let run = site.run(&["check"]);
    assert_eq!(run.code, 1);
    assert!(
        run.stderr.contains(
            "content/cham-diem.yaml:2:3: các tiêu chí cộng lại 90 điểm; biểu chấm điểm phải đủ 100 điểm"
        ),
        "{}",
        run.stderr
    );
}

#[test]
fn a_sites_own_sheet_may_score_attendance_by_its_own_bands() {
    let site = example_with(
        "- kind: sinh_hoat_thuong_ky\n  date: 2023-11-09 14:00\n  attendance: { total: 33, exempt: 2, present: 28, excused: 3 }\n  score: { total: 88, items: { chuan_bi: 18, du_hop: 10, noi_dung: 60 } }\n",
    );
    let log = site.read(LOG);
    let items = log
        .lines()
        .find(|l| l.contains("items: { thoi_gian"))
        .unwrap();
    site.write(LOG, &log.replace(&format!("{items}\n"), ""));
    let sheet = "criteria:\n  - { id: chuan_bi, label: Chuẩn bị, points: 20 }\n  - { id: du_hop, label: Tỷ lệ dự họp, points: 10 }\n  - { id: noi_dung, label: Nội dung, points: 70 }\nattendance:\n  criterion: du_hop\n  bands:\n    - { from: 95, points: 10 }\n    - { from: 80, points: 7 }\n    - { from: 0, points: 3 }\n  unexcused: 0\n";
    site.write("content/cham-diem.yaml", sheet);
    // 28 of 31 is 90,3 %: 7 points on this sheet, not 10.
    let run = site.run(&["check"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(
        run.stderr.contains(
            "cảnh báo: tiêu chí `du_hop` ghi 10 điểm, nhưng 28/31 đảng viên dự (90,3%) cho 7 điểm\n"
        ),
        "{}",
        run.stderr
    );
    site.write(
        LOG,
        &site
            .read(LOG)
            .replace("du_hop: 10, noi_dung: 60", "du_hop: 7, noi_dung: 63"),
    );
    let run = site.run(&["check"]);
    assert!(!run.stderr.contains("du_hop"), "{}", run.stderr);
    // A band for a criterion the sheet does not have, or over its points.
    site.write(
        "content/cham-diem.yaml",
        &sheet.replace("criterion: du_hop", "criterion: dự_họp"),
    );
    let run = site.run(&["check"]);
    assert_eq!(run.code, 1);
    assert!(
        run.stderr.contains("content/cham-diem.yaml:6:3: khóa `criterion`: `dự_họp` không có trong `criteria`; các tiêu chí: chuan_bi, du_hop, noi_dung"),
        "{}",
        run.stderr
    );
    site.write(
        "content/cham-diem.yaml",
        &sheet.replace("from: 95, points: 10", "from: 95, points: 12"),
    );
    let run = site.run(&["check"]);
    assert!(
        run.stderr.contains("content/cham-diem.yaml:8:7: mức điểm { from: 95, points: 12 }: `from` là phần trăm (0–100) và `points` không quá 10 điểm của tiêu chí `du_hop`"),
        "{}",
        run.stderr
    );
}

#[test]
fn all_writes_the_papers_of_every_meeting_of_a_period_that_records_them() {
    let site = example_with(
        "- kind: chuyen_de\n  date: 2023-11-09 08:00\n  end: 10:00\n  topic: Học tập và làm theo tư tưởng Hồ Chí Minh\n  agenda: [Báo cáo chuyên đề, Thảo luận]\n",
    );
    let run = site.run(&[
        "meeting",
        "--all",
        "--from",
        "2023-01-01",
        "--to",
        "2023-12-31",
    ]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    // The two meetings of 2023 that record papers; the others are counted.
    for paper in [
        "hop/2023-10-10/bien-ban.html",
        "hop/2023-10-10/nghi-quyet.docx",
        "hop/2023-11-09/bien-ban-chuyen-de.html",
        "hop/2023-11-09/bien-ban-chuyen-de.docx",
    ] {
        assert!(
            site.exists(&format!("bao-cao/{paper}")),
            "{paper}: {}",
            run.stdout
        );
    }
    assert!(
        !site.exists("bao-cao/hop/2023-11-09/nghi-quyet-chuyen-de.html"),
        "no resolution was issued"
    );
    let skipped = run
        .stdout
        .lines()
        .find(|l| l.starts_with("Bỏ qua "))
        .unwrap_or_else(|| panic!("{}", run.stdout));
    assert!(
        skipped.ends_with(
            "buổi họp từ 01/01/2023 đến 31/12/2023 không ghi giấy tờ (end, agenda, tasks, …)."
        ),
        "{skipped}"
    );
    // A day and --all together, or neither, is a usage error.
    let run = site.run(&["meeting", "2023-10-10", "--all"]);
    assert_eq!(run.code, 2, "{}", run.stderr);
    let run = site.run(&["meeting"]);
    assert_eq!(run.code, 2, "{}", run.stderr);
    let run = site.run(&[
        "meeting",
        "--all",
        "--from",
        "2019-01-01",
        "--to",
        "2019-12-31",
    ]);
    assert_eq!(run.code, 1, "{}", run.stderr);
    assert!(
        run.stderr
            .contains("không có buổi họp nào ghi giấy tờ từ 01/01/2019 đến 31/12/2019"),
        "{}",
        run.stderr
    );
}

#[test]
fn a_thematic_meeting_and_a_committee_meeting_have_minutes_in_their_own_words() {
    let site = example_with(
        "- kind: chuyen_de\n  date: 2023-11-09 08:00\n  end: 10:00\n  chair: Nguyễn Văn An\n  secretary: Trần Thị Bình\n  topic: Học tập và làm theo tư tưởng Hồ Chí Minh\n  agenda: [Báo cáo chuyên đề, Thảo luận]\n  speakers: [{ name: Lê Văn Cường, item: 2, gist: Liên hệ bản thân }]\n- kind: cap_uy\n  date: 2023-11-09 14:00\n  end: 15:30\n  chair: Nguyễn Văn An\n  secretary: Trần Thị Bình\n  attendance: { total: 3, present: 3 }\n  agenda: [Chuẩn bị sinh hoạt tháng 11]\n  tasks: [{ task: Dự thảo nghị quyết tháng 11, who: Bí thư }]\n  vote: { method: giơ tay, for: 3 }\n",
    );
    let run = site.run(&["meeting", "2023-11-09"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let dir = site.path("bao-cao/hop/2023-11-09");
    has_all(
        &html_text(&dir.join("bien-ban-chuyen-de.html")),
        &[
            "BIÊN BẢN sinh hoạt chuyên đề tháng 11 năm 2023",
            "Chi bộ Sở Tư pháp tiến hành sinh hoạt chuyên đề tháng 11 năm 2023 với chuyên đề “Học tập và làm theo tư tưởng Hồ Chí Minh”.",
            "Thảo luận Đồng chí Lê Văn Cường: Liên hệ bản thân.",
            "Tự đánh giá chất lượng buổi sinh hoạt",
            "Buổi sinh hoạt kết thúc vào hồi 10 giờ 00 phút cùng ngày (120 phút); biên bản đã được đọc lại cho chi bộ nghe",
        ],
    );
    let committee = html_text(&dir.join("bien-ban-cap-uy.html"));
    has_all(
        &committee,
        &[
            "BIÊN BẢN họp chi ủy tháng 11 năm 2023",
            "Chi ủy Chi bộ Sở Tư pháp tiến hành họp chi ủy tháng 11 năm 2023.",
            "Tổng số chi ủy viên: 3 đồng chí; có mặt: 3 đồng chí; vắng: 0 đồng chí.",
            "Dự thảo nghị quyết tháng 11. Thực hiện: Bí thư.",
            "3/3 đồng chí có mặt tán thành (100%)",
            "Cuộc họp kết thúc vào hồi 15 giờ 30 phút cùng ngày (90 phút); biên bản đã được đọc lại cho chi ủy nghe",
            "THƯ KÝ Trần Thị Bình CHỦ TRÌ Nguyễn Văn An",
        ],
    );
    assert!(
        !committee.contains("Tự đánh giá") && !committee.contains("đảng viên của chi bộ"),
        "{committee}"
    );
}
