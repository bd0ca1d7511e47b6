//! The preview's forms tried as an attacker and as a careful user would:
//! links planted in the site folder, saves the build would refuse, edits of
//! files written with CRLF, a BOM or NFD text, dates typed with odd spaces,
//! and articles edited in place. Each test runs a real `chibo serve`.

mod common;

use common::Site;
use common::api::Api;
use common::server::*;
use serde_json::{Value, json};
use unicode_normalization::UnicodeNormalization;

fn site() -> Site {
    let site = Site::new();
    site.write_bytes("content/static/anh/ket-nap.png", &common::photo_png());
    site
}

/// Every file under `dir`, as paths relative to it.
fn files_under(dir: &std::path::Path) -> Vec<String> {
    common::tree(dir).into_iter().map(|(p, _)| p).collect()
}

#[test]
fn writes_through_a_linked_year_folder_are_refused_and_land_nowhere() {
    let site = site();
    let away = tempfile::tempdir().unwrap();
    for (dir, name) in [
        ("content/activities", "logs"),
        ("content/articles", "articles"),
        ("content/static/anh", "photos"),
    ] {
        std::fs::create_dir_all(site.path(dir)).unwrap();
        std::fs::create_dir_all(away.path().join(name)).unwrap();
        std::os::unix::fs::symlink(away.path().join(name), site.path(&format!("{dir}/2098")))
            .unwrap();
    }
    let s = start(&site, free_port());
    let api = Api::new(&s);
    let (status, v) = api.call(
        "POST",
        "activity",
        &[],
        &json!({"kind": "khac", "date": "2098-11-05", "title": "Gặp mặt"}),
    );
    assert_eq!(status, 400, "{v}");
    assert!(
        v[0]["message"]
            .as_str()
            .unwrap()
            .contains("`content/activities/2098` là một liên kết tượng trưng"),
        "{v}"
    );
    let (status, v) = api.call(
        "POST",
        "article",
        &[],
        &json!({"title": "Bài năm 2098", "date": "2098-11-05", "category": "tin-tuc", "body": "Nội dung."}),
    );
    assert_eq!(status, 400, "{v}");
    let r = send(
        s.port,
        "POST",
        "/__chibo/api/photo?date=2098-11-05&caption=anh",
        &[
            ("X-Chibo-Token", api.token.as_str()),
            ("Origin", api.origin.as_str()),
            ("Content-Type", "image/png"),
        ],
        &common::photo_png(),
    );
    assert_eq!(r.status, 400, "{}", r.body);
    assert!(
        files_under(away.path()).is_empty(),
        "{:?}",
        files_under(away.path())
    );
}

#[test]
fn a_link_at_a_temporary_name_is_never_written_through_and_the_log_stays_a_file() {
    let site = site();
    let rel = "content/activities/2023/thang-10.yaml";
    site.write(
        rel,
        "- kind: khac\n  date: 2023-10-13\n  title: Gặp mặt\n- kind: khac\n  date: 2023-10-14\n  title: Họp\n",
    );
    let s = start(&site, free_port());
    let api = Api::new(&s);
    let away = tempfile::tempdir().unwrap();
    let victim = away.path().join("bi-mat.txt");
    std::fs::write(&victim, "giữ nguyên").unwrap();
    // Every temporary name chibo once used, with the server's process id.
    let pid = s.child.id();
    for name in [
        format!(".thang-10.yaml.chibo-luu-{pid}"),
        format!(".thang-10.chibo-moi-{pid}"),
        format!(".2023-10-20-khac.chibo-moi-{pid}"),
        "thang-10.yaml.chibo-tmp".to_string(),
    ] {
        std::os::unix::fs::symlink(
            &victim,
            site.path(&format!("content/activities/2023/{name}")),
        )
        .unwrap();
    }
    let entries = api.entries();
    let first = &entries[0];
    let mut changed = first["entry"].clone();
    changed["title"] = json!("Gặp mặt đầu năm");
    let (status, v) = api.call(
        "PUT",
        &format!("activity?file={rel}&line=1"),
        &[("If-Match", first["hash"].as_str().unwrap())],
        &changed,
    );
    assert_eq!(status, 200, "{v}");
    let (status, v) = api.call(
        "POST",
        "activity",
        &[],
        &json!({"kind": "khac", "date": "2023-10-20", "title": "Mới"}),
    );
    assert_eq!(status, 201, "{v}");
    assert_eq!(std::fs::read_to_string(&victim).unwrap(), "giữ nguyên");
    let meta = std::fs::symlink_metadata(site.path(rel)).unwrap();
    assert!(
        meta.file_type().is_file(),
        "the log is still a regular file"
    );
    assert!(site.read(rel).contains("title: Gặp mặt đầu năm"));
    // No temporary file is left behind.
    let left: Vec<String> = std::fs::read_dir(site.path("content/activities/2023"))
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().to_string())
        .filter(|n| n.contains("chibo-tam"))
        .collect();
    assert!(left.is_empty(), "{left:?}");
}

