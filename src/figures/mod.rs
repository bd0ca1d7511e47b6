//! The figures of a period, computed from the activity logs: the public
//! JSON object of `chibo figures --json` (README.md, docs/rules.md §Figures), and the per-year rows that report
//! tables and charts print. Pure functions over sorted entries.

use std::collections::BTreeMap;

use jiff::civil::Date;
use serde::Serialize;
use serde::ser::{SerializeMap, Serializer};

use crate::model::{
    Activity, Attendance, AttendanceDenominator, Basis, Details, Kind, MeetingRating, Period,
};

mod coverage;
mod papers;
mod register;
pub mod rollup;
mod targets;
pub use coverage::{Coverage, coverage, month_index, months_text};
pub use papers::{MeetingFigures, PaperFigures};
pub use register::RegisterFigures;
pub use targets::{ScopeResult, TargetData, TargetResult, of_site};

/// A count for every kind, serialised as a map in the order of `Kind::ALL`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct KindCounts(pub [u32; Kind::COUNT]);

impl KindCounts {
    /// The count of kind `k`.
    pub fn get(&self, k: Kind) -> u32 {
        self.0[k.index()]
    }
}

impl Serialize for KindCounts {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let mut m = s.serialize_map(Some(Kind::COUNT))?;
        for k in Kind::ALL {
            m.serialize_entry(k.id(), &self.0[k.index()])?;
        }
        m.end()
    }
}

/// Whole numbers print as `100`, others as `92.4…`; `None` as `null`.
fn number<S: Serializer>(v: &Option<f64>, s: S) -> Result<S::Ok, S::Error> {
    match v {
        None => s.serialize_none(),
        Some(x) if x.fract() == 0.0 && x.abs() < 1e15 => s.serialize_i64(*x as i64),
        Some(x) => s.serialize_f64(*x),
    }
}

/// A date as in the JSON: `2023-11-02`.
fn iso_date<S: Serializer>(d: &Date, s: S) -> Result<S::Ok, S::Error> {
    s.collect_str(d)
}

/// A period as in the JSON: `{ "from": "2020-07-01", "to": "2023-10-31" }`.
fn period_json<S: Serializer>(p: &Period, s: S) -> Result<S::Ok, S::Error> {
    let mut m = s.serialize_map(Some(2))?;
    m.serialize_entry("from", &p.from.to_string())?;
    m.serialize_entry("to", &p.to.to_string())?;
    m.end()
}

/// Attendance at regular meetings in a period.
#[derive(Debug, Clone, Serialize, PartialEq, Default)]
pub struct AttendanceFigures {
    /// How many regular meetings were logged.
    pub meetings: u32,
    /// The mean of the meetings' rates, in percent.
    #[serde(serialize_with = "number")]
    pub average_percent: Option<f64>,
    /// The lowest meeting's rate, in percent.
    #[serde(serialize_with = "number")]
    pub min_percent: Option<f64>,
}

/// People counted by the entries of a period.
#[derive(Debug, Clone, Serialize, PartialEq, Default)]
pub struct PeopleFigures {
    /// Places in Party-awareness classes.
    pub awareness_class: u32,
    /// Members admitted.
    pub admitted: u32,
    /// Members transferred to full membership.
    pub transferred: u32,
    /// Members under thematic supervision.
    pub supervised_thematic: u32,
    /// Members inspected.
    pub inspected: u32,
    /// Members disciplined; 0 says no case.
    pub disciplined: u32,
}

impl PeopleFigures {
    /// The people the entries of kind `k` count; `None` for a kind that
    /// counts no one (its entries are counted instead).
    pub fn of_kind(&self, k: Kind) -> Option<u32> {
        Some(match k {
            Kind::LopNhanThuc => self.awareness_class,
            Kind::KetNap => self.admitted,
            Kind::ChuyenChinhThuc => self.transferred,
            Kind::GiamSatChuyenDe => self.supervised_thematic,
            Kind::KiemTra => self.inspected,
            Kind::KyLuat => self.disciplined,
            _ => return None,
        })
    }
}

/// Regular meetings per rating, as logged (`rating:`).
#[derive(Debug, Clone, Serialize, PartialEq, Default)]
pub struct RatingCounts {
    /// Rated "Tốt".
    pub tot: u32,
    /// Rated "Khá".
    pub kha: u32,
    /// Rated "Trung bình".
    pub trung_binh: u32,
    /// Rated "Kém".
    pub kem: u32,
}

