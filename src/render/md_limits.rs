//! The limits a Markdown body is held to before it is rendered: its size,
//! its longest run of lines without a blank one, and how deep lists,
//! quotes and raw HTML nest. Each is refused with a located error, because
//! past them the parsers (ours, the sanitiser's, the browser's) work in
//! time that grows faster than the body.

use std::ops::Range;

use pulldown_cmark::{Event, Parser, Tag, TagEnd};

use crate::diag::Pos;
use crate::text::{Lines, MAX_BODY_BYTES, MAX_RUN_LINES, markdown_options, overlong_run};
use crate::vn;

/// Deepest nesting of lists, quotes and raw HTML elements accepted in a
/// body. Deeper nesting is refused with a located error: HTML parsers (the
/// sanitiser's, the browser's) work in time that grows with the square of
/// the depth.
pub const MAX_NESTING: usize = 100;

/// A parsed body: each event with the bytes of the body it came from.
pub(super) type Events<'e> = [(Event<'e>, Range<usize>)];

/// Where a body is refused, and why.
pub(super) type Refusal = (Pos, String);

/// The body's events, or where and why it is refused.
pub(super) fn parse<'b>(
    body: &'b str,
    lines: &Lines<'_>,
    first_line: u32,
) -> Result<Vec<(Event<'b>, Range<usize>)>, Refusal> {
    if body.len() > MAX_BODY_BYTES {
        return Err((
            Pos::new(first_line, 1),
            format!(
                "nội dung dài {} byte, quá giới hạn {} byte của một bài; hãy chia thành nhiều bài",
                vn::decimal(body.len() as f64, 0),
                vn::decimal(MAX_BODY_BYTES as f64, 0)
            ),
        ));
    }
    if let Some(at) = overlong_run(body) {
        return Err((
            lines.pos(at),
            format!(
                "quá {} dòng liền nhau không có dòng trống; hãy tách đoạn văn (hoặc danh sách, bảng) bằng một dòng trống",
                vn::decimal(MAX_RUN_LINES as f64, 0)
            ),
        ));
    }
    let events: Vec<_> = Parser::new_ext(body, markdown_options())
        .into_offset_iter()
        .collect();
    if let Some(at) = too_deep(&events) {
        return Err((
            lines.pos(at),
            format!(
                "các danh sách, trích dẫn hoặc thẻ HTML lồng nhau quá {MAX_NESTING} tầng; hãy viết phẳng hơn"
            ),
        ));
    }
    Ok(events)
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
