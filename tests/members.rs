//! The private register of members on a cell of 30 over five years: its
//! numbers on given days, each deadline and milestone announced on its
//! day and not the day before, meetings and entries held to it, its
//! figures, the minutes' split, and none of its names on the website.

mod common;

use common::Site;
use common::register::{LOG, line_of, name, register, site};
use serde_json::Value;

#[test]
fn the_register_counts_its_members_on_any_day() {
    let site = site();
    let on = |day: &str| {
        let run = site.run(&["members", "--date", day]);
        assert_eq!(run.code, 0, "{}", run.stderr);
        run.stdout.lines().next().unwrap().to_string()
    };
    assert_eq!(
        on("2024-06-15"),
        "Sổ đảng viên ngày 15/6/2024: 29 đảng viên (29 chính thức, 0 dự bị); miễn sinh hoạt 1; sinh hoạt tạm thời nơi khác 1; sinh hoạt tạm thời tại chi bộ 0."
    );
    assert_eq!(
        on("2024-10-10"),
        "Sổ đảng viên ngày 10/10/2024: 30 đảng viên (29 chính thức, 1 dự bị); miễn sinh hoạt 1; sinh hoạt tạm thời nơi khác 0; sinh hoạt tạm thời tại chi bộ 0."
    );
    assert_eq!(
        on("2024-12-01"),
        "Sổ đảng viên ngày 01/12/2024: 29 đảng viên (28 chính thức, 1 dự bị); miễn sinh hoạt 1; sinh hoạt tạm thời nơi khác 0; sinh hoạt tạm thời tại chi bộ 0."
    );
    let run = site.run(&["members", "--date", "2024-10-10"]);
    let row = run.stdout.lines().find(|l| l.starts_with("dv-26")).unwrap();
    assert!(row.contains(&name(26)) && row.ends_with("dự bị"), "{row}");
    assert!(
        !run.stdout.contains(&name(30)) || on("2024-10-10").contains("30 đảng viên"),
        "a member who left is listed only while in the cell"
    );
}

#[test]
fn deadlines_and_milestones_are_announced_on_their_day_and_not_the_day_before() {
    let site = site();
    let due = |day: &str| {
        let run = site.run(&["members", "--due", "--date", day]);
        assert_eq!(run.code, 0, "{}", run.stderr);
        run.stdout
    };
    // Probation ends on 2/9/2025: announced 60 days before, on 4/7.
    let probation = format!("đồng chí {} hết 12 tháng dự bị ngày 02/9/2025", name(26));
    assert!(!due("2025-07-03").contains(&probation));
    let out = due("2025-07-04");
    assert!(
        out.contains(&format!(
            "14/10/2025 {probation}; chi bộ xét công nhận đảng viên chính thức trong 30 ngày làm việc, chậm nhất ngày 14/10/2025"
        )),
        "{out}"
    );
    assert!(due("2025-10-15").contains(&format!("14/10/2025 (quá hạn) {probation}")));
    // Thirty years from the admission decision on 19/5/2025: announced
    // once 3/2 has passed and 19/5 is the next day badges are presented.
    let badge = format!("đồng chí {} đủ 30 năm tuổi đảng ngày 19/5/2025", name(1));
    assert!(!due("2025-02-03").contains(&badge), "{}", due("2025-02-03"));
    assert!(
        due("2025-02-04").contains(&format!(
            "19/5/2025 {badge} (tính từ ngày quyết định kết nạp); đề nghị tặng Huy hiệu 30 năm tuổi đảng, đợt trao gần nhất ngày 19/5/2025"
        )),
        "{}",
        due("2025-02-04")
    );
    assert_eq!(
        due("2023-03-01"),
        "Không có hạn nào từ 01/3/2023 đến 60 ngày sau.\n"
    );
}

