//! `chibo build` on fixture sites: the pages a reader sees.

mod common;

use common::{Site, tree};
use unicode_normalization::UnicodeNormalization;

fn seed_like(site: &Site) {
    site.article(
        "content/articles/2023/hon-nua-nhiem-ky.md",
        "Hơn nửa nhiệm kỳ nhìn lại công tác xây dựng Đảng",
        "2023-11-02 15:03",
        "to-chuc-dang",
        "[xây dựng Đảng, kết nạp đảng viên]",
        "Chi bộ thực hiện {{ \"kl-01-2021\" | cite }} trong cả nhiệm kỳ.\n\nĐoạn thứ hai.\n\n![Lễ kết nạp](static/anh/ket-nap.png \"Quần chúng của Chi bộ được tổ chức kết nạp tại Lễ Kết nạp đảng viên\")",
    );
}

#[test]
fn article_page_has_category_title_timestamp_lead_figure_byline_and_related() {
    let site = Site::new();
    seed_like(&site);
    for (i, day) in [
        "2023-10-01",
        "2023-09-01",
        "2022-01-01",
        "2021-01-01",
        "2020-12-01",
        "2020-11-01",
    ]
    .iter()
    .enumerate()
    {
        site.article(
            &format!("content/articles/a{i}.md"),
            &format!("Tin kết nạp số {i}"),
            day,
            "tin-tuc",
            "[kết nạp đảng viên]",
            "Nội dung.",
        );
    }
    site.run(&["build"]).ok();
    let html = site
        .read("output/to-chuc-dang/hon-nua-nhiem-ky-nhin-lai-cong-tac-xay-dung-dang/index.html");
    assert!(html.contains("<html lang=\"vi\">"));
    assert!(html.contains(
        "<p class=\"breadcrumb\"><a href=\"/chibo-stp/to-chuc-dang/\">Hoạt động của các tổ chức Đảng cơ sở</a></p>"
    ));
    assert!(html.contains(
        "<h1 class=\"article-title\">Hơn nửa nhiệm kỳ nhìn lại công tác xây dựng Đảng</h1>"
    ));
    assert!(html.contains("<time datetime=\"2023-11-02T15:03:00+07:00\">02-11-2023 15:03</time>"));
    assert!(html.contains(
        "<p class=\"lead\">Chi bộ thực hiện Kết luận số 01-KL/TW, ngày 18/5/2021 của Bộ Chính trị trong cả nhiệm kỳ.</p>"
    ), "{html}");
    assert!(html.contains("<figcaption>Quần chúng của Chi bộ được tổ chức kết nạp tại Lễ Kết nạp đảng viên</figcaption>"));
    // The photo as the pipeline made it (a 960-px PNG: two sizes, as JPEG and WebP).
    assert!(
        html.contains("<img src=\"/chibo-stp/static/anh/ket-nap."),
        "{html}"
    );
    assert!(
        html.contains("-960.jpg\" srcset=\"/chibo-stp/static/anh/ket-nap."),
        "{html}"
    );
    assert!(
        !site.exists("output/static/anh/ket-nap.png"),
        "the original is never published"
    );
    assert!(html.contains("<p class=\"byline\">Lương Văn Chuyền, Chi bộ Sở Tư pháp</p>"));
    // Related: the five nearest in time of those sharing the tag, with dates.
    let related = html.split("Tin liên quan").nth(1).expect("related list");
    assert_eq!(related.matches("<li>").count(), 5, "{related}");
    assert!(related.contains("Tin kết nạp số 0</a> <span class=\"date\">(01-10-2023)</span>"));
    assert!(
        !related.contains("Tin kết nạp số 5"),
        "the farthest in time is left out"
    );
}

