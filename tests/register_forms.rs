//! The register and the year's rating in the preview's forms, at 375 px in
//! Chromium and through the API: the register read with its deadlines, a
//! member added and a member's status changed, the year's sheet made and a
//! record saved, each save kept to its lines and refused when the build
//! would refuse it.

mod common;

use common::register::{register, site};
use serde_json::{Value, json};

#[test]
fn at_375_px_the_register_is_read_with_its_deadlines_and_a_member_added() {
    if !common::require_tools(&["chromium"]) {
        return;
    }
    let site = site();
    let s = common::server::start(&site, common::server::free_port());
    // Without the token the register is not given.
    let r = common::server::get(s.port, "/__chibo/api/members");
    assert_eq!(r.status, 403);
    let mut b = common::cdp::Browser::start(375, 1400);
    b.goto(&format!("http://127.0.0.1:{}/__chibo/nhap/", s.port));
    assert!(b.wait_for("!!document.getElementById('so-dang-vien')", 20));
    b.eval("document.getElementById('so-dang-vien').click()");
    assert!(b.wait_for(
        "document.querySelectorAll('ul.dang-vien li').length > 0",
        10
    ));
    b.eval("(function(){var d=document.querySelector('[data-field=date] input'); d.value='2025-07-04'; d.dispatchEvent(new Event('change')); return true})()");
    assert!(
        b.wait_for(
            "document.querySelector('p.so-lieu').textContent.indexOf('29 đảng viên (28 chính thức, 1 dự bị)') === 0 && document.querySelector('ul.han').textContent.indexOf('hết 12 tháng dự bị ngày 02/9/2025') > 0",
            10
        ),
        "{}",
        b.eval("document.getElementById('nhap').textContent")
    );
    assert_eq!(
        b.eval("document.documentElement.scrollWidth <= window.innerWidth"),
        serde_json::json!(true),
        "the register scrolls sideways at 375 px"
    );
    b.focus("[data-field=name] input");
    b.type_text("Đinh Thị Mới");
    b.eval("document.querySelector('[data-field=joined] input').value = '2025-03-01'");
    b.eval("document.querySelector('form.bieu-mau button.luu').click()");
    assert!(
        b.wait_for(
            "document.getElementById('nhap').textContent.indexOf('Đã thêm dv-31 vào content/dang-vien.yaml.') >= 0 && !!document.querySelector('ul.dang-vien li[data-id=dv-31]')",
            10
        ),
        "{}",
        b.eval("document.getElementById('nhap').textContent")
    );
    let reg = site.read("content/dang-vien.yaml");
    assert!(
        reg.starts_with(&register()),
        "the register before it is kept as it was"
    );
    assert!(reg.contains("- id: dv-31\n  name: Đinh Thị Mới\n"), "{reg}");
    // A name alone is refused with the reason, by its field.
    b.focus("[data-field=name] input");
    b.type_text("Người Không Ngày");
    b.eval("document.querySelector('form.bieu-mau button.luu').click()");
    assert!(b.wait_for(
        "document.querySelector('[data-field=joined]').textContent.indexOf('hãy ghi ít nhất một ngày') >= 0",
        10
    ));
    assert!(
        !site
            .read("content/dang-vien.yaml")
            .contains("Người Không Ngày")
    );
}

/// Waits until the forms' page says `words`; fails with what it says.
fn says(b: &mut common::cdp::Browser, words: &str) {
    let js = format!("document.getElementById('nhap').textContent.indexOf({words:?}) >= 0");
    assert!(
        b.wait_for(&js, 10),
        "not said: {words}\n{}",
        b.eval("document.getElementById('nhap').textContent")
    );
}

/// The entry of `id` as the members call lists it.
fn entry_of(api: &common::api::Api, id: &str) -> Value {
    let (status, v) = api.call("GET", "members?date=2025-06-01", &[], &Value::Null);
    assert_eq!(status, 200, "{v}");
    v["entries"]
        .as_array()
        .unwrap()
        .iter()
        .find(|e| e["values"]["id"] == id)
        .unwrap_or_else(|| panic!("no {id} in {v}"))
        .clone()
}