#[test]
fn a_save_the_build_would_refuse_is_refused_with_its_place() {
    let site = site();
    site.write(
        "content/activities/2023/neo.yaml",
        "- kind: khac\n  date: 2023-10-13\n  title: Gặp mặt\n  place: &p Hội trường tầng 2\n- kind: khac\n  date: 2023-10-14\n  title: Họp\n  place: *p\n",
    );
    let s = start(&site, free_port());
    let api = Api::new(&s);
    let before = common::tree(site.root());
    for (body, said) in [
        (
            "Ảnh:\n\n![Lễ kết nạp](static/anh/khong-co.jpg)\n",
            "content/activities/2023/2023-10-20-khac.yaml:10:1: không tìm thấy ảnh `static/anh/khong-co.jpg`",
        ),
        (
            "Xem [tại đây](javascript:alert(1)).\n",
            "dòng 1 của nội dung: liên kết `javascript:alert(1)` không an toàn",
        ),
    ] {
        let entry = json!({"kind": "khac", "date": "2023-10-20", "title": "Tin",
            "news": {"title": "Tin chi bộ", "category": "tin-tuc", "body": body}});
        let (status, v) = api.call("POST", "activity", &[], &entry);
        assert_eq!(status, 400, "{body}: {v}");
        assert!(v[0]["message"].as_str().unwrap().starts_with(said), "{v}");
    }
    let (status, v) = api.call(
        "POST",
        "article",
        &[],
        &json!({"title": "Bài nháp có ảnh thiếu", "date": "2023-10-20", "category": "tin-tuc",
                "body": "![Ảnh](static/anh/khong-co.jpg)", "draft": true}),
    );
    assert_eq!(status, 400, "{v}");
    assert!(v.to_string().contains("không tìm thấy ảnh"), "{v}");
    // Deleting the entry that holds the anchor would break the next one.
    let first = api.entries()[0].clone();
    let (status, v) = api.call(
        "DELETE",
        "activity?file=content/activities/2023/neo.yaml&line=1",
        &[("If-Match", first["hash"].as_str().unwrap())],
        &Value::Null,
    );
    assert_eq!(status, 409, "{v}");
    assert!(v["message"].as_str().unwrap().contains("không xóa"), "{v}");
    assert_eq!(common::tree(site.root()), before, "nothing was written");
    site.run(&["check"]).ok();
}

/// Edits the first entry of `bytes` (a log file) through the API and
/// gives the file after.
fn edit_first(bytes: &[u8], title: &str) -> Vec<u8> {
    let site = site();
    let rel = "content/activities/2023/thang-10.yaml";
    site.write_bytes(rel, bytes);
    let s = start(&site, free_port());
    let api = Api::new(&s);
    let first = api.entries()[0].clone();
    let mut changed = first["entry"].clone();
    changed["title"] = json!(title);
    let (status, v) = api.call(
        "PUT",
        &format!("activity?file={rel}&line={}", first["line"]),
        &[("If-Match", first["hash"].as_str().unwrap())],
        &changed,
    );
    assert_eq!(status, 200, "{v}");
    std::fs::read(site.path(rel)).unwrap()
}

const LOG: &str = "# Nhật ký tháng 10 — ghi tay\n- kind: khac   # mục đầu\n  date: 2023-10-13\n  # tên buổi gặp\n  title: Gặp mặt\n  note: |\n    Dòng một.\n    Dòng hai.\n  place: \"Hội trường\"\n\n# mục sau\n- kind: dan_van\n  date: 2023-10-14\n  topic: Giúp dân xây nhà\n";

