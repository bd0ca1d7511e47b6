//! Golden files of what users see: the example cell's figures, the seed
//! article's page, the mid-term report, and a set of error messages. A
//! change in any of them shows as a diff in tests/snapshots/ to review
//! (`INSTA_UPDATE=always cargo test --test golden` rewrites them).

mod common;

use common::Site;

/// chibo run on a copy of the example site (what a build writes is
/// scanned for active content by `Site::run`).
fn chibo(args: &[&str]) -> (i32, String, String) {
    let run = Site::example().run(args);
    (run.code, run.stdout, run.stderr)
}

#[test]
fn figures_of_the_example_cell() {
    let (code, json, _) = chibo(&["figures", "--json"]);
    assert_eq!(code, 0);
    insta::assert_snapshot!(json);
}

#[test]
fn the_seed_article_page_and_the_mid_term_report() {
    let out = tempfile::tempdir().unwrap();
    let dir = out.path().join("site");
    let (code, _, err) = chibo(&["build", "--quiet", "-o", dir.to_str().unwrap()]);
    assert_eq!(code, 0, "{err}");
    let page = std::fs::read_to_string(
        dir.join("to-chuc-dang/hon-nua-nhiem-ky-nhin-lai-cong-tac-xay-dung-dang-va-he-thong-chinh-tri-o-chi-bo-so-tu-phap/index.html"),
    )
    .unwrap();
    insta::assert_snapshot!("seed_article_page", page);
    let report =
        std::fs::read_to_string(dir.join("bao-cao/so-ket-giua-nhiem-ky/index.html")).unwrap();
    insta::assert_snapshot!("mid_term_report", report);
}

#[test]
fn messages_for_common_mistakes() {
    let site = Site::new();
    // A term that starts with the logs, so that only these mistakes speak.
    site.write(
        "site.yaml",
        &common::SITE_YAML.replace("from: 2020-07-01", "from: 2023-01-01"),
    );
    site.write(
        "content/articles/a.md",
        "---\ntitle: Tin\ndate: 2023-02-29\ncategory: tin-tucc\ntags: [a]\ntitel: x\n---\n\n![a](static/khong-co.png)\n\n{% for x in y %}{% endfor %}\n",
    );
    site.write(
        "content/activities/2023.yaml",
        "- kind: sinh_hoat_thuong_ky\n  date: 2023-01-05\n  attendance: { total: 5, present: 7 }\n- kind: ket_napp\n  date: 2023-02-01\n- kind: hoc_tap\n  date: 2023-03-01\n  documents: [kl-01-2012]\n",
    );
    let run = site.run(&["check"]);
    assert_eq!(run.code, 1);
    insta::assert_snapshot!(run.stderr);
}
