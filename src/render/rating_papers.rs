//! The year-end rating's papers, written from `content/xep-loai/YYYY.yaml`
//! and the register only (docs/members.md, Rating): the list of proposed
//! ratings (DANH SÁCH), the review meeting's minutes with the vote on each
//! member (BIÊN BẢN), and the report of results to the superior committee
//! (BÁO CÁO, "Số …-BC/CB"). Each is a document in the report's form, so
//! its page and Word file come from the report's renderer; nothing is
//! published. What the files do not say is a dotted blank.

use jiff::civil::Date;

use super::meeting_papers::{BLANK, md};
use crate::model::member::{Member, Post, counts_on};
use crate::model::rating::{MemberLevel, RatingRecord, RatingYear};
use crate::model::{Period, Report, Signer, Site};
use crate::vn;

/// The three papers of the year `y`.
pub fn papers(site: &Site, y: &RatingYear) -> Vec<Report> {
    let day = y.meeting.unwrap_or_else(|| y.end());
    let secretary = secretary_name(site, y.end());
    let sign = |title: &str| Signer {
        on_behalf: "T/M CHI BỘ".into(),
        title: title.into(),
        name: secretary.clone(),
    };
    let list = doc(
        y,
        day,
        "danh-sach",
        "DANH SÁCH",
        &format!("đảng viên đề nghị xếp loại chất lượng năm {}", y.year),
        sign("BÍ THƯ"),
        list_body(site, y),
    );
    let mut minutes = doc(
        y,
        day,
        "bien-ban",
        "BIÊN BẢN",
        &format!(
            "hội nghị kiểm điểm, đánh giá, xếp loại chất lượng đảng viên năm {}",
            y.year
        ),
        Signer {
            on_behalf: String::new(),
            title: "CHỦ TRÌ".into(),
            name: secretary.clone(),
        },
        minutes_body(site, y),
    );
    minutes.unnumbered = true;
    minutes.countersigner = Some(Signer {
        on_behalf: String::new(),
        title: "THƯ KÝ".into(),
        name: String::new(),
    });
    let mut report = doc(
        y,
        day,
        "ket-qua",
        "BÁO CÁO",
        &format!(
            "kết quả kiểm điểm, đánh giá, xếp loại chất lượng đảng viên năm {}",
            y.year
        ),
        sign("BÍ THƯ"),
        report_body(site, y),
    );
    report.unnumbered = false;
    report.recipients = vec![
        format!(
            "{} (để báo cáo)",
            site.config.unit.superior.replace('\n', " ")
        ),
        "Lưu Chi bộ".into(),
    ];
    vec![list, minutes, report]
}

/// The secretary on `day`, who signs for the cell: the register's
/// `bi_thu`, else a blank.
fn secretary_name(site: &Site, day: Date) -> String {
    site.members
        .iter()
        .find(|m| m.post == Post::BiThu && m.status(day).counted)
        .map(|m| m.name.clone())
        .unwrap_or_default()
}

fn doc(
    y: &RatingYear,
    day: Date,
    name: &str,
    doc_type: &str,
    subject: &str,
    signer: Signer,
    body: String,
) -> Report {
    let pos = Default::default();
    Report {
        source: y.source.clone(),
        name: format!("{name}-{}", y.year),
        doc_type: doc_type.into(),
        subject: subject.into(),
        number: None,
        number_pos: pos,
        date: day,
        date_pos: pos,
        period: Period {
            from: Date::new(y.year, 1, 1).unwrap_or(day),
            to: y.end(),
        },
        period_pos: pos,
        signer,
        countersigner: None,
        unnumbered: true,
        recipients: Vec::new(),
        draft: false,
        publish: false,
        body: format!("{{% raw %}}{body}{{% endraw %}}"),
        body_line: 1,
    }
}

/// A level in a table cell: its abbreviation ("HTTNV"), explained under
/// the table ([`LEGEND`]).
fn level_short(l: Option<MemberLevel>) -> String {
    l.map_or_else(|| BLANK.to_string(), |l| l.id().to_uppercase())
}

/// What the abbreviations in the tables stand for.
const LEGEND: &str = "HTXSNV: hoàn thành xuất sắc nhiệm vụ; HTTNV: hoàn thành tốt nhiệm vụ; HTNV: hoàn thành nhiệm vụ; KHTNV: không hoàn thành nhiệm vụ.";

