//! A signed report never says what the logs do not hold: figures know which
//! months the logs cover, every command that states figures warns at the
//! period when they do not, and no absence is drafted over them.

mod common;

use common::Site;

/// A cell that logged a committee and a regular meeting every month from
/// January 2022 to October 2023, and a no-discipline entry for 2022; then
/// stopped. A report 15-BC/CB exists in the term.
fn stopped_in_2023() -> Site {
    let site = Site::new();
    let mut log = String::new();
    for (year, months) in [(2022, 1..=12), (2023, 1..=10)] {
        for m in months {
            log.push_str(&format!(
                "- kind: cap_uy\n  date: {year}-{m:02}-03\n- kind: sinh_hoat_thuong_ky\n  date: {year}-{m:02}-10\n  attendance: {{ total: 20, exempt: 1, present: 18 }}\n"
            ));
        }
    }
    log.push_str("- kind: ky_luat\n  date: 2022-12-20\n  subjects: 0\n");
    site.write("content/activities/nhat-ky.yaml", &log);
    site.write(
        "content/reports/so-ket.md",
        "---\ntype: BÁO CÁO\nsubject: sơ kết năm 2022\nnumber: 15-BC/CB\ndate: 2023-01-05\nperiod: { from: 2022-01-01, to: 2022-12-31 }\nsigner: { name: Nguyễn Văn An }\nrecipients: [Lưu Chi bộ]\n---\n\nChi bộ tổ chức {{ figures.counts.sinh_hoat_thuong_ky | hai_so }} kỳ sinh hoạt; {{ khong_co(loai=\"ky_luat\", cau=\"không có đảng viên nào bị kỷ luật\") }}.\n",
    );
    site
}

#[test]
fn figures_json_lists_the_months_the_logs_do_not_cover() {
    let site = stopped_in_2023();
    let run = site.run(&[
        "figures",
        "--from",
        "2023-01-01",
        "--to",
        "2024-06-30",
        "--json",
    ]);
    run.ok();
    let v: serde_json::Value = serde_json::from_str(&run.stdout).unwrap();
    let c = &v["coverage"];
    assert_eq!(c["months"], 18);
    assert_eq!(c["covered"], 10);
    assert_eq!(c["complete"], false);
    assert_eq!(c["last_entry"], "2023-10-10");
    let uncovered: Vec<&str> = c["uncovered"]
        .as_array()
        .unwrap()
        .iter()
        .map(|m| m.as_str().unwrap())
        .collect();
    assert_eq!(uncovered.first(), Some(&"2023-11"));
    assert_eq!(uncovered.last(), Some(&"2024-06"));
    assert_eq!(uncovered.len(), 8);
    // One located warning on stderr; stdout stays JSON.
    let warnings: Vec<&str> = run
        .stderr
        .lines()
        .filter(|l| l.contains("cảnh báo"))
        .collect();
    assert_eq!(warnings.len(), 1, "{}", run.stderr);
    assert!(
        warnings[0].starts_with("--from 2023-01-01 --to 2024-06-30: cảnh báo: số liệu từ ngày 01/01/2023 đến ngày 30/6/2024 không đủ căn cứ: 8 trong 18 tháng chưa có nhật ký (không có mục `sinh_hoat_thuong_ky`: 11/2023 – 06/2024); mục cuối cùng của nhật ký ghi ngày 10/10/2023"),
        "{}",
        warnings[0]
    );
    // A covered period: complete, and no warning.
    let run = site.run(&[
        "figures",
        "--from",
        "2022-01-01",
        "--to",
        "2022-12-31",
        "--json",
    ]);
    let v: serde_json::Value = serde_json::from_str(&run.stdout).unwrap();
    assert_eq!(v["coverage"]["complete"], true);
    assert_eq!(v["coverage"]["uncovered"].as_array().unwrap().len(), 0);
    assert!(!run.stderr.contains("cảnh báo"), "{}", run.stderr);
}

#[test]
fn logs_from_makes_earlier_months_uncovered() {
    let site = stopped_in_2023();
    let config = site.read("site.yaml");
    site.write(
        "site.yaml",
        &format!("{config}figures:\n  logs_from: 2022-03\n"),
    );
    let run = site.run(&[
        "figures",
        "--from",
        "2022-01-01",
        "--to",
        "2022-12-31",
        "--json",
    ]);
    let v: serde_json::Value = serde_json::from_str(&run.stdout).unwrap();
    assert_eq!(
        v["coverage"]["uncovered"],
        serde_json::json!(["2022-01", "2022-02"])
    );
    site.write(
        "site.yaml",
        &format!("{config}figures:\n  logs_from: tháng ba\n"),
    );
    let bad = site.run(&["check"]);
    bad.failed();
    assert!(
        bad.stderr
            .contains("`logs_from` phải là một tháng, dạng YYYY-MM"),
        "{}",
        bad.stderr
    );
}

