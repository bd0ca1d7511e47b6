//! The cell's private register of members (`content/dang-vien.yaml`):
//! only what docs/members.md lists as needed, never published. A member's
//! status on a day (in the cell, probationary or full, exempt, away on
//! temporary transfer) is computed from their dates, and the rules that
//! use it are named constants with their sources.

use jiff::civil::Date;

use super::activity::closed_set;
use crate::diag::Pos;

/// Where the register is kept.
pub const REGISTER_PATH: &str = "content/dang-vien.yaml";

/// Probation lasts this many months from the admission ceremony (Điều lệ
/// Đảng, Điều 5; docs/members.md).
pub const PROBATION_MONTHS: i8 = 12;
/// The cell considers full membership within this many working days
/// after probation ends (QĐ 294-QĐ/TW §4.2 as secondary sources give
/// it; docs/members.md).
pub const CONSIDER_WORKING_DAYS: u32 = 30;
/// A deadline is announced this many days ahead (chibo's choice, the
/// issue's: two months leave time to prepare the papers).
pub const DUE_WINDOW_DAYS: i32 = 60;
/// The years of Party membership a Huy hiệu Đảng marks (HD 01-HD/TW
/// 2021 §18; no 35; docs/members.md).
pub const HUY_HIEU_YEARS: [u32; 12] = [30, 40, 45, 50, 55, 60, 65, 70, 75, 80, 85, 90];
/// The days badges are presented: 3/2, 19/5, 2/9, 7/11 (same source).
pub const HUY_HIEU_DAYS: [(i8, i8); 4] = [(2, 3), (5, 19), (9, 2), (11, 7)];

closed_set! {
    /// A member's Party post in the cell.
    Post {
        BiThu = "bi_thu", "Bí thư";
        PhoBiThu = "pho_bi_thu", "Phó Bí thư";
        ChiUyVien = "chi_uy_vien", "Chi ủy viên";
        DangVien = "dang_vien", "Đảng viên";
    }
}

closed_set! {
    /// A stretch of time a member is not an ordinary attending member.
    StatusKind {
        MienSinhHoat = "mien_sinh_hoat", "Miễn công tác và sinh hoạt đảng";
        TamThoiDi = "tam_thoi_di", "Sinh hoạt tạm thời nơi khác";
        TamThoiDen = "tam_thoi_den", "Sinh hoạt tạm thời tại chi bộ";
    }
}

closed_set! {
    /// How a member left the cell.
    LeftForm {
        ChuyenDi = "chuyen_di", "Chuyển sinh hoạt chính thức đi";
        TuTran = "tu_tran", "Từ trần";
        XoaTen = "xoa_ten", "Xóa tên";
        KhaiTru = "khai_tru", "Khai trừ";
        RaKhoiDang = "ra_khoi_dang", "Ra khỏi Đảng";
    }
}

/// One member of the register.
///
/// Flat: one field per key of the register's entry (DESIGN's members).
#[derive(Debug, Clone, PartialEq)]
pub struct Member {
    /// "dv-01": how other files name the member.
    pub id: String,
    /// Full name.
    pub name: String,
    /// Party post in the cell.
    pub post: Post,
    /// Year of birth only, if given.
    pub born: Option<i16>,
    /// The date in the admission decision (the start of Party age).
    pub admitted: Option<Date>,
    /// The admission decision's number ("112-QĐ/ĐUK").
    pub decision: Option<String>,
    /// The admission ceremony (the start of probation).
    pub ceremony: Option<Date>,
    /// Full membership.
    pub official: Option<Date>,
    /// Stretches of exemption and temporary transfer.
    pub periods: Vec<StatusPeriod>,
    /// Moved into this cell (a transfer in); `None`: admitted here.
    pub joined: Option<Date>,
    /// Left the cell, and how.
    pub left: Option<(Date, LeftForm)>,
    /// Huy hiệu Đảng awarded (years).
    pub huy_hieu: Vec<u32>,
    /// Where the member's entry starts in the register.
    pub pos: Pos,
}

/// A stretch of exemption or temporary transfer.
#[derive(Debug, Clone, PartialEq)]
pub struct StatusPeriod {
    /// What it is.
    pub kind: StatusKind,
    /// Its first day.
    pub from: Date,
    /// Its last day; `None`: still so.
    pub to: Option<Date>,
}

impl StatusPeriod {
    fn covers(&self, day: Date) -> bool {
        self.from <= day && self.to.is_none_or(|t| day <= t)
    }
}

/// What a member is on a day.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Status {
    /// Counted in the cell's members (đảng số): in the cell, and not a
    /// guest here on temporary transfer.
    pub counted: bool,
    /// Counted and on probation.
    pub probation: bool,
    /// Counted and exempt from meetings.
    pub exempt: bool,
    /// Counted and attending elsewhere on temporary transfer.
    pub away: bool,
    /// Attending here on temporary transfer (not counted).
    pub guest: bool,
}

impl Status {
    /// The status as the register's list says it ("dự bị, miễn sinh
    /// hoạt"); `None` for someone not in the cell that day.
    pub fn describe(self) -> Option<String> {
        if self.guest {
            return Some("sinh hoạt tạm thời tại chi bộ".into());
        }
        if !self.counted {
            return None;
        }
        let mut parts = vec![if self.probation {
            "dự bị"
        } else {
            "chính thức"
        }];
        if self.exempt {
            parts.push("miễn sinh hoạt");
        }
        if self.away {
            parts.push("sinh hoạt tạm thời nơi khác");
        }
        Some(parts.join(", "))
    }
}

