//! The news website: article pages, paginated listings, tags, feed,
//! sitemap, search index. Markdown is parsed once per article; related
//! lists and listings come from indexes built once; pages render in parallel.

use std::collections::{HashMap, HashSet};
use std::sync::Arc;
use std::time::Instant;

use jiff::civil::DateTime;
use rayon::prelude::*;
use serde::Serialize;
use tera::{Context, Tera};

use crate::diag::{Diagnostics, Pos};
use crate::figures;
use crate::model::{Article, BodySource, Site};
use crate::output::Sink;
use crate::render::markdown::{self, MdInput};
use crate::render::{news, report, templates};
use crate::text::{first_paragraph, summary_of, truncate_words};
use crate::vn;

/// What to publish and how.
#[derive(Debug, Clone)]
pub struct BuildOptions {
    pub include_drafts: bool,
    pub include_future: bool,
    /// Show a "BẢN NHÁP" badge on drafts and future-dated articles (serve).
    pub mark_drafts: bool,
    /// Local time now, in the site's offset.
    pub now: DateTime,
    /// HTML inserted before `</body>` of every page (the live-reload script of serve).
    pub inject: Option<String>,
    /// Overrides site.yaml's base_url (`build --base-url`).
    pub base_url: Option<String>,
    /// Copy content/static into the output (serve reads it from disk instead).
    pub copy_static: bool,
    /// Bodies not kept in memory are read through this.
    pub bodies: Arc<dyn BodySource>,
}

impl BuildOptions {
    /// `chibo build`: published articles only (drafts and future-dated ones
    /// too with `--drafts`), static files copied.
    pub fn publish(
        now: DateTime,
        drafts: bool,
        base_url: Option<String>,
        bodies: Arc<dyn BodySource>,
    ) -> Self {
        BuildOptions {
            include_drafts: drafts,
            include_future: drafts,
            mark_drafts: false,
            now,
            inject: None,
            base_url,
            copy_static: true,
            bodies,
        }
    }

    /// `chibo check`: every article, drafts included, nothing copied.
    pub fn check(now: DateTime, bodies: Arc<dyn BodySource>) -> Self {
        BuildOptions {
            include_drafts: true,
            include_future: true,
            mark_drafts: false,
            now,
            inject: None,
            base_url: None,
            copy_static: false,
            bodies,
        }
    }

    /// `chibo serve`: every article, drafts marked, the live-reload script
    /// in every page, photos served from disk.
    pub fn preview(
        now: DateTime,
        script: String,
        base_url: String,
        bodies: Arc<dyn BodySource>,
    ) -> Self {
        BuildOptions {
            include_drafts: true,
            include_future: true,
            mark_drafts: true,
            now,
            inject: Some(script),
            base_url: Some(base_url),
            copy_static: false,
            bodies,
        }
    }
}

#[derive(Debug, Default, Clone, Serialize)]
pub struct BuildStats {
    pub articles: usize,
    pub pages: usize,
    pub files: usize,
    pub skipped_drafts: usize,
    pub skipped_future: usize,
    pub timings: Vec<(String, f64)>,
}

#[derive(Serialize, Clone)]
struct CategoryView {
    key: String,
    name: String,
    url: String,
}

#[derive(Serialize, Clone)]
struct TagRef {
    name: String,
    url: String,
}

/// What listings, related lists and feeds show of an article.
#[derive(Serialize, Clone)]
struct Card {
    title: String,
    url: String,
    permalink: String,
    /// "2023-11-02 15:03"
    date: String,
    /// "2023-11-02T15:03:00+07:00"
    date_rfc3339: String,
    /// "02-11-2023 15:03"
    timestamp: String,
    /// "02-11-2023"
    day: String,
    category: CategoryView,
    tags: Vec<TagRef>,
    summary: String,
    draft: bool,
}

#[derive(Serialize)]
struct PageView<'a> {
    #[serde(flatten)]
    card: &'a Card,
    content: &'a str,
    /// The `summary:` of the front matter, printed as the lead.
    lead: Option<&'a str>,
    author: Option<&'a str>,
    unit: &'a str,
    byline: String,
    headings: &'a [(u8, String, String)],
    source: &'a str,
}

#[derive(Serialize)]
struct PagerLink {
    number: usize,
    url: String,
    current: bool,
}

#[derive(Serialize)]
struct Paginator {
    current: usize,
    total: usize,
    prev_url: Option<String>,
    next_url: Option<String>,
    /// Page links around the current one; `number == 0` marks a gap ("…").
    links: Vec<PagerLink>,
}

#[derive(Serialize)]
struct TagView {
    name: String,
    url: String,
    count: usize,
}

#[derive(Serialize)]
struct SiteView<'a> {
    title: &'a str,
    description: &'a str,
    base_url: &'a str,
    base_path: &'a str,
    language: &'a str,
    unit: UnitView<'a>,
    term_label: &'a str,
    categories: &'a [CategoryView],
    year: i16,
}

