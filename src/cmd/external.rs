//! `chibo check --external`: every web address that articles, news and
//! reports link to, asked of its server: HEAD, then GET when HEAD is
//! refused; one request at a time per server, with a pause between them;
//! a short time limit. Answers are kept in `.chibo-cache/` for a day, so a
//! second check asks again only what is new or was unanswered.

use std::collections::{BTreeMap, HashMap};
use std::path::Path;
use std::time::{Duration, SystemTime, UNIX_EPOCH};

use crate::diag::{Diagnostics, Pos};
use crate::model::Site;
use crate::text::{Lines, links::external_links};

/// Where answers are kept, relative to the site folder.
pub const CACHE: &str = ".chibo-cache/lien-ket-ngoai.tsv";
/// How long an answer is trusted.
const FRESH: Duration = Duration::from_secs(24 * 3600);
/// The longest one request may take, redirects included.
const TIMEOUT: Duration = Duration::from_secs(10);
/// The pause between two requests to the same server.
const PAUSE: Duration = Duration::from_millis(300);
/// Servers asked at the same time.
const HOSTS_AT_ONCE: usize = 4;

/// What a server said about one address.
#[derive(Debug, Clone, PartialEq)]
enum Answer {
    /// An HTTP status, after redirects.
    Status(u16),
    /// No answer: the reason, in Vietnamese.
    Unreachable(String),
}

/// Checks every web link of `site`; problems go to `diags` at each place
/// the address is written. Returns how many addresses were asked.
pub fn check(site: &Site, diags: &mut Diagnostics) -> usize {
    let mut places: BTreeMap<String, Vec<(String, Pos)>> = BTreeMap::new();
    let mut add = |path: &str, body: &str, first_line: u32| {
        let lines = Lines::new(body, first_line);
        for (at, url) in external_links(body) {
            places
                .entry(url)
                .or_default()
                .push((path.to_string(), lines.pos(at)));
        }
    };
    for a in &site.articles {
        add(&a.source, &a.body, a.body_line);
    }
    for r in &site.reports {
        add(&r.source, &r.body, r.body_line);
    }
    let cache_path = site.root.join(CACHE);
    let mut cache = read_cache(&cache_path);
    let now = now_secs();
    let stale: Vec<&String> = places
        .keys()
        .filter(|u| {
            cache
                .get(*u)
                .is_none_or(|(_, at)| now.saturating_sub(*at) >= FRESH.as_secs())
        })
        .collect();
    let asked = ask_all(&stale);
    for (url, answer) in &asked {
        // Only a server's own answer is kept; "no answer" is asked again.
        if let Answer::Status(code) = answer {
            cache.insert(url.clone(), (*code, now));
        }
    }
    if !asked.is_empty() && !write_cache(&site.root, &cache) {
        diags.warning(
            ".chibo-cache",
            Pos::new(1, 1),
            "là một liên kết tượng trưng: chibo không ghi kết quả hỏi liên kết ngoài qua liên kết (lần sau sẽ hỏi lại); hãy xóa nó hoặc chạy `chibo clean`",
        );
    }
    let asked: HashMap<&String, &Answer> = asked.iter().map(|(u, a)| (u, a)).collect();
    for (url, at) in &places {
        let answer = match asked.get(url) {
            Some(a) => (*a).clone(),
            None => match cache.get(url) {
                Some((code, _)) => Answer::Status(*code),
                None => continue,
            },
        };
        for (path, pos) in at {
            judge(url, &answer, path, *pos, diags);
        }
    }
    stale.len()
}

/// An answer as an error, a warning, or nothing.
fn judge(url: &str, answer: &Answer, path: &str, pos: Pos, diags: &mut Diagnostics) {
    let url = crate::diag::clip(url);
    match answer {
        Answer::Status(200..=399) => {}
        Answer::Status(code @ (401 | 403 | 429)) => diags.warning(
            path,
            pos,
            format!(
                "liên kết ngoài `{url}`: máy chủ không cho kiểm tra tự động (mã {code}); hãy mở thử trong trình duyệt"
            ),
        ),
        Answer::Status(code @ (404 | 410)) => diags.error(
            path,
            pos,
            format!(
                "liên kết ngoài `{url}` đã hỏng: trang không còn (mã {code}); hãy sửa địa chỉ hoặc bỏ liên kết"
            ),
        ),
        Answer::Status(code @ 500..) => diags.warning(
            path,
            pos,
            format!("liên kết ngoài `{url}`: máy chủ đang lỗi (mã {code}); hãy kiểm tra lại sau"),
        ),
        Answer::Status(code) => diags.error(
            path,
            pos,
            format!("liên kết ngoài `{url}`: máy chủ trả lời mã {code} (không mở được trang)"),
        ),
        Answer::Unreachable(why) => diags.warning(
            path,
            pos,
            format!("liên kết ngoài `{url}`: không kết nối được ({why}); hãy kiểm tra lại sau"),
        ),
    }
}

/// The server part of an address: "nhandan.vn:443".
fn host_of(url: &str) -> String {
    let rest = url.split_once("://").map_or(url, |(_, r)| r);
    rest.split(['/', '?', '#'])
        .next()
        .unwrap_or("")
        .to_ascii_lowercase()
}

