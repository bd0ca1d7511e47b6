//! Markdown → HTML for article and report bodies: captioned figures,
//! heading anchors, photo paths checked and rewritten, unsafe links
//! neutralised, nesting bounded, and the whole body passed through the
//! one sanitiser ([`super::sanitize`]) unless the site says `unsafe_html`.

use std::collections::{HashMap, HashSet};
use std::ops::Range;

use pulldown_cmark::{CowStr, Event, HeadingLevel, Parser, Tag, TagEnd, html};

use crate::diag::{Diagnostics, Pos};
use crate::render::sanitize;
use crate::text::{Lines, MAX_BODY_BYTES, is_block, is_block_end, markdown_options};
use crate::vn;

pub use super::md_input::{LinkResolver, MdInput};
pub use super::photo_html::figure_html;
use super::photo_html::{PhotoRef, photo_warnings, picture_html};
use super::urls::{percent_decode, photo_ref, safe_url};

/// Deepest nesting of lists, quotes and raw HTML elements accepted in a
/// body. Deeper nesting is refused with a located error: HTML parsers (the
/// sanitiser's, the browser's) work in time that grows with the square of
/// the depth.
pub const MAX_NESTING: usize = 100;

/// Longest link address kept; a longer one becomes `#` with a warning.
const MAX_URL: usize = 8 * 1024;
/// Longest run of text handed to the sanitiser in one piece.
const TEXT_CHUNK: usize = 4 * 1024;

/// A link or image title, dropped when absurdly long.
fn short_title<'a>(t: &CowStr<'a>) -> CowStr<'a> {
    if t.len() > MAX_URL {
        CowStr::Borrowed("")
    } else {
        t.clone()
    }
}

/// A rendered body.
pub struct MdOutput {
    /// Sanitised HTML.
    pub html: String,
    /// Headings for a table of contents: (level, id, text).
    pub headings: Vec<(u8, String, String)>,
    /// How many photos the body shows.
    pub photos: usize,
}

