//! Text into the index's words: the tokenizer (syllables, and where a
//! phrase stops) and the hash that picks a key's shard. `templates/search.js`
//! must tokenize and hash exactly as these do.

use super::letters::{Letter, decode, letter_at, vietnamese_lower};

/// FNV-1a (32 bits) of the shard key, modulo the shard count (a power of
/// two). search.js computes the same over the same UTF-8 bytes.
pub(crate) fn shard_of(folded_key: &str, shards: usize) -> usize {
    let mut key = String::with_capacity(folded_key.len() + 1);
    let last = match folded_key.rsplit_once(' ') {
        Some((a, b)) => {
            key.push('b');
            key.push_str(a);
            key.push(' ');
            b
        }
        None => {
            key.push('u');
            folded_key
        }
    };
    key.extend(last.chars().take(2));
    let mut h: u32 = 0x811c_9dc5;
    for b in key.bytes() {
        h ^= u32::from(b);
        h = h.wrapping_mul(0x0100_0193);
    }
    (h as usize) & (shards - 1)
}

/// A syllable as the tokenizer hands it over.
#[derive(Clone, Copy)]
pub(crate) enum Syllable<'a> {
    /// At most 16 bytes (nearly every syllable): the bytes as one number,
    /// little-endian and zero-padded, built while reading so that looking
    /// it up needs neither a copy nor a string compare. No syllable holds
    /// a zero byte, so the number alone says which it is.
    Short(u128),
    /// Longer.
    Long(&'a str),
}

impl Syllable<'_> {
    /// The syllable's text.
    pub(crate) fn text(&self) -> String {
        match *self {
            Syllable::Short(n) => {
                let bytes = n.to_le_bytes();
                let len = bytes.iter().position(|&b| b == 0).unwrap_or(16);
                String::from_utf8_lossy(&bytes[..len]).into_owned()
            }
            Syllable::Long(s) => s.to_string(),
        }
    }

    /// The syllable made from its text.
    pub(crate) fn of(text: &str) -> Syllable<'_> {
        syllable_at(text, 0, text.len())
    }
}

/// The syllable `b[start..end]`, already in lower case.
#[inline(always)]
fn syllable_at(text: &str, start: usize, end: usize) -> Syllable<'_> {
    if end - start > 16 {
        return Syllable::Long(&text[start..end]);
    }
    Syllable::Short(bytes_at(text.as_bytes(), start, end))
}

/// Where the reading is in a phrase.
struct Phrase {
    /// The text began, or something that ends a phrase came, since the
    /// last syllable.
    broken: bool,
}

impl Phrase {
    /// [`FOLLOWS`] if the syllable met now continues a phrase.
    #[inline(always)]
    fn next(&mut self) -> u32 {
        let flag = if self.broken { 0 } else { FOLLOWS };
        self.broken = false;
        flag
    }
}

/// The top bit of a syllable number from [`numbered`]: it follows the one
/// before in a phrase.
pub(crate) const FOLLOWS: u32 = 1 << 31;

