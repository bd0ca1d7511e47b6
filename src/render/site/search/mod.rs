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

mod letters;
mod shards;
mod table;
mod tokens;
use shards::{ShardKey, shard_json};
use table::Table;
use tokens::{FOLLOWS, Numbers, numbered};
pub(crate) use tokens::{Syllable, shard_of};

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

/// A key and where its entries lie among the grouped entries.
type Run = (u64, std::ops::Range<usize>);

/// A key's number in [`Postings`]: a syllable's id with all high bits set,
/// or the ids of a pair's two syllables.
const WORD: u64 = 0xffff_ffff << 32;

/// The top bit of a logged key number: the key is in the document's title.
const IN_TITLE: u32 = 1 << 31;

/// The entries of documents in the order they were added (any order of
/// documents): the key numbers of each document's keys (with
/// [`IN_TITLE`]), and which document's entries end where. Four bytes an
/// entry, half what the document beside each would take.
#[derive(Default)]
struct Log {
    keys: Vec<u32>,
    docs: Vec<(u32, u32)>,
}

/// One entry per document and key. Keys are syllables (numbered in
/// `names`) and pairs of them; entries go into a [`Log`] (a build keeps
/// one `Postings` per thread), and are grouped by key only at the end, by
/// a counting sort in document order, as `doc << 1 | in_title`: a
/// document's entries then cost no jump to a list of their own (measured
/// at 10,000 articles: the per-key lists cost 0.25 s more).
#[derive(Default)]
pub(crate) struct Postings {
    /// Syllables of up to 8 bytes (nearly all), by their bytes as a number
    /// (never 0): the slots of the frequent ones stay in the processor's
    /// nearest cache.
    short8: Table<u32>,
    /// Chunks of text of up to 8 bytes that were one syllable, by their
    /// bytes (capitals and all), with that syllable's number.
    chunks: Table<u32>,
    /// Syllables of 9 to 16 bytes, by their bytes as a number.
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
    logs: Vec<Log>,
    log: Log,
    /// The syllable numbers of the document being added, the top bit set
    /// where one follows the one before in a phrase (kept between
    /// documents for its room).
    said: Vec<u32>,
}

impl Postings {
    /// The number of syllable `w`, given one when first met.
    fn id(&mut self, w: Syllable<'_>) -> u32 {
        let next = self.names.len() as u32;
        let id = match w {
            Syllable::Short(n) if n >> 64 == 0 => *self.short8.entry(n as u64, || next),
            Syllable::Short(n) => *self.short.entry(n).or_insert(next),
            // Looked up by its text: a key of its own is made only for a
            // syllable not met before.
            Syllable::Long(s) => match self.ids.get(s) {
                Some(&id) => id,
                None => {
                    self.ids.insert(s.into(), next);
                    next
                }
            },
        };
        if id == next {
            self.new_id(w);
        }
        id
    }

    /// Makes room for a syllable not met before (numbered `names.len()`).
    fn new_id(&mut self, w: Syllable<'_>) {
        self.names.push(w.text().into());
        self.word_doc.push(0);
        self.word_key.push(u32::MAX);
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
        // First every syllable's number, then the keys in a loop of their
        // own: its lookups of pairs, which miss the processor's cache more
        // than any other, then overlap instead of waiting one by one
        // between stretches of tokenizing.
        let mut said = std::mem::take(&mut self.said);
        said.clear();
        numbered(d.title, false, self, &mut said);
        let in_title = said.len();
        for field in &d.fields {
            numbered(field, false, self, &mut said);
        }
        numbered(d.body_html, true, self, &mut said);

        // A key is logged once per document, at its first occurrence: the
        // title comes first, so that occurrence says whether it is in it.
        let mark = d.doc + 1;
        let mut prev = 0u32;
        for (n, &s) in said.iter().enumerate() {
            let id = s & !FOLLOWS;
            let title = if n < in_title { IN_TITLE } else { 0 };
            // A syllable's last document and key sit in arrays by its
            // number: no hashing for the most frequent case.
            let i = id as usize;
            if self.word_doc[i] != mark {
                self.word_doc[i] = mark;
                let k = self.word_key(id);
                self.log.keys.push(k | title);
            }
            if s & FOLLOWS != 0 {
                let slot = self.pair_key(u64::from(prev) << 32 | u64::from(id));
                if slot.1 != mark {
                    slot.1 = mark;
                    let k = slot.0;
                    self.log.keys.push(k | title);
                }
            }
            prev = id;
        }
        self.said = said;
        let end = self.log.keys.len() as u32;
        self.log.docs.push((d.doc, end));
    }

