//! `chibo serve`: preview drafts on this computer with live reload.

use std::net::{IpAddr, SocketAddr, TcpListener};
use std::path::Path;
use std::sync::Arc;

use crate::cmd::{CONTENT_ERROR, OK, Outcome, USAGE_ERROR, print_diags};
use crate::serve::{self, Change, Live, Preview, http, server};

/// The options of `chibo serve`.
pub struct ServeArgs {
    /// The first port to try.
    pub port: u16,
    /// The interface to listen on.
    pub interface: String,
    /// Open the preview in the default browser.
    pub open: bool,
    /// Print only what must be seen.
    pub quiet: bool,
}

/// Binds the port asked for, or the next free one (said aloud).
fn bind(ip: IpAddr, port: u16, quiet: bool) -> Result<TcpListener, String> {
    let tries = if port == 0 { 1 } else { 20 };
    for i in 0..tries {
        let p = port.saturating_add(i);
        match TcpListener::bind(SocketAddr::new(ip, p)) {
            Ok(l) => {
                if i > 0 && !quiet {
                    println!("Cổng {port} đang bận; dùng cổng {p}.");
                }
                return Ok(l);
            }
            Err(e) if e.kind() == std::io::ErrorKind::AddrInUse => continue,
            Err(e) => {
                return Err(format!(
                    "không mở được cổng {p} trên {ip}: {}",
                    crate::diag::io_message(&e)
                ));
            }
        }
    }
    Err(format!(
        "các cổng từ {port} đến {} đều đang bận; hãy chọn cổng khác, ví dụ `chibo serve --port 8080`",
        port.saturating_add(tries - 1)
    ))
}

fn stamp() -> String {
    let t = crate::check::now_at(420);
    format!("{:02}:{:02}:{:02}", t.hour(), t.minute(), t.second())
}

/// `chibo serve`: build in memory, serve, rebuild on every change.
pub fn run(root: &Path, args: &ServeArgs) -> Outcome {
    let Ok(ip) = args.interface.parse::<IpAddr>() else {
        eprintln!(
            "--interface phải là một địa chỉ IP, ví dụ 127.0.0.1 (chỉ máy này) hoặc 0.0.0.0 (cả mạng nội bộ)"
        );
        return USAGE_ERROR;
    };
    if !root.join("site.yaml").is_file() {
        eprintln!(
            "Không tìm thấy site.yaml trong {}; hãy chạy lệnh trong thư mục trang hoặc dùng --root.",
            root.display()
        );
        return CONTENT_ERROR;
    }
    let listener = match bind(ip, args.port, args.quiet) {
        Ok(l) => l,
        Err(msg) => {
            eprintln!("{msg}");
            return CONTENT_ERROR;
        }
    };
    let port = listener.local_addr().map(|a| a.port()).unwrap_or(args.port);
    let shown_host = if ip.is_unspecified() || ip.is_loopback() {
        "127.0.0.1".to_string()
    } else {
        ip.to_string()
    };
    let base_url = format!("http://{shown_host}:{port}");
    if !ip.is_loopback() {
        say_lan(ip, port, args.quiet);
    }
    let live = Arc::new(Live::new(root, port));
    let mut preview = Preview::new(root.to_path_buf(), base_url.clone(), live.read_key.clone());

    // First build.
    let mut generation = 1;
    let mut last_warnings = first_build(&mut preview, &live, args.quiet);

    // Watch site.yaml, content/ and templates/.
    let mut watcher = match serve::watch::Watcher::new(root) {
        Ok(w) => w,
        Err(msg) => {
            eprintln!("{msg}");
            return CONTENT_ERROR;
        }
    };

    if !args.quiet {
        println!("Đang xem trước tại {base_url}/ (cả bài nháp). Nhấn Ctrl-C để dừng.");
    }
    if args.open {
        open_browser(&format!("{base_url}/"));
    }

    // Ctrl-C: tell every open page, say so, and end. Nothing was written to
    // disk, so there is nothing to clean up.
    let stop_live = live.clone();
    let quiet_stop = args.quiet;
    let _ = ctrlc::set_handler(move || {
        stop_live.stop();
        if !quiet_stop {
            println!("\nĐã dừng xem trước.");
        }
        std::process::exit(0);
    });

    // HTTP: a thread per connection, within the server's limits.
    let http_live = live.clone();
    std::thread::spawn(move || {
        server::run(
            listener,
            server::Limits::default(),
            Arc::new(move |req| http::handle(req, &http_live)),
        )
    });

    // Rebuild on change, forever (Ctrl-C ends the process; nothing is
    // written to disk, so there is nothing to clean up).
    while let Some(paths) = watcher.changes() {
        let Some(change) = serve::change_of(root, &paths) else {
            continue;
        };
        generation += 1;
        let built = preview.build(change, &paths, generation);
        rebuilt(
            built,
            change,
            generation,
            &live,
            &mut last_warnings,
            args.quiet,
        );
    }
    live.stop();
    OK
}