#[test]
fn listings_are_paginated_newest_first_with_working_links() {
    let site = Site::new();
    site.write(
        "site.yaml",
        &common::SITE_YAML.replace("per_page: 20", "per_page: 2"),
    );
    for i in 1..=5 {
        site.article(
            &format!("content/articles/t{i}.md"),
            &format!("Tin số {i}"),
            &format!("2023-0{i}-10 08:00"),
            "tin-tuc",
            "[]",
            "Nội dung.",
        );
    }
    site.run(&["build"]).ok();
    let p1 = site.read("output/tin-tuc/index.html");
    let p2 = site.read("output/tin-tuc/trang/2/index.html");
    let p3 = site.read("output/tin-tuc/trang/3/index.html");
    assert!(
        p1.find("Tin số 5").unwrap() < p1.find("Tin số 4").unwrap(),
        "newest first"
    );
    assert!(!p1.contains("Tin số 3"));
    assert!(!p1.contains("rel=\"prev\""));
    assert!(p1.contains("<a class=\"next\" rel=\"next\" href=\"/chibo-stp/tin-tuc/trang/2/\">"));
    assert!(p2.contains("Tin số 3") && p2.contains("Tin số 2"));
    assert!(p2.contains("<a class=\"prev\" rel=\"prev\" href=\"/chibo-stp/tin-tuc/\">"));
    assert!(p2.contains("<a class=\"next\" rel=\"next\" href=\"/chibo-stp/tin-tuc/trang/3/\">"));
    assert!(p2.contains("<span class=\"current\" aria-current=\"page\">2</span>"));
    assert!(p3.contains("Tin số 1") && !p3.contains("rel=\"next\""));
    // The home page pages the same way.
    assert!(site.exists("output/trang/3/index.html"));
    assert!(!site.exists("output/trang/4/index.html"));
}

#[test]
fn feed_is_atom_with_absolute_links_and_offset_dates() {
    let site = Site::new();
    seed_like(&site);
    site.run(&["build"]).ok();
    let xml = site.read("output/feed.xml");
    let doc = roxmltree::Document::parse(&xml).expect("feed.xml parses as XML");
    let root = doc.root_element();
    assert_eq!(root.tag_name().name(), "feed");
    assert_eq!(
        root.tag_name().namespace(),
        Some("http://www.w3.org/2005/Atom")
    );
    let mut links = 0;
    for n in doc.descendants().filter(|n| n.has_tag_name("link")) {
        assert!(
            n.attribute("href")
                .unwrap()
                .starts_with("https://example.gov.vn/chibo-stp/")
        );
        links += 1;
    }
    assert!(links >= 3);
    let entry = root.children().find(|n| n.has_tag_name("entry")).unwrap();
    let published = entry
        .children()
        .find(|n| n.has_tag_name("published"))
        .unwrap()
        .text()
        .unwrap();
    assert_eq!(published, "2023-11-02T15:03:00+07:00");
    // A feed reader has no page to resolve `/chibo-stp/…` against.
    let content = entry
        .children()
        .find(|n| n.has_tag_name("content"))
        .unwrap()
        .text()
        .unwrap();
    assert!(
        content.contains("<img src=\"https://example.gov.vn/chibo-stp/static/anh/ket-nap."),
        "{content}"
    );
    assert!(!content.contains("=\"/chibo-stp/"), "{content}");
    assert!(!content.contains(", /chibo-stp/"), "{content}");
    assert!(
        content.contains("srcset=\"https://example.gov.vn/chibo-stp/static/anh/ket-nap."),
        "{content}"
    );
    let sitemap = site.read("output/sitemap.xml");
    roxmltree::Document::parse(&sitemap).expect("sitemap.xml parses");
    for loc in ["the/", "bao-cao/", "the/ket-nap-dang-vien/"] {
        assert!(
            sitemap.contains(&format!(
                "<loc>https://example.gov.vn/chibo-stp/{loc}</loc>"
            )),
            "{loc}\n{sitemap}"
        );
    }
    assert!(sitemap.contains("<loc>https://example.gov.vn/chibo-stp/to-chuc-dang/hon-nua-nhiem-ky-nhin-lai-cong-tac-xay-dung-dang/</loc>"));
    assert!(site.exists("output/404.html"));
}

