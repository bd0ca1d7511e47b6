//! The preview's HTTP side: which requests are allowed, how a URL maps to
//! a page in memory or a photo on disk, and the live-reload event stream.

use std::io::Write;
use std::path::{Component, Path, PathBuf};
use std::sync::mpsc;
use std::time::{Duration, Instant};

use super::server::respond;
use super::server::{Request, peer_gone};
use super::{Live, LiveEvent};

/// The path of the server-sent events stream.
pub const EVENTS_PATH: &str = "/__chibo/events";

/// Is `host` (the Host header) one of ours? A name other than `localhost`
/// is refused: that is what a DNS-rebinding page would send.
pub fn host_allowed(host: &str, port: u16) -> bool {
    let (name, p) = match host.rsplit_once(':') {
        Some((n, p)) if !n.ends_with(']') || n.starts_with('[') => (n, p.parse::<u16>().ok()),
        _ => (host, None),
    };
    if p.is_some_and(|p| p != port) {
        return false;
    }
    let name = name.trim_start_matches('[').trim_end_matches(']');
    name.eq_ignore_ascii_case("localhost") || name.parse::<std::net::IpAddr>().is_ok()
}

/// Decodes `%XX`; `None` for malformed escapes or invalid UTF-8.
fn percent_decode(s: &str) -> Option<String> {
    let b = s.as_bytes();
    let well_formed = b.iter().enumerate().all(|(i, &c)| {
        c != b'%'
            || (b.get(i + 1).is_some_and(u8::is_ascii_hexdigit)
                && b.get(i + 2).is_some_and(u8::is_ascii_hexdigit))
    });
    if !well_formed {
        return None;
    }
    percent_encoding::percent_decode_str(s)
        .decode_utf8()
        .ok()
        .map(|d| d.into_owned())
}

/// The site-relative path a URL asks for ("" for the home page), or `None`
/// when it tries to leave the site: `..`, encoded slashes or backslashes,
/// NUL, or an absolute path in disguise.
pub fn site_path(url: &str) -> Option<String> {
    let path = url.split(['?', '#']).next().unwrap_or("");
    if !path.starts_with('/') {
        return None;
    }
    // An encoded slash or backslash is never a folder separator here.
    let lower = path.to_ascii_lowercase();
    if lower.contains("%2f") || lower.contains("%5c") || lower.contains("%00") {
        return None;
    }
    let decoded = percent_decode(path)?;
    if decoded.contains('\\') || decoded.contains('\0') || decoded.contains("//") {
        return None;
    }
    let rel = decoded.trim_start_matches('/');
    let p = Path::new(rel);
    if p.components().any(|c| !matches!(c, Component::Normal(_))) {
        return None;
    }
    if rel.split('/').any(|seg| seg == "." || seg == "..") {
        return None;
    }
    Some(crate::vn::nfc(rel))
}

/// The Content-Type of a file, by its extension.
pub fn content_type(path: &str) -> &'static str {
    let ext = path.rsplit('.').next().unwrap_or("").to_ascii_lowercase();
    match ext.as_str() {
        "html" | "htm" => "text/html; charset=utf-8",
        "css" => "text/css; charset=utf-8",
        "js" => "text/javascript; charset=utf-8",
        "json" => "application/json",
        "xml" => "application/xml; charset=utf-8",
        "txt" | "md" => "text/plain; charset=utf-8",
        "png" => "image/png",
        "jpg" | "jpeg" => "image/jpeg",
        "gif" => "image/gif",
        "webp" => "image/webp",
        "svg" => "image/svg+xml",
        "ico" => "image/x-icon",
        "pdf" => "application/pdf",
        "woff2" => "font/woff2",
        "docx" => "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
        _ => "application/octet-stream",
    }
}

fn text(req: Request, status: u16, msg: &str) {
    respond(
        req,
        status,
        "text/plain; charset=utf-8",
        msg.as_bytes().to_vec(),
        &[],
    );
}

