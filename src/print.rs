//! Printing a report page to PDF with a locally installed Chromium or
//! Chrome (headless, A4, no header or footer, 90-second limit), from a
//! loopback HTTP server over the output folder: the page is printed as it
//! was written, its links and photos resolved as on the website.

use std::io::Read;
use std::net::{SocketAddr, TcpListener};
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::thread::JoinHandle;
use std::time::{Duration, Instant};

use crate::serve::http::{content_type, site_path};
use crate::serve::server::{self, Request};

/// A loopback HTTP server for a folder, at the site's base path; it stops
/// when dropped. Only GET of files inside the folder is answered. It is
/// the preview's own server (`serve::server`), with its limits.
pub struct FolderServer {
    addr: SocketAddr,
    base_path: String,
    stop: Arc<AtomicBool>,
    thread: Option<JoinHandle<()>>,
}

impl FolderServer {
    /// Serves `root` at `base_path` on a free loopback port.
    pub fn start(root: &Path, base_path: &str) -> std::io::Result<FolderServer> {
        let listener = TcpListener::bind("127.0.0.1:0")?;
        let addr = listener.local_addr()?;
        let stop = Arc::new(AtomicBool::new(false));
        let (root, base, flag) = (root.to_path_buf(), base_path.to_string(), stop.clone());
        let handler = Arc::new(move |req: Request| answer(req, &root, &base));
        let thread = std::thread::spawn(move || {
            server::run_until(listener, server::Limits::default(), handler, &flag);
        });
        Ok(FolderServer {
            addr,
            base_path: base_path.to_string(),
            stop,
            thread: Some(thread),
        })
    }

    /// The address of `rel` (a path inside the folder) on this server.
    pub fn url(&self, rel: &str) -> String {
        format!("http://{}{}/{rel}", self.addr, self.base_path)
    }
}

impl Drop for FolderServer {
    fn drop(&mut self) {
        self.stop.store(true, Ordering::SeqCst);
        server::wake(self.addr);
        if let Some(t) = self.thread.take() {
            let _ = t.join();
        }
    }
}

/// Answers one request with a file of `root`, or 404.
fn answer(req: Request, root: &Path, base_path: &str) {
    let file = if req.method() == "GET" {
        req.url()
            .strip_prefix(base_path)
            .and_then(site_path)
            .map(|rel| {
                if rel.is_empty() || rel.ends_with('/') {
                    format!("{rel}index.html")
                } else {
                    rel
                }
            })
            .and_then(|rel| std::fs::read(root.join(&rel)).ok().map(|b| (rel, b)))
    } else {
        None
    };
    match file {
        Some((rel, bytes)) => server::respond(req, 200, content_type(&rel), bytes, &[]),
        None => server::respond(req, 404, "text/plain; charset=utf-8", b"404".to_vec(), &[]),
    }
}

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

/// Prints the page at `url` to `pdf` with headless Chromium; gives up
/// after 90 s.
pub fn print_pdf(browser: &Path, url: &str, pdf: &Path) -> Result<(), String> {
    // A profile folder of its own, under a name nobody can guess or plant.
    let tmp = std::env::temp_dir();
    let (name, _) = crate::disk::Dir::open(&tmp, "", false)
        .and_then(|d| d.temp_dir())
        .map_err(|e| e.to_string())?;
    let profile = tmp.join(name);
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
        ])
        .arg(format!("--user-data-dir={}", profile.display()))
        .arg(format!("--print-to-pdf={}", pdf.display()))
        .arg(url)
        .stdin(Stdio::null())
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .spawn()
        .map_err(|e| {
            format!(
                "không chạy được {}: {}",
                browser.display(),
                crate::diag::io_message(&e)
            )
        })?;
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
            let _ = e.read_to_string(&mut err);
        }
        Err(format!(
            "trình duyệt thoát với {status}: {}",
            err.lines().last().unwrap_or_default()
        ))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::io::Write;
    use std::net::TcpStream;

    fn get(url: &str) -> (String, Vec<u8>) {
        let rest = url.strip_prefix("http://").unwrap();
        let (host, path) = rest.split_at(rest.find('/').unwrap());
        let mut s = TcpStream::connect(host).unwrap();
        write!(s, "GET {path} HTTP/1.1\r\nHost: {host}\r\n\r\n").unwrap();
        let mut out = Vec::new();
        s.read_to_end(&mut out).unwrap();
        let split = out.windows(4).position(|w| w == b"\r\n\r\n").unwrap();
        let head = String::from_utf8_lossy(&out[..split]).into_owned();
        (head, out[split + 4..].to_vec())
    }

    #[test]
    fn the_folder_server_serves_files_under_the_base_path_and_nothing_outside() {
        let dir = tempfile::tempdir().unwrap();
        let out = dir.path().join("output");
        std::fs::create_dir_all(out.join("bao-cao/so-ket")).unwrap();
        std::fs::write(out.join("bao-cao/so-ket/index.html"), "<p>Báo cáo</p>").unwrap();
        std::fs::write(dir.path().join("site.yaml"), "bí mật").unwrap();
        let server = FolderServer::start(&out, "/chibo").unwrap();
        let (head, body) = get(&server.url("bao-cao/so-ket/"));
        assert!(head.starts_with("HTTP/1.1 200 OK"), "{head}");
        assert!(head.contains("text/html; charset=utf-8"), "{head}");
        assert_eq!(body, "<p>Báo cáo</p>".as_bytes());
        let root = server.url("");
        for bad in [
            "../site.yaml",
            "%2e%2e/site.yaml",
            "bao-cao/%2F..%2F..%2Fsite.yaml",
        ] {
            let (head, _) = get(&format!("{root}{bad}"));
            assert!(head.starts_with("HTTP/1.1 404"), "{bad}: {head}");
        }
        let outside_base = root.replace("/chibo/", "/bao-cao/so-ket/");
        assert!(get(&outside_base).0.starts_with("HTTP/1.1 404"));
    }
}