#[test]
fn tag_index_follows_vietnamese_collation() {
    let site = Site::new();
    site.article(
        "content/articles/a.md",
        "Bài A",
        "2023-01-01",
        "tin-tuc",
        "[Đảng, Dương, Ân, An, Ă]",
        "A.",
    );
    site.run(&["build"]).ok();
    let html = site.read("output/the/index.html");
    let order: Vec<usize> = ["An", "Ă", "Ân", "Dương", "Đảng"]
        .iter()
        .map(|t| {
            html.find(&format!(">{t}</a>"))
                .unwrap_or_else(|| panic!("{t} missing"))
        })
        .collect();
    assert!(order.windows(2).all(|w| w[0] < w[1]), "{html}");
    assert!(site.exists("output/the/dang/index.html"));
}

#[test]
fn nfd_input_gives_identical_output() {
    let nfc = Site::new();
    let nfd = Site::new();
    let body = "Lễ kết nạp đảng viên tại Chi bộ Sở Tư pháp tỉnh Lạng Sơn.";
    nfc.article(
        "content/articles/a.md",
        "Đảng viên ưu tú",
        "2023-06-15 15:00",
        "to-chuc-dang",
        "[Đảng viên]",
        body,
    );
    let text = nfc.read("content/articles/a.md");
    let decomposed: String = text.nfd().collect();
    assert_ne!(decomposed, text);
    nfd.write("content/articles/a.md", &decomposed);
    nfd.write("site.yaml", &common::SITE_YAML.nfd().collect::<String>());
    nfc.run(&["build"]).ok();
    nfd.run(&["build"]).ok();
    assert!(nfc.exists("output/to-chuc-dang/dang-vien-uu-tu/index.html"));
    let a = tree(&nfc.path("output"));
    let b = tree(&nfd.path("output"));
    assert_eq!(a.len(), b.len());
    for ((pa, ba), (pb, bb)) in a.iter().zip(&b) {
        assert_eq!(pa, pb);
        assert!(ba == bb, "{pa} differs between NFC and NFD input");
    }
}

#[test]
fn drafts_and_future_articles_wait_unless_asked() {
    let site = Site::new();
    site.write(
        "content/articles/nhap.md",
        "---\ntitle: Bản nháp\ndate: 2023-01-01\ncategory: tin-tuc\ndraft: true\n---\nNháp.\n",
    );
    site.article(
        "content/articles/sau.md",
        "Tin tương lai",
        "2099-01-01",
        "tin-tuc",
        "[]",
        "Sau.",
    );
    let run = site.run(&["build"]);
    run.ok();
    assert!(
        run.stdout.contains("chưa đăng 1 bài nháp, 1 bài hẹn giờ"),
        "{}",
        run.stdout
    );
    // build counts the warnings in one line; check gives them.
    assert_eq!(
        run.stderr,
        "1 cảnh báo (không ngăn việc dựng trang) — xem chi tiết bằng `chibo check`.\n"
    );
    let check = site.run(&["check"]);
    assert!(
        check
            .stderr
            .contains("cảnh báo: bài có ngày 01-01-2099 00:00 ở tương lai"),
        "{}",
        check.stderr
    );
    assert!(!site.exists("output/tin-tuc/ban-nhap/index.html"));
    site.run(&["build", "--drafts"]).ok();
    assert!(site.exists("output/tin-tuc/ban-nhap/index.html"));
    assert!(site.exists("output/tin-tuc/tin-tuong-lai/index.html"));
}

#[test]
fn a_site_template_overrides_the_built_in_one() {
    let site = Site::new();
    seed_like(&site);
    site.write("templates/404.html", "{% extends \"base.html\" %}{% block content %}<p>Trang riêng của chi bộ</p>{% endblock content %}");
    site.run(&["build"]).ok();
    assert!(
        site.read("output/404.html")
            .contains("<p>Trang riêng của chi bộ</p>")
    );
    // The other templates are still the built-in ones.
    assert!(site.read("output/index.html").contains("Tin mới"));
}

