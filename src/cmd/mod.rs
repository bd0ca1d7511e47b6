//! One file per command; each returns the process exit code.

pub mod build;
pub mod check;
pub mod figures;
pub mod init;
pub mod new;
pub mod report;
pub mod serve;

use crate::diag::Diagnostics;

/// Exit codes of DESIGN.md: 0 success, 1 content errors, 2 usage errors.
pub const OK: i32 = 0;
pub const CONTENT_ERROR: i32 = 1;
pub const USAGE_ERROR: i32 = 2;

/// Prints the problems to stderr, sorted, each on its own line.
pub fn print_diags(diags: &Diagnostics) {
    let text = diags.render();
    if !text.is_empty() {
        eprint!("{text}");
    }
}