#[test]
fn an_edit_keeps_every_byte_it_did_not_change_in_crlf_bom_and_nfd_files() {
    let expect_lf = LOG.replace("  title: Gặp mặt\n", "  title: Gặp mặt cuối năm\n");
    // Plain LF: only the title's line changed; the comment, the `|` block
    // and the quotes are as they were.
    assert_eq!(
        String::from_utf8(edit_first(LOG.as_bytes(), "Gặp mặt cuối năm")).unwrap(),
        expect_lf
    );
    // CRLF: the new line is CRLF too.
    let crlf = LOG.replace('\n', "\r\n");
    assert_eq!(
        String::from_utf8(edit_first(crlf.as_bytes(), "Gặp mặt cuối năm")).unwrap(),
        expect_lf.replace('\n', "\r\n")
    );
    // A BOM stays.
    let mut bom = b"\xEF\xBB\xBF".to_vec();
    bom.extend_from_slice(LOG.as_bytes());
    let mut want = b"\xEF\xBB\xBF".to_vec();
    want.extend_from_slice(expect_lf.as_bytes());
    assert_eq!(edit_first(&bom, "Gặp mặt cuối năm"), want);
    // NFD (Vietnamese typed in combining mode): every other line stays NFD.
    let nfd: String = LOG.nfd().collect();
    let after = String::from_utf8(edit_first(nfd.as_bytes(), "Gặp mặt cuối năm")).unwrap();
    let (old, new): (Vec<&str>, Vec<&str>) = (nfd.lines().collect(), after.lines().collect());
    assert_eq!(old.len(), new.len());
    for (i, (o, n)) in old.iter().zip(&new).enumerate() {
        if i == 4 {
            assert_eq!(*n, "  title: Gặp mặt cuối năm");
        } else {
            assert_eq!(o, n, "line {}", i + 1);
        }
    }
}

#[test]
fn dates_typed_with_odd_spaces_are_parsed_and_impossible_years_refused() {
    let site = site();
    let s = start(&site, free_port());
    let api = Api::new(&s);
    for (i, date) in [
        "   2023-12-09 09:00",
        "\t\t2023-12-10",
        "\u{3000}2023-12-11",
        "2023-12-12\u{2028}",
    ]
    .iter()
    .enumerate()
    {
        let (status, v) = api.call(
            "POST",
            "activity",
            &[],
            &json!({"kind": "khac", "date": date, "title": format!("Gặp mặt {i}")}),
        );
        assert_eq!(status, 201, "{date:?}: {v}");
        assert!(
            v["file"]
                .as_str()
                .unwrap()
                .starts_with("content/activities/2023/2023-12-"),
            "{v}"
        );
    }
    for date in ["0000-01-01", "2203-01-01"] {
        let (status, v) = api.call(
            "POST",
            "activity",
            &[],
            &json!({"kind": "khac", "date": date, "title": "Sai năm"}),
        );
        assert_eq!(status, 400, "{v}");
        assert!(v.to_string().contains("nằm ngoài khoảng 1930–2100"), "{v}");
    }
    let folders: Vec<String> = std::fs::read_dir(site.path("content/activities"))
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().to_string())
        .collect();
    assert_eq!(folders, ["2023"]);
}

#[test]
fn an_article_is_edited_in_place_keeping_what_the_form_does_not_show() {
    let site = site();
    let rel = "content/articles/2023/tin-cu.md";
    let text = "---\r\ntitle: Tin cũ\r\ndate: 2023-10-12 14:00\r\ncategory: tin-tuc # danh mục\r\nslug: tin-cu-giu-nguyen\r\ntags:\r\n  - xây dựng Đảng\r\ndraft: true\r\n---\r\n\r\nĐoạn một.\r\n\r\nĐoạn hai.\r\n";
    site.write(rel, text);
    let s = start(&site, free_port());
    let api = Api::new(&s);
    let (status, list) = api.call("GET", "articles", &[], &Value::Null);
    assert_eq!(status, 200, "{list}");
    assert_eq!(list[0]["file"], rel);
    let (status, got) = api.call("GET", &format!("article?file={rel}"), &[], &Value::Null);
    assert_eq!(status, 200, "{got}");
    assert_eq!(got["values"]["title"], "Tin cũ");
    assert_eq!(got["values"]["body"], "Đoạn một.\n\nĐoạn hai.\n");
    let hash = got["hash"].as_str().unwrap().to_string();
    let mut v = got["values"].clone();
    v["title"] = json!("Tin mới sửa");
    let (status, r) = api.call(
        "PUT",
        &format!("article?file={rel}"),
        &[("If-Match", &hash)],
        &v,
    );
    assert_eq!(status, 200, "{r}");
    assert_eq!(
        site.read(rel),
        text.replace("title: Tin cũ", "title: Tin mới sửa")
    );
    // The hash read before that edit is stale now.
    let (status, r) = api.call(
        "PUT",
        &format!("article?file={rel}"),
        &[("If-Match", &hash)],
        &v,
    );
    assert_eq!(status, 409, "{r}");
    // A body with a missing photo is refused and nothing changes.
    let before = site.read(rel);
    v["body"] = json!("![Ảnh](static/anh/khong-co.jpg)");
    let (_, fresh) = api.call("GET", &format!("article?file={rel}"), &[], &Value::Null);
    let (status, r) = api.call(
        "PUT",
        &format!("article?file={rel}"),
        &[("If-Match", fresh["hash"].as_str().unwrap())],
        &v,
    );
    assert_eq!(status, 400, "{r}");
    assert_eq!(site.read(rel), before);
}

