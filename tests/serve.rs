//! `chibo serve` for real: a server process on a free port, plain HTTP
//! requests, the server-sent event stream, and (when installed) headless
//! Chromium watching a page change after a file is saved.

mod common;

use std::io::{BufRead, BufReader, Write};
use std::net::TcpListener;
use std::process::{Command, Stdio};
use std::sync::mpsc;
use std::time::{Duration, Instant};

use common::Site;
use common::server::*;
fn preview_site() -> Site {
    let site = Site::new();
    site.article(
        "content/articles/a.md",
        "Tin sinh hoạt chi bộ",
        "2023-11-02 15:03",
        "to-chuc-dang",
        "[xây dựng Đảng]",
        "Nội dung ban đầu.\n\n![Ảnh](static/anh/ket-nap.png \"Lễ kết nạp\")",
    );
    site.write(
        "content/articles/nhap.md",
        "---\ntitle: Bản nháp chưa đăng\ndate: 2099-01-01\ncategory: tin-tuc\ndraft: true\n---\nNháp.\n",
    );
    site.write(
        "content/reports/bc.md",
        "---\nsubject: tổng kết năm\ndate: 2023-12-20\nperiod: { from: 2023-01-01, to: 2023-12-31 }\nsigner: { name: Nguyễn Văn An }\n---\nNội dung.\n",
    );
    site
}

const PAGE: &str = "/to-chuc-dang/tin-sinh-hoat-chi-bo/";

#[test]
fn serves_pages_drafts_reports_and_photos_with_the_right_headers() {
    let site = preview_site();
    let s = start(&site, free_port());
    let home = get(s.port, "/");
    assert_eq!(home.status, 200);
    assert!(home.head.contains("Content-Type: text/html; charset=utf-8"));
    assert!(
        !home
            .head
            .to_lowercase()
            .contains("access-control-allow-origin")
    );
    assert!(
        home.body.contains("/__chibo/events"),
        "the reload script is in served pages"
    );
    let draft = get(s.port, "/tin-tuc/ban-nhap-chua-dang/");
    assert_eq!(draft.status, 200, "drafts and future articles are shown");
    assert!(draft.body.contains("<span class=\"badge\">BẢN NHÁP</span>"));
    // The report is internal (no `publish: true`): the preview shows it,
    // marked as such in the list, with its Word file.
    assert_eq!(get(s.port, "/bao-cao/bc/").status, 200);
    let list = get(s.port, "/bao-cao/");
    assert!(list.body.contains("NỘI BỘ"), "{}", list.body);
    let word = get(s.port, "/bao-cao/bc/bc.docx");
    assert_eq!(word.status, 200);
    assert!(
        word.head
            .contains("application/vnd.openxmlformats-officedocument.wordprocessingml.document"),
        "{}",
        word.head
    );
    let photo = get(s.port, "/static/anh/ket-nap.png");
    assert_eq!(photo.status, 200);
    assert!(photo.head.contains("Content-Type: image/png"));
    // The sizes the pipeline made, from its cache, as the page names them.
    let page = get(s.port, PAGE).body;
    let src = page
        .split("<img src=\"")
        .nth(1)
        .and_then(|r| r.split('"').next())
        .expect("a photo on the page");
    assert!(src.ends_with("-960.jpg"), "{src}");
    let sized = get(s.port, src);
    assert_eq!(sized.status, 200, "{src}");
    assert!(sized.head.contains("Content-Type: image/jpeg"));
    // The search index, made on first request; the draft is not in it.
    let manifest = get(s.port, "/tim-kiem/chi-muc.json");
    assert_eq!(manifest.status, 200);
    assert!(manifest.body.contains("\"docs\":1,"), "{}", manifest.body);
    let shard = get(s.port, "/tim-kiem/tu/0.json").body;
    assert!(shard.contains("\"sinh hoat\""), "{shard}");
    assert!(!shard.contains("nháp"), "{shard}");
    assert!(
        get(s.port, "/feed.xml")
            .head
            .contains("Content-Type: application/xml")
    );
    let head = request(s.port, "HEAD", PAGE, &format!("127.0.0.1:{}", s.port));
    assert_eq!(head.status, 200);
    assert!(head.body.is_empty());
    assert_eq!(get(s.port, "/to-chuc-dang").status, 301);
    assert_eq!(
        request(s.port, "POST", "/", &format!("127.0.0.1:{}", s.port)).status,
        405
    );
    // Nothing of this reaches build output.
    site.run(&["build"]).ok();
    assert!(!site.read("output/index.html").contains("__chibo"));
}

