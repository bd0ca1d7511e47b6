//! Vietnamese text: normalisation, slugs, search folding, dates, numbers,
//! sorting and document citations. Pure functions, tested here.

use std::cmp::Ordering;

use icu_collator::options::CollatorOptions;
use icu_collator::{Collator, CollatorBorrowed};
use jiff::civil::{Date, DateTime};
use unicode_normalization::{UnicodeNormalization, is_nfc_quick};

/// Returns `s` in Unicode NFC. Text typed on macOS (NFD) and text pasted
/// from some Windows input methods is decomposed; everything we compare,
/// hash or print goes through here first.
pub fn nfc(s: &str) -> String {
    if is_surely_nfc(s) {
        return s.to_string();
    }
    match is_nfc_quick(s.chars()) {
        unicode_normalization::IsNormalized::Yes => s.to_string(),
        _ => s.nfc().collect(),
    }
}

/// A fast answer for the text chibo reads most: every character is a
/// starter that NFC leaves alone — below U+0300 (ASCII, Latin-1, ă ơ ư đ),
/// a precomposed Vietnamese letter (U+1E00–U+1EFF), or general punctuation
/// such as “ ” – … (U+2010–U+206F). `false` means "check properly".
fn is_surely_nfc(s: &str) -> bool {
    s.chars().all(|c| {
        let u = c as u32;
        u < 0x300 || (0x1E00..=0x1EFF).contains(&u) || (0x2010..=0x206F).contains(&u)
    })
}

/// A URL slug: lower-case ASCII, tone marks stripped, `đ → d`, anything
/// else collapsed to single dashes.
pub fn slugify(s: &str) -> String {
    slug::slugify(nfc(s))
}

/// Longest slug accepted, in bytes. A slug becomes a folder name, and
/// file systems refuse names over 255 bytes (some encrypted ones over 143);
/// 150 leaves room and is still a sentence of 25–30 words.
pub const MAX_SLUG_BYTES: usize = 150;

/// The message for a slug that is too long to be a folder name, if it is.
pub fn slug_too_long(what: &str, slug: &str) -> Option<String> {
    (slug.len() > MAX_SLUG_BYTES).then(|| {
        format!(
            "{what} quá dài để làm đường dẫn ({} byte sau khi bỏ dấu; tối đa {MAX_SLUG_BYTES}); hãy rút ngắn, hoặc thêm khóa `slug:` với một đường dẫn ngắn hơn",
            slug.len()
        )
    })
}

/// Checks a slug written by a user (`slug:`): its characters and length;
/// the message names the key and a valid example.
pub fn check_slug(s: &str) -> Result<(), String> {
    if let Some(msg) = slug_too_long("`slug`", s) {
        return Err(msg);
    }
    if is_slug(s) {
        Ok(())
    } else {
        Err(format!(
            "`slug` `{s}` không hợp lệ: chỉ dùng chữ thường không dấu a-z, số 0-9 và dấu gạch ngang (không có `/`, `..` hay khoảng trắng), ví dụ `{}`",
            slugify(s)
        ))
    }
}

/// True when `s` is already a valid slug (what a user may write in `slug:`).
pub fn is_slug(s: &str) -> bool {
    !s.is_empty()
        && !s.starts_with('-')
        && !s.ends_with('-')
        && !s.contains("--")
        && s.bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-')
}

/// Folds text for search: lower case, no tone or vowel marks, `đ → d`.
/// The same fold runs on the query in the browser (static/search.js).
pub fn fold(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.nfd() {
        if unicode_normalization::char::is_combining_mark(c) {
            continue;
        }
        match c {
            'đ' | 'Đ' => out.push('d'),
            _ => out.extend(c.to_lowercase()),
        }
    }
    out
}

/// Pads day and month the way Party and state documents do: days 1–9 and
/// months 1–2 get a leading zero, months 3–12 do not (docs/rules.md §Dates).
fn official_day(d: i8) -> String {
    format!("{d:02}")
}
fn official_month(m: i8) -> String {
    if m <= 2 {
        format!("{m:02}")
    } else {
        m.to_string()
    }
}

/// "ngày 02 tháng 11 năm 2023", "ngày 20 tháng 02 năm 2018", "ngày 03 tháng 4 năm 2018".
pub fn long_date(d: Date) -> String {
    format!(
        "ngày {} tháng {} năm {}",
        official_day(d.day()),
        official_month(d.month()),
        d.year()
    )
}

/// "18/5/2021", "24/01/2025", "04/7/2025": the in-text date of citations.
pub fn short_date(d: Date) -> String {
    format!(
        "{}/{}/{}",
        official_day(d.day()),
        official_month(d.month()),
        d.year()
    )
}

