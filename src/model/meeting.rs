//! What a meeting entry (`sinh_hoat_thuong_ky`, `chuyen_de`, `cap_uy`) may
//! hold beyond its figures, for its papers: the minutes, the resolution
//! and the agenda (docs/meetings.md). Every part is optional, so a log
//! written before these keys existed stays valid. Names here are internal:
//! nothing of this record is published.

use jiff::civil::{Date, DateTime};

use crate::diag::Pos;
use crate::model::MeetingRating;

/// Shortest regular or thematic meeting, in minutes (HD 12-HD/BTCTW,
/// 06/7/2018, §II.3.3; docs/meetings.md).
pub const MIN_MINUTES: i64 = 90;
/// Shortest session when a thematic meeting is held with the regular one,
/// in minutes (same source).
pub const MIN_MINUTES_COMBINED: i64 = 120;

/// The lowest score of each level of a meeting (Tốt ≥ 90, Khá 70–< 90,
/// Trung bình 50–< 70, Kém < 50: every superior committee's sheet seen,
/// DOMAIN-2 §8.6 as docs/meetings.md gives it).
pub const LEVEL_FLOORS: [(MeetingRating, f64); 4] = [
    (MeetingRating::Tot, 90.0),
    (MeetingRating::Kha, 70.0),
    (MeetingRating::TrungBinh, 50.0),
    (MeetingRating::Kem, 0.0),
];

/// The level `points` give.
pub fn level_of(points: f64) -> MeetingRating {
    LEVEL_FLOORS
        .iter()
        .find(|(_, floor)| points >= *floor)
        .map_or(MeetingRating::Kem, |(l, _)| *l)
}

/// The 100-point sheet a meeting is scored on: each criterion with its
/// most points. Superior committees set their own (docs/meetings.md,
/// Scoring); a site gives its own in `content/cham-diem.yaml`, else
/// [`DEFAULT_CRITERIA`] apply.
#[derive(Debug, Clone, PartialEq)]
pub struct ScoringSheet {
    /// The file it was read from; `None` for chibo's default.
    pub source: Option<String>,
    /// Its criteria, in the sheet's order.
    pub criteria: Vec<Criterion>,
    /// How its attendance criterion is scored, when the sheet says.
    pub attendance: Option<AttendanceRule>,
}

/// How a sheet scores attendance: the points of one criterion by the
/// share of members present (of those required).
#[derive(Debug, Clone, PartialEq)]
pub struct AttendanceRule {
    /// The criterion it scores.
    pub criterion: String,
    /// (lowest percent, points), highest first; below the last, 0.
    pub bands: Vec<(f64, f64)>,
    /// The points when anyone is absent without a reason, if the sheet
    /// sets them.
    pub unexcused: Option<f64>,
    /// Points the sheet may add that one entry cannot show (the default
    /// sheet's +1 when nobody missed more than three meetings running).
    pub bonus: f64,
}

impl AttendanceRule {
    /// The points for `percent` present, `unexcused` members absent
    /// without a reason.
    pub fn points(&self, percent: f64, unexcused: u32) -> f64 {
        if let (Some(p), true) = (self.unexcused, unexcused > 0) {
            return p;
        }
        self.bands
            .iter()
            .find(|(floor, _)| percent >= *floor)
            .map_or(0.0, |(_, p)| *p)
    }
}

/// One criterion of a scoring sheet.
#[derive(Debug, Clone, PartialEq)]
pub struct Criterion {
    /// The key a meeting entry's `score.items` uses.
    pub id: String,
    /// What it judges.
    pub label: String,
    /// The most points it gives.
    pub points: f64,
}

/// chibo's default sheet: the weights of a 2025 sheet built on Hướng dẫn
/// 42-HD/BTCTW (phường An Phú; a secondary source, docs/meetings.md).
pub const DEFAULT_CRITERIA: [(&str, &str, f64); 8] = [
    ("thoi_gian", "Thời gian sinh hoạt", 5.0),
    ("ty_le_du_hop", "Tỷ lệ đảng viên dự sinh hoạt", 5.0),
    ("chuan_bi", "Công tác chuẩn bị", 10.0),
    ("to_chuc", "Tổ chức sinh hoạt", 30.0),
    ("dieu_hanh", "Điều hành của bí thư", 10.0),
    ("nguyen_tac", "Bảo đảm nguyên tắc", 5.0),
    (
        "ket_qua_nghi_quyet",
        "Kết quả thực hiện nghị quyết tháng trước",
        30.0,
    ),
    ("ket_thuc", "Kết thúc sinh hoạt", 5.0),
];