#[test]
fn requests_outside_the_site_or_from_other_hosts_are_refused() {
    let site = preview_site();
    // A photo folder link that points outside the site.
    #[cfg(unix)]
    std::os::unix::fs::symlink("/etc", site.path("content/static/ngoai")).unwrap();
    let s = start(&site, free_port());
    for path in [
        "/../site.yaml",
        "/%2e%2e/site.yaml",
        "/static/%2e%2e/%2e%2e/site.yaml",
        "/static/..%2f..%2fsite.yaml",
        "/static/..%5c..%5csite.yaml",
        "/..\\site.yaml",
        "//etc/passwd",
        "/static/ngoai/passwd",
        "/khong-co/",
    ] {
        let r = get(s.port, path);
        assert_eq!(r.status, 404, "{path}");
        assert!(!r.body.contains("root:"), "{path}");
    }
    let r = request(s.port, "GET", "/", &format!("evil.example:{}", s.port));
    assert_eq!(r.status, 421);
    let r = request(s.port, "GET", "/", "127.0.0.1:9");
    assert_eq!(r.status, 421);
    assert_eq!(
        request(s.port, "GET", "/", &format!("localhost:{}", s.port)).status,
        200
    );
}

#[test]
fn a_saved_edit_is_served_and_every_page_told_to_reload() {
    let site = preview_site();
    let s = start(&site, free_port());
    let rx = events(s.port);
    wait_for(&rx, "hello");
    let text = site
        .read("content/articles/a.md")
        .replace("Nội dung ban đầu.", "Nội dung đã sửa.");
    let saved = Instant::now();
    site.write("content/articles/a.md", &text);
    let (_, at) = wait_for(&rx, "reload");
    eprintln!("save → reload event: {} ms", (at - saved).as_millis());
    assert!(get(s.port, PAGE).body.contains("Nội dung đã sửa."));

    // An editor that writes a temporary file and renames it over the article.
    site.write(
        "content/articles/.a.md.tmp",
        &text.replace("đã sửa", "lưu kiểu đổi tên"),
    );
    std::fs::rename(
        site.path("content/articles/.a.md.tmp"),
        site.path("content/articles/a.md"),
    )
    .unwrap();
    wait_for(&rx, "reload");
    assert!(
        get(s.port, PAGE)
            .body
            .contains("Nội dung lưu kiểu đổi tên.")
    );

    // A burst of saves ends in one consistent site.
    for i in 0..5 {
        site.write(
            "content/articles/a.md",
            &text.replace("đã sửa", &format!("lần {i}")),
        );
    }
    // The last save wins: waited for, never slept on.
    let deadline = Instant::now() + Duration::from_secs(30);
    while !get(s.port, PAGE).body.contains("Nội dung lần 4.") {
        assert!(
            Instant::now() < deadline,
            "the last of a burst of saves never showed"
        );
        std::thread::sleep(Duration::from_millis(50));
    }

    // Renamed and deleted files.
    drain(&rx);
    std::fs::rename(
        site.path("content/articles/a.md"),
        site.path("content/articles/b.md"),
    )
    .unwrap();
    wait_for(&rx, "reload");
    assert_eq!(
        get(s.port, PAGE).status,
        200,
        "the URL comes from the title, not the file name"
    );
    drain(&rx);
    std::fs::remove_file(site.path("content/articles/b.md")).unwrap();
    wait_for(&rx, "reload");
    assert_eq!(get(s.port, PAGE).status, 404);
}

#[test]
fn a_broken_edit_shows_errors_while_the_last_good_site_stays() {
    let site = preview_site();
    let s = start(&site, free_port());
    let rx = events(s.port);
    wait_for(&rx, "hello");
    let good = site.read("content/articles/a.md");
    site.write(
        "content/articles/a.md",
        &good.replace("category: to-chuc-dang", "category: khong-co"),
    );
    let (errors, _) = wait_for(&rx, "errors");
    assert!(
        errors.contains("content/articles/a.md:4:11: danh mục `khong-co` không có trong site.yaml"),
        "{errors}"
    );
    assert!(!errors.contains("cảnh báo"), "only errors in the overlay");
    let page = get(s.port, PAGE);
    assert_eq!(page.status, 200, "the last good page is still served");
    assert!(page.body.contains("Nội dung ban đầu."));
    // A page opened now learns of the errors at once.
    let late = events(s.port);
    wait_for(&late, "errors");
    // The fix clears it.
    site.write(
        "content/articles/a.md",
        &good.replace("ban đầu", "đã sửa lỗi"),
    );
    wait_for(&rx, "reload");
    assert!(get(s.port, PAGE).body.contains("Nội dung đã sửa lỗi."));
    let fresh = events(s.port);
    let (_, _) = wait_for(&fresh, "hello");
    assert!(
        fresh.recv_timeout(Duration::from_millis(300)).is_err(),
        "no errors after a good build"
    );
}

#[test]
fn a_template_change_rerenders() {
    let site = preview_site();
    let s = start(&site, free_port());
    let rx = events(s.port);
    wait_for(&rx, "hello");
    site.write(
        "templates/article.html",
        "{% extends \"base.html\" %}{% block content %}<h1 class=\"rieng\">{{ page.title }}</h1>{% endblock content %}",
    );
    wait_for(&rx, "reload");
    assert!(
        get(s.port, PAGE)
            .body
            .contains("<h1 class=\"rieng\">Tin sinh hoạt chi bộ</h1>")
    );
    let mut saw = false;
    while let Ok(line) = s.out.recv_timeout(Duration::from_millis(500)) {
        saw |= line.contains("chỉ mẫu trang");
    }
    assert!(saw, "templates re-render without reading content again");
}

