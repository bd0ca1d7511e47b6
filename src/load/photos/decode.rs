//! A photo decoded in bounded memory, already reduced towards the largest
//! size the site needs. The full image of a 120-megapixel photo would take
//! 360–480 MB; the pipeline never holds it:
//! - a JPEG is decoded at 1/2, 1/4 or 1/8 scale (DCT scaling) when that
//!   still gives the width needed;
//! - a PNG that is not interlaced is read row by row and averaged down by
//!   a whole factor as it goes, so only the reduced image is kept;
//! - anything else (a WebP, an interlaced PNG, a progressive JPEG, whose
//!   decoders keep the whole image) is decoded whole only up to
//!   [`FULL_DECODE_PIXELS`], and refused with the reason above it.

use std::io::Cursor;

use image::RgbImage;
use image::metadata::Orientation;

/// Most pixels decoded whole (4 bytes each while decoding): keeps the
/// preview under 256 MB with one such photo in work.
pub(super) const FULL_DECODE_PIXELS: u64 = 32_000_000;

/// A photo as the pipeline resizes it.
pub(super) struct Decoded {
    /// The pixels, reduced, in the stored orientation.
    pub rgb: RgbImage,
    /// How to turn it upright.
    pub orientation: Orientation,
    /// The original's size, in the stored orientation.
    pub width: u32,
    /// The original's height.
    pub height: u32,
}

/// Whether `o` turns the photo a quarter: its width becomes its height.
pub(super) fn turned(o: Orientation) -> bool {
    matches!(
        o,
        Orientation::Rotate90
            | Orientation::Rotate270
            | Orientation::Rotate90FlipH
            | Orientation::Rotate270FlipH
    )
}

/// The whole factor a side of `side` pixels may be divided by and still
/// give `need`.
fn factor(side: u32, need: u32) -> u32 {
    (side / need.max(1)).max(1)
}

fn too_big_whole(w: u32, h: u32, what: &str) -> String {
    format!(
        "ảnh {what} {w} × {h} điểm ảnh quá lớn để xử lý (loại ảnh này phải giải mã trọn, tối đa {} triệu điểm ảnh); hãy lưu lại thành JPEG thường hoặc thu nhỏ ảnh",
        FULL_DECODE_PIXELS / 1_000_000
    )
}

/// Decodes `bytes`, reduced so that its upright width stays at least
/// `need` (or its own width, when smaller).
pub(super) fn decode(bytes: &[u8], need: u32) -> Result<Decoded, String> {
    if bytes.starts_with(&[0xFF, 0xD8, 0xFF]) {
        return jpeg(bytes, need);
    }
    if bytes.starts_with(b"\x89PNG\r\n\x1a\n") {
        return png_rows(bytes, need);
    }
    whole(bytes, "WebP")
}

/// EXIF orientation from an EXIF block (`Exif\0\0` prefix or not).
fn orientation_of(exif: Option<&[u8]>) -> Orientation {
    exif.map(|e| e.strip_prefix(b"Exif\0\0").unwrap_or(e))
        .and_then(Orientation::from_exif_chunk)
        .unwrap_or(Orientation::NoTransforms)
}

fn jpeg(bytes: &[u8], need: u32) -> Result<Decoded, String> {
    use jpeg_decoder::{CodingProcess, Decoder, PixelFormat};
    let broken = |_| "không đọc được ảnh: tệp hỏng hoặc không đầy đủ".to_string();
    let mut d = Decoder::new(Cursor::new(bytes));
    d.read_info().map_err(broken)?;
    let info = d.info().ok_or("không đọc được ảnh JPEG")?;
    let (w, h) = (u32::from(info.width), u32::from(info.height));
    let orientation = orientation_of(d.exif_data());
    if info.coding_process != CodingProcess::DctSequential
        && u64::from(w) * u64::from(h) > FULL_DECODE_PIXELS
    {
        return Err(too_big_whole(w, h, "JPEG lũy tiến (progressive)"));
    }
    let upright_w = if turned(orientation) { h } else { w };
    let f = factor(upright_w, need).min(8);
    let (sw, sh) = d
        .scale(w.div_ceil(f) as u16, h.div_ceil(f) as u16)
        .map_err(broken)?;
    let px = d.decode().map_err(broken)?;
    let (sw, sh) = (u32::from(sw), u32::from(sh));
    let rgb: Vec<u8> = match info.pixel_format {
        PixelFormat::RGB24 => px,
        PixelFormat::L8 => px.iter().flat_map(|&g| [g, g, g]).collect(),
        PixelFormat::L16 => px
            .chunks_exact(2)
            .flat_map(|g| [g[0], g[0], g[0]])
            .collect(),
        PixelFormat::CMYK32 => px
            .chunks_exact(4)
            .flat_map(|p| {
                let k = u32::from(p[3]);
                [p[0], p[1], p[2]].map(|c| ((u32::from(c) * k + 127) / 255) as u8)
            })
            .collect(),
    };
    let rgb = RgbImage::from_raw(sw, sh, rgb).ok_or("không đọc được ảnh JPEG")?;
    Ok(Decoded {
        rgb,
        orientation,
        width: w,
        height: h,
    })
}

