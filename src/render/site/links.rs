//! Links inside bodies, resolved against what the build publishes: a page
//! of the site, a file under `static/`, or another article by its source
//! file (`[bài trước](@/2023/le-ket-nap.md)`). A link that would break is a
//! located error, with the closest address that exists.

use std::collections::{HashMap, HashSet};

use super::Route;

/// What internal links are checked against.
pub(crate) struct LinkTargets<'a> {
    /// Every output path of the build.
    pub(crate) routes: &'a HashMap<String, Route>,
    /// Files under content/static, as "static/…".
    pub(crate) static_files: &'a HashSet<String>,
    /// The processed photos among them: a link to one opens its largest size.
    pub(crate) photos: &'a std::collections::HashMap<String, crate::model::PhotoSizes>,
    /// Article sources ("content/articles/2023/a.md") → their address, or
    /// `None` for a draft or a future article the build leaves out.
    pub(crate) sources: &'a HashMap<String, Option<String>>,
    /// "https://x.gov.vn/chibo-stp"
    pub(crate) base_url: &'a str,
    /// "/chibo-stp" or ""
    pub(crate) base_path: &'a str,
}

impl LinkTargets<'_> {
    /// The address to publish for a link written `dest`; `None` when the
    /// link leaves the site (or is a same-page `#anchor`), `Err` with the
    /// message when it points at nothing the build publishes.
    pub(crate) fn resolve(&self, dest: &str) -> Option<Result<String, String>> {
        let d = dest.trim();
        if let Some(source) = d.strip_prefix("@/") {
            return Some(self.by_source(source));
        }
        let site_path = if let Some(rest) = d.strip_prefix(self.base_url)
            && (rest.is_empty() || rest.starts_with(['/', '?', '#']))
        {
            rest.to_string()
        } else if d.starts_with('/') && !d.starts_with("//") {
            d.to_string()
        } else if d.starts_with("static/") {
            format!("/{d}")
        } else {
            return None;
        };
        // `/chibo-stp/x/` written with the base path, or `/x/` without it.
        let site_path = match site_path.strip_prefix(self.base_path) {
            Some(rest) if !self.base_path.is_empty() && rest.starts_with('/') => {
                if self.exists(rest) || !self.exists(&site_path) {
                    rest.to_string()
                } else {
                    site_path
                }
            }
            _ => site_path,
        };
        if let Some(p) = self.photos.get(site_path.trim_start_matches('/')) {
            return Some(Ok(format!("{}/{}", self.base_path, p.largest().jpeg)));
        }
        Some(if self.exists(&site_path) {
            Ok(format!("{}{site_path}", self.base_path))
        } else {
            Err(self.missing(dest, &site_path))
        })
    }

    /// Whether a site path ("/to-chuc-dang/a/#x") is a page or a file.
    fn exists(&self, site_path: &str) -> bool {
        let p = site_path.split(['#', '?']).next().unwrap_or("");
        let p = p.trim_start_matches('/');
        let p = percent_encoding::percent_decode_str(p)
            .decode_utf8()
            .map_or_else(|_| p.to_string(), |s| crate::vn::nfc(&s));
        if p.is_empty() {
            return true;
        }
        if p.ends_with('/') {
            return self.routes.contains_key(&format!("{p}index.html"));
        }
        self.routes.contains_key(&p)
            || self.static_files.contains(&p)
            || self.routes.contains_key(&format!("{p}/index.html"))
    }

    fn missing(&self, dest: &str, site_path: &str) -> String {
        let wanted = site_path.split(['#', '?']).next().unwrap_or("");
        let mut msg = format!(
            "liên kết `{}` trỏ tới `{}`, nhưng trang web không có trang hay tệp nào ở đó",
            crate::diag::clip(dest),
            crate::diag::clip(wanted)
        );
        let pages = self
            .routes
            .keys()
            .filter(|k| k.ends_with("index.html"))
            .map(|k| format!("/{}", k.trim_end_matches("index.html")));
        let files = self.static_files.iter().map(|f| format!("/{f}"));
        if let Some(near) = closest(wanted, pages.chain(files)) {
            msg.push_str(&format!(" (có phải ý bạn là `{near}`?)"));
        }
        msg
    }

    /// `@/2023/a.md`, `@/articles/2023/a.md` or `@/content/articles/2023/a.md`.
    fn by_source(&self, written: &str) -> Result<String, String> {
        let (file, frag) = match written.find('#') {
            Some(i) => (&written[..i], &written[i..]),
            None => (written, ""),
        };
        let file = file.trim_start_matches('/');
        let candidates = [
            format!("content/articles/{file}"),
            format!("content/{file}"),
            file.to_string(),
        ];
        match candidates.iter().find_map(|c| self.sources.get(c)) {
            Some(Some(url)) => Ok(format!("{url}{frag}")),
            Some(None) => Err(format!(
                "liên kết `@/{written}` trỏ tới một bài nháp hoặc bài chưa đến ngày đăng: trên trang web liên kết sẽ hỏng; hãy đăng bài đó trước hoặc bỏ liên kết"
            )),
            None => {
                let mut msg = format!(
                    "liên kết `@/{}` không trỏ tới bài viết nào: không có tệp content/articles/{}",
                    crate::diag::clip(written),
                    crate::diag::clip(file)
                );
                let known = self
                    .sources
                    .keys()
                    .filter_map(|s| s.strip_prefix("content/articles/"))
                    .map(str::to_string);
                if let Some(near) = closest(file, known) {
                    msg.push_str(&format!(" (có phải ý bạn là `@/{near}`?)"));
                }
                Err(msg)
            }
        }
    }
}

