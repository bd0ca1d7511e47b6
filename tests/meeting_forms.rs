//! A meeting's papers through the preview's forms, as a secretary uses
//! them from a phone: the papers' fields typed into a meeting's form at
//! 375 px (two speakers, two tasks, last meeting's tasks offered for
//! their results, the next resolution number proposed), saved as YAML the
//! loader reads, then the minutes and the resolution shown and the
//! resolution's Word file downloaded.

mod common;

use common::Site;
use common::api::Api;
use common::server::*;
use serde_json::{Value, json};

/// A cell whose September meeting set two tasks and issued 03-NQ/CB.
fn site() -> Site {
    let site = Site::new();
    site.write(
        "content/activities/2023/thang-9.yaml",
        "- kind: sinh_hoat_thuong_ky\n  date: 2023-09-12 14:00\n  chair: Nguyễn Văn An\n  attendance: { total: 26, exempt: 1, present: 25 }\n  tasks:\n    - { task: Hoàn thành báo cáo quý III, who: Chi ủy, due: 2023-09-30 }\n    - { task: Rà soát hồ sơ đảng viên, who: Đồng chí Bình }\n  resolution: { number: 03-NQ/CB, subject: về nhiệm vụ tháng 10 năm 2023 }\n",
    );
    site
}

#[test]
fn the_api_offers_last_meetings_tasks_and_the_next_number_and_serves_the_papers() {
    let site = site();
    let s = start(&site, free_port());
    let api = Api::new(&s);
    let (status, v) = api.call(
        "GET",
        "meeting?kind=sinh_hoat_thuong_ky&date=2023-10-10%2014:00",
        &[],
        &Value::Null,
    );
    assert_eq!(status, 200, "{v}");
    assert_eq!(
        v,
        json!({
            "from": "2023-09-12",
            "previous_tasks": [{"task": "Hoàn thành báo cáo quý III"}, {"task": "Rà soát hồ sơ đảng viên"}],
            "number": "04-NQ/CB",
            "subject": "về nhiệm vụ tháng 11 năm 2023",
        })
    );
    let (status, v) = api.call("GET", "papers?date=2023-09-12", &[], &Value::Null);
    assert_eq!(status, 200, "{v}");
    let names: Vec<&str> = v["papers"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| p["name"].as_str().unwrap())
        .collect();
    assert_eq!(
        names,
        [
            "bien-ban",
            "nghi-quyet",
            "chuong-trinh",
            "du-thao-nghi-quyet"
        ]
    );
    // Every paper call needs the token: the papers hold names.
    let r = get(
        s.port,
        "/__chibo/api/paper?date=2023-09-12&name=nghi-quyet.html",
    );
    assert_eq!(r.status, 403);
    let (status, v) = api.call(
        "GET",
        "paper?date=2023-09-12&name=nghi-quyet.html",
        &[],
        &Value::Null,
    );
    assert_eq!(status, 200);
    let html = v.as_str().unwrap();
    assert!(
        html.contains("Số 03-NQ/CB") || html.contains("03-NQ/CB"),
        "{html}"
    );
    assert!(
        html.contains("Content-Security-Policy\" content=\"default-src 'none'"),
        "a paper opened from memory runs nothing"
    );
    let (status, v) = api.call(
        "GET",
        "paper?date=2023-09-13&name=bien-ban.html",
        &[],
        &Value::Null,
    );
    assert_eq!(status, 404, "{v}");
    assert!(v["message"].as_str().unwrap().contains("13/9/2023"), "{v}");
}