#[test]
fn a_busy_port_moves_to_the_next_one_aloud() {
    let busy = TcpListener::bind("127.0.0.1:0").unwrap();
    let port = busy.local_addr().unwrap().port();
    let site = preview_site();
    let s = start(&site, port);
    assert_ne!(s.port, port);
    assert_eq!(get(s.port, "/").status, 200);
}

#[test]
fn bound_to_every_interface_it_prints_the_address_colleagues_open() {
    let site = preview_site();
    let s = start_with(&site, free_port(), None, &["--interface", "0.0.0.0"]);
    let mut said = s.said.join("\n");
    // stderr and stdout arrive on two threads: give the other a moment.
    while let Ok(line) = s.out.recv_timeout(Duration::from_millis(500)) {
        said.push('\n');
        said.push_str(&line);
    }
    assert!(
        said.contains("Cảnh báo: đang mở bản xem trước cho cả mạng"),
        "{said}"
    );
    let lan: Vec<&str> = said
        .lines()
        .filter_map(|l| l.strip_prefix("Đồng nghiệp trong mạng nội bộ mở: http://"))
        .collect();
    if lan.is_empty() {
        // A machine with no network but loopback says so instead.
        assert!(
            said.contains("Không tìm thấy địa chỉ mạng nội bộ"),
            "{said}"
        );
    }
    for addr in lan {
        let host = addr.rsplit_once(':').unwrap().0;
        let ip: std::net::IpAddr = host.parse().unwrap();
        assert!(!ip.is_loopback() && !ip.is_unspecified(), "{addr}");
        assert!(addr.ends_with(&format!(":{}/", s.port)), "{addr}");
    }
}

/// Headless Chromium opens the article; the article template of this
/// fixture reports the title it shows to a listener of the test (an image
/// beacon). The title is edited on disk; the page must show the new one
/// without anyone reloading it.
#[test]
fn chromium_sees_an_edit_without_a_manual_reload() {
    if !common::require_tools(&["chromium"]) {
        return;
    }
    let beacon = TcpListener::bind("127.0.0.1:0").unwrap();
    let bport = beacon.local_addr().unwrap().port();
    let (tx, rx) = mpsc::channel::<(String, Instant)>();
    std::thread::spawn(move || {
        for stream in beacon.incoming().map_while(Result::ok) {
            let mut line = String::new();
            let mut r = BufReader::new(&stream);
            if r.read_line(&mut line).is_ok()
                && let Some(q) = line
                    .split_whitespace()
                    .nth(1)
                    .and_then(|p| p.split_once("?t="))
            {
                let _ = tx.send((q.1.to_string(), Instant::now()));
            }
            let _ = (&stream).write_all(b"HTTP/1.1 204 No Content\r\nContent-Length: 0\r\n\r\n");
        }
    });
    let site = preview_site();
    site.write(
        "templates/article.html",
        &format!(
            "{{% extends \"base.html\" %}}{{% block content %}}<h1 id=\"t\">{{{{ page.title }}}}</h1><script>new Image().src = \"http://127.0.0.1:{bport}/seen?t=\" + encodeURIComponent(document.getElementById(\"t\").textContent.trim() === \"Tin sinh hoạt chi bộ\" ? \"cu\" : \"moi\");</script>{{% endblock content %}}"
        ),
    );
    let s = start(&site, free_port());
    let profile = tempfile::tempdir().unwrap();
    let mut chrome = Command::new("chromium")
        .args([
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--no-first-run",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            "--remote-debugging-port=0",
        ])
        .arg(format!("--user-data-dir={}", profile.path().display()))
        .arg(format!("http://127.0.0.1:{}{PAGE}", s.port))
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    let got = |want: &str| -> Option<Instant> {
        let deadline = Instant::now() + Duration::from_secs(30);
        while Instant::now() < deadline {
            if let Ok((t, at)) = rx.recv_timeout(Duration::from_millis(200))
                && t == want
            {
                return Some(at);
            }
        }
        None
    };
    let first = got("cu");
    // No wait for the page's event stream: one that connects after the
    // rebuild hears a newer generation in its `hello` and reloads too.
    let text = site.read("content/articles/a.md").replace(
        "title: Tin sinh hoạt chi bộ",
        "title: Tin sinh hoạt chi bộ (đã sửa)\nslug: tin-sinh-hoat-chi-bo",
    );
    let saved = Instant::now();
    site.write("content/articles/a.md", &text);
    let changed = got("moi");
    let _ = chrome.kill();
    let _ = chrome.wait();
    assert!(first.is_some(), "Chromium never showed the page");
    let at = changed.expect("the page did not change without a reload");
    eprintln!(
        "save → new page in Chromium: {} ms",
        (at - saved).as_millis()
    );
}
