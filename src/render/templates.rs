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
    ("favicon.svg", include_str!("../../templates/favicon.svg")),
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
    super::figures_html::register_absence(&mut tera);
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
        Ok(s) => {
            warn_marks(&s, path, first_line, d);
            s
        }
        Err(e) => {
            report_error(&e, Some(&OneOff { path, first_line }), d);
            body.to_string()
        }
    }
}

/// How much of a `[CẦN KIỂM TRA: …]` mark a warning quotes.
const MARK_CHARS: usize = 300;

/// A warning for each `[CẦN KIỂM TRA: …]` left in a rendered body, at the
/// line it is on (a body's templating keeps its lines).
fn warn_marks(rendered: &str, path: &str, first_line: u32, d: &mut Diagnostics) {
    let lines = crate::text::Lines::new(rendered, first_line);
    for (at, _) in rendered.match_indices(crate::text::TO_VERIFY) {
        let rest = &rendered[at..];
        let mark = rest.find(']').map_or(rest, |end| &rest[..=end]);
        let mark = match mark.char_indices().nth(MARK_CHARS) {
            Some((cut, _)) => format!("{}…", &mark[..cut]),
            None => mark.to_string(),
        };
        // The line is the body's; a column in the rendered text would not
        // be one in the file.
        let pos = crate::diag::Pos::new(lines.pos(at).line, 1);
        d.warning(
            path,
            pos,
            format!(
                "câu chưa có căn cứ trong nhật ký: {mark}; hãy bổ sung nhật ký, hoặc viết lại câu đó rồi xóa dấu đánh dấu"
            ),
        );
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
                    diags.error(&path, Pos::default(), translate(&text));
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
    translate_engine(msg.trim()).unwrap_or_else(|| {
        // A message this table does not know yet: said as a template
        // mistake, with the engine's own words kept for whoever helps.
        format!("lỗi mẫu trang ở đây; hãy kiểm tra biểu thức (thông báo gốc của Tera: {msg})")
    })
}

/// The `X` of "… `X` …" after `after`.
fn quoted_after<'m>(msg: &'m str, after: &str) -> Option<&'m str> {
    let rest = &msg[msg.find(after)? + after.len()..];
    let start = rest.find('`')? + 1;
    let end = start + rest[start..].find('`')?;
    Some(&rest[start..end])
}

/// A Tera type name in Vietnamese.
fn type_name(t: &str) -> &str {
    match t {
        "string" | "str" => "chữ",
        "i64" | "u64" | "i128" | "u128" | "usize" | "isize" | "f64" | "number" | "integer"
        | "float" => "số",
        "bool" => "đúng/sai",
        "array" | "vec" => "danh sách",
        "map" | "object" => "khối",
        "none" | "null" | "undefined" => "rỗng",
        other => other,
    }
}

