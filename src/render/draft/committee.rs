//! The outline of the superior committee's report over its cells
//! (`chibo new report KIND` in a roll-up folder, docs/rollup.md): its
//! figures are expressions over `tong_hop` (the roll-up of the report's
//! period), evaluated when the report is printed, never typed. A sentence
//! that says something did not happen ("không có đảng viên bị kỷ luật") is
//! only drafted when every cell was read and its logs cover the period;
//! otherwise the sentence says which cells it counts.

use super::report::Kind;
use super::to_write;

/// What the outline names.
pub struct Heading<'a> {
    /// The kind of report.
    pub kind: Kind,
    /// "Đảng ủy Khối các cơ quan tỉnh"
    pub unit: &'a str,
    /// "2020 - 2025"
    pub term: &'a str,
    /// The year of an annual or six-month report.
    pub year: i16,
    /// The year whose ratings the report gives: the period's last year
    /// that has ended.
    pub rated_year: i16,
}

/// "N chi bộ" said of the cells a total counts: all of them, or those
/// whose logs cover the period, then how many are left out.
const COUNTED: &str = "{% if tong_hop.totals.counted == tong_hop.totals.cells %}{{ tong_hop.totals.cells }} chi bộ trực thuộc{% else %}{{ tong_hop.totals.counted }} chi bộ có nhật ký đủ các tháng (còn {{ tong_hop.totals.cells - tong_hop.totals.counted }} chi bộ chưa đủ số liệu hoặc không đọc được, chưa tính){% endif %}";

/// The report's body: Markdown whose figures are expressions.
pub fn body(h: &Heading) -> String {
    let unit = h.unit;
    let opening = match h.kind {
        Kind::MidTerm => format!(
            "Căn cứ Nghị quyết Đại hội {unit} nhiệm kỳ {}, {unit} báo cáo kết quả thực hiện Nghị quyết từ ngày {{{{ figures.period.from | ngay_ngan }}}} đến ngày {{{{ figures.period.to | ngay_ngan }}}}, tổng hợp từ số liệu của các chi bộ trực thuộc, như sau:",
            h.term
        ),
        Kind::Annual => format!(
            "{unit} báo cáo tổng kết công tác xây dựng Đảng năm {} và phương hướng, nhiệm vụ năm {}, tổng hợp từ số liệu của các chi bộ trực thuộc, như sau:",
            h.year,
            h.year + 1
        ),
        Kind::HalfYear => format!(
            "{unit} báo cáo sơ kết công tác 6 tháng đầu năm {} (từ ngày {{{{ figures.period.from | ngay_ngan }}}} đến ngày {{{{ figures.period.to | ngay_ngan }}}}), tổng hợp từ số liệu của các chi bộ trực thuộc, như sau:",
            h.year
        ),
    };
    let t = "tong_hop.totals";
    let y = h.rated_year;
    let levels = format!(
        "{{% if {t}.cells_by_level[\"{y}\"] %}}Năm {y}, trong {{{{ {t}.read }}}} chi bộ đã tổng hợp: {{{{ {t}.cells_by_level[\"{y}\"].hoan_thanh_xuat_sac }}}} chi bộ hoàn thành xuất sắc nhiệm vụ, {{{{ {t}.cells_by_level[\"{y}\"].hoan_thanh_tot }}}} chi bộ hoàn thành tốt nhiệm vụ, {{{{ {t}.cells_by_level[\"{y}\"].hoan_thanh }}}} chi bộ hoàn thành nhiệm vụ, {{{{ {t}.cells_by_level[\"{y}\"].khong_hoan_thanh }}}} chi bộ không hoàn thành nhiệm vụ{{% if {t}.cells_by_level[\"{y}\"].chua_xep_loai > 0 %}}; {{{{ {t}.cells_by_level[\"{y}\"].chua_xep_loai }}}} chi bộ chưa ghi kết quả xếp loại{{% endif %}}.{{% endif %}}"
    );
    format!(
        "{opening}

## Phần thứ nhất: Kết quả lãnh đạo, chỉ đạo

### I- Đặc điểm tình hình

{unit} lãnh đạo {{{{ {t}.cells }}}} chi bộ trực thuộc. {situation}

### II- Kết quả thực hiện nhiệm vụ

**1. Công tác sinh hoạt chi bộ.** {{% if {t}.counted > 0 %}}Trong {COUNTED}, các chi bộ tổ chức {{{{ {t}.counts.sinh_hoat_thuong_ky }}}} kỳ sinh hoạt thường kỳ, {{{{ {t}.counts.chuyen_de }}}} kỳ sinh hoạt chuyên đề, {{{{ {t}.counts.cap_uy }}}} kỳ sinh hoạt chi ủy; tỷ lệ đảng viên dự sinh hoạt bình quân {{{{ {t}.attendance.average_percent | so }}}}%, kỳ thấp nhất {{{{ {t}.attendance.min_percent | so }}}}%.{{% else %}}Chưa chi bộ nào có nhật ký đủ các tháng của kỳ báo cáo.{{% endif %}} Số liệu từng chi bộ:

{{{{ bang_tong_hop() }}}}

**2. Công tác phát triển đảng viên.** {{% if {t}.counted > 0 %}}Trong {COUNTED}: kết nạp {{{{ {t}.people.admitted }}}} đảng viên mới, công nhận đảng viên chính thức cho {{{{ {t}.people.transferred }}}} đồng chí; {{{{ {t}.people.awareness_class }}}} lượt quần chúng được cử học lớp bồi dưỡng nhận thức về Đảng.{{% endif %}} {more_members}

**3. Công tác kiểm tra, giám sát, thi hành kỷ luật.** {{% if {t}.counted > 0 %}}Trong {COUNTED}: {{{{ {t}.people.inspected }}}} đảng viên được kiểm tra, {{{{ {t}.people.supervised_thematic }}}} đảng viên được giám sát chuyên đề. {{% if {t}.people.disciplined == 0 and {t}.counted == {t}.cells %}}Không có đảng viên bị kỷ luật.{{% else %}}{{{{ {t}.people.disciplined }}}} đảng viên bị kỷ luật.{{% endif %}}{{% endif %}}

**4. Đánh giá, xếp loại chất lượng.** {levels} {{% if {t}.cells_with_targets > 0 %}}{{{{ {t}.cells_all_targets_met }}}}/{{{{ {t}.cells_with_targets }}}} chi bộ đạt mọi chỉ tiêu Nghị quyết đề ra.{{% endif %}}

### III- Đánh giá chung

{assessment}

## Phần thứ hai: Phương hướng, nhiệm vụ

{tasks}
",
        situation = to_write("thuận lợi, khó khăn của các chi bộ trong kỳ"),
        more_members = to_write("nhận xét về chất lượng đảng viên mới; các chi bộ chưa kết nạp được đảng viên"),
        assessment = to_write("ưu điểm; hạn chế, khuyết điểm và nguyên nhân; các chi bộ còn yếu; bài học kinh nghiệm"),
        tasks = to_write("phương hướng, nhiệm vụ, giải pháp; chỉ tiêu giao cho các chi bộ; đề xuất, kiến nghị"),
    )
}
