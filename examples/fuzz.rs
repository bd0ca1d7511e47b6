//! A mutation fuzzer for what users write: article front matter and bodies,
//! activity logs, reports, site.yaml and documents.yaml. Each case is a
//! small site made from the example site's own files, one of them mutated
//! (hostile tokens, repetitions, splices, byte edits); the release binary
//! then runs `check` and `build` on it with a time and memory limit.
//!
//! A case fails when chibo panics or dies (crash), runs past the limit
//! (hang), writes anywhere but the output folder (escape), leaves a link
//! in the output, or publishes active content (a script, an event handler,
//! a script URL). Failing sites are kept for replay.
//!
//!     scripts/fuzz.sh 30                  # 30 minutes, both cores
//!     target/release/examples/fuzz --replay target/fuzz-findings/hang-in-check-5/site
//!     target/release/examples/fuzz --replay target/fuzz-findings/hang-in-check-5/site
//!     cargo run --release --example fuzz -- --minutes 1 --seed 7 --jobs 1
//!
//! Not part of `cargo test`: it runs for a fixed budget and prints totals.

#[allow(unreachable_pub)]
#[path = "../tests/common/active.rs"]
mod active;

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

/// xorshift64*: small, seedable, good enough for choosing mutations.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }
    fn below(&mut self, n: usize) -> usize {
        if n == 0 {
            0
        } else {
            (self.next() % n as u64) as usize
        }
    }
    fn pick<'a, T>(&mut self, v: &'a [T]) -> &'a T {
        &v[self.below(v.len())]
    }
}

/// Pieces that have broken parsers, sanitisers and template engines.
const TOKENS: &[&str] = &[
    "<script>alert(1)</script>",
    "{tabindex=0 autofocus onfocus=alert(1)}",
    "{#x .y onclick=z}",
    "<img src=x onerror=alert(1)>",
    "<svg onload=alert(1)>",
    "<a href=\"javascript:alert(1)\">x</a>",
    "[x](javascript:alert(1))",
    "[x](jav&#x61;script:alert(1))",
    "![x](../../etc/passwd)",
    "![x](static/anh/le-ket-nap.jpg \"c\")",
    "<iframe src=//x>",
    "<b>",
    "</b>",
    "<div>",
    "<style>*{}</style>",
    "<!--",
    "-->",
    "<![CDATA[",
    "&amp;",
    "&#0;",
    "&",
    "\u{E000}",
    "\u{E001}",
    "\u{E000}bieu_do 2021-01-01 2021-12-31\u{E001}",
    "{{ bieu_do() }}",
    "{{ bang_so_lieu() }}",
    "{{ bieu_do() | upper }}",
    "{{ figures }}",
    "{{ figures.counts.ket_nap | hai_so }}",
    "{{ 'kl-01-2021' | cite }}",
    "{{ x | safe }}",
    "{{ range(end=100000) | join(sep='xx') }}",
    "{{ 'a' | replace(from='a', to='bb') }}",
    "{% set n = bieu_do() | split(pat='-->') | first %}",
    "{% for x in [1,2] %}{% endfor %}",
    "{% include 'base.html' %}",
    "{% macro m() %}{% endmacro %}",
    "{% extends 'base.html' %}",
    "{% if 1 %}a{% elif 2 %}b{% else %}c{% endif %}",
    "{% raw %}",
    "{% endraw %}",
    "{{",
    "}}",
    "{%",
    "%}",
    "{#",
    "#}",
    "- ",
    "> ",
    "* ",
    "1. ",
    "```",
    "~~~",
    "    ",
    "|a|b|\n|-|-|\n|c|d|\n",
    "[^1]",
    "[^1]: chú thích\n",
    "\n---\n",
    "---\n",
    "\r\n",
    "\t",
    "\u{feff}",
    "\0",
    "\u{202e}",
    "e\u{301}",
    "Đảng ủy",
    "%2e%2e/",
    "../",
    "/..",
    "\\",
    "..\\..\\",
    "&a [x, y]",
    "*a",
    "&a ",
    "!!binary ",
    "!!str ",
    "? ",
    ": ",
    "'",
    "\"",
    "null",
    "~",
    "0x1F",
    "2023-02-29",
    "2023-13-01 25:61",
    "9999-12-31",
    "kind: ket_nap\n",
    "kind: khong_co\n",
    "attendance: { total: 0, present: 1 }\n",
    "members: []\n",
    "slug: ../x\n",
    "slug: a/b\n",
    "category: tin-tuc\n",
    "category: khong-co\n",
    "draft: true\n",
    "tags: [a, A, Ă, ă]\n",
    "figures: { from: 2021-01-01, to: 2020-01-01 }\n",
    "unsafe_html: true\n",
    "photos: [{ src: ../../x.png, caption: c }]\n",
    "documents: [khong-co]\n",
    "per_page: 0\n",
    "per_page: 99999999999999999999\n",
    "base_url: javascript:alert(1)\n",
    "title: ",
];

