//! Rendering the pages of a prepared site: one at a time (the preview asks
//! for one path) or all of them in parallel, by the route table.

use std::collections::HashMap;

use rayon::prelude::*;
use serde::Serialize;
use tera::Context;

use super::Prepared;
use super::feeds::{FEED_ENTRIES, sitemaps};
use super::indexes::related;
use super::routes::{Route, page_dir, report_docx_path, report_path, sitemap_name, url_of};
use super::search::{self, DocMeta, DocText, Postings};
use super::views::{Card, PageView, TagView, paginator};
use crate::diag::Diagnostics;
use crate::model::Article;
use crate::model::sink::Collected;
use crate::render::markdown::{self, MdInput};
use crate::render::photo_html::PhotoRef;
use crate::render::{report, templates};
use crate::vn;

impl Prepared {
    pub(crate) fn article(&self, rank: usize) -> &Article {
        &self.site.articles[self.published[rank]]
    }

    /// The rank of the published article from `source`, if any.
    pub fn rank_of(&self, source: &str) -> Option<usize> {
        self.published
            .iter()
            .position(|&i| self.site.articles[i].source == source)
    }

    pub(crate) fn render(&self, name: &str, ctx: &Context, d: &mut Diagnostics) -> Option<Vec<u8>> {
        let mut out = Vec::with_capacity(16 * 1024);
        match self.tera.render_to(name, ctx, &mut out) {
            Ok(()) => Some(out),
            Err(e) => {
                templates::report_error(&e, None, d);
                None
            }
        }
    }

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
            &MdInput::new(
                body,
                &a.source,
                a.body_line,
                &self.site,
                &self.static_set,
                &self.base_path,
            )
            .lead(self.leads[rank].is_none())
            .templated(&|req: &str| crate::render::figures_html::trusted_html(&self.data, req))
            .linked(Some(&|dest: &str| self.link_targets().resolve(dest))),
            d,
        );
        // Photos of a log entry (checked when the log was loaded).
        for (src, caption) in &a.photos {
            let plain = format!("{}/{src}", self.base_path);
            let sized = self.site.photos.by_source.get(src);
            let photo = PhotoRef::of(sized, &plain, &self.base_path, false);
            md.html.push_str(&markdown::figure_html(
                &photo,
                caption,
                caption,
                md.photos == 0,
            ));
            md.photos += 1;
        }
        md
    }

    /// An article page, and its HTML body (the feed reuses it).
    pub fn render_article(&self, rank: usize, d: &mut Diagnostics) -> Option<(Vec<u8>, String)> {
        let a = self.article(rank);
        let md = self.article_html(rank, d);
        let mut lists: Vec<&[usize]> = Vec::with_capacity(1 + a.tags.len());
        if let Some(l) = self.idx.by_category.get(&a.category) {
            lists.push(l);
        }
        for t in &a.tags {
            if let Some(l) = self.idx.by_tag.get(&t.to_lowercase()) {
                lists.push(l);
            }
        }
        let rel: Vec<&Card> = related(rank, &lists, &self.idx.dates)
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
            share: self.cards[rank].share.as_ref(),
        };
        let mut ctx = Context::new();
        ctx.insert("page", &view);
        ctx.insert("related", &rel);
        let page = self.render("article.html", &ctx, d)?;
        Some((page, md.html))
    }

    /// Page `job` of the listings (home, categories, tags).
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

    pub(crate) fn render_tag_index(&self, d: &mut Diagnostics) -> Option<Vec<u8>> {
        let tags: Vec<TagView> = self
            .idx
            .tag_keys
            .iter()
            .map(|k| TagView {
                name: self.idx.tag_names[k].clone(),
                url: url_of(&self.base_path, &self.idx.tag_dir(k)),
                count: self.idx.by_tag[k].len(),
            })
            .collect();
        let mut ctx = Context::new();
        ctx.insert("tags", &tags);
        self.render("tags.html", &ctx, d)
    }

    /// The feed, given the HTML of the newest articles (rendered if `None`).
    pub(crate) fn render_feed(
        &self,
        html: Option<Vec<String>>,
        d: &mut Diagnostics,
    ) -> Option<Vec<u8>> {
        let n = self.cards.len().min(FEED_ENTRIES);
        let html = html.unwrap_or_else(|| (0..n).map(|r| self.article_html(r, d).html).collect());
        let base = &self.base_url;
        let origin = base.strip_suffix(self.base_path.as_str()).unwrap_or(base);
        let html: Vec<String> = html
            .iter()
            .map(|h| super::feeds::absolute_urls(h, origin))
            .collect();
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

    pub(crate) fn sitemap_files(&self) -> Vec<(String, String)> {
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
        for dir in super::routes::sitemap_extra_dirs(&self.site) {
            urls.push((format!("{}/{dir}/", self.base_url), None));
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

    pub(crate) fn render_reports(
        &self,
        only: Option<usize>,
        word: bool,
        d: &mut Diagnostics,
    ) -> Vec<(String, Vec<u8>)> {
        let mem = Collected::default();
        let names: Option<Vec<String>> = only.map(|k| vec![self.site.reports[k].name.clone()]);
        let links = |dest: &str| self.link_targets().resolve(dest);
        let with = report::ReportRender {
            tera: &self.tera,
            data: &self.data,
            base_path: &self.base_path,
            names: names.as_deref(),
            internal: self.opts.internal_reports,
            word,
            links: Some(&links),
        };
        report::render_reports(&self.site, &with, &mem, d);
        mem.into_files()
    }

    /// The live-reload script (serve), before `</body>` of HTML pages.
    pub(crate) fn finish(&self, rel: &str, mut bytes: Vec<u8>) -> Vec<u8> {
        if let (Some(script), true) = (&self.opts.inject, rel.ends_with(".html")) {
            let at = bytes
                .windows(7)
                .rposition(|w| w == b"</body>")
                .unwrap_or(bytes.len());
            bytes.splice(at..at, script.bytes());
        }
        bytes
    }

    /// What document `doc` (article `rank`) gives the search index.
    pub(super) fn doc_text<'a>(
        &'a self,
        doc: usize,
        rank: usize,
        body_html: &'a str,
    ) -> DocText<'a> {
        let card = &self.cards[rank];
        let mut fields = Vec::with_capacity(2 + card.tags.len());
        fields.extend(self.leads[rank].as_deref());
        fields.push(card.category.name.as_str());
        fields.extend(card.tags.iter().map(|t| t.name.as_str()));
        DocText {
            doc: doc as u32,
            title: &card.title,
            fields,
            body_html,
        }
    }

    /// The search index files from the documents' postings.
    pub(super) fn search_files(&self, postings: Postings) -> HashMap<String, Vec<u8>> {
        let meta: Vec<DocMeta<'_>> = self
            .search_docs
            .iter()
            .map(|&r| {
                let c = &self.cards[r];
                let (jpg, jpgs, webps) = c.photo.as_ref().map_or(("", "", ""), |p| {
                    (p.jpg.as_str(), p.jpg_set.as_str(), p.webp_set.as_str())
                });
                DocMeta(&c.url, &c.title, &c.day, &c.category.name, jpg, jpgs, webps)
            })
            .collect();
        search::finish(postings, &meta).into_iter().collect()
    }

    /// One file of the search index (the preview): the index is made from
    /// every body on the first request and kept while the site is unchanged.
    fn search_file(&self, rel: &str) -> Option<Vec<u8>> {
        let files = self.search_cache.get_or_init(|| {
            let postings = self
                .search_docs
                .par_iter()
                .enumerate()
                .fold(Postings::default, |mut acc, (doc, &rank)| {
                    let html = self.article_html(rank, &mut Diagnostics::default()).html;
                    acc.add(&self.doc_text(doc, rank, &html));
                    acc
                })
                .reduce(Postings::default, Postings::merge);
            self.search_files(postings)
        });
        files.get(rel).cloned()
    }

    /// One output file by its path ("to-chuc-dang/a/index.html"), rendered
    /// now; `None` when no such page (or when it fails: see `d`).
    pub fn render_path(&self, rel: &str, d: &mut Diagnostics) -> Option<Vec<u8>> {
        let bytes = self.render_route(*self.routes.get(rel)?, d)?;
        Some(self.finish(rel, bytes))
    }

    /// The bytes of one route, before the preview's script is added.
    pub(super) fn render_route(&self, route: Route, d: &mut Diagnostics) -> Option<Vec<u8>> {
        match route {
            Route::Article(rank) => self.render_article(rank, d).map(|(p, _)| p),
            Route::Listing(job) => self.render_listing(job, d),
            Route::TagIndex => self.render_tag_index(d),
            Route::NotFound => self.render("404.html", &Context::new(), d),
            Route::Search => self.render("search.html", &Context::new(), d),
            Route::Feed => self.render_feed(None, d),
            Route::SearchManifest => self.search_file(&search::manifest_path()),
            Route::SearchShard(k) => self.search_file(&search::shard_path(k)),
            Route::SearchDocs(k) => self.search_file(&search::docs_path(k)),
            Route::Sitemap(part) => self
                .sitemap_files()
                .into_iter()
                .find(|(n, _)| *n == sitemap_name(part))
                .map(|(_, x)| x.into_bytes()),
            Route::Asset(k) => Some(self.assets[k].1.clone().into_bytes()),
            Route::Report(k) | Route::ReportDocx(k) => {
                let name = &self.site.reports[k].name;
                let want = match route {
                    Route::Report(_) => report_path(Some(name)),
                    _ => report_docx_path(name),
                };
                self.render_reports(Some(k), matches!(route, Route::ReportDocx(_)), d)
                    .into_iter()
                    .find(|(n, _)| *n == want)
                    .map(|(_, b)| b)
            }
            Route::Reports => self
                .render_reports(None, false, d)
                .into_iter()
                .find(|(n, _)| *n == report_path(None))
                .map(|(_, b)| b),
        }
    }
}
