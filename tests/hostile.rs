//! One fixture per attack on what is published (issue: hardening). Each
//! asserts the exact outcome — a located error, or harmless output — and
//! that nothing outside the output folder changed. Every successful build
//! is also scanned for active content by `Site::run`.

mod common;

use std::path::Path;
use std::time::{Duration, Instant};

use common::{Site, tree};

/// Every file of the site except output/ and the cache of processed
/// photos (`.chibo-cache/`, which chibo owns), with its bytes.
fn outside(site: &Site) -> Vec<(String, Vec<u8>)> {
    tree(site.root())
        .into_iter()
        .filter(|(p, _)| !p.starts_with("output") && !p.starts_with(".chibo-cache"))
        .collect()
}

/// Writes the article, runs `build`, and returns the run; asserts nothing
/// outside output/ changed.
fn build_with(site: &Site, rel: &str, text: &str) -> common::Run {
    site.write(rel, text);
    let before = outside(site);
    let run = site.run(&["build"]);
    assert!(outside(site) == before, "a file outside output/ changed");
    run
}

fn article(title: &str, body: &str) -> String {
    format!("---\ntitle: {title}\ndate: 2023-11-02 15:03\ncategory: tin-tuc\n---\n{body}\n")
}

/// Past this, a hostile input counts as a hang. Not a speed test (the
/// benchmarks in bench/ measure speed): the quadratic and exponential
/// blow-ups these fixtures guard against take minutes, not seconds, so a
/// loaded machine never fails them.
const HANG: Duration = Duration::from_secs(30);

#[test]
fn heading_attributes_cannot_add_event_handlers() {
    let site = Site::new();
    let run = build_with(
        &site,
        "content/articles/a.md",
        &article(
            "Tiêu đề",
            "## Y {tabindex=0 autofocus onfocus=alert(document.domain)}\n\n## Z {#muc .noi-bat .x\"y style=color:red}\n",
        ),
    );
    run.ok();
    let page = site.read("output/tin-tuc/tieu-de/index.html");
    assert!(page.contains("<h2 id=\"y\">Y</h2>"), "{page}");
    assert!(
        page.contains("<h2 id=\"muc\" class=\"noi-bat\">Z</h2>"),
        "{page}"
    );
    for bad in ["onfocus", "autofocus", "tabindex", "style=\"color"] {
        assert!(!page.contains(bad), "{bad} in {page}");
    }
}

#[test]
fn every_body_is_sanitised_even_without_raw_html_in_it() {
    let site = Site::new();
    site.write(
        "content/activities/2023.yaml",
        "- kind: cap_uy\n  date: 2023-03-01\n  attendance: { total: 5, present: 5 }\n  news:\n    title: Tin từ nhật ký\n    body: |\n      ## T {onclick=x()}\n\n      [a](javascript:alert(1)) <img src=x onerror=alert(1)>\n",
    );
    site.write(
        "content/reports/bc.md",
        "---\nsubject: năm\ndate: 2023-12-20\nperiod: { from: 2023-01-01, to: 2023-12-31 }\nsigner: { name: Nguyễn Văn An }\n---\n## Phần {onmouseover=x()}\n\n<svg onload=alert(1)></svg>\n",
    );
    let run = site.run(&["build"]);
    run.ok();
    let all: String = tree(&site.path("output"))
        .into_iter()
        .map(|(_, b)| String::from_utf8_lossy(&b).to_string())
        .collect();
    for bad in ["onclick", "onerror", "onmouseover", "onload", "javascript:"] {
        assert!(!all.contains(bad), "{bad} reached the output");
    }
}

