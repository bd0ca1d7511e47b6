//! `chibo init DIR`: a new working site with a small example (site.yaml,
//! two categories, one article with a photo, documents.yaml).

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
term: { from: 2020-07-01, to: 2025-06-30, label: "2020 - 2025" }
categories:
  - { key: to-chuc-dang, name: Hoạt động của các tổ chức Đảng cơ sở }
  - { key: tin-tuc, name: Tin tức - Sự kiện }
per_page: 20
figures:
  attendance_denominator: required          # required = tổng số − miễn sinh hoạt; hoặc: total
"#;

const ARTICLE: &str = r#"---
title: Chi bộ tổ chức sinh hoạt chuyên đề quý IV năm 2023
date: 2023-11-02 15:03
category: to-chuc-dang
tags: [sinh hoạt chuyên đề, học tập và làm theo Bác]
author: Nguyễn Văn A
unit: Chi bộ Cơ quan mẫu
draft: false
---

Chiều ngày 02/11/2023, Chi bộ Cơ quan mẫu tổ chức sinh hoạt chuyên đề quý IV năm 2023 về học tập và làm theo tư tưởng, đạo đức, phong cách Hồ Chí Minh.

Tại buổi sinh hoạt, các đảng viên đã thảo luận về việc thực hiện {{ "kl-01-2021" | cite }}.

![Quang cảnh buổi sinh hoạt](static/anh/sinh-hoat-chuyen-de.png "Sinh hoạt chuyên đề tại Chi bộ")
"#;

const DOCUMENTS: &str = r#"# Các văn bản được trích dẫn trong bài viết và báo cáo.
- id: kl-01-2021
  type: Kết luận
  number: 01-KL/TW
  date: 2021-05-18
  issuer: Bộ Chính trị
  subject: về tiếp tục đẩy mạnh học tập và làm theo tư tưởng, đạo đức, phong cách Hồ Chí Minh
"#;

const PHOTO: &[u8] = include_bytes!("../../content/static/anh/sinh-hoat-chuyen-de.png");

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
    let files: [(&str, &[u8]); 4] = [
        ("site.yaml", SITE_YAML.as_bytes()),
        (
            "content/articles/2023/chi-bo-to-chuc-sinh-hoat-chuyen-de-quy-iv-nam-2023.md",
            ARTICLE.as_bytes(),
        ),
        ("content/documents.yaml", DOCUMENTS.as_bytes()),
        ("content/static/anh/sinh-hoat-chuyen-de.png", PHOTO),
    ];
    for (rel, bytes) in files {
        let path = dir.join(rel);
        let result = path
            .parent()
            .map_or(Ok(()), std::fs::create_dir_all)
            .and_then(|_| std::fs::write(&path, bytes));
        if let Err(e) = result {
            eprintln!("không ghi được {}: {e}", path.display());
            return CONTENT_ERROR;
        }
    }
    if let Err(e) = std::fs::create_dir_all(dir.join("content/activities")) {
        eprintln!("không tạo được thư mục content/activities: {e}");
        return CONTENT_ERROR;
    }
    if !quiet {
        println!(
            "Đã tạo trang mới trong {d}.\nTiếp theo:\n  chibo --root {d} build     dựng trang vào {d}/output\n  chibo --root {d} new article \"Tiêu đề\"",
            d = dir.display()
        );
    }
    OK
}