/// What a case may grow to: past it a repetition is cut.
const MAX_FILE: usize = 3 * 1024 * 1024;

fn mutate(text: &[u8], rng: &mut Rng, seeds: &[String]) -> Vec<u8> {
    let mut b: Vec<u8> = text.to_vec();
    for _ in 0..1 + rng.below(6) {
        let at = rng.below(b.len() + 1);
        match rng.below(9) {
            0..=2 => {
                let t = rng.pick(TOKENS).as_bytes();
                b.splice(at..at, t.iter().copied());
            }
            3 => {
                // A token or a slice many times: nesting, long lines.
                let piece: Vec<u8> = if rng.below(2) == 0 {
                    rng.pick(TOKENS).as_bytes().to_vec()
                } else {
                    let end = (at + 1 + rng.below(40)).min(b.len());
                    b[at.min(end)..end].to_vec()
                };
                let times = [2, 10, 100, 1000, 10_000, 100_000][rng.below(6)];
                let room = MAX_FILE.saturating_sub(b.len()) / piece.len().max(1);
                let rep = piece.repeat(times.min(room));
                b.splice(at..at, rep);
            }
            4 => {
                let s = rng.pick(seeds).as_bytes();
                if !s.is_empty() {
                    let from = rng.below(s.len());
                    let to = (from + 1 + rng.below(400)).min(s.len());
                    b.splice(at..at, s[from..to].iter().copied());
                }
            }
            5 if !b.is_empty() => {
                let end = (at + 1 + rng.below(64)).min(b.len());
                b.drain(at.min(end)..end);
            }
            6 if !b.is_empty() => {
                let i = rng.below(b.len());
                b[i] ^= 1 << rng.below(8);
            }
            7 => {
                let end = (at + 1 + rng.below(200)).min(b.len());
                let dup = b[at.min(end)..end].to_vec();
                b.splice(at..at, dup);
            }
            _ => b.insert(at.min(b.len()), rng.next() as u8),
        }
        b.truncate(MAX_FILE + 64 * 1024);
    }
    // Most cases stay valid UTF-8 so that they reach the deeper layers;
    // one in four keeps its broken bytes.
    if std::str::from_utf8(&b).is_err() && rng.below(4) != 0 {
        b = String::from_utf8_lossy(&b).into_owned().into_bytes();
    }
    b
}

/// The example site's files that users write, by kind.
struct Seeds {
    root: PathBuf,
    articles: Vec<String>,
    logs: Vec<String>,
    reports: Vec<String>,
    site_yaml: String,
    documents: String,
    all: Vec<String>,
}

fn read_all(dir: &Path, ext: &str) -> Vec<String> {
    let mut out = Vec::new();
    for e in walkdir::WalkDir::new(dir)
        .sort_by_file_name()
        .into_iter()
        .flatten()
    {
        if e.file_type().is_file() && e.path().extension().is_some_and(|x| x == ext) {
            out.extend(std::fs::read_to_string(e.path()).ok());
        }
    }
    out
}

impl Seeds {
    fn load(root: &Path) -> Seeds {
        let articles = read_all(&root.join("content/articles"), "md");
        let logs = read_all(&root.join("content/activities"), "yaml");
        let reports = read_all(&root.join("content/reports"), "md");
        let site_yaml = std::fs::read_to_string(root.join("site.yaml")).expect("site.yaml");
        let documents =
            std::fs::read_to_string(root.join("content/documents.yaml")).unwrap_or_default();
        let mut all = articles.clone();
        all.extend(logs.iter().cloned());
        all.extend(reports.iter().cloned());
        Seeds {
            root: root.to_path_buf(),
            articles,
            logs,
            reports,
            site_yaml,
            documents,
            all,
        }
    }
}