/// Every article file → its address when this build publishes it.
pub(crate) fn sources(
    site: &crate::model::Site,
    published: &[usize],
    cards: &[super::views::Card],
) -> HashMap<String, Option<String>> {
    let mut map: HashMap<String, Option<String>> = site
        .articles
        .iter()
        .filter(|a| a.source.ends_with(".md"))
        .map(|a| (a.source.clone(), None))
        .collect();
    for (rank, &i) in published.iter().enumerate() {
        let a = &site.articles[i];
        if a.source.ends_with(".md") {
            map.insert(a.source.clone(), Some(cards[rank].url.clone()));
        }
    }
    map
}

/// The candidate nearest to `wanted`, if it is near enough to be what was
/// meant (a changed slug, a typo).
fn closest(wanted: &str, candidates: impl Iterator<Item = String>) -> Option<String> {
    let limit = (wanted.chars().count() / 3).max(3);
    candidates
        .map(|c| (strsim::levenshtein(wanted, &c), c))
        .filter(|(d, _)| *d <= limit)
        .min()
        .map(|(_, c)| c)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn check(dest: &str) -> Option<Result<String, String>> {
        let routes: HashMap<String, Route> = [
            ("index.html", Route::TagIndex),
            ("to-chuc-dang/le-ket-nap/index.html", Route::Article(0)),
            ("the/index.html", Route::TagIndex),
            ("feed.xml", Route::Feed),
        ]
        .into_iter()
        .map(|(k, v)| (k.to_string(), v))
        .collect();
        let files: HashSet<String> = ["static/tai-lieu/quy-che.pdf".to_string()].into();
        let sources: HashMap<String, Option<String>> = [
            (
                "content/articles/2023/le-ket-nap.md".to_string(),
                Some("/chibo/to-chuc-dang/le-ket-nap/".to_string()),
            ),
            ("content/articles/2024/nhap.md".to_string(), None),
        ]
        .into();
        LinkTargets {
            routes: &routes,
            static_files: &files,
            photos: &std::collections::HashMap::new(),
            sources: &sources,
            base_url: "https://stp.gov.vn/chibo",
            base_path: "/chibo",
        }
        .resolve(dest)
    }

    #[test]
    fn pages_files_and_articles_by_source_resolve_under_the_base_path() {
        for (dest, url) in [
            (
                "/to-chuc-dang/le-ket-nap/",
                "/chibo/to-chuc-dang/le-ket-nap/",
            ),
            ("/to-chuc-dang/le-ket-nap", "/chibo/to-chuc-dang/le-ket-nap"),
            (
                "/chibo/to-chuc-dang/le-ket-nap/#ket-qua",
                "/chibo/to-chuc-dang/le-ket-nap/#ket-qua",
            ),
            ("https://stp.gov.vn/chibo/the/", "/chibo/the/"),
            (
                "static/tai-lieu/quy-che.pdf",
                "/chibo/static/tai-lieu/quy-che.pdf",
            ),
            ("/feed.xml", "/chibo/feed.xml"),
            ("/", "/chibo/"),
            ("@/2023/le-ket-nap.md", "/chibo/to-chuc-dang/le-ket-nap/"),
            (
                "@/articles/2023/le-ket-nap.md#ket-qua",
                "/chibo/to-chuc-dang/le-ket-nap/#ket-qua",
            ),
        ] {
            assert_eq!(check(dest), Some(Ok(url.to_string())), "{dest}");
        }
        for external in [
            "https://dangcongsan.vn/",
            "mailto:a@b.vn",
            "#muc-1",
            "//cdn.vn/x",
        ] {
            assert_eq!(check(external), None, "{external}");
        }
    }

    #[test]
    fn a_link_that_would_break_says_what_exists_nearby() {
        assert_eq!(
            check("/to-chuc-dang/le-ket-nap-moi/"),
            Some(Err("liên kết `/to-chuc-dang/le-ket-nap-moi/` trỏ tới `/to-chuc-dang/le-ket-nap-moi/`, nhưng trang web không có trang hay tệp nào ở đó (có phải ý bạn là `/to-chuc-dang/le-ket-nap/`?)".into()))
        );
        assert_eq!(
            check("@/2023/le-ket-nao.md"),
            Some(Err("liên kết `@/2023/le-ket-nao.md` không trỏ tới bài viết nào: không có tệp content/articles/2023/le-ket-nao.md (có phải ý bạn là `@/2023/le-ket-nap.md`?)".into()))
        );
        assert!(
            check("@/2024/nhap.md")
                .unwrap()
                .unwrap_err()
                .contains("bài nháp")
        );
        assert!(check("static/khong-co.pdf").unwrap().is_err());
    }
}
