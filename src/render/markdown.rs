//! Markdown → HTML for article and report bodies: captioned figures,
//! heading anchors, photo paths checked and rewritten, unsafe links
//! neutralised, nesting bounded, and the whole body passed through the
//! one sanitiser ([`super::sanitize`]) unless the site says `unsafe_html`.

use std::collections::{HashMap, HashSet};

use pulldown_cmark::{CowStr, Event, HeadingLevel, Tag, TagEnd, html};

use crate::diag::Diagnostics;
use crate::render::sanitize;
use crate::text::{Lines, is_block, is_block_end};
use crate::vn;

pub use super::md_input::{LinkResolver, MdInput};
pub use super::photo_html::figure_html;
use super::photo_html::{PhotoRef, photo_warnings, picture_html};
use super::urls::{percent_decode, photo_ref, safe_url};

pub use super::md_limits::MAX_NESTING;
use super::md_limits::{self, Events};

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
    let lines = Lines::new(input.body, input.first_line);
    let events = match md_limits::parse(input.body, &lines, input.first_line) {
        Ok(events) => events,
        Err((pos, msg)) => {
            diags.error(input.path, pos, msg);
            return MdOutput {
                html: String::new(),
                headings: Vec::new(),
                photos: 0,
            };
        }
    };
    let mut walk = Walk {
        input,
        lines: &lines,
        events: &events,
        diags,
        out: Vec::with_capacity(events.len()),
        marker: String::new(),
        trusted_blocks: Vec::new(),
        seen_first_paragraph: false,
        photos_shown: std::cell::Cell::new(0),
        headings: Vec::new(),
        used_ids: HashMap::new(),
        anchors: Vec::new(),
        raw_ids: HashSet::new(),
        text_run: 0,
        depth: 0,
    };
    let mut i = 0;
    while i < events.len() {
        i = walk.step(i);
    }
    walk.check_anchors();
    walk.finish()
}

/// One pass over a body's events, turning them into the events written
/// out, with what the pass learns on the way.
struct Walk<'w, 'e> {
    input: &'w MdInput<'w>,
    lines: &'w Lines<'w>,
    events: &'e Events<'e>,
    diags: &'w mut Diagnostics,
    out: Vec<Event<'e>>,
    /// chibo's own HTML asked for by template functions, put in after the
    /// sanitiser in place of `marker` paragraphs.
    marker: String,
    trusted_blocks: Vec<String>,
    seen_first_paragraph: bool,
    /// The first photo of a page loads at once; the others lazily.
    photos_shown: std::cell::Cell<usize>,
    headings: Vec<(u8, String, String)>,
    used_ids: HashMap<String, usize>,
    /// Same-page `#anchor` links, checked against the headings at the end.
    anchors: Vec<(String, usize)>,
    /// Ids given in raw HTML (`<a id="x">`), targets too.
    raw_ids: HashSet<String>,
    /// Bytes of text since the last element boundary.
    text_run: usize,
    /// Block nesting, to find top-level paragraphs.
    depth: usize,
}

