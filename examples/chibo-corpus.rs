//! Writes a deterministic benchmark corpus: a chibo site of N articles and
//! M activity log entries (and, with `--hugo DIR`, the same articles as a
//! Hugo site with equivalent templates). Used by `bench/run.py`.
//!
//! cargo run --release --example chibo-corpus -- --articles 10000 --activities 20000 --out /tmp/c10k [--hugo /tmp/h10k] [--seed 7]

use std::fmt::Write as _;
use std::fs;
use std::path::{Path, PathBuf};

#[path = "shared/rng.rs"]
mod rng;
use rng::Rng;

const WORDS: &[&str] = &[
    "đảng viên",
    "chi bộ",
    "nghị quyết",
    "sinh hoạt",
    "chuyên đề",
    "kiểm tra",
    "giám sát",
    "quần chúng",
    "nhân dân",
    "cán bộ",
    "công chức",
    "viên chức",
    "tư pháp",
    "pháp luật",
    "phổ biến",
    "giáo dục",
    "tư tưởng",
    "đạo đức",
    "phong cách",
    "Hồ Chí Minh",
    "học tập",
    "làm theo",
    "dân vận",
    "khéo",
    "thủ tục",
    "hành chính",
    "cải cách",
    "chuyển đổi số",
    "trợ giúp",
    "pháp lý",
    "hộ tịch",
    "lý lịch",
    "thẩm định",
    "văn bản",
    "quy phạm",
    "thi hành",
    "trách nhiệm",
    "gương mẫu",
    "đoàn kết",
    "thống nhất",
    "dân chủ",
    "kỷ cương",
    "kỷ luật",
    "tập trung",
    "lãnh đạo",
    "chỉ đạo",
    "tổ chức",
    "thực hiện",
    "kết quả",
    "nhiệm vụ",
    "chính trị",
    "cơ sở",
    "vững mạnh",
    "trong sạch",
    "phát triển",
    "kết nạp",
    "chính thức",
    "dự bị",
    "bồi dưỡng",
    "nhận thức",
    "đánh giá",
    "xếp loại",
    "chất lượng",
    "hoàn thành",
    "xuất sắc",
    "tiêu biểu",
    "phong trào",
    "thi đua",
    "sáng kiến",
    "mô hình",
    "hiệu quả",
    "thiết thực",
    "tuyên truyền",
    "quán triệt",
    "triển khai",
    "kế hoạch",
    "chương trình",
    "hội nghị",
    "trực tuyến",
    "đồng chí",
    "Bí thư",
    "cấp ủy",
    "Đảng ủy Khối",
    "tỉnh",
    "Lạng Sơn",
    "cơ quan",
    "đơn vị",
    "phòng",
    "Sở",
    "năm",
    "quý",
    "tháng",
];

const ACTIONS: &[&str] = &[
    "tổ chức sinh hoạt chuyên đề về",
    "quán triệt",
    "triển khai kế hoạch",
    "sơ kết công tác",
    "tổng kết",
    "kiểm tra việc thực hiện",
    "giám sát chuyên đề",
    "phát động thi đua",
    "trao Quyết định",
    "tuyên truyền",
    "hội nghị học tập",
    "đánh giá kết quả",
];

const UNITS: &[&str] = &[
    "Chi bộ Sở Tư pháp",
    "Chi bộ Văn phòng Sở",
    "Chi bộ Phòng Hành chính tư pháp",
    "Chi bộ Trung tâm Trợ giúp pháp lý",
    "Chi bộ Phòng Công chứng số 1",
    "Chi bộ Thanh tra Sở",
    "Đảng bộ Khối các cơ quan tỉnh",
];

const CATEGORIES: &[(&str, &str)] = &[
    ("to-chuc-dang", "Hoạt động của các tổ chức Đảng cơ sở"),
    (
        "hoc-tap-lam-theo",
        "Học tập và làm theo tư tưởng, đạo đức, phong cách Hồ Chí Minh",
    ),
    ("dan-van", "Công tác dân vận"),
    ("kiem-tra-giam-sat", "Kiểm tra, giám sát"),
    ("tu-phap", "Công tác tư pháp"),
    ("tin-tuc", "Tin tức - Sự kiện"),
];