#[derive(Serialize)]
struct UnitView<'a> {
    name: &'a str,
    superior: &'a str,
    place: &'a str,
}

/// A listing: the home page, a category or a tag, split into pages.
struct Listing {
    /// "" for the home page, "to-chuc-dang" for a category, "the/dang" for a tag.
    dir: String,
    title: String,
    kind: &'static str,
    items: Vec<usize>,
}

pub fn url_of(base_path: &str, dir: &str) -> String {
    if dir.is_empty() {
        format!("{base_path}/")
    } else {
        format!("{base_path}/{dir}/")
    }
}

fn page_dir(dir: &str, n: usize) -> String {
    match (dir.is_empty(), n) {
        (_, 1) => dir.to_string(),
        (true, n) => format!("trang/{n}"),
        (false, n) => format!("{dir}/trang/{n}"),
    }
}

fn index_file(dir: &str) -> String {
    if dir.is_empty() {
        "index.html".into()
    } else {
        format!("{dir}/index.html")
    }
}

fn paginator(dir: &str, base_path: &str, current: usize, total: usize) -> Paginator {
    let url = |n: usize| url_of(base_path, &page_dir(dir, n));
    let mut links = Vec::new();
    let mut last_pushed = 0;
    for n in 1..=total {
        let near = n == 1 || n == total || n.abs_diff(current) <= 2;
        if near {
            if last_pushed != 0 && n > last_pushed + 1 {
                links.push(PagerLink {
                    number: 0,
                    url: String::new(),
                    current: false,
                });
            }
            links.push(PagerLink {
                number: n,
                url: url(n),
                current: n == current,
            });
            last_pushed = n;
        }
    }
    Paginator {
        current,
        total,
        prev_url: (current > 1).then(|| url(current - 1)),
        next_url: (current < total).then(|| url(current + 1)),
        links,
    }
}

/// Up to 5 other articles of the same category or sharing a tag, nearest in
/// time. `lists` are the category and tag listings the article is in, each
/// sorted newest first by rank; only neighbours of the article in each list
/// are looked at, so the cost does not grow with the size of the site.
fn related(rank: usize, lists: &[&[usize]], dates: &[i64]) -> Vec<usize> {
    let mut cand: Vec<usize> = Vec::with_capacity(lists.len() * 10);
    for list in lists {
        let Ok(pos) = list.binary_search(&rank) else {
            continue;
        };
        let lo = pos.saturating_sub(5);
        let hi = (pos + 6).min(list.len());
        cand.extend(list[lo..hi].iter().copied().filter(|&r| r != rank));
    }
    cand.sort_unstable();
    cand.dedup();
    cand.sort_by_key(|&r| ((dates[r] - dates[rank]).abs(), r));
    cand.truncate(5);
    cand
}

fn minutes(dt: DateTime) -> i64 {
    let d = dt.date();
    let days = d
        .since(jiff::civil::date(1970, 1, 1))
        .map(|s| s.get_days() as i64)
        .unwrap_or(0);
    days * 1440 + dt.hour() as i64 * 60 + dt.minute() as i64
}

/// How many of the newest articles the feed carries in full.
const FEED_ENTRIES: usize = 20;

/// Where a page of the output comes from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Route {
    Article(usize),
    /// An index into [`Prepared::jobs`]: one page of one listing.
    Listing(usize),
    TagIndex,
    NotFound,
    Search,
    Feed,
    SearchIndex,
    /// `sitemap.xml`, or part N of a split sitemap.
    Sitemap(usize),
    Asset(usize),
    Report(usize),
    Reports,
}

/// A site ready to render: templates compiled, articles ordered, cards,
/// indexes and listings built, every output path mapped to its page. Any
/// one page can then be rendered alone (the preview renders on request);
/// [`render_all`] renders them all (build, check).
pub struct Prepared {
    pub site: Arc<Site>,
    pub opts: BuildOptions,
    tera: Tera,
    data: templates::EngineData,
    base_url: String,
    base_path: String,
    /// Indexes into `site.articles`, newest first.
    published: Vec<usize>,
    leads: Vec<Option<String>>,
    templated: Vec<Option<String>>,
    cards: Vec<Card>,
    by_category: HashMap<String, Vec<usize>>,
    by_tag: HashMap<String, Vec<usize>>,
    tag_names: HashMap<String, String>,
    tag_keys: Vec<String>,
    tag_slug: HashMap<String, String>,
    dates: Vec<i64>,
    listings: Vec<Listing>,
    /// (listing, page number, number of pages)
    jobs: Vec<(usize, usize, usize)>,
    static_set: HashSet<String>,
    assets: Vec<(String, String)>,
    pub routes: HashMap<String, Route>,
    pub stats: BuildStats,
}

