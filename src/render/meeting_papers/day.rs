//! The papers of one day's meetings, rendered page and Word file each:
//! what `chibo meeting DATE` writes into bao-cao/hop/DATE/ and what the
//! preview's forms show and download. Nothing here is published.

use jiff::civil::Date;

use crate::diag::Diagnostics;
use crate::model::sink::Collected;
use crate::model::{Report, Site};
use crate::render::report::{self, ReportRender};
use crate::render::site::routes::{report_docx_path, report_path};
use crate::render::templates;

/// One file of a meeting's papers.
#[derive(Debug, Clone, PartialEq)]
pub struct PaperFile {
    /// Its name in the day's folder: `bien-ban.html`, `nghi-quyet.docx`.
    pub name: String,
    /// The paper's title, as its page names it.
    pub title: String,
    /// The page or the Word file.
    pub bytes: Vec<u8>,
}

/// The meetings of `site` held on `day`, in the log's order.
pub fn meetings_on(site: &Site, day: Date) -> Vec<&crate::model::Activity> {
    site.activities
        .iter()
        .filter(|a| a.kind().is_meeting() && a.date.date() == day)
        .collect()
}

/// The papers of the meetings of `day` (with `before`, the agenda and the
/// draft resolution instead), each paper's page then its Word file;
/// problems go to `d` (none rendered when the site's templates fail).
pub fn render_day(site: &Site, day: Date, before: bool, d: &mut Diagnostics) -> Vec<PaperFile> {
    let docs: Vec<Report> = meetings_on(site, day)
        .into_iter()
        .flat_map(|a| {
            if before {
                super::before(site, a)
            } else {
                super::papers(site, a)
            }
        })
        .collect();
    render_papers(site, &docs, d)
}

/// Internal papers (`Report`s made from the site's records), each one's
/// page then its Word file, in the order given; problems go to `d` (none
/// rendered when the site's templates fail).
pub fn render_papers(site: &Site, docs: &[Report], d: &mut Diagnostics) -> Vec<PaperFile> {
    let data = templates::EngineData::of(site);
    let Some(tera) = templates::engine(&site.templates, &data, d) else {
        return Vec::new();
    };
    let with = ReportRender {
        tera: &tera,
        data: &data,
        base_path: &site.config.base_path,
        names: None,
        internal: true,
        word: true,
        links: None,
    };
    let sink = Collected::default();
    let mut wanted: Vec<(String, String, String)> = Vec::new();
    for doc in docs {
        report::render_paper(site, &with, doc, &sink, d);
        let title = format!("{} {}", sentence_case(&doc.doc_type), doc.subject);
        wanted.push((
            report_path(Some(&doc.name)),
            format!("{}.html", doc.name),
            title.clone(),
        ));
        wanted.push((
            report_docx_path(&doc.name),
            format!("{}.docx", doc.name),
            title,
        ));
    }
    let mut files = sink.into_files();
    wanted
        .into_iter()
        .filter_map(|(from, name, title)| {
            let at = files.iter().position(|(rel, _)| *rel == from)?;
            Some(PaperFile {
                name,
                title,
                bytes: files.swap_remove(at).1,
            })
        })
        .collect()
}

/// "BIÊN BẢN" → "Biên bản".
fn sentence_case(s: &str) -> String {
    let lower = s.to_lowercase();
    let mut c = lower.chars();
    c.next()
        .map(|f| f.to_uppercase().chain(c).collect())
        .unwrap_or_default()
}
