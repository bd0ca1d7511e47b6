//! The papers prepared before a meeting (`chibo meeting DATE --before`):
//! the agenda (CHƯƠNG TRÌNH) in the order of business of Hướng dẫn
//! 12-HD/BTCTW §II.1.2, filled from the entry, and the draft resolution
//! (DỰ THẢO), whose members' numbers and vote are blanks until the
//! meeting (docs/meetings.md).

use super::{
    BLANK, Parts, document, md, meeting_name, or_blank, resolution, resolution_body, suffix,
};
use crate::model::meeting::{MeetingRecord, next_month_subject};
use crate::model::{Activity, Report, Signer, Site};
use crate::vn;

/// The agenda, then the draft resolution, of the meeting `a`.
pub fn before(site: &Site, a: &Activity) -> Vec<Report> {
    let empty = MeetingRecord::default();
    let r = a.meeting.as_deref().unwrap_or(&empty);
    let agenda = Report {
        unnumbered: true,
        ..document(
            a,
            &format!("chuong-trinh{}", suffix(a)),
            "CHƯƠNG TRÌNH",
            &meeting_name(a),
            None,
            Signer {
                on_behalf: "T/M CHI ỦY".into(),
                title: "BÍ THƯ".into(),
                name: a.chair.clone().unwrap_or_default(),
            },
            agenda_body(site, a, r),
        )
    };
    let subject = r.resolution.as_ref().map_or_else(
        || next_month_subject(a.date.date()),
        |res| res.subject.clone(),
    );
    let mut draft = resolution(
        site,
        a,
        &format!("du-thao-nghi-quyet{}", suffix(a)),
        &subject,
        r.resolution.as_ref().map(|res| res.number.clone()),
        resolution_body(site, a, r, true),
    );
    draft.draft = true;
    vec![agenda, draft]
}

/// The order of business: the opening, the items of the entry's agenda
/// (else its topics, else blanks), the closing.
fn agenda_body(site: &Site, a: &Activity, r: &MeetingRecord) -> String {
    let when = if a.has_time {
        format!(
            "{} giờ {:02} phút, {}",
            a.date.hour(),
            a.date.minute(),
            vn::long_date(a.date.date())
        )
    } else {
        format!("{BLANK}, {}", vn::long_date(a.date.date()))
    };
    let mut b = vec![
        format!("- Thời gian: {when}."),
        format!("- Địa điểm: {}.", or_blank(a.place.as_deref())),
        format!("- Chủ trì: đồng chí {}.", or_blank(a.chair.as_deref())),
        format!(
            "- Thành phần: đảng viên {}{}.",
            md(&site.config.unit.name),
            guests(r)
        ),
    ];
    let mut part = Parts::default();
    b.extend(part.next("Phần mở đầu"));
    b.extend([
        "1. Tuyên bố lý do, giới thiệu đại biểu.".to_string(),
        format!(
            "2. Cử thư ký{}.",
            r.secretary
                .as_deref()
                .map(|s| format!(" (dự kiến: đồng chí {})", md(s)))
                .unwrap_or_default()
        ),
        "3. Thông báo tình hình đảng viên dự sinh hoạt: có mặt, vắng có lý do, vắng không có lý do.".into(),
        "4. Thông qua nội dung, chương trình sinh hoạt.".into(),
    ]);
    b.extend(part.next("Nội dung"));
    let items = items(a, r);
    let mut n = 0;
    if !r.previous_tasks.is_empty() {
        n += 1;
        b.push(format!(
            "{n}. Đánh giá kết quả thực hiện Nghị quyết tháng trước:"
        ));
        for t in &r.previous_tasks {
            b.push(format!("    - {}", md(&t.task)));
        }
    }
    for item in &items {
        n += 1;
        b.push(format!("{n}. {item}"));
    }
    if n == 0 {
        b.push(format!("1. {BLANK}"));
    }
    b.extend(part.next("Phần kết thúc"));
    b.extend([
        "1. Tổng hợp ý kiến; chủ trì kết luận; biểu quyết thông qua nghị quyết.".to_string(),
        "2. Phân công nhiệm vụ, thời hạn thực hiện.".into(),
        "3. Tự đánh giá, chấm điểm chất lượng buổi sinh hoạt.".into(),
        "4. Thư ký đọc biên bản; chi bộ thông qua biên bản.".into(),
    ]);
    b.join("\n")
}

/// ", đại biểu: đồng chí A (post, unit)" for the guests, if any.
fn guests(r: &MeetingRecord) -> String {
    let names: Vec<String> = r
        .guests
        .iter()
        .map(|g| {
            let mut s = format!("đồng chí {}", md(&g.name));
            let about: Vec<String> = [&g.post, &g.unit]
                .into_iter()
                .flatten()
                .map(|x| md(x))
                .collect();
            if !about.is_empty() {
                s.push_str(&format!(" ({})", about.join(", ")));
            }
            s
        })
        .collect();
    if names.is_empty() {
        String::new()
    } else {
        format!("; đại biểu: {}", names.join("; "))
    }
}

/// The items of business, escaped, each a sentence.
fn items(a: &Activity, r: &MeetingRecord) -> Vec<String> {
    super::agenda_items(a, r)
        .iter()
        .map(|s| super::sentence(&md(s)))
        .collect()
}
