//! Plain data: what the loaders produce and the renderers read. No I/O here.

use std::collections::HashMap;
use std::path::PathBuf;

use jiff::civil::{Date, DateTime};

use crate::diag::Pos;

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
    /// Markdown body, NFC, LF line ends.
    pub body: String,
    /// 1-based line of the file where the body starts.
    pub body_line: u32,
    /// Photos attached by a log entry (path relative to content/, caption).
    pub photos: Vec<(String, String)>,
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

/// Everything loaded from one site folder.
#[derive(Debug, Clone)]
pub struct Site {
    pub root: PathBuf,
    pub config: Config,
    pub articles: Vec<Article>,
    pub documents: HashMap<String, Document>,
    /// Site templates that override or add to the built-in theme: (name, source).
    pub templates: Vec<(String, String)>,
    /// Files under content/static, relative to content/ ("static/a.jpg").
    pub static_files: Vec<String>,
}