/// Renders `input.body`; problems go to `diags`, located in its file.
pub fn render(input: &MdInput<'_>, diags: &mut Diagnostics) -> MdOutput {
    let body = input.body;
    if body.len() > MAX_BODY_BYTES {
        diags.error(
            input.path,
            Pos::new(input.first_line, 1),
            format!(
                "nội dung dài {} byte, quá giới hạn {} byte của một bài; hãy chia thành nhiều bài",
                vn::decimal(body.len() as f64, 0),
                vn::decimal(MAX_BODY_BYTES as f64, 0)
            ),
        );
        return MdOutput {
            html: String::new(),
            headings: Vec::new(),
            photos: 0,
        };
    }
    let lines = Lines::new(body, input.first_line);
    if let Some(at) = crate::text::overlong_run(body) {
        diags.error(
            input.path,
            lines.pos(at),
            format!(
                "quá {} dòng liền nhau không có dòng trống; hãy tách đoạn văn (hoặc danh sách, bảng) bằng một dòng trống",
                vn::decimal(crate::text::MAX_RUN_LINES as f64, 0)
            ),
        );
        return MdOutput {
            html: String::new(),
            headings: Vec::new(),
            photos: 0,
        };
    }
    let events: Vec<(Event<'_>, std::ops::Range<usize>)> =
        Parser::new_ext(body, markdown_options())
            .into_offset_iter()
            .collect();
    if let Some(at) = too_deep(&events) {
        diags.error(
            input.path,
            lines.pos(at),
            format!(
                "các danh sách, trích dẫn hoặc thẻ HTML lồng nhau quá {MAX_NESTING} tầng; hãy viết phẳng hơn"
            ),
        );
        return MdOutput {
            html: String::new(),
            headings: Vec::new(),
            photos: 0,
        };
    }

    let mut out: Vec<Event<'_>> = Vec::with_capacity(events.len());
    // chibo's own HTML asked for by template functions, put in after the
    // sanitiser, in place of `marker` paragraphs.
    let mut marker = String::new();
    let mut trusted_blocks: Vec<String> = Vec::new();
    let mut seen_first_paragraph = false;
    // The first photo of a page loads at once; the others lazily.
    let photos_shown = std::cell::Cell::new(0usize);
    let mut headings = Vec::new();
    let mut used_ids: HashMap<String, usize> = HashMap::new();
    let mut in_image = 0usize;
    // Same-page `#anchor` links, checked against the headings at the end.
    let mut anchors: Vec<(String, usize)> = Vec::new();
    let mut raw_ids: HashSet<String> = HashSet::new();
    // Bytes of text since the last element boundary.
    let mut text_run = 0usize;
    let mut depth = 0usize; // block nesting, to find top-level paragraphs
    let mut i = 0;
    while i < events.len() {
        let (ev, range) = &events[i];
        match ev {
            Event::Text(_) => {}
            Event::SoftBreak => text_run += 1,
            _ => text_run = 0,
        }
        match ev {
            Event::Start(Tag::Paragraph) => {
                if let Some((req, next)) = request_at(&events, i) {
                    match (input.trusted)(req) {
                        Ok(html) => {
                            if marker.is_empty() {
                                marker = sanitize::new_marker();
                            }
                            out.push(Event::Html(
                                sanitize::marker_paragraph(&marker, trusted_blocks.len()).into(),
                            ));
                            trusted_blocks.push(html);
                        }
                        Err(msg) => diags.error(input.path, lines.pos(range.start), msg),
                    }
                    i = next;
                    continue;
                }
                if let Some((fig, next)) =
                    figure_at(&events, i, input, &lines, &photos_shown, diags)
                {
                    out.push(Event::Html(fig.into()));
                    i = next;
                    continue;
                }
                if depth == 0 && !seen_first_paragraph {
                    seen_first_paragraph = true;
                    if input.first_paragraph_is_lead {
                        out.push(Event::Html(CowStr::Borrowed("<p class=\"lead\">")));
                        depth += 1;
                        i += 1;
                        continue;
                    }
                }
                depth += 1;
                out.push(ev.clone());
            }
            Event::Start(Tag::Heading {
                level,
                id,
                classes,
                attrs,
            }) => {
                let text = plain_text(&events[i..]);
                let base = match id.as_deref().and_then(sanitize::safe_classes) {
                    Some(id) if !id.contains(' ') => id,
                    _ => {
                        let s = vn::slugify(&text);
                        if s.is_empty() { "muc".to_string() } else { s }
                    }
                };
                let n = used_ids.entry(base.clone()).or_insert(0);
                let unique = if *n == 0 {
                    base.clone()
                } else {
                    format!("{base}-{n}")
                };
                *n += 1;
                headings.push((heading_level(*level), unique.clone(), text));
                // Only an id and safe class names survive from `{#id .class
                // key=value}`; other attributes (event handlers) are dropped.
                let _ = attrs;
                out.push(Event::Start(Tag::Heading {
                    level: *level,
                    id: Some(unique.into()),
                    classes: classes
                        .iter()
                        .filter_map(|c| sanitize::safe_classes(c))
                        .filter(|c| !c.contains(' '))
                        .map(CowStr::from)
                        .collect(),
                    attrs: Vec::new(),
                }));
                depth += 1;
            }
            Event::Start(Tag::Link {
                link_type,
                dest_url,
                title,
                id,
            }) => {
                let dest = if dest_url.len() > MAX_URL {
                    diags.warning(
                        input.path,
                        lines.pos(range.start),
                        format!(
                            "liên kết `{}` dài quá {MAX_URL} byte nên đã bị bỏ",
                            crate::diag::clip(dest_url)
                        ),
                    );
                    CowStr::Borrowed("#")
                } else if !safe_url(dest_url) {
                    diags.warning(
                        input.path,
                        lines.pos(range.start),
                        format!("liên kết `{}` không an toàn nên đã bị bỏ; chỉ dùng http, https, mailto, tel hoặc đường dẫn trong trang", crate::diag::clip(dest_url)),
                    );
                    CowStr::Borrowed("#")
                } else if let Some(anchor) = dest_url.strip_prefix('#')
                    && !anchor.is_empty()
                {
                    anchors.push((anchor.to_string(), range.start));
                    dest_url.clone()
                } else if let Some(resolved) = input.links.and_then(|f| f(dest_url)) {
                    match resolved {
                        Ok(url) => url.into(),
                        Err(msg) => {
                            diags.error(input.path, lines.pos(range.start), msg);
                            dest_url.clone()
                        }
                    }
                } else if dest_url.starts_with("static/") {
                    format!("{}/{}", input.base_path, dest_url).into()
                } else if dest_url.starts_with('/') && !dest_url.starts_with("//") {
                    format!("{}{}", input.base_path, dest_url).into()
                } else {
                    dest_url.clone()
                };
                out.push(Event::Start(Tag::Link {
                    link_type: *link_type,
                    dest_url: dest,
                    title: short_title(title),
                    id: id.clone(),
                }));
            }
            Event::Start(Tag::Image { dest_url, .. }) => {
                // An image inside a paragraph: the same picture, uncaptioned.
                let (alt, end) = alt_text(&events, i + 1);
                let html = match photo_ref(dest_url, input) {
                    Ok((src, sized)) => {
                        let eager = photos_shown.get() == 0;
                        photos_shown.set(photos_shown.get() + 1);
                        let photo = PhotoRef::of(sized, &src, input.base_path, input.print);
                        picture_html(&photo, &alt, eager)
                    }
                    Err(msg) => {
                        diags.error(input.path, lines.pos(range.start), msg);
                        String::new()
                    }
                };
                out.push(Event::InlineHtml(html.into()));
                i = end + 1;
                continue;
            }
            Event::End(TagEnd::Image) => {
                in_image = in_image.saturating_sub(1);
                out.push(ev.clone());
            }
            Event::Text(t) if in_image == 0 => {
                // Long runs of text are cut into pieces joined by empty
                // spans: the sanitiser's HTML serialiser works in time that
                // grows with length × ampersands of one run of text.
                let mut rest: &str = t;
                loop {
                    let room = TEXT_CHUNK.saturating_sub(text_run);
                    if rest.len() <= room {
                        text_run += rest.len();
                        out.push(Event::Text(CowStr::from(rest.to_string())));
                        break;
                    }
                    let mut cut = room;
                    while !rest.is_char_boundary(cut) {
                        cut -= 1;
                    }
                    let (a, b) = rest.split_at(cut);
                    if !a.is_empty() {
                        out.push(Event::Text(CowStr::from(a.to_string())));
                    }
                    out.push(Event::InlineHtml(CowStr::Borrowed("<span></span>")));
                    text_run = 0;
                    rest = b;
                }
                i += 1;
                continue;
            }
            Event::Start(_) => {
                if is_block(ev) {
                    depth += 1;
                }
                out.push(ev.clone());
            }
            Event::End(end) => {
                if is_block_end(end) {
                    depth = depth.saturating_sub(1);
                }
                out.push(ev.clone());
            }
            Event::Html(h) | Event::InlineHtml(h) => {
                // An anchor written in HTML (`<a id="x">`) is a target too.
                for part in h.split("id=\"").skip(1) {
                    if let Some(end) = part.find('"') {
                        raw_ids.insert(part[..end].to_string());
                    }
                }
                out.push(ev.clone());
            }
            _ => out.push(ev.clone()),
        }
        i += 1;
    }
    for (anchor, at) in &anchors {
        let decoded = percent_decode(anchor);
        if !headings.iter().any(|(_, id, _)| id == &decoded) && !raw_ids.contains(&decoded) {
            let mut msg = format!(
                "liên kết `#{}` trỏ tới một mục không có trong bài",
                crate::diag::clip(anchor)
            );
            if headings.is_empty() {
                msg.push_str(" (bài không có tiêu đề mục nào)");
            } else {
                let ids: Vec<&str> = headings.iter().map(|(_, id, _)| id.as_str()).collect();
                match vn::suggest(&decoded, &ids) {
                    Some(near) => msg.push_str(&format!(" (có phải ý bạn là `#{near}`?)")),
                    None => msg.push_str(&format!("; các mục: #{}", ids.join(", #"))),
                }
            }
            diags.error(input.path, lines.pos(*at), msg);
        }
    }

    let mut html_out = String::with_capacity(body.len() * 3 / 2);
    html::push_html(&mut html_out, out.into_iter());
    if !input.unsafe_html {
        html_out = sanitize::sanitize(&html_out);
    }
    if !trusted_blocks.is_empty() {
        sanitize::put_back(&mut html_out, &marker, &trusted_blocks);
    }
    if html_out.contains([sanitize::REQUEST_OPEN, sanitize::REQUEST_CLOSE]) {
        let at = body
            .find([sanitize::REQUEST_OPEN, sanitize::REQUEST_CLOSE])
            .unwrap_or(0);
        diags.error(
            input.path,
            lines.pos(at),
            "bảng hoặc biểu đồ (`bang_so_lieu()`, `bieu_do()`) phải đứng riêng một đoạn: viết `{{ bieu_do() }}` trên một dòng riêng, cách một dòng trống ở trên và ở dưới",
        );
        html_out.retain(|c| c != sanitize::REQUEST_OPEN && c != sanitize::REQUEST_CLOSE);
    }
    MdOutput {
        html: html_out,
        headings,
        photos: photos_shown.get(),
    }
}

type Events<'e> = [(Event<'e>, Range<usize>)];

