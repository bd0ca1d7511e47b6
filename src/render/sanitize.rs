//! The one HTML policy every rendered body passes (articles, log-entry
//! news, reports), whatever it contains, and the way chibo's own HTML
//! (the figures table, the chart) is put into a body after that policy ran.
//!
//! A template function never returns HTML into a body. It returns a
//! *request* (`\u{E000}bieu_do 2021-01-01 2021-12-31\u{E001}`) that names what
//! to draw; a body may print, copy or forge such a request, but all it can
//! get from one is chibo's own table or chart for some period. After
//! Markdown and the sanitiser, the HTML for each request is put in place of
//! a marker that is drawn from the OS random source *after* the body was
//! templated, so no body can ever name it.

use std::borrow::Cow;
use std::collections::HashSet;
use std::sync::LazyLock;

/// Opens a trusted-HTML request in a templated body.
pub const REQUEST_OPEN: char = '\u{E000}';
/// Closes a trusted-HTML request.
pub const REQUEST_CLOSE: char = '\u{E001}';

/// What a template function such as `bieu_do()` prints into a body: a
/// request, honoured only where it stands alone in its paragraph.
pub fn request(name: &str, args: &str) -> String {
    format!("{REQUEST_OPEN}{name} {args}{REQUEST_CLOSE}")
}

/// The text of a request (`"bieu_do 2021-01-01 2021-12-31"`) when `text` is
/// exactly one request, else `None`.
pub fn as_request(text: &str) -> Option<&str> {
    let inner = text
        .trim()
        .strip_prefix(REQUEST_OPEN)?
        .strip_suffix(REQUEST_CLOSE)?;
    (!inner.contains([REQUEST_OPEN, REQUEST_CLOSE])).then_some(inner)
}

/// A fresh marker for one body: 128 bits from the OS random source.
pub fn new_marker() -> String {
    let mut b = [0u8; 16];
    if getrandom::fill(&mut b).is_err() {
        // No OS randomness: fall back to the hasher's per-process keys,
        // which are themselves seeded from the OS.
        use std::hash::{BuildHasher, Hasher};
        let mut h = std::collections::hash_map::RandomState::new().build_hasher();
        h.write_usize(b.as_ptr() as usize);
        b[..8].copy_from_slice(&h.finish().to_le_bytes());
        h.write_u8(1);
        b[8..].copy_from_slice(&h.finish().to_le_bytes());
    }
    let mut s = String::from("chibo");
    for x in b {
        s.push_str(&format!("{x:02x}"));
    }
    s
}

/// The paragraph that holds trusted block `i` until it is put in.
pub fn marker_paragraph(marker: &str, i: usize) -> String {
    format!("<p>{marker}x{i}</p>")
}

/// Puts the trusted blocks in place of their marker paragraphs. A marker
/// that the sanitiser moved or split is not put back (its block is lost,
/// never misplaced).
pub fn put_back(html: &mut String, marker: &str, blocks: &[String]) {
    for (i, b) in blocks.iter().enumerate() {
        let para = marker_paragraph(marker, i);
        if let Some(at) = html.find(&para) {
            html.replace_range(at..at + para.len(), b);
        }
    }
}

/// Characters allowed in an `id` or `class` written by a user.
fn safe_name(v: &str) -> bool {
    !v.is_empty()
        && v.len() <= 100
        && v.chars()
            .all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_')
}

/// Keeps only the ids and class names made of safe characters.
pub fn safe_classes(v: &str) -> Option<String> {
    let kept: Vec<&str> = v.split_whitespace().filter(|c| safe_name(c)).collect();
    (!kept.is_empty()).then(|| kept.join(" "))
}

/// A `srcset` whose every address is on this site or http(s).
fn safe_srcset(v: &str) -> bool {
    v.split(',').all(|candidate| {
        let url = candidate.split_whitespace().next().unwrap_or("");
        (url.starts_with('/') && !url.starts_with("//"))
            || url.starts_with("https://")
            || url.starts_with("http://")
    })
}

fn filter_attribute<'u>(el: &str, attr: &str, value: &'u str) -> Option<Cow<'u, str>> {
    match attr {
        "srcset" => safe_srcset(value).then_some(Cow::Borrowed(value)),
        "type" if el == "source" => matches!(value, "image/webp" | "image/jpeg" | "image/png")
            .then_some(Cow::Borrowed(value)),
        "id" => safe_name(value).then_some(Cow::Borrowed(value)),
        "class" => safe_classes(value).map(Cow::Owned),
        _ => Some(Cow::Borrowed(value)),
    }
}

static POLICY: LazyLock<ammonia::Builder<'static>> = LazyLock::new(|| {
    let mut b = ammonia::Builder::default();
    b.add_tags(["figure", "figcaption", "input", "picture", "source"])
        .add_generic_attributes(["id", "class"])
        .add_tag_attributes(
            "img",
            [
                "loading",
                "decoding",
                "width",
                "height",
                "srcset",
                "sizes",
                "fetchpriority",
            ],
        )
        .add_tag_attributes("source", ["srcset", "sizes", "type", "width", "height"])
        .add_tag_attributes("input", ["type", "checked", "disabled"])
        .add_tag_attributes("th", ["style"])
        .add_tag_attributes("td", ["style"])
        .filter_style_properties(HashSet::from(["text-align"]))
        .url_schemes(HashSet::from(["http", "https", "mailto", "tel"]))
        .attribute_filter(filter_attribute)
        .link_rel(Some("noopener"));
    b
});

/// Removes scripts, event handlers, styles and unsafe URLs: the allow-list
/// every body passes. Keeps what chibo's Markdown produces (ids, figures,
/// the lead, footnotes, task lists, table alignment).
pub fn sanitize(html: &str) -> String {
    POLICY.clean(html).to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn event_handlers_scripts_and_bad_ids_are_removed() {
        let out = sanitize(
            "<h2 id=\"x\" class=\"a b<c\" onfocus=\"alert(1)\" autofocus tabindex=\"0\">Y</h2><script>x</script><a href=\"javascript:alert(1)\">l</a>",
        );
        assert_eq!(
            out,
            "<h2 id=\"x\" class=\"a\">Y</h2><a rel=\"noopener\">l</a>"
        );
    }

    #[test]
    fn table_alignment_survives_but_other_styles_do_not() {
        let out = sanitize(
            "<table><tr><th style=\"text-align: right; background: url(x)\">a</th></tr></table>",
        );
        assert!(out.contains("style=\"text-align:right\""), "{out}");
        assert!(!out.contains("url("), "{out}");
    }

    #[test]
    fn a_request_is_recognised_only_whole() {
        assert_eq!(
            as_request("\u{E000}bieu_do 2021-01-01 2021-12-31\u{E001}"),
            Some("bieu_do 2021-01-01 2021-12-31")
        );
        assert_eq!(as_request("x\u{E000}bieu_do\u{E001}"), None);
        assert_eq!(as_request("\u{E000}a\u{E001}\u{E000}b\u{E001}"), None);
    }

    #[test]
    fn markers_differ_every_time() {
        let a = new_marker();
        assert_eq!(a.len(), 5 + 32);
        assert_ne!(a, new_marker());
    }
}
