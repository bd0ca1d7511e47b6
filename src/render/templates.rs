//! Tera 2 setup: the built-in theme compiled into the binary, the site's
//! own templates over it, the Vietnamese filters, and template errors
//! turned into `templates/NAME:line:col: message`.

use std::collections::HashMap;
use std::sync::Arc;

use tera::{Context, ErrorKind, Kwargs, State, Tera, Value};

use crate::dates::{parse_date, parse_datetime};
use crate::diag::{Diagnostics, Pos};
use crate::model::Document;

pub use super::figures_html::EngineData;
use crate::vn;

/// The built-in theme: `templates/` of this repository, compiled in.
pub const BUILTIN: &[(&str, &str)] = &[
    ("base.html", include_str!("../../templates/base.html")),
    ("article.html", include_str!("../../templates/article.html")),
    ("list.html", include_str!("../../templates/list.html")),
    ("tags.html", include_str!("../../templates/tags.html")),
    ("404.html", include_str!("../../templates/404.html")),
    ("search.html", include_str!("../../templates/search.html")),
    ("feed.xml", include_str!("../../templates/feed.xml")),
    ("report.html", include_str!("../../templates/report.html")),
    ("reports.html", include_str!("../../templates/reports.html")),
    (
        "news/default.md",
        include_str!("../../templates/news/default.md"),
    ),
    (
        "news/ket_nap.md",
        include_str!("../../templates/news/ket_nap.md"),
    ),
    (
        "news/chuyen_chinh_thuc.md",
        include_str!("../../templates/news/chuyen_chinh_thuc.md"),
    ),
    (
        "news/sinh_hoat_thuong_ky.md",
        include_str!("../../templates/news/sinh_hoat_thuong_ky.md"),
    ),
    (
        "news/chuyen_de.md",
        include_str!("../../templates/news/chuyen_de.md"),
    ),
    (
        "news/lop_nhan_thuc.md",
        include_str!("../../templates/news/lop_nhan_thuc.md"),
    ),
    (
        "news/kiem_tra.md",
        include_str!("../../templates/news/kiem_tra.md"),
    ),
    (
        "news/giam_sat_chuyen_de.md",
        include_str!("../../templates/news/giam_sat_chuyen_de.md"),
    ),
    (
        "news/hoc_tap.md",
        include_str!("../../templates/news/hoc_tap.md"),
    ),
    (
        "news/dan_van.md",
        include_str!("../../templates/news/dan_van.md"),
    ),
    (
        "news/ky_luat.md",
        include_str!("../../templates/news/ky_luat.md"),
    ),
    (
        "news/xep_loai.md",
        include_str!("../../templates/news/xep_loai.md"),
    ),
];

/// Theme files copied as they are (not Tera templates): name → bytes.
pub const ASSETS: &[(&str, &str)] = &[
    ("style.css", include_str!("../../templates/style.css")),
    ("search.js", include_str!("../../templates/search.js")),
];

/// The template sources in force: built-ins, replaced or extended by the site's.
pub fn sources(site_templates: &[(String, String)]) -> Vec<(String, String)> {
    let mut map: Vec<(String, String)> = BUILTIN
        .iter()
        .map(|(n, s)| (n.to_string(), s.to_string()))
        .collect();
    for (name, text) in site_templates {
        if ASSETS.iter().any(|(a, _)| a == name) {
            continue;
        }
        match map.iter_mut().find(|(n, _)| n == name) {
            Some(slot) => slot.1 = text.clone(),
            None => map.push((name.clone(), text.clone())),
        }
    }
    map
}

/// Theme assets in force (site's `templates/style.css` wins).
pub fn assets(site_templates: &[(String, String)]) -> Vec<(String, String)> {
    ASSETS
        .iter()
        .map(|(name, text)| {
            let own = site_templates.iter().find(|(n, _)| n == name);
            (
                name.to_string(),
                own.map_or_else(|| text.to_string(), |(_, t)| t.clone()),
            )
        })
        .collect()
}

