//! A small HTTP/1.1 server for the preview, on the standard library alone,
//! so that every limit is ours: connections at once, the size of a request
//! head (431 past it), how long a client may take to send it, and what
//! happens when the process runs out of file descriptors (it waits and goes
//! on listening). One thread per connection; every response closes its
//! connection, except the live-reload streams, which are capped apart.

use std::io::{self, Read, Write};
use std::net::{Shutdown, TcpListener, TcpStream};
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, AtomicU64, AtomicUsize, Ordering};
use std::time::{Duration, Instant, SystemTime, UNIX_EPOCH};

/// The limits of one server.
#[derive(Debug, Clone, Copy)]
pub struct Limits {
    /// Connections served at once (event streams included); more are
    /// answered 503 and closed at once.
    pub max_connections: usize,
    /// Largest request head (request line and headers), in bytes.
    pub max_head_bytes: usize,
    /// Time a client has to send its request head.
    pub head_timeout: Duration,
}

impl Default for Limits {
    fn default() -> Self {
        Limits {
            max_connections: 256,
            max_head_bytes: 16 * 1024,
            head_timeout: Duration::from_secs(10),
        }
    }
}

/// One request: its head, and the connection to answer on.
pub struct Request {
    method: String,
    url: String,
    headers: Vec<(String, String)>,
    /// Bytes of the body read together with the head.
    early: Vec<u8>,
    stream: TcpStream,
}

/// Why a request body could not be read.
#[derive(Debug, PartialEq, Eq)]
pub enum BodyError {
    /// No `Content-Length` (or a chunked body): 411.
    NoLength,
    /// Longer than allowed: 413.
    TooLarge,
    /// The client stopped sending, or took too long.
    Incomplete,
}

/// How long a client has to send a body, per megabyte (and at least 10 s).
const BODY_SECS_PER_MB: u64 = 2;

impl Request {
    /// The request's method: "GET".
    pub fn method(&self) -> &str {
        &self.method
    }

    /// The request's target: "/tin-tuc/?q=1".
    pub fn url(&self) -> &str {
        &self.url
    }

    /// The first header of that name (case-insensitive).
    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers
            .iter()
            .find(|(k, _)| k.eq_ignore_ascii_case(name))
            .map(|(_, v)| v.as_str())
    }

    /// Reads the whole body, which must say its length (`Content-Length`)
    /// and be at most `max` bytes; a chunked body is refused. The time
    /// allowed grows with the length, so a slow client cannot hold a
    /// thread without end.
    pub fn read_body(&mut self, max: usize) -> Result<Vec<u8>, BodyError> {
        if self.header("Transfer-Encoding").is_some() {
            return Err(BodyError::NoLength);
        }
        let len = match self.header("Content-Length") {
            None if self.early.is_empty() => return Ok(Vec::new()),
            None => return Err(BodyError::NoLength),
            Some(v) => v.trim().parse::<usize>().map_err(|_| BodyError::NoLength)?,
        };
        if len > max {
            return Err(BodyError::TooLarge);
        }
        let mut body = std::mem::take(&mut self.early);
        if body.len() > len {
            body.truncate(len);
        }
        body.reserve(len - body.len());
        let secs = 10 + BODY_SECS_PER_MB * (len as u64 >> 20);
        let deadline = Instant::now() + Duration::from_secs(secs);
        let mut chunk = vec![0u8; 64 * 1024];
        while body.len() < len {
            let left = deadline.saturating_duration_since(Instant::now());
            if left.is_zero() {
                return Err(BodyError::Incomplete);
            }
            let _ = self.stream.set_read_timeout(Some(left));
            let want = (len - body.len()).min(chunk.len());
            match self.stream.read(&mut chunk[..want]) {
                Ok(0) => return Err(BodyError::Incomplete),
                Ok(n) => body.extend_from_slice(&chunk[..n]),
                Err(e) if e.kind() == io::ErrorKind::Interrupted => continue,
                Err(_) => return Err(BodyError::Incomplete),
            }
        }
        let _ = self.stream.set_read_timeout(None);
        Ok(body)
    }

    /// Sends a whole response and closes the connection. A HEAD request
    /// gets the headers only.
    pub fn respond(mut self, status: u16, headers: &[(&str, &str)], body: &[u8]) {
        let mut head = format!(
            "HTTP/1.1 {status} {}\r\nContent-Length: {}\r\nConnection: close\r\n",
            reason(status),
            body.len()
        );
        for (k, v) in headers {
            // Header values are ours; refuse line breaks all the same.
            if !k.contains(['\r', '\n']) && !v.contains(['\r', '\n']) {
                head.push_str(&format!("{k}: {v}\r\n"));
            }
        }
        head.push_str("\r\n");
        let head_only = self.method == "HEAD";
        let _ = self
            .stream
            .write_all(head.as_bytes())
            .and_then(|_| {
                if head_only {
                    Ok(())
                } else {
                    self.stream.write_all(body)
                }
            })
            .and_then(|_| self.stream.flush());
        let _ = self.stream.shutdown(Shutdown::Write);
    }

    /// The connection itself, for a response that stays open (event
    /// streams). Writes time out after `write_timeout`.
    pub fn into_stream(self) -> TcpStream {
        let _ = self.stream.set_write_timeout(Some(Duration::from_secs(5)));
        self.stream
    }
}