/// One annual quality rating of the cell (`xep_loai`).
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct AnnualRating {
    /// The year rated.
    pub year: i32,
    /// The level's id: "hoan_thanh_tot".
    pub level: &'static str,
    /// The level's name: "Hoàn thành tốt nhiệm vụ".
    pub label: &'static str,
    /// Members rated at each level, by level id, in the order of the
    /// levels (levels nobody reached included, as 0).
    #[serde(serialize_with = "level_counts")]
    pub members: Vec<(&'static str, u32)>,
}

fn level_counts<S: Serializer>(v: &[(&'static str, u32)], s: S) -> Result<S::Ok, S::Error> {
    let mut m = s.serialize_map(Some(v.len()))?;
    for (k, n) in v {
        m.serialize_entry(k, n)?;
    }
    m.end()
}

/// The cell's members as the last regular meeting of a period counted them.
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct MemberCount {
    /// The meeting's date.
    #[serde(serialize_with = "iso_date")]
    pub as_of: Date,
    /// Members of the cell.
    pub total: u32,
    /// Members exempt from attending (miễn sinh hoạt).
    pub exempt: u32,
}

/// The figures JSON (docs/rules.md §Figures).
///
/// Flat: its fields are the keys of `figures --json`, a contract other
/// tools and templates (`figures.x`) read.
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct Figures {
    /// The period computed.
    #[serde(serialize_with = "period_json")]
    pub period: Period,
    /// Entries per kind.
    pub counts: KindCounts,
    /// Entries per kind for each calendar year of the period.
    pub by_year: BTreeMap<String, KindCounts>,
    /// Attendance at regular meetings.
    pub attendance: AttendanceFigures,
    /// People counted per kind.
    pub people: PeopleFigures,
    /// The lowest coverage of regular supervision, in percent.
    #[serde(serialize_with = "number")]
    pub supervision_coverage_percent: Option<f64>,
    /// Ids of the documents studied (`hoc_tap`), first studied first,
    /// each once: `{{ figures.documents_studied | cite }}` cites them all.
    pub documents_studied: Vec<String>,
    /// Who studied them (`audience` of `hoc_tap` entries), each once.
    pub study_audiences: Vec<String>,
    /// Regular meetings per rating.
    pub meeting_ratings: RatingCounts,
    /// What mass-mobilisation entries (`dan_van`) were about, in order.
    pub dan_van_topics: Vec<String>,
    /// The cell's annual quality ratings, by year.
    pub annual_ratings: Vec<AnnualRating>,
    /// Ids of every document the period's entries name (`documents:` of
    /// any kind), first named first, each once.
    pub documents_cited: Vec<String>,
    /// Titles of the study sessions (`hoc_tap`) that name no document, in
    /// date order: what was studied, when it is not in documents.yaml.
    pub study_titles: Vec<String>,
    /// Discipline decisions: `ky_luat` entries with at least one member
    /// (an entry with `subjects: 0` records that there was no case).
    pub discipline_decisions: u32,
    /// The members as the period's last regular meeting counted them
    /// (`null` with no meeting).
    pub members: Option<MemberCount>,
    /// Entries per document id they name, for every id named.
    pub by_document: BTreeMap<String, u32>,
    /// Which months of the period the logs cover.
    pub coverage: Coverage,
    /// What the meetings' papers record: each meeting's length, unexcused
    /// absences and score; resolutions issued; last month's tasks done.
    pub papers: PaperFigures,
    /// The members' numbers from the private register (`null` without
    /// one): on the period's last day, and the changes during it.
    pub register: Option<RegisterFigures>,
    /// The site's targets judged over the period (`targets` of site.yaml;
    /// empty without).
    pub targets: Vec<TargetResult>,
}

/// The entries whose date falls in `period` (bounds inclusive). `acts`
/// must be sorted by date.
pub fn in_period(acts: &[Activity], period: Period) -> &[Activity] {
    let lo = acts.partition_point(|a| a.date.date() < period.from);
    let hi = acts.partition_point(|a| a.date.date() <= period.to);
    &acts[lo..hi.max(lo)]
}

/// The term so far, as far as the logs go: from its first day to today,
/// its last day, or the end of the month of the last entry, whichever
/// comes first. Figures past the last entry would only count months
/// nobody logged.
pub fn logged_so_far(term: Period, today: Date, acts: &[Activity]) -> Period {
    let so_far = term.so_far(today);
    let Some(last) = acts.last().map(|a| a.date.date()) else {
        return so_far;
    };
    Period {
        from: so_far.from,
        to: so_far.to.min(last.last_of_month()).max(so_far.from),
    }
}

/// One meeting's attendance rate in percent, or `None` when nobody was
/// required to attend.
pub fn rate(a: &Attendance, denom: AttendanceDenominator) -> Option<f64> {
    let d = match denom {
        AttendanceDenominator::Required => a.total - a.exempt,
        AttendanceDenominator::Total => a.total,
    };
    (d > 0).then(|| a.present as f64 * 100.0 / d as f64)
}

fn attendance(acts: &[Activity], denom: AttendanceDenominator) -> AttendanceFigures {
    let mut meetings = 0;
    let mut sum = 0.0;
    let mut rated = 0u32;
    let mut min: Option<f64> = None;
    for a in acts.iter().filter(|a| a.kind() == Kind::SinhHoatThuongKy) {
        meetings += 1;
        if let Some(r) = a.attendance().and_then(|at| rate(at, denom)) {
            sum += r;
            rated += 1;
            min = Some(min.map_or(r, |m: f64| m.min(r)));
        }
    }
    AttendanceFigures {
        meetings,
        average_percent: (rated > 0).then(|| sum / rated as f64),
        min_percent: min,
    }
}

/// An annual rating entry as figures: the members at every level, 0
/// where nobody reached it.
fn annual_rating(
    year: i32,
    cell_level: crate::model::CellLevel,
    members: &[(crate::model::CellLevel, u32)],
) -> AnnualRating {
    AnnualRating {
        year,
        level: cell_level.id(),
        label: cell_level.label(),
        members: crate::model::CellLevel::ALL
            .iter()
            .map(|l| {
                let n = members.iter().filter(|(m, _)| m == l).map(|(_, n)| n).sum();
                (l.id(), n)
            })
            .collect(),
    }
}

/// Adds the people an entry counts to its kind's figure; a regular
/// supervision lowers the coverage to its own when lower.
fn add_people(people: &mut PeopleFigures, coverage: &mut Option<f64>, a: &Activity) {
    let n = a.people_count();
    match a.kind() {
        Kind::LopNhanThuc => people.awareness_class += n,
        Kind::KetNap => people.admitted += n,
        Kind::ChuyenChinhThuc => people.transferred += n,
        Kind::GiamSatChuyenDe => people.supervised_thematic += n,
        Kind::KiemTra => people.inspected += n,
        Kind::KyLuat => people.disciplined += n,
        Kind::GiamSatThuongXuyen => {
            if let Details::GiamSatThuongXuyen {
                coverage_percent: c,
            } = a.details
            {
                *coverage = Some(coverage.map_or(c, |m: f64| m.min(c)));
            }
        }
        _ => {}
    }
}

/// The figures of `period`. `all` (every entry of the logs) must be sorted
/// by date.
pub fn compute(all: &[Activity], period: Period, basis: Basis) -> Figures {
    let acts = in_period(all, period);
    let mut counts = KindCounts::default();
    let mut by_year: BTreeMap<String, KindCounts> = (period.from.year()..=period.to.year())
        .map(|y| (y.to_string(), KindCounts::default()))
        .collect();
    let mut people = PeopleFigures::default();
    let mut coverage: Option<f64> = None;
    let mut documents_studied: Vec<String> = Vec::new();
    let mut study_audiences: Vec<String> = Vec::new();
    let mut meeting_ratings = RatingCounts::default();
    let mut dan_van_topics = Vec::new();
    let mut annual_ratings = Vec::new();
    let (mut documents_cited, mut study_titles): (Vec<String>, Vec<String>) = Default::default();
    let mut discipline_decisions = 0;
    let mut members = None;
    let mut by_document: BTreeMap<String, u32> = BTreeMap::new();
    for a in acts {
        for id in &a.documents {
            if !documents_cited.contains(id) {
                documents_cited.push(id.clone());
            }
            *by_document.entry(id.clone()).or_default() += 1;
        }
        if let Details::SinhHoatThuongKy { attendance, .. } = &a.details {
            members = Some(MemberCount {
                as_of: a.date.date(),
                total: attendance.total,
                exempt: attendance.exempt,
            });
        }
        match &a.details {
            Details::HocTap { .. } if a.documents.is_empty() => {
                if let Some(t) = &a.title
                    && !study_titles.contains(t)
                {
                    study_titles.push(t.clone());
                }
            }
            Details::KyLuat { subjects, .. } if subjects.count() > 0 => discipline_decisions += 1,
            _ => {}
        }
        match &a.details {
            Details::HocTap { audience } => {
                if let Some(who) = audience
                    && !study_audiences.contains(who)
                {
                    study_audiences.push(who.clone());
                }
                for id in &a.documents {
                    if !documents_studied.contains(id) {
                        documents_studied.push(id.clone());
                    }
                }
            }
            Details::SinhHoatThuongKy {
                rating: Some(r), ..
            } => match r.level {
                MeetingRating::Tot => meeting_ratings.tot += 1,
                MeetingRating::Kha => meeting_ratings.kha += 1,
                MeetingRating::TrungBinh => meeting_ratings.trung_binh += 1,
                MeetingRating::Kem => meeting_ratings.kem += 1,
            },
            Details::DanVan { topic } => dan_van_topics.push(topic.clone()),
            Details::XepLoai {
                year,
                cell_level,
                members,
            } => annual_ratings.push(annual_rating(*year, *cell_level, members)),
            _ => {}
        }
        counts.0[a.kind().index()] += 1;
        if let Some(y) = by_year.get_mut(&a.date.year().to_string()) {
            y.0[a.kind().index()] += 1;
        }
        add_people(&mut people, &mut coverage, a);
    }
    Figures {
        period,
        counts,
        by_year,
        attendance: attendance(acts, basis.denominator),
        people,
        supervision_coverage_percent: coverage,
        documents_studied,
        study_audiences,
        meeting_ratings,
        dan_van_topics,
        annual_ratings,
        documents_cited,
        study_titles,
        discipline_decisions,
        members,
        by_document,
        coverage: self::coverage::coverage(all, period, basis.logs_from),
        papers: papers::compute(acts),
        register: None,
        targets: Vec::new(),
    }
}

/// One row per calendar year of the period, for report tables and charts.
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct YearRow {
    /// The calendar year.
    pub year: i16,
    /// The part of the year inside the period.
    #[serde(serialize_with = "iso_date")]
    pub from: Date,
    /// The last day of the year inside the period.
    #[serde(serialize_with = "iso_date")]
    pub to: Date,
    /// Entries per kind.
    pub counts: KindCounts,
    /// People counted per kind.
    pub people: PeopleFigures,
    /// Attendance at regular meetings.
    pub attendance: AttendanceFigures,
    /// Discipline decisions (`ky_luat` entries with a member).
    pub discipline_decisions: u32,
}

impl YearRow {
    /// Whether the row covers its whole calendar year.
    pub fn whole_year(&self) -> bool {
        (
            self.from.month(),
            self.from.day(),
            self.to.month(),
            self.to.day(),
        ) == (1, 1, 12, 31)
    }
}

/// The rows of [`YearRow`] of `period`, one per calendar year it touches.
pub fn yearly(acts: &[Activity], period: Period, basis: Basis) -> Vec<YearRow> {
    (period.from.year()..=period.to.year())
        .map(|y| {
            let from = period.from.max(Date::new(y, 1, 1).unwrap_or(period.from));
            let to = period.to.min(Date::new(y, 12, 31).unwrap_or(period.to));
            let f = compute(acts, Period { from, to }, basis);
            YearRow {
                year: y,
                from,
                to,
                counts: f.counts,
                people: f.people,
                attendance: f.attendance,
                discipline_decisions: f.discipline_decisions,
            }
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Details, People};
    use jiff::civil::date;

    fn entry(details: Details, d: Date) -> Activity {
        Activity::new("a.yaml", Default::default(), details, d.at(0, 0, 0, 0))
    }

    fn meeting(d: Date, total: u32, exempt: u32, present: u32) -> Activity {
        let attendance = Attendance {
            total,
            exempt,
            present,
            excused: None,
        };
        entry(
            Details::SinhHoatThuongKy {
                attendance,
                topics: Vec::new(),
                rating: None,
            },
            d,
        )
    }

    fn period(a: Date, b: Date) -> Period {
        Period { from: a, to: b }
    }

    #[test]
    fn bounds_are_inclusive_and_every_kind_is_listed() {
        let acts = vec![
            entry(Details::CapUy { attendance: None }, date(2020, 6, 30)),
            entry(Details::CapUy { attendance: None }, date(2020, 7, 1)),
            entry(Details::CapUy { attendance: None }, date(2023, 10, 31)),
            entry(Details::CapUy { attendance: None }, date(2023, 11, 1)),
        ];
        let f = compute(
            &acts,
            period(date(2020, 7, 1), date(2023, 10, 31)),
            Basis::of(AttendanceDenominator::Required),
        );
        assert_eq!(f.counts.get(Kind::CapUy), 2);
        let json = serde_json::to_value(&f).unwrap();
        assert_eq!(json["counts"].as_object().unwrap().len(), 14);
        assert_eq!(json["counts"]["ky_luat"], 0);
        assert_eq!(
            json["by_year"]
                .as_object()
                .unwrap()
                .keys()
                .collect::<Vec<_>>(),
            ["2020", "2021", "2022", "2023"]
        );
        assert_eq!(json["by_year"]["2023"]["cap_uy"], 1);
        assert_eq!(json["by_year"]["2021"]["khac"], 0);
        assert!(json["attendance"]["average_percent"].is_null());
        assert!(json["supervision_coverage_percent"].is_null());
    }

    #[test]
    fn attendance_rates_use_the_configured_denominator() {
        let acts = vec![
            meeting(date(2023, 1, 5), 26, 1, 23),
            meeting(date(2023, 2, 5), 26, 1, 25),
        ];
        let p = period(date(2023, 1, 1), date(2023, 12, 31));
        let f = compute(&acts, p, Basis::of(AttendanceDenominator::Required));
        assert_eq!(f.attendance.meetings, 2);
        assert!((f.attendance.min_percent.unwrap() - 92.0).abs() < 1e-9);
        assert!((f.attendance.average_percent.unwrap() - 96.0).abs() < 1e-9);
        let t = compute(&acts, p, Basis::of(AttendanceDenominator::Total));
        assert!((t.attendance.min_percent.unwrap() - 23.0 * 100.0 / 26.0).abs() < 1e-9);
    }

    #[test]
    fn people_sum_names_or_counts_and_zero_discipline_is_counted() {
        let a = entry(
            Details::LopNhanThuc {
                participants: People::Count(7),
            },
            date(2022, 3, 1),
        );
        let b = entry(
            Details::LopNhanThuc {
                participants: People::Names(vec!["A".into(), "B".into()]),
            },
            date(2022, 9, 1),
        );
        let c = entry(
            Details::KetNap {
                members: vec!["A".into()],
                decision: None,
            },
            date(2022, 10, 1),
        );
        let d = entry(
            Details::KyLuat {
                subjects: People::Count(0),
                form: None,
            },
            date(2022, 12, 1),
        );
        let s1 = entry(
            Details::GiamSatThuongXuyen {
                coverage_percent: 100.0,
            },
            date(2022, 12, 2),
        );
        let s2 = entry(
            Details::GiamSatThuongXuyen {
                coverage_percent: 95.5,
            },
            date(2022, 12, 3),
        );
        let f = compute(
            &[a, b, c, d, s1, s2],
            period(date(2022, 1, 1), date(2022, 12, 31)),
            Basis::of(AttendanceDenominator::Required),
        );
        assert_eq!(f.people.awareness_class, 9);
        assert_eq!(f.people.admitted, 1);
        assert_eq!(f.people.disciplined, 0);
        assert_eq!(f.counts.get(Kind::KyLuat), 1);
        assert_eq!(f.supervision_coverage_percent, Some(95.5));
    }

    #[test]
    fn a_meeting_where_everyone_is_exempt_has_no_rate_and_does_not_count_in_the_average() {
        let all_exempt = meeting(date(2022, 3, 10), 5, 5, 0);
        assert_eq!(
            rate(
                all_exempt.attendance().unwrap(),
                AttendanceDenominator::Required
            ),
            None
        );
        assert_eq!(
            rate(
                all_exempt.attendance().unwrap(),
                AttendanceDenominator::Total
            ),
            Some(0.0)
        );
        let p = period(date(2022, 1, 1), date(2022, 12, 31));
        let f = compute(
            std::slice::from_ref(&all_exempt),
            p,
            Basis::of(AttendanceDenominator::Required),
        );
        assert_eq!(f.attendance.meetings, 1);
        assert_eq!(f.attendance.average_percent, None);
        assert_eq!(f.attendance.min_percent, None);
        let f = compute(
            &[all_exempt, meeting(date(2022, 4, 10), 10, 0, 8)],
            p,
            Basis::of(AttendanceDenominator::Required),
        );
        assert_eq!(f.attendance.average_percent, Some(80.0));
        assert_eq!(f.attendance.min_percent, Some(80.0));
    }

    #[test]
    fn whole_percentages_print_without_decimals() {
        let s = entry(
            Details::GiamSatThuongXuyen {
                coverage_percent: 100.0,
            },
            date(2022, 12, 2),
        );
        let f = compute(
            &[s],
            period(date(2022, 1, 1), date(2022, 12, 31)),
            Basis::of(AttendanceDenominator::Required),
        );
        let text = serde_json::to_string(&f).unwrap();
        assert!(
            text.contains("\"supervision_coverage_percent\":100,"),
            "{text}"
        );
    }

    #[test]
    fn yearly_rows_cut_the_period_at_year_ends() {
        let acts = vec![
            entry(
                Details::ChuyenDe {
                    attendance: None,
                    topic: String::new(),
                },
                date(2020, 8, 1),
            ),
            entry(
                Details::ChuyenDe {
                    attendance: None,
                    topic: String::new(),
                },
                date(2021, 2, 1),
            ),
        ];
        let rows = yearly(
            &acts,
            period(date(2020, 7, 1), date(2021, 6, 30)),
            Basis::of(AttendanceDenominator::Required),
        );
        assert_eq!(rows.len(), 2);
        assert_eq!(
            (rows[0].from, rows[0].to),
            (date(2020, 7, 1), date(2020, 12, 31))
        );
        assert!(!rows[0].whole_year());
        let whole = yearly(
            &acts,
            period(date(2020, 1, 1), date(2020, 12, 31)),
            Basis::of(AttendanceDenominator::Required),
        );
        assert!(whole[0].whole_year());
        let json = serde_json::to_string(&rows[1]).unwrap();
        assert!(
            json.starts_with("{\"year\":2021,\"from\":\"2021-01-01\",\"to\":\"2021-06-30\""),
            "{json}"
        );
        assert_eq!(rows[1].counts.get(Kind::ChuyenDe), 1);
    }

    #[test]
    fn disciplined_members_and_transfers_are_summed_per_kind() {
        let k1 = entry(
            Details::KyLuat {
                subjects: People::Count(2),
                form: None,
            },
            date(2022, 4, 1),
        );
        let k2 = entry(
            Details::KyLuat {
                subjects: People::Names(vec!["Nguyễn Văn A".into()]),
                form: None,
            },
            date(2022, 5, 1),
        );
        let t1 = entry(
            Details::ChuyenChinhThuc {
                members: vec!["B".into(), "C".into()],
                decision: None,
            },
            date(2022, 6, 1),
        );
        let t2 = entry(
            Details::ChuyenChinhThuc {
                members: vec!["D".into()],
                decision: None,
            },
            date(2022, 7, 1),
        );
        let i = entry(
            Details::KiemTra {
                subjects: People::Count(5),
                result: None,
            },
            date(2022, 8, 1),
        );
        let g = entry(
            Details::GiamSatChuyenDe {
                subjects: People::Count(6),
            },
            date(2022, 9, 1),
        );
        let f = compute(
            &[k1, k2, t1, t2, i, g],
            period(date(2022, 1, 1), date(2022, 12, 31)),
            Basis::of(AttendanceDenominator::Required),
        );
        assert_eq!(f.people.disciplined, 3);
        assert_eq!(f.counts.get(Kind::KyLuat), 2);
        assert_eq!(f.people.transferred, 3);
        assert_eq!(f.people.inspected, 5);
        assert_eq!(f.people.supervised_thematic, 6);
        assert_eq!(f.people.admitted, 0);
        let json = serde_json::to_value(&f).unwrap();
        assert_eq!(json["people"]["disciplined"], 3);
        assert_eq!(json["people"]["transferred"], 3);
    }

    #[test]
    fn fractions_keep_their_decimals_in_json() {
        let s = entry(
            Details::GiamSatThuongXuyen {
                coverage_percent: 95.5,
            },
            date(2022, 12, 2),
        );
        let f = compute(
            &[s],
            period(date(2022, 1, 1), date(2022, 12, 31)),
            Basis::of(AttendanceDenominator::Required),
        );
        let text = serde_json::to_string(&f).unwrap();
        assert!(
            text.contains("\"supervision_coverage_percent\":95.5,"),
            "{text}"
        );
    }

    #[test]
    fn a_meeting_where_everyone_is_exempt_has_no_rate() {
        let all_exempt = Attendance {
            total: 5,
            exempt: 5,
            present: 0,
            excused: None,
        };
        assert_eq!(rate(&all_exempt, AttendanceDenominator::Required), None);
        assert_eq!(rate(&all_exempt, AttendanceDenominator::Total), Some(0.0));
        // It counts as a meeting but not in the average or the minimum.
        let acts = vec![
            meeting(date(2023, 1, 5), 5, 5, 0),
            meeting(date(2023, 2, 5), 10, 0, 9),
        ];
        let f = compute(
            &acts,
            period(date(2023, 1, 1), date(2023, 12, 31)),
            Basis::of(AttendanceDenominator::Required),
        );
        assert_eq!(f.attendance.meetings, 2);
        assert_eq!(f.attendance.min_percent, Some(90.0));
        assert_eq!(f.attendance.average_percent, Some(90.0));
    }

    fn rated(d: Date, level: MeetingRating) -> Activity {
        let mut a = meeting(d, 10, 1, 9);
        if let Details::SinhHoatThuongKy { rating, .. } = &mut a.details {
            *rating = Some(crate::model::Rating { level, score: None });
        }
        a
    }

    fn with_documents(mut a: Activity, ids: &[&str]) -> Activity {
        a.documents = ids.iter().map(|s| s.to_string()).collect();
        a
    }

    fn studied(d: Date, audience: Option<&str>, title: Option<&str>, ids: &[&str]) -> Activity {
        let mut a = entry(
            Details::HocTap {
                audience: audience.map(str::to_string),
            },
            d,
        );
        a.title = title.map(str::to_string);
        with_documents(a, ids)
    }

    fn year_2023(acts: &[Activity]) -> Figures {
        compute(
            acts,
            period(date(2023, 1, 1), date(2023, 12, 31)),
            Basis::of(AttendanceDenominator::Required),
        )
    }

    #[test]
    fn meeting_ratings_are_counted_per_level() {
        let acts = vec![
            rated(date(2023, 1, 5), MeetingRating::Tot),
            rated(date(2023, 2, 5), MeetingRating::Tot),
            rated(date(2023, 3, 5), MeetingRating::Kha),
            rated(date(2023, 4, 5), MeetingRating::TrungBinh),
            rated(date(2023, 5, 5), MeetingRating::Kem),
            rated(date(2023, 6, 5), MeetingRating::Kem),
            rated(date(2023, 7, 5), MeetingRating::Kem),
        ];
        let r = year_2023(&acts).meeting_ratings;
        assert_eq!((r.tot, r.kha, r.trung_binh, r.kem), (2, 1, 1, 3));
    }

    #[test]
    fn studies_keep_each_audience_document_and_title_once_in_order() {
        let acts = vec![
            studied(
                date(2023, 1, 5),
                Some("toàn thể đảng viên"),
                None,
                &["kl-01"],
            ),
            studied(
                date(2023, 2, 5),
                Some("chi ủy"),
                Some("Có văn bản"),
                &["ct-05", "kl-01"],
            ),
            studied(
                date(2023, 3, 5),
                Some("toàn thể đảng viên"),
                Some("Nghị quyết Đại hội XIII"),
                &[],
            ),
            studied(date(2023, 4, 5), None, Some("Nghị quyết Đại hội XIII"), &[]),
            with_documents(
                entry(
                    Details::DanVan {
                        topic: "Dân vận khéo".into(),
                    },
                    date(2023, 5, 5),
                ),
                &["ct-33", "kl-01"],
            ),
            entry(
                Details::DanVan {
                    topic: "Mô hình mới".into(),
                },
                date(2023, 6, 5),
            ),
        ];
        let f = year_2023(&acts);
        assert_eq!(f.study_audiences, ["toàn thể đảng viên", "chi ủy"]);
        assert_eq!(f.documents_studied, ["kl-01", "ct-05"]);
        assert_eq!(f.study_titles, ["Nghị quyết Đại hội XIII"]);
        assert_eq!(f.documents_cited, ["kl-01", "ct-05", "ct-33"]);
        assert_eq!(f.by_document["kl-01"], 3);
        assert_eq!(f.by_document["ct-33"], 1);
        assert_eq!(f.dan_van_topics, ["Dân vận khéo", "Mô hình mới"]);
        assert_eq!(f.counts.get(Kind::HocTap), 4);
        assert_eq!(f.by_year["2023"].get(Kind::DanVan), 2);
    }

    #[test]
    fn annual_ratings_carry_the_members_per_level() {
        use crate::model::CellLevel;
        let a = entry(
            Details::XepLoai {
                year: 2022,
                cell_level: CellLevel::HoanThanhTot,
                members: vec![(CellLevel::HoanThanhXuatSac, 5), (CellLevel::HoanThanh, 2)],
            },
            date(2023, 1, 10),
        );
        let f = year_2023(&[a]);
        assert_eq!(f.annual_ratings.len(), 1);
        let r = &f.annual_ratings[0];
        assert_eq!(
            (r.year, r.level, r.label),
            (2022, "hoan_thanh_tot", "Hoàn thành tốt nhiệm vụ")
        );
        assert_eq!(
            r.members,
            [
                ("hoan_thanh_xuat_sac", 5),
                ("hoan_thanh_tot", 0),
                ("hoan_thanh", 2),
                ("khong_hoan_thanh", 0)
            ]
        );
        let json = serde_json::to_value(&f).unwrap();
        assert_eq!(
            json["annual_ratings"][0]["members"]["hoan_thanh_xuat_sac"],
            5
        );
    }

    #[test]
    fn discipline_decisions_count_only_entries_with_members() {
        let none = |d| {
            entry(
                Details::KyLuat {
                    subjects: People::Count(0),
                    form: None,
                },
                d,
            )
        };
        let one = entry(
            Details::KyLuat {
                subjects: People::Names(vec!["A".into()]),
                form: None,
            },
            date(2023, 6, 1),
        );
        let f = year_2023(&[none(date(2023, 3, 1)), one, none(date(2023, 12, 1))]);
        assert_eq!(f.discipline_decisions, 1);
        assert_eq!(f.people.disciplined, 1);
        assert_eq!(f.counts.get(Kind::KyLuat), 3);
        let rows = yearly(
            &[none(date(2023, 3, 1))],
            period(date(2023, 1, 1), date(2023, 12, 31)),
            Basis::of(AttendanceDenominator::Required),
        );
        assert_eq!(rows[0].discipline_decisions, 0);
    }

    #[test]
    fn members_are_those_of_the_last_meeting_of_the_period() {
        let acts = vec![
            meeting(date(2023, 1, 5), 20, 1, 18),
            meeting(date(2023, 2, 5), 22, 2, 19),
            meeting(date(2024, 1, 5), 30, 0, 25),
        ];
        let m = year_2023(&acts).members.unwrap();
        assert_eq!((m.as_of, m.total, m.exempt), (date(2023, 2, 5), 22, 2));
        assert!(year_2023(&[]).members.is_none());
        // Coverage reads every entry: the last of the logs, past the period.
        assert_eq!(year_2023(&acts).coverage.last_entry, Some(date(2024, 1, 5)));
    }

    #[test]
    fn the_term_so_far_ends_with_the_logs_month() {
        let term = period(date(2020, 7, 1), date(2025, 6, 30));
        let acts = vec![meeting(date(2023, 10, 10), 10, 0, 9)];
        assert_eq!(
            logged_so_far(term, date(2026, 12, 6), &acts),
            period(date(2020, 7, 1), date(2023, 10, 31))
        );
        assert_eq!(
            logged_so_far(term, date(2023, 10, 20), &acts),
            period(date(2020, 7, 1), date(2023, 10, 20))
        );
        assert_eq!(
            logged_so_far(term, date(2026, 12, 6), &[]),
            period(date(2020, 7, 1), date(2025, 6, 30))
        );
    }
}
