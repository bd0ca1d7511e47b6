//! The README's command examples, run in order as a new user would: on a
//! site made by the README's own `chibo init`, inside its folder. The
//! commands are read from README.md, so the two cannot drift apart.

mod common;

use std::path::{Path, PathBuf};
use std::process::Command;

/// The `chibo …` and `cd …` lines of the README's `sh` blocks, in order,
/// split into words (double quotes group; `#` starts a comment).
fn readme_commands() -> Vec<Vec<String>> {
    let readme =
        std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("README.md")).unwrap();
    let mut out = Vec::new();
    let mut in_sh = false;
    for line in readme.lines() {
        if line.starts_with("```") {
            in_sh = !in_sh && line.trim() == "```sh";
            continue;
        }
        let line = line.trim().trim_start_matches("$ ");
        if in_sh && (line.starts_with("chibo ") || line.starts_with("cd ")) {
            out.push(words(line));
        }
    }
    out
}

fn words(line: &str) -> Vec<String> {
    let mut words = Vec::new();
    let mut word = String::new();
    let (mut quoted, mut started) = (false, false);
    for c in line.chars() {
        match c {
            '"' => {
                quoted = !quoted;
                started = true;
            }
            '#' if !quoted && !started => break,
            c if c.is_whitespace() && !quoted => {
                if started {
                    words.push(std::mem::take(&mut word));
                    started = false;
                }
            }
            c => {
                word.push(c);
                started = true;
            }
        }
    }
    if started {
        words.push(word);
    }
    words
}

#[test]
fn the_readme_examples_run_in_order_on_a_new_site() {
    let commands = readme_commands();
    assert!(commands.len() >= 15, "{commands:?}");
    assert_eq!(commands[0], ["chibo", "--help"]);
    let has_pdf = commands.iter().any(|c| c.iter().any(|w| w == "--pdf"));
    let printing = common::require_tools(&["chromium"]);
    let tmp = tempfile::tempdir().unwrap();
    let mut cwd: PathBuf = tmp.path().to_path_buf();
    let mut ran = 0;
    let mut drafted_yet = false;
    for cmd in &commands {
        if cmd[0] == "cd" {
            cwd = cwd.join(&cmd[1]);
            continue;
        }
        // The preview never exits; tests/serve.rs runs it.
        if cmd[1] == "serve" || (cmd.iter().any(|w| w == "--pdf") && !printing) {
            continue;
        }
        let out = Command::new(env!("CARGO_BIN_EXE_chibo"))
            .args(&cmd[1..])
            .current_dir(&cwd)
            .env_remove("CHIBO_ROOT")
            .output()
            .unwrap();
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert!(
            out.status.success(),
            "README example `{}` failed in {}:\n{stderr}",
            cmd.join(" "),
            cwd.display()
        );
        // The new site has nothing to warn about, except the mark a drafted
        // review keeps until its writer completes it.
        let drafted = drafted_yet;
        drafted_yet |= cmd.iter().any(|w| w == "--figures");
        for line in stderr.lines().filter(|l| l.contains("cảnh báo")) {
            let about_the_mark = line.contains("CẦN VIẾT TIẾP")
                || (drafted && line.starts_with("1 cảnh báo (không ngăn"));
            assert!(about_the_mark, "`{}`: {stderr}", cmd.join(" "));
        }
        ran += 1;
    }
    assert!(ran >= 13, "only {ran} examples ran");
    let site = tmp.path().join("chi-bo-moi");
    assert!(site.join("output/index.html").is_file());
    assert!(site.join("public/index.html").is_file());
    // `new article` wrote the draft in the folder of the current year.
    let drafts: Vec<_> = walkdir::WalkDir::new(site.join("content/articles"))
        .into_iter()
        .flatten()
        .filter(|e| e.file_name() == "chi-bo-trien-khai-nhiem-vu-quy-iv-nam-2025.md")
        .collect();
    assert_eq!(drafts.len(), 1);
    assert!(
        site.join("bao-cao/bao-cao-quy-iii-2025/index.html")
            .is_file()
    );
    if has_pdf && printing {
        assert!(
            site.join("bao-cao/bao-cao-quy-iii-2025/bao-cao-quy-iii-2025.pdf")
                .is_file()
        );
    }
}

#[test]
fn readme_lines_are_split_like_a_shell_would() {
    assert_eq!(
        words(r#"chibo new article "Chi bộ # một"   # → a comment"#),
        ["chibo", "new", "article", "Chi bộ # một"]
    );
}
