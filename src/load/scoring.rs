//! content/cham-diem.yaml → [`ScoringSheet`]: the 100-point sheet the
//! superior committee scores a cell's meetings on (docs/meetings.md,
//! Scoring). Without the file, chibo's default sheet applies.

use std::path::Path;

use super::meeting::points;
use crate::diag::Diagnostics;
use crate::model::meeting::{AttendanceRule, Criterion, ScoringSheet};
use crate::yaml::{self, Map, Node, Value};

/// Where a site's own sheet is.
const PATH: &str = "content/cham-diem.yaml";

/// The site's sheet, or the default when it has none.
pub(super) fn read(root: &Path, diags: &mut Diagnostics) -> ScoringSheet {
    if !root.join(PATH).is_file() {
        return ScoringSheet::default();
    }
    super::read_text(root, PATH, diags)
        .and_then(|t| parse(&t, diags))
        .unwrap_or_default()
}

/// `criteria:` a list of `{ id, label, points }` adding up to 100.
fn parse(text: &str, diags: &mut Diagnostics) -> Option<ScoringSheet> {
    let root = yaml::parse(text, PATH, 0, diags)?;
    let mut m = Map::new(&root, PATH, "biểu chấm điểm", diags)?;
    let list = m.required("criteria", diags);
    let attendance = m.get("attendance");
    m.finish(diags);
    let list = list?;
    let Value::Seq(items) = &list.value else {
        diags.error(
            PATH,
            list.pos,
            "khóa `criteria` phải là danh sách tiêu chí, mỗi tiêu chí `- { id: chuan_bi, label: Công tác chuẩn bị, points: 10 }`",
        );
        return None;
    };
    let mut criteria: Vec<Criterion> = Vec::new();
    for item in items {
        let Some(mut c) = Map::new(item, PATH, "một tiêu chí", diags) else {
            continue;
        };
        let id = c.req_str("id", diags);
        let label = c.req_str("label", diags);
        let points = c.required("points", diags).and_then(|n| match n.value {
            Value::Int(i) if i > 0 => Some(i as f64),
            Value::Float(f) if f > 0.0 && f.is_finite() => Some(f),
            _ => {
                diags.error(
                    PATH,
                    n.pos,
                    "khóa `points`: điểm tối đa của tiêu chí phải là một số dương",
                );
                None
            }
        });
        c.finish(diags);
        let (Some(id), Some(label), Some(points)) = (id, label, points) else {
            continue;
        };
        let id = id.trim().to_string();
        if !crate::vn::is_slug(&id.replace('_', "-")) {
            diags.error(
                PATH,
                item.pos,
                format!("khóa `id`: `{id}` chỉ được có chữ thường không dấu, số và `_`, ví dụ `chuan_bi`"),
            );
            continue;
        }
        if criteria.iter().any(|k| k.id == id) {
            diags.error(PATH, item.pos, format!("tiêu chí `{id}` có hai lần"));
            continue;
        }
        criteria.push(Criterion { id, label, points });
    }
    let total: f64 = criteria.iter().map(|c| c.points).sum();
    if (total - 100.0).abs() > 1e-9 {
        diags.error(
            PATH,
            list.pos,
            format!(
                "các tiêu chí cộng lại {} điểm; biểu chấm điểm phải đủ 100 điểm",
                crate::vn::decimal(total, 1)
            ),
        );
        return None;
    }
    let attendance = attendance.and_then(|n| attendance_rule(n, &criteria, diags));
    Some(ScoringSheet {
        source: Some(PATH.to_string()),
        criteria,
        attendance,
    })
}

/// `attendance: { criterion, bands: [{ from, points }], unexcused, bonus }`:
/// how the sheet scores attendance, checked against its criteria.
fn attendance_rule(
    n: &Node,
    criteria: &[Criterion],
    diags: &mut Diagnostics,
) -> Option<AttendanceRule> {
    let mut m = Map::new(n, PATH, "khối `attendance` (điểm tỷ lệ dự họp)", diags)?;
    let criterion = m.req_str("criterion", diags);
    let bands = m.required("bands", diags);
    let unexcused = m
        .get("unexcused")
        .and_then(|v| points(v, PATH, "unexcused", diags));
    let bonus = m.get("bonus").and_then(|v| points(v, PATH, "bonus", diags));
    m.finish(diags);
    let criterion = criterion?.trim().to_string();
    let Some(most) = criteria
        .iter()
        .find(|c| c.id == criterion)
        .map(|c| c.points)
    else {
        let ids: Vec<&str> = criteria.iter().map(|c| c.id.as_str()).collect();
        diags.error(
            PATH,
            n.pos,
            format!(
                "khóa `criterion`: `{criterion}` không có trong `criteria`; các tiêu chí: {}",
                crate::diag::list(&ids)
            ),
        );
        return None;
    };
    let bands = bands?;
    let Value::Seq(items) = &bands.value else {
        diags.error(PATH, bands.pos, BANDS_FORM);
        return None;
    };
    let mut out: Vec<(f64, f64)> = Vec::new();
    for item in items {
        let mut b = Map::new(item, PATH, "một mức điểm (`bands`)", diags)?;
        let from = b
            .required("from", diags)
            .and_then(|v| points(v, PATH, "from", diags));
        let pts = b
            .required("points", diags)
            .and_then(|v| points(v, PATH, "points", diags));
        b.finish(diags);
        let (from, pts) = (from?, pts?);
        if from > 100.0 || pts > most {
            diags.error(
                PATH,
                item.pos,
                format!(
                    "mức điểm {{ from: {}, points: {} }}: `from` là phần trăm (0–100) và `points` không quá {} điểm của tiêu chí `{criterion}`",
                    crate::vn::decimal(from, 1),
                    crate::vn::decimal(pts, 1),
                    crate::vn::decimal(most, 1)
                ),
            );
            return None;
        }
        out.push((from, pts));
    }
    if out.is_empty() {
        diags.error(PATH, bands.pos, BANDS_FORM);
        return None;
    }
    out.sort_by(|a, b| b.0.total_cmp(&a.0));
    Some(AttendanceRule {
        criterion,
        bands: out,
        unexcused,
        bonus: bonus.unwrap_or(0.0),
    })
}

const BANDS_FORM: &str = "khóa `bands` phải là danh sách mức điểm, ví dụ `- { from: 90, points: 4 }` (từ 90% đảng viên dự trở lên: 4 điểm)";
