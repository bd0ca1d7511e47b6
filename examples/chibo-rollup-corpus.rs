//! Writes a deterministic roll-up corpus: a committee folder with
//! `rollup.yaml` and N cell sites, each with Y years of activity logs
//! (about 60 entries a year: every monthly meeting, committee meeting and
//! study session, the quarterly thematic meetings, supervision, an
//! admission, inspections, the year's rating), a register of 20–34
//! members, and targets. Used by `bench/rollup.sh`.
//!
//! cargo run --release --example chibo-rollup-corpus -- --cells 500 --years 5 --out /tmp/ru500 [--gaps 3] [--broken 2] [--seed 7]
//!
//! `--gaps K`: K cells miss one month's regular meeting (not covered);
//! `--broken K`: K cells have an entry of an unknown kind (cannot be read).
//! The committee is `OUT/dang-uy/`; run `chibo --root OUT/dang-uy rollup`.

use std::fmt::Write as _;
use std::fs;
use std::path::Path;

#[path = "shared/rng.rs"]
mod rng;
use rng::Rng;

const LAST_YEAR: i32 = 2025;
const FAMILY: &[&str] = &[
    "Nguyễn", "Trần", "Lê", "Phạm", "Hoàng", "Vũ", "Đặng", "Bùi", "Đỗ", "Hồ",
];
const MIDDLE: &[&str] = &["Văn", "Thị", "Đức", "Minh", "Thu", "Quang", "Ngọc", "Hữu"];
const GIVEN: &[&str] = &[
    "An", "Bình", "Chi", "Dũng", "Đào", "Giang", "Hà", "Khánh", "Lan", "Mạnh", "Nga", "Phúc",
    "Quyên", "Sơn", "Tâm", "Uyên", "Vinh", "Yến",
];
const AGENCIES: &[&str] = &[
    "Sở Tư pháp",
    "Sở Tài chính",
    "Sở Y tế",
    "Sở Nội vụ",
    "Văn phòng",
    "Sở Xây dựng",
    "Sở Công thương",
    "Thanh tra",
    "Sở Giáo dục",
    "Kho bạc",
];

fn write(path: &Path, text: impl AsRef<[u8]>) {
    if let Some(dir) = path.parent() {
        fs::create_dir_all(dir).expect("create folder");
    }
    fs::write(path, text).expect("write file");
}

fn name(r: &mut Rng) -> String {
    format!("{} {} {}", r.pick(FAMILY), r.pick(MIDDLE), r.pick(GIVEN))
}

/// One year of a cell's log: about 60 entries.
fn year_log(year: i32, members: u32, gap: Option<u32>, r: &mut Rng) -> String {
    let mut s = String::new();
    for m in 1..=12u32 {
        if gap != Some(m) {
            let exempt = r.below(2) as u32;
            let present = members - exempt - r.below(3) as u32;
            let _ = write!(
                s,
                "- kind: sinh_hoat_thuong_ky\n  date: {year}-{m:02}-05 14:00\n  attendance: {{ total: {members}, exempt: {exempt}, present: {present} }}\n  topics: [Đánh giá nhiệm vụ tháng {m}]\n  rating: {{ level: tot, score: {} }}\n",
                85 + r.below(15)
            );
        }
        let _ = write!(
            s,
            "- kind: cap_uy\n  date: {year}-{m:02}-03\n  attendance: {{ total: 3, exempt: 0, present: 3 }}\n- kind: hoc_tap\n  date: {year}-{m:02}-12\n  title: Học tập chuyên đề tháng {m}\n  audience: toàn thể đảng viên\n- kind: giam_sat_thuong_xuyen\n  date: {year}-{m:02}-20\n  coverage_percent: {}\n",
            90 + r.below(11)
        );
        if m % 3 == 0 {
            let _ = write!(
                s,
                "- kind: chuyen_de\n  date: {year}-{m:02}-25\n  topic: Chuyên đề quý {}\n  attendance: {{ total: {members}, exempt: 0, present: {} }}\n",
                m / 3,
                members - 1
            );
        }
    }
    let _ = write!(
        s,
        "- kind: lop_nhan_thuc\n  date: {year}-04-10\n  participants: {}\n- kind: ket_nap\n  date: {year}-06-15\n  members: {}\n- kind: kiem_tra\n  date: {year}-08-15\n  subjects: {}\n- kind: kiem_tra\n  date: {year}-10-15\n  subjects: 1\n- kind: ky_luat\n  date: {year}-11-15\n  subjects: 0\n- kind: dan_van\n  date: {year}-07-01\n  topic: Dân vận khéo\n- kind: dan_van\n  date: {year}-09-01\n  topic: Giúp đỡ hộ nghèo\n- kind: xep_loai\n  date: {year}-12-20\n  year: {year}\n  cell_level: {}\n",
        1 + r.below(5),
        r.below(3),
        1 + r.below(3),
        [
            "hoan_thanh_xuat_sac",
            "hoan_thanh_tot",
            "hoan_thanh_tot",
            "hoan_thanh"
        ][r.below(4)]
    );
    s
}

