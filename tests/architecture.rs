//! The layers of ARCHITECTURE.md, checked: data flows load → model →
//! render → output, `load` and `render` never import each other, the
//! preview never imports a command, the model and the text helpers import
//! nothing above them; no source file (tests apart) is over 600 lines.

use std::path::Path;

/// What a module may not import, by folder or file under src/.
const RULES: &[(&str, &[&str])] = &[
    ("load", &["render", "serve", "cmd", "output", "print"]),
    (
        "render",
        &["load", "serve", "cmd", "check", "print", "output", "edit"],
    ),
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
        &["load", "render", "serve", "cmd", "check", "figures", "edit"],
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

/// Each import of a module that `rules` forbids, as "FILE imports MODULE".
fn layer_violations(src: &Path, rules: &[(&str, &[&str])]) -> Vec<String> {
    let mut bad = Vec::new();
    for (module, forbidden) in rules {
        for f in module_files(src, module) {
            let named = crate_modules(&code(&f));
            for up in *forbidden {
                if named.iter().any(|n| n == up) {
                    bad.push(format!("{} imports {up}", f.display()));
                }
            }
        }
    }
    bad
}

#[test]
fn layers_import_only_downward() {
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let bad = layer_violations(&src, RULES);
    assert!(bad.is_empty(), "{}", bad.join("\n"));
}

#[test]
fn a_planted_upward_import_is_found() {
    let dir = tempfile::tempdir().unwrap();
    let src = dir.path();
    std::fs::create_dir_all(src.join("render/site")).unwrap();
    std::fs::write(
        src.join("render/site/pages.rs"),
        "use crate::{diag::Pos, output::{Gate, UpdateSink}};\n",
    )
    .unwrap();
    // In a comment or in the tests, an import is not a dependency.
    std::fs::write(
        src.join("render/mod.rs"),
        "// crate::load::x\n#[cfg(test)]\nuse crate::load::y;\n",
    )
    .unwrap();
    std::fs::write(src.join("model.rs"), "fn f() { crate::load::site(); }\n").unwrap();
    let rules: &[(&str, &[&str])] = &[("render", &["output", "load"]), ("model", &["load"])];
    let mut bad = layer_violations(src, rules);
    bad.sort();
    let p = |f: &str| src.join(f).display().to_string();
    assert_eq!(
        bad,
        [
            format!("{} imports load", p("model.rs")),
            format!("{} imports output", p("render/site/pages.rs")),
        ]
    );
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

/// The module path of a source file: `src/serve/forms.rs` → `serve::forms`,
/// `src/render/site/mod.rs` → `render::site`, `src/lib.rs` → ``.
fn module_of(src: &Path, f: &Path) -> Vec<String> {
    let rel = f.strip_prefix(src).unwrap();
    let mut parts: Vec<String> = rel
        .iter()
        .map(|p| p.to_string_lossy().trim_end_matches(".rs").to_string())
        .collect();
    if matches!(
        parts.last().map(String::as_str),
        Some("mod" | "lib" | "main")
    ) {
        parts.pop();
    }
    parts
}

/// Every path a piece of code names that starts with `crate::`, `super::`
/// or `self::`, groups expanded: `use super::{a, b::{c, d}}` gives
/// `super::a`, `super::b::c`, `super::b::d`.
fn paths_named(code: &str) -> Vec<String> {
    fn expand(prefix: &str, text: &str, out: &mut Vec<String>) {
        // `text` is what follows `prefix::`: a name path, maybe a group.
        let mut path = prefix.to_string();
        let mut rest = text;
        loop {
            let name: String = rest
                .chars()
                .take_while(|c| c.is_alphanumeric() || *c == '_')
                .collect();
            if name.is_empty() {
                break;
            }
            path.push_str("::");
            path.push_str(&name);
            rest = &rest[name.len()..];
            match rest.strip_prefix("::") {
                Some(r) => rest = r,
                None => break,
            }
        }
        if let Some(group) = rest.strip_prefix('{') {
            let mut depth = 0;
            let mut start = 0;
            for (i, c) in group.char_indices() {
                match c {
                    '{' => depth += 1,
                    '}' if depth == 0 => {
                        expand(&path, group[start..i].trim(), out);
                        return;
                    }
                    '}' => depth -= 1,
                    ',' if depth == 0 => {
                        expand(&path, group[start..i].trim(), out);
                        start = i + 1;
                    }
                    _ => {}
                }
            }
        } else {
            out.push(path);
        }
    }
    let mut out = Vec::new();
    for root in ["crate", "super", "self"] {
        let pat = format!("{root}::");
        for (i, _) in code.match_indices(&pat) {
            let before = code[..i].chars().last();
            if before.is_some_and(|c| c.is_alphanumeric() || c == '_' || c == ':') {
                continue;
            }
            expand(root, &code[i + pat.len()..], &mut out);
        }
    }
    out
}

/// The file a path names, from the file `from` (module `here`): the
/// deepest module of the path that has a file.
fn file_named(
    modules: &std::collections::HashMap<Vec<String>, std::path::PathBuf>,
    here: &[String],
    path: &str,
) -> Option<std::path::PathBuf> {
    let mut parts: Vec<&str> = path.split("::").collect();
    let mut base: Vec<String> = match parts[0] {
        "crate" => Vec::new(),
        "self" => here.to_vec(),
        _ => {
            // `super` of a `mod.rs` or of `a.rs` both mean the parent of
            // the module the file is.
            let mut b = here.to_vec();
            b.pop();
            b
        }
    };
    parts.remove(0);
    while parts.first() == Some(&"super") {
        base.pop();
        parts.remove(0);
    }
    let mut best = None;
    let mut m = base.clone();
    if !m.is_empty() {
        best = modules.get(&m).cloned();
    }
    for p in parts {
        m.push(p.to_string());
        match modules.get(&m) {
            Some(f) => best = Some(f.clone()),
            None => break,
        }
    }
    best
}

/// The files each source file imports (tests apart).
fn import_graph() -> Vec<(std::path::PathBuf, Vec<std::path::PathBuf>)> {
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let all = files(&src);
    let modules: std::collections::HashMap<Vec<String>, std::path::PathBuf> = all
        .iter()
        .filter(|f| !f.ends_with("main.rs"))
        .map(|f| (module_of(&src, f), f.clone()))
        .collect();
    all.iter()
        .filter(|f| !f.ends_with("main.rs"))
        .map(|f| {
            let here = module_of(&src, f);
            let mut to: Vec<std::path::PathBuf> = paths_named(&code(f))
                .iter()
                .filter_map(|p| file_named(&modules, &here, p))
                // A folder's `mod.rs` is the vocabulary of the files in it
                // (`super::Live`): naming it is not an import circle.
                .filter(|t| !(t.ends_with("mod.rs") && f.starts_with(t.parent().unwrap())))
                .filter(|t| t != f)
                .collect();
            to.sort();
            to.dedup();
            (f.clone(), to)
        })
        .collect()
}

/// The circles of imports between files: each a list of files.
fn circles(graph: &[(std::path::PathBuf, Vec<std::path::PathBuf>)]) -> Vec<Vec<String>> {
    // Tarjan's strongly connected components.
    let index: std::collections::HashMap<&std::path::PathBuf, usize> =
        graph.iter().enumerate().map(|(i, (f, _))| (f, i)).collect();
    let edges: Vec<Vec<usize>> = graph
        .iter()
        .map(|(_, to)| to.iter().filter_map(|t| index.get(t).copied()).collect())
        .collect();
    struct T {
        next: usize,
        idx: Vec<Option<usize>>,
        low: Vec<usize>,
        on: Vec<bool>,
        stack: Vec<usize>,
        out: Vec<Vec<usize>>,
    }
    fn visit(v: usize, e: &[Vec<usize>], t: &mut T) {
        t.idx[v] = Some(t.next);
        t.low[v] = t.next;
        t.next += 1;
        t.stack.push(v);
        t.on[v] = true;
        for &w in &e[v] {
            match t.idx[w] {
                None => {
                    visit(w, e, t);
                    t.low[v] = t.low[v].min(t.low[w]);
                }
                Some(i) if t.on[w] => t.low[v] = t.low[v].min(i),
                _ => {}
            }
        }
        if Some(t.low[v]) == t.idx[v] {
            let mut c = Vec::new();
            while let Some(w) = t.stack.pop() {
                t.on[w] = false;
                c.push(w);
                if w == v {
                    break;
                }
            }
            if c.len() > 1 {
                t.out.push(c);
            }
        }
    }
    let n = graph.len();
    let mut t = T {
        next: 0,
        idx: vec![None; n],
        low: vec![0; n],
        on: vec![false; n],
        stack: Vec::new(),
        out: Vec::new(),
    };
    for v in 0..n {
        if t.idx[v].is_none() {
            visit(v, &edges, &mut t);
        }
    }
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    t.out
        .into_iter()
        .map(|c| {
            let mut names: Vec<String> = c
                .into_iter()
                .map(|i| graph[i].0.strip_prefix(&src).unwrap().display().to_string())
                .collect();
            names.sort();
            names
        })
        .collect()
}

#[test]
fn group_imports_are_expanded_to_paths() {
    assert_eq!(
        paths_named("use super::{a, b::{c, d}};\nlet x = crate::vn::fold(s);"),
        ["crate::vn::fold", "super::a", "super::b::c", "super::b::d"]
    );
}

#[test]
fn no_two_files_import_each_other_even_through_others() {
    let found = circles(&import_graph());
    assert!(
        found.is_empty(),
        "{}",
        found
            .iter()
            .map(|c| c.join(" → "))
            .collect::<Vec<_>>()
            .join("\n")
    );
}

#[test]
fn a_planted_circle_is_found() {
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let (a, b, c) = (src.join("a.rs"), src.join("b.rs"), src.join("c.rs"));
    let graph = vec![
        (a.clone(), vec![b.clone()]),
        (b.clone(), vec![c.clone()]),
        (c.clone(), vec![a.clone()]),
    ];
    assert_eq!(circles(&graph), [["a.rs", "b.rs", "c.rs"]]);
    assert!(circles(&graph[..2]).is_empty());
}

/// The `fn` items of a file (tests apart) and how many lines each spans,
/// from its `fn` line to the `}` at the same indent (rustfmt's layout).
fn function_lengths(f: &Path) -> Vec<(String, usize)> {
    let text = std::fs::read_to_string(f).unwrap();
    let code = text.split("#[cfg(test)]").next().unwrap_or("");
    let lines: Vec<&str> = code.lines().collect();
    let mut out = Vec::new();
    for (i, l) in lines.iter().enumerate() {
        let t = l.trim_start();
        let indent = &l[..l.len() - t.len()];
        let t = t
            .trim_start_matches("pub(crate) ")
            .trim_start_matches("pub(super) ")
            .trim_start_matches("pub ")
            .trim_start_matches("const ")
            .trim_start_matches("unsafe ");
        let Some(rest) = t.strip_prefix("fn ") else {
            continue;
        };
        if l.trim_end().ends_with(';') {
            continue;
        }
        let name: String = rest
            .chars()
            .take_while(|c| c.is_alphanumeric() || *c == '_')
            .collect();
        let close = format!("{indent}}}");
        if let Some(end) = lines[i + 1..].iter().position(|x| *x == close) {
            out.push((name, end + 2));
        }
    }
    out
}

/// Longest function, in lines: past it, a function is split into named
/// steps.
const MAX_FUNCTION_LINES: usize = 100;

#[test]
fn no_function_is_over_100_lines() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut long = Vec::new();
    for f in files(&root.join("src")) {
        let rel = f.strip_prefix(root).unwrap().display().to_string();
        for (name, n) in function_lengths(&f) {
            if n > MAX_FUNCTION_LINES {
                long.push(format!(
                    "{rel}: fn {name} has {n} lines (at most {MAX_FUNCTION_LINES})"
                ));
            }
        }
    }
    assert!(long.is_empty(), "{}", long.join("\n"));
}

#[test]
fn a_long_function_is_measured_to_its_closing_brace() {
    let dir = tempfile::tempdir().unwrap();
    let f = dir.path().join("a.rs");
    let body: String = (0..150).map(|i| format!("    let x{i} = {i};\n")).collect();
    std::fs::write(
        &f,
        format!("pub fn long() {{\n{body}}}\n\nfn short() {{}}\n"),
    )
    .unwrap();
    assert_eq!(function_lengths(&f), [("long".to_string(), 152)]);
}

/// Output folders chibo names itself, as a string starts them.
const OUTPUT_SEGMENTS: &[&str] = &[
    "\"bao-cao",
    "\"tim-kiem",
    "\"the/",
    "\"the\"",
    "\"trang/",
    "\"trang\"",
];

#[test]
fn output_folders_are_spelled_only_as_the_model_constants() {
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let mut found = Vec::new();
    for f in files(&src) {
        if f.ends_with("model/mod.rs") {
            continue;
        }
        let code = code(&f);
        for seg in OUTPUT_SEGMENTS {
            if code.contains(seg) {
                found.push(format!("{}: {seg}", f.display()));
            }
        }
    }
    assert!(
        found.is_empty(),
        "spell these with model::REPORTS_DIR, TAGS_DIR, SEARCH_DIR, PAGES_DIR:\n{}",
        found.join("\n")
    );
}

/// Most fields a struct has without a reason written in its doc comment
/// (a paragraph starting `Flat:`).
const MAX_FIELDS: usize = 15;

#[test]
fn a_struct_over_15_fields_says_why_it_is_flat() {
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let mut wide = Vec::new();
    for f in files(&src) {
        let text = std::fs::read_to_string(&f).unwrap();
        let code = text.split("#[cfg(test)]").next().unwrap_or("");
        let lines: Vec<&str> = code.lines().collect();
        for (i, l) in lines.iter().enumerate() {
            let t = l.trim_start();
            let indent = &l[..l.len() - t.len()];
            let t = t
                .trim_start_matches("pub(crate) ")
                .trim_start_matches("pub ");
            let Some(rest) = t.strip_prefix("struct ") else {
                continue;
            };
            if !l.trim_end().ends_with('{') {
                continue;
            }
            let field_indent = format!("{indent}    ");
            let fields = lines[i + 1..]
                .iter()
                .take_while(|x| **x != format!("{indent}}}"))
                .filter(|x| {
                    x.starts_with(&field_indent)
                        && !x[field_indent.len()..].starts_with([' ', '/', '#'])
                        && x.contains(':')
                })
                .count();
            let doc_says = lines[..i]
                .iter()
                .rev()
                .take_while(|x| {
                    x.trim_start().starts_with("///") || x.trim_start().starts_with("#[")
                })
                .any(|x| x.contains("/// Flat:"));
            if fields > MAX_FIELDS && !doc_says {
                let name: String = rest
                    .chars()
                    .take_while(|c| c.is_alphanumeric() || *c == '_')
                    .collect();
                wide.push(format!(
                    "{}: struct {name} has {fields} fields and no `Flat:` reason",
                    f.display()
                ));
            }
        }
    }
    assert!(wide.is_empty(), "{}", wide.join("\n"));
}
