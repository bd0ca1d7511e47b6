//! The news website: article pages, paginated listings, tags, feed,
//! sitemap, search index. [`prepare`] reads the model once into a
//! [`Prepared`] site (indexes, cards, listings, the route table); any one
//! page can then be rendered alone (the preview) or all of them in
//! parallel ([`render_all`]: build, check).
//!
//! - `indexes`: publication order, categories, tags, related articles;
//! - `routes`: every output path, spelled once;
//! - `views`: what templates see;
//! - `feeds`: feed size, sitemap, search index;
//! - `pages`: rendering pages from the route table.

mod all;
mod feeds;
mod indexes;
mod links;
mod pages;
mod preview;
pub mod routes;
mod search;
mod views;

#[doc(hidden)]
pub use search::index_timing;

use std::collections::{HashMap, HashSet};
use std::sync::{Arc, OnceLock};
use std::time::Instant;

use jiff::civil::DateTime;
use rayon::prelude::*;
use serde::Serialize;
use tera::{Context, Tera};

use crate::diag::Diagnostics;
use crate::figures;
use crate::model::Sink;
use crate::model::{Article, BodySource, Site};
use crate::render::figures_html::EngineData;
use crate::render::{news, templates};
use crate::text::{first_paragraph, summary_of};
use crate::vn;

pub use all::render_all;
pub use routes::Route;
pub use routes::SITEMAP_MAX;

use indexes::Indexes;
use routes::Listing;
use views::{Base, Card, SiteView, UnitView};

/// What to publish and how.
#[derive(Debug, Clone)]
pub struct BuildOptions {
    /// Publish drafts (the preview).
    pub include_drafts: bool,
    /// Publish articles dated in the future (the preview).
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
    /// Render reports without `publish: true` too (the preview, check).
    pub internal_reports: bool,
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
            internal_reports: false,
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
            internal_reports: true,
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
            internal_reports: true,
            bodies,
        }
    }
}

/// What a build made.
#[derive(Debug, Default, Clone, Serialize)]
pub struct BuildStats {
    /// Articles published.
    pub articles: usize,
    /// Pages written.
    pub pages: usize,
    /// Drafts left out.
    pub skipped_drafts: usize,
    /// Future articles left out.
    pub skipped_future: usize,
    /// Seconds per step, for `--timings`.
    pub timings: Vec<(String, f64)>,
}