/// A script that tries what a planted page would: read the forms' token,
/// then write an entry with it. It says how far it got in the title.
const PLANT: &str = r#"
var say = function (s) { document.title = s; };
fetch('/__chibo/nhap/').then(function (r) { return r.text(); }).then(function (t) {
  var m = t.match(/chibo-token" content="([0-9a-f]+)/);
  say('token:' + (m ? m[1] : 'none'));
  return fetch('/__chibo/api/activity', {method: 'POST',
    headers: {'X-Chibo-Token': m ? m[1] : '', 'Content-Type': 'application/json'},
    body: JSON.stringify({kind: 'khac', date: '2023-10-20', title: 'Ghi lén'})});
}).then(function (r) { say(document.title + ' status:' + r.status); },
        function (e) { say('chặn: ' + e); });
"#;

#[test]
fn a_page_or_svg_planted_in_static_runs_sandboxed_and_cannot_write() {
    if !common::require_tools(&["chromium"]) {
        return;
    }
    let site = site();
    site.write(
        "content/static/tai-ve/trang.html",
        &format!("<!doctype html><title>trang</title><script>{PLANT}</script>"),
    );
    site.write(
        "content/static/tai-ve/hinh.svg",
        &format!(
            "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"10\" height=\"10\"><title>hình</title><script>//<![CDATA[\n{PLANT}\n//]]></script></svg>"
        ),
    );
    site.article(
        "content/articles/b.md",
        "Hội nghị học tập Nghị quyết",
        "2023-11-02 15:03",
        "tin-tuc",
        "[]",
        "Chi bộ học tập nghị quyết mới.",
    );
    let s = start(&site, free_port());
    let r = get(s.port, "/static/tai-ve/trang.html");
    assert!(
        r.head
            .to_ascii_lowercase()
            .contains("content-security-policy: sandbox allow-scripts"),
        "{}",
        r.head
    );
    let mut b = common::cdp::Browser::start(375, 800);
    for page in ["trang.html", "hinh.svg"] {
        b.goto(&format!("http://127.0.0.1:{}/static/tai-ve/{page}", s.port));
        assert!(
            b.wait_for(
                "document.title.indexOf('chặn') === 0 || document.title.indexOf('status:') > 0",
                10
            ),
            "{page}: {}",
            b.eval("document.title")
        );
        let title = b.eval("document.title");
        assert!(
            title.as_str().unwrap().starts_with("chặn"),
            "{page} got through: {title}"
        );
    }
    assert!(
        !site.exists("content/activities"),
        "a planted page wrote an entry"
    );
    // The preview's own pages are sandboxed too, and still search.
    b.goto(&format!(
        "http://127.0.0.1:{}/tim-kiem/?q=ngh%E1%BB%8B%20quy%E1%BA%BFt",
        s.port
    ));
    assert!(
        b.wait_for("!!document.querySelector('[data-count]') && document.querySelector('[data-count]').getAttribute('data-count') !== '0'", 10),
        "search in the preview found nothing: {}",
        b.eval("document.body.innerText")
    );
    // `check` says which published files can run script.
    let run = site.run(&["check"]);
    for page in ["trang.html", "hinh.svg"] {
        assert!(
            run.stderr.contains(&format!(
                "content/static/tai-ve/{page}: cảnh báo: tệp {} có thể chạy mã (script)",
                if page.ends_with("svg") { "SVG" } else { "HTML" }
            )),
            "{}",
            run.stderr
        );
    }
}

