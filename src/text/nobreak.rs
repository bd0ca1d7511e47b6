//! Words that a printed Party document keeps on one line (36-HD/VPTW as
//! written into docs/rules.md §Print): a document number with its "Số"
//! ("Số 15-BC/CB", "Quy định số 22-QĐ/TW" never breaks at the hyphen or
//! after "số"), a date with its "ngày" ("ngày 18/5/2021"), and the groups
//! a title must not split ("nhiệm kỳ 2020 - 2025", "năm 2023"). The HTML
//! wraps them in a no-break span; the Word file joins them with no-break
//! spaces and hyphens.

use std::ops::Range;

/// The byte ranges of `s` to keep on one line, in order, not overlapping.
pub fn groups(s: &str) -> Vec<Range<usize>> {
    let mut out: Vec<Range<usize>> = Vec::new();
    let b = s.as_bytes();
    let mut i = 0;
    while i < b.len() {
        if !b[i].is_ascii_digit() || (i > 0 && is_word_byte(s, i - 1)) {
            i += 1;
            continue;
        }
        let found = number_at(s, i)
            .or_else(|| date_at(s, i))
            .or_else(|| term_at(s, i));
        match found {
            Some(end) => {
                let start = with_word_before(s, i);
                out.push(start..end);
                i = end;
            }
            None => i += 1,
        }
    }
    out
}

/// Whether the character ending at byte `i` is a letter or digit.
fn is_word_byte(s: &str, i: usize) -> bool {
    s[..=i]
        .chars()
        .next_back()
        .is_some_and(char::is_alphanumeric)
}

fn digits(s: &str, i: usize, max: usize) -> usize {
    s[i..]
        .bytes()
        .take(max)
        .take_while(u8::is_ascii_digit)
        .count()
}

/// `15-BC/CB`, `22-QĐ/TW`, `12-HD/BTCTW`: digits, a hyphen, a type code
/// starting with a capital, and at least one `/ISSUER`.
fn number_at(s: &str, i: usize) -> Option<usize> {
    let n = digits(s, i, 5);
    let mut j = i + n;
    if n == 0 || !s[j..].starts_with('-') {
        return None;
    }
    j += 1;
    let code = |j: usize| {
        s[j..]
            .char_indices()
            .take_while(|(_, c)| c.is_alphabetic())
            .last()
            .map(|(k, c)| j + k + c.len_utf8())
    };
    let first = s[j..].chars().next()?;
    if !first.is_uppercase() {
        return None;
    }
    j = code(j)?;
    let mut issuers = 0;
    while s[j..].starts_with('/') {
        match code(j + 1) {
            Some(end) => {
                j = end;
                issuers += 1;
            }
            None => break,
        }
    }
    (issuers > 0).then_some(j)
}

/// `18/5/2021` or `02/11/2023`.
fn date_at(s: &str, i: usize) -> Option<usize> {
    let d = digits(s, i, 2);
    let mut j = i + d;
    if d == 0 || !s[j..].starts_with('/') {
        return None;
    }
    let m = digits(s, j + 1, 2);
    j += 1 + m;
    if m == 0 || !s[j..].starts_with('/') {
        return None;
    }
    let y = digits(s, j + 1, 4);
    (y == 4 && !s[j + 1 + y..].starts_with(|c: char| c.is_ascii_digit())).then_some(j + 1 + y)
}

/// `2020 - 2025` (a term), after "nhiệm kỳ"; or a year after "năm".
fn term_at(s: &str, i: usize) -> Option<usize> {
    if digits(s, i, 5) != 4 {
        return None;
    }
    let before = &s[..i];
    let after_year = i + 4;
    if before.ends_with("kỳ ") {
        for sep in [" - ", " – ", "-", "–"] {
            let k = after_year + sep.len();
            if s[after_year..].starts_with(sep) && digits(s, k, 5) == 4 {
                return Some(k + 4);
            }
        }
        return Some(after_year);
    }
    before.ends_with("năm ").then_some(after_year)
}

/// The words a group takes with it: "số"/"Số" before a number, "ngày"
/// before a date, "nhiệm kỳ" before a term, "năm" before a year.
fn with_word_before(s: &str, i: usize) -> usize {
    for w in [
        "nhiệm kỳ ",
        "Nhiệm kỳ ",
        "số ",
        "Số ",
        "ngày ",
        "Ngày ",
        "năm ",
        "Năm ",
    ] {
        if let Some(start) = i.checked_sub(w.len())
            && s.is_char_boundary(start)
            && &s[start..i] == w
            && (start == 0 || !is_word_byte(s, start - 1))
        {
            return start;
        }
    }
    i
}

/// `s` with its groups joined by no-break spaces (U+00A0) and no-break
/// hyphens (U+2011), for the Word file.
pub fn joined(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 8);
    let mut at = 0;
    for g in groups(s) {
        out.push_str(&s[at..g.start]);
        let group = &s[g.clone()];
        for (k, c) in group.char_indices() {
            // A hyphen inside a number ("22-QĐ") becomes the no-break
            // hyphen; one between spaces ("2020 - 2025") stays, held by
            // the no-break spaces around it.
            let inside =
                k > 0 && !group[..k].ends_with(' ') && !group[k + c.len_utf8()..].starts_with(' ');
            out.push(match c {
                ' ' => '\u{a0}',
                '-' if inside => '\u{2011}',
                c => c,
            });
        }
        at = g.end;
    }
    out.push_str(&s[at..]);
    out
}

