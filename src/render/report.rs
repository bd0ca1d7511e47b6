//! Printable review reports (Party document format, A4): the report page,
//! its header, signature and recipients, and the list of reports.

use tera::{Context, Tera};

use crate::diag::Diagnostics;
use crate::figures;
use crate::model::Sink;
use crate::model::{Report, Site};
use crate::render::docx;
use crate::render::figures_html::{EngineData, trusted_html};
use crate::render::markdown::{self, MdInput};
pub(crate) use crate::render::report_view::ReportView;
use crate::render::site::routes::{report_docx_path, report_path};
use crate::render::templates;
use crate::text::nobreak;
use crate::vn;

fn recipient_lines(items: &[String]) -> Vec<String> {
    let n = items.len();
    items
        .iter()
        .enumerate()
        .map(|(i, r)| {
            let r = r
                .trim()
                .trim_start_matches('-')
                .trim()
                .trim_end_matches([';', '.', ',']);
            format!("- {r}{}", if i + 1 == n { "." } else { ";" })
        })
        .collect()
}

/// Renders the reports (those named, or all) into `bao-cao/NAME/index.html`
/// and `bao-cao/NAME/NAME.docx`, and the list page `bao-cao/index.html`.
/// Reports without `publish: true` are left out unless `internal` (the
/// preview; `chibo report`, which writes them outside the website); the
/// Word files only with `word` (the preview makes one only when asked).
/// Returns how many were written.
pub fn render_reports(
    site: &Site,
    with: &ReportRender<'_>,
    sink: &dyn Sink,
    diags: &mut Diagnostics,
) -> usize {
    let static_set: std::collections::HashSet<String> = site.static_files.iter().cloned().collect();
    let listed: Vec<&Report> = site
        .reports
        .iter()
        .filter(|r| r.publish || with.internal)
        .collect();
    let mut written = 0;
    for r in &listed {
        if with
            .names
            .is_some_and(|names| !names.iter().any(|n| n == &r.name))
        {
            continue;
        }
        let mut d = Diagnostics::default();
        one_report(site, with, r, &static_set, sink, &mut d);
        if !d.has_errors() {
            written += 1;
        }
        diags.extend(d);
    }
    if with.names.is_none() {
        report_list(site, with, &listed, sink, diags);
    }
    written
}

/// What [`render_reports`] renders with, and which reports.
pub struct ReportRender<'a> {
    /// The site's templates.
    pub tera: &'a Tera,
    /// What report functions in bodies read.
    pub data: &'a EngineData,
    /// The path part of the base URL.
    pub base_path: &'a str,
    /// Only these reports (by name), and no list page; `None`: all, and
    /// the list.
    pub names: Option<&'a [String]>,
    /// Reports without `publish: true` too.
    pub internal: bool,
    /// Each report's Word file too.
    pub word: bool,
    /// Resolves links in bodies to the site's pages.
    pub links: Option<crate::render::markdown::LinkResolver<'a>>,
}

fn write_or_say(sink: &dyn Sink, rel: &str, bytes: &[u8], what: &str, d: &mut Diagnostics) {
    if let Err(e) = sink.write(rel, bytes) {
        d.error(
            "output",
            Default::default(),
            format!("không ghi được {what}: {}", crate::diag::io_message(&e)),
        );
    }
}

/// A document made from the logs rather than read from content/reports/
/// (a meeting's minutes or resolution): its page, and its Word file when
/// asked, exactly as a report's.
pub fn render_paper(
    site: &Site,
    with: &ReportRender<'_>,
    r: &Report,
    sink: &dyn Sink,
    d: &mut Diagnostics,
) {
    let static_set: std::collections::HashSet<String> = site.static_files.iter().cloned().collect();
    one_report(site, with, r, &static_set, sink, d);
}

/// One report: its page, and its Word file when asked.
fn one_report(
    site: &Site,
    with: &ReportRender<'_>,
    r: &Report,
    static_set: &std::collections::HashSet<String>,
    sink: &dyn Sink,
    d: &mut Diagnostics,
) {
    let figs = figures::of_site(site, r.period);
    let body = body_with_figures(with.tera, r, &figs, with.data, d);
    let md = markdown::render(
        &MdInput::new(
            &body,
            &r.source,
            r.body_line,
            site,
            static_set,
            with.base_path,
        )
        .printed()
        .templated(&|req: &str| trusted_html(with.data, req))
        .linked(with.links),
        d,
    );
    let view = view(site, r, with.base_path, print_html(&md.html));
    match with
        .word
        .then(|| docx::report_docx(&view, &body, with.data))
    {
        None => {}
        Some(Ok(bytes)) => {
            let what = format!("tệp Word của báo cáo {}", r.name);
            write_or_say(sink, &report_docx_path(&r.name), &bytes, &what, d);
        }
        Some(Err(e)) => d.error(
            &r.source,
            Default::default(),
            format!("không tạo được tệp Word của báo cáo: {e}"),
        ),
    }
    let mut ctx = Context::new();
    ctx.insert("report", &view);
    ctx.insert("figures", &figs);
    if let Some(html) = templates::render_named(with.tera, "report.html", &ctx, d) {
        let what = format!("báo cáo {}", r.name);
        write_or_say(sink, &report_path(Some(&r.name)), html.as_bytes(), &what, d);
    }
}

