//! Text into the index's words: the tokenizer (syllables, and where a
//! phrase stops) and the hash that picks a key's shard. `templates/search.js`
//! must tokenize and hash exactly as these do.

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

/// Splits text (or sanitised HTML, when `html`) into lower-case syllables,
/// calling `f(syllable, follows)` where `follows` says that the syllable
/// continues a phrase with the one before: only spaces, hyphens, slashes,
/// apostrophes, `&` or inline tags lie between them. Sentence and clause
/// punctuation, line breaks and block tags end a phrase.
pub(crate) fn syllables(text: &str, html: bool, mut f: impl FnMut(&str, bool)) {
    let b = text.as_bytes();
    let mut word = String::with_capacity(32);
    let mut follows = false;
    let mut broken = true;
    // Hands the word over (called directly, so the compiler can inline the
    // caller's work into this loop).
    macro_rules! flush {
        () => {
            if !word.is_empty() {
                f(&word, follows && !broken);
                word.clear();
                follows = true;
                broken = false;
            }
        };
    }
    let mut i = 0;
    while i < b.len() {
        let c = b[i];
        if c < 0x80 {
            if c.is_ascii_alphanumeric() {
                word.push(c.to_ascii_lowercase() as char);
                i += 1;
                continue;
            }
            flush!();
            match c {
                b'<' if html => {
                    // Jump over the whole tag (a picture's srcset is long).
                    let end = b[i + 1..]
                        .iter()
                        .position(|&x| x == b'>')
                        .map_or(b.len(), |e| i + 1 + e);
                    let tag = &b[i + 1..end];
                    let tag = tag.strip_prefix(b"/").unwrap_or(tag);
                    let name_len = tag
                        .iter()
                        .position(|x| !x.is_ascii_alphanumeric())
                        .unwrap_or(tag.len());
                    if BLOCK_TAGS.iter().any(|t| t.as_bytes() == &tag[..name_len]) {
                        broken = true;
                    }
                    i = end + 1;
                    continue;
                }
                b'&' if html => {
                    let rest = &b[i + 1..b.len().min(i + 10)];
                    if let Some(end) = rest.iter().position(|&x| x == b';').filter(|&e| e <= 8) {
                        if &rest[..end] == b"quot" {
                            broken = true;
                        }
                        i += end + 2;
                        continue;
                    }
                }
                b' ' | b'\t' | b'-' | b'/' | b'\'' | b'&' => {}
                _ => broken = true,
            }
            i += 1;
            continue;
        }
        // A letter or mark outside ASCII: decode it (`i` is on a boundary).
        let ch = text[i..].chars().next().unwrap_or(' ');
        i += ch.len_utf8();
        if let Some(l) = vietnamese_lower(ch) {
            word.push(l);
        } else if ch.is_alphanumeric() {
            word.extend(ch.to_lowercase());
        } else {
            flush!();
            if !matches!(ch, '\u{a0}' | '\u{2019}') {
                broken = true;
            }
        }
    }
    if !word.is_empty() {
        f(&word, follows && !broken);
    }
}

/// The lower case of a Vietnamese letter outside ASCII, found by its
/// place in the Latin blocks (the general Unicode tables are the slow path).
fn vietnamese_lower(c: char) -> Option<char> {
    let u = c as u32;
    let l = match u {
        0xE0..=0xFF if u != 0xF7 => u,
        0xC0..=0xDE if u != 0xD7 => u + 0x20,
        // Ă ă Đ đ Ĩ ĩ Ũ ũ and their neighbours: upper even, lower odd.
        0x0100..=0x012F | 0x0132..=0x0137 | 0x014A..=0x0177 | 0x1EA0..=0x1EF9 => u | 1,
        0x01A0 | 0x01A1 => 0x01A1,
        0x01AF | 0x01B0 => 0x01B0,
        _ => return None,
    };
    char::from_u32(l)
}

/// Tags that end a phrase (text on either side is not one sentence).
const BLOCK_TAGS: &[&str] = &[
    "p",
    "br",
    "div",
    "li",
    "ul",
    "ol",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "table",
    "tr",
    "td",
    "th",
    "thead",
    "tbody",
    "blockquote",
    "pre",
    "figure",
    "figcaption",
    "img",
    "hr",
    "dl",
    "dt",
    "dd",
    "section",
    "aside",
    "caption",
];

#[cfg(test)]
mod tests {
    use super::*;

    fn words(text: &str, html: bool) -> Vec<(String, bool)> {
        let mut v = Vec::new();
        syllables(text, html, |w, f| v.push((w.to_string(), f)));
        v
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
