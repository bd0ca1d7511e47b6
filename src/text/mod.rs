//! Text helpers that both `load` and `render` need, below both: what
//! template syntax a body may use, the excerpt of a body, and the size
//! limit of a body.

pub mod body_syntax;
pub mod excerpt;

pub use excerpt::{
    first_paragraph, is_block, is_block_end, markdown_options, summary_of, truncate_words,
};

/// Largest body rendered (2 MiB: a long news article is 20–50 KB). Past
/// it the body is refused with a located error, so that the time and
/// memory of one page stay bounded (about 1 s and 600 MB at the limit).
pub const MAX_BODY_BYTES: usize = 2 * 1024 * 1024;
