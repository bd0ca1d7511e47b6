//! What a report's page and its Word file are made from: one view, filled
//! by `report` and read by the HTML template and by `docx`.

use serde::Serialize;

/// A report as its page and Word file show it. Its fields are the parts of
/// a Party document (header, number, place and date, title, body, signing,
/// recipients), each a template variable of `report.html`.
///
/// Flat: grouping them would only rename the template's variables.
#[derive(Serialize)]
pub(crate) struct ReportView<'a> {
    pub(crate) name: &'a str,
    pub(crate) url: String,
    /// The site's icon, as every page links it.
    pub(crate) favicon: String,
    pub(crate) doc_type: &'a str,
    pub(crate) subject: &'a str,
    /// "Số 15-BC/CB", or "Số      -BC/CB" to fill in by hand.
    pub(crate) number_line: String,
    /// "Lạng Sơn, ngày 02 tháng 11 năm 2023"
    pub(crate) place_date: String,
    pub(crate) date: String,
    pub(crate) superior: &'a str,
    pub(crate) unit: &'a str,
    pub(crate) on_behalf: &'a str,
    pub(crate) signer_title: &'a str,
    pub(crate) signer_name: &'a str,
    /// The second signature, on the left ("THƯ KÝ", name), if any.
    pub(crate) countersign_title: Option<&'a str>,
    pub(crate) countersign_name: Option<&'a str>,
    /// "- Đảng ủy Khối (b/c);" … "- Lưu Chi bộ."
    pub(crate) recipients: Vec<String>,
    pub(crate) period_from: String,
    pub(crate) period_to: String,
    pub(crate) draft: bool,
    /// Not on the website (no `publish: true`): only the preview shows it.
    pub(crate) internal: bool,
    pub(crate) content: String,
    /// `content` but its last paragraph, and that paragraph: the template
    /// keeps the last one on the page of the signature.
    pub(crate) content_body: String,
    pub(crate) content_end: String,
    /// The subject as HTML, its number, date and term groups unbreakable.
    pub(crate) subject_html: String,
    /// top, right, bottom, left in mm, as CSS numbers ("20", "12.5")
    pub(crate) margins: [String; 4],
    /// The margins as numbers, and whether they mirror (the Word file).
    #[serde(skip)]
    pub(crate) margin_mm: crate::model::Margins,
}
