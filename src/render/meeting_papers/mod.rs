//! A meeting's papers, written from its log entry only: the minutes
//! (BIÊN BẢN) and the resolution (NGHỊ QUYẾT), each as a document in the
//! report's form (36-HD/VPTW header, title, body, signatures), so that its
//! page and Word file come from the report's renderer. What the entry does
//! not hold is left as a dotted blank to fill in by hand, never invented
//! (docs/meetings.md).

use jiff::civil::DateTime;

use crate::model::meeting::{MeetingRecord, ScoringSheet, minutes};
use crate::model::{Activity, Attendance, Details, Kind, Period, Report, Signer, Site};
use crate::vn;

/// A blank to fill in by hand.
pub(crate) const BLANK: &str = "……………";

mod before;
mod day;
mod people;
pub use before::before;
pub use day::{PaperFile, meetings_on, render_day, render_papers};
use people::{Body, attendance_lines, split_of};

/// The papers of the meeting `a` (a meeting kind) of `site`, after it is
/// held: its minutes, then its resolution when the entry names one.
pub fn papers(site: &Site, a: &Activity) -> Vec<Report> {
    let empty = MeetingRecord::default();
    let r = a.meeting.as_deref().unwrap_or(&empty);
    let minutes = document(
        a,
        &format!("bien-ban{}", suffix(a)),
        "BIÊN BẢN",
        &meeting_name(a),
        None,
        Signer {
            on_behalf: String::new(),
            title: "CHỦ TRÌ".into(),
            name: a.chair.clone().unwrap_or_default(),
        },
        minutes_body(site, a, r),
    );
    let minutes = Report {
        unnumbered: true,
        countersigner: Some(Signer {
            on_behalf: String::new(),
            title: "THƯ KÝ".into(),
            name: r.secretary.clone().unwrap_or_default(),
        }),
        ..minutes
    };
    let mut docs = vec![minutes];
    if let Some(res) = &r.resolution {
        docs.push(resolution(
            site,
            a,
            &format!("nghi-quyet{}", suffix(a)),
            &res.subject,
            Some(res.number.clone()),
            resolution_body(site, a, r, false),
        ));
    }
    docs
}

/// What the kind adds to the files' names: nothing for the regular
/// meeting, `-chuyen-de`, `-cap-uy`.
fn suffix(a: &Activity) -> &'static str {
    match a.kind() {
        Kind::ChuyenDe => "-chuyen-de",
        Kind::CapUy => "-cap-uy",
        _ => "",
    }
}

/// A resolution of the cell: T/M CHI BỘ, BÍ THƯ (the chair's name), sent
/// to the superior, the members and the file.
fn resolution(
    site: &Site,
    a: &Activity,
    name: &str,
    subject: &str,
    number: Option<String>,
    body: String,
) -> Report {
    let mut doc = document(
        a,
        name,
        "NGHỊ QUYẾT",
        subject,
        number,
        Signer {
            on_behalf: "T/M CHI BỘ".into(),
            title: "BÍ THƯ".into(),
            name: a.chair.clone().unwrap_or_default(),
        },
        body,
    );
    doc.recipients = vec![
        format!(
            "{} (để báo cáo)",
            site.config.unit.superior.replace('\n', " ")
        ),
        "Các đồng chí đảng viên".into(),
        "Lưu Chi bộ".into(),
    ];
    doc
}

/// A document of the meeting, dated the meeting's day.
#[allow(clippy::too_many_arguments)]
fn document(
    a: &Activity,
    name: &str,
    doc_type: &str,
    subject: &str,
    number: Option<String>,
    signer: Signer,
    body: String,
) -> Report {
    let day = a.date.date();
    Report {
        source: a.source.clone(),
        name: name.to_string(),
        doc_type: doc_type.to_string(),
        subject: subject.to_string(),
        number,
        number_pos: a.pos,
        date: day,
        date_pos: a.pos,
        period: Period { from: day, to: day },
        period_pos: a.pos,
        signer,
        countersigner: None,
        unnumbered: false,
        recipients: Vec::new(),
        draft: false,
        publish: false,
        body: format!("{{% raw %}}{body}{{% endraw %}}"),
        body_line: a.pos.line,
    }
}

