//! `chibo new article "Tiêu đề"`: a new draft with its front matter filled in.

use std::path::Path;

use crate::check::now_at;
use crate::cmd::{CONTENT_ERROR, OK, Outcome, USAGE_ERROR, print_diags};
use crate::diag::Diagnostics;
use crate::load;
use crate::model::Site;
use crate::vn;

pub(crate) use crate::yaml::scalar as yaml_str;

/// What `chibo new article` is asked for.
pub struct ArticleArgs<'a> {
    /// The title, as typed.
    pub title: &'a str,
    /// `--category`
    pub category: Option<&'a str>,
    /// `--figures`: `FROM:TO`, a year, or `nhiem-ky`.
    pub figures: Option<&'a str>,
    /// `--slug`: the address, when the title's is taken.
    pub slug: Option<&'a str>,
}

/// `chibo new article "Tiêu đề"`: a draft article in its category's folder.
/// With `figures`, the body is a term review drafted from the logs of that
/// period. A title whose address another article has is refused.
pub fn article(root: &Path, args: &ArticleArgs, quiet: bool) -> Outcome {
    // A title is one line: line breaks and runs of spaces become one space.
    let title = vn::nfc(&args.title.split_whitespace().collect::<Vec<_>>().join(" "));
    let mut diags = Diagnostics::default();
    let site = load::load_site_with(
        root,
        load::Parts::Everything { keep_bodies: false },
        &mut diags,
    );
    let Some(site) = site else {
        print_diags(&diags);
        if let Some(msg) = crate::cmd::not_a_site(root) {
            eprintln!("{msg}");
        }
        return CONTENT_ERROR;
    };
    let config = &site.config;
    let category = match args.category {
        Some(c) if config.category(c).is_none() => {
            eprintln!("{}", config.unknown_category(c));
            return USAGE_ERROR;
        }
        Some(c) => c.to_string(),
        None => config.categories[0].key.clone(),
    };
    let slug = match free_slug(&site, &title, args.slug) {
        Ok(s) => s,
        Err(outcome) => return outcome,
    };
    let now = now_at(config.offset_minutes);
    let rel = format!("content/articles/{}/{slug}.md", now.year());
    let path = root.join(&rel);
    if path.exists() {
        eprintln!("{rel} đã có; chibo không ghi đè. Hãy đặt tiêu đề khác hoặc sửa tệp đó.");
        return CONTENT_ERROR;
    }
    // The byline of the last article written by hand, as a start.
    let last = site
        .articles
        .iter()
        .filter(|a| a.activity.is_none() && a.author.is_some())
        .max_by_key(|a| a.date);
    let author = last.and_then(|a| a.author.clone()).unwrap_or_default();
    let unit = last
        .and_then(|a| a.unit.clone())
        .unwrap_or_else(|| config.unit.name.clone());
    let drafted = match args.figures {
        None => None,
        Some(spec) => match draft(&site, &diags, spec, now.date()) {
            Ok(d) => Some(d),
            Err(outcome) => return outcome,
        },
    };
    let body = format!(
        "---\ntitle: {}\n{}date: {} {:02}:{:02}\ncategory: {category}\ntags: []\nauthor: {}\nunit: {}\n# summary: Đoạn mở đầu (sapo); bỏ trống thì dùng đoạn đầu tiên của bài\n{}draft: true\n---\n\n{}",
        yaml_str(&title),
        args.slug.map_or(String::new(), |_| format!("slug: {slug}\n")),
        now.date(),
        now.hour(),
        now.minute(),
        if author.is_empty() { String::new() } else { yaml_str(&author) },
        yaml_str(&unit),
        drafted.as_ref().map_or(String::new(), |(p, _, _)| format!(
            "figures: {{ from: {}, to: {} }}   # số liệu trong bài tính từ nhật ký của khoảng này\n",
            p.from, p.to
        )),
        drafted.as_ref().map_or(
            "Viết đoạn mở đầu ở đây.\n\n![Mô tả ảnh](static/ten-anh.jpg \"Chú thích ảnh\")\n".to_string(),
            |(_, text, _)| text.clone()
        ),
    );
    // Leave the photo line as a hint only when the user has not got photos yet.
    let body = body.replace(
        "\n![Mô tả ảnh](static/ten-anh.jpg \"Chú thích ảnh\")\n",
        "\n<!-- Ảnh: ![Mô tả ảnh](static/ten-anh.jpg \"Chú thích ảnh\") -->\n",
    );
    if let Err(outcome) = write_new(root, &rel, &body) {
        return outcome;
    }
    if let Some((_, _, Some(msg))) = &drafted {
        let line = body
            .lines()
            .position(|l| l.starts_with("figures:"))
            .map_or(1, |n| n as u32 + 1);
        let mut warn = Diagnostics::default();
        warn.warning(&rel, crate::diag::Pos::new(line, 1), msg.clone());
        print_diags(&warn);
    }
    if !quiet {
        println!("Đã tạo {rel} (bản nháp: đổi `draft: true` thành `draft: false` khi muốn đăng).");
    } else {
        println!("{rel}");
    }
    OK
}

