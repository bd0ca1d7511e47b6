//! The superior committee's roll-up (docs/rollup.md): one row per cell,
//! made from that cell's own figures for the period, and the totals over
//! the cells. A cell whose logs miss a month of the period is shown but
//! never added to the logs' totals (its missing months would count as
//! zeros). Only numbers, levels and the cells' names leave this module:
//! no member's name.

use std::collections::BTreeMap;

use serde::Serialize;

use super::{AttendanceFigures, Coverage, Figures, KindCounts, PeopleFigures, RegisterFigures};
use crate::model::target::TargetStatus;
use crate::model::{CellLevel, Period};

/// One cell's row: its figures for the period, and how far they can be
/// trusted.
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct CellRow {
    /// The cell's name (`unit.name` of its site.yaml).
    pub name: String,
    /// Its folder, as rollup.yaml reaches it.
    pub path: String,
    /// Which months of the period its logs cover: the logs' figures below
    /// hold only for those.
    pub coverage: Coverage,
    /// Every month of the period has its regular meeting logged: the
    /// logs' figures are added to the totals.
    pub counted: bool,
    /// Entries per kind.
    pub counts: KindCounts,
    /// Attendance at regular meetings.
    pub attendance: AttendanceFigures,
    /// People counted per kind.
    pub people: PeopleFigures,
    /// Discipline decisions.
    pub discipline_decisions: u32,
    /// The lowest coverage of regular supervision, in percent.
    #[serde(serialize_with = "super::number")]
    pub supervision_coverage_percent: Option<f64>,
    /// The register's numbers (`null` when the cell keeps no register).
    pub register: Option<RegisterFigures>,
    /// The cell's annual level per year of the period, by level id; a
    /// year without a logged rating is absent.
    pub levels: BTreeMap<String, &'static str>,
    /// Members per rating level per year, as the cell's `xep_loai` entry
    /// counts them.
    pub members_by_level: BTreeMap<String, BTreeMap<&'static str, u32>>,
    /// The cell's targets over the period.
    pub targets: TargetTally,
}

/// A cell's targets, counted by their overall status.
#[derive(Debug, Clone, Copy, Serialize, PartialEq, Default)]
pub struct TargetTally {
    /// Targets set in its site.yaml.
    pub total: u32,
    /// Met or exceeded.
    pub met: u32,
    /// Missed.
    pub missed: u32,
    /// Not yet due.
    pub pending: u32,
    /// Not enough data.
    pub no_data: u32,
}

impl TargetTally {
    /// "3/5" as the table prints it; "—" without targets.
    pub fn text(&self) -> String {
        if self.total == 0 {
            "—".to_string()
        } else {
            format!("{}/{}", self.met, self.total)
        }
    }
}

impl CellRow {
    /// The row of a cell named `name` at `path`, from its figures for the
    /// period (`figures::of_site`). `running` is the month the period
    /// ends in when that month has not ended yet: its meeting may still
    /// come, so missing it does not keep the cell out of the totals.
    pub fn of(name: &str, path: &str, f: Figures, running: Option<&str>) -> CellRow {
        let counted = f.coverage.complete
            || running.is_some_and(|m| f.coverage.uncovered.iter().all(|u| u == m));
        let mut targets = TargetTally::default();
        for t in &f.targets {
            targets.total += 1;
            match TargetStatus::from_id(t.status) {
                Some(TargetStatus::Vuot | TargetStatus::Dat) => targets.met += 1,
                Some(TargetStatus::ChuaDat) => targets.missed += 1,
                Some(TargetStatus::ChuaDenHan) => targets.pending += 1,
                _ => targets.no_data += 1,
            }
        }
        let years = f.period.from.year()..=f.period.to.year();
        let rated = f
            .annual_ratings
            .iter()
            .filter(|a| years.contains(&(a.year as i16)));
        CellRow {
            name: name.to_string(),
            path: path.to_string(),
            levels: rated
                .clone()
                .map(|a| (a.year.to_string(), a.level))
                .collect(),
            members_by_level: rated
                .map(|a| (a.year.to_string(), a.members.iter().copied().collect()))
                .collect(),
            counted,
            counts: f.counts,
            attendance: f.attendance,
            people: f.people,
            discipline_decisions: f.discipline_decisions,
            supervision_coverage_percent: f.supervision_coverage_percent,
            register: f.register,
            targets,
            coverage: f.coverage,
        }
    }
}

/// The totals over the cells (docs/rollup.md §Totals).
#[derive(Debug, Clone, Serialize, PartialEq, Default)]
pub struct Totals {
    /// Cells listed in rollup.yaml (read or not).
    pub cells: u32,
    /// Cells read without error.
    pub read: u32,
    /// Cells that could not be read.
    pub broken: u32,
    /// Cells whose logs cover every month (every monthly meeting logged):
    /// the logs' totals below add these only.
    pub counted: u32,
    /// Read cells whose logs miss months: shown, not added.
    pub not_covered: u32,
    /// Entries per kind, over the counted cells.
    pub counts: KindCounts,
    /// People per kind, over the counted cells.
    pub people: PeopleFigures,
    /// Discipline decisions, over the counted cells.
    pub discipline_decisions: u32,
    /// Attendance over every regular meeting of the counted cells: the
    /// average of all the meetings' rates, and the lowest.
    pub attendance: AttendanceFigures,
    /// The registers' numbers summed, over the read cells that keep one.
    pub register: RegisterFigures,
    /// Read cells that keep a register.
    pub cells_with_register: u32,
    /// Per year: read cells by their annual level, and `chua_xep_loai`
    /// for those with no rating logged.
    pub cells_by_level: BTreeMap<String, BTreeMap<&'static str, u32>>,
    /// Per year: members by rating level, summed over the read cells.
    pub members_by_level: BTreeMap<String, BTreeMap<&'static str, u32>>,
    /// Read cells that set targets.
    pub cells_with_targets: u32,
    /// Of them, those that met every target.
    pub cells_all_targets_met: u32,
}

