//! What templates see: the views of the site, an article card, a page,
//! a paginator, a tag; and the cards of the published articles, made once.

use rayon::prelude::*;
use serde::Serialize;

use super::BuildOptions;
use super::indexes::Indexes;
use super::routes::{page_dir, url_of};
use crate::model::{Config, Site};
use crate::vn;

#[derive(Serialize, Clone)]
pub(crate) struct CategoryView {
    pub(crate) key: String,
    pub(crate) name: String,
    pub(crate) url: String,
}

#[derive(Serialize, Clone)]
pub(crate) struct TagRef {
    pub(crate) name: String,
    pub(crate) url: String,
}

/// What listings, related lists and feeds show of an article.
#[derive(Serialize, Clone)]
pub(crate) struct Card {
    pub(crate) title: String,
    pub(crate) url: String,
    pub(crate) permalink: String,
    /// "2023-11-02 15:03"
    pub(crate) date: String,
    /// "2023-11-02T15:03:00+07:00"
    pub(crate) date_rfc3339: String,
    /// "02-11-2023 15:03"
    pub(crate) timestamp: String,
    /// "02-11-2023"
    pub(crate) day: String,
    pub(crate) category: CategoryView,
    pub(crate) tags: Vec<TagRef>,
    pub(crate) summary: String,
    pub(crate) draft: bool,
    /// The small picture of its first photo, for listings.
    pub(crate) photo: Option<ThumbView>,
    /// Its first photo for link previews (Zalo, Facebook): only its own
    /// page shows it ([`PageView::share`]), so listings do not carry it.
    #[serde(skip)]
    pub(crate) share: Option<ShareView>,
}

/// A listing's picture of an article: its smallest size, and the sizes
/// up to [`THUMB_MAX`] for `srcset`.
#[derive(Serialize, Clone)]
pub(crate) struct ThumbView {
    pub(crate) jpg: String,
    pub(crate) webp: Option<String>,
    pub(crate) width: u32,
    pub(crate) height: u32,
    /// `a-240.jpg 240w, a-480.jpg 480w`
    pub(crate) jpg_set: String,
    /// The same in WebP, empty when there is none.
    pub(crate) webp_set: String,
}

/// The widest size a small picture offers: twice the 200 CSS px it is
/// shown at on a wide screen.
const THUMB_MAX: u32 = 480;

/// The photo a link preview shows: an absolute address and its size.
#[derive(Serialize, Clone)]
pub(crate) struct ShareView {
    pub(crate) url: String,
    pub(crate) width: u32,
    pub(crate) height: u32,
}

impl ThumbView {
    pub(crate) fn of(p: &crate::model::PhotoSizes, base_path: &str) -> ThumbView {
        let r = p.sizes.first().unwrap_or(&p.share);
        let small: Vec<&crate::model::Rendition> = p
            .sizes
            .iter()
            .filter(|s| s.width <= THUMB_MAX || std::ptr::eq(*s, r))
            .collect();
        let set = |f: &dyn Fn(&crate::model::Rendition) -> Option<&String>| {
            let parts: Vec<String> = small
                .iter()
                .map(|s| f(s).map(|u| format!("{base_path}/{u} {}w", s.width)))
                .collect::<Option<_>>()
                .unwrap_or_default();
            parts.join(", ")
        };
        ThumbView {
            jpg: format!("{base_path}/{}", r.jpeg),
            webp: r.webp.as_ref().map(|w| format!("{base_path}/{w}")),
            width: r.width,
            height: r.height,
            jpg_set: set(&|s| Some(&s.jpeg)),
            webp_set: set(&|s| s.webp.as_ref()),
        }
    }
}

impl ShareView {
    pub(crate) fn of(p: &crate::model::PhotoSizes, base_url: &str) -> ShareView {
        ShareView {
            url: format!("{base_url}/{}", p.share.jpeg),
            width: p.share.width,
            height: p.share.height,
        }
    }
}

