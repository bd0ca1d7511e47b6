//! Every kind of mistake a user makes comes back as `path:line:col: message`,
//! exit code 1, and the previous output left exactly as it was.

mod common;

use common::{Site, tree};

/// A site that builds, built once; returns it with its output tree.
fn built_site() -> (Site, Vec<(String, Vec<u8>)>) {
    let site = Site::new();
    site.article(
        "content/articles/2023/tot.md",
        "Bài viết đúng",
        "2023-11-02 15:03",
        "to-chuc-dang",
        "[xây dựng Đảng]",
        "Mở đầu.\n\n![Ảnh](static/anh/ket-nap.png \"Lễ kết nạp\")",
    );
    site.run(&["build"]).ok();
    let before = tree(&site.path("output"));
    assert!(
        before
            .iter()
            .any(|(p, _)| p.ends_with("bai-viet-dung/index.html"))
    );
    (site, before)
}

/// Writes the broken file, builds, and checks the message, the exit code
/// and that output/ did not change. `check` must say the same.
#[track_caller]
fn fails_with(rel: &str, text: &str, expected: &str) {
    let (site, before) = built_site();
    site.write(rel, text);
    let run = site.run(&["build"]);
    run.failed();
    let first = run.stderr.lines().next().unwrap_or_default();
    assert_eq!(first, expected, "stderr:\n{}", run.stderr);
    assert!(run.stderr.contains("vẫn giữ nguyên"), "{}", run.stderr);
    assert!(
        tree(&site.path("output")) == before,
        "output/ changed after a failed build"
    );
    let check = site.run(&["check"]);
    check.failed();
    assert_eq!(check.stderr.lines().next().unwrap_or_default(), expected);
}

#[test]
fn bad_yaml_syntax_is_located_in_the_file() {
    fails_with(
        "content/articles/loi.md",
        "---\ntitle: \"Tiêu đề chưa đóng ngoặc\ndate: 2023-01-01\n---\nA\n",
        "content/articles/loi.md:2:8: chuỗi mở bằng dấu ngoặc ở đây chưa có dấu ngoặc đóng (`\"…\"` hoặc `'…'`)",
    );
}

#[test]
fn an_unknown_key_names_the_valid_ones() {
    fails_with(
        "content/articles/loi.md",
        "---\ntitle: Bài viết\ndate: 2023-01-01\ncategory: tin-tuc\ntage: [a]\n---\nA\n",
        "content/articles/loi.md:5:1: khóa `tage` không hợp lệ trong phần đầu bài viết (có phải ý bạn là `tags`?); các khóa hợp lệ: title, date, category, tags, author, unit, summary, figures, draft, slug",
    );
}

#[test]
fn an_unknown_category_names_the_valid_ones() {
    fails_with(
        "content/articles/loi.md",
        "---\ntitle: Bài viết\ndate: 2023-01-01\ncategory: khong-co\n---\nA\n",
        "content/articles/loi.md:4:11: danh mục `khong-co` không có trong site.yaml; các danh mục hợp lệ: to-chuc-dang, tin-tuc",
    );
}

#[test]
fn an_impossible_date_says_why() {
    fails_with(
        "content/articles/loi.md",
        "---\ntitle: Bài viết\ndate: 2023-02-29 15:03\ncategory: tin-tuc\n---\nA\n",
        "content/articles/loi.md:3:7: khóa `date`: ngày giờ `2023-02-29 15:03` không hợp lệ: tháng 2/2023 chỉ có 28 ngày; hãy viết YYYY-MM-DD hoặc YYYY-MM-DD HH:MM, ví dụ 2023-11-02 15:03",
    );
}

#[test]
fn a_duplicate_slug_names_both_files() {
    fails_with(
        "content/articles/trung.md",
        "---\ntitle: Bài viết đúng!\ndate: 2023-01-01\ncategory: tin-tuc\n---\nA\n",
        "content/articles/trung.md:2:1: đường dẫn `bai-viet-dung` trùng với bài content/articles/2023/tot.md; hãy đổi tiêu đề hoặc đặt `slug:` khác cho một trong hai bài",
    );
}

#[test]
fn a_slug_that_climbs_out_is_refused() {
    fails_with(
        "content/articles/loi.md",
        "---\ntitle: Bài viết\ndate: 2023-01-01\ncategory: tin-tuc\nslug: ../../etc\n---\nA\n",
        "content/articles/loi.md:5:7: `slug` `../../etc` không hợp lệ: chỉ dùng chữ thường không dấu a-z, số 0-9 và dấu gạch ngang (không có `/`, `..` hay khoảng trắng), ví dụ `etc`",
    );
}

#[test]
fn a_missing_photo_is_located_at_its_line() {
    fails_with(
        "content/articles/loi.md",
        "---\ntitle: Bài viết\ndate: 2023-01-01\ncategory: tin-tuc\n---\nMở đầu.\n\n![Ảnh](static/anh/khong-co.jpg \"Chú thích\")\n",
        "content/articles/loi.md:8:1: không tìm thấy ảnh `static/anh/khong-co.jpg` (tìm ở content/static/anh/khong-co.jpg)",
    );
}

#[test]
fn a_photo_outside_content_is_refused() {
    fails_with(
        "content/articles/loi.md",
        "---\ntitle: Bài viết\ndate: 2023-01-01\ncategory: tin-tuc\n---\n![Ảnh](/etc/passwd)\n",
        "content/articles/loi.md:6:1: ảnh `/etc/passwd` phải nằm trong thư mục content/static/ và được viết là `static/…`",
    );
}

