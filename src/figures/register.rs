//! The members' numbers from the private register (docs/members.md): on
//! the period's last day, and what changed during it. Counts only: no
//! name leaves this module.

use serde::Serialize;

use std::collections::HashMap;

use jiff::civil::Date;

use crate::model::calendar::Calendar;
use crate::model::member::{CONSIDER_WORKING_DAYS, LeftForm, Member, counts_on, name_key};
use crate::model::{Activity, Kind, Period};

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
    /// Members whose full membership was due to be considered during the
    /// period: the last working day to consider it
    /// (`model::member::CONSIDER_WORKING_DAYS` after the 12 months of
    /// probation) falls in it.
    pub transfers_due: u32,
    /// Of them, those a `chuyen_chinh_thuc` entry names on or before that
    /// day.
    pub transfers_on_time: u32,
}

/// The register's figures for `period`; `None` without a register.
pub(super) fn register(
    members: &[Member],
    acts: &[Activity],
    calendar: &Calendar,
    period: Period,
) -> Option<RegisterFigures> {
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
    let (due, on_time) = transfers(members, acts, calendar, period);
    f.transfers_due = due;
    f.transfers_on_time = on_time;
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

/// How many members' full membership was due to be considered in
/// `period`, and how many a `chuyen_chinh_thuc` entry names by then
/// (docs/members.md §Probation). A member who left before the 12 months
/// ended is not due.
fn transfers(
    members: &[Member],
    acts: &[Activity],
    calendar: &Calendar,
    period: Period,
) -> (u32, u32) {
    // Each name the entries consider, with its first day.
    let mut considered: HashMap<String, Date> = HashMap::new();
    for a in acts.iter().filter(|a| a.kind() == Kind::ChuyenChinhThuc) {
        for n in a.members() {
            let day = a.date.date();
            considered
                .entry(name_key(n))
                .and_modify(|d| *d = (*d).min(day))
                .or_insert(day);
        }
    }
    let (mut due, mut on_time) = (0, 0);
    for m in members {
        let Some(end) = m.probation_end() else {
            continue;
        };
        if m.left.is_some_and(|(d, _)| d <= end) {
            continue;
        }
        let last = calendar.add_working_days(end, CONSIDER_WORKING_DAYS);
        if !period.contains(last) {
            continue;
        }
        due += 1;
        if considered
            .get(&name_key(&m.name))
            .is_some_and(|d| *d <= last)
        {
            on_time += 1;
        }
    }
    (due, on_time)
}

/// The figures of `period`, the logs' and the register's, without the
/// targets ([`super::of_site`] adds them).
pub(super) fn base(
    acts: &[crate::model::Activity],
    basis: crate::model::Basis,
    members: &[Member],
    ratings: &[crate::model::rating::RatingYear],
    calendar: &Calendar,
    period: Period,
) -> super::Figures {
    let mut f = super::compute(acts, period, basis);
    f.register = register(members, acts, calendar, period);
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
