//! The cell's targets against the figures: each target judged over each
//! year of the period (a yearly target) or over the term up to the
//! period's end (a term target), from the figures of that stretch alone
//! (docs/targets.md).

use std::collections::HashMap;
use std::sync::Arc;

use jiff::civil::Date;
use serde::{Serialize, Serializer};

use crate::model::calendar::Calendar;
use crate::model::member::Member;
use crate::model::rating::RatingYear;
use crate::model::target::{
    Indicator, Scope, Target, TargetStatus, TargetValue, ValueKind, judge, overall,
};
use crate::model::{Activity, Basis, CellLevel, Kind, Period, Site, Term};
use crate::vn;

/// One target with its results.
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct TargetResult {
    /// The indicator's id.
    pub indicator: &'static str,
    /// What it counts, as printed ("Số kỳ sinh hoạt chi bộ thường kỳ").
    pub label: &'static str,
    /// `year` or `term`.
    pub scope: &'static str,
    /// The value to reach: a number, or a level's id.
    #[serde(serialize_with = "value_json")]
    pub target: TargetValue,
    /// One result per year of the period, or one for the term.
    pub results: Vec<ScopeResult>,
    /// Over all its results (`model::target::overall`).
    pub status: &'static str,
}

/// A target's result over one stretch.
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct ScopeResult {
    /// The stretch judged: the year, or the term.
    #[serde(serialize_with = "iso")]
    pub from: Date,
    /// Its last day.
    #[serde(serialize_with = "iso")]
    pub to: Date,
    /// "Năm 2023", "Nhiệm kỳ 2020 - 2025".
    pub label: String,
    /// The figures' value up to the period's end; `null` when there is
    /// none (no meeting, no rating).
    #[serde(serialize_with = "optional_value_json")]
    pub result: Option<TargetValue>,
    /// `vuot`, `dat`, `chua_dat`, `chua_den_han`, `khong_du_so_lieu`.
    pub status: &'static str,
}

impl TargetResult {
    /// The target as a report's table says it: "Số kỳ sinh hoạt chi bộ
    /// thường kỳ, hằng năm: từ 12 trở lên", "…: từ 90% trở lên", "…: Hoàn
    /// thành tốt nhiệm vụ trở lên".
    pub fn text(&self) -> String {
        let scope = Scope::from_id(self.scope).map_or("", Scope::label);
        let value = match self.target {
            TargetValue::Number(n) if self.is_percent() => {
                format!("từ {} trở lên", vn::percent(Some(n)))
            }
            TargetValue::Number(n) => format!("từ {} trở lên", vn::decimal(n, 1)),
            TargetValue::Level(l) => format!("{} trở lên", l.label()),
        };
        format!("{}, {}: {value}", self.label, scope.to_lowercase())
    }

    /// Whether its results are percentages.
    pub fn result_is_percent(&self) -> bool {
        self.is_percent()
    }

    fn is_percent(&self) -> bool {
        Indicator::from_id(self.indicator).is_some_and(|i| i.value_kind() == ValueKind::Percent)
    }
}

impl ScopeResult {
    /// The result as printed: "12", "88,5%", "Hoàn thành tốt nhiệm vụ",
    /// "—" when there is none.
    pub fn result_text(&self, t: &TargetResult) -> String {
        match self.result {
            None => "—".to_string(),
            Some(TargetValue::Number(n)) if t.is_percent() => vn::percent(Some(n)),
            Some(TargetValue::Number(n)) => vn::decimal(n, 1),
            Some(TargetValue::Level(l)) => l.label().to_string(),
        }
    }

    /// "Đạt", "Vượt", "Chưa đạt", "Chưa đến hạn", "Chưa đủ số liệu".
    pub fn status_label(&self) -> &'static str {
        TargetStatus::from_id(self.status).map_or("", TargetStatus::label)
    }
}

fn iso<S: Serializer>(d: &Date, s: S) -> Result<S::Ok, S::Error> {
    s.collect_str(d)
}

