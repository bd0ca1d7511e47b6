//! Attacks on the preview server, each named after what it tries: a page in
//! the user's own browser (or a program on the network, with `-i`) that
//! opens and drops connections, holds them open, or sends huge headers. The
//! preview must keep answering, free what closed clients held, and say in
//! the terminal when a limit is hit.

mod common;

use std::io::{Read, Write};
use std::net::TcpStream;
use std::time::{Duration, Instant};

use common::Site;
use common::server::*;

fn site() -> Site {
    let site = Site::new();
    site.article(
        "content/articles/a.md",
        "Tin sinh hoạt chi bộ",
        "2023-11-02 15:03",
        "to-chuc-dang",
        "[xây dựng Đảng]",
        "Nội dung.",
    );
    site
}

fn open_stream(port: u16) -> TcpStream {
    let mut s = TcpStream::connect(("127.0.0.1", port)).unwrap();
    s.set_read_timeout(Some(Duration::from_secs(5))).unwrap();
    write!(
        s,
        "GET /__chibo/events HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\n\r\n"
    )
    .unwrap();
    s
}

/// Reads until `needle` has arrived (or the stream ends).
fn read_until(s: &mut TcpStream, needle: &str) -> String {
    let mut got = Vec::new();
    let mut buf = [0u8; 1024];
    while !String::from_utf8_lossy(&got).contains(needle) {
        match s.read(&mut buf) {
            Ok(0) | Err(_) => break,
            Ok(n) => got.extend_from_slice(&buf[..n]),
        }
    }
    String::from_utf8_lossy(&got).to_string()
}

#[test]
fn thousands_of_dropped_event_streams_do_not_exhaust_descriptors() {
    let site = site();
    // 256 descriptors: about 1,000 dropped streams used to leave the
    // preview refusing every connection for good.
    let s = start_limited(&site, free_port(), Some(256));
    for i in 0..1500 {
        let mut st = open_stream(s.port);
        let got = read_until(&mut st, "event: hello");
        // At most a few may be turned away while closed ones are being
        // noticed.
        assert!(
            got.contains("event: hello") || got.starts_with("HTTP/1.1 503"),
            "stream {i}: {got}"
        );
        drop(st);
    }
    // The page is served again as soon as the closed streams are noticed.
    let deadline = Instant::now() + Duration::from_secs(30);
    loop {
        let home = get(s.port, "/");
        if home.status == 200 {
            break;
        }
        assert!(Instant::now() < deadline, "{}", home.head);
        std::thread::sleep(Duration::from_millis(50));
    }
}

#[test]
fn closed_pages_free_their_stream_within_a_second() {
    let site = site();
    let s = start(&site, free_port());
    let streams: Vec<TcpStream> = (0..40)
        .map(|_| {
            let mut st = open_stream(s.port);
            assert!(read_until(&mut st, "event: hello").contains("event: hello"));
            st
        })
        .collect();
    let closed = Instant::now();
    drop(streams);
    // All 64 places are free again: waited for, and timed.
    let deadline = closed + Duration::from_secs(30);
    let mut again: Vec<TcpStream> = Vec::new();
    while again.len() < 64 {
        let mut st = open_stream(s.port);
        let got = read_until(&mut st, "event: hello");
        if got.contains("event: hello") {
            again.push(st);
        } else {
            assert!(got.starts_with("HTTP/1.1 503"), "{got}");
            assert!(
                Instant::now() < deadline,
                "closed pages never freed their streams"
            );
            std::thread::sleep(Duration::from_millis(50));
        }
    }
    let took = closed.elapsed();
    eprintln!(
        "40 closed pages freed their places in {} ms",
        took.as_millis()
    );
    // The watch polls each stream every half second: well under the
    // 30-second deadline even on a loaded machine.
    assert!(took < Duration::from_secs(10), "{took:?}");
    drop(again);
}

#[test]
fn too_many_event_streams_get_503_and_a_log_line() {
    let site = site();
    let s = start(&site, free_port());
    let mut held = Vec::new();
    for _ in 0..64 {
        let mut st = open_stream(s.port);
        assert!(read_until(&mut st, "event: hello").contains("event: hello"));
        held.push(st);
    }
    let mut extra = open_stream(s.port);
    let got = read_until(&mut extra, "đóng bớt");
    assert!(got.starts_with("HTTP/1.1 503"), "{got}");
    let deadline = Instant::now() + Duration::from_secs(5);
    let mut logged = false;
    while Instant::now() < deadline && !logged {
        if let Ok(line) = s.out.recv_timeout(Duration::from_millis(100)) {
            logged = line.contains("trang đang chờ tải lại (giới hạn)");
        }
    }
    assert!(logged, "no log line about the stream limit");
    // Ordinary pages are still served meanwhile.
    assert_eq!(get(s.port, "/").status, 200);
}

#[test]
fn idle_connections_past_the_limit_are_refused_and_the_server_recovers() {
    let site = site();
    let s = start_limited(&site, free_port(), Some(200));
    // More silent connections than descriptors: some are refused (503 or
    // not accepted); none may stop the server listening.
    let idle: Vec<TcpStream> = (0..300)
        .filter_map(|_| TcpStream::connect(("127.0.0.1", s.port)).ok())
        .collect();
    // Held a moment, so that the server meets them all while they last
    // (load, not synchronisation: the recovery below is waited for).
    std::thread::sleep(Duration::from_millis(300));
    drop(idle);
    let deadline = Instant::now() + Duration::from_secs(15);
    loop {
        let r = get(s.port, "/");
        if r.status == 200 {
            break;
        }
        assert!(
            Instant::now() < deadline,
            "server did not recover: {}",
            r.head
        );
        std::thread::sleep(Duration::from_millis(200));
    }
}

#[test]
fn a_huge_header_gets_431_without_being_held_in_memory() {
    let site = site();
    let s = start(&site, free_port());
    let mut st = TcpStream::connect(("127.0.0.1", s.port)).unwrap();
    st.set_read_timeout(Some(Duration::from_secs(10))).unwrap();
    let writer = st.try_clone().unwrap();
    let port = s.port;
    // 64 MB of one header, written until the server closes on us.
    let sender = std::thread::spawn(move || {
        let mut w = writer;
        let _ = write!(w, "GET / HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\nX-Big: ");
        let chunk = vec![b'a'; 64 * 1024];
        for _ in 0..1024 {
            if w.write_all(&chunk).is_err() {
                return true;
            }
        }
        false
    });
    let got = read_until(&mut st, "\r\n\r\n");
    assert!(got.starts_with("HTTP/1.1 431"), "{got}");
    assert!(sender.join().unwrap(), "the server read all 64 MB");
    assert_eq!(get(s.port, "/").status, 200);
}

#[test]
fn a_client_that_never_finishes_its_request_does_not_hold_the_page() {
    let site = site();
    let s = start(&site, free_port());
    let mut slow = TcpStream::connect(("127.0.0.1", s.port)).unwrap();
    write!(slow, "GET / HTTP/1.1\r\nHost: 127.0.0.1:{}\r\n", s.port).unwrap();
    // Meanwhile others are served.
    assert_eq!(get(s.port, "/").status, 200);
    drop(slow);
}
