//! The indexes built once per build: which articles are published and in
//! what order, the articles of each category and tag (by rank), the tags in
//! Vietnamese order with their addresses, and the related articles of one.

use std::collections::HashMap;

use jiff::civil::DateTime;

use super::{BuildOptions, BuildStats};
use crate::model::Site;
use crate::vn;

/// Indexes into `site.articles` of the articles to publish, newest first;
/// drafts and future-dated ones are counted in `stats` when left out.
pub(crate) fn published_order(
    site: &Site,
    opts: &BuildOptions,
    stats: &mut BuildStats,
) -> Vec<usize> {
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
    published
}

/// Categories and tags → ranks of their articles (newest first).
pub(crate) struct Indexes {
    pub(crate) by_category: HashMap<String, Vec<usize>>,
    /// By lower-cased tag.
    pub(crate) by_tag: HashMap<String, Vec<usize>>,
    /// Lower-cased tag → the tag as first written.
    pub(crate) tag_names: HashMap<String, String>,
    /// Lower-cased tags in Vietnamese order.
    pub(crate) tag_keys: Vec<String>,
    /// Lower-cased tag → its slug ("-2", "-3" for slugs that collide).
    pub(crate) tag_slug: HashMap<String, String>,
    /// Minutes since 1970 of each published article, by rank.
    pub(crate) dates: Vec<i64>,
}

impl Indexes {
    pub(crate) fn build(site: &Site, published: &[usize]) -> Indexes {
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
        // Tags in Vietnamese order; tags whose slugs collide once tone marks
        // are stripped ("Ân", "An") stay distinct and get "-2", "-3" in that
        // order.
        let coll = vn::collator();
        let mut tag_keys: Vec<String> = by_tag.keys().cloned().collect();
        tag_keys.sort_by(|a, b| {
            vn::compare(&coll, &tag_names[a], &tag_names[b]).then_with(|| a.cmp(b))
        });
        let mut tag_slug: HashMap<String, String> = HashMap::with_capacity(tag_keys.len());
        let mut slug_used: HashMap<String, usize> = HashMap::new();
        for k in &tag_keys {
            let base = vn::slugify(k);
            let n = slug_used.entry(base.clone()).or_insert(0);
            *n += 1;
            let slug = if *n == 1 { base } else { format!("{base}-{n}") };
            tag_slug.insert(k.clone(), slug);
        }
        Indexes {
            by_category,
            by_tag,
            tag_names,
            tag_keys,
            tag_slug,
            dates,
        }
    }

    /// The folder of a tag's listing ("the/dang"), by lower-cased tag.
    pub(crate) fn tag_dir(&self, key: &str) -> String {
        format!(
            "{}/{}",
            crate::model::TAGS_DIR,
            self.tag_slug.get(key).map_or("", String::as_str)
        )
    }
}

/// Up to 5 other articles of the same category or sharing a tag, nearest in
/// time. `lists` are the category and tag listings the article is in, each
/// sorted newest first by rank; only neighbours of the article in each list
/// are looked at, so the cost does not grow with the size of the site.
pub(crate) fn related(rank: usize, lists: &[&[usize]], dates: &[i64]) -> Vec<usize> {
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
}