/// The page that lists the reports.
fn report_list(
    site: &Site,
    with: &ReportRender<'_>,
    listed: &[&Report],
    sink: &dyn Sink,
    diags: &mut Diagnostics,
) {
    let items: Vec<ReportView<'_>> = listed
        .iter()
        .map(|r| view(site, r, with.base_path, String::new()))
        .collect();
    let mut ctx = Context::new();
    ctx.insert("reports", &items);
    if let Some(html) = templates::render_named(with.tera, "reports.html", &ctx, diags) {
        let rel = report_path(None);
        write_or_say(sink, &rel, html.as_bytes(), &rel, diags);
    }
}

fn view<'a>(site: &'a Site, r: &'a Report, base_path: &str, content: String) -> ReportView<'a> {
    let cfg = &site.config;
    let number_line = match (&r.number, r.unnumbered) {
        (Some(n), _) => format!("Số {n}"),
        (None, true) => String::new(),
        (None, false) => format!(
            "Số {}-{}/{}",
            "\u{a0}".repeat(6),
            crate::model::type_code(&r.doc_type).unwrap_or("BC"),
            cfg.unit.issuer_code
        ),
    };
    let place_date = if cfg.unit.place.is_empty() {
        vn::long_date(r.date)
    } else {
        format!("{}, {}", cfg.unit.place, vn::long_date(r.date))
    };
    let m = cfg.margins;
    let (content_body, content_end) = split_last_paragraph(&content);
    ReportView {
        content_body: content_body.to_string(),
        content_end: content_end.to_string(),
        subject_html: subject_html(&r.subject),
        name: &r.name,
        favicon: crate::render::urls::favicon(site, base_path),
        url: format!(
            "{base_path}/{}",
            report_path(Some(&r.name)).trim_end_matches("index.html")
        ),
        doc_type: &r.doc_type,
        subject: &r.subject,
        number_line,
        place_date,
        date: r.date.to_string(),
        superior: &cfg.unit.superior,
        unit: &cfg.unit.name,
        on_behalf: &r.signer.on_behalf,
        signer_title: &r.signer.title,
        signer_name: &r.signer.name,
        countersign_title: r.countersigner.as_ref().map(|s| s.title.as_str()),
        countersign_name: r.countersigner.as_ref().map(|s| s.name.as_str()),
        recipients: recipient_lines(&r.recipients),
        period_from: vn::short_date(r.period.from),
        period_to: vn::short_date(r.period.to),
        draft: r.draft,
        internal: !r.publish,
        content,
        margins: [m.top, m.right, m.bottom, m.left].map(|v| v.to_string()),
        margin_mm: m,
    }
}

/// The subject for the title: its phrases joined by no-break spaces, so
/// that the browser's balanced wrapping breaks only between phrases
/// (`nobreak::title_segments`).
fn subject_html(subject: &str) -> String {
    nobreak::title_segments(subject)
        .iter()
        .map(|(t, _)| crate::render::escape(t).replace('\u{a0}', "&nbsp;"))
        .collect::<Vec<_>>()
        .join(" ")
}

/// A report body's HTML for print (36-HD/VPTW, docs/rules.md §Print):
/// numbers and dates never broken across lines, and "Phần thứ nhất:
/// Kết quả…" as the part's name over its title in capitals.
fn print_html(html: &str) -> String {
    part_headings(&nobreak::wrap_html(html))
}

/// `<h2 …>Phần thứ nhất: Kết quả …</h2>` → the part's name on a line of
/// its own (normal case, bold), its title on the next (capitals).
fn part_headings(html: &str) -> String {
    let mut out = String::with_capacity(html.len() + 64);
    let mut rest = html;
    while let Some(at) = rest.find("<h2") {
        out.push_str(&rest[..at]);
        let h = &rest[at..];
        let (Some(open_end), Some(close)) = (h.find('>'), h.find("</h2>")) else {
            out.push_str(h);
            return out;
        };
        let text = &h[open_end + 1..close];
        match text.split_once(": ") {
            Some((part, title)) if is_part_name(part) => {
                out.push_str(&h[..open_end]);
                out.push_str(" class=\"part\"><span class=\"part-name\">");
                out.push_str(part);
                out.push_str("</span><span class=\"part-title\">");
                out.push_str(title);
                out.push_str("</span></h2>");
            }
            _ if is_part_name(text) => {
                out.push_str(&h[..open_end]);
                out.push_str(" class=\"part\"><span class=\"part-name\">");
                out.push_str(text);
                out.push_str("</span></h2>");
            }
            _ => out.push_str(&h[..close + 5]),
        }
        rest = &h[close + 5..];
    }
    out.push_str(rest);
    out
}