const KINDS: &[&str] = &[
    "cap_uy",
    "sinh_hoat_thuong_ky",
    "chuyen_de",
    "lop_nhan_thuc",
    "ket_nap",
    "chuyen_chinh_thuc",
    "giam_sat_thuong_xuyen",
    "giam_sat_chuyen_de",
    "kiem_tra",
    "ky_luat",
    "hoc_tap",
    "xep_loai",
    "dan_van",
    "khac",
];

const PHOTOS: usize = 20;
const FIRST_YEAR: i32 = 2019;
const YEARS: i32 = 5;

fn sentence(r: &mut Rng, words: usize) -> String {
    let mut s = String::new();
    for i in 0..words {
        if i > 0 {
            s.push(' ');
        }
        s.push_str(r.pick(WORDS));
    }
    let mut c = s.chars();
    let first = c
        .next()
        .map(|f| f.to_uppercase().collect::<String>())
        .unwrap_or_default();
    format!("{first}{}.", c.as_str())
}

fn paragraph(r: &mut Rng, words: usize) -> String {
    let mut p = String::new();
    let mut n = 0;
    while n < words {
        let w = (8 + r.below(10)).min(words - n).max(1);
        if !p.is_empty() {
            p.push(' ');
        }
        p.push_str(&sentence(r, w));
        n += w;
    }
    p
}

fn roman(n: usize) -> &'static str {
    ["I", "II", "III", "IV"][n % 4]
}

struct Article {
    title: String,
    slug: String,
    date: (i32, u32, u32, u32, u32),
    category: usize,
    tags: Vec<String>,
    author: String,
    body: String,
}

fn slugify(s: &str) -> String {
    // The corpus only needs ASCII slugs that chibo and Hugo agree on.
    let map = |c: char| -> char {
        let base = unicode_base(c);
        if base.is_ascii_alphanumeric() {
            base.to_ascii_lowercase()
        } else {
            '-'
        }
    };
    let raw: String = s.chars().map(map).collect();
    raw.split('-')
        .filter(|p| !p.is_empty())
        .collect::<Vec<_>>()
        .join("-")
}

fn unicode_base(c: char) -> char {
    const GROUPS: &[(&str, char)] = &[
        ("àáảãạăằắẳẵặâầấẩẫậ", 'a'),
        ("ÀÁẢÃẠĂẰẮẲẴẶÂẦẤẨẪẬ", 'a'),
        ("èéẻẽẹêềếểễệ", 'e'),
        ("ÈÉẺẼẸÊỀẾỂỄỆ", 'e'),
        ("ìíỉĩị", 'i'),
        ("ÌÍỈĨỊ", 'i'),
        ("òóỏõọôồốổỗộơờớởỡợ", 'o'),
        ("ÒÓỎÕỌÔỒỐỔỖỘƠỜỚỞỠỢ", 'o'),
        ("ùúủũụưừứửữự", 'u'),
        ("ÙÚỦŨỤƯỪỨỬỮỰ", 'u'),
        ("ỳýỷỹỵ", 'y'),
        ("ỲÝỶỸỴ", 'y'),
        ("đĐ", 'd'),
    ];
    for (set, b) in GROUPS {
        if set.contains(c) {
            return *b;
        }
    }
    c
}