/// The syllables before which a title may break: where a new phrase
/// starts (a function word, "thực hiện", "nhiệm kỳ", "năm" …). Vietnamese
/// writes a word's syllables apart ("Đại hội", "Chi bộ"), so a break at any
/// space could split a word; a capitalised syllable starts a name and may
/// take a break too.
const PHRASE_STARTS: &[&str] = &[
    "và", "của", "về", "trong", "thực", "nhiệm", "năm", "giai", "công", "phương", "giữa", "đối",
    "tại", "theo", "cho", "với", "nửa", "nhằm", "gắn", "lãnh", "xây", "tổng", "sơ",
];

/// A penalty, in characters, for a break before a capitalised syllable
/// rather than before a phrase-starting word.
const NAME_BREAK_PENALTY: usize = 6;

/// The title `s` as segments that may each end a line, in order: spaces
/// inside a segment are no-break spaces. Breaks fall before the words of
/// [`PHRASE_STARTS`] and before capitals, never inside a [`groups`] group.
pub fn title_segments(s: &str) -> Vec<(String, usize)> {
    let joined = joined(s.trim());
    let mut out: Vec<(String, usize)> = Vec::new();
    for (n, w) in joined.split(' ').filter(|w| !w.is_empty()).enumerate() {
        let lower = w.split('\u{a0}').next().unwrap_or(w).to_lowercase();
        let starts_phrase = PHRASE_STARTS.contains(&lower.as_str());
        let capital = w.chars().next().is_some_and(char::is_uppercase);
        match out.last_mut() {
            Some(last) if n > 0 && !starts_phrase && !capital => {
                last.0.push('\u{a0}');
                last.0.push_str(w);
            }
            _ => out.push((
                w.to_string(),
                if capital && !starts_phrase {
                    NAME_BREAK_PENALTY
                } else {
                    0
                },
            )),
        }
    }
    out
}

/// The title in at most two lines of about equal length, when it is longer
/// than `chars`: broken between [`title_segments`], the break that evens
/// the lines best (with the penalty of a break before a name). One line
/// when it fits, or when it has a single segment.
pub fn title_lines(s: &str, chars: usize) -> Vec<String> {
    let segments = title_segments(s);
    let texts: Vec<&str> = segments.iter().map(|(t, _)| t.as_str()).collect();
    let whole = texts.join(" ");
    if whole.chars().count() <= chars || segments.len() < 2 {
        return vec![whole];
    }
    let len = |ws: &[&str]| ws.iter().map(|w| w.chars().count()).sum::<usize>() + ws.len() - 1;
    let split = (1..texts.len())
        .min_by_key(|&k| {
            let (a, b) = (len(&texts[..k]), len(&texts[k..]));
            (a.max(b) + segments[k].1, a > b)
        })
        .unwrap_or(1);
    vec![texts[..split].join(" "), texts[split..].join(" ")]
}

/// HTML with every group in its text (never inside a tag) wrapped in
/// `<span class="nb">`. `html` must be well formed: chibo's own, after
/// the sanitiser.
pub fn wrap_html(html: &str) -> String {
    let mut out = String::with_capacity(html.len() + html.len() / 16);
    let mut rest = html;
    while !rest.is_empty() {
        let text_end = rest.find('<').unwrap_or(rest.len());
        let text = &rest[..text_end];
        let mut at = 0;
        for g in groups(text) {
            out.push_str(&text[at..g.start]);
            out.push_str("<span class=\"nb\">");
            out.push_str(&text[g.clone()]);
            out.push_str("</span>");
            at = g.end;
        }
        out.push_str(&text[at..]);
        rest = &rest[text_end..];
        if rest.is_empty() {
            break;
        }
        // An SVG's text is drawn, not wrapped: a span there is no SVG.
        if rest.starts_with("<svg")
            && let Some(end) = rest.find("</svg>")
        {
            out.push_str(&rest[..end + "</svg>".len()]);
            rest = &rest[end + "</svg>".len()..];
            continue;
        }
        let tag_end = tag_len(rest);
        out.push_str(&rest[..tag_end]);
        rest = &rest[tag_end..];
    }
    out
}