fn reason(status: u16) -> &'static str {
    match status {
        200 => "OK",
        301 => "Moved Permanently",
        400 => "Bad Request",
        403 => "Forbidden",
        201 => "Created",
        204 => "No Content",
        404 => "Not Found",
        405 => "Method Not Allowed",
        408 => "Request Timeout",
        409 => "Conflict",
        411 => "Length Required",
        413 => "Content Too Large",
        415 => "Unsupported Media Type",
        428 => "Precondition Required",
        421 => "Misdirected Request",
        431 => "Request Header Fields Too Large",
        500 => "Internal Server Error",
        503 => "Service Unavailable",
        _ => "",
    }
}

/// Why a request head could not be read.
#[derive(Debug, PartialEq, Eq)]
enum HeadError {
    TooLarge,
    Malformed,
    TimedOut,
    Closed,
}

/// Reads the request head (up to the blank line), at most `max` bytes.
/// What follows the blank line (the start of a body) is returned apart.
fn read_head(
    stream: &mut TcpStream,
    max: usize,
    deadline: Instant,
) -> Result<(Vec<u8>, Vec<u8>), HeadError> {
    let mut buf = Vec::with_capacity(1024);
    let mut chunk = [0u8; 2048];
    loop {
        let left = deadline.saturating_duration_since(Instant::now());
        if left.is_zero() {
            return Err(HeadError::TimedOut);
        }
        let _ = stream.set_read_timeout(Some(left));
        let n = match stream.read(&mut chunk) {
            Ok(0) => return Err(HeadError::Closed),
            Ok(n) => n,
            Err(e)
                if matches!(
                    e.kind(),
                    io::ErrorKind::WouldBlock | io::ErrorKind::TimedOut
                ) =>
            {
                return Err(HeadError::TimedOut);
            }
            Err(e) if e.kind() == io::ErrorKind::Interrupted => continue,
            Err(_) => return Err(HeadError::Closed),
        };
        let from = buf.len().saturating_sub(3);
        buf.extend_from_slice(&chunk[..n]);
        if let Some(end) = find_blank_line(&buf[from..]) {
            let rest = buf.split_off(from + end);
            return Ok((buf, rest));
        }
        if buf.len() > max {
            return Err(HeadError::TooLarge);
        }
    }
}

fn find_blank_line(b: &[u8]) -> Option<usize> {
    b.windows(4).position(|w| w == b"\r\n\r\n").map(|i| i + 4)
}

/// A parsed request head: method, target and headers.
type Head = (String, String, Vec<(String, String)>);