/// A photo or file of content/static, read from disk; symbolic links that
/// lead outside content/static are refused.
fn static_file(static_root: &Path, rel: &str) -> Option<Vec<u8>> {
    let root = static_root.canonicalize().ok()?;
    let p = root.join(rel).canonicalize().ok()?;
    if !p.starts_with(&root) || !p.is_file() {
        return None;
    }
    std::fs::read(p).ok()
}

/// What every page, file and photo the preview serves from the site is
/// sent with: scripts may run, but in an opaque origin of their own, never
/// as the preview, so no file of the site can read the forms' token or
/// call the API (the API refuses an Origin that is not the preview's).
pub const SANDBOX: &str = "sandbox allow-scripts allow-forms allow-popups allow-popups-to-escape-sandbox allow-modals allow-downloads";

/// The headers of a response from the site: the sandbox, and, for a
/// request made by one of the preview's own sandboxed pages, the
/// permission to read it, so that the search page can fetch its index and
/// every page its live reload. Such a request is known by the run's read
/// key in its query (`?k=…`), which only the pages the preview renders
/// carry (in their live-reload script): a page of another site, or a file
/// planted in content/static, cannot read it, so cannot read the preview.
fn site_headers(req: &Request, key: &str) -> Vec<(&'static str, &'static str)> {
    let mut h = vec![("Content-Security-Policy", SANDBOX)];
    let given = req
        .url()
        .split_once('?')
        .and_then(|(_, q)| q.split('&').find_map(|p| p.strip_prefix("k=")));
    if !key.is_empty() && given.is_some_and(|g| super::forms::same_secret(g, key)) {
        h.push(("Access-Control-Allow-Origin", "null"));
        h.push(("Vary", "Origin"));
    }
    h
}

/// Answers one preview request.
pub fn handle(req: Request, live: &Live) {
    let host = req.header("Host").map(str::to_string);
    match host {
        Some(h) if host_allowed(&h, live.port) => {}
        _ if req.url().starts_with(super::forms::API_PATH) => {
            return text(
                req,
                403,
                "403: chibo serve chỉ nhận dữ liệu gửi tới địa chỉ của chính nó.",
            );
        }
        _ => {
            return text(
                req,
                421,
                "421: chibo serve chỉ trả lời địa chỉ của chính nó (127.0.0.1 hoặc localhost).",
            );
        }
    }
    let route = req.url().split('?').next().unwrap_or("");
    if route.starts_with(super::forms::API_PATH)
        || route.starts_with(super::forms::FORMS_PATH.trim_end_matches('/'))
    {
        return super::forms::handle(req, live);
    }
    if !matches!(req.method(), "GET" | "HEAD") {
        return respond(
            req,
            405,
            "text/plain; charset=utf-8",
            b"405".to_vec(),
            &[("Allow", "GET, HEAD")],
        );
    }
    let url = req.url().to_string();
    let sandbox = site_headers(&req, &live.read_key);
    if url.split('?').next() == Some(EVENTS_PATH) {
        return events(req, live, sandbox.len() > 1);
    }
    let Some(rel) = site_path(&url) else {
        return not_found(req, live, &sandbox);
    };
    // A processed photo, from the cache the pipeline wrote it to.
    if let Some(path) = live
        .prepared()
        .and_then(|site| site.site.photos.files.get(&rel).cloned())
    {
        return match std::fs::read(&path) {
            Ok(bytes) => respond(req, 200, content_type(&rel), bytes, &sandbox),
            Err(_) => not_found(req, live, &sandbox),
        };
    }
    if let Some(rest) = rel.strip_prefix("static/") {
        return match static_file(&live.static_root, rest) {
            Some(bytes) => respond(req, 200, content_type(&rel), bytes, &sandbox),
            None => not_found(req, live, &sandbox),
        };
    }
    let key = if rel.is_empty() || rel.ends_with('/') {
        format!("{rel}index.html")
    } else {
        rel.clone()
    };
    let dir_key = format!("{rel}/index.html");
    if let Some(site) = live.prepared() {
        // Rendered now, from the site of the last good build.
        let mut d = crate::diag::Diagnostics::default();
        if site.routes.contains_key(&key) {
            return match site.render_path(&key, &mut d) {
                Some(bytes) => respond(req, 200, content_type(&key), bytes, &sandbox),
                None => respond(
                    req,
                    500,
                    "text/plain; charset=utf-8",
                    d.render().into_bytes(),
                    &sandbox,
                ),
            };
        }
        if site.routes.contains_key(&dir_key) {
            return respond(
                req,
                301,
                "text/plain; charset=utf-8",
                Vec::new(),
                &[("Location", &format!("/{rel}/")), sandbox[0]],
            );
        }
        return not_found(req, live, &sandbox);
    }
    let files = live.files();
    if let Some(bytes) = files.get(&key) {
        return respond(req, 200, content_type(&key), bytes.clone(), &sandbox);
    }
    drop(files);
    not_found(req, live, &sandbox)
}