fn open_browser(url: &str) {
    let cmd = if cfg!(target_os = "macos") {
        "open"
    } else if cfg!(windows) {
        "explorer"
    } else {
        "xdg-open"
    };
    if std::process::Command::new(cmd).arg(url).spawn().is_err() {
        eprintln!("không mở được trình duyệt; hãy mở {url} bằng tay.");
    }
}

/// The warning of a preview open to the network, and the addresses
/// colleagues open.
fn say_lan(ip: IpAddr, port: u16, quiet: bool) {
    eprintln!(
        "Cảnh báo: đang mở bản xem trước cho cả mạng ({ip}); mọi máy trong mạng đều xem được cả bài nháp. Chỉ dùng khi cần, rồi tắt đi."
    );
    if quiet {
        return;
    }
    let addrs: Vec<IpAddr> = if ip.is_unspecified() {
        serve::net::lan_addresses()
    } else {
        vec![ip]
    };
    if addrs.is_empty() {
        println!(
            "Không tìm thấy địa chỉ mạng nội bộ của máy này; đồng nghiệp mở http://<địa chỉ IP của máy này>:{port}/"
        );
    }
    for a in addrs {
        let host = match a {
            IpAddr::V6(v6) => format!("[{v6}]"),
            IpAddr::V4(v4) => v4.to_string(),
        };
        println!("Đồng nghiệp trong mạng nội bộ mở: http://{host}:{port}/");
    }
}

/// The first build: published, or its errors shown in place of the site
/// until they are fixed. Gives the warnings said.
fn first_build(preview: &mut Preview, live: &Live, quiet: bool) -> String {
    let generation = 1;
    match preview.build(Change::Content, &[], generation) {
        Ok(b) => {
            print_diags(&b.diags);
            if !quiet {
                println!(
                    "Đã dựng {} bài viết, {} trang trong {} giây.",
                    crate::vn::decimal(b.stats.articles as f64, 0),
                    crate::vn::decimal(b.stats.pages as f64, 0),
                    crate::vn::decimal(b.millis / 1000.0, 3)
                );
            }
            let said = b.diags.render();
            live.publish(b.prepared, generation);
            said
        }
        Err(d) => {
            print_diags(&d);
            eprintln!(
                "Chưa dựng được trang: {} lỗi. Sửa rồi lưu lại, trang sẽ tự cập nhật.",
                d.error_count()
            );
            live.publish_files(
                serve::error_page(&d, generation, &live.read_key),
                generation,
            );
            live.publish_errors(d.render_errors());
            String::new()
        }
    }
}

/// A rebuild after a change: published and said, or its errors shown
/// over the last good site. Warnings are said again only when they change.
fn rebuilt(
    built: Result<serve::Built, crate::diag::Diagnostics>,
    change: Change,
    generation: u64,
    live: &Live,
    last_warnings: &mut String,
    quiet: bool,
) {
    match built {
        Ok(b) => {
            let warnings = b.diags.render();
            if warnings != *last_warnings {
                print_diags(&b.diags);
                *last_warnings = warnings;
            }
            live.publish(b.prepared, generation);
            if !quiet {
                let what = match (change, b.checked_all) {
                    (Change::Templates, _) => " (chỉ mẫu trang)",
                    (_, false) => " (chỉ bài vừa lưu)",
                    _ => "",
                };
                println!(
                    "[{}] Đã dựng lại{what} trong {} giây; {} trang đang mở được tải lại.",
                    stamp(),
                    crate::vn::decimal(b.millis / 1000.0, 3),
                    live.listeners()
                );
            }
        }
        Err(d) => {
            print_diags(&d);
            eprintln!(
                "[{}] Chưa dựng lại được: {} lỗi. Trang vẫn hiện bản tốt gần nhất.",
                stamp(),
                d.error_count()
            );
            live.publish_errors(d.render_errors());
        }
    }
}
