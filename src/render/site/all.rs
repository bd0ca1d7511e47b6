//! Rendering every page of a prepared site into a sink, in parallel, by
//! the route table: articles, listings, search, reports, the rest, then
//! the static files. `build` and `check` use it; the preview renders one
//! path at a time instead.

use std::collections::HashMap;
use std::time::Instant;

use rayon::prelude::*;

use super::feeds::FEED_ENTRIES;
use super::routes::Route;
use super::search::Postings;
use super::{BuildStats, Prepared, lap};
use crate::diag::{Diagnostics, Pos};
use crate::model::Sink;

/// Article bodies indexed for search in one go (see [`articles`]).
const INDEX_BATCH: usize = 32;

/// Renders every page of a prepared site into `sink`, in parallel.
pub fn render_all(p: &Prepared, sink: &dyn Sink, diags: &mut Diagnostics) -> BuildStats {
    let mut stats = p.stats.clone();
    let mut clock = Instant::now();
    let out = Writer { p, sink };

    let (feed_html, postings) = articles(&out, diags);
    stats.pages += p.published.len();
    lap(&mut stats, &mut clock, "articles");

    listings(&out, diags);
    stats.pages += p.jobs.len();
    lap(&mut stats, &mut clock, "listings");

    let search_files = p.search_files(postings);
    lap(&mut stats, &mut clock, "search");

    // Reports, all at once (they share their figures).
    let reports: HashMap<String, Vec<u8>> =
        p.render_reports(None, true, diags).into_iter().collect();
    lap(&mut stats, &mut clock, "reports");

    stats.pages += the_rest(&out, feed_html, reports, search_files, diags);
    lap(&mut stats, &mut clock, "feeds");

    static_files(&out, diags);
    lap(&mut stats, &mut clock, "static");
    stats
}

/// Where the pages go, each finished the same way.
struct Writer<'a> {
    p: &'a Prepared,
    sink: &'a dyn Sink,
}

impl Writer<'_> {
    fn write(&self, rel: &str, bytes: Vec<u8>, d: &mut Diagnostics) {
        if let Err(e) = self.sink.write(rel, &self.p.finish(rel, bytes)) {
            d.error(
                "output",
                Pos::default(),
                format!("không ghi được `{rel}`: {}", crate::diag::io_message(&e)),
            );
        }
    }
}

/// Article pages: Markdown, page, file, one article at a time, so that the
/// HTML of the whole site never sits in memory at once. Returns the newest
/// articles' HTML for the feed, and the search index of the bodies.
///
/// Bodies go into the search index a few dozen at a time: between two
/// pages the rendering pushes the index's tables out of the processor's
/// cache, and a batch pays to bring them back once (measured at 10,000
/// articles: a third less time in the index's lookups, 0.24 s of CPU).
/// Each thread keeps one index for the whole work, not one per piece rayon
/// splits off: its tables stay learnt, and two indexes are merged instead
/// of 47 (2,000 articles: 1.5% fewer instructions in the build).
fn articles(out: &Writer<'_>, diags: &mut Diagnostics) -> (Vec<String>, Postings) {
    let p = out.p;
    let indexes: Vec<std::sync::Mutex<Postings>> = (0..rayon::current_num_threads())
        .map(|_| std::sync::Mutex::default())
        .collect();
    let index = |pending: &mut Vec<(usize, usize, String)>| {
        let mine = rayon::current_thread_index().unwrap_or(0) % indexes.len();
        // A thread that panicked while indexing left its index half made:
        // the panic itself ends the build.
        let mut postings = indexes[mine]
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner);
        for (doc, rank, html) in pending.drain(..) {
            postings.add(&p.doc_text(doc, rank, &html));
        }
    };
    let mut results: Vec<(usize, Diagnostics, Option<String>)> = p
        .paths
        .par_iter()
        .filter_map(|(rel, route)| match route {
            Route::Article(rank) => Some((rel, *rank)),
            _ => None,
        })
        .fold(
            || (Vec::new(), Vec::new()),
            |(mut results, mut pending), (rel, rank)| {
                let mut d = Diagnostics::default();
                let mut feed = None;
                if let Some((page, html)) = p.render_article(rank, &mut d) {
                    out.write(rel, page, &mut d);
                    feed = (rank < FEED_ENTRIES).then(|| html.clone());
                    if let Ok(doc) = p.search_docs.binary_search(&rank) {
                        pending.push((doc, rank, html));
                        if pending.len() == INDEX_BATCH {
                            index(&mut pending);
                        }
                    }
                }
                results.push((rank, d, feed));
                (results, pending)
            },
        )
        .map(|(results, mut pending)| {
            index(&mut pending);
            results
        })
        .reduce(Vec::new, |mut a, b| {
            a.extend(b);
            a
        });
    let postings = indexes
        .into_iter()
        .map(|m| {
            m.into_inner()
                .unwrap_or_else(std::sync::PoisonError::into_inner)
        })
        .reduce(Postings::merge)
        .unwrap_or_default();
    // Problems in the articles' order, whatever order the threads took.
    results.sort_unstable_by_key(|r| r.0);
    let mut feed_html = Vec::new();
    for (_, d, html) in results {
        diags.extend(d);
        feed_html.extend(html);
    }
    (feed_html, postings)
}

