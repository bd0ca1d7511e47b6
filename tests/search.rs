//! The search page as a reader uses it: the built site served over HTTP,
//! queries typed into the address (`?q=`, as a shared link carries them)
//! and answered by search.js in headless Chromium.

mod common;

use std::path::Path;

use common::Site;

/// What the search page showed for `q` (page `page` of the results): the
/// exact count, and the address and excerpt of each result shown.
struct Answer {
    count: usize,
    status: String,
    results: Vec<(String, String)>,
    pager: String,
}

fn ask(out: &Path, base_path: &str, q: &str, page: usize) -> Answer {
    let server = chibo::print::FolderServer::start(out, base_path).unwrap();
    let mut url = server.url("tim-kiem/");
    url.push_str("?q=");
    url.push_str(
        &percent_encoding::utf8_percent_encode(q, percent_encoding::NON_ALPHANUMERIC).to_string(),
    );
    if page > 1 {
        url.push_str(&format!("&trang={page}"));
    }
    let dom = common::chromium_dom(&url, 5000, &[]);
    let between = |from: &str, to: &str, s: &str| -> Option<String> {
        let a = s.find(from)? + from.len();
        Some(s[a..a + s[a..].find(to)?].to_string())
    };
    let status = between("aria-live=\"polite\">", "</p>", &dom).unwrap_or_default();
    let count = between("data-count=\"", "\"", &dom)
        .map(|c| c.parse().unwrap())
        .unwrap_or_else(|| panic!("no answer for {q}: {dom}"));
    let mut results = Vec::new();
    let mut rest = dom.as_str();
    while let Some(at) = rest.find("<li class=\"card") {
        rest = &rest[at + 10..];
        let item = &rest[..rest.find("</li>").unwrap_or(rest.len())];
        let href = between("<h2 class=\"card-title\"><a href=\"", "\"", item).unwrap_or_default();
        let excerpt = between("<p class=\"card-summary\">", "</p>", item).unwrap_or_default();
        results.push((href, excerpt));
    }
    let pager = between("id=\"search-pages\"", "</nav>", &dom).unwrap_or_default();
    Answer {
        count,
        status,
        results,
        pager,
    }
}

/// Builds `site` into `out` (its pages scanned for active content).
fn build(site: &common::Site, out: &Path, extra: &[&str]) {
    let mut args = vec!["build", "-q"];
    args.extend_from_slice(extra);
    args.extend(["-o", out.to_str().unwrap()]);
    site.run(&args).ok();
}

/// The example's pages that contain `phrase` in their article text,
/// lower-cased (tags removed: a phrase may hold an inline tag).
fn pages_containing(out: &Path, phrase: &str) -> Vec<String> {
    let mut found = Vec::new();
    for (rel, bytes) in common::tree(out) {
        let html = String::from_utf8_lossy(&bytes);
        let Some(start) = html.find("<article class=\"article\">") else {
            continue;
        };
        let article = &html[start..start + html[start..].find("</article>").unwrap()];
        let mut text = String::new();
        let mut in_tag = false;
        for c in article.chars() {
            match c {
                '<' => in_tag = true,
                '>' => in_tag = false,
                c if !in_tag => text.extend(c.to_lowercase()),
                _ => {}
            }
        }
        if text
            .split_whitespace()
            .collect::<Vec<_>>()
            .join(" ")
            .contains(phrase)
        {
            found.push(format!("/chibo-stp/{}", rel.trim_end_matches("index.html")));
        }
    }
    found.sort();
    found
}

#[test]
fn on_the_example_body_text_phrases_and_prefixes_are_found() {
    if !common::require_tools(&["chromium"]) {
        return;
    }
    let tmp = tempfile::tempdir().unwrap();
    let out = tmp.path().join("site");
    build(&common::Site::example(), &out, &[]);

    // A phrase only the mid-term article's body has.
    let a = ask(&out, "/chibo-stp", "kết nạp", 1);
    let mid_term = a
        .results
        .iter()
        .find(|(u, _)| u.contains("hon-nua-nhiem-ky"))
        .unwrap_or_else(|| panic!("mid-term review not found: {:?}", a.results));
    assert!(
        mid_term
            .1
            .contains("<mark>kết</mark> <mark>nạp</mark> cho 09 đảng viên"),
        "{}",
        mid_term.1
    );

    // Every article with the phrase, and, quoted, only those.
    let expected = pages_containing(&out, "đảng viên");
    assert!(expected.len() >= 5, "{expected:?}");
    for q in ["\"đảng viên\"", "\"dang vien\""] {
        let a = ask(&out, "/chibo-stp", q, 1);
        assert_eq!(a.count, expected.len(), "{q}: {}", a.status);
        let mut got: Vec<String> = a.results.iter().map(|r| r.0.clone()).collect();
        got.sort();
        assert_eq!(got, expected, "{q}");
    }
    // Unquoted, the phrase comes first; articles with the syllables apart
    // follow.
    let a = ask(&out, "/chibo-stp", "dang vien", 1);
    assert!(a.count >= expected.len());
    for (u, _) in &a.results[..expected.len().min(a.results.len())] {
        assert!(expected.contains(u), "{u} ranked above a phrase match");
    }

    // Typing: the last syllable is a prefix.
    let a = ask(&out, "/chibo-stp", "ket na", 1);
    assert!(a.count >= 3, "{}", a.status);
    assert!(
        a.results[0].1.contains("<mark>kết</mark> <mark>nạp</mark>"),
        "{:?}",
        a.results[0]
    );
    assert!(a.status.starts_with("Tìm thấy"), "{}", a.status);

    let a = ask(&out, "/chibo-stp", "xyzzy không có", 1);
    assert_eq!(a.count, 0);
    assert!(a.status.contains("Không tìm thấy"), "{}", a.status);
}

