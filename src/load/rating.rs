//! `content/xep-loai/YYYY.yaml` → [`RatingYear`]: the year's rating of
//! members, one record per member (docs/members.md, Rating). The file is a
//! list of records, or `{ meeting: DATE, members: [records] }` when it
//! also gives the review meeting's day.

use crate::diag::Diagnostics;
use crate::model::rating::{MemberLevel, RatingRecord, RatingVote, RatingYear};
use crate::yaml::{self, Map, Node, Value};

/// Where the years' ratings are.
pub const DIR: &str = "content/xep-loai";

/// Every year's rating the site keeps, by year.
pub(super) fn read(from: super::Source<'_>, diags: &mut Diagnostics) -> Vec<RatingYear> {
    let mut out: Vec<RatingYear> = from
        .list(DIR, &["yaml", "yml"], diags)
        .into_iter()
        .filter_map(|rel| {
            let text = from.read(&rel, diags)?;
            parse(&text, &rel, diags)
        })
        .collect();
    out.sort_by_key(|r| r.year);
    out
}

/// One year's file; its name gives the year.
pub fn parse(text: &str, rel: &str, diags: &mut Diagnostics) -> Option<RatingYear> {
    let stem = rel
        .rsplit('/')
        .next()
        .unwrap_or(rel)
        .split('.')
        .next()
        .unwrap_or("");
    let year = stem
        .parse::<i16>()
        .ok()
        .filter(|y| (1930..=2100).contains(y) && stem.len() == 4);
    let Some(year) = year else {
        diags.error(
            rel,
            Default::default(),
            format!("tệp xếp loại phải mang tên năm được xếp loại, ví dụ {DIR}/2025.yaml"),
        );
        return None;
    };
    let root = yaml::parse(text, rel, 0, diags)?;
    let (meeting, items) = match &root.value {
        Value::Seq(items) => (None, items.as_slice()),
        Value::Map(_) => {
            let mut m = Map::new(&root, rel, "tệp xếp loại", diags)?;
            let meeting = m.date("meeting", diags);
            let list = m.required("members", diags);
            m.finish(diags);
            match list.map(|l| &l.value) {
                Some(Value::Seq(items)) => (meeting, items.as_slice()),
                Some(_) => {
                    diags.error(rel, root.pos, "khóa `members` phải là danh sách, mỗi đảng viên một dòng `- { member: dv-01, … }`");
                    return None;
                }
                None => return None,
            }
        }
        Value::Null => (None, &[][..]),
        _ => {
            diags.error(rel, root.pos, "tệp xếp loại phải là danh sách, mỗi đảng viên một dòng `- { member: dv-01, self: httnv, … }`");
            return None;
        }
    };
    let records = items.iter().filter_map(|n| record(n, rel, diags)).collect();
    Some(RatingYear {
        year,
        source: rel.to_string(),
        meeting,
        records,
    })
}

fn level(
    m: &mut Map<'_>,
    key: &'static str,
    rel: &str,
    diags: &mut Diagnostics,
) -> Option<MemberLevel> {
    let v = m.get(key)?;
    let s = yaml::text(v, rel, key, diags)?;
    let l = MemberLevel::from_id(s.trim());
    if l.is_none() {
        diags.error(
            rel,
            v.pos,
            format!(
                "khóa `{key}`: `{s}` không phải một mức xếp loại; các mức: {}",
                crate::diag::list(MemberLevel::IDS)
            ),
        );
    }
    l
}

fn record(n: &Node, rel: &str, diags: &mut Diagnostics) -> Option<RatingRecord> {
    let mut m = Map::new(n, rel, "một đảng viên được xếp loại", diags)?;
    let member = m.req_str("member", diags);
    let self_level = level(&mut m, "self", rel, diags);
    let proposed = level(&mut m, "proposed", rel, diags);
    let vote = m.get("vote").and_then(|v| vote(v, rel, diags));
    let decided = level(&mut m, "decided", rel, diags);
    let not_rated = m.str("not_rated", diags);
    m.finish(diags);
    let r = RatingRecord {
        member: member?.trim().to_string(),
        self_level,
        proposed,
        vote,
        decided,
        not_rated,
        pos: n.pos,
    };
    if r.not_rated.is_some() && (r.proposed.is_some() || r.decided.is_some()) {
        diags.error(
            rel,
            n.pos,
            format!(
                "`{}`: đã ghi `not_rated` (không xếp loại) thì không ghi `proposed` hay `decided`",
                r.member
            ),
        );
    }
    Some(r)
}

fn vote(n: &Node, rel: &str, diags: &mut Diagnostics) -> Option<RatingVote> {
    let mut m = Map::new(n, rel, "khối `vote` (biểu quyết)", diags)?;
    let for_ = m
        .required("for", diags)
        .and_then(|v| yaml::count(v, rel, "for", diags));
    let against = m.count("against", diags).unwrap_or(0);
    m.finish(diags);
    Some(RatingVote {
        for_: for_?,
        against,
    })
}