/// The peak resident memory of a process so far, in KiB (`VmHWM`).
fn peak_kib(pid: u32) -> u64 {
    let status = std::fs::read_to_string(format!("/proc/{pid}/status")).unwrap();
    status
        .lines()
        .find_map(|l| l.strip_prefix("VmHWM:"))
        .and_then(|v| v.trim().trim_end_matches("kB").trim().parse().ok())
        .unwrap()
}

/// A PNG of `w` × `h` pixels of one colour: small on disk, huge decoded.
fn flat_png(w: u32, h: u32) -> Vec<u8> {
    let mut out = Vec::new();
    {
        let mut e = png::Encoder::new(&mut out, w, h);
        e.set_color(png::ColorType::Rgb);
        e.set_compression(png::Compression::Fast);
        let mut wr = e.write_header().unwrap();
        let row = vec![200u8; w as usize * 3];
        let mut s = wr.stream_writer().unwrap();
        for _ in 0..h {
            std::io::Write::write_all(&mut s, &row).unwrap();
        }
        s.finish().unwrap();
        wr.finish().unwrap();
    }
    out
}

#[test]
fn a_120_megapixel_png_upload_is_processed_within_the_memory_budget() {
    /// What the preview may reach with such a photo in work.
    const BUDGET_KIB: u64 = 256 * 1024;
    let site = site();
    let s = start(&site, free_port());
    let api = Api::new(&s);
    let before = peak_kib(s.child.id());
    let png = flat_png(10_000, 12_000);
    assert!(png.len() < 30 << 20, "{} bytes", png.len());
    let ev = events(s.port);
    wait_for(&ev, "hello");
    let r = send(
        s.port,
        "POST",
        "/__chibo/api/photo?date=2023-10-13&caption=to%20lon",
        &[
            ("X-Chibo-Token", api.token.as_str()),
            ("Origin", api.origin.as_str()),
            ("Content-Type", "image/png"),
        ],
        &png,
    );
    assert_eq!(r.status, 201, "{}", r.body);
    // The rebuild the upload starts decodes and resizes it.
    wait_for(&ev, "reload");
    let made = common::tree(&site.path(".chibo-cache/anh"));
    assert!(
        made.iter().any(|(p, _)| p.ends_with("1600.webp")),
        "{:?}",
        made.iter().map(|(p, _)| p).collect::<Vec<_>>()
    );
    let peak = peak_kib(s.child.id());
    eprintln!(
        "preview peak: {} MiB before the upload, {} MiB after",
        before / 1024,
        peak / 1024
    );
    assert!(peak < BUDGET_KIB, "peak {} MiB", peak / 1024);
}

