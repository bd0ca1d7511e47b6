//! `targets:` of site.yaml → [`Target`]s: each an indicator from the
//! closed set the figures compute, a scope (`year` or `term`) and a value
//! of the indicator's kind; anything else is a located error naming the
//! valid values (docs/targets.md).

use crate::diag::Diagnostics;
use crate::model::CellLevel;
use crate::model::rating::MemberLevel;
use crate::model::target::{Indicator, Scope, Target, TargetValue, ValueKind};
use crate::yaml::{self, Map, Node, Value};

/// The targets of `n` (the value of `targets:`).
pub(super) fn parse(n: &Node, path: &str, diags: &mut Diagnostics) -> Vec<Target> {
    let items = match &n.value {
        Value::Seq(items) => items.as_slice(),
        Value::Null => &[],
        _ => {
            diags.error(
                path,
                n.pos,
                "khóa `targets` phải là danh sách, mỗi chỉ tiêu một dòng `- { indicator: ket_nap, scope: term, value: 10 }`",
            );
            return Vec::new();
        }
    };
    items
        .iter()
        .filter_map(|t| target(t, path, diags))
        .collect()
}

fn target(n: &Node, path: &str, diags: &mut Diagnostics) -> Option<Target> {
    let mut m = Map::new(n, path, "một chỉ tiêu", diags)?;
    let indicator = m.required("indicator", diags).and_then(|v| {
        let what = "không phải chỉ tiêu chibo tính được; các chỉ tiêu";
        yaml::closed(
            v,
            (path, "indicator", what),
            Indicator::from_id,
            Indicator::IDS,
            diags,
        )
    });
    let scope = m.required("scope", diags).and_then(|v| {
        let what = "không hợp lệ; các giá trị";
        yaml::closed(v, (path, "scope", what), Scope::from_id, Scope::IDS, diags)
    });
    let value_node = m.required("value", diags);
    m.finish(diags);
    let (indicator, scope, value_node) = (indicator?, scope?, value_node?);
    if indicator.yearly_only() && scope != Scope::Year {
        diags.error(
            path,
            n.pos,
            format!(
                "chỉ tiêu `{}` xét theo từng năm (xếp loại là hằng năm): hãy ghi `scope: year`",
                indicator.id()
            ),
        );
        return None;
    }
    let value = value(indicator, value_node, path, diags)?;
    Some(Target {
        indicator,
        scope,
        value,
        pos: n.pos,
    })
}

/// The target's value, of the kind its indicator takes: a count, a
/// percentage from 0 to 100, or a level (`httnv` or `hoan_thanh_tot`:
/// that level or better).
fn value(ind: Indicator, v: &Node, path: &str, diags: &mut Diagnostics) -> Option<TargetValue> {
    let kind = ind.value_kind();
    if kind == ValueKind::Level {
        let s = yaml::text(v, path, "value", diags)?;
        let s = s.trim();
        let level =
            CellLevel::from_id(s).or_else(|| MemberLevel::from_id(s).map(|l| l.cell_level()));
        if level.is_none() {
            let mut ids: Vec<&str> = MemberLevel::IDS.to_vec();
            ids.extend_from_slice(CellLevel::IDS);
            diags.error(
                path,
                v.pos,
                format!(
                    "chỉ tiêu `{}`: `{s}` không phải một mức xếp loại; các mức: {}",
                    ind.id(),
                    crate::diag::list(&ids)
                ),
            );
        }
        return level.map(TargetValue::Level);
    }
    let number = match &v.value {
        Value::Int(i) => Some(*i as f64),
        Value::Float(f) => Some(*f),
        Value::Str(s) => s
            .trim()
            .trim_end_matches('%')
            .trim()
            .replace(',', ".")
            .parse::<f64>()
            .ok(),
        _ => None,
    };
    let most = if kind == ValueKind::Percent {
        100.0
    } else {
        100_000.0
    };
    match number.filter(|x| x.is_finite() && *x >= 0.0 && *x <= most) {
        Some(x) if kind == ValueKind::Count && x.fract() != 0.0 => {
            diags.error(
                path,
                v.pos,
                format!(
                    "chỉ tiêu `{}` là một số đếm: hãy ghi số nguyên, ví dụ 12",
                    ind.id()
                ),
            );
            None
        }
        Some(x) => Some(TargetValue::Number(x)),
        None => {
            let want = if kind == ValueKind::Percent {
                "một tỷ lệ phần trăm từ 0 đến 100, ví dụ 90"
            } else {
                "một số nguyên không âm, ví dụ 12"
            };
            diags.error(
                path,
                v.pos,
                format!("chỉ tiêu `{}`: giá trị phải là {want}", ind.id()),
            );
            None
        }
    }
}
