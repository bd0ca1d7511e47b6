//! The outline of a review report (docs/rules.md §Reports): every part a
//! real report has, its figures as expressions, and `[CẦN VIẾT TIẾP: …]`
//! where only people can write.

use super::{Input, Voice, to_write};

/// The kinds of report `chibo new report` drafts.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    /// Sơ kết giữa nhiệm kỳ: the first half of the term.
    MidTerm,
    /// Tổng kết năm: a calendar year.
    Annual,
    /// Sơ kết 6 tháng đầu năm.
    HalfYear,
}

/// What the outline names: the cell, its term, the year, and the
/// guidance of the superior committee when site.yaml gives it.
pub struct Heading<'a> {
    /// The kind of report.
    pub kind: Kind,
    /// "Chi bộ Sở Tư pháp"
    pub unit: &'a str,
    /// "2020 - 2025"
    pub term: &'a str,
    /// The year of an annual or six-month report.
    pub year: i16,
    /// `report.guidance` of site.yaml: a document id.
    pub guidance: Option<&'a str>,
    /// Whether site.yaml sets the resolution's targets: the results are
    /// then set against them first (`bang_chi_tieu()`).
    pub targets: bool,
}

/// The tables and the chart of the results: the targets' first when
/// site.yaml sets them.
fn tables(targets: bool) -> String {
    let first = if targets {
        "{{ bang_chi_tieu() }}\n\n"
    } else {
        ""
    };
    format!("{first}{{{{ bang_so_lieu() }}}}\n\n{{{{ bieu_do() }}}}")
}

/// The report's body: Markdown whose figures are expressions.
pub fn body(h: &Heading, i: &Input) -> String {
    let v = Voice {
        report: true,
        within: match h.kind {
            Kind::MidTerm => "Trong kỳ",
            Kind::Annual => "Trong năm",
            Kind::HalfYear => "Trong 6 tháng",
        },
        committee: "chi ủy",
    };
    let unit = h.unit;
    let guidance = match h.guidance {
        Some(id) => format!("{{{{ \"{id}\" | cite }}}}"),
        None => to_write(
            "hướng dẫn của cấp ủy cấp trên về báo cáo này (hoặc ghi mã văn bản vào report.guidance trong site.yaml)",
        ),
    };
    let political = || joined([super::political(i, v), super::ho_chi_minh(i, v)]);
    let building = || joined([super::meetings(i, v), super::members(i, v)]);
    let situation = situation(v);
    let assessment = to_write("ưu điểm; hạn chế, khuyết điểm và nguyên nhân; bài học kinh nghiệm");
    let table = tables(h.targets);
    match h.kind {
        Kind::MidTerm => format!(
            "Căn cứ Nghị quyết Đại hội {unit} nhiệm kỳ {term} và {guidance}, {unit} báo cáo kết quả thực hiện Nghị quyết từ ngày {{{{ figures.period.from | ngay_ngan }}}} đến ngày {{{{ figures.period.to | ngay_ngan }}}} như sau:\n\n## Phần thứ nhất: Kết quả thực hiện Nghị quyết Đại hội nửa đầu nhiệm kỳ\n\n### Đặc điểm tình hình\n\n{situation}\n\n### I- Kết quả thực hiện các chỉ tiêu chủ yếu\n\n{table}\n\n### II- Kết quả thực hiện các nhiệm vụ\n\n{}\n\n### III- Đánh giá chung\n\n{assessment}\n\n## Phần thứ hai: Phương hướng, nhiệm vụ, giải pháp nửa cuối nhiệm kỳ\n\n{}\n",
            sections(&[
                (
                    "Lãnh đạo thực hiện nhiệm vụ chính trị",
                    Some(to_write(
                        "lãnh đạo thực hiện nhiệm vụ chính trị của cơ quan"
                    ))
                ),
                ("Công tác chính trị, tư tưởng", Some(political())),
                (
                    "Công tác tổ chức, xây dựng Đảng",
                    Some(format!(
                        "{} {}",
                        building(),
                        super::quality(i, v).unwrap_or_default()
                    ))
                ),
                ("Công tác kiểm tra, giám sát", super::inspection(i, v)),
                (
                    "Công tác dân vận, lãnh đạo đoàn thể",
                    super::mass_mobilisation(i, v)
                ),
            ]),
            to_write(
                "phương hướng, nhiệm vụ, giải pháp; điều chỉnh chỉ tiêu nếu có; đề xuất, kiến nghị"
            ),
            term = h.term,
        ),
        Kind::Annual | Kind::HalfYear => {
            let (opening, part_one, part_two) = if h.kind == Kind::Annual {
                (
                    format!(
                        "báo cáo tổng kết công tác xây dựng Đảng năm {y} và phương hướng, nhiệm vụ năm {next} như sau:",
                        y = h.year,
                        next = h.year + 1
                    ),
                    format!("Tình hình, kết quả công tác năm {}", h.year),
                    format!("Phương hướng, nhiệm vụ năm {}", h.year + 1),
                )
            } else {
                (
                    format!(
                        "báo cáo sơ kết công tác 6 tháng đầu năm {} (từ ngày {{{{ figures.period.from | ngay_ngan }}}} đến ngày {{{{ figures.period.to | ngay_ngan }}}}) như sau:",
                        h.year
                    ),
                    format!("Kết quả công tác 6 tháng đầu năm {}", h.year),
                    "Nhiệm vụ, giải pháp trọng tâm 6 tháng cuối năm".to_string(),
                )
            };
            format!(
                "Thực hiện {guidance}, {unit} {opening}\n\n## Phần thứ nhất: {part_one}\n\n### I- Đặc điểm tình hình\n\n{situation}\n\n### II- Kết quả thực hiện nhiệm vụ\n\n{}\n\n{table}\n\n### III- Đánh giá chung\n\n{}\n\n## Phần thứ hai: {part_two}\n\n{}\n",
                sections(&[
                    ("Công tác chính trị, tư tưởng", Some(political())),
                    (
                        "Lãnh đạo thực hiện nhiệm vụ chính trị",
                        Some(to_write(
                            "lãnh đạo thực hiện nhiệm vụ chính trị của cơ quan"
                        ))
                    ),
                    ("Công tác xây dựng Chi bộ", Some(building())),
                    ("Công tác kiểm tra, giám sát", super::inspection(i, v)),
                    (
                        "Lãnh đạo xây dựng cơ quan, đoàn thể và công tác dân vận",
                        super::mass_mobilisation(i, v)
                    ),
                    ("Đánh giá, xếp loại chất lượng", super::quality(i, v)),
                ]),
                to_write("ưu điểm; hạn chế, khuyết điểm và nguyên nhân; đề xuất, kiến nghị"),
                to_write(
                    "chỉ tiêu: tỷ lệ đảng viên hoàn thành tốt nhiệm vụ trở lên, xếp loại Chi bộ, số quần chúng được bồi dưỡng, kết nạp; nhiệm vụ, giải pháp"
                ),
            )
        }
    }
}