fn make_articles(n: usize, r: &mut Rng) -> Vec<Article> {
    let tag_pool: Vec<String> = (0..200)
        .map(|i| {
            format!(
                "{} {}",
                WORDS[i % WORDS.len()],
                WORDS[(i * 7 + 3) % WORDS.len()]
            )
        })
        .collect();
    let authors = [
        "Lương Văn Chuyền",
        "Hoàng Thị Lan",
        "Nguyễn Thị Hà",
        "Vi Văn Dũng",
        "Nông Thị Hạnh",
        "Đặng Văn Minh",
    ];
    (0..n)
        .map(|i| {
            let year = FIRST_YEAR + (i as i32 * YEARS) / n.max(1) as i32;
            let month = 1 + r.below(12) as u32;
            let day = 1 + r.below(28) as u32;
            let (h, m) = (7 + r.below(11) as u32, r.below(60) as u32);
            let unit = r.pick(UNITS);
            let action = r.pick(ACTIONS);
            let topic = format!("{} {}", r.pick(WORDS), r.pick(WORDS));
            let title = format!("{unit} {action} {topic} quý {} năm {year} (số {})", roman(month as usize / 3), i + 1);
            let slug = slugify(&title);
            let ntags = 2 + r.below(3);
            let mut tags: Vec<String> = Vec::new();
            while tags.len() < ntags {
                let t = tag_pool[r.below(tag_pool.len())].clone();
                if !tags.contains(&t) {
                    tags.push(t);
                }
            }
            // 700–900 words, counted as the reader does (by spaces).
            let target = 700 + r.below(201);
            let mut body = String::new();
            let count = |t: &str| t.split_whitespace().count();
            let lead = paragraph(r, 35);
            let mut words = count(&lead);
            body.push_str(&lead);
            body.push_str("\n\n");
            let photo = r.below(PHOTOS);
            let mut section = 0;
            while words < target {
                let mut block = String::new();
                if words > 150 && section == 0 {
                    let _ = write!(block, "## {}\n\n", sentence(r, 4).trim_end_matches('.'));
                    section = 1;
                } else if words > 300 && section == 1 {
                    for _ in 0..(3 + r.below(3)) {
                        let _ = writeln!(block, "- {}", sentence(r, 5));
                    }
                    block.push('\n');
                    let _ = write!(
                        block,
                        "![{}](static/anh/anh-{photo:02}.jpg \"{}\")\n\n",
                        r.pick(WORDS),
                        sentence(r, 5).trim_end_matches('.')
                    );
                    section = 2;
                } else if words > 450 && section == 2 {
                    let _ = write!(
                        block,
                        "Chi tiết xem tại *Cổng thông tin điện tử* của **{}**: [trang tin](https://example.gov.vn/tin/{i}).\n\n",
                        r.pick(UNITS)
                    );
                    section = 3;
                } else {
                    let units = (target - words).div_ceil(2).clamp(5, 30 + r.below(30));
                    block.push_str(&paragraph(r, units));
                    block.push_str("\n\n");
                }
                words += count(&block);
                body.push_str(&block);
            }
            Article {
                title,
                slug,
                date: (year, month, day, h, m),
                category: r.below(CATEGORIES.len()),
                tags,
                author: authors[r.below(authors.len())].to_string(),
                body,
            }
        })
        .collect()
}

/// A 1200 × 800 JPEG (a photo wide enough to open an article), its
/// colours from `seed`.
fn photo(seed: u8) -> Vec<u8> {
    let img = image::RgbImage::from_fn(1200, 800, |x, y| {
        image::Rgb([
            seed.wrapping_mul(37).wrapping_add((x / 5) as u8),
            (y / 4) as u8,
            seed.wrapping_mul(91),
        ])
    });
    let mut out = std::io::Cursor::new(Vec::new());
    img.write_to(&mut out, image::ImageFormat::Jpeg).unwrap();
    out.into_inner()
}

fn write(path: &Path, text: impl AsRef<[u8]>) {
    if let Some(p) = path.parent() {
        fs::create_dir_all(p).expect("create folder");
    }
    fs::write(path, text).expect("write file");
}

fn yaml_quote(s: &str) -> String {
    format!("\"{}\"", s.replace('\\', "\\\\").replace('"', "\\\""))
}