/// The default sheet's attendance criterion and its bands: from this
/// share of members present (of those required), these points; any
/// member absent without a reason gives the lowest; one point more when
/// nobody was absent with a reason more than three meetings running
/// (same source).
pub const ATTENDANCE_CRITERION: &str = "ty_le_du_hop";
/// See [`ATTENDANCE_CRITERION`]: (lowest percent, points), highest first.
pub const ATTENDANCE_BANDS: [(f64, f64); 4] = [(90.0, 4.0), (75.0, 3.0), (65.0, 2.0), (0.0, 1.0)];

impl Default for ScoringSheet {
    fn default() -> Self {
        ScoringSheet {
            source: None,
            criteria: DEFAULT_CRITERIA
                .iter()
                .map(|(id, label, points)| Criterion {
                    id: id.to_string(),
                    label: label.to_string(),
                    points: *points,
                })
                .collect(),
            attendance: Some(AttendanceRule {
                criterion: ATTENDANCE_CRITERION.to_string(),
                bands: ATTENDANCE_BANDS.to_vec(),
                unexcused: Some(ATTENDANCE_BANDS[ATTENDANCE_BANDS.len() - 1].1),
                bonus: 1.0,
            }),
        }
    }
}

/// The subject a monthly resolution proposes: "về nhiệm vụ tháng M năm Y"
/// for the month after `day`'s (docs/meetings.md).
pub fn next_month_subject(day: jiff::civil::Date) -> String {
    let (y, m) = if day.month() == 12 {
        (day.year() + 1, 1)
    } else {
        (day.year(), day.month() + 1)
    };
    format!("về nhiệm vụ tháng {m} năm {y}")
}

/// Whole minutes from `start` to `end`.
pub fn minutes(start: DateTime, end: DateTime) -> i64 {
    start
        .until((jiff::Unit::Minute, end))
        .map_or(0, |s| s.get_minutes())
}

/// The papers' keys of a meeting entry, in the order the papers (and a
/// person writing the entry) take them, each with the keys of its parts
/// in their order; docs/meetings.md has the table. The loader reads them
/// in this order (its list of valid keys says so) and a form's save
/// writes them so.
pub const PAPER_KEYS: [(&str, &[&str]); 13] = [
    ("end", &[]),
    ("secretary", &[]),
    ("guests", &["name", "post", "unit"]),
    ("absent", &["name", "reason"]),
    ("unexcused", &[]),
    ("agenda", &[]),
    ("speakers", &["name", "item", "gist"]),
    ("previous_tasks", &["task", "result", "done"]),
    ("tasks", &["task", "who", "due"]),
    ("vote", &["method", "for", "against", "other"]),
    ("conclusion", &[]),
    ("score", &["total", "level", "items"]),
    ("resolution", &["number", "subject"]),
];

/// The papers' part of a meeting entry.
///
/// Flat: one field per key of the entry (DESIGN's meeting papers).
#[derive(Debug, Clone, PartialEq, Default)]
pub struct MeetingRecord {
    /// When the meeting ended, and where `end:` is written.
    pub end: Option<(DateTime, Pos)>,
    /// Who kept the minutes.
    pub secretary: Option<String>,
    /// Guests: the superior committee's members and others.
    pub guests: Vec<Guest>,
    /// Members absent with a reason.
    pub absent: Vec<Absence>,
    /// Members absent without a reason (names).
    pub unexcused: Vec<String>,
    /// Where `absent:` or `unexcused:` is written (the first of them).
    pub absent_pos: Option<Pos>,
    /// The order of business.
    pub agenda: Vec<String>,
    /// Who spoke, on which item, and the gist.
    pub speakers: Vec<Speech>,
    /// Last month's tasks with their results.
    pub previous_tasks: Vec<TaskResult>,
    /// The tasks decided for the coming month.
    pub tasks: Vec<Task>,
    /// The vote on the resolution or the conclusion.
    pub vote: Option<Vote>,
    /// The chair's conclusion.
    pub conclusion: Option<String>,
    /// The meeting's self-assessment.
    pub score: Option<Score>,
    /// The resolution issued at the meeting.
    pub resolution: Option<Resolution>,
}

