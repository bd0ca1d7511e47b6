//! Every output path of the site and where its page comes from, spelled
//! in one place ([`table`]): the route map of the preview and the full
//! render of `build` both read it. (The folders a category may not take
//! are `model::RESERVED`.)

use super::indexes::Indexes;
use super::search;
use crate::model::{Config, PAGES_DIR, REPORTS_DIR, SEARCH_DIR, Site, TAGS_DIR};

/// A sitemap holds at most 50,000 addresses (sitemaps.org); a larger site
/// gets `sitemap-1.xml`, `sitemap-2.xml` … and an index in `sitemap.xml`.
pub const SITEMAP_MAX: usize = 50_000;

/// Where a page of the output comes from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Route {
    /// An article page, by index in publication order.
    Article(usize),
    /// An index into the listing pages (`Prepared::jobs`).
    Listing(usize),
    /// The tag index, /the/.
    TagIndex,
    /// 404.html.
    NotFound,
    /// The search page.
    Search,
    /// The Atom feed.
    Feed,
    /// The search index's manifest, `tim-kiem/chi-muc.json`.
    SearchManifest,
    /// Term shard N of the search index.
    SearchShard(usize),
    /// Document chunk N of the search index.
    SearchDocs(usize),
    /// `sitemap.xml`, or part N of a split sitemap.
    Sitemap(usize),
    /// A theme file, by index in the assets.
    Asset(usize),
    /// A report page, by index.
    Report(usize),
    /// The Word file of report k.
    ReportDocx(usize),
    /// The report list, /bao-cao/.
    Reports,
}

/// A listing: the home page, a category or a tag, split into pages.
pub(crate) struct Listing {
    /// "" for the home page, "to-chuc-dang" for a category, "the/dang" for a tag.
    pub(crate) dir: String,
    pub(crate) title: String,
    pub(crate) kind: &'static str,
    pub(crate) items: Vec<usize>,
}

/// The address of the folder `dir` under the base path.
pub fn url_of(base_path: &str, dir: &str) -> String {
    if dir.is_empty() {
        format!("{base_path}/")
    } else {
        format!("{base_path}/{dir}/")
    }
}

pub(crate) fn page_dir(dir: &str, n: usize) -> String {
    match (dir.is_empty(), n) {
        (_, 1) => dir.to_string(),
        (true, n) => format!("{PAGES_DIR}/{n}"),
        (false, n) => format!("{dir}/{PAGES_DIR}/{n}"),
    }
}

pub(crate) fn index_file(dir: &str) -> String {
    if dir.is_empty() {
        "index.html".into()
    } else {
        format!("{dir}/index.html")
    }
}

/// Where an article's page goes.
pub(crate) fn article_path(category: &str, slug: &str) -> String {
    format!("{category}/{slug}/index.html")
}

/// Where a report's page goes (and its list, for `None`).
pub fn report_path(name: Option<&str>) -> String {
    match name {
        Some(n) => format!("{REPORTS_DIR}/{n}/index.html"),
        None => format!("{REPORTS_DIR}/index.html"),
    }
}

/// `bao-cao/NAME/NAME.docx`: the report as a Word file.
pub fn report_docx_path(name: &str) -> String {
    format!("{REPORTS_DIR}/{name}/{name}.docx")
}

/// `sitemap.xml`, or part N of a split sitemap.
pub(crate) fn sitemap_name(part: usize) -> String {
    if part == 0 {
        "sitemap.xml".to_string()
    } else {
        format!("sitemap-{part}.xml")
    }
}

/// The home page, one listing per category and one per tag, and the pages
/// of each: (listing, page number, number of pages).
pub(crate) fn listings(
    cfg: &Config,
    idx: &Indexes,
    articles: usize,
) -> (Vec<Listing>, Vec<(usize, usize, usize)>) {
    let mut listings = vec![Listing {
        dir: String::new(),
        title: cfg.title.clone(),
        kind: "home",
        items: (0..articles).collect(),
    }];
    for c in &cfg.categories {
        listings.push(Listing {
            dir: c.key.clone(),
            title: c.name.clone(),
            kind: "category",
            items: idx.by_category.get(&c.key).cloned().unwrap_or_default(),
        });
    }
    for k in &idx.tag_keys {
        listings.push(Listing {
            dir: idx.tag_dir(k),
            title: idx.tag_names[k].clone(),
            kind: "tag",
            items: idx.by_tag[k].clone(),
        });
    }
    let per_page = cfg.per_page.max(1);
    let mut jobs = Vec::new();
    for (li, l) in listings.iter().enumerate() {
        let total = l.items.len().div_ceil(per_page).max(1);
        jobs.extend((1..=total).map(|n| (li, n, total)));
    }
    (listings, jobs)
}

/// How many parts the sitemap is split into (0: one file).
pub(crate) fn sitemap_parts(urls: usize) -> usize {
    if urls <= SITEMAP_MAX {
        0
    } else {
        urls.div_ceil(SITEMAP_MAX)
    }
}

/// The pages a sitemap lists besides articles and listings: the tag
/// index, the report list and every published report that is not a draft.
pub(crate) fn sitemap_extra_dirs(site: &Site) -> Vec<String> {
    let mut dirs = vec![TAGS_DIR.to_string(), REPORTS_DIR.to_string()];
    dirs.extend(
        site.reports
            .iter()
            .filter(|r| !r.draft && r.publish)
            .map(|r| format!("{REPORTS_DIR}/{}", r.name)),
    );
    dirs
}

fn sitemap_extra(site: &Site) -> usize {
    2 + site
        .reports
        .iter()
        .filter(|r| !r.draft && r.publish)
        .count()
}

/// Every output path, in the order a build writes them.
pub(crate) fn table(
    site: &Site,
    published: &[usize],
    listings: &[Listing],
    jobs: &[(usize, usize, usize)],
    assets: &[(String, String)],
    search_docs: usize,
    internal_reports: bool,
) -> Vec<(String, Route)> {
    let mut t = Vec::with_capacity(published.len() + jobs.len() + 16 + site.reports.len());
    for (rank, &i) in published.iter().enumerate() {
        let a = &site.articles[i];
        t.push((article_path(&a.category, &a.slug), Route::Article(rank)));
    }
    for (j, &(li, n, _)) in jobs.iter().enumerate() {
        t.push((
            index_file(&page_dir(&listings[li].dir, n)),
            Route::Listing(j),
        ));
    }
    t.push((format!("{TAGS_DIR}/index.html"), Route::TagIndex));
    t.push(("404.html".into(), Route::NotFound));
    t.push((format!("{SEARCH_DIR}/index.html"), Route::Search));
    t.push(("feed.xml".into(), Route::Feed));
    t.push((search::manifest_path(), Route::SearchManifest));
    for k in 0..search::shard_count(search_docs) {
        t.push((search::shard_path(k), Route::SearchShard(k)));
    }
    for k in 0..search::doc_chunks(search_docs) {
        t.push((search::docs_path(k), Route::SearchDocs(k)));
    }
    for part in 0..=sitemap_parts(published.len() + jobs.len() + sitemap_extra(site)) {
        t.push((sitemap_name(part), Route::Sitemap(part)));
    }
    for (k, (name, _)) in assets.iter().enumerate() {
        t.push((format!("assets/{name}"), Route::Asset(k)));
    }
    for (k, r) in site.reports.iter().enumerate() {
        if !r.publish && !internal_reports {
            continue;
        }
        t.push((report_path(Some(&r.name)), Route::Report(k)));
        t.push((report_docx_path(&r.name), Route::ReportDocx(k)));
    }
    t.push((report_path(None), Route::Reports));
    t
}