/// Asks every address, servers in parallel, each server one request at a
/// time with a pause between.
fn ask_all(urls: &[&String]) -> Vec<(String, Answer)> {
    let mut by_host: BTreeMap<String, Vec<String>> = BTreeMap::new();
    for u in urls {
        by_host.entry(host_of(u)).or_default().push((*u).clone());
    }
    let groups: Vec<Vec<String>> = by_host.into_values().collect();
    let next = std::sync::atomic::AtomicUsize::new(0);
    let results = std::sync::Mutex::new(Vec::new());
    let agent: ureq::Agent = ureq::Agent::config_builder()
        .timeout_global(Some(TIMEOUT))
        .http_status_as_error(false)
        .user_agent("chibo-kiem-tra-lien-ket")
        .build()
        .into();
    std::thread::scope(|s| {
        for _ in 0..HOSTS_AT_ONCE.min(groups.len()) {
            s.spawn(|| {
                loop {
                    let g = next.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
                    let Some(group) = groups.get(g) else { break };
                    for (i, url) in group.iter().enumerate() {
                        if i > 0 {
                            std::thread::sleep(PAUSE);
                        }
                        let answer = ask(&agent, url);
                        if let Ok(mut r) = results.lock() {
                            r.push((url.clone(), answer));
                        }
                    }
                }
            });
        }
    });
    results.into_inner().unwrap_or_default()
}

/// HEAD, then GET when the server refuses HEAD or fails to answer it.
fn ask(agent: &ureq::Agent, url: &str) -> Answer {
    let head = agent.head(url).call();
    match head {
        Ok(r) if r.status().as_u16() < 400 => Answer::Status(r.status().as_u16()),
        _ => match agent.get(url).call() {
            Ok(r) => Answer::Status(r.status().as_u16()),
            Err(e) => Answer::Unreachable(reason(&e)),
        },
    }
}

/// Why a server could not be reached, in Vietnamese.
fn reason(e: &ureq::Error) -> String {
    let text = e.to_string().to_lowercase();
    if text.contains("timeout") || text.contains("timed out") {
        "quá thời gian chờ".into()
    } else if text.contains("dns") || text.contains("resolve") || text.contains("lookup") {
        "không tìm thấy tên máy chủ".into()
    } else if text.contains("refused") {
        "máy chủ từ chối kết nối".into()
    } else if text.contains("certificate") || text.contains("tls") {
        "chứng chỉ bảo mật không hợp lệ".into()
    } else if text.contains("redirect") {
        "chuyển hướng quá nhiều lần".into()
    } else {
        "lỗi mạng".into()
    }
}

fn now_secs() -> u64 {
    SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map_or(0, |d| d.as_secs())
}

/// `URL<TAB>STATUS<TAB>SECONDS` per line; a damaged line is skipped.
fn read_cache(path: &Path) -> HashMap<String, (u16, u64)> {
    let Ok(text) = std::fs::read_to_string(path) else {
        return HashMap::new();
    };
    text.lines()
        .filter_map(|l| {
            let mut f = l.split('\t');
            let url = f.next()?.to_string();
            let code = f.next()?.parse().ok()?;
            let at = f.next()?.parse().ok()?;
            Some((url, (code, at)))
        })
        .collect()
}

/// Writes the cache, never through a link: `false` (nothing written) when
/// `.chibo-cache` or the file's place is reached through a symbolic link,
/// which could point anywhere. A failure to write only means the links
/// are asked again next time.
fn write_cache(root: &Path, cache: &HashMap<String, (u16, u64)>) -> bool {
    let mut lines: Vec<String> = cache
        .iter()
        .filter(|(u, _)| !u.contains(['\t', '\n']))
        .map(|(u, (code, at))| format!("{u}\t{code}\t{at}"))
        .collect();
    lines.sort();
    !matches!(
        crate::disk::write(root, CACHE, (lines.join("\n") + "\n").as_bytes()),
        Err(crate::disk::DiskError::Link(_))
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_cache_is_never_written_through_a_planted_link() {
        let site = tempfile::tempdir().unwrap();
        let elsewhere = tempfile::tempdir().unwrap();
        let cache = HashMap::from([("https://a.vn/".to_string(), (200, 1))]);
        // `.chibo-cache` itself a link: nothing written, and said so.
        std::os::unix::fs::symlink(elsewhere.path(), site.path().join(".chibo-cache")).unwrap();
        assert!(!write_cache(site.path(), &cache));
        assert_eq!(std::fs::read_dir(elsewhere.path()).unwrap().count(), 0);
        // A link at an old temporary name: never written through.
        std::fs::remove_file(site.path().join(".chibo-cache")).unwrap();
        std::fs::create_dir(site.path().join(".chibo-cache")).unwrap();
        let victim = elsewhere.path().join("victim");
        std::fs::write(&victim, "giữ nguyên").unwrap();
        let path = site.path().join(CACHE);
        std::os::unix::fs::symlink(&victim, path.with_extension("tsv.tmp")).unwrap();
        assert!(write_cache(site.path(), &cache));
        assert_eq!(std::fs::read_to_string(&victim).unwrap(), "giữ nguyên");
        assert_eq!(
            std::fs::read_to_string(&path).unwrap(),
            "https://a.vn/\t200\t1\n"
        );
    }

    #[test]
    fn servers_are_told_apart_by_host_and_port() {
        assert_eq!(host_of("https://NhanDan.vn/a?b"), "nhandan.vn");
        assert_eq!(host_of("http://127.0.0.1:8080/x"), "127.0.0.1:8080");
    }

    #[test]
    fn answers_become_errors_warnings_or_nothing() {
        let mut d = Diagnostics::default();
        for a in [
            Answer::Status(200),
            Answer::Status(301),
            Answer::Status(403),
            Answer::Status(404),
            Answer::Status(503),
            Answer::Status(400),
            Answer::Unreachable("quá thời gian chờ".into()),
        ] {
            judge("https://x.vn/", &a, "a.md", Pos::new(3, 5), &mut d);
        }
        assert_eq!(
            (d.error_count(), d.warning_count()),
            (2, 3),
            "{}",
            d.render()
        );
        assert!(d.render().contains(
            "a.md:3:5: liên kết ngoài `https://x.vn/` đã hỏng: trang không còn (mã 404)"
        ));
    }
}