impl<'e> Walk<'_, 'e> {
    /// Handles the event at `i`; returns the index of the next one.
    fn step(&mut self, i: usize) -> usize {
        let (ev, range) = &self.events[i];
        match ev {
            Event::Text(_) => {}
            Event::SoftBreak => self.text_run += 1,
            _ => self.text_run = 0,
        }
        match ev {
            Event::Start(Tag::Paragraph) => return self.paragraph(i),
            Event::Start(Tag::Heading {
                level, id, classes, ..
            }) => self.heading(i, *level, id.as_deref(), classes),
            Event::Start(Tag::Link {
                link_type,
                dest_url,
                title,
                id,
            }) => {
                let dest = self.link_target(dest_url, range.start);
                self.out.push(Event::Start(Tag::Link {
                    link_type: *link_type,
                    dest_url: dest,
                    title: short_title(title),
                    id: id.clone(),
                }));
            }
            Event::Start(Tag::Image { dest_url, .. }) => return self.inline_image(i, dest_url),
            Event::Text(t) => self.text(t),
            Event::Start(_) => {
                if is_block(ev) {
                    self.depth += 1;
                }
                self.out.push(ev.clone());
            }
            Event::End(end) => {
                if is_block_end(end) {
                    self.depth = self.depth.saturating_sub(1);
                }
                self.out.push(ev.clone());
            }
            Event::Html(h) | Event::InlineHtml(h) => {
                // An anchor written in HTML (`<a id="x">`) is a target too.
                for part in h.split("id=\"").skip(1) {
                    if let Some(end) = part.find('"') {
                        self.raw_ids.insert(part[..end].to_string());
                    }
                }
                self.out.push(ev.clone());
            }
            _ => self.out.push(ev.clone()),
        }
        i + 1
    }

    /// A paragraph: a trusted request alone in it, a captioned figure, the
    /// lead, or a plain paragraph.
    fn paragraph(&mut self, i: usize) -> usize {
        let (input, range) = (self.input, &self.events[i].1);
        if let Some((req, next)) = request_at(self.events, i) {
            match (input.trusted)(req) {
                Ok(html) => {
                    if self.marker.is_empty() {
                        self.marker = sanitize::new_marker();
                    }
                    let mark = sanitize::marker_paragraph(&self.marker, self.trusted_blocks.len());
                    self.out.push(Event::Html(mark.into()));
                    self.trusted_blocks.push(html);
                }
                Err(msg) => self
                    .diags
                    .error(input.path, self.lines.pos(range.start), msg),
            }
            return next;
        }
        if let Some((fig, next)) = figure_at(
            self.events,
            i,
            input,
            self.lines,
            &self.photos_shown,
            self.diags,
        ) {
            self.out.push(Event::Html(fig.into()));
            return next;
        }
        let lead = self.depth == 0 && !self.seen_first_paragraph;
        if self.depth == 0 {
            self.seen_first_paragraph = true;
        }
        self.depth += 1;
        if lead && input.first_paragraph_is_lead {
            self.out
                .push(Event::Html(CowStr::Borrowed("<p class=\"lead\">")));
        } else {
            self.out.push(self.events[i].0.clone());
        }
        i + 1
    }

    /// A heading, with a unique id (its own when it is safe, else its
    /// slug) and only safe class names; other attributes (event handlers)
    /// are dropped.
    fn heading(&mut self, i: usize, level: HeadingLevel, id: Option<&str>, classes: &[CowStr<'e>]) {
        let text = plain_text(&self.events[i..]);
        let base = match id.and_then(sanitize::safe_classes) {
            Some(id) if !id.contains(' ') => id,
            _ => {
                let s = vn::slugify(&text);
                if s.is_empty() { "muc".to_string() } else { s }
            }
        };
        let n = self.used_ids.entry(base.clone()).or_insert(0);
        let unique = if *n == 0 { base } else { format!("{base}-{n}") };
        *n += 1;
        self.headings
            .push((heading_level(level), unique.clone(), text));
        self.out.push(Event::Start(Tag::Heading {
            level,
            id: Some(unique.into()),
            classes: classes
                .iter()
                .filter_map(|c| sanitize::safe_classes(c))
                .filter(|c| !c.contains(' '))
                .map(CowStr::from)
                .collect(),
            attrs: Vec::new(),
        }));
    }

    /// Where a link written in the body goes: `#` for one too long or
    /// unsafe (with a warning), the site's own address for an internal
    /// one; a same-page anchor is kept to be checked at the end.
    fn link_target(&mut self, dest_url: &CowStr<'e>, at: usize) -> CowStr<'e> {
        let (input, pos) = (self.input, self.lines.pos(at));
        if dest_url.len() > MAX_URL {
            self.diags.warning(
                input.path,
                pos,
                format!(
                    "liên kết `{}` dài quá {MAX_URL} byte nên đã bị bỏ",
                    crate::diag::clip(dest_url)
                ),
            );
            CowStr::Borrowed("#")
        } else if !safe_url(dest_url) {
            self.diags.warning(
                input.path,
                pos,
                format!("liên kết `{}` không an toàn nên đã bị bỏ; chỉ dùng http, https, mailto, tel hoặc đường dẫn trong trang", crate::diag::clip(dest_url)),
            );
            CowStr::Borrowed("#")
        } else if let Some(anchor) = dest_url.strip_prefix('#')
            && !anchor.is_empty()
        {
            self.anchors.push((anchor.to_string(), at));
            dest_url.clone()
        } else if let Some(resolved) = input.links.and_then(|f| f(dest_url)) {
            resolved
                .unwrap_or_else(|msg| {
                    self.diags.error(input.path, pos, msg);
                    dest_url.to_string()
                })
                .into()
        } else if dest_url.starts_with("static/") {
            format!("{}/{}", input.base_path, dest_url).into()
        } else if dest_url.starts_with('/') && !dest_url.starts_with("//") {
            format!("{}{}", input.base_path, dest_url).into()
        } else {
            dest_url.clone()
        }
    }

    /// An image inside a paragraph: the same picture, uncaptioned. Its alt
    /// text is taken whole; returns the index after the image.
    fn inline_image(&mut self, i: usize, dest_url: &str) -> usize {
        let input = self.input;
        let (alt, end) = alt_text(self.events, i + 1);
        let html = match photo_ref(dest_url, input) {
            Ok((src, sized)) => {
                let eager = self.photos_shown.get() == 0;
                self.photos_shown.set(self.photos_shown.get() + 1);
                let photo = PhotoRef::of(sized, &src, input.base_path, input.print);
                picture_html(&photo, &alt, eager)
            }
            Err(msg) => {
                let pos = self.lines.pos(self.events[i].1.start);
                self.diags.error(input.path, pos, msg);
                String::new()
            }
        };
        self.out.push(Event::InlineHtml(html.into()));
        end + 1
    }

    /// Text, cut into pieces joined by empty spans: the sanitiser's HTML
    /// serialiser works in time that grows with length × ampersands of one
    /// run of text.
    fn text(&mut self, t: &str) {
        let mut rest = t;
        loop {
            let room = TEXT_CHUNK.saturating_sub(self.text_run);
            if rest.len() <= room {
                self.text_run += rest.len();
                self.out.push(Event::Text(CowStr::from(rest.to_string())));
                return;
            }
            let mut cut = room;
            while !rest.is_char_boundary(cut) {
                cut -= 1;
            }
            let (a, b) = rest.split_at(cut);
            if !a.is_empty() {
                self.out.push(Event::Text(CowStr::from(a.to_string())));
            }
            self.out
                .push(Event::InlineHtml(CowStr::Borrowed("<span></span>")));
            self.text_run = 0;
            rest = b;
        }
    }

    /// Same-page links whose anchor is neither a heading nor an id given in
    /// raw HTML: an error each, with the nearest heading or the list.
    fn check_anchors(&mut self) {
        for (anchor, at) in &self.anchors {
            let decoded = percent_decode(anchor);
            let ids: Vec<&str> = self.headings.iter().map(|(_, id, _)| id.as_str()).collect();
            if ids.contains(&decoded.as_str()) || self.raw_ids.contains(&decoded) {
                continue;
            }
            let mut msg = format!(
                "liên kết `#{}` trỏ tới một mục không có trong bài",
                crate::diag::clip(anchor)
            );
            if ids.is_empty() {
                msg.push_str(" (bài không có tiêu đề mục nào)");
            } else {
                match vn::suggest(&decoded, &ids) {
                    Some(near) => msg.push_str(&format!(" (có phải ý bạn là `#{near}`?)")),
                    None => msg.push_str(&format!("; các mục: #{}", ids.join(", #"))),
                }
            }
            self.diags.error(self.input.path, self.lines.pos(*at), msg);
        }
    }

    /// The HTML: written, sanitised (unless the site trusts raw HTML), with
    /// chibo's own blocks put back in their places.
    fn finish(self) -> MdOutput {
        let body = self.input.body;
        let mut html_out = String::with_capacity(body.len() * 3 / 2);
        html::push_html(&mut html_out, self.out.into_iter());
        if !self.input.unsafe_html {
            html_out = sanitize::sanitize(&html_out);
        }
        if !self.trusted_blocks.is_empty() {
            sanitize::put_back(&mut html_out, &self.marker, &self.trusted_blocks);
        }
        if html_out.contains([sanitize::REQUEST_OPEN, sanitize::REQUEST_CLOSE]) {
            let at = body
                .find([sanitize::REQUEST_OPEN, sanitize::REQUEST_CLOSE])
                .unwrap_or(0);
            self.diags.error(
                self.input.path,
                self.lines.pos(at),
                "bảng hoặc biểu đồ (`bang_so_lieu()`, `bang_chi_tieu()`, `bieu_do()`) phải đứng riêng một đoạn: viết `{{ bieu_do() }}` trên một dòng riêng, cách một dòng trống ở trên và ở dưới",
            );
            html_out.retain(|c| c != sanitize::REQUEST_OPEN && c != sanitize::REQUEST_CLOSE);
        }
        MdOutput {
            html: html_out,
            headings: self.headings,
            photos: self.photos_shown.get(),
        }
    }
}

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
