//! `chibo rollup [--from D --to D] [--json] [--xlsx FILE]`, run in a folder
//! with `rollup.yaml`: the superior committee's roll-up of its cells
//! (docs/rollup.md). Cells are read in parallel, each reduced to its row
//! of figures as soon as it is read (its entries are dropped then); a
//! cell that cannot be read is reported with its errors while the others
//! still count.

use std::path::Path;

use jiff::civil::Date;
use rayon::prelude::*;

use crate::cmd::{CONTENT_ERROR, OK, Outcome, USAGE_ERROR, print_diags};
use crate::diag::Diagnostics;
use crate::figures::rollup::{
    BrokenCell, CellRow, CommitteeView, MAX_ERRORS_SHOWN, Rollup, totals,
};
use crate::figures::{self, month_index};
use crate::load::rollup::{CellSite, cell_sites, load_committee};
use crate::model::rollup::{COMMITTEE_OFFSET_MINUTES, Committee, ROLLUP_FILE};
use crate::model::{FieldType, FieldValue, People, Period, Site};

/// `chibo rollup`.
pub fn run(
    root: &Path,
    from: Option<&str>,
    to: Option<&str>,
    json: bool,
    xlsx: Option<&Path>,
) -> Outcome {
    let Some(committee) = committee_of(root) else {
        return CONTENT_ERROR;
    };
    let today = crate::check::now_at(COMMITTEE_OFFSET_MINUTES).date();
    let period = match period_of(&committee, from, to, today) {
        Ok(p) => p,
        Err(e) => {
            eprintln!("{e}");
            return USAGE_ERROR;
        }
    };
    let (rollup, diags) = gather(root, &committee, period, today);
    print_diags(&diags);
    for b in &rollup.broken {
        eprintln!(
            "Chi bộ `{}` không đọc được ({} lỗi), không tính vào tổng:",
            b.path, b.error_count
        );
        for e in &b.errors {
            eprintln!("  {}/{e}", b.path);
        }
        if b.error_count > b.errors.len() {
            eprintln!(
                "  … và {} lỗi khác: chạy `chibo check` trong thư mục {}",
                b.error_count - b.errors.len(),
                b.path
            );
        }
    }
    if let Some(file) = xlsx
        && let Err(o) = super::write_xlsx(file, crate::render::rollup_xlsx::workbook(&rollup))
    {
        return o;
    }
    if json {
        if let Err(o) = super::print_json(&rollup) {
            return o;
        }
    } else {
        print!("{}", crate::render::rollup_table::text(&rollup));
    }
    if diags.has_errors() || !rollup.broken.is_empty() {
        CONTENT_ERROR
    } else {
        OK
    }
}

/// The committee of the roll-up folder `root`; `None` once the problem
/// is printed.
pub(crate) fn committee_of(root: &Path) -> Option<Committee> {
    if !root.join(ROLLUP_FILE).is_file() {
        eprintln!(
            "Không tìm thấy {ROLLUP_FILE} trong {}; `chibo rollup` chạy trong thư mục tổng hợp của cấp ủy cấp trên (xem docs/rollup.md), hoặc dùng --root THƯ_MỤC.",
            root.display()
        );
        return None;
    }
    let mut diags = Diagnostics::default();
    let c = load_committee(root, &mut diags);
    print_diags(&diags);
    c
}

/// `--from`/`--to`, by default the committee's term up to the end of the
/// last whole month (a month still running has not held every meeting).
pub(crate) fn period_of(
    c: &Committee,
    from: Option<&str>,
    to: Option<&str>,
    today: Date,
) -> Result<Period, String> {
    let parse = |flag: &str, v: Option<&str>, default: Date| match v {
        None => Ok(default),
        Some(s) => crate::dates::parse_date(s.trim())
            .map_err(|why| format!("{flag} `{s}` không hợp lệ: {why}; hãy viết YYYY-MM-DD")),
    };
    let term = c.term.period;
    let month_before = today.first_of_month().yesterday().unwrap_or(today);
    let from = parse("--from", from, term.from)?;
    let to = parse("--to", to, term.to.min(month_before).max(from))?;
    if from > to {
        return Err(format!("--from ({from}) phải trước hoặc bằng --to ({to})"));
    }
    Ok(Period { from, to })
}