#[derive(Serialize)]
pub(crate) struct PageView<'a> {
    #[serde(flatten)]
    pub(crate) card: &'a Card,
    pub(crate) content: &'a str,
    /// The `summary:` of the front matter, printed as the lead.
    pub(crate) lead: Option<&'a str>,
    pub(crate) author: Option<&'a str>,
    pub(crate) unit: &'a str,
    pub(crate) byline: String,
    pub(crate) headings: &'a [(u8, String, String)],
    pub(crate) source: &'a str,
    /// The photo link previews show.
    pub(crate) share: Option<&'a ShareView>,
}

#[derive(Serialize)]
pub(crate) struct PagerLink {
    pub(crate) number: usize,
    pub(crate) url: String,
    pub(crate) current: bool,
}

#[derive(Serialize)]
pub(crate) struct Paginator {
    pub(crate) current: usize,
    pub(crate) total: usize,
    pub(crate) prev_url: Option<String>,
    pub(crate) next_url: Option<String>,
    /// Page links around the current one; `number == 0` marks a gap ("…").
    pub(crate) links: Vec<PagerLink>,
}

#[derive(Serialize)]
pub(crate) struct TagView {
    pub(crate) name: String,
    pub(crate) url: String,
    pub(crate) count: usize,
}

#[derive(Serialize)]
pub(crate) struct SiteView<'a> {
    pub(crate) title: &'a str,
    /// The title with its last two words held together by a no-break
    /// space: where `text-wrap: balance` is not supported, its last line
    /// still never holds one word alone.
    pub(crate) title_lines: String,
    pub(crate) description: &'a str,
    pub(crate) base_url: &'a str,
    pub(crate) base_path: &'a str,
    pub(crate) language: &'a str,
    pub(crate) unit: UnitView<'a>,
    pub(crate) term_label: &'a str,
    pub(crate) categories: &'a [CategoryView],
    pub(crate) year: i16,
    /// The icon's address.
    pub(crate) favicon: String,
    /// The home page's photo for link previews.
    pub(crate) image: Option<ShareView>,
}

#[derive(Serialize)]
pub(crate) struct UnitView<'a> {
    pub(crate) name: &'a str,
    pub(crate) superior: &'a str,
    pub(crate) place: &'a str,
}

/// `s` with the space before its last word made a no-break space.
pub(crate) fn last_two_together(s: &str) -> String {
    let s = s.trim();
    match s.rfind(' ') {
        Some(i) => format!("{}\u{a0}{}", &s[..i], &s[i + 1..]),
        None => s.to_string(),
    }
}

/// The categories of site.yaml, with their addresses.
pub(crate) fn categories(cfg: &Config, base_path: &str) -> Vec<CategoryView> {
    cfg.categories
        .iter()
        .map(|c| CategoryView {
            key: c.key.clone(),
            name: c.name.clone(),
            url: url_of(base_path, &c.key),
        })
        .collect()
}

/// Where the site is published: its base address, its path part.
pub(crate) struct Base {
    pub(crate) url: String,
    pub(crate) path: String,
}

/// The card of every published article (rank order).
pub(crate) fn cards(
    site: &Site,
    published: &[usize],
    summaries: Vec<String>,
    idx: &Indexes,
    categories: &[CategoryView],
    base: &Base,
    opts: &BuildOptions,
) -> Vec<Card> {
    let cfg = &site.config;
    let (base_url, base_path) = (&base.url, &base.path);
    published
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
                    url: url_of(base_path, &a.category),
                });
            let dir = format!("{}/{}", a.category, a.slug);
            let first = a
                .first_photo
                .as_ref()
                .and_then(|f| site.photos.by_source.get(f));
            Card {
                title: a.title.clone(),
                url: url_of(base_path, &dir),
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
                            name: idx
                                .tag_names
                                .get(&key)
                                .cloned()
                                .unwrap_or_else(|| t.clone()),
                            url: url_of(base_path, &idx.tag_dir(&key)),
                        }
                    })
                    .collect(),
                summary,
                draft: opts.mark_drafts && (a.draft || a.date > opts.now),
                photo: first.map(|p| ThumbView::of(p, base_path)),
                share: first.map(|p| ShareView::of(p, base_url)),
            }
        })
        .collect()
}

pub(crate) fn paginator(dir: &str, base_path: &str, current: usize, total: usize) -> Paginator {
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

#[cfg(test)]
mod tests {
    use super::*;

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
