//! `chibo clean`: empties `.chibo-cache/` (processed photos, answers of
//! external links). Nothing else is touched; the next build makes again
//! what it needs.

use std::path::Path;

use super::Outcome;

/// Removes the site's cache folder, saying how much it held.
pub fn run(root: &Path, quiet: bool) -> Outcome {
    let cache = root.join(".chibo-cache");
    // Never follow a link: a cache folder that is a link is only unlinked.
    let meta = match std::fs::symlink_metadata(&cache) {
        Ok(m) => m,
        Err(_) => {
            if !quiet {
                println!("Không có bộ nhớ đệm nào để xóa (.chibo-cache/).");
            }
            return Outcome::Done;
        }
    };
    let bytes: u64 = if meta.is_dir() {
        walkdir::WalkDir::new(&cache)
            .into_iter()
            .filter_map(Result::ok)
            .filter_map(|e| e.metadata().ok())
            .filter(|m| m.is_file())
            .map(|m| m.len())
            .sum()
    } else {
        0
    };
    let removed = if meta.is_dir() {
        std::fs::remove_dir_all(&cache)
    } else {
        std::fs::remove_file(&cache)
    };
    match removed {
        Ok(()) => {
            if !quiet {
                println!(
                    "Đã xóa bộ nhớ đệm .chibo-cache/ ({}); lần dựng sau sẽ xử lý lại ảnh.",
                    crate::vn::bytes_label(bytes)
                );
            }
            Outcome::Done
        }
        Err(e) => {
            eprintln!(
                ".chibo-cache: không xóa được bộ nhớ đệm: {}",
                crate::diag::io_message(&e)
            );
            Outcome::ContentError
        }
    }
}
