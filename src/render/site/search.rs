//! The full-text search index, split so that a query downloads only what
//! it needs (the idea Pagefind made common; the format here is chibo's).
//!
//! Vietnamese is written in syllables separated by spaces, so the index
//! keeps, for every published article (a "document", numbered newest
//! first), which syllables it contains and which pairs of adjacent
//! syllables: a phrase of n syllables is the n − 1 pairs, found without
//! word positions. Keys are folded (`vn::fold`: "đảng" → "dang"); under
//! each folded key the exact spellings met are kept apart ("đảng",
//! "đang", "dáng"), so that a query typed with marks ranks its own
//! spelling first. Each document of a key carries one bit: whether the
//! key occurs in the title.
//!
//! Files (under `tim-kiem/`):
//! - `chi-muc.json`: how many documents, shards and documents per chunk;
//! - `tu/N.json`: the keys whose *shard key* hashes to N. The shard key is
//!   a key cut after the second letter of its last syllable, so that every
//!   key a typed prefix ("kết na…") can grow into lies in one shard;
//! - `bai/N.json`: address, title, day, category and picture of documents
//!   `N × DOCS_PER_CHUNK …`.
//!
//! `templates/search.js` reads these; its tokenizer, fold and shard hash
//! must stay in step with [`syllables`], `vn::fold` and [`shard_of`].

use std::collections::HashMap;
use std::hash::{BuildHasherDefault, Hasher};

use rayon::prelude::*;
use serde::Serialize;

use crate::vn;

/// Documents per `bai/N.json` chunk.
pub(crate) const DOCS_PER_CHUNK: usize = 100;

/// The number of term shards for `docs` documents: a power of two, about
/// one shard per 40 documents (a 10,000-article site: 256 shards of about
/// 25 KB compressed each).
pub(crate) fn shard_count(docs: usize) -> usize {
    (docs / 40).next_power_of_two().clamp(1, 1024)
}

/// The number of `bai/N.json` chunks.
pub(crate) fn doc_chunks(docs: usize) -> usize {
    docs.div_ceil(DOCS_PER_CHUNK).max(1)
}

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

/// A fast hash for the postings map (keys are short, trusted-length
/// strings made by chibo; the map is never exposed to a client).
#[derive(Default)]
pub(crate) struct Fx(u64);

impl Hasher for Fx {
    fn finish(&self) -> u64 {
        // The low bits of a product depend only on the low bits of what
        // was multiplied: a pair of syllables (a << 32 | b) would land by b
        // alone, every pair ending in "viên" in one crowded place. The
        // high bits depend on all of them; turn them to the bottom, where
        // the table picks its slot.
        self.0.rotate_left(26)
    }
    fn write(&mut self, bytes: &[u8]) {
        for chunk in bytes.chunks(8) {
            let mut b = [0u8; 8];
            b[..chunk.len()].copy_from_slice(chunk);
            self.0 = (self.0.rotate_left(5) ^ u64::from_le_bytes(b))
                .wrapping_mul(0x51_7c_c1_b7_27_22_0a_95);
        }
    }
    fn write_u8(&mut self, i: u8) {
        self.write_u64(u64::from(i));
    }
    fn write_u128(&mut self, i: u128) {
        self.write_u64(i as u64);
        self.write_u64((i >> 64) as u64);
    }
    fn write_u64(&mut self, i: u64) {
        self.0 = (self.0.rotate_left(5) ^ i).wrapping_mul(0x51_7c_c1_b7_27_22_0a_95);
    }
}

type FxMap<K, V> = HashMap<K, V, BuildHasherDefault<Fx>>;

/// What one document contributes to the index.
pub(crate) struct DocText<'a> {
    /// Its number (newest first, drafts left out).
    pub(crate) doc: u32,
    pub(crate) title: &'a str,
    /// Lead, category, tags: plain text, each its own phrase.
    pub(crate) fields: Vec<&'a str>,
    /// The sanitised HTML of the body.
    pub(crate) body_html: &'a str,
}

/// A key of a shard: folded, exact, its entries (key number, entry).
type ShardKey<'a> = (String, String, &'a [u32]);

/// A key and where its entries lie in the sorted log.
type Run = (u64, std::ops::Range<usize>);

/// A key's number in [`Postings`]: a syllable's id with all high bits set,
/// or the ids of a pair's two syllables.
const WORD: u64 = 0xffff_ffff << 32;