/// Renders the whole site into `sink`. Problems go to `diags`; the caller
/// decides whether the result may be published.
pub fn render_site(
    site: &Site,
    opts: &BuildOptions,
    sink: &dyn Sink,
    diags: &mut Diagnostics,
) -> BuildStats {
    // The build owns its site; an Arc of a clone costs little (articles are
    // shared through their own Arcs).
    match prepare(Arc::new(site.clone()), opts, diags) {
        Some(p) => render_all(&p, sink, diags),
        None => BuildStats::default(),
    }
}

fn lap(stats: &mut BuildStats, clock: &mut Instant, name: &str) {
    stats
        .timings
        .push((name.to_string(), clock.elapsed().as_secs_f64()));
    *clock = Instant::now();
}

/// Everything but the pages. `None` only when no template engine could be
/// built at all.
pub fn prepare(site: Arc<Site>, opts: &BuildOptions, diags: &mut Diagnostics) -> Option<Prepared> {
    let mut stats = BuildStats::default();
    let mut clock = Instant::now();
    let cfg = &site.config;
    let base_url = opts
        .base_url
        .clone()
        .unwrap_or_else(|| cfg.base_url.clone());
    let base_url = base_url.trim_end_matches('/').to_string();
    let base_path = match base_url
        .split_once("://")
        .and_then(|(_, r)| r.find('/').map(|i| r[i..].to_string()))
    {
        Some(p) => p.trim_end_matches('/').to_string(),
        None => String::new(),
    };

    // Which articles are published, newest first.
    let mut published: Vec<usize> = Vec::with_capacity(site.articles.len());
    for (i, a) in site.articles.iter().enumerate() {
        if a.draft && !opts.include_drafts {
            stats.skipped_drafts += 1;
        } else if a.date > opts.now && !opts.include_future {
            stats.skipped_future += 1;
        } else {
            published.push(i);
        }
    }
    published.sort_by(|&a, &b| {
        let (a, b) = (&site.articles[a], &site.articles[b]);
        b.date.cmp(&a.date).then_with(|| a.source.cmp(&b.source))
    });
    stats.articles = published.len();

    let categories: Vec<CategoryView> = cfg
        .categories
        .iter()
        .map(|c| CategoryView {
            key: c.key.clone(),
            name: c.name.clone(),
            url: url_of(&base_path, &c.key),
        })
        .collect();

    // Templates, compiled once; Markdown bodies may use them too.
    let data = templates::EngineData::of(&site);
    let mut tera = templates::engine(&site.templates, &data, diags).or_else(|| {
        // The site's templates are broken (reported above): carry on with the
        // built-in theme so that every other problem is found in the same run.
        templates::engine(&[], &data, &mut Diagnostics::default())
    })?;
    tera.global_context().insert(
        "site",
        &SiteView {
            title: &cfg.title,
            description: &cfg.description,
            base_url: &base_url,
            base_path: &base_path,
            language: &cfg.language,
            unit: UnitView {
                name: &cfg.unit.name,
                superior: &cfg.unit.superior,
                place: &cfg.unit.place,
            },
            term_label: &cfg.term.label,
            categories: &categories,
            year: opts.now.year(),
        },
    );

    // Leads and summaries. A body that is a template is rendered here once
    // and kept; other bodies are rendered with their page.
    let prepared: Vec<(Option<String>, Option<String>, String, Diagnostics)> = published
        .par_iter()
        .map(|&i| {
            let a = &site.articles[i];
            let mut d = Diagnostics::default();
            let lead = match a.activity {
                Some(i) => news::lead(&tera, &site.activities[i], &site, &mut d),
                None => a.summary.clone(),
            };
            let templated = crate::text::body_syntax::needs_templating(&a.body)
                .then(|| template_body(&tera, &site, a, &mut d));
            let summary = match (&lead, &templated) {
                (Some(l), _) => summary_of(l),
                (None, Some(t)) => summary_of(&first_paragraph(t)),
                // Cut to length when the article was loaded.
                (None, None) => a.excerpt.clone(),
            };
            (lead, templated, summary, d)
        })
        .collect();
    let mut leads = Vec::with_capacity(prepared.len());
    let mut templated = Vec::with_capacity(prepared.len());
    let mut summaries = Vec::with_capacity(prepared.len());
    for (lead, t, summary, d) in prepared {
        diags.extend(d);
        leads.push(lead);
        templated.push(t);
        summaries.push(summary);
    }
    super::loose::check(&site, &base_path, diags);
    lap(&mut stats, &mut clock, "summaries");

    // Indexes: categories and tags → ranks (newest first).
    let mut by_category: HashMap<String, Vec<usize>> = HashMap::new();
    let mut tag_names: HashMap<String, String> = HashMap::new();
    let mut by_tag: HashMap<String, Vec<usize>> = HashMap::new();
    for (rank, &i) in published.iter().enumerate() {
        let a = &site.articles[i];
        by_category
            .entry(a.category.clone())
            .or_default()
            .push(rank);
        for t in &a.tags {
            let key = t.to_lowercase();
            tag_names.entry(key.clone()).or_insert_with(|| t.clone());
            let list = by_tag.entry(key).or_default();
            if list.last() != Some(&rank) {
                list.push(rank);
            }
        }
    }
    let dates: Vec<i64> = published
        .iter()
        .map(|&i| minutes(site.articles[i].date))
        .collect();
    // Tags in Vietnamese order; tags whose slugs collide once tone marks are
    // stripped ("Ân", "An") stay distinct and get "-2", "-3" in that order.
    let coll = vn::collator();
    let mut tag_keys: Vec<String> = by_tag.keys().cloned().collect();
    tag_keys
        .sort_by(|a, b| vn::compare(&coll, &tag_names[a], &tag_names[b]).then_with(|| a.cmp(b)));
    let mut tag_slug: HashMap<String, String> = HashMap::with_capacity(tag_keys.len());
    let mut slug_used: HashMap<String, usize> = HashMap::new();
    for k in &tag_keys {
        let base = vn::slugify(k);
        let n = slug_used.entry(base.clone()).or_insert(0);
        *n += 1;
        let slug = if *n == 1 { base } else { format!("{base}-{n}") };
        tag_slug.insert(k.clone(), slug);
    }

    let cards: Vec<Card> = published
        .par_iter()
        .zip(summaries.into_par_iter())
        .map(|(&i, summary)| {
            let a = &site.articles[i];
            let cat = categories
                .iter()
                .find(|c| c.key == a.category)
                .cloned()
                .unwrap_or_else(|| CategoryView {
                    key: a.category.clone(),
                    name: a.category.clone(),
                    url: url_of(&base_path, &a.category),
                });
            let dir = format!("{}/{}", a.category, a.slug);
            Card {
                title: a.title.clone(),
                url: url_of(&base_path, &dir),
                permalink: format!("{base_url}/{dir}/"),
                date: vn::iso_minute(a.date),
                date_rfc3339: vn::rfc3339(a.date, cfg.offset_minutes),
                timestamp: vn::timestamp(a.date),
                day: vn::dash_date(a.date.date()),
                category: cat,
                tags: a
                    .tags
                    .iter()
                    .map(|t| {
                        let key = t.to_lowercase();
                        TagRef {
                            name: tag_names.get(&key).cloned().unwrap_or_else(|| t.clone()),
                            url: url_of(&base_path, &format!("the/{}", tag_slug[&key])),
                        }
                    })
                    .collect(),
                summary,
                draft: opts.mark_drafts && (a.draft || a.date > opts.now),
            }
        })
        .collect();

    // Listings and their pages.
    let mut listings = vec![Listing {
        dir: String::new(),
        title: cfg.title.clone(),
        kind: "home",
        items: (0..published.len()).collect(),
    }];
    for c in &cfg.categories {
        listings.push(Listing {
            dir: c.key.clone(),
            title: c.name.clone(),
            kind: "category",
            items: by_category.get(&c.key).cloned().unwrap_or_default(),
        });
    }
    for k in &tag_keys {
        listings.push(Listing {
            dir: format!("the/{}", tag_slug[k]),
            title: tag_names[k].clone(),
            kind: "tag",
            items: by_tag[k].clone(),
        });
    }
    let per_page = cfg.per_page.max(1);
    let mut jobs = Vec::new();
    for (li, l) in listings.iter().enumerate() {
        let total = l.items.len().div_ceil(per_page).max(1);
        jobs.extend((1..=total).map(|n| (li, n, total)));
    }

    // Every output path and where it comes from.
    let assets = templates::assets(&site.templates);
    let urls = published.len() + jobs.len();
    let sitemap_parts = if urls <= SITEMAP_MAX {
        0
    } else {
        urls.div_ceil(SITEMAP_MAX)
    };
    let mut routes: HashMap<String, Route> = HashMap::with_capacity(urls + 16 + site.reports.len());
    for (rank, &i) in published.iter().enumerate() {
        let a = &site.articles[i];
        routes.insert(
            format!("{}/{}/index.html", a.category, a.slug),
            Route::Article(rank),
        );
    }
    for (j, &(li, n, _)) in jobs.iter().enumerate() {
        routes.insert(
            index_file(&page_dir(&listings[li].dir, n)),
            Route::Listing(j),
        );
    }
    routes.insert("the/index.html".into(), Route::TagIndex);
    routes.insert("404.html".into(), Route::NotFound);
    routes.insert("tim-kiem/index.html".into(), Route::Search);
    routes.insert("feed.xml".into(), Route::Feed);
    routes.insert("search-index.json".into(), Route::SearchIndex);
    routes.insert("sitemap.xml".into(), Route::Sitemap(0));
    for part in 1..=sitemap_parts {
        routes.insert(format!("sitemap-{part}.xml"), Route::Sitemap(part));
    }
    for (k, (name, _)) in assets.iter().enumerate() {
        routes.insert(format!("assets/{name}"), Route::Asset(k));
    }
    for (k, r) in site.reports.iter().enumerate() {
        routes.insert(format!("bao-cao/{}/index.html", r.name), Route::Report(k));
    }
    routes.insert("bao-cao/index.html".into(), Route::Reports);
    lap(&mut stats, &mut clock, "indexes");

    Some(Prepared {
        static_set: site.static_files.iter().cloned().collect(),
        site,
        opts: opts.clone(),
        tera,
        data,
        base_url,
        base_path,
        published,
        leads,
        templated,
        cards,
        by_category,
        by_tag,
        tag_names,
        tag_keys,
        tag_slug,
        dates,
        listings,
        jobs,
        assets,
        routes,
        stats,
    })
}