/// The news timestamp of the seed: "02-11-2023 15:03".
pub fn timestamp(dt: DateTime) -> String {
    format!(
        "{:02}-{:02}-{} {:02}:{:02}",
        dt.day(),
        dt.month(),
        dt.year(),
        dt.hour(),
        dt.minute()
    )
}

/// "2023-11-02 15:03": the date as written in front matter.
pub fn iso_minute(dt: DateTime) -> String {
    format!("{} {:02}:{:02}", dt.date(), dt.hour(), dt.minute())
}

/// "02-11-2023": the date part of the timestamp, for lists.
pub fn dash_date(d: Date) -> String {
    format!("{:02}-{:02}-{}", d.day(), d.month(), d.year())
}

/// RFC 3339 with the site's fixed offset: "2023-11-02T15:03:00+07:00".
pub fn rfc3339(dt: DateTime, offset_minutes: i32) -> String {
    let sign = if offset_minutes < 0 { '-' } else { '+' };
    let m = offset_minutes.abs();
    format!(
        "{:04}-{:02}-{:02}T{:02}:{:02}:{:02}{}{:02}:{:02}",
        dt.year(),
        dt.month(),
        dt.day(),
        dt.hour(),
        dt.minute(),
        dt.second(),
        sign,
        m / 60,
        m % 60
    )
}

/// Weekday name as printed in Vietnamese: "Thứ Hai" … "Thứ Bảy", "Chủ nhật".
pub fn weekday(d: Date) -> &'static str {
    match d.weekday().to_monday_one_offset() {
        1 => "Thứ Hai",
        2 => "Thứ Ba",
        3 => "Thứ Tư",
        4 => "Thứ Năm",
        5 => "Thứ Sáu",
        6 => "Thứ Bảy",
        _ => "Chủ nhật",
    }
}

/// A number with a decimal comma and dot thousands: `decimal(92.44, 1)` →
/// "92,4", `decimal(1234.0, 0)` → "1.234". Trailing ",0" is dropped.
pub fn decimal(x: f64, places: usize) -> String {
    if !x.is_finite() {
        return "—".to_string();
    }
    let s = format!("{:.*}", places, x.abs());
    let (int, frac) = match s.split_once('.') {
        Some((i, f)) => (i.to_string(), f.trim_end_matches('0').to_string()),
        None => (s.clone(), String::new()),
    };
    let mut grouped = String::new();
    for (i, c) in int.chars().enumerate() {
        if i > 0 && (int.len() - i) % 3 == 0 {
            grouped.push('.');
        }
        grouped.push(c);
    }
    let neg = x < 0.0 && (grouped.chars().any(|c| c != '0' && c != '.') || !frac.is_empty());
    let mut out = String::new();
    if neg {
        out.push('-');
    }
    out.push_str(&grouped);
    if !frac.is_empty() {
        out.push(',');
        out.push_str(&frac);
    }
    out
}

/// A size in bytes as people say it: "512 byte", "3,4 MB" (decimal comma).
pub fn bytes_label(n: u64) -> String {
    match n {
        0..1024 => format!("{n} byte"),
        1024..1_048_576 => format!("{} KB", decimal(n as f64 / 1024.0, 1)),
        _ => format!("{} MB", decimal(n as f64 / 1_048_576.0, 1)),
    }
}

/// A percentage as printed in tables: "92,4%"; "—" when there is none.
pub fn percent(x: Option<f64>) -> String {
    x.map_or_else(|| "—".to_string(), |v| format!("{}%", decimal(v, 1)))
}

/// The two-digit count style of reports: 9 → "09", 15 → "15".
pub fn pad2(n: i64) -> String {
    if (0..10).contains(&n) {
        format!("0{n}")
    } else {
        n.to_string()
    }
}

/// Roman numerals for khóa, lần thứ, quý: 13 → "XIII". Zero and negative
/// numbers have no Roman form and are printed as digits.
pub fn roman(mut n: i64) -> String {
    if !(1..4000).contains(&n) {
        return n.to_string();
    }
    const TABLE: [(i64, &str); 13] = [
        (1000, "M"),
        (900, "CM"),
        (500, "D"),
        (400, "CD"),
        (100, "C"),
        (90, "XC"),
        (50, "L"),
        (40, "XL"),
        (10, "X"),
        (9, "IX"),
        (5, "V"),
        (4, "IV"),
        (1, "I"),
    ];
    let mut out = String::new();
    for (v, s) in TABLE {
        while n >= v {
            out.push_str(s);
            n -= v;
        }
    }
    out
}

