//! `chibo members [--date D] [--due]`: the private register on a day (its
//! numbers and its members) or the deadlines and milestones coming up;
//! `chibo new member "Họ tên"`: one more member in the register. The
//! register never reaches the website (docs/members.md).

use std::path::Path;

use jiff::civil::Date;

use crate::check::members::due;
use crate::cmd::{CONTENT_ERROR, OK, Outcome, USAGE_ERROR};
use crate::model::Site;
use crate::model::member::{REGISTER_PATH, counts_on};
use crate::vn::short_date;

/// `chibo members [--date D] [--due]`.
pub fn run(root: &Path, date: Option<&str>, show_due: bool) -> Outcome {
    let site = match super::logs_of(root, "Không đọc sổ đảng viên") {
        Ok(s) => s,
        Err(o) => return o,
    };
    let today = crate::check::now_at(site.config.offset_minutes).date();
    let day = match date.map(|d| crate::dates::parse_date(d.trim())) {
        None => today,
        Some(Ok(d)) => d,
        Some(Err(why)) => {
            eprintln!(
                "--date `{}` không hợp lệ: {why}; hãy viết YYYY-MM-DD",
                date.unwrap_or("")
            );
            return USAGE_ERROR;
        }
    };
    if site.members.is_empty() {
        eprintln!(
            "chưa có sổ đảng viên ({REGISTER_PATH}); thêm người đầu tiên bằng `chibo new member \"Họ và tên\"`"
        );
        return CONTENT_ERROR;
    }
    print!(
        "{}",
        if show_due {
            due_text(&site, day)
        } else {
            register_text(&site, day)
        }
    );
    OK
}

/// The register on `day`: the numbers, then each member counted.
pub fn register_text(site: &Site, day: Date) -> String {
    let c = counts_on(&site.members, day);
    let mut out = format!(
        "Sổ đảng viên ngày {}: {} đảng viên ({} chính thức, {} dự bị); miễn sinh hoạt {}; sinh hoạt tạm thời nơi khác {}; sinh hoạt tạm thời tại chi bộ {}.\n\n",
        short_date(day),
        c.total,
        c.chinh_thuc,
        c.du_bi,
        c.mien,
        c.tam_thoi_di,
        c.tam_thoi_den
    );
    for m in &site.members {
        let Some(state) = m.status(day).describe() else {
            continue;
        };
        out.push_str(&format!(
            "{:<8} {:<28} {:<14} {state}\n",
            m.id,
            m.name,
            m.post.label()
        ));
    }
    out
}

/// What falls due within the window from `day`, earliest first.
pub fn due_text(site: &Site, day: Date) -> String {
    let list = due(site, day);
    if list.is_empty() {
        return format!(
            "Không có hạn nào từ {} đến {} ngày sau.\n",
            short_date(day),
            crate::model::member::DUE_WINDOW_DAYS
        );
    }
    let mut out = format!("Các hạn cần làm, tính từ ngày {}:\n", short_date(day));
    for d in list {
        out.push_str(&format!(
            "{} {}{}\n",
            short_date(d.day),
            if d.overdue { "(quá hạn) " } else { "" },
            d.what
        ));
    }
    out
}

/// The dates `new member` may be given.
pub struct Dates<'a> {
    /// `--admitted`: the date in the admission decision.
    pub admitted: Option<&'a str>,
    /// `--ceremony`: the admission ceremony.
    pub ceremony: Option<&'a str>,
    /// `--joined`: the transfer into the cell.
    pub joined: Option<&'a str>,
}

/// `chibo new member "Họ tên"`: the next id, the name, the dates given,
/// and the other keys as comments to fill in, added to the end of the
/// register.
pub fn new_member(root: &Path, name: &str, dates: &Dates<'_>, quiet: bool) -> Outcome {
    let mut given: Vec<(&str, Date)> = Vec::new();
    for (flag, v) in [
        ("admitted", dates.admitted),
        ("ceremony", dates.ceremony),
        ("joined", dates.joined),
    ] {
        let Some(v) = v else { continue };
        match crate::dates::parse_date(v.trim()) {
            Ok(d) => given.push((flag, d)),
            Err(why) => {
                eprintln!("--{flag} `{v}` không hợp lệ: {why}; hãy viết YYYY-MM-DD");
                return USAGE_ERROR;
            }
        }
    }
    if given.is_empty() {
        eprintln!(
            "hãy cho ít nhất một ngày: --admitted (ngày trong quyết định kết nạp), --ceremony (ngày lễ kết nạp) hoặc --joined (ngày chuyển đến chi bộ); ví dụ chibo new member \"{}\" --joined 2025-03-01",
            name.trim()
        );
        return USAGE_ERROR;
    }
    let name = crate::vn::nfc(name.trim());
    if name.is_empty() || name.contains(['\n', '\r']) {
        eprintln!("hãy cho họ và tên trên một dòng, ví dụ chibo new member \"Nguyễn Văn An\"");
        return USAGE_ERROR;
    }
    if !root.join("site.yaml").is_file() {
        eprintln!(
            "Không tìm thấy site.yaml trong {}; hãy chạy lệnh trong thư mục trang hoặc dùng --root.",
            root.display()
        );
        return USAGE_ERROR;
    }
    let write = || crate::edit::member::add(root, &name, &given);
    match write() {
        Ok(id) => {
            if !quiet {
                println!(
                    "Đã thêm {id} ({name}) vào {REGISTER_PATH}; các khóa còn lại ở dạng chú thích để điền."
                );
            }
            OK
        }
        Err(e) => {
            eprintln!("không ghi được {REGISTER_PATH}: {e}");
            CONTENT_ERROR
        }
    }
}
