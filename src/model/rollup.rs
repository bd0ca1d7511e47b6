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

impl Committee {
    /// The roll-up folder read as a site whose only content is its
    /// reports: the committee is the unit that issues them, the term is
    /// its own. It has no logs, no articles and no web address (its
    /// reports are internal documents).
    pub fn config(&self) -> super::Config {
        super::Config {
            title: self.unit.name.clone(),
            description: String::new(),
            base_url: String::new(),
            base_path: String::new(),
            language: "vi".into(),
            offset_minutes: COMMITTEE_OFFSET_MINUTES,
            unit: self.unit.clone(),
            term: self.term.clone(),
            categories: Vec::new(),
            per_page: 20,
            attendance_denominator: super::AttendanceDenominator::Required,
            logs_from: None,
            register_from: None,
            targets: Vec::new(),
            guidance: None,
            unsafe_html: false,
            image: None,
            favicon: None,
            files_pos: [Pos::default(); 2],
            margins: super::Margins::default(),
        }
    }
}

/// The committee's clock: Vietnam's offset (+07:00).
pub const COMMITTEE_OFFSET_MINUTES: i32 = 7 * 60;