/// A site ready to render: templates compiled, articles ordered, cards,
/// indexes and listings built, every output path mapped to its page. Any
/// one page can then be rendered alone (the preview renders on request);
/// [`render_all`] renders them all (build, check).
///
/// Flat: each field is one thing computed once per build and read by many
/// pages; grouping them would only add a name to every read.
pub struct Prepared {
    /// The loaded site.
    pub site: Arc<Site>,
    /// What is published.
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
    idx: Indexes,
    listings: Vec<Listing>,
    /// (listing, page number, number of pages)
    jobs: Vec<(usize, usize, usize)>,
    static_set: HashSet<String>,
    assets: Vec<(String, String)>,
    /// Every output path and its page, in build order ([`routes::table`]).
    paths: Vec<(String, Route)>,
    /// Article sources → their address (`None`: not published by this
    /// build), for `@/…` links.
    sources: HashMap<String, Option<String>>,
    /// The same, by path: what the preview looks up.
    pub routes: HashMap<String, Route>,
    /// Ranks of the articles in the search index, in order: a rank's
    /// position here is its document number.
    search_docs: Vec<usize>,
    /// The search index files, made on first request (the preview).
    search_cache: OnceLock<HashMap<String, Vec<u8>>>,
    /// What was prepared.
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

pub(crate) fn lap(stats: &mut BuildStats, clock: &mut Instant, name: &str) {
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
    let base = base_of(&site, opts);
    let published = indexes::published_order(&site, opts, &mut stats);
    stats.articles = published.len();
    let categories = views::categories(&site.config, &base.path);
    let data = EngineData::of(&site);
    let tera = engine(&site, &data, &base, &categories, opts, diags)?;
    let (leads, templated, summaries) = summaries(&site, &tera, &published, diags);
    super::loose::check(&site, &base.path, diags);
    lap(&mut stats, &mut clock, "summaries");

    let idx = Indexes::build(&site, &published);
    let cards = views::cards(&site, &published, summaries, &idx, &categories, &base, opts);
    let (listings, jobs) = routes::listings(&site.config, &idx, published.len());
    let assets = templates::assets(&site.templates);
    // Drafts and articles dated in the future (the preview shows them)
    // never enter the search index.
    let search_docs: Vec<usize> = (0..published.len())
        .filter(|&r| {
            let a = &site.articles[published[r]];
            !a.draft && a.date <= opts.now
        })
        .collect();
    let paths = routes::table(
        &site,
        &published,
        &listings,
        &jobs,
        &assets,
        search_docs.len(),
        opts.internal_reports,
    );
    let routes = paths.iter().cloned().collect();
    let sources = links::sources(&site, &published, &cards);
    lap(&mut stats, &mut clock, "indexes");

    Some(Prepared {
        static_set: site.static_files.iter().cloned().collect(),
        site,
        opts: opts.clone(),
        tera,
        data,
        base_url: base.url,
        base_path: base.path,
        published,
        leads,
        templated,
        cards,
        idx,
        listings,
        jobs,
        assets,
        paths,
        routes,
        sources,
        search_docs,
        search_cache: OnceLock::new(),
        stats,
    })
}

/// The base address (`--base-url` over site.yaml) and its path part.
fn base_of(site: &Site, opts: &BuildOptions) -> Base {
    let url = opts
        .base_url
        .clone()
        .unwrap_or_else(|| site.config.base_url.clone());
    let url = url.trim_end_matches('/').to_string();
    let path = crate::model::base_path_of(&url);
    Base { url, path }
}

/// The template engine, with the site's view in its global context. When
/// the site's templates are broken (reported), the built-in theme is used
/// so that every other problem is found in the same run.
fn engine(
    site: &Site,
    data: &EngineData,
    base: &Base,
    categories: &[views::CategoryView],
    opts: &BuildOptions,
    diags: &mut Diagnostics,
) -> Option<Tera> {
    let cfg = &site.config;
    let mut tera = templates::engine(&site.templates, data, diags)
        .or_else(|| templates::engine(&[], data, &mut Diagnostics::default()))?;
    tera.global_context().insert(
        "site",
        &SiteView {
            title: &cfg.title,
            title_lines: views::last_two_together(&cfg.title),
            description: &cfg.description,
            base_url: &base.url,
            base_path: &base.path,
            language: &cfg.language,
            unit: UnitView {
                name: &cfg.unit.name,
                superior: &cfg.unit.superior,
                place: &cfg.unit.place,
            },
            term_label: &cfg.term.label,
            categories,
            year: opts.now.year(),
            favicon: crate::render::urls::favicon(site, &base.path),
            image: cfg
                .image
                .as_ref()
                .and_then(|f| site.photos.by_source.get(f))
                .map(|p| views::ShareView::of(p, &base.url)),
        },
    );
    Some(tera)
}

/// Leads, templated bodies and summaries of the published articles (rank
/// order). A body that is a template is rendered here once and kept; other
/// bodies are rendered with their page.
#[allow(clippy::type_complexity)]
fn summaries(
    site: &Site,
    tera: &Tera,
    published: &[usize],
    diags: &mut Diagnostics,
) -> (Vec<Option<String>>, Vec<Option<String>>, Vec<String>) {
    let prepared: Vec<(Option<String>, Option<String>, String, Diagnostics)> = published
        .par_iter()
        .map(|&i| {
            let a = &site.articles[i];
            let mut d = Diagnostics::default();
            let lead = match a.activity {
                Some(i) => news::lead(tera, &site.activities[i], site, &mut d),
                None => a.summary.clone(),
            };
            let templated = crate::text::body_syntax::needs_templating(&a.body)
                .then(|| template_body(tera, site, a, &mut d));
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
    (leads, templated, summaries)
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
        ctx.insert("figures", &figures::of_site(site, p));
    }
    ctx.insert("title", &a.title);
    ctx.insert("date", &vn::iso_minute(a.date));
    templates::render_body(tera, &a.body, &ctx, &a.source, a.body_line, d)
}