/// The listing pages (home, news, categories, tags, years), in parallel.
fn listings(out: &Writer<'_>, diags: &mut Diagnostics) {
    let p = out.p;
    let list_diags: Vec<Diagnostics> = p
        .paths
        .par_iter()
        .filter_map(|(rel, route)| match route {
            Route::Listing(job) => Some((rel, *job)),
            _ => None,
        })
        .map(|(rel, job)| {
            let mut d = Diagnostics::default();
            if let Some(html) = p.render_listing(job, &mut d) {
                out.write(rel, html, &mut d);
            }
            d
        })
        .collect();
    for d in list_diags {
        diags.extend(d);
    }
}

/// Everything else, by the route table: the feed (from the articles'
/// HTML when all of it is at hand), sitemaps, reports, the search files
/// and the few single pages. Returns how many of them are pages.
fn the_rest(
    out: &Writer<'_>,
    feed_html: Vec<String>,
    mut reports: HashMap<String, Vec<u8>>,
    mut search_files: HashMap<String, Vec<u8>>,
    diags: &mut Diagnostics,
) -> usize {
    let p = out.p;
    let mut pages = 0;
    let mut feed_html = (feed_html.len() == p.cards.len().min(FEED_ENTRIES)).then_some(feed_html);
    let mut sitemaps: HashMap<String, String> = p.sitemap_files().into_iter().collect();
    for (rel, route) in &p.paths {
        let bytes = match *route {
            Route::Article(_) | Route::Listing(_) => continue,
            Route::Feed => p.render_feed(feed_html.take(), diags),
            Route::Sitemap(_) => sitemaps.remove(rel).map(String::into_bytes),
            Route::Report(_) | Route::ReportDocx(_) | Route::Reports => reports.remove(rel),
            Route::TagIndex | Route::NotFound | Route::Search => {
                pages += 1;
                p.render_route(*route, diags)
            }
            Route::SearchManifest | Route::SearchShard(_) | Route::SearchDocs(_) => {
                search_files.remove(rel)
            }
            Route::Asset(_) => p.render_route(*route, diags),
        };
        if let Some(bytes) = bytes {
            if matches!(route, Route::Report(_) | Route::Reports) {
                pages += 1;
            }
            out.write(rel, bytes, diags);
        }
    }
    // A page made but missing from the route table would never be served
    // by the preview: say so rather than lose it.
    for rel in reports
        .keys()
        .chain(sitemaps.keys())
        .chain(search_files.keys())
    {
        diags.error(
            "output",
            Pos::default(),
            format!("trang `{rel}` không có trong bảng đường dẫn (lỗi của chibo)"),
        );
    }
    pages
}

/// Files as they are; photos as the pipeline made them (never the
/// original, which may carry the place it was taken).
fn static_files(out: &Writer<'_>, diags: &mut Diagnostics) {
    let p = out.p;
    if !p.opts.copy_static {
        return;
    }
    let mut to_copy: Vec<(&str, std::path::PathBuf)> = Vec::new();
    for rel in &p.site.static_files {
        if !p.site.photos.by_source.contains_key(rel) {
            to_copy.push((rel, p.site.root.join("content").join(rel)));
        }
    }
    for (rel, path) in &p.site.photos.files {
        to_copy.push((rel, path.clone()));
    }
    let copy_diags: Vec<Diagnostics> = to_copy
        .par_iter()
        .map(|(rel, from)| {
            let mut d = Diagnostics::default();
            if let Err(e) = out.sink.copy(rel, from) {
                d.error(
                    &format!("content/{rel}"),
                    Pos::default(),
                    format!("không chép được tệp: {}", crate::diag::io_message(&e)),
                );
            }
            d
        })
        .collect();
    for d in copy_diags {
        diags.extend(d);
    }
}
