//! The meeting keys of a log entry (`end`, `secretary`, `guests`, `absent`,
//! …; DESIGN's meeting papers) → [`MeetingRecord`], with the checks that
//! make its papers true: the absent named add up to the attendance, the
//! vote is no larger than the members present, the meeting ends after it
//! starts, a speaker's item is on the agenda.

use jiff::civil::{DateTime, Time};

use crate::diag::Diagnostics;
use crate::model::meeting::{
    Absence, Guest, MeetingRecord, Resolution, Score, Speech, Task, TaskResult, Vote,
};
use crate::model::{Attendance, MeetingRating};
use crate::yaml::{self, Map, Node, Value};

/// Reads the meeting keys of an entry that starts at `start`; `None` when
/// it has none of them.
pub(super) fn parse(
    m: &mut Map<'_>,
    start: Option<DateTime>,
    attendance: Option<&Attendance>,
    path: &str,
    diags: &mut Diagnostics,
) -> Option<Box<MeetingRecord>> {
    let mut r = MeetingRecord::default();
    if let Some(n) = m.get("end") {
        r.end = end_time(n, start, path, diags).map(|e| (e, n.pos));
    }
    r.secretary = m.str("secretary", diags);
    r.guests = items(m.get("guests"), path, "guests", diags, guest);
    let absent = m.get("absent");
    r.absent = items(absent, path, "absent", diags, absence);
    let unexcused = m.get("unexcused");
    r.unexcused = unexcused
        .map(|n| yaml::str_list(n, path, "unexcused", diags))
        .unwrap_or_default()
        .into_iter()
        .map(|(s, _)| s)
        .collect();
    r.absent_pos = absent.or(unexcused).map(|n| n.pos);
    r.agenda = m
        .str_list("agenda", diags)
        .into_iter()
        .map(|(s, _)| s)
        .collect();
    r.speakers = items(m.get("speakers"), path, "speakers", diags, speech);
    r.previous_tasks = items(
        m.get("previous_tasks"),
        path,
        "previous_tasks",
        diags,
        task_result,
    );
    r.tasks = items(m.get("tasks"), path, "tasks", diags, task);
    r.vote = m.get("vote").and_then(|n| vote(n, path, diags));
    r.conclusion = m.str("conclusion", diags);
    r.score = m.get("score").and_then(|n| score(n, path, diags));
    r.resolution = m.get("resolution").and_then(|n| resolution(n, path, diags));
    check(&r, attendance, path, diags);
    (!r.is_empty()).then(|| Box::new(r))
}

/// `end:` as `YYYY-MM-DD HH:MM` or `HH:MM` (the day the meeting began),
/// after the start.
fn end_time(
    n: &Node,
    start: Option<DateTime>,
    path: &str,
    diags: &mut Diagnostics,
) -> Option<DateTime> {
    let text = yaml::text(n, path, "end", diags)?;
    let end = match (clock(text.trim()), start) {
        (Some(t), Some(s)) => s.date().to_datetime(t),
        _ => yaml::datetime(n, path, "end", diags)?.0,
    };
    if let Some(s) = start
        && end <= s
    {
        diags.error(
            path,
            n.pos,
            format!(
                "khóa `end`: giờ kết thúc {} không sau giờ bắt đầu {} (`date`)",
                crate::vn::timestamp(end),
                crate::vn::timestamp(s)
            ),
        );
        return None;
    }
    Some(end)
}

/// `HH:MM` alone.
fn clock(s: &str) -> Option<Time> {
    let (h, m) = s.split_once(':')?;
    if h.len() > 2 || m.len() != 2 {
        return None;
    }
    Time::new(h.parse().ok()?, m.parse().ok()?, 0, 0).ok()
}

/// A list of mappings, each read by `one`; a list is required.
fn items<T>(
    n: Option<&Node>,
    path: &str,
    key: &str,
    diags: &mut Diagnostics,
    one: fn(&Node, &str, &mut Diagnostics) -> Option<T>,
) -> Vec<T> {
    let Some(n) = n else { return Vec::new() };
    match &n.value {
        Value::Seq(v) => v.iter().filter_map(|i| one(i, path, diags)).collect(),
        Value::Null => Vec::new(),
        _ => {
            diags.error(
                path,
                n.pos,
                format!("khóa `{key}` phải là một danh sách (mỗi mục bắt đầu bằng `- `)"),
            );
            Vec::new()
        }
    }
}

fn guest(n: &Node, path: &str, diags: &mut Diagnostics) -> Option<Guest> {
    let mut m = Map::new(n, path, "một khách mời (`guests`)", diags)?;
    let g = Guest {
        name: m.req_str("name", diags).unwrap_or_default(),
        post: m.str("post", diags),
        unit: m.str("unit", diags),
    };
    m.finish(diags);
    (!g.name.is_empty()).then_some(g)
}

