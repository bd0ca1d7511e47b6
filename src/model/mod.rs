//! Plain data: what the loaders produce and the renderers read. No I/O here.

use std::collections::HashMap;
use std::path::PathBuf;
use std::sync::Arc;

use jiff::civil::{Date, DateTime};

use crate::diag::Pos;

mod activity;
pub use activity::*;

#[derive(Debug, Clone)]
pub struct Unit {
    /// "Chi bộ Sở Tư pháp", exactly as in the founding decision.
    pub name: String,
    /// "Đảng bộ Khối các cơ quan tỉnh", printed above the name in documents.
    pub superior: String,
    /// "CB", as in "Số 15-BC/CB".
    pub issuer_code: String,
    /// "Lạng Sơn", as in "Lạng Sơn, ngày 02 tháng 11 năm 2023".
    pub place: String,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Period {
    pub from: Date,
    pub to: Date,
}

impl Period {
    pub fn contains(&self, d: Date) -> bool {
        self.from <= d && d <= self.to
    }
}

#[derive(Debug, Clone)]
pub struct Term {
    pub period: Period,
    pub label: String,
}

#[derive(Debug, Clone)]
pub struct Category {
    pub key: String,
    pub name: String,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum AttendanceDenominator {
    /// present / (total − exempt)
    Required,
    /// present / total
    Total,
}

/// Page margins of printed reports, in millimetres.
#[derive(Debug, Clone, Copy)]
pub struct Margins {
    pub top: f64,
    pub bottom: f64,
    pub left: f64,
    pub right: f64,
}

impl Default for Margins {
    /// 20/20/30/15 mm, the values implementations of 36-HD/VPTW use (DOMAIN.md §4).
    fn default() -> Self {
        Margins {
            top: 20.0,
            bottom: 20.0,
            left: 30.0,
            right: 15.0,
        }
    }
}

#[derive(Debug, Clone)]
pub struct Config {
    pub title: String,
    pub description: String,
    /// Without a trailing slash: "https://example.gov.vn/chibo-stp".
    pub base_url: String,
    /// The path part of `base_url`, without a trailing slash: "/chibo-stp" or "".
    pub base_path: String,
    pub language: String,
    /// The site's fixed UTC offset in minutes (+07:00 → 420).
    pub offset_minutes: i32,
    pub unit: Unit,
    pub term: Term,
    pub categories: Vec<Category>,
    pub per_page: usize,
    pub attendance_denominator: AttendanceDenominator,
    pub unsafe_html: bool,
    pub margins: Margins,
}

impl Config {
    pub fn category(&self, key: &str) -> Option<&Category> {
        self.categories.iter().find(|c| c.key == key)
    }

