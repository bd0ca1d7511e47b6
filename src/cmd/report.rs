//! `chibo report [NAME…] [--pdf]`: render review reports into
//! output/bao-cao/NAME/index.html (A4 print layout) and NAME.docx beside it
//! (the Word file offices edit and sign; `--docx` is accepted and changes
//! nothing), and with `--pdf` print them to PDF with a locally installed
//! Chromium or Chrome.

use std::path::{Path, PathBuf};

use crate::check::{now_at, warn_future};
use crate::cmd::{CONTENT_ERROR, OK, Outcome, USAGE_ERROR, print_diags};
use crate::diag::Diagnostics;
use crate::load;
use crate::output::{self, MemSink};
use crate::render::{report, templates};

/// `chibo report [NAME…] [--pdf]`: the named reports (all by default).
pub fn run(root: &Path, names: &[String], pdf: bool, out_dir: &Path, quiet: bool) -> Outcome {
    let mut diags = Diagnostics::default();
    let (site, rollups) = if super::is_rollup_folder(root) {
        match super::rollup::committee_site(root, names, &mut diags) {
            Some(found) => found,
            None => return CONTENT_ERROR,
        }
    } else {
        let Some(site) = load::load_site(root, &mut diags) else {
            print_diags(&diags);
            return CONTENT_ERROR;
        };
        (site, None)
    };
    if rollups.is_some() {
        // The committee's reports: its numbers; the cells' coverage was
        // said while they were rolled up.
        crate::check::check_report_numbers(&site, &mut diags);
    } else {
        warn_future(&site, now_at(site.config.offset_minutes), &mut diags);
    }
    let names = match chosen(&site, names) {
        Ok(n) if n.is_empty() => {
            print_diags(&diags);
            println!(
                "Trang chưa có báo cáo nào. Hãy tạo tệp content/reports/<tên báo cáo>.md (phần đầu có type, subject, date, period, signer; xem README, mục `chibo report`) rồi chạy lại."
            );
            return OK;
        }
        Ok(n) => n,
        Err(outcome) => return outcome,
    };
    let Some(files) = rendered(&site, rollups, &names, &mut diags) else {
        return CONTENT_ERROR;
    };
    let places = Places {
        out: output::resolve(root, out_dir),
        internal: root.join(INTERNAL_DIR),
    };
    let is_internal = |name: &str| site.reports.iter().any(|r| r.name == name && !r.publish);
    if let Err(outcome) = write_files(root, &places, &files, &is_internal, quiet) {
        return outcome;
    }
    if !quiet {
        let inside: Vec<&str> = names
            .iter()
            .map(String::as_str)
            .filter(|n| is_internal(n))
            .collect();
        if !inside.is_empty() {
            println!(
                "Báo cáo nội bộ (không có `publish: true`), ghi vào {}/ chứ không vào trang web: {}",
                places.internal.display(),
                inside.join(", ")
            );
        }
    }
    if !pdf {
        return OK;
    }
    print_pdfs(&places, &names, &is_internal, &site.config.base_path, quiet)
}

/// The reports asked for (all when none is named), or the usage error of
/// a name that is not one.
fn chosen(site: &crate::model::Site, names: &[String]) -> Result<Vec<String>, Outcome> {
    let valid: Vec<&str> = site.reports.iter().map(|r| r.name.as_str()).collect();
    if let Some(n) = names.iter().find(|n| !valid.contains(&n.as_str())) {
        eprintln!(
            "không có báo cáo `{n}` trong content/reports/; các báo cáo hiện có: {}",
            if valid.is_empty() {
                "(chưa có)".to_string()
            } else {
                valid.join(", ")
            }
        );
        return Err(USAGE_ERROR);
    }
    Ok(if names.is_empty() {
        valid.iter().map(|s| s.to_string()).collect()
    } else {
        names.to_vec()
    })
}

/// The pages and Word files of the reports `names`, in memory; `None`
/// (with the problems printed) when any has an error.
fn rendered(
    site: &crate::model::Site,
    rollups: Option<super::rollup::Rollups>,
    names: &[String],
    diags: &mut Diagnostics,
) -> Option<std::collections::HashMap<String, Vec<u8>>> {
    let data = templates::EngineData {
        rollups,
        ..templates::EngineData::of(site)
    };
    let Some(tera) = templates::engine(&site.templates, &data, diags) else {
        print_diags(diags);
        return None;
    };
    let mem = MemSink::default();
    let with = report::ReportRender {
        tera: &tera,
        data: &data,
        base_path: &site.config.base_path,
        names: Some(names),
        internal: true,
        word: true,
        links: None,
    };
    report::render_reports(site, &with, &mem, diags);
    print_diags(diags);
    if diags.has_errors() {
        eprintln!("Không ghi báo cáo nào: {} lỗi.", diags.error_count());
        return None;
    }
    mem.files.into_inner().ok()
}

