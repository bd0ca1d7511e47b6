//! The search index alone: how long the indexer takes over the article
//! bodies of a built site, on one thread, with no page rendering beside it.
//!
//!     cargo run --release --example chibo-corpus -- --articles 10000 --activities 2000 --out /dev/shm/b10k
//!     (cd /dev/shm/b10k && cargo run --release -- build)
//!     cargo run --release --example index-speed -- /dev/shm/b10k/output [RUNS]
//!
//! Each `<article>…</article>` of every `CATEGORY/SLUG/index.html` is one
//! document (the body with the page's article header: close to what the
//! build indexes). Prints each run and the best, for adding the bodies and
//! for writing the shards.

use std::path::Path;

fn main() {
    let mut args = std::env::args().skip(1);
    let Some(out) = args.next() else {
        eprintln!("dùng: index-speed THƯ_MỤC_RA [SỐ_LẦN]");
        std::process::exit(2);
    };
    let runs: usize = args.next().and_then(|r| r.parse().ok()).unwrap_or(5);
    let bodies = bodies(Path::new(&out));
    if bodies.is_empty() {
        eprintln!("không thấy bài viết nào trong {out}");
        std::process::exit(1);
    }
    let bytes: usize = bodies.iter().map(String::len).sum();
    println!("{} bài, {:.1} MB HTML", bodies.len(), bytes as f64 / 1e6);
    let (mut best_add, mut best_finish) = (f64::MAX, f64::MAX);
    for _ in 0..runs {
        let (add, finish, files) = chibo::render::site::index_timing(&bodies);
        let (add, finish) = (add.as_secs_f64(), finish.as_secs_f64());
        println!("thêm bài {add:.3} s, ghi chỉ mục {finish:.3} s, {files} tệp");
        best_add = best_add.min(add);
        best_finish = best_finish.min(finish);
    }
    println!("tốt nhất: thêm bài {best_add:.3} s, ghi chỉ mục {best_finish:.3} s");
}

/// The `<article>` elements of the site's article pages, sorted by path.
fn bodies(out: &Path) -> Vec<String> {
    let mut pages = Vec::new();
    for category in std::fs::read_dir(out).into_iter().flatten().flatten() {
        for article in std::fs::read_dir(category.path())
            .into_iter()
            .flatten()
            .flatten()
        {
            pages.push(article.path().join("index.html"));
        }
    }
    pages.sort();
    pages
        .iter()
        .filter_map(|p| std::fs::read_to_string(p).ok())
        .filter_map(|html| {
            let start = html.find("<article")?;
            let end = html[start..].find("</article>")? + start;
            Some(html[start..end].to_string())
        })
        .collect()
}
