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
        "check",
        &["load", "render", "serve", "cmd", "output", "print"],
    ),
    (
        "output",
        &["load", "render", "serve", "cmd", "check", "model"],
    ),
    (
        "model.rs",
        &[
            "load", "render", "serve", "cmd", "output", "check", "figures",
        ],
    ),
    (
        "figures.rs",
        &["load", "render", "serve", "cmd", "output", "check"],
    ),
    (
        "text",
        &["load", "render", "serve", "cmd", "output", "check", "model"],
    ),
    (
        "yaml.rs",
        &["load", "render", "serve", "cmd", "output", "check", "model"],
    ),
    (
        "vn.rs",
        &[
            "load", "render", "serve", "cmd", "output", "check", "model", "yaml",
        ],
    ),
    (
        "dates.rs",
        &[
            "load", "render", "serve", "cmd", "output", "check", "model", "yaml",
        ],
    ),
    (
        "diag.rs",
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
fn layers_import_only_downward() {
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let mut bad = Vec::new();
    for (module, forbidden) in RULES {
        for f in files(&src.join(module)) {
            let c = code(&f);
            for up in *forbidden {
                let base = up.trim_end_matches(".rs");
                if c.contains(&format!("crate::{base}::"))
                    || c.contains(&format!("crate::{base};"))
                    || c.contains(&format!("crate::{base}}}"))
                    || c.contains(&format!("crate::{{{base}"))
                {
                    bad.push(format!("{} imports {base}", f.display()));
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
