//! The preview's forms API for real: a `chibo serve` process, plain HTTP
//! requests with and without its token, and the files it writes read back
//! byte for byte, then `check` and `figures` run on what it wrote.

mod common;

use common::Site;
use common::api::Api;
use common::server::*;
use serde_json::{Value, json};

fn forms_site() -> Site {
    let site = Site::new();
    site.write("content/documents.yaml", common::DOCUMENTS);
    site.write_bytes("content/static/anh/ket-nap.png", &common::photo_png());
    site.article(
        "content/articles/a.md",
        "Tin sinh hoạt chi bộ",
        "2023-11-02 15:03",
        "to-chuc-dang",
        "[xây dựng Đảng]",
        "Nội dung.",
    );
    site
}

/// One valid entry of every kind, as the forms send them.
fn every_kind() -> Vec<Value> {
    vec![
        json!({"kind": "cap_uy", "date": "2023-10-02 08:00", "attendance": {"total": 3, "exempt": 0, "present": 3}}),
        json!({"kind": "sinh_hoat_thuong_ky", "date": "2023-10-10 14:00", "place": "Phòng họp Sở Tư pháp",
               "attendance": {"total": 26, "exempt": 1, "present": 23, "excused": 2},
               "topics": ["Quán triệt Kết luận 01-KL/TW"], "rating": {"level": "tot", "score": 91},
               "documents": ["kl-01-2021"]}),
        json!({"kind": "chuyen_de", "date": "2023-10-11", "topic": "Dân vận khéo", "attendance": {"total": 26, "exempt": 1, "present": 24}}),
        json!({"kind": "lop_nhan_thuc", "date": "2023-10-12", "participants": 4}),
        json!({"kind": "ket_nap", "date": "2023-10-13 09:00", "members": ["Nguyễn Văn An", "Trần Thị Bình"],
               "decision": "Quyết định số 12-QĐ/ĐUK",
               "photos": [{"src": "static/anh/ket-nap.png", "caption": "Lễ kết nạp đảng viên"}],
               "news": {"title": "Chi bộ kết nạp 02 đảng viên mới", "category": "to-chuc-dang", "tags": ["kết nạp"],
                        "body": "Buổi lễ diễn ra trang trọng.\n\nĐồng chí Bí thư trao quyết định."}}),
        json!({"kind": "chuyen_chinh_thuc", "date": "2023-10-14", "members": ["Lê Văn Cường"]}),
        json!({"kind": "giam_sat_thuong_xuyen", "date": "2023-10-15", "coverage_percent": 100}),
        json!({"kind": "giam_sat_chuyen_de", "date": "2023-10-16", "subjects": 2}),
        json!({"kind": "kiem_tra", "date": "2023-10-17", "subjects": ["Phạm Văn Dũng"], "result": "Chấp hành tốt"}),
        json!({"kind": "ky_luat", "date": "2023-10-18", "subjects": 0}),
        json!({"kind": "hoc_tap", "date": "2023-10-19", "documents": ["kl-01-2021"], "audience": "toàn thể đảng viên"}),
        json!({"kind": "xep_loai", "date": "2023-12-20", "year": 2023, "cell_level": "hoan_thanh_tot",
               "members": {"hoan_thanh_xuat_sac": 3, "hoan_thanh_tot": 20, "hoan_thanh": 2, "khong_hoan_thanh": 0}}),
        json!({"kind": "dan_van", "date": "2023-10-21", "topic": "Giúp đỡ hộ nghèo"}),
        json!({"kind": "khac", "date": "2023-10-22", "title": "Gặp mặt kỷ niệm", "note": "Dòng một.\nDòng hai."}),
    ]
}