impl Prepared {
    fn article(&self, rank: usize) -> &Article {
        &self.site.articles[self.published[rank]]
    }

    /// The rank of the published article from `source`, if any.
    pub fn rank_of(&self, source: &str) -> Option<usize> {
        self.published
            .iter()
            .position(|&i| self.site.articles[i].source == source)
    }

    fn render(&self, name: &str, ctx: &Context, d: &mut Diagnostics) -> Option<Vec<u8>> {
        let mut out = Vec::with_capacity(16 * 1024);
        match self.tera.render_to(name, ctx, &mut out) {
            Ok(()) => Some(out),
            Err(e) => {
                templates::report_error(&e, None, d);
                None
            }
        }
    }

    /// The Markdown of an article rendered to HTML (figures, photos).
    fn article_html(&self, rank: usize, d: &mut Diagnostics) -> markdown::MdOutput {
        let a = self.article(rank);
        let from_disk;
        let body: &str = match (&self.templated[rank], a.body_on_disk) {
            (Some(t), _) => t,
            (None, false) => &a.body,
            (None, true) => {
                from_disk = self.opts.bodies.body(a, d).unwrap_or_default();
                &from_disk
            }
        };
        let mut md = markdown::render(
            &MdInput {
                body,
                path: &a.source,
                first_line: a.body_line,
                static_files: &self.static_set,
                base_path: &self.base_path,
                unsafe_html: self.site.config.unsafe_html,
                first_paragraph_is_lead: self.leads[rank].is_none(),
                trusted: &|req: &str| super::figures_html::trusted_html(&self.data, req),
            },
            d,
        );
        // Photos of a log entry (checked when the log was loaded).
        for (src, caption) in &a.photos {
            md.html.push_str(&markdown::figure_html(
                &format!("{}/{src}", self.base_path),
                caption,
                caption,
            ));
        }
        md
    }

