//! The command line speaks Vietnamese: every help page and every usage
//! error, with clap's English headings, flags, defaults and errors replaced.

use std::process::Command;

fn chibo(args: &[&str]) -> (i32, String, String) {
    let out = Command::new(env!("CARGO_BIN_EXE_chibo"))
        .args(args)
        .env_remove("CHIBO_ROOT")
        .output()
        .unwrap();
    (
        out.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&out.stdout).into_owned(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

/// Words of clap's English that must never reach a user.
const ENGLISH: &[&str] = &[
    "Usage",
    "Options",
    "Commands",
    "Arguments",
    "Print",
    "default:",
    "env:",
    "error:",
    "tip:",
    "For more",
    "unrecognized",
    "unexpected",
    "invalid",
    "required",
    "[OPTIONS]",
    "<COMMAND>",
    "found",
];

fn assert_vietnamese(text: &str) {
    for word in ENGLISH {
        assert!(!text.contains(word), "English `{word}` in:\n{text}");
    }
}

#[test]
fn every_help_page_is_vietnamese_with_each_default_said_once() {
    for args in [
        &["--help"][..],
        &["-h"],
        &["init", "--help"],
        &["new", "--help"],
        &["new", "article", "--help"],
        &["new", "activity", "--help"],
        &["check", "--help"],
        &["build", "--help"],
        &["serve", "-h"],
        &["figures", "--help"],
        &["report", "--help"],
    ] {
        let (code, stdout, stderr) = chibo(args);
        assert_eq!(code, 0, "{args:?}: {stderr}");
        assert!(stdout.contains("Cách dùng: chibo"), "{args:?}:\n{stdout}");
        assert!(stdout.contains("Tùy chọn:"), "{args:?}:\n{stdout}");
        assert!(stdout.contains("In hướng dẫn này"), "{args:?}:\n{stdout}");
        assert_vietnamese(&stdout);
        for line in stdout.lines() {
            assert!(line.matches("mặc định").count() <= 1, "{line}");
        }
    }
    let (_, build, _) = chibo(&["build", "--help"]);
    assert!(
        build.contains("-o, --output-dir <THƯ_MỤC>  Thư mục ra (mặc định: output)\n"),
        "{build}"
    );
}

#[test]
fn usage_errors_are_vietnamese_with_a_suggestion_and_exit_two() {
    let cases: &[(&[&str], &str)] = &[
        (
            &["buidl"],
            "lỗi: lệnh `buidl` không có (có phải ý bạn là `build`?)",
        ),
        (&["build", "--xyz"], "lỗi: tùy chọn `--xyz` không có ở đây."),
        (&["build", "--draft"], "(có phải ý bạn là `--drafts`?)"),
        (
            &["serve", "--port", "abc"],
            "lỗi: giá trị `abc` của `--port <CỔNG>` không hợp lệ.",
        ),
        (&["init"], "lỗi: thiếu <THƯ_MỤC>."),
        (&["build", "--drafts=1"], "lỗi:"),
        (&["new", "activity"], "lỗi: thiếu <LOẠI>."),
    ];
    for (args, want) in cases {
        let (code, stdout, stderr) = chibo(args);
        assert_eq!(code, 2, "{args:?}");
        assert!(stdout.is_empty(), "{args:?}: {stdout}");
        assert!(stderr.contains(want), "{args:?}:\n{stderr}");
        assert!(stderr.contains("Xem hướng dẫn: chibo --help"), "{stderr}");
        assert_vietnamese(&stderr);
    }
    // `chibo` alone shows the help, as a usage error.
    let (code, _, stderr) = chibo(&[]);
    assert_eq!(code, 2);
    assert!(stderr.contains("Lệnh:"), "{stderr}");
    assert_vietnamese(&stderr);
}