fn value_json<S: Serializer>(v: &TargetValue, s: S) -> Result<S::Ok, S::Error> {
    match v {
        TargetValue::Number(n) if n.fract() == 0.0 && n.abs() < 1e15 => s.serialize_i64(*n as i64),
        TargetValue::Number(n) => s.serialize_f64((n * 10.0).round() / 10.0),
        TargetValue::Level(l) => s.serialize_str(l.id()),
    }
}

fn optional_value_json<S: Serializer>(v: &Option<TargetValue>, s: S) -> Result<S::Ok, S::Error> {
    match v {
        Some(v) => value_json(v, s),
        None => s.serialize_none(),
    }
}

/// What targets are judged from: the site's targets and term, and what
/// its figures are counted from. Cheap to clone (a report's functions
/// carry it).
#[derive(Clone)]
pub struct TargetData {
    targets: Arc<Vec<Target>>,
    term: Term,
    activities: Arc<Vec<Activity>>,
    basis: Basis,
    members: Arc<Vec<Member>>,
    ratings: Arc<Vec<RatingYear>>,
    calendar: Arc<Calendar>,
}

impl TargetData {
    /// The data of `site`.
    pub fn of(site: &Site) -> TargetData {
        TargetData {
            targets: Arc::new(site.config.targets.clone()),
            term: site.config.term.clone(),
            activities: site.activities.clone(),
            basis: site.config.basis(),
            members: Arc::new(site.members.clone()),
            ratings: Arc::new(site.ratings.clone()),
            calendar: Arc::new(site.calendar.clone()),
        }
    }

    /// Whether the site sets any target.
    pub fn any(&self) -> bool {
        !self.targets.is_empty()
    }

    /// The figures of `period` without the targets.
    fn base(&self, period: Period) -> super::Figures {
        super::register::base(
            &self.activities,
            self.basis,
            &self.members,
            &self.ratings,
            &self.calendar,
            period,
        )
    }

    /// Every target judged over `period`. The figures of a stretch are
    /// counted once, however many targets are judged over it.
    pub fn evaluate(&self, period: Period) -> Vec<TargetResult> {
        let mut counted: HashMap<(Date, Date), super::Figures> = HashMap::new();
        let mut out = Vec::with_capacity(self.targets.len());
        for t in self.targets.iter() {
            let mut results = Vec::new();
            for (whole, upto, label, ended) in stretches(t, &self.term, period) {
                let f = counted
                    .entry((upto.from, upto.to))
                    .or_insert_with(|| self.base(upto));
                let (result, uncovered) = value_of(t.indicator, f, upto);
                // A stretch still running may not have this month's
                // meeting yet.
                let running = format!("{:04}-{:02}", upto.to.year(), upto.to.month());
                let covered = uncovered.is_empty() || (!ended && uncovered == [running.as_str()]);
                results.push(ScopeResult {
                    from: whole.from,
                    to: whole.to,
                    label,
                    result,
                    status: status_of(t, result, covered, ended).id(),
                });
            }
            let statuses: Vec<TargetStatus> = results
                .iter()
                .filter_map(|r| TargetStatus::from_id(r.status))
                .collect();
            out.push(TargetResult {
                indicator: t.indicator.id(),
                label: t.indicator.label(),
                scope: t.scope.id(),
                target: t.value,
                results,
                status: overall(&statuses).id(),
            });
        }
        out
    }
}

/// The stretches a target is judged over within `period`: each calendar
/// year it touches, or the term; each with the part that has passed by
/// the period's end, and whether it has ended by then.
fn stretches(t: &Target, term: &Term, period: Period) -> Vec<(Period, Period, String, bool)> {
    let cut = |whole: Period| Period {
        from: whole.from,
        to: whole.to.min(period.to),
    };
    match t.scope {
        Scope::Year => (period.from.year()..=period.to.year())
            .filter_map(|y| {
                let whole = Period {
                    from: Date::new(y, 1, 1).ok()?,
                    to: Date::new(y, 12, 31).ok()?,
                };
                Some((whole, cut(whole), format!("Năm {y}"), period.to >= whole.to))
            })
            .collect(),
        Scope::Term => {
            let whole = term.period;
            let label = format!("Nhiệm kỳ {}", term.label);
            if period.to < whole.from {
                return Vec::new();
            }
            vec![(whole, cut(whole), label, period.to >= whole.to)]
        }
    }
}