fn not_found(req: Request, live: &Live, site: &[(&str, &str)]) {
    let body = match live.prepared() {
        Some(site) => site.render_path("404.html", &mut crate::diag::Diagnostics::default()),
        None => live.files().get("404.html").cloned(),
    }
    .unwrap_or_else(|| b"404".to_vec());
    respond(req, 404, "text/html; charset=utf-8", body, site);
}

/// One server-sent event; multi-line data becomes several `data:` lines.
pub fn sse(event: &str, data: &str) -> String {
    let mut s = format!("event: {event}\n");
    for line in data.lines() {
        s.push_str("data: ");
        s.push_str(line);
        s.push('\n');
    }
    if data.is_empty() {
        s.push_str("data: \n");
    }
    s.push('\n');
    s
}

/// The live-reload stream of one open page, written by hand and flushed
/// event by event. A closed page is noticed within half a second (its
/// connection is polled), so its thread and descriptor are freed at once;
/// at most [`super::MAX_STREAMS`] streams are open together.
fn events(req: Request, live: &Live, readable: bool) {
    let Some(_stream_slot) = live.open_stream() else {
        eprintln!(
            "chibo serve: đã có {} trang đang chờ tải lại (giới hạn); trang mới mở thêm sẽ không tự tải lại.",
            super::MAX_STREAMS
        );
        return text(
            req,
            503,
            "503: quá nhiều trang đang mở cùng lúc; hãy đóng bớt các thẻ xem trước.",
        );
    };
    let (tx, rx) = mpsc::channel();
    live.subscribe(tx);
    let mut w = req.into_stream();
    let head = format!(
        "HTTP/1.1 200 OK\r\nContent-Type: text/event-stream; charset=utf-8\r\nCache-Control: no-store\r\nX-Content-Type-Options: nosniff\r\n{}Connection: keep-alive\r\n\r\n",
        if readable {
            "Access-Control-Allow-Origin: null\r\nVary: Origin\r\n"
        } else {
            ""
        }
    );
    let mut first = format!(
        "retry: 300\n\n{}",
        sse("hello", &live.generation().to_string())
    );
    if let Some(errors) = live.errors() {
        first.push_str(&sse("errors", &errors));
    }
    if w.write_all(head.as_bytes())
        .and_then(|_| w.write_all(first.as_bytes()))
        .and_then(|_| w.flush())
        .is_err()
    {
        return;
    }
    let mut last_write = Instant::now();
    loop {
        let msg = match rx.recv_timeout(Duration::from_millis(500)) {
            Ok(LiveEvent::Reload(g)) => sse("reload", &g.to_string()),
            Ok(LiveEvent::Errors(e)) => sse("errors", &e),
            Ok(LiveEvent::Stop) | Err(mpsc::RecvTimeoutError::Disconnected) => break,
            Err(mpsc::RecvTimeoutError::Timeout) => {
                if peer_gone(&mut w) {
                    break;
                }
                if last_write.elapsed() < Duration::from_secs(15) {
                    continue;
                }
                ": keep-alive\n\n".to_string()
            }
        };
        if w.write_all(msg.as_bytes()).and_then(|_| w.flush()).is_err() {
            break;
        }
        last_write = Instant::now();
    }
}

