//! `chibo new report KIND`: a review report laid out as DOMAIN.md §3 has
//! it, its front matter filled (type, subject, the next free number of its
//! type in the term, date, period, signer and recipients of the last
//! report), and its sentences already holding `{{ figures… }}` expressions
//! for the period. What only people can write is marked
//! `[CẦN VIẾT TIẾP: …]`, which `check` warns about until it is gone.

use std::path::Path;

use jiff::civil::Date;

use super::new::yaml_str;
use crate::check::{now_at, parse_number, type_code};
use crate::cmd::{CONTENT_ERROR, OK, Outcome, USAGE_ERROR, print_diags};
use crate::diag::Diagnostics;
use crate::load;
use crate::model::{Period, Report, Site};
use crate::text::TO_COMPLETE;

/// The kinds `new report` knows.
pub const KINDS: &[&str] = &["so-ket-giua-nhiem-ky", "tong-ket-nam", "so-ket-6-thang"];

/// Writes `content/reports/<name>.md` for `kind`.
pub fn run(root: &Path, kind: &str, year: Option<i16>, quiet: bool) -> Outcome {
    if !KINDS.contains(&kind) {
        eprintln!(
            "loại báo cáo `{kind}` không có; các loại: {}",
            KINDS.join(", ")
        );
        return USAGE_ERROR;
    }
    let mut diags = Diagnostics::default();
    let Some(site) = load::load_site(root, &mut diags) else {
        print_diags(&diags);
        return CONTENT_ERROR;
    };
    if diags.has_errors() {
        print_diags(&diags);
        eprintln!("Không viết được báo cáo khi trang còn lỗi; hãy sửa các lỗi trên trước.");
        return CONTENT_ERROR;
    }
    let today = now_at(site.config.offset_minutes).date();
    let year = year.unwrap_or(today.year());
    let Some(plan) = plan(&site, kind, year, today) else {
        eprintln!("--year {year} không hợp lệ");
        return USAGE_ERROR;
    };
    let rel = format!("content/reports/{}.md", plan.name);
    let path = root.join(&rel);
    let text = scaffold(&site, &plan, today);
    if let Err(e) = std::fs::create_dir_all(root.join("content/reports")) {
        eprintln!(
            "không tạo được content/reports: {}",
            crate::diag::io_message(&e)
        );
        return CONTENT_ERROR;
    }
    // create_new: never overwrite a report someone is writing.
    let written = std::fs::OpenOptions::new()
        .write(true)
        .create_new(true)
        .open(&path)
        .and_then(|mut f| {
            use std::io::Write;
            f.write_all(text.as_bytes())
        });
    match written {
        Ok(()) => {
            if !quiet {
                println!(
                    "Đã tạo {rel}: báo cáo số {}, số liệu từ {} đến {}. Viết tiếp các đoạn đánh dấu {TO_COMPLETE}…]; `chibo check` chỉ chỗ còn thiếu.",
                    plan.number,
                    crate::vn::short_date(plan.period.from),
                    crate::vn::short_date(plan.period.to)
                );
            }
            OK
        }
        Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => {
            eprintln!("{rel} đã có; chibo không ghi đè. Hãy sửa tệp đó, hoặc đổi tên nó trước.");
            CONTENT_ERROR
        }
        Err(e) => {
            eprintln!("không ghi được {rel}: {}", crate::diag::io_message(&e));
            CONTENT_ERROR
        }
    }
}

/// What a report of one kind covers.
struct Plan {
    name: String,
    subject: String,
    period: Period,
    number: String,
    year: i16,
    kind: &'static str,
    /// The cell's name and its term, written out: a report's body sees
    /// only `figures`.
    unit: String,
    term: String,
}

fn plan(site: &Site, kind: &str, year: i16, today: Date) -> Option<Plan> {
    let term = site.config.term.period;
    let day = |m, d| Date::new(year, m, d).ok();
    let (name, subject, period, kind) = match kind {
        "so-ket-giua-nhiem-ky" => (
            "so-ket-giua-nhiem-ky".to_string(),
            format!(
                "sơ kết giữa nhiệm kỳ thực hiện Nghị quyết Đại hội {} nhiệm kỳ {}",
                site.config.unit.name, site.config.term.label
            ),
            term.so_far(today),
            "so-ket-giua-nhiem-ky",
        ),
        "tong-ket-nam" => (
            format!("tong-ket-nam-{year}"),
            format!(
                "tổng kết công tác xây dựng Đảng năm {year} và phương hướng, nhiệm vụ năm {}",
                year + 1
            ),
            Period {
                from: day(1, 1)?,
                to: day(12, 31)?,
            },
            "tong-ket-nam",
        ),
        _ => (
            format!("so-ket-6-thang-{year}"),
            format!(
                "sơ kết công tác 6 tháng đầu năm {year}, nhiệm vụ, giải pháp trọng tâm 6 tháng cuối năm"
            ),
            Period {
                from: day(1, 1)?,
                to: day(6, 30)?,
            },
            "so-ket-6-thang",
        ),
    };
    Some(Plan {
        number: next_number(&site.reports, term, today, &site.config.unit.issuer_code),
        name,
        subject,
        period,
        year,
        kind,
        unit: site.config.unit.name.clone(),
        term: site.config.term.label.clone(),
    })
}

