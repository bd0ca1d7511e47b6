//! A fixture site in a temporary folder, and the real chibo binary run on it.
#![allow(dead_code, unreachable_pub)]

pub mod active;
pub mod api;
pub mod cdp;
pub mod exif;
pub mod register;
pub mod server;

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

pub const SITE_YAML: &str = "title: Chi bộ Sở Tư pháp tỉnh Lạng Sơn
base_url: https://example.gov.vn/chibo-stp
language: vi
timezone: \"+07:00\"
unit:
  name: Chi bộ Sở Tư pháp
  superior: Đảng bộ Khối các cơ quan tỉnh
  issuer_code: CB
  place: Lạng Sơn
term: { from: 2020-07-01, to: 2025-06-30, label: \"2020 - 2025\" }
categories:
  - { key: to-chuc-dang, name: Hoạt động của các tổ chức Đảng cơ sở }
  - { key: tin-tuc, name: Tin tức - Sự kiện }
per_page: 20
";

pub const DOCUMENTS: &str = "- id: kl-01-2021
  type: Kết luận
  number: 01-KL/TW
  date: 2021-05-18
  issuer: Bộ Chính trị
  subject: về tiếp tục đẩy mạnh học tập và làm theo tư tưởng, đạo đức, phong cách Hồ Chí Minh
";

/// A tiny valid PNG (1×1).
pub const PNG: &[u8] = &[
    0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0x00, 0x00, 0x00, 0x0D, 0x49, 0x48, 0x44, 0x52,
    0x00, 0x00, 0x00, 0x01, 0x00, 0x00, 0x00, 0x01, 0x08, 0x02, 0x00, 0x00, 0x00, 0x90, 0x77, 0x53,
    0xDE, 0x00, 0x00, 0x00, 0x0C, 0x49, 0x44, 0x41, 0x54, 0x08, 0xD7, 0x63, 0xF8, 0xCF, 0xC0, 0x00,
    0x00, 0x03, 0x01, 0x01, 0x00, 0x18, 0xDD, 0x8D, 0xB0, 0x00, 0x00, 0x00, 0x00, 0x49, 0x45, 0x4E,
    0x44, 0xAE, 0x42, 0x60, 0x82,
];

/// A 960 × 600 PNG: wide enough to open an article without a warning.
pub fn photo_png() -> Vec<u8> {
    let img = image::RgbImage::from_fn(960, 600, |x, y| {
        image::Rgb([180, (y * 200 / 600) as u8, (x * 200 / 960) as u8])
    });
    let mut out = std::io::Cursor::new(Vec::new());
    img.write_to(&mut out, image::ImageFormat::Png).unwrap();
    out.into_inner()
}

pub struct Site {
    pub dir: tempfile::TempDir,
}

impl Site {
    /// An empty folder.
    pub fn empty() -> Site {
        Site {
            dir: tempfile::tempdir().expect("tempdir"),
        }
    }

    /// site.yaml, documents.yaml and one photo; no articles.
    pub fn new() -> Site {
        let s = Site::empty();
        s.write("site.yaml", SITE_YAML);
        s.write("content/documents.yaml", DOCUMENTS);
        s.write_bytes("content/static/anh/ket-nap.png", &photo_png());
        s
    }

    /// A copy of this repository's example site (site.yaml, content/,
    /// templates/) in a temporary folder: a test never writes into the
    /// checkout (the photo cache, an output folder).
    pub fn example() -> Site {
        let s = Site::empty();
        let repo = Path::new(env!("CARGO_MANIFEST_DIR"));
        s.write_bytes("site.yaml", &std::fs::read(repo.join("site.yaml")).unwrap());
        for dir in ["content", "templates"] {
            for e in walkdir::WalkDir::new(repo.join(dir))
                .into_iter()
                .flatten()
                .filter(|e| e.file_type().is_file())
            {
                let rel = e.path().strip_prefix(repo).unwrap().to_str().unwrap();
                s.write_bytes(rel, &std::fs::read(e.path()).unwrap());
            }
        }
        s
    }

    pub fn root(&self) -> &Path {
        self.dir.path()
    }

    pub fn path(&self, rel: &str) -> PathBuf {
        self.dir.path().join(rel)
    }

    pub fn write(&self, rel: &str, text: &str) {
        self.write_bytes(rel, text.as_bytes());
    }

    pub fn write_bytes(&self, rel: &str, bytes: &[u8]) {
        let p = self.path(rel);
        std::fs::create_dir_all(p.parent().unwrap()).unwrap();
        std::fs::write(p, bytes).unwrap();
    }

    pub fn read(&self, rel: &str) -> String {
        std::fs::read_to_string(self.path(rel)).unwrap_or_else(|e| panic!("{rel}: {e}"))
    }

    pub fn exists(&self, rel: &str) -> bool {
        self.path(rel).exists()
    }

    /// An article file with the usual front matter.
    pub fn article(
        &self,
        rel: &str,
        title: &str,
        date: &str,
        category: &str,
        tags: &str,
        body: &str,
    ) {
        self.write(
            rel,
            &format!(
                "---\ntitle: {title}\ndate: {date}\ncategory: {category}\ntags: {tags}\nauthor: Lương Văn Chuyền\nunit: Chi bộ Sở Tư pháp\n---\n\n{body}\n"
            ),
        );
    }

    /// Runs chibo on this site. After every successful `build`, every
    /// page written is scanned for active content (scripts, event handlers,
    /// script URLs): published means trusted, in every test.
    pub fn run(&self, args: &[&str]) -> Run {
        let out = Command::new(env!("CARGO_BIN_EXE_chibo"))
            .arg("--root")
            .arg(self.root())
            .args(args)
            .output()
            .expect("run chibo");
        let run = Run::from(out);
        // `unsafe_html: true` is the documented way out of the sanitiser.
        let unsafe_site = std::fs::read_to_string(self.path("site.yaml"))
            .is_ok_and(|t| t.contains("unsafe_html: true"));
        if run.code == 0 && args.first() == Some(&"build") && !unsafe_site {
            let out_dir = args
                .iter()
                .position(|a| *a == "-o" || *a == "--output-dir")
                .and_then(|i| args.get(i + 1))
                .map_or_else(
                    || self.path("output"),
                    |o| {
                        let p = Path::new(o);
                        if p.is_absolute() {
                            p.to_path_buf()
                        } else {
                            self.path(o)
                        }
                    },
                );
            let found = active::scan_dir(&out_dir);
            assert!(
                found.is_empty(),
                "active content in built pages:\n{}",
                found.join("\n")
            );
        }
        run
    }
}

pub struct Run {
    pub code: i32,
    pub stdout: String,
    pub stderr: String,
}

impl From<Output> for Run {
    fn from(o: Output) -> Run {
        Run {
            code: o.status.code().unwrap_or(-1),
            stdout: String::from_utf8_lossy(&o.stdout).into_owned(),
            stderr: String::from_utf8_lossy(&o.stderr).into_owned(),
        }
    }
}

impl Run {
    #[track_caller]
    pub fn ok(&self) -> &Self {
        assert_eq!(
            self.code, 0,
            "stdout:\n{}\nstderr:\n{}",
            self.stdout, self.stderr
        );
        self
    }
    #[track_caller]
    pub fn failed(&self) -> &Self {
        assert_eq!(
            self.code, 1,
            "stdout:\n{}\nstderr:\n{}",
            self.stdout, self.stderr
        );
        self
    }
}

/// True when every program in `cmds` is installed. When one is missing,
/// a test that needs it fails under CI (`CI` set: `.ci/run` installs them)
/// and elsewhere says plainly that it did not run.
pub fn require_tools(cmds: &[&str]) -> bool {
    let missing: Vec<&str> = cmds
        .iter()
        .copied()
        .filter(|c| {
            !Command::new("sh")
                .arg("-c")
                .arg(format!("command -v {c}"))
                .output()
                .is_ok_and(|o| o.status.success())
        })
        .collect();
    if missing.is_empty() {
        return true;
    }
    let ci = std::env::var("CI").is_ok_and(|v| !v.is_empty() && v != "false" && v != "0");
    assert!(
        !ci,
        "CI: {} not installed; .ci/run must install it",
        missing.join(", ")
    );
    eprintln!(
        "NOT RUN: {} not installed (.ci/run installs it; under CI this test fails)",
        missing.join(", ")
    );
    // For the closing lines of scripts/test.sh: this test, and what it lacked.
    let test = std::thread::current().name().unwrap_or("?").to_string();
    let list = Path::new(env!("CARGO_TARGET_TMPDIR")).join("chibo-not-run.txt");
    if let Ok(mut f) = std::fs::OpenOptions::new()
        .create(true)
        .append(true)
        .open(list)
    {
        use std::io::Write;
        let _ = writeln!(
            f,
            "{}::{test}\t{}",
            env!("CARGO_CRATE_NAME"),
            missing.join(", ")
        );
    }
    false
}

/// LibreOffice, headless, with a profile of its own, converting `files`
/// to PDF into `out`.
#[allow(dead_code)]
pub fn soffice_to_pdf(files: &[&Path], out: &Path) -> std::process::Output {
    let profile = tempfile::tempdir().unwrap();
    Command::new("soffice")
        .arg(format!(
            "-env:UserInstallation=file://{}",
            profile.path().display()
        ))
        .args(["--headless", "--convert-to", "pdf", "--outdir"])
        .arg(out)
        .args(files)
        .output()
        .unwrap()
}

/// The font families `pdffonts` lists: "ABCDEF+LiberationSerif-Bold" →
/// "LiberationSerif".
#[allow(dead_code)]
pub fn font_families(pdffonts: &str) -> std::collections::BTreeSet<String> {
    pdffonts
        .lines()
        .skip(2)
        .filter_map(|l| l.split_whitespace().next())
        .map(|name| {
            let name = name.split('+').next_back().unwrap_or(name);
            name.split(['-', ',']).next().unwrap_or(name).to_string()
        })
        .collect()
}

/// The DOM of `url` in headless Chromium (a fresh profile) once its
/// scripts had `budget_ms` of virtual time; `extra` adds flags.
pub fn chromium_dom(url: &str, budget_ms: u32, extra: &[&str]) -> String {
    let profile = tempfile::tempdir().unwrap();
    let out = Command::new("chromium")
        .args([
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--no-first-run",
        ])
        .args(extra)
        .arg(format!("--virtual-time-budget={budget_ms}"))
        .arg("--dump-dom")
        .arg(format!("--user-data-dir={}", profile.path().display()))
        .arg(url)
        .stderr(std::process::Stdio::null())
        .output()
        .unwrap();
    String::from_utf8_lossy(&out.stdout).into_owned()
}

/// Every file under `dir` with its bytes, sorted by path.
pub fn tree(dir: &Path) -> Vec<(String, Vec<u8>)> {
    let mut out = Vec::new();
    for e in walkdir::WalkDir::new(dir).sort_by_file_name() {
        let e = e.unwrap();
        if e.file_type().is_file() {
            let rel = e
                .path()
                .strip_prefix(dir)
                .unwrap()
                .to_string_lossy()
                .to_string();
            out.push((rel, std::fs::read(e.path()).unwrap()));
        }
    }
    out
}

/// The body XML (`word/document.xml`) of a Word file.
#[allow(dead_code)]
pub fn docx_text(path: &Path) -> String {
    use std::io::Read;
    let mut zip = zip::ZipArchive::new(std::fs::File::open(path).unwrap()).unwrap();
    let mut s = String::new();
    zip.by_name("word/document.xml")
        .unwrap()
        .read_to_string(&mut s)
        .unwrap();
    s
}

/// The words `pdftotext` reads from a PDF, one space between them.
#[allow(dead_code)]
pub fn pdf_words(pdf: &Path) -> String {
    let out = Command::new("pdftotext")
        .arg(pdf)
        .arg("-")
        .output()
        .unwrap();
    String::from_utf8_lossy(&out.stdout)
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
}

/// The sheets of `xlsx` as LibreOffice Calc reads them, as CSV rows by
/// sheet name (cell values, not as shown).
pub fn xlsx_sheets(xlsx: &std::path::Path) -> std::collections::BTreeMap<String, Vec<Vec<String>>> {
    let out = tempfile::tempdir().unwrap();
    let profile = tempfile::tempdir().unwrap();
    let run = std::process::Command::new("soffice")
        .arg(format!(
            "-env:UserInstallation=file://{}",
            profile.path().display()
        ))
        .args([
            "--headless",
            "--convert-to",
            "csv:Text - txt - csv (StarCalc):44,34,76,1,,0,false,true,false,false,false,-1",
            "--outdir",
        ])
        .arg(out.path())
        .arg(xlsx)
        .output()
        .unwrap();
    let mut found = std::collections::BTreeMap::new();
    for e in std::fs::read_dir(out.path()).unwrap().flatten() {
        let name = e.file_name().to_string_lossy().to_string();
        let stem = xlsx.file_stem().unwrap().to_string_lossy();
        let sheet = name
            .trim_end_matches(".csv")
            .strip_prefix(&format!("{stem}-"))
            .unwrap()
            .to_string();
        let text = std::fs::read_to_string(e.path()).unwrap();
        let rows = text.lines().map(split_csv).collect();
        found.insert(sheet, rows);
    }
    assert!(!found.is_empty(), "LibreOffice read nothing: {run:?}");
    found
}

/// One CSV line's fields (quotes as LibreOffice writes them).
fn split_csv(line: &str) -> Vec<String> {
    let (mut out, mut cur, mut quoted) = (Vec::new(), String::new(), false);
    for c in line.chars() {
        match c {
            '"' => quoted = !quoted,
            ',' if !quoted => out.push(std::mem::take(&mut cur)),
            c => cur.push(c),
        }
    }
    out.push(cur);
    out
}

/// The words a page shows: its body without tags, styles or scripts,
/// entities decoded, runs of white space as one space.
pub fn visible_text(html: &str) -> String {
    let body = html.split_once("<body").map_or(html, |(_, b)| b);
    let mut out = String::new();
    let mut rest = body;
    while let Some(i) = rest.find('<') {
        out.push_str(&rest[..i]);
        let tail = &rest[i..];
        let skip_to = ["<style", "<script"]
            .iter()
            .find(|t| tail.starts_with(**t))
            .map(|t| format!("</{}>", &t[1..]));
        rest = match skip_to {
            Some(end) => tail.find(&end).map_or("", |j| &tail[j + end.len()..]),
            None => tail.find('>').map_or("", |j| &tail[j + 1..]),
        };
        // Inline tags join words; a tag between words is no space of its own.
    }
    out.push_str(rest);
    let decoded = out
        .replace("&nbsp;", " ")
        .replace('\u{a0}', " ")
        .replace("&amp;", "&")
        .replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&quot;", "\"")
        .replace("&#39;", "'");
    decoded.split_whitespace().collect::<Vec<_>>().join(" ")
}
