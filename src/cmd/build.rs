//! `chibo build`: render the site into a staging folder, then swap it in
//! place of output/. A failed build leaves the previous output untouched.

use std::path::Path;
use std::time::Instant;

use crate::check::{now_at, warn_future};
use crate::cli::BuildArgs;
use crate::cmd::{CONTENT_ERROR, OK, Outcome, USAGE_ERROR, print_errors_and_count_warnings};
use crate::diag::Diagnostics;
use crate::load;
use crate::output::{self, NullSink, UpdateSink};
use std::io::IsTerminal;
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};

use crate::output::Counting;
use crate::render::site::{BuildOptions, prepare, render_all, render_site};
use crate::vn;

/// `chibo build`: the whole site into the output folder, or nothing.
pub fn run(root: &Path, args: &BuildArgs, quiet: bool) -> Outcome {
    // A wrong command line is said first, before any file is read: a site
    // with errors must still hear that its URL is wrong.
    if let Some(url) = &args.base_url
        && !(url.starts_with("http://") || url.starts_with("https://"))
    {
        eprintln!(
            "--base-url phải bắt đầu bằng https:// hoặc http://, ví dụ https://example.gov.vn/chibo"
        );
        return USAGE_ERROR;
    }
    let started = Instant::now();
    let mut diags = Diagnostics::default();
    let out = output::resolve(root, &args.output);
    let gate = stop_on_signal(&out);
    let t0 = Instant::now();
    let site = load::load_site_with(
        root,
        load::Parts::Everything { keep_bodies: false },
        &mut diags,
    );
    let load_secs = t0.elapsed().as_secs_f64();
    let Some(site) = site else {
        print_errors_and_count_warnings(&diags);
        failed(&diags, root, &args.output);
        return CONTENT_ERROR;
    };
    let now = now_at(site.config.offset_minutes);
    warn_future(&site, now, &mut diags);
    let opts = BuildOptions::publish(now, args.drafts, args.base_url.clone(), load::bodies(&site));

    if diags.has_errors() {
        // Still render in memory, so that every problem is reported at once.
        render_site(&site, &opts, &NullSink, &mut diags);
        print_errors_and_count_warnings(&diags);
        failed(&diags, root, &args.output);
        return CONTENT_ERROR;
    }
    if let Err(msg) = output::check_output_dir(root, &out, args.force) {
        print_errors_and_count_warnings(&diags);
        eprintln!("{msg}");
        return CONTENT_ERROR;
    }
    // Made through the gate: a signal that comes while the folder is
    // being made waits for it, then removes it.
    let staging = match gate.pass(|| output::staging_dir(&out)) {
        Ok(s) => s,
        Err(_) if gate.stopping() => park_until_exit(),
        Err(e) => {
            eprintln!(
                "không tạo được thư mục tạm bên cạnh {}: {}",
                out.display(),
                crate::diag::io_message(&e)
            );
            return CONTENT_ERROR;
        }
    };
    let mut sink = UpdateSink::new(out.clone(), staging.clone());
    sink.gate = gate;
    let show_progress = !quiet && std::io::stderr().is_terminal();
    let (stats, files) = render_into(site, &opts, &sink, show_progress, &mut diags);
    if sink.gate.stopping() {
        park_until_exit();
    }
    let mut written = sink.report();
    print_errors_and_count_warnings(&diags);
    if diags.has_errors() {
        let _ = std::fs::remove_dir_all(&staging);
        failed(&diags, root, &args.output);
        return CONTENT_ERROR;
    }
    let t1 = Instant::now();
    match sink.commit() {
        Ok(removed) => written.removed = removed,
        Err(e) => {
            let _ = std::fs::remove_dir_all(&staging);
            eprintln!(
                "không cập nhật được thư mục {}: {}",
                out.display(),
                crate::diag::io_message(&e)
            );
            return CONTENT_ERROR;
        }
    }
    let swap_secs = t1.elapsed().as_secs_f64();
    let said = Said {
        stats: &stats,
        files,
        written: &written,
        load_secs,
        swap_secs,
        total_secs: started.elapsed().as_secs_f64(),
    };
    say_done(args, quiet, &said);
    OK
}