#[test]
fn a_body_cannot_forge_or_read_trusted_html() {
    let site = Site::new();
    let text = "---\ntitle: Giả mạo\ndate: 2023-11-02 15:03\ncategory: tin-tuc\nfigures: { from: 2023-01-01, to: 2023-12-31 }\n---\nMở đầu.\n\n{% set n = bieu_do() | split(pat=\"-->\") | first %}\n\n<!--chibo:x--><script>alert(1)</script><!--/chibo:x-->\n";
    let run = build_with(&site, "content/articles/a.md", text);
    run.failed();
    assert_eq!(
        run.stderr.lines().next().unwrap(),
        "content/articles/a.md:9:1: câu lệnh `{% set %}` không dùng được trong bài; trong bài chỉ dùng biểu thức `{{ … }}`, điều kiện `{% if %}…{% elif %}…{% else %}…{% endif %}` và `{% raw %}…{% endraw %}` (vòng lặp, `set`, `include`, `macro`… thuộc về mẫu trang trong templates/)"
    );
    // What a function prints can be copied or changed, but it is only ever
    // a request for chibo's own chart: a changed one is an error.
    let text = "---\ntitle: Giả mạo\ndate: 2023-11-02 15:03\ncategory: tin-tuc\nfigures: { from: 2023-01-01, to: 2023-12-31 }\n---\nMở đầu.\n\n{{ bieu_do() | upper }}\n\n{{ bieu_do() }}\n";
    let run = build_with(&site, "content/articles/a.md", text);
    run.failed();
    assert!(
        run.stderr
            .contains("content/articles/a.md:9:1: yêu cầu bảng/biểu đồ không hợp lệ: `BIEU_DO 2023-01-01 2023-12-31`"),
        "{}",
        run.stderr
    );
    // The real one, alone, builds; the page holds no marker of any kind.
    site.write(
        "content/articles/a.md",
        "---\ntitle: Giả mạo\ndate: 2023-11-02 15:03\ncategory: tin-tuc\nfigures: { from: 2023-01-01, to: 2023-12-31 }\n---\nMở đầu.\n\n{{ bieu_do() }}\n\n<!--chibo:x--><script>alert(1)</script><!--/chibo:x-->\n",
    );
    site.run(&["build"]).ok();
    let page = site.read("output/tin-tuc/gia-mao/index.html");
    assert!(page.contains("<svg"), "{page}");
    assert!(!page.contains("<script>alert"), "{page}");
    assert!(
        !page.contains('\u{E000}') && !page.contains("chibo0"),
        "{page}"
    );
}

#[test]
fn statements_other_than_conditionals_are_refused_in_bodies() {
    for (stmt, line) in [
        ("{% for x in [1,2] %}{{ x }}{% endfor %}", "for"),
        ("{% include \"base.html\" %}", "include"),
        ("{% import \"m.html\" as m %}", "import"),
        ("{% macro m() %}x{% endmacro %}", "macro"),
        ("{% extends \"base.html\" %}", "extends"),
        ("{% block b %}x{% endblock %}", "block"),
        ("{% filter upper %}x{% endfilter %}", "filter"),
    ] {
        let site = Site::new();
        let run = build_with(
            &site,
            "content/articles/a.md",
            &article("Câu lệnh", &format!("Mở đầu.\n\n{stmt}")),
        );
        run.failed();
        let first = run.stderr.lines().next().unwrap();
        assert!(
            first.starts_with(&format!(
                "content/articles/a.md:8:1: câu lệnh `{{% {line} %}}` không dùng được trong bài"
            )),
            "{first}"
        );
    }
    // Conditionals and raw are fine; raw keeps a literal `{{`.
    let site = Site::new();
    let run = build_with(
        &site,
        "content/articles/a.md",
        &article(
            "Điều kiện",
            "{% if 1 > 2 %}Không.{% elif 2 > 1 %}Có.{% else %}Không.{% endif %}\n\n```\n{% raw %}{{ x }}{% endraw %}\n```\n",
        ),
    );
    run.ok();
    let page = site.read("output/tin-tuc/dieu-kien/index.html");
    assert!(page.contains("Có.") && !page.contains("Không."), "{page}");
    assert!(page.contains("{{ x }}"), "{page}");
}

#[test]
fn an_unclosed_template_comment_says_what_is_wrong() {
    let site = Site::new();
    let run = build_with(
        &site,
        "content/articles/a.md",
        &article("Chú thích", "Mở đầu {# chưa đóng\n\nCó {{ 1 + 1 }} ý."),
    );
    run.failed();
    assert_eq!(
        run.stderr.lines().next().unwrap(),
        "content/articles/a.md:6:8: `{#` mở một chú thích mẫu nhưng không có `#}` đóng lại; muốn viết `{#` như chữ thường (cả mã đề mục `{#muc}` trong bài có `{{ … }}`), đặt nó giữa {% raw %} và {% endraw %}"
    );
}

