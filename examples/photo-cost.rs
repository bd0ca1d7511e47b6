//! What each step of the photo pipeline costs on one 12-megapixel phone
//! JPEG (4032 × 3024, stored sideways), on one core:
//!
//!     cargo run --release --example photo-cost
//!
//! The steps are those of `load::photos` (decode, turn, resize to 480, 960
//! and 1600 px plus the 1200-px share size, progressive JPEG q80, WebP q75
//! method 2), timed one by one; medians of 5 runs.

#[path = "../tests/common/exif.rs"]
mod exif;

use std::time::Instant;

use fast_image_resize as fr;
use image::{DynamicImage, ImageDecoder};

fn median(mut v: Vec<f64>) -> f64 {
    v.sort_by(f64::total_cmp);
    v[v.len() / 2]
}

fn main() {
    let bytes = exif::phone_jpeg(4032, 3024, 6);
    println!(
        "photo: 4032 × 3024, {} KB, orientation 6",
        bytes.len() / 1024
    );
    let mut t = std::collections::BTreeMap::<&str, Vec<f64>>::new();
    for _ in 0..5 {
        let clock = Instant::now();
        let mut dec = image::ImageReader::new(std::io::Cursor::new(&bytes))
            .with_guessed_format()
            .unwrap()
            .into_decoder()
            .unwrap();
        let orientation = dec.orientation().unwrap();
        let rgb = DynamicImage::from_decoder(dec).unwrap().into_rgb8();
        t.entry("1 decode (image)")
            .or_default()
            .push(clock.elapsed().as_secs_f64());
        let (sw, sh) = rgb.dimensions();
        let mut resize_s = 0.0;
        let mut turn_s = 0.0;
        let mut jpeg_s = 0.0;
        let mut webp_s = 0.0;
        for (w, webp) in [(480u32, true), (960, true), (1600, true), (1200, false)] {
            // Upright width w of a turned photo: stored height w.
            let h = w * 4032 / 3024;
            let clock = Instant::now();
            let from =
                fr::images::ImageRef::new(sw, sh, rgb.as_raw(), fr::PixelType::U8x3).unwrap();
            let mut to = fr::images::Image::new(h, w, fr::PixelType::U8x3);
            fr::Resizer::new()
                .resize(
                    &from,
                    &mut to,
                    &fr::ResizeOptions::new()
                        .resize_alg(fr::ResizeAlg::Convolution(fr::FilterType::Lanczos3)),
                )
                .unwrap();
            resize_s += clock.elapsed().as_secs_f64();
            let clock = Instant::now();
            let mut up =
                DynamicImage::ImageRgb8(image::RgbImage::from_raw(h, w, to.into_vec()).unwrap());
            up.apply_orientation(orientation);
            let up = up.into_rgb8();
            turn_s += clock.elapsed().as_secs_f64();
            let clock = Instant::now();
            let mut out = Vec::new();
            let mut enc = jpeg_encoder::Encoder::new(&mut out, 80);
            enc.set_progressive(true);
            enc.set_optimized_huffman_tables(true);
            enc.encode(
                up.as_raw(),
                up.width() as u16,
                up.height() as u16,
                jpeg_encoder::ColorType::Rgb,
            )
            .unwrap();
            jpeg_s += clock.elapsed().as_secs_f64();
            if webp {
                let clock = Instant::now();
                let mut cfg = webp::WebPConfig::new().unwrap();
                cfg.quality = 75.0;
                cfg.method = 2;
                let _ = webp::Encoder::from_rgb(up.as_raw(), up.width(), up.height())
                    .encode_advanced(&cfg)
                    .unwrap();
                webp_s += clock.elapsed().as_secs_f64();
            }
        }
        t.entry("2 resize ×4 (fast_image_resize, Lanczos3)")
            .or_default()
            .push(resize_s);
        t.entry("3 turn upright ×4 (after resizing)")
            .or_default()
            .push(turn_s);
        t.entry("4 JPEG ×4 (jpeg-encoder, progressive)")
            .or_default()
            .push(jpeg_s);
        t.entry("5 WebP ×3 (webp, method 2)")
            .or_default()
            .push(webp_s);
    }
    let mut total = 0.0;
    for (step, v) in &t {
        let m = median(v.clone());
        total += m;
        println!("{:<44} {:>6.0} ms", &step[2..], m * 1000.0);
    }
    println!("{:<44} {:>6.0} ms", "total, one core", total * 1000.0);
}
