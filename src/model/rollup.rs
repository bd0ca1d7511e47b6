//! The superior committee's roll-up (`rollup.yaml`, docs/rollup.md): the
//! committee that gathers the figures, and where its cells' sites are.

use crate::diag::Pos;

use super::{Term, Unit};

/// The roll-up folder's file.
pub const ROLLUP_FILE: &str = "rollup.yaml";

/// The most cells one roll-up reads: a province has a few thousand cells;
/// past this, a path is more likely a mistake (a whole disk) than a
/// committee.
pub const MAX_CELLS: usize = 20_000;

/// `rollup.yaml`: the committee and its cells.
#[derive(Debug, Clone)]
pub struct Committee {
    /// The committee (`unit:`): "Đảng ủy Khối các cơ quan tỉnh", its
    /// superior, its issuer code (ĐUK) and place.
    pub unit: Unit,
    /// The committee's term.
    pub term: Term,
    /// The cells as written, in order.
    pub cells: Vec<CellPlace>,
}

/// One item of `cells:`: a cell's site, or a folder whose subfolders are
/// cells' sites.
#[derive(Debug, Clone)]
pub struct CellPlace {
    /// The path as written, relative to the roll-up folder.
    pub written: String,
    /// Where it is written in rollup.yaml.
    pub pos: Pos,
}