/// One entry per document and key, `doc << 1 | in_title`. Keys are
/// syllables (numbered in `names`) and pairs of them; entries go into a
/// log (one per part of the parallel work), written in order, and are
/// grouped by key only at the end, by a counting sort: a
/// document's entries then cost no jump to a list of their own (measured
/// at 10,000 articles: the per-key lists cost 0.25 s more).
#[derive(Default)]
pub(crate) struct Postings {
    short: FxMap<u128, u32>,
    /// By syllable number: the last document it was logged for (+ 1), and
    /// its key (`u32::MAX` until it has one).
    word_doc: Vec<u32>,
    word_key: Vec<u32>,
    ids: FxMap<Box<str>, u32>,
    names: Vec<Box<str>>,
    /// By pair of syllable numbers: its key and the last document it was
    /// logged for (+ 1). One lookup per pair met, and no set of what one
    /// document has seen to clear.
    pairs: FxMap<u64, (u32, u32)>,
    key_list: Vec<u64>,
    /// The entries, in the parts they were written in: merging parts
    /// renumbers the other part's keys in place, never copying a log.
    logs: Vec<Vec<(u32, u32)>>,
    log: Vec<(u32, u32)>,
}

impl Postings {
    fn id(&mut self, w: &str) -> u32 {
        // Nearly every syllable fits in 16 bytes: looked up as one number,
        // with no string to follow and compare.
        if w.len() <= 16 {
            let mut b = [0u8; 16];
            b[..w.len()].copy_from_slice(w.as_bytes());
            let short = u128::from_le_bytes(b);
            if let Some(&id) = self.short.get(&short) {
                return id;
            }
            let id = self.names.len() as u32;
            self.short.insert(short, id);
            self.names.push(w.into());
            self.word_doc.push(0);
            self.word_key.push(u32::MAX);
            return id;
        }
        if let Some(&id) = self.ids.get(w) {
            return id;
        }
        let id = self.names.len() as u32;
        self.ids.insert(w.into(), id);
        self.names.push(w.into());
        self.word_doc.push(0);
        self.word_key.push(u32::MAX);
        id
    }

    /// The key number of syllable `id`.
    fn word_key(&mut self, id: u32) -> u32 {
        let i = id as usize;
        if self.word_key[i] == u32::MAX {
            self.word_key[i] = self.key_list.len() as u32;
            self.key_list.push(WORD | u64::from(id));
        }
        self.word_key[i]
    }

    /// The key number of the pair `key` and the slot of its last document.
    fn pair_key(&mut self, key: u64) -> &mut (u32, u32) {
        let next = self.key_list.len() as u32;
        let slot = self.pairs.entry(key).or_insert((next, 0));
        if slot.0 == next {
            self.key_list.push(key);
        }
        slot
    }

    /// Adds one document's syllables and adjacent pairs.
    pub(crate) fn add(&mut self, d: &DocText<'_>) {
        let mut prev = 0u32;
        // A key is logged once per document, at its first occurrence: the
        // title comes first, so that occurrence says whether it is in it.
        let mark = d.doc + 1;
        let mut one = |p: &mut Postings, text: &str, html: bool, title: bool| {
            syllables(text, html, |w, follows| {
                let id = p.id(w);
                let entry = d.doc << 1 | u32::from(title);
                // A syllable's last document and key sit in arrays by its
                // number: no hashing for the most frequent case.
                let i = id as usize;
                if p.word_doc[i] != mark {
                    p.word_doc[i] = mark;
                    let k = p.word_key(id);
                    p.log.push((k, entry));
                }
                if follows {
                    let slot = p.pair_key(u64::from(prev) << 32 | u64::from(id));
                    if slot.1 != mark {
                        slot.1 = mark;
                        let k = slot.0;
                        p.log.push((k, entry));
                    }
                }
                prev = id;
            });
        };
        one(self, d.title, false, true);
        for field in &d.fields {
            one(self, field, false, false);
        }
        one(self, d.body_html, true, false);
    }

    /// Both parts' entries (documents of `other` may come before or after).
    pub(crate) fn merge(mut self, other: Postings) -> Postings {
        let size = |p: &Postings| p.log.len() + p.logs.iter().map(Vec::len).sum::<usize>();
        if size(&self) < size(&other) {
            return other.merge(self);
        }
        let ids: Vec<u32> = other.names.iter().map(|n| self.id(n)).collect();
        let keys: Vec<u32> = other
            .key_list
            .iter()
            .map(|&k| match k >> 32 {
                0xffff_ffff => self.word_key(ids[(k & 0xffff_ffff) as usize]),
                a => {
                    let b = ids[(k & 0xffff_ffff) as usize];
                    self.pair_key(u64::from(ids[a as usize]) << 32 | u64::from(b))
                        .0
                }
            })
            .collect();
        let mut other = other;
        other.logs.push(std::mem::take(&mut other.log));
        for mut log in other.logs {
            for e in &mut log {
                e.0 = keys[e.0 as usize];
            }
            self.logs.push(log);
        }
        self
    }

