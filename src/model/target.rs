//! A cell's targets (chỉ tiêu) as its congress resolution sets them, in
//! `site.yaml` (`targets:`): each an indicator the figures compute, a
//! scope (each year, or the whole term) and the value to reach; and how a
//! result is judged against it (docs/targets.md; DOMAIN-2 §12 of the
//! brief: Vượt, Đạt, Chưa đạt, and "not yet due" while the scope runs).

use super::CellLevel;
use super::activity::closed_set;
use crate::diag::Pos;

closed_set! {
    /// What a target counts, each computed from the logs (and the rating
    /// file for the members' share).
    Indicator {
        SinhHoatThuongKy = "sinh_hoat_thuong_ky", "Số kỳ sinh hoạt chi bộ thường kỳ";
        CapUy = "cap_uy", "Số kỳ sinh hoạt cấp ủy";
        ChuyenDe = "chuyen_de", "Số kỳ sinh hoạt chuyên đề";
        AttendanceMinPercent = "attendance_min_percent", "Tỷ lệ đảng viên dự sinh hoạt thấp nhất (%)";
        AttendanceAveragePercent = "attendance_average_percent", "Tỷ lệ đảng viên dự sinh hoạt bình quân (%)";
        LopNhanThuc = "lop_nhan_thuc", "Số lượt quần chúng dự lớp bồi dưỡng nhận thức về Đảng";
        KetNap = "ket_nap", "Số đảng viên mới được kết nạp";
        SupervisionPercent = "supervision_percent", "Tỷ lệ đảng viên được giám sát chuyên đề (%)";
        Inspected = "kiem_tra", "Số đảng viên được kiểm tra";
        CellLevel = "cell_level", "Mức xếp loại chất lượng chi bộ";
        MembersGoodPercent = "members_good_percent", "Tỷ lệ đảng viên hoàn thành tốt nhiệm vụ trở lên (%)";
        TransfersOnTimePercent = "transfers_on_time_percent", "Tỷ lệ đảng viên dự bị được xét chuyển chính thức đúng hạn (%)";
    }
}

closed_set! {
    /// Over what a target is judged.
    Scope {
        Year = "year", "Hằng năm";
        Term = "term", "Cả nhiệm kỳ";
    }
}

closed_set! {
    /// A result against its target.
    TargetStatus {
        Vuot = "vuot", "Vượt";
        Dat = "dat", "Đạt";
        ChuaDat = "chua_dat", "Chưa đạt";
        ChuaDenHan = "chua_den_han", "Chưa đến hạn";
        KhongDuSoLieu = "khong_du_so_lieu", "Chưa đủ số liệu";
    }
}

/// What kind of value an indicator takes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ValueKind {
    /// A count: at least this many.
    Count,
    /// A percentage, 0–100: at least this share.
    Percent,
    /// A rating level: this level or better.
    Level,
}

impl Indicator {
    /// The kind of value the indicator's target takes.
    pub fn value_kind(self) -> ValueKind {
        match self {
            Indicator::AttendanceMinPercent
            | Indicator::AttendanceAveragePercent
            | Indicator::SupervisionPercent
            | Indicator::MembersGoodPercent
            | Indicator::TransfersOnTimePercent => ValueKind::Percent,
            Indicator::CellLevel => ValueKind::Level,
            _ => ValueKind::Count,
        }
    }

    /// Whether the indicator is judged once a year only (a rating is
    /// made per year).
    pub fn yearly_only(self) -> bool {
        matches!(self, Indicator::CellLevel | Indicator::MembersGoodPercent)
    }
}

/// A target's value.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum TargetValue {
    /// A count or a percentage.
    Number(f64),
    /// A level: that level or better.
    Level(CellLevel),
}

/// One target of the resolution.
#[derive(Debug, Clone, PartialEq)]
pub struct Target {
    /// What it counts.
    pub indicator: Indicator,
    /// Each year, or the whole term.
    pub scope: Scope,
    /// The value to reach.
    pub value: TargetValue,
    /// Where it is written in site.yaml.
    pub pos: Pos,
}

/// A level's rank, best first (0 = hoàn thành xuất sắc).
pub fn level_rank(l: CellLevel) -> usize {
    CellLevel::ALL
        .iter()
        .position(|x| *x == l)
        .unwrap_or(usize::MAX)
}

/// How `result` stands against `target` once the scope has ended
/// (`ended`) or not: better than the target is Vượt, equal is Đạt; short
/// of it, Chưa đạt once ended, Chưa đến hạn before. A percentage target of
/// 100 can only be met, never exceeded.
pub fn judge(target: TargetValue, result: TargetValue, ended: bool) -> TargetStatus {
    let (better, equal) = match (target, result) {
        (TargetValue::Number(t), TargetValue::Number(r)) => {
            let r = (r * 10.0).round() / 10.0;
            (r > t + 1e-9, (r - t).abs() <= 1e-9)
        }
        (TargetValue::Level(t), TargetValue::Level(r)) => (
            level_rank(r) < level_rank(t),
            level_rank(r) == level_rank(t),
        ),
        _ => (false, false),
    };
    if better {
        TargetStatus::Vuot
    } else if equal {
        TargetStatus::Dat
    } else if ended {
        TargetStatus::ChuaDat
    } else {
        TargetStatus::ChuaDenHan
    }
}

/// The status of a target over all its results: a result short of its
/// target, then one without enough data, then one not yet due, decide;
/// all better than the target is Vượt; else Đạt.
pub fn overall(statuses: &[TargetStatus]) -> TargetStatus {
    for s in [
        TargetStatus::ChuaDat,
        TargetStatus::KhongDuSoLieu,
        TargetStatus::ChuaDenHan,
    ] {
        if statuses.contains(&s) {
            return s;
        }
    }
    if !statuses.is_empty() && statuses.iter().all(|s| *s == TargetStatus::Vuot) {
        TargetStatus::Vuot
    } else if statuses.is_empty() {
        TargetStatus::KhongDuSoLieu
    } else {
        TargetStatus::Dat
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn results_are_judged_better_equal_short_or_not_yet_due() {
        let n = TargetValue::Number;
        assert_eq!(judge(n(12.0), n(13.0), true), TargetStatus::Vuot);
        assert_eq!(judge(n(12.0), n(12.0), true), TargetStatus::Dat);
        assert_eq!(judge(n(12.0), n(11.0), true), TargetStatus::ChuaDat);
        assert_eq!(judge(n(12.0), n(11.0), false), TargetStatus::ChuaDenHan);
        assert_eq!(judge(n(90.0), n(89.96), true), TargetStatus::Dat);
        let l = TargetValue::Level;
        assert_eq!(
            judge(
                l(CellLevel::HoanThanhTot),
                l(CellLevel::HoanThanhXuatSac),
                true
            ),
            TargetStatus::Vuot
        );
        assert_eq!(
            judge(l(CellLevel::HoanThanhTot), l(CellLevel::HoanThanh), true),
            TargetStatus::ChuaDat
        );
        assert_eq!(
            overall(&[TargetStatus::Vuot, TargetStatus::Dat]),
            TargetStatus::Dat
        );
        assert_eq!(
            overall(&[TargetStatus::Vuot, TargetStatus::ChuaDenHan]),
            TargetStatus::ChuaDenHan
        );
    }
}