fn write_chibo(out: &Path, articles: &[Article], activities: usize, r: &mut Rng) {
    let mut site = String::from(
        "title: Cổng tin các chi bộ khối cơ quan tỉnh\nbase_url: https://example.gov.vn/chibo\nunit:\n  name: Chi bộ Sở Tư pháp\n  superior: Đảng bộ Khối các cơ quan tỉnh\n  issuer_code: CB\n  place: Lạng Sơn\n",
    );
    let _ = write!(
        site,
        "term: {{ from: {FIRST_YEAR}-01-01, to: {}-12-31, label: \"{FIRST_YEAR} - {}\" }}\ncategories:\n",
        FIRST_YEAR + YEARS - 1,
        FIRST_YEAR + YEARS - 1
    );
    for (k, n) in CATEGORIES {
        let _ = writeln!(site, "  - {{ key: {k}, name: {} }}", yaml_quote(n));
    }
    site.push_str("per_page: 20\n");
    write(&out.join("site.yaml"), site);
    write(
        &out.join("content/documents.yaml"),
        "- id: kl-01-2021\n  type: Kết luận\n  number: 01-KL/TW\n  date: 2021-05-18\n  issuer: Bộ Chính trị\n",
    );
    for i in 0..PHOTOS {
        write(
            &out.join(format!("content/static/anh/anh-{i:02}.jpg")),
            photo(i as u8),
        );
    }
    for a in articles {
        let (y, mo, d, h, mi) = a.date;
        let tags: Vec<String> = a.tags.iter().map(|t| yaml_quote(t)).collect();
        let text = format!(
            "---\ntitle: {}\ndate: {y}-{mo:02}-{d:02} {h:02}:{mi:02}\ncategory: {}\ntags: [{}]\nauthor: {}\nunit: Chi bộ Sở Tư pháp\nslug: {}\n---\n\n{}",
            yaml_quote(&a.title),
            CATEGORIES[a.category].0,
            tags.join(", "),
            a.author,
            a.slug,
            a.body
        );
        write(
            &out.join(format!("content/articles/{y}/{}.md", a.slug)),
            text,
        );
    }
    // Activity logs: list files of up to 500 entries, every kind.
    let mut file = String::new();
    let mut count_in_file = 0;
    let mut file_no = 0;
    for i in 0..activities {
        let year = FIRST_YEAR + (i as i32 * YEARS) / activities.max(1) as i32;
        let (mo, d) = (1 + r.below(12), 1 + r.below(28));
        let kind = KINDS[i % KINDS.len()];
        let _ = write!(file, "- kind: {kind}\n  date: {year}-{mo:02}-{d:02}\n");
        match kind {
            "cap_uy" => file.push_str("  attendance: { total: 5, exempt: 0, present: 5 }\n"),
            "sinh_hoat_thuong_ky" => {
                let total = 20 + r.below(15) as u32;
                let present = total - 1 - r.below(3) as u32;
                let _ = write!(file, "  attendance: {{ total: {total}, exempt: 1, present: {present} }}\n  topics: [Đánh giá nhiệm vụ tháng]\n  rating: {{ level: tot, score: 91 }}\n");
            }
            "chuyen_de" => file.push_str("  topic: Học tập và làm theo Bác\n  attendance: { total: 25, exempt: 1, present: 23 }\n"),
            "lop_nhan_thuc" => {
                let _ = writeln!(file, "  participants: {}", 1 + r.below(5));
            }
            "ket_nap" | "chuyen_chinh_thuc" => file.push_str("  members: [Nguyễn Văn A, Trần Thị B]\n"),
            "giam_sat_thuong_xuyen" => file.push_str("  coverage_percent: 100\n"),
            "giam_sat_chuyen_de" | "kiem_tra" => {
                let _ = writeln!(file, "  subjects: {}", 1 + r.below(3));
            }
            "ky_luat" => file.push_str("  subjects: 0\n"),
            "hoc_tap" => file.push_str("  documents: [kl-01-2021]\n"),
            "xep_loai" => {
                let _ = writeln!(file, "  year: {year}\n  cell_level: hoan_thanh_tot");
            }
            "dan_van" => file.push_str("  topic: Dân vận khéo\n"),
            _ => {}
        }
        count_in_file += 1;
        if count_in_file == 500 || i + 1 == activities {
            write(
                &out.join(format!("content/activities/nhat-ky-{file_no:04}.yaml")),
                std::mem::take(&mut file),
            );
            count_in_file = 0;
            file_no += 1;
        }
    }
    write(
        &out.join("content/reports/tong-ket.md"),
        format!(
            "---\nsubject: tổng kết công tác xây dựng Đảng giai đoạn {FIRST_YEAR} - {}\nnumber: 20-BC/CB\ndate: {}-12-31\nperiod: {{ from: {FIRST_YEAR}-01-01, to: {}-12-31 }}\nsigner: {{ name: Nguyễn Văn An }}\nrecipients: [Đảng ủy Khối các cơ quan tỉnh (b/c), Lưu Chi bộ]\n---\n\nTrong giai đoạn, Chi bộ tổ chức {{{{ figures.counts.sinh_hoat_thuong_ky }}}} kỳ sinh hoạt thường kỳ, tỷ lệ dự bình quân {{{{ figures.attendance.average_percent | so }}}}%.\n\n{{{{ bang_so_lieu() }}}}\n\n{{{{ bieu_do() }}}}\n",
            FIRST_YEAR + YEARS - 1,
            FIRST_YEAR + YEARS - 1,
            FIRST_YEAR + YEARS - 1
        ),
    );
}