fn member_of<'a>(site: &'a Site, r: &RatingRecord) -> Option<&'a Member> {
    site.members.iter().find(|m| m.id == r.member)
}

fn name_of(site: &Site, r: &RatingRecord) -> String {
    member_of(site, r).map_or_else(|| md(&r.member), |m| md(&m.name))
}

/// The list: every member with their own level, the cell's proposal and
/// the vote, or why they are not rated.
fn list_body(site: &Site, y: &RatingYear) -> String {
    let mut b = vec![
        "| TT | Họ và tên | Chức vụ đảng | Tự nhận mức | Chi bộ đề nghị | Biểu quyết (tán thành/không) |".to_string(),
        "|---|---|---|---|---|---|".into(),
    ];
    for (i, r) in y.records.iter().enumerate() {
        let post = member_of(site, r).map_or(BLANK, |m| m.post.label());
        // Not rated: the reason stands in the proposal's place.
        let (own, proposed, vote) = match r.not_rated.as_deref() {
            Some(why) => (
                String::new(),
                format!("Không xếp loại ({})", md(why)),
                String::new(),
            ),
            None => (
                level_short(r.self_level),
                level_short(r.proposed),
                r.vote.map_or_else(
                    || BLANK.to_string(),
                    |v| format!("{}/{}", v.for_, v.against),
                ),
            ),
        };
        b.push(format!(
            "| {} | {} | {post} | {own} | {proposed} | {vote} |",
            i + 1,
            name_of(site, r)
        ));
    }
    b.push(String::new());
    b.push(LEGEND.into());
    b.push(String::new());
    b.push(totals_line(y, false));
    b.join("\n")
}

/// "Hoàn thành xuất sắc nhiệm vụ: 3 đồng chí (10,7%); …", of those rated.
fn totals_line(y: &RatingYear, decided: bool) -> String {
    let rated: Vec<&RatingRecord> = y.records.iter().filter(|r| r.level().is_some()).collect();
    let level = |r: &&RatingRecord| if decided { r.level() } else { r.proposed };
    let n = rated.len().max(1) as f64;
    let parts: Vec<String> = MemberLevel::ALL
        .iter()
        .map(|l| {
            let k = rated.iter().filter(|r| level(r) == Some(*l)).count();
            format!(
                "{}: {k} đồng chí ({}%)",
                l.label(),
                vn::decimal(100.0 * k as f64 / n, 1)
            )
        })
        .collect();
    format!(
        "Tổng số được xếp loại: {} đồng chí. {}.",
        rated.len(),
        parts.join("; ")
    )
}

/// The members' numbers on the year's last day.
fn numbers_line(site: &Site, y: &RatingYear) -> String {
    let c = counts_on(&site.members, y.end());
    format!(
        "Tổng số đảng viên của chi bộ ngày {}: {} đồng chí (chính thức: {}, dự bị: {}); miễn công tác và sinh hoạt đảng: {} đồng chí.",
        vn::short_date(y.end()),
        c.total,
        c.chinh_thuc,
        c.du_bi,
        c.mien
    )
}