#[test]
fn an_entry_of_every_kind_and_an_article_saved_through_the_api_pass_check_and_count() {
    let site = forms_site();
    let s = start(&site, free_port());
    let api = Api::new(&s);
    // Every preview page leads to the forms; the built site never does.
    assert!(get(s.port, "/").body.contains("\"/__chibo/nhap/\""));
    let (status, schema) = api.call("GET", "schema", &[], &Value::Null);
    assert_eq!(status, 200);
    assert_eq!(schema["kinds"].as_array().unwrap().len(), 14);
    let meeting = &schema["kinds"][1];
    assert_eq!(meeting["label"], "Sinh hoạt chi bộ thường kỳ");
    assert_eq!(meeting["fields"][0]["type"], "attendance");
    assert_eq!(meeting["fields"][2]["values"][0]["label"], "Tốt");
    assert_eq!(schema["documents"][0]["id"], "kl-01-2021");
    assert!(
        schema["photos"]
            .to_string()
            .contains("static/anh/ket-nap.png")
    );
    assert_eq!(schema["tags"][0], "xây dựng Đảng");

    for entry in every_kind() {
        let (status, v) = api.call("POST", "activity", &[], &entry);
        assert_eq!(status, 201, "{entry}: {v}");
        assert!(
            v["file"]
                .as_str()
                .unwrap()
                .starts_with("content/activities/2023/"),
            "{v}"
        );
    }
    let written = site.read("content/activities/2023/2023-10-10-sinh-hoat-thuong-ky.yaml");
    assert_eq!(
        written,
        "kind: sinh_hoat_thuong_ky\ndate: 2023-10-10 14:00\nplace: Phòng họp Sở Tư pháp\nattendance: { total: 26, exempt: 1, present: 23, excused: 2 }\ntopics:\n  - Quán triệt Kết luận 01-KL/TW\nrating: { level: tot, score: 91 }\ndocuments:\n  - kl-01-2021\n"
    );
    let (status, v) = api.call(
        "POST",
        "article",
        &[],
        &json!({"title": "Chi bộ học tập Kết luận 01-KL/TW", "category": "to-chuc-dang",
                "date": "2023-10-19 16:00", "tags": ["học tập"], "summary": "",
                "body": "Sáng 19/10, chi bộ tổ chức học tập.\n\n![Lễ kết nạp](static/anh/ket-nap.png \"Lễ kết nạp\")",
                "draft": false}),
    );
    assert_eq!(status, 201, "{v}");
    assert_eq!(
        v["file"],
        "content/articles/2023/chi-bo-hoc-tap-ket-luan-01-kl-tw.md"
    );
    let listed = api.entries();
    assert_eq!(listed.len(), 14);
    // Every write is said in the terminal, with its file and lines.
    let said: Vec<String> = s.out.try_iter().collect();
    assert!(
        said.iter().any(|l| l
            == "Đã lưu content/activities/2023/2023-10-10-sinh-hoat-thuong-ky.yaml (dòng 1–9)"),
        "{said:?}"
    );
    assert!(
        said.iter().any(|l| l
            .starts_with("Đã tạo bài content/articles/2023/chi-bo-hoc-tap-ket-luan-01-kl-tw.md")),
        "{said:?}"
    );
    assert!(
        listed
            .iter()
            .all(|e| e["problems"].as_array().unwrap().is_empty()),
        "{listed:?}"
    );
    drop(s);

    site.run(&["check"]).ok();
    let figures = site.run(&[
        "figures",
        "--from",
        "2023-10-01",
        "--to",
        "2023-12-31",
        "--json",
    ]);
    let f: Value = serde_json::from_str(&figures.ok().stdout).unwrap();
    let text = f.to_string();
    assert_eq!(f["people"]["admitted"], 2, "{text}");
    assert_eq!(f["people"]["transferred"], 1, "{text}");
    assert_eq!(f["people"]["awareness_class"], 4, "{text}");
    assert_eq!(f["people"]["inspected"], 1, "{text}");
    assert_eq!(f["counts"]["sinh_hoat_thuong_ky"], 1, "{text}");
    assert_eq!(f["attendance"]["meetings"], 1, "{text}");
    assert_eq!(f["supervision_coverage_percent"], 100.0, "{text}");
    // The news block of the admission is an article of its own.
    let built = site.run(&["build"]);
    built.ok();
    assert!(site.exists("output/to-chuc-dang/chi-bo-ket-nap-02-dang-vien-moi/index.html"));
    assert!(site.exists("output/to-chuc-dang/chi-bo-hoc-tap-ket-luan-01-kl-tw/index.html"));
    assert!(!site.read("output/index.html").contains("__chibo"));
}