/// Builds the engine. Returns `None` (with the located error in `diags`) when
/// a template does not compile.
pub fn engine(
    site_templates: &[(String, String)],
    data: &EngineData,
    diags: &mut Diagnostics,
) -> Option<Tera> {
    let mut tera = Tera::new();
    tera.autoescape_on(vec![".html", ".xml"]);
    register_filters(&mut tera, data.documents.clone());
    super::figures_html::register_functions(&mut tera);
    // Compile one by one first so that every broken template is reported,
    // not only the first; then add them together for inheritance.
    let sources = sources(site_templates);
    let mut broken = false;
    for (name, text) in &sources {
        let mut probe = Tera::new();
        probe.register_from(&tera);
        // Parents may be missing in the probe; only syntax errors count here.
        if let Err(e) = probe.add_raw_template(name, text)
            && matches!(e.kind(), ErrorKind::SyntaxError(_))
        {
            report_error(&e, None, diags);
            broken = true;
        }
    }
    if broken {
        return None;
    }
    if let Err(e) = tera.add_raw_templates(sources.iter().map(|(n, t)| (n.as_str(), t.as_str()))) {
        report_error(&e, None, diags);
        return None;
    }
    Some(tera)
}

/// Where a template error is reported. `one_off` maps Tera's name for
/// Markdown bodies rendered as templates back to the article file and line.
pub struct OneOff<'a> {
    /// The file the template text comes from.
    pub path: &'a str,
    /// The line of that file the text starts on.
    pub first_line: u32,
}

/// Renders a Markdown body as a template (figures, citations) before it
/// becomes HTML. A mistake is reported at its line of `path`, whose body
/// starts on `first_line`; the body is then used as written.
pub fn render_body(
    tera: &Tera,
    body: &str,
    ctx: &tera::Context,
    path: &str,
    first_line: u32,
    d: &mut Diagnostics,
) -> String {
    let refused = crate::text::body_syntax::check(body);
    if !refused.is_empty() {
        let lines = crate::text::Lines::new(body, first_line);
        for r in refused {
            let pos = lines.pos(r.offset);
            d.error(path, pos, r.message);
        }
        return body.to_string();
    }
    match tera.render_str(body, ctx, false) {
        Ok(s) => s,
        Err(e) => {
            report_error(&e, Some(&OneOff { path, first_line }), d);
            body.to_string()
        }
    }
}

/// Turns a Tera error into a located diagnostic.
pub fn report_error(e: &tera::Error, one_off: Option<&OneOff<'_>>, diags: &mut Diagnostics) {
    match e.kind() {
        ErrorKind::SyntaxError(r) | ErrorKind::RenderingError(r) => {
            let span = r.span();
            let col = span.start_col as u32 + 1;
            let (path, line) = match one_off {
                Some(o) if r.filename().starts_with("__tera") => (
                    o.path.to_string(),
                    o.first_line + span.start_line as u32 - 1,
                ),
                _ => (
                    format!("templates/{}", r.filename()),
                    span.start_line as u32,
                ),
            };
            diags.error(&path, Pos::new(line, col), translate(r.message()));
        }
        other => {
            let text = other.to_string();
            match locate_report(&text) {
                Some((name, line, col, msg)) => {
                    let (path, line) = match one_off {
                        Some(o) if name.starts_with("__tera") => {
                            (o.path.to_string(), o.first_line + line - 1)
                        }
                        _ => (format!("templates/{name}"), line),
                    };
                    diags.error(&path, Pos::new(line, col), translate(&msg));
                }
                None => {
                    let path = one_off.map_or("templates".to_string(), |o| o.path.to_string());
                    diags.error(&path, Pos::default(), format!("lỗi mẫu trang: {text}"));
                }
            }
        }
    }
}

/// Reads "error: MESSAGE\n --> NAME:LINE:COL" out of a rendered Tera report
/// (some errors, such as an unknown filter, only come as text).
fn locate_report(text: &str) -> Option<(String, u32, u32, String)> {
    let msg = text
        .lines()
        .next()?
        .trim()
        .trim_start_matches("error: ")
        .to_string();
    let loc = text.lines().find_map(|l| l.trim().strip_prefix("--> "))?;
    let mut parts = loc.rsplitn(3, ':');
    let col: u32 = parts.next()?.trim().parse().ok()?;
    let line: u32 = parts.next()?.trim().parse().ok()?;
    let name = parts.next()?.to_string();
    Some((name, line, col, msg))
}