#[test]
fn deep_nesting_with_raw_html_is_refused_quickly_at_its_line() {
    let site = Site::new();
    let body = format!("Mở đầu <b>đậm</b>.\n\n{}x\n", "- ".repeat(40_000));
    let started = Instant::now();
    let run = build_with(&site, "content/articles/a.md", &article("Lồng sâu", &body));
    assert!(started.elapsed() < HANG, "{:?}", started.elapsed());
    run.failed();
    assert!(
        run.stderr.lines().next().unwrap().starts_with(
            "content/articles/a.md:8:101: các danh sách, trích dẫn hoặc thẻ HTML lồng nhau quá 100 tầng"
        ),
        "{}",
        run.stderr
    );
}

#[test]
fn a_ten_megabyte_article_is_refused_in_under_five_seconds() {
    for (name, unit) in [
        ("dong", "&amp;\n"),
        ("lien-ket", "[x](javascript:a) "),
        ("bang", "|x|y|\n"),
    ] {
        let site = Site::new();
        let body = unit.repeat(10 * 1024 * 1024 / unit.len());
        let started = Instant::now();
        let run = build_with(
            &site,
            &format!("content/articles/{name}.md"),
            &article("Bài lớn", &body),
        );
        assert!(started.elapsed() < HANG, "{name}: {:?}", started.elapsed());
        run.failed();
        assert!(
            run.stderr
                .contains(&format!("content/articles/{name}.md:6:1: nội dung dài")),
            "{}",
            run.stderr
        );
    }
    // Just under the limit, a 3 MB line of broken links still builds in time.
    let site = Site::new();
    let body = "[x](javascript:a) ".repeat(3 * 1024 * 1024 / 18 - 1000);
    let started = Instant::now();
    let run = build_with(&site, "content/articles/a.md", &article("Dòng dài", &body));
    assert!(started.elapsed() < HANG, "{:?}", started.elapsed());
    assert_eq!(run.code, 1, "{}", &run.stderr[..run.stderr.len().min(500)]);
}

#[test]
fn an_unclosed_link_title_over_many_lines_is_refused_quickly() {
    // Found by the fuzzer: a link title left open over 100,000 lines made
    // Markdown's inline pass take 26 s (it grows with the square of the
    // lines of one paragraph).
    let site = Site::new();
    let body = format!(
        "![Ảnh](static/anh/ket-nap.png \"Quần{}",
        "\nkind: khong_co".repeat(100_000)
    );
    let started = Instant::now();
    let run = build_with(
        &site,
        "content/articles/a.md",
        &article("Tiêu đề mở", &body),
    );
    assert!(started.elapsed() < HANG, "{:?}", started.elapsed());
    run.failed();
    assert_eq!(
        run.stderr.lines().next().unwrap(),
        "content/articles/a.md:2006:1: quá 2.000 dòng liền nhau không có dòng trống; hãy tách đoạn văn (hoặc danh sách, bảng) bằng một dòng trống"
    );
}

#[test]
fn a_log_with_a_hundred_thousand_mistakes_is_reported_quickly_and_briefly() {
    // Found by the fuzzer: 157,000 broken entries in one file took 13 s
    // (every entry counted all errors so far) and printed 157,000 lines.
    let site = Site::new();
    let log = "- kind: giam_sat_chuyen_de\n  date: 2\u{fffd}\n\n".repeat(100_000);
    site.write("content/activities/hong.yaml", &log);
    let started = Instant::now();
    let run = site.run(&["check"]);
    assert!(started.elapsed() < HANG, "{:?}", started.elapsed());
    run.failed();
    let lines: Vec<&str> = run.stderr.lines().collect();
    assert!(lines.len() < 300, "{} lines", lines.len());
    assert!(
        run.stderr.contains("content/activities/hong.yaml: … và "),
        "{}",
        &run.stderr[run.stderr.len().saturating_sub(500)..]
    );
    assert!(run.stderr.contains(" lỗi hoặc cảnh báo khác trong tệp này"));
}