/// Parses a request head.
fn parse_head(head: &[u8]) -> Result<Head, HeadError> {
    let text = std::str::from_utf8(head).map_err(|_| HeadError::Malformed)?;
    let mut lines = text.split("\r\n");
    let mut first = lines.next().ok_or(HeadError::Malformed)?.split(' ');
    let (Some(method), Some(url), Some(version), None) =
        (first.next(), first.next(), first.next(), first.next())
    else {
        return Err(HeadError::Malformed);
    };
    if !version.starts_with("HTTP/1.") || method.is_empty() || !url.starts_with('/') {
        return Err(HeadError::Malformed);
    }
    let mut headers = Vec::new();
    for line in lines.filter(|l| !l.is_empty()) {
        let (k, v) = line.split_once(':').ok_or(HeadError::Malformed)?;
        if k.is_empty() || k.contains([' ', '\t']) {
            return Err(HeadError::Malformed);
        }
        headers.push((k.to_string(), v.trim().to_string()));
    }
    Ok((method.to_string(), url.to_string(), headers))
}

fn plain(mut stream: TcpStream, status: u16, msg: &str) {
    let _ = stream.set_write_timeout(Some(Duration::from_secs(2)));
    let resp = format!(
        "HTTP/1.1 {status} {}\r\nContent-Type: text/plain; charset=utf-8\r\nContent-Length: {}\r\nConnection: close\r\n\r\n{msg}",
        reason(status),
        msg.len()
    );
    let _ = stream.write_all(resp.as_bytes());
    let _ = stream.shutdown(Shutdown::Both);
}

/// Says a thing in the terminal at most once every 10 seconds per `slot`.
fn log_now_and_then(slot: &AtomicU64, msg: &str) {
    let now = SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map_or(0, |d| d.as_secs());
    let last = slot.load(Ordering::Relaxed);
    if now >= last + 10
        && slot
            .compare_exchange(last, now, Ordering::Relaxed, Ordering::Relaxed)
            .is_ok()
    {
        eprintln!("{msg}");
    }
}

/// Counts a connection while it lives.
struct Slot(Arc<AtomicUsize>);

impl Drop for Slot {
    fn drop(&mut self) {
        self.0.fetch_sub(1, Ordering::SeqCst);
    }
}

/// Accepts connections forever and hands each request to `handler` on a
/// thread of its own.
pub fn run(listener: TcpListener, limits: Limits, handler: Arc<dyn Fn(Request) + Send + Sync>) {
    run_until(listener, limits, handler, &AtomicBool::new(false));
}

/// Like [`run`], returning once `stop` is set and a connection (any, such
/// as the one [`wake`] makes) arrives.
pub fn run_until(
    listener: TcpListener,
    limits: Limits,
    handler: Arc<dyn Fn(Request) + Send + Sync>,
    stop: &AtomicBool,
) {
    let active = Arc::new(AtomicUsize::new(0));
    let full_logged = Arc::new(AtomicU64::new(0));
    let fd_logged = AtomicU64::new(0);
    loop {
        let accepted = listener.accept();
        if stop.load(Ordering::SeqCst) {
            return;
        }
        let stream = match accepted {
            Ok((s, _)) => s,
            Err(e) => {
                // Out of descriptors (EMFILE/ENFILE) or a connection reset
                // before it was accepted: wait a little, keep listening.
                if e.raw_os_error().is_some_and(|c| c == 24 || c == 23) {
                    log_now_and_then(
                        &fd_logged,
                        "chibo serve: hết số tệp được mở cùng lúc; tạm từ chối kết nối mới rồi tiếp tục.",
                    );
                    std::thread::sleep(Duration::from_millis(100));
                }
                continue;
            }
        };
        if active.fetch_add(1, Ordering::SeqCst) >= limits.max_connections {
            active.fetch_sub(1, Ordering::SeqCst);
            log_now_and_then(
                &full_logged,
                &format!(
                    "chibo serve: đã có {} kết nối cùng lúc (giới hạn); kết nối mới nhận 503 cho tới khi bớt.",
                    limits.max_connections
                ),
            );
            plain(
                stream,
                503,
                "503: quá nhiều kết nối cùng lúc; hãy thử lại sau.",
            );
            continue;
        }
        let slot = Slot(active.clone());
        let handler = handler.clone();
        let spawned = std::thread::Builder::new()
            .stack_size(256 * 1024)
            .spawn(move || {
                let _slot = slot;
                connection(stream, limits, &*handler);
            });
        if spawned.is_err() {
            // The slot was moved into the closure that never ran, and was
            // dropped with it: the count is right again.
            std::thread::sleep(Duration::from_millis(50));
        }
    }
}