#[test]
fn raw_html_is_sanitised_unless_the_site_allows_it() {
    let site = Site::new();
    site.article(
        "content/articles/a.md",
        "Bài có HTML",
        "2023-01-01",
        "tin-tuc",
        "[]",
        "<script>alert('x')</script>\n\n<b onclick=\"x()\">đậm</b>",
    );
    site.run(&["build"]).ok();
    let html = site.read("output/tin-tuc/bai-co-html/index.html");
    assert!(!html.contains("<script>alert"));
    assert!(!html.contains("onclick"));
    assert!(html.contains("<b>đậm</b>"));
    site.write(
        "site.yaml",
        &format!("{}unsafe_html: true\n", common::SITE_YAML),
    );
    site.run(&["build"]).ok();
    assert!(
        site.read("output/tin-tuc/bai-co-html/index.html")
            .contains("<script>alert('x')</script>")
    );
}

#[test]
fn everything_is_escaped() {
    let site = Site::new();
    site.article(
        "content/articles/a.md",
        "\"<Tin> & sự kiện\"",
        "2023-01-01",
        "tin-tuc",
        "[\"<thẻ>\"]",
        "Nội dung.",
    );
    site.run(&["build"]).ok();
    let html = site.read("output/tin-tuc/tin-su-kien/index.html");
    assert!(html.contains("&lt;Tin&gt; &amp; sự kiện"));
    assert!(!html.contains("<Tin>"));
    assert!(!html.contains("<thẻ>"));
}

#[test]
fn search_index_holds_bodies_folded_with_exact_spellings_and_no_drafts() {
    let site = Site::new();
    seed_like(&site);
    site.article(
        "content/articles/2023/nhap.md",
        "Bản nháp về kiểm điểm",
        "2023-11-03 08:00",
        "to-chuc-dang",
        "[]\ndraft: true",
        "Chưa đăng: quyết định kỷ luật đặc biệt.",
    );
    site.run(&["build"]).ok();
    let manifest: serde_json::Value =
        serde_json::from_str(&site.read("output/tim-kiem/chi-muc.json")).unwrap();
    let docs = manifest["docs"].as_u64().unwrap();
    assert_eq!(manifest["shards"], 1);
    let shard: serde_json::Value =
        serde_json::from_str(&site.read("output/tim-kiem/tu/0.json")).unwrap();
    // Folded keys, exact spellings under them, pairs of adjacent syllables.
    assert!(shard["dang"]["đảng"].is_array(), "{shard}");
    assert!(shard["xay dung"]["xây dựng"].is_array(), "{shard}");
    // The draft's words never enter the index, nor its title.
    assert!(shard.get("dac biet").is_none(), "{shard}");
    let titles = site.read("output/tim-kiem/bai/0.json");
    assert!(!titles.contains("Bản nháp"), "{titles}");
    let listed: Vec<serde_json::Value> = serde_json::from_str(&titles).unwrap();
    assert_eq!(listed.len() as u64, docs);
    // Without JavaScript: a message and the categories; the count is
    // announced to screen readers; the field has its label.
    let page = site.read("output/tim-kiem/index.html");
    assert!(page.contains("<noscript>"), "{page}");
    assert!(
        page.contains(
            "<li><a href=\"/chibo-stp/to-chuc-dang/\">Hoạt động của các tổ chức Đảng cơ sở</a></li>"
        ),
        "{page}"
    );
    assert!(page.contains("role=\"status\" aria-live=\"polite\""));
    assert!(page.contains("<label for=\"q\">"));
    assert!(site.exists("output/assets/search.js"));
    // Even when drafts are published (`build --drafts`), they are not searchable.
    site.run(&["build", "--drafts"]).ok();
    assert!(site.exists("output/to-chuc-dang/ban-nhap-ve-kiem-diem/index.html"));
    assert!(!site.read("output/tim-kiem/tu/0.json").contains("đặc biệt"));
}

