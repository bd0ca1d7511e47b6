//! Phone photos through the pipeline: a 12-megapixel JPEG stored sideways
//! with its GPS position comes out upright, small, in several sizes, and
//! with no metadata; pages describe every size they offer.

mod common;

use common::Site;
use common::exif::{has_exif_or_gps, phone_jpeg};

fn site_with_phone_photo() -> Site {
    let site = Site::new();
    site.write_bytes(
        "content/static/anh/2023/dien-thoai.jpg",
        &phone_jpeg(4032, 3024, 6),
    );
    site.article(
        "content/articles/2023/ket-nap.md",
        "Lễ kết nạp đảng viên mới",
        "2023-11-02 15:03",
        "to-chuc-dang",
        "[]",
        "Chi bộ tổ chức Lễ kết nạp.\n\n![Đảng viên mới tuyên thệ](static/anh/2023/dien-thoai.jpg \"Đảng viên mới tuyên thệ\")\n\nẢnh nhỏ trong đoạn: ![Chi bộ](static/anh/ket-nap.png) và thế là hết.\n",
    );
    site
}

/// The `attr="…"` values of every `tag` in `html`.
fn attrs<'a>(html: &'a str, tag: &str, attr: &str) -> Vec<&'a str> {
    let mut out = Vec::new();
    for part in html.split(&format!("<{tag} ")).skip(1) {
        let part = &part[..part.find('>').unwrap_or(part.len())];
        if let Some(i) = part.find(&format!(" {attr}=\"")).or_else(|| {
            part.starts_with(&format!("{attr}=\""))
                .then_some(0)
                .map(|_| usize::MAX)
        }) {
            let start = if i == usize::MAX {
                attr.len() + 2
            } else {
                i + attr.len() + 3
            };
            let rest = &part[start..];
            out.push(&rest[..rest.find('"').unwrap()]);
        }
    }
    out
}

#[test]
fn a_sideways_phone_photo_is_published_upright_small_and_without_its_location() {
    let site = site_with_phone_photo();
    site.run(&["build"]).ok();
    let files = common::tree(&site.path("output/static"));
    let photos: Vec<&(String, Vec<u8>)> = files
        .iter()
        .filter(|(p, _)| p.contains("dien-thoai"))
        .collect();
    // Four sizes in two formats and the 1200-px JPEG for link previews.
    assert_eq!(
        photos.len(),
        9,
        "{:?}",
        photos.iter().map(|p| &p.0).collect::<Vec<_>>()
    );
    assert!(
        !site.exists("output/static/anh/2023/dien-thoai.jpg"),
        "the original is never published"
    );
    for (name, bytes) in &files {
        assert!(!has_exif_or_gps(bytes), "{name} carries EXIF or GPS");
        assert!(bytes.len() <= 400 * 1024, "{name}: {} bytes", bytes.len());
    }
    // The largest is portrait, and turned the right way: the stored
    // top-left corner (red) is now top-right.
    let (_, largest) = photos
        .iter()
        .find(|(p, _)| p.ends_with("-1600.jpg"))
        .expect("a 1600-px JPEG");
    let img = image::load_from_memory(largest).unwrap().to_rgb8();
    assert_eq!((img.width(), img.height()), (1600, 2133));
    let top_right = img.get_pixel(1600 - 60, 60).0;
    let top_left = img.get_pixel(60, 60).0;
    assert!(top_right[0] > 180 && top_right[2] < 90, "{top_right:?}");
    assert!(top_left[0] < 120, "{top_left:?}");

    let html = site.read("output/to-chuc-dang/le-ket-nap-dang-vien-moi/index.html");
    // Every <img> has width and height matching the file it shows, and
    // every file a srcset names exists.
    let imgs = attrs(&html, "img", "src");
    assert!(imgs.len() >= 2, "{html}");
    for (src, (w, h)) in imgs.iter().zip(
        attrs(&html, "img", "width")
            .iter()
            .zip(attrs(&html, "img", "height")),
    ) {
        let file = site.path(&format!("output/{}", src.trim_start_matches("/chibo-stp/")));
        let img = image::open(&file).unwrap_or_else(|e| panic!("{src}: {e}"));
        assert_eq!(
            (img.width().to_string(), img.height().to_string()),
            (w.to_string(), h.to_string()),
            "{src}"
        );
    }
    for set in attrs(&html, "img", "srcset")
        .into_iter()
        .chain(attrs(&html, "source", "srcset"))
    {
        for candidate in set.split(", ") {
            let (url, w) = candidate.split_once(' ').unwrap();
            assert!(w.ends_with('w'), "{candidate}");
            assert!(
                site.exists(&format!("output/{}", url.trim_start_matches("/chibo-stp/"))),
                "{url}"
            );
        }
    }
    assert!(
        html.contains(
            "<source type=\"image/webp\" srcset=\"/chibo-stp/static/anh/2023/dien-thoai."
        )
    );
    // The first photo loads at once; the one after waits.
    let first = html
        .find("fetchpriority=\"high\"")
        .expect("an eager first photo");
    let lazy = html
        .find("loading=\"lazy\" decoding=\"async\"")
        .expect("a lazy second photo");
    assert!(first < lazy);
}