/// A paragraph that holds one trusted request and nothing else: the
/// request text and the index after the paragraph.
fn request_at<'e>(events: &'e Events<'e>, i: usize) -> Option<(&'e str, usize)> {
    let (Event::Text(t), _) = events.get(i + 1)? else {
        return None;
    };
    let (Event::End(TagEnd::Paragraph), _) = events.get(i + 2)? else {
        return None;
    };
    sanitize::as_request(t).map(|r| (r, i + 3))
}

/// Where the nesting of block containers (lists, items, quotes, footnotes)
/// plus raw HTML elements first goes past [`MAX_NESTING`], as a byte offset.
fn too_deep(events: &Events<'_>) -> Option<usize> {
    let mut blocks = 0usize;
    let mut html = 0usize;
    for (ev, range) in events {
        match ev {
            Event::Start(
                Tag::List(_) | Tag::Item | Tag::BlockQuote(_) | Tag::FootnoteDefinition(_),
            ) => blocks += 1,
            Event::End(
                TagEnd::List(_) | TagEnd::Item | TagEnd::BlockQuote(_) | TagEnd::FootnoteDefinition,
            ) => blocks = blocks.saturating_sub(1),
            Event::Html(h) | Event::InlineHtml(h) => html = html_depth(h, html),
            _ => {}
        }
        if blocks + html > MAX_NESTING {
            return Some(range.start);
        }
    }
    None
}

