//! One file per command; each returns its [`Outcome`], which `main` alone
//! turns into the process exit code.

pub mod build;
pub mod check;
pub mod clean;
pub mod external;
pub mod figures;
pub mod init;
pub mod meeting;
pub mod members;
pub mod new;
mod new_meeting;
pub mod new_report;
pub mod rating;
pub mod report;
pub mod rollup;
pub mod serve;

use crate::diag::Diagnostics;

/// How a command ended.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Outcome {
    /// The command did what it was asked.
    Done,
    /// A problem in the site's files (or its output folder).
    ContentError,
    /// A wrong command line.
    UsageError,
}

impl Outcome {
    /// The exit code (README.md §Commands): 0 success, 1 content errors, 2 usage
    /// errors.
    pub fn exit_code(self) -> i32 {
        match self {
            Outcome::Done => 0,
            Outcome::ContentError => 1,
            Outcome::UsageError => 2,
        }
    }
}

/// Exit 0.
pub const OK: Outcome = Outcome::Done;
/// Exit 1: a problem in the content.
pub const CONTENT_ERROR: Outcome = Outcome::ContentError;
/// Exit 2: a wrong command line.
pub const USAGE_ERROR: Outcome = Outcome::UsageError;

/// The one message for a folder that is not a site, said by every command
/// that needs one; `None` when `root/site.yaml` is there.
pub fn not_a_site(root: &std::path::Path) -> Option<String> {
    if is_rollup_folder(root) {
        return Some(format!(
            "{} là thư mục tổng hợp của cấp ủy cấp trên ({}), không phải trang của một chi bộ: ở đây dùng `chibo rollup`, `chibo new report LOẠI` và `chibo report` (xem docs/rollup.md); các lệnh khác chạy trong thư mục của từng chi bộ.",
            root.display(),
            crate::model::rollup::ROLLUP_FILE
        ));
    }
    (!root.join("site.yaml").is_file()).then(|| {
        format!(
            "Không tìm thấy site.yaml trong {}; hãy chạy lệnh trong thư mục trang, hoặc dùng --root THƯ_MỤC, hoặc tạo trang mới bằng `chibo init THƯ_MỤC`.",
            root.display()
        )
    })
}

/// Whether `root` is a roll-up folder: `rollup.yaml` and no site.yaml.
pub fn is_rollup_folder(root: &std::path::Path) -> bool {
    root.join(crate::model::rollup::ROLLUP_FILE).is_file() && !root.join("site.yaml").is_file()
}

/// Writes a spreadsheet made by `book` to `file` (a path the user gave:
/// `figures --xlsx`, `rollup --xlsx`); `Err` once the problem is said.
pub(crate) fn write_xlsx(
    file: &std::path::Path,
    book: Result<Vec<u8>, String>,
) -> Result<(), Outcome> {
    let written = book.and_then(|bytes| std::fs::write(file, bytes).map_err(|e| e.to_string()));
    written.map_err(|e| {
        eprintln!("không ghi được {}: {e}", file.display());
        CONTENT_ERROR
    })
}

/// Prints `value` as pretty JSON on stdout; `Err` once the problem is said.
pub(crate) fn print_json(value: &impl serde::Serialize) -> Result<(), Outcome> {
    match serde_json::to_string_pretty(value) {
        Ok(s) => {
            println!("{s}");
            Ok(())
        }
        Err(e) => {
            eprintln!("không xuất được JSON: {e}");
            Err(CONTENT_ERROR)
        }
    }
}

/// What `build` prints: every error on its own line, and the warnings as
/// one line that sends the reader to `chibo check` for the details.
pub fn print_errors_and_count_warnings(diags: &Diagnostics) {
    print_diags(&diags.errors_only());
    let warnings = diags.warning_count();
    if warnings > 0 {
        eprintln!(
            "{} cảnh báo (không ngăn việc dựng trang) — xem chi tiết bằng `chibo check`.",
            crate::vn::decimal(warnings as f64, 0)
        );
    }
}

/// Prints the problems to stderr, sorted, each on its own line.
pub fn print_diags(diags: &Diagnostics) {
    let text = diags.render();
    if !text.is_empty() {
        eprint!("{text}");
    }
}

/// The period of `--from`/`--to`, by default the term so far (to the
/// month of the last entry); `Err` with the outcome once the message is
/// printed.
pub(crate) fn period_of(
    site: &crate::model::Site,
    from: Option<&str>,
    to: Option<&str>,
) -> Result<crate::model::Period, Outcome> {
    let parse = |flag: &str, v: Option<&str>, default| match v {
        None => Ok(default),
        Some(s) => crate::dates::parse_date(s.trim())
            .map_err(|why| format!("{flag} `{s}` không hợp lệ: {why}; hãy viết YYYY-MM-DD")),
    };
    let term = site.config.term.period;
    let today = crate::check::now_at(site.config.offset_minutes).date();
    let default_to = crate::figures::logged_so_far(term, today, &site.activities).to;
    match (
        parse("--from", from, term.from),
        parse("--to", to, default_to),
    ) {
        (Ok(f), Ok(t)) if f <= t => Ok(crate::model::Period { from: f, to: t }),
        (Ok(f), Ok(t)) => {
            eprintln!("--from ({f}) phải trước hoặc bằng --to ({t})");
            Err(USAGE_ERROR)
        }
        (Err(e), _) | (_, Err(e)) => {
            eprintln!("{e}");
            Err(USAGE_ERROR)
        }
    }
}

/// The site's logs, register and ratings (no articles or photos); `Err`
/// with the outcome once the problems are printed, ending with
/// "`refusal` khi còn lỗi: N lỗi." when the files have errors.
pub(crate) fn logs_of(
    root: &std::path::Path,
    refusal: &str,
) -> Result<crate::model::Site, Outcome> {
    let mut diags = crate::diag::Diagnostics::default();
    let Some(site) = crate::load::load_site_with(root, crate::load::Parts::LogsOnly, &mut diags)
    else {
        print_diags(&diags);
        return Err(CONTENT_ERROR);
    };
    if diags.has_errors() {
        print_diags(&diags);
        eprintln!("{refusal} khi còn lỗi: {} lỗi.", diags.error_count());
        return Err(CONTENT_ERROR);
    }
    Ok(site)
}
