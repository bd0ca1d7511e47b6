//! A phone photo made on the spot: a JPEG of the given size whose EXIF
//! says it was taken sideways (orientation 6: turn 90° clockwise to view)
//! and where (GPS: Lạng Sơn). The stored image has a red top-left corner,
//! so a viewer can tell whether it was turned.
#![allow(dead_code, unreachable_pub)]

/// JPEG bytes with an APP1 EXIF segment (IFD0: orientation, GPS pointer;
/// GPS IFD: latitude and longitude).
pub fn phone_jpeg(width: u32, height: u32, orientation: u16) -> Vec<u8> {
    let img = image::RgbImage::from_fn(width, height, |x, y| {
        if x < width / 4 && y < height / 4 {
            image::Rgb([220, 30, 30])
        } else {
            // A soft gradient with fine texture, so that it compresses
            // like a photo rather than a flat picture.
            let n = ((x.wrapping_mul(7919) ^ y.wrapping_mul(104_729)) % 23) as u8;
            image::Rgb([
                (40 + (x * 120 / width) as u8).saturating_add(n),
                (90 + (y * 100 / height) as u8).saturating_add(n),
                (160u8).saturating_add(n),
            ])
        }
    });
    let mut jpeg = Vec::new();
    image::codecs::jpeg::JpegEncoder::new_with_quality(&mut jpeg, 88)
        .encode_image(&img)
        .unwrap();
    with_exif(&jpeg, orientation)
}

/// A JPEG with an EXIF segment (orientation, GPS) put after its start.
pub fn with_exif(jpeg: &[u8], orientation: u16) -> Vec<u8> {
    let exif = exif_segment(orientation);
    let mut out = Vec::with_capacity(jpeg.len() + exif.len());
    out.extend_from_slice(&jpeg[..2]); // SOI
    out.extend_from_slice(&exif);
    out.extend_from_slice(&jpeg[2..]);
    out
}

fn exif_segment(orientation: u16) -> Vec<u8> {
    let mut t: Vec<u8> = Vec::new();
    t.extend_from_slice(b"II\x2a\x00\x08\x00\x00\x00");
    let entry = |t: &mut Vec<u8>, tag: u16, typ: u16, count: u32, value: u32| {
        t.extend_from_slice(&tag.to_le_bytes());
        t.extend_from_slice(&typ.to_le_bytes());
        t.extend_from_slice(&count.to_le_bytes());
        t.extend_from_slice(&value.to_le_bytes());
    };
    // IFD0 at 8: 2 entries → 2 + 24 + 4 = 30 bytes; GPS IFD at 38.
    t.extend_from_slice(&2u16.to_le_bytes());
    entry(&mut t, 0x0112, 3, 1, u32::from(orientation));
    entry(&mut t, 0x8825, 4, 1, 38);
    t.extend_from_slice(&0u32.to_le_bytes());
    // GPS IFD at 38: 4 entries → 2 + 48 + 4 = 54 bytes; data at 92.
    t.extend_from_slice(&4u16.to_le_bytes());
    entry(&mut t, 0x0001, 2, 2, u32::from_le_bytes(*b"N\0\0\0"));
    entry(&mut t, 0x0002, 5, 3, 92);
    entry(&mut t, 0x0003, 2, 2, u32::from_le_bytes(*b"E\0\0\0"));
    entry(&mut t, 0x0004, 5, 3, 116);
    t.extend_from_slice(&0u32.to_le_bytes());
    for (num, den) in [
        (21u32, 1u32),
        (50, 1),
        (3000, 100),
        (106, 1),
        (45, 1),
        (1200, 100),
    ] {
        t.extend_from_slice(&num.to_le_bytes());
        t.extend_from_slice(&den.to_le_bytes());
    }
    let mut seg = vec![0xFF, 0xE1];
    let len = (2 + 6 + t.len()) as u16;
    seg.extend_from_slice(&len.to_be_bytes());
    seg.extend_from_slice(b"Exif\0\0");
    seg.extend_from_slice(&t);
    seg
}

/// Whether `bytes` carry EXIF or a GPS block anywhere.
pub fn has_exif_or_gps(bytes: &[u8]) -> bool {
    bytes.windows(6).any(|w| w == b"Exif\0\0") || bytes.windows(4).any(|w| w == b"\x25\x88\x04\x00")
}
