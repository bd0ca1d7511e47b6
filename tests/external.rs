//! `chibo check --external` against a real HTTP server on this machine
//! (there is no internet here): broken links are errors at their place,
//! refusals are warnings, one request at a time per server, and answers
//! are remembered so that a second check asks nothing.

mod common;

use std::io::{BufRead, BufReader, Write};
use std::net::TcpListener;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};

use common::Site;

/// A server that answers by path and records (method, path) and the most
/// requests it ever had open at once.
/// Every (method, path) the server was asked.
type Seen = Arc<Mutex<Vec<(String, String)>>>;

fn server() -> (u16, Seen, Arc<AtomicUsize>) {
    let listener = TcpListener::bind("127.0.0.1:0").unwrap();
    let port = listener.local_addr().unwrap().port();
    let seen = Arc::new(Mutex::new(Vec::new()));
    let (open, most) = (Arc::new(AtomicUsize::new(0)), Arc::new(AtomicUsize::new(0)));
    let (seen2, most2) = (seen.clone(), most.clone());
    std::thread::spawn(move || {
        for stream in listener.incoming().map_while(Result::ok) {
            let (seen, open, most) = (seen2.clone(), open.clone(), most2.clone());
            std::thread::spawn(move || {
                let now = open.fetch_add(1, Ordering::SeqCst) + 1;
                most.fetch_max(now, Ordering::SeqCst);
                let mut reader = BufReader::new(&stream);
                let mut line = String::new();
                let _ = reader.read_line(&mut line);
                let mut header = String::new();
                while reader.read_line(&mut header).is_ok_and(|n| n > 2) {
                    header.clear();
                }
                let mut parts = line.split_whitespace();
                let (method, path) = (
                    parts.next().unwrap_or("").to_string(),
                    parts.next().unwrap_or("").to_string(),
                );
                std::thread::sleep(std::time::Duration::from_millis(30));
                let status = match (method.as_str(), path.as_str()) {
                    (_, "/ok") => "200 OK",
                    (_, "/mat") => "404 Not Found",
                    (_, "/cam") => "403 Forbidden",
                    ("HEAD", "/khong-head") => "405 Method Not Allowed",
                    (_, "/khong-head") => "200 OK",
                    _ => "500 Internal Server Error",
                };
                seen.lock().unwrap().push((method, path));
                let _ = (&stream).write_all(
                    format!("HTTP/1.1 {status}\r\nContent-Length: 0\r\nConnection: close\r\n\r\n")
                        .as_bytes(),
                );
                open.fetch_sub(1, Ordering::SeqCst);
            });
        }
    });
    (port, seen, most)
}

#[test]
fn external_links_are_asked_once_per_day_one_at_a_time_and_judged_at_their_place() {
    let (port, seen, most) = server();
    let site = Site::new();
    let base = format!("http://127.0.0.1:{port}");
    site.article(
        "content/articles/a.md",
        "Tin có liên kết ngoài",
        "2023-03-01",
        "tin-tuc",
        "[]",
        &format!(
            "Xem [trang tốt]({base}/ok), [trang mất]({base}/mat), [trang cấm]({base}/cam) và [trang không nhận HEAD]({base}/khong-head)."
        ),
    );
    // Without --external nothing is asked.
    site.run(&["check"]).ok();
    assert!(seen.lock().unwrap().is_empty());

    let run = site.run(&["check", "--external"]);
    run.failed();
    let body_line = site
        .read("content/articles/a.md")
        .lines()
        .nth(9)
        .unwrap()
        .to_string();
    let col = |link: &str| body_line[..body_line.find(link).unwrap()].chars().count() + 1;
    let (lost, barred) = (col("[trang mất]"), col("[trang cấm]"));
    assert!(
        run.stderr.contains(&format!("content/articles/a.md:10:{lost}: liên kết ngoài `{base}/mat` đã hỏng: trang không còn (mã 404)")),
        "{}",
        run.stderr
    );
    assert!(
        run.stderr.contains(&format!("content/articles/a.md:10:{barred}: cảnh báo: liên kết ngoài `{base}/cam`: máy chủ không cho kiểm tra tự động (mã 403)")),
        "{}",
        run.stderr
    );
    assert_eq!(
        run.stderr.matches("liên kết ngoài").count(),
        2,
        "{}",
        run.stderr
    );
    let asked = seen.lock().unwrap().clone();
    assert!(asked.contains(&("HEAD".into(), "/ok".into())));
    assert!(
        !asked.contains(&("GET".into(), "/ok".into())),
        "GET after a good HEAD"
    );
    assert!(
        asked.contains(&("GET".into(), "/khong-head".into())),
        "{asked:?}"
    );
    assert_eq!(
        most.load(Ordering::SeqCst),
        1,
        "requests to one server overlapped"
    );
    assert!(site.path(".chibo-cache/lien-ket-ngoai.tsv").is_file());

    // A second check answers from the cache, the same way.
    let before = seen.lock().unwrap().len();
    let again = site.run(&["check", "--external"]);
    again.failed();
    assert_eq!(
        seen.lock().unwrap().len(),
        before,
        "asked again within a day"
    );
    assert!(again.stderr.contains("đã hỏng: trang không còn (mã 404)"));
}