/// What a finished build says.
struct Said<'a> {
    stats: &'a crate::render::site::BuildStats,
    files: usize,
    written: &'a output::WriteReport,
    load_secs: f64,
    swap_secs: f64,
    total_secs: f64,
}

/// The line of a finished build, and its timings when asked.
fn say_done(args: &BuildArgs, quiet: bool, s: &Said<'_>) {
    let (stats, files, written) = (s.stats, s.files, s.written);
    let (load_secs, swap_secs) = (s.load_secs, s.swap_secs);
    if !quiet {
        let mut skipped = String::new();
        if stats.skipped_drafts + stats.skipped_future > 0 {
            skipped = format!(
                " (chưa đăng {} bài nháp, {} bài hẹn giờ)",
                stats.skipped_drafts, stats.skipped_future
            );
        }
        println!(
            "Đã dựng {} bài viết, {} trang ({} tệp) vào {} trong {} giây{skipped}.",
            vn::decimal(stats.articles as f64, 0),
            vn::decimal(stats.pages as f64, 0),
            vn::decimal(files as f64, 0),
            args.output.display(),
            vn::decimal(s.total_secs, 2)
        );
    }
    if args.timings {
        let mut steps = vec![("load", load_secs)];
        steps.extend(stats.timings.iter().map(|(n, s)| (n.as_str(), *s)));
        steps.push(("commit", swap_secs));
        steps.push(("total", s.total_secs));
        print!("{}", timings_table(&steps));
        println!(
            "Tệp: {} ghi mới hoặc thay đổi, {} giữ nguyên, {} xóa; ghi tệp mất {} giây (cộng thời gian của các luồng).",
            vn::decimal(written.changed as f64, 0),
            vn::decimal(written.unchanged as f64, 0),
            vn::decimal(written.removed as f64, 0),
            vn::decimal(written.write_secs, 3)
        );
    }
}

/// Ctrl-C, SIGTERM or SIGHUP during the build: no more writes, the
/// staging folder goes, output/ stays as it was (or is already the new
/// site, if the swap ran). Set before the staging folder exists, so no
/// signal can leave one behind, and before loading, so that a signal that
/// comes early still finds it. Gives the gate the build's writes pass.
fn stop_on_signal(out: &Path) -> std::sync::Arc<output::Gate> {
    let to_remove = output::staging_path(out);
    let gate = std::sync::Arc::new(output::Gate::default());
    let (stop, out_dir) = (gate.clone(), out.to_path_buf());
    let _ = ctrlc::set_handler(move || {
        // No new file from here on: the writes under way finish first,
        // and the gate stays closed until the process ends.
        let _closed = stop.close();
        for _ in 0..5 {
            if std::fs::remove_dir_all(&to_remove).is_ok() || !to_remove.exists() {
                break;
            }
            std::thread::sleep(std::time::Duration::from_millis(50));
        }
        // What builds killed earlier left goes too (their process is gone).
        output::remove_stale(&out_dir);
        eprintln!("\nĐã dừng dựng trang; thư mục ra không bị thay đổi dở dang.");
        std::process::exit(130);
    });
    gate
}

/// A signal stopped the build: its handler removes the staging folder and
/// ends the process; nothing more is said or written.
fn park_until_exit() -> ! {
    loop {
        std::thread::park();
    }
}

