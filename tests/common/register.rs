//! The register of a cell of 30 members over five years, with a log that
//! names some of them: the fixture of the members' tests.

use super::Site;

const FAMILY: [&str; 10] = [
    "Nguyễn", "Trần", "Lê", "Phạm", "Hoàng", "Vũ", "Đặng", "Bùi", "Đỗ", "Hồ",
];
const MIDDLE: [&str; 4] = ["Văn", "Thị", "Đức", "Minh"];
const GIVEN: [&str; 30] = [
    "An", "Bình", "Cường", "Dũng", "Giang", "Hà", "Hải", "Khánh", "Lan", "Long", "Mai", "Nam",
    "Phúc", "Quang", "Sơn", "Thảo", "Trang", "Tuấn", "Vinh", "Yến", "Hùng", "Hương", "Linh",
    "Ngọc", "Oanh", "Phong", "Quyên", "Tâm", "Thắng", "Xuân",
];

/// Member `i` (1–30)'s name.
pub fn name(i: usize) -> String {
    format!("{} {} {}", FAMILY[i % 10], MIDDLE[i % 4], GIVEN[i - 1])
}

/// dv-01 reaches 30 years in the Party on 19/5/2025; dv-02…dv-25 were
/// admitted long ago; dv-26 is on probation from 2/9/2024; dv-27 is
/// exempt from 2023; dv-28 attends elsewhere March–August 2024; dv-29
/// moved in in 2022; dv-30 moved out on 1/12/2024.
pub fn register() -> String {
    let mut t = String::from("# Sổ đảng viên (nội bộ)\n");
    for i in 1..=30 {
        t.push_str(&format!("- id: dv-{i:02}\n  name: {}\n", name(i)));
        let (admitted, ceremony, official) = match i {
            1 => ("1995-05-19", "1995-06-02", Some("1996-06-02")),
            26 => ("2024-08-20", "2024-09-02", None),
            29 => ("2010-05-05", "2010-05-19", Some("2011-05-19")),
            _ => {
                // Long admitted, with no milestone before 2028.
                let y = 1996 + if i <= 25 { i } else { i - 20 } as i32;
                t.push_str(&format!(
                    "  admitted: {{ date: {y}-03-10, decision: {i:02}-QĐ/ĐUK }}\n  ceremony: {y}-03-24\n  official: {}-03-24\n",
                    y + 1
                ));
                ("", "", None)
            }
        };
        if !admitted.is_empty() {
            t.push_str(&format!("  admitted: {admitted}\n  ceremony: {ceremony}\n"));
            if let Some(o) = official {
                t.push_str(&format!("  official: {o}\n"));
            }
        }
        match i {
            1 => t.push_str("  post: bi_thu\n"),
            27 => t.push_str("  periods:\n    - { kind: mien_sinh_hoat, from: 2023-01-01, reason: tuổi cao }\n"),
            28 => t.push_str("  periods:\n    - { kind: tam_thoi_di, from: 2024-03-01, to: 2024-08-31, unit: Trường Chính trị tỉnh }\n"),
            29 => t.push_str("  joined: 2022-06-01\n"),
            30 => t.push_str("  left: { date: 2024-12-01, form: chuyen_di }\n"),
            _ => {}
        }
    }
    t
}

pub const LOG: &str = "content/activities/2024.yaml";

pub fn site() -> Site {
    let site = Site::new();
    site.write("content/dang-vien.yaml", &register());
    site.write(
        LOG,
        &format!(
            "- kind: sinh_hoat_thuong_ky\n  date: 2024-06-15 14:00\n  attendance: {{ total: 29, exempt: 2, present: 27 }}\n\n- kind: sinh_hoat_thuong_ky\n  date: 2024-07-15 14:00\n  attendance: {{ total: 30, exempt: 1, present: 28 }}\n\n- kind: ket_nap\n  date: 2024-09-02\n  members: [{}]\n  decision: 26-QĐ/ĐUK\n\n- kind: sinh_hoat_thuong_ky\n  date: 2024-10-10 14:00\n  end: 16:00\n  chair: {}\n  attendance: {{ total: 30, exempt: 1, present: 29 }}\n\n- kind: ket_nap\n  date: 2024-11-05\n  members: [Người Ngoài Sổ]\n  decision: 99-QĐ/ĐUK\n\n- kind: sinh_hoat_thuong_ky\n  date: 2025-01-10 14:00\n  attendance: {{ total: 29, exempt: 1, present: 28 }}\n\n- kind: chuyen_chinh_thuc\n  date: 2025-02-10\n  members: [{}]\n  decision: 30-QĐ/ĐUK\n",
            name(26),
            name(1),
            name(2)
        ),
    );
    site
}

/// The line of `log` where `needle` first is.
pub fn line_of(text: &str, needle: &str) -> usize {
    text.lines().position(|l| l.contains(needle)).unwrap() + 1
}
