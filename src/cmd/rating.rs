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
    match crate::edit::rating::create(root, &site, year) {
        Ok(rel) => {
            if !quiet {
                println!(
                    "Đã tạo {rel}; điền mức tự nhận, mức chi bộ đề nghị và biểu quyết của từng đồng chí."
                );
            }
            OK
        }
        Err(e) => {
            eprintln!("{e}");
            CONTENT_ERROR
        }
    }
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
