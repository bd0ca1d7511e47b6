//! The report's chart as a PNG for the Word file: the very SVG the HTML
//! shows, drawn by resvg with a serif from the system for its words.

use resvg::{tiny_skia, usvg};

/// Pixels per SVG unit: the 640-unit-wide chart becomes 1,920 px, sharp
/// when printed 16 cm wide (about 300 dots per inch).
const SCALE: f32 = 3.0;

/// The serif families tried for the chart's words, in order.
const SERIFS: &[&str] = &[
    "Times New Roman",
    "Liberation Serif",
    "Tinos",
    "DejaVu Serif",
];

/// The PNG of the first `<svg>…</svg>` in `html`, with its size in pixels;
/// `None` when there is none or it cannot be drawn.
pub(crate) fn chart_png(html: &str) -> Option<(Vec<u8>, u32, u32)> {
    let start = html.find("<svg")?;
    let end = html[start..].find("</svg>")? + start + "</svg>".len();
    let svg = &html[start..end];
    let mut opt = usvg::Options::default();
    let db = opt.fontdb_mut();
    db.load_system_fonts();
    let family = SERIFS
        .iter()
        .find(|f| {
            db.faces().any(|face| {
                face.families
                    .iter()
                    .any(|(name, _)| name.eq_ignore_ascii_case(f))
            })
        })
        .copied()
        .unwrap_or("serif");
    opt.font_family = family.to_string();
    let tree = usvg::Tree::from_str(svg, &opt).ok()?;
    let size = tree.size();
    let (w, h) = (
        (size.width() * SCALE).ceil() as u32,
        (size.height() * SCALE).ceil() as u32,
    );
    let mut pixmap = tiny_skia::Pixmap::new(w, h)?;
    pixmap.fill(tiny_skia::Color::WHITE);
    resvg::render(
        &tree,
        tiny_skia::Transform::from_scale(SCALE, SCALE),
        &mut pixmap.as_mut(),
    );
    let png = pixmap.encode_png().ok()?;
    Some((png, w, h))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_chart_svg_becomes_a_png_of_three_times_its_size() {
        let svg = crate::render::figures_html::meetings_chart(&[]);
        let (png, w, h) = chart_png(&svg).expect("drawn");
        assert_eq!((w, h), (1920, 840));
        assert!(png.starts_with(b"\x89PNG"));
        assert!(chart_png("<p>no chart</p>").is_none());
    }
}
