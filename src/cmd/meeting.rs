//! `chibo meeting DATE [--before] [--pdf]`: the minutes and the
//! resolution of the meetings held on DATE (with `--before`, the agenda
//! and the draft resolution; with `--all`, of every meeting of a period
//! whose entry holds papers), written from their log entries into
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

/// Which meetings: one day's, or with `all` every meeting with papers
/// in `from`..`to` (by default the term so far).
pub struct Which<'a> {
    /// The day, `YYYY-MM-DD`.
    pub date: Option<&'a str>,
    /// Every meeting whose entry holds papers' keys in the period.
    pub all: bool,
    /// With `all`: the period's first day.
    pub from: Option<&'a str>,
    /// With `all`: the period's last day.
    pub to: Option<&'a str>,
}

/// `chibo meeting DATE [--before] [--pdf]`, `chibo meeting --all …`.
pub fn run(root: &Path, which: &Which<'_>, before: bool, pdf: bool, quiet: bool) -> Outcome {
    let day = match (which.all, which.date) {
        (true, _) => None,
        (false, Some(date)) => match crate::dates::parse_date(date.trim()) {
            Ok(d) => Some(d),
            Err(_) => {
                eprintln!("ngày `{date}` không hợp lệ; hãy viết YYYY-MM-DD, ví dụ 2023-11-10");
                return USAGE_ERROR;
            }
        },
        (false, None) => {
            eprintln!(
                "hãy cho ngày họp (YYYY-MM-DD), hoặc --all cho mọi buổi họp của một khoảng thời gian"
            );
            return USAGE_ERROR;
        }
    };
    let mut diags = Diagnostics::default();
    let Some(site) = load::load_site(root, &mut diags) else {
        print_diags(&diags);
        return CONTENT_ERROR;
    };
    let days = match day {
        Some(d) => vec![d],
        None => match days_with_papers(&site, which, quiet) {
            Ok(days) => days,
            Err(outcome) => return outcome,
        },
    };
    let mut files = Vec::new();
    for day in days {
        match rendered(&site, day, before, &mut diags) {
            Ok(f) => files.extend(f),
            Err(outcome) => return outcome,
        }
    }
    print_diags(&diags);
    if diags.has_errors() {
        eprintln!("Không ghi giấy tờ nào: {} lỗi.", diags.error_count());
        return CONTENT_ERROR;
    }
    write_papers(root, &site, &files, pdf, quiet)
}

/// Writes internal papers (`hop/DATE/bien-ban.html`, …) into bao-cao/
/// beside the site, and with `pdf` prints each page to a PDF beside it.
pub(crate) fn write_papers(
    root: &Path,
    site: &Site,
    files: &[(String, Vec<u8>)],
    pdf: bool,
    quiet: bool,
) -> Outcome {
    let internal = root.join(INTERNAL_DIR);
    if let Err(msg) = output::check_output_dir(root, &internal, false) {
        eprintln!("{msg}");
        return CONTENT_ERROR;
    }
    let mut pages = Vec::new();
    for (rel, bytes) in files {
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

/// The days of the period that have a meeting whose entry holds papers'
/// keys (a log written before them would give only blanks).
fn days_with_papers(site: &Site, which: &Which<'_>, quiet: bool) -> Result<Vec<Date>, Outcome> {
    let period = crate::cmd::period_of(site, which.from, which.to)?;
    let meetings: Vec<_> = site
        .activities
        .iter()
        .filter(|a| a.kind().is_meeting() && period.contains(a.date.date()))
        .collect();
    let mut days: Vec<Date> = meetings
        .iter()
        .filter(|a| a.meeting.is_some())
        .map(|a| a.date.date())
        .collect();
    days.sort();
    days.dedup();
    let without = meetings.iter().filter(|a| a.meeting.is_none()).count();
    if !quiet && without > 0 {
        println!(
            "Bỏ qua {without} buổi họp từ {} đến {} không ghi giấy tờ (end, agenda, tasks, …).",
            crate::vn::short_date(period.from),
            crate::vn::short_date(period.to)
        );
    }
    if days.is_empty() {
        eprintln!(
            "không có buổi họp nào ghi giấy tờ từ {} đến {}",
            crate::vn::short_date(period.from),
            crate::vn::short_date(period.to)
        );
        return Err(CONTENT_ERROR);
    }
    Ok(days)
}

/// The papers of the meetings of `day`, by their path under bao-cao/
/// (`hop/DATE/bien-ban.html`, …), in the order they are written, their
/// problems in `diags`; `Err` with the outcome when there is no meeting
/// that day (the problems so far printed).
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