/// Where reports go: published ones into the website's folder, internal
/// ones (no `publish: true`) into bao-cao/ beside it, under the same rules.
struct Places {
    out: PathBuf,
    internal: PathBuf,
}

/// Writes every file into its place, after checking each folder may be
/// written; says what was written unless `quiet`.
fn write_files(
    root: &Path,
    places: &Places,
    files: &std::collections::HashMap<String, Vec<u8>>,
    is_internal: &dyn Fn(&str) -> bool,
    quiet: bool,
) -> Result<(), Outcome> {
    // (folder, path in it, bytes).
    let mut plan: Vec<(&Path, String, &[u8])> = Vec::new();
    for (rel, bytes) in files {
        let name = rel.split('/').nth(1).unwrap_or("");
        if is_internal(name) {
            let inner = rel
                .strip_prefix(INTERNAL_DIR)
                .and_then(|r| r.strip_prefix('/'))
                .unwrap_or(rel);
            plan.push((&places.internal, inner.to_string(), bytes));
        } else {
            plan.push((&places.out, rel.clone(), bytes));
        }
    }
    for dir in [&places.out, &places.internal] {
        if plan.iter().any(|(d, _, _)| *d == dir.as_path())
            && let Err(msg) = output::check_output_dir(root, dir, false)
        {
            eprintln!("{msg}");
            return Err(CONTENT_ERROR);
        }
    }
    let mut written: Vec<PathBuf> = Vec::new();
    for (dir, rel, bytes) in &plan {
        match write_atomic(dir, rel, bytes) {
            Ok(p) => written.push(p),
            Err(e) => {
                eprintln!(
                    "không ghi được {}: {}",
                    dir.join(rel).display(),
                    crate::diag::io_message(&e)
                );
                return Err(CONTENT_ERROR);
            }
        }
    }
    written.sort();
    if !quiet {
        for p in &written {
            println!("Đã ghi {}", p.display());
        }
    }
    Ok(())
}

/// Prints each report page just written to PDF beside it, served from
/// its folder as the website would serve it.
fn print_pdfs(
    places: &Places,
    names: &[String],
    is_internal: &dyn Fn(&str) -> bool,
    base_path: &str,
    quiet: bool,
) -> Outcome {
    let Some(browser) = crate::print::find_browser() else {
        eprintln!(
            "Không tìm thấy Chromium hoặc Chrome để in PDF. Hãy cài (Debian/Ubuntu: `apt install chromium`), hoặc mở trang báo cáo trong trình duyệt và chọn In → Lưu thành PDF (khổ A4, tắt đầu trang và chân trang)."
        );
        return CONTENT_ERROR;
    };
    for name in names {
        let (dir, rel, pdf_path) = if is_internal(name) {
            (
                &places.internal,
                format!("{name}/index.html"),
                places.internal.join(format!("{name}/{name}.pdf")),
            )
        } else {
            (
                &places.out,
                crate::render::site::routes::report_path(Some(name)),
                places.out.join(format!("{INTERNAL_DIR}/{name}/{name}.pdf")),
            )
        };
        let Some(server) = print_server(dir, base_path) else {
            return CONTENT_ERROR;
        };
        match crate::print::print_pdf(&browser, &server.url(&rel), &pdf_path) {
            Ok(()) => {
                if !quiet {
                    println!("Đã in {}", pdf_path.display());
                }
            }
            Err(e) => {
                eprintln!("in PDF cho báo cáo `{name}` không thành công: {e}");
                return CONTENT_ERROR;
            }
        }
    }
    OK
}

/// A loopback server over `dir` to print from; `None` (said) when it
/// cannot start.
pub(crate) fn print_server(dir: &Path, base_path: &str) -> Option<crate::print::FolderServer> {
    match crate::print::FolderServer::start(dir, base_path) {
        Ok(s) => Some(s),
        Err(e) => {
            eprintln!(
                "không mở được máy chủ cục bộ để in PDF: {}",
                crate::diag::io_message(&e)
            );
            None
        }
    }
}

/// The folder of internal reports, beside the output (relative to the site).
pub const INTERNAL_DIR: &str = crate::model::REPORTS_DIR;

/// Writes `out/rel` through a temporary file and a rename, so a reader
/// never sees half a report, and never through a link. Returns the final
/// path.
pub(crate) fn write_atomic(out: &Path, rel: &str, bytes: &[u8]) -> std::io::Result<PathBuf> {
    let rel_path = output::check_rel(rel)?;
    let other = |e: crate::disk::DiskError| std::io::Error::other(e.to_string());
    // The folder passed `check_output_dir`: new, empty or chibo's. Mark it
    // as chibo's, so that the next report or build may write there again
    // (an empty folder given with -o used to stay unmarked and be refused).
    if !out.join(output::MARKER).exists() {
        crate::disk::write(out, output::MARKER, b"chibo\n").map_err(other)?;
    }
    crate::disk::write(out, rel, bytes).map_err(other)?;
    Ok(out.join(rel_path))
}
