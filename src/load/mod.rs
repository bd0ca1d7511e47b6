//! The only code that reads the site folder: site.yaml, articles,
//! documents.yaml, templates and the list of static files.

mod activity;
mod article;
mod config;
mod documents;
mod meeting;
pub mod members;
pub mod photos;
pub mod rating;
mod report;
pub mod rollup;
mod scoring;
mod source;
mod targets;

use std::collections::{HashMap, HashSet};
use std::path::{Path, PathBuf};

use rayon::prelude::*;

use crate::diag::{Diagnostics, Pos};
use crate::model::{Activity, Article, Config, Site};
use crate::vn;

pub use activity::{Refs, parse_activities, parse_log};
pub use article::{parse_article, split_front_matter};
pub use config::parse_config;
pub use documents::parse_documents;
pub use report::parse_report;
pub use source::Overlay;
use source::Source;

/// Reads a text file as the rest of chibo expects it: UTF-8 (a BOM is
/// dropped), LF line ends, NFC. A legacy 8-bit file is an error, not mojibake.
pub fn read_text(root: &Path, rel: &str, diags: &mut Diagnostics) -> Option<String> {
    let bytes = match std::fs::read(root.join(rel)) {
        Ok(b) => b,
        Err(e) => {
            diags.error(
                rel,
                Pos::default(),
                format!("không đọc được tệp: {}", io_error(&e)),
            );
            return None;
        }
    };
    decode(&bytes, rel, diags)
}

/// The text of a file: UTF-8 (a BOM is dropped), NFC, LF line ends.
pub fn decode(bytes: &[u8], rel: &str, diags: &mut Diagnostics) -> Option<String> {
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    match std::str::from_utf8(bytes) {
        Ok(s) => {
            let s = if s.contains('\r') {
                s.replace("\r\n", "\n").replace('\r', "\n")
            } else {
                s.to_string()
            };
            Some(vn::nfc(&s))
        }
        Err(e) => {
            let upto = &bytes[..e.valid_up_to()];
            let line = upto.iter().filter(|&&b| b == b'\n').count() as u32 + 1;
            diags.error(
                rel,
                Pos::new(line, 1),
                "tệp không phải mã UTF-8 (có thể là bảng mã cũ TCVN3/VNI); hãy mở tệp và lưu lại với bảng mã Unicode UTF-8",
            );
            None
        }
    }
}

/// Every file under `root/dir` whose name ends with one of `exts`, as
/// `/`-separated paths relative to `root`, sorted. Hidden files and editor
/// leftovers (`.x`, `x~`, `#x#`) are skipped; so are symbolic links, which
/// could point outside the site.
pub fn list_files(root: &Path, dir: &str, exts: &[&str], diags: &mut Diagnostics) -> Vec<String> {
    let base = root.join(dir);
    if !base.is_dir() {
        return Vec::new();
    }
    // The folder itself, or one above it inside the site, may be a link too.
    let mut here = root.to_path_buf();
    for part in dir.split('/') {
        here.push(part);
        if here
            .symlink_metadata()
            .is_ok_and(|m| m.file_type().is_symlink())
        {
            let rel = here.strip_prefix(root).map_or_else(
                |_| dir.to_string(),
                |r| r.to_string_lossy().replace('\\', "/"),
            );
            diags.warning(
                &rel,
                Pos::default(),
                "bỏ qua liên kết tượng trưng (symlink): chibo chỉ đọc tệp thật trong thư mục trang",
            );
            return Vec::new();
        }
    }
    let mut out = Vec::new();
    for entry in walkdir::WalkDir::new(&base)
        .follow_links(false)
        .follow_root_links(false)
        .sort_by_file_name()
    {
        let Ok(entry) = entry else { continue };
        let name = entry.file_name().to_string_lossy();
        if entry.depth() > 0 && crate::text::is_editor_leftover(&name) {
            continue;
        }
        let Ok(rel) = entry.path().strip_prefix(root) else {
            continue;
        };
        let rel = rel.to_string_lossy().replace('\\', "/");
        if entry.path_is_symlink() {
            diags.warning(
                &rel,
                Pos::default(),
                "bỏ qua liên kết tượng trưng (symlink): chibo chỉ đọc tệp thật trong thư mục trang",
            );
            continue;
        }
        if !entry.file_type().is_file() {
            continue;
        }
        if exts.is_empty() || exts.iter().any(|e| name.ends_with(e)) {
            out.push(vn::nfc(&rel));
        }
    }
    out
}