/// Tera's messages said again in Vietnamese; `None` for one not known.
fn translate_engine(msg: &str) -> Option<String> {
    let list_after = |marker: &str| {
        msg.split_once(marker)
            .map(|(_, l)| l.trim().trim_end_matches('.'))
    };
    if msg.starts_with("Variable `") {
        let name = quoted_after(msg, "Variable")?;
        let valid = list_after("Available variables:").unwrap_or("");
        return Some(format!(
            "biến `{name}` không có; các biến dùng được ở đây: {valid}"
        ));
    }
    if msg.starts_with("Field `") {
        let name = quoted_after(msg, "Field")?;
        let valid = list_after("Available fields:").unwrap_or("");
        return Some(format!("`{name}` không có ở đây; các mục có: {valid}"));
    }
    if let Some(rest) = msg.strip_prefix("Found ") {
        let found = rest.split(" but ").next().unwrap_or("");
        let wanted = if msg.contains("integer, float, string") {
            "một giá trị (số, chữ trong ngoặc kép, tên biến)".to_string()
        } else {
            let w = msg
                .split("expected")
                .nth(1)
                .unwrap_or("")
                .trim()
                .trim_end_matches('.');
            format!("`{}`", w.trim_matches('`').trim_start_matches("one of: "))
        };
        let found = match found {
            "integer" | "float" => "một số".to_string(),
            "string" => "một chữ".to_string(),
            "ident" => "một tên".to_string(),
            f => f.to_string(),
        };
        return Some(format!(
            "viết chưa đúng cú pháp: gặp {found} ở chỗ cần {wanted}"
        ));
    }
    if msg.starts_with("Unexpected end of input") {
        return Some("hết bài mà một khối chưa đóng: thiếu `{% endif %}` hoặc `}}`".to_string());
    }
    if msg.starts_with("Unknown tag") {
        return Some("câu lệnh không có hoặc đứng sai chỗ (ví dụ `{% elif %}`, `{% else %}` hay `{% endif %}` khi chưa có `{% if %}` mở trước)".to_string());
    }
    if msg.starts_with("Cannot compare") {
        let mut q = msg.split('`').skip(1).step_by(2);
        let (a, b) = (q.next()?, q.next()?);
        return Some(format!(
            "không so sánh được {} với {}",
            type_name(a),
            type_name(b)
        ));
    }
    if msg.contains("requires both operands to be numbers") {
        let op = msg.split('`').nth(1)?;
        let mut q = msg.split("found").nth(1)?.split('`').skip(1).step_by(2);
        let (a, b) = (q.next()?, q.next()?);
        return Some(format!(
            "phép `{op}` cần hai số, nhưng gặp {} và {}",
            type_name(a),
            type_name(b)
        ));
    }
    if msg.starts_with("Cannot divide by 0") || msg.contains("by zero") {
        return Some("không chia được cho 0".to_string());
    }
    if msg.starts_with("Missing keyword argument") {
        let name = quoted_after(msg, "argument")?;
        return Some(format!("thiếu tham số `{name}`"));
    }
    if msg.starts_with("Invalid type for the value") {
        let mut q = msg.split('`').skip(1).step_by(2);
        let (want, got) = (q.next()?, q.next()?);
        return Some(format!(
            "giá trị sai kiểu: cần {}, không phải {}",
            type_name(want),
            type_name(got)
        ));
    }
    if msg.starts_with("Invalid argument for") {
        let name = quoted_after(msg, "for")?;
        return Some(format!("tham số `{name}` không nhận giá trị đã cho"));
    }
    if msg.contains("variable that is undefined") || msg.contains("not found") {
        return Some("biến hoặc số liệu không tồn tại".to_string());
    }
    let lower = msg.to_lowercase();
    if lower.contains("unknown filter")
        && let Some(name) = quoted_after(msg, "ilter")
    {
        return Some(format!("bộ lọc `{name}` không có"));
    }
    if lower.contains("unknown function") {
        let name = msg.split('`').nth(1).unwrap_or("");
        return Some(format!("hàm `{name}` không có"));
    }
    None
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
    // One id, or a list of ids (`figures.documents_studied`): their
    // citations joined with "; ".
    tera.register_filter("cite", move |v: &Value, k: Kwargs, _: &State| {
        let full = k.get::<bool>("full")?.unwrap_or(false);
        let one = |id: &str| match documents.get(id) {
            Some(d) => Ok(d.citation(full)),
            None => Err(tera::Error::message(crate::model::unknown_document(
                &documents, id,
            ))),
        };
        match (v.as_str(), v.as_array()) {
            (Some(id), _) => one(id),
            (None, Some(ids)) => {
                let mut out = Vec::with_capacity(ids.len());
                for id in ids {
                    out.push(one(id.as_str().unwrap_or_default())?);
                }
                Ok(out.join("; "))
            }
            _ => Err(tera::Error::message(format!(
                "`cite` cần mã văn bản (ví dụ \"kl-01-2021\") hoặc danh sách mã, không phải `{v}`"
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

#[cfg(test)]
mod translate_tests {
    use super::translate;

    #[test]
    fn template_engine_messages_are_said_in_vietnamese() {
        for (english, vietnamese) in [
            (
                "Variable `khong` is not defined. Available variables: date, figures, site, title",
                "biến `khong` không có; các biến dùng được ở đây: date, figures, site, title",
            ),
            (
                "Field `khong` is not defined. Available fields: attendance, counts",
                "`khong` không có ở đây; các mục có: attendance, counts",
            ),
            (
                "Found `%}` but expected one of: integer, float, string, bool, ident, `-`, `not`, `<`, `{`, `[` or `(`",
                "viết chưa đúng cú pháp: gặp `%}` ở chỗ cần một giá trị (số, chữ trong ngoặc kép, tên biến)",
            ),
            (
                "Found integer but expected }}.",
                "viết chưa đúng cú pháp: gặp một số ở chỗ cần `}}`",
            ),
            (
                "Unexpected end of input",
                "hết bài mà một khối chưa đóng: thiếu `{% endif %}` hoặc `}}`",
            ),
            (
                "Cannot compare `string` with `i64`",
                "không so sánh được chữ với số",
            ),
            (
                "`+` requires both operands to be numbers, found `u64` and `string`",
                "phép `+` cần hai số, nhưng gặp số và chữ",
            ),
            ("Cannot divide by 0", "không chia được cho 0"),
            (
                "Missing keyword argument `length`",
                "thiếu tham số `length`",
            ),
            (
                "Invalid type for the value, expected `usize` but got `string`",
                "giá trị sai kiểu: cần số, không phải chữ",
            ),
            (
                "Tried to render a variable that is undefined",
                "biến hoặc số liệu không tồn tại",
            ),
        ] {
            assert_eq!(translate(english), vietnamese);
        }
        assert!(translate("Something new").starts_with("lỗi mẫu trang ở đây"));
        assert_eq!(translate("cần một số"), "cần một số");
    }
}