#[test]
fn a_members_status_change_rewrites_only_their_lines() {
    let site = site();
    let s = common::server::start(&site, common::server::free_port());
    let api = common::api::Api::new(&s);
    let e = entry_of(&api, "dv-28");
    assert_eq!(e["status"], "chính thức");
    let mut v = e["values"].clone();
    v["left"] = json!({"date": "2025-05-01", "form": "chuyen_di"});
    v["huy_hieu"] = json!([]);
    let line = e["line"].as_u64().unwrap().to_string();
    let hash = e["hash"].as_str().unwrap().to_string();
    let path = format!("member?line={line}");
    let (status, r) = api.call("PUT", &path, &[("If-Match", &hash)], &v);
    assert_eq!(status, 200, "{r}");
    let after = site.read("content/dang-vien.yaml");
    let added = "  left: { date: 2025-05-01, form: chuyen_di }\n";
    assert!(after.contains(added), "{after}");
    assert_eq!(
        after.replacen(added, "", 1),
        register(),
        "every other byte of the register is kept"
    );
    assert_eq!(entry_of(&api, "dv-28")["status"], "không ở chi bộ ngày này");
    // The lines read are gone: the same hash is refused.
    let (status, r) = api.call("PUT", &path, &[("If-Match", &hash)], &v);
    assert_eq!(status, 409, "{r}");
    // The id stays; dates out of order are refused by field.
    let e = entry_of(&api, "dv-28");
    let (line, hash) = (e["line"].to_string(), e["hash"].as_str().unwrap());
    let mut v = e["values"].clone();
    v["id"] = json!("dv-99");
    let path = format!("member?line={line}");
    let (status, r) = api.call("PUT", &path, &[("If-Match", hash)], &v);
    assert_eq!(status, 400, "{r}");
    assert!(r.to_string().contains("mã đảng viên không đổi được"), "{r}");
    let mut v = e["values"].clone();
    v["official"] = json!("1990-01-01");
    let (status, r) = api.call("PUT", &path, &[("If-Match", hash)], &v);
    assert_eq!(status, 400, "{r}");
    assert!(
        r.to_string()
            .contains("`official` (01/01/1990) trước `ceremony`"),
        "{r}"
    );
    assert_eq!(site.read("content/dang-vien.yaml"), after);
}

#[test]
fn the_years_sheet_is_made_from_the_register_and_saved_record_by_record() {
    let site = site();
    let s = common::server::start(&site, common::server::free_port());
    let api = common::api::Api::new(&s);
    let (status, v) = api.call("GET", "rating?year=2025", &[], &Value::Null);
    assert_eq!((status, &v["exists"]), (200, &json!(false)), "{v}");
    let (status, v) = api.call("POST", "rating?year=2025", &[], &Value::Null);
    assert_eq!(status, 201, "{v}");
    let (status, v) = api.call("POST", "rating?year=2025", &[], &Value::Null);
    assert_eq!(status, 409, "made once: {v}");
    let made = site.read("content/xep-loai/2025.yaml");
    let (status, sheet) = api.call("GET", "rating?year=2025", &[], &Value::Null);
    assert_eq!(status, 200, "{sheet}");
    let records = sheet["records"].as_array().unwrap();
    // dv-30 left in 2024: 29 members on 31/12/2025.
    assert_eq!(records.len(), 29, "{sheet}");
    let r27 = records
        .iter()
        .find(|r| r["values"]["member"] == "dv-27")
        .unwrap();
    assert_eq!(
        r27["values"]["not_rated"],
        "miễn công tác và sinh hoạt đảng"
    );
    let r2 = records
        .iter()
        .find(|r| r["values"]["member"] == "dv-02")
        .unwrap();
    assert_eq!(r2["name"], common::register::name(2));
    let path = format!("rating?year=2025&line={}", r2["line"]);
    let hash = r2["hash"].as_str().unwrap();
    // More votes than full members who may vote: refused by the checks
    // the build makes, nothing written.
    let values = json!({"member": "dv-02", "self": "httnv", "proposed": "httnv", "vote": {"for": 40, "against": 0}});
    let (status, r) = api.call("PUT", &path, &[("If-Match", hash)], &values);
    assert_eq!(status, 400, "{r}");
    assert!(r.to_string().contains("có 40 phiếu, nhiều hơn"), "{r}");
    assert_eq!(site.read("content/xep-loai/2025.yaml"), made);
    let values = json!({"member": "dv-02", "self": "httnv", "proposed": "htxsnv", "vote": {"for": 26, "against": 1}});
    let (status, r) = api.call("PUT", &path, &[("If-Match", hash)], &values);
    assert_eq!(status, 200, "{r}");
    let after = site.read("content/xep-loai/2025.yaml");
    let written = "    self: httnv\n    proposed: htxsnv\n    vote: { for: 26, against: 1 }\n";
    assert!(after.contains(written), "{after}");
    assert_eq!(
        after.replacen(written, "", 1),
        made,
        "only the record's new keys are written"
    );
    // The top level over the cap while the sheet is being filled in is
    // said, and the build still goes.
    let (_, sheet) = api.call("GET", "rating?year=2025", &[], &Value::Null);
    assert!(
        sheet["problems"]
            .to_string()
            .contains("còn 27 đồng chí chưa có mức"),
        "{sheet}"
    );
    assert_eq!(site.run(&["check"]).code, 0);
}

