//! content/cham-diem.yaml → [`ScoringSheet`]: the 100-point sheet the
//! superior committee scores a cell's meetings on (docs/meetings.md,
//! Scoring). Without the file, chibo's default sheet applies.

use std::path::Path;

use crate::diag::Diagnostics;
use crate::model::meeting::{Criterion, ScoringSheet};
use crate::yaml::{self, Map, Value};

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
    Some(ScoringSheet {
        source: Some(PATH.to_string()),
        criteria,
    })
}