    /// Both parts' entries (documents of `other` may come before or after).
    pub(crate) fn merge(mut self, other: Postings) -> Postings {
        let size =
            |p: &Postings| p.log.keys.len() + p.logs.iter().map(|l| l.keys.len()).sum::<usize>();
        if size(&self) < size(&other) {
            return other.merge(self);
        }
        let ids: Vec<u32> = other
            .names
            .iter()
            .map(|n| self.id(Syllable::of(n)))
            .collect();
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
            for k in &mut log.keys {
                *k = keys[(*k & !IN_TITLE) as usize] | (*k & IN_TITLE);
            }
            self.logs.push(log);
        }
        self
    }

    /// Each key's entries in document order, with their runs: a counting
    /// sort by key (one pass to count, one to place). Documents may have
    /// been added in any order, by any part of the parallel work: placing
    /// goes through them in document order, so that every run comes out
    /// sorted. Placing is shared by key ranges: each thread reads every
    /// document's entries and writes its own slice.
    fn grouped(&mut self) -> (Vec<u32>, Vec<Run>) {
        let mut logs = std::mem::take(&mut self.logs);
        logs.push(std::mem::take(&mut self.log));
        // Each document's entries: (document, log, start, end).
        let mut order: Vec<(u32, u32, u32, u32)> = Vec::new();
        for (n, log) in logs.iter().enumerate() {
            let mut from = 0;
            for &(doc, end) in &log.docs {
                order.push((doc, n as u32, from, end));
                from = end;
            }
        }
        order.sort_unstable_by_key(|d| d.0);
        let n = self.key_list.len();
        // Counted by log in parallel, the counts then added.
        let counts = logs
            .par_iter()
            .fold(
                || vec![0u32; n],
                |mut c, l| {
                    for &k in &l.keys {
                        c[(k & !IN_TITLE) as usize] += 1;
                    }
                    c
                },
            )
            .reduce(
                || vec![0u32; n],
                |mut a, b| {
                    a.iter_mut().zip(b).for_each(|(x, y)| *x += y);
                    a
                },
            );
        let mut start = Vec::with_capacity(n + 1);
        let mut total = 0usize;
        start.push(0);
        for c in counts {
            total += c as usize;
            start.push(total);
        }
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
        let (logs, order, start) = (&logs, &order, &start);
        slices.into_par_iter().for_each(|(lo, hi, out)| {
            let base = start[lo];
            let mut at: Vec<u32> = start[lo..hi].iter().map(|s| (s - base) as u32).collect();
            for &(doc, log, from, end) in order {
                for &k in &logs[log as usize].keys[from as usize..end as usize] {
                    // One comparison for `lo <= key < hi`.
                    let mine = ((k & !IN_TITLE) as usize).wrapping_sub(lo);
                    if mine < hi - lo {
                        out[at[mine] as usize] = doc << 1 | k >> 31;
                        at[mine] += 1;
                    }
                }
            }
        });
        let runs: Vec<Run> = (0..n)
            .filter(|&k| start[k] < start[k + 1])
            .map(|k| (self.key_list[k], start[k]..start[k + 1]))
            .collect();
        (entries, runs)
    }
}

impl Numbers for Postings {
    #[inline(always)]
    fn chunk(&mut self, raw: u64) -> Option<u32> {
        self.chunks.get(raw).copied()
    }

    fn syllable(&mut self, s: Syllable<'_>, whole: Option<u64>) -> u32 {
        let id = self.id(s);
        if let Some(raw) = whole {
            self.chunks.entry(raw, || id);
        }
        id
    }
}

/// Address, title, day and category of a document, and its small
/// picture ("" without one): the address of its smallest size, then its
/// JPEG and WebP `srcset`s, for its result.
#[derive(Serialize)]
pub(crate) struct DocMeta<'a>(
    pub(crate) &'a str,
    pub(crate) &'a str,
    pub(crate) &'a str,
    pub(crate) &'a str,
    pub(crate) &'a str,
    pub(crate) &'a str,
    pub(crate) &'a str,
);

use crate::model::SEARCH_DIR;

/// The path of each index file.
pub(crate) fn manifest_path() -> String {
    format!("{SEARCH_DIR}/chi-muc.json")
}
/// The path of term shard `k`.
pub(crate) fn shard_path(k: usize) -> String {
    format!("{SEARCH_DIR}/tu/{k}.json")
}
/// The path of document chunk `k`.
pub(crate) fn docs_path(k: usize) -> String {
    format!("{SEARCH_DIR}/bai/{k}.json")
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
    files.par_extend(
        docs.par_chunks(DOCS_PER_CHUNK)
            .enumerate()
            .map(|(n, chunk)| (docs_path(n), serde_json::to_vec(chunk).unwrap_or_default())),
    );
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

/// Makes the search index of `bodies` (sanitised HTML, documents 0, 1, …)
/// on one thread, as a build does for each part of its work, and says how
/// long adding the bodies and finishing the files took, and how many files
/// came out. For `examples/index-speed.rs`, which times the index alone.
#[doc(hidden)]
pub fn index_timing(bodies: &[String]) -> (std::time::Duration, std::time::Duration, usize) {
    let start = std::time::Instant::now();
    let mut p = Postings::default();
    for (doc, body) in bodies.iter().enumerate() {
        p.add(&DocText {
            doc: doc as u32,
            title: "Tiêu đề của bài",
            fields: vec!["Tin hoạt động"],
            body_html: body,
        });
    }
    let added = start.elapsed();
    let meta: Vec<DocMeta<'_>> = bodies
        .iter()
        .map(|_| DocMeta("/a/", "Tiêu đề", "01-01-2024", "Tin", "", "", ""))
        .collect();
    let files = finish(p, &meta).len();
    (added, start.elapsed() - added, files)
}

#[cfg(test)]
mod tests {
    use super::*;

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
        let files = finish(
            p,
            &[DocMeta("/a/", "Đảng viên", "01-01-2024", "Tin", "", "", "")],
        );
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