#[test]
fn a_template_error_names_the_template_line_and_column() {
    fails_with(
        "templates/article.html",
        "{% extends \"base.html\" %}\n{% block content %}\n<h1>{{ page.title | khong_co }}</h1>\n{% endblock content %}\n",
        "templates/article.html:3:21: bộ lọc `khong_co` không có",
    );
}

#[test]
fn an_unknown_document_in_a_citation_lists_the_ids() {
    fails_with(
        "content/articles/loi.md",
        "---\ntitle: Bài viết\ndate: 2023-01-01\ncategory: tin-tuc\n---\nThực hiện {{ \"kl-99\" | cite }}.\n",
        "content/articles/loi.md:6:24: văn bản `kl-99` không có trong content/documents.yaml; các mã hợp lệ: kl-01-2021",
    );
}

#[test]
fn a_site_yaml_mistake_is_located() {
    fails_with(
        "site.yaml",
        &common::SITE_YAML.replace("per_page: 20", "per_page: hai mươi"),
        "site.yaml:14:11: khóa `per_page` phải là một số nguyên, không phải `hai mươi`",
    );
}

#[test]
fn check_reports_every_problem_at_once() {
    let (site, _) = built_site();
    site.write(
        "content/articles/a.md",
        "---\ntitle: A\ndate: 2023-13-01\ncategory: tin-tuc\n---\nA\n",
    );
    site.write(
        "content/articles/b.md",
        "---\ntitle: B\ndate: 2023-01-01\ncategory: sai\n---\nB\n",
    );
    site.write("content/documents.yaml", "- id: x\n  type: Chỉ thị\n");
    let run = site.run(&["check"]);
    run.failed();
    let lines: Vec<&str> = run
        .stderr
        .lines()
        .filter(|l| l.contains(".md:") || l.contains(".yaml:"))
        .collect();
    assert_eq!(lines.len(), 5, "{}", run.stderr);
    assert!(run.stderr.contains("content/articles/a.md:3:7:"));
    assert!(run.stderr.contains("content/articles/b.md:4:11:"));
    assert!(
        run.stderr
            .contains("content/documents.yaml:1:3: thiếu khóa `number` trong một văn bản")
    );
    assert!(run.stderr.contains("Có 5 lỗi"));
}

#[test]
fn hostile_input_never_panics_or_hangs() {
    let (site, before) = built_site();
    let deep = format!("---\ntitle: {}\n---\n", "[".repeat(100_000));
    site.write("content/articles/sau.md", &deep);
    site.write_bytes(
        "content/articles/nhi-phan.md",
        &[0xff, 0xfe, 0x00, 0x81, 0x0a],
    );
    site.write("content/articles/rong.md", "");
    site.write(
        "content/articles/bom.md",
        "\u{feff}---\r\ntitle: Có BOM\r\ndate: 2023-01-01\r\ncategory: tin-tuc\r\n---\r\nA\r\n",
    );
    let started = std::time::Instant::now();
    let run = site.run(&["build"]);
    assert!(
        started.elapsed().as_secs() < 10,
        "took {:?}",
        started.elapsed()
    );
    run.failed();
    assert!(!run.stderr.contains("panicked"), "{}", run.stderr);
    assert!(
        run.stderr
            .contains("content/articles/nhi-phan.md:1:1: tệp không phải mã UTF-8"),
        "{}",
        run.stderr
    );
    assert!(
        run.stderr
            .contains("content/articles/rong.md:1:1: bài viết phải bắt đầu bằng phần đầu"),
        "{}",
        run.stderr
    );
    assert!(
        run.stderr.contains("content/articles/sau.md:2:"),
        "{}",
        run.stderr
    );
    assert!(
        !run.stderr.contains("bom.md"),
        "a BOM and CRLF are fine: {}",
        run.stderr
    );
    assert!(tree(&site.path("output")) == before);
}

#[test]
fn a_missing_site_yaml_is_explained_the_same_way_by_every_command() {
    let site = Site::empty();
    let expected = format!(
        "Không tìm thấy site.yaml trong {}; hãy chạy lệnh trong thư mục trang, hoặc dùng --root THƯ_MỤC, hoặc tạo trang mới bằng `chibo init THƯ_MỤC`.\n",
        site.root().display()
    );
    for args in [
        &["build"][..],
        &["check"],
        &["figures"],
        &["report"],
        &["new", "article", "Tin"],
        &["new", "activity", "cap_uy"],
        &["serve", "--port", "0"],
    ] {
        let run = site.run(args);
        assert_eq!(run.code, 1, "{args:?}");
        assert_eq!(run.stderr, expected, "{args:?}");
        assert!(!run.stderr.contains("os error"), "{args:?}");
    }
}

#[test]
fn usage_errors_exit_2() {
    let site = Site::new();
    assert_eq!(site.run(&["buld"]).code, 2);
    assert_eq!(site.run(&["build", "--khong-co"]).code, 2);
}

#[test]
fn file_system_errors_are_said_in_vietnamese_with_the_system_words_in_brackets() {
    let site = Site::new();
    let run = site.run(&["build", "-o", "site.yaml/ra"]);
    run.failed();
    assert!(
        run.stderr
            .contains(": đây là một tệp, không phải thư mục [Not a directory"),
        "{}",
        run.stderr
    );
    assert!(!run.stderr.starts_with("Not a directory"), "{}", run.stderr);
}