impl Member {
    /// The day the member came into the cell: the transfer in, else the
    /// ceremony, else the admission decision.
    pub fn since(&self) -> Option<Date> {
        self.joined.or(self.ceremony).or(self.admitted)
    }

    fn in_period(&self, kind: StatusKind, day: Date) -> bool {
        self.periods.iter().any(|p| p.kind == kind && p.covers(day))
    }

    /// The member's status on `day`.
    pub fn status(&self, day: Date) -> Status {
        let guest = self.in_period(StatusKind::TamThoiDen, day);
        let in_cell =
            self.since().is_some_and(|s| s <= day) && self.left.is_none_or(|(d, _)| day < d);
        let counted = in_cell && !guest;
        Status {
            guest,
            counted,
            probation: counted
                && self.ceremony.is_some_and(|c| c <= day)
                && self.official.is_none_or(|o| day < o),
            exempt: counted && self.in_period(StatusKind::MienSinhHoat, day),
            away: counted && self.in_period(StatusKind::TamThoiDi, day),
        }
    }

    /// The day probation ends: 12 months after the ceremony.
    pub fn probation_end(&self) -> Option<Date> {
        self.ceremony?
            .checked_add(jiff::Span::new().months(PROBATION_MONTHS))
            .ok()
    }

    /// The day the member reaches `years` of Party age: from the
    /// admission decision, later by the time out of the Party the
    /// register knows of (none yet: leaving is final in the register).
    pub fn party_age_day(&self, years: u32) -> Option<Date> {
        self.admitted?
            .checked_add(jiff::Span::new().years(years as i16))
            .ok()
    }
}

/// The register's numbers on a day.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, serde::Serialize)]
pub struct Counts {
    /// Members counted (đảng số).
    pub total: u32,
    /// Of them, full members.
    pub chinh_thuc: u32,
    /// Of them, on probation.
    pub du_bi: u32,
    /// Of them, exempt from meetings.
    pub mien: u32,
    /// Of them, attending elsewhere on temporary transfer.
    pub tam_thoi_di: u32,
    /// Attending here on temporary transfer (not counted).
    pub tam_thoi_den: u32,
}

/// The register's numbers on `day`.
pub fn counts_on(members: &[Member], day: Date) -> Counts {
    let mut c = Counts::default();
    for m in members {
        let s = m.status(day);
        if s.counted {
            c.total += 1;
            if s.probation {
                c.du_bi += 1;
            } else {
                c.chinh_thuc += 1;
            }
            c.mien += u32::from(s.exempt);
            c.tam_thoi_di += u32::from(s.away);
        } else if s.guest {
            c.tam_thoi_den += 1;
        }
    }
    c
}

/// A name as the register and the logs are compared: NFC, lower case,
/// one space between words.
pub fn name_key(s: &str) -> String {
    crate::vn::nfc(s)
        .to_lowercase()
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
}

/// The next day badges are presented on or after `day`.
pub fn next_badge_day(day: Date) -> Date {
    let mut best: Option<Date> = None;
    for year in [day.year(), day.year() + 1] {
        for (m, d) in HUY_HIEU_DAYS {
            if let Ok(x) = Date::new(year, m, d)
                && x >= day
                && best.is_none_or(|b| x < b)
            {
                best = Some(x);
            }
        }
    }
    best.unwrap_or(day)
}

#[cfg(test)]
mod tests {
    use super::*;
    use jiff::civil::date;

    fn member() -> Member {
        Member {
            id: "dv-01".into(),
            name: "Nguyễn Văn An".into(),
            post: Post::DangVien,
            born: None,
            admitted: Some(date(2021, 8, 20)),
            decision: None,
            ceremony: Some(date(2021, 9, 2)),
            official: Some(date(2022, 9, 2)),
            periods: vec![StatusPeriod {
                kind: StatusKind::MienSinhHoat,
                from: date(2024, 1, 1),
                to: None,
            }],
            joined: None,
            left: Some((date(2025, 2, 1), LeftForm::ChuyenDi)),
            huy_hieu: Vec::new(),
            pos: Pos::default(),
        }
    }

    #[test]
    fn a_members_status_follows_their_dates_to_the_day() {
        let m = member();
        assert!(!m.status(date(2021, 9, 1)).counted);
        let s = m.status(date(2021, 9, 2));
        assert!(s.counted && s.probation);
        assert!(m.status(date(2022, 9, 1)).probation);
        assert!(!m.status(date(2022, 9, 2)).probation);
        assert!(!m.status(date(2023, 12, 31)).exempt);
        assert!(m.status(date(2024, 1, 1)).exempt);
        assert!(m.status(date(2025, 1, 31)).counted);
        assert!(!m.status(date(2025, 2, 1)).counted);
        assert_eq!(m.probation_end(), Some(date(2022, 9, 2)));
        assert_eq!(m.party_age_day(30), Some(date(2051, 8, 20)));
    }

    #[test]
    fn badges_are_presented_on_the_next_of_four_days() {
        assert_eq!(next_badge_day(date(2025, 2, 3)), date(2025, 2, 3));
        assert_eq!(next_badge_day(date(2025, 2, 4)), date(2025, 5, 19));
        assert_eq!(next_badge_day(date(2025, 11, 8)), date(2026, 2, 3));
    }

    #[test]
    fn names_compare_without_case_spacing_or_normal_form() {
        assert_eq!(
            name_key("Nguyễn  Văn An"),
            name_key("nguye\u{302}\u{303}n văn an")
        );
    }
}