fn absence(n: &Node, path: &str, diags: &mut Diagnostics) -> Option<Absence> {
    let mut m = Map::new(n, path, "một người vắng có lý do (`absent`)", diags)?;
    let name = m.req_str("name", diags);
    let reason = m.req_str("reason", diags);
    m.finish(diags);
    Some(Absence {
        name: name?,
        reason: reason?,
    })
}

fn speech(n: &Node, path: &str, diags: &mut Diagnostics) -> Option<Speech> {
    let mut m = Map::new(n, path, "một ý kiến phát biểu (`speakers`)", diags)?;
    let name = m.req_str("name", diags);
    let item = m.count("item", diags);
    let gist = m.req_str("gist", diags);
    m.finish(diags);
    Some(Speech {
        name: name?,
        item,
        gist: gist?,
        pos: n.pos,
    })
}

fn task(n: &Node, path: &str, diags: &mut Diagnostics) -> Option<Task> {
    let mut m = Map::new(n, path, "một nhiệm vụ (`tasks`)", diags)?;
    let task = m.req_str("task", diags);
    let who = m.str("who", diags);
    let due = m.date("due", diags);
    m.finish(diags);
    Some(Task {
        task: task?,
        who,
        due,
    })
}

fn task_result(n: &Node, path: &str, diags: &mut Diagnostics) -> Option<TaskResult> {
    let mut m = Map::new(
        n,
        path,
        "một nhiệm vụ tháng trước (`previous_tasks`)",
        diags,
    )?;
    let task = m.req_str("task", diags);
    let result = m.str("result", diags);
    let done = m.bool("done", diags);
    m.finish(diags);
    Some(TaskResult {
        task: task?,
        result,
        done,
    })
}

fn vote(n: &Node, path: &str, diags: &mut Diagnostics) -> Option<Vote> {
    let mut m = Map::new(n, path, "khối `vote` (biểu quyết)", diags)?;
    let method = m.str("method", diags);
    let for_ = m
        .required("for", diags)
        .and_then(|v| yaml::count(v, path, "for", diags));
    let against = m.count("against", diags).unwrap_or(0);
    let other = m.count("other", diags).unwrap_or(0);
    m.finish(diags);
    Some(Vote {
        method,
        for_: for_?,
        against,
        other,
        pos: n.pos,
    })
}

fn score(n: &Node, path: &str, diags: &mut Diagnostics) -> Option<Score> {
    let mut m = Map::new(n, path, "khối `score` (chấm điểm)", diags)?;
    let total_node = m.required("total", diags);
    let total = total_node.and_then(|v| points(v, path, "total", diags));
    let level = m.get("level").and_then(|v| {
        let s = yaml::text(v, path, "level", diags)?;
        let level = MeetingRating::from_id(s.trim());
        if level.is_none() {
            diags.error(
                path,
                v.pos,
                format!(
                    "khóa `level`: `{s}` không phải một mức xếp loại; các mức: {}",
                    crate::diag::list(MeetingRating::IDS)
                ),
            );
        }
        level
    });
    let mut items = Vec::new();
    if let Some(v) = m.get("items") {
        match &v.value {
            Value::Map(entries) => {
                for (k, p) in entries {
                    if let Some(x) = points(p, path, &k.name, diags) {
                        items.push((k.name.clone(), x));
                    }
                }
            }
            _ => diags.error(
                path,
                v.pos,
                "khóa `items`: hãy viết điểm của từng tiêu chí, mỗi dòng `tên_tiêu_chí: điểm`",
            ),
        }
    }
    m.finish(diags);
    let total = total?;
    if total > 100.0 {
        diags.error(
            path,
            total_node.map_or(n.pos, |v| v.pos),
            format!(
                "khóa `total`: {} điểm, quá thang 100 điểm",
                crate::vn::decimal(total, 1)
            ),
        );
        return None;
    }
    Some(Score {
        total,
        level,
        items,
        pos: n.pos,
    })
}

/// Points (or a percent): a number from 0.
pub(super) fn points(v: &Node, path: &str, key: &str, diags: &mut Diagnostics) -> Option<f64> {
    let x = match v.value {
        Value::Int(i) => i as f64,
        Value::Float(f) => f,
        _ => f64::NAN,
    };
    if x.is_finite() && x >= 0.0 {
        return Some(x);
    }
    diags.error(
        path,
        v.pos,
        format!("khóa `{key}` phải là một số không âm, ví dụ 92 hoặc 8,5 viết là 8.5"),
    );
    None
}

