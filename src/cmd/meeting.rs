//! `chibo meeting DATE [--before] [--pdf]`: the minutes and the
//! resolution of the meetings held on DATE (with `--before`, the agenda
//! and the draft resolution), written from their log entries into
//! bao-cao/hop/DATE/ (internal, never into the website): an A4 page for
//! print and a Word file each, and with `--pdf` the page printed to PDF.

use std::path::{Path, PathBuf};

use jiff::civil::Date;

use crate::cmd::report::{INTERNAL_DIR, write_atomic};
use crate::cmd::{CONTENT_ERROR, OK, Outcome, USAGE_ERROR, print_diags};
use crate::diag::Diagnostics;
use crate::load;
use crate::model::Site;
use crate::output;
use crate::render::meeting_papers;

/// `chibo meeting DATE [--before] [--pdf]`.
pub fn run(root: &Path, date: &str, before: bool, pdf: bool, quiet: bool) -> Outcome {
    let Ok(day) = crate::dates::parse_date(date.trim()) else {
        eprintln!("ngày `{date}` không hợp lệ; hãy viết YYYY-MM-DD, ví dụ 2023-11-10");
        return USAGE_ERROR;
    };
    let mut diags = Diagnostics::default();
    let Some(site) = load::load_site(root, &mut diags) else {
        print_diags(&diags);
        return CONTENT_ERROR;
    };
    let files = match rendered(&site, day, before, &mut diags) {
        Ok(files) => files,
        Err(outcome) => return outcome,
    };
    let internal = root.join(INTERNAL_DIR);
    if let Err(msg) = output::check_output_dir(root, &internal, false) {
        eprintln!("{msg}");
        return CONTENT_ERROR;
    }
    let mut pages = Vec::new();
    for (rel, bytes) in &files {
        match write_atomic(&internal, rel, bytes) {
            Ok(p) if !quiet => println!("Đã ghi {}", p.display()),
            Ok(_) => {}
            Err(e) => {
                eprintln!(
                    "không ghi được {}: {}",
                    internal.join(rel).display(),
                    crate::diag::io_message(&e)
                );
                return CONTENT_ERROR;
            }
        }
        if rel.ends_with(".html") {
            pages.push(rel.clone());
        }
    }
    if pdf {
        return print(&internal, &pages, &site.config.base_path, quiet);
    }
    OK
}

/// The papers of the meetings of `day`, by their path under bao-cao/
/// (`hop/DATE/bien-ban.html`, …), in the order they are written; `Err`
/// with the outcome when there is no meeting or a paper has an error (the
/// problems printed).
fn rendered(
    site: &Site,
    day: Date,
    before: bool,
    diags: &mut Diagnostics,
) -> Result<Vec<(String, Vec<u8>)>, Outcome> {
    if meeting_papers::meetings_on(site, day).is_empty() {
        print_diags(diags);
        eprintln!(
            "nhật ký không có buổi họp nào (sinh_hoat_thuong_ky, chuyen_de, cap_uy) ngày {}",
            crate::vn::short_date(day)
        );
        return Err(CONTENT_ERROR);
    }
    let files = meeting_papers::render_day(site, day, before, diags);
    print_diags(diags);
    if diags.has_errors() {
        eprintln!("Không ghi giấy tờ nào: {} lỗi.", diags.error_count());
        return Err(CONTENT_ERROR);
    }
    Ok(files
        .into_iter()
        .map(|f| (format!("hop/{day}/{}", f.name), f.bytes))
        .collect())
}

/// Prints each page to a PDF beside it, served from bao-cao/.
fn print(internal: &Path, pages: &[String], base_path: &str, quiet: bool) -> Outcome {
    let Some(browser) = crate::print::find_browser() else {
        eprintln!(
            "Không tìm thấy Chromium hoặc Chrome để in PDF. Hãy cài (Debian/Ubuntu: `apt install chromium`), hoặc mở trang trong trình duyệt và chọn In → Lưu thành PDF (khổ A4, tắt đầu trang và chân trang)."
        );
        return CONTENT_ERROR;
    };
    let Some(server) = crate::cmd::report::print_server(internal, base_path) else {
        return CONTENT_ERROR;
    };
    for rel in pages {
        let pdf: PathBuf = internal.join(rel.replace(".html", ".pdf"));
        if let Err(e) = crate::print::print_pdf(&browser, &server.url(rel), &pdf) {
            eprintln!("in PDF cho {rel} không thành công: {e}");
            return CONTENT_ERROR;
        }
        if !quiet {
            println!("Đã in {}", pdf.display());
        }
    }
    OK
}