/// The Vietnamese collation (ICU, locale `vi`): "Dương" < "Đảng",
/// "Ha" < "Hà" < "Hả" < "Hã" < "Há" < "Hạ".
pub fn collator() -> CollatorBorrowed<'static> {
    let locale = icu_locale_core::locale!("vi");
    // The `vi` tailoring is compiled into icu_collator's baked data, so this
    // cannot fail at run time; fall back to the root order just in case.
    Collator::try_new(locale.into(), CollatorOptions::default())
        .or_else(|_| Collator::try_new(Default::default(), CollatorOptions::default()))
        .expect("ICU root collation data is compiled in")
}

/// Compares two strings in Vietnamese order.
pub fn compare(c: &CollatorBorrowed<'_>, a: &str, b: &str) -> Ordering {
    c.compare(a, b)
}

/// What a citation needs from a document of `documents.yaml`.
pub struct CitationParts<'a> {
    /// "Nghị quyết", "Kết luận".
    pub kind: &'a str,
    /// "21-NQ/TW".
    pub number: &'a str,
    /// The day it was signed.
    pub date: Date,
    /// "Ban Chấp hành Trung ương".
    pub issuer: &'a str,
    /// What it is about, for full citations.
    pub subject: Option<&'a str>,
}

/// "Kết luận số 01-KL/TW, ngày 18/5/2021 của Bộ Chính trị", with
/// " về …" appended when `with_subject` is set (first mention in full).
pub fn citation(p: &CitationParts<'_>, with_subject: bool) -> String {
    let mut s = format!(
        "{} số {}, ngày {} của {}",
        p.kind,
        p.number,
        short_date(p.date),
        p.issuer
    );
    if with_subject && let Some(subj) = p.subject {
        s.push(' ');
        s.push_str(subj);
    }
    s
}

/// Edit distance counting a swap of neighbours as one edit (optimal string
/// alignment), for "có phải ý bạn là …?" hints on misspelt keys.
pub fn edit_distance(a: &str, b: &str) -> usize {
    strsim::osa_distance(a, b)
}

/// The closest of `valid` to `wrong`, if it is close enough to be a typo.
pub fn suggest<'a>(wrong: &str, valid: &[&'a str]) -> Option<&'a str> {
    let w = fold(wrong);
    valid
        .iter()
        .map(|v| (edit_distance(&w, &fold(v)), *v))
        .filter(|(d, v)| *d <= (v.chars().count() / 3).max(1))
        .min_by_key(|(d, _)| *d)
        .map(|(_, v)| v)
}

#[cfg(test)]
mod tests {
    use super::*;
    use jiff::civil::date;

    #[test]
    fn slug_strips_tones_and_maps_d_stroke() {
        assert_eq!(slugify("Đảng viên ưu tú"), "dang-vien-uu-tu");
        assert_eq!(slugify("ĐẢNG CỘNG SẢN VIỆT NAM"), "dang-cong-san-viet-nam");
        assert_eq!(slugify("Nghị quyết số 21-NQ/TW"), "nghi-quyet-so-21-nq-tw");
        assert_eq!(
            slugify("Số 15-BC/CB – nhiệm kỳ 2020 – 2025 “Dân vận khéo”"),
            "so-15-bc-cb-nhiem-ky-2020-2025-dan-van-kheo"
        );
        assert_eq!(slugify("uỷ"), slugify("ủy"));
    }

    #[test]
    fn nfd_input_gives_the_same_slug_and_text() {
        let nfd: String = "Lạng Sơn Đảng viên".nfd().collect();
        assert_ne!(nfd, "Lạng Sơn Đảng viên");
        assert_eq!(nfc(&nfd), "Lạng Sơn Đảng viên");
        assert_eq!(slugify(&nfd), "lang-son-dang-vien");
    }

    #[test]
    fn the_fast_nfc_check_agrees_with_the_full_one() {
        for text in [
            "Chi bộ Sở Tư pháp “Dân vận khéo” – 2023…",
            "ĐẢNG CỘNG SẢN VIỆT NAM",
            "plain ascii",
        ] {
            assert!(is_surely_nfc(text));
            assert_eq!(
                is_nfc_quick(text.chars()),
                unicode_normalization::IsNormalized::Yes
            );
        }
        let nfd: String = "Lạng Sơn".nfd().collect();
        assert!(!is_surely_nfc(&nfd));
        assert!(!is_surely_nfc("\u{2000}"), "EN QUAD decomposes to EN SPACE");
        // Every character of the fast ranges is really NFC and a starter.
        for u in (0..0x300u32).chain(0x1E00..=0x1EFF).chain(0x2010..=0x206F) {
            if let Some(c) = char::from_u32(u) {
                let one = c.to_string();
                assert_eq!(one.nfc().collect::<String>(), one, "U+{u:04X}");
                assert_eq!(
                    unicode_normalization::char::canonical_combining_class(c),
                    0,
                    "U+{u:04X}"
                );
            }
        }
    }

