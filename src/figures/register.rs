//! The members' numbers from the private register (docs/members.md): on
//! the period's last day, and what changed during it. Counts only: no
//! name leaves this module.

use serde::Serialize;

use crate::model::Period;
use crate::model::member::{LeftForm, Member, counts_on};

/// The register's numbers for a period (`figures.register`).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize)]
pub struct RegisterFigures {
    /// Members counted on the period's last day.
    pub total: u32,
    /// Of them, full members.
    pub chinh_thuc: u32,
    /// Of them, on probation.
    pub du_bi: u32,
    /// Of them, exempt from meetings.
    pub mien: u32,
    /// Of them, attending elsewhere on temporary transfer.
    pub tam_thoi_di: u32,
    /// Admitted here (their ceremony) during the period.
    pub admitted: u32,
    /// Transferred in during the period.
    pub transferred_in: u32,
    /// Transferred out during the period.
    pub transferred_out: u32,
    /// Left otherwise (died, removed, expelled, left the Party).
    pub left: u32,
}

/// The register's figures for `period`; `None` without a register.
pub(super) fn register(members: &[Member], period: Period) -> Option<RegisterFigures> {
    if members.is_empty() {
        return None;
    }
    let c = counts_on(members, period.to);
    let within = |d: Option<jiff::civil::Date>| d.is_some_and(|d| period.contains(d));
    let mut f = RegisterFigures {
        total: c.total,
        chinh_thuc: c.chinh_thuc,
        du_bi: c.du_bi,
        mien: c.mien,
        tam_thoi_di: c.tam_thoi_di,
        ..Default::default()
    };
    for m in members {
        f.admitted += u32::from(m.joined.is_none() && within(m.ceremony));
        f.transferred_in += u32::from(within(m.joined));
        match m.left {
            Some((d, LeftForm::ChuyenDi)) if period.contains(d) => f.transferred_out += 1,
            Some((d, _)) if period.contains(d) => f.left += 1,
            _ => {}
        }
    }
    Some(f)
}

/// The figures of `period`, the logs' and the register's, without the
/// targets ([`super::of_site`] adds them).
pub(super) fn base(
    acts: &[crate::model::Activity],
    basis: crate::model::Basis,
    members: &[Member],
    ratings: &[crate::model::rating::RatingYear],
    period: Period,
) -> super::Figures {
    let mut f = super::compute(acts, period, basis);
    f.register = register(members, period);
    // A year whose rating file the site keeps: its members per level are
    // counted from it, not typed.
    for a in &mut f.annual_ratings {
        if let Some(y) = ratings.iter().find(|y| i32::from(y.year) == a.year) {
            a.members = y
                .counts()
                .into_iter()
                .map(|(l, n)| (l.cell_level().id(), n))
                .collect();
        }
    }
    f
}
