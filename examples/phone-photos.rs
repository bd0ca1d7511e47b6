//! Makes the example site's photos from the drawings in `examples/anh-goc/`:
//! two as a phone stores them (4032 × 3024, kept sideways with EXIF
//! orientation 6 and the GPS position of Lạng Sơn), the others 1600 px
//! wide without metadata, and a 1600-px copy for `chibo init`.
//!
//!     cargo run --release --example phone-photos
//!
//! The output is committed; run this again only to change the photos.

#[path = "../tests/common/exif.rs"]
mod exif;

use std::path::Path;

fn photo_like(src: &Path, w: u32, h: u32) -> image::RgbImage {
    let img = image::open(src).unwrap().to_rgb8();
    let mut big = image::imageops::resize(&img, w, h, image::imageops::FilterType::Triangle);
    // A little grain, as a camera sensor gives.
    let mut seed: u32 = 0x9e37_79b9;
    for p in big.pixels_mut() {
        seed ^= seed << 13;
        seed ^= seed >> 17;
        seed ^= seed << 5;
        let n = (seed % 7) as i16 - 3;
        for c in 0..3 {
            p[c] = (i16::from(p[c]) + n).clamp(0, 255) as u8;
        }
    }
    big
}

fn jpeg(img: &image::RgbImage, quality: u8) -> Vec<u8> {
    let mut out = Vec::new();
    image::codecs::jpeg::JpegEncoder::new_with_quality(&mut out, quality)
        .encode_image(img)
        .unwrap();
    out
}

fn main() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let from = root.join("examples/anh-goc");
    let to = root.join("content/static/anh");
    std::fs::create_dir_all(&to).unwrap();
    for name in ["sinh-hoat-chuyen-de", "le-ket-nap"] {
        let upright = photo_like(&from.join(format!("{name}.png")), 4032, 3024);
        // Stored as the phone held it: turned a quarter to the left, with
        // orientation 6 telling viewers to turn it back.
        let stored = image::imageops::rotate270(&upright);
        let bytes = exif::with_exif(&jpeg(&stored, 85), 6);
        std::fs::write(to.join(format!("{name}.jpg")), &bytes).unwrap();
        println!(
            "{name}.jpg: {} KB, stored 3024 × 4032, orientation 6, GPS",
            bytes.len() / 1024
        );
    }
    for name in ["hoc-tap-nghi-quyet", "dan-van-kheo", "kiem-tra-giam-sat"] {
        let bytes = jpeg(
            &photo_like(&from.join(format!("{name}.png")), 1600, 1000),
            85,
        );
        std::fs::write(to.join(format!("{name}.jpg")), &bytes).unwrap();
        println!("{name}.jpg: {} KB, 1600 × 1000", bytes.len() / 1024);
    }
    let init = jpeg(
        &photo_like(&from.join("sinh-hoat-chuyen-de.png"), 1600, 1000),
        80,
    );
    std::fs::write(from.join("sinh-hoat-chuyen-de-1600.jpg"), &init).unwrap();
    println!(
        "anh-goc/sinh-hoat-chuyen-de-1600.jpg (chibo init): {} KB",
        init.len() / 1024
    );
}