    #[test]
    fn fold_maps_d_stroke_which_has_no_decomposition() {
        assert_eq!(fold("Đảng viên"), "dang vien");
        assert_eq!(fold("đường"), "duong");
    }

    #[test]
    fn long_date_pads_days_and_only_january_february() {
        assert_eq!(long_date(date(2023, 11, 2)), "ngày 02 tháng 11 năm 2023");
        assert_eq!(long_date(date(2018, 2, 20)), "ngày 20 tháng 02 năm 2018");
        assert_eq!(long_date(date(2018, 4, 3)), "ngày 03 tháng 4 năm 2018");
        assert_eq!(long_date(date(2026, 1, 9)), "ngày 09 tháng 01 năm 2026");
    }

    #[test]
    fn short_date_follows_the_same_rule() {
        assert_eq!(short_date(date(2021, 5, 18)), "18/5/2021");
        assert_eq!(short_date(date(2025, 1, 24)), "24/01/2025");
        assert_eq!(short_date(date(2025, 7, 4)), "04/7/2025");
    }

    #[test]
    fn timestamp_is_day_month_year_hour_minute() {
        assert_eq!(
            timestamp(date(2023, 11, 2).at(15, 3, 0, 0)),
            "02-11-2023 15:03"
        );
        assert_eq!(
            rfc3339(date(2023, 11, 2).at(15, 3, 0, 0), 420),
            "2023-11-02T15:03:00+07:00"
        );
    }

    #[test]
    fn decimal_uses_comma_and_dot_thousands() {
        assert_eq!(decimal(92.44, 1), "92,4");
        assert_eq!(decimal(88.0, 1), "88");
        assert_eq!(decimal(1234567.891, 2), "1.234.567,89");
        assert_eq!(decimal(30.26, 2), "30,26");
        assert_eq!(decimal(-0.04, 1), "0");
    }

    #[test]
    fn counts_and_roman_numerals() {
        assert_eq!(pad2(9), "09");
        assert_eq!(pad2(15), "15");
        assert_eq!(pad2(0), "00");
        assert_eq!(roman(13), "XIII");
        assert_eq!(roman(4), "IV");
        assert_eq!(roman(17), "XVII");
        assert_eq!(roman(0), "0");
    }

    #[test]
    fn vietnamese_collation_orders_d_stroke_after_d() {
        let c = collator();
        let mut v = vec!["Đảng", "Dương", "Da", "Đỗ", "Dz"];
        v.sort_by(|a, b| compare(&c, a, b));
        assert_eq!(v, ["Da", "Dương", "Dz", "Đảng", "Đỗ"]);
        let mut t = vec!["Hạ", "Há", "Hã", "Hả", "Hà", "Ha"];
        t.sort_by(|a, b| compare(&c, a, b));
        assert_eq!(t, ["Ha", "Hà", "Hả", "Hã", "Há", "Hạ"]);
    }

    #[test]
    fn citation_has_comma_before_ngay() {
        let p = CitationParts {
            kind: "Kết luận",
            number: "01-KL/TW",
            date: date(2021, 5, 18),
            issuer: "Bộ Chính trị",
            subject: Some("về tiếp tục đẩy mạnh học tập"),
        };
        assert_eq!(
            citation(&p, false),
            "Kết luận số 01-KL/TW, ngày 18/5/2021 của Bộ Chính trị"
        );
        assert!(citation(&p, true).ends_with("Bộ Chính trị về tiếp tục đẩy mạnh học tập"));
    }

    #[test]
    fn suggests_the_nearest_key() {
        assert_eq!(suggest("titel", &["title", "date", "tags"]), Some("title"));
        assert_eq!(suggest("xyz", &["title", "date"]), None);
    }

    #[test]
    fn decomposed_text_right_after_the_fast_path_boundary_is_composed() {
        // U+0300 is the first combining mark: "Ha" + grave must become "Hà".
        assert_eq!(nfc("Ha\u{300}"), "H\u{e0}");
        assert!(!is_surely_nfc("Ha\u{300}"));
        assert!(is_surely_nfc("H\u{2ff}"));
        assert!(is_surely_nfc("Đảng “viên” – …"));
        // A precomposed letter followed by a combining mark is not surely NFC.
        assert_eq!(nfc("e\u{302}\u{301}"), "\u{1ebf}");
    }