#[test]
fn an_invalid_entry_is_refused_by_field_and_nothing_is_written() {
    let site = forms_site();
    let before = common::tree(&site.path("content"));
    let s = start(&site, free_port());
    let api = Api::new(&s);
    let (status, v) = api.call(
        "POST",
        "activity",
        &[],
        &json!({"kind": "sinh_hoat_thuong_ky", "date": "2023-10-10",
                "attendance": {"total": 20, "exempt": 1, "present": 25}}),
    );
    assert_eq!(status, 400, "{v}");
    assert_eq!(v[0]["field"], "attendance", "{v}");
    assert!(v[0]["message"].as_str().unwrap().contains("present"), "{v}");
    let (status, v) = api.call(
        "POST",
        "activity",
        &[],
        &json!({"kind": "sinh_hoat_thuong_ky", "date": "2023-10-10"}),
    );
    assert_eq!(status, 400, "{v}");
    assert_eq!(v[0]["field"], "attendance", "{v}");
    assert!(
        v[0]["message"]
            .as_str()
            .unwrap()
            .contains("thiếu khóa `attendance`"),
        "{v}"
    );
    let (status, v) = api.call(
        "POST",
        "activity",
        &[],
        &json!({"kind": "hop_chi_bo", "date": "2023-10-32", "documents": ["khong-co"]}),
    );
    assert_eq!(status, 400, "{v}");
    assert!(v.to_string().contains("các loại hợp lệ"), "{v}");
    let (status, v) = api.call(
        "POST",
        "activity",
        &[],
        &json!({"kind": "hoc_tap", "date": "2023-10-10", "documents": ["kl-01-2022"]}),
    );
    assert_eq!(status, 400, "{v}");
    assert_eq!(v[0]["field"], "documents", "{v}");
    assert!(
        v[0]["message"].as_str().unwrap().contains("kl-01-2021"),
        "{v}"
    );
    // What the build would refuse in a news body is refused now.
    let (status, v) = api.call(
        "POST",
        "activity",
        &[],
        &json!({"kind": "khac", "date": "2023-10-10",
                "news": {"title": "Tin", "body": "Một.\n\n{% for x in [1] %}{{ x }}{% endfor %}"}}),
    );
    assert_eq!(status, 400, "{v}");
    assert_eq!(v[0]["field"], "news", "{v}");
    assert!(
        v[0]["message"]
            .as_str()
            .unwrap()
            .starts_with("dòng 3 của nội dung:"),
        "{v}"
    );
    let (status, v) = api.call(
        "POST",
        "article",
        &[],
        &json!({"title": "Bài có vòng lặp", "category": "tin-tuc", "date": "2023-10-10",
                "body": "{% include \"base.html\" %}"}),
    );
    assert_eq!(status, 400, "{v}");
    assert_eq!(v[0]["field"], "body", "{v}");
    // A category that site.yaml does not have, with the valid ones.
    let (status, v) = api.call(
        "POST",
        "article",
        &[],
        &json!({"title": "Bài", "category": "khong-co", "date": "2023-10-10", "body": "A."}),
    );
    assert_eq!(status, 400, "{v}");
    assert_eq!(v[0]["field"], "category", "{v}");
    assert!(
        v[0]["message"]
            .as_str()
            .unwrap()
            .contains("to-chuc-dang, tin-tuc"),
        "{v}"
    );
    // Nesting deeper than any form makes, and a body that is not JSON.
    let deep = format!("{}{}", "[".repeat(5000), "]".repeat(5000));
    let r = send(
        s.port,
        "POST",
        "/__chibo/api/activity",
        &[
            ("X-Chibo-Token", &api.token),
            ("Origin", &api.origin),
            ("Content-Type", "application/json"),
        ],
        deep.as_bytes(),
    );
    assert_eq!(r.status, 400, "{}", r.body);
    let (status, _) = api.call("GET", "schema", &[], &Value::Null);
    assert_eq!(status, 200, "the preview still answers");
    drop(s);
    assert!(
        common::tree(&site.path("content")) == before,
        "a refused entry wrote a file"
    );
}