/// Runs chibo with `args` on `site` and gives its exit code, its stderr
/// and its own peak memory in KiB (from `wait4`, so that other tests'
/// children running meanwhile do not count).
// The child is reaped by `wait4` below, which std's `wait` cannot replace
// (it gives no resource usage).
#[allow(clippy::zombie_processes)]
fn run_measured(site: &Site, args: &[&str]) -> (i32, String, i64) {
    let child = std::process::Command::new(env!("CARGO_BIN_EXE_chibo"))
        .arg("--root")
        .arg(site.root())
        .args(args)
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    let pid = child.id() as libc::pid_t;
    let mut stderr = child.stderr.unwrap();
    let mut err = String::new();
    std::io::Read::read_to_string(&mut stderr, &mut err).unwrap();
    let mut status = 0;
    // SAFETY: waiting for our own child, into values we own.
    let (code, rss) = unsafe {
        let mut u: libc::rusage = std::mem::zeroed();
        libc::wait4(pid, &mut status, 0, &mut u);
        (libc::WEXITSTATUS(status), u.ru_maxrss)
    };
    (code, err, rss)
}

#[test]
fn alias_bombs_are_refused_early_and_cheaply() {
    let site = Site::new();
    let mut lines = vec!["a0: &a0 [lol, lol, lol, lol, lol, lol, lol, lol, lol]".to_string()];
    for i in 1..9 {
        lines.push(format!(
            "a{i}: &a{i} [{}]",
            vec![format!("*a{}", i - 1); 9].join(", ")
        ));
    }
    let bomb = format!(
        "- kind: cap_uy\n  date: 2023-01-05\n  attendance: {{ total: 5, present: 5 }}\n  note:\n{}\n",
        lines
            .iter()
            .map(|l| format!("    {l}"))
            .collect::<Vec<_>>()
            .join("\n")
    );
    for i in 0..20 {
        site.write(&format!("content/activities/bom-{i:02}.yaml"), &bomb);
    }
    let started = Instant::now();
    let (code, stderr, rss) = run_measured(&site, &["check"]);
    let took = started.elapsed();
    assert_eq!(code, 1, "{stderr}");
    assert!(took < HANG, "{took:?}");
    assert!(rss < 200 * 1024, "{rss} KiB");
    let run = common::Run {
        code,
        stdout: String::new(),
        stderr,
    };
    assert_eq!(
        run.stderr
            .matches("các bí danh `*…` của tệp này chép ra quá nhiều dữ liệu")
            .count(),
        20,
        "{}",
        run.stderr
    );
    assert!(
        run.stderr.contains("content/activities/bom-00.yaml:9:14: các bí danh `*…` của tệp này chép ra quá nhiều dữ liệu"),
        "{}",
        run.stderr
    );
}

#[test]
fn over_long_titles_and_tags_are_refused_at_their_line() {
    let site = Site::new();
    let long = "Chi bộ tổ chức hội nghị ".repeat(12);
    let text = format!(
        "---\ntitle: {long}\ndate: 2023-11-02 15:03\ncategory: tin-tuc\ntags: [ngắn, {long}]\n---\nA\n"
    );
    let check = {
        site.write("content/articles/a.md", &text);
        site.run(&["check"])
    };
    check.failed();
    let lines: Vec<&str> = check.stderr.lines().collect();
    assert!(
        lines[0].starts_with("content/articles/a.md:2:8: tiêu đề quá dài để làm đường dẫn ("),
        "{}",
        check.stderr
    );
    assert!(
        lines[1].starts_with("content/articles/a.md:5:14: tên thẻ quá dài để làm đường dẫn ("),
        "{}",
        check.stderr
    );
    let run = build_with(&site, "content/articles/a.md", &text);
    run.failed();
    assert!(!run.stderr.contains("File name too long"), "{}", run.stderr);
    assert!(
        run.stderr
            .starts_with("content/articles/a.md:2:8: tiêu đề quá dài"),
        "{}",
        run.stderr
    );
}

