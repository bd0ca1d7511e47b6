//! The preview's forms ("Nhập liệu", `/__chibo/nhap/`) and the JSON API
//! under `/__chibo/api/` they use. Only `serve` has them. Every API call
//! needs the run's secret token in `X-Chibo-Token` (the forms page carries
//! it in `<meta name="chibo-token">`; a page of another site cannot read
//! it); a write also needs an `Origin` that is the preview itself and a
//! JSON or image content type. Anything else is 403 and writes nothing.

use std::path::PathBuf;
use std::sync::Mutex;

use super::Live;
use super::api::{forbidden, send};
use super::server::Request;

/// Where the forms page is.
pub const FORMS_PATH: &str = "/__chibo/nhap/";
/// Where the API is.
pub const API_PATH: &str = "/__chibo/api/";

const PAGE_JS: &str = include_str!("assets/nhap.js");
const MEETING_JS: &str = include_str!("assets/nhap-hop.js");
const MEMBERS_JS: &str = include_str!("assets/nhap-dv.js");
const JS: &str = "text/javascript; charset=utf-8";
const PAGE_CSS: &str = include_str!("assets/nhap.css");

/// What the forms need of the preview: the site folder, the run's token,
/// and a lock so that two saves never interleave.
pub struct Editor {
    /// The site folder.
    pub root: PathBuf,
    /// The per-run secret, 32 hex digits from the OS random source.
    pub token: String,
    pub(super) lock: Mutex<()>,
}

impl Editor {
    /// An editor for the site at `root`, with a fresh token.
    pub fn new(root: PathBuf) -> Self {
        // Without the OS random source there is no secret: the API then
        // refuses everything (an empty token never matches).
        Editor {
            root,
            token: random_hex(16),
            lock: Mutex::new(()),
        }
    }

    fn token_ok(&self, given: Option<&str>) -> bool {
        given.is_some_and(|g| same_secret(g, &self.token))
    }
}

/// Whether `given` is the secret `want`, compared in constant time; an
/// empty secret (no OS random source) matches nothing.
pub fn same_secret(given: &str, want: &str) -> bool {
    !want.is_empty()
        && given.len() == want.len()
        && given
            .bytes()
            .zip(want.bytes())
            .fold(0u8, |acc, (a, b)| acc | (a ^ b))
            == 0
}

/// `n` random bytes from the OS random source as hex; empty without one.
pub fn random_hex(n: usize) -> String {
    let mut b = vec![0u8; n];
    if getrandom::fill(&mut b).is_ok() {
        b.iter().map(|x| format!("{x:02x}")).collect()
    } else {
        String::new()
    }
}

/// Answers a request under [`FORMS_PATH`] or [`API_PATH`].
pub fn handle(req: Request, live: &Live) {
    let url = req.url().to_string();
    let path = url.split('?').next().unwrap_or("").to_string();
    if let Some(rest) = path.strip_prefix(FORMS_PATH.trim_end_matches('/')) {
        return page_file(req, &live.editor, rest);
    }
    if let Some(why) = refusal(&req, &live.editor) {
        return forbidden(req, why);
    }
    super::api::answer_call(req, live, &url, path.trim_start_matches(API_PATH));
}

/// The forms page and its script and style.
fn page_file(req: Request, ed: &Editor, rest: &str) {
    if req.method() != "GET" && req.method() != "HEAD" {
        return send(req, 405, "text/plain; charset=utf-8", b"405".to_vec());
    }
    match rest {
        "" | "/" => send(req, 200, "text/html; charset=utf-8", page(ed).into_bytes()),
        "/nhap.js" => send(req, 200, JS, PAGE_JS.into()),
        "/nhap-hop.js" => send(req, 200, JS, MEETING_JS.into()),
        "/nhap-dv.js" => send(req, 200, JS, MEMBERS_JS.into()),
        "/nhap.css" => send(req, 200, "text/css; charset=utf-8", PAGE_CSS.into()),
        _ => send(req, 404, "text/plain; charset=utf-8", b"404".to_vec()),
    }
}

/// Why an API call is refused before it is read (403), if it is: no
/// token, a request from another site, a write whose Origin is not the
/// preview.
fn refusal(req: &Request, ed: &Editor) -> Option<&'static str> {
    if !ed.token_ok(req.header("X-Chibo-Token")) {
        return Some("thiếu mã X-Chibo-Token của phiên xem trước này");
    }
    if req
        .header("Sec-Fetch-Site")
        .is_some_and(|s| s == "cross-site" || s == "same-site")
    {
        return Some("yêu cầu đến từ trang khác");
    }
    if !matches!(req.method(), "GET" | "HEAD") {
        let host = req.header("Host").unwrap_or("");
        let origin_ok = req
            .header("Origin")
            .is_some_and(|o| o == format!("http://{host}"));
        if !origin_ok {
            return Some("Origin không phải trang xem trước này");
        }
    }
    None
}

/// The forms page: its script does the rest from the schema.
fn page(ed: &Editor) -> String {
    format!(
        r#"<!DOCTYPE html>
<html lang="vi">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="chibo-token" content="{}">
<title>Nhập liệu — chibo</title>
<link rel="stylesheet" href="{FORMS_PATH}nhap.css">
</head>
<body>
<header class="thanh"><a href="/">← Về trang xem trước</a><h1>Nhập liệu</h1></header>
<main id="nhap" aria-live="polite"><p>Đang tải…</p>
<noscript><p>Trang nhập liệu cần JavaScript. Có thể sửa trực tiếp các tệp trong <code>content/</code>.</p></noscript>
</main>
<script src="{FORMS_PATH}nhap-hop.js"></script>
<script src="{FORMS_PATH}nhap-dv.js"></script>
<script src="{FORMS_PATH}nhap.js"></script>
</body>
</html>
"#,
        ed.token
    )
}