#[test]
fn at_375_px_a_members_status_changes_and_the_years_sheet_is_filled_in() {
    if !common::require_tools(&["chromium"]) {
        return;
    }
    let site = site();
    let s = common::server::start(&site, common::server::free_port());
    let mut b = common::cdp::Browser::start(375, 1400);
    b.goto(&format!("http://127.0.0.1:{}/__chibo/nhap/", s.port));
    assert!(b.wait_for("!!document.getElementById('so-dang-vien')", 20));
    b.eval("document.getElementById('so-dang-vien').click()");
    assert!(b.wait_for(
        "!!document.querySelector('ul.dang-vien li[data-id=dv-27] button.sua')",
        10
    ));
    b.eval("document.querySelector('ul.dang-vien li[data-id=dv-27] button.sua').click()");
    assert!(b.wait_for(
        "(document.querySelector('#nhap h2') || {}).textContent === 'Sửa: dv-27 · ' + document.querySelector('[data-field=name] input').value",
        10
    ));
    // The exemption ends on 30/6/2025.
    b.eval("(function(){var i=document.querySelector('fieldset.dong [data-field=to] input'); i.value='2025-06-30'; return true})()");
    let wide = "document.documentElement.scrollWidth <= window.innerWidth";
    assert_eq!(
        b.eval(wide),
        json!(true),
        "the member's form scrolls sideways"
    );
    b.eval("document.querySelector('form.bieu-mau button.luu').click()");
    says(&mut b, "Đã lưu dv-27");
    let reg = site.read("content/dang-vien.yaml");
    let was = "  periods:\n    - { kind: mien_sinh_hoat, from: 2023-01-01, reason: tuổi cao }\n";
    let now = "  periods:\n    - kind: mien_sinh_hoat\n      from: 2023-01-01\n      to: 2025-06-30\n      reason: tuổi cao\n";
    assert!(reg.contains(now), "{reg}");
    assert_eq!(
        reg.replacen(now, was, 1),
        register(),
        "only the periods changed"
    );
    // The year's sheet: made, then one member's record saved.
    assert!(b.wait_for("!!document.getElementById('xep-loai')", 10));
    b.eval("document.getElementById('xep-loai').click()");
    assert!(b.wait_for("!!document.querySelector('[data-field=year] input')", 10));
    b.eval("(function(){var y=document.querySelector('[data-field=year] input'); y.value='2025'; y.dispatchEvent(new Event('change')); return true})()");
    assert!(b.wait_for("!!document.getElementById('tao-xep-loai')", 10));
    b.eval("document.getElementById('tao-xep-loai').click()");
    assert!(b.wait_for("document.querySelectorAll('form.the').length === 29", 10));
    assert_eq!(b.eval(wide), json!(true), "the sheet scrolls sideways");
    b.eval(
        "(function(){var f=document.querySelector('form.the[data-member=dv-03]');\
         f.querySelector('[data-field=self] select').value='httnv';\
         f.querySelector('[data-field=proposed] select').value='httnv';\
         f.querySelector('[data-field=for] input').value='26';\
         f.querySelector('[data-field=against] input').value='0';\
         f.querySelector('button.luu').click(); return true})()",
    );
    says(&mut b, "Đã lưu bản xếp loại của");
    let sheet = site.read("content/xep-loai/2025.yaml");
    assert!(
        sheet.contains("    self: httnv\n    proposed: httnv\n    vote: { for: 26, against: 0 }\n"),
        "{sheet}"
    );
    assert!(b.wait_for(
        "document.querySelector('p.so-lieu').textContent.indexOf('Hoàn thành tốt nhiệm vụ: 1') >= 0",
        10
    ));
}