fn register(members: u32, r: &mut Rng) -> String {
    let mut s = String::new();
    for i in 1..=members {
        let y = 1995 + r.below(25) as i32;
        let _ = write!(
            s,
            "- id: dv-{i:02}\n  name: {}\n  post: {}\n  admitted: {{ date: {y}-03-01, decision: {i}-QĐ/ĐUK }}\n  ceremony: {y}-03-20\n  official: {}-03-21\n",
            name(r),
            if i == 1 { "bi_thu" } else { "dang_vien" },
            y + 1
        );
    }
    s
}

fn cell(dir: &Path, no: usize, years: i32, gap: bool, broken: bool, r: &mut Rng) {
    let first = LAST_YEAR - years + 1;
    let agency = AGENCIES[no % AGENCIES.len()];
    let site = format!(
        "title: Chi bộ {agency} số {no}\nbase_url: https://example.gov.vn/cb-{no:04}\nunit: {{ name: Chi bộ {agency} số {no}, superior: Đảng ủy Khối các cơ quan tỉnh, issuer_code: CB, place: Lạng Sơn }}\nterm: {{ from: {first}-01-01, to: {LAST_YEAR}-12-31 }}\ncategories:\n  - {{ key: tin-tuc, name: Tin tức }}\ntargets:\n  - {{ indicator: sinh_hoat_thuong_ky, scope: year, value: 12 }}\n  - {{ indicator: attendance_min_percent, scope: year, value: 80 }}\n  - {{ indicator: ket_nap, scope: term, value: 3 }}\n  - {{ indicator: cell_level, scope: year, value: httnv }}\n"
    );
    write(&dir.join("site.yaml"), site);
    let members = 20 + r.below(15) as u32;
    write(&dir.join("content/dang-vien.yaml"), register(members, r));
    for (i, year) in (first..=LAST_YEAR).enumerate() {
        let missing = (gap && i == 0).then_some(2);
        let mut log = year_log(year, members, missing, r);
        if broken && i == 0 {
            log.push_str("- kind: hop_mat\n  date: 2021-01-01\n");
        }
        write(&dir.join(format!("content/activities/{year}.yaml")), log);
    }
}

fn main() {
    let args: Vec<String> = std::env::args().collect();
    let arg = |flag: &str, default: &str| -> String {
        args.iter()
            .position(|a| a == flag)
            .and_then(|i| args.get(i + 1).cloned())
            .unwrap_or_else(|| default.to_string())
    };
    let cells: usize = arg("--cells", "500").parse().expect("--cells N");
    let years: i32 = arg("--years", "5").parse().expect("--years Y");
    let gaps: usize = arg("--gaps", "0").parse().expect("--gaps K");
    let broken: usize = arg("--broken", "0").parse().expect("--broken K");
    let seed: u64 = arg("--seed", "7").parse().expect("--seed S");
    let out = std::path::PathBuf::from(arg("--out", "/tmp/chibo-rollup"));
    let mut r = Rng(seed.max(1));
    let first = LAST_YEAR - years + 1;
    write(
        &out.join("dang-uy/rollup.yaml"),
        format!(
            "unit: {{ name: Đảng ủy Khối các cơ quan tỉnh, superior: Tỉnh ủy Lạng Sơn, issuer_code: ĐUK, place: Lạng Sơn }}\nterm: {{ from: {first}-01-01, to: {LAST_YEAR}-12-31 }}\ncells:\n  - ../chi-bo/\n"
        ),
    );
    for no in 1..=cells {
        let dir = out.join(format!("chi-bo/cb-{no:04}"));
        cell(
            &dir,
            no,
            years,
            no <= gaps,
            no > gaps && no <= gaps + broken,
            &mut r,
        );
    }
    println!(
        "{cells} chi bộ × {years} năm ({gaps} thiếu tháng, {broken} lỗi) trong {}",
        out.display()
    );
}