#[test]
fn exact_marks_titles_and_newer_articles_rank_first_and_every_result_is_reachable() {
    if !common::require_tools(&["chromium"]) {
        return;
    }
    let site = Site::new();
    // Three spellings of one folded syllable.
    site.article(
        "content/articles/a/dang.md",
        "Tin về công tác",
        "2023-01-10 08:00",
        "tin-tuc",
        "[]",
        "Dáng đi của người chiến sĩ.",
    );
    site.article(
        "content/articles/a/dang2.md",
        "Tin thứ hai",
        "2023-01-11 08:00",
        "tin-tuc",
        "[]",
        "Họp chi bộ; đảng viên dự đầy đủ.",
    );
    site.article(
        "content/articles/a/dang3.md",
        "Tin thứ ba",
        "2023-01-12 08:00",
        "tin-tuc",
        "[]",
        "Dang dở công việc.",
    );
    // 63 articles about "thi đua", one with it in its title (the oldest).
    for i in 0..62 {
        site.article(
            &format!("content/articles/b/{i}.md"),
            &format!("Bản tin số {i}"),
            &format!("2023-03-{:02} {:02}:00", 1 + i / 12, 8 + i % 12),
            "tin-tuc",
            "[]",
            "Phong trào thi đua trong chi bộ.",
        );
    }
    site.article(
        "content/articles/b/title.md",
        "Phát động thi đua",
        "2022-12-01 08:00",
        "tin-tuc",
        "[]",
        "Nội dung phát động.",
    );
    site.article(
        "content/articles/b/draft.md",
        "Nháp thi đua",
        "2023-01-01 08:00",
        "tin-tuc",
        "[]\ndraft: true",
        "Bản nháp thi đua riêng.",
    );
    let out = site.path("out");
    build(&site, &out, &["--drafts"]);

    // "đảng" typed with marks: its own spelling first, the others after.
    let a = ask(&out, "/chibo-stp", "đảng", 1);
    assert_eq!(a.count, 3, "{}", a.status);
    assert!(a.results[0].0.ends_with("/tin-thu-hai/"), "{:?}", a.results);
    // Without marks, all three, newest first.
    let a = ask(&out, "/chibo-stp", "dang", 1);
    let order: Vec<&str> = a.results.iter().map(|r| r.0.as_str()).collect();
    assert_eq!(
        order,
        [
            "/chibo-stp/tin-tuc/tin-thu-ba/",
            "/chibo-stp/tin-tuc/tin-thu-hai/",
            "/chibo-stp/tin-tuc/tin-ve-cong-tac/"
        ]
    );

    // A title match outranks 62 newer body matches; the draft is absent.
    let a = ask(&out, "/chibo-stp", "thi đua", 1);
    assert_eq!(a.count, 63, "{}", a.status);
    assert!(
        a.results[0].0.ends_with("/phat-dong-thi-dua/"),
        "{:?}",
        a.results[0]
    );
    assert_eq!(a.results.len(), 10);
    assert!(a.status.contains("trang 1/7"), "{}", a.status);
    assert!(a.pager.contains("trang=7"), "{}", a.pager);
    // Every page is reachable, and together they hold every result once.
    let mut seen = std::collections::BTreeSet::new();
    for page in 1..=7 {
        let a = ask(&out, "/chibo-stp", "thi đua", page);
        assert_eq!(a.count, 63);
        assert_eq!(
            a.results.len(),
            if page == 7 { 3 } else { 10 },
            "page {page}"
        );
        for (u, _) in a.results {
            assert!(!u.contains("nhap-thi-dua"), "a draft was found");
            assert!(seen.insert(u), "shown twice");
        }
    }
    assert_eq!(seen.len(), 63);
}

#[test]
fn highlighting_marks_the_phrase_the_spelling_typed_or_every_spelling() {
    if !common::require_tools(&["chromium"]) {
        return;
    }
    let site = Site::new();
    site.article(
        "content/articles/a/hoi-nghi.md",
        "Hội nghị của chi bộ",
        "2023-01-10 08:00",
        "tin-tuc",
        "[]",
        "Hội nghị viên chức và đăng ký thi đua; đảng viên dự đầy đủ.",
    );
    let out = site.path("out");
    build(&site, &out, &[]);
    let excerpt = |q: &str| {
        let a = ask(&out, "/chibo-stp", q, 1);
        assert_eq!(a.count, 1, "{q}: {}", a.status);
        a.results[0].1.clone()
    };
    // A phrase: its syllables where they stand together, not "viên" of
    // "viên chức" nor "đăng" of "đăng ký".
    let e = excerpt("đảng viên");
    assert!(e.contains("<mark>đảng</mark> <mark>viên</mark> dự"), "{e}");
    assert!(e.contains("Hội nghị viên chức và đăng ký"), "{e}");
    assert_eq!(
        e.matches("<mark>").count(),
        2 * e.matches("<mark>đảng</mark> <mark>viên</mark>").count(),
        "only the phrase is marked: {e}"
    );
    // Typed with marks: that spelling only.
    let e = excerpt("đảng");
    assert!(e.contains("<mark>đảng</mark> viên"), "{e}");
    assert!(e.contains("và đăng ký"), "{e}");
    // Typed without: every spelling.
    let e = excerpt("dang");
    assert!(e.contains("<mark>đăng</mark> ký"), "{e}");
    assert!(e.contains("<mark>đảng</mark> viên"), "{e}");
}
