//! Working days, for the deadlines counted in them (docs/members.md):
//! Monday to Friday less the public holidays of the Labour Code 2019,
//! Điều 112. The solar ones are fixed; Tết and the Hùng Kings'
//! commemoration follow the lunar calendar, so their days are data
//! ([`LUNAR_NEW_YEAR`], [`HUNG_KINGS`]), and a site adds what the year's
//! schedule moves (bridging days, a day in lieu) in `content/ngay-nghi.yaml`.

use std::collections::BTreeSet;

use jiff::civil::{Date, Weekday, date};

/// Public holidays on fixed solar days: 1/1, 30/4, 1/5, 2/9 (Bộ luật Lao
/// động 2019, Điều 112). The second day of Quốc khánh (1/9 or 3/9) is set
/// each year: a site lists it in `content/ngay-nghi.yaml`.
pub const FIXED_HOLIDAYS: [(i8, i8); 4] = [(1, 1), (4, 30), (5, 1), (9, 2)];

/// The first day of the lunar year (mùng 1 Tết). The Tết holiday is
/// counted as five days from the day before it ([`TET_DAYS`]); the
/// government's schedule for a year may place them differently.
pub const LUNAR_NEW_YEAR: [(i16, i8, i8); 11] = [
    (2020, 1, 25),
    (2021, 2, 12),
    (2022, 2, 1),
    (2023, 1, 22),
    (2024, 2, 10),
    (2025, 1, 29),
    (2026, 2, 17),
    (2027, 2, 6),
    (2028, 1, 26),
    (2029, 2, 13),
    (2030, 2, 3),
];

/// Days of the Tết holiday (Điều 112: five).
pub const TET_DAYS: i8 = 5;

/// Giỗ Tổ Hùng Vương, the 10th day of the 3rd lunar month.
pub const HUNG_KINGS: [(i16, i8, i8); 8] = [
    (2020, 4, 2),
    (2021, 4, 21),
    (2022, 4, 10),
    (2023, 4, 29),
    (2024, 4, 18),
    (2025, 4, 7),
    (2026, 4, 26),
    (2027, 4, 16),
];

/// The days off that are not weekends.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Calendar {
    /// The site's own days off (`content/ngay-nghi.yaml`).
    pub extra: BTreeSet<Date>,
}

impl Calendar {
    /// Whether `day` is a public holiday.
    pub fn is_holiday(&self, day: Date) -> bool {
        if self.extra.contains(&day) {
            return true;
        }
        if FIXED_HOLIDAYS.contains(&(day.month(), day.day())) {
            return true;
        }
        let on = |t: &[(i16, i8, i8)]| {
            t.iter()
                .filter_map(|&(y, m, d)| Date::new(y, m, d).ok())
                .collect::<Vec<_>>()
        };
        if on(&HUNG_KINGS).contains(&day) {
            return true;
        }
        on(&LUNAR_NEW_YEAR).iter().any(|&tet| {
            let first = tet.yesterday().unwrap_or(tet);
            let last = first
                .checked_add(jiff::Span::new().days(TET_DAYS - 1))
                .unwrap_or(first);
            first <= day && day <= last
        })
    }

    /// Whether `day` is a working day.
    pub fn is_working(&self, day: Date) -> bool {
        !matches!(day.weekday(), Weekday::Saturday | Weekday::Sunday) && !self.is_holiday(day)
    }

    /// The `n`th working day after `from` (not counting `from`).
    pub fn add_working_days(&self, from: Date, n: u32) -> Date {
        let mut day = from;
        let mut left = n;
        // A year of days off in a row cannot happen; the bound keeps a
        // wrong calendar from looping.
        let limit = date(9000, 1, 1);
        while left > 0 && day < limit {
            day = day.tomorrow().unwrap_or(limit);
            if self.is_working(day) {
                left -= 1;
            }
        }
        day
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn weekends_tet_and_fixed_holidays_are_not_working_days() {
        let c = Calendar::default();
        assert!(!c.is_working(date(2025, 1, 28)), "the day before Tết");
        assert!(!c.is_working(date(2025, 1, 31)));
        assert!(c.is_working(date(2025, 2, 3)), "Monday after Tết 2025");
        assert!(!c.is_working(date(2025, 4, 7)), "Giỗ Tổ 2025");
        assert!(!c.is_working(date(2025, 4, 30)));
        assert!(!c.is_working(date(2025, 9, 6)), "a Saturday");
        // Friday 2025-01-24 + 5 working days: 27 is Monday, then Tết
        // from the 28th to 1 February; 3, 4, 5, 6 February.
        assert_eq!(c.add_working_days(date(2025, 1, 24), 5), date(2025, 2, 6));
        let mut extra = Calendar::default();
        extra.extra.insert(date(2025, 9, 1));
        assert!(!extra.is_working(date(2025, 9, 1)));
    }
}