/// "sinh hoạt chi bộ thường kỳ tháng 11 năm 2023".
fn meeting_name(a: &Activity) -> String {
    let d = a.date.date();
    let what = match a.kind() {
        Kind::ChuyenDe => "sinh hoạt chuyên đề",
        Kind::CapUy => "họp chi ủy",
        _ => "sinh hoạt chi bộ thường kỳ",
    };
    format!("{what} tháng {} năm {}", d.month(), d.year())
}

/// Text from the log, safe as Markdown text: no markup, no template
/// syntax, one line.
pub(crate) fn md(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '\n' | '\r' => out.push(' '),
            '{' => out.push_str("&#123;"),
            '}' => out.push_str("&#125;"),
            '\\' | '`' | '*' | '_' | '[' | ']' | '<' | '>' | '|' | '#' | '!' | '~' | '&' => {
                out.push('\\');
                out.push(c);
            }
            c => out.push(c),
        }
    }
    out
}

/// "14 giờ 00 phút".
fn clock(t: DateTime) -> String {
    format!("{} giờ {:02} phút", t.hour(), t.minute())
}

/// Text ending as a sentence does.
fn sentence(s: &str) -> String {
    let t = s.trim_end();
    if t.ends_with(['.', '!', '?', ':', ';', '…']) {
        t.to_string()
    } else {
        format!("{t}.")
    }
}

fn or_blank(s: Option<&str>) -> String {
    s.map(md).unwrap_or_else(|| BLANK.to_string())
}

/// The opening sentence: when, where, who.
fn opening(site: &Site, a: &Activity) -> String {
    let time = if a.has_time {
        format!(
            "Vào hồi {}, {}",
            clock(a.date),
            vn::long_date(a.date.date())
        )
    } else {
        format!("Vào hồi {BLANK}, {}", vn::long_date(a.date.date()))
    };
    let who = if a.kind() == Kind::CapUy {
        format!("Chi ủy {}", md(&site.config.unit.name))
    } else {
        md(&site.config.unit.name)
    };
    // A thematic meeting says its subject here: the title names only the
    // month.
    let topic = match &a.details {
        Details::ChuyenDe { topic, .. } if !topic.trim().is_empty() => {
            format!(" với chuyên đề “{}”", md(topic.trim()))
        }
        _ => String::new(),
    };
    format!(
        "{time}, tại {}, {who} tiến hành {}{topic}.",
        or_blank(a.place.as_deref()),
        meeting_name(a)
    )
}

/// Numbered parts: "## I. …", "## II. …".
#[derive(Default)]
struct Parts(i64);

impl Parts {
    fn next(&mut self, title: &str) -> Vec<String> {
        self.0 += 1;
        vec![
            String::new(),
            format!("## {}. {title}", vn::roman(self.0)),
            String::new(),
        ]
    }
}