/// The review meeting: who, the vote on each member, the totals.
fn minutes_body(site: &Site, y: &RatingYear) -> String {
    let when = y.meeting.map_or_else(|| BLANK.to_string(), vn::long_date);
    let mut b = vec![
        format!(
            "Vào hồi {BLANK}, {when}, tại {BLANK}, {} tổ chức hội nghị kiểm điểm, đánh giá, xếp loại chất lượng đảng viên năm {}.",
            md(&site.config.unit.name),
            y.year
        ),
        String::new(),
        "## I. Thành phần".into(),
        String::new(),
        format!("- {}", numbers_line(site, y)),
        format!("- Có mặt: {BLANK} đồng chí; vắng: {BLANK} đồng chí."),
        String::new(),
        "## II. Kết quả biểu quyết xếp loại từng đảng viên".into(),
        String::new(),
        "| TT | Họ và tên | Mức chi bộ đề nghị | Tán thành | Không tán thành |".into(),
        "|---|---|---|---|---|".into(),
    ];
    let rated = y.records.iter().filter(|r| r.not_rated.is_none());
    for (i, r) in rated.enumerate() {
        let (yes, no) = r.vote.map_or((BLANK.to_string(), BLANK.to_string()), |v| {
            (v.for_.to_string(), v.against.to_string())
        });
        b.push(format!(
            "| {} | {} | {} | {yes} | {no} |",
            i + 1,
            name_of(site, r),
            level_short(r.proposed)
        ));
    }
    let not_rated: Vec<String> = y
        .records
        .iter()
        .filter_map(|r| {
            Some(format!(
                "đồng chí {} ({})",
                name_of(site, r),
                md(r.not_rated.as_deref()?)
            ))
        })
        .collect();
    b.push(String::new());
    b.push(LEGEND.into());
    b.push(String::new());
    if !not_rated.is_empty() {
        b.push(format!("Không xếp loại: {}.", not_rated.join("; ")));
        b.push(String::new());
    }
    b.extend([
        "## III. Tổng hợp".to_string(),
        String::new(),
        totals_line(y, false),
    ]);
    b.push(String::new());
    b.push(format!(
        "Hội nghị kết thúc vào hồi {BLANK} cùng ngày; biên bản đã được đọc lại cho hội nghị nghe và nhất trí thông qua."
    ));
    b.join("\n")
}

/// The report of results to the superior: the numbers, the levels that
/// stand (the superior's decision, else the cell's proposal).
fn report_body(site: &Site, y: &RatingYear) -> String {
    let rated = y.records.iter().filter(|r| r.level().is_some()).count();
    let pending = y
        .records
        .iter()
        .filter(|r| r.decided.is_none() && r.proposed.is_some())
        .count();
    let mut b = vec![
        format!(
            "Thực hiện hướng dẫn của cấp trên về kiểm điểm, đánh giá, xếp loại chất lượng năm {}, {} báo cáo kết quả như sau:",
            y.year,
            md(&site.config.unit.name)
        ),
        String::new(),
        "## 1. Số lượng".into(),
        String::new(),
        format!("- {}", numbers_line(site, y)),
        format!("- Số đảng viên được đánh giá, xếp loại: {rated} đồng chí."),
    ];
    let not_rated: Vec<&RatingRecord> =
        y.records.iter().filter(|r| r.not_rated.is_some()).collect();
    if !not_rated.is_empty() {
        b.push(format!(
            "- Số đảng viên không xếp loại: {} đồng chí ({}).",
            not_rated.len(),
            not_rated
                .iter()
                .filter_map(|r| r.not_rated.as_deref().map(md))
                .collect::<Vec<_>>()
                .join("; ")
        ));
    }
    b.extend([
        String::new(),
        "## 2. Kết quả xếp loại".into(),
        String::new(),
    ]);
    b.push(totals_line(y, true));
    if pending > 0 {
        b.push(String::new());
        b.push(format!(
            "Trong đó {pending} đồng chí theo đề nghị của chi bộ, chờ cấp trên quyết định."
        ));
    }
    b.join("\n")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::rating::RatingVote;

    fn rec(member: &str, proposed: Option<MemberLevel>, not_rated: Option<&str>) -> RatingRecord {
        RatingRecord {
            member: member.into(),
            self_level: proposed,
            proposed,
            vote: proposed.map(|_| RatingVote {
                for_: 10,
                against: 0,
            }),
            decided: None,
            not_rated: not_rated.map(str::to_string),
            pos: Default::default(),
        }
    }

    #[test]
    fn totals_count_the_rated_only_with_their_shares() {
        let y = RatingYear {
            year: 2025,
            source: "content/xep-loai/2025.yaml".into(),
            meeting: None,
            records: vec![
                rec("dv-01", Some(MemberLevel::Htxsnv), None),
                rec("dv-02", Some(MemberLevel::Httnv), None),
                rec("dv-03", Some(MemberLevel::Httnv), None),
                rec("dv-04", None, Some("mới kết nạp")),
            ],
        };
        assert_eq!(
            totals_line(&y, false),
            "Tổng số được xếp loại: 3 đồng chí. Hoàn thành xuất sắc nhiệm vụ: 1 đồng chí (33,3%); Hoàn thành tốt nhiệm vụ: 2 đồng chí (66,7%); Hoàn thành nhiệm vụ: 0 đồng chí (0%); Không hoàn thành nhiệm vụ: 0 đồng chí (0%)."
        );
    }
}
