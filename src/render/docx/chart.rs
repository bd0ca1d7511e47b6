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

/// The first of [`SERIFS`] whose regular and bold faces both have every
/// Vietnamese letter (U+1EA0–U+1EF9): a family without them (Debian's
/// older Liberation Serif 1.07) would draw the chart's bold titles glyph by
/// glyph in another font.
fn chart_family(db: &usvg::fontdb::Database) -> Option<&'static str> {
    let vietnamese = |id| {
        db.with_face_data(id, |data, index| {
            ttf_parser::Face::parse(data, index)
                .is_ok_and(|f| ('\u{1ea0}'..='\u{1ef9}').all(|c| f.glyph_index(c).is_some()))
        })
        .unwrap_or(false)
    };
    SERIFS.iter().copied().find(|family| {
        let faces: Vec<_> = db
            .faces()
            .filter(|face| {
                face.families
                    .iter()
                    .any(|(name, _)| name.eq_ignore_ascii_case(family))
                    && face.style == usvg::fontdb::Style::Normal
            })
            .collect();
        let has = |bold: bool| {
            faces
                .iter()
                .any(|f| (f.weight.0 >= 600) == bold && vietnamese(f.id))
        };
        has(false) && has(true)
    })
}

/// The PNG of the first `<svg>…</svg>` in `html`, with its size in pixels;
/// `None` when there is none or it cannot be drawn.
pub(crate) fn chart_png(html: &str) -> Option<(Vec<u8>, u32, u32)> {
    let start = html.find("<svg")?;
    let end = html[start..].find("</svg>")? + start + "</svg>".len();
    let svg = &html[start..end];
    let mut opt = usvg::Options::default();
    let db = opt.fontdb_mut();
    db.load_system_fonts();
    opt.font_family = chart_family(&opt.fontdb).unwrap_or("serif").to_string();
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
    fn the_chart_font_has_every_vietnamese_letter_in_regular_and_bold() {
        let mut db = usvg::fontdb::Database::new();
        db.load_system_fonts();
        let family = chart_family(&db);
        let ci = std::env::var("CI").is_ok_and(|v| !v.is_empty() && v != "false" && v != "0");
        if family.is_none() && !ci {
            eprintln!(
                "NOT RUN: no serif with every Vietnamese letter (.ci/run installs fonts-liberation2)"
            );
            return;
        }
        assert!(
            matches!(
                family,
                Some("Times New Roman" | "Liberation Serif" | "Tinos")
            ),
            "{family:?}"
        );
    }

    #[test]
    fn the_chart_svg_becomes_a_png_of_three_times_its_size() {
        let svg = crate::render::figures_html::meetings_chart(&[]);
        let (png, w, h) = chart_png(&svg).expect("drawn");
        assert_eq!((w, h), (1920, 840));
        assert!(png.starts_with(b"\x89PNG"));
        assert!(chart_png("<p>no chart</p>").is_none());
    }
}