const TEN: &str = "# Nhật ký tháng 10 năm 2023 — ghi tay
- kind: cap_uy
  date: 2023-10-02 08:00
  attendance: { total: 3, exempt: 0, present: 3 }   # đủ

# Sinh hoạt thường kỳ
- kind: sinh_hoat_thuong_ky
  date: 2023-10-10 14:00
  attendance: { total: 26, exempt: 1, present: 23, excused: 2 }
  rating: { level: kha, score: 85 }
- kind: lop_nhan_thuc
  date: 2023-10-11
  participants: 3
- kind: giam_sat_chuyen_de
  date: 2023-10-12
  subjects: 1
- kind: khac   # mục thứ năm
  date: 2023-10-13
  title: Gặp mặt
- kind: dan_van
  date: 2023-10-14
  topic: Giúp dân
- kind: kiem_tra
  date: 2023-10-15
  subjects: 2
- kind: ky_luat
  date: 2023-10-16
  subjects: 0
- kind: giam_sat_thuong_xuyen
  date: 2023-10-17
  coverage_percent: 100
- kind: khac
  date: 2023-10-18
# hết tháng
";

#[test]
fn editing_one_entry_of_ten_changes_only_its_lines_and_a_stale_hash_is_refused() {
    let site = forms_site();
    let rel = "content/activities/2023/thang-10.yaml";
    site.write(rel, TEN);
    let s = start(&site, free_port());
    let api = Api::new(&s);
    let listed = api.entries();
    assert_eq!(listed.len(), 10);
    let meeting = listed
        .iter()
        .find(|e| e["kind"] == "sinh_hoat_thuong_ky")
        .unwrap()
        .clone();
    assert_eq!(meeting["file"], rel);
    assert_eq!(meeting["lines"], json!([7, 10]));
    assert_eq!(meeting["entry"]["rating"]["score"], 85);
    let hash = meeting["hash"].as_str().unwrap().to_string();
    let mut changed = meeting["entry"].clone();
    changed["attendance"]["present"] = json!(24);
    changed["attendance"]["excused"] = json!(1);
    let path = format!("activity?file={rel}&line=7");
    let (status, v) = api.call("PUT", &path, &[("If-Match", &hash)], &changed);
    assert_eq!(status, 200, "{v}");
    let after = site.read(rel);
    let old: Vec<&str> = TEN.lines().collect();
    let new: Vec<&str> = after.lines().collect();
    assert_eq!(new[..6], old[..6], "lines before the entry changed");
    assert_eq!(new[10..], old[10..], "lines after the entry changed");
    assert_eq!(
        new[6..10],
        [
            "- kind: sinh_hoat_thuong_ky",
            "  date: 2023-10-10 14:00",
            "  attendance: { total: 26, exempt: 1, present: 24, excused: 1 }",
            "  rating: { level: kha, score: 85 }"
        ]
    );
    // The same edit again, with the hash read before the first one.
    let (status, v) = api.call("PUT", &path, &[("If-Match", &hash)], &changed);
    assert_eq!(status, 409, "{v}");
    assert!(
        v["message"]
            .as_str()
            .unwrap()
            .contains("đã thay đổi trên đĩa"),
        "{v}"
    );
    assert_eq!(site.read(rel), after);
    // An edit that breaks the rules is refused and writes nothing.
    let fresh = api.entries();
    let fifth = fresh.iter().find(|e| e["line"] == 17).unwrap();
    assert_eq!(fifth["entry"]["title"], "Gặp mặt");
    let (status, v) = api.call(
        "PUT",
        "activity?file=content/activities/2023/thang-10.yaml&line=17",
        &[("If-Match", fifth["hash"].as_str().unwrap())],
        &json!({"kind": "khac", "date": "2023-02-30"}),
    );
    assert_eq!(status, 400, "{v}");
    assert_eq!(v[0]["field"], "date", "{v}");
    assert_eq!(site.read(rel), after);
    // Deleting the fifth entry takes its lines and nothing else.
    let (status, v) = api.call(
        "DELETE",
        "activity?file=content/activities/2023/thang-10.yaml&line=17",
        &[("If-Match", fifth["hash"].as_str().unwrap())],
        &Value::Null,
    );
    assert_eq!(status, 200, "{v}");
    let gone = site.read(rel);
    assert_eq!(
        gone,
        after.replace(
            "- kind: khac   # mục thứ năm\n  date: 2023-10-13\n  title: Gặp mặt\n",
            ""
        )
    );
    assert_eq!(api.entries().len(), 9);
    // Paths outside the logs are refused.
    let (status, _) = api.call(
        "DELETE",
        "activity?file=site.yaml&line=1",
        &[("If-Match", "x")],
        &Value::Null,
    );
    assert_eq!(status, 400);
    let (status, _) = api.call(
        "DELETE",
        "activity?file=content/activities/../../site.yaml&line=1",
        &[("If-Match", "x")],
        &Value::Null,
    );
    assert_eq!(status, 400);
    assert!(site.exists("site.yaml"));
}