#[test]
fn a_second_build_reuses_the_cache_and_a_new_photo_costs_only_itself() {
    let site = site_with_phone_photo();
    site.run(&["build"]).ok();
    let cache = || common::tree(&site.path(".chibo-cache/anh"));
    let mtimes = || -> Vec<(String, std::time::SystemTime)> {
        walkdir::WalkDir::new(site.path(".chibo-cache/anh"))
            .sort_by_file_name()
            .into_iter()
            .map(|e| e.unwrap())
            .filter(|e| e.file_type().is_file())
            .map(|e| {
                (
                    e.path().display().to_string(),
                    e.metadata().unwrap().modified().unwrap(),
                )
            })
            .collect()
    };
    let before = mtimes();
    let first = cache();
    site.run(&["build"]).ok();
    assert_eq!(
        mtimes(),
        before,
        "a build with no new photo writes nothing to the cache"
    );
    // The same bytes under another name are the same work.
    site.write_bytes(
        "content/static/anh/2023/ban-sao.jpg",
        &phone_jpeg(4032, 3024, 6),
    );
    site.run(&["build"]).ok();
    let after = cache();
    let folders = |t: &[(String, Vec<u8>)]| {
        t.iter()
            .filter_map(|(p, _)| p.split_once('/').map(|(d, _)| d.to_string()))
            .collect::<std::collections::BTreeSet<_>>()
    };
    assert_eq!(folders(&after), folders(&first));
    // `chibo clean` empties the cache; the next build makes it again.
    site.run(&["clean"]).ok();
    assert!(!site.exists(".chibo-cache"));
    site.run(&["build"]).ok();
    assert!(site.exists(".chibo-cache/anh/nguon.tsv"));
}

#[test]
fn check_reports_unreadable_huge_small_and_uncaptioned_photos_and_located_files() {
    let site = Site::new();
    site.write("content/static/anh/hong.jpg", "không phải ảnh");
    let big = std::fs::File::create(site.path("content/static/anh/qua-lon.jpg")).unwrap();
    big.set_len(31 * 1024 * 1024).unwrap();
    site.write_bytes("content/static/tai-ve/anh-goc.jpg", &phone_jpeg(64, 48, 1));
    site.article(
        "content/articles/2023/a.md",
        "Tin có ảnh nhỏ",
        "2023-11-02 15:03",
        "tin-tuc",
        "[]",
        "Mở đầu.\n\n![](static/anh/nho.png)\n",
    );
    site.write_bytes("content/static/anh/nho.png", common::PNG);
    let run = site.run(&["check"]);
    run.failed();
    let out = &run.stderr;
    assert!(
        out.contains("content/static/anh/hong.jpg:1:1: không đọc được ảnh: định dạng không hỗ trợ"),
        "{out}"
    );
    assert!(
        out.contains("content/static/anh/qua-lon.jpg:1:1: ảnh nặng 31 MB, quá giới hạn 30 MB"),
        "{out}"
    );
    assert!(out.contains("content/articles/2023/a.md:"), "{out}");
    assert!(
        out.contains("ảnh `static/anh/nho.png` không có lời mô tả"),
        "{out}"
    );
    assert!(
        out.contains("ảnh đầu bài `static/anh/nho.png` chỉ rộng 1 px"),
        "{out}"
    );
    assert!(
        out.contains(
            "content/static/tai-ve/anh-goc.jpg:1:1: cảnh báo: tệp ảnh còn ghi vị trí chụp (GPS)"
        ),
        "{out}"
    );
}

