//! `rollup.yaml` → [`Committee`], and its `cells:` → the cells' site
//! folders (docs/rollup.md): a path holding `site.yaml` is a cell; a
//! folder without one stands for each of its subfolders that hold one.
//! Every mistake is located at the item of `cells:` that caused it.

use std::collections::HashSet;
use std::path::{Path, PathBuf};

use crate::diag::Diagnostics;
use crate::model::rollup::{CellPlace, Committee, MAX_CELLS, ROLLUP_FILE};
use crate::yaml::{self, Map, Value};

/// Reads `root/rollup.yaml`; `None` with the problems in `diags`.
pub fn load_committee(root: &Path, diags: &mut Diagnostics) -> Option<Committee> {
    let text = super::read_text(root, ROLLUP_FILE, diags)?;
    parse_committee(&text, ROLLUP_FILE, diags)
}

/// Reads the text of a `rollup.yaml`.
pub fn parse_committee(text: &str, path: &str, diags: &mut Diagnostics) -> Option<Committee> {
    let root = yaml::parse(text, path, 0, diags)?;
    let mut m = Map::new(&root, path, ROLLUP_FILE, diags)?;
    let before = diags.error_count();
    let unit = m
        .required("unit", diags)
        .and_then(|n| super::config::parse_unit(n, path, diags));
    let term = m
        .required("term", diags)
        .and_then(|n| super::config::parse_term(n, path, diags));
    let cells = m.required("cells", diags).map(|n| match &n.value {
        Value::Seq(items) => items
            .iter()
            .filter_map(|i| {
                let s = yaml::text(i, path, "cells", diags)?;
                Some(CellPlace {
                    written: s.trim().to_string(),
                    pos: i.pos,
                })
            })
            .collect(),
        _ => {
            diags.error(
                path,
                n.pos,
                "khóa `cells` phải là danh sách đường dẫn, mỗi dòng một chi bộ (`- ../chi-bo-so-tu-phap`) hoặc một thư mục chứa các chi bộ (`- ../cac-chi-bo/`)",
            );
            Vec::new()
        }
    });
    m.finish(diags);
    if diags.error_count() > before {
        return None;
    }
    Some(Committee {
        unit: unit?,
        term: term?,
        cells: cells?,
    })
}

/// A cell's site folder: where it is, and how it is shown (the path as
/// written in rollup.yaml, with the subfolder's name after it).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CellSite {
    /// The folder, joined to the roll-up folder.
    pub dir: PathBuf,
    /// "../cac-chi-bo/chi-bo-a", as people wrote it.
    pub shown: String,
}

/// The cells' site folders, in the order of `cells:` (a folder's
/// subfolders by name); a cell reached twice is read once, and said.
pub fn cell_sites(root: &Path, c: &Committee, diags: &mut Diagnostics) -> Vec<CellSite> {
    let mut out = Vec::new();
    let mut seen = HashSet::new();
    for place in &c.cells {
        for site in expand(root, place, diags) {
            let key = site.dir.canonicalize().unwrap_or_else(|_| site.dir.clone());
            if !seen.insert(key) {
                diags.error(
                    ROLLUP_FILE,
                    place.pos,
                    format!(
                        "chi bộ `{}` được kê hai lần trong `cells`; mỗi chi bộ chỉ được tính một lần",
                        site.shown
                    ),
                );
                continue;
            }
            if out.len() == MAX_CELLS {
                diags.error(
                    ROLLUP_FILE,
                    place.pos,
                    format!("quá {MAX_CELLS} chi bộ; hãy kiểm tra lại các đường dẫn trong `cells`"),
                );
                return out;
            }
            out.push(site);
        }
    }
    out
}

/// The sites one item of `cells:` stands for.
fn expand(root: &Path, place: &CellPlace, diags: &mut Diagnostics) -> Vec<CellSite> {
    let written = place.written.trim_end_matches(['/', '\\']);
    if written.is_empty() {
        diags.error(
            ROLLUP_FILE,
            place.pos,
            "đường dẫn trống; hãy ghi thư mục của chi bộ, ví dụ `../chi-bo-so-tu-phap`",
        );
        return Vec::new();
    }
    let dir = root.join(written);
    if dir.join("site.yaml").is_file() {
        return vec![CellSite {
            dir,
            shown: written.to_string(),
        }];
    }
    if !dir.is_dir() {
        diags.error(
            ROLLUP_FILE,
            place.pos,
            format!(
                "không tìm thấy thư mục `{}` (tính từ thư mục có rollup.yaml)",
                place.written
            ),
        );
        return Vec::new();
    }
    let mut subs: Vec<(String, PathBuf)> = match std::fs::read_dir(&dir) {
        Ok(rd) => rd
            .filter_map(Result::ok)
            .filter_map(|e| {
                let name = e.file_name().to_string_lossy().into_owned();
                let p = e.path();
                (!name.starts_with('.') && p.join("site.yaml").is_file()).then_some((name, p))
            })
            .collect(),
        Err(e) => {
            diags.error(
                ROLLUP_FILE,
                place.pos,
                format!(
                    "không đọc được thư mục `{}`: {}",
                    place.written,
                    super::io_error(&e)
                ),
            );
            return Vec::new();
        }
    };
    if subs.is_empty() {
        diags.error(
            ROLLUP_FILE,
            place.pos,
            format!(
                "`{}` không phải trang của một chi bộ (không có site.yaml), cũng không có thư mục con nào là trang chi bộ",
                place.written
            ),
        );
    }
    subs.sort();
    subs.into_iter()
        .map(|(name, dir)| CellSite {
            dir,
            shown: format!("{written}/{name}"),
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::diag::Pos;

    #[test]
    fn a_committee_with_every_mistake_reports_them_all() {
        let mut d = Diagnostics::default();
        let text = "unit: { name: Đảng ủy Khối, issuer_code: ĐUK, colour: đỏ }\nterm: { from: 2025-10-01, to: 2020-09-30 }\ncells: ../a\nextra: 1\n";
        assert!(parse_committee(text, ROLLUP_FILE, &mut d).is_none());
        let all = d.render();
        assert!(all.contains("rollup.yaml:1:"), "{all}");
        assert!(all.contains("colour"), "{all}");
        assert!(all.contains("`from` phải trước"), "{all}");
        assert!(all.contains("khóa `cells` phải là danh sách"), "{all}");
        assert!(all.contains("extra"), "{all}");
    }

    #[test]
    fn a_good_committee_reads() {
        let mut d = Diagnostics::default();
        let text = "unit: { name: Đảng ủy Khối các cơ quan tỉnh, superior: Tỉnh ủy Lạng Sơn, issuer_code: ĐUK, place: Lạng Sơn }\nterm: { from: 2020-10-01, to: 2025-09-30, label: \"2020 - 2025\" }\ncells:\n  - ../chi-bo-a\n  - ../cac-chi-bo/\n";
        let c = parse_committee(text, ROLLUP_FILE, &mut d).expect("reads");
        assert!(!d.has_errors(), "{}", d.render());
        assert_eq!(c.unit.issuer_code, "ĐUK");
        assert_eq!(c.cells.len(), 2);
        assert_eq!(c.cells[1].written, "../cac-chi-bo/");
        assert_eq!(c.cells[1].pos, Pos::new(5, 5));
    }
}