#[test]
fn a_symlink_inside_output_is_replaced_never_followed() {
    let site = Site::new();
    site.write("content/articles/a.md", &article("Tin một", "A"));
    site.run(&["build"]).ok();
    let elsewhere = tempfile::tempdir().unwrap();
    std::fs::write(elsewhere.path().join("giu-nguyen.txt"), "x").unwrap();
    std::fs::remove_dir_all(site.path("output/tin-tuc")).unwrap();
    std::os::unix::fs::symlink(elsewhere.path(), site.path("output/tin-tuc")).unwrap();
    site.run(&["build"]).ok();
    assert_eq!(
        tree(elsewhere.path()),
        vec![("giu-nguyen.txt".to_string(), b"x".to_vec())]
    );
    let meta = std::fs::symlink_metadata(site.path("output/tin-tuc")).unwrap();
    assert!(meta.is_dir() && !meta.file_type().is_symlink());
    assert!(site.exists("output/tin-tuc/tin-mot/index.html"));
    // The output folder itself as a link: the link is replaced, its target
    // left alone.
    let target = tempfile::tempdir().unwrap();
    std::fs::write(target.path().join("cu.txt"), "y").unwrap();
    std::fs::remove_dir_all(site.path("output")).unwrap();
    std::os::unix::fs::symlink(target.path(), site.path("output")).unwrap();
    let run = site.run(&["build", "--force"]);
    run.ok();
    assert_eq!(
        tree(target.path()),
        vec![("cu.txt".to_string(), b"y".to_vec())]
    );
    assert!(
        !std::fs::symlink_metadata(site.path("output"))
            .unwrap()
            .file_type()
            .is_symlink()
    );
}

/// A site big enough that a build takes a while (about 0.3 s).
fn big_site(n: usize, title_suffix: &str) -> Site {
    let site = Site::new();
    for i in 0..n {
        site.write(
            &format!("content/articles/{i:04}.md"),
            &article(
                &format!("Tin số {i} {title_suffix}"),
                &"Đảng viên sinh hoạt chi bộ đều đặn. ".repeat(40),
            ),
        );
    }
    site
}

fn retitle(site: &Site, n: usize, suffix: &str) {
    for i in 0..n {
        site.write(
            &format!("content/articles/{i:04}.md"),
            &article(
                &format!("Tin số {i} {suffix}"),
                &"Đảng viên sinh hoạt chi bộ đều đặn. ".repeat(40),
            ),
        );
    }
}

fn staging_left(site: &Site) -> Vec<String> {
    std::fs::read_dir(site.root())
        .unwrap()
        .flatten()
        .map(|e| e.file_name().to_string_lossy().to_string())
        .filter(|n| n.contains("chibo-moi") || n.contains("chibo-cu"))
        .collect()
}

#[test]
fn a_killed_build_leaves_the_old_site_or_the_new_one_never_a_mix() {
    let n = 1500;
    let site = big_site(n, "cũ");
    site.run(&["build"]).ok();
    let old = tree(&site.path("output"));
    retitle(&site, n, "mới");
    let mut seen_old = false;
    for (i, delay) in [40u64, 90, 140, 200, 260, 330].iter().enumerate() {
        let mut child = std::process::Command::new(env!("CARGO_BIN_EXE_chibo"))
            .arg("--root")
            .arg(site.root())
            .args(["build", "--quiet"])
            .spawn()
            .unwrap();
        std::thread::sleep(Duration::from_millis(*delay));
        let signal = if i % 2 == 0 {
            libc::SIGKILL
        } else {
            libc::SIGTERM
        };
        // SAFETY: sending a signal to our own child process.
        unsafe { libc::kill(child.id() as i32, signal) };
        let status = child.wait().unwrap();
        let now = tree(&site.path("output"));
        let titles_new = now
            .iter()
            .filter(|(p, b)| {
                p.ends_with("index.html")
                    && p.contains("tin-so-")
                    && String::from_utf8_lossy(b).contains(" mới</h1>")
            })
            .count();
        if now == old {
            seen_old = true;
        } else {
            // The whole new site: every article page has its new title and
            // no old page is left.
            assert_eq!(
                titles_new, n,
                "a mix of old and new pages (signal {signal}, {status})"
            );
            assert!(
                !now.iter().any(|(p, _)| p.contains("-cu/")),
                "old pages left"
            );
        }
        if signal == libc::SIGTERM {
            // Its own staging folder is gone. (One a SIGKILLed build left
            // before may stay when the signal came before the handler was
            // set; the next build removes those, checked below.)
            let own = format!("chibo-moi-{}", child.id());
            let left: Vec<String> = staging_left(&site)
                .into_iter()
                .filter(|n| n.ends_with(&own))
                .collect();
            assert!(left.is_empty(), "SIGTERM left {left:?}");
        }
    }
    assert!(
        seen_old,
        "no kill landed before the swap; the test proved nothing"
    );
    // The next build finishes the job and removes what killed builds left.
    site.run(&["build"]).ok();
    assert!(staging_left(&site).is_empty(), "{:?}", staging_left(&site));
}