    /// The message for a category key that site.yaml does not have: the
    /// nearest key if it looks like a typo, and the valid ones.
    pub fn unknown_category(&self, key: &str) -> String {
        let valid: Vec<&str> = self.categories.iter().map(|c| c.key.as_str()).collect();
        let mut msg = format!("danh mục `{key}` không có trong site.yaml");
        if let Some(s) = crate::vn::suggest(key, &valid) {
            msg.push_str(&format!(" (có phải ý bạn là `{s}`?)"));
        }
        msg.push_str(&format!("; các danh mục hợp lệ: {}", valid.join(", ")));
        msg
    }
}

/// The message for a document id that content/documents.yaml does not
/// have, with the valid ids in order.
pub fn unknown_document(documents: &HashMap<String, Document>, id: &str) -> String {
    let mut ids: Vec<&str> = documents.keys().map(String::as_str).collect();
    ids.sort_unstable();
    let mut msg = format!("văn bản `{id}` không có trong content/documents.yaml");
    if let Some(s) = crate::vn::suggest(id, &ids) {
        msg.push_str(&format!(" (có phải ý bạn là `{s}`?)"));
    }
    msg.push_str("; các mã hợp lệ: ");
    if ids.is_empty() {
        msg.push_str("(chưa có văn bản nào)");
    } else {
        msg.push_str(&ids.join(", "));
    }
    msg
}

#[derive(Debug, Clone)]
pub struct Article {
    /// Path relative to the site root, `/`-separated: "content/articles/2023/a.md".
    pub source: String,
    pub title: String,
    pub date: DateTime,
    /// Where `date:` is written, for warnings about it.
    pub date_pos: Pos,
    pub category: String,
    pub tags: Vec<String>,
    pub author: Option<String>,
    pub unit: Option<String>,
    pub summary: Option<String>,
    pub figures: Option<Period>,
    pub draft: bool,
    pub slug: String,
    /// Markdown body, NFC, LF line ends. Empty when `body_on_disk` (a build
    /// of a large site reads it again when the page is rendered).
    pub body: String,
    pub body_on_disk: bool,
    /// The first paragraph as plain text, cut to a summary's length (the
    /// default summary); empty for
    /// bodies that are templates (their text is known only once rendered).
    pub excerpt: String,
    /// 1-based line of the file where the body starts.
    pub body_line: u32,
    /// Photos attached by a log entry (path relative to content/, caption).
    pub photos: Vec<(String, String)>,
    /// For news written from a log entry: its index in `Site::activities`.
    pub activity: Option<usize>,
}

#[derive(Debug, Clone)]
pub struct Document {
    pub id: String,
    /// "Kết luận", "Chỉ thị", "Nghị quyết" …
    pub kind: String,
    /// "01-KL/TW"
    pub number: String,
    pub date: Date,
    /// "Bộ Chính trị"
    pub issuer: String,
    pub subject: Option<String>,
    pub pos: Pos,
}

impl Document {
    /// "Kết luận số 01-KL/TW, ngày 18/5/2021 của Bộ Chính trị" (DOMAIN.md);
    /// with `full`, its subject too.
    pub fn citation(&self, full: bool) -> String {
        crate::vn::citation(
            &crate::vn::CitationParts {
                kind: &self.kind,
                number: &self.number,
                date: self.date,
                issuer: &self.issuer,
                subject: self.subject.as_deref(),
            },
            full,
        )
    }
}

/// The path part of a base address: "https://x.gov.vn/chibo/" → "/chibo";
/// "" for a site at the root of its host.
pub fn base_path_of(base_url: &str) -> String {
    match base_url
        .split_once("://")
        .and_then(|(_, rest)| rest.find('/').map(|i| &rest[i..]))
    {
        Some(p) => p.trim_end_matches('/').to_string(),
        None => String::new(),
    }
}

/// Everything loaded from one site folder.
#[derive(Debug, Clone)]
pub struct Site {
    pub root: PathBuf,
    pub config: Config,
    /// Shared: a preview rebuild replaces only the articles that changed.
    pub articles: Vec<Arc<Article>>,
    pub documents: Arc<HashMap<String, Document>>,
    /// Activity log entries, sorted by date.
    pub activities: Arc<Vec<Activity>>,
    pub reports: Vec<Report>,
    /// Site templates that override or add to the built-in theme: (name, source).
    pub templates: Vec<(String, String)>,
    /// Files under content/static, relative to content/ ("static/a.jpg").
    pub static_files: Vec<String>,
    /// What was found in files that have errors, kept so that the other
    /// problems of those files are reported in the same run.
    pub broken: Broken,
}

/// Folders of the output that chibo uses itself; a category key may not
/// be one of them.
pub const RESERVED: &[&str] = &[
    "static", "the", "trang", "bao-cao", "tim-kiem", "404", "assets",
];

/// Where rendering gets the body of an article whose body was not kept in
/// memory (`body_on_disk`: a large site reads each body again when its page
/// is rendered). `load` implements it; `render` never opens a file itself.
pub trait BodySource: Send + Sync + std::fmt::Debug {
    fn body(&self, article: &Article, diags: &mut crate::diag::Diagnostics) -> Option<String>;
}

/// Parts of files that have errors: never published, only checked.
#[derive(Debug, Clone, Default)]
pub struct Broken {
    /// Bodies of articles whose front matter has errors (photos and links
    /// in them are still checked).
    pub bodies: Vec<LooseBody>,
    /// Kind and date of log entries that have errors (the log's monthly
    /// and quarterly warnings still count them).
    pub entries: Vec<(Kind, DateTime)>,
}

/// A Markdown body without a usable article around it.
#[derive(Debug, Clone)]
pub struct LooseBody {
    pub source: String,
    pub body_line: u32,
    pub body: String,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Signer {
    /// "T/M CHI BỘ"
    pub on_behalf: String,
    /// "BÍ THƯ"
    pub title: String,
    pub name: String,
}

/// A review report: content/reports/NAME.md.
#[derive(Debug, Clone, PartialEq)]
pub struct Report {
    pub source: String,
    /// The file name without `.md`; the report is published at bao-cao/NAME/.
    pub name: String,
    /// "BÁO CÁO"
    pub doc_type: String,
    pub subject: String,
    /// "15-BC/CB"; `None` while the number is not given yet.
    pub number: Option<String>,
    pub date: Date,
    pub period: Period,
    pub signer: Signer,
    pub recipients: Vec<String>,
    pub draft: bool,
    pub body: String,
    pub body_line: u32,
}