/// The script served pages get (never `build` output): it reloads the page
/// after each good rebuild and shows the errors of a failed one on top.
pub fn reload_script(generation: u64, key: &str) -> String {
    format!(
        r#"<script>
(function () {{
  "use strict";
  var built = "{generation}";
  window.chiboXemTruoc = "{key}";
  var es = new EventSource("{EVENTS_PATH}?k={key}");
  function overlay(text) {{
    var d = document.getElementById("chibo-loi");
    if (!d) {{
      d = document.createElement("div");
      d.id = "chibo-loi";
      d.setAttribute("role", "alert");
      d.setAttribute("style", "position:fixed;inset:0;z-index:2147483647;overflow:auto;background:rgba(40,0,0,.92);color:#fff;padding:24px;font:15px/1.5 ui-monospace,monospace");
      document.body.appendChild(d);
    }}
    d.textContent = "";
    var h = document.createElement("h2");
    h.textContent = "chibo: chưa dựng lại được trang. Đang hiện bản tốt gần nhất; sửa các lỗi sau rồi lưu lại:";
    h.setAttribute("style", "font:bold 18px sans-serif;margin:0 0 12px");
    var p = document.createElement("pre");
    p.setAttribute("style", "white-space:pre-wrap;margin:0");
    p.textContent = text;
    d.appendChild(h);
    d.appendChild(p);
  }}
  if (location.pathname.indexOf("/__chibo/") !== 0) {{
    var a = document.createElement("a");
    a.href = "/__chibo/nhap/";
    a.textContent = "Nhập liệu";
    a.id = "chibo-nhap";
    a.setAttribute("style", "position:fixed;right:12px;bottom:12px;z-index:2147483646;background:#a50e0e;color:#fff;padding:8px 14px;border-radius:20px;font:bold 15px sans-serif;text-decoration:none;box-shadow:0 2px 6px rgba(0,0,0,.3)");
    var hide = document.createElement("style");
    hide.textContent = "@media print {{ #chibo-nhap {{ display: none !important }} }}";
    document.head.appendChild(hide);
    document.addEventListener("DOMContentLoaded", function () {{ document.body.appendChild(a); }});
    if (document.body) document.body.appendChild(a);
  }}
  es.addEventListener("hello", function (e) {{ if (e.data !== built) location.reload(); }});
  es.addEventListener("reload", function () {{ location.reload(); }});
  es.addEventListener("errors", function (e) {{ overlay(e.data); }});
}})();
</script>
"#
    )
}

/// Where content/static is, for photos served from disk.
pub fn static_root(site_root: &Path) -> PathBuf {
    site_root.join("content").join("static")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paths_that_leave_the_site_are_refused() {
        assert_eq!(site_path("/").as_deref(), Some(""));
        assert_eq!(site_path("/tin-tuc/a/?x=1").as_deref(), Some("tin-tuc/a/"));
        assert_eq!(
            site_path("/the/%C4%91%E1%BA%A3ng/").as_deref(),
            Some("the/đảng/")
        );
        for bad in [
            "/../secret",
            "/%2e%2e/secret",
            "/a/%2E%2E/%2e%2e/x",
            "/tin/..%2f..%2fsecret",
            "/..\\secret",
            "/%5c..%5csecret",
            "//etc/passwd",
            "/a/./b",
            "/%00",
            "relative",
        ] {
            assert_eq!(site_path(bad), None, "{bad}");
        }
    }

    #[test]
    fn only_our_own_host_is_answered() {
        assert!(host_allowed("127.0.0.1:1111", 1111));
        assert!(host_allowed("localhost:1111", 1111));
        assert!(host_allowed("[::1]:1111", 1111));
        assert!(host_allowed("192.168.1.10:1111", 1111));
        assert!(!host_allowed("evil.example:1111", 1111));
        assert!(!host_allowed("127.0.0.1:2222", 1111));
        assert!(!host_allowed("attacker.127.0.0.1.nip.io:1111", 1111));
    }

    #[test]
    fn events_split_multiline_data() {
        assert_eq!(sse("errors", "a\nb"), "event: errors\ndata: a\ndata: b\n\n");
    }
}