/// Writes a small site into `dir` with one file mutated; returns what was
/// mutated.
fn make_case(dir: &Path, seeds: &Seeds, rng: &mut Rng) -> String {
    let _ = std::fs::remove_dir_all(dir);
    std::fs::create_dir_all(dir.join("content/articles")).unwrap();
    let copy_static = |to: &Path| {
        for e in walkdir::WalkDir::new(seeds.root.join("content/static"))
            .into_iter()
            .flatten()
        {
            let rel = e.path().strip_prefix(&seeds.root).unwrap();
            if e.file_type().is_dir() {
                let _ = std::fs::create_dir_all(to.join(rel));
            } else {
                let _ = std::fs::copy(e.path(), to.join(rel));
            }
        }
    };
    copy_static(dir);
    let mut files: Vec<(String, Vec<u8>)> = vec![
        ("site.yaml".into(), seeds.site_yaml.clone().into_bytes()),
        (
            "content/documents.yaml".into(),
            seeds.documents.clone().into_bytes(),
        ),
    ];
    for i in 0..2 {
        files.push((
            format!("content/articles/a{i}.md"),
            rng.pick(&seeds.articles).clone().into_bytes(),
        ));
        files.push((
            format!("content/activities/l{i}.yaml"),
            rng.pick(&seeds.logs).clone().into_bytes(),
        ));
    }
    if !seeds.reports.is_empty() {
        files.push((
            "content/reports/bc.md".into(),
            rng.pick(&seeds.reports).clone().into_bytes(),
        ));
    }
    // Articles twice as often as the rest: they are what is published.
    let target = match rng.below(8) {
        0..=3 => rng.below(2) * 2 + 2,
        4 | 5 => rng.below(2) * 2 + 3,
        6 => files.len() - 1,
        _ => rng.below(2),
    };
    let target = target.min(files.len() - 1);
    let text = &files[target].1;
    // Half the time an article or report keeps its front matter and only
    // its body changes, so that more cases are published and scanned.
    let body_at = (files[target].0.ends_with(".md") && rng.below(2) == 0)
        .then(|| {
            let t = String::from_utf8_lossy(text);
            t.get(3..).and_then(|r| r.find("\n---")).map(|i| i + 3 + 4)
        })
        .flatten();
    files[target].1 = match body_at {
        Some(at) if at <= text.len() => {
            let mut head = text[..at].to_vec();
            head.extend(mutate(&text[at..], rng, &seeds.all));
            head
        }
        _ => mutate(text, rng, &seeds.all),
    };
    for (rel, text) in &files {
        let p = dir.join(rel);
        std::fs::create_dir_all(p.parent().unwrap()).unwrap();
        std::fs::write(p, text).unwrap();
    }
    files[target].0.clone()
}

/// Every path under `dir` (files, folders, links) except under `skip`.
fn listing(dir: &Path, skip: &Path) -> Vec<(PathBuf, u64)> {
    let mut v: Vec<(PathBuf, u64)> = walkdir::WalkDir::new(dir)
        .follow_links(false)
        .into_iter()
        .flatten()
        .filter(|e| !e.path().starts_with(skip))
        .map(|e| (e.path().to_path_buf(), e.metadata().map_or(0, |m| m.len())))
        .collect();
    v.sort();
    v
}

enum Outcome {
    Exit(i32),
    Crash(String),
    Hang,
}

/// Runs chibo with a time limit and a 2 GiB address-space limit.
fn run(bin: &Path, args: &[&str], limit: Duration) -> (Outcome, Duration) {
    use std::os::unix::process::CommandExt;
    let started = Instant::now();
    let mut cmd = Command::new(bin);
    cmd.args(args)
        .stdin(Stdio::null())
        .stdout(Stdio::null())
        .stderr(Stdio::null());
    // SAFETY: setrlimit is async-signal-safe and only touches the child.
    unsafe {
        cmd.pre_exec(|| {
            let lim = libc::rlimit {
                rlim_cur: 2 << 30,
                rlim_max: 2 << 30,
            };
            libc::setrlimit(libc::RLIMIT_AS, &lim);
            Ok(())
        });
    }
    let Ok(mut child) = cmd.spawn() else {
        return (Outcome::Crash("spawn failed".into()), started.elapsed());
    };
    loop {
        match child.try_wait() {
            Ok(Some(status)) => {
                let out = match status.code() {
                    Some(c) if c == 0 || c == 1 || c == 2 => Outcome::Exit(c),
                    Some(c) => Outcome::Crash(format!("exit {c}")),
                    None => Outcome::Crash(format!("{status}")),
                };
                return (out, started.elapsed());
            }
            Ok(None) if started.elapsed() > limit => {
                let _ = child.kill();
                let _ = child.wait();
                return (Outcome::Hang, started.elapsed());
            }
            Ok(None) => std::thread::sleep(Duration::from_millis(2)),
            Err(e) => return (Outcome::Crash(e.to_string()), started.elapsed()),
        }
    }
}