/// Tera's messages are English; give the usual ones a Vietnamese lead.
fn translate(msg: &str) -> String {
    if !msg.is_ascii() {
        // Already ours (a chibo filter's message in Vietnamese).
        return msg.to_string();
    }
    let lower = msg.to_lowercase();
    let lead = if lower.contains("not found") || lower.contains("undefined") {
        "biến hoặc số liệu không tồn tại"
    } else if lower.contains("unknown filter") {
        "bộ lọc không tồn tại"
    } else if lower.contains("unknown function") {
        "hàm không tồn tại"
    } else {
        "lỗi mẫu trang"
    };
    format!("{lead}: {msg}")
}

fn date_arg(s: &str) -> tera::TeraResult<jiff::civil::DateTime> {
    parse_datetime(s.trim())
        .map(|(d, _)| d)
        .or_else(|_| parse_date(s.trim()).map(|d| d.at(0, 0, 0, 0)))
        .map_err(|why| tera::Error::message(format!("ngày `{s}` không hợp lệ: {why}")))
}

fn number_arg(v: &Value) -> tera::TeraResult<f64> {
    v.as_f64()
        .ok_or_else(|| tera::Error::message(format!("cần một số, không phải `{v}`")))
}

fn register_filters(tera: &mut Tera, documents: Arc<HashMap<String, Document>>) {
    // "ngày 02 tháng 11 năm 2023"
    tera.register_filter("ngay_thang_nam", |s: &str, _: Kwargs, _: &State| {
        date_arg(s).map(|d| vn::long_date(d.date()))
    });
    // "02-11-2023 15:03"
    tera.register_filter("timestamp", |s: &str, _: Kwargs, _: &State| {
        date_arg(s).map(vn::timestamp)
    });
    // "18/5/2021"
    tera.register_filter("ngay_ngan", |s: &str, _: Kwargs, _: &State| {
        date_arg(s).map(|d| vn::short_date(d.date()))
    });
    tera.register_filter("thu", |s: &str, _: Kwargs, _: &State| {
        date_arg(s).map(|d| vn::weekday(d.date()))
    });
    // 92.44 → "92,4"; places=0 → "92"
    tera.register_filter("so", |v: &Value, k: Kwargs, _: &State| {
        let places = k.get::<i64>("places")?.unwrap_or(1).clamp(0, 6) as usize;
        number_arg(v).map(|x| vn::decimal(x, places))
    });
    // 9 → "09"
    tera.register_filter("hai_so", |v: &Value, _: Kwargs, _: &State| {
        number_arg(v).map(|x| vn::pad2(x.round() as i64))
    });
    // 13 → "XIII"
    tera.register_filter("la_ma", |v: &Value, _: Kwargs, _: &State| {
        number_arg(v).map(|x| vn::roman(x.round() as i64))
    });
    tera.register_filter("slug", |s: &str, _: Kwargs, _: &State| vn::slugify(s));
    // "kl-01-2021" → "Kết luận số 01-KL/TW, ngày 18/5/2021 của Bộ Chính trị"
    tera.register_filter("cite", move |id: &str, k: Kwargs, _: &State| {
        let full = k.get::<bool>("full")?.unwrap_or(false);
        match documents.get(id) {
            Some(d) => Ok(d.citation(full)),
            None => Err(tera::Error::message(crate::model::unknown_document(
                &documents, id,
            ))),
        }
    });
}

/// Renders a template by name with the given context; an error is reported
/// at the template's line.
pub fn render_named(tera: &Tera, name: &str, ctx: &Context, d: &mut Diagnostics) -> Option<String> {
    match tera.render(name, ctx) {
        Ok(s) => Some(s),
        Err(e) => {
            report_error(&e, None, d);
            None
        }
    }
}