#[test]
fn writes_without_the_token_or_from_another_origin_are_refused_and_write_nothing() {
    let site = forms_site();
    let before = common::tree(&site.path("content"));
    let s = start(&site, free_port());
    let port = s.port;
    let tok = token(port);
    let origin = format!("http://127.0.0.1:{port}");
    let entry = json!({"kind": "khac", "date": "2023-10-22"}).to_string();
    let body = entry.as_bytes();
    let cases: Vec<(&str, Vec<(&str, &str)>)> = vec![
        (
            "no token",
            vec![("Origin", &origin), ("Content-Type", "application/json")],
        ),
        (
            "wrong token",
            vec![
                ("X-Chibo-Token", "0123456789abcdef0123456789abcdef"),
                ("Origin", &origin),
                ("Content-Type", "application/json"),
            ],
        ),
        (
            "foreign origin",
            vec![
                ("X-Chibo-Token", &tok),
                ("Origin", "http://evil.example"),
                ("Content-Type", "application/json"),
            ],
        ),
        (
            "no origin",
            vec![
                ("X-Chibo-Token", &tok),
                ("Content-Type", "application/json"),
            ],
        ),
        (
            "foreign host",
            vec![
                ("Host", "evil.example"),
                ("X-Chibo-Token", &tok),
                ("Origin", "http://evil.example"),
                ("Content-Type", "application/json"),
            ],
        ),
        (
            "cross-site form post",
            vec![
                ("Origin", "http://evil.example"),
                ("Content-Type", "text/plain"),
            ],
        ),
        (
            "right token, wrong type",
            vec![
                ("X-Chibo-Token", &tok),
                ("Origin", &origin),
                ("Content-Type", "text/plain"),
            ],
        ),
        (
            "fetch metadata says cross-site",
            vec![
                ("X-Chibo-Token", &tok),
                ("Origin", &origin),
                ("Content-Type", "application/json"),
                ("Sec-Fetch-Site", "cross-site"),
            ],
        ),
    ];
    for (what, headers) in &cases {
        let r = send(port, "POST", "/__chibo/api/activity", headers, body);
        assert_eq!(r.status, 403, "{what}: {}", r.body);
    }
    // A body must say its length: a chunked one is refused unread.
    let r = send(
        port,
        "POST",
        "/__chibo/api/activity",
        &[
            ("X-Chibo-Token", &tok),
            ("Origin", &origin),
            ("Content-Type", "application/json"),
            ("Transfer-Encoding", "chunked"),
            ("Content-Length", "0"),
        ],
        b"",
    );
    assert_eq!(r.status, 411, "{}", r.body);
    // The forms cannot be framed by another site.
    let page = get(port, "/__chibo/nhap/");
    assert!(
        page.head.contains("frame-ancestors 'self'"),
        "{}",
        page.head
    );
    // Reading needs the token too (entries hold members' names).
    assert_eq!(get(port, "/__chibo/api/entries").status, 403);
    assert_eq!(get(port, "/__chibo/api/schema").status, 403);
    // With everything right, the same request writes.
    let ok = send(
        port,
        "POST",
        "/__chibo/api/activity",
        &[
            ("X-Chibo-Token", &tok),
            ("Origin", &origin),
            ("Content-Type", "application/json; charset=utf-8"),
        ],
        body,
    );
    assert_eq!(ok.status, 201, "{}", ok.body);
    drop(s);
    let now = common::tree(&site.path("content"));
    assert_eq!(now.len(), before.len() + 1, "only the last request wrote");
}