impl MeetingRecord {
    /// True when the entry holds nothing of the papers.
    pub fn is_empty(&self) -> bool {
        *self == MeetingRecord::default()
    }

    /// Every name the record holds: none of them may be published.
    pub fn names(&self) -> Vec<&str> {
        let mut v: Vec<&str> = Vec::new();
        v.extend(self.secretary.as_deref());
        v.extend(self.guests.iter().map(|g| g.name.as_str()));
        v.extend(self.absent.iter().map(|a| a.name.as_str()));
        v.extend(self.unexcused.iter().map(String::as_str));
        v.extend(self.speakers.iter().map(|s| s.name.as_str()));
        v
    }
}

/// A guest of the meeting.
#[derive(Debug, Clone, PartialEq)]
pub struct Guest {
    /// Full name.
    pub name: String,
    /// Their post ("Ủy viên Ban Thường vụ").
    pub post: Option<String>,
    /// Their unit ("Đảng ủy Khối các cơ quan tỉnh").
    pub unit: Option<String>,
}

/// A member absent with a reason.
#[derive(Debug, Clone, PartialEq)]
pub struct Absence {
    /// Full name.
    pub name: String,
    /// Why ("đi công tác", "ốm").
    pub reason: String,
}

/// One speaker's contribution.
#[derive(Debug, Clone, PartialEq)]
pub struct Speech {
    /// The speaker's full name.
    pub name: String,
    /// The agenda item spoken on, counted from 1.
    pub item: Option<u32>,
    /// What they said, in short.
    pub gist: String,
    /// Where the speech is written.
    pub pos: Pos,
}

/// A task decided at a meeting.
#[derive(Debug, Clone, PartialEq)]
pub struct Task {
    /// What is to be done.
    pub task: String,
    /// Who carries it out ("Chi ủy", a member's name).
    pub who: Option<String>,
    /// By when.
    pub due: Option<Date>,
}

/// Last month's task, as carried into this month's entry.
#[derive(Debug, Clone, PartialEq)]
pub struct TaskResult {
    /// The task as last month's resolution set it.
    pub task: String,
    /// What came of it.
    pub result: Option<String>,
    /// Done (`true`), not done (`false`), or not said.
    pub done: Option<bool>,
}

/// A vote: how, and how many for, against and otherwise.
#[derive(Debug, Clone, PartialEq)]
pub struct Vote {
    /// "giơ tay", "phiếu kín".
    pub method: Option<String>,
    /// Tán thành.
    pub for_: u32,
    /// Không tán thành.
    pub against: u32,
    /// Ý kiến khác.
    pub other: u32,
    /// Where `vote:` is written.
    pub pos: Pos,
}

impl Vote {
    /// Everyone who voted.
    pub fn voters(&self) -> u32 {
        self.for_ + self.against + self.other
    }
}

/// The meeting's self-assessment score.
#[derive(Debug, Clone, PartialEq)]
pub struct Score {
    /// Out of 100.
    pub total: f64,
    /// The level the score gives.
    pub level: Option<MeetingRating>,
    /// Points per criterion of the scoring sheet, by criterion id.
    pub items: Vec<(String, f64)>,
    /// Where `score:` is written.
    pub pos: Pos,
}

/// The resolution a meeting issued.
#[derive(Debug, Clone, PartialEq)]
pub struct Resolution {
    /// "05-NQ/CB".
    pub number: String,
    /// Its trích yếu, starting lower-case: "về nhiệm vụ tháng 12 năm 2023".
    pub subject: String,
    /// Where `resolution:` is written.
    pub pos: Pos,
}
