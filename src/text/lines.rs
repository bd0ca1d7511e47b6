//! Byte offsets of a body turned into `line:column` of its file, the one
//! place positions inside bodies are computed (Markdown problems, template
//! syntax refusals).

use crate::diag::Pos;

/// Turns a byte offset of the body into a file position. Offsets asked for
/// in increasing order on one line cost only the distance from the last
/// one (a 3 MB line with 100,000 broken links stays linear).
pub struct Lines<'a> {
    text: &'a str,
    starts: Vec<usize>,
    first_line: u32,
    /// The last position given: (line index, byte offset, column).
    last: std::cell::Cell<(usize, usize, usize)>,
}

impl<'a> Lines<'a> {
    /// Line starts of `text`, whose first line is `first_line` of its file.
    pub fn new(text: &'a str, first_line: u32) -> Self {
        let mut starts = vec![0];
        starts.extend(text.match_indices('\n').map(|(i, _)| i + 1));
        Lines {
            text,
            starts,
            first_line,
            last: std::cell::Cell::new((0, 0, 1)),
        }
    }
    /// The line and column of byte `offset`.
    pub fn pos(&self, offset: usize) -> Pos {
        let idx = self
            .starts
            .partition_point(|&s| s <= offset)
            .saturating_sub(1);
        let (last_idx, last_off, last_col) = self.last.get();
        let (from, col0) = if last_idx == idx && last_off <= offset {
            (last_off, last_col)
        } else {
            (self.starts[idx], 1)
        };
        let col = self
            .text
            .get(from..offset)
            .map_or(col0, |s| col0 + s.chars().count());
        self.last.set((idx, offset, col));
        Pos::new(self.first_line + idx as u32, col as u32)
    }
}