/// "Phần thứ nhất", "Phần thứ hai", "Phần I", "PHẦN II": a part's name,
/// plain text only.
fn is_part_name(s: &str) -> bool {
    let lower = s.trim().to_lowercase();
    !s.contains('<')
        && lower
            .strip_prefix("phần ")
            .is_some_and(|n| n.split_whitespace().count() <= 2)
}

/// The longest last block kept with the signature: a short paragraph or
/// list; a longer one may break across pages as any other.
const CLOSING_MAX_BYTES: usize = 3000;

/// The body without its last block, and that block (a paragraph or a
/// list at the top level), to keep with the signature.
fn split_last_paragraph(html: &str) -> (&str, &str) {
    let trimmed = html.trim_end();
    let balanced = |t: &str| {
        ["ol", "ul", "blockquote", "table", "figure"]
            .iter()
            .all(|tag| {
                t.matches(&format!("<{tag}")).count() == t.matches(&format!("</{tag}>")).count()
            })
    };
    for (open, close) in [("<p", "</p>"), ("<ol", "</ol>"), ("<ul", "</ul>")] {
        if !trimmed.ends_with(close) {
            continue;
        }
        let mut from = trimmed.len();
        while let Some(at) = trimmed[..from].rfind(open) {
            from = at;
            let top = at == 0 || html[..at].ends_with('\n');
            if top && balanced(&html[..at]) && balanced(&trimmed[at..]) {
                if trimmed.len() - at > CLOSING_MAX_BYTES {
                    return (html, "");
                }
                return (&html[..at], &html[at..]);
            }
        }
    }
    (html, "")
}

/// The report body with `{{ figures… }}` and the filters and functions
/// filled in; errors point at the report file's line.
fn body_with_figures(
    tera: &Tera,
    r: &Report,
    figs: &figures::Figures,
    data: &EngineData,
    d: &mut Diagnostics,
) -> String {
    if !crate::text::body_syntax::needs_templating(&r.body) {
        return r.body.clone();
    }
    let mut ctx = Context::new();
    ctx.insert("figures", figs);
    // In a roll-up folder, the committee's figures over its cells.
    if let Some(rollup) = data.rollup(r.period) {
        ctx.insert("tong_hop", rollup);
    }
    templates::render_body(tera, &r.body, &ctx, &r.source, r.body_line, d)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_part_heading_becomes_its_name_over_its_title() {
        let html = "<h2 id=\"p1\">Phần thứ nhất: Kết quả <span class=\"nb\">năm 2023</span></h2>\n<h2 id=\"x\">Ghi chú: khác</h2>";
        assert_eq!(
            part_headings(html),
            "<h2 id=\"p1\" class=\"part\"><span class=\"part-name\">Phần thứ nhất</span><span class=\"part-title\">Kết quả <span class=\"nb\">năm 2023</span></span></h2>\n<h2 id=\"x\">Ghi chú: khác</h2>"
        );
        assert_eq!(
            part_headings("<h2>Phần II: A</h2>")
                .matches("part-name")
                .count(),
            1
        );
        assert_eq!(
            part_headings("<h2 id=\"a\">unclosed"),
            "<h2 id=\"a\">unclosed"
        );
    }

    #[test]
    fn the_last_paragraph_or_list_goes_with_the_signature() {
        let body = "<p>Một.</p>\n<p>Hai.</p>\n";
        assert_eq!(
            split_last_paragraph(body),
            ("<p>Một.</p>\n", "<p>Hai.</p>\n")
        );
        let list = "<p>Một.</p>\n<ol>\n<li>A\n<ol>\n<li>a</li>\n</ol>\n</li>\n<li>B</li>\n</ol>\n";
        assert_eq!(split_last_paragraph(list).0, "<p>Một.</p>\n");
        // A paragraph inside a quote or list item is not taken alone.
        let quoted = "<p>Một.</p>\n<blockquote>\n<p>Hai.</p>\n</blockquote>\n";
        assert_eq!(split_last_paragraph(quoted), (quoted, ""));
        let long = format!("<p>{}</p>\n", "x".repeat(CLOSING_MAX_BYTES));
        assert_eq!(split_last_paragraph(&long), (long.as_str(), ""));
    }

    #[test]
    fn recipients_end_with_semicolons_and_a_full_stop() {
        let v = recipient_lines(&[
            "Đảng ủy Khối (b/c)".into(),
            "- Các đồng chí đảng viên;".into(),
            "Lưu Chi bộ".into(),
        ]);
        assert_eq!(
            v,
            [
                "- Đảng ủy Khối (b/c);",
                "- Các đồng chí đảng viên;",
                "- Lưu Chi bộ."
            ]
        );
    }
}