/// A file-system error said in Vietnamese, the system's own words after it
/// in brackets.
pub fn io_error(e: &std::io::Error) -> String {
    use std::io::ErrorKind as K;
    match e.kind() {
        K::NotFound => format!("không có tệp này [{e}]"),
        K::PermissionDenied => format!("không có quyền đọc [{e}]"),
        _ => crate::diag::io_message(e),
    }
}

/// Loads the whole site. Returns `None` only when site.yaml itself is
/// unusable; every problem found anywhere is in `diags`.
pub fn load_site(root: &Path, diags: &mut Diagnostics) -> Option<Site> {
    load_site_with(root, Parts::Everything { keep_bodies: true }, diags)
}

/// What to load.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Parts {
    /// Everything; without `keep_bodies` article bodies are not kept in
    /// memory (they are read again when their page is rendered), which
    /// bounds the memory of a build of a very large site.
    Everything {
        /// Keep every article's body in memory.
        keep_bodies: bool,
    },
    /// site.yaml, documents.yaml, the static file list and the logs only:
    /// what `chibo figures` needs.
    LogsOnly,
}

/// Like [`load_site`], with one file as `overlay` says instead of as it
/// is on disk.
pub fn load_site_over(root: &Path, overlay: &Overlay, diags: &mut Diagnostics) -> Option<Site> {
    load_parts(
        root,
        Parts::Everything { keep_bodies: true },
        Some(overlay),
        None,
        diags,
    )
}

/// Like [`load_site`], loading only `parts`.
pub fn load_site_with(root: &Path, parts: Parts, diags: &mut Diagnostics) -> Option<Site> {
    load_parts(root, parts, None, None, diags)
}

/// A roll-up folder read as the committee's site: its reports and
/// templates, with `committee` in place of site.yaml (docs/rollup.md).
pub fn load_committee_site(
    root: &Path,
    committee: &crate::model::rollup::Committee,
    diags: &mut Diagnostics,
) -> Option<Site> {
    let parts = Parts::Everything { keep_bodies: true };
    load_parts(root, parts, None, Some(committee.config()), diags)
}

fn load_parts(
    root: &Path,
    parts: Parts,
    overlay: Option<&Overlay>,
    given: Option<crate::model::Config>,
    diags: &mut Diagnostics,
) -> Option<Site> {
    let (articles_too, keep_bodies) = match parts {
        Parts::Everything { keep_bodies } => (true, keep_bodies),
        Parts::LogsOnly => (false, true),
    };
    let config = match given {
        Some(c) => Some(c),
        None => {
            read_text(root, "site.yaml", diags).and_then(|t| parse_config(&t, "site.yaml", diags))
        }
    };
    let static_files = list_files(root, "content/static", &[], diags)
        .into_iter()
        .map(|p| p.trim_start_matches("content/").to_string())
        .collect::<Vec<_>>();
    let documents = read_documents(root, diags);
    let (mut articles, mut broken) = if articles_too {
        let from = Source { root, overlay };
        load_articles(from, config.as_ref(), keep_bodies, diags)
    } else {
        (Vec::new(), crate::model::Broken::default())
    };
    let static_set: HashSet<String> = static_files.iter().cloned().collect();
    let refs = Refs {
        config: config.as_ref(),
        documents: &documents,
        static_files: &static_set,
    };
    let activities = load_logs(Source { root, overlay }, &refs, &mut broken, diags);
    if let Some(c) = &config {
        articles.extend(news_articles(&activities, c));
    }
    check_slugs(articles.iter(), diags);
    let (reports, templates) = if articles_too {
        (load_reports(root, diags), load_templates(root, diags))
    } else {
        Default::default()
    };
    if let Some(c) = &config {
        check_site_files(c, &static_set, diags);
    }
    let photos = if articles_too {
        photos::process(root, &static_files, diags)
    } else {
        crate::model::Photos::default()
    };
    let scoring = scoring::read(root, diags);
    let from = Source { root, overlay };
    let members = members::read(from, diags);
    let calendar = members::read_holidays(root, diags);
    let ratings = rating::read(from, diags);
    let config = config?;
    Some(Site {
        root: root.to_path_buf(),
        config,
        articles: articles.into_iter().map(std::sync::Arc::new).collect(),
        documents: std::sync::Arc::new(documents),
        activities: std::sync::Arc::new(activities),
        reports,
        templates,
        static_files,
        photos: std::sync::Arc::new(photos),
        scoring,
        members,
        calendar,
        ratings,
        broken,
    })
}

/// content/documents.yaml, when there is one.
fn read_documents(root: &Path, diags: &mut Diagnostics) -> HashMap<String, crate::model::Document> {
    if root.join("content/documents.yaml").is_file() {
        read_text(root, "content/documents.yaml", diags)
            .map(|t| parse_documents(&t, "content/documents.yaml", diags))
            .unwrap_or_default()
    } else {
        HashMap::new()
    }
}