/// The indicator's value in `f`, the figures of `upto` (the part of a
/// stretch passed), and the months of it the logs do not cover.
fn value_of(
    ind: Indicator,
    f: &super::Figures,
    upto: Period,
) -> (Option<TargetValue>, Vec<String>) {
    let n = |v: u32| Some(TargetValue::Number(f64::from(v)));
    let pct = |v: Option<f64>| v.map(TargetValue::Number);
    let rating = f
        .annual_ratings
        .iter()
        .find(|a| a.year == i32::from(upto.to.year()));
    let value = match ind {
        Indicator::SinhHoatThuongKy => n(f.counts.get(Kind::SinhHoatThuongKy)),
        Indicator::CapUy => n(f.counts.get(Kind::CapUy)),
        Indicator::ChuyenDe => n(f.counts.get(Kind::ChuyenDe)),
        Indicator::LopNhanThuc => n(f.people.awareness_class),
        Indicator::KetNap => n(f.people.admitted),
        Indicator::Inspected => n(f.people.inspected),
        Indicator::AttendanceMinPercent => pct(f.attendance.min_percent),
        Indicator::AttendanceAveragePercent => pct(f.attendance.average_percent),
        Indicator::SupervisionPercent => pct(f.supervision_coverage_percent),
        Indicator::CellLevel => rating
            .and_then(|a| CellLevel::from_id(a.level))
            .map(TargetValue::Level),
        Indicator::MembersGoodPercent => rating.and_then(|a| {
            let of = |ids: &[CellLevel]| -> u32 {
                a.members
                    .iter()
                    .filter(|(id, _)| ids.iter().any(|l| l.id() == *id))
                    .map(|(_, n)| n)
                    .sum()
            };
            let good = of(&[CellLevel::HoanThanhXuatSac, CellLevel::HoanThanhTot]);
            let all = of(CellLevel::ALL);
            (all > 0).then(|| TargetValue::Number(f64::from(good) * 100.0 / f64::from(all)))
        }),
        // Nobody due: nobody late. Without a register, nothing is known.
        Indicator::TransfersOnTimePercent => f.register.map(|r| {
            TargetValue::Number(if r.transfers_due == 0 {
                100.0
            } else {
                f64::from(r.transfers_on_time) * 100.0 / f64::from(r.transfers_due)
            })
        }),
    };
    (value, f.coverage.uncovered.clone())
}

/// The figures of `site` for `period`: the logs', the register's, and the
/// targets judged over the period.
pub fn of_site(site: &Site, period: Period) -> super::Figures {
    let data = TargetData::of(site);
    let mut f = data.base(period);
    f.targets = data.evaluate(period);
    f
}

/// How a result stands. A count already reached stands whatever the logs
/// miss (more entries only add to it); otherwise a stretch the logs do not
/// cover whole has not enough data, except for ratings, which are read
/// from the rating itself.
fn status_of(t: &Target, result: Option<TargetValue>, covered: bool, ended: bool) -> TargetStatus {
    let rated = t.indicator.yearly_only();
    let Some(r) = result else {
        return if ended || (!covered && !rated) {
            TargetStatus::KhongDuSoLieu
        } else {
            TargetStatus::ChuaDenHan
        };
    };
    let judged = judge(t.value, r, ended);
    let reached = matches!(judged, TargetStatus::Vuot | TargetStatus::Dat);
    if covered || rated || (reached && t.indicator.value_kind() == ValueKind::Count) {
        judged
    } else {
        TargetStatus::KhongDuSoLieu
    }
}
