//! The year's rating of members (`content/xep-loai/YYYY.yaml`): one record
//! per member, with their self-assessment, the cell's proposal and vote,
//! and the superior's decision, or why they are not rated. The rules it is
//! checked against are named constants here, with their sources in
//! docs/members.md (Rating).

use jiff::civil::Date;

use super::CellLevel;
use super::activity::closed_set;
use crate::diag::Pos;

/// Members admitted (ceremony) less than this many months before the
/// year's end are not rated, though they write a review (HD 21-HD/BTCTW
/// 2019 §II.6; carried into HD 43 unverified; docs/members.md).
pub const NEW_MEMBER_MONTHS: i8 = 6;
/// At most this share, in percent, of the members rated "hoàn thành tốt
/// nhiệm vụ" may be rated "hoàn thành xuất sắc nhiệm vụ" (HD 21-HD/BTCTW
/// 2019; whether HD 43-HD/BTCTW 2025 keeps it is unverified:
/// docs/members.md).
pub const TOP_LEVEL_CAP_PERCENT: f64 = 20.0;

closed_set! {
    /// A member's rating level (QĐ 366-QĐ/TW), by the abbreviations used
    /// in practice.
    MemberLevel {
        Htxsnv = "htxsnv", "Hoàn thành xuất sắc nhiệm vụ";
        Httnv = "httnv", "Hoàn thành tốt nhiệm vụ";
        Htnv = "htnv", "Hoàn thành nhiệm vụ";
        Khtnv = "khtnv", "Không hoàn thành nhiệm vụ";
    }
}

impl MemberLevel {
    /// The same level as the cell's levels name it.
    pub fn cell_level(self) -> CellLevel {
        match self {
            MemberLevel::Htxsnv => CellLevel::HoanThanhXuatSac,
            MemberLevel::Httnv => CellLevel::HoanThanhTot,
            MemberLevel::Htnv => CellLevel::HoanThanh,
            MemberLevel::Khtnv => CellLevel::KhongHoanThanh,
        }
    }
}

/// Why a member may not be rated for a year.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum NotRated {
    /// Not in the cell on the year's last day.
    NotInCell,
    /// Exempt from Party work and meetings (they write no review).
    Exempt,
    /// Admitted on this day, less than [`NEW_MEMBER_MONTHS`] before the
    /// year's end (they write a review but are not rated).
    New(Date),
}

/// Whether `m` may be rated for the year ending `end`; why not, if not.
pub fn not_rated(m: &super::member::Member, end: Date) -> Option<NotRated> {
    let s = m.status(end);
    let new_from = end
        .checked_sub(jiff::Span::new().months(NEW_MEMBER_MONTHS))
        .unwrap_or(end);
    if !s.counted {
        Some(NotRated::NotInCell)
    } else if s.exempt {
        Some(NotRated::Exempt)
    } else {
        m.ceremony
            .filter(|c| *c > new_from && m.joined.is_none())
            .map(NotRated::New)
    }
}

/// A vote of the cell's full members on one member's level.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct RatingVote {
    /// Agreeing.
    pub for_: u32,
    /// Not agreeing.
    pub against: u32,
}

/// One member's record in the year's rating.
///
/// Flat: one field per key of the record.
#[derive(Debug, Clone, PartialEq)]
pub struct RatingRecord {
    /// The member's id in the register.
    pub member: String,
    /// Their own assessment.
    pub self_level: Option<MemberLevel>,
    /// What the cell proposes.
    pub proposed: Option<MemberLevel>,
    /// The vote on the proposal.
    pub vote: Option<RatingVote>,
    /// What the superior committee decided.
    pub decided: Option<MemberLevel>,
    /// Not rated, and why.
    pub not_rated: Option<String>,
    /// Where the record is written.
    pub pos: Pos,
}

impl RatingRecord {
    /// The level that stands: the superior's decision, else the cell's
    /// proposal.
    pub fn level(&self) -> Option<MemberLevel> {
        self.decided.or(self.proposed)
    }
}

/// The rating of one year.
#[derive(Debug, Clone, PartialEq)]
pub struct RatingYear {
    /// The year rated.
    pub year: i16,
    /// The file, relative to the site.
    pub source: String,
    /// The review meeting's day, if given.
    pub meeting: Option<Date>,
    /// One record per member.
    pub records: Vec<RatingRecord>,
}

impl RatingYear {
    /// Members per level that stands, in the levels' order.
    pub fn counts(&self) -> Vec<(MemberLevel, u32)> {
        MemberLevel::ALL
            .iter()
            .map(|l| {
                let n = self
                    .records
                    .iter()
                    .filter(|r| r.level() == Some(*l))
                    .count();
                (*l, n as u32)
            })
            .collect()
    }

    /// The year's last day, when members are counted for the rating.
    pub fn end(&self) -> Date {
        Date::new(self.year, 12, 31).unwrap_or_default()
    }
}