fn resolution(n: &Node, path: &str, diags: &mut Diagnostics) -> Option<Resolution> {
    let mut m = Map::new(n, path, "khối `resolution` (nghị quyết)", diags)?;
    let number = m.req_str("number", diags);
    let subject = m.req_str("subject", diags);
    m.finish(diags);
    let number = number?.trim().to_string();
    if !number.contains("-NQ/") {
        diags.error(
            path,
            n.pos,
            format!(
                "khóa `number`: số nghị quyết `{number}` phải có dạng SỐ-NQ/MÃ, ví dụ 05-NQ/CB"
            ),
        );
        return None;
    }
    Some(Resolution {
        number,
        subject: subject?,
        pos: n.pos,
    })
}

/// The checks between the record's parts and the entry's attendance.
fn check(r: &MeetingRecord, attendance: Option<&Attendance>, path: &str, diags: &mut Diagnostics) {
    if let (Some(a), Some(at)) = (attendance, r.absent_pos) {
        let named = (r.absent.len() + r.unexcused.len()) as u32;
        let absent = a.total - a.exempt - a.present;
        if named != absent {
            diags.error(
                path,
                at,
                format!(
                    "tên người vắng không khớp số liệu: `absent` có {} người và `unexcused` có {} người, cộng {named}, nhưng `attendance` cho thấy vắng {absent} (total {} − exempt {} − present {})",
                    r.absent.len(),
                    r.unexcused.len(),
                    a.total,
                    a.exempt,
                    a.present
                ),
            );
        } else if let Some(e) = a.excused
            && e as usize != r.absent.len()
        {
            diags.error(
                path,
                at,
                format!(
                    "`absent` có {} người vắng có lý do nhưng `attendance.excused` là {e}",
                    r.absent.len()
                ),
            );
        }
    }
    if let (Some(v), Some(a)) = (&r.vote, attendance)
        && v.voters() > a.present
    {
        diags.error(
            path,
            v.pos,
            format!(
                "biểu quyết có {} phiếu (tán thành {} + không tán thành {} + ý kiến khác {}), nhiều hơn {} đảng viên có mặt (`attendance.present`)",
                v.voters(),
                v.for_,
                v.against,
                v.other,
                a.present
            ),
        );
    }
    for s in &r.speakers {
        if let Some(i) = s.item
            && (i == 0 || i as usize > r.agenda.len())
        {
            diags.error(
                path,
                s.pos,
                format!(
                    "ý kiến của {} ghi `item: {i}`, nhưng `agenda` chỉ có {} nội dung (đánh số từ 1)",
                    s.name,
                    r.agenda.len()
                ),
            );
        }
    }
}

#[cfg(test)]
mod tests {
    use std::collections::{HashMap, HashSet};

    use super::*;
    use crate::load::activity::{Refs, parse_activities};
    use crate::model::Activity;

    fn parse(text: &str) -> (Vec<Activity>, String) {
        let (docs, files) = (HashMap::new(), HashSet::new());
        let refs = Refs {
            config: None,
            documents: &docs,
            static_files: &files,
        };
        let mut d = Diagnostics::default();
        let v = parse_activities(text, "content/activities/a.yaml", &refs, &mut d);
        (v, d.render())
    }

    const FULL: &str = "\
- kind: sinh_hoat_thuong_ky
  date: 2023-11-10 14:00
  end: 16:05
  chair: Nguyễn Văn An
  secretary: Trần Thị Bình
  guests: [{ name: Lê Văn Cường, post: Ủy viên Ban Thường vụ, unit: Đảng ủy Khối các cơ quan tỉnh }]
  attendance: { total: 26, exempt: 1, present: 22, excused: 2 }
  absent: [{ name: Phạm Văn Dũng, reason: đi công tác }, { name: Hoàng Thị Én, reason: ốm }]
  unexcused: [Đỗ Văn Giang]
  agenda: [Thông tin thời sự, Đánh giá kết quả tháng 10, Nhiệm vụ tháng 12]
  speakers:
    - { name: Trần Thị Bình, item: 2, gist: Đề nghị bổ sung chỉ tiêu }
  previous_tasks: [{ task: Hoàn thành báo cáo quý, result: Đã nộp đúng hạn, done: true }]
  tasks: [{ task: Chuẩn bị hội nghị, who: Chi ủy, due: 2023-12-31 }]
  vote: { method: giơ tay, for: 22 }
  conclusion: Thống nhất nội dung.
  score: { total: 92.5, level: tot, items: { chuan_bi: 10 } }
  resolution: { number: 05-NQ/CB, subject: về nhiệm vụ tháng 12 năm 2023 }
";

    #[test]
    fn a_full_meeting_record_loads_with_a_time_only_end() {
        let (v, d) = parse(FULL);
        assert_eq!(d, "");
        let r = v[0].meeting.as_ref().unwrap();
        assert_eq!(r.end.unwrap().0.to_string(), "2023-11-10T16:05:00");
        assert_eq!(r.absent.len() + r.unexcused.len(), 3);
        assert_eq!(r.speakers[0].item, Some(2));
        assert_eq!(r.tasks[0].due.unwrap().to_string(), "2023-12-31");
        assert_eq!(r.vote.as_ref().unwrap().voters(), 22);
        assert_eq!(r.score.as_ref().unwrap().total, 92.5);
        assert_eq!(r.resolution.as_ref().unwrap().number, "05-NQ/CB");
        assert!(r.names().contains(&"Đỗ Văn Giang"));
    }