#[test]
fn meetings_and_entries_are_held_to_the_register_with_their_place() {
    let site = site();
    let run = site.run(&["check"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let log = site.read(LOG);
    let at = |needle: &str| line_of(&log, needle);
    for want in [
        format!(
            "{LOG}:{}:3: cảnh báo: buổi họp ngày 15/7/2024 ghi total 30, exempt 1; sổ đảng viên (content/dang-vien.yaml) ngày đó có 29 đảng viên, 1 miễn sinh hoạt và 1 sinh hoạt tạm thời nơi khác (exempt 2)",
            at("date: 2024-07-15") - 1
        ),
        format!(
            "{LOG}:{}:3: cảnh báo: `Người Ngoài Sổ` (Kết nạp đảng viên ngày 05/11/2024) không có trong sổ đảng viên (content/dang-vien.yaml)",
            at("date: 2024-11-05") - 1
        ),
        format!(
            "{LOG}:{}:3: cảnh báo: mục `chuyen_chinh_thuc` ngày 10/02/2025 nêu tên đồng chí {}, nhưng sổ không ghi đồng chí là đảng viên dự bị vào ngày đó (content/dang-vien.yaml)",
            at("date: 2025-02-10") - 1,
            name(2)
        ),
    ] {
        assert!(
            run.stderr.contains(&want),
            "{want}\nnot in:\n{}",
            run.stderr
        );
    }
    for ok in ["15/6/2024", "10/10/2024", "10/01/2025"] {
        assert!(
            !run.stderr
                .contains(&format!("buổi họp ngày {ok} ghi total")),
            "{ok}: {}",
            run.stderr
        );
    }
    // A ceremony in the register that the logs do not record.
    site.write(
        LOG,
        &log.replace("date: 2024-09-02\n", "date: 2024-09-03\n"),
    );
    let run = site.run(&["check"]);
    let reg = site.read("content/dang-vien.yaml");
    assert!(
        run.stderr.contains(&format!(
            "content/dang-vien.yaml:{}:3: cảnh báo: đồng chí {} được kết nạp ngày 02/9/2024 theo sổ, nhưng nhật ký không có mục `ket_nap` ngày đó nêu tên đồng chí",
            line_of(&reg, "id: dv-26"),
            name(26)
        )),
        "{}",
        run.stderr
    );
    // From `register_from` on only.
    site.write(
        "site.yaml",
        &format!(
            "{}figures: {{ register_from: 2024-08-01 }}\n",
            site.read("site.yaml")
        ),
    );
    let run = site.run(&["check"]);
    assert!(
        !run.stderr.contains("buổi họp ngày 15/7/2024 ghi total"),
        "{}",
        run.stderr
    );
}

#[test]
fn figures_and_the_minutes_take_the_registers_numbers() {
    let site = site();
    let run = site.run(&[
        "figures",
        "--from",
        "2024-01-01",
        "--to",
        "2024-12-31",
        "--json",
    ]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let f: Value = serde_json::from_str(&run.stdout).unwrap();
    assert_eq!(
        f["register"],
        serde_json::json!({
            "total": 29, "chinh_thuc": 28, "du_bi": 1, "mien": 1, "tam_thoi_di": 0,
            "admitted": 1, "transferred_in": 0, "transferred_out": 1, "left": 0,
            "transfers_due": 0, "transfers_on_time": 0
        })
    );
    let run = site.run(&["figures", "--from", "2024-01-01", "--to", "2024-12-31"]);
    assert!(
        run.stdout.contains("Sổ đảng viên ngày 31/12/2024: 29 đảng viên (28 chính thức, 1 dự bị; 1 miễn sinh hoạt); trong kỳ kết nạp 1, chuyển đến 0, chuyển đi 1, ra khỏi chi bộ vì lý do khác 0"),
        "{}",
        run.stdout
    );
    let run = site.run(&["meeting", "2024-10-10"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let html = site.read("bao-cao/hop/2024-10-10/bien-ban.html");
    assert!(
        html.contains("Tổng số đảng viên của chi bộ: 30 đồng chí (chính thức: 29, dự bị: 1); miễn sinh hoạt: 1 đồng chí"),
        "{html}"
    );
}

#[test]
fn no_registered_name_reaches_the_website() {
    let site = site();
    let run = site.run(&["build"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let files = common::tree(&site.path("output"));
    assert!(!files.is_empty());
    for i in 1..=30 {
        let n = name(i);
        for (rel, bytes) in &files {
            assert!(
                !String::from_utf8_lossy(bytes).contains(&n),
                "{n} is published in {rel}"
            );
        }
    }
}

#[test]
fn new_member_adds_the_next_id_with_the_keys_to_fill_in() {
    let site = site();
    // A member needs a day they came into the cell.
    let run = site.run(&["new", "member", "Đinh Thị Mới"]);
    assert_eq!(run.code, 2, "{}", run.stderr);
    assert!(
        run.stderr.contains("hãy cho ít nhất một ngày: --admitted"),
        "{}",
        run.stderr
    );
    let run = site.run(&["new", "member", "Đinh Thị Mới", "--joined", "2025-03-01"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(
        run.stdout
            .contains("Đã thêm dv-31 (Đinh Thị Mới) vào content/dang-vien.yaml"),
        "{}",
        run.stdout
    );
    let reg = site.read("content/dang-vien.yaml");
    assert!(
        reg.starts_with(&register()),
        "the register before it is kept as it was"
    );
    assert!(
        reg.contains("- id: dv-31\n  name: Đinh Thị Mới\n  post: dang_vien"),
        "{reg}"
    );
    // Filled in, it loads and counts.
    site.write(
        "content/dang-vien.yaml",
        &reg.replace("  # joined: 2019-05-01", "  joined: 2025-03-01"),
    );
    let run = site.run(&["members", "--date", "2025-03-01"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(run.stdout.contains("30 đảng viên"), "{}", run.stdout);
    // A site without a register gets one, with its warning to keep it private.
    let empty = Site::new();
    let run = empty.run(&[
        "new",
        "member",
        "Nguyễn Văn Một",
        "--ceremony",
        "2024-05-19",
    ]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let reg = empty.read("content/dang-vien.yaml");
    assert!(
        reg.starts_with("# Sổ đảng viên của chi bộ: nội bộ, không bao giờ được đăng lên trang."),
        "{reg}"
    );
    assert!(
        reg.contains("- id: dv-01\n  name: Nguyễn Văn Một\n"),
        "{reg}"
    );
}

/// The 2025 rating: dv-01 top, the others good, dv-27 (exempt) not rated.
fn rating_2025() -> String {
    let mut t = String::from(
        "meeting: 2025-12-15\nmembers:\n  - { member: dv-01, self: htxsnv, proposed: htxsnv, vote: { for: 26, against: 0 }, decided: htxsnv }\n",
    );
    for i in (2..=29).filter(|i| *i != 27) {
        t.push_str(&format!(
            "  - {{ member: dv-{i:02}, self: httnv, proposed: httnv, vote: {{ for: 25, against: 1 }} }}\n"
        ));
    }
    t.push_str("  - { member: dv-27, not_rated: miễn công tác và sinh hoạt đảng }\n");
    t
}

const RATING: &str = "content/xep-loai/2025.yaml";

#[test]
fn a_rating_year_is_held_to_the_register_and_the_cap() {
    let site = site();
    site.write(RATING, &rating_2025());
    let run = site.run(&["check"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(!run.stderr.contains(RATING), "{}", run.stderr);
    // Six at the top of 27 good: over 20 %.
    let text = rating_2025().replace(
        "dv-02, self: httnv, proposed: httnv",
        "dv-02, self: htxsnv, proposed: htxsnv",
    );
    let text = (3..=6).fold(text, |t, i| {
        t.replace(
            &format!("dv-{i:02}, self: httnv, proposed: httnv"),
            &format!("dv-{i:02}, self: htxsnv, proposed: htxsnv"),
        )
    });
    site.write(RATING, &text);
    let run = site.run(&["check"]);
    assert_eq!(run.code, 1);
    assert!(
        run.stderr.contains(&format!(
            "{RATING}:{}:5: 6 đảng viên hoàn thành xuất sắc nhiệm vụ, quá 20% của 22 đảng viên hoàn thành tốt nhiệm vụ (tối đa 4;",
            line_of(&text, "dv-05,")
        )),
        "{}",
        run.stderr
    );
    // One who may not be rated, a vote of more than those who vote, one
    // not in the register.
    let text = rating_2025()
        .replace(
            "{ member: dv-27, not_rated: miễn công tác và sinh hoạt đảng }",
            "{ member: dv-27, proposed: htnv }",
        )
        .replace(
            "dv-29, self: httnv, proposed: httnv, vote: { for: 25, against: 1 }",
            "dv-29, self: httnv, proposed: httnv, vote: { for: 28, against: 1 }",
        )
        + "  - { member: dv-99, proposed: htnv }\n";
    site.write(RATING, &text);
    let run = site.run(&["check"]);
    assert_eq!(run.code, 1);
    for want in [
        format!(
            "{RATING}:{}:5: đồng chí {} được miễn công tác và sinh hoạt đảng (không kiểm điểm, xếp loại): hãy ghi `not_rated` thay cho mức xếp loại",
            line_of(&text, "dv-27"),
            name(27)
        ),
        format!(
            "{RATING}:{}:5: biểu quyết về đồng chí {} có 29 phiếu, nhiều hơn 27 đảng viên chính thức có quyền biểu quyết ngày 31/12/2025",
            line_of(&text, "dv-29"),
            name(29)
        ),
        format!(
            "{RATING}:{}:5: `dv-99` không có trong sổ đảng viên (content/dang-vien.yaml)",
            line_of(&text, "dv-99")
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
fn the_rating_papers_and_figures_are_the_rating_files_numbers() {
    let site = site();
    site.write(RATING, &rating_2025());
    site.write(
        "content/activities/2025-xep-loai.yaml",
        "- kind: xep_loai\n  date: 2026-01-20\n  year: 2025\n  cell_level: hoan_thanh_tot\n",
    );
    let run = site.run(&["rating", "2025"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let dir = site.path("bao-cao/xep-loai/2025");
    for f in ["danh-sach-2025", "bien-ban-2025", "ket-qua-2025"] {
        for ext in ["html", "docx"] {
            assert!(
                dir.join(format!("{f}.{ext}")).exists(),
                "{f}.{ext}: {}",
                run.stdout
            );
        }
    }
    assert!(
        !site.exists("output/bao-cao/xep-loai"),
        "the papers are internal"
    );
    let totals = "Tổng số được xếp loại: 28 đồng chí. Hoàn thành xuất sắc nhiệm vụ: 1 đồng chí (3,6%); Hoàn thành tốt nhiệm vụ: 27 đồng chí (96,4%); Hoàn thành nhiệm vụ: 0 đồng chí (0%); Không hoàn thành nhiệm vụ: 0 đồng chí (0%).";
    let report = site
        .read("bao-cao/xep-loai/2025/ket-qua-2025.html")
        .replace("<span class=\"nb\">", "")
        .replace("</span>", "");
    for want in [
        totals,
        "Tổng số đảng viên của chi bộ ngày 31/12/2025: 29 đồng chí (chính thức: 28, dự bị: 1); miễn công tác và sinh hoạt đảng: 1 đồng chí.",
        "Số đảng viên không xếp loại: 1 đồng chí (miễn công tác và sinh hoạt đảng).",
        "Trong đó 27 đồng chí theo đề nghị của chi bộ, chờ cấp trên quyết định.",
        "-BC/CB",
    ] {
        assert!(report.contains(want), "{want} not in the report:\n{report}");
    }
    let minutes = site.read("bao-cao/xep-loai/2025/bien-ban-2025.html");
    assert!(
        minutes.contains(&format!("<td>{}</td>", name(1))) && minutes.contains("<td>26</td>"),
        "{minutes}"
    );
    assert!(minutes.contains("ngày 15 tháng 12 năm 2025"), "{minutes}");
    // The year's figures count the file, not typed numbers.
    let run = site.run(&[
        "figures",
        "--from",
        "2025-01-01",
        "--to",
        "2026-01-31",
        "--json",
    ]);
    let f: Value = serde_json::from_str(&run.stdout).unwrap();
    assert_eq!(
        f["annual_ratings"][0]["members"],
        serde_json::json!({"hoan_thanh_xuat_sac": 1, "hoan_thanh_tot": 27, "hoan_thanh": 0, "khong_hoan_thanh": 0})
    );
    // A new year's file lists whom to rate and who is not rated, and why.
    let run = site.run(&["new", "rating", "2026"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let t = site.read("content/xep-loai/2026.yaml");
    assert!(t.contains(&format!("  - member: dv-27                   # {}\n    not_rated: miễn công tác và sinh hoạt đảng\n", name(27))), "{t}");
    assert!(
        t.contains(&format!(
            "  - member: dv-01                   # {}\n    # self: httnv",
            name(1)
        )),
        "{t}"
    );
    let run = site.run(&["check"]);
    assert!(
        !run.stderr.contains("content/xep-loai/2026.yaml:"),
        "{}",
        run.stderr
    );
}

#[test]
fn libreoffice_opens_the_three_rating_papers() {
    if !common::require_tools(&["soffice", "pdftotext"]) {
        return;
    }
    let site = site();
    site.write(RATING, &rating_2025());
    site.run(&["rating", "2025"]).ok();
    let dir = site.path("bao-cao/xep-loai/2025");
    let converted = tempfile::tempdir().unwrap();
    let files: Vec<std::path::PathBuf> = ["danh-sach-2025", "bien-ban-2025", "ket-qua-2025"]
        .iter()
        .map(|f| dir.join(format!("{f}.docx")))
        .collect();
    let o = common::soffice_to_pdf(
        &files.iter().map(|p| p.as_path()).collect::<Vec<_>>(),
        converted.path(),
    );
    for (file, want) in [
        (
            "danh-sach-2025.pdf",
            &["DANH SÁCH", "Tự nhận", "HTXSNV", "Không xếp loại"][..],
        ),
        (
            "bien-ban-2025.pdf",
            &["BIÊN BẢN", "THƯ KÝ", "CHỦ TRÌ", "Tán thành"][..],
        ),
        (
            "ket-qua-2025.pdf",
            &["BÁO CÁO", "BC/CB", "T/M CHI BỘ", "Nơi nhận"][..],
        ),
    ] {
        let pdf = converted.path().join(file);
        assert!(pdf.exists(), "LibreOffice made no {file}: {o:?}");
        let text = common::pdf_words(&pdf);
        for w in want {
            assert!(text.contains(w), "{w} not in {file}: {text}");
        }
    }
}
