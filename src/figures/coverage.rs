//! Which months of a period the logs cover. A month is covered when a
//! regular meeting (`sinh_hoat_thuong_ky`) is logged in it: a cell meets
//! every month (docs/rules.md §Meetings), so a month without that entry is
//! a month whose log was not kept, and nothing can be said of it. Months
//! before `figures.logs_from` of site.yaml never count as covered.

use jiff::civil::Date;
use serde::Serialize;
use serde::ser::Serializer;

use crate::model::{Activity, Kind, Period};

/// The months of a period that the logs cover.
#[derive(Debug, Clone, Serialize, PartialEq, Default)]
pub struct Coverage {
    /// Calendar months the period touches.
    pub months: u32,
    /// Of those, the months with a regular meeting logged.
    pub covered: u32,
    /// The others, as `2024-01`, in order.
    pub uncovered: Vec<String>,
    /// The date of the last entry of all the logs (`null` with no entry).
    #[serde(serialize_with = "optional_date")]
    pub last_entry: Option<Date>,
    /// Every month is covered: a statement of absence may be drafted.
    pub complete: bool,
}

fn optional_date<S: Serializer>(d: &Option<Date>, s: S) -> Result<S::Ok, S::Error> {
    match d {
        None => s.serialize_none(),
        Some(d) => s.collect_str(d),
    }
}

/// A month as one number: year × 12 + month − 1.
pub fn month_index(d: Date) -> i32 {
    d.year() as i32 * 12 + d.month() as i32 - 1
}

/// `2024-01` for a month index.
fn month_key(k: i32) -> String {
    format!("{:04}-{:02}", k.div_euclid(12), k.rem_euclid(12) + 1)
}

/// The coverage of `period` by `acts` (every entry of the logs, sorted by
/// date). Meetings in the period's first and last months count even when
/// they fall outside the period's days: the month is logged.
pub fn coverage(acts: &[Activity], period: Period, logs_from: Option<Date>) -> Coverage {
    let (first, last) = (month_index(period.from), month_index(period.to));
    let kept_from = logs_from.map_or(i32::MIN, month_index);
    let lo = acts.partition_point(|a| month_index(a.date.date()) < first);
    let hi = acts.partition_point(|a| month_index(a.date.date()) <= last);
    let mut met = vec![false; (last - first + 1).max(0) as usize];
    for a in &acts[lo..hi.max(lo)] {
        let k = month_index(a.date.date());
        if a.kind() == Kind::SinhHoatThuongKy && k >= kept_from {
            met[(k - first) as usize] = true;
        }
    }
    let uncovered: Vec<String> = met
        .iter()
        .enumerate()
        .filter(|(_, m)| !**m)
        .map(|(i, _)| month_key(first + i as i32))
        .collect();
    Coverage {
        months: met.len() as u32,
        covered: met.iter().filter(|m| **m).count() as u32,
        complete: uncovered.is_empty(),
        uncovered,
        last_entry: acts.last().map(|a| a.date.date()),
    }
}

/// The uncovered months written for people, consecutive months as one
/// range: "01/2024 – 12/2024, 03/2025".
pub fn months_text(uncovered: &[String]) -> String {
    let idx: Vec<i32> = uncovered
        .iter()
        .filter_map(|m| {
            let (y, mo) = m.split_once('-')?;
            Some(y.parse::<i32>().ok()? * 12 + mo.parse::<i32>().ok()? - 1)
        })
        .collect();
    let show = |k: i32| format!("{:02}/{}", k.rem_euclid(12) + 1, k.div_euclid(12));
    let mut parts = Vec::new();
    let mut i = 0;
    while i < idx.len() {
        let mut j = i;
        while j + 1 < idx.len() && idx[j + 1] == idx[j] + 1 {
            j += 1;
        }
        parts.push(if j == i {
            show(idx[i])
        } else {
            format!("{} – {}", show(idx[i]), show(idx[j]))
        });
        i = j + 1;
    }
    parts.join(", ")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Attendance, Details};
    use jiff::civil::date;

    fn meeting(d: Date) -> Activity {
        let attendance = Attendance {
            total: 10,
            exempt: 0,
            present: 9,
            excused: None,
        };
        Activity::new(
            "a.yaml",
            Default::default(),
            Details::SinhHoatThuongKy {
                attendance,
                topics: Vec::new(),
                rating: None,
            },
            d.at(8, 0, 0, 0),
        )
    }

    fn other(d: Date) -> Activity {
        Activity::new(
            "a.yaml",
            Default::default(),
            Details::CapUy { attendance: None },
            d.at(8, 0, 0, 0),
        )
    }

    fn period(a: Date, b: Date) -> Period {
        Period { from: a, to: b }
    }

    #[test]
    fn a_month_is_covered_only_by_a_regular_meeting() {
        let acts = vec![
            meeting(date(2023, 1, 5)),
            other(date(2023, 2, 5)),
            meeting(date(2023, 3, 5)),
        ];
        let c = coverage(&acts, period(date(2023, 1, 1), date(2023, 3, 31)), None);
        assert_eq!((c.months, c.covered), (3, 2));
        assert_eq!(c.uncovered, ["2023-02"]);
        assert!(!c.complete);
        assert_eq!(c.last_entry, Some(date(2023, 3, 5)));
    }

    #[test]
    fn a_period_past_the_logs_lists_every_month_after_the_last_entry() {
        let acts: Vec<Activity> = (1..=10).map(|m| meeting(date(2023, m, 3))).collect();
        let c = coverage(&acts, period(date(2024, 1, 1), date(2024, 12, 31)), None);
        assert_eq!((c.months, c.covered), (12, 0));
        assert_eq!(c.uncovered.first().map(String::as_str), Some("2024-01"));
        assert_eq!(c.uncovered.last().map(String::as_str), Some("2024-12"));
        assert_eq!(c.last_entry, Some(date(2023, 10, 3)));
        let whole = coverage(&acts, period(date(2023, 1, 1), date(2023, 10, 31)), None);
        assert!(whole.complete, "{whole:?}");
        let year = coverage(&acts, period(date(2023, 1, 1), date(2023, 12, 31)), None);
        assert_eq!(year.uncovered, ["2023-11", "2023-12"]);
    }

    #[test]
    fn months_before_logs_from_are_never_covered() {
        let acts = vec![meeting(date(2023, 1, 5)), meeting(date(2023, 2, 5))];
        let c = coverage(
            &acts,
            period(date(2023, 1, 1), date(2023, 2, 28)),
            Some(date(2023, 2, 1)),
        );
        assert_eq!(c.uncovered, ["2023-01"]);
    }

    #[test]
    fn a_meeting_in_the_edge_month_outside_the_days_still_covers_it() {
        let acts = vec![meeting(date(2023, 10, 30))];
        let c = coverage(&acts, period(date(2023, 10, 1), date(2023, 10, 15)), None);
        assert!(c.complete);
    }

    #[test]
    fn uncovered_months_are_written_as_ranges() {
        let m = |s: &[&str]| months_text(&s.iter().map(|x| x.to_string()).collect::<Vec<_>>());
        assert_eq!(
            m(&["2023-11", "2023-12", "2024-01", "2024-03"]),
            "11/2023 – 01/2024, 03/2024"
        );
        assert_eq!(m(&["2022-02"]), "02/2022");
        assert_eq!(m(&[]), "");
    }
}