/// The address of the new article: `--slug`, or the title's; refused
/// (with the message printed) when empty, malformed or another article's.
fn free_slug(site: &Site, title: &str, asked: Option<&str>) -> Result<String, Outcome> {
    let slug = match asked {
        Some(s) => {
            let s = s.trim().to_string();
            if let Err(msg) = vn::check_slug(&s) {
                eprintln!("--slug `{s}`: {msg}");
                return Err(USAGE_ERROR);
            }
            s
        }
        None => vn::slugify(title),
    };
    if slug.is_empty() {
        eprintln!("tiêu đề phải có ít nhất một chữ hoặc số");
        return Err(USAGE_ERROR);
    }
    if let Some(other) = site.articles.iter().find(|a| a.slug == slug) {
        eprintln!(
            "đường dẫn `{slug}` đã có bài dùng: {}; chibo không tạo bài trùng đường dẫn. Hãy đặt tiêu đề khác, hoặc chọn đường dẫn khác bằng --slug, ví dụ --slug {slug}-{}",
            other.source,
            now_at(site.config.offset_minutes).year()
        );
        return Err(CONTENT_ERROR);
    }
    Ok(slug)
}

/// Writes `body` to the new file `rel` (its folders made), never over one
/// that exists, even if it appeared meanwhile, and never through a link.
fn write_new(root: &Path, rel: &str, body: &str) -> Result<(), Outcome> {
    match crate::disk::create(root, rel, body.as_bytes()) {
        Ok(true) => Ok(()),
        Ok(false) => {
            eprintln!("{rel} đã có; chibo không ghi đè. Hãy đặt tên khác.");
            Err(CONTENT_ERROR)
        }
        Err(e) => {
            eprintln!("{e}");
            Err(CONTENT_ERROR)
        }
    }
}

/// The period of `--figures` and the review drafted from its logs, or
/// the outcome to end with (the message is printed).
fn draft(
    site: &Site,
    diags: &Diagnostics,
    spec: &str,
    today: jiff::civil::Date,
) -> Result<(crate::model::Period, String, Option<String>), Outcome> {
    if diags.has_errors() {
        print_diags(diags);
        eprintln!("Không viết được bản nháp khi trang còn lỗi; hãy sửa các lỗi trên trước.");
        return Err(CONTENT_ERROR);
    }
    let term = site.config.term.period;
    let logged = crate::figures::logged_so_far(term, today, &site.activities);
    let period = match period_of(spec.trim(), logged) {
        Ok(p) => p,
        Err(msg) => {
            eprintln!("{msg}");
            return Err(USAGE_ERROR);
        }
    };
    let basis = site.config.basis();
    let f = crate::figures::of_site(site, period);
    let years = crate::figures::yearly(&site.activities, period, basis);
    let input = crate::render::draft::Input {
        figures: &f,
        years: &years,
        ho_chi_minh: super::new_report::ho_chi_minh_ids(site),
    };
    let photos: Vec<crate::render::draft::article::Photo> =
        crate::figures::in_period(&site.activities, period)
            .iter()
            .flat_map(|a| &a.photos)
            .filter({
                // One photo once, though two entries show it.
                let mut seen = std::collections::HashSet::new();
                move |p| seen.insert(p.src.clone())
            })
            .map(|p| crate::render::draft::article::Photo {
                src: p.src.clone(),
                caption: p.caption.clone(),
            })
            .collect();
    let warning = crate::check::coverage_message(&site.activities, basis, period, today);
    Ok((
        period,
        crate::render::draft::article::body(&input, &photos),
        warning,
    ))
}