#[test]
fn in_chromium_at_375_px_an_entry_is_edited_and_deleted_and_an_article_edited() {
    if !common::require_tools(&["chromium"]) {
        return;
    }
    let site = site();
    let log = "content/activities/2023/thang-10.yaml";
    site.write(
        log,
        "# ghi tay\n- kind: khac\n  date: 2023-10-13\n  title: Gặp mặt\n  note: |\n    Dòng một.\n- kind: khac\n  date: 2023-10-14\n  title: Họp bàn\n",
    );
    let art = "content/articles/2023/tin-thang-10.md";
    site.write(
        art,
        "---\ntitle: Tin tháng 10\ndate: 2023-10-20 08:00\ncategory: tin-tuc\nfigures: { from: 2023-10-01, to: 2023-10-31 }\n---\n\nTháng này có {{ figures.counts.khac }} hoạt động khác.\n",
    );
    let s = start(&site, free_port());
    let mut b = common::cdp::Browser::start(375, 1400);
    b.goto(&format!("http://127.0.0.1:{}/__chibo/nhap/", s.port));
    assert!(b.wait_for("document.querySelectorAll('button.sua').length >= 3", 20));
    assert_eq!(
        b.eval("document.documentElement.scrollWidth <= window.innerWidth"),
        json!(true),
        "the list scrolls sideways at 375 px"
    );
    // Edit the first entry's title.
    b.eval("document.querySelector('button.sua[aria-label*=\"13-10-2023\"]').click()");
    assert!(b.wait_for(
        "!!document.querySelector('form.bieu-mau [data-field=title] input')",
        5
    ));
    b.eval("document.querySelector('[data-field=title] input').select()");
    b.type_text("Gặp mặt cuối năm");
    b.eval("document.querySelector('form.bieu-mau button.luu').click()");
    assert!(
        b.wait_for(
            &format!("document.getElementById('nhap').textContent.indexOf('Đã lưu {log}') >= 0"),
            10
        ),
        "{}",
        b.eval("document.getElementById('nhap').textContent")
    );
    assert_eq!(
        site.read(log),
        "# ghi tay\n- kind: khac\n  date: 2023-10-13\n  title: Gặp mặt cuối năm\n  note: |\n    Dòng một.\n- kind: khac\n  date: 2023-10-14\n  title: Họp bàn\n"
    );
    // Delete the second.
    assert!(b.wait_for(
        "!!document.querySelector('button.xoa[aria-label*=\"14-10-2023\"]')",
        10
    ));
    b.eval("window.confirm = function () { return true; }; document.querySelector('button.xoa[aria-label*=\"14-10-2023\"]').click()");
    assert!(b.wait_for(
        "document.getElementById('nhap').textContent.indexOf('Đã xóa mục') >= 0",
        10
    ));
    assert_eq!(
        site.read(log),
        "# ghi tay\n- kind: khac\n  date: 2023-10-13\n  title: Gặp mặt cuối năm\n  note: |\n    Dòng một.\n"
    );
    // Edit the article: the preview counts as the build does.
    assert!(b.wait_for(
        "!!document.querySelector('button.sua[aria-label=\"Sửa bài Tin tháng 10\"]')",
        10
    ));
    b.eval("document.querySelector('button.sua[aria-label=\"Sửa bài Tin tháng 10\"]').click()");
    assert!(b.wait_for("!!document.querySelector('textarea.noi-dung') && document.querySelector('textarea.noi-dung').value.indexOf('figures.counts') > 0", 10));
    assert!(
        b.wait_for("(function(){var f=document.querySelector('iframe.xem'); return !!(f && f.srcdoc && f.srcdoc.indexOf('Tháng này có 1 hoạt động khác') > 0);})()", 10),
        "{}",
        b.eval("(document.querySelector('iframe.xem')||{}).srcdoc")
    );
    assert_eq!(
        b.eval("document.documentElement.scrollWidth <= window.innerWidth"),
        json!(true),
        "the article form scrolls sideways at 375 px"
    );
    b.eval("document.querySelector('[data-field=title] input').select()");
    b.type_text("Tin tháng Mười");
    b.eval("document.querySelector('form.bieu-mau button.luu').click()");
    assert!(
        b.wait_for(
            &format!("document.getElementById('nhap').textContent.indexOf('Đã lưu {art}') >= 0"),
            10
        ),
        "{}",
        b.eval("document.getElementById('nhap').textContent")
    );
    assert_eq!(
        site.read(art),
        "---\ntitle: Tin tháng Mười\ndate: 2023-10-20 08:00\ncategory: tin-tuc\nfigures: { from: 2023-10-01, to: 2023-10-31 }\n---\n\nTháng này có {{ figures.counts.khac }} hoạt động khác.\n"
    );
}

#[test]
fn editing_a_news_title_keeps_its_body_block_and_comments_as_written() {
    let site = site();
    let rel = "content/activities/2023/tin.yaml";
    let text = "kind: khac\ndate: 2023-10-13\ntitle: Gặp mặt\nnews:\n  # tin đăng trang chủ\n  title: Chi bộ gặp mặt\n  category: tin-tuc\n  tags: [gặp mặt, truyền thống]\n  body: |+\n    Đoạn một.\n\n    Đoạn hai.\n\n";
    site.write(rel, text);
    let s = start(&site, free_port());
    let api = Api::new(&s);
    let e = api.entries()[0].clone();
    let mut v = e["entry"].clone();
    v["news"]["title"] = json!("Chi bộ gặp mặt đầu xuân");
    let (status, r) = api.call(
        "PUT",
        &format!("activity?file={rel}&line=1"),
        &[("If-Match", e["hash"].as_str().unwrap())],
        &v,
    );
    assert_eq!(status, 200, "{r}");
    assert_eq!(
        site.read(rel),
        text.replace(
            "  title: Chi bộ gặp mặt\n",
            "  title: Chi bộ gặp mặt đầu xuân\n"
        )
    );
}
