//! One member added to the private register (`content/dang-vien.yaml`),
//! for `chibo new member` and the preview's members page: the next id,
//! the name and the dates given, the other keys as comments to fill in,
//! appended as a person would write it; the file's other bytes are kept,
//! and the register must still read without a new error.

use std::path::Path;

use jiff::civil::Date;

use super::{EditError, FieldError};
use crate::diag::Diagnostics;
use crate::disk::{Dir, DiskError, Expect, split};
use crate::model::member::{Member, REGISTER_PATH};

/// What a new register starts with.
const HEADER: &str = "# Sổ đảng viên của chi bộ: nội bộ, không bao giờ được đăng lên trang.\n# Chỉ ghi các khóa dưới đây (docs/members.md); không ghi số căn cước, số thẻ, ngày sinh, dân tộc, tôn giáo, gia đình.\n";

/// Adds `name` with the dates `given` (`admitted`, `ceremony`, `joined`)
/// to the register; its new id.
pub fn add(root: &Path, name: &str, given: &[(&str, Date)]) -> Result<String, EditError> {
    let name = crate::vn::nfc(name.trim());
    if name.is_empty() || name.contains(['\n', '\r']) || name.chars().count() > 100 {
        return Err(EditError::Invalid(vec![FieldError {
            field: "name".into(),
            message: "hãy ghi họ và tên trên một dòng (không quá 100 chữ)".into(),
        }]));
    }
    let (dir, file) = split(REGISTER_PATH);
    let d = Dir::open(root, dir, true)?;
    let old = d.read(file)?;
    let text = old
        .as_ref()
        .map(|(b, _)| String::from_utf8_lossy(b).into_owned())
        .unwrap_or_default();
    let mut before = Diagnostics::default();
    let members = crate::load::members::parse(&text, &mut before);
    let id = next_id(&members);
    let eol = if text.contains("\r\n") { "\r\n" } else { "\n" };
    let mut out = text.clone();
    if !out.is_empty() && !out.ends_with('\n') {
        out.push_str(eol);
    }
    if out.is_empty() {
        out.push_str(HEADER);
    }
    out.push_str(&entry_text(&id, &name, given).replace('\n', eol));
    let mut after = Diagnostics::default();
    crate::load::members::parse(&out, &mut after);
    if after.error_count() > before.error_count() {
        let errors = after
            .items()
            .iter()
            .filter(|m| !before.items().iter().any(|b| b.message == m.message))
            .map(|m| FieldError {
                field: String::new(),
                message: m.message.clone(),
            })
            .collect();
        return Err(EditError::Invalid(errors));
    }
    match old {
        Some((_, fid)) => d.replace(file, out.as_bytes(), Expect::Same(fid))?,
        None => {
            if !d.create(file, out.as_bytes())? {
                return Err(DiskError::Stale(REGISTER_PATH.to_string()).into());
            }
        }
    }
    Ok(id)
}

/// `dv-NN`, one more than the highest number used.
fn next_id(members: &[Member]) -> String {
    let n = members
        .iter()
        .filter_map(|m| m.id.strip_prefix("dv-")?.parse::<u32>().ok())
        .max()
        .unwrap_or(0);
    format!("dv-{:02}", n + 1)
}

/// A new member's entry: the dates given, the other keys to fill in as
/// comments.
fn entry_text(id: &str, name: &str, given: &[(&str, Date)]) -> String {
    let mut t = format!(
        "- id: {id}\n  name: {}\n  post: dang_vien                   # bi_thu | pho_bi_thu | chi_uy_vien | dang_vien\n  # born: 1985                     # chỉ năm sinh (không bắt buộc)\n  # admitted: {{ date: 2025-08-20, decision: 112-QĐ/ĐUK }}   # ngày và số quyết định kết nạp\n  # ceremony: 2025-09-02           # ngày lễ kết nạp (bắt đầu 12 tháng dự bị)\n  # official: 2026-09-02           # ngày được công nhận chính thức\n  # joined: 2019-05-01             # ngày chuyển đến chi bộ (nếu kết nạp nơi khác)\n  # periods:                       # miễn sinh hoạt, sinh hoạt tạm thời\n  #   - {{ kind: mien_sinh_hoat, from: 2026-01-01, reason: tuổi cao }}\n  # left: {{ date: 2027-02-01, form: chuyen_di }}   # chuyen_di | tu_tran | xoa_ten | khai_tru | ra_khoi_dang\n  # huy_hieu: [30]                 # Huy hiệu Đảng đã nhận\n",
        crate::yaml::scalar(name)
    );
    for (key, day) in given {
        let commented = if *key == "admitted" {
            "  # admitted: { date: 2025-08-20, decision: 112-QĐ/ĐUK }   # ngày và số quyết định kết nạp\n".to_string()
        } else {
            let line = t
                .lines()
                .find(|l| l.trim_start().starts_with(&format!("# {key}:")))
                .unwrap_or("")
                .to_string();
            format!("{line}\n")
        };
        let value = if *key == "admitted" {
            format!(
                "  admitted: {{ date: {day} }}            # thêm `decision:` số quyết định kết nạp\n"
            )
        } else {
            format!("  {key}: {day}\n")
        };
        t = t.replacen(&commented, &value, 1);
    }
    t
}
