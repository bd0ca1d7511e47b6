//! The site's machine-read files: how many articles the feed carries, the
//! sitemap (split past 50,000 addresses).

use jiff::civil::DateTime;

use super::routes::{SITEMAP_MAX, sitemap_name};
use crate::vn;

/// How many of the newest articles the feed carries in full.
pub(crate) const FEED_ENTRIES: usize = 20;

/// The sitemap file(s): (path, XML). Written directly, not through a
/// template: a 100,000-address loop is the slowest thing a template can do.
pub(crate) fn sitemaps(
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
        return vec![(sitemap_name(0), urlset(urls))];
    }
    let mut files = Vec::new();
    let mut index = String::from(
        "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<sitemapindex xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">\n",
    );
    let stamp = vn::rfc3339(*now, offset);
    for (i, chunk) in urls.chunks(SITEMAP_MAX).enumerate() {
        let name = sitemap_name(i + 1);
        index.push_str(&format!(
            "  <sitemap><loc>{base_url}/{name}</loc><lastmod>{stamp}</lastmod></sitemap>\n"
        ));
        files.push((name, urlset(chunk)));
    }
    index.push_str("</sitemapindex>\n");
    files.push((sitemap_name(0), index));
    files
}

/// A body's HTML for a feed: feed readers have no page to resolve a
/// root-relative address against, so `href="/…"` and `src="/…"` get the
/// site's origin (`https://x.gov.vn`). Protocol-relative `//…` is left.
pub(crate) fn absolute_urls(html: &str, origin: &str) -> String {
    let mut out = String::with_capacity(html.len() + 256);
    let mut rest = html;
    while let Some(i) = rest.find("=\"/") {
        let attr_start = rest[..i]
            .rfind(|c: char| !c.is_ascii_alphanumeric())
            .map_or(0, |p| p + 1);
        let attr = &rest[attr_start..i];
        let after = &rest[i + 2..];
        out.push_str(&rest[..i + 2]);
        if matches!(attr, "href" | "src" | "srcset") && !after.starts_with("//") {
            out.push_str(origin);
        }
        if attr == "srcset" {
            // Every candidate of the list, not only the first.
            let end = after.find('"').unwrap_or(after.len());
            out.push_str(&after[..end].replace(", /", &format!(", {origin}/")));
            rest = &after[end..];
            continue;
        }
        rest = after;
    }
    out.push_str(rest);
    out
}

#[cfg(test)]
mod tests {
    use super::absolute_urls;

    #[test]
    fn feed_bodies_get_absolute_links_and_images() {
        assert_eq!(
            absolute_urls(
                r##"<p><a href="/chibo/tin-tuc/a/">a</a> <img src="/chibo/static/anh/x.png" alt="x"> <a href="//cdn.vn/x">c</a> <a href="https://x.vn/">d</a> <a title="/không" href="#b">e</a></p>"##,
                "https://stp.gov.vn"
            ),
            r##"<p><a href="https://stp.gov.vn/chibo/tin-tuc/a/">a</a> <img src="https://stp.gov.vn/chibo/static/anh/x.png" alt="x"> <a href="//cdn.vn/x">c</a> <a href="https://x.vn/">d</a> <a title="/không" href="#b">e</a></p>"##
        );
    }
}
