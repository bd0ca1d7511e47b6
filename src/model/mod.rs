//! Plain data: what the loaders produce and the renderers read. No I/O here.

use std::collections::HashMap;
use std::path::PathBuf;
use std::sync::Arc;

use jiff::civil::{Date, DateTime};

use crate::diag::Pos;

mod activity;
pub use activity::*;
pub mod calendar;
pub mod meeting;
pub mod member;
mod numbers;
pub mod rating;
pub mod rollup;
pub use numbers::{parse_number, type_code};
mod photo;
pub use photo::*;
pub mod sink;
pub mod target;
pub use sink::Sink;

/// The Party cell the site belongs to (`unit:` in site.yaml).
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

/// A span of days, both bounds included.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Period {
    /// The first day.
    pub from: Date,
    /// The last day.
    pub to: Date,
}

impl Period {
    /// Whether `d` falls inside, bounds included.
    pub fn contains(&self, d: Date) -> bool {
        self.from <= d && d <= self.to
    }

    /// The part up to `today`: a term under way ends today, not in years
    /// without entries yet (never before its first day).
    pub fn so_far(&self, today: Date) -> Period {
        Period {
            from: self.from,
            to: self.to.min(today).max(self.from),
        }
    }
}

/// The cell's congress term (`term:` in site.yaml).
#[derive(Debug, Clone)]
pub struct Term {
    /// The first and last day of the term.
    pub period: Period,
    /// "Nhiệm kỳ 2020 - 2025", as printed.
    pub label: String,
}

/// A news category: a folder of the site and a name in the menu.
#[derive(Debug, Clone)]
pub struct Category {
    /// The folder name, a slug: "xay-dung-dang".
    pub key: String,
    /// The name shown: "Xây dựng Đảng".
    pub name: String,
}

/// What an attendance rate is divided by (`attendance_denominator`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum AttendanceDenominator {
    /// present / (total − exempt)
    Required,
    /// present / total
    Total,
}

/// How the figures are computed (`figures:` in site.yaml).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Basis {
    /// What an attendance rate is divided by.
    pub denominator: AttendanceDenominator,
    /// `logs_from`: the first day of the first month the logs are kept
    /// for; months before it never count as covered.
    pub logs_from: Option<Date>,
}

impl Basis {
    /// Figures over `denominator`, with logs kept from the first entry.
    pub fn of(denominator: AttendanceDenominator) -> Self {
        Basis {
            denominator,
            logs_from: None,
        }
    }
}

/// Page margins of printed reports, in millimetres.
#[derive(Debug, Clone, Copy)]
pub struct Margins {
    /// Top margin.
    pub top: f64,
    /// Bottom margin.
    pub bottom: f64,
    /// Left margin (the binding side).
    pub left: f64,
    /// Right margin.
    pub right: f64,
    /// Left and right swap on even pages (duplex printing; the Word file).
    pub mirror: bool,
}

impl Default for Margins {
    /// 20/20/30/15 mm, the values implementations of 36-HD/VPTW use (docs/rules.md §Print).
    fn default() -> Self {
        Margins {
            top: 20.0,
            bottom: 20.0,
            left: 30.0,
            right: 15.0,
            mirror: false,
        }
    }
}

/// site.yaml, read and checked.
///
/// Flat: one field per key of site.yaml, as templates read it (`config.x`).
#[derive(Debug, Clone)]
pub struct Config {
    /// The site's name, in the header and feeds.
    pub title: String,
    /// One sentence about the site, for search engines and feeds.
    pub description: String,
    /// Without a trailing slash: "https://example.gov.vn/chibo-stp".
    pub base_url: String,
    /// The path part of `base_url`, without a trailing slash: "/chibo-stp" or "".
    pub base_path: String,
    /// The `lang` of every page: "vi".
    pub language: String,
    /// The site's fixed UTC offset in minutes (+07:00 → 420).
    pub offset_minutes: i32,
    /// The cell publishing the site.
    pub unit: Unit,
    /// The current term; the default period of figures.
    pub term: Term,
    /// The categories, in menu order.
    pub categories: Vec<Category>,
    /// Articles per listing page.
    pub per_page: usize,
    /// How attendance rates are computed.
    pub attendance_denominator: AttendanceDenominator,
    /// `figures.logs_from`: the logs are kept from this month's first day.
    pub logs_from: Option<Date>,
    /// `figures.register_from`: the register lists every member from
    /// this day (meetings before it are not held to it).
    pub register_from: Option<Date>,
    /// `targets:` — the congress resolution's targets (docs/targets.md).
    pub targets: Vec<target::Target>,
    /// `unit.guidance`: the superior committee's guidance a review follows
    /// (an id of content/documents.yaml), cited in drafted reports.
    pub guidance: Option<String>,
    /// Whether bodies may keep raw HTML without sanitising (trusted sites only).
    pub unsafe_html: bool,
    /// `image:` — the photo link previews of the home page show.
    pub image: Option<String>,
    /// `favicon:` — the site's icon (a file under static/); chibo's own otherwise.
    pub favicon: Option<String>,
    /// Where `image:` and `favicon:` are written.
    pub files_pos: [Pos; 2],
    /// Page margins of printed reports.
    pub margins: Margins,
}