    #[test]
    fn weekdays_are_named_in_vietnamese() {
        assert_eq!(weekday(date(2023, 11, 2)), "Thứ Năm");
        assert_eq!(weekday(date(2023, 11, 5)), "Chủ nhật");
        assert_eq!(weekday(date(2023, 11, 6)), "Thứ Hai");
        assert_eq!(weekday(date(2023, 11, 11)), "Thứ Bảy");
    }

    #[test]
    fn minutes_and_offsets_are_written_exactly() {
        let dt = date(2023, 11, 2).at(9, 5, 7, 0);
        assert_eq!(iso_minute(dt), "2023-11-02 09:05");
        assert_eq!(rfc3339(dt, 420), "2023-11-02T09:05:07+07:00");
        assert_eq!(rfc3339(dt, -330), "2023-11-02T09:05:07-05:30");
        assert_eq!(rfc3339(dt, 0), "2023-11-02T09:05:07+00:00");
    }

    #[test]
    fn negative_numbers_keep_their_sign_unless_they_round_to_zero() {
        assert_eq!(decimal(-1234.5, 1), "-1.234,5");
        assert_eq!(decimal(-0.04, 1), "0");
        assert_eq!(decimal(-2.0, 0), "-2");
        assert_eq!(decimal(1_234_567.0, 0), "1.234.567");
    }

    #[test]
    fn edit_distances_count_a_swap_as_one() {
        assert_eq!(edit_distance("title", "titel"), 1);
        assert_eq!(edit_distance("tin-tuc", "tin-tucc"), 1);
        assert_eq!(edit_distance("kl-01", "kl-10"), 1);
        assert_eq!(edit_distance("abc", "xyz"), 3);
        assert_eq!(edit_distance("", "đảng"), 4);
    }
}

/// Tests written to kill the mutants `scripts/mutants.sh` found alive.
#[cfg(test)]
mod mutant_tests {
    use super::*;
    use jiff::civil::date;

    #[test]
    fn a_slug_of_exactly_the_limit_is_accepted_and_one_byte_more_is_not() {
        let at_limit = "a".repeat(MAX_SLUG_BYTES);
        assert_eq!(slug_too_long("tiêu đề", &at_limit), None);
        let over = "a".repeat(MAX_SLUG_BYTES + 1);
        let msg = slug_too_long("tiêu đề", &over).expect("too long");
        assert!(
            msg.starts_with("tiêu đề quá dài để làm đường dẫn (151 byte"),
            "{msg}"
        );
    }

    #[test]
    fn every_weekday_has_its_vietnamese_name() {
        // 2023-11-06 was a Monday.
        let names: Vec<&str> = (6..=12).map(|d| weekday(date(2023, 11, d))).collect();
        assert_eq!(
            names,
            [
                "Thứ Hai",
                "Thứ Ba",
                "Thứ Tư",
                "Thứ Năm",
                "Thứ Sáu",
                "Thứ Bảy",
                "Chủ nhật"
            ]
        );
    }

    #[test]
    fn list_dates_have_two_digit_days_and_months() {
        assert_eq!(dash_date(date(2022, 2, 14)), "14-02-2022");
        assert_eq!(dash_date(date(2023, 11, 2)), "02-11-2023");
    }

    #[test]
    fn three_digit_numbers_get_no_thousands_dot_and_percentages_a_comma() {
        assert_eq!(decimal(100.0, 0), "100");
        assert_eq!(decimal(999.0, 1), "999");
        assert_eq!(decimal(1000.0, 0), "1.000");
        assert_eq!(decimal(-2.5, 1), "-2,5");
        assert_eq!(percent(Some(92.44)), "92,4%");
        assert_eq!(percent(Some(100.0)), "100%");
        assert_eq!(percent(None), "—");
    }

    #[test]
    fn long_ids_are_suggested_from_a_third_of_their_length() {
        let ids = ["sinh_hoat_thuong_ky", "chuyen_de", "cap_uy"];
        // Three letters missing from a 19-letter id: within 19 / 3 = 6.
        assert_eq!(
            suggest("sinh_hoat_thuong", &ids),
            Some("sinh_hoat_thuong_ky")
        );
        assert_eq!(edit_distance("sinh_hoat_thuong", "sinh_hoat_thuong_ky"), 3);
        assert_eq!(edit_distance("tin-tcu", "tin-tuc"), 1);
        assert_eq!(suggest("hop", &ids), None);
    }
}
