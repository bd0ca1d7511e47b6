//! Text helpers that both `load` and `render` need, below both: what
//! template syntax a body may use, the excerpt of a body, and the size
//! limit of a body.

pub mod body_syntax;
pub mod excerpt;
mod lines;
pub mod links;
pub mod nobreak;

pub use excerpt::{
    first_paragraph, first_photo, is_block, is_block_end, markdown_options, summary_of,
    truncate_words,
};
pub use lines::Lines;

/// Largest body rendered (2 MiB: a long news article is 20–50 KB). Past
/// it the body is refused with a located error, so that the time and
/// memory of one page stay bounded (about 1 s and 600 MB at the limit).
pub const MAX_BODY_BYTES: usize = 2 * 1024 * 1024;

/// What marks a paragraph of a drafted article that the writer must still
/// complete; `check` warns while it is there.
pub const TO_COMPLETE: &str = "[CẦN VIẾT TIẾP";

/// What marks a statement the logs cannot support (an absence over months
/// nobody logged, say); `khong_co()` prints it, `check` warns while it is
/// in a rendered body. See docs/rules.md §Absence.
pub const TO_VERIFY: &str = "[CẦN KIỂM TRA";

/// Files that editors leave beside the ones being edited (backups, swap
/// and lock files, hidden files): never read as content, never a reason
/// for the preview to rebuild.
pub fn is_editor_leftover(name: &str) -> bool {
    name.starts_with('.')
        || name.starts_with('#')
        || name.ends_with('~')
        || name.ends_with(".swp")
        || name.ends_with(".swx")
        || name.ends_with(".tmp")
        || name == "4913"
}

/// Most lines one run of text may have without a blank line (a paragraph,
/// a list, a table). Markdown's inline parsing of an unclosed link title
/// takes time that grows with the square of the lines of its paragraph
/// (20,000 lines: 2 s); real paragraphs have a few dozen.
pub const MAX_RUN_LINES: usize = 2_000;

/// The byte offset of the first line past [`MAX_RUN_LINES`] in one run of
/// non-blank lines, if there is one.
pub fn overlong_run(body: &str) -> Option<usize> {
    let mut run = 0usize;
    let mut offset = 0usize;
    for line in body.split_inclusive('\n') {
        if line.trim().is_empty() {
            run = 0;
        } else {
            run += 1;
            if run > MAX_RUN_LINES {
                return Some(offset);
            }
        }
        offset += line.len();
    }
    None
}

/// What a link or image destination may be.
pub fn safe_url(url: &str) -> bool {
    let lower = url.trim().to_ascii_lowercase();
    match lower.find(':') {
        None => true,
        Some(colon) => {
            // A colon after a slash, `?` or `#` is not a scheme ("a/b:c").
            if lower[..colon].contains(['/', '?', '#']) {
                return true;
            }
            ["http", "https", "mailto", "tel"].contains(&&lower[..colon])
        }
    }
}

/// The link and image destinations of a Markdown body that the renderer
/// would drop as unsafe (`javascript:`, `data:`…), each with its byte
/// offset in the body.
pub fn unsafe_links(body: &str) -> Vec<(usize, String)> {
    use pulldown_cmark::{Event, Parser, Tag};
    Parser::new(body)
        .into_offset_iter()
        .filter_map(|(e, range)| match e {
            Event::Start(Tag::Link { dest_url, .. } | Tag::Image { dest_url, .. })
                if !safe_url(&dest_url) =>
            {
                Some((range.start, dest_url.to_string()))
            }
            _ => None,
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_run_of_lines_without_a_blank_one_is_bounded() {
        let ok = "dòng\n".repeat(MAX_RUN_LINES) + "\n" + &"dòng\n".repeat(MAX_RUN_LINES);
        assert_eq!(overlong_run(&ok), None);
        let long = "a\n\n".to_string() + &"dòng\n".repeat(MAX_RUN_LINES + 1);
        assert_eq!(
            overlong_run(&long),
            Some(3 + MAX_RUN_LINES * "dòng\n".len())
        );
    }
}
