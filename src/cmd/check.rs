//! `chibo check`: load and render everything without writing, and report
//! every problem at once. Exit 1 on any error; warnings do not fail.

use std::path::Path;

use crate::check::{now_at, warn_future};
use crate::cmd::{CONTENT_ERROR, OK, Outcome, print_diags};
use crate::diag::Diagnostics;
use crate::load;
use crate::output::NullSink;
use crate::render::site::{BuildOptions, render_site};

/// `chibo check`: every problem of the site, written nowhere.
pub fn run(root: &Path, external: bool, quiet: bool) -> Outcome {
    let mut diags = Diagnostics::default();
    let site = load::load_site(root, &mut diags);
    let (mut articles, mut entries, mut reports) = (0, 0, 0);
    let mut asked = None;
    if let Some(site) = &site {
        let now = now_at(site.config.offset_minutes);
        warn_future(site, now, &mut diags);
        let opts = BuildOptions::check(now, load::bodies(site));
        render_site(site, &opts, &NullSink, &mut diags);
        articles = site.articles.len();
        entries = site.activities.len();
        reports = site.reports.len();
        if external {
            asked = Some(crate::cmd::external::check(site, &mut diags));
        }
    }
    print_diags(&diags);
    if diags.has_errors() {
        eprintln!(
            "Có {} lỗi và {} cảnh báo.",
            crate::vn::decimal(diags.error_count() as f64, 0),
            crate::vn::decimal(diags.warning_count() as f64, 0)
        );
        return CONTENT_ERROR;
    }
    if !quiet {
        if let Some(n) = asked {
            println!(
                "Đã hỏi {} địa chỉ ngoài (các địa chỉ khác đã được kiểm tra trong ngày, xem {}).",
                crate::vn::decimal(n as f64, 0),
                crate::cmd::external::CACHE
            );
        }
        println!(
            "Không có lỗi: đã kiểm tra site.yaml, {} bài viết, {} mục nhật ký, {} báo cáo và content/documents.yaml ({} cảnh báo).",
            crate::vn::decimal(articles as f64, 0),
            crate::vn::decimal(entries as f64, 0),
            crate::vn::decimal(reports as f64, 0),
            crate::vn::decimal(diags.warning_count() as f64, 0)
        );
    }
    OK
}