#[test]
fn listings_show_a_thumbnail_and_shared_links_carry_the_first_photo() {
    let site = site_with_phone_photo();
    site.article(
        "content/articles/2023/khong-anh.md",
        "Tin không có ảnh",
        "2023-11-03 08:00",
        "to-chuc-dang",
        "[]",
        "Chỉ có chữ.",
    );
    let yaml = site.read("site.yaml");
    site.write(
        "site.yaml",
        &format!("{yaml}image: static/anh/2023/dien-thoai.jpg\n"),
    );
    site.run(&["build"]).ok();

    let home = site.read("output/index.html");
    // A thumbnail for the article with a photo, no empty box for the other.
    assert_eq!(home.matches("class=\"card-thumb\"").count(), 1, "{home}");
    assert!(home.contains("<li class=\"card\">"), "{home}");
    assert!(
        home.contains("-480.webp 480w\" sizes=\"(max-width: 600px) 112px, 200px\"><img src=\"/chibo-stp/static/anh/2023/dien-thoai."),
        "{home}"
    );
    // The home page shares the site's photo; every page names the icon.
    assert!(home.contains("<meta property=\"og:image\" content=\"https://example.gov.vn/chibo-stp/static/anh/2023/dien-thoai."), "{home}");
    assert!(home.contains("<link rel=\"icon\" href=\"/chibo-stp/assets/favicon.svg\">"));
    assert!(site.read("output/assets/favicon.svg").starts_with("<svg"));

    let page = site.read("output/to-chuc-dang/le-ket-nap-dang-vien-moi/index.html");
    for meta in [
        "<meta property=\"og:type\" content=\"article\">",
        "<meta property=\"og:locale\" content=\"vi_VN\">",
        "<meta property=\"og:description\" content=\"Chi bộ tổ chức Lễ kết nạp.\">",
        "<meta property=\"article:published_time\" content=\"2023-11-02T15:03:00+07:00\">",
        "-1200.jpg\">\n<meta property=\"og:image:width\" content=\"1200\">\n<meta property=\"og:image:height\" content=\"1600\">",
        "<meta name=\"twitter:card\" content=\"summary_large_image\">",
    ] {
        assert!(page.contains(meta), "{meta}\n{page}");
    }
    let share = page
        .split("<meta property=\"og:image\" content=\"https://example.gov.vn/chibo-stp/")
        .nth(1)
        .unwrap();
    let file = &share[..share.find('"').unwrap()];
    let img = image::open(site.path(&format!("output/{file}"))).unwrap();
    assert_eq!((img.width(), img.height()), (1200, 1600));
    assert_eq!(page.matches("name=\"description\"").count(), 1);
    let plain = site.read("output/to-chuc-dang/tin-khong-co-anh/index.html");
    assert!(!plain.contains("og:image"));
    assert!(plain.contains("<meta name=\"twitter:card\" content=\"summary\">"));
}

#[test]
fn a_missing_share_image_or_icon_is_located_at_its_key() {
    let site = Site::new();
    let yaml = site.read("site.yaml");
    site.write(
        "site.yaml",
        &format!("{yaml}image: static/anh/khong-co.jpg\n"),
    );
    let line = site.read("site.yaml").lines().count();
    let run = site.run(&["check"]);
    run.failed();
    assert!(
        run.stderr.contains(&format!(
            "site.yaml:{line}:8: khóa `image`: không tìm thấy `static/anh/khong-co.jpg`"
        )),
        "{}",
        run.stderr
    );
}
