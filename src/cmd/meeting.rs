//! `chibo meeting DATE`: the minutes and the resolution of the meetings
//! held on DATE, written from their log entries into
//! bao-cao/hop/DATE/ (internal, never into the website): an A4 page for
//! print and a Word file each.

use std::path::Path;

use crate::cmd::report::{INTERNAL_DIR, write_atomic};
use crate::cmd::{CONTENT_ERROR, OK, Outcome, USAGE_ERROR, print_diags};
use crate::diag::Diagnostics;
use crate::load;
use crate::output::{self, MemSink};
use crate::render::meeting_papers::papers;
use crate::render::site::routes::{report_docx_path, report_path};
use crate::render::{report, templates};

/// `chibo meeting DATE`.
pub fn run(root: &Path, date: &str, quiet: bool) -> Outcome {
    let Ok(day) = crate::dates::parse_date(date.trim()) else {
        eprintln!("ngày `{date}` không hợp lệ; hãy viết YYYY-MM-DD, ví dụ 2023-11-10");
        return USAGE_ERROR;
    };
    let mut diags = Diagnostics::default();
    let Some(site) = load::load_site(root, &mut diags) else {
        print_diags(&diags);
        return CONTENT_ERROR;
    };
    let meetings: Vec<_> = site
        .activities
        .iter()
        .filter(|a| a.kind().is_meeting() && a.date.date() == day)
        .collect();
    if meetings.is_empty() {
        print_diags(&diags);
        eprintln!(
            "nhật ký không có buổi họp nào (sinh_hoat_thuong_ky, chuyen_de, cap_uy) ngày {}",
            crate::vn::short_date(day)
        );
        return CONTENT_ERROR;
    }
    let data = templates::EngineData::of(&site);
    let Some(tera) = templates::engine(&site.templates, &data, &mut diags) else {
        print_diags(&diags);
        return CONTENT_ERROR;
    };
    let with = report::ReportRender {
        tera: &tera,
        data: &data,
        base_path: &site.config.base_path,
        names: None,
        internal: true,
        word: true,
        links: None,
    };
    let mem = MemSink::default();
    let mut wanted: Vec<(String, String)> = Vec::new();
    for a in meetings {
        let p = papers(&site, a);
        for doc in std::iter::once(&p.minutes).chain(p.resolution.as_ref()) {
            report::render_paper(&site, &with, doc, &mem, &mut diags);
            wanted.push((report_path(Some(&doc.name)), format!("{}.html", doc.name)));
            wanted.push((report_docx_path(&doc.name), format!("{}.docx", doc.name)));
        }
    }
    print_diags(&diags);
    if diags.has_errors() {
        eprintln!("Không ghi giấy tờ nào: {} lỗi.", diags.error_count());
        return CONTENT_ERROR;
    }
    let files = mem.files.into_inner().unwrap_or_default();
    let internal = root.join(INTERNAL_DIR);
    if let Err(msg) = output::check_output_dir(root, &internal, false) {
        eprintln!("{msg}");
        return CONTENT_ERROR;
    }
    for (from, to) in wanted {
        let Some(bytes) = files.get(&from) else {
            continue;
        };
        let rel = format!("hop/{day}/{to}");
        match write_atomic(&internal, &rel, bytes) {
            Ok(p) if !quiet => println!("Đã ghi {}", p.display()),
            Ok(_) => {}
            Err(e) => {
                eprintln!(
                    "không ghi được {}: {}",
                    internal.join(&rel).display(),
                    crate::diag::io_message(&e)
                );
                return CONTENT_ERROR;
            }
        }
    }
    OK
}