/// Elements that never have content, so never nest.
const VOID: [&str; 14] = [
    "area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "param", "source",
    "track", "wbr",
];

/// The open-element depth after a piece of raw HTML, counting `<x` up and
/// `</x` down (an over-estimate for HTML that leaves `<p>` open, which is
/// fine for a limit).
fn html_depth(h: &str, mut depth: usize) -> usize {
    let b = h.as_bytes();
    let mut i = 0;
    while let Some(off) = b[i..].iter().position(|&c| c == b'<') {
        i += off + 1;
        match b.get(i) {
            Some(b'/') => depth = depth.saturating_sub(1),
            Some(c) if c.is_ascii_alphabetic() => {
                let name: String = b[i..]
                    .iter()
                    .take_while(|c| c.is_ascii_alphanumeric())
                    .map(|&c| c.to_ascii_lowercase() as char)
                    .collect();
                let end = b[i..].iter().position(|&c| c == b'>').map(|e| i + e);
                let self_closing = end.is_some_and(|e| e > 0 && b[e - 1] == b'/');
                if !VOID.contains(&name.as_str()) && !self_closing {
                    depth += 1;
                }
            }
            _ => {}
        }
    }
    depth
}

fn heading_level(l: HeadingLevel) -> u8 {
    l as u8
}