#[test]
fn at_375_px_a_meeting_with_two_speakers_and_two_tasks_is_typed_and_its_resolution_downloaded() {
    if !common::require_tools(&["chromium"]) {
        return;
    }
    let site = site();
    let s = start(&site, free_port());
    let mut b = common::cdp::Browser::start(375, 1800);
    let downloads = tempfile::tempdir().unwrap();
    b.allow_downloads(downloads.path());
    b.goto(&format!("http://127.0.0.1:{}/__chibo/nhap/", s.port));
    assert!(b.wait_for(
        "!!document.querySelector('[data-kind=sinh_hoat_thuong_ky]')",
        20
    ));
    b.eval("document.querySelector('[data-kind=sinh_hoat_thuong_ky]').click()");
    assert!(b.wait_for("!!document.querySelector('details.giay-to')", 5));
    // The date picker's typing order depends on the locale: its value is
    // set, and the change it makes is announced as a picker would. Before
    // September's meeting there are no tasks to review; after it, its two.
    let set_date = |b: &mut common::cdp::Browser, day: &str| {
        b.eval(&format!("(function(){{var d=document.querySelector('input[type=date]'); d.value='{day}'; d.dispatchEvent(new Event('change')); return true}})()"));
    };
    set_date(&mut b, "2023-09-01");
    assert!(
        b.wait_for("document.querySelectorAll('[data-field=previous_tasks] fieldset.dong').length === 0 && document.querySelector('[data-field=previous_tasks]').textContent.indexOf('Chưa có buổi họp') >= 0", 10),
        "{}",
        b.eval("document.querySelector('[data-field=previous_tasks]').textContent")
    );
    set_date(&mut b, "2023-10-10");
    b.eval("document.querySelector('input[type=time]').value = '14:00'");
    b.focus("input[name=total]");
    b.type_text("26");
    b.focus("input[name=exempt]");
    b.type_text("1");
    b.focus("input[name=present]");
    b.type_text("23");
    b.focus("input[name=excused]");
    b.type_text("1");
    b.eval("document.querySelector('details.giay-to > summary').click()");
    // Last meeting's tasks arrive as rows to give results to, and the
    // next number is proposed.
    assert!(
        b.wait_for(
            "document.querySelectorAll('[data-field=previous_tasks] fieldset.dong').length === 2",
            10
        ),
        "{}",
        b.eval("document.querySelector('[data-field=previous_tasks]').textContent")
    );
    assert_eq!(
        b.eval("document.querySelector('[data-field=resolution] input[name=number]').value"),
        json!("04-NQ/CB")
    );
    let fill = |b: &mut common::cdp::Browser, css: &str, text: &str| {
        b.focus(css);
        b.type_text(text);
    };
    b.eval("document.querySelector('[data-field=end] input').value = '16:05'");
    fill(&mut b, "[data-field=secretary] input", "Trần Thị Bình");
    b.eval("document.querySelector('[data-field=absent] button.them-dong').click()");
    fill(
        &mut b,
        "[data-field=absent] fieldset.dong input[name=name]",
        "Phạm Văn Dũng",
    );
    fill(
        &mut b,
        "[data-field=absent] fieldset.dong input[name=reason]",
        "đi công tác",
    );
    fill(&mut b, "[data-field=unexcused] textarea", "Đỗ Văn Giang");
    fill(
        &mut b,
        "[data-field=agenda] textarea",
        "Thông tin thời sự\nĐánh giá kết quả tháng 10\nNhiệm vụ tháng 11",
    );
    for (k, (name, item, gist)) in [
        ("Trần Thị Bình", "2", "Đề nghị bổ sung chỉ tiêu"),
        ("Lê Văn Cường", "3", "Nhất trí với dự thảo"),
    ]
    .into_iter()
    .enumerate()
    {
        b.eval("document.querySelector('[data-field=speakers] button.them-dong').click()");
        let row = format!("[data-field=speakers] fieldset.dong:nth-of-type({})", k + 1);
        fill(&mut b, &format!("{row} input[name=name]"), name);
        fill(&mut b, &format!("{row} input[name=item]"), item);
        fill(&mut b, &format!("{row} textarea[name=gist]"), gist);
    }
    fill(
        &mut b,
        "[data-field=previous_tasks] fieldset.dong:nth-of-type(1) textarea[name=result]",
        "Đã nộp ngày 28/9",
    );
    b.eval("(function(){var s=document.querySelector('[data-field=previous_tasks] fieldset.dong:nth-of-type(1) select[name=done]'); s.value='true'; return true})()");
    b.eval("(function(){var s=document.querySelector('[data-field=previous_tasks] fieldset.dong:nth-of-type(2) select[name=done]'); s.value='false'; return true})()");
    for (k, (task, who, due)) in [
        (
            "Chuẩn bị hội nghị kiểm điểm cuối năm",
            "Chi ủy",
            "2023-11-30",
        ),
        ("Thu đảng phí quý IV", "Đồng chí Bình", ""),
    ]
    .into_iter()
    .enumerate()
    {
        b.eval("document.querySelector('[data-field=tasks] button.them-dong').click()");
        let row = format!("[data-field=tasks] fieldset.dong:nth-of-type({})", k + 1);
        fill(&mut b, &format!("{row} textarea[name=task]"), task);
        fill(&mut b, &format!("{row} input[name=who]"), who);
        if !due.is_empty() {
            b.eval(&format!(
                "document.querySelector('{row} input[name=due]').value = '{due}'"
            ));
        }
    }
    fill(&mut b, "[data-field=vote] input[name=method]", "giơ tay");
    fill(&mut b, "[data-field=vote] input[name=for]", "23");
    fill(
        &mut b,
        "[data-field=conclusion] textarea",
        "Thống nhất các nội dung.",
    );
    fill(&mut b, "[data-field=score] input[name=total]", "92");
    b.eval("document.querySelector('[data-field=resolution] input[type=checkbox]').click()");
    assert_eq!(
        b.eval("document.documentElement.scrollWidth <= window.innerWidth"),
        json!(true),
        "the meeting form scrolls sideways at 375 px"
    );
    if let Ok(path) = std::env::var("CHIBO_SCREENSHOT_HOP") {
        std::fs::write(path, b.screenshot()).unwrap();
    }
    let file = "content/activities/2023/2023-10-10-sinh-hoat-thuong-ky.yaml";
    // Saves the form and waits for the list to say it was saved.
    let save = |b: &mut common::cdp::Browser| {
        b.eval("document.querySelector('form.bieu-mau button.luu').click()");
        assert!(
            b.wait_for(
                &format!(
                    "document.getElementById('nhap').textContent.indexOf('Đã lưu {file}') >= 0"
                ),
                10
            ),
            "{}",
            b.eval("document.getElementById('nhap').textContent")
        );
    };
    save(&mut b);
    assert_eq!(
        site.read(file),
        "kind: sinh_hoat_thuong_ky\ndate: 2023-10-10 14:00\nattendance: { total: 26, exempt: 1, present: 23, excused: 1 }\nend: 16:05\nsecretary: Trần Thị Bình\nabsent:\n  - name: Phạm Văn Dũng\n    reason: đi công tác\nunexcused:\n  - Đỗ Văn Giang\nagenda:\n  - Thông tin thời sự\n  - Đánh giá kết quả tháng 10\n  - Nhiệm vụ tháng 11\nspeakers:\n  - name: Trần Thị Bình\n    item: 2\n    gist: Đề nghị bổ sung chỉ tiêu\n  - name: Lê Văn Cường\n    item: 3\n    gist: Nhất trí với dự thảo\nprevious_tasks:\n  - task: Hoàn thành báo cáo quý III\n    result: Đã nộp ngày 28/9\n    done: true\n  - task: Rà soát hồ sơ đảng viên\n    done: false\ntasks:\n  - task: Chuẩn bị hội nghị kiểm điểm cuối năm\n    who: Chi ủy\n    due: 2023-11-30\n  - task: Thu đảng phí quý IV\n    who: Đồng chí Bình\nvote:\n  method: giơ tay\n  for: 23\nconclusion: Thống nhất các nội dung.\nscore: { total: 92, level: tot }\nresolution:\n  number: 04-NQ/CB\n  subject: về nhiệm vụ tháng 11 năm 2023\n"
    );
    // Opened again and saved with one change, the entry changes there
    // only: every papers' field reads back what it wrote.
    let saved = site.read(file);
    assert!(b.wait_for(
        "!!document.querySelector('button.sua[aria-label*=\"10-10-2023\"]')",
        10
    ));
    b.eval("document.querySelector('button.sua[aria-label*=\"10-10-2023\"]').click()");
    assert!(b.wait_for(
        "document.querySelectorAll('[data-field=speakers] fieldset.dong').length === 2",
        10
    ));
    assert_eq!(
        b.eval("document.querySelector('details.giay-to').open"),
        json!(true),
        "an entry with papers opens their section"
    );
    b.eval("document.querySelector('[data-field=conclusion] textarea').select()");
    b.type_text("Thống nhất các nội dung; giao chi ủy theo dõi.");
    save(&mut b);
    assert_eq!(
        site.read(file),
        saved.replace(
            "conclusion: Thống nhất các nội dung.",
            "conclusion: Thống nhất các nội dung; giao chi ủy theo dõi."
        )
    );
    let check = site.run(&["check"]);
    assert!(
        !check.stderr.contains("lỗi:") && check.code == 0,
        "{}",
        check.stderr
    );
    // From the list: the meeting's papers, read here and downloaded.
    assert!(b.wait_for(
        "!!document.querySelector('button.giay[aria-label*=\"10-10-2023\"]')",
        10
    ));
    b.eval("document.querySelector('button.giay[aria-label*=\"10-10-2023\"]').click()");
    assert!(
        b.wait_for("!!document.querySelector('li[data-giay=nghi-quyet]')", 15),
        "{}",
        b.eval("document.getElementById('nhap').textContent")
    );
    assert!(
        b.wait_for("(function(){var f=document.querySelector('iframe.giay'); return !!(f && f.srcdoc.indexOf('BIÊN BẢN') > 0 && f.srcdoc.indexOf('Đề nghị bổ sung chỉ tiêu') > 0 && f.srcdoc.indexOf('giao chi ủy theo dõi') > 0);})()", 15),
        "the minutes are not shown"
    );
    assert_eq!(
        b.eval("document.documentElement.scrollWidth <= window.innerWidth"),
        json!(true),
        "the papers' list scrolls sideways at 375 px"
    );
    b.eval("document.querySelector('li[data-giay=nghi-quyet] button.word').click()");
    let docx = downloads.path().join("nghi-quyet-2023-10-10.docx");
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(15);
    while !docx.exists() && std::time::Instant::now() < deadline {
        std::thread::sleep(std::time::Duration::from_millis(100));
    }
    assert!(
        docx.exists(),
        "nothing downloaded: {:?}; page says {}",
        std::fs::read_dir(downloads.path())
            .unwrap()
            .flatten()
            .map(|e| e.file_name())
            .collect::<Vec<_>>(),
        b.eval("document.querySelector('[role=status]').textContent")
    );
    // A download lands under a temporary name first.
    std::thread::sleep(std::time::Duration::from_millis(500));
    let xml = common::docx_text(&docx);
    let text: String = xml
        .split('<')
        .filter_map(|p| p.split_once('>').map(|(_, t)| t))
        .collect();
    for want in [
        "NGHỊ QUYẾT",
        "NQ/CB",
        "Chuẩn bị hội nghị kiểm điểm cuối năm",
        "Hoàn thành báo cáo quý III",
        "Đã nộp ngày 28/9",
        "T/M CHI BỘ",
    ] {
        assert!(text.contains(want), "{want} not in the resolution: {text}");
    }
}
