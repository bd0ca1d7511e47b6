//! `chibo new rating YYYY`: the year's rating file, pre-filled with the
//! members to rate on the year's last day and those not rated with the
//! reason; `chibo rating YYYY [--pdf]`: its papers (the list, the review
//! meeting's minutes, the report of results) into bao-cao/xep-loai/YYYY/,
//! internal, never published (docs/members.md, Rating).

use std::path::Path;

use crate::cmd::{CONTENT_ERROR, OK, Outcome, USAGE_ERROR, print_diags};
use crate::diag::Diagnostics;
use crate::load;
use crate::model::Site;
use crate::model::rating::{NEW_MEMBER_MONTHS, NotRated, not_rated};
use crate::vn::short_date;

/// The site, loaded for the rating; `Err` with the outcome once the
/// problems are printed.
/// `papers`: everything the papers' renderer reads (the site's own
/// templates too), not the logs alone.
fn site_of(root: &Path, papers: bool, diags: &mut Diagnostics) -> Result<Site, Outcome> {
    let parts = if papers {
        load::Parts::Everything { keep_bodies: false }
    } else {
        load::Parts::LogsOnly
    };
    let Some(site) = load::load_site_with(root, parts, diags) else {
        print_diags(diags);
        return Err(CONTENT_ERROR);
    };
    if site.members.is_empty() {
        print_diags(diags);
        eprintln!(
            "chưa có sổ đảng viên (content/dang-vien.yaml); thêm đảng viên bằng `chibo new member \"Họ và tên\"` trước"
        );
        return Err(CONTENT_ERROR);
    }
    Ok(site)
}

/// `chibo new rating YYYY`.
pub fn new_rating(root: &Path, year: i16, quiet: bool) -> Outcome {
    if !(1930..=2100).contains(&year) {
        eprintln!("năm `{year}` không hợp lệ; hãy viết bốn chữ số, ví dụ 2025");
        return USAGE_ERROR;
    }
    let mut diags = Diagnostics::default();
    let site = match site_of(root, false, &mut diags) {
        Ok(s) => s,
        Err(o) => return o,
    };
    let text = skeleton(&site, year);
    let rel = format!("{}/{year}.yaml", load::rating::DIR);
    match crate::disk::create(root, &rel, text.as_bytes()) {
        Ok(true) => {
            if !quiet {
                println!(
                    "Đã tạo {rel}; điền mức tự nhận, mức chi bộ đề nghị và biểu quyết của từng đồng chí."
                );
            }
            OK
        }
        Ok(false) => {
            eprintln!("{rel} đã có; sửa tệp đó, không tạo lại");
            CONTENT_ERROR
        }
        Err(e) => {
            eprintln!("không ghi được {rel}: {e}");
            CONTENT_ERROR
        }
    }
}

/// The file's text: every member counted on 31/12, each to rate or not
/// rated with the reason the register gives.
fn skeleton(site: &Site, year: i16) -> String {
    let end = jiff::civil::Date::new(year, 12, 31).unwrap_or_default();
    let mut t = format!(
        "# Kiểm điểm, đánh giá, xếp loại chất lượng đảng viên năm {year} (nội bộ, không đăng lên trang).\n# Mức: htxsnv (hoàn thành xuất sắc) | httnv (hoàn thành tốt) | htnv (hoàn thành) | khtnv (không hoàn thành).\n# meeting: {year}-12-15                 # ngày hội nghị kiểm điểm\nmembers:\n"
    );
    for m in &site.members {
        let why = match not_rated(m, end) {
            Some(NotRated::NotInCell) => continue,
            Some(NotRated::Exempt) => Some("miễn công tác và sinh hoạt đảng".to_string()),
            Some(NotRated::New(day)) => Some(format!(
                "kết nạp ngày {}, chưa đủ {NEW_MEMBER_MONTHS} tháng",
                short_date(day)
            )),
            None => None,
        };
        t.push_str(&format!(
            "  - member: {}                   # {}\n",
            m.id, m.name
        ));
        match why {
            Some(why) => t.push_str(&format!("    not_rated: {}\n", crate::yaml::scalar(&why))),
            None => t.push_str("    # self: httnv                  # tự nhận mức\n    # proposed: httnv              # chi bộ đề nghị\n    # vote: { for: 0, against: 0 } # biểu quyết của đảng viên chính thức\n    # decided: httnv               # cấp trên quyết định\n"),
        }
    }
    t
}

/// `chibo rating YYYY [--pdf]`.
pub fn run(root: &Path, year: i16, pdf: bool, quiet: bool) -> Outcome {
    let mut diags = Diagnostics::default();
    let site = match site_of(root, true, &mut diags) {
        Ok(s) => s,
        Err(o) => return o,
    };
    let Some(y) = site.ratings.iter().find(|y| y.year == year) else {
        print_diags(&diags);
        eprintln!(
            "chưa có {}/{year}.yaml; tạo bằng `chibo new rating {year}`",
            load::rating::DIR
        );
        return CONTENT_ERROR;
    };
    let docs = crate::render::rating_papers::papers(&site, y);
    let files = crate::render::meeting_papers::render_papers(&site, &docs, &mut diags);
    print_diags(&diags);
    if diags.has_errors() {
        eprintln!("Không ghi giấy tờ nào: {} lỗi.", diags.error_count());
        return CONTENT_ERROR;
    }
    let files: Vec<(String, Vec<u8>)> = files
        .into_iter()
        .map(|f| (format!("xep-loai/{year}/{}", f.name), f.bytes))
        .collect();
    super::meeting::write_papers(root, &site, &files, pdf, quiet)
}