/// The length of the tag `s` starts with, up to its `>` outside quotes
/// (an attribute's value may hold a `>`).
fn tag_len(s: &str) -> usize {
    let mut quote: Option<u8> = None;
    for (k, &c) in s.as_bytes().iter().enumerate() {
        match (quote, c) {
            (None, b'"' | b'\'') => quote = Some(c),
            (Some(q), _) if c == q => quote = None,
            (None, b'>') => return k + 1,
            _ => {}
        }
    }
    s.len()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn kept(s: &str) -> Vec<&str> {
        groups(s).into_iter().map(|r| &s[r]).collect()
    }

    #[test]
    fn numbers_dates_terms_and_years_are_kept_with_their_word() {
        assert_eq!(
            kept("theo Quy định số 22-QĐ/TW, ngày 28/7/2021 của Ban Chấp hành Trung ương"),
            ["số 22-QĐ/TW", "ngày 28/7/2021"]
        );
        assert_eq!(kept("Số 15-BC/CB"), ["Số 15-BC/CB"]);
        assert_eq!(kept("Hướng dẫn 12-HD/BTCTW"), ["12-HD/BTCTW"]);
        assert_eq!(
            kept("sơ kết giữa nhiệm kỳ thực hiện Nghị quyết nhiệm kỳ 2020 - 2025"),
            ["nhiệm kỳ 2020 - 2025"]
        );
        assert_eq!(
            kept("tổng kết năm 2023 và năm 2024"),
            ["năm 2023", "năm 2024"]
        );
        assert_eq!(kept("ngày 02/11/2023"), ["ngày 02/11/2023"]);
    }

    #[test]
    fn ordinary_numbers_and_hyphens_are_left_alone() {
        assert!(kept("12 kỳ sinh hoạt, 95,6%, giai đoạn 2022-2025").is_empty());
        assert!(kept("1-2 lần, 3/4 số đảng viên, số 12 phố").is_empty());
        assert!(kept("A15-BC/CB").is_empty(), "inside a word");
    }

    #[test]
    fn titles_break_between_phrases_never_inside_a_word_or_a_term() {
        let t = "sơ kết giữa nhiệm kỳ thực hiện Nghị quyết Đại hội Chi bộ Sở Tư pháp nhiệm kỳ 2020 - 2025";
        let lines = title_lines(t, 60);
        assert_eq!(lines.len(), 2, "{lines:?}");
        let plain: Vec<String> = lines.iter().map(|l| l.replace(['\u{a0}'], " ")).collect();
        assert_eq!(
            plain,
            [
                "sơ kết giữa nhiệm kỳ thực hiện Nghị quyết",
                "Đại hội Chi bộ Sở Tư pháp nhiệm kỳ 2020 - 2025"
            ]
        );
        let year = "tổng kết công tác xây dựng Đảng năm 2023 và phương hướng, nhiệm vụ năm 2024";
        for l in title_lines(year, 60) {
            assert!(!l.ends_with("năm") && !l.starts_with("2023"), "{l}");
            assert!(l.chars().count() > 12, "no word alone: {l}");
        }
        assert_eq!(
            title_lines("sơ kết năm 2022", 60),
            ["sơ\u{a0}kết năm\u{a0}2022"]
        );
    }

    #[test]
    fn any_text_is_read_without_a_panic() {
        // Pieces that sit next to each other in documents, in every order a
        // small generator gives: digits beside multi-byte letters, hyphens,
        // slashes, spaces, tags and quotes.
        const PIECES: &[&str] = &[
            "1",
            "22",
            "2020",
            "-",
            "/",
            "số ",
            "Số ",
            "ngày ",
            "năm ",
            "nhiệm kỳ ",
            "ộ",
            "Đ",
            "QĐ",
            "TW",
            " ",
            " – ",
            "<b>",
            "</b>",
            "<svg>",
            "\"",
            ">",
            "ệ1",
            "\u{a0}",
        ];
        let mut seed: u64 = 0x2545_f491_4f6c_dd1d;
        for _ in 0..20_000 {
            let mut text = String::new();
            for _ in 0..(seed % 12) {
                seed ^= seed << 13;
                seed ^= seed >> 7;
                seed ^= seed << 17;
                text.push_str(PIECES[(seed % PIECES.len() as u64) as usize]);
            }
            for g in groups(&text) {
                assert!(text.is_char_boundary(g.start) && text.is_char_boundary(g.end));
            }
            let _ = (joined(&text), wrap_html(&text), title_lines(&text, 10));
        }
    }

    #[test]
    fn word_joins_with_no_break_characters() {
        assert_eq!(
            joined("Quy định số 22-QĐ/TW, ngày 28/7/2021"),
            "Quy định số\u{a0}22\u{2011}QĐ/TW, ngày\u{a0}28/7/2021"
        );
    }

    #[test]
    fn html_is_wrapped_in_text_only() {
        assert_eq!(
            wrap_html("<p title=\"số 22-QĐ/TW\">Theo số 22-QĐ/TW.</p>"),
            "<p title=\"số 22-QĐ/TW\">Theo <span class=\"nb\">số 22-QĐ/TW</span>.</p>"
        );
        assert_eq!(wrap_html("a <b>b</b> c"), "a <b>b</b> c");
        let svg = "<svg><text>năm 2023</text></svg> năm 2023";
        assert_eq!(
            wrap_html(svg),
            "<svg><text>năm 2023</text></svg> <span class=\"nb\">năm 2023</span>"
        );
        let quoted = "<img title=\"x> số 22-QĐ/TW onclick=y\"> số 01-KL/TW";
        assert_eq!(
            wrap_html(quoted),
            "<img title=\"x> số 22-QĐ/TW onclick=y\"> <span class=\"nb\">số 01-KL/TW</span>"
        );
    }
}
