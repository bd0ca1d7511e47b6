//! `chibo init`, `chibo new article` and the example site of this repository.

mod common;

use common::Site;
use std::process::Command;

#[test]
fn init_makes_a_site_that_builds() {
    let tmp = Site::empty();
    let dir = tmp.path("chi-bo-moi");
    let run = tmp.run(&["init", dir.to_str().unwrap()]);
    run.ok();
    for f in [
        "site.yaml",
        "content/documents.yaml",
        "content/static/anh/sinh-hoat-chuyen-de.jpg",
    ] {
        assert!(dir.join(f).exists(), "{f}");
    }
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_chibo"))
        .args(["--root", dir.to_str().unwrap(), "build"])
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let page = std::fs::read_to_string(dir.join(
        "output/to-chuc-dang/chi-bo-to-chuc-sinh-hoat-chuyen-de-quy-iii-nam-2025/index.html",
    ))
    .unwrap();
    assert!(page.contains("Kết luận số 01-KL/TW, ngày 18/5/2021 của Bộ Chính trị"));
    assert!(page.contains("<figcaption>Sinh hoạt chuyên đề tại Chi bộ</figcaption>"));
    // The logs of a quarter and a report computed from them: an internal
    // document (no `publish: true`), kept off the website and written by
    // `chibo report` into bao-cao/ beside the output.
    assert!(!dir.join("output/bao-cao/bao-cao-quy-iii-2025").exists());
    let out = Command::new(env!("CARGO_BIN_EXE_chibo"))
        .args(["--root", dir.to_str().unwrap(), "-q", "report"])
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let report =
        std::fs::read_to_string(dir.join("bao-cao/bao-cao-quy-iii-2025/index.html")).unwrap();
    assert!(
        dir.join("bao-cao/bao-cao-quy-iii-2025/bao-cao-quy-iii-2025.docx")
            .is_file()
    );
    assert!(
        report.contains("Chi bộ tổ chức 03 kỳ sinh hoạt cấp ủy, 03 kỳ sinh hoạt chi bộ thường kỳ"),
        "{report}"
    );
    assert!(report.contains("không có đảng viên nào bị xử lý kỷ luật"));
    let news = std::fs::read_to_string(
        dir.join("output/to-chuc-dang/chi-bo-co-quan-mau-ket-nap-dang-vien-moi/index.html"),
    )
    .unwrap();
    assert!(
        news.contains("tổ chức Lễ kết nạp 01 đảng viên mới"),
        "{news}"
    );
    // Two categories.
    assert!(
        std::fs::read_to_string(dir.join("site.yaml"))
            .unwrap()
            .matches("- { key:")
            .count()
            == 2
    );
    // A second init into the same folder is refused.
    tmp.run(&["init", dir.to_str().unwrap()]).failed();
}

#[test]
fn new_article_writes_a_draft_and_never_overwrites() {
    let site = Site::new();
    let run = site.run(&["new", "article", "Đảng viên ưu tú: gương sáng"]);
    run.ok();
    let year = run.stdout.split("content/articles/").nth(1).unwrap()[..4].to_string();
    let rel = format!("content/articles/{year}/dang-vien-uu-tu-guong-sang.md");
    let text = site.read(&rel);
    assert!(
        text.starts_with("---\ntitle: \"Đảng viên ưu tú: gương sáng\"\ndate: "),
        "{text}"
    );
    assert!(text.contains("\ncategory: to-chuc-dang\n"));
    assert!(text.contains("\ndraft: true\n"));
    // A misspelt category gets the same hint as in `check`.
    let typo = site.run(&["new", "article", "Tin khác", "--category", "tin-tucc"]);
    assert_eq!(typo.code, 2);
    assert_eq!(
        typo.stderr,
        "danh mục `tin-tucc` không có trong site.yaml (có phải ý bạn là `tin-tuc`?); các danh mục hợp lệ: to-chuc-dang, tin-tuc\n"
    );
    // The date is now, in +07:00, as YYYY-MM-DD HH:MM.
    let date = text.lines().find(|l| l.starts_with("date: ")).unwrap();
    assert_eq!(date.len(), "date: 2023-11-02 15:03".len(), "{date}");
    // It checks clean and is left out of the build as a draft.
    site.run(&["check"]).ok();
    let again = site.run(&["new", "article", "Đảng viên ưu tú: gương sáng"]);
    again.failed();
    assert!(
        again.stderr.contains(&format!(
            "đường dẫn `dang-vien-uu-tu-guong-sang` đã có bài dùng: {rel}; chibo không tạo bài trùng đường dẫn"
        )),
        "{}",
        again.stderr
    );
    assert!(again.stderr.contains("--slug"), "{}", again.stderr);
    assert_eq!(site.read(&rel), text);
    // The same title under an address of its own is a second article, and
    // the site still checks clean.
    let other = site.run(&[
        "new",
        "article",
        "Đảng viên ưu tú: gương sáng",
        "--slug",
        "guong-sang-2",
        "-q",
    ]);
    other.ok();
    let second = site.read(other.stdout.trim());
    assert!(second.contains("\nslug: guong-sang-2\n"), "{second}");
    site.run(&["check"]).ok();
    // An unknown category is a usage error with the valid ones.
    let bad = site.run(&["new", "article", "Tin", "--category", "sai"]);
    assert_eq!(bad.code, 2);
    assert!(
        bad.stderr
            .contains("các danh mục hợp lệ: to-chuc-dang, tin-tuc")
    );
}

#[test]
fn the_example_site_of_this_repository_checks_clean() {
    let example = common::Site::example();
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_chibo"))
        .arg("--root")
        .arg(example.root())
        .arg("check")
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(out.status.success(), "{stderr}");
    // The only warnings are the quarters without a thematic meeting: the
    // cell held 6 in 13 quarters, as the seed article reports.
    for line in stderr.lines().filter(|l| l.contains("cảnh báo")) {
        assert!(line.contains("không có mục `chuyen_de`"), "{line}");
    }
    assert_eq!(stderr.matches("cảnh báo").count(), 7, "{stderr}");
    // The summary says what was checked.
    assert_eq!(
        String::from_utf8_lossy(&out.stdout),
        "Không có lỗi: đã kiểm tra site.yaml, 14 bài viết, 117 mục nhật ký, 1 báo cáo và content/documents.yaml (7 cảnh báo).\n"
    );
}

#[test]
fn init_takes_a_relative_folder_inside_root() {
    let tmp = Site::empty();
    // `run` passes `--root` (the temporary folder) before the command.
    tmp.run(&["init", "chi-bo-moi"]).ok();
    assert!(tmp.path("chi-bo-moi/site.yaml").is_file());
}

#[test]
fn report_on_a_site_without_reports_says_how_to_add_one() {
    let tmp = Site::empty();
    tmp.run(&["init", "moi"]).ok();
    std::fs::remove_dir_all(tmp.path("moi/content/reports")).unwrap();
    let run = std::process::Command::new(env!("CARGO_BIN_EXE_chibo"))
        .args(["--root", tmp.path("moi").to_str().unwrap(), "report"])
        .output()
        .unwrap();
    assert!(run.status.success());
    let stdout = String::from_utf8_lossy(&run.stdout);
    assert!(
        stdout.starts_with("Trang chưa có báo cáo nào. Hãy tạo tệp content/reports/"),
        "{stdout}"
    );
}