#[test]
fn uploads_are_checked_by_content_capped_and_named_by_chibo() {
    let site = forms_site();
    let s = start(&site, free_port());
    let port = s.port;
    let tok = token(port);
    let origin = format!("http://127.0.0.1:{port}");
    let upload = |ctype: &str, body: &[u8], len: Option<&str>| {
        let mut h = vec![
            ("X-Chibo-Token", tok.as_str()),
            ("Origin", origin.as_str()),
            ("Content-Type", ctype),
        ];
        if let Some(l) = len {
            h.push(("Content-Length", l));
        }
        send(
            port,
            "POST",
            "/__chibo/api/photo?date=2023-10-13&caption=L%E1%BB%85%20k%E1%BA%BFt%20n%E1%BA%A1p%20%2F..%2F",
            &h,
            body,
        )
    };
    let r = upload("image/jpeg", b"<script>alert(1)</script>", None);
    assert_eq!(r.status, 400, "{}", r.body);
    assert!(
        r.body.contains("không phải ảnh JPEG, PNG hoặc WebP"),
        "{}",
        r.body
    );
    let r = upload("image/png", b"", Some("40000000"));
    assert_eq!(r.status, 413, "{}", r.body);
    let r = upload("application/octet-stream", &common::photo_png(), None);
    assert_eq!(r.status, 403, "{}", r.body);
    let r = upload("image/png", &common::photo_png(), None);
    assert_eq!(r.status, 201, "{}", r.body);
    let v: Value = serde_json::from_str(&r.body).unwrap();
    assert_eq!(v["src"], "static/anh/2023/2023-10-13-le-ket-nap.png");
    assert_eq!(
        std::fs::read(site.path("content/static/anh/2023/2023-10-13-le-ket-nap.png")).unwrap(),
        common::photo_png()
    );
    // The same caption again: a new name, the first photo kept.
    let r = upload("image/png", &common::photo_png(), None);
    assert!(r.body.contains("2023-10-13-le-ket-nap-2.png"), "{}", r.body);
}

