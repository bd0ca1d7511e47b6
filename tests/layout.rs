//! The built pages as a phone shows them: the example site of this
//! repository, built, served over HTTP and measured in headless Chromium
//! at 375 × 800 px (the width of a common phone).

mod common;

use std::path::Path;

/// Measures a page as a 375-px-wide screen shows it: a harness page holds
/// it in a 375 × 800 frame (headless Chromium's window is at least 500 px
/// wide) and writes what `script` measured into its own DOM, which
/// `--dump-dom` prints. The published page itself carries no script.
fn measure(out: &Path, page: &str, script: &str) -> String {
    let url_path = format!("/chibo-stp/{}", page.trim_end_matches("index.html"));
    let harness = format!(
        "<!DOCTYPE html><html><body style=\"margin:0\"><iframe id=\"f\" src=\"{url_path}\" style=\"width:375px;height:800px;border:0\"></iframe><script>document.getElementById('f').addEventListener('load', () => {{ const w = document.getElementById('f').contentWindow; const m = document.createElement('pre'); m.id = 'measured'; m.textContent = ((document, getComputedStyle, scrollY, innerWidth) => {{ {script} }})(w.document, w.getComputedStyle.bind(w), w.scrollY, w.innerWidth); document.body.append(m); }});</script></body></html>"
    );
    std::fs::write(out.join("__probe.html"), harness).unwrap();
    let server = chibo::print::FolderServer::start(out, "/chibo-stp").unwrap();
    let dom = common::chromium_dom(
        &server.url("__probe.html"),
        3000,
        &["--hide-scrollbars", "--window-size=600,900"],
    );
    let start = dom
        .find("<pre id=\"measured\">")
        .unwrap_or_else(|| panic!("no measurement of {page}: {dom}"));
    let rest = &dom[start + "<pre id=\"measured\">".len()..];
    rest[..rest.find("</pre>").unwrap()].to_string()
}

#[test]
fn on_a_phone_news_starts_high_dates_stay_whole_and_category_links_stand_out() {
    if !common::require_tools(&["chromium"]) {
        return;
    }
    let tmp = tempfile::tempdir().unwrap();
    let out = tmp.path().join("site");
    common::Site::example()
        .run(&["build", "-q", "-o", out.to_str().unwrap()])
        .ok();

    // The home page: where the first news item starts, and how its
    // category link differs from the text around it.
    let home = measure(
        &out,
        "index.html",
        "const card = document.querySelector('.card'); const a = document.querySelector('.card-meta a'); const s = getComputedStyle(a); return [Math.round(card.getBoundingClientRect().top + scrollY), s.textDecorationLine, document.documentElement.scrollWidth, innerWidth].join(' ');",
    );
    let parts: Vec<&str> = home.split(' ').collect();
    let top: i32 = parts[0].parse().unwrap();
    assert!(top < 200, "the first news item starts {top} px down");
    assert_eq!(parts[1], "underline", "{home}");
    assert_eq!(parts[3], "375", "{home}");
    assert!(
        parts[2].parse::<i32>().unwrap() <= 375,
        "the page scrolls sideways: {home}"
    );

    // An article's related list: every date on one line.
    let article = std::fs::read_dir(out.join("to-chuc-dang"))
        .unwrap()
        .flatten()
        .map(|e| e.path().join("index.html"))
        .find(|p| std::fs::read_to_string(p).is_ok_and(|h| h.contains("Tin liên quan")))
        .expect("an article with related news");
    let rel = article
        .strip_prefix(&out)
        .unwrap()
        .to_str()
        .unwrap()
        .to_string();
    let dates = measure(
        &out,
        &rel,
        "return [...document.querySelectorAll('.related .date')].map(d => d.getClientRects().length).join(',');",
    );
    assert!(!dates.is_empty(), "no related dates");
    assert!(
        dates.split(',').all(|n| n == "1"),
        "a date broke across lines: {dates}"
    );

    // The tag index: each count on the line of its tag.
    let tags = measure(
        &out,
        "the/index.html",
        "return [...document.querySelectorAll('.tag-index li')].filter(li => { const a = li.querySelector('a').getClientRects(); const c = li.querySelector('.count').getBoundingClientRect(); return Math.abs(a[a.length - 1].bottom - c.bottom) > 4; }).length;",
    );
    assert_eq!(tags, "0", "tags whose count is on its own line: {tags}");

    // The review report: the A4 sheet follows a phone's width (paper is
    // unchanged), and its type name is the page's heading.
    let report = measure(
        &out,
        "bao-cao/so-ket-giua-nhiem-ky/index.html",
        "const h = document.querySelector('h1'); return [document.documentElement.scrollWidth, h ? h.textContent : ''].join(' ');",
    );
    let (width, heading) = report.split_once(' ').unwrap();
    assert!(
        width.parse::<i32>().unwrap() <= 375,
        "the report scrolls sideways: {report}"
    );
    assert_eq!(heading, "BÁO CÁO", "{report}");
}