/// `2022-01-01:2023-10-31`, `2022` (that calendar year) or `nhiem-ky`
/// (`term_so_far`: the term up to today, or up to the logs' last month).
fn period_of(
    spec: &str,
    term_so_far: crate::model::Period,
) -> Result<crate::model::Period, String> {
    use crate::dates::parse_date;
    use crate::model::Period;
    let bad = |why: String| {
        format!(
            "--figures `{spec}` không hợp lệ: {why}; hãy viết TỪ:ĐẾN (ví dụ 2022-01-01:2023-10-31), một năm (2022) hoặc nhiem-ky"
        )
    };
    let period = if spec == "nhiem-ky" {
        term_so_far
    } else if let Some((a, b)) = spec.split_once(':') {
        Period {
            from: parse_date(a.trim()).map_err(|w| bad(w.to_string()))?,
            to: parse_date(b.trim()).map_err(|w| bad(w.to_string()))?,
        }
    } else if let Ok(year) = spec.parse::<i16>()
        && (1930..=2200).contains(&year)
    {
        Period {
            from: jiff::civil::date(year, 1, 1),
            to: jiff::civil::date(year, 12, 31),
        }
    } else {
        return Err(bad("không phải khoảng ngày, năm hay nhiem-ky".into()));
    };
    if period.from > period.to {
        return Err(bad(format!(
            "ngày đầu {} sau ngày cuối {}",
            period.from, period.to
        )));
    }
    Ok(period)
}

/// `chibo new activity KIND`: a log entry with the fields of KIND, each
/// with a comment, in content/activities/YEAR/DATE-KIND.yaml.
pub fn activity(root: &Path, kind_id: &str, quiet: bool) -> Outcome {
    use crate::model::Kind;
    let Some(kind) = Kind::from_id(kind_id.trim()) else {
        let ids = Kind::IDS;
        eprintln!(
            "loại hoạt động `{kind_id}` không có; các loại hợp lệ: {}",
            ids.join(", ")
        );
        return USAGE_ERROR;
    };
    let mut diags = Diagnostics::default();
    let offset = load::read_text(root, "site.yaml", &mut diags)
        .and_then(|t| load::parse_config(&t, "site.yaml", &mut Diagnostics::default()))
        .map_or(420, |c| c.offset_minutes);
    if diags.has_errors() {
        print_diags(&diags);
        eprintln!(
            "Không tìm thấy site.yaml trong {}; hãy chạy lệnh trong thư mục trang hoặc dùng --root.",
            root.display()
        );
        return CONTENT_ERROR;
    }
    let now = now_at(offset);
    let mut text = format!(
        "# {} — sửa các giá trị rồi lưu tệp; `chibo check` sẽ báo nếu có chỗ sai.\nkind: {}\ndate: {} {:02}:{:02}                # ngày giờ, dạng YYYY-MM-DD HH:MM\ntitle: {}        # (không bắt buộc)\n# place: Phòng họp cơ quan        # nơi tổ chức\n# chair: Họ và tên                # người chủ trì\n",
        kind.label(),
        kind.id(),
        now.date(),
        now.hour(),
        now.minute(),
        kind.label()
    );
    for field in kind.fields() {
        let s = field.skeleton;
        if field.required {
            text.push_str(s);
        } else {
            for line in s.lines() {
                if line.starts_with('#') {
                    text.push_str(line);
                } else {
                    text.push_str("# ");
                    text.push_str(line);
                }
                text.push('\n');
            }
        }
    }
    if kind.is_meeting() {
        let mut quiet = Diagnostics::default();
        let site = load::load_site(root, &mut quiet);
        text.push_str(&super::new_meeting::skeleton(site.as_ref(), kind, now));
    }
    text.push_str(
        "# documents: [kl-01-2021]         # mã văn bản trong content/documents.yaml\n# note: Ghi chú\n# photos:\n#   - { src: static/anh/ten-anh.png, caption: Chú thích ảnh }\n# news:                            # thêm khối này để đăng hoạt động thành tin trên trang\n#   title: Tiêu đề tin\n#   category: to-chuc-dang\n#   tags: [xây dựng Đảng]\n#   author: Họ và tên\n#   body: |\n#     Nội dung tin (Markdown); đoạn mở đầu được viết tự động từ số liệu của mục này.\n",
    );
    let dir = format!("content/activities/{}", now.year());
    let stem = format!("{dir}/{}-{}", now.date(), kind.id().replace('_', "-"));
    let mut rel = format!("{stem}.yaml");
    let mut n = 2;
    loop {
        match crate::disk::create(root, &rel, text.as_bytes()) {
            Ok(true) => break,
            Ok(false) if n < 1000 => {
                rel = format!("{stem}-{n}.yaml");
                n += 1;
            }
            Ok(false) => {
                eprintln!("{dir}/ đã có quá nhiều tệp tên {stem}");
                return CONTENT_ERROR;
            }
            Err(e) => {
                eprintln!("{e}");
                return CONTENT_ERROR;
            }
        }
    }
    if quiet {
        println!("{rel}");
    } else {
        println!(
            "Đã tạo {rel}: hãy điền số liệu của {}.",
            kind.label().to_lowercase()
        );
    }
    OK
}