#[test]
fn a_symlinked_static_folder_is_skipped_not_published() {
    let site = Site::new();
    site.write("content/articles/a.md", &article("Tin", "A"));
    let elsewhere = tempfile::tempdir().unwrap();
    std::fs::write(elsewhere.path().join("bi-mat.txt"), "bí mật").unwrap();
    std::os::unix::fs::symlink(elsewhere.path(), site.path("content/static/lien-ket")).unwrap();
    site.run(&["build"]).ok();
    let run = site.run(&["check"]);
    assert!(
        run.stderr
            .contains("content/static/lien-ket: cảnh báo: bỏ qua liên kết tượng trưng"),
        "{}",
        run.stderr
    );
    assert!(!site.exists("output/static/lien-ket"));
    // content/static itself a link.
    std::fs::rename(site.path("content/static"), site.path("static-that")).unwrap();
    std::os::unix::fs::symlink(site.path("static-that"), site.path("content/static")).unwrap();
    site.run(&["build"]).ok();
    let run = site.run(&["check"]);
    assert!(
        run.stderr
            .contains("content/static: cảnh báo: bỏ qua liên kết tượng trưng"),
        "{}",
        run.stderr
    );
    assert!(!site.exists("output/static/anh/ket-nap.png"));
    assert!(!Path::new(&site.path("output/static/lien-ket/bi-mat.txt")).exists());
}

#[test]
fn new_article_always_writes_front_matter_that_checks() {
    for title in [
        "null",
        "true",
        "123",
        "- gạch đầu dòng",
        "Tiêu đề: có dấu hai chấm",
        "dòng một\ndòng hai",
        "#thẻ",
        "\"trích dẫn\"",
    ] {
        let site = Site::new();
        let run = site.run(&["new", "article", "--", title]);
        run.ok();
        let check = site.run(&["check"]);
        assert_eq!(check.code, 0, "{title:?}: {}", check.stderr);
    }
}

#[test]
fn a_first_build_that_fails_does_not_claim_an_earlier_one() {
    let site = Site::new();
    site.write(
        "content/articles/a.md",
        &article("Tin", "![a](static/khong-co.png)"),
    );
    let run = site.run(&["build"]);
    run.failed();
    assert!(
        run.stderr.ends_with("Dựng trang thất bại: 1 lỗi. Chưa có lần dựng nào trước đó, nên không có gì được ghi vào output; hãy sửa các lỗi trên rồi chạy lại.\n"),
        "{}",
        run.stderr
    );
    assert!(!site.exists("output"));
}

#[test]
fn a_multi_line_value_is_quoted_on_one_line() {
    let site = Site::new();
    let run = build_with(
        &site,
        "content/articles/a.md",
        "---\ntitle: Tin\ndate: 2023-11-02 15:03\ncategory: \"tin\\ntuc\"\n---\nA\n",
    );
    run.failed();
    let first = run.stderr.lines().next().unwrap();
    assert!(
        first.starts_with(
            "content/articles/a.md:4:11: danh mục `tin\\ntuc` không có trong site.yaml"
        ),
        "{first}"
    );
}

#[test]
fn check_reports_front_matter_and_body_problems_of_one_file_together() {
    let site = Site::new();
    site.write(
        "content/articles/a.md",
        "---\ntitle: Tin\ndate: 2023-13-01\ncategory: tin-tuc\n---\n\n![a](static/khong-co.png)\n",
    );
    let run = site.run(&["check"]);
    run.failed();
    assert!(
        run.stderr
            .contains("content/articles/a.md:3:7: khóa `date`"),
        "{}",
        run.stderr
    );
    assert!(
        run.stderr
            .contains("content/articles/a.md:7:1: không tìm thấy ảnh `static/khong-co.png`"),
        "{}",
        run.stderr
    );
}