/// The next free report number of the term the report is dated in:
/// numbers run per type for the whole term (36-HD/VPTW), from 01. After
/// the term of site.yaml has ended, the reports dated since then count.
fn next_number(reports: &[Report], term: Period, today: Date, issuer: &str) -> String {
    let code = type_code("BÁO CÁO").unwrap_or("BC");
    let same_term = |d: Date| {
        if term.contains(today) {
            term.contains(d)
        } else {
            d > term.to
        }
    };
    let used = reports
        .iter()
        .filter(|r| same_term(r.date))
        .filter_map(|r| parse_number(r.number.as_deref()?))
        .filter(|&(_, c, _)| c == code)
        .map(|(n, _, _)| n)
        .max()
        .unwrap_or(0);
    format!("{:02}-{code}/{issuer}", used + 1)
}

fn scaffold(site: &Site, p: &Plan, today: Date) -> String {
    let last = site.reports.iter().max_by_key(|r| r.date);
    let signer = last.map(|r| &r.signer);
    let recipients: Vec<String> = last.map_or_else(
        || {
            vec![
                format!("{} (b/c)", site.config.unit.superior),
                "Các đồng chí chi ủy viên".into(),
                "Các đồng chí đảng viên".into(),
                "Lưu Chi bộ".into(),
            ]
        },
        |r| r.recipients.clone(),
    );
    let mut s = String::from("---\ntype: BÁO CÁO\n");
    s.push_str(&format!("subject: {}\n", yaml_str(&p.subject)));
    s.push_str(&format!(
        "number: {}   # số tiếp theo của loại báo cáo trong nhiệm kỳ\n",
        p.number
    ));
    s.push_str(&format!("date: {today}\n"));
    s.push_str(&format!(
        "period: {{ from: {}, to: {} }}   # số liệu trong báo cáo tính từ nhật ký của khoảng này\n",
        p.period.from, p.period.to
    ));
    match signer {
        Some(g) => s.push_str(&format!(
            "signer: {{ on_behalf: {}, title: {}, name: {} }}\n",
            yaml_str(&g.on_behalf),
            yaml_str(&g.title),
            yaml_str(&g.name)
        )),
        None => s.push_str(&format!(
            "signer: {{ on_behalf: T/M CHI BỘ, title: BÍ THƯ, name: {} }}\n",
            yaml_str(&format!("{TO_COMPLETE}: họ và tên]"))
        )),
    }
    s.push_str("recipients:\n");
    for r in &recipients {
        s.push_str(&format!("  - {}\n", yaml_str(r)));
    }
    s.push_str("draft: true   # bỏ dòng này khi báo cáo đã được thông qua\n");
    s.push_str("# publish: true   # bỏ dấu # nếu báo cáo được đăng lên trang web; không có dòng này, báo cáo là văn bản nội bộ, ghi vào bao-cao/ cạnh thư mục output\n---\n\n");
    s.push_str(&body(p));
    s
}