    /// An article page, and its HTML body (the feed reuses it).
    pub fn render_article(&self, rank: usize, d: &mut Diagnostics) -> Option<(Vec<u8>, String)> {
        let a = self.article(rank);
        let md = self.article_html(rank, d);
        let mut lists: Vec<&[usize]> = Vec::with_capacity(1 + a.tags.len());
        if let Some(l) = self.by_category.get(&a.category) {
            lists.push(l);
        }
        for t in &a.tags {
            if let Some(l) = self.by_tag.get(&t.to_lowercase()) {
                lists.push(l);
            }
        }
        let rel: Vec<&Card> = related(rank, &lists, &self.dates)
            .into_iter()
            .map(|r| &self.cards[r])
            .collect();
        let unit = a.unit.as_deref().unwrap_or(&self.site.config.unit.name);
        let byline = match &a.author {
            Some(name) => format!("{name}, {unit}"),
            None => unit.to_string(),
        };
        let view = PageView {
            card: &self.cards[rank],
            content: &md.html,
            lead: self.leads[rank].as_deref(),
            author: a.author.as_deref(),
            unit,
            byline,
            headings: &md.headings,
            source: &a.source,
        };
        let mut ctx = Context::new();
        ctx.insert("page", &view);
        ctx.insert("related", &rel);
        let page = self.render("article.html", &ctx, d)?;
        Some((page, md.html))
    }

    pub fn render_listing(&self, job: usize, d: &mut Diagnostics) -> Option<Vec<u8>> {
        let (li, n, total) = self.jobs[job];
        let l = &self.listings[li];
        let per_page = self.site.config.per_page.max(1);
        let start = (n - 1) * per_page;
        let end = (start + per_page).min(l.items.len());
        let pages: Vec<&Card> = l.items[start..end]
            .iter()
            .map(|&r| &self.cards[r])
            .collect();
        let mut ctx = Context::new();
        ctx.insert("pages", &pages);
        ctx.insert("paginator", &paginator(&l.dir, &self.base_path, n, total));
        ctx.insert("title", &l.title);
        ctx.insert("kind", l.kind);
        ctx.insert("count", &l.items.len());
        ctx.insert("url", &url_of(&self.base_path, &page_dir(&l.dir, n)));
        self.render("list.html", &ctx, d)
    }