/// Numbered results: "**1. Title.** text", a paragraph each.
fn sections(list: &[(&str, Option<String>)]) -> String {
    list.iter()
        .enumerate()
        .map(|(n, (title, text))| {
            format!(
                "**{}. {title}.** {}",
                n + 1,
                text.clone().unwrap_or_default()
            )
        })
        .collect::<Vec<_>>()
        .join("\n\n")
}

/// The sentences that were drafted, one after another.
fn joined<const N: usize>(parts: [Option<String>; N]) -> String {
    parts.into_iter().flatten().collect::<Vec<_>>().join(" ")
}

/// The cell's members as the period's last regular meeting counted them;
/// what the logs do not hold (full and probationary members, the
/// agency's situation) is left to write.
fn situation(v: Voice) -> String {
    format!(
        "{{% if figures.members %}}Tính đến kỳ sinh hoạt ngày {{{{ figures.members.as_of | ngay_ngan }}}}, Chi bộ có {{{{ figures.members.total | hai_so }}}} đảng viên{{% if figures.members.exempt > 0 %}}, trong đó {{{{ figures.members.exempt | hai_so }}}} đồng chí được miễn sinh hoạt{{% endif %}}. {{% endif %}}{} {}",
        to_write(
            "số đảng viên chính thức, dự bị; số công chức, viên chức, người lao động của cơ quan"
        ),
        if v.within == "Trong kỳ" {
            to_write("thuận lợi, khó khăn trong nửa đầu nhiệm kỳ")
        } else {
            to_write("thuận lợi, khó khăn")
        }
    )
}