impl Config {
    /// How the figures of this site are computed.
    pub fn basis(&self) -> Basis {
        Basis {
            denominator: self.attendance_denominator,
            logs_from: self.logs_from,
        }
    }

    /// The category whose key is `key`.
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

/// A published or draft article: content/**/*.md.
///
/// Flat: one field per front-matter key and per fact the loader derives
/// from them, each read on its own by pages, feeds, search and checks.
#[derive(Debug, Clone)]
pub struct Article {
    /// Path relative to the site root, `/`-separated: "content/articles/2023/a.md".
    pub source: String,
    /// The title, NFC.
    pub title: String,
    /// Publication date and time, in the site's offset.
    pub date: DateTime,
    /// Where `date:` is written, for warnings about it.
    pub date_pos: Pos,
    /// The key of its category.
    pub category: String,
    /// Tags as written (NFC); their slugs make the tag pages.
    pub tags: Vec<String>,
    /// The byline's name.
    pub author: Option<String>,
    /// The byline's unit, when not the site's cell.
    pub unit: Option<String>,
    /// The lead; the first paragraph when not given.
    pub summary: Option<String>,
    /// The period whose figures the body may use (`figures:`).
    pub figures: Option<Period>,
    /// Where `figures:` is written.
    pub figures_pos: Pos,
    /// A draft is never published by `build`; the preview shows it.
    pub draft: bool,
    /// The last part of its address.
    pub slug: String,
    /// Markdown body, NFC, LF line ends. Empty when `body_on_disk` (a build
    /// of a large site reads it again when the page is rendered).
    pub body: String,
    /// The body was dropped after loading and is read again when rendered.
    pub body_on_disk: bool,
    /// The first paragraph as plain text, cut to a summary's length (the
    /// default summary); empty for
    /// bodies that are templates (their text is known only once rendered).
    pub excerpt: String,
    /// 1-based line of the file where the body starts.
    pub body_line: u32,
    /// Photos attached by a log entry (path relative to content/, caption).
    pub photos: Vec<(String, String)>,
    /// The first photo the page shows (relative to content/): for listings
    /// and link previews.
    pub first_photo: Option<String>,
    /// For news written from a log entry: its index in `Site::activities`.
    pub activity: Option<usize>,
}

/// One document of content/documents.yaml, cited in articles and reports.
#[derive(Debug, Clone)]
pub struct Document {
    /// The id articles cite it by: "kl-01-2021".
    pub id: String,
    /// "Kết luận", "Chỉ thị", "Nghị quyết" …
    pub kind: String,
    /// "01-KL/TW"
    pub number: String,
    /// The day it was signed.
    pub date: Date,
    /// "Bộ Chính trị"
    pub issuer: String,
    /// What it is about, printed in full citations.
    pub subject: Option<String>,
    /// Where it starts in documents.yaml.
    pub pos: Pos,
}

impl Document {
    /// "Kết luận số 01-KL/TW, ngày 18/5/2021 của Bộ Chính trị" (docs/rules.md §Citations);
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
    /// The site folder.
    pub root: PathBuf,
    /// site.yaml.
    pub config: Config,
    /// Shared: a preview rebuild replaces only the articles that changed.
    pub articles: Vec<Arc<Article>>,
    /// content/documents.yaml, by id.
    pub documents: Arc<HashMap<String, Document>>,
    /// Activity log entries, sorted by date.
    pub activities: Arc<Vec<Activity>>,
    /// content/reports/*.md, by name.
    pub reports: Vec<Report>,
    /// Site templates that override or add to the built-in theme: (name, source).
    pub templates: Vec<(String, String)>,
    /// Files under content/static, relative to content/ ("static/a.jpg").
    pub static_files: Vec<String>,
    /// The photos among them, processed (none when only logs were loaded).
    pub photos: Arc<Photos>,
    /// The sheet meetings are scored on (`content/cham-diem.yaml`, else
    /// chibo's default).
    pub scoring: meeting::ScoringSheet,
    /// The private register (`content/dang-vien.yaml`), empty without
    /// one. Never published: nothing the site renders is given it.
    pub members: Vec<member::Member>,
    /// Public holidays, for deadlines in working days.
    pub calendar: calendar::Calendar,
    /// The years' ratings of members (`content/xep-loai/YYYY.yaml`), by
    /// year; private like the register.
    pub ratings: Vec<rating::RatingYear>,
    /// What was found in files that have errors, kept so that the other
    /// problems of those files are reported in the same run.
    pub broken: Broken,
}

/// The output folder of reports (and the internal folder beside it).
pub const REPORTS_DIR: &str = "bao-cao";
/// The output folder of tag pages.
pub const TAGS_DIR: &str = "the";
/// The output folder of the search page and its index.
pub const SEARCH_DIR: &str = "tim-kiem";
/// The output folder of listing pages after the first.
pub const PAGES_DIR: &str = "trang";

/// Folders of the output that chibo uses itself; a category key may not
/// be one of them. `render::site::routes` makes every path from these.
pub const RESERVED: &[&str] = &[
    "static",
    TAGS_DIR,
    PAGES_DIR,
    REPORTS_DIR,
    SEARCH_DIR,
    "404",
    "assets",
];

/// Where rendering gets the body of an article whose body was not kept in
/// memory (`body_on_disk`: a large site reads each body again when its page
/// is rendered). `load` implements it; `render` never opens a file itself.
pub trait BodySource: Send + Sync + std::fmt::Debug {
    /// The body of `article`, or `None` with an error in `diags`.
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
    /// The file, relative to the site.
    pub source: String,
    /// The line the body starts on.
    pub body_line: u32,
    /// The Markdown text.
    pub body: String,
}

/// Who signs a report.
#[derive(Debug, Clone, PartialEq)]
pub struct Signer {
    /// "T/M CHI BỘ"
    pub on_behalf: String,
    /// "BÍ THƯ"
    pub title: String,
    /// The signer's full name.
    pub name: String,
}

/// A review report: a Markdown file in content/reports/, named by the report.
///
/// Flat: one field per front-matter key of a report (and where it was).
#[derive(Debug, Clone, PartialEq)]
pub struct Report {
    /// The file, relative to the site.
    pub source: String,
    /// The file name without `.md`; the report is published at bao-cao/NAME/.
    pub name: String,
    /// "BÁO CÁO"
    pub doc_type: String,
    /// What it reports on, after the type name.
    pub subject: String,
    /// "15-BC/CB"; `None` while the number is not given yet.
    pub number: Option<String>,
    /// Where `number:` is written.
    pub number_pos: Pos,
    /// The day it is dated.
    pub date: Date,
    /// Where `date:` is written.
    pub date_pos: Pos,
    /// The period whose figures it reports.
    pub period: Period,
    /// Where `period:` is written.
    pub period_pos: Pos,
    /// Who signs it.
    pub signer: Signer,
    /// A second signature, on the left in place of "Nơi nhận" (the
    /// minutes: THƯ KÝ beside CHỦ TRÌ).
    pub countersigner: Option<Signer>,
    /// No number line, not even a blank to fill in (the minutes, kept in
    /// a bound book; a meeting's agenda).
    pub unnumbered: bool,
    /// "Nơi nhận", one recipient per item.
    pub recipients: Vec<String>,
    /// A draft is marked as such and never published.
    pub draft: bool,
    /// `publish: true`: the report is part of the website. Otherwise it is
    /// an internal document, written by `chibo report` into `bao-cao/`
    /// beside the output and shown only by the preview.
    pub publish: bool,
    /// The Markdown body.
    pub body: String,
    /// The line the body starts on.
    pub body_line: u32,
}
