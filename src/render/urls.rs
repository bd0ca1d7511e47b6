//! Addresses written in bodies: which are safe to publish, and where a
//! photo written `static/…` is published.

use crate::render::md_input::MdInput;
use crate::vn;

pub(crate) use crate::text::safe_url;

/// The address of the site's icon: `favicon:` of site.yaml (its smallest
/// size when it is a photo the pipeline made), else chibo's own.
pub(crate) fn favicon(site: &crate::model::Site, base_path: &str) -> String {
    match &site.config.favicon {
        Some(f) => match site.photos.by_source.get(f) {
            Some(p) => format!("{base_path}/{}", p.sizes.first().unwrap_or(&p.share).jpeg),
            None => format!("{base_path}/{f}"),
        },
        None => format!("{base_path}/assets/favicon.svg"),
    }
}

/// Resolves a photo path written in Markdown. `static/x.jpg` (relative to
/// content/) must exist; it becomes `{base_path}/static/x.jpg`. Absolute
/// web addresses are left alone. Anything that climbs out is refused.
/// [`photo_url`], and the photo's sizes when the pipeline made them.
pub(crate) fn photo_ref<'a>(
    dest: &str,
    input: &MdInput<'a>,
) -> Result<(String, Option<&'a crate::model::PhotoSizes>), String> {
    let url = photo_url(dest, input)?;
    let sized = url
        .strip_prefix(input.base_path)
        .and_then(|r| r.strip_prefix('/'))
        .and_then(|rel| {
            input
                .photos
                .get(rel)
                .or_else(|| input.photos.get(&percent_decode(rel)))
        });
    Ok((url, sized))
}

pub(crate) fn photo_url(dest: &str, input: &MdInput<'_>) -> Result<String, String> {
    let d = dest.trim();
    let dest = crate::diag::clip(dest);
    if d.starts_with("http://") || d.starts_with("https://") {
        return Ok(d.to_string());
    }
    if !safe_url(d) {
        return Err(format!("đường dẫn ảnh `{dest}` không được phép"));
    }
    let rel = d.trim_start_matches("./").trim_start_matches('/');
    let rel = rel.strip_prefix("content/").unwrap_or(rel);
    if rel.split(['/', '\\']).any(|c| c == ".." || c.is_empty()) || d.contains('\\') {
        return Err(format!(
            "đường dẫn ảnh `{dest}` không hợp lệ: không dùng `..` hay `\\`; hãy đặt ảnh trong content/static/ và viết `static/ten-anh.jpg`"
        ));
    }
    let decoded = percent_decode(rel);
    if !rel.starts_with("static/") {
        return Err(format!(
            "ảnh `{dest}` phải nằm trong thư mục content/static/ và được viết là `static/…`"
        ));
    }
    if !input.static_files.contains(&decoded) && !input.static_files.contains(rel) {
        return Err(format!(
            "không tìm thấy ảnh `{dest}` (tìm ở content/{})",
            crate::diag::clip(&decoded)
        ));
    }
    Ok(format!("{}/{}", input.base_path, rel))
}

/// `%XX` decoded (a photo written as `static/l%E1%BB%85.jpg`), NFC.
pub(crate) fn percent_decode(s: &str) -> String {
    percent_encoding::percent_decode_str(s)
        .decode_utf8()
        .map_or_else(|_| s.to_string(), |d| vn::nfc(&d))
}