#[derive(Default)]
struct Totals {
    cases: AtomicU64,
    executions: AtomicU64,
    built: AtomicU64,
    findings: Mutex<BTreeMap<String, u64>>,
    exits: Mutex<BTreeMap<String, u64>>,
    slowest_ms: AtomicU64,
}

fn arg(args: &[String], name: &str) -> Option<String> {
    args.iter()
        .position(|a| a == name)
        .and_then(|i| args.get(i + 1))
        .cloned()
}

fn main() {
    let args: Vec<String> = std::env::args().collect();
    let minutes: f64 = arg(&args, "--minutes")
        .and_then(|m| m.parse().ok())
        .unwrap_or(30.0);
    let jobs: usize = arg(&args, "--jobs")
        .and_then(|m| m.parse().ok())
        .unwrap_or(2);
    let seed: u64 = arg(&args, "--seed")
        .and_then(|m| m.parse().ok())
        .unwrap_or_else(|| {
            std::time::SystemTime::now()
                .duration_since(std::time::UNIX_EPOCH)
                .map_or(1, |d| d.as_nanos() as u64)
        });
    let repo = PathBuf::from(env!("CARGO_MANIFEST_DIR"));
    let bin = arg(&args, "--bin").map_or_else(|| repo.join("target/release/chibo"), PathBuf::from);
    let keep =
        arg(&args, "--keep").map_or_else(|| repo.join("target/fuzz-findings"), PathBuf::from);
    let work = std::env::temp_dir().join(format!("chibo-fuzz-{}", std::process::id()));
    assert!(
        bin.is_file(),
        "build first: cargo build --release ({})",
        bin.display()
    );
    if let Some(site) = arg(&args, "--replay") {
        // A kept finding, run again as it is: its problems, or none.
        let site = PathBuf::from(site);
        let problems = examine(&bin, &site, &Totals::default());
        if problems.is_empty() {
            println!("no problem");
        } else {
            println!("{}", problems.join("\n"));
            std::process::exit(1);
        }
        return;
    }
    let seeds = Arc::new(Seeds::load(&repo));
    let totals = Arc::new(Totals::default());
    let deadline = Instant::now() + Duration::from_secs_f64(minutes * 60.0);
    let stop = Arc::new(AtomicBool::new(false));
    println!(
        "fuzz: {minutes} min, {jobs} jobs, seed {seed}, binary {}",
        bin.display()
    );
    let workers: Vec<_> = (0..jobs)
        .map(|j| {
            let (seeds, totals, stop, bin, keep) = (
                seeds.clone(),
                totals.clone(),
                stop.clone(),
                bin.clone(),
                keep.clone(),
            );
            let base = work.join(format!("job{j}"));
            std::thread::spawn(move || {
                let mut rng = Rng(seed ^ (j as u64 + 1).wrapping_mul(0x9E37_79B9_7F4A_7C15) | 1);
                while !stop.load(Ordering::Relaxed) && Instant::now() < deadline {
                    one_case(&base, &seeds, &mut rng, &bin, &keep, &totals);
                }
            })
        })
        .collect();
    let mut last = Instant::now();
    while Instant::now() < deadline {
        std::thread::sleep(Duration::from_millis(500));
        if last.elapsed() > Duration::from_secs(60) {
            last = Instant::now();
            println!(
                "  … {} cases, {} executions, findings {:?}",
                totals.cases.load(Ordering::Relaxed),
                totals.executions.load(Ordering::Relaxed),
                totals.findings.lock().unwrap()
            );
        }
    }
    stop.store(true, Ordering::Relaxed);
    for w in workers {
        let _ = w.join();
    }
    let _ = std::fs::remove_dir_all(&work);
    let findings = totals.findings.lock().unwrap();
    println!("cases: {}", totals.cases.load(Ordering::Relaxed));
    println!(
        "executions: {} (check + build per case)",
        totals.executions.load(Ordering::Relaxed)
    );
    println!(
        "builds that published a site: {}",
        totals.built.load(Ordering::Relaxed)
    );
    println!(
        "slowest run: {} ms",
        totals.slowest_ms.load(Ordering::Relaxed)
    );
    println!("exit codes: {:?}", totals.exits.lock().unwrap());
    println!("findings: {:?} (kept under {})", *findings, keep.display());
    let bad: u64 = findings.values().sum();
    println!(
        "{} passed, {} failed",
        totals.cases.load(Ordering::Relaxed) - bad,
        bad
    );
    if bad > 0 {
        std::process::exit(1);
    }
}