/// Every article, in parallel; the bodies of those that do not parse are
/// kept (as loose bodies) so their other problems are still reported.
fn load_articles(
    from: Source<'_>,
    config: Option<&crate::model::Config>,
    keep_bodies: bool,
    diags: &mut Diagnostics,
) -> (Vec<Article>, crate::model::Broken) {
    let exts = [".md", ".markdown"];
    let files = from.list("content/articles", &exts, diags);
    let parsed: Vec<_> = files
        .par_iter()
        .map(|rel| {
            let mut d = Diagnostics::default();
            let text = Overlay::read(from.overlay, from.root, rel, &mut d);
            let mut loose = None;
            let mut a = text.as_deref().and_then(|t| {
                let a = parse_article(t, rel, config, &mut d);
                if a.is_none()
                    && let Some((_, body, body_line)) = article::split_front_matter(t)
                {
                    loose = Some(crate::model::LooseBody {
                        source: rel.clone(),
                        body_line,
                        body: body.to_string(),
                    });
                }
                a
            });
            if let Some(a) = a.as_mut()
                && !keep_bodies
                && !crate::text::body_syntax::needs_templating(&a.body)
            {
                a.body = String::new();
                a.body_on_disk = true;
            }
            (a, loose, d)
        })
        .collect();
    let mut articles = Vec::with_capacity(parsed.len());
    let mut broken = crate::model::Broken::default();
    for (a, loose, d) in parsed {
        diags.extend(d);
        articles.extend(a);
        broken.bodies.extend(loose);
    }
    (articles, broken)
}

/// Every log entry, in parallel, sorted by date (entries of one day keep
/// the order of their files); what broken entries hold goes to `broken`.
fn load_logs(
    from: Source<'_>,
    refs: &Refs<'_>,
    broken: &mut crate::model::Broken,
    diags: &mut Diagnostics,
) -> Vec<Activity> {
    let exts = [".yaml", ".yml"];
    let log_files = from.list("content/activities", &exts, diags);
    let parsed: Vec<_> = log_files
        .par_iter()
        .map(|rel| {
            let mut d = Diagnostics::default();
            let mut bad = Vec::new();
            let v = Overlay::read(from.overlay, from.root, rel, &mut d)
                .map(|t| parse_log(&t, rel, refs, &mut bad, &mut d))
                .unwrap_or_default();
            (v, bad, d)
        })
        .collect();
    // Entries are large: their places are sorted, and each is moved once.
    let mut order: Vec<(jiff::civil::DateTime, usize, usize)> = Vec::new();
    let mut per_file: Vec<Vec<Option<Activity>>> = Vec::with_capacity(parsed.len());
    for (f, (v, bad, d)) in parsed.into_iter().enumerate() {
        diags.extend(d);
        broken.entries.extend(bad);
        order.extend(v.iter().enumerate().map(|(i, a)| (a.date, f, i)));
        per_file.push(v.into_iter().map(Some).collect());
    }
    order.sort_by_key(|&(date, _, _)| date);
    order
        .into_iter()
        .filter_map(|(_, f, i)| per_file[f][i].take())
        .collect()
}

/// Every report; a second one of the same name is an error.
fn load_reports(root: &Path, diags: &mut Diagnostics) -> Vec<crate::model::Report> {
    let mut reports: Vec<crate::model::Report> = Vec::new();
    for rel in list_files(root, "content/reports", &[".md"], diags) {
        if let Some(r) = read_text(root, &rel, diags).and_then(|t| parse_report(&t, &rel, diags)) {
            if let Some(prev) = reports.iter().find(|p| p.name == r.name) {
                diags.error(
                    &rel,
                    Pos::new(1, 1),
                    format!("báo cáo `{}` trùng tên với {}", r.name, prev.source),
                );
                continue;
            }
            reports.push(r);
        }
    }
    reports
}

/// The files site.yaml names (its image, its icon) exist in content/static.
fn check_site_files(
    c: &crate::model::Config,
    static_set: &HashSet<String>,
    diags: &mut Diagnostics,
) {
    for (key, file, pos) in [
        ("image", &c.image, c.files_pos[0]),
        ("favicon", &c.favicon, c.files_pos[1]),
    ] {
        if let Some(f) = file
            && !static_set.contains(f)
        {
            diags.error(
                "site.yaml",
                pos,
                format!("khóa `{key}`: không tìm thấy `{f}` (tìm ở content/{f}); hãy viết đường dẫn dạng `static/…`"),
            );
        }
    }
}