    fn render_tag_index(&self, d: &mut Diagnostics) -> Option<Vec<u8>> {
        let tags: Vec<TagView> = self
            .tag_keys
            .iter()
            .map(|k| TagView {
                name: self.tag_names[k].clone(),
                url: url_of(&self.base_path, &format!("the/{}", self.tag_slug[k])),
                count: self.by_tag[k].len(),
            })
            .collect();
        let mut ctx = Context::new();
        ctx.insert("tags", &tags);
        self.render("tags.html", &ctx, d)
    }

    /// The feed, given the HTML of the newest articles (rendered if `None`).
    fn render_feed(&self, html: Option<Vec<String>>, d: &mut Diagnostics) -> Option<Vec<u8>> {
        let n = self.cards.len().min(FEED_ENTRIES);
        let html = html.unwrap_or_else(|| (0..n).map(|r| self.article_html(r, d).html).collect());
        #[derive(Serialize)]
        struct Entry<'a> {
            #[serde(flatten)]
            card: &'a Card,
            content: &'a str,
        }
        let entries: Vec<Entry<'_>> = self
            .cards
            .iter()
            .zip(&html)
            .map(|(card, h)| Entry { card, content: h })
            .collect();
        let mut ctx = Context::new();
        ctx.insert("entries", &entries);
        ctx.insert(
            "updated",
            &self.cards.first().map_or_else(
                || vn::rfc3339(self.opts.now, self.site.config.offset_minutes),
                |c| c.date_rfc3339.clone(),
            ),
        );
        self.render("feed.xml", &ctx, d)
    }

    fn sitemap_files(&self) -> Vec<(String, String)> {
        let mut urls: Vec<(String, Option<&str>)> =
            Vec::with_capacity(self.cards.len() + self.jobs.len());
        for &(li, n, _) in &self.jobs {
            let dir = page_dir(&self.listings[li].dir, n);
            urls.push((
                if dir.is_empty() {
                    format!("{}/", self.base_url)
                } else {
                    format!("{}/{dir}/", self.base_url)
                },
                None,
            ));
        }
        for c in &self.cards {
            urls.push((c.permalink.clone(), Some(&c.date_rfc3339)));
        }
        sitemaps(
            &self.base_url,
            &urls,
            &self.opts.now,
            self.site.config.offset_minutes,
        )
    }

    fn render_reports(&self, only: Option<usize>, d: &mut Diagnostics) -> Vec<(String, Vec<u8>)> {
        let mem = crate::output::MemSink::default();
        let names: Option<Vec<String>> = only.map(|k| vec![self.site.reports[k].name.clone()]);
        report::render_reports(
            &self.site,
            &self.tera,
            &self.data,
            &self.base_path,
            names.as_deref(),
            &mem,
            d,
        );
        mem.files
            .into_inner()
            .unwrap_or_default()
            .into_iter()
            .collect()
    }

    /// The live-reload script (serve), before `</body>` of HTML pages.
    fn finish(&self, rel: &str, mut bytes: Vec<u8>) -> Vec<u8> {
        if let (Some(script), true) = (&self.opts.inject, rel.ends_with(".html")) {
            let at = bytes
                .windows(7)
                .rposition(|w| w == b"</body>")
                .unwrap_or(bytes.len());
            bytes.splice(at..at, script.bytes());
        }
        bytes
    }

    /// One output file by its path ("to-chuc-dang/a/index.html"), rendered
    /// now; `None` when no such page (or when it fails: see `d`).
    pub fn render_path(&self, rel: &str, d: &mut Diagnostics) -> Option<Vec<u8>> {
        let bytes = match *self.routes.get(rel)? {
            Route::Article(rank) => self.render_article(rank, d).map(|(p, _)| p),
            Route::Listing(job) => self.render_listing(job, d),
            Route::TagIndex => self.render_tag_index(d),
            Route::NotFound => self.render("404.html", &Context::new(), d),
            Route::Search => self.render("search.html", &Context::new(), d),
            Route::Feed => self.render_feed(None, d),
            Route::SearchIndex => Some(search_index(&self.cards).into_bytes()),
            Route::Sitemap(part) => {
                let name = if part == 0 {
                    "sitemap.xml".to_string()
                } else {
                    format!("sitemap-{part}.xml")
                };
                self.sitemap_files()
                    .into_iter()
                    .find(|(n, _)| *n == name)
                    .map(|(_, x)| x.into_bytes())
            }
            Route::Asset(k) => Some(self.assets[k].1.clone().into_bytes()),
            Route::Report(k) => self
                .render_reports(Some(k), d)
                .into_iter()
                .next()
                .map(|(_, b)| b),
            Route::Reports => self
                .render_reports(None, d)
                .into_iter()
                .find(|(n, _)| n == "bao-cao/index.html")
                .map(|(_, b)| b),
        }?;
        Some(self.finish(rel, bytes))
    }
}