/// Hang limit for one run: 5 s of work is the promise; 15 s leaves room
/// for a busy machine.
const LIMIT: Duration = Duration::from_secs(15);

fn one_case(base: &Path, seeds: &Seeds, rng: &mut Rng, bin: &Path, keep: &Path, totals: &Totals) {
    let site = base.join("site");
    let outside = base.join("ngoai");
    let _ = std::fs::create_dir_all(&outside);
    let _ = std::fs::write(outside.join("giu-nguyen.txt"), "x");
    let target = make_case(&site, seeds, rng);
    let problems = examine(bin, &site, totals);
    let n = totals.cases.fetch_add(1, Ordering::Relaxed);
    if !problems.is_empty() {
        let kind = problems[0]
            .split(':')
            .next()
            .unwrap_or("problem")
            .replace(' ', "-");
        *totals
            .findings
            .lock()
            .unwrap()
            .entry(kind.clone())
            .or_default() += 1;
        let dest = keep.join(format!("{kind}-{n}"));
        let _ = std::fs::create_dir_all(&dest);
        let _ = Command::new("cp").arg("-r").arg(&site).arg(&dest).status();
        let _ = std::fs::write(
            dest.join("WHY.txt"),
            format!("mutated: {target}\n{}\n", problems.join("\n")),
        );
        eprintln!("finding {kind} ({target}), kept in {}", dest.display());
    }
}

/// Runs `check` and `build` on `site`; returns its problems. Nothing beside
/// the site (in its parent folder) may change either.
fn examine(bin: &Path, site: &Path, totals: &Totals) -> Vec<String> {
    let base = site.parent().unwrap_or(site);
    let _ = std::fs::remove_dir_all(site.join("output"));
    let out = site.join("output");
    let before = listing(base, &out);
    let root = site.to_string_lossy().to_string();
    let mut problems = Vec::new();
    let (check, t1) = run(bin, &["--root", &root, "check"], LIMIT);
    let (build, t2) = run(bin, &["--root", &root, "build", "--quiet"], LIMIT);
    totals.executions.fetch_add(2, Ordering::Relaxed);
    totals
        .slowest_ms
        .fetch_max(t1.max(t2).as_millis() as u64, Ordering::Relaxed);
    for (name, o) in [("check", &check), ("build", &build)] {
        match o {
            Outcome::Exit(c) => {
                *totals
                    .exits
                    .lock()
                    .unwrap()
                    .entry(format!("{name} {c}"))
                    .or_default() += 1;
            }
            Outcome::Crash(why) => problems.push(format!("crash in {name}: {why}")),
            Outcome::Hang => problems.push(format!("hang in {name}")),
        }
    }
    if listing(base, &out) != before {
        problems.push("escape: files outside output/ changed".into());
    }
    if matches!(build, Outcome::Exit(0)) {
        totals.built.fetch_add(1, Ordering::Relaxed);
        let links = walkdir::WalkDir::new(&out)
            .follow_links(false)
            .into_iter()
            .flatten()
            .any(|e| e.path_is_symlink());
        if links {
            problems.push("a link inside output/".into());
        }
        let unsafe_site = std::fs::read_to_string(site.join("site.yaml"))
            .is_ok_and(|t| t.contains("unsafe_html"));
        if !unsafe_site {
            for f in active::scan_dir(&out).into_iter().take(3) {
                problems.push(format!("active content: {f}"));
            }
        }
    }
    problems
}