#[test]
fn a_report_past_the_logs_warns_everywhere_and_states_no_absence() {
    let site = stopped_in_2023();
    let new = site.run(&["new", "report", "tong-ket-nam", "--year", "2024"]);
    new.ok();
    let rel = "content/reports/tong-ket-nam-2024.md";
    let text = site.read(rel);
    let period_line = text.lines().position(|l| l.starts_with("period:")).unwrap() + 1;
    let at = format!(
        "{rel}:{period_line}:9: cảnh báo: số liệu từ ngày 01/01/2024 đến ngày 31/12/2024 không đủ căn cứ: 12 trong 12 tháng chưa có nhật ký"
    );
    assert!(new.stderr.contains(&at), "{}", new.stderr);
    // Numbered after the report of the term.
    assert!(text.contains("number: 16-BC/CB"), "{text}");
    // check and report each say it once, at the period; build counts it
    // with the other warnings and points at `check`.
    let build = site.run(&["build"]);
    build.ok();
    assert!(
        build
            .stderr
            .contains("cảnh báo (không ngăn việc dựng trang)"),
        "{}",
        build.stderr
    );
    for args in [&["check"][..], &["report", "tong-ket-nam-2024"][..]] {
        let run = site.run(args);
        run.ok();
        assert_eq!(
            run.stderr.matches(&at).count(),
            1,
            "{args:?}: {}",
            run.stderr
        );
    }
    // Neither the printed report nor its Word file states an absence.
    let html = site.read("bao-cao/tong-ket-nam-2024/index.html");
    let word = common::docx_text(&site.path("bao-cao/tong-ket-nam-2024/tong-ket-nam-2024.docx"));
    for doc in [&html, &word] {
        for absence in [
            "không có đảng viên nào",
            "không tổ chức",
            "chưa kết nạp",
            " 00 ",
        ] {
            assert!(!doc.contains(absence), "{absence:?} stated");
        }
        assert!(
            doc.contains("CẦN KIỂM TRA: nhật ký chưa ghi các tháng 01/2024 – 12/2024;"),
            "{}",
            &doc[doc.find("CẦN KIỂM").unwrap_or(0)..][..300]
        );
    }
}

#[test]
fn an_absence_is_stated_only_over_covered_months_with_a_record() {
    let site = stopped_in_2023();
    // 2022 is covered and its ky_luat entry says subjects: 0.
    site.run(&["report", "so-ket"]).ok();
    let html = site.read("bao-cao/so-ket/index.html");
    assert!(
        html.contains("12 kỳ sinh hoạt; không có đảng viên nào bị kỷ luật."),
        "{html}"
    );
    // 2023 is covered to October, but nothing records discipline.
    let text = site.read("content/reports/so-ket.md").replace(
        "period: { from: 2022-01-01, to: 2022-12-31 }",
        "period: { from: 2023-01-01, to: 2023-10-31 }",
    );
    site.write("content/reports/so-ket.md", &text);
    let run = site.run(&["report", "so-ket"]);
    run.ok();
    let html = site.read("bao-cao/so-ket/index.html");
    assert!(
        html.contains("[CẦN KIỂM TRA: chưa có mục ky_luat ghi “subjects: 0” trong kỳ;"),
        "{html}"
    );
    assert!(
        run.stderr
            .contains("content/reports/so-ket.md:11:1: cảnh báo: câu chưa có căn cứ trong nhật ký"),
        "{}",
        run.stderr
    );
}

#[test]
fn a_drafted_article_over_uncovered_months_is_warned_at_its_figures_line() {
    let site = stopped_in_2023();
    let run = site.run(&[
        "new",
        "article",
        "Nhìn lại năm 2023",
        "--figures",
        "2023",
        "-q",
    ]);
    run.ok();
    let rel = run.stdout.trim();
    let text = site.read(rel);
    let line = text
        .lines()
        .position(|l| l.starts_with("figures:"))
        .unwrap()
        + 1;
    assert!(
        run.stderr.contains(&format!("{rel}:{line}:1: cảnh báo: số liệu từ ngày 01/01/2023 đến ngày 31/12/2023 không đủ căn cứ: 2 trong 12 tháng chưa có nhật ký (không có mục `sinh_hoat_thuong_ky`: 11/2023 – 12/2023)")),
        "{}",
        run.stderr
    );
    // `nhiem-ky` is the term as far as the logs go.
    let run = site.run(&[
        "new",
        "article",
        "Nhiệm kỳ đến nay",
        "--figures",
        "nhiem-ky",
        "-q",
    ]);
    run.ok();
    let text = site.read(run.stdout.trim());
    assert!(
        text.contains("figures: { from: 2020-07-01, to: 2023-10-31 }"),
        "{text}"
    );
}