/// The text inside the element that starts at `events[0]`.
fn plain_text(events: &[(Event<'_>, std::ops::Range<usize>)]) -> String {
    let mut s = String::new();
    let mut depth = 0i32;
    for (ev, _) in events {
        match ev {
            Event::Start(_) => depth += 1,
            Event::End(_) => {
                depth -= 1;
                if depth <= 0 {
                    break;
                }
            }
            Event::Text(t) | Event::Code(t) => s.push_str(t),
            Event::SoftBreak | Event::HardBreak => s.push(' '),
            _ => {}
        }
    }
    s.trim().to_string()
}

/// The alt text of the image whose events start at `from`, and the index
/// of its end.
fn alt_text(events: &Events<'_>, from: usize) -> (String, usize) {
    let mut j = from;
    let mut alt = String::new();
    while let Some((ev, _)) = events.get(j) {
        match ev {
            Event::End(TagEnd::Image) => break,
            Event::Text(t) | Event::Code(t) => alt.push_str(t),
            _ => {}
        }
        j += 1;
    }
    (alt.trim().to_string(), j)
}

/// A paragraph holding one image and nothing else becomes a `<figure>`
/// with the image title (else its alt text) as the caption. Returns the HTML
/// and the index after the paragraph.
fn figure_at(
    events: &[(Event<'_>, std::ops::Range<usize>)],
    i: usize,
    input: &MdInput<'_>,
    lines: &Lines<'_>,
    shown: &std::cell::Cell<usize>,
    diags: &mut Diagnostics,
) -> Option<(String, usize)> {
    let (
        Event::Start(Tag::Image {
            dest_url, title, ..
        }),
        range,
    ) = &events.get(i + 1)?
    else {
        return None;
    };
    let (alt, j) = alt_text(events, i + 2);
    let trailing_ok = matches!(events.get(j + 1), Some((Event::End(TagEnd::Paragraph), _)));
    if !trailing_ok {
        return None;
    }
    let caption = if title.trim().is_empty() {
        alt.as_str()
    } else {
        title.trim()
    };
    let html = match photo_ref(dest_url, input) {
        Ok((src, sized)) => {
            let eager = shown.get() == 0;
            shown.set(shown.get() + 1);
            photo_warnings(
                dest_url,
                sized,
                &alt,
                caption,
                eager,
                input,
                lines.pos(range.start),
                diags,
            );
            let photo = PhotoRef::of(sized, &src, input.base_path, input.print);
            figure_html(&photo, &alt, caption, eager)
        }
        Err(msg) => {
            diags.error(input.path, lines.pos(range.start), msg);
            figure_html(&PhotoRef::Plain(""), &alt, caption, false)
        }
    };
    Some((html, j + 2))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn run(body: &str, files: &[&str]) -> (MdOutput, Diagnostics) {
        let set: HashSet<String> = files.iter().map(|s| s.to_string()).collect();
        let input = MdInput {
            body,
            path: "content/articles/a.md",
            first_line: 7,
            static_files: &set,
            photos: &HashMap::new(),
            print: false,
            base_path: "/chibo",
            unsafe_html: false,
            first_paragraph_is_lead: true,
            links: None,
            trusted: &|req: &str| {
                match req {
                "bieu_do 2021-01-01 2021-12-31" => Ok("<figure class=\"chart\"><svg viewBox=\"0 0 1 1\" onload=\"ours()\"><rect/></svg></figure>".to_string()),
                other => Err(format!("không biết `{other}`")),
            }
            },
        };
        let mut d = Diagnostics::default();
        let out = render(&input, &mut d);
        (out, d)
    }

    #[test]
    fn an_image_alone_becomes_a_figure_with_caption() {
        let (o, d) = run(
            "Mở đầu.\n\n![Ảnh](static/a.jpg \"Sinh hoạt chuyên đề tại Chi bộ\")\n",
            &["static/a.jpg"],
        );
        assert!(!d.has_errors());
        assert!(
            o.html.contains("<p class=\"lead\">Mở đầu.</p>"),
            "{}",
            o.html
        );
        assert!(o.html.contains(
            "<figure class=\"photo\"><img src=\"/chibo/static/a.jpg\" alt=\"Ảnh\" fetchpriority=\"high\" decoding=\"async\"><figcaption>Sinh hoạt chuyên đề tại Chi bộ</figcaption></figure>"
        ), "{}", o.html);
    }

    #[test]
    fn a_missing_photo_is_located() {
        let (_, d) = run("Một.\n\nHai ![x](static/khong-co.jpg)\n", &[]);
        assert_eq!(
            d.render(),
            "content/articles/a.md:9:5: không tìm thấy ảnh `static/khong-co.jpg` (tìm ở content/static/khong-co.jpg)\n"
        );
    }

    #[test]
    fn a_photo_path_cannot_climb_out() {
        let (_, d) = run("![x](../../etc/passwd)\n", &[]);
        assert!(d.render().contains("không dùng `..`"), "{}", d.render());
    }

    #[test]
    fn headings_get_unique_vietnamese_anchors() {
        let (o, _) = run("## Công tác Đảng\n\n## Công tác Đảng\n", &[]);
        assert!(o.html.contains("<h2 id=\"cong-tac-dang\">"), "{}", o.html);
        assert!(o.html.contains("<h2 id=\"cong-tac-dang-1\">"), "{}", o.html);
    }

    #[test]
    fn scripts_and_javascript_links_are_removed() {
        let (o, d) = run(
            "<script>alert(1)</script>\n\n[x](javascript:alert(1)) <img src=x onerror=alert(1)>\n",
            &[],
        );
        assert!(!o.html.contains("<script"), "{}", o.html);
        assert!(!o.html.contains("javascript:"), "{}", o.html);
        assert!(!o.html.contains("onerror"), "{}", o.html);
        assert_eq!(d.warning_count(), 1);
    }

    #[test]
    fn trusted_requests_get_chibo_html_after_the_sanitiser_and_nothing_else_does() {
        let body = format!(
            "Trước.\n\n{}\n\n<p>chibo00x0</p>\n",
            sanitize::request("bieu_do", "2021-01-01 2021-12-31")
        );
        let (o, d) = run(&body, &[]);
        assert!(!d.has_errors(), "{}", d.render());
        assert!(
            o.html.contains("<figure class=\"chart\"><svg viewBox=\"0 0 1 1\" onload=\"ours()\"><rect/></svg></figure>"),
            "{}",
            o.html
        );
        assert_eq!(o.html.matches("<figure").count(), 1, "{}", o.html);
    }

    #[test]
    fn a_request_inside_a_sentence_is_refused_and_removed() {
        let (o, d) = run(
            "Xem \u{E000}bieu_do 2021-01-01 2021-12-31\u{E001} này.\n",
            &[],
        );
        assert!(
            d.render().contains("phải đứng riêng một đoạn"),
            "{}",
            d.render()
        );
        assert!(
            !o.html.contains('\u{E000}') && !o.html.contains("<figure"),
            "{}",
            o.html
        );
    }

    #[test]
    fn heading_attributes_keep_only_a_safe_id_and_classes() {
        let (o, _) = run(
            "## Y {tabindex=0 autofocus onfocus=alert(document.domain)}\n\n## Z {#muc-1 .noi-bat .x\"y}\n",
            &[],
        );
        assert!(o.html.contains("<h2 id=\"y\">Y</h2>"), "{}", o.html);
        assert!(
            o.html.contains("<h2 id=\"muc-1\" class=\"noi-bat\">Z</h2>"),
            "{}",
            o.html
        );
        assert!(
            !o.html.contains("onfocus") && !o.html.contains("tabindex"),
            "{}",
            o.html
        );
    }

    #[test]
    fn deep_nesting_is_refused_at_its_line() {
        let body = format!("Mở đầu.\n\n{}x\n", "> ".repeat(MAX_NESTING + 1));
        let (o, d) = run(&body, &[]);
        assert_eq!(
            d.render(),
            format!(
                "content/articles/a.md:9:201: các danh sách, trích dẫn hoặc thẻ HTML lồng nhau quá {MAX_NESTING} tầng; hãy viết phẳng hơn\n"
            )
        );
        assert!(o.html.is_empty());
        let (_, d) = run(&format!("{}\n", "<div>".repeat(MAX_NESTING + 1)), &[]);
        assert!(d.has_errors());
        let (_, d) = run(
            &format!("{}\n", "<br><img src=\"static/a.jpg\"/>".repeat(500)),
            &[],
        );
        assert!(!d.has_errors(), "{}", d.render());
    }

    #[test]
    fn smart_quotes_for_vietnamese() {
        let (o, _) = run("\"Dân vận khéo\"\n", &[]);
        assert!(o.html.contains("“Dân vận khéo”"), "{}", o.html);
    }
}