/// Renders every page of a prepared site into `sink`, in parallel.
pub fn render_all(p: &Prepared, sink: &dyn Sink, diags: &mut Diagnostics) -> BuildStats {
    let mut stats = p.stats.clone();
    let mut clock = Instant::now();
    let write = |rel: &str, bytes: Vec<u8>, d: &mut Diagnostics| {
        if let Err(e) = sink.write(rel, &p.finish(rel, bytes)) {
            d.error(
                "output",
                Pos::default(),
                format!("không ghi được `{rel}`: {e}"),
            );
        }
    };

    // Article pages: Markdown, page, file, one article at a time, so that
    // the HTML of the whole site never sits in memory at once. The newest
    // keep their HTML for the feed.
    let results: Vec<(Diagnostics, Option<String>)> = (0..p.published.len())
        .into_par_iter()
        .map(|rank| {
            let mut d = Diagnostics::default();
            let a = p.article(rank);
            let mut feed = None;
            if let Some((page, html)) = p.render_article(rank, &mut d) {
                write(
                    &format!("{}/{}/index.html", a.category, a.slug),
                    page,
                    &mut d,
                );
                feed = (rank < FEED_ENTRIES).then_some(html);
            }
            (d, feed)
        })
        .collect();
    let mut feed_html = Vec::new();
    for (d, html) in results {
        diags.extend(d);
        feed_html.extend(html);
    }
    stats.pages += p.published.len();
    lap(&mut stats, &mut clock, "articles");

    let list_diags: Vec<Diagnostics> = (0..p.jobs.len())
        .into_par_iter()
        .map(|job| {
            let mut d = Diagnostics::default();
            let (li, n, _) = p.jobs[job];
            if let Some(html) = p.render_listing(job, &mut d) {
                write(&index_file(&page_dir(&p.listings[li].dir, n)), html, &mut d);
            }
            d
        })
        .collect();
    for d in list_diags {
        diags.extend(d);
    }
    stats.pages += p.jobs.len();
    lap(&mut stats, &mut clock, "listings");

    let mut d = Diagnostics::default();
    if let Some(html) = p.render_tag_index(&mut d) {
        write("the/index.html", html, &mut d);
    }
    if let Some(html) = p.render("404.html", &Context::new(), &mut d) {
        write("404.html", html, &mut d);
    }
    if let Some(html) = p.render("search.html", &Context::new(), &mut d) {
        write("tim-kiem/index.html", html, &mut d);
    }
    let feed_html = if feed_html.len() == p.cards.len().min(FEED_ENTRIES) {
        Some(feed_html)
    } else {
        None
    };
    if let Some(xml) = p.render_feed(feed_html, &mut d) {
        write("feed.xml", xml, &mut d);
    }
    for (rel, xml) in p.sitemap_files() {
        write(&rel, xml.into_bytes(), &mut d);
    }
    write(
        "search-index.json",
        search_index(&p.cards).into_bytes(),
        &mut d,
    );
    stats.pages += 3;
    for (name, text) in &p.assets {
        write(&format!("assets/{name}"), text.clone().into_bytes(), &mut d);
    }
    diags.extend(d);
    lap(&mut stats, &mut clock, "feeds");
    let mut d = Diagnostics::default();
    let reports = p.render_reports(None, &mut d);
    for (rel, bytes) in reports {
        write(&rel, bytes, &mut d);
        stats.pages += 1;
    }
    diags.extend(d);
    lap(&mut stats, &mut clock, "reports");

    // Photos and files, as they are.
    let to_copy: &[String] = if p.opts.copy_static {
        &p.site.static_files
    } else {
        &[]
    };
    let copy_diags: Vec<Diagnostics> = to_copy
        .par_iter()
        .map(|rel| {
            let mut d = Diagnostics::default();
            if let Err(e) = sink.copy(rel, &p.site.root.join("content").join(rel)) {
                d.error(
                    &format!("content/{rel}"),
                    Pos::default(),
                    format!("không chép được tệp: {e}"),
                );
            }
            d
        })
        .collect();
    for d in copy_diags {
        diags.extend(d);
    }
    stats.files = stats.pages + p.site.static_files.len() + 3;
    lap(&mut stats, &mut clock, "static");
    stats
}

