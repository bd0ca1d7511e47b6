//! `chibo init DIR`: a new working site with a small example: site.yaml
//! (two categories, the 2025 - 2030 term), one article with a photo,
//! documents.yaml, the logs of the term's first quarter (which check
//! without a warning) and a report whose figures come from them.

use std::path::Path;

use crate::cmd::{CONTENT_ERROR, OK, Outcome};

const SITE_YAML: &str = r#"# Cấu hình trang của chi bộ. Sửa các dòng dưới đây cho đúng với đơn vị.
title: Chi bộ Cơ quan mẫu
description: Tin tức hoạt động của Chi bộ Cơ quan mẫu
base_url: https://example.gov.vn/chibo     # địa chỉ trang khi đưa lên mạng
language: vi
timezone: "+07:00"
unit:
  name: Chi bộ Cơ quan mẫu                  # đúng như quyết định thành lập
  superior: Đảng bộ Khối các cơ quan tỉnh   # cấp ủy cấp trên, in trên đầu văn bản
  issuer_code: CB                           # "Số 15-BC/CB"
  place: Lạng Sơn                           # "Lạng Sơn, ngày 02 tháng 11 năm 2023"
term: { from: 2025-07-01, to: 2030-06-30, label: "2025 - 2030" }
categories:
  - { key: to-chuc-dang, name: Hoạt động của các tổ chức Đảng cơ sở }
  - { key: tin-tuc, name: Tin tức - Sự kiện }
per_page: 20
figures:
  attendance_denominator: required          # required = tổng số − miễn sinh hoạt; hoặc: total
"#;

const ARTICLE: &str = r#"---
title: Chi bộ tổ chức sinh hoạt chuyên đề quý III năm 2025
date: 2025-09-25 15:03
category: to-chuc-dang
tags: [sinh hoạt chuyên đề, học tập và làm theo Bác]
author: Nguyễn Văn A
unit: Chi bộ Cơ quan mẫu
draft: false
---

Chiều ngày 25/9/2025, Chi bộ Cơ quan mẫu tổ chức sinh hoạt chuyên đề quý III năm 2025 về học tập và làm theo tư tưởng, đạo đức, phong cách Hồ Chí Minh.

Tại buổi sinh hoạt, các đảng viên đã thảo luận về việc thực hiện {{ "kl-01-2021" | cite }}.

![Quang cảnh buổi sinh hoạt](static/anh/sinh-hoat-chuyen-de.jpg "Sinh hoạt chuyên đề tại Chi bộ")
"#;

const DOCUMENTS: &str = r#"# Các văn bản được trích dẫn trong bài viết và báo cáo.
- id: kl-01-2021
  type: Kết luận
  number: 01-KL/TW
  date: 2021-05-18
  issuer: Bộ Chính trị
  subject: về tiếp tục đẩy mạnh học tập và làm theo tư tưởng, đạo đức, phong cách Hồ Chí Minh
"#;

/// The first quarter of the term, one entry per line of work: enough for
/// the figures, the report and a news article written from an entry.
const LOG: &str = r#"# Nhật ký hoạt động quý III năm 2025. Mỗi mục bắt đầu bằng `- kind:`;
# `chibo new activity LOẠI` viết sẵn một mục mới có đủ các khóa.
- kind: cap_uy
  date: 2025-07-03 08:00
  attendance: { total: 3, present: 3 }
- kind: sinh_hoat_thuong_ky
  date: 2025-07-10 14:00
  attendance: { total: 18, exempt: 1, present: 16, excused: 1 }
  topics: [Đánh giá kết quả tháng 6, triển khai nhiệm vụ tháng 7]
  rating: { level: tot, score: 90 }
- kind: hoc_tap
  date: 2025-07-22 08:00
  documents: [kl-01-2021]
  audience: toàn thể đảng viên
- kind: cap_uy
  date: 2025-08-04 08:00
  attendance: { total: 3, present: 3 }
- kind: sinh_hoat_thuong_ky
  date: 2025-08-11 14:00
  attendance: { total: 18, exempt: 1, present: 17 }
  rating: kha
- kind: ket_nap
  date: 2025-08-19 09:00
  place: Hội trường cơ quan
  members: [Nguyễn Thị B]
  news:
    title: Chi bộ Cơ quan mẫu kết nạp đảng viên mới
    category: to-chuc-dang
    tags: [kết nạp đảng viên]
    body: |
      Buổi lễ diễn ra trang trọng; đảng viên mới hứa phấn đấu, rèn luyện, xứng đáng với niềm tin của Chi bộ.
- kind: cap_uy
  date: 2025-09-03 08:00
  attendance: { total: 3, present: 3 }
- kind: sinh_hoat_thuong_ky
  date: 2025-09-10 14:00
  attendance: { total: 19, exempt: 1, present: 18 }
  rating: tot
  # For the minutes and the resolution (`chibo meeting 2025-09-10`);
  # these names are never published.
  end: 15:45
  chair: Nguyễn Văn A
  secretary: Trần Thị C
  agenda: [Thông tin thời sự, Đánh giá kết quả tháng 8, Nhiệm vụ tháng 10]
  tasks: [{ task: Chuẩn bị sơ kết 9 tháng, who: Chi ủy, due: 2025-09-30 }]
  vote: { method: giơ tay, for: 18 }
  resolution: { number: 01-NQ/CB, subject: về nhiệm vụ tháng 10 năm 2025 }