/// The outline of DOMAIN.md §3.1 or §3.2, with the figures in its
/// sentences.
fn body(p: &Plan) -> String {
    let results = "\
Trong kỳ, Chi bộ tổ chức {{ figures.counts.sinh_hoat_thuong_ky | hai_so }} kỳ sinh hoạt chi bộ thường kỳ và {{ figures.counts.cap_uy | hai_so }} kỳ sinh hoạt chi ủy{% if figures.attendance.average_percent %}; tỷ lệ đảng viên dự sinh hoạt bình quân đạt {{ figures.attendance.average_percent | so }}%, thấp nhất {{ figures.attendance.min_percent | so }}%{% endif %}; tổ chức {{ figures.counts.chuyen_de | hai_so }} kỳ sinh hoạt chuyên đề.

{{ bang_so_lieu() }}

{{ bieu_do() }}";
    let tasks = "\
1. **Công tác chính trị, tư tưởng.** Chi bộ tổ chức {{ figures.counts.hoc_tap | hai_so }} đợt học tập, quán triệt nghị quyết, chỉ thị của Đảng.

2. **Công tác tổ chức, xây dựng Đảng.** Chi bộ cử {{ figures.people.awareness_class | hai_so }} lượt quần chúng ưu tú đi học lớp nhận thức về Đảng, kết nạp {{ figures.people.admitted | hai_so }} đảng viên và chuyển đảng chính thức cho {{ figures.people.transferred | hai_so }} đảng viên.

3. **Công tác kiểm tra, giám sát.** {% if figures.supervision_coverage_percent %}Chi bộ giám sát thường xuyên {{ figures.supervision_coverage_percent | so }}% đảng viên, giám{% else %}Chi bộ giám{% endif %} sát chuyên đề {{ figures.people.supervised_thematic | hai_so }} đảng viên, kiểm tra {{ figures.people.inspected | hai_so }} đảng viên; {% if figures.people.disciplined == 0 %}không có đảng viên nào bị xử lý kỷ luật{% else %}{{ figures.people.disciplined | hai_so }} đảng viên bị xử lý kỷ luật{% endif %}.

4. **Công tác dân vận, lãnh đạo đoàn thể.** Chi bộ có {{ figures.counts.dan_van | hai_so }} hoạt động dân vận.";
    let to_write = |what: &str| format!("{TO_COMPLETE}: {what}]");
    match p.kind {
        "so-ket-giua-nhiem-ky" => format!(
            "Căn cứ Nghị quyết Đại hội {unit} nhiệm kỳ {term}, {unit} báo cáo kết quả thực hiện Nghị quyết từ ngày {{{{ figures.period.from | ngay_ngan }}}} đến ngày {{{{ figures.period.to | ngay_ngan }}}} như sau:\n\n## Phần thứ nhất: Kết quả thực hiện Nghị quyết Đại hội nửa đầu nhiệm kỳ\n\n### I- Kết quả thực hiện các chỉ tiêu chủ yếu\n\n{results}\n\n### II- Kết quả thực hiện các nhiệm vụ\n\n{}\n\n{tasks}\n\n### III- Đánh giá chung\n\n{}\n\n## Phần thứ hai: Phương hướng, nhiệm vụ, giải pháp nửa cuối nhiệm kỳ\n\n{}\n",
            to_write("lãnh đạo thực hiện nhiệm vụ chính trị của cơ quan"),
            to_write("ưu điểm; hạn chế, khuyết điểm và nguyên nhân; bài học kinh nghiệm"),
            to_write(
                "phương hướng, nhiệm vụ, giải pháp; điều chỉnh chỉ tiêu nếu có; đề xuất, kiến nghị"
            ),
            unit = p.unit,
            term = p.term,
        ),
        "tong-ket-nam" => format!(
            "Thực hiện hướng dẫn của cấp ủy cấp trên, {unit} báo cáo tổng kết công tác xây dựng Đảng năm {y} và phương hướng, nhiệm vụ năm {next} như sau:\n\n## Phần I: Tình hình, kết quả công tác năm {y}\n\n### 1. Công tác xây dựng Chi bộ\n\n{results}\n\n### 2. Kết quả các mặt công tác\n\n{tasks}\n\n### 3. Đánh giá chung\n\n{}\n\n## Phần II: Phương hướng, nhiệm vụ năm {next}\n\n{}\n",
            to_write("ưu điểm, hạn chế, nguyên nhân; đề xuất, kiến nghị"),
            to_write(
                "chỉ tiêu năm sau: tỷ lệ đảng viên hoàn thành tốt nhiệm vụ trở lên, xếp loại Chi bộ, số quần chúng phát triển"
            ),
            y = p.year,
            next = p.year + 1,
            unit = p.unit,
        ),
        _ => format!(
            "{unit} báo cáo sơ kết công tác 6 tháng đầu năm {y} (từ ngày {{{{ figures.period.from | ngay_ngan }}}} đến ngày {{{{ figures.period.to | ngay_ngan }}}}) như sau:\n\n## I- Kết quả công tác 6 tháng đầu năm\n\n{results}\n\n{tasks}\n\n## II- Đánh giá chung\n\n{}\n\n## III- Nhiệm vụ, giải pháp trọng tâm 6 tháng cuối năm\n\n{}\n",
            to_write("ưu điểm, hạn chế, nguyên nhân"),
            to_write("nhiệm vụ, giải pháp trọng tâm"),
            y = p.year,
            unit = p.unit,
        ),
    }
}
