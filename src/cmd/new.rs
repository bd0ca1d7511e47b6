//! `chibo new article "Tiêu đề"`: a new draft with its front matter filled in.

use std::path::Path;

use crate::cmd::{CONTENT_ERROR, OK, now_at, print_diags};
use crate::diag::Diagnostics;
use crate::load;
use crate::vn;

/// Quotes a YAML scalar when it needs it.
fn yaml_str(s: &str) -> String {
    let needs = s.is_empty()
        || s.starts_with([
            ' ', '-', '?', ':', ',', '[', ']', '{', '}', '#', '&', '*', '!', '|', '>', '\'', '"',
            '%', '@', '`',
        ])
        || s.contains(": ")
        || s.contains(" #")
        || s.ends_with(' ')
        || s.ends_with(':');
    if needs {
        format!("\"{}\"", s.replace('\\', "\\\\").replace('"', "\\\""))
    } else {
        s.to_string()
    }
}

pub fn article(root: &Path, title: &str, category: Option<&str>, quiet: bool) -> i32 {
    let title = vn::nfc(title.trim());
    let mut diags = Diagnostics::default();
    let Some(text) = load::read_text(root, "site.yaml", &mut diags) else {
        print_diags(&diags);
        eprintln!(
            "Không tìm thấy site.yaml trong {}; hãy chạy lệnh trong thư mục trang hoặc dùng --root.",
            root.display()
        );
        return CONTENT_ERROR;
    };
    let Some(config) = load::parse_config(&text, "site.yaml", &mut diags) else {
        print_diags(&diags);
        return CONTENT_ERROR;
    };
    let category = match category {
        Some(c) if config.category(c).is_none() => {
            let valid: Vec<&str> = config.categories.iter().map(|c| c.key.as_str()).collect();
            eprintln!(
                "danh mục `{c}` không có trong site.yaml; các danh mục hợp lệ: {}",
                valid.join(", ")
            );
            return 2;
        }
        Some(c) => c.to_string(),
        None => config.categories[0].key.clone(),
    };
    let slug = vn::slugify(&title);
    if slug.is_empty() {
        eprintln!("tiêu đề phải có ít nhất một chữ hoặc số");
        return 2;
    }
    let now = now_at(config.offset_minutes);
    let rel = format!("content/articles/{}/{slug}.md", now.year());
    let path = root.join(&rel);
    if path.exists() {
        eprintln!("{rel} đã có; chibo không ghi đè. Hãy đặt tiêu đề khác hoặc sửa tệp đó.");
        return CONTENT_ERROR;
    }
    let body = format!(
        "---\ntitle: {}\ndate: {} {:02}:{:02}\ncategory: {category}\ntags: []\nauthor: \nunit: {}\n# summary: Đoạn mở đầu (sapo); bỏ trống thì dùng đoạn đầu tiên của bài\ndraft: true\n---\n\nViết đoạn mở đầu ở đây.\n\n![Mô tả ảnh](static/ten-anh.jpg \"Chú thích ảnh\")\n",
        yaml_str(&title),
        now.date(),
        now.hour(),
        now.minute(),
        yaml_str(&config.unit.name),
    );
    // Leave the photo line as a hint only when the user has not got photos yet.
    let body = body.replace(
        "\n![Mô tả ảnh](static/ten-anh.jpg \"Chú thích ảnh\")\n",
        "\n<!-- Ảnh: ![Mô tả ảnh](static/ten-anh.jpg \"Chú thích ảnh\") -->\n",
    );
    if let Some(parent) = path.parent()
        && let Err(e) = std::fs::create_dir_all(parent)
    {
        eprintln!("không tạo được thư mục {}: {e}", parent.display());
        return CONTENT_ERROR;
    }
    // create_new: never overwrite, even if the file appeared meanwhile.
    match std::fs::OpenOptions::new()
        .write(true)
        .create_new(true)
        .open(&path)
    {
        Ok(mut f) => {
            use std::io::Write;
            if let Err(e) = f.write_all(body.as_bytes()) {
                eprintln!("không ghi được {rel}: {e}");
                return CONTENT_ERROR;
            }
        }
        Err(e) => {
            eprintln!("không tạo được {rel}: {e}");
            return CONTENT_ERROR;
        }
    }
    if !quiet {
        println!("Đã tạo {rel} (bản nháp: đổi `draft: true` thành `draft: false` khi muốn đăng).");
    } else {
        println!("{rel}");
    }
    OK
}

#[cfg(test)]
mod tests {
    use super::yaml_str;

    #[test]
    fn quotes_only_when_yaml_needs_it() {
        assert_eq!(
            yaml_str("Chi bộ tổ chức Lễ kết nạp"),
            "Chi bộ tổ chức Lễ kết nạp"
        );
        assert_eq!(yaml_str("Nghị quyết: kết quả"), "\"Nghị quyết: kết quả\"");
        assert_eq!(yaml_str("\"Dân vận khéo\""), "\"\\\"Dân vận khéo\\\"\"");
    }
}