/// The same articles as a Hugo site, with templates that do what chibo's
/// built-in theme does: article page with category, timestamp, figure
/// captions, byline and 5 related links; category listings paginated by 20;
/// tag pages and index; RSS feed; sitemap; 404.
fn write_hugo(out: &Path, articles: &[Article]) {
    let mut cfg = String::from(
        "baseURL = \"https://example.gov.vn/chibo/\"\nlanguageCode = \"vi\"\ntitle = \"Cổng tin các chi bộ khối cơ quan tỉnh\"\npaginate = 20\ndisableKinds = [\"robotsTXT\"]\n[taxonomies]\n  category = \"categories\"\n  tag = \"tags\"\n[related]\n  includeNewer = true\n  threshold = 1\n  toLower = false\n[[related.indices]]\n  name = \"tags\"\n  weight = 100\n[[related.indices]]\n  name = \"categories\"\n  weight = 50\n[[related.indices]]\n  name = \"date\"\n  weight = 10\n[params]\n  unit = \"Chi bộ Sở Tư pháp\"\n",
    );
    for (k, n) in CATEGORIES {
        let _ = write!(cfg, "[[menu.main]]\n  name = \"{n}\"\n  url = \"/{k}/\"\n");
    }
    write(&out.join("config.toml"), cfg);
    for i in 0..PHOTOS {
        write(
            &out.join(format!("static/anh/anh-{i:02}.jpg")),
            photo(i as u8),
        );
    }
    let l = out.join("layouts");
    write(
        &l.join("_default/baseof.html"),
        "<!DOCTYPE html>\n<html lang=\"vi\"><head><meta charset=\"utf-8\"><title>{{ .Title }} - {{ .Site.Title }}</title><link rel=\"alternate\" type=\"application/rss+xml\" href=\"{{ \"index.xml\" | absURL }}\"></head>\n<body><header><a href=\"{{ \"/\" | relURL }}\">{{ .Site.Title }}</a><nav>{{ range .Site.Menus.main }}<a href=\"{{ .URL }}\">{{ .Name }}</a>{{ end }}<a href=\"/tags/\">Chủ đề</a></nav></header>\n<main>{{ block \"main\" . }}{{ end }}</main><footer>{{ .Site.Params.unit }}</footer></body></html>\n",
    );
    write(
        &l.join("_default/single.html"),
        "{{ define \"main\" }}<article>{{ with .Params.categories }}<p class=\"breadcrumb\">{{ range first 1 . }}<a href=\"{{ \"categories/\" | relURL }}{{ . | urlize }}/\">{{ . }}</a>{{ end }}</p>{{ end }}\n<h1>{{ .Title }}</h1><p class=\"timestamp\"><time datetime=\"{{ .Date.Format \"2006-01-02T15:04:05-07:00\" }}\">{{ .Date.Format \"02-01-2006 15:04\" }}</time></p>\n<div class=\"body\">{{ .Content }}</div><p class=\"byline\">{{ .Params.author }}, {{ .Params.unit }}</p>\n<p class=\"tags\">{{ range .Params.tags }}<a href=\"{{ \"tags/\" | relURL }}{{ . | urlize }}/\">{{ . }}</a> {{ end }}</p></article>\n{{ $related := .Site.RegularPages.Related . | first 5 }}{{ with $related }}<section class=\"related\"><h2>Tin liên quan</h2><ul>{{ range . }}<li><a href=\"{{ .RelPermalink }}\">{{ .Title }}</a> ({{ .Date.Format \"02-01-2006\" }})</li>{{ end }}</ul></section>{{ end }}{{ end }}\n",
    );
    write(
        &l.join("_default/list.html"),
        "{{ define \"main\" }}<h1>{{ .Title }}</h1><ul>{{ $p := .Paginate .Pages }}{{ range $p.Pages }}<li><p>{{ .Date.Format \"02-01-2006 15:04\" }}</p><h2><a href=\"{{ .RelPermalink }}\">{{ .Title }}</a></h2><p>{{ .Summary | plainify | truncate 320 }}</p></li>{{ end }}</ul>\n{{ template \"_internal/pagination.html\" . }}{{ end }}\n",
    );
    write(
        &l.join("_default/terms.html"),
        "{{ define \"main\" }}<h1>{{ .Title }}</h1><ul>{{ range .Data.Terms.Alphabetical }}<li><a href=\"{{ .Page.RelPermalink }}\">{{ .Page.Title }}</a> ({{ .Count }})</li>{{ end }}</ul>{{ end }}\n",
    );
    write(
        &l.join("index.html"),
        "{{ define \"main\" }}<h1>Tin mới</h1><ul>{{ $p := .Paginate .Site.RegularPages }}{{ range $p.Pages }}<li><p>{{ .Date.Format \"02-01-2006 15:04\" }}</p><h2><a href=\"{{ .RelPermalink }}\">{{ .Title }}</a></h2><p>{{ .Summary | plainify | truncate 320 }}</p></li>{{ end }}</ul>{{ template \"_internal/pagination.html\" . }}{{ end }}\n",
    );
    write(
        &l.join("404.html"),
        "{{ define \"main\" }}<h1>Không tìm thấy trang</h1>{{ end }}\n",
    );
    write(
        &l.join("_default/_markup/render-image.html"),
        "<figure class=\"photo\"><img src=\"{{ .Destination | safeURL }}\" alt=\"{{ .Text }}\" loading=\"lazy\">{{ with .Title }}<figcaption>{{ . }}</figcaption>{{ end }}</figure>\n",
    );
    for a in articles {
        let (y, mo, d, h, mi) = a.date;
        let tags: Vec<String> = a.tags.iter().map(|t| format!("\"{t}\"")).collect();
        let body = a.body.replace("](static/anh/", "](/anh/");
        let text = format!(
            "---\ntitle: {}\ndate: {y}-{mo:02}-{d:02}T{h:02}:{mi:02}:00+07:00\ncategories: [\"{}\"]\ntags: [{}]\nauthor: {}\nunit: Chi bộ Sở Tư pháp\nslug: {}\n---\n\n{}",
            yaml_quote(&a.title),
            CATEGORIES[a.category].1,
            tags.join(", "),
            a.author,
            a.slug,
            body
        );
        write(
            &out.join(format!(
                "content/{}/{}.md",
                CATEGORIES[a.category].0, a.slug
            )),
            text,
        );
    }
}

