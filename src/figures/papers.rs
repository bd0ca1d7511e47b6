//! What the meetings' papers add to the figures (docs/meetings.md): per
//! meeting its length, its unexcused absences and its score; over the
//! period the resolutions issued and how last month's tasks came out.
//! Nothing here is typed by hand: each number is counted from the entries.

use serde::Serialize;

use crate::model::meeting::{MIN_MINUTES, minutes};
use crate::model::{Activity, Kind};

/// One meeting, as its entry records it.
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct MeetingFigures {
    /// "2023-10-10 14:00" (the entry's date and time).
    pub date: String,
    /// The kind id (`sinh_hoat_thuong_ky`, `chuyen_de`, `cap_uy`).
    pub kind: &'static str,
    /// Its length in minutes, when the entry gives its start and `end`.
    pub minutes: Option<i64>,
    /// Members absent without a reason: from the counts when `excused` is
    /// given, else from the `unexcused` names when the absent are named.
    pub unexcused: Option<u32>,
    /// Its self-assessment score, out of 100 (`score.total`, else the
    /// score of its `rating`).
    #[serde(serialize_with = "super::number")]
    pub score: Option<f64>,
    /// The resolution's number, when it issued one.
    pub resolution: Option<String>,
}

/// The papers' figures of a period.
#[derive(Debug, Clone, Serialize, PartialEq, Default)]
pub struct PaperFigures {
    /// Every meeting of the period (regular, thematic, committee), in date
    /// order.
    pub meetings: Vec<MeetingFigures>,
    /// Resolutions issued by meetings of the period.
    pub resolutions: u32,
    /// Regular and thematic meetings whose length is known and under
    /// [`MIN_MINUTES`] (a meeting held with another the same day is judged
    /// by `check`, which knows the day; here each alone).
    pub short_meetings: u32,
    /// Last month's tasks whose outcome a meeting recorded (`done` given).
    pub tasks_reviewed: u32,
    /// Of those, the ones done.
    pub tasks_done: u32,
}

/// The papers' figures of `acts` (the period's entries, in date order).
pub(super) fn compute(acts: &[Activity]) -> PaperFigures {
    let mut f = PaperFigures::default();
    for a in acts.iter().filter(|a| a.kind().is_meeting()) {
        let m = a.meeting.as_deref();
        let length = m.and_then(|m| m.end).map(|(end, _)| minutes(a.date, end));
        if let Some(l) = length
            && matches!(a.kind(), Kind::SinhHoatThuongKy | Kind::ChuyenDe)
            && l < MIN_MINUTES
        {
            f.short_meetings += 1;
        }
        let resolution = m
            .and_then(|m| m.resolution.as_ref())
            .map(|r| r.number.clone());
        f.resolutions += u32::from(resolution.is_some());
        if let Some(m) = m {
            for t in m.previous_tasks.iter().filter_map(|t| t.done) {
                f.tasks_reviewed += 1;
                f.tasks_done += u32::from(t);
            }
        }
        f.meetings.push(MeetingFigures {
            date: crate::vn::iso_minute(a.date),
            kind: a.kind().id(),
            minutes: length,
            unexcused: a.unexcused(),
            score: m
                .and_then(|m| m.score.as_ref())
                .map(|s| s.total)
                .or_else(|| rating_score(a)),
            resolution,
        });
    }
    f
}

/// The score of a regular meeting's `rating`, when it has one.
fn rating_score(a: &Activity) -> Option<f64> {
    match &a.details {
        crate::model::Details::SinhHoatThuongKy {
            rating: Some(r), ..
        } => r.score,
        _ => None,
    }
}