- kind: chuyen_de
  date: 2025-09-25 15:03
  topic: Học tập và làm theo tư tưởng, đạo đức, phong cách Hồ Chí Minh
  attendance: { total: 19, exempt: 1, present: 18 }
- kind: giam_sat_thuong_xuyen
  date: 2025-09-30
  coverage_percent: 100
- kind: ky_luat
  date: 2025-09-30
  subjects: 0
"#;

/// A quarterly report whose every number comes from the log above.
const REPORT: &str = r#"---
type: BÁO CÁO
subject: kết quả công tác xây dựng Đảng quý III năm 2025
number: 01-BC/CB
date: 2025-10-06
period: { from: 2025-07-01, to: 2025-09-30 }
signer: { on_behalf: T/M CHI BỘ, title: BÍ THƯ, name: Nguyễn Văn A }
recipients:
  - Đảng ủy Khối các cơ quan tỉnh (b/c)
  - Các đồng chí đảng viên
  - Lưu Chi bộ
---

Chi bộ Cơ quan mẫu báo cáo kết quả công tác xây dựng Đảng từ ngày {{ figures.period.from | ngay_ngan }} đến ngày {{ figures.period.to | ngay_ngan }} như sau:

## I- Kết quả đạt được

Các số liệu dưới đây được tính từ nhật ký hoạt động của Chi bộ, không nhập tay.

{{ bang_so_lieu() }}

**1. Công tác chính trị, tư tưởng.** Chi bộ tổ chức {{ figures.counts.hoc_tap | hai_so }} đợt học tập, quán triệt {{ "kl-01-2021" | cite }}.

**2. Công tác tổ chức, xây dựng Đảng.** Chi bộ tổ chức {{ figures.counts.cap_uy | hai_so }} kỳ sinh hoạt cấp ủy, {{ figures.counts.sinh_hoat_thuong_ky | hai_so }} kỳ sinh hoạt chi bộ thường kỳ (tỷ lệ đảng viên dự bình quân {{ figures.attendance.average_percent | so }}%, thấp nhất {{ figures.attendance.min_percent | so }}%) và {{ figures.counts.chuyen_de | hai_so }} kỳ sinh hoạt chuyên đề; kết nạp {{ figures.people.admitted | hai_so }} đảng viên mới.

**3. Công tác kiểm tra, giám sát.** Chi bộ giám sát thường xuyên {{ figures.supervision_coverage_percent }}% đảng viên; {% if figures.people.disciplined == 0 %}không có đảng viên nào bị xử lý kỷ luật{% else %}{{ figures.people.disciplined | hai_so }} đảng viên bị xử lý kỷ luật{% endif %}.

## II- Phương hướng quý IV năm 2025

Tiếp tục duy trì nền nếp sinh hoạt chi bộ; chuẩn bị tổng kết công tác năm 2025.
"#;

const PHOTO: &[u8] = include_bytes!("../../examples/anh-goc/sinh-hoat-chuyen-de-1600.jpg");

/// `chibo init DIR`: a new site with an example article, log entries and a
/// cited document.
pub fn run(dir: &Path, quiet: bool) -> Outcome {
    if dir.exists() {
        let empty = std::fs::read_dir(dir)
            .map(|mut d| d.next().is_none())
            .unwrap_or(false);
        if !empty {
            eprintln!(
                "thư mục {} đã có dữ liệu; chibo init chỉ tạo trang trong thư mục mới hoặc trống",
                dir.display()
            );
            return CONTENT_ERROR;
        }
    }
    let files: [(&str, &[u8]); 6] = [
        ("site.yaml", SITE_YAML.as_bytes()),
        (
            "content/articles/2025/chi-bo-to-chuc-sinh-hoat-chuyen-de-quy-iii-nam-2025.md",
            ARTICLE.as_bytes(),
        ),
        ("content/documents.yaml", DOCUMENTS.as_bytes()),
        ("content/static/anh/sinh-hoat-chuyen-de.jpg", PHOTO),
        ("content/activities/2025/quy-iii.yaml", LOG.as_bytes()),
        ("content/reports/bao-cao-quy-iii-2025.md", REPORT.as_bytes()),
    ];
    for (rel, bytes) in files {
        match crate::disk::create(dir, rel, bytes) {
            Ok(true) => {}
            Ok(false) => {
                eprintln!("{} đã có; chibo không ghi đè", dir.join(rel).display());
                return CONTENT_ERROR;
            }
            Err(e) => {
                eprintln!("{e}");
                return CONTENT_ERROR;
            }
        }
    }
    if !quiet {
        println!(
            "Đã tạo trang mới trong {d}.\nTiếp theo:\n  chibo --root {d} build                  dựng trang vào {d}/output\n  chibo --root {d} figures                số liệu quý III năm 2025, tính từ nhật ký\n  chibo --root {d} new article \"Tiêu đề\"   viết bài mới",
            d = dir.display()
        );
    }
    OK
}
