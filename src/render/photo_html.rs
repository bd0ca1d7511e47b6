//! The markup of a processed photo: `<picture>` with a WebP source and a
//! JPEG `<img>`, both with `srcset`, `sizes` matching the theme's column,
//! and the width and height of the size shown, so nothing moves while the
//! page loads.

use crate::diag::{Diagnostics, Pos};
use crate::model::PhotoSizes;
use crate::render::escape;
use crate::render::md_input::MdInput;

/// How wide the theme shows a photo: the column is 860 px less padding.
pub const SIZES: &str = "(max-width: 860px) 100vw, 828px";

/// A photo to show: processed (its sizes) or as it is (an address).
pub enum PhotoRef<'a> {
    /// Processed by the pipeline, with the site's base path.
    Sized(&'a PhotoSizes, &'a str),
    /// Processed, for paper: the largest size only.
    Print(&'a PhotoSizes, &'a str),
    /// An address used as it is (a photo on another site).
    Plain(&'a str),
}

impl<'a> PhotoRef<'a> {
    /// The photo at `src`: its sizes when the pipeline made them (for
    /// paper when `print`), else the address as it is.
    pub fn of(sized: Option<&'a PhotoSizes>, src: &'a str, base: &'a str, print: bool) -> Self {
        match sized {
            Some(p) if print => PhotoRef::Print(p, base),
            Some(p) => PhotoRef::Sized(p, base),
            None => PhotoRef::Plain(src),
        }
    }
}

fn srcset(p: &PhotoSizes, base: &str, webp: bool) -> String {
    p.sizes
        .iter()
        .filter_map(|r| {
            let f = if webp { r.webp.as_deref()? } else { &r.jpeg };
            Some(format!("{base}/{} {}w", escape(f), r.width))
        })
        .collect::<Vec<_>>()
        .join(", ")
}

/// The `<picture>` (or `<img>`) of a photo. `eager`: the first photo of a
/// page, loaded at once and first; the others wait until scrolled near.
pub fn picture_html(photo: &PhotoRef<'_>, alt: &str, eager: bool) -> String {
    let load = if eager {
        "fetchpriority=\"high\" decoding=\"async\""
    } else {
        "loading=\"lazy\" decoding=\"async\""
    };
    match photo {
        PhotoRef::Plain(src) => format!(
            "<img src=\"{}\" alt=\"{}\" {load}>",
            escape(src),
            escape(alt)
        ),
        PhotoRef::Print(p, base) => {
            let r = p.largest();
            format!(
                "<img src=\"{base}/{}\" width=\"{}\" height=\"{}\" alt=\"{}\">",
                escape(&r.jpeg),
                r.width,
                r.height,
                escape(alt)
            )
        }
        PhotoRef::Sized(p, base) => {
            let shown = p.at_least(960);
            format!(
                "<picture><source type=\"image/webp\" srcset=\"{}\" sizes=\"{SIZES}\"><img src=\"{base}/{}\" srcset=\"{}\" sizes=\"{SIZES}\" width=\"{}\" height=\"{}\" alt=\"{}\" {load}></picture>",
                srcset(p, base, true),
                escape(&shown.jpeg),
                srcset(p, base, false),
                shown.width,
                shown.height,
                escape(alt)
            )
        }
    }
}

/// A captioned photo: `<figure class="photo"><picture>…<figcaption>…`.
pub fn figure_html(photo: &PhotoRef<'_>, alt: &str, caption: &str, eager: bool) -> String {
    let mut html = format!(
        "<figure class=\"photo\">{}",
        picture_html(photo, alt, eager)
    );
    if !caption.is_empty() {
        html.push_str(&format!("<figcaption>{}</figcaption>", escape(caption)));
    }
    html.push_str("</figure>\n");
    html
}

/// Below this width the first photo of an article looks blurred on a
/// computer screen (the theme's column is 828 px).
const HERO_MIN_WIDTH: u32 = 960;

/// What a reader misses about a photo: words for those who cannot see it,
/// and, at the top of an article, enough pixels.
#[allow(clippy::too_many_arguments)]
pub(crate) fn photo_warnings(
    dest: &str,
    sized: Option<&PhotoSizes>,
    alt: &str,
    caption: &str,
    first: bool,
    input: &MdInput<'_>,
    pos: Pos,
    diags: &mut Diagnostics,
) {
    let dest = crate::diag::clip(dest);
    if alt.is_empty() && caption.is_empty() {
        diags.warning(
            input.path,
            pos,
            format!("ảnh `{dest}` không có lời mô tả: viết `![mô tả ảnh]({dest} \"chú thích\")` để người dùng trình đọc màn hình và máy tìm kiếm biết ảnh nói gì"),
        );
    }
    if let Some(p) = sized
        && first
        && !input.print
        && p.width < HERO_MIN_WIDTH
    {
        diags.warning(
            input.path,
            pos,
            format!(
                "ảnh đầu bài `{dest}` chỉ rộng {} px: ảnh đầu bài nên rộng ít nhất {HERO_MIN_WIDTH} px để rõ nét trên màn hình máy tính",
                p.width
            ),
        );
    }
}