/// One pixel of a decoded PNG row as RGB on white.
fn on_white(p: &[u8]) -> [u32; 3] {
    let blend =
        |c: u8, a: u8| (u32::from(c) * u32::from(a) + 255 * (255 - u32::from(a)) + 127) / 255;
    match p.len() {
        1 => [u32::from(p[0]); 3],
        2 => [blend(p[0], p[1]); 3],
        3 => [u32::from(p[0]), u32::from(p[1]), u32::from(p[2])],
        _ => [blend(p[0], p[3]), blend(p[1], p[3]), blend(p[2], p[3])],
    }
}

fn png_rows(bytes: &[u8], need: u32) -> Result<Decoded, String> {
    let broken = |_| "không đọc được ảnh: tệp hỏng hoặc không đầy đủ".to_string();
    let mut dec = png::Decoder::new_with_limits(
        Cursor::new(bytes),
        png::Limits {
            bytes: 64 * 1024 * 1024,
        },
    );
    dec.set_transformations(png::Transformations::normalize_to_color8());
    let mut reader = dec.read_info().map_err(broken)?;
    let (w, h, interlaced) = {
        let i = reader.info();
        (i.width, i.height, i.interlaced)
    };
    let orientation = orientation_of(reader.info().exif_metadata.as_deref());
    if interlaced {
        drop(reader);
        return whole(bytes, "PNG xen kẽ (interlaced)");
    }
    let channels = reader.output_color_type().0.samples();
    let upright_w = if turned(orientation) { h } else { w };
    let f = factor(upright_w, need);
    let (ow, oh) = (w.div_ceil(f), h.div_ceil(f));
    let mut out = Vec::with_capacity(ow as usize * oh as usize * 3);
    let mut sums = vec![0u32; ow as usize * 3];
    let mut counts = vec![0u32; ow as usize];
    let mut rows_in = 0;
    let flush = |sums: &mut [u32], counts: &mut [u32], out: &mut Vec<u8>| {
        for (x, n) in counts.iter_mut().enumerate() {
            for c in 0..3 {
                let s = &mut sums[x * 3 + c];
                out.push(((*s + *n / 2) / (*n).max(1)) as u8);
                *s = 0;
            }
            *n = 0;
        }
    };
    while let Some(row) = reader.next_row().map_err(broken)? {
        for (x, p) in row
            .data()
            .chunks_exact(channels)
            .enumerate()
            .take(w as usize)
        {
            let o = x / f as usize;
            let [r, g, b] = on_white(p);
            sums[o * 3] += r;
            sums[o * 3 + 1] += g;
            sums[o * 3 + 2] += b;
            counts[o] += 1;
        }
        rows_in += 1;
        if rows_in == f {
            flush(&mut sums, &mut counts, &mut out);
            rows_in = 0;
        }
    }
    if rows_in > 0 {
        flush(&mut sums, &mut counts, &mut out);
    }
    let rgb =
        RgbImage::from_raw(ow, oh, out).ok_or("không đọc được ảnh: tệp hỏng hoặc không đầy đủ")?;
    Ok(Decoded {
        rgb,
        orientation,
        width: w,
        height: h,
    })
}