/// What the tokenizer asks of the index while it reads: the numbers of
/// syllables.
pub(crate) trait Numbers {
    /// The number of the syllable that was, when met before, the whole of
    /// a chunk with these bytes (up to 8, as a little-endian number).
    fn chunk(&mut self, raw: u64) -> Option<u32>;
    /// The number of syllable `s` (lower case), given one when first met;
    /// `whole`: the bytes of the chunk it is the whole of, to remember.
    fn syllable(&mut self, s: Syllable<'_>, whole: Option<u64>) -> u32;
}

/// Bytes that end a chunk: ASCII other than letters and digits. A chunk,
/// the text between two of them, is nearly always one syllable.
const ENDS_CHUNK: [bool; 256] = {
    let mut t = [false; 256];
    let mut c = 0;
    while c < 128 {
        t[c] = !(c as u8).is_ascii_alphanumeric();
        c += 1;
    }
    t
};

/// Where the chunk going on at `b[i]` ends: the first byte from `i` that
/// ends a chunk, or the end of `b`. Eight bytes at a time.
#[inline(always)]
fn chunk_end(b: &[u8], mut i: usize) -> usize {
    while let Some(eight) = b.get(i..i + 8) {
        let mut w = [0u8; 8];
        w.copy_from_slice(eight);
        let ends = ends_chunk(u64::from_le_bytes(w));
        if ends != 0 {
            return i + (ends.trailing_zeros() / 8) as usize;
        }
        i += 8;
    }
    while i < b.len() && !ENDS_CHUNK[usize::from(b[i])] {
        i += 1;
    }
    i
}

/// The bytes of `w` that end a chunk ([`ENDS_CHUNK`]), as the top bit of
/// each: ASCII, and neither a digit nor a letter. Each range is tested on
/// the low seven bits, where adding a constant below 0x80 cannot carry
/// into the next byte.
#[inline(always)]
fn ends_chunk(w: u64) -> u64 {
    const ONES: u64 = 0x0101_0101_0101_0101;
    const TOPS: u64 = ONES * 0x80;
    let low = w & !TOPS;
    // The top bit of each byte of `x + ONES * (0x80 - lo)`: `x >= lo`.
    let at_least = |x: u64, lo: u64| x + ONES * (0x80 - lo);
    let digit = at_least(low, 0x30) & !at_least(low, 0x3A);
    let folded = low | (ONES * 0x20);
    let letter = at_least(folded, 0x61) & !at_least(folded, 0x7B);
    !w & !(digit | letter) & TOPS
}

/// Splits text (or sanitised HTML, when `html`) into lower-case syllables
/// and pushes their numbers to `out`, each with [`FOLLOWS`] where it
/// continues a phrase with the one before: only spaces, hyphens, slashes,
/// apostrophes, `&` or inline tags lie between them. Sentence and clause
/// punctuation, line breaks and block tags end a phrase.
///
/// Text is read a chunk at a time; a chunk of up to 8 bytes met before as
/// one syllable is numbered by its bytes alone, unread, whatever its
/// capitals (the tables of letters are read once per distinct chunk).
pub(crate) fn numbered(text: &str, html: bool, numbers: &mut impl Numbers, out: &mut Vec<u32>) {
    let b = text.as_bytes();
    let mut lowered = String::new();
    let mut phrase = Phrase { broken: true };
    let mut i = 0;
    while i < b.len() {
        let c = b[i];
        if !ENDS_CHUNK[usize::from(c)] {
            let end = chunk_end(b, i + 1);
            let raw = (end - i <= 8).then(|| eight_bytes_at(b, i, end));
            if let Some(id) = raw.and_then(|r| numbers.chunk(r)) {
                out.push(id | phrase.next());
            } else {
                chunk(
                    text,
                    i,
                    end,
                    &mut lowered,
                    &mut phrase,
                    |s, start, stop, flag| {
                        let whole = if start == i && stop == end { raw } else { None };
                        out.push(numbers.syllable(s, whole) | flag);
                    },
                );
            }
            i = end;
            continue;
        }
        match c {
            b'<' if html => {
                // Jump over the whole tag (a picture's srcset is long).
                let end = memchr::memchr(b'>', &b[i + 1..]).map_or(b.len(), |e| i + 1 + e);
                let tag = &b[i + 1..end];
                let tag = tag.strip_prefix(b"/").unwrap_or(tag);
                let name_len = tag
                    .iter()
                    .position(|x| !x.is_ascii_alphanumeric())
                    .unwrap_or(tag.len());
                if ends_phrase(&tag[..name_len]) {
                    phrase.broken = true;
                }
                i = end + 1;
                continue;
            }
            b'&' if html => {
                let rest = &b[i + 1..b.len().min(i + 10)];
                if let Some(end) = rest.iter().position(|&x| x == b';').filter(|&e| e <= 8) {
                    if &rest[..end] == b"quot" {
                        phrase.broken = true;
                    }
                    i += end + 2;
                    continue;
                }
            }
            b' ' | b'\t' | b'-' | b'/' | b'\'' | b'&' => {}
            _ => phrase.broken = true,
        }
        i += 1;
    }
}

/// The syllables of chunk `text[start..end]` (no ASCII but letters and
/// digits in it), read letter by letter: `f(syllable, its start, its end,
/// FOLLOWS or 0)` for each. Characters that are not letters split the
/// chunk; a no-break space or a typographic apostrophe keeps the phrase,
/// others end it.
fn chunk(
    text: &str,
    start: usize,
    end: usize,
    lowered: &mut String,
    phrase: &mut Phrase,
    mut f: impl FnMut(Syllable<'_>, usize, usize, u32),
) {
    let b = &text.as_bytes()[..end];
    let mut i = start;
    while i < end {
        let (class, n) = letter_at(b, i);
        if class == Letter::No {
            if !matches!(decode(b, i).0, '\u{a0}' | '\u{2019}') {
                phrase.broken = true;
            }
            i += n;
            continue;
        }
        let from = i;
        let mut plain = class == Letter::Lower;
        i += n;
        while i < end {
            match letter_at(b, i) {
                (Letter::Lower, n) => i += n,
                (Letter::Upper, n) => {
                    plain = false;
                    i += n;
                }
                (Letter::No | Letter::Ask, _) => break,
            }
        }
        let syllable = if plain {
            syllable_at(text, from, i)
        } else {
            lowered.clear();
            for ch in text[from..i].chars() {
                if ch.is_ascii() {
                    lowered.push(ch.to_ascii_lowercase());
                } else if let Some(l) = vietnamese_lower(ch) {
                    lowered.push(l);
                } else {
                    lowered.extend(ch.to_lowercase());
                }
            }
            Syllable::of(lowered)
        };
        f(syllable, from, i, phrase.next());
    }
}

/// The bytes `b[start..end]` (1 to 8) as a little-endian number: the
/// common case of [`bytes_at`], in one 64-bit load.
#[inline(always)]
fn eight_bytes_at(b: &[u8], start: usize, end: usize) -> u64 {
    let len = end - start;
    if let Some(eight) = b.get(start..start + 8) {
        let mut w = [0u8; 8];
        w.copy_from_slice(eight);
        // A chunk has 1 to 8 bytes: the shift is 0 to 56.
        return u64::from_le_bytes(w) & (u64::MAX >> (64 - 8 * len));
    }
    bytes_at(b, start, end) as u64
}

/// The bytes `b[start..end]` (at most 16) as a little-endian number.
#[inline(always)]
fn bytes_at(b: &[u8], start: usize, end: usize) -> u128 {
    let len = end - start;
    let mask = if len >= 16 {
        u128::MAX
    } else {
        (1u128 << (8 * len)) - 1
    };
    if start + 16 <= b.len() {
        // One load of the 16 bytes from `start`, those past the end masked.
        let mut w = [0u8; 16];
        w.copy_from_slice(&b[start..start + 16]);
        return u128::from_le_bytes(w) & mask;
    }
    let mut w = [0u8; 16];
    w[..len].copy_from_slice(&b[start..end]);
    u128::from_le_bytes(w)
}

/// The syllables of text (or sanitised HTML) in order, each with whether
/// it follows the one before in a phrase (see [`numbered`]).
#[cfg(test)]
pub(crate) fn syllables(text: &str, html: bool) -> Vec<(String, bool)> {
    #[derive(Default)]
    struct Names {
        names: Vec<String>,
        chunks: std::collections::HashMap<u64, u32>,
    }
    impl Numbers for Names {
        fn chunk(&mut self, raw: u64) -> Option<u32> {
            self.chunks.get(&raw).copied()
        }
        fn syllable(&mut self, s: Syllable<'_>, whole: Option<u64>) -> u32 {
            // The number the tokenizer built equals the one of the text.
            assert!(
                matches!(
                    (s, Syllable::of(&s.text())),
                    (Syllable::Short(a), Syllable::Short(b)) if a == b
                ) || matches!((s, Syllable::of(&s.text())), (Syllable::Long(a), Syllable::Long(b)) if a == b),
                "{}",
                s.text()
            );
            self.names.push(s.text());
            let id = self.names.len() as u32 - 1;
            if let Some(raw) = whole {
                self.chunks.insert(raw, id);
            }
            id
        }
    }
    let mut names = Names::default();
    let mut read = || {
        let mut out = Vec::new();
        numbered(text, html, &mut names, &mut out);
        out.iter()
            .map(|&n| {
                (
                    names.names[(n & !FOLLOWS) as usize].clone(),
                    n & FOLLOWS != 0,
                )
            })
            .collect::<Vec<_>>()
    };
    // Twice: the second time every chunk of one syllable is known by its
    // bytes, and must give the same.
    let first = read();
    let second = read();
    assert_eq!(first, second);
    second
}

/// Whether a tag, by its name, ends a phrase (text on either side is not
/// one sentence). A `match` on the bytes: the compiler switches on the
/// length first, where a list would be compared name by name for every
/// tag of every body.
fn ends_phrase(tag: &[u8]) -> bool {
    matches!(
        tag,
        b"p" | b"br"
            | b"div"
            | b"li"
            | b"ul"
            | b"ol"
            | b"h1"
            | b"h2"
            | b"h3"
            | b"h4"
            | b"h5"
            | b"h6"
            | b"table"
            | b"tr"
            | b"td"
            | b"th"
            | b"thead"
            | b"tbody"
            | b"blockquote"
            | b"pre"
            | b"figure"
            | b"figcaption"
            | b"img"
            | b"hr"
            | b"dl"
            | b"dt"
            | b"dd"
            | b"section"
            | b"aside"
            | b"caption"
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    fn words(text: &str, html: bool) -> Vec<(String, bool)> {
        syllables(text, html)
    }

    #[test]
    fn syllables_are_lower_case_and_phrases_stop_at_punctuation_and_blocks() {
        assert_eq!(
            words("Kết nạp Đảng viên. Chi bộ", false),
            [
                ("kết", false),
                ("nạp", true),
                ("đảng", true),
                ("viên", true),
                ("chi", false),
                ("bộ", true)
            ]
            .map(|(w, f)| (w.to_string(), f))
        );
        assert_eq!(
            words(
                "<p>trao <em>Quyết định</em> kết</p><p>nạp &amp; 15-NQ/TW &quot;x</p>",
                true
            ),
            [
                ("trao", false),
                ("quyết", true),
                ("định", true),
                ("kết", true),
                ("nạp", false),
                ("15", true),
                ("nq", true),
                ("tw", true),
                ("x", false)
            ]
            .map(|(w, f)| (w.to_string(), f))
        );
    }

    #[test]
    fn long_short_and_capitalised_syllables_come_out_whole_and_lowered() {
        // 16 bytes exactly, 17, a capital inside, a long one at the very
        // end (no 16 bytes left to load at once), letters outside Vietnamese.
        let text = "ĐẢNG viên 0123456789abcdef 0123456789abcdefg \
                    nGƯỜi Ωmega\u{a0}Straße nghiêngnghiêngnghiêng";
        let got: Vec<String> = words(text, false).into_iter().map(|w| w.0).collect();
        assert_eq!(
            got,
            [
                "đảng",
                "viên",
                "0123456789abcdef",
                "0123456789abcdefg",
                "người",
                "ωmega",
                "straße",
                "nghiêngnghiêngnghiêng"
            ]
        );
        assert_eq!(words("ỷ", false), [("ỷ".to_string(), false)]);
    }

    #[test]
    fn a_chunk_of_up_to_eight_bytes_is_the_same_number_by_either_load() {
        let b = "Đảng viên 0123456789 ỹ".as_bytes();
        for start in 0..b.len() {
            for end in start + 1..=(start + 8).min(b.len()) {
                assert_eq!(
                    u128::from(eight_bytes_at(b, start, end)),
                    bytes_at(b, start, end),
                    "{start}..{end}"
                );
            }
        }
    }

    #[test]
    fn chunks_end_where_the_byte_table_says_eight_bytes_at_a_time_or_one() {
        for c in 0..=255u8 {
            for at in 0..8 {
                let mut w = *b"abcdefgh";
                w[at] = c;
                let want = if ENDS_CHUNK[usize::from(c)] { at } else { 8 };
                let ends = ends_chunk(u64::from_le_bytes(w));
                let got = if ends == 0 {
                    8
                } else {
                    (ends.trailing_zeros() / 8) as usize
                };
                assert_eq!(got, want, "byte {c:#04x} at {at}");
            }
        }
        let text = "Chi bộ Đảng viên,nghiêngnghiêng<p>x&amp;1.2 ỹ";
        for i in 0..text.len() {
            let mut end = i;
            while end < text.len() && !ENDS_CHUNK[usize::from(text.as_bytes()[end])] {
                end += 1;
            }
            assert_eq!(chunk_end(text.as_bytes(), i), end, "from {i}");
        }
    }

    #[test]
    fn shard_key_keeps_every_growth_of_a_prefix_together() {
        for n in [1, 2, 64, 256] {
            assert_eq!(shard_of("ket nap", n), shard_of("ket na", n));
            assert_eq!(shard_of("nap", n), shard_of("na", n));
            assert!(shard_of("dang vien", n) < n);
        }
        // The value search.js must compute for the same key (FNV-1a of "bket na").
        assert_eq!(shard_of("ket nap", 1 << 30), 0x1c3e_2ce4 & ((1 << 30) - 1));
    }
}