    /// Each key's entries in document order, with their runs: a counting
    /// sort by key (one pass to count, one to place). The parts of the
    /// parallel work each log a stretch of documents in order; put one
    /// after another by their first document, placing keeps every run in
    /// document order, and the runs need no sorting (checked: when the
    /// parts overlap, each run is sorted after). Placing is shared by key
    /// ranges: each thread reads every log and writes its own slice.
    fn grouped(&mut self) -> (Vec<u32>, Vec<Run>) {
        let mut logs = std::mem::take(&mut self.logs);
        logs.push(std::mem::take(&mut self.log));
        logs.retain(|l| !l.is_empty());
        logs.sort_by_key(|l| l[0].1 >> 1);
        let in_order = logs
            .iter()
            .all(|l| l.windows(2).all(|w| w[0].1 >> 1 <= w[1].1 >> 1))
            && logs
                .windows(2)
                .all(|w| w[0][w[0].len() - 1].1 >> 1 < w[1][0].1 >> 1);
        let n = self.key_list.len();
        let mut start = vec![0usize; n + 1];
        for &(k, _) in logs.iter().flatten() {
            start[k as usize + 1] += 1;
        }
        for k in 0..n {
            start[k + 1] += start[k];
        }
        let total = start[n];
        let mut entries = vec![0u32; total];
        // Key ranges of about equal entries, one per thread.
        let parts = rayon::current_num_threads().clamp(1, 16);
        let mut bounds = vec![0usize];
        for p in 1..parts {
            let want = total * p / parts;
            let k = start.partition_point(|&s| s < want).min(n);
            if k > *bounds.last().unwrap_or(&0) {
                bounds.push(k);
            }
        }
        bounds.push(n);
        let mut slices = Vec::with_capacity(bounds.len());
        let mut rest: &mut [u32] = &mut entries;
        for w in bounds.windows(2) {
            let (mine, tail) = std::mem::take(&mut rest).split_at_mut(start[w[1]] - start[w[0]]);
            slices.push((w[0], w[1], mine));
            rest = tail;
        }
        let logs = &logs;
        let start = &start;
        slices.into_par_iter().for_each(|(lo, hi, out)| {
            let base = start[lo];
            let mut at: Vec<usize> = start[lo..hi].iter().map(|s| s - base).collect();
            for &(k, e) in logs.iter().flatten() {
                let k = k as usize;
                if k >= lo && k < hi {
                    out[at[k - lo]] = e;
                    at[k - lo] += 1;
                }
            }
        });
        let runs: Vec<Run> = (0..n)
            .filter(|&k| start[k] < start[k + 1])
            .map(|k| (self.key_list[k], start[k]..start[k + 1]))
            .collect();
        if !in_order {
            let mut slices = Vec::with_capacity(runs.len());
            let mut rest: &mut [u32] = &mut entries;
            let mut done = 0;
            for (_, r) in &runs {
                let (run, tail) = std::mem::take(&mut rest).split_at_mut(r.end - done);
                slices.push(run);
                rest = tail;
                done = r.end;
            }
            slices
                .into_par_iter()
                .for_each(|s| s.sort_unstable_by_key(|e| e >> 1));
        }
        (entries, runs)
    }
}

/// Address, title, day and category of a document, and the address of
/// its small picture ("" without one), for its result.
#[derive(Serialize)]
pub(crate) struct DocMeta<'a>(
    pub(crate) &'a str,
    pub(crate) &'a str,
    pub(crate) &'a str,
    pub(crate) &'a str,
    pub(crate) &'a str,
);

/// The path of each index file.
pub(crate) fn manifest_path() -> String {
    "tim-kiem/chi-muc.json".into()
}
/// The path of term shard `k`.
pub(crate) fn shard_path(k: usize) -> String {
    format!("tim-kiem/tu/{k}.json")
}
/// The path of document chunk `k`.
pub(crate) fn docs_path(k: usize) -> String {
    format!("tim-kiem/bai/{k}.json")
}