fn minutes_body(site: &Site, a: &Activity, r: &MeetingRecord) -> String {
    let mut part = Parts::default();
    let mut b = vec![opening(site, a)];
    b.extend(part.next("Thành phần"));
    b.push(format!(
        "- Chủ trì: đồng chí {}.",
        or_blank(a.chair.as_deref())
    ));
    b.push(format!(
        "- Thư ký: đồng chí {}.",
        or_blank(r.secretary.as_deref())
    ));
    let body = Body::of(a.kind());
    for l in attendance_lines(a.kind(), a.attendance(), r, &split_of(site, a)) {
        b.push(format!("- {l}"));
    }
    for g in &r.guests {
        let mut s = format!("- Đại biểu dự: đồng chí {}", md(&g.name));
        for part in [&g.post, &g.unit].into_iter().flatten() {
            s.push_str(&format!(", {}", md(part)));
        }
        s.push('.');
        b.push(s);
    }
    b.extend(part.next("Nội dung và diễn biến"));
    let topics = agenda_items(a, r);
    for (i, t) in topics.iter().enumerate() {
        b.push(format!("{}. {}", i + 1, md(t)));
        for s in r.speakers.iter().filter(|s| s.item == Some(i as u32 + 1)) {
            b.push(format!(
                "    - Đồng chí {}: {}",
                md(&s.name),
                sentence(&md(&s.gist))
            ));
        }
    }
    let loose: Vec<_> = r.speakers.iter().filter(|s| s.item.is_none()).collect();
    if !loose.is_empty() {
        b.extend([String::new(), "Ý kiến phát biểu:".into(), String::new()]);
        for s in loose {
            b.push(format!(
                "- Đồng chí {}: {}",
                md(&s.name),
                sentence(&md(&s.gist))
            ));
        }
    }
    b.extend(task_parts(&mut part, r));
    b.extend(part.next("Kết luận của chủ trì"));
    b.push(or_blank(r.conclusion.as_deref()));
    // A committee meeting is not scored on the cell's sheet unless its
    // entry says so.
    let scored = a.kind() != Kind::CapUy || r.score.is_some();
    b.extend(part.next(if scored {
        "Biểu quyết và tự đánh giá"
    } else {
        "Biểu quyết"
    }));
    b.push(format!("- {}", vote_line(r, a.attendance())));
    if scored {
        b.push(format!("- {}", score_line(r, &site.scoring)));
    }
    b.push(String::new());
    let end = match r.end {
        Some((e, _)) => format!(
            "{} kết thúc vào hồi {} cùng ngày ({} phút)",
            body.event,
            clock(e),
            minutes(a.date, e)
        ),
        None => format!("{} kết thúc vào hồi {BLANK} cùng ngày", body.event),
    };
    b.push(format!(
        "{end}; biên bản đã được đọc lại cho {} nghe và nhất trí thông qua.",
        body.who
    ));
    b.join("\n")
}

/// The items of business: the entry's agenda, else its topics (as
/// written in the log; escape them to print).
fn agenda_items(a: &Activity, r: &MeetingRecord) -> Vec<String> {
    if !r.agenda.is_empty() {
        return r.agenda.clone();
    }
    match &a.details {
        Details::SinhHoatThuongKy { topics, .. } => topics.clone(),
        Details::ChuyenDe { topic, .. } => vec![topic.clone()],
        _ => Vec::new(),
    }
}

/// The parts on last month's tasks (a table) and the coming month's (a
/// list), each only when the entry has some.
fn task_parts(part: &mut Parts, r: &MeetingRecord) -> Vec<String> {
    let mut b = Vec::new();
    if !r.previous_tasks.is_empty() {
        b.extend(part.next("Kết quả thực hiện nhiệm vụ tháng trước"));
        b.extend(previous_tasks_table(r));
    }
    if !r.tasks.is_empty() {
        b.extend(part.next("Nhiệm vụ tháng tới"));
        b.extend(tasks_list(r));
    }
    b
}

/// Last month's tasks as a table: what was set, done or not, the result.
fn previous_tasks_table(r: &MeetingRecord) -> Vec<String> {
    let mut b = vec![
        "| TT | Nhiệm vụ đề ra tại Nghị quyết tháng trước | Tình trạng | Kết quả thực hiện |"
            .into(),
        "|---|---|---|---|".into(),
    ];
    for (i, t) in r.previous_tasks.iter().enumerate() {
        let state = match t.done {
            Some(true) => "Đã hoàn thành",
            Some(false) => "Chưa hoàn thành",
            None => BLANK,
        };
        b.push(format!(
            "| {} | {} | {state} | {} |",
            i + 1,
            md(&t.task),
            or_blank(t.result.as_deref())
        ));
    }
    b
}

/// The tasks decided, numbered, each with who and by when.
fn tasks_list(r: &MeetingRecord) -> Vec<String> {
    let mut b = Vec::new();
    for (i, t) in r.tasks.iter().enumerate() {
        let mut s = format!("{}. {}", i + 1, sentence(&md(&t.task)));
        if let Some(w) = &t.who {
            s.push_str(&format!(" Thực hiện: {}.", md(w)));
        }
        if let Some(d) = t.due {
            s.push_str(&format!(" Thời hạn: {}.", vn::short_date(d)));
        }
        b.push(s);
    }
    b
}