fn connection(mut stream: TcpStream, limits: Limits, handler: &(dyn Fn(Request) + Send + Sync)) {
    let _ = stream.set_nodelay(true);
    let _ = stream.set_write_timeout(Some(Duration::from_secs(10)));
    let deadline = Instant::now() + limits.head_timeout;
    let (head, early) = match read_head(&mut stream, limits.max_head_bytes, deadline) {
        Ok(h) => h,
        Err(HeadError::TooLarge) => {
            return plain(stream, 431, "431: phần đầu yêu cầu quá lớn.");
        }
        Err(HeadError::TimedOut) => return plain(stream, 408, "408"),
        Err(_) => return,
    };
    let _ = stream.set_read_timeout(None);
    match parse_head(&head) {
        Ok((method, url, headers)) => handler(Request {
            method,
            url,
            headers,
            early,
            stream,
        }),
        Err(_) => plain(stream, 400, "400: yêu cầu không hợp lệ."),
    }
}

/// True when the other side of an open stream has gone (closed or reset).
/// Data the client sent is read and dropped.
pub fn peer_gone(stream: &mut TcpStream) -> bool {
    if stream.set_nonblocking(true).is_err() {
        return true;
    }
    let mut buf = [0u8; 512];
    let gone = loop {
        match stream.read(&mut buf) {
            Ok(0) => break true,
            Ok(_) => continue,
            Err(e) if e.kind() == io::ErrorKind::WouldBlock => break false,
            Err(e) if e.kind() == io::ErrorKind::Interrupted => continue,
            Err(_) => break true,
        }
    };
    stream.set_nonblocking(false).is_err() || gone
}

/// Answers with `body`, never cached or sniffed, with `extra` headers.
pub(crate) fn respond(
    req: Request,
    status: u16,
    ctype: &str,
    body: Vec<u8>,
    extra: &[(&str, &str)],
) {
    let mut headers = vec![
        ("Content-Type", ctype),
        ("Cache-Control", "no-store"),
        ("X-Content-Type-Options", "nosniff"),
    ];
    headers.extend_from_slice(extra);
    req.respond(status, &headers, &body);
}

/// Wakes a [`run_until`] waiting at `addr`, so that it sees its stop flag.
pub fn wake(addr: std::net::SocketAddr) {
    let _ = TcpStream::connect_timeout(&addr, Duration::from_secs(1));
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_request_head_is_parsed_with_its_headers() {
        let (m, u, h) =
            parse_head(b"GET /tin-tuc/?q=1 HTTP/1.1\r\nHost: 127.0.0.1:1111\r\nX-A:  b \r\n\r\n")
                .unwrap();
        assert_eq!((m.as_str(), u.as_str()), ("GET", "/tin-tuc/?q=1"));
        assert_eq!(
            h,
            [
                ("Host".to_string(), "127.0.0.1:1111".to_string()),
                ("X-A".to_string(), "b".to_string())
            ]
        );
    }

    #[test]
    fn malformed_heads_are_refused() {
        for bad in [
            &b"GET\r\n\r\n"[..],
            b"GET /a HTTP/2\r\n\r\n",
            b"GET a HTTP/1.1\r\n\r\n",
            b"GET /a HTTP/1.1\r\nno colon\r\n\r\n",
            b"GET /a HTTP/1.1\r\nBad Name: x\r\n\r\n",
            b"GET /\xff HTTP/1.1\r\n\r\n",
        ] {
            assert_eq!(parse_head(bad).err(), Some(HeadError::Malformed), "{bad:?}");
        }
    }
}