/// Writes the postings and the documents' details as the index files, by
/// their path under the output folder.
pub(crate) fn finish(postings: Postings, docs: &[DocMeta<'_>]) -> Vec<(String, Vec<u8>)> {
    let shards = shard_count(docs.len());
    // Fold each syllable once, however many pairs it is part of.
    let folds: Vec<String> = postings.names.par_iter().map(|n| vn::fold(n)).collect();
    let mut postings = postings;
    let (log, runs) = postings.grouped();
    let names = &postings.names;
    // Each key's spellings and shard, made in parallel (at 10,000
    // articles there are millions of pairs), then dealt to the shards.
    let keyed: Vec<(usize, ShardKey<'_>)> = runs
        .into_par_iter()
        .map(|(key, range)| {
            let (folded, exact) = match key >> 32 {
                0xffff_ffff => {
                    let id = (key & 0xffff_ffff) as usize;
                    (folds[id].clone(), names[id].to_string())
                }
                a => {
                    let (a, b) = (a as usize, (key & 0xffff_ffff) as usize);
                    (
                        format!("{} {}", folds[a], folds[b]),
                        format!("{} {}", names[a], names[b]),
                    )
                }
            };
            (shard_of(&folded, shards), (folded, exact, &log[range]))
        })
        .collect();
    let mut by_shard: Vec<Vec<ShardKey<'_>>> = vec![Vec::new(); shards];
    for (shard, k) in keyed {
        by_shard[shard].push(k);
    }
    let mut files: Vec<(String, Vec<u8>)> = by_shard
        .into_par_iter()
        .enumerate()
        .map(|(n, mut keys)| {
            keys.sort_unstable_by(|a, b| (&a.0, &a.1).cmp(&(&b.0, &b.1)));
            (shard_path(n), shard_json(&keys))
        })
        .collect();
    for (n, chunk) in docs.chunks(DOCS_PER_CHUNK).enumerate() {
        files.push((docs_path(n), serde_json::to_vec(chunk).unwrap_or_default()));
    }
    if docs.is_empty() {
        files.push((docs_path(0), b"[]".to_vec()));
    }
    files.push((
        manifest_path(),
        format!(
            "{{\"version\":1,\"docs\":{},\"shards\":{shards},\"per_chunk\":{DOCS_PER_CHUNK}}}",
            docs.len()
        )
        .into_bytes(),
    ));
    files
}

/// `{"dang":{"dang":[…],"đảng":[…]},"dang vien":{…}}`; each list holds
/// `(doc − previous doc) << 1 | in_title`, the first doc counted from 0.
fn shard_json(keys: &[ShardKey<'_>]) -> Vec<u8> {
    let mut out = Vec::with_capacity(64 + keys.len() * 32);
    out.push(b'{');
    let mut i = 0;
    while i < keys.len() {
        let folded = &keys[i].0;
        if i > 0 {
            out.push(b',');
        }
        // Keys are letters, digits and single spaces: nothing to escape.
        out.push(b'"');
        out.extend_from_slice(folded.as_bytes());
        out.extend_from_slice(b"\":{");
        let mut first = true;
        while i < keys.len() && keys[i].0 == *folded {
            let (_, exact, entries) = &keys[i];
            if !first {
                out.push(b',');
            }
            first = false;
            out.push(b'"');
            out.extend_from_slice(exact.as_bytes());
            out.extend_from_slice(b"\":[");
            let mut prev = 0;
            for (j, e) in entries.iter().enumerate() {
                if j > 0 {
                    out.push(b',');
                }
                let doc = e >> 1;
                push_u32(&mut out, (doc - prev) << 1 | (e & 1));
                prev = doc;
            }
            out.push(b']');
            i += 1;
        }
        out.push(b'}');
    }
    out.push(b'}');
    out
}

fn push_u32(out: &mut Vec<u8>, mut n: u32) {
    let mut buf = [0u8; 10];
    let mut at = buf.len();
    loop {
        at -= 1;
        buf[at] = b'0' + (n % 10) as u8;
        n /= 10;
        if n == 0 {
            break;
        }
    }
    out.extend_from_slice(&buf[at..]);
}

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

    #[test]
    fn keys_fold_with_exact_spellings_kept_apart_and_titles_marked() {
        let mut p = Postings::default();
        p.add(&DocText {
            doc: 0,
            title: "Đảng viên",
            fields: vec![],
            body_html: "<p>đang học</p>",
        });
        p.add(&DocText {
            doc: 3,
            title: "Tin",
            fields: vec!["dáng"],
            body_html: "<p>Đảng viên mới</p>",
        });
        let files = finish(p, &[DocMeta("/a/", "Đảng viên", "01-01-2024", "Tin", "")]);
        let shard = String::from_utf8(files[0].1.clone()).unwrap();
        assert!(
            shard.contains(r#""dang":{"dáng":[6],"đang":[0],"đảng":[1,6]}"#),
            "{shard}"
        );
        assert!(
            shard.contains(r#""dang vien":{"đảng viên":[1,6]}"#),
            "{shard}"
        );
        assert!(files.iter().any(|(p, b)| p == "tim-kiem/chi-muc.json"
            && b == br#"{"version":1,"docs":1,"shards":1,"per_chunk":100}"#));
    }
}
