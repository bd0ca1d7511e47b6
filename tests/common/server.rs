//! A real `chibo serve` process on a free port, and plain HTTP requests
//! and event streams to it.

use std::io::{BufRead, BufReader, Read, Write};
use std::net::{TcpListener, TcpStream};
use std::process::{Child, Command, Stdio};
use std::sync::mpsc;
use std::time::{Duration, Instant};

use super::Site;

pub struct Server {
    pub child: Child,
    pub port: u16,
    pub out: mpsc::Receiver<String>,
    /// What the server printed before it was ready.
    pub said: Vec<String>,
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

pub fn free_port() -> u16 {
    TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port()
}

pub fn start(site: &Site, port: u16) -> Server {
    start_limited(site, port, None)
}

/// Starts `chibo serve`, with at most `max_files` open file descriptors
/// when given (through the shell's `ulimit -n`).
pub fn start_limited(site: &Site, port: u16, max_files: Option<u32>) -> Server {
    start_with(site, port, max_files, &[])
}

/// Like [`start_limited`], with more arguments for `serve`.
pub fn start_with(site: &Site, port: u16, max_files: Option<u32>, extra: &[&str]) -> Server {
    let bin = env!("CARGO_BIN_EXE_chibo");
    let mut cmd = match max_files {
        Some(n) => {
            let mut c = Command::new("sh");
            c.arg("-c")
                .arg(format!("ulimit -n {n} && exec \"$0\" \"$@\""))
                .arg(bin);
            c
        }
        None => Command::new(bin),
    };
    let mut child = cmd
        .arg("--root")
        .arg(site.root())
        .args(["serve", "--port", &port.to_string()])
        .args(extra)
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let (tx, rx) = mpsc::channel();
    for stream in [
        Box::new(child.stdout.take().unwrap()) as Box<dyn Read + Send>,
        Box::new(child.stderr.take().unwrap()),
    ] {
        let tx = tx.clone();
        std::thread::spawn(move || {
            for line in BufReader::new(stream).lines().map_while(Result::ok) {
                let _ = tx.send(line);
            }
        });
    }
    let mut server = Server {
        child,
        port,
        out: rx,
        said: Vec::new(),
    };
    let deadline = Instant::now() + Duration::from_secs(20);
    loop {
        match server.out.recv_timeout(Duration::from_millis(100)) {
            Ok(line) if !line.contains("Đang xem trước tại http://127.0.0.1:") => {
                server.said.push(line)
            }
            Ok(line) => {
                server.port = line
                    .split("127.0.0.1:")
                    .nth(1)
                    .unwrap()
                    .split('/')
                    .next()
                    .unwrap()
                    .parse()
                    .unwrap();
                return server;
            }
            _ if Instant::now() > deadline => panic!("serve did not start"),
            _ => {}
        }
    }
}

pub struct Reply {
    pub status: u16,
    pub head: String,
    pub body: String,
}

pub fn request(port: u16, method: &str, path: &str, host: &str) -> Reply {
    let mut s = TcpStream::connect(("127.0.0.1", port)).unwrap();
    s.set_read_timeout(Some(Duration::from_secs(10))).unwrap();
    write!(
        s,
        "{method} {path} HTTP/1.1\r\nHost: {host}\r\nConnection: close\r\n\r\n"
    )
    .unwrap();
    let mut raw = Vec::new();
    let _ = s.read_to_end(&mut raw);
    let text = String::from_utf8_lossy(&raw).to_string();
    let (head, body) = text.split_once("\r\n\r\n").unwrap_or((&text, ""));
    let status = head
        .split_whitespace()
        .nth(1)
        .unwrap_or("0")
        .parse()
        .unwrap_or(0);
    Reply {
        status,
        head: head.to_string(),
        body: body.to_string(),
    }
}

pub fn get(port: u16, path: &str) -> Reply {
    request(port, "GET", path, &format!("127.0.0.1:{port}"))
}

/// The event stream, as (event, data) pairs.
pub fn events(port: u16) -> mpsc::Receiver<(String, String)> {
    let mut s = TcpStream::connect(("127.0.0.1", port)).unwrap();
    write!(
        s,
        "GET /__chibo/events HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\n\r\n"
    )
    .unwrap();
    let (tx, rx) = mpsc::channel();
    std::thread::spawn(move || {
        let mut event = String::new();
        let mut data: Vec<String> = Vec::new();
        for line in BufReader::new(s).lines().map_while(Result::ok) {
            if let Some(e) = line.strip_prefix("event: ") {
                event = e.to_string();
            } else if let Some(d) = line.strip_prefix("data: ") {
                data.push(d.to_string());
            } else if line.is_empty() && !event.is_empty() {
                if tx
                    .send((std::mem::take(&mut event), data.join("\n")))
                    .is_err()
                {
                    return;
                }
                data.clear();
            }
        }
    });
    rx
}

/// Forgets the events already received (a burst of saves leaves several).
pub fn drain(rx: &mpsc::Receiver<(String, String)>) {
    while rx.try_recv().is_ok() {}
}

pub fn wait_for(rx: &mpsc::Receiver<(String, String)>, name: &str) -> (String, Instant) {
    let deadline = Instant::now() + Duration::from_secs(10);
    while Instant::now() < deadline {
        if let Ok((e, d)) = rx.recv_timeout(Duration::from_millis(100))
            && e == name
        {
            return (d, Instant::now());
        }
    }
    panic!("no `{name}` event");
}

/// A request with headers of our choosing and a body; `Host` is the
/// preview's own unless `headers` names one.
pub fn send(port: u16, method: &str, path: &str, headers: &[(&str, &str)], body: &[u8]) -> Reply {
    let mut s = TcpStream::connect(("127.0.0.1", port)).unwrap();
    s.set_read_timeout(Some(Duration::from_secs(20))).unwrap();
    let mut head = format!("{method} {path} HTTP/1.1\r\nConnection: close\r\n");
    if !headers.iter().any(|(k, _)| k.eq_ignore_ascii_case("host")) {
        head.push_str(&format!("Host: 127.0.0.1:{port}\r\n"));
    }
    if !headers
        .iter()
        .any(|(k, _)| k.eq_ignore_ascii_case("content-length"))
    {
        head.push_str(&format!("Content-Length: {}\r\n", body.len()));
    }
    for (k, v) in headers {
        head.push_str(&format!("{k}: {v}\r\n"));
    }
    head.push_str("\r\n");
    s.write_all(head.as_bytes()).unwrap();
    let _ = s.write_all(body);
    let mut raw = Vec::new();
    let _ = s.read_to_end(&mut raw);
    let text = String::from_utf8_lossy(&raw).to_string();
    let (head, body) = text.split_once("\r\n\r\n").unwrap_or((&text, ""));
    Reply {
        status: head
            .split_whitespace()
            .nth(1)
            .unwrap_or("0")
            .parse()
            .unwrap_or(0),
        head: head.to_string(),
        body: body.to_string(),
    }
}

/// The token the forms page of a running preview carries.
pub fn token(port: u16) -> String {
    let page = get(port, "/__chibo/nhap/").body;
    page.split("name=\"chibo-token\" content=\"")
        .nth(1)
        .and_then(|r| r.split('"').next())
        .expect("the forms page carries the token")
        .to_string()
}
