//! Printing a report page to PDF with a locally installed Chromium or
//! Chrome (headless, A4, no header or footer, 90-second limit).

use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

/// A Chromium-family browser on PATH, if any.
pub fn find_browser() -> Option<PathBuf> {
    if let Ok(p) = std::env::var("CHIBO_CHROMIUM") {
        return Some(PathBuf::from(p));
    }
    let path = std::env::var_os("PATH")?;
    for name in [
        "chromium",
        "chromium-browser",
        "google-chrome",
        "google-chrome-stable",
        "microsoft-edge",
    ] {
        for dir in std::env::split_paths(&path) {
            let p = dir.join(name);
            if p.is_file() {
                return Some(p);
            }
        }
    }
    None
}

/// Prints `html` to `pdf` with headless Chromium; gives up after 90 s.
pub fn print_pdf(browser: &Path, html: &Path, pdf: &Path) -> Result<(), String> {
    let profile = std::env::temp_dir().join(format!("chibo-chromium-{}", std::process::id()));
    let html_abs = std::path::absolute(html).map_err(|e| e.to_string())?;
    let mut child = Command::new(browser)
        .args([
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--no-first-run",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            "--no-pdf-header-footer",
            "--allow-file-access-from-files",
        ])
        .arg(format!("--user-data-dir={}", profile.display()))
        .arg(format!("--print-to-pdf={}", pdf.display()))
        .arg(format!("file://{}", html_abs.display()))
        .stdin(Stdio::null())
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .spawn()
        .map_err(|e| format!("không chạy được {}: {e}", browser.display()))?;
    let started = Instant::now();
    let status = loop {
        match child.try_wait() {
            Ok(Some(s)) => break s,
            Ok(None) if started.elapsed() > Duration::from_secs(90) => {
                let _ = child.kill();
                let _ = std::fs::remove_dir_all(&profile);
                return Err("trình duyệt không trả lời sau 90 giây".into());
            }
            Ok(None) => std::thread::sleep(Duration::from_millis(50)),
            Err(e) => return Err(e.to_string()),
        }
    };
    let _ = std::fs::remove_dir_all(&profile);
    if status.success() && pdf.is_file() {
        Ok(())
    } else {
        let mut err = String::new();
        if let Some(mut e) = child.stderr.take() {
            use std::io::Read;
            let _ = e.read_to_string(&mut err);
        }
        Err(format!(
            "trình duyệt thoát với {status}: {}",
            err.lines().last().unwrap_or_default()
        ))
    }
}