#[test]
fn rebuilding_replaces_output_and_refuses_foreign_folders() {
    let site = Site::new();
    seed_like(&site);
    site.run(&["build"]).ok();
    assert!(site.exists("output/.chibo-output"));
    site.run(&["build"]).ok();
    // A folder chibo did not make is never emptied without --force.
    site.write("public/keep.txt", "của tôi");
    let run = site.run(&["build", "-o", "public"]);
    run.failed();
    assert!(
        run.stderr.contains("không do chibo tạo ra"),
        "{}",
        run.stderr
    );
    assert_eq!(site.read("public/keep.txt"), "của tôi");
    site.run(&["build", "-o", "public", "--force"]).ok();
    assert!(site.exists("public/index.html"));
    assert!(!site.exists("public/keep.txt"));
    // Never over the site itself.
    let run = site.run(&["build", "-o", "."]);
    run.failed();
    assert!(site.exists("site.yaml"));
}

#[test]
fn base_url_flag_changes_links() {
    let site = Site::new();
    seed_like(&site);
    site.run(&["build", "--base-url", "http://localhost:8000"])
        .ok();
    let html = site.read("output/index.html");
    assert!(html.contains("href=\"/to-chuc-dang/\""), "{html}");
    assert!(
        site.read("output/feed.xml")
            .contains("http://localhost:8000/to-chuc-dang/")
    );
}

#[test]
fn the_route_table_and_the_full_render_agree_on_every_path() {
    // The preview serves what the route table maps; `build` writes what
    // `render_all` renders: the two must be the same set of paths.
    let site = Site::new();
    seed_like(&site);
    site.write(
        "content/reports/bc.md",
        "---\nsubject: năm\ndate: 2023-12-20\nperiod: { from: 2023-01-01, to: 2023-12-31 }\nsigner: { name: Nguyễn Văn An }\n---\nNội dung.\n",
    );
    let mut d = chibo::diag::Diagnostics::default();
    let loaded = chibo::load::load_site(site.root(), &mut d).expect("site");
    let now = chibo::check::now_at(loaded.config.offset_minutes);
    let opts = chibo::render::site::BuildOptions::check(now, chibo::load::bodies(&loaded));
    let prepared =
        chibo::render::site::prepare(std::sync::Arc::new(loaded), &opts, &mut d).expect("prepared");
    let mem = chibo::output::MemSink::default();
    chibo::render::site::render_all(&prepared, &mem, &mut d);
    assert!(!d.has_errors(), "{}", d.render());
    let mut written: Vec<String> = mem.files.into_inner().unwrap().into_keys().collect();
    let mut routed: Vec<String> = prepared.routes.keys().cloned().collect();
    written.sort();
    routed.sort();
    assert!(routed.len() > 12, "{routed:?}");
    assert_eq!(written, routed);
}

#[test]
fn the_build_summary_counts_the_files_it_wrote() {
    let site = Site::new();
    seed_like(&site);
    let run = site.run(&["build"]);
    run.ok();
    let on_disk = walkdir::WalkDir::new(site.path("output"))
        .into_iter()
        .flatten()
        .filter(|e| e.file_type().is_file() && e.file_name() != ".chibo-output")
        .count();
    assert!(
        run.stdout.contains(&format!(" trang ({on_disk} tệp) vào ")),
        "{on_disk} files on disk; {}",
        run.stdout
    );
}