fn main() {
    let mut args = std::env::args().skip(1);
    let (mut n, mut m, mut out, mut hugo, mut seed) =
        (1000usize, 2000usize, None::<PathBuf>, None::<PathBuf>, 7u64);
    while let Some(a) = args.next() {
        let mut val = || args.next().unwrap_or_else(|| panic!("{a} needs a value"));
        match a.as_str() {
            "--articles" => n = val().parse().expect("--articles N"),
            "--activities" => m = val().parse().expect("--activities M"),
            "--out" => out = Some(PathBuf::from(val())),
            "--hugo" => hugo = Some(PathBuf::from(val())),
            "--seed" => seed = val().parse().expect("--seed S"),
            "-h" | "--help" => {
                println!(
                    "chibo-corpus --articles N --activities M --out DIR [--hugo DIR] [--seed S]"
                );
                return;
            }
            other => panic!("unknown argument {other}; see --help"),
        }
    }
    let out = out.expect("--out DIR is required");
    if out.exists() {
        fs::remove_dir_all(&out).expect("remove old corpus");
    }
    let mut r = Rng(seed.wrapping_mul(0x9e37_79b9_7f4a_7c15) | 1);
    let articles = make_articles(n, &mut r);
    write_chibo(&out, &articles, m, &mut r);
    if let Some(h) = hugo {
        if h.exists() {
            fs::remove_dir_all(&h).expect("remove old hugo corpus");
        }
        write_hugo(&h, &articles);
    }
    let words: usize = articles
        .iter()
        .map(|a| a.body.split_whitespace().count())
        .sum();
    println!(
        "{n} articles ({} words on average), {m} log entries → {}",
        words.checked_div(n).unwrap_or(0),
        out.display()
    );
}
