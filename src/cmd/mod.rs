//! One file per command; each returns the process exit code.

pub mod build;
pub mod check;
pub mod figures;
pub mod init;
pub mod new;
pub mod report;
pub mod serve;

use jiff::civil::DateTime;

use crate::diag::Diagnostics;
use crate::model::Site;

/// Exit codes of DESIGN.md: 0 success, 1 content errors, 2 usage errors.
pub const OK: i32 = 0;
pub const CONTENT_ERROR: i32 = 1;
pub const USAGE_ERROR: i32 = 2;

/// Local time now at the given UTC offset.
pub fn now_at(offset_minutes: i32) -> DateTime {
    let offset = jiff::tz::Offset::from_seconds(offset_minutes * 60)
        .unwrap_or(jiff::tz::Offset::constant(7));
    offset.to_datetime(jiff::Timestamp::now())
}

/// Warnings that never fail a build: articles dated in the future, and
/// the log checks of [`crate::load::warn_activities`].
pub fn warn_future(site: &Site, now: DateTime, diags: &mut Diagnostics) {
    crate::load::warn_activities(
        &site.activities,
        &site.broken.entries,
        &site.config,
        now,
        diags,
    );
    for a in &site.articles {
        if !a.draft && a.date > now && a.activity.is_none() {
            diags.warning(
                &a.source,
                a.date_pos,
                format!(
                    "bài có ngày {} ở tương lai: khi dựng trang bài chưa được đăng (vẫn xem được bằng `chibo serve`)",
                    crate::vn::timestamp(a.date)
                ),
            );
        }
    }
}

/// Prints the problems to stderr, sorted, each on its own line.
pub fn print_diags(diags: &Diagnostics) {
    let text = diags.render();
    if !text.is_empty() {
        eprint!("{text}");
    }
}