#[test]
fn links_between_articles_follow_slugs_and_broken_ones_are_located() {
    let site = Site::new();
    site.article(
        "content/articles/2023/b.md",
        "Bài được dẫn",
        "2023-03-01",
        "tin-tuc",
        "[]",
        "## Kết quả\n\nNội dung.",
    );
    site.article(
        "content/articles/2023/a.md",
        "Bài dẫn",
        "2023-04-01",
        "tin-tuc",
        "[]",
        "Xem [bài trước](@/2023/b.md#ket-qua), [cùng bài ấy](/tin-tuc/bai-duoc-dan/) và [mục dưới](#cuoi).\n\n## Cuối\n\nHết.",
    );
    site.run(&["build"]).ok();
    let html = site.read("output/tin-tuc/bai-dan/index.html");
    assert!(
        html.contains(
            "<a href=\"/chibo-stp/tin-tuc/bai-duoc-dan/#ket-qua\" rel=\"noopener\">bài trước</a>"
        ),
        "{html}"
    );
    assert!(
        html.contains(
            "<a href=\"/chibo-stp/tin-tuc/bai-duoc-dan/\" rel=\"noopener\">cùng bài ấy</a>"
        )
    );
    assert!(html.contains("<a href=\"#cuoi\" rel=\"noopener\">mục dưới</a>"));

    // The linked article's slug changes: the `@/` link follows it, the
    // plain one is caught, with the new address suggested.
    let b = site.read("content/articles/2023/b.md");
    site.write(
        "content/articles/2023/b.md",
        &b.replacen(
            "title: Bài được dẫn",
            "title: Bài được dẫn\nslug: bai-duoc-dan-moi",
            1,
        ),
    );
    let run = site.run(&["build"]);
    run.failed();
    assert!(
        run.stderr.contains("content/articles/2023/a.md:10:39: liên kết `/tin-tuc/bai-duoc-dan/` trỏ tới `/tin-tuc/bai-duoc-dan/`, nhưng trang web không có trang hay tệp nào ở đó (có phải ý bạn là `/tin-tuc/bai-duoc-dan-moi/`?)"),
        "{}",
        run.stderr
    );
    assert_eq!(run.stderr.matches("liên kết").count(), 1, "{}", run.stderr);

    // A missing source file and a missing heading, each at its place.
    site.write(
        "content/articles/2023/a.md",
        &site
            .read("content/articles/2023/a.md")
            .replace("@/2023/b.md#ket-qua", "@/2023/bb.md")
            .replace("(/tin-tuc/bai-duoc-dan/)", "(/tin-tuc/bai-duoc-dan-moi/)")
            .replace("(#cuoi)", "(#cuoi-cung)"),
    );
    let check = site.run(&["check"]);
    check.failed();
    assert!(
        check.stderr.contains("a.md:10:5: liên kết `@/2023/bb.md` không trỏ tới bài viết nào: không có tệp content/articles/2023/bb.md (có phải ý bạn là `@/2023/b.md`?)"),
        "{}",
        check.stderr
    );
    assert!(
        check.stderr.contains(
            "a.md:10:77: liên kết `#cuoi-cung` trỏ tới một mục không có trong bài; các mục: #cuoi"
        ),
        "{}",
        check.stderr
    );
}

#[test]
fn build_and_report_make_the_missing_folders_of_their_output() {
    let site = Site::new();
    site.write(
        "content/reports/bc.md",
        "---\ntype: BÁO CÁO\nsubject: sơ kết\nnumber: 15-BC/CB\ndate: 2023-11-02\nperiod: { from: 2023-01-01, to: 2023-10-31 }\nsigner: { name: Nguyễn Văn An }\nrecipients: [Lưu Chi bộ]\npublish: true\n---\n\nNội dung.\n",
    );
    // `public/` does not exist yet: it is made, as Hugo and Zola do.
    site.run(&["build", "-o", "public/chibo"]).ok();
    assert!(site.exists("public/chibo/index.html"));
    site.run(&["report", "-o", "ban-in/nam-2023/bao-cao"]).ok();
    assert!(site.exists("ban-in/nam-2023/bao-cao/bao-cao/bc/index.html"));
    // A file where a folder should be is named, not written through.
    site.write("tep", "không phải thư mục");
    let run = site.run(&["build", "-o", "tep/chibo"]);
    run.failed();
    assert!(run.stderr.contains("tep"), "{}", run.stderr);
    assert_eq!(site.read("tep"), "không phải thư mục");
}

#[test]
fn a_wrong_base_url_is_said_before_the_site_is_read() {
    let site = Site::new();
    // A site whose site.yaml does not even load still hears about its URL
    // first (before, it heard only of site.yaml, then of the URL next time).
    let config = site.read("site.yaml");
    site.write("site.yaml", &format!("{config}titel: Sai khóa\n"));
    let run = site.run(&["build", "--base-url", "ftp://example.gov.vn"]);
    assert_eq!(run.code, 2, "{}", run.stderr);
    assert_eq!(
        run.stderr,
        "--base-url phải bắt đầu bằng https:// hoặc http://, ví dụ https://example.gov.vn/chibo\n"
    );
    assert!(!site.exists("output"));
}
