//! What each character is to the search tokenizer: a letter already in
//! lower case, a letter to lower, or neither. Vietnamese letters are found
//! by table or by their code; Unicode is asked only for other scripts.

/// What a character is to the tokenizer.
#[derive(Clone, Copy, PartialEq)]
pub(super) enum Letter {
    /// A letter or digit already in lower case.
    Lower,
    /// A letter or digit to lower.
    Upper,
    /// Anything else: it ends a syllable.
    No,
    /// Not known from the tables: ask Unicode (never returned by `letter_at`).
    Ask,
}

/// What each ASCII byte is.
const ASCII: [Letter; 128] = {
    let mut t = [Letter::No; 128];
    let mut c = 0;
    while c < 128 {
        let b = c as u8;
        if b.is_ascii_lowercase() || b.is_ascii_digit() {
            t[c] = Letter::Lower;
        } else if b.is_ascii_uppercase() {
            t[c] = Letter::Upper;
        }
        c += 1;
    }
    t
};

/// What each character of two UTF-8 bytes (U+0080 to U+07FF) is, as far as
/// the Vietnamese letters go; the rest are asked of Unicode.
const TWO_BYTES: [Letter; 0x800] = {
    let mut t = [Letter::Ask; 0x800];
    let mut cp = 0x80;
    while cp < 0x800 {
        t[cp] = match lower_code(cp as u32) {
            Some(l) if l == cp as u32 => Letter::Lower,
            Some(_) => Letter::Upper,
            None => Letter::Ask,
        };
        cp += 1;
    }
    t
};

/// The character starting at `b[i]` (`b` is UTF-8, `i` on a boundary):
/// what it is and its length in bytes. The letters of Vietnamese text are
/// found in tables or by their code alone; others ask Unicode.
#[inline(always)]
pub(super) fn letter_at(b: &[u8], i: usize) -> (Letter, usize) {
    let c = b[i];
    if c < 0x80 {
        return (ASCII[usize::from(c)], 1);
    }
    if c & 0xE0 == 0xC0 && i + 1 < b.len() {
        let cp = usize::from(c & 0x1F) << 6 | usize::from(b[i + 1] & 0x3F);
        let class = TWO_BYTES[cp];
        if class != Letter::Ask {
            return (class, 2);
        }
    } else if c == 0xE1 && i + 2 < b.len() && matches!(b[i + 1], 0xBA | 0xBB) {
        // U+1E80 to U+1EFF: the vowels with a tone mark (U+1EA0 to
        // U+1EF9) come in pairs, the capital even.
        let cp = 0x1E00 | u32::from(b[i + 1] & 0x3F) << 6 | u32::from(b[i + 2] & 0x3F);
        if (0x1EA0..=0x1EF9).contains(&cp) {
            let class = if cp & 1 == 1 {
                Letter::Lower
            } else {
                Letter::Upper
            };
            return (class, 3);
        }
    }
    let (ch, n) = decode(b, i);
    let class = match vietnamese_lower(ch) {
        Some(l) if l == ch => Letter::Lower,
        Some(_) => Letter::Upper,
        None if ch.is_alphanumeric() => Letter::Upper,
        None => Letter::No,
    };
    (class, n)
}

/// The character outside ASCII starting at `b[i]`, and its length.
#[inline(always)]
pub(super) fn decode(b: &[u8], i: usize) -> (char, usize) {
    let c = b[i];
    let n = match c {
        0xC0..=0xDF => 2,
        0xE0..=0xEF => 3,
        _ => 4,
    };
    let bytes = &b[i + 1..(i + n).min(b.len())];
    let cp = bytes.iter().fold(u32::from(c) & (0x7F >> n), |cp, &x| {
        cp << 6 | u32::from(x & 0x3F)
    });
    (char::from_u32(cp).unwrap_or(' '), n)
}

/// The lower case of a Vietnamese letter outside ASCII, found by its
/// place in the Latin blocks (the general Unicode tables are the slow path).
pub(super) fn vietnamese_lower(c: char) -> Option<char> {
    lower_code(c as u32).and_then(char::from_u32)
}

/// [`vietnamese_lower`] on code points (usable in a constant).
const fn lower_code(u: u32) -> Option<u32> {
    Some(match u {
        0xE0..=0xFF if u != 0xF7 => u,
        0xC0..=0xDE if u != 0xD7 => u + 0x20,
        // Ă ă Đ đ Ĩ ĩ Ũ ũ and their neighbours: upper even, lower odd.
        0x0100..=0x012F | 0x0132..=0x0137 | 0x014A..=0x0177 | 0x1EA0..=0x1EF9 => u | 1,
        0x01A0 | 0x01A1 => 0x01A1,
        0x01AF | 0x01B0 => 0x01B0,
        _ => return None,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_tables_class_every_character_as_unicode_does() {
        let reference = |ch: char| match vietnamese_lower(ch) {
            Some(l) if l == ch => Letter::Lower,
            Some(_) => Letter::Upper,
            None if ch.is_alphanumeric() && !ch.is_ascii() => Letter::Upper,
            None if ch.is_ascii_lowercase() || ch.is_ascii_digit() => Letter::Lower,
            None if ch.is_ascii_uppercase() => Letter::Upper,
            None => Letter::No,
        };
        for ch in (0..=0x10_FFFF).filter_map(char::from_u32) {
            // Alone, and with text after it (the tables read ahead).
            for text in [ch.to_string(), format!("{ch}ạb")] {
                let (class, n) = letter_at(text.as_bytes(), 0);
                assert!(class == reference(ch), "U+{:04X}", ch as u32);
                assert_eq!(n, ch.len_utf8(), "U+{:04X}", ch as u32);
            }
        }
    }

    #[test]
    fn vietnamese_letters_lower_as_unicode_says() {
        for c in ('\u{c0}'..='\u{1ff}').chain('\u{1ea0}'..='\u{1ef9}') {
            if let Some(l) = vietnamese_lower(c) {
                assert_eq!(c.to_lowercase().collect::<String>(), l.to_string(), "{c}");
            }
        }
        assert_eq!(vietnamese_lower('Đ'), Some('đ'));
        assert_eq!(vietnamese_lower('Ự'), Some('ự'));
        assert_eq!(vietnamese_lower('×'), None);
    }
}