    #[test]
    fn an_entry_without_meeting_keys_has_no_record() {
        let (v, d) = parse(
            "- kind: sinh_hoat_thuong_ky\n  date: 2023-11-10\n  attendance: { total: 5, present: 5 }\n",
        );
        assert_eq!(d, "");
        assert!(v[0].meeting.is_none());
    }

    #[test]
    fn absent_names_that_do_not_add_up_are_an_error_at_absent() {
        let text = FULL.replace("unexcused: [Đỗ Văn Giang]", "unexcused: []");
        let (v, d) = parse(&text);
        assert!(v.is_empty());
        assert_eq!(
            d,
            "content/activities/a.yaml:8:11: tên người vắng không khớp số liệu: `absent` có 2 người và `unexcused` có 0 người, cộng 2, nhưng `attendance` cho thấy vắng 3 (total 26 − exempt 1 − present 22)\n"
        );
        let text = FULL.replace("excused: 2 }", "excused: 1 }");
        let (_, d) = parse(&text);
        assert!(
            d.contains(":8:11: `absent` có 2 người vắng có lý do nhưng `attendance.excused` là 1"),
            "{d}"
        );
    }

    #[test]
    fn a_vote_larger_than_those_present_is_an_error_at_vote() {
        let text = FULL.replace("for: 22 }", "for: 20, against: 2, other: 1 }");
        let (_, d) = parse(&text);
        assert!(
            d.contains(":15:9: biểu quyết có 23 phiếu (tán thành 20 + không tán thành 2 + ý kiến khác 1), nhiều hơn 22 đảng viên có mặt"),
            "{d}"
        );
    }

    #[test]
    fn an_end_before_the_start_and_an_item_off_the_agenda_are_errors() {
        let text = FULL
            .replace("end: 16:05", "end: 2023-11-10 13:30")
            .replace("item: 2", "item: 4");
        let (_, d) = parse(&text);
        assert!(
            d.contains(":3:8: khóa `end`: giờ kết thúc 10-11-2023 13:30 không sau giờ bắt đầu 10-11-2023 14:00"),
            "{d}"
        );
        assert!(
            d.contains(
                ":12:7: ý kiến của Trần Thị Bình ghi `item: 4`, nhưng `agenda` chỉ có 3 nội dung"
            ),
            "{d}"
        );
    }

    #[test]
    fn meeting_keys_belong_to_meetings_only() {
        let (_, d) = parse(
            "- kind: dan_van\n  date: 2023-11-10\n  topic: Giúp dân\n  secretary: Trần Thị Bình\n",
        );
        assert!(d.contains(":4:3: khóa `secretary` không hợp lệ"), "{d}");
    }

    #[test]
    fn a_resolution_number_must_be_an_nq_number() {
        let (_, d) = parse(&FULL.replace("05-NQ/CB", "05-BC/CB"));
        assert!(
            d.contains("số nghị quyết `05-BC/CB` phải có dạng SỐ-NQ/MÃ, ví dụ 05-NQ/CB"),
            "{d}"
        );
    }

    #[test]
    fn the_loader_reads_the_paper_keys_in_the_order_the_model_gives() {
        use crate::model::meeting::PAPER_KEYS;
        // A wrong key lists the valid ones, in the order they are read.
        let (_, d) = parse(&FULL.replace("  end: 16:05\n", "  end: 16:05\n  zzz: 1\n"));
        let listed = d.split("các khóa hợp lệ: ").nth(1).unwrap_or_default();
        let papers: Vec<&str> = PAPER_KEYS.iter().map(|(k, _)| *k).collect();
        let at = listed.find("end, ").expect(&d);
        assert!(listed[at..].starts_with(&papers.join(", ")), "{listed}");
        // And each part's keys, when a part holds a wrong one.
        for (key, parts) in PAPER_KEYS.iter().filter(|(_, p)| !p.is_empty()) {
            let text = format!(
                "- kind: sinh_hoat_thuong_ky\n  date: 2023-11-10\n  {key}: [{{ zzz: 1 }}]\n"
            );
            let text = if matches!(*key, "vote" | "score" | "resolution") {
                text.replace("[{ zzz: 1 }]", "{ zzz: 1 }")
            } else {
                text
            };
            let (_, d) = parse(&text);
            let want = format!("các khóa hợp lệ: {}\n", parts.join(", "));
            assert!(d.contains(&want), "{key}: {d}");
        }
    }
}