/// Renders an article body as a Tera template when it uses template syntax,
/// so that `{{ "kl-01-2021" | cite }}` works in Markdown. Errors point at
/// the line of the article file.
fn template_body(tera: &Tera, site: &Site, a: &Article, d: &mut Diagnostics) -> String {
    if !crate::text::body_syntax::needs_templating(&a.body) {
        return a.body.clone();
    }
    let mut ctx = Context::new();
    if let Some(p) = a.figures {
        ctx.insert(
            "figures",
            &figures::compute(&site.activities, p, site.config.attendance_denominator),
        );
    }
    ctx.insert("title", &a.title);
    ctx.insert("date", &vn::iso_minute(a.date));
    templates::render_body(tera, &a.body, &ctx, &a.source, a.body_line, d)
}

/// A sitemap holds at most 50,000 addresses (sitemaps.org); a larger site
/// gets `sitemap-1.xml`, `sitemap-2.xml` … and an index in `sitemap.xml`.
pub const SITEMAP_MAX: usize = 50_000;

/// The sitemap file(s): (path, XML). Written directly, not through a
/// template: a 100,000-address loop is the slowest thing a template can do.
fn sitemaps(
    base_url: &str,
    urls: &[(String, Option<&str>)],
    now: &DateTime,
    offset: i32,
) -> Vec<(String, String)> {
    let urlset = |chunk: &[(String, Option<&str>)]| {
        let mut x = String::with_capacity(chunk.len() * 120 + 200);
        x.push_str("<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">\n");
        for (loc, lastmod) in chunk {
            x.push_str("  <url><loc>");
            x.push_str(&crate::render::escape(loc));
            x.push_str("</loc>");
            if let Some(m) = lastmod {
                x.push_str("<lastmod>");
                x.push_str(m);
                x.push_str("</lastmod>");
            }
            x.push_str("</url>\n");
        }
        x.push_str("</urlset>\n");
        x
    };
    if urls.len() <= SITEMAP_MAX {
        return vec![("sitemap.xml".to_string(), urlset(urls))];
    }
    let mut files = Vec::new();
    let mut index = String::from(
        "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<sitemapindex xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">\n",
    );
    let stamp = vn::rfc3339(*now, offset);
    for (i, chunk) in urls.chunks(SITEMAP_MAX).enumerate() {
        let name = format!("sitemap-{}.xml", i + 1);
        index.push_str(&format!(
            "  <sitemap><loc>{base_url}/{name}</loc><lastmod>{stamp}</lastmod></sitemap>\n"
        ));
        files.push((name, urlset(chunk)));
    }
    index.push_str("</sitemapindex>\n");
    files.push(("sitemap.xml".to_string(), index));
    files
}

/// The search index: title, address, date, summary, and a folded text
/// (no tone marks, đ → d) that search.js matches the folded query against.
fn search_index(cards: &[Card]) -> String {
    #[derive(Serialize)]
    struct Item<'a> {
        t: &'a str,
        u: &'a str,
        d: &'a str,
        s: String,
        f: String,
    }
    // The summary is cut shorter here than on listings: the index is
    // downloaded whole by the search page.
    let items: Vec<Item<'_>> = cards
        .par_iter()
        .map(|c| {
            let tags: Vec<&str> = c.tags.iter().map(|t| t.name.as_str()).collect();
            let s = truncate_words(&c.summary, 160);
            let f = vn::fold(&format!(
                "{} {} {} {}",
                c.title,
                s,
                c.category.name,
                tags.join(" ")
            ));
            Item {
                t: &c.title,
                u: &c.url,
                d: &c.day,
                s,
                f,
            }
        })
        .collect();
    serde_json::to_string(&items).unwrap_or_else(|_| "[]".into())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn related_takes_the_nearest_in_time_from_category_and_tags() {
        // ranks 0..10, newest first; one day apart each.
        let dates: Vec<i64> = (0..10).rev().map(|i| i * 1440).collect();
        let cat: Vec<usize> = vec![0, 2, 4, 6, 8];
        let tag: Vec<usize> = vec![3, 4, 5, 7];
        let r = related(4, &[&cat, &tag], &dates);
        assert_eq!(r, vec![3, 5, 2, 6, 7]);
        assert!(!r.contains(&4));
    }

    #[test]
    fn paginator_links_prev_next_and_gaps() {
        let p = paginator("tin-tuc", "/chibo", 5, 10);
        assert_eq!(p.prev_url.as_deref(), Some("/chibo/tin-tuc/trang/4/"));
        assert_eq!(p.next_url.as_deref(), Some("/chibo/tin-tuc/trang/6/"));
        let nums: Vec<usize> = p.links.iter().map(|l| l.number).collect();
        assert_eq!(nums, vec![1, 0, 3, 4, 5, 6, 7, 0, 10]);
        let first = paginator("", "", 2, 2);
        assert_eq!(first.prev_url.as_deref(), Some("/"));
    }
}