#[test]
fn a_regular_meeting_typed_into_the_form_in_chromium_is_saved_and_counted() {
    if !common::require_tools(&["chromium"]) {
        return;
    }
    let site = forms_site();
    site.write(
        "content/reports/bao-cao-thang.md",
        "---\nsubject: tình hình tháng 10\ndate: 2023-10-31\nperiod: { from: 2023-10-01, to: 2023-10-31 }\nsigner: { name: Nguyễn Văn An }\n---\nSố buổi sinh hoạt thường kỳ: {{ figures.counts.sinh_hoat_thuong_ky }}.\n",
    );
    let s = start(&site, free_port());
    // A phone's width: colleagues enter from the meeting room.
    let mut b = common::cdp::Browser::start(375, 1400);
    b.goto(&format!("http://127.0.0.1:{}/__chibo/nhap/", s.port));
    assert!(
        b.wait_for(
            "!!document.querySelector('[data-kind=sinh_hoat_thuong_ky]')",
            20
        ),
        "the forms page did not load its schema"
    );
    assert_eq!(
        b.eval("document.documentElement.scrollWidth <= window.innerWidth"),
        json!(true),
        "the page scrolls sideways at 375 px"
    );
    b.eval("document.querySelector('[data-kind=sinh_hoat_thuong_ky]').click()");
    assert!(b.wait_for(
        "!!document.querySelector('form.bieu-mau input[name=total]')",
        5
    ));
    // The date picker's typing order depends on the locale: its value is
    // set; everything else is typed.
    b.eval("(function(){var d=document.querySelector('input[type=date]'); d.value='2023-10-10'; return true})()");
    b.focus("[data-field=place] input");
    b.type_text("Phòng họp Sở Tư pháp");
    b.focus("input[name=total]");
    b.type_text("26");
    b.focus("input[name=exempt]");
    b.type_text("1");
    b.focus("input[name=present]");
    b.type_text("30");
    let rule = b.eval("document.querySelector('.quy-tac').textContent");
    assert!(
        rule.as_str()
            .unwrap()
            .contains("không được quá tổng số trừ số được miễn (25)"),
        "{rule}"
    );
    b.eval("document.querySelector('input[name=present]').select()");
    b.type_text("23");
    let rule = b.eval("document.querySelector('.quy-tac').textContent");
    assert!(rule.as_str().unwrap().contains("có mặt 23 (92%)"), "{rule}");
    b.focus("[data-field=topics] textarea");
    b.type_text("Quán triệt Kết luận 01-KL/TW");
    if let Ok(path) = std::env::var("CHIBO_SCREENSHOT") {
        std::fs::write(path, b.screenshot()).unwrap();
    }
    b.focus("input[name=present]");
    b.press("Enter");
    let file = "content/activities/2023/2023-10-10-sinh-hoat-thuong-ky.yaml";
    assert!(
        b.wait_for(
            &format!("document.getElementById('nhap').textContent.indexOf('Đã lưu {file} (dòng 1–6)') >= 0"),
            10
        ),
        "{}",
        b.eval("document.getElementById('nhap').textContent")
    );
    assert_eq!(
        site.read(file),
        "kind: sinh_hoat_thuong_ky\ndate: 2023-10-10\nplace: Phòng họp Sở Tư pháp\nattendance: { total: 26, exempt: 1, present: 23 }\ntopics:\n  - Quán triệt Kết luận 01-KL/TW\n"
    );
    // The list shows it, checked.
    assert!(b.wait_for(
        "Array.prototype.some.call(document.querySelectorAll('.thang li'), function (li) { return li.textContent.indexOf('10-10-2023') >= 0 && !!li.querySelector('.tot'); })",
        10
    ));
    // The preview rebuilt: the report counts the new meeting.
    b.goto(&format!(
        "http://127.0.0.1:{}/bao-cao/bao-cao-thang/",
        s.port
    ));
    assert!(
        b.wait_for(
            "document.body && document.body.textContent.indexOf('Số buổi sinh hoạt thường kỳ: 1.') >= 0",
            15
        ),
        "{}",
        b.eval("document.body.textContent")
    );
    let f = site.run(&[
        "figures",
        "--from",
        "2023-10-01",
        "--to",
        "2023-10-31",
        "--json",
    ]);
    let f: Value = serde_json::from_str(&f.ok().stdout).unwrap();
    assert_eq!(f["attendance"]["average_percent"], 92.0);
}