#[test]
fn log_warnings_still_count_entries_that_have_errors() {
    let site = Site::new();
    let mut log = String::new();
    for m in 1..=6 {
        log.push_str(&format!(
            "- kind: sinh_hoat_thuong_ky\n  date: 2021-{m:02}-05\n  attendance: {{ total: 5, present: 5 }}\n"
        ));
    }
    // March's meeting has a mistake; it must not also be "missing".
    log = log.replace("date: 2021-03-05\n", "date: 2021-03-05\n  bogus: 1\n");
    site.write("content/activities/2021.yaml", &log);
    site.write(
        "site.yaml",
        &common::SITE_YAML.replace("from: 2020-07-01", "from: 2021-01-01"),
    );
    let run = site.run(&["check"]);
    run.failed();
    assert!(
        run.stderr.contains("khóa `bogus` không hợp lệ"),
        "{}",
        run.stderr
    );
    assert!(
        !run.stderr.contains("tháng 3/2021 không có mục"),
        "{}",
        run.stderr
    );
}

#[test]
fn two_builds_of_the_same_site_are_byte_identical() {
    // No per-build secret reaches a page any more.
    let site = Site::new();
    site.write(
        "content/articles/a.md",
        "---\ntitle: Biểu đồ\ndate: 2023-11-02 15:03\ncategory: tin-tuc\nfigures: { from: 2023-01-01, to: 2023-12-31 }\n---\nMở đầu.\n\n{{ bang_so_lieu() }}\n\n{{ bieu_do() }}\n",
    );
    site.run(&["build", "-o", "mot"]).ok();
    site.run(&["build", "-o", "hai"]).ok();
    assert!(tree(&site.path("mot")) == tree(&site.path("hai")));
}

#[test]
fn the_active_content_scanner_finds_what_it_must() {
    use common::active::scan_html;
    for bad in [
        "<script>alert(1)</script>",
        "<h2 onfocus=\"x()\">",
        "<img src=x onerror=alert(1)>",
        "<a href=\" jav&#x61;script&#58;alert(1)\">",
        "<a href=\"JAVASCRIPT:x\">",
        "<iframe src=\"/\">",
        "<svg><animate onbegin=x>",
        "<p style=\"background:url(javascript:x)\">",
        "<script src=\"/assets/other.js\"></script>",
    ] {
        assert!(!scan_html(bad).is_empty(), "{bad}");
    }
    // In the feed, titles and summaries are escaped text; only the HTML
    // of `<content type="html">` is what a reader renders.
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(
        dir.path().join("feed.xml"),
        "<feed><title>&lt;script&gt;x&lt;/script&gt;</title><entry><summary>&lt;a href=&quot;javascript:x&quot;&gt;</summary><content type=\"html\">&lt;p&gt;Tin&lt;/p&gt;</content></entry></feed>",
    )
    .unwrap();
    assert!(common::active::scan_dir(dir.path()).is_empty());
    std::fs::write(
        dir.path().join("feed.xml"),
        "<feed><entry><content type=\"html\">&lt;img src=x onerror=&quot;alert(1)&quot;&gt;</content></entry></feed>",
    )
    .unwrap();
    assert_eq!(common::active::scan_dir(dir.path()).len(), 1);
    for good in [
        "<script src=\"/chibo/assets/search.js\" defer></script>",
        "<a href=\"https://x.vn/a?b=1&amp;c=2\">one</a>",
        "<!-- <script>x</script> --><p class=\"lead\">Ôn tập</p>",
        "<th style=\"text-align:right\">",
    ] {
        assert!(scan_html(good).is_empty(), "{good}: {:?}", scan_html(good));
    }
}

#[test]
fn a_planted_cache_link_is_never_written_through() {
    let site = Site::new();
    let elsewhere = tempfile::tempdir().unwrap();
    std::os::unix::fs::symlink(elsewhere.path(), site.path(".chibo-cache")).unwrap();
    let run = site.run(&["build"]);
    run.failed();
    assert!(
        run.stderr
            .contains(".chibo-cache:1:1: là một liên kết tượng trưng"),
        "{}",
        run.stderr
    );
    assert_eq!(std::fs::read_dir(elsewhere.path()).unwrap().count(), 0);
    // `chibo clean` removes the link only, not what it points to.
    std::fs::write(elsewhere.path().join("giu.txt"), "của tôi").unwrap();
    site.run(&["clean"]).ok();
    assert!(!site.path(".chibo-cache").exists());
    assert!(elsewhere.path().join("giu.txt").exists());
}
