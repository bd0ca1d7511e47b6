//! The dates users write: `YYYY-MM-DD` and `YYYY-MM-DD HH:MM`, checked for
//! real (29/02, month 13, 25:00), with the reason in Vietnamese. Printing
//! dates the Vietnamese way is in `vn`.

use jiff::civil::{Date, DateTime};

/// `s` as a number when it is exactly `n` ASCII digits.
fn digits(s: &str, n: usize) -> Option<i32> {
    if s.len() == n && s.bytes().all(|b| b.is_ascii_digit()) {
        s.parse().ok()
    } else {
        None
    }
}

/// The first year a cell's record can hold: the Party was founded on
/// 3/2/1930 (docs/rules.md, Dates).
pub const MIN_YEAR: i32 = 1930;
/// The last year accepted: a typing slip (`2203`, `0000`) is caught
/// instead of making folders for it.
pub const MAX_YEAR: i32 = 2100;

/// Parses `YYYY-MM-DD`, with a reason in Vietnamese when it is wrong.
pub fn parse_date(s: &str) -> Result<Date, String> {
    let mut it = s.split('-');
    let (Some(y), Some(m), Some(d), None) = (it.next(), it.next(), it.next(), it.next()) else {
        return Err("sai dạng".into());
    };
    let (Some(y), Some(m), Some(d)) = (digits(y, 4), digits(m, 2), digits(d, 2)) else {
        return Err("sai dạng".into());
    };
    if !(MIN_YEAR..=MAX_YEAR).contains(&y) {
        return Err(format!("năm {y} nằm ngoài khoảng {MIN_YEAR}–{MAX_YEAR}"));
    }
    if !(1..=12).contains(&m) {
        return Err(format!("không có tháng {m}"));
    }
    let first = Date::new(y as i16, m as i8, 1).map_err(|_| "năm không hợp lệ".to_string())?;
    if d < 1 || d > first.days_in_month() as i32 {
        return Err(format!(
            "tháng {m}/{y} chỉ có {} ngày",
            first.days_in_month()
        ));
    }
    Date::new(y as i16, m as i8, d as i8).map_err(|e| e.to_string())
}

/// Parses `YYYY-MM-DD` or `YYYY-MM-DD HH:MM` (a `T` may stand for the space).
pub fn parse_datetime(s: &str) -> Result<(DateTime, bool), String> {
    let (d, t) = match s.split_once([' ', 'T']) {
        Some((d, t)) => (d, Some(t.trim())),
        None => (s, None),
    };
    let date = parse_date(d)?;
    match t {
        None => Ok((date.at(0, 0, 0, 0), false)),
        Some(t) => {
            let (h, m) = t.split_once(':').ok_or("giờ phải có dạng HH:MM")?;
            let (Some(h), Some(m)) = (digits(h, 2), digits(m, 2)) else {
                return Err("giờ phải có dạng HH:MM".into());
            };
            if h > 23 || m > 59 {
                return Err(format!("không có giờ {h:02}:{m:02}"));
            }
            Ok((date.at(h as i8, m as i8, 0, 0), true))
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates_are_checked_for_real() {
        assert!(parse_date("2023-02-29").unwrap_err().contains("28 ngày"));
        assert!(parse_date("2024-02-29").is_ok());
        assert!(parse_date("2023-13-01").unwrap_err().contains("tháng 13"));
        assert!(parse_date("02/11/2023").is_err());
        assert!(
            parse_date("0000-01-01")
                .unwrap_err()
                .contains("năm 0 nằm ngoài")
        );
        assert!(parse_date("2101-01-01").is_err());
        assert!(parse_date("1930-02-03").is_ok());
        let (dt, t) = parse_datetime("2023-11-02 15:03").unwrap();
        assert!(t);
        assert_eq!((dt.hour(), dt.minute()), (15, 3));
        assert!(parse_datetime("2023-11-02 25:00").is_err());
    }
}
