//! What `chibo new activity` adds to a meeting entry for its papers: the
//! keys of docs/meetings.md as comments to fill in, last month's tasks
//! carried from the last meeting of the same kind (to record their
//! results), and the next resolution number of the term.

use jiff::civil::DateTime;

use crate::check::meetings::carried;
use crate::model::meeting::next_month_subject;
use crate::model::{Kind, Site};
use crate::yaml::scalar;

/// The papers' part of a new `kind` entry dated `now`, for `site` (when
/// it loads; without it, only the commented keys).
pub(super) fn skeleton(site: Option<&Site>, kind: Kind, now: DateTime) -> String {
    let mut t = String::from(
        "# Giấy tờ của buổi họp (`chibo meeting NGÀY`); các tên dưới đây không được đăng lên trang:\n# end: 16:00                        # giờ kết thúc\n# secretary: Họ và tên              # thư ký\n# agenda: [Thông tin thời sự, Đánh giá kết quả tháng trước, Nhiệm vụ tháng tới]\n# absent: [{ name: Họ và tên, reason: đi công tác }]   # vắng có lý do\n# unexcused: []                     # vắng không có lý do (họ tên)\n# speakers:\n#   - { name: Họ và tên, item: 2, gist: Ý chính của ý kiến }\n",
    );
    let carried = site.map(|s| carried(s, kind, now));
    let last = carried.as_ref().and_then(|c| c.last);
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
    let (number, subject) = match carried {
        Some(c) => (c.number, c.subject),
        None => ("01-NQ/CB".to_string(), next_month_subject(now.date())),
    };
    t.push_str(&format!(
        "# resolution: {{ number: {number}, subject: {subject} }}   # bỏ dấu # nếu chi bộ ra nghị quyết (số kế tiếp trong nhiệm kỳ)\n"
    ));
    t
}