/// Log entries with a `news:` block, as articles. Their lead is written at
/// render time by the kind's news template (in `templates/news/`, named by the kind's id).
fn news_articles(acts: &[Activity], config: &Config) -> Vec<Article> {
    acts.iter()
        .enumerate()
        .filter_map(|(i, a)| {
            let n = a.news.as_ref()?;
            Some(Article {
                source: a.source.clone(),
                title: n.title.clone(),
                date: a.date,
                date_pos: a.pos,
                category: n
                    .category
                    .clone()
                    .unwrap_or_else(|| config.categories[0].key.clone()),
                tags: n.tags.clone(),
                author: n.author.clone(),
                unit: None,
                summary: None,
                figures: None,
                figures_pos: a.pos,
                draft: false,
                slug: n.slug.clone().unwrap_or_else(|| vn::slugify(&n.title)),
                excerpt: if crate::text::body_syntax::needs_templating(&n.body) {
                    String::new()
                } else {
                    crate::text::summary_of(&crate::text::first_paragraph(&n.body))
                },
                body: n.body.clone(),
                body_on_disk: false,
                body_line: n.body_line,
                photos: a
                    .photos
                    .iter()
                    .map(|p| (p.src.clone(), p.caption.clone()))
                    .collect(),
                first_photo: crate::text::first_photo(&n.body)
                    .or_else(|| a.photos.first().map(|p| p.src.clone())),
                activity: Some(i),
            })
        })
        .collect()
}

fn check_slugs<'a>(articles: impl ExactSizeIterator<Item = &'a Article>, diags: &mut Diagnostics) {
    let mut seen: HashMap<&str, &str> = HashMap::with_capacity(articles.len());
    for a in articles {
        if let Some(first) = seen.insert(&a.slug, &a.source) {
            diags.error(
                &a.source,
                Pos::new(2, 1),
                format!(
                    "đường dẫn `{}` trùng với bài {first}; hãy đổi tiêu đề hoặc đặt `slug:` khác cho một trong hai bài",
                    a.slug
                ),
            );
            seen.insert(&a.slug, first);
        }
    }
}

/// The site's own templates (`templates/**`), which override the built-in ones.
pub fn load_templates(root: &Path, diags: &mut Diagnostics) -> Vec<(String, String)> {
    let mut out = Vec::new();
    let mut names = HashSet::new();
    for rel in list_files(
        root,
        "templates",
        &[".html", ".xml", ".txt", ".css", ".js", ".md"],
        diags,
    ) {
        if let Some(text) = read_text(root, &rel, diags) {
            let name = rel.trim_start_matches("templates/").to_string();
            if names.insert(name.clone()) {
                out.push((name, text));
            }
        }
    }
    out
}

/// A copy of `old` in which the article files `changed` (paths relative to
/// the root) are read again, added or removed: what the preview does when
/// only articles were saved. Everything else is shared with `old`.
pub fn reload_articles(old: &Site, changed: &[String], diags: &mut Diagnostics) -> Site {
    let mut site = old.clone();
    site.articles
        .retain(|a| a.activity.is_some() || !changed.contains(&a.source));
    for rel in changed {
        if old.root.join(rel).is_file()
            && let Some(a) = read_text(&old.root, rel, diags)
                .and_then(|t| parse_article(&t, rel, Some(&site.config), diags))
        {
            site.articles.push(std::sync::Arc::new(a));
        }
    }
    check_slugs(site.articles.iter().map(|a| a.as_ref()), diags);
    site
}

/// Bodies read from the site's files: what a build renders with.
#[derive(Debug, Clone)]
pub struct DiskBodies {
    /// The site folder.
    pub root: PathBuf,
}

impl crate::model::BodySource for DiskBodies {
    fn body(&self, article: &Article, diags: &mut Diagnostics) -> Option<String> {
        article_body(&self.root, &article.source, diags)
    }
}

/// The bodies of `site`'s articles, from its folder.
pub fn bodies(site: &Site) -> std::sync::Arc<dyn crate::model::BodySource> {
    std::sync::Arc::new(DiskBodies {
        root: site.root.clone(),
    })
}

/// The Markdown body of an article whose body was not kept in memory.
pub fn article_body(root: &Path, rel: &str, diags: &mut Diagnostics) -> Option<String> {
    let text = read_text(root, rel, diags)?;
    match article::split_front_matter(&text) {
        Some((_, body, _)) => Some(body.to_string()),
        None => {
            diags.error(
                rel,
                Pos::new(1, 1),
                "tệp đã thay đổi trong khi dựng trang; hãy chạy lại",
            );
            None
        }
    }
}

/// The site root as given, made absolute.
pub fn absolute(root: &Path) -> PathBuf {
    std::path::absolute(root).unwrap_or_else(|_| root.to_path_buf())
}
