//! What `chibo new activity` adds to a meeting entry for its papers: the
//! keys of docs/meetings.md as comments to fill in, last month's tasks
//! carried from the last meeting of the same kind (to record their
//! results), and the next resolution number of the term.

use jiff::civil::{Date, DateTime};

use crate::check::number_window;
use crate::model::meeting::next_month_subject;
use crate::model::{Activity, Kind, Site, parse_number, type_code};
use crate::yaml::scalar;

/// The papers' part of a new `kind` entry dated `now`, for `site` (when
/// it loads; without it, only the commented keys).
pub(super) fn skeleton(site: Option<&Site>, kind: Kind, now: DateTime) -> String {
    let mut t = String::from(
        "# Giấy tờ của buổi họp (`chibo meeting NGÀY`); các tên dưới đây không được đăng lên trang:\n# end: 16:00                        # giờ kết thúc\n# secretary: Họ và tên              # thư ký\n# agenda: [Thông tin thời sự, Đánh giá kết quả tháng trước, Nhiệm vụ tháng tới]\n# absent: [{ name: Họ và tên, reason: đi công tác }]   # vắng có lý do\n# unexcused: []                     # vắng không có lý do (họ tên)\n# speakers:\n#   - { name: Họ và tên, item: 2, gist: Ý chính của ý kiến }\n",
    );
    let last = site.and_then(|s| last_meeting(s, kind, now));
    match last.and_then(|a| Some((a, a.meeting.as_ref()?))) {
        Some((a, m)) if !m.tasks.is_empty() => {
            t.push_str(&format!(
                "previous_tasks:                     # nhiệm vụ đề ra ở buổi họp ngày {}: ghi kết quả từng việc\n",
                crate::vn::short_date(a.date.date())
            ));
            for task in &m.tasks {
                t.push_str(&format!(
                    "  - task: {}\n    # result: Kết quả thực hiện\n    # done: true                    # true: đã xong; false: chưa xong\n",
                    scalar(&task.task)
                ));
            }
        }
        _ => t.push_str("# previous_tasks:\n#   - { task: Nhiệm vụ tháng trước, result: Kết quả, done: true }\n"),
    }
    t.push_str("# tasks:\n#   - { task: Nhiệm vụ, who: Chi ủy, due: 2025-12-31 }\n# vote: { method: giơ tay, for: 0 }   # tán thành (against, other: không tán thành, ý kiến khác)\n# conclusion: Kết luận của chủ trì\n# score: { total: 90, level: tot }  # tự chấm điểm (thang 100)\n");
    let number = site.map_or(1, |s| next_resolution(s, now.date()));
    let code = site.map_or("CB", |s| s.config.unit.issuer_code.as_str());
    let subject = next_month_subject(now.date());
    t.push_str(&format!(
        "# resolution: {{ number: {number:02}-NQ/{code}, subject: {subject} }}   # bỏ dấu # nếu chi bộ ra nghị quyết (số kế tiếp trong nhiệm kỳ)\n"
    ));
    t
}

/// The latest meeting of `kind` before `now`.
fn last_meeting(site: &Site, kind: Kind, now: DateTime) -> Option<&Activity> {
    site.activities
        .iter()
        .filter(|a| a.kind() == kind && a.date < now)
        .max_by_key(|a| a.date)
}

/// One more than the highest resolution number of the term `day` falls
/// in: meetings' resolutions and resolution documents alike (numbers run
/// per type for the whole term; docs/rules.md §Numbering).
fn next_resolution(site: &Site, day: Date) -> u32 {
    let term = &site.config.term;
    let window = number_window(day, term);
    let meetings = site
        .activities
        .iter()
        .filter(|a| number_window(a.date.date(), term) == window)
        .filter_map(|a| a.meeting.as_ref()?.resolution.as_ref())
        .filter_map(|r| parse_number(&r.number))
        .filter(|(_, code, _)| *code == "NQ")
        .map(|(n, _, _)| n);
    let documents = site
        .reports
        .iter()
        .filter(|r| type_code(&r.doc_type) == Some("NQ"))
        .filter(|r| number_window(r.date, term) == window)
        .filter_map(|r| parse_number(r.number.as_deref()?))
        .map(|(n, _, _)| n);
    meetings.chain(documents).max().unwrap_or(0) + 1
}