/// The level id of a cell with no rating logged for a year.
pub const NOT_RATED: &str = "chua_xep_loai";

/// The totals of `rows` for `period`; `broken` cells failed to load.
pub fn totals(rows: &[CellRow], broken: usize, period: Period) -> Totals {
    let mut t = Totals {
        cells: (rows.len() + broken) as u32,
        read: rows.len() as u32,
        broken: broken as u32,
        ..Default::default()
    };
    let mut rate_sum = 0.0;
    let mut rated_meetings = 0u32;
    for r in rows {
        if r.register.is_some() {
            t.cells_with_register += 1;
        }
        if let Some(g) = &r.register {
            add_register(&mut t.register, g);
        }
        if r.targets.total > 0 {
            t.cells_with_targets += 1;
            t.cells_all_targets_met += u32::from(r.targets.met == r.targets.total);
        }
        for (year, counts) in &r.members_by_level {
            let into = t.members_by_level.entry(year.clone()).or_default();
            for (level, n) in counts {
                *into.entry(level).or_default() += n;
            }
        }
        if !r.counted {
            t.not_covered += 1;
            continue;
        }
        t.counted += 1;
        for (sum, v) in t.counts.0.iter_mut().zip(r.counts.0) {
            *sum += v;
        }
        add_people(&mut t.people, &r.people);
        t.discipline_decisions += r.discipline_decisions;
        let a = &r.attendance;
        t.attendance.meetings += a.meetings;
        if let Some(avg) = a.average_percent {
            // The cell's average is over its meetings with a rate: weigh it
            // back into a sum of rates.
            rate_sum += avg * f64::from(a.meetings);
            rated_meetings += a.meetings;
        }
        t.attendance.min_percent = match (t.attendance.min_percent, a.min_percent) {
            (Some(x), Some(y)) => Some(x.min(y)),
            (x, y) => x.or(y),
        };
    }
    t.attendance.average_percent =
        (rated_meetings > 0).then(|| rate_sum / f64::from(rated_meetings));
    for year in period.from.year()..=period.to.year() {
        let by = t.cells_by_level.entry(year.to_string()).or_default();
        for l in CellLevel::ALL {
            by.insert(l.id(), 0);
        }
        by.insert(NOT_RATED, 0);
        for r in rows {
            let level = r
                .levels
                .get(&year.to_string())
                .copied()
                .unwrap_or(NOT_RATED);
            *by.entry(level).or_default() += 1;
        }
    }
    t
}

fn add_people(t: &mut PeopleFigures, p: &PeopleFigures) {
    t.awareness_class += p.awareness_class;
    t.admitted += p.admitted;
    t.transferred += p.transferred;
    t.supervised_thematic += p.supervised_thematic;
    t.inspected += p.inspected;
    t.disciplined += p.disciplined;
}

fn add_register(t: &mut RegisterFigures, g: &RegisterFigures) {
    t.total += g.total;
    t.chinh_thuc += g.chinh_thuc;
    t.du_bi += g.du_bi;
    t.mien += g.mien;
    t.tam_thoi_di += g.tam_thoi_di;
    t.admitted += g.admitted;
    t.transferred_in += g.transferred_in;
    t.transferred_out += g.transferred_out;
    t.left += g.left;
    t.transfers_due += g.transfers_due;
    t.transfers_on_time += g.transfers_on_time;
}

/// A cell that could not be read: where, and its located errors.
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct BrokenCell {
    /// Its folder, as rollup.yaml reaches it.
    pub path: String,
    /// How many errors it has.
    pub error_count: usize,
    /// Its first errors (at most `MAX_ERRORS_SHOWN`), each
    /// `file:line:column: message` within its folder.
    pub errors: Vec<String>,
}

/// The errors of a broken cell the roll-up shows: enough to know what to
/// fix first, never a flood (`chibo check` in the cell's folder says all).
pub const MAX_ERRORS_SHOWN: usize = 20;

/// The committee as the roll-up prints it.
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct CommitteeView {
    /// "Đảng ủy Khối các cơ quan tỉnh"
    pub name: String,
    /// "Tỉnh ủy Lạng Sơn"
    pub superior: String,
    /// "ĐUK"
    pub issuer_code: String,
    /// "Lạng Sơn"
    pub place: String,
    /// The committee's term.
    #[serde(serialize_with = "super::period_json")]
    pub term: Period,
    /// "2020 - 2025"
    pub term_label: String,
}

/// The roll-up of a period: the JSON of `chibo rollup --json`.
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct Rollup {
    /// Who gathers the figures.
    pub committee: CommitteeView,
    /// The period.
    #[serde(serialize_with = "super::period_json")]
    pub period: Period,
    /// The cells read, in the order of rollup.yaml.
    pub cells: Vec<CellRow>,
    /// The cells that could not be read.
    pub broken: Vec<BrokenCell>,
    /// The totals.
    pub totals: Totals,
}
