//! The layers of ARCHITECTURE.md, checked: data flows load → model →
//! render → output, `load` and `render` never import each other, the
//! preview never imports a command, the model and the text helpers import
//! nothing above them; no source file (tests apart) is over 600 lines.

use std::path::Path;

/// What a module may not import, by folder or file under src/.
const RULES: &[(&str, &[&str])] = &[
    ("load", &["render", "serve", "cmd", "output", "print"]),
    ("render", &["load", "serve", "cmd", "check", "print"]),
    ("serve", &["cmd"]),
    (
        "edit",
        &["render", "serve", "cmd", "output", "print", "check"],
    ),
    (
        "check",
        &["load", "render", "serve", "cmd", "output", "print"],
    ),
    (
        "output",
        &["load", "render", "serve", "cmd", "check", "model"],
    ),
    (
        "model",
        &[
            "load", "render", "serve", "cmd", "output", "check", "figures",
        ],
    ),
    (
        "figures",
        &["load", "render", "serve", "cmd", "output", "check"],
    ),
    (
        "text",
        &["load", "render", "serve", "cmd", "output", "check", "model"],
    ),
    (
        "yaml",
        &["load", "render", "serve", "cmd", "output", "check", "model"],
    ),
    (
        "vn",
        &[
            "load", "render", "serve", "cmd", "output", "check", "model", "yaml",
        ],
    ),
    (
        "dates",
        &[
            "load", "render", "serve", "cmd", "output", "check", "model", "yaml",
        ],
    ),
    (
        "disk",
        &[
            "load", "render", "serve", "cmd", "output", "check", "model", "yaml", "edit",
        ],
    ),
    (
        "diag",
        &[
            "load", "render", "serve", "cmd", "output", "check", "model", "yaml",
        ],
    ),
];

/// The code of a file without its tests and comments.
fn code(path: &Path) -> String {
    let text = std::fs::read_to_string(path).unwrap();
    let text = text.split("#[cfg(test)]").next().unwrap_or("").to_string();
    text.lines()
        .filter(|l| !l.trim_start().starts_with("//"))
        .collect::<Vec<_>>()
        .join("\n")
}

/// The source files of a module: `NAME.rs`, or every file under `NAME/`.
fn module_files(src: &Path, module: &str) -> Vec<std::path::PathBuf> {
    let file = src.join(format!("{module}.rs"));
    if file.is_file() {
        return vec![file];
    }
    let dir = src.join(module);
    assert!(
        dir.is_dir(),
        "no module `{module}` under src/: update RULES"
    );
    files(&dir)
}

/// The top-level modules a piece of code names after `crate::`, including
/// every one in a group such as `crate::{diag::Pos, model::{A, B}}`.
fn crate_modules(code: &str) -> Vec<String> {
    let mut out = Vec::new();
    for (i, _) in code.match_indices("crate::") {
        let rest = &code[i + "crate::".len()..];
        if let Some(group) = rest.strip_prefix('{') {
            let mut depth = 0;
            let mut start = true;
            for (j, c) in group.char_indices() {
                match c {
                    '{' => depth += 1,
                    '}' if depth == 0 => break,
                    '}' => depth -= 1,
                    ',' if depth == 0 => start = true,
                    c if start && (c.is_alphanumeric() || c == '_') => {
                        let name: String = group[j..]
                            .chars()
                            .take_while(|c| c.is_alphanumeric() || *c == '_')
                            .collect();
                        out.push(name);
                        start = false;
                    }
                    _ => {}
                }
            }
        } else {
            out.push(
                rest.chars()
                    .take_while(|c| c.is_alphanumeric() || *c == '_')
                    .collect(),
            );
        }
    }
    out
}

fn files(under: &Path) -> Vec<std::path::PathBuf> {
    if under.is_file() {
        return vec![under.to_path_buf()];
    }
    walkdir::WalkDir::new(under)
        .into_iter()
        .flatten()
        .filter(|e| e.path().extension().is_some_and(|x| x == "rs"))
        .map(|e| e.path().to_path_buf())
        .collect()
}

#[test]
fn imports_in_groups_are_seen() {
    assert_eq!(
        crate_modules(
            "use crate::{diag::{Diagnostics, Pos}, model::Site};\nlet x = crate::vn::fold(s);"
        ),
        ["diag", "model", "vn"]
    );
}

#[test]
fn layers_import_only_downward() {
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let mut bad = Vec::new();
    for (module, forbidden) in RULES {
        for f in module_files(&src, module) {
            let named = crate_modules(&code(&f));
            for up in *forbidden {
                if named.iter().any(|n| n == up) {
                    bad.push(format!("{} imports {up}", f.display()));
                }
            }
        }
    }
    assert!(bad.is_empty(), "{}", bad.join("\n"));
}

#[test]
fn no_source_file_is_over_600_lines_without_its_tests() {
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let mut long = Vec::new();
    for f in files(&src) {
        let text = std::fs::read_to_string(&f).unwrap();
        let n = text
            .split("#[cfg(test)]")
            .next()
            .unwrap_or("")
            .lines()
            .count();
        if n > 600 {
            long.push(format!("{}: {n}", f.display()));
        }
    }
    assert!(long.is_empty(), "{}", long.join("\n"));
}