/// Reads every cell in parallel and rolls them up; the problems of
/// rollup.yaml itself come back in the diagnostics.
pub(crate) fn gather(
    root: &Path,
    committee: &Committee,
    period: Period,
    today: Date,
) -> (Rollup, Diagnostics) {
    let mut diags = Diagnostics::default();
    let sites = cell_sites(root, committee, &mut diags);
    // The month the period ends in, while it runs: its meeting may come.
    let running = (month_index(period.to) >= month_index(today))
        .then(|| format!("{:04}-{:02}", period.to.year(), period.to.month()));
    let read: Vec<Result<CellRow, BrokenCell>> = sites
        .par_iter()
        .map(|s| read_cell(s, period, running.as_deref()))
        .collect();
    let (mut cells, mut broken) = (Vec::new(), Vec::new());
    for r in read {
        match r {
            Ok(row) => cells.push(row),
            Err(b) => broken.push(b),
        }
    }
    let totals = totals(&cells, broken.len(), period);
    let u = &committee.unit;
    let rollup = Rollup {
        committee: CommitteeView {
            name: u.name.clone(),
            superior: u.superior.clone(),
            issuer_code: u.issuer_code.clone(),
            place: u.place.clone(),
            term: committee.term.period,
            term_label: committee.term.label.clone(),
        },
        period,
        cells,
        broken,
        totals,
    };
    (rollup, diags)
}

/// One cell read and reduced to its row; its entries go when this ends.
fn read_cell(s: &CellSite, period: Period, running: Option<&str>) -> Result<CellRow, BrokenCell> {
    let mut d = Diagnostics::default();
    let site = crate::load::load_site_with(&s.dir, crate::load::Parts::LogsOnly, &mut d);
    match site {
        Some(site) if !d.has_errors() => {
            let f = figures::of_site(&site, period);
            Ok(CellRow::of(&site.config.unit.name, &s.shown, f, running))
        }
        site => {
            let names = site.as_ref().map(private_names).unwrap_or_default();
            let all = d.errors_only().sorted();
            let errors = all
                .iter()
                .take(MAX_ERRORS_SHOWN)
                .map(|e| redact(&e.to_string(), &names))
                .collect();
            Err(BrokenCell {
                path: s.shown.clone(),
                error_count: all.len(),
                errors,
            })
        }
    }
}

/// Every person's name a cell's files hold: the register's, the
/// meetings' papers', and the names its entries count people by.
fn private_names(site: &Site) -> Vec<String> {
    let mut names: Vec<String> = site.members.iter().map(|m| m.name.clone()).collect();
    for a in site.activities.iter() {
        if let Some(r) = &a.meeting {
            names.extend(r.names().into_iter().map(str::to_string));
        }
        for f in a.kind().fields() {
            if !matches!(f.ty, FieldType::Names | FieldType::People) {
                continue;
            }
            if let Some(FieldValue::TextList(v) | FieldValue::People(People::Names(v))) =
                a.details.get(f.key)
            {
                names.extend(v);
            }
        }
    }
    names.retain(|n| n.trim().chars().count() > 1);
    // Longest first, so that a name inside a longer one is not cut first.
    names.sort_by_key(|n| std::cmp::Reverse(n.len()));
    names.dedup();
    names
}

/// `message` with every name in `names` replaced by "[họ tên]".
fn redact(message: &str, names: &[String]) -> String {
    let mut out = message.to_string();
    for n in names {
        if out.contains(n.as_str()) {
            out = out.replace(n.as_str(), "[họ tên]");
        }
    }
    out
}

/// The roll-up of each report's period, by (from, to).
pub(crate) type Rollups = std::sync::Arc<std::collections::HashMap<(Date, Date), Rollup>>;

/// A roll-up folder read as the committee's site, with the roll-up of
/// the periods of the reports `names` (all when empty): each period read
/// from the cells once, and none for a report not asked for; `None` once
/// the problems are printed.
pub(crate) fn committee_site(
    root: &Path,
    names: &[String],
    diags: &mut Diagnostics,
) -> Option<(Site, Option<Rollups>)> {
    let committee = committee_of(root)?;
    let Some(site) = crate::load::load_committee_site(root, &committee, diags) else {
        print_diags(diags);
        return None;
    };
    let today = crate::check::now_at(COMMITTEE_OFFSET_MINUTES).date();
    let mut rollups = std::collections::HashMap::new();
    let asked = site
        .reports
        .iter()
        .filter(|r| names.is_empty() || names.contains(&r.name));
    for r in asked {
        let key = (r.period.from, r.period.to);
        if rollups.contains_key(&key) {
            continue;
        }
        let (rollup, found) = gather(root, &committee, r.period, today);
        diags.extend(found);
        let t = &rollup.totals;
        if t.not_covered > 0 {
            diags.warning(
                &r.source,
                r.period_pos,
                format!(
                    "{} chi bộ chưa có nhật ký đủ các tháng của kỳ báo cáo: các con số chỉ cộng {}/{} chi bộ; xem `chibo rollup --from {} --to {}`",
                    t.not_covered, t.counted, t.cells, r.period.from, r.period.to
                ),
            );
        }
        for b in &rollup.broken {
            diags.warning(
                &r.source,
                r.period_pos,
                format!(
                    "chi bộ `{}` không đọc được ({} lỗi; xem `chibo rollup`): số liệu của chi bộ này không có trong báo cáo",
                    b.path, b.error_count
                ),
            );
        }
        rollups.insert(key, rollup);
    }
    Some((site, Some(std::sync::Arc::new(rollups))))
}