/// Decodes the whole image (within [`FULL_DECODE_PIXELS`]); transparent
/// parts laid on white, in place.
fn whole(bytes: &[u8], what: &str) -> Result<Decoded, String> {
    use image::ImageDecoder;
    let reader = super::limited_reader(bytes)?;
    let mut decoder = reader.into_decoder().map_err(|e| super::unreadable(&e))?;
    let (w, h) = decoder.dimensions();
    if u64::from(w) * u64::from(h) > FULL_DECODE_PIXELS {
        return Err(too_big_whole(w, h, what));
    }
    let orientation = decoder.orientation().unwrap_or(Orientation::NoTransforms);
    let img = image::DynamicImage::from_decoder(decoder).map_err(|e| super::unreadable(&e))?;
    let rgb = if img.color().has_alpha() {
        let mut px = img.into_rgba8().into_raw();
        let n = px.len() / 4;
        for i in 0..n {
            let p = [px[i * 4], px[i * 4 + 1], px[i * 4 + 2], px[i * 4 + 3]];
            let [r, g, b] = on_white(&p);
            // Written at 3i, read at 4i: never ahead of what is still read.
            px[i * 3] = r as u8;
            px[i * 3 + 1] = g as u8;
            px[i * 3 + 2] = b as u8;
        }
        px.truncate(n * 3);
        px.shrink_to_fit();
        RgbImage::from_raw(w, h, px).ok_or("không đọc được ảnh")?
    } else {
        img.into_rgb8()
    };
    Ok(Decoded {
        rgb,
        orientation,
        width: w,
        height: h,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn png_of(w: u32, h: u32, rgba: [u8; 4]) -> Vec<u8> {
        let mut out = Vec::new();
        let mut e = png::Encoder::new(&mut out, w, h);
        e.set_color(png::ColorType::Rgba);
        let mut wr = e.write_header().unwrap();
        let row: Vec<u8> = (0..w).flat_map(|_| rgba).collect();
        let mut s = wr.stream_writer().unwrap();
        for _ in 0..h {
            std::io::Write::write_all(&mut s, &row).unwrap();
        }
        s.finish().unwrap();
        wr.finish().unwrap();
        out
    }

    #[test]
    fn a_whole_decode_lays_transparent_pixels_on_white_in_place() {
        let d = whole(&png_of(3, 2, [0, 0, 0, 0]), "PNG").unwrap();
        assert_eq!(d.rgb.dimensions(), (3, 2));
        assert!(d.rgb.pixels().all(|p| p.0 == [255, 255, 255]));
        let d = whole(&png_of(3, 2, [10, 20, 30, 255]), "PNG").unwrap();
        assert!(d.rgb.pixels().all(|p| p.0 == [10, 20, 30]));
    }

    #[test]
    fn a_large_png_is_averaged_down_row_by_row_onto_white() {
        let d = decode(&png_of(4000, 3000, [0, 0, 0, 0]), 1600).unwrap();
        assert_eq!((d.width, d.height), (4000, 3000));
        assert_eq!(d.rgb.dimensions(), (2000, 1500));
        assert_eq!(d.rgb.get_pixel(10, 10).0, [255, 255, 255]);
        let d = decode(&png_of(300, 200, [10, 20, 30, 255]), 1600).unwrap();
        assert_eq!(d.rgb.dimensions(), (300, 200));
        assert_eq!(d.rgb.get_pixel(299, 199).0, [10, 20, 30]);
    }

    #[test]
    fn a_large_jpeg_is_decoded_at_a_reduced_scale() {
        let img = RgbImage::from_pixel(4000, 3000, image::Rgb([40, 80, 120]));
        let mut out = Vec::new();
        jpeg_encoder::Encoder::new(&mut out, 80)
            .encode(img.as_raw(), 4000, 3000, jpeg_encoder::ColorType::Rgb)
            .unwrap();
        let d = decode(&out, 1600).unwrap();
        assert_eq!((d.width, d.height), (4000, 3000));
        assert_eq!(d.rgb.dimensions(), (2000, 1500));
        let p = d.rgb.get_pixel(1000, 700).0;
        assert!(
            p.iter().zip([40, 80, 120]).all(|(a, b)| a.abs_diff(b) < 4),
            "{p:?}"
        );
    }

    #[test]
    fn whole_factors_keep_the_width_needed() {
        assert_eq!(factor(10_000, 1600), 6);
        assert_eq!(factor(1000, 1600), 1);
        assert_eq!(factor(3200, 1600), 2);
    }
}