/// "Biểu quyết bằng hình thức giơ tay: 22/22 đồng chí có mặt tán thành (100%), …".
fn vote_line(r: &MeetingRecord, at: Option<&Attendance>) -> String {
    let Some(v) = &r.vote else {
        return format!("Biểu quyết: {BLANK}");
    };
    let method = v.method.as_deref().map(md).unwrap_or_else(|| BLANK.into());
    let share = at
        .filter(|a| a.present > 0)
        .map(|a| {
            format!(
                "{}/{} đồng chí có mặt tán thành ({}%)",
                v.for_,
                a.present,
                vn::decimal(100.0 * v.for_ as f64 / a.present as f64, 1)
            )
        })
        .unwrap_or_else(|| format!("{} đồng chí tán thành", v.for_));
    format!(
        "Biểu quyết bằng hình thức {method}: {share}; {} không tán thành; {} ý kiến khác.",
        v.against, v.other
    )
}

/// The self-assessment: the total, the level, and each criterion's points
/// of the most it gives, in the sheet's order.
fn score_line(r: &MeetingRecord, sheet: &ScoringSheet) -> String {
    let Some(s) = &r.score else {
        return format!("Tự đánh giá chất lượng buổi sinh hoạt: {BLANK} điểm.");
    };
    let items: Vec<String> = sheet
        .criteria
        .iter()
        .filter_map(|c| {
            let (_, p) = s.items.iter().find(|(id, _)| *id == c.id)?;
            Some(format!(
                "{} {}/{}",
                md(&c.label),
                vn::decimal(*p, 1),
                vn::decimal(c.points, 1)
            ))
        })
        .collect();
    format!(
        "Tự đánh giá chất lượng buổi sinh hoạt: {} điểm{}{}.",
        vn::decimal(s.total, 1),
        s.level
            .map(|l| format!(", xếp loại {}", l.label()))
            .unwrap_or_default(),
        if items.is_empty() {
            String::new()
        } else {
            format!(" ({})", items.join("; "))
        }
    )
}

/// The resolution's body; `before` the meeting (its draft), the members'
/// numbers, the length and the vote are blanks to fill in.
fn resolution_body(site: &Site, a: &Activity, r: &MeetingRecord, before: bool) -> String {
    let mut b = vec![opening(site, a)];
    if before {
        b.extend(attendance_lines(a.kind(), None, r, ""));
    } else {
        b.extend(attendance_lines(
            a.kind(),
            a.attendance(),
            r,
            &split_of(site, a),
        ));
    }
    if !before && let Some((e, _)) = r.end {
        b.push(format!("Thời gian sinh hoạt: {} phút.", minutes(a.date, e)));
    }
    b.push(format!(
        "Chủ trì: đồng chí {}; thư ký: đồng chí {}.",
        or_blank(a.chair.as_deref()),
        or_blank(r.secretary.as_deref())
    ));
    b.push(String::new());
    b.push("Chi bộ thảo luận và thống nhất:".into());
    let mut part = Parts::default();
    b.extend(task_parts(&mut part, r));
    let mut by_who: Vec<(String, Vec<usize>)> = Vec::new();
    for (i, t) in r.tasks.iter().enumerate() {
        let who = t.who.clone().unwrap_or_else(|| BLANK.into());
        match by_who.iter_mut().find(|(w, _)| *w == who) {
            Some((_, v)) => v.push(i + 1),
            None => by_who.push((who, vec![i + 1])),
        }
    }
    if !by_who.is_empty() {
        b.extend(part.next("Phân công thực hiện"));
        for (who, items) in by_who {
            let items: Vec<String> = items.iter().map(|i| i.to_string()).collect();
            b.push(format!("- {}: nhiệm vụ {}.", md(&who), items.join(", ")));
        }
    }
    b.push(String::new());
    if before {
        b.push(format!(
            "Nghị quyết được {BLANK}/{BLANK} đồng chí có mặt tán thành, đạt {BLANK}%."
        ));
    } else {
        b.push(format!(
            "Nghị quyết được thông qua. {}",
            vote_line(r, a.attendance())
        ));
    }
    b.join("\n")
}
