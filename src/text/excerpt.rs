//! The plain-text summary of a body: its first paragraph, cut at a word.
//! Used by `load` (the excerpt kept for listings) and `render` (summaries
//! of templated bodies), so it lives below both.

use pulldown_cmark::{Event, Options, Parser, Tag, TagEnd};

/// The Markdown options chibo reads bodies with (the same as Zola's).
pub fn markdown_options() -> Options {
    Options::ENABLE_TABLES
        | Options::ENABLE_FOOTNOTES
        | Options::ENABLE_STRIKETHROUGH
        | Options::ENABLE_TASKLISTS
        | Options::ENABLE_HEADING_ATTRIBUTES
        | Options::ENABLE_SMART_PUNCTUATION
}

/// A block-level start event.
pub fn is_block(ev: &Event<'_>) -> bool {
    matches!(
        ev,
        Event::Start(
            Tag::Paragraph
                | Tag::Heading { .. }
                | Tag::BlockQuote(_)
                | Tag::CodeBlock(_)
                | Tag::List(_)
                | Tag::Item
                | Tag::FootnoteDefinition(_)
                | Tag::Table(_)
                | Tag::HtmlBlock
        )
    )
}

/// A block-level end event.
pub fn is_block_end(end: &TagEnd) -> bool {
    matches!(
        end,
        TagEnd::Paragraph
            | TagEnd::Heading(_)
            | TagEnd::BlockQuote(_)
            | TagEnd::CodeBlock
            | TagEnd::List(_)
            | TagEnd::Item
            | TagEnd::FootnoteDefinition
            | TagEnd::Table
            | TagEnd::HtmlBlock
    )
}

/// The plain text of the first top-level paragraph that is not a lone
/// photo: the default summary of an article. Stops parsing there.
pub fn first_paragraph(body: &str) -> String {
    if super::overlong_run(body).is_some() {
        // Refused when rendered; not worth a slow parse here.
        return String::new();
    }
    let mut depth = 0usize;
    let mut text = String::new();
    let mut in_first = false;
    let mut only_image = true;
    for ev in Parser::new_ext(body, markdown_options()) {
        match ev {
            Event::Start(Tag::Paragraph) if depth == 0 => {
                in_first = true;
                only_image = true;
                text.clear();
                depth += 1;
            }
            Event::End(TagEnd::Paragraph) if depth == 1 && in_first => {
                if !only_image && !text.trim().is_empty() {
                    return text.split_whitespace().collect::<Vec<_>>().join(" ");
                }
                in_first = false;
                depth -= 1;
            }
            Event::Start(Tag::Image { .. }) if in_first => depth += 1,
            Event::End(TagEnd::Image) if in_first => depth -= 1,
            Event::Text(t) | Event::Code(t) if in_first => {
                if depth == 1 {
                    only_image = false;
                }
                text.push_str(&t);
            }
            Event::SoftBreak | Event::HardBreak if in_first => text.push(' '),
            Event::Start(ref t) if !in_first && is_block(&Event::Start(t.clone())) => depth += 1,
            Event::End(ref e) if !in_first && is_block_end(e) => depth = depth.saturating_sub(1),
            _ => {
                if in_first
                    && !matches!(
                        ev,
                        Event::Start(Tag::Image { .. }) | Event::End(TagEnd::Image)
                    )
                {
                    // Links, emphasis: their text still counts.
                    if let Event::Start(Tag::Link { .. })
                    | Event::Start(Tag::Emphasis)
                    | Event::Start(Tag::Strong) = ev
                    {
                        only_image = false;
                    }
                }
            }
        }
    }
    String::new()
}

/// The summary shown on listings: at most 320 characters, cut at a word.
pub fn summary_of(text: &str) -> String {
    truncate_words(text, SUMMARY_CHARS)
}

const SUMMARY_CHARS: usize = 320;

/// `s` cut to at most `max_chars` characters at a word, with "…".
pub fn truncate_words(s: &str, max_chars: usize) -> String {
    // Byte length bounds the character count: short texts need no count.
    if s.len() <= max_chars {
        return s.to_string();
    }
    if s.chars().count() <= max_chars {
        return s.to_string();
    }
    let cut: String = s.chars().take(max_chars).collect();
    let at_boundary = s.chars().nth(max_chars).is_some_and(char::is_whitespace);
    let cut = match cut.rfind(' ') {
        _ if at_boundary => &cut[..],
        Some(i) if i > max_chars / 2 => &cut[..i],
        _ => &cut[..],
    };
    format!("{}…", cut.trim_end_matches([',', '.', ';', ':']))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_first_paragraph_skips_a_lone_photo() {
        assert_eq!(
            first_paragraph("![x](a.png \"c\")\n\nMở *đầu*.\n\nHai."),
            "Mở đầu."
        );
    }

    #[test]
    fn summaries_are_cut_at_a_word() {
        assert_eq!(
            truncate_words("Chi bộ Sở Tư pháp tổ chức", 12),
            "Chi bộ Sở Tư…"
        );
    }
}

#[cfg(test)]
mod photo_tests {
    use super::first_photo;

    #[test]
    fn the_first_photo_of_a_body_is_found_under_static() {
        assert_eq!(
            first_photo(
                "Chữ ![a](https://x.vn/a.jpg) rồi\n\n![b](./static/anh/b.jpg \"Chú thích\")"
            ),
            Some("static/anh/b.jpg".into())
        );
        assert_eq!(
            first_photo("Không có ảnh, chỉ [liên kết](static/x.pdf)."),
            None
        );
    }
}

/// The first photo a body shows (`![…](static/…)`), relative to content/,
/// found without parsing the whole body: listings and link previews use it.
pub fn first_photo(body: &str) -> Option<String> {
    let mut rest = body;
    while let Some(i) = rest.find("![") {
        rest = &rest[i + 2..];
        let close = rest.find("](")?;
        let after = &rest[close + 2..];
        let end = after.find([')', ' ', '\n', '"']).unwrap_or(after.len());
        let dest = after[..end]
            .trim_start_matches("./")
            .trim_start_matches('/');
        let dest = dest.strip_prefix("content/").unwrap_or(dest);
        if dest.starts_with("static/") {
            return Some(dest.to_string());
        }
        rest = after;
    }
    None
}
