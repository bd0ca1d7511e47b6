//! Everything that turns the loaded model into HTML and XML.

pub(crate) mod docx;
pub mod draft;
pub mod figures_html;
pub mod figures_xlsx;
pub mod loose;
pub mod markdown;
pub mod md_input;
mod md_limits;
pub mod meeting_papers;
pub mod news;
pub mod photo_html;
pub mod rating_papers;
pub mod report;
mod report_view;
pub mod rollup_table;
pub mod rollup_xlsx;
pub mod sanitize;
pub mod site;
pub mod table_value;
pub mod targets_html;
pub mod templates;
mod urls;

/// Escapes text for HTML element content and quoted attribute values.
pub fn escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 8);
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            _ => out.push(c),
        }
    }
    out
}