/// Prepares and renders the site into `sink`, with a progress line on a
/// terminal: what was built, and how many files.
fn render_into(
    site: crate::model::Site,
    opts: &BuildOptions,
    sink: &UpdateSink,
    show_progress: bool,
    diags: &mut Diagnostics,
) -> (crate::render::site::BuildStats, usize) {
    let site = std::sync::Arc::new(site);
    let Some(prepared) = prepare(site.clone(), opts, diags) else {
        return (Default::default(), 0);
    };
    let counting = Counting {
        inner: sink,
        done: AtomicUsize::new(0),
    };
    let total = prepared.routes.len()
        + if opts.copy_static {
            site.static_files.len()
        } else {
            0
        };
    let finished = AtomicBool::new(false);
    std::thread::scope(|s| {
        if show_progress {
            s.spawn(|| progress(&counting.done, total, &finished));
        }
        let stats = render_all(&prepared, &counting, diags);
        finished.store(true, Ordering::Relaxed);
        let files = counting.done.load(Ordering::Relaxed);
        // The progress counts up to the files the route table plans; what
        // was written must be exactly that.
        debug_assert!(diags.has_errors() || files == total, "{files} ≠ {total}");
        (stats, files)
    })
}

/// The Vietnamese name of a step of the build, by its id.
fn step_label(id: &str) -> &str {
    match id {
        "load" => "đọc tệp",
        "summaries" => "tóm tắt bài",
        "indexes" => "chỉ mục",
        "articles" => "trang bài viết",
        "listings" => "trang danh sách",
        "search" => "chỉ mục tìm kiếm",
        "reports" => "báo cáo",
        "feeds" => "feed, sơ đồ trang, tìm kiếm",
        "static" => "tệp tĩnh",
        "commit" => "thay thư mục ra",
        "total" => "tổng cộng",
        other => other,
    }
}

/// `--timings`: one line per step, seconds with a decimal comma.
fn timings_table(steps: &[(&str, f64)]) -> String {
    let mut out = String::from("Thời gian từng bước (giây):\n");
    for (id, secs) in steps {
        let label = step_label(id);
        let pad = 30usize.saturating_sub(label.chars().count());
        out.push_str(&format!(
            "  {label}{}{:>8}\n",
            " ".repeat(pad),
            format!("{secs:.3}").replace('.', ",")
        ));
    }
    out
}

/// "Đang ghi tệp: 4.500/12.573" on one terminal line, four times a second,
/// until the pages are written; erased at the end.
fn progress(done: &AtomicUsize, total: usize, finished: &AtomicBool) {
    use std::io::Write;
    let mut shown = false;
    while !finished.load(Ordering::Relaxed) {
        std::thread::sleep(std::time::Duration::from_millis(250));
        if finished.load(Ordering::Relaxed) {
            break;
        }
        let n = done.load(Ordering::Relaxed).min(total);
        eprint!(
            "\rĐang ghi tệp: {}/{}  ",
            vn::decimal(n as f64, 0),
            vn::decimal(total as f64, 0)
        );
        let _ = std::io::stderr().flush();
        shown = true;
    }
    if shown {
        eprint!("\r{}\r", " ".repeat(40));
    }
}

/// Says the build failed, and what became of the output folder: kept as
/// the previous build left it, or (when there was none) nothing written.
fn failed(diags: &Diagnostics, root: &Path, output: &Path) {
    let built_before = output::resolve(root, output).join(output::MARKER).is_file();
    let what = if built_before {
        format!(
            "Thư mục {} vẫn giữ nguyên như lần dựng trước",
            output.display()
        )
    } else {
        format!(
            "Chưa có lần dựng nào trước đó, nên không có gì được ghi vào {}",
            output.display()
        )
    };
    eprintln!(
        "Dựng trang thất bại: {} lỗi. {what}; hãy sửa các lỗi trên rồi chạy lại.",
        crate::vn::decimal(diags.error_count() as f64, 0),
    );
}

#[cfg(test)]
mod tests {
    #[test]
    fn timings_are_labelled_in_vietnamese_with_a_decimal_comma() {
        assert_eq!(
            super::timings_table(&[("load", 0.0021), ("total", 12.5)]),
            "Thời gian từng bước (giây):\n  đọc tệp                          0,002\n  tổng cộng                       12,500\n"
        );
    }
}
